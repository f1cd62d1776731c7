"""What the Overzicht page shows: the state of one neighbourhood on one day.

Read-only: each function runs one read transaction and returns frozen dataclasses.
"Today" is passed in, never looked up here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from buurtteam.domain.budget import Ledger
from buurtteam.domain.contract import StepFact, UnansweredLetter, overdue_reply
from buurtteam.domain.text import fold
from buurtteam.domain.vocab import (
    DEFAULT_REPLY_WEEKS,
    IssueStatus,
    MeetingStatus,
    PointStatus,
    RequestState,
    StepKind,
)
from buurtteam.errors import N_, NotFound
from buurtteam.store.db import Database
from buurtteam.store.models import (
    Action,
    AgendaItem,
    AgendaRequest,
    Contract,
    ContractPoint,
    Issue,
    IssueStep,
    Meeting,
    Neighbourhood,
    Party,
    Person,
)

_FINISHED = [status.value for status in PointStatus if status.is_finished]


@dataclass(frozen=True)
class NeighbourhoodRow:
    id: int
    name: str
    municipality: str


@dataclass(frozen=True)
class NextMeeting:
    id: int
    starts_at: datetime
    location: str | None
    pending_requests: int


@dataclass(frozen=True)
class OpenAction:
    text: str
    who: str | None  # the owner's name, else the party's name
    due: date | None
    meeting_date: date
    overdue: bool


@dataclass(frozen=True)
class OverduePoint:
    number: int
    title: str
    party: str
    due: date
    status: PointStatus


@dataclass(frozen=True)
class ReplyFlag:
    """An open issue whose letter has waited longer than the team's reply term."""

    issue_id: int
    issue_title: str
    party: str | None
    letter: UnansweredLetter


@dataclass(frozen=True)
class Overview:
    neighbourhood: NeighbourhoodRow
    today: date
    next_meeting: NextMeeting | None
    open_actions: tuple[OpenAction, ...]
    overdue_points: tuple[OverduePoint, ...]
    budget: Ledger | None  # None when no budget is recorded for today's year
    reply_flags: tuple[ReplyFlag, ...] = ()  # letters without a reply in time, oldest first


def list_neighbourhoods(db: Database) -> list[NeighbourhoodRow]:
    """All neighbourhoods, sorted by name the way a person reads them (case and accents aside)."""
    with db.read() as session:
        rows = session.execute(
            select(Neighbourhood.id, Neighbourhood.name, Neighbourhood.municipality)
        ).all()
    found = [NeighbourhoodRow(row.id, row.name, row.municipality) for row in rows]
    return sorted(found, key=lambda n: (fold(n.name), n.name))


def neighbourhood_row(session: Session, neighbourhood_id: int) -> NeighbourhoodRow:
    """The neighbourhood, or NotFound (it may have been removed since the list was read)."""
    row = session.execute(
        select(Neighbourhood.id, Neighbourhood.name, Neighbourhood.municipality).where(
            Neighbourhood.id == neighbourhood_id
        )
    ).one_or_none()
    if row is None:
        raise NotFound(N_("This neighbourhood no longer exists in the database."))
    return NeighbourhoodRow(row.id, row.name, row.municipality)


def overview(db: Database, neighbourhood_id: int, today: date) -> Overview:
    """The Overzicht of one neighbourhood on `today`.

    Raises:
        NotFound: when the neighbourhood does not exist.
    """
    with db.read() as session:
        return Overview(
            neighbourhood=neighbourhood_row(session, neighbourhood_id),
            today=today,
            next_meeting=_next_meeting(session, neighbourhood_id, today),
            open_actions=_open_actions(session, neighbourhood_id, today),
            overdue_points=_overdue_points(session, neighbourhood_id, today),
            budget=_budget(session, neighbourhood_id, today.year),
            reply_flags=reply_flags(session, neighbourhood_id, today),
        )


