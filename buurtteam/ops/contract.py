"""Use cases of the buurtcontract: the register, a point's history, changes, import, printing.

Each function is one transaction and returns plain frozen values (no ORM objects).
"Today" is passed in. History is only ever appended to (the store refuses anything else):

- a status change appends a dated entry with an optional note and meeting;
- a changed deadline appends a *slip*: the status stays, the entry carries the new `due`
  and its note says the old and new date (the exchange format has no field for the old
  one, so it is written in words);
- a point's owning party changes only with an entry that says from whom to whom;
- a point is never deleted: "dropped" is a status. Numbers never change.

Spreadsheet import into an existing contract (`--contract ID`): a row whose number is new
adds a point (its status as given, no history: nothing happened yet in this app). A row
whose number exists updates that point: title, description and theme are replaced when
the cell is filled, a changed party or deadline is recorded as above, and a changed status
appends an entry dated on the import day. Empty optional cells leave what is stored alone;
points missing from the sheet are left as they are. Nothing is ever deleted, and a file
with any bad row changes nothing at all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from buurtteam.domain.contract import (
    Accountability,
    HistoryFact,
    PointFacts,
    accountability_by_party,
    is_done_on_time,
    is_overdue,
    next_free_number,
)
from buurtteam.domain.spreadsheet import PartyName, SheetParse, SheetPoint, parse_sheet
from buurtteam.domain.text import clean_line, clean_text, fold
from buurtteam.domain.vocab import IssueStatus, MeetingStatus, PartyKind, PointStatus
from buurtteam.errors import N_, InvalidInput, NotFound, RuleBroken
from buurtteam.i18n import _
from buurtteam.i18n.format import datum_long
from buurtteam.i18n.labels import point_status_label
from buurtteam.ops.editing import Field, Started, check_edit, values_of
from buurtteam.ops.lookup import neighbourhood_by_name
from buurtteam.ops.overview import current_contract_id
from buurtteam.reports.contract_report import (
    ContractReportData,
    ReportParty,
    ReportPoint,
    write_contract_report,
)
from buurtteam.reports.progress_form import (
    FormParty,
    FormPoint,
    ProgressFormData,
    write_progress_forms,
)
from buurtteam.store import models as m
from buurtteam.store.db import Database
from buurtteam.store.spreadsheet import SheetFile, read_sheet

MAX_THEME_LENGTH = 200


# -- what the page shows ------------------------------------------------------------------


@dataclass(frozen=True)
class PartyChoice:
    id: int
    public_id: str
    name: str
    kind: PartyKind


@dataclass(frozen=True)
class ContractChoice:
    id: int
    public_id: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    points: int


@dataclass(frozen=True)
class SignatureLine:
    party: str
    signed_on: dt.date
    signed_by: str


@dataclass(frozen=True)
class ContractHeader:
    id: int
    public_id: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    signatures: tuple[SignatureLine, ...]
    in_force: bool  # the contract in force today
    version: int = 1  # for saving an edit safely (ops.editing)


@dataclass(frozen=True)
class PointLine:
    """One row of the points table."""

    id: int
    number: int
    title: str
    description: str | None
    theme: str | None
    party_id: int
    party: str
    due: dt.date | None
    status: PointStatus
    overdue: bool
    slips: int
    latest_note: str | None  # the most recent history entry with a note
    latest_on: dt.date | None  # that entry's dt.date
    carried_from: str | None  # "Buurtcontract 2024, point 9" when carried over


@dataclass(frozen=True)
class Scorecard:
    party: PartyChoice
    figures: Accountability
    overdue_points: tuple[PointLine, ...]


@dataclass(frozen=True)
class ContractView:
    neighbourhood: str
    municipality: str
    today: dt.date
    contracts: tuple[ContractChoice, ...]  # newest first
    contract: ContractHeader | None
    points: tuple[PointLine, ...]  # by number
    scorecards: tuple[Scorecard, ...]
    parties: tuple[PartyChoice, ...]  # every party of the neighbourhood
    themes: tuple[str, ...]


@dataclass(frozen=True)
class MeetingChoice:
    id: int
    starts_at: dt.datetime
    status: MeetingStatus


@dataclass(frozen=True)
class HistoryLine:
    date: dt.date
    status: PointStatus
    note: str | None
    meeting_id: int | None
    meeting_on: dt.datetime | None
    due: dt.date | None  # set on a slip: the new deadline

    @property
    def is_slip(self) -> bool:
        return self.due is not None


@dataclass(frozen=True)
class PointRef:
    point_id: int
    contract_title: str
    number: int
    title: str


@dataclass(frozen=True)
class IssueRef:
    id: int
    title: str
    status: IssueStatus


@dataclass(frozen=True)
class PointDetail:
    id: int
    contract_id: int
    contract_title: str
    neighbourhood_id: int
    number: int
    title: str
    description: str | None
    theme: str | None
    party: PartyChoice
    due: dt.date | None
    status: PointStatus
    overdue: bool
    done_on_time: bool
    history: tuple[HistoryLine, ...]  # oldest first
    carried_from: PointRef | None
    carried_to: tuple[PointRef, ...]
    issues: tuple[IssueRef, ...]
    version: int = 1  # for saving an edit safely (ops.editing)

    def started(self) -> Started:
        """What an edit form of this point starts from (every field the point's forms edit)."""
        return Started(
            self.version,
            {
                "title": self.title,
                "party_id": self.party.id,
                "description": self.description,
                "theme": self.theme,
                "due": self.due,
                "status": self.status,
            },
        )


@dataclass(frozen=True)
class PointInput:
    """What a person fills in for a point (new or edited)."""

    title: str
    party_id: int
    description: str | None = None
    theme: str | None = None
    due: dt.date | None = None


@dataclass(frozen=True)
class ContractInput:
    title: str
    starts_on: dt.date
    ends_on: dt.date


# -- reading ------------------------------------------------------------------------------


def parties_of(session: Session, neighbourhood_id: int) -> tuple[PartyChoice, ...]:
    rows = session.execute(
        select(m.Party.id, m.Party.public_id, m.Party.name, m.Party.kind)
        .where(m.Party.neighbourhood_id == neighbourhood_id)
        .order_by(m.Party.id)
    ).all()
    return tuple(PartyChoice(r.id, r.public_id, r.name, PartyKind(r.kind)) for r in rows)


def _contracts(session: Session, neighbourhood_id: int) -> tuple[ContractChoice, ...]:
    counts = (
        select(m.ContractPoint.contract_id, func.count(m.ContractPoint.id).label("n"))
        .group_by(m.ContractPoint.contract_id)
        .subquery()
    )
    rows = session.execute(
        select(
            m.Contract.id,
            m.Contract.public_id,
            m.Contract.title,
            m.Contract.starts_on,
            m.Contract.ends_on,
            func.coalesce(counts.c.n, 0).label("n"),
        )
        .outerjoin(counts, counts.c.contract_id == m.Contract.id)
        .where(m.Contract.neighbourhood_id == neighbourhood_id)
        .order_by(m.Contract.starts_on.desc(), m.Contract.id.desc())
    ).all()
    return tuple(
        ContractChoice(r.id, r.public_id, r.title, r.starts_on, r.ends_on, r.n) for r in rows
    )


def default_contract_id(session: Session, neighbourhood_id: int, today: dt.date) -> int | None:
    """The contract in force today, else the newest (one that has not started yet)."""
    found = current_contract_id(session, neighbourhood_id, today)
    if found is not None:
        return found
    return session.scalar(
        select(m.Contract.id)
        .where(m.Contract.neighbourhood_id == neighbourhood_id)
        .order_by(m.Contract.starts_on.desc(), m.Contract.id.desc())
        .limit(1)
    )


def _contract(session: Session, contract_id: int) -> m.Contract:
    contract = session.get(m.Contract, contract_id)
    if contract is None:
        raise NotFound(N_("This contract no longer exists in the database."))
    return contract


def _point(session: Session, point_id: int) -> m.ContractPoint:
    point = session.get(m.ContractPoint, point_id)
    if point is None:
        raise NotFound(N_("This contract point no longer exists in the database."))
    return point


def _history(
    session: Session, point_ids: Sequence[int] | None, contract_id: int | None = None
) -> dict[int, list[m.PointHistory]]:
    query = select(m.PointHistory).order_by(m.PointHistory.id)
    if contract_id is not None:
        query = query.join(m.ContractPoint).where(m.ContractPoint.contract_id == contract_id)
    else:
        query = query.where(m.PointHistory.point_id.in_(point_ids or []))
    grouped: dict[int, list[m.PointHistory]] = defaultdict(list)
    for entry in session.execute(query).scalars():
        grouped[entry.point_id].append(entry)
    return grouped


def _facts(point: m.ContractPoint, history: Sequence[m.PointHistory], party_key: str) -> PointFacts:
    return PointFacts(
        number=point.number,
        party=party_key,
        status=PointStatus(point.status),
        due=point.due,
        history=tuple(HistoryFact(h.date, PointStatus(h.status), h.due) for h in history),
    )


def _carried_label(title: str, number: int) -> str:
    return _("{contract}, point {number}").format(contract=title, number=number)


def _point_lines(
    session: Session, contract_id: int, today: dt.date
) -> tuple[list[PointLine], list[PointFacts]]:
    parties = {
        row.id: row.name
        for row in session.execute(
            select(m.Party.id, m.Party.name)
            .join(m.ContractPoint, m.ContractPoint.party_id == m.Party.id)
            .where(m.ContractPoint.contract_id == contract_id)
        ).all()
    }
    titles = {
        row.id: row.title
        for row in session.execute(
            select(m.Contract.id, m.Contract.title).where(
                m.Contract.neighbourhood_id
                == select(m.Contract.neighbourhood_id)
                .where(m.Contract.id == contract_id)
                .scalar_subquery()
            )
        )
    }
    points = session.execute(
        select(m.ContractPoint)
        .where(m.ContractPoint.contract_id == contract_id)
        .order_by(m.ContractPoint.number)
    ).scalars()
    history = _history(session, None, contract_id)
    lines: list[PointLine] = []
    facts: list[PointFacts] = []
    for point in points:
        entries = history[point.id]
        noted = [h for h in entries if h.note]
        status = PointStatus(point.status)
        origin = None
        if point.carried_from_contract_id is not None and point.carried_from_number is not None:
            origin = _carried_label(
                titles.get(point.carried_from_contract_id, "?"), point.carried_from_number
            )
        lines.append(
            PointLine(
                id=point.id,
                number=point.number,
                title=point.title,
                description=point.description,
                theme=point.theme,
                party_id=point.party_id,
                party=parties[point.party_id],
                due=point.due,
                status=status,
                overdue=is_overdue(status, point.due, today),
                slips=sum(1 for h in entries if h.due is not None),
                latest_note=noted[-1].note if noted else None,
                latest_on=noted[-1].date if noted else None,
                carried_from=origin,
            )
        )
        facts.append(_facts(point, entries, str(point.party_id)))
    return lines, facts


def _scorecards(
    parties: Sequence[PartyChoice],
    lines: Sequence[PointLine],
    facts: Sequence[PointFacts],
    today: dt.date,
) -> tuple[Scorecard, ...]:
    owning = [p for p in parties if any(line.party_id == p.id for line in lines)]
    figures = accountability_by_party([str(p.id) for p in owning], facts, today)
    by_number = {line.number: line for line in lines}
    return tuple(
        Scorecard(party, figure, tuple(by_number[n] for n in figure.overdue_numbers))
        for party, figure in zip(owning, figures, strict=True)
    )


def contract_view(
    db: Database, neighbourhood_id: int, today: dt.date, contract_id: int | None = None
) -> ContractView:
    """The Buurtcontract page: one contract (the one in force unless chosen), its points,
    and every owning party's scorecard.

    Raises:
        NotFound: the neighbourhood or the chosen contract no longer exists.
    """
    with db.read() as session:
        hood = session.get(m.Neighbourhood, neighbourhood_id)
        if hood is None:
            raise NotFound(N_("This neighbourhood no longer exists in the database."))
        name, municipality = hood.name, hood.municipality
        contracts = _contracts(session, neighbourhood_id)
        parties = parties_of(session, neighbourhood_id)
        if contract_id is None or contract_id not in {c.id for c in contracts}:
            contract_id = default_contract_id(session, neighbourhood_id, today)
        if contract_id is None:
            return ContractView(name, municipality, today, contracts, None, (), (), parties, ())
        contract = _contract(session, contract_id)
        in_force = current_contract_id(session, neighbourhood_id, today) == contract.id
        signatures = tuple(
            SignatureLine(row.name, row.signed_on, row.signed_by)
            for row in session.execute(
                select(m.Party.name, m.Signature.signed_on, m.Signature.signed_by)
                .join(m.Party, m.Signature.party_id == m.Party.id)
                .where(m.Signature.contract_id == contract.id)
                .order_by(m.Signature.id)
            ).all()
        )
        header = ContractHeader(
            contract.id,
            contract.public_id,
            contract.title,
            contract.starts_on,
            contract.ends_on,
            signatures,
            in_force,
            contract.version,
        )
        lines, facts = _point_lines(session, contract.id, today)
    themes = sorted({line.theme for line in lines if line.theme}, key=lambda t: (fold(t), t))
    return ContractView(
        neighbourhood=name,
        municipality=municipality,
        today=today,
        contracts=contracts,
        contract=header,
        points=tuple(lines),
        scorecards=_scorecards(parties, lines, facts, today),
        parties=parties,
        themes=tuple(themes),
    )


def meeting_choices(db: Database, neighbourhood_id: int) -> tuple[MeetingChoice, ...]:
    """The neighbourhood's meetings, the latest first, for "discussed at the meeting of"."""
    with db.read() as session:
        rows = session.execute(
            select(m.Meeting.id, m.Meeting.starts_at, m.Meeting.status)
            .where(m.Meeting.neighbourhood_id == neighbourhood_id)
            .order_by(m.Meeting.starts_at.desc(), m.Meeting.id.desc())
        ).all()
    return tuple(MeetingChoice(r.id, r.starts_at, MeetingStatus(r.status)) for r in rows)


def point_detail(db: Database, point_id: int, today: dt.date) -> PointDetail:
    """One point with its whole history, where it came from and went to, and its issues."""
    with db.read() as session:
        point = _point(session, point_id)
        contract = _contract(session, point.contract_id)
        party = session.get(m.Party, point.party_id)
        assert party is not None  # a foreign key
        entries = _history(session, [point.id])[point.id]
        meetings = {
            row.id: row.starts_at
            for row in session.execute(
                select(m.Meeting.id, m.Meeting.starts_at).where(
                    m.Meeting.id.in_([h.meeting_id for h in entries if h.meeting_id])
                )
            )
        }
        origin = None
        if point.carried_from_contract_id is not None and point.carried_from_number is not None:
            row = session.execute(
                select(m.ContractPoint.id, m.ContractPoint.title, m.Contract.title.label("c"))
                .join(m.Contract, m.ContractPoint.contract_id == m.Contract.id)
                .where(
                    m.ContractPoint.contract_id == point.carried_from_contract_id,
                    m.ContractPoint.number == point.carried_from_number,
                )
            ).one_or_none()
            if row is not None:
                origin = PointRef(row.id, row.c, point.carried_from_number, row.title)
        carried_to = tuple(
            PointRef(row.id, row.c, row.number, row.title)
            for row in session.execute(
                select(
                    m.ContractPoint.id,
                    m.ContractPoint.number,
                    m.ContractPoint.title,
                    m.Contract.title.label("c"),
                )
                .join(m.Contract, m.ContractPoint.contract_id == m.Contract.id)
                .where(
                    m.ContractPoint.carried_from_contract_id == contract.id,
                    m.ContractPoint.carried_from_number == point.number,
                )
                .order_by(m.Contract.starts_on, m.ContractPoint.id)
            ).all()
        )
        issues = tuple(
            IssueRef(row.id, row.title, IssueStatus(row.status))
            for row in session.execute(
                select(m.Issue.id, m.Issue.title, m.Issue.status)
                .join(m.IssuePoint, m.IssuePoint.issue_id == m.Issue.id)
                .where(m.IssuePoint.point_id == point.id)
                .order_by(m.Issue.raised_on, m.Issue.id)
            ).all()
        )
        status = PointStatus(point.status)
        facts = _facts(point, entries, str(point.party_id))
        return PointDetail(
            id=point.id,
            contract_id=contract.id,
            contract_title=contract.title,
            neighbourhood_id=contract.neighbourhood_id,
            number=point.number,
            title=point.title,
            description=point.description,
            theme=point.theme,
            party=PartyChoice(party.id, party.public_id, party.name, PartyKind(party.kind)),
            due=point.due,
            status=status,
            overdue=is_overdue(status, point.due, today),
            done_on_time=is_done_on_time(facts),
            history=tuple(
                HistoryLine(
                    h.date,
                    PointStatus(h.status),
                    h.note,
                    h.meeting_id,
                    meetings.get(h.meeting_id) if h.meeting_id else None,
                    h.due,
                )
                for h in entries
            ),
            carried_from=origin,
            carried_to=carried_to,
            issues=issues,
            version=point.version,
        )


# -- changing a point ---------------------------------------------------------------------


def _point_label(point: m.ContractPoint) -> str:
    return _("contract point {number} “{title}”").format(number=point.number, title=point.title)


def _point_fields(session: Session) -> tuple[Field, ...]:
    def party_name(party_id: int) -> str:
        party = session.get(m.Party, party_id)
        return party.name if party is not None else "?"

    return (
        Field("title", N_("Title")),
        Field("party_id", N_("Owning party"), party_name),
        Field("description", N_("Description")),
        Field("theme", N_("Theme")),
        Field("due", N_("Deadline")),
        Field("status", N_("Status"), lambda status: point_status_label(PointStatus(status))),
    )


def _point_values(point: m.ContractPoint) -> dict[str, object]:
    return {
        "title": point.title,
        "party_id": point.party_id,
        "description": point.description,
        "theme": point.theme,
        "due": point.due,
        "status": PointStatus(point.status),
    }


def _check_point(
    session: Session,
    point: m.ContractPoint,
    started: Started | None,
    mine: dict[str, object],
) -> None:
    """Refuse to save over a change someone else saved since `started` (see ops.editing)."""
    fields = tuple(f for f in _point_fields(session) if f.name in mine)
    check_edit(
        session,
        point,
        started,
        fields,
        mine,
        lambda: _point_values(point),
        kind="contract_point",
        record=lambda: _point_label(point),
    )


def _note(note: str | None) -> str | None:
    cleaned = clean_text(note or "").strip()
    return cleaned or None


def _joined(generated: str, note: str | None) -> str:
    return f"{generated} {note}" if note else generated


def _check_entry_date(
    session: Session, point: m.ContractPoint, on: dt.date, today: dt.date
) -> None:
    """A history entry is dated no later than today and no earlier than the last one."""
    if on > today:
        raise RuleBroken(
            N_(
                "The date {on} lies in the future; the history records what has happened. "
                "Choose today ({today}) or an earlier date."
            ),
            on=on,
            today=today,
        )
    last = session.scalar(
        select(m.PointHistory.date)
        .where(m.PointHistory.point_id == point.id)
        .order_by(m.PointHistory.id.desc())
        .limit(1)
    )
    if last is not None and on < last:
        raise RuleBroken(
            N_(
                "Point {number} already has a history entry of {last}; a new entry cannot "
                "be dated earlier. Choose {last} or a later date."
            ),
            number=point.number,
            last=last,
        )


def _meeting_id(session: Session, neighbourhood_id: int, meeting_id: int | None) -> int | None:
    if meeting_id is None:
        return None
    found = session.scalar(
        select(m.Meeting.id).where(
            m.Meeting.id == meeting_id, m.Meeting.neighbourhood_id == neighbourhood_id
        )
    )
    if found is None:
        raise NotFound(N_("The chosen meeting no longer exists in this neighbourhood."))
    return found


def _append(
    session: Session,
    point: m.ContractPoint,
    on: dt.date,
    status: PointStatus,
    note: str | None,
    meeting_id: int | None = None,
    due: dt.date | None = None,
) -> None:
    session.add(
        m.PointHistory(
            point_id=point.id,
            date=on,
            status=status.value,
            note=note,
            meeting_id=meeting_id,
            due=due,
        )
    )
    point.status = status.value
    if due is not None:
        point.due = due


def _neighbourhood_of(session: Session, point: m.ContractPoint) -> int:
    return _contract(session, point.contract_id).neighbourhood_id


def change_status(
    db: Database,
    point_id: int,
    status: PointStatus,
    on: dt.date,
    today: dt.date,
    note: str | None = None,
    meeting_id: int | None = None,
    started: Started | None = None,
) -> int:
    """Append a dated status entry (optionally naming the meeting); the point's status follows.

    The same status again is a progress note and needs a note. Dropping a point needs a
    reason. Returns the point's id. `started`: what the form showed (see ops.editing).

    Raises:
        RuleBroken: a date in the future or before the last entry; nothing to record.
        InvalidInput: the note cannot be stored.
        NotFound: the point or the meeting is gone.
        EditConflict: someone else changed the status since the form was opened.
    """
    note = _note(note)
    with db.write() as session:
        point = _point(session, point_id)
        _check_point(session, point, started, {"status": status})
        if status.value == point.status and note is None:
            raise RuleBroken(
                N_(
                    "Point {number} already has the status {status!r}. To record progress "
                    "without a new status, write a note."
                ),
                number=point.number,
                status=point_status_label(status),
            )
        if status is PointStatus.DROPPED and note is None:
            raise RuleBroken(
                N_("Say in the note why point {number} is dropped; the contract keeps the reason."),
                number=point.number,
            )
        _check_entry_date(session, point, on, today)
        meeting = _meeting_id(session, _neighbourhood_of(session, point), meeting_id)
        _append(session, point, on, status, note, meeting)
        return point.id


def _slip_note(old: dt.date, new: dt.date, note: str | None) -> str:
    generated = _("Deadline moved from {old} to {new}.").format(
        old=datum_long(old), new=datum_long(new)
    )
    return _joined(generated, note)


def _record_due_change(
    session: Session,
    point: m.ContractPoint,
    new_due: dt.date | None,
    on: dt.date,
    today: dt.date,
    note: str | None,
    meeting_id: int | None,
) -> bool:
    """Record a changed deadline; True when something was written.

    A first deadline is simply set; moving one is a slip in the history; a deadline is
    never silently removed.
    """
    if new_due == point.due:
        return False
    if point.due is None:
        point.due = new_due
        return True
    if new_due is None:
        raise RuleBroken(
            N_(
                "Point {number} has a deadline ({due}); it cannot be removed. Move it to "
                "another date, or mark the point dropped."
            ),
            number=point.number,
            due=point.due,
        )
    if PointStatus(point.status).is_finished:
        raise RuleBroken(
            N_("Point {number} is {status}; its deadline no longer changes."),
            number=point.number,
            status=point_status_label(PointStatus(point.status)),
        )
    _check_entry_date(session, point, on, today)
    _append(
        session,
        point,
        on,
        PointStatus(point.status),
        _slip_note(point.due, new_due, note),
        meeting_id,
        new_due,
    )
    return True


def move_due(
    db: Database,
    point_id: int,
    new_due: dt.date,
    on: dt.date,
    today: dt.date,
    note: str | None = None,
    meeting_id: int | None = None,
    started: Started | None = None,
) -> int:
    """Move a point's deadline: a slip in the history with the old and the new date.

    Raises:
        RuleBroken: the same date, a finished point, or an impossible entry date.
        EditConflict: someone else moved the deadline since the form was opened.
    """
    note = _note(note)
    with db.write() as session:
        point = _point(session, point_id)
        _check_point(session, point, started, {"due": new_due})
        if new_due == point.due:
            raise RuleBroken(
                N_("The deadline of point {number} is already {due}."),
                number=point.number,
                due=new_due,
            )
        meeting = _meeting_id(session, _neighbourhood_of(session, point), meeting_id)
        _record_due_change(session, point, new_due, on, today, note, meeting)
        return point.id


def _clean_point(data: PointInput) -> PointInput:
    title = " ".join(clean_line(data.title).split())
    if not title:
        raise InvalidInput(N_("A contract point needs a title. Type what was agreed."))
    theme = " ".join(clean_line(data.theme or "").split()) or None
    if theme and len(theme) > MAX_THEME_LENGTH:
        raise InvalidInput(
            N_("The theme is {length} characters long; at most {maximum} fit."),
            length=len(theme),
            maximum=MAX_THEME_LENGTH,
        )
    return PointInput(title, data.party_id, _note(data.description), theme, data.due)


def _party(session: Session, neighbourhood_id: int, party_id: int) -> m.Party:
    party = session.get(m.Party, party_id)
    if party is None or party.neighbourhood_id != neighbourhood_id:
        raise NotFound(
            N_("The chosen party does not exist in this neighbourhood. Choose another one.")
        )
    return party


def add_point(db: Database, contract_id: int, data: PointInput, number: int | None = None) -> int:
    """A new point, status open, with the next free number unless one is given.

    Raises:
        RuleBroken: the number is taken.
        InvalidInput: no title, or text that cannot be stored.
    """
    data = _clean_point(data)
    with db.write() as session:
        contract = _contract(session, contract_id)
        _party(session, contract.neighbourhood_id, data.party_id)
        numbers = set(
            session.scalars(
                select(m.ContractPoint.number).where(m.ContractPoint.contract_id == contract.id)
            )
        )
        if number is None:
            number = next_free_number(numbers)
        elif number < 1:
            raise InvalidInput(N_("A point number is a whole number from 1 up."))
        elif number in numbers:
            raise RuleBroken(
                N_(
                    "This contract already has a point {number}. Numbers never change; "
                    "choose a free number, such as {free}."
                ),
                number=number,
                free=next_free_number(numbers),
            )
        point = m.ContractPoint(
            contract_id=contract.id,
            number=number,
            title=data.title,
            description=data.description,
            theme=data.theme,
            party_id=data.party_id,
            due=data.due,
            status=PointStatus.OPEN.value,
        )
        session.add(point)
        session.flush()
        return point.id


def edit_point(
    db: Database,
    point_id: int,
    data: PointInput,
    today: dt.date,
    note: str | None = None,
    meeting_id: int | None = None,
    started: Started | None = None,
) -> int:
    """Change a point's title, description, theme, party or deadline; its number stays.

    A new party or a moved deadline is written into the history (dated today, with
    `note` as the reason); title, description and theme are corrections.

    Raises:
        EditConflict: saving would undo what someone else saved since `started`.
    """
    data = _clean_point(data)
    note = _note(note)
    with db.write() as session:
        point = _point(session, point_id)
        _check_point(session, point, started, values_of(data))
        hood = _neighbourhood_of(session, point)
        new_party = _party(session, hood, data.party_id)
        meeting = _meeting_id(session, hood, meeting_id)
        point.title = data.title
        point.description = data.description
        point.theme = data.theme
        if new_party.id != point.party_id:
            old_party = session.get(m.Party, point.party_id)
            assert old_party is not None
            _check_entry_date(session, point, today, today)
            generated = _("Responsible party changed from {old} to {new}.").format(
                old=old_party.name, new=new_party.name
            )
            _append(
                session, point, today, PointStatus(point.status), _joined(generated, note), meeting
            )
            point.party_id = new_party.id
        _record_due_change(session, point, data.due, today, today, note, meeting)
        return point.id


# -- contracts ----------------------------------------------------------------------------


def _clean_contract(data: ContractInput) -> ContractInput:
    title = " ".join(clean_line(data.title).split())
    if not title:
        raise InvalidInput(N_("A contract needs a title, such as “Buurtcontract 2027–2029”."))
    if data.ends_on <= data.starts_on:
        raise InvalidInput(
            N_("The contract ends on {ends}, which is not after its start on {starts}."),
            ends=data.ends_on,
            starts=data.starts_on,
        )
    return ContractInput(title, data.starts_on, data.ends_on)


def _slug_id(session: Session, neighbourhood_id: int, base: str) -> str:
    taken = set(
        session.scalars(
            select(m.Contract.public_id).where(m.Contract.neighbourhood_id == neighbourhood_id)
        )
    )
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}-{counter}"
    return candidate


