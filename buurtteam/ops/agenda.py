"""A meeting's agenda: requests, composition, hand edits, timing and the balance.

Every function that changes something runs one write transaction and refuses (changing
nothing) with a `BuurtteamError` that says what to do. The rules live in
`buurtteam.domain.agenda`; here they meet the database. Only plain frozen dataclasses
leave this module.

Where the data keeps what composition needs to recognise (see the domain module):
standing items get the public id `<meeting id>-<kind>` (for example
`m-2027-04-20-opening`), request items their request link, budget items their proposal
link, carried items the item they came from.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from buurtteam.domain import agenda as policy
from buurtteam.domain.agenda import (
    Balance,
    Composition,
    NewItem,
    Origin,
    OriginKind,
    Situation,
    Standing,
    Timing,
    Weighed,
)
from buurtteam.domain.schedule import check_changeable, meeting_length, reason_given
from buurtteam.domain.vocab import (
    IssueStatus,
    MeetingStatus,
    PointStatus,
    ProposalStatus,
    Purpose,
    RequestState,
    Section,
    Source,
)
from buurtteam.errors import N_, InvalidInput, NotFound, RuleBroken
from buurtteam.i18n import _, ngettext
from buurtteam.i18n.format import datum, euro
from buurtteam.i18n.labels import purpose_label
from buurtteam.ops.editing import Field, Started, check_edit
from buurtteam.ops.overview import current_contract_id
from buurtteam.store import models as m
from buurtteam.store.db import Database

if TYPE_CHECKING:
    from buurtteam.reports.agenda_report import AgendaPrintData

_AWAITING = [s.value for s in ProposalStatus if s.awaits_decision]
_FINISHED = [s.value for s in PointStatus if s.is_finished]


# -- what leaves this module ------------------------------------------------------------


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    public_id: str
    neighbourhood_id: int
    neighbourhood: str
    municipality: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    status: MeetingStatus
    chair: str | None
    cancel_reason: str | None
    move_reason: str | None
    original_starts_at: datetime | None

    @property
    def cancelled(self) -> bool:
        return self.cancel_reason is not None

    @property
    def editable(self) -> bool:
        """The agenda can still change: planned and not cancelled."""
        return self.status is MeetingStatus.PLANNED and not self.cancelled

    @property
    def length(self) -> timedelta:
        return meeting_length(self.starts_at, self.ends_at)


@dataclass(frozen=True)
class LinkedPoint:
    number: int
    title: str | None  # None when the contract in force has no such number
    party: str | None
    status: PointStatus | None
    due: date | None = None


@dataclass(frozen=True)
class LinkedProposal:
    id: int
    public_id: str
    title: str
    amount_requested: Decimal
    status: ProposalStatus
    submitted_by: str | None


@dataclass(frozen=True)
class LinkedIssue:
    id: int
    public_id: str
    title: str
    status: IssueStatus


@dataclass(frozen=True)
class AgendaEntry:
    id: int
    public_id: str
    number: int  # as printed, from 1
    section: Section
    title: str
    description: str | None
    source: Source
    submitted_by: str | None
    purpose: Purpose
    minutes: int | None
    starts_at: datetime  # planned
    request_id: int | None
    carried_from: date | None  # the date of the meeting it came from
    standing: Standing | None
    points: tuple[LinkedPoint, ...]
    proposals: tuple[LinkedProposal, ...]
    issues: tuple[LinkedIssue, ...]
    version: int = 1  # for saving an edit safely (ops.editing)

    def started(self) -> Started:
        """What the item form starts from: the fields of `ItemDraft`."""
        return Started(
            self.version,
            {
                "title": self.title,
                "purpose": self.purpose,
                "minutes": self.minutes,
                "description": self.description,
            },
        )


@dataclass(frozen=True)
class RequestRow:
    id: int
    public_id: str
    title: str
    description: str | None
    source: Source
    submitted_by: str | None
    submitted_on: date
    state: RequestState
    decline_reason: str | None
    carried_from: date | None  # the meeting it was deferred from
    moved_to: date | None  # for a deferred request: the meeting it went on to


@dataclass(frozen=True)
class ActionRow:
    text: str
    who: str | None
    due: date | None
    meeting_date: date


@dataclass(frozen=True)
class AgendaView:
    """One meeting's agenda as the window, the printed agenda and the meeting mode use it."""

    meeting: MeetingInfo
    items: tuple[AgendaEntry, ...]
    requests: tuple[RequestRow, ...]  # every request of this meeting, in recorded order
    timing: Timing
    balance: Balance
    previous_meeting: date | None
    open_actions: tuple[ActionRow, ...]

    @property
    def pending(self) -> tuple[RequestRow, ...]:
        return tuple(r for r in self.requests if r.state is RequestState.PENDING)

    @property
    def proposals_to_decide(self) -> tuple[LinkedProposal, ...]:
        """Each proposal linked from the agenda once, in agenda order."""
        seen: dict[int, LinkedProposal] = {}
        for item in self.items:
            for proposal in item.proposals:
                seen.setdefault(proposal.id, proposal)
        return tuple(seen.values())

    @property
    def points_to_discuss(self) -> tuple[LinkedPoint, ...]:
        seen: dict[int, LinkedPoint] = {}
        for item in self.items:
            for point in item.points:
                seen.setdefault(point.number, point)
        return tuple(sorted(seen.values(), key=lambda p: p.number))


@dataclass(frozen=True)
class ComposeResult:
    added: int
    placed_requests: int

    @property
    def changed(self) -> bool:
        return self.added > 0


@dataclass(frozen=True)
class DeferResult:
    new_request_id: int
    meeting_id: int
    meeting_starts_at: datetime


@dataclass(frozen=True)
class RequestDraft:
    title: str
    source: Source
    submitted_on: date
    description: str | None = None
    submitted_by_id: int | None = None


@dataclass(frozen=True)
class ItemDraft:
    title: str
    purpose: Purpose
    minutes: int | None
    description: str | None = None


@dataclass(frozen=True)
class LinkChoices:
    """What an item can be linked to: the contract in force, proposals and issues."""

    points: tuple[LinkedPoint, ...]
    proposals: tuple[LinkedProposal, ...]
    issues: tuple[LinkedIssue, ...]


@dataclass(frozen=True)
class PeriodBalance:
    starts_on: date
    ends_on: date
    contract: str
    balance: Balance


# -- finding rows ---------------------------------------------------------------------


def _meeting(session: Session, meeting_id: int) -> m.Meeting:
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFound(N_("This meeting no longer exists in the database."))
    return meeting


def _editable_meeting(session: Session, meeting_id: int) -> m.Meeting:
    meeting = _meeting(session, meeting_id)
    check_changeable(MeetingStatus(meeting.status), meeting.cancel_reason is not None)
    return meeting