def reply_flags(session: Session, neighbourhood_id: int, today: date) -> tuple[ReplyFlag, ...]:
    """Open issues whose letter waits longer than `reply_weeks` (default six), oldest first.

    The rule itself is `buurtteam.domain.contract.overdue_reply`; a reminder is no reply.
    """
    weeks = session.scalar(
        select(Neighbourhood.reply_weeks).where(Neighbourhood.id == neighbourhood_id)
    )
    rows = session.execute(
        select(Issue.id, Issue.title, Party.name.label("party"))
        .outerjoin(Party, Issue.party_id == Party.id)
        .where(Issue.neighbourhood_id == neighbourhood_id, Issue.status == IssueStatus.OPEN.value)
        .order_by(Issue.id)
    ).all()
    steps: dict[int, list[StepFact]] = {row.id: [] for row in rows}
    for step in session.execute(
        select(IssueStep.issue_id, IssueStep.date, IssueStep.kind, IssueStep.to, IssueStep.text)
        .where(
            IssueStep.issue_id.in_(
                select(Issue.id).where(Issue.neighbourhood_id == neighbourhood_id)
            )
        )
        .order_by(IssueStep.date, IssueStep.id)
    ).all():
        if step.issue_id in steps:
            steps[step.issue_id].append(
                StepFact(step.date, StepKind(step.kind), step.to, step.text)
            )
    flags = []
    for row in rows:
        letter = overdue_reply(
            IssueStatus.OPEN,
            steps[row.id],
            today,
            weeks if weeks is not None else DEFAULT_REPLY_WEEKS,
        )
        if letter is not None:
            flags.append(ReplyFlag(row.id, row.title, row.party, letter))
    return tuple(sorted(flags, key=lambda flag: (flag.letter.sent_on, flag.issue_id)))


def _next_meeting(session: Session, neighbourhood_id: int, today: date) -> NextMeeting | None:
    meeting = session.execute(
        select(Meeting.id, Meeting.starts_at, Meeting.location)
        .where(
            Meeting.neighbourhood_id == neighbourhood_id,
            Meeting.status == MeetingStatus.PLANNED.value,
            Meeting.starts_at >= datetime.combine(today, time.min),
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    ).one_or_none()
    if meeting is None:
        return None
    pending = session.scalar(
        select(func.count(AgendaRequest.id)).where(
            AgendaRequest.meeting_id == meeting.id,
            AgendaRequest.state == RequestState.PENDING.value,
        )
    )
    return NextMeeting(meeting.id, meeting.starts_at, meeting.location, pending or 0)


def _open_actions(session: Session, neighbourhood_id: int, today: date) -> tuple[OpenAction, ...]:
    rows = session.execute(
        select(
            Action.text,
            Action.due,
            Person.name.label("owner"),
            Party.name.label("party"),
            Meeting.starts_at,
        )
        .join(AgendaItem, Action.agenda_item_id == AgendaItem.id)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .outerjoin(Person, Action.owner_id == Person.id)
        .outerjoin(Party, Action.party_id == Party.id)
        .where(Meeting.neighbourhood_id == neighbourhood_id, Action.done_on.is_(None))
        # Earliest deadline first; actions without a deadline last, oldest meeting first.
        .order_by(Action.due.is_(None), Action.due, Meeting.starts_at, Action.id)
    ).all()
    return tuple(
        OpenAction(
            text=row.text,
            who=row.owner or row.party,
            due=row.due,
            meeting_date=row.starts_at.date(),
            overdue=row.due is not None and row.due < today,
        )
        for row in rows
    )


def current_contract_id(session: Session, neighbourhood_id: int, today: date) -> int | None:
    """The contract in force: the latest one that has started by `today`.

    Older contracts are left out: their unfinished points were carried over or closed when
    the next contract began, and would otherwise crowd the overview.
    """
    return session.scalar(
        select(Contract.id)
        .where(Contract.neighbourhood_id == neighbourhood_id, Contract.starts_on <= today)
        .order_by(Contract.starts_on.desc(), Contract.id.desc())
        .limit(1)
    )


def _overdue_points(
    session: Session, neighbourhood_id: int, today: date
) -> tuple[OverduePoint, ...]:
    contract_id = current_contract_id(session, neighbourhood_id, today)
    if contract_id is None:
        return ()
    rows = session.execute(
        select(ContractPoint.number, ContractPoint.title, ContractPoint.due, ContractPoint.status)
        .add_columns(Party.name.label("party"))
        .join(Party, ContractPoint.party_id == Party.id)
        .where(
            ContractPoint.contract_id == contract_id,
            ContractPoint.status.not_in(_FINISHED),
            ContractPoint.due < today,
        )
        .order_by(ContractPoint.due, ContractPoint.number)
    ).all()
    return tuple(
        OverduePoint(row.number, row.title, row.party, row.due, PointStatus(row.status))
        for row in rows
    )


def _budget(session: Session, neighbourhood_id: int, year: int) -> Ledger | None:
    # The budget page's own ledger: carry-over out of the year counts as spent there too.
    # Imported here: ops.budget builds on this module's rows.
    from buurtteam.ops.budget import read_ledger

    return read_ledger(session, neighbourhood_id, year)