def new_contract(
    db: Database,
    neighbourhood_id: int,
    data: ContractInput,
    today: dt.date,
    carry_from: int | None = None,
) -> int:
    """A new contract; with `carry_from`, that contract's unfinished points come along.

    Carried points keep their title, party, deadline, status and whole history, refer back
    to where they came from, and get numbers from 1 up in their old order.
    """
    data = _clean_contract(data)
    with db.write() as session:
        if session.get(m.Neighbourhood, neighbourhood_id) is None:
            raise NotFound(N_("This neighbourhood no longer exists in the database."))
        contract = m.Contract(
            neighbourhood_id=neighbourhood_id,
            public_id=_slug_id(session, neighbourhood_id, f"c-{data.starts_on.year}"),
            title=data.title,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
        )
        session.add(contract)
        session.flush()
        if carry_from is not None:
            _carry(session, carry_from, contract, today, None)
        return contract.id


CONTRACT_FIELDS = (
    Field("title", N_("Title")),
    Field("starts_on", N_("Starts on")),
    Field("ends_on", N_("Ends on")),
)


def edit_contract(
    db: Database, contract_id: int, data: ContractInput, started: Started | None = None
) -> int:
    """Change a contract's title and period.

    Raises:
        EditConflict: saving would undo what someone else saved since `started`.
    """
    data = _clean_contract(data)
    with db.write() as session:
        contract = _contract(session, contract_id)
        check_edit(
            session,
            contract,
            started,
            CONTRACT_FIELDS,
            values_of(data),
            lambda: {
                "title": contract.title,
                "starts_on": contract.starts_on,
                "ends_on": contract.ends_on,
            },
            kind="contract",
            record=lambda: _("contract “{title}”").format(title=contract.title),
        )
        contract.title = data.title
        contract.starts_on = data.starts_on
        contract.ends_on = data.ends_on
        return contract.id


