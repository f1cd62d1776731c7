"""A meeting's minutes: reading them whole, approving them, errata, fingerprints, printing.

Concept minutes (a meeting planned or held) are written item by item through
`buurtteam.ops.meeting_mode`. At a later meeting the previous-minutes item approves them
(`approve_minutes`): the meeting becomes `minutes_approved`, names the approving meeting
and stores the fingerprint of its content. From then on the store itself refuses any
change (the triggers of migration 0002); `minutes_write` turns that refusal into a clear
Dutch `MinutesFrozen`. A correction is added as a dated erratum, which renews the stored
fingerprint (`add_erratum`); `verify_fingerprints` is what `buurtteam check` runs.

One transaction per function; what leaves this module is plain frozen dataclasses.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from buurtteam.domain.minutes import (
    ActionContent,
    ActionFact,
    AttendanceContent,
    DecisionContent,
    ItemContent,
    MinutesContent,
    Presence,
    QuorumState,
    VoteCount,
    action_list,
    check_approval,
    erratum_text,
    fingerprint,
    may_vote,
    quorum_state,
)
from buurtteam.domain.text import fold
from buurtteam.domain.vocab import (
    DEFAULT_QUORUM,
    AttendanceStatus,
    MeetingStatus,
    PointStatus,
    Purpose,
    Role,
    Section,
)
from buurtteam.errors import N_, NotFound, RuleBroken
from buurtteam.i18n import _
from buurtteam.i18n.format import datum_long
from buurtteam.ops.agenda import LinkedIssue, LinkedPoint, LinkedProposal, read_agenda
from buurtteam.ops.overview import current_contract_id
from buurtteam.store import models as m
from buurtteam.store.db import Database

if TYPE_CHECKING:
    from buurtteam.reports.minutes_report import MinutesPrintData

# The message the freezing triggers of migration 0002 abort with.
FROZEN_MARK = "minutes are approved and frozen"


class MinutesFrozen(RuleBroken):
    """A change to approved minutes, refused (by the op, or by the store's triggers)."""

    def __init__(self) -> None:
        super().__init__(
            N_(
                "These minutes have been approved and are frozen: nothing in them can be "
                "changed any more. To correct a mistake, add an erratum to the minutes."
            )
        )


@contextmanager
def minutes_write(db: Database) -> Iterator[Session]:
    """`db.write()`, with the store's refusal of frozen minutes as a `MinutesFrozen`."""
    try:
        with db.write() as session:
            yield session
    except DBAPIError as error:
        # SQLite's trigger raises an IntegrityError, PostgreSQL's a RaiseException.
        if FROZEN_MARK in str(error.orig):
            raise MinutesFrozen() from None
        raise


def refuse_if_frozen(meeting: m.Meeting) -> None:
    """Refuse a change to approved or cancelled meetings' minutes before writing anything."""
    if meeting.status == MeetingStatus.MINUTES_APPROVED.value:
        raise MinutesFrozen()
    if meeting.cancel_reason is not None:
        raise RuleBroken(
            N_(
                "The meeting of {date} was cancelled; it has no minutes. Restore the "
                "meeting first if it went ahead after all."
            ),
            date=meeting.starts_at.date(),
        )


def get_meeting(session: Session, meeting_id: int) -> m.Meeting:
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFound(N_("This meeting no longer exists in the database."))
    return meeting


def new_public_id(
    session: Session, model: type[m.Decision | m.Action | m.Idea], prefix: str
) -> str:
    """A fresh public id for a decision, action or idea (unique across the file)."""
    while True:
        candidate = f"{prefix}-{uuid.uuid4().hex[:10]}"
        if not session.scalar(select(func.count()).where(model.public_id == candidate)):
            return candidate


# -- what the minutes look like ---------------------------------------------------------------


@dataclass(frozen=True)
class MeetingHead:
    id: int
    public_id: str
    neighbourhood_id: int
    neighbourhood: str
    municipality: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    status: MeetingStatus
    chair_id: int | None
    chair: str | None
    secretary_id: int | None
    secretary: str | None
    cancelled: bool
    approved_at: datetime | None  # when the approving meeting started
    approved_by_id: int | None  # the approving meeting
    quorum: int

    @property
    def frozen(self) -> bool:
        return self.status is MeetingStatus.MINUTES_APPROVED

    @property
    def editable(self) -> bool:
        """Concept minutes: the meeting is planned or held, and not cancelled."""
        return not self.frozen and not self.cancelled


@dataclass(frozen=True)
class AttendanceLine:
    person_id: int
    name: str
    roles: tuple[Role, ...]
    status: AttendanceStatus | None  # None: not recorded
    arrived_at: time | None
    left_at: time | None

    @property
    def may_vote(self) -> bool:
        return may_vote(self.roles)


@dataclass(frozen=True)
class GuestLine:
    id: int
    name: str
    organisation: str | None


@dataclass(frozen=True)
class DecisionLine:
    id: int
    public_id: str
    item_id: int
    item_number: int
    text: str
    votes: VoteCount | None
    version: int = 1  # for saving an edit safely (ops.editing)


@dataclass(frozen=True)
class ActionLine:
    id: int
    public_id: str
    item_id: int
    text: str
    owner_id: int | None
    owner: str | None
    party_id: int | None
    party: str | None
    due: date | None
    done_on: date | None
    meeting_id: int
    meeting_starts_at: datetime
    version: int = 1  # for saving an edit safely (ops.editing)

    @property
    def who(self) -> str | None:
        return self.owner or self.party


@dataclass(frozen=True)
class IdeaLine:
    id: int
    public_id: str
    item_id: int
    text: str


@dataclass(frozen=True)
class HistoryLine:
    """A contract point's history entry recorded at this meeting (a status, a commitment)."""

    point_id: int
    number: int
    title: str
    party: str
    day: date
    status: PointStatus
    note: str | None


@dataclass(frozen=True)
class MinutesItem:
    id: int
    public_id: str
    number: int
    section: Section
    title: str
    description: str | None
    purpose: Purpose
    time_box: int | None
    planned_start: datetime
    notes: str | None
    discussed: bool | None
    decisions: tuple[DecisionLine, ...]
    actions: tuple[ActionLine, ...]
    ideas: tuple[IdeaLine, ...]
    points: tuple[LinkedPoint, ...]
    proposals: tuple[LinkedProposal, ...]
    issues: tuple[LinkedIssue, ...]
    history: tuple[HistoryLine, ...]
    version: int = 1  # of the agenda item, for saving the notes safely (ops.editing)

    @property
    def has_minutes(self) -> bool:
        return bool(self.notes or self.decisions or self.actions or self.ideas or self.history)


@dataclass(frozen=True)
class ErratumLine:
    id: int
    day: date
    text: str


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True)
class Minutes:
    """One meeting's minutes as the window, the printed minutes and the fingerprint read them."""

    head: MeetingHead
    attendance: tuple[AttendanceLine, ...]  # everyone of the neighbourhood, recorded or not
    guests: tuple[GuestLine, ...]
    items: tuple[MinutesItem, ...]
    action_list: tuple[ActionLine, ...]  # the actielijst: own and still-open earlier actions
    errata: tuple[ErratumLine, ...]
    other_history: tuple[HistoryLine, ...]  # entries of this meeting on points of no item
    stored_fingerprint: str | None
    fingerprint: str  # of the content as it is now
    people: tuple[Choice, ...]
    parties: tuple[Choice, ...]
    previous_concept: tuple[int, datetime] | None  # earlier minutes awaiting approval

    @property
    def decisions(self) -> tuple[DecisionLine, ...]:
        """The besluitenlijst: every decision in agenda order."""
        return tuple(d for item in self.items for d in item.decisions)

    @property
    def actions(self) -> tuple[ActionLine, ...]:
        """The actions agreed at this meeting, in agenda order."""
        return tuple(a for item in self.items for a in item.actions)

    @property
    def quorum(self) -> QuorumState:
        return quorum_state(_presences(self.attendance), self.head.quorum)

    @property
    def voters_present(self) -> int:
        return self.quorum.voters_present

    @property
    def fingerprint_matches(self) -> bool:
        """False when stored minutes were changed after the fingerprint was recorded."""
        return self.stored_fingerprint is None or self.stored_fingerprint == self.fingerprint

    def item(self, item_id: int) -> MinutesItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise NotFound(N_("This agenda item no longer exists; it may have been removed."))