def _item(session: Session, item_id: int) -> m.AgendaItem:
    item = session.get(m.AgendaItem, item_id)
    if item is None:
        raise NotFound(N_("This agenda item no longer exists; it may have been removed."))
    return item


def _request(session: Session, request_id: int) -> m.AgendaRequest:
    request = session.get(m.AgendaRequest, request_id)
    if request is None:
        raise NotFound(N_("This agenda request no longer exists in the database."))
    return request


def _items_in_order(session: Session, meeting_id: int) -> list[m.AgendaItem]:
    return list(
        session.execute(
            select(m.AgendaItem)
            .where(m.AgendaItem.meeting_id == meeting_id)
            .order_by(m.AgendaItem.position, m.AgendaItem.id)
        ).scalars()
    )


def _new_id(
    session: Session, model: type[m.AgendaItem] | type[m.AgendaRequest], prefix: str
) -> str:
    while True:
        candidate = f"{prefix}-{uuid.uuid4().hex[:10]}"
        if session.scalar(select(func.count()).where(model.public_id == candidate)) == 0:
            return candidate


def standing_id(meeting_public_id: str, kind: Standing) -> str:
    return f"{meeting_public_id}-{kind.value}"


def _standing_of(meeting_public_id: str, item_public_id: str) -> Standing | None:
    prefix = f"{meeting_public_id}-"
    if not item_public_id.startswith(prefix):
        return None
    try:
        return Standing(item_public_id[len(prefix) :])
    except ValueError:
        return None


def next_planned_meeting(session: Session, meeting: m.Meeting) -> m.Meeting | None:
    """The first meeting after `meeting` that is planned and not cancelled."""
    return session.execute(
        select(m.Meeting)
        .where(
            m.Meeting.neighbourhood_id == meeting.neighbourhood_id,
            m.Meeting.id != meeting.id,
            m.Meeting.status == MeetingStatus.PLANNED.value,
            m.Meeting.cancel_reason.is_(None),
            m.Meeting.starts_at > meeting.starts_at,
        )
        .order_by(m.Meeting.starts_at, m.Meeting.id)
        .limit(1)
    ).scalar()


def previous_meeting(session: Session, meeting: m.Meeting) -> m.Meeting | None:
    """The meeting before `meeting` in the series (held or still planned, not cancelled).

    Its minutes come up for approval, its undiscussed items carry over, and contract
    points count as changed when they changed after it. When it is still planned as this
    one is composed, its minutes will be there by the time this meeting is held.
    """
    return session.execute(
        select(m.Meeting)
        .where(
            m.Meeting.neighbourhood_id == meeting.neighbourhood_id,
            m.Meeting.id != meeting.id,
            m.Meeting.cancel_reason.is_(None),
            m.Meeting.starts_at < meeting.starts_at,
        )
        .order_by(m.Meeting.starts_at.desc(), m.Meeting.id.desc())
        .limit(1)
    ).scalar()


# -- reading an agenda ------------------------------------------------------------------


def agenda_of(db: Database, meeting_id: int) -> AgendaView:
    """The meeting with its agenda, requests, timing and balance.

    Raises:
        NotFound: when the meeting does not exist.
    """
    with db.read() as session:
        return read_agenda(session, meeting_id)


def read_agenda(session: Session, meeting_id: int) -> AgendaView:
    """`agenda_of` inside a transaction the caller owns (for other ops and reports)."""
    meeting = _meeting(session, meeting_id)
    info = _meeting_info(session, meeting)
    rows = _items_in_order(session, meeting.id)
    links = _links(session, meeting, [row.id for row in rows])
    names = _names(session, meeting.neighbourhood_id)
    carried = _carried_dates(session, [row.carried_from_id for row in rows])
    plan = policy.timing(meeting.starts_at, [row.minutes for row in rows], info.length)
    items = tuple(
        AgendaEntry(
            id=row.id,
            public_id=row.public_id,
            number=number,
            section=Section(row.section),
            title=row.title,
            description=row.description,
            source=Source(row.source),
            submitted_by=names.get(row.submitted_by_id) if row.submitted_by_id else None,
            purpose=Purpose(row.purpose),
            minutes=row.minutes,
            starts_at=plan.starts[number - 1],
            request_id=row.request_id,
            carried_from=carried.get(row.carried_from_id) if row.carried_from_id else None,
            standing=_standing_of(meeting.public_id, row.public_id),
            points=links.points.get(row.id, ()),
            proposals=links.proposals.get(row.id, ()),
            issues=links.issues.get(row.id, ()),
            version=row.version,
        )
        for number, row in enumerate(rows, start=1)
    )
    previous = previous_meeting(session, meeting)
    return AgendaView(
        meeting=info,
        items=items,
        requests=_requests(session, meeting, names),
        timing=plan,
        balance=policy.balance(Weighed(i.section, i.source, i.minutes) for i in items),
        previous_meeting=previous.starts_at.date() if previous else None,
        open_actions=open_actions(session, meeting),
    )


def _meeting_info(session: Session, meeting: m.Meeting) -> MeetingInfo:
    hood = session.get(m.Neighbourhood, meeting.neighbourhood_id)
    assert hood is not None
    chair = session.get(m.Person, meeting.chair_id) if meeting.chair_id else None
    return MeetingInfo(
        id=meeting.id,
        public_id=meeting.public_id,
        neighbourhood_id=hood.id,
        neighbourhood=hood.name,
        municipality=hood.municipality,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        status=MeetingStatus(meeting.status),
        chair=chair.name if chair else None,
        cancel_reason=meeting.cancel_reason,
        move_reason=meeting.move_reason,
        original_starts_at=meeting.original_starts_at,
    )


def _names(session: Session, neighbourhood_id: int) -> dict[int, str]:
    return dict(
        session.execute(
            select(m.Person.id, m.Person.name).where(m.Person.neighbourhood_id == neighbourhood_id)
        ).all()
    )