def add_signature(
    db: Database, contract_id: int, party_id: int, signed_on: dt.date, signed_by: str
) -> int:
    """Record that a party signed the contract (on which day, by whom)."""
    signer = " ".join(clean_line(signed_by).split())
    if not signer:
        raise InvalidInput(N_("Say who signed for the party, such as “wethouder Wijken”."))
    with db.write() as session:
        contract = _contract(session, contract_id)
        _party(session, contract.neighbourhood_id, party_id)
        signature = m.Signature(
            contract_id=contract.id, party_id=party_id, signed_on=signed_on, signed_by=signer
        )
        session.add(signature)
        session.flush()
        return signature.id


def carry_points(
    db: Database,
    from_contract_id: int,
    to_contract_id: int,
    today: dt.date,
    point_ids: Sequence[int] | None = None,
) -> int:
    """Carry unfinished points (all, or those chosen) into another contract; how many."""
    with db.write() as session:
        target = _contract(session, to_contract_id)
        return _carry(session, from_contract_id, target, today, point_ids)


def _carry(
    session: Session,
    from_contract_id: int,
    target: m.Contract,
    today: dt.date,
    point_ids: Sequence[int] | None,
) -> int:
    source = _contract(session, from_contract_id)
    if source.neighbourhood_id != target.neighbourhood_id or source.id == target.id:
        raise RuleBroken(
            N_("Points can only be carried into another contract of the same neighbourhood.")
        )
    already = set(
        session.execute(
            select(m.ContractPoint.carried_from_number).where(
                m.ContractPoint.contract_id == target.id,
                m.ContractPoint.carried_from_contract_id == source.id,
            )
        ).scalars()
    )
    numbers = set(
        session.scalars(
            select(m.ContractPoint.number).where(m.ContractPoint.contract_id == target.id)
        )
    )
    finished = [status.value for status in PointStatus if status.is_finished]
    query = (
        select(m.ContractPoint)
        .where(
            m.ContractPoint.contract_id == source.id,
            m.ContractPoint.status.not_in(finished),
        )
        .order_by(m.ContractPoint.number)
    )
    if point_ids is not None:
        query = query.where(m.ContractPoint.id.in_(point_ids))
    chosen = [p for p in session.execute(query).scalars() if p.number not in already]
    history = _history(session, [p.id for p in chosen])
    for old in chosen:
        number = next_free_number(numbers)
        numbers.add(number)
        new = m.ContractPoint(
            contract_id=target.id,
            number=number,
            title=old.title,
            description=old.description,
            theme=old.theme,
            party_id=old.party_id,
            due=old.due,
            status=old.status,
            carried_from_contract_id=source.id,
            carried_from_number=old.number,
        )
        session.add(new)
        session.flush()
        entries = history[old.id]
        for entry in entries:
            session.add(
                m.PointHistory(
                    point_id=new.id,
                    date=entry.date,
                    status=entry.status,
                    note=entry.note,
                    meeting_id=entry.meeting_id,
                    due=entry.due,
                )
            )
        last = entries[-1].date if entries else None
        session.add(
            m.PointHistory(
                point_id=new.id,
                date=max(today, last) if last else today,
                status=old.status,
                note=_("Carried over from {contract}, point {number}.").format(
                    contract=source.title, number=old.number
                ),
            )
        )
    return len(chosen)