def _presences(lines: tuple[AttendanceLine, ...]) -> list[Presence]:
    return [
        Presence(line.roles, line.status, line.arrived_at, line.left_at)
        for line in lines
        if line.status is not None
    ]


def minutes_of(db: Database, meeting_id: int) -> Minutes:
    """The minutes of a meeting, whole.

    Raises:
        NotFound: when the meeting does not exist.
    """
    with db.read() as session:
        return read_minutes(session, meeting_id)


def read_minutes(session: Session, meeting_id: int) -> Minutes:
    """`minutes_of` inside a transaction the caller owns."""
    meeting = get_meeting(session, meeting_id)
    head = _head(session, meeting)
    names = _people(session, meeting.neighbourhood_id)
    parties = _parties(session, meeting.neighbourhood_id)
    agenda = read_agenda(session, meeting.id)
    rows = {
        row.id: row
        for row in session.execute(
            select(m.AgendaItem).where(m.AgendaItem.meeting_id == meeting.id)
        ).scalars()
    }
    item_ids = list(rows)
    numbers = {entry.id: entry.number for entry in agenda.items}
    decisions = _decisions(session, item_ids, numbers)
    own_actions = _actions(session, m.Action.agenda_item_id.in_(item_ids))
    ideas = _ideas(session, item_ids)
    history = _history_here(session, meeting)
    linked_numbers = {entry.id: {point.number for point in entry.points} for entry in agenda.items}
    shown: set[int] = set()
    items = []
    for entry in agenda.items:
        row = rows[entry.id]
        mine = tuple(h for h in history if h.number in linked_numbers[entry.id])
        shown.update(id(h) for h in mine)
        items.append(
            MinutesItem(
                id=entry.id,
                public_id=entry.public_id,
                number=entry.number,
                section=entry.section,
                title=entry.title,
                description=entry.description,
                purpose=entry.purpose,
                time_box=entry.minutes,
                planned_start=entry.starts_at,
                notes=row.notes,
                discussed=row.discussed,
                decisions=tuple(d for d in decisions if d.item_id == entry.id),
                actions=tuple(a for a in own_actions if a.item_id == entry.id),
                ideas=tuple(i for i in ideas if i.item_id == entry.id),
                points=entry.points,
                proposals=entry.proposals,
                issues=entry.issues,
                history=mine,
                version=row.version,
            )
        )
    attendance = _attendance(session, meeting, names)
    guests = tuple(
        GuestLine(g.id, g.name, g.organisation)
        for g in session.execute(
            select(m.Guest).where(m.Guest.meeting_id == meeting.id).order_by(m.Guest.id)
        ).scalars()
    )
    errata = tuple(
        ErratumLine(e.id, e.date, e.text)
        for e in session.execute(
            select(m.Erratum)
            .where(m.Erratum.meeting_id == meeting.id)
            .order_by(m.Erratum.date, m.Erratum.id)
        ).scalars()
    )
    return Minutes(
        head=head,
        attendance=attendance,
        guests=guests,
        items=tuple(items),
        action_list=_action_list(session, meeting),
        errata=errata,
        other_history=tuple(h for h in history if id(h) not in shown),
        stored_fingerprint=meeting.minutes_fingerprint,
        fingerprint=fingerprint(minutes_content(session, meeting)),
        people=tuple(Choice(pid, name) for pid, (name, _roles) in names.items()),
        parties=tuple(Choice(pid, name) for pid, name in parties.items()),
        previous_concept=_previous_concept(session, meeting),
    )


