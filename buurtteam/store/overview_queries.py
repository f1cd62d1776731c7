"""The Overzicht's reads in plain SQL, run by a session or by bare `sqlite3` alike.

The window's first screen is the overview. Reading it through the ORM would mean loading
SQLAlchemy and the models first, three times as long as Qt itself takes to show a window;
so the first screen is read with the standard library's `sqlite3` (see `first_look`) while
the data stack loads, and every later read runs the very same SQL through a session
(`SessionReader`). One set of queries, so the first screen and the page never disagree.

The SQL is the portable kind both SQLite and PostgreSQL run. Values come back as the
driver gives them: on SQLite dates are the text SQLAlchemy stored, money is integer cents.
No module-level import of SQLAlchemy: this module is on the fast path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from buurtteam.domain.ledger import Ledger, ledger
from buurtteam.domain.letters import StepFact, overdue_reply
from buurtteam.domain.money import ZERO, from_cents
from buurtteam.domain.overview import (
    NeighbourhoodRow,
    NextMeeting,
    OpenAction,
    OverduePoint,
    Overview,
    ReplyFlag,
)
from buurtteam.domain.text import fold
from buurtteam.domain.vocab import (
    DEFAULT_REPLY_WEEKS,
    IssueStatus,
    MeetingStatus,
    PointStatus,
    ProposalStatus,
    RequestState,
    StepKind,
)
from buurtteam.errors import N_, NotFound

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.orm import Session

Row = Sequence[Any]

# SQLAlchemy's own text forms on SQLite, so a bound value compares the way it stored them.
_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


if TYPE_CHECKING:  # a class made only for the type checker: this module is on the fast path

    class Reader(Protocol):
        def rows(self, sql: str, params: Mapping[str, object]) -> list[Row]: ...


def _sqlite_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime(_SQLITE_DATETIME)
    if isinstance(value, date):
        return value.isoformat()
    return value


class SqliteReader:
    """Reads through a bare `sqlite3` connection."""

    __slots__ = ("connection",)

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, sql: str, params: Mapping[str, object]) -> list[Row]:
        bound = {name: _sqlite_value(value) for name, value in params.items()}
        return self.connection.execute(sql, bound).fetchall()


class SessionReader:
    """Reads inside a session's transaction, on SQLite or a database server."""

    __slots__ = ("session",)

    def __init__(self, session: Session) -> None:
        self.session = session

    def rows(self, sql: str, params: Mapping[str, object]) -> list[Row]:
        from sqlalchemy import text

        # What the ORM does before its own queries: changes made in this transaction and
        # not yet written are written first, so the read sees them.
        self.session.flush()
        if self.session.get_bind().dialect.name == "sqlite":
            params = {name: _sqlite_value(value) for name, value in params.items()}
        return list(self.session.execute(text(sql), params).all())


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _money(value: Any) -> Decimal:
    return from_cents(int(value))


def _in_list(prefix: str, values: Sequence[str]) -> tuple[str, dict[str, str]]:
    """`IN (:p0, :p1)` and its parameters: plain text SQL has no expanding parameters."""
    names = {f"{prefix}{index}": value for index, value in enumerate(values)}
    return ", ".join(f":{name}" for name in names), names


# -- neighbourhoods -----------------------------------------------------------------------


def neighbourhoods(reader: Reader) -> list[NeighbourhoodRow]:
    """All neighbourhoods, sorted by name the way a person reads them (case and accents aside)."""
    found = [
        NeighbourhoodRow(int(row[0]), row[1], row[2])
        for row in reader.rows("SELECT id, name, municipality FROM neighbourhood", {})
    ]
    return sorted(found, key=lambda n: (fold(n.name), n.name))


def neighbourhood_row(reader: Reader, neighbourhood_id: int) -> NeighbourhoodRow:
    """The neighbourhood, or NotFound (it may have been removed since the list was read)."""
    rows = reader.rows(
        "SELECT id, name, municipality FROM neighbourhood WHERE id = :id", {"id": neighbourhood_id}
    )
    if not rows:
        raise NotFound(N_("This neighbourhood no longer exists in the database."))
    return NeighbourhoodRow(int(rows[0][0]), rows[0][1], rows[0][2])