# -- spreadsheet import -------------------------------------------------------------------


class RowAction(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ImportRow:
    row: int  # as the spreadsheet shows it
    number: int
    title: str
    party: str
    due: dt.date | None
    status: PointStatus
    action: RowAction
    changed: tuple[str, ...]  # fields that change: title description theme party due status


@dataclass(frozen=True)
class ImportPreview:
    file: str
    kind: str
    encoding: str | None
    delimiter: str | None
    contract_id: int
    contract_title: str
    rows: tuple[ImportRow, ...]
    problems: tuple[InvalidInput, ...]  # each names its row and column
    ignored_columns: tuple[str, ...]
    untouched: int  # points of the contract the sheet does not mention

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action is action)


@dataclass(frozen=True)
class ImportResult:
    contract_public_id: str
    contract_title: str
    added: int
    updated: int
    unchanged: int


def _changes(point: m.ContractPoint, row: SheetPoint, party_id: int) -> tuple[str, ...]:
    changed = []
    if row.title != point.title:
        changed.append("title")
    if row.description is not None and row.description != point.description:
        changed.append("description")
    if row.theme is not None and row.theme != point.theme:
        changed.append("theme")
    if party_id != point.party_id:
        changed.append("party")
    if row.due is not None and row.due != point.due:
        changed.append("due")
    if row.status.value != point.status:
        changed.append("status")
    return tuple(changed)