def minutes_content(session: Session, meeting: m.Meeting) -> MinutesContent:
    """What the fingerprint covers, read lean (`check` reads it for every approved meeting).

    The same order as the minutes show: items by position, their outcomes as entered.
    """
    attendance = tuple(
        AttendanceContent(name, AttendanceStatus(status), arrived, left)
        for name, status, arrived, left in session.execute(
            select(
                m.Person.name, m.Attendance.status, m.Attendance.arrived_at, m.Attendance.left_at
            )
            .join(m.Person, m.Attendance.person_id == m.Person.id)
            .where(m.Attendance.meeting_id == meeting.id)
        ).all()
    )
    guests = tuple(
        (g.name, g.organisation)
        for g in session.execute(
            select(m.Guest.name, m.Guest.organisation)
            .where(m.Guest.meeting_id == meeting.id)
            .order_by(m.Guest.id)
        ).all()
    )
    items = session.execute(
        select(m.AgendaItem.id, m.AgendaItem.title, m.AgendaItem.notes)
        .where(m.AgendaItem.meeting_id == meeting.id)
        .order_by(m.AgendaItem.position, m.AgendaItem.id)
    ).all()
    ids = [item.id for item in items]
    decisions: dict[int, list[DecisionContent]] = {}
    for row in session.execute(
        select(m.Decision).where(m.Decision.agenda_item_id.in_(ids)).order_by(m.Decision.id)
    ).scalars():
        votes = (
            VoteCount(row.votes_for, row.votes_against or 0, row.votes_abstain or 0)
            if row.votes_for is not None
            else None
        )
        decisions.setdefault(row.agenda_item_id, []).append(DecisionContent(row.text, votes))
    actions: dict[int, list[ActionContent]] = {}
    for action in _actions(session, m.Action.agenda_item_id.in_(ids)):
        actions.setdefault(action.item_id, []).append(
            ActionContent(action.text, action.owner, action.party, action.due)
        )
    ideas: dict[int, list[str]] = {}
    for idea in _ideas(session, ids):
        ideas.setdefault(idea.item_id, []).append(idea.text)
    errata = tuple(
        (e.date, e.text)
        for e in session.execute(
            select(m.Erratum.date, m.Erratum.text)
            .where(m.Erratum.meeting_id == meeting.id)
            .order_by(m.Erratum.date, m.Erratum.id)
        ).all()
    )
    return MinutesContent(
        starts_at=meeting.starts_at,
        attendance=attendance,
        guests=guests,
        items=tuple(
            ItemContent(
                title=item.title,
                notes=item.notes,
                decisions=tuple(decisions.get(item.id, ())),
                actions=tuple(actions.get(item.id, ())),
                ideas=tuple(ideas.get(item.id, ())),
            )
            for item in items
        ),
        errata=errata,
    )