def _carried_dates(session: Session, item_ids: Iterable[int | None]) -> dict[int, date]:
    wanted = [i for i in item_ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(
        select(m.AgendaItem.id, m.Meeting.starts_at)
        .join(m.Meeting, m.AgendaItem.meeting_id == m.Meeting.id)
        .where(m.AgendaItem.id.in_(wanted))
    ).all()
    return {row.id: row.starts_at.date() for row in rows}


@dataclass(frozen=True)
class _Links:
    points: dict[int, tuple[LinkedPoint, ...]]
    proposals: dict[int, tuple[LinkedProposal, ...]]
    issues: dict[int, tuple[LinkedIssue, ...]]


def _contract_points(session: Session, meeting: m.Meeting) -> dict[int, LinkedPoint]:
    """The points of the contract in force on the meeting's day, by number."""
    contract_id = current_contract_id(session, meeting.neighbourhood_id, meeting.starts_at.date())
    if contract_id is None:
        return {}
    rows = session.execute(
        select(
            m.ContractPoint.number,
            m.ContractPoint.title,
            m.ContractPoint.status,
            m.ContractPoint.due,
            m.Party.name,
        )
        .join(m.Party, m.ContractPoint.party_id == m.Party.id)
        .where(m.ContractPoint.contract_id == contract_id)
        .order_by(m.ContractPoint.number)
    ).all()
    return {
        r.number: LinkedPoint(r.number, r.title, r.name, PointStatus(r.status), r.due) for r in rows
    }


def _proposal_rows(session: Session, condition: ColumnElement[bool]) -> list[LinkedProposal]:
    rows = session.execute(
        select(
            m.Proposal.id,
            m.Proposal.public_id,
            m.Proposal.title,
            m.Proposal.amount_requested,
            m.Proposal.status,
            m.Person.name,
        )
        .outerjoin(m.Person, m.Proposal.submitted_by_id == m.Person.id)
        .where(condition)
        .order_by(m.Proposal.received_on, m.Proposal.id)
    ).all()
    return [
        LinkedProposal(
            r.id, r.public_id, r.title, r.amount_requested, ProposalStatus(r.status), r.name
        )
        for r in rows
    ]


def _links(session: Session, meeting: m.Meeting, item_ids: list[int]) -> _Links:
    points: dict[int, list[LinkedPoint]] = {}
    proposals: dict[int, list[LinkedProposal]] = {}
    issues: dict[int, list[LinkedIssue]] = {}
    if item_ids:
        known = _contract_points(session, meeting)
        for item_id, number in session.execute(
            select(m.AgendaItemPoint.agenda_item_id, m.AgendaItemPoint.number)
            .where(m.AgendaItemPoint.agenda_item_id.in_(item_ids))
            .order_by(m.AgendaItemPoint.id)
        ):
            point = known.get(number, LinkedPoint(number, None, None, None))
            points.setdefault(item_id, []).append(point)
        by_id = {
            p.id: p
            for p in _proposal_rows(
                session,
                m.Proposal.id.in_(
                    select(m.AgendaItemProposal.proposal_id).where(
                        m.AgendaItemProposal.agenda_item_id.in_(item_ids)
                    )
                ),
            )
        }
        for item_id, proposal_id in session.execute(
            select(m.AgendaItemProposal.agenda_item_id, m.AgendaItemProposal.proposal_id)
            .where(m.AgendaItemProposal.agenda_item_id.in_(item_ids))
            .order_by(m.AgendaItemProposal.id)
        ):
            proposals.setdefault(item_id, []).append(by_id[proposal_id])
        for row in session.execute(
            select(
                m.AgendaItemIssue.agenda_item_id,
                m.Issue.id,
                m.Issue.public_id,
                m.Issue.title,
                m.Issue.status,
            )
            .join(m.Issue, m.AgendaItemIssue.issue_id == m.Issue.id)
            .where(m.AgendaItemIssue.agenda_item_id.in_(item_ids))
            .order_by(m.AgendaItemIssue.id)
        ).all():
            issues.setdefault(row.agenda_item_id, []).append(
                LinkedIssue(row.id, row.public_id, row.title, IssueStatus(row.status))
            )
    return _Links(
        {k: tuple(v) for k, v in points.items()},
        {k: tuple(v) for k, v in proposals.items()},
        {k: tuple(v) for k, v in issues.items()},
    )


def _requests(
    session: Session, meeting: m.Meeting, names: dict[int, str]
) -> tuple[RequestRow, ...]:
    rows = list(
        session.execute(
            select(m.AgendaRequest)
            .where(m.AgendaRequest.meeting_id == meeting.id)
            .order_by(m.AgendaRequest.id)
        ).scalars()
    )
    ids = [row.id for row in rows]
    origin_ids = [row.carried_from_id for row in rows if row.carried_from_id]
    came_from = dict(
        session.execute(
            select(m.AgendaRequest.id, m.Meeting.starts_at)
            .join(m.Meeting, m.AgendaRequest.meeting_id == m.Meeting.id)
            .where(m.AgendaRequest.id.in_(origin_ids))
        ).all()
    )
    went_to = dict(
        session.execute(
            select(m.AgendaRequest.carried_from_id, m.Meeting.starts_at)
            .join(m.Meeting, m.AgendaRequest.meeting_id == m.Meeting.id)
            .where(m.AgendaRequest.carried_from_id.in_(ids))
        ).all()
    )
    return tuple(
        RequestRow(
            id=row.id,
            public_id=row.public_id,
            title=row.title,
            description=row.description,
            source=Source(row.source),
            submitted_by=names.get(row.submitted_by_id) if row.submitted_by_id else None,
            submitted_on=row.submitted_on,
            state=RequestState(row.state),
            decline_reason=row.decline_reason,
            carried_from=came_from[row.carried_from_id].date()
            if row.carried_from_id in came_from
            else None,
            moved_to=went_to[row.id].date() if row.id in went_to else None,
        )
        for row in rows
    )


def open_actions(session: Session, meeting: m.Meeting) -> tuple[ActionRow, ...]:
    """Actions from earlier meetings not yet done: they carry over until they are."""
    rows = session.execute(
        select(m.Action.text, m.Action.due, m.Meeting.starts_at)
        .add_columns(m.Person.name.label("owner"), m.Party.name.label("party"))
        .join(m.AgendaItem, m.Action.agenda_item_id == m.AgendaItem.id)
        .join(m.Meeting, m.AgendaItem.meeting_id == m.Meeting.id)
        .outerjoin(m.Person, m.Action.owner_id == m.Person.id)
        .outerjoin(m.Party, m.Action.party_id == m.Party.id)
        .where(
            m.Meeting.neighbourhood_id == meeting.neighbourhood_id,
            m.Meeting.starts_at < meeting.starts_at,
            m.Action.done_on.is_(None),
        )
        .order_by(m.Action.due.is_(None), m.Action.due, m.Meeting.starts_at, m.Action.id)
    ).all()
    return tuple(
        ActionRow(row.text, row.owner or row.party, row.due, row.starts_at.date()) for row in rows
    )


# -- composing --------------------------------------------------------------------------


def compose_agenda(db: Database, meeting_id: int) -> ComposeResult:
    """Propose the agenda by the policy; one transaction, and a second call changes nothing.

    Raises:
        NotFound: when the meeting does not exist.
        RuleBroken: when the meeting was held already or is cancelled.
    """
    with db.write() as session:
        meeting = _editable_meeting(session, meeting_id)
        context = _Context.read(session, meeting)
        composition = policy.compose(context.situation)
        if composition.changes_nothing:
            return ComposeResult(0, 0)
        context.store(composition)
        return ComposeResult(len(composition.new_items), len(composition.placed_requests))


@dataclass
class _Context:
    """What composition of one meeting reads, kept to store its result."""

    session: Session
    meeting: m.Meeting
    situation: Situation
    items: dict[str, m.AgendaItem]
    previous: m.Meeting | None
    open_action_count: int

    @classmethod
    def read(cls, session: Session, meeting: m.Meeting) -> _Context:
        items = _items_in_order(session, meeting.id)
        previous = previous_meeting(session, meeting)
        contract_id = current_contract_id(
            session, meeting.neighbourhood_id, meeting.starts_at.date()
        )
        situation = Situation(
            agenda=tuple(
                policy.Placed(
                    item.public_id, Section(item.section), _origins(session, meeting, item)
                )
                for item in items
            ),
            requests=_pending(session, meeting),
            proposals=_waiting_proposals(session, meeting),
            undiscussed=_undiscussed(session, previous),
            has_previous_meeting=previous is not None,
            has_contract=contract_id is not None,
            points=_points_to_review(session, contract_id, meeting, previous),
            elsewhere=_elsewhere(session, meeting),
        )
        return cls(
            session,
            meeting,
            situation,
            {item.public_id: item for item in items},
            previous,
            len(open_actions(session, meeting)),
        )

    def store(self, composition: Composition) -> None:
        session = self.session
        people = dict(
            session.execute(
                select(m.Person.public_id, m.Person.id).where(
                    m.Person.neighbourhood_id == self.meeting.neighbourhood_id
                )
            ).all()
        )
        for position, slot in enumerate(composition.order, start=1):
            if isinstance(slot, NewItem):
                self._add(slot, position, people)
            else:
                self.items[slot].position = position

    def _add(self, new: NewItem, position: int, people: dict[str, int]) -> None:
        session, meeting = self.session, self.meeting
        public_id = _new_id(session, m.AgendaItem, "a")
        if new.standing is not None:
            wanted = standing_id(meeting.public_id, new.standing)
            taken = session.scalar(select(func.count()).where(m.AgendaItem.public_id == wanted))
            public_id = wanted if not taken else public_id
        title, description = self._words(new)
        request_id = carried_from_id = None
        if new.origin.kind is OriginKind.REQUEST:
            request = session.execute(
                select(m.AgendaRequest).where(
                    m.AgendaRequest.meeting_id == meeting.id,
                    m.AgendaRequest.public_id == new.origin.key,
                )
            ).scalar_one()
            request.state = RequestState.PLACED.value
            request_id = request.id
        elif new.origin.kind is OriginKind.CARRIED:
            carried_from_id = session.execute(
                select(m.AgendaItem.id)
                .join(m.Meeting, m.AgendaItem.meeting_id == m.Meeting.id)
                .where(
                    m.Meeting.neighbourhood_id == meeting.neighbourhood_id,
                    m.AgendaItem.public_id == new.origin.key,
                )
            ).scalar_one()
        row = m.AgendaItem(
            meeting_id=meeting.id,
            public_id=public_id,
            position=position,
            section=new.section.value,
            title=title,
            description=description,
            source=new.source.value,
            submitted_by_id=people.get(new.submitted_by) if new.submitted_by else None,
            request_id=request_id,
            minutes=new.minutes,
            purpose=new.purpose.value,
            carried_from_id=carried_from_id,
        )
        session.add(row)
        session.flush()
        _store_links(
            session,
            row.id,
            new.points,
            _ids(session, m.Proposal, meeting.neighbourhood_id, new.proposals),
            _ids(session, m.Issue, meeting.neighbourhood_id, new.issues),
        )

    def _words(self, new: NewItem) -> tuple[str, str | None]:
        """Title and description of a new item, in the reader's language."""
        if new.title is not None:
            return new.title, new.description
        if new.standing is not None:
            return self._standing_words(new)
        proposal = self.session.execute(
            select(m.Proposal).where(
                m.Proposal.neighbourhood_id == self.meeting.neighbourhood_id,
                m.Proposal.public_id == new.origin.key,
            )
        ).scalar_one()
        return (
            _("Budget proposal: {title}").format(title=proposal.title),
            _("Requested: {amount}.").format(amount=euro(proposal.amount_requested)),
        )

    def _standing_words(self, new: NewItem) -> tuple[str, str | None]:
        kind = new.standing
        if kind is Standing.PREVIOUS_MINUTES and self.previous is not None:
            count = self.open_action_count
            return (
                _("Minutes of {date}").format(date=datum(self.previous.starts_at.date())),
                ngettext(
                    "Adopt the minutes and go through the action list: {count} action is "
                    "still open.",
                    "Adopt the minutes and go through the action list: {count} actions are "
                    "still open.",
                    count,
                ).format(count=count),
            )
        if kind is Standing.CONTRACT:
            count = len(new.points)
            if not count:
                return _("Progress of the neighbourhood contract"), _(
                    "No contract point is due or changed since the last meeting."
                )
            return _("Progress of the neighbourhood contract"), ngettext(
                "{count} contract point is due or changed since the last meeting.",
                "{count} contract points are due or changed since the last meeting.",
                count,
            ).format(count=count)
        titles = {
            Standing.OPENING: _("Opening and adoption of the agenda"),
            Standing.ANNOUNCEMENTS: _("Announcements"),
            Standing.ANY_OTHER_BUSINESS: _("Any other business"),
            Standing.CLOSING: _("Closing"),
        }
        assert kind is not None
        return titles[kind], None


def _origins(session: Session, meeting: m.Meeting, item: m.AgendaItem) -> frozenset[Origin]:
    found: set[Origin] = set()
    kind = _standing_of(meeting.public_id, item.public_id)
    if kind is not None:
        found.add(Origin(OriginKind.STANDING, kind.value))
    if item.request_id is not None:
        request = session.get(m.AgendaRequest, item.request_id)
        if request is not None:
            found.add(Origin(OriginKind.REQUEST, request.public_id))
    if item.carried_from_id is not None:
        origin = session.get(m.AgendaItem, item.carried_from_id)
        if origin is not None:
            found.add(Origin(OriginKind.CARRIED, origin.public_id))
    for public_id in session.execute(
        select(m.Proposal.public_id)
        .join(m.AgendaItemProposal, m.AgendaItemProposal.proposal_id == m.Proposal.id)
        .where(m.AgendaItemProposal.agenda_item_id == item.id)
    ).scalars():
        found.add(Origin(OriginKind.PROPOSAL, public_id))
    return frozenset(found)


def _person_key(session: Session, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    person = session.get(m.Person, person_id)
    return person.public_id if person else None


def _pending(session: Session, meeting: m.Meeting) -> tuple[policy.PendingRequest, ...]:
    rows = session.execute(
        select(m.AgendaRequest)
        .where(
            m.AgendaRequest.meeting_id == meeting.id,
            m.AgendaRequest.state == RequestState.PENDING.value,
        )
        .order_by(m.AgendaRequest.id)
    ).scalars()
    return tuple(
        policy.PendingRequest(
            key=row.public_id,
            title=row.title,
            description=row.description,
            source=Source(row.source),
            submitted_by=_person_key(session, row.submitted_by_id),
            submitted_on=row.submitted_on,
            sequence=row.id,
        )
        for row in rows
    )


def _waiting_proposals(session: Session, meeting: m.Meeting) -> tuple[policy.WaitingProposal, ...]:
    rows = session.execute(
        select(m.Proposal)
        .where(
            m.Proposal.neighbourhood_id == meeting.neighbourhood_id,
            m.Proposal.status.in_(_AWAITING),
            m.Proposal.received_on <= meeting.starts_at.date(),
        )
        .order_by(m.Proposal.received_on, m.Proposal.id)
    ).scalars()
    return tuple(
        policy.WaitingProposal(
            key=row.public_id,
            title=row.title,
            submitted_by=_person_key(session, row.submitted_by_id),
            received_on=row.received_on,
        )
        for row in rows
    )


def _undiscussed(session: Session, previous: m.Meeting | None) -> tuple[policy.Undiscussed, ...]:
    """Items the previous meeting marked as not discussed (None means not recorded)."""
    if previous is None:
        return ()
    rows = session.execute(
        select(m.AgendaItem)
        .where(m.AgendaItem.meeting_id == previous.id, m.AgendaItem.discussed.is_(False))
        .order_by(m.AgendaItem.position, m.AgendaItem.id)
    ).scalars()
    result = []
    for row in rows:
        result.append(
            policy.Undiscussed(
                key=row.public_id,
                section=Section(row.section),
                title=row.title,
                description=row.description,
                source=Source(row.source),
                submitted_by=_person_key(session, row.submitted_by_id),
                purpose=Purpose(row.purpose),
                minutes=row.minutes,
                points=tuple(
                    session.execute(
                        select(m.AgendaItemPoint.number)
                        .where(m.AgendaItemPoint.agenda_item_id == row.id)
                        .order_by(m.AgendaItemPoint.id)
                    ).scalars()
                ),
                proposals=tuple(
                    session.execute(
                        select(m.Proposal.public_id)
                        .join(
                            m.AgendaItemProposal,
                            m.AgendaItemProposal.proposal_id == m.Proposal.id,
                        )
                        .where(m.AgendaItemProposal.agenda_item_id == row.id)
                        .order_by(m.AgendaItemProposal.id)
                    ).scalars()
                ),
                issues=tuple(
                    session.execute(
                        select(m.Issue.public_id)
                        .join(m.AgendaItemIssue, m.AgendaItemIssue.issue_id == m.Issue.id)
                        .where(m.AgendaItemIssue.agenda_item_id == row.id)
                        .order_by(m.AgendaItemIssue.id)
                    ).scalars()
                ),
            )
        )
    return tuple(result)


def _points_to_review(
    session: Session, contract_id: int | None, meeting: m.Meeting, previous: m.Meeting | None
) -> tuple[int, ...]:
    """Unfinished points due by the meeting's day, and points changed since the last one."""
    if contract_id is None:
        return ()
    day = meeting.starts_at.date()
    due = set(
        session.execute(
            select(m.ContractPoint.number).where(
                m.ContractPoint.contract_id == contract_id,
                m.ContractPoint.status.not_in(_FINISHED),
                m.ContractPoint.due <= day,
            )
        ).scalars()
    )
    since = previous.starts_at.date() if previous is not None else date.min
    changed = set(
        session.execute(
            select(m.ContractPoint.number)
            .join(m.PointHistory, m.PointHistory.point_id == m.ContractPoint.id)
            .where(
                m.ContractPoint.contract_id == contract_id,
                m.PointHistory.date > since,
                m.PointHistory.date <= day,
            )
        ).scalars()
    )
    return tuple(sorted(due | changed))


def _elsewhere(session: Session, meeting: m.Meeting) -> frozenset[Origin]:
    """Proposals and carried items already on another planned meeting's agenda."""
    others = select(m.Meeting.id).where(
        m.Meeting.neighbourhood_id == meeting.neighbourhood_id,
        m.Meeting.id != meeting.id,
        m.Meeting.status == MeetingStatus.PLANNED.value,
        m.Meeting.cancel_reason.is_(None),
    )
    items = select(m.AgendaItem.id).where(m.AgendaItem.meeting_id.in_(others))
    proposals = session.execute(
        select(m.Proposal.public_id)
        .join(m.AgendaItemProposal, m.AgendaItemProposal.proposal_id == m.Proposal.id)
        .where(m.AgendaItemProposal.agenda_item_id.in_(items))
    ).scalars()
    origin = select(m.AgendaItem.carried_from_id).where(
        m.AgendaItem.id.in_(items), m.AgendaItem.carried_from_id.is_not(None)
    )
    carried = session.execute(
        select(m.AgendaItem.public_id).where(m.AgendaItem.id.in_(origin))
    ).scalars()
    return frozenset(
        [Origin(OriginKind.PROPOSAL, p) for p in proposals]
        + [Origin(OriginKind.CARRIED, c) for c in carried]
    )


def _ids(
    session: Session,
    model: type[m.Proposal] | type[m.Issue],
    neighbourhood_id: int,
    keys: Sequence[str],
) -> list[int]:
    if not keys:
        return []
    found = dict(
        session.execute(
            select(model.public_id, model.id).where(
                model.neighbourhood_id == neighbourhood_id, model.public_id.in_(keys)
            )
        ).all()
    )
    return [found[key] for key in keys if key in found]


def _store_links(
    session: Session,
    item_id: int,
    points: Iterable[int],
    proposal_ids: Iterable[int],
    issue_ids: Iterable[int],
) -> None:
    for number in dict.fromkeys(points):
        session.add(m.AgendaItemPoint(agenda_item_id=item_id, number=number))
    for proposal_id in dict.fromkeys(proposal_ids):
        session.add(m.AgendaItemProposal(agenda_item_id=item_id, proposal_id=proposal_id))
    for issue_id in dict.fromkeys(issue_ids):
        session.add(m.AgendaItemIssue(agenda_item_id=item_id, issue_id=issue_id))


# -- requests ---------------------------------------------------------------------------


def record_request(db: Database, meeting_id: int, draft: RequestDraft) -> int:
    """Record an agenda request for a planned meeting; it waits for a place.

    Raises:
        InvalidInput: without a title, or with a submitter of another neighbourhood.
        RuleBroken: when the meeting was held already or is cancelled.
    """
    title = policy.clean_title(draft.title)
    description = policy.clean_description(draft.description)
    with db.write() as session:
        meeting = _editable_meeting(session, meeting_id)
        _check_person(session, meeting.neighbourhood_id, draft.submitted_by_id)
        row = m.AgendaRequest(
            meeting_id=meeting.id,
            public_id=_new_id(session, m.AgendaRequest, "r"),
            title=title,
            description=description,
            source=Source(draft.source).value,
            submitted_by_id=draft.submitted_by_id,
            submitted_on=draft.submitted_on,
            state=RequestState.PENDING.value,
        )
        session.add(row)
        session.flush()
        return row.id


def _check_person(session: Session, neighbourhood_id: int, person_id: int | None) -> None:
    if person_id is None:
        return
    person = session.get(m.Person, person_id)
    if person is None or person.neighbourhood_id != neighbourhood_id:
        raise InvalidInput(
            N_("The person who brought this in is not known in this neighbourhood. Choose again.")
        )


def _pending_request(session: Session, request_id: int) -> tuple[m.AgendaRequest, m.Meeting]:
    request = _request(session, request_id)
    meeting = _editable_meeting(session, request.meeting_id)
    if request.state != RequestState.PENDING.value:
        raise RuleBroken(
            N_(
                "This request is no longer waiting for a place (it was placed, deferred or "
                "declined already). Refresh the page to see where it stands."
            )
        )
    return request, meeting


def place_request(db: Database, request_id: int) -> int:
    """Put one waiting request on its meeting's agenda, at the end of its section.

    Residents' requests become topics; the municipality's and partners' go under their
    own heading. Returns the new item's id.

    Raises:
        RuleBroken: when the request is not waiting or its meeting cannot change.
    """
    with db.write() as session:
        request, meeting = _pending_request(session, request_id)
        items = _items_in_order(session, meeting.id)
        source = Source(request.source)
        section = policy.section_for(source)
        at = policy.end_of_section([Section(i.section) for i in items], section)
        row = m.AgendaItem(
            meeting_id=meeting.id,
            public_id=_new_id(session, m.AgendaItem, "a"),
            position=0,
            section=section.value,
            title=request.title,
            description=request.description,
            source=source.value,
            submitted_by_id=request.submitted_by_id,
            request_id=request.id,
            minutes=policy.TOPIC_MINUTES if section is Section.TOPICS else policy.REQUEST_MINUTES,
            purpose=Purpose.DISCUSSION.value,
        )
        session.add(row)
        items.insert(at, row)
        _renumber(items)
        request.state = RequestState.PLACED.value
        session.flush()
        return row.id


def _renumber(items: Sequence[m.AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position


def _defer(session: Session, request: m.AgendaRequest, meeting: m.Meeting) -> DeferResult:
    target = next_planned_meeting(session, meeting)
    if target is None:
        raise RuleBroken(
            N_(
                "There is no later planned meeting to move this request to. Plan the next "
                "meetings first (Plan a series), then defer it."
            )
        )
    carried = m.AgendaRequest(
        meeting_id=target.id,
        public_id=_new_id(session, m.AgendaRequest, "r"),
        title=request.title,
        description=request.description,
        source=request.source,
        submitted_by_id=request.submitted_by_id,
        # The original date keeps its place in the order residents' topics are taken.
        submitted_on=request.submitted_on,
        state=RequestState.PENDING.value,
        carried_from_id=request.id,
    )
    session.add(carried)
    request.state = RequestState.DEFERRED.value
    session.flush()
    return DeferResult(carried.id, target.id, target.starts_at)


def defer_request(db: Database, request_id: int) -> DeferResult:
    """Move a waiting request on to the next planned meeting; it stays here as deferred.

    Raises:
        RuleBroken: when no later meeting is planned, or the request is not waiting.
    """
    with db.write() as session:
        request, meeting = _pending_request(session, request_id)
        return _defer(session, request, meeting)


def decline_request(db: Database, request_id: int, reason: str) -> None:
    """The team does not take a request up; the reason is kept with it.

    Raises:
        InvalidInput: without a reason.
        RuleBroken: when the request is not waiting.
    """
    cleaned = reason_given(reason)
    with db.write() as session:
        request, _meeting = _pending_request(session, request_id)
        request.state = RequestState.DECLINED.value
        request.decline_reason = cleaned


def reopen_request(db: Database, request_id: int) -> None:
    """A declined request waits for a place again (the team changed its mind).

    Raises:
        RuleBroken: when the request was not declined, or its meeting cannot change.
    """
    with db.write() as session:
        request = _request(session, request_id)
        _editable_meeting(session, request.meeting_id)
        if request.state != RequestState.DECLINED.value:
            raise RuleBroken(N_("Only a declined request can be taken up again."))
        request.state = RequestState.PENDING.value
        request.decline_reason = None


def defer_all(session: Session, meeting: m.Meeting) -> tuple[int, datetime | None]:
    """Move every request of a meeting that will not take place on to the next one.

    Placed requests leave the agenda first. Returns how many moved and where to; when no
    later meeting is planned, nothing moves and the requests wait where they are.
    """
    target = next_planned_meeting(session, meeting)
    if target is None:
        return 0, None
    moved = 0
    for request in session.execute(
        select(m.AgendaRequest)
        .where(
            m.AgendaRequest.meeting_id == meeting.id,
            m.AgendaRequest.state.in_([RequestState.PENDING.value, RequestState.PLACED.value]),
        )
        .order_by(m.AgendaRequest.id)
    ).scalars():
        if request.state == RequestState.PLACED.value:
            for item in session.execute(
                select(m.AgendaItem).where(m.AgendaItem.request_id == request.id)
            ).scalars():
                _delete_item(session, item)
        _defer(session, request, meeting)
        moved += 1
    _renumber(_items_in_order(session, meeting.id))
    return moved, target.starts_at


# -- hand edits -------------------------------------------------------------------------


def _editable_item(session: Session, item_id: int) -> tuple[m.AgendaItem, m.Meeting]:
    item = _item(session, item_id)
    return item, _editable_meeting(session, item.meeting_id)


def move_item(db: Database, item_id: int, to: int) -> int:
    """Put an item at index `to` (from 0); it joins the section where it lands.

    Returns the index it ended up at.

    Raises:
        RuleBroken: when the meeting's agenda cannot change any more.
    """
    with db.write() as session:
        return _move(session, item_id, lambda _index: to)


def move_up(db: Database, item_id: int) -> int:
    """One place up; returns the new index (unchanged at the top)."""
    with db.write() as session:
        return _move(session, item_id, lambda index: index - 1)


def move_down(db: Database, item_id: int) -> int:
    """One place down; returns the new index (unchanged at the bottom)."""
    with db.write() as session:
        return _move(session, item_id, lambda index: index + 1)


def _move(session: Session, item_id: int, target: Callable[[int], int]) -> int:
    item, meeting = _editable_item(session, item_id)
    items = _items_in_order(session, meeting.id)
    by_key = {row.public_id: row for row in items}
    keys = [row.public_id for row in items]
    was = keys.index(item.public_id)
    order = policy.moved(keys, item.public_id, target(was))
    rows = [by_key[key] for key in order]
    index = order.index(item.public_id)
    settled = policy.settled_section(
        [Section(row.section) for row in rows], index, moved_up=index < was
    )
    if settled.value != item.section:
        item.section = settled.value
    _renumber(rows)
    return index


ITEM_FIELDS = (
    Field("title", N_("Title")),
    Field("purpose", N_("Purpose"), lambda purpose: purpose_label(Purpose(purpose))),
    Field("minutes", N_("Time box"), lambda minutes: _("{minutes} min.").format(minutes=minutes)),
    Field("description", N_("Description")),
)


def item_label(item: m.AgendaItem) -> str:
    return _("agenda item “{title}”").format(title=item.title)


def edit_item(db: Database, item_id: int, draft: ItemDraft, started: Started | None = None) -> None:
    """Change an item's title, description, purpose and time box.

    Raises:
        InvalidInput: on an empty title or an impossible time box.
        RuleBroken: when the meeting's agenda cannot change any more.
        EditConflict: saving would undo what someone else saved since `started`.
    """
    title = policy.clean_title(draft.title)
    description = policy.clean_description(draft.description)
    minutes = policy.check_time_box(draft.minutes)
    purpose = Purpose(draft.purpose)
    with db.write() as session:
        item, _meeting = _editable_item(session, item_id)
        check_edit(
            session,
            item,
            started,
            ITEM_FIELDS,
            {"title": title, "purpose": purpose, "minutes": minutes, "description": description},
            lambda: {
                "title": item.title,
                "purpose": Purpose(item.purpose),
                "minutes": item.minutes,
                "description": item.description,
            },
            kind="agenda_item",
            record=lambda: item_label(item),
        )
        item.title = title
        item.description = description
        item.minutes = minutes
        item.purpose = purpose.value


def add_item(
    db: Database,
    meeting_id: int,
    section: Section,
    draft: ItemDraft,
    source: Source = Source.TEAM,
    submitted_by_id: int | None = None,
) -> int:
    """An item of the team's own, at the end of its section. Returns its id.

    Raises:
        InvalidInput: on an empty title or an impossible time box.
        RuleBroken: when the meeting's agenda cannot change any more.
    """
    title = policy.clean_title(draft.title)
    description = policy.clean_description(draft.description)
    minutes = policy.check_time_box(draft.minutes)
    with db.write() as session:
        meeting = _editable_meeting(session, meeting_id)
        _check_person(session, meeting.neighbourhood_id, submitted_by_id)
        items = _items_in_order(session, meeting.id)
        at = policy.end_of_section([Section(i.section) for i in items], Section(section))
        row = m.AgendaItem(
            meeting_id=meeting.id,
            public_id=_new_id(session, m.AgendaItem, "a"),
            position=0,
            section=Section(section).value,
            title=title,
            description=description,
            source=Source(source).value,
            submitted_by_id=submitted_by_id,
            minutes=minutes,
            purpose=Purpose(draft.purpose).value,
        )
        session.add(row)
        items.insert(at, row)
        _renumber(items)
        session.flush()
        return row.id


def set_links(
    db: Database,
    item_id: int,
    points: Iterable[int],
    proposal_ids: Iterable[int],
    issue_ids: Iterable[int],
) -> None:
    """Link an item to exactly these contract points, proposals and issues.

    Raises:
        InvalidInput: when a point number, proposal or issue is not of this neighbourhood.
        RuleBroken: when the meeting's agenda cannot change any more.
    """
    points, proposal_ids, issue_ids = list(points), list(proposal_ids), list(issue_ids)
    with db.write() as session:
        item, meeting = _editable_item(session, item_id)
        n = meeting.neighbourhood_id
        known_numbers = set(
            session.execute(
                select(m.ContractPoint.number)
                .join(m.Contract, m.ContractPoint.contract_id == m.Contract.id)
                .where(m.Contract.neighbourhood_id == n)
            ).scalars()
        )
        unknown = [number for number in points if number not in known_numbers]
        if unknown:
            raise InvalidInput(
                N_("No contract of this neighbourhood has a point number {number}."),
                number=unknown[0],
            )
        for model, wanted in ((m.Proposal, proposal_ids), (m.Issue, issue_ids)):
            found = set(
                session.execute(
                    select(model.id).where(model.neighbourhood_id == n, model.id.in_(wanted))
                ).scalars()
            )
            if set(wanted) - found:
                raise InvalidInput(
                    N_("A proposal or issue to link is not of this neighbourhood. Choose again.")
                )
        for table in (m.AgendaItemPoint, m.AgendaItemProposal, m.AgendaItemIssue):
            session.execute(delete(table).where(table.agenda_item_id == item.id))
        _store_links(session, item.id, points, proposal_ids, issue_ids)


def link_choices(db: Database, meeting_id: int) -> LinkChoices:
    """The contract in force's points, and the proposals and issues still in play."""
    with db.read() as session:
        meeting = _meeting(session, meeting_id)
        n = meeting.neighbourhood_id
        linked = (
            select(m.AgendaItemProposal.proposal_id)
            .join(m.AgendaItem, m.AgendaItemProposal.agenda_item_id == m.AgendaItem.id)
            .where(m.AgendaItem.meeting_id == meeting.id)
        )
        proposals = _proposal_rows(
            session,
            (m.Proposal.neighbourhood_id == n)
            & (m.Proposal.status.in_(_AWAITING) | m.Proposal.id.in_(linked)),
        )
        linked_issues = (
            select(m.AgendaItemIssue.issue_id)
            .join(m.AgendaItem, m.AgendaItemIssue.agenda_item_id == m.AgendaItem.id)
            .where(m.AgendaItem.meeting_id == meeting.id)
        )
        issues = session.execute(
            select(m.Issue.id, m.Issue.public_id, m.Issue.title, m.Issue.status)
            .where(
                m.Issue.neighbourhood_id == n,
                (m.Issue.status == IssueStatus.OPEN.value) | m.Issue.id.in_(linked_issues),
            )
            .order_by(m.Issue.raised_on, m.Issue.id)
        ).all()
        return LinkChoices(
            points=tuple(_contract_points(session, meeting).values()),
            proposals=tuple(proposals),
            issues=tuple(
                LinkedIssue(r.id, r.public_id, r.title, IssueStatus(r.status)) for r in issues
            ),
        )


def _delete_item(session: Session, item: m.AgendaItem) -> None:
    for table in (m.AgendaItemPoint, m.AgendaItemProposal, m.AgendaItemIssue):
        session.execute(delete(table).where(table.agenda_item_id == item.id))
    session.delete(item)
    session.flush()


def _has_minutes(session: Session, item: m.AgendaItem) -> bool:
    for table in (m.Decision, m.Action, m.Idea):
        if session.scalar(select(func.count()).where(table.agenda_item_id == item.id)):
            return True
    return bool(item.notes)


def remove_item(
    db: Database,
    item_id: int,
    request_becomes: RequestState = RequestState.PENDING,
    reason: str | None = None,
) -> None:
    """Take an item off the agenda; nothing anyone asked for is lost.

    An item that came from a request hands the request back: waiting for a place again
    (`PENDING`), moved to the next meeting (`DEFERRED`) or declined with `reason`.

    Raises:
        RuleBroken: when the item already holds decisions, actions or notes, or the
            meeting's agenda cannot change any more.
        InvalidInput: when declining without a reason.
    """
    cleaned = reason_given(reason) if request_becomes is RequestState.DECLINED else None
    with db.write() as session:
        item, meeting = _editable_item(session, item_id)
        if _has_minutes(session, item):
            raise RuleBroken(
                N_(
                    "This item already has notes, decisions or actions; removing it would "
                    "lose them. Change its title or time box instead."
                )
            )
        request = session.get(m.AgendaRequest, item.request_id) if item.request_id else None
        _delete_item(session, item)
        _renumber(_items_in_order(session, meeting.id))
        if request is None or request.meeting_id != meeting.id:
            return
        request.state = RequestState.PENDING.value
        if request_becomes is RequestState.DEFERRED:
            _defer(session, request, meeting)
        elif request_becomes is RequestState.DECLINED:
            request.state = RequestState.DECLINED.value
            request.decline_reason = cleaned


def move_item_to_next_meeting(db: Database, item_id: int) -> datetime:
    """Take an item off this agenda and put it on the next planned meeting's.

    For a proposal or a carried item the team wants to leave for next time: it is then
    on that agenda, so composing this one does not bring it back. Returns when the next
    meeting starts.

    Raises:
        RuleBroken: when no later meeting is planned, the item holds minutes, or it came
            from a request (defer the request instead).
    """
    with db.write() as session:
        item, meeting = _editable_item(session, item_id)
        if item.request_id is not None:
            raise RuleBroken(
                N_(
                    "This item came from a request: defer the request instead, so it "
                    "keeps a record of where it came from."
                )
            )
        if _has_minutes(session, item):
            raise RuleBroken(
                N_(
                    "This item already has notes, decisions or actions; removing it would "
                    "lose them. Change its title or time box instead."
                )
            )
        target = next_planned_meeting(session, meeting)
        if target is None:
            raise RuleBroken(
                N_(
                    "There is no later planned meeting to move this item to. Plan the next "
                    "meetings first (Plan a series)."
                )
            )
        there = _items_in_order(session, target.id)
        at = policy.end_of_section([Section(i.section) for i in there], Section(item.section))
        item.meeting_id = target.id
        there.insert(at, item)
        _renumber(there)
        session.flush()
        _renumber(_items_in_order(session, meeting.id))
        return target.starts_at


# -- the balance ------------------------------------------------------------------------


def agenda_balance(db: Database, neighbourhood_id: int, start: date, end: date) -> Balance:
    """Whose agendas were they: all meetings from `start` to `end` (both days), summed.

    Cancelled meetings do not count; planned ones count with the agenda they have now.
    """
    with db.read() as session:
        return _period_balance(session, neighbourhood_id, start, end)


def _period_balance(session: Session, neighbourhood_id: int, start: date, end: date) -> Balance:
    meetings = list(
        session.execute(
            select(m.Meeting.id).where(
                m.Meeting.neighbourhood_id == neighbourhood_id,
                m.Meeting.cancel_reason.is_(None),
                m.Meeting.starts_at >= datetime.combine(start, time.min),
                m.Meeting.starts_at < datetime.combine(end + timedelta(days=1), time.min),
            )
        ).scalars()
    )
    rows = session.execute(
        select(
            m.AgendaItem.meeting_id, m.AgendaItem.section, m.AgendaItem.source, m.AgendaItem.minutes
        ).where(m.AgendaItem.meeting_id.in_(meetings))
    ).all()
    per_meeting: dict[int, list[Weighed]] = {meeting: [] for meeting in meetings}
    for row in rows:
        per_meeting[row.meeting_id].append(
            Weighed(Section(row.section), Source(row.source), row.minutes)
        )
    return sum((policy.balance(items) for items in per_meeting.values()), Balance())


def contract_balance(db: Database, neighbourhood_id: int, today: date) -> PeriodBalance | None:
    """The balance over the period of the contract in force on `today`, if there is one."""
    with db.read() as session:
        contract_id = current_contract_id(session, neighbourhood_id, today)
        if contract_id is None:
            return None
        contract = session.get(m.Contract, contract_id)
        assert contract is not None
        return PeriodBalance(
            contract.starts_on,
            contract.ends_on,
            contract.title,
            _period_balance(session, neighbourhood_id, contract.starts_on, contract.ends_on),
        )


# -- printing ---------------------------------------------------------------------------


def print_data(view: AgendaView, printed_on: date) -> AgendaPrintData:
    """What the printed agenda needs, from the agenda as read."""
    # Imported here: reportlab is only loaded when something is printed.
    from buurtteam.reports.agenda_report import (
        AgendaPrintData,
        PrintAction,
        PrintItem,
        PrintPoint,
        PrintProposal,
    )

    meeting = view.meeting
    return AgendaPrintData(
        neighbourhood=meeting.neighbourhood,
        municipality=meeting.municipality,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        chair=meeting.chair,
        cancel_reason=meeting.cancel_reason,
        original_starts_at=meeting.original_starts_at,
        move_reason=meeting.move_reason,
        items=tuple(
            PrintItem(
                section=i.section,
                title=i.title,
                description=i.description,
                source=i.source,
                purpose=i.purpose,
                minutes=i.minutes,
                starts_at=i.starts_at,
                carried_from=i.carried_from,
            )
            for i in view.items
        ),
        proposals=tuple(
            PrintProposal(p.title, p.amount_requested, p.status) for p in view.proposals_to_decide
        ),
        points=tuple(
            PrintPoint(p.number, p.title, p.party, p.status) for p in view.points_to_discuss
        ),
        actions=tuple(PrintAction(a.text, a.who, a.due, a.meeting_date) for a in view.open_actions),
        total_minutes=view.timing.total_minutes,
        length_minutes=view.timing.length_minutes,
        printed_on=printed_on,
    )


def print_agenda(
    db: Database, meeting_id: int, target: Path, printed_on: date, *, large: bool = False
) -> Path:
    """Print a meeting's invitation and agenda to a PDF (large print: 14 pt).

    Raises:
        NotFound: when the meeting does not exist.
        StoreError: when the file cannot be written.
    """
    from buurtteam.reports.agenda_report import write_agenda

    return write_agenda(print_data(agenda_of(db, meeting_id), printed_on), target, large=large)