def _plan(
    session: Session, contract: m.Contract, sheet: SheetFile
) -> tuple[SheetParse, list[ImportRow], dict[str, m.Party], dict[int, m.ContractPoint]]:
    parties = {
        p.public_id: p
        for p in session.execute(
            select(m.Party)
            .where(m.Party.neighbourhood_id == contract.neighbourhood_id)
            .order_by(m.Party.id)
        ).scalars()
    }
    parsed = parse_sheet(sheet.rows, [PartyName(p.public_id, p.name) for p in parties.values()])
    existing = {
        p.number: p
        for p in session.execute(
            select(m.ContractPoint).where(m.ContractPoint.contract_id == contract.id)
        ).scalars()
    }
    rows: list[ImportRow] = []
    for row in parsed.points:
        party = parties[row.party]
        point = existing.get(row.number)
        changed: tuple[str, ...] = ()
        if point is None:
            action = RowAction.NEW
        else:
            changed = _changes(point, row, party.id)
            action = RowAction.UPDATE if changed else RowAction.UNCHANGED
        rows.append(
            ImportRow(
                row.row, row.number, row.title, party.name, row.due, row.status, action, changed
            )
        )
    return parsed, rows, parties, existing


def _contract_in(session: Session, neighbourhood_id: int, contract_id: int) -> m.Contract:
    contract = _contract(session, contract_id)
    if contract.neighbourhood_id != neighbourhood_id:
        raise NotFound(N_("This contract no longer exists in the database."))
    return contract