def _head(session: Session, meeting: m.Meeting) -> MeetingHead:
    hood = session.get(m.Neighbourhood, meeting.neighbourhood_id)
    assert hood is not None
    chair = session.get(m.Person, meeting.chair_id) if meeting.chair_id else None
    secretary = session.get(m.Person, meeting.secretary_id) if meeting.secretary_id else None
    approving = (
        session.get(m.Meeting, meeting.minutes_approved_at_id)
        if meeting.minutes_approved_at_id
        else None
    )
    return MeetingHead(
        id=meeting.id,
        public_id=meeting.public_id,
        neighbourhood_id=hood.id,
        neighbourhood=hood.name,
        municipality=hood.municipality,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        status=MeetingStatus(meeting.status),
        chair_id=meeting.chair_id,
        chair=chair.name if chair else None,
        secretary_id=meeting.secretary_id,
        secretary=secretary.name if secretary else None,
        cancelled=meeting.cancel_reason is not None,
        approved_at=approving.starts_at if approving else None,
        approved_by_id=approving.id if approving else None,
        quorum=hood.quorum if hood.quorum is not None else DEFAULT_QUORUM,
    )


def _people(session: Session, neighbourhood_id: int) -> dict[int, tuple[str, tuple[Role, ...]]]:
    rows = session.execute(
        select(m.Person.id, m.Person.name, m.Person.roles).where(
            m.Person.neighbourhood_id == neighbourhood_id
        )
    ).all()
    ordered = sorted(rows, key=lambda r: (fold(r.name), r.id))
    return {r.id: (r.name, tuple(Role(x) for x in r.roles.split())) for r in ordered}


def _parties(session: Session, neighbourhood_id: int) -> dict[int, str]:
    rows = session.execute(
        select(m.Party.id, m.Party.name)
        .where(m.Party.neighbourhood_id == neighbourhood_id)
        .order_by(m.Party.id)
    ).all()
    return {r.id: r.name for r in rows}


def _attendance(
    session: Session, meeting: m.Meeting, names: dict[int, tuple[str, tuple[Role, ...]]]
) -> tuple[AttendanceLine, ...]:
    recorded = {
        row.person_id: row
        for row in session.execute(
            select(m.Attendance).where(m.Attendance.meeting_id == meeting.id)
        ).scalars()
    }
    lines = []
    for person_id, (name, roles) in names.items():
        row = recorded.get(person_id)
        lines.append(
            AttendanceLine(
                person_id=person_id,
                name=name,
                roles=roles,
                status=AttendanceStatus(row.status) if row else None,
                arrived_at=row.arrived_at if row else None,
                left_at=row.left_at if row else None,
            )
        )
    return tuple(lines)