# -- the overview -------------------------------------------------------------------------


def overview(reader: Reader, neighbourhood_id: int, today: date) -> Overview:
    """The Overzicht of one neighbourhood on `today`.

    Raises:
        NotFound: when the neighbourhood does not exist.
    """
    return Overview(
        neighbourhood=neighbourhood_row(reader, neighbourhood_id),
        today=today,
        next_meeting=next_meeting(reader, neighbourhood_id, today),
        open_actions=open_actions(reader, neighbourhood_id, today),
        overdue_points=overdue_points(reader, neighbourhood_id, today),
        budget=year_ledger(reader, neighbourhood_id, today.year),
        reply_flags=reply_flags(reader, neighbourhood_id, today),
    )


def next_meeting(reader: Reader, neighbourhood_id: int, today: date) -> NextMeeting | None:
    """The first planned meeting from today on, with its agenda requests still waiting."""
    rows = reader.rows(
        "SELECT id, starts_at, location FROM meeting"
        " WHERE neighbourhood_id = :hood AND status = :planned AND starts_at >= :since"
        " ORDER BY starts_at, id LIMIT 1",
        {
            "hood": neighbourhood_id,
            "planned": MeetingStatus.PLANNED.value,
            "since": datetime.combine(today, time.min),
        },
    )
    if not rows:
        return None
    meeting_id, starts_at, location = rows[0]
    (pending,) = reader.rows(
        "SELECT count(id) FROM agenda_request WHERE meeting_id = :meeting AND state = :pending",
        {"meeting": meeting_id, "pending": RequestState.PENDING.value},
    )[0]
    return NextMeeting(int(meeting_id), _moment(starts_at), location, int(pending or 0))


def open_actions(reader: Reader, neighbourhood_id: int, today: date) -> tuple[OpenAction, ...]:
    """Actions not done yet: earliest deadline first, those without one last."""
    rows = reader.rows(
        "SELECT action.text, action.due, person.name, party.name, meeting.starts_at"
        " FROM action"
        " JOIN agenda_item ON action.agenda_item_id = agenda_item.id"
        " JOIN meeting ON agenda_item.meeting_id = meeting.id"
        " LEFT OUTER JOIN person ON action.owner_id = person.id"
        " LEFT OUTER JOIN party ON action.party_id = party.id"
        " WHERE meeting.neighbourhood_id = :hood AND action.done_on IS NULL"
        " ORDER BY action.due IS NULL, action.due, meeting.starts_at, action.id",
        {"hood": neighbourhood_id},
    )
    actions = []
    for text, due_value, owner, party, starts_at in rows:
        due = None if due_value is None else _day(due_value)
        actions.append(
            OpenAction(
                text=text,
                who=owner or party,
                due=due,
                meeting_date=_day(starts_at),
                overdue=due is not None and due < today,
            )
        )
    return tuple(actions)


def current_contract_id(reader: Reader, neighbourhood_id: int, today: date) -> int | None:
    """The contract in force: the latest one that has started by `today`.

    Older contracts are left out: their unfinished points were carried over or closed when
    the next contract began, and would otherwise crowd the overview.
    """
    rows = reader.rows(
        "SELECT id FROM contract WHERE neighbourhood_id = :hood AND starts_on <= :today"
        " ORDER BY starts_on DESC, id DESC LIMIT 1",
        {"hood": neighbourhood_id, "today": today},
    )
    return int(rows[0][0]) if rows else None


def overdue_points(reader: Reader, neighbourhood_id: int, today: date) -> tuple[OverduePoint, ...]:
    """Unfinished points of the contract in force whose deadline has passed."""
    contract_id = current_contract_id(reader, neighbourhood_id, today)
    if contract_id is None:
        return ()
    finished, finished_params = _in_list(
        "finished", [status.value for status in PointStatus if status.is_finished]
    )
    rows = reader.rows(
        "SELECT contract_point.number, contract_point.title, contract_point.due,"
        " contract_point.status, party.name"
        " FROM contract_point JOIN party ON contract_point.party_id = party.id"
        " WHERE contract_point.contract_id = :contract"
        f" AND contract_point.status NOT IN ({finished})"
        " AND contract_point.due < :today"
        " ORDER BY contract_point.due, contract_point.number",
        {"contract": contract_id, "today": today, **finished_params},
    )
    return tuple(
        OverduePoint(int(number), title, party, _day(due), PointStatus(status))
        for number, title, due, status, party in rows
    )