def preview_import(db: Database, contract_id: int, path: Path) -> ImportPreview:
    """What importing `path` into the contract would do, and every problem; writes nothing."""
    sheet = read_sheet(path)
    with db.read() as session:
        contract = _contract(session, contract_id)
        parsed, rows, _parties, existing = _plan(session, contract, sheet)
        mentioned = {row.number for row in parsed.points}
        return ImportPreview(
            file=sheet.name,
            kind=sheet.kind,
            encoding=sheet.encoding,
            delimiter=sheet.delimiter,
            contract_id=contract.id,
            contract_title=contract.title,
            rows=tuple(rows),
            problems=parsed.problems,
            ignored_columns=parsed.ignored_columns,
            untouched=len(set(existing) - mentioned),
        )


def import_sheet(db: Database, contract_id: int, path: Path, today: dt.date) -> ImportResult:
    """Import `path` into the contract, all or nothing (see the module's docstring).

    Raises:
        SheetRefused: any bad row (every problem is listed, with row and column).
        InvalidInput, NotFound, StoreError: the file cannot be read.
    """
    sheet = read_sheet(path)
    with db.write() as session:
        contract = _contract(session, contract_id)
        parsed, rows, parties, existing = _plan(session, contract, sheet)
        if not parsed.ok:
            raise parsed.refusal()
        note = _("Status changed by the spreadsheet import ({file}).").format(file=sheet.name)
        for row, plan in zip(parsed.points, rows, strict=True):
            party = parties[row.party]
            if plan.action is RowAction.NEW:
                session.add(
                    m.ContractPoint(
                        contract_id=contract.id,
                        number=row.number,
                        title=row.title,
                        description=row.description,
                        theme=row.theme,
                        party_id=party.id,
                        due=row.due,
                        status=row.status.value,
                    )
                )
            elif plan.action is RowAction.UPDATE:
                _update_from_sheet(session, existing[row.number], row, party, today, note)
        return ImportResult(
            contract.public_id,
            contract.title,
            added=sum(1 for r in rows if r.action is RowAction.NEW),
            updated=sum(1 for r in rows if r.action is RowAction.UPDATE),
            unchanged=sum(1 for r in rows if r.action is RowAction.UNCHANGED),
        )