def _decisions(
    session: Session, item_ids: list[int], numbers: dict[int, int]
) -> list[DecisionLine]:
    rows = session.execute(
        select(m.Decision).where(m.Decision.agenda_item_id.in_(item_ids)).order_by(m.Decision.id)
    ).scalars()
    found = []
    for row in rows:
        votes = (
            VoteCount(row.votes_for, row.votes_against or 0, row.votes_abstain or 0)
            if row.votes_for is not None
            else None
        )
        found.append(
            DecisionLine(
                row.id,
                row.public_id,
                row.agenda_item_id,
                numbers[row.agenda_item_id],
                row.text,
                votes,
                row.version,
            )
        )
    return sorted(found, key=lambda d: (d.item_number, d.id))


def _actions(session: Session, condition: object) -> list[ActionLine]:
    rows = session.execute(
        select(m.Action, m.AgendaItem.meeting_id, m.Meeting.starts_at)
        .add_columns(m.Person.name.label("owner"), m.Party.name.label("party"))
        .join(m.AgendaItem, m.Action.agenda_item_id == m.AgendaItem.id)
        .join(m.Meeting, m.AgendaItem.meeting_id == m.Meeting.id)
        .outerjoin(m.Person, m.Action.owner_id == m.Person.id)
        .outerjoin(m.Party, m.Action.party_id == m.Party.id)
        .where(condition)  # type: ignore[arg-type]
        .order_by(m.AgendaItem.position, m.Action.id)
    ).all()
    return [
        ActionLine(
            id=row.Action.id,
            public_id=row.Action.public_id,
            item_id=row.Action.agenda_item_id,
            text=row.Action.text,
            owner_id=row.Action.owner_id,
            owner=row.owner,
            party_id=row.Action.party_id,
            party=row.party,
            due=row.Action.due,
            done_on=row.Action.done_on,
            meeting_id=row.meeting_id,
            meeting_starts_at=row.starts_at,
            version=row.Action.version,
        )
        for row in rows
    ]


def _ideas(session: Session, item_ids: list[int]) -> list[IdeaLine]:
    rows = session.execute(
        select(m.Idea).where(m.Idea.agenda_item_id.in_(item_ids)).order_by(m.Idea.id)
    ).scalars()
    return [IdeaLine(r.id, r.public_id, r.agenda_item_id, r.text) for r in rows]


def _history_here(session: Session, meeting: m.Meeting) -> list[HistoryLine]:
    rows = session.execute(
        select(m.PointHistory, m.ContractPoint.number, m.ContractPoint.title)
        .add_columns(m.Party.name.label("party"))
        .join(m.ContractPoint, m.PointHistory.point_id == m.ContractPoint.id)
        .join(m.Party, m.ContractPoint.party_id == m.Party.id)
        .where(m.PointHistory.meeting_id == meeting.id)
        .order_by(m.PointHistory.id)
    ).all()
    return [
        HistoryLine(
            point_id=row.PointHistory.point_id,
            number=row.number,
            title=row.title,
            party=row.party,
            day=row.PointHistory.date,
            status=PointStatus(row.PointHistory.status),
            note=row.PointHistory.note,
        )
        for row in rows
    ]


def _action_list(session: Session, meeting: m.Meeting) -> tuple[ActionLine, ...]:
    # The domain's rule (on_action_list) decides; the database only leaves out what was done
    # before this meeting's day, which over ten years is nearly all of them.
    candidates = _actions(
        session,
        (m.Meeting.neighbourhood_id == meeting.neighbourhood_id)
        & (m.Meeting.starts_at <= meeting.starts_at)
        & (
            m.Action.done_on.is_(None)
            | (m.Action.done_on >= meeting.starts_at.date())
            | (m.Meeting.starts_at == meeting.starts_at)
        ),
    )
    by_id = {a.id: a for a in candidates}
    facts = [ActionFact(a.id, a.meeting_starts_at, a.due, a.done_on) for a in candidates]
    return tuple(by_id[f.key] for f in action_list(facts, meeting.starts_at))


def _previous_concept(session: Session, meeting: m.Meeting) -> tuple[int, datetime] | None:
    """The latest earlier meeting whose minutes wait for approval (held, not approved)."""
    row = session.execute(
        select(m.Meeting.id, m.Meeting.starts_at)
        .where(
            m.Meeting.neighbourhood_id == meeting.neighbourhood_id,
            m.Meeting.id != meeting.id,
            m.Meeting.status == MeetingStatus.HELD.value,
            m.Meeting.cancel_reason.is_(None),
            m.Meeting.starts_at < meeting.starts_at,
        )
        .order_by(m.Meeting.starts_at.desc(), m.Meeting.id.desc())
        .limit(1)
    ).one_or_none()
    return (row.id, row.starts_at) if row is not None else None