def reply_flags(reader: Reader, neighbourhood_id: int, today: date) -> tuple[ReplyFlag, ...]:
    """Open issues whose letter waits longer than `reply_weeks` (default six), oldest first.

    The rule itself is `buurtteam.domain.letters.overdue_reply`; a reminder is no reply.
    """
    term = reader.rows(
        "SELECT reply_weeks FROM neighbourhood WHERE id = :hood", {"hood": neighbourhood_id}
    )
    weeks = term[0][0] if term and term[0][0] is not None else DEFAULT_REPLY_WEEKS
    issues = reader.rows(
        "SELECT issue.id, issue.title, party.name FROM issue"
        " LEFT OUTER JOIN party ON issue.party_id = party.id"
        " WHERE issue.neighbourhood_id = :hood AND issue.status = :open ORDER BY issue.id",
        {"hood": neighbourhood_id, "open": IssueStatus.OPEN.value},
    )
    steps: dict[int, list[StepFact]] = {int(row[0]): [] for row in issues}
    for issue_id, day, kind, to, text in reader.rows(
        'SELECT issue_step.issue_id, issue_step.date, issue_step.kind, issue_step."to",'
        " issue_step.text FROM issue_step"
        " JOIN issue ON issue_step.issue_id = issue.id"
        " WHERE issue.neighbourhood_id = :hood AND issue.status = :open"
        " ORDER BY issue_step.date, issue_step.id",
        {"hood": neighbourhood_id, "open": IssueStatus.OPEN.value},
    ):
        steps[int(issue_id)].append(StepFact(_day(day), StepKind(kind), to, text))
    flags = []
    for issue_id, title, party in issues:
        letter = overdue_reply(IssueStatus.OPEN, steps[int(issue_id)], today, int(weeks))
        if letter is not None:
            flags.append(ReplyFlag(int(issue_id), title, party, letter))
    return tuple(sorted(flags, key=lambda flag: (flag.letter.sent_on, flag.issue_id)))


# -- the budget ---------------------------------------------------------------------------


def year_ledger(reader: Reader, neighbourhood_id: int, year: int) -> Ledger | None:
    """The year's ledger, or None when no budget is recorded for it."""
    rows = reader.rows(
        "SELECT amount, carry_over FROM budget_year"
        " WHERE neighbourhood_id = :hood AND year = :year",
        {"hood": neighbourhood_id, "year": year},
    )
    if not rows:
        return None
    amount, carry_over = rows[0]
    return ledger_of(
        reader,
        neighbourhood_id,
        year,
        _money(amount),
        None if carry_over is None else _money(carry_over),
    )


def ledger_of(
    reader: Reader, neighbourhood_id: int, year: int, amount: Decimal, carry_over: Decimal | None
) -> Ledger:
    """The ledger of `year` as it would be with this amount and carry-over (the recorded
    ones, or those a person is about to save): the year's grants and payments as stored.

    Counts what went on to the next year as carried out, so money is never spent twice.
    """
    granted_here = (
        " proposal.neighbourhood_id = :hood AND proposal.year = :year"
        " AND proposal.status = :granted"
    )
    params = {"hood": neighbourhood_id, "year": year, "granted": ProposalStatus.GRANTED.value}
    grants = reader.rows(
        f"SELECT amount_granted FROM proposal WHERE {granted_here} AND amount_granted IS NOT NULL",
        params,
    )
    payments = reader.rows(
        "SELECT payment.amount FROM payment JOIN proposal ON payment.proposal_id = proposal.id"
        f" WHERE {granted_here}",
        params,
    )
    carried = reader.rows(
        "SELECT carry_over FROM budget_year WHERE neighbourhood_id = :hood AND year = :next",
        {"hood": neighbourhood_id, "next": year + 1},
    )
    return ledger(
        year,
        amount,
        carry_over or ZERO,
        (_money(row[0]) for row in grants),
        (_money(row[0]) for row in payments),
        _money(carried[0][0]) if carried and carried[0][0] is not None else ZERO,
    )