def _update_from_sheet(
    session: Session,
    point: m.ContractPoint,
    row: SheetPoint,
    party: m.Party,
    today: dt.date,
    note: str,
) -> None:
    point.title = row.title
    if row.description is not None:
        point.description = row.description
    if row.theme is not None:
        point.theme = row.theme
    if party.id != point.party_id:
        old_party = session.get(m.Party, point.party_id)
        assert old_party is not None
        _check_entry_date(session, point, today, today)
        _append(
            session,
            point,
            today,
            PointStatus(point.status),
            _("Responsible party changed from {old} to {new}.").format(
                old=old_party.name, new=party.name
            ),
        )
        point.party_id = party.id
    if row.due is not None and row.due != point.due:
        if point.due is None or PointStatus(point.status).is_finished:
            # A first deadline, or one of a finished point: a correction, not a slip.
            point.due = row.due
        else:
            _record_due_change(session, point, row.due, today, today, None, None)
    if row.status.value != point.status:
        _check_entry_date(session, point, today, today)
        _append(session, point, today, row.status, note)


def import_contract_file(
    db: Database, neighbourhood: str, contract_public_id: str, path: Path, today: dt.date
) -> ImportResult:
    """The CLI's `import-contract`: the contract named by its public id in the neighbourhood."""
    with db.read() as session:
        hood = neighbourhood_by_name(session, neighbourhood)
        contract_id = session.scalar(
            select(m.Contract.id).where(
                m.Contract.neighbourhood_id == hood.id, m.Contract.public_id == contract_public_id
            )
        )
        if contract_id is None:
            known = ", ".join(
                session.scalars(
                    select(m.Contract.public_id)
                    .where(m.Contract.neighbourhood_id == hood.id)
                    .order_by(m.Contract.starts_on)
                )
            )
            raise NotFound(
                N_(
                    "{name} has no contract with id {contract!r}. Known: {known}. A new "
                    "contract is made in the window (Buurtcontract, New contract)."
                ),
                name=hood.name,
                contract=contract_public_id,
                known=known or "-",
            )
    return import_sheet(db, contract_id, path, today)