# -- fingerprints ---------------------------------------------------------------------------


def renew_fingerprint(session: Session, meeting_id: int) -> str | None:
    """Store the fingerprint of approved minutes as they are now; None for concept minutes.

    For ops that change approved minutes on record: an erratum, a person's erasure. The
    store's triggers let only this column change on an approved meeting.
    """
    meeting = get_meeting(session, meeting_id)
    if meeting.status != MeetingStatus.MINUTES_APPROVED.value:
        return None
    session.flush()
    value = fingerprint(minutes_content(session, meeting))
    meeting.minutes_fingerprint = value
    session.flush()
    return value


def renew_fingerprints_of(session: Session, neighbourhood_id: int) -> int:
    """Renew the fingerprints of every approved meeting of a neighbourhood that has one.

    For a person's erasure, which rewrites names across all minutes. Returns how many.
    """
    ids = session.execute(
        select(m.Meeting.id).where(
            m.Meeting.neighbourhood_id == neighbourhood_id,
            m.Meeting.status == MeetingStatus.MINUTES_APPROVED.value,
            m.Meeting.minutes_fingerprint.is_not(None),
        )
    ).scalars()
    return sum(1 for meeting_id in list(ids) if renew_fingerprint(session, meeting_id))


@dataclass(frozen=True)
class FingerprintMismatch:
    meeting_id: int
    public_id: str
    neighbourhood: str
    starts_at: datetime
    stored: str
    computed: str

    def error(self) -> RuleBroken:
        """The finding as `buurtteam check` prints it."""
        return RuleBroken(
            N_(
                "The approved minutes of {date} ({neighbourhood}, meeting {meeting}) no longer "
                "match their fingerprint: {stored} was recorded, the content now gives "
                "{computed}. They were changed outside buurtteam. Compare them with the "
                "signed paper copy and restore a backup if needed."
            ),
            date=self.starts_at.date(),
            neighbourhood=self.neighbourhood,
            meeting=self.public_id,
            stored=self.stored,
            computed=self.computed,
        )


def verify_fingerprints(db: Database) -> list[FingerprintMismatch]:
    """Approved minutes whose stored fingerprint no longer matches their content.

    Minutes approved before fingerprints existed, or imported (the exchange format has no
    fingerprint), have none stored and are not reported; `seal_minutes` gives them one.
    """
    found = []
    with db.read() as session:
        rows = session.execute(
            select(m.Meeting.id, m.Meeting.minutes_fingerprint, m.Neighbourhood.name)
            .join(m.Neighbourhood, m.Meeting.neighbourhood_id == m.Neighbourhood.id)
            .where(
                m.Meeting.status == MeetingStatus.MINUTES_APPROVED.value,
                m.Meeting.minutes_fingerprint.is_not(None),
            )
            .order_by(m.Neighbourhood.name, m.Meeting.starts_at)
        ).all()
        for row in rows:
            meeting = get_meeting(session, row.id)
            computed = fingerprint(minutes_content(session, meeting))
            if computed != row.minutes_fingerprint:
                found.append(
                    FingerprintMismatch(
                        row.id,
                        meeting.public_id,
                        row.name,
                        meeting.starts_at,
                        row.minutes_fingerprint,
                        computed,
                    )
                )
    return found


def seal_minutes(db: Database) -> int:
    """Give approved minutes without a stored fingerprint (imported ones) their fingerprint.

    Returns how many were sealed. Safe to run again: sealed minutes are left alone.
    """
    with db.write() as session:
        ids = list(
            session.execute(
                select(m.Meeting.id).where(
                    m.Meeting.status == MeetingStatus.MINUTES_APPROVED.value,
                    m.Meeting.minutes_fingerprint.is_(None),
                )
            ).scalars()
        )
        for meeting_id in ids:
            renew_fingerprint(session, meeting_id)
        return len(ids)


# -- approval and errata ----------------------------------------------------------------------


@dataclass(frozen=True)
class Approval:
    fingerprint: str
    decision_id: int | None  # the decision recorded at the approving meeting, if any


def approve_minutes(
    db: Database, meeting_id: int, approving_meeting_id: int, today: date
) -> Approval:
    """Approve a held meeting's concept minutes at a later meeting; from then on they are frozen.

    Records the fingerprint, and the decision "the minutes of ... are approved" on the
    approving meeting's previous-minutes item when it has one and no such decision yet.

    Raises:
        RuleBroken: already approved, not held, cancelled, or the approving meeting is not a
            later meeting of the same neighbourhood that has taken place.
    """
    with minutes_write(db) as session:
        meeting = get_meeting(session, meeting_id)
        approving = get_meeting(session, approving_meeting_id)
        if approving.neighbourhood_id != meeting.neighbourhood_id:
            raise RuleBroken(N_("Minutes are approved by a meeting of the same neighbourhood."))
        if meeting.status == MeetingStatus.MINUTES_APPROVED.value:
            by = session.get(m.Meeting, meeting.minutes_approved_at_id or -1)
            raise RuleBroken(
                N_(
                    "The minutes of {date} were approved already, at the meeting of "
                    "{approving}. Add an erratum to correct them."
                ),
                date=meeting.starts_at.date(),
                approving=by.starts_at.date() if by else meeting.starts_at.date(),
            )
        refuse_if_frozen(meeting)
        check_approval(
            meeting.starts_at,
            meeting.status == MeetingStatus.HELD.value,
            approving.starts_at,
            approving.cancel_reason is not None,
            today,
        )
        value = fingerprint(minutes_content(session, meeting))
        meeting.status = MeetingStatus.MINUTES_APPROVED.value
        meeting.minutes_approved_at_id = approving.id
        meeting.minutes_fingerprint = value
        session.flush()
        decision_id = _record_approval(session, meeting, approving)
        return Approval(value, decision_id)


def _record_approval(session: Session, meeting: m.Meeting, approving: m.Meeting) -> int | None:
    if approving.status == MeetingStatus.MINUTES_APPROVED.value:
        return None
    item = session.execute(
        select(m.AgendaItem)
        .where(
            m.AgendaItem.meeting_id == approving.id,
            m.AgendaItem.section == Section.PREVIOUS_MINUTES.value,
        )
        .order_by(m.AgendaItem.position, m.AgendaItem.id)
        .limit(1)
    ).scalar()
    if item is None:
        return None
    text = approval_text(meeting.starts_at.date())
    exists = session.scalar(
        select(func.count()).where(m.Decision.agenda_item_id == item.id, m.Decision.text == text)
    )
    if exists:
        return None
    decision = m.Decision(
        agenda_item_id=item.id, public_id=new_public_id(session, m.Decision, "d"), text=text
    )
    session.add(decision)
    session.flush()
    return decision.id


def approval_text(day: date) -> str:
    return _("The minutes of {date} are approved.").format(date=datum_long(day))


def add_erratum(db: Database, meeting_id: int, text: str, today: date) -> str:
    """Add a dated correction to approved minutes; returns the renewed fingerprint.

    Raises:
        RuleBroken: the minutes are still a concept (correct them directly instead).
        InvalidInput: no text.
    """
    cleaned = erratum_text(text)
    with minutes_write(db) as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.status != MeetingStatus.MINUTES_APPROVED.value:
            raise RuleBroken(
                N_(
                    "These minutes are still a concept: correct the text itself. An erratum "
                    "is for minutes that have been approved."
                )
            )
        session.add(m.Erratum(meeting_id=meeting.id, date=today, text=cleaned))
        value = renew_fingerprint(session, meeting.id)
        assert value is not None
        return value


def set_minutes_people(
    db: Database, meeting_id: int, chair_id: int | None, secretary_id: int | None
) -> None:
    """Who chaired the meeting and who took the minutes (they sign the paper).

    Raises:
        MinutesFrozen: the minutes are approved.
        NotFound: a person of another neighbourhood.
    """
    with minutes_write(db) as session:
        meeting = get_meeting(session, meeting_id)
        refuse_if_frozen(meeting)
        for person_id in (chair_id, secretary_id):
            person = session.get(m.Person, person_id) if person_id is not None else None
            if person_id is not None and (
                person is None or person.neighbourhood_id != meeting.neighbourhood_id
            ):
                raise NotFound(N_("The chosen person does not exist in this neighbourhood."))
        meeting.chair_id = chair_id
        meeting.secretary_id = secretary_id