def find_contract(db: Database, neighbourhood_id: int, public_id: str) -> int | None:
    with db.read() as session:
        return session.scalar(
            select(m.Contract.id).where(
                m.Contract.neighbourhood_id == neighbourhood_id, m.Contract.public_id == public_id
            )
        )


# -- printing -----------------------------------------------------------------------------


def _chosen_view(
    db: Database, neighbourhood_id: int, today: dt.date, contract_id: int | None
) -> tuple[ContractView, ContractHeader]:
    view = contract_view(db, neighbourhood_id, today, contract_id)
    if view.contract is None:
        raise NotFound(
            N_(
                "{name} has no neighbourhood contract yet. Make one in the window "
                "(Buurtcontract, New contract) or import an exchange file."
            ),
            name=view.neighbourhood,
        )
    return view, view.contract


def report_data(
    db: Database, neighbourhood_id: int, today: dt.date, contract_id: int | None = None
) -> ContractReportData:
    """What the progress report prints: per owning party its figures and its points."""
    view, contract = _chosen_view(db, neighbourhood_id, today, contract_id)
    parties = tuple(
        ReportParty(
            name=card.party.name,
            figures=card.figures,
            points=tuple(
                ReportPoint(
                    p.number, p.title, p.due, p.status, p.overdue, p.latest_note, p.latest_on
                )
                for p in view.points
                if p.party_id == card.party.id
            ),
        )
        for card in view.scorecards
    )
    # Whose agendas they were over this contract's period (issue: the agenda balance).
    from buurtteam.ops.agenda import agenda_balance

    return ContractReportData(
        neighbourhood=view.neighbourhood,
        municipality=view.municipality,
        contract_title=contract.title,
        starts_on=contract.starts_on,
        ends_on=contract.ends_on,
        printed_on=today,
        parties=parties,
        balance=agenda_balance(db, neighbourhood_id, contract.starts_on, contract.ends_on),
    )


def print_contract_report(
    db: Database,
    neighbourhood_id: int,
    target: Path,
    today: dt.date,
    contract_id: int | None = None,
    *,
    large: bool = False,
) -> Path:
    """The contract progress report as a PDF; the contract in force unless one is chosen."""
    return write_contract_report(
        report_data(db, neighbourhood_id, today, contract_id), target, large=large
    )


def print_contract_report_for(
    db: Database, neighbourhood: str, target: Path, today: dt.date
) -> Path:
    """The CLI's `print contract`: the neighbourhood by name, its contract in force."""
    with db.read() as session:
        neighbourhood_id = neighbourhood_by_name(session, neighbourhood).id
    return print_contract_report(db, neighbourhood_id, target, today)


def print_progress_forms(
    db: Database,
    neighbourhood_id: int,
    target: Path,
    today: dt.date,
    contract_id: int | None = None,
    party_ids: Sequence[int] | None = None,
    *,
    large: bool = False,
) -> Path:
    """Paper progress forms: per party (all owning parties, or those chosen) its open points."""
    view, contract = _chosen_view(db, neighbourhood_id, today, contract_id)
    parties = tuple(
        FormParty(
            name=card.party.name,
            points=tuple(
                FormPoint(p.number, p.title, p.due, p.status, p.overdue)
                for p in view.points
                if p.party_id == card.party.id and not p.status.is_finished
            ),
        )
        for card in view.scorecards
        if party_ids is None or card.party.id in party_ids
    )
    data = ProgressFormData(view.neighbourhood, contract.title, today, parties)
    return write_progress_forms(data, target, large=large)