def contract_point_id(db: Database, meeting_id: int, number: int) -> int:
    """The contract point an agenda item's number means: of the contract in force that day.

    Raises:
        NotFound: no contract in force, or no such number in it.
    """
    with db.read() as session:
        meeting = get_meeting(session, meeting_id)
        return point_in_force(session, meeting, number).id


def point_in_force(session: Session, meeting: m.Meeting, number: int) -> m.ContractPoint:
    contract_id = current_contract_id(session, meeting.neighbourhood_id, meeting.starts_at.date())
    point = (
        session.execute(
            select(m.ContractPoint).where(
                m.ContractPoint.contract_id == contract_id, m.ContractPoint.number == number
            )
        ).scalar()
        if contract_id is not None
        else None
    )
    if point is None:
        raise NotFound(
            N_("The contract in force on {date} has no point {number}."),
            date=meeting.starts_at.date(),
            number=number,
        )
    return point


# -- printing -------------------------------------------------------------------------------


def print_data(minutes: Minutes, printed_on: date) -> MinutesPrintData:
    """What the printed minutes need, from the minutes as read."""
    # Imported here: reportlab is only loaded when something is printed.
    from buurtteam.reports.minutes_report import (
        MinutesPrintData,
        PrintAction,
        PrintDecision,
        PrintHistory,
        PrintItem,
        PrintPerson,
    )

    def people(status: AttendanceStatus) -> tuple[PrintPerson, ...]:
        return tuple(
            PrintPerson(a.name, a.roles, a.arrived_at, a.left_at)
            for a in minutes.attendance
            if a.status is status
        )

    def action(a: ActionLine) -> PrintAction:
        return PrintAction(a.text, a.who, a.due, a.done_on, a.meeting_starts_at.date())

    def history(h: HistoryLine) -> PrintHistory:
        return PrintHistory(h.number, h.title, h.party, h.status, h.note)

    titles = {item.id: item.title for item in minutes.items}

    def decision(d: DecisionLine) -> PrintDecision:
        return PrintDecision(d.item_number, titles[d.item_id], d.text, d.votes)

    head = minutes.head
    return MinutesPrintData(
        neighbourhood=head.neighbourhood,
        municipality=head.municipality,
        starts_at=head.starts_at,
        ends_at=head.ends_at,
        location=head.location,
        chair=head.chair,
        secretary=head.secretary,
        approved_at=head.approved_at.date() if head.frozen and head.approved_at else None,
        present=people(AttendanceStatus.PRESENT),
        absent_with_notice=people(AttendanceStatus.ABSENT_WITH_NOTICE),
        absent=people(AttendanceStatus.ABSENT),
        guests=tuple((g.name, g.organisation) for g in minutes.guests),
        voters_present=minutes.voters_present,
        quorum=head.quorum,
        items=tuple(
            PrintItem(
                number=item.number,
                title=item.title,
                notes=item.notes,
                discussed=item.discussed,
                decisions=tuple(decision(d) for d in item.decisions),
                actions=tuple(action(a) for a in item.actions),
                ideas=tuple(i.text for i in item.ideas),
                history=tuple(history(h) for h in item.history),
            )
            for item in minutes.items
        ),
        other_history=tuple(history(h) for h in minutes.other_history),
        decisions=tuple(decision(d) for d in minutes.decisions),
        actions=tuple(action(a) for a in minutes.action_list),
        errata=tuple((e.day, e.text) for e in minutes.errata),
        fingerprint=minutes.fingerprint,
        stored_fingerprint=minutes.stored_fingerprint,
        printed_on=printed_on,
    )


def print_minutes(
    db: Database, meeting_id: int, target: Path, printed_on: date, *, large: bool = False
) -> Path:
    """Print a meeting's minutes to a PDF (large print: 14 pt).

    Raises:
        NotFound: when the meeting does not exist.
        StoreError: when the file cannot be written.
    """
    from buurtteam.reports.minutes_report import write_minutes

    return write_minutes(print_data(minutes_of(db, meeting_id), printed_on), target, large=large)


def meeting_named(db: Database, neighbourhood: str, public_id: str) -> int | None:
    """The meeting with this public id in the neighbourhood of this name, if it still exists."""
    with db.read() as session:
        return session.execute(
            select(m.Meeting.id)
            .join(m.Neighbourhood, m.Meeting.neighbourhood_id == m.Neighbourhood.id)
            .where(m.Neighbourhood.name == neighbourhood, m.Meeting.public_id == public_id)
        ).scalar()
