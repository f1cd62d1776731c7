"""Running a meeting at the table: attendance, notes, decisions, actions, ideas, commitments.

Every function is one small write transaction, so the window can save each field as it
is typed (a second or so of typing at risk, never more). A refusal changes nothing.
Concept minutes only: on approved minutes the store refuses (see `ops.minutes`), and so
do these ops, with `MinutesFrozen`. Marking an action done stays possible: the actielijst
lives on after the minutes are approved.

Reading goes through `ops.minutes.minutes_of`, which the window, the printed minutes and
the fingerprint share. Changing a linked contract point's status and deciding a linked
budget proposal use the contract's and the budget's own ops; `record_budget_decision`
then writes the decision into the minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from buurtteam.domain.agenda import PROCEDURAL_SECTIONS
from buurtteam.domain.budget import split_deferral
from buurtteam.domain.minutes import (
    Presence,
    QuorumState,
    VoteCount,
    check_done,
    check_due,
    check_owner,
    check_presence_times,
    check_quorum,
    check_votes,
    clean_guest,
    outcome_text,
    quorum_state,
    unanimous_votes,
)
from buurtteam.domain.text import clean_text
from buurtteam.domain.vocab import (
    DEFAULT_QUORUM,
    AttendanceStatus,
    MeetingStatus,
    PointStatus,
    ProposalStatus,
    Role,
    Section,
)
from buurtteam.errors import N_, InvalidInput, NotFound, RuleBroken
from buurtteam.i18n import _
from buurtteam.i18n.format import datum_long, euro
from buurtteam.ops.editing import Field, Started, check_edit
from buurtteam.ops.minutes import (
    get_meeting,
    minutes_write,
    new_public_id,
    point_in_force,
    refuse_if_frozen,
)
from buurtteam.ops.overview import current_contract_id
from buurtteam.store import models as m
from buurtteam.store.db import Database

Outcome = TypeVar("Outcome", m.Decision, m.Action, m.Idea)

# -- what the ops are given and return --------------------------------------------------------


@dataclass(frozen=True)
class DecisionDraft:
    """A decision as typed. Empty text removes it (an empty decision is no decision)."""

    text: str
    votes: VoteCount | None = None
    unanimous: bool = False  # every voter present in favour; counted when saved
    id: int | None = None


@dataclass(frozen=True)
class ActionDraft:
    """An action as typed: who (a person or a party) does what, by when."""

    text: str
    owner_id: int | None = None
    party_id: int | None = None
    due: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class SavedDecision:
    id: int | None  # None: the text was emptied and the decision removed
    votes: VoteCount | None
    started: Started | None = None  # what the next save of this decision starts from


@dataclass(frozen=True)
class Saved:
    """A record saved as typed: its id (None: removed) and what the next save starts from."""

    id: int | None
    started: Started | None


@dataclass(frozen=True)
class Commitment:
    point_id: int
    number: int
    created: bool  # a new contract point was made for it


@dataclass(frozen=True)
class FinishResult:
    carried: tuple[str, ...]  # titles of the items that move on to the next meeting


# -- finding rows -----------------------------------------------------------------------------


def _item(session: Session, item_id: int) -> tuple[m.AgendaItem, m.Meeting]:
    item = session.get(m.AgendaItem, item_id)
    if item is None:
        raise NotFound(N_("This agenda item no longer exists; it may have been removed."))
    return item, get_meeting(session, item.meeting_id)


def _editable_item(session: Session, item_id: int) -> tuple[m.AgendaItem, m.Meeting]:
    item, meeting = _item(session, item_id)
    refuse_if_frozen(meeting)
    return item, meeting


def _editable_meeting(session: Session, meeting_id: int) -> m.Meeting:
    meeting = get_meeting(session, meeting_id)
    refuse_if_frozen(meeting)
    return meeting


def _outcome(session: Session, model: type[Outcome], record_id: int) -> tuple[Outcome, m.Meeting]:
    row = session.get(model, record_id)
    if row is None:
        raise NotFound(N_("This entry no longer exists in the minutes; it may have been removed."))
    _item_row, meeting = _item(session, row.agenda_item_id)
    return row, meeting


def _own_row(
    session: Session,
    model: type[Outcome],
    record_id: int,
    item: m.AgendaItem,
) -> Outcome:
    row = session.get(model, record_id)
    if row is None or row.agenda_item_id != item.id:
        raise NotFound(N_("This entry no longer exists in the minutes; it may have been removed."))
    return row


def _check_person(session: Session, meeting: m.Meeting, person_id: int) -> m.Person:
    person = session.get(m.Person, person_id)
    if person is None or person.neighbourhood_id != meeting.neighbourhood_id:
        raise NotFound(N_("The chosen person does not exist in this neighbourhood."))
    return person


def _check_party(session: Session, meeting: m.Meeting, party_id: int) -> m.Party:
    party = session.get(m.Party, party_id)
    if party is None or party.neighbourhood_id != meeting.neighbourhood_id:
        raise NotFound(N_("The chosen party does not exist in this neighbourhood."))
    return party


# -- attendance ---------------------------------------------------------------------------


def _presences(session: Session, meeting: m.Meeting) -> list[Presence]:
    rows = session.execute(
        select(m.Attendance, m.Person.roles)
        .join(m.Person, m.Attendance.person_id == m.Person.id)
        .where(m.Attendance.meeting_id == meeting.id)
    ).all()
    return [
        Presence(
            tuple(Role(r) for r in row.roles.split()),
            AttendanceStatus(row.Attendance.status),
            row.Attendance.arrived_at,
            row.Attendance.left_at,
        )
        for row in rows
    ]


def _quorum(session: Session, meeting: m.Meeting, moment: time | None = None) -> QuorumState:
    hood = session.get(m.Neighbourhood, meeting.neighbourhood_id)
    quorum = hood.quorum if hood is not None and hood.quorum is not None else DEFAULT_QUORUM
    return quorum_state(_presences(session, meeting), quorum, moment)


def set_attendance(
    db: Database,
    meeting_id: int,
    person_id: int,
    status: AttendanceStatus | None,
    arrived_at: time | None = None,
    left_at: time | None = None,
) -> QuorumState:
    """Record whether a person is present, absent with notice or absent (None: unrecorded).

    Returns the quorum as it now stands.

    Raises:
        InvalidInput: times for someone absent, or leaving before arriving.
        MinutesFrozen: the minutes are approved.
    """
    if status is not None:
        check_presence_times(status, arrived_at, left_at)
    with minutes_write(db) as session:
        meeting = _editable_meeting(session, meeting_id)
        _check_person(session, meeting, person_id)
        row = session.execute(
            select(m.Attendance).where(
                m.Attendance.meeting_id == meeting.id, m.Attendance.person_id == person_id
            )
        ).scalar()
        if status is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                m.Attendance(
                    meeting_id=meeting.id,
                    person_id=person_id,
                    status=status.value,
                    arrived_at=arrived_at,
                    left_at=left_at,
                )
            )
        else:
            row.status = status.value
            row.arrived_at = arrived_at
            row.left_at = left_at
        session.flush()
        return _quorum(session, meeting)


def set_quorum(db: Database, neighbourhood_id: int, quorum: int) -> None:
    """The team's quorum: how many people with a vote must be present to decide.

    Raises:
        InvalidInput: not a number from 1 up.
    """
    check_quorum(quorum)
    with db.write() as session:
        hood = session.get(m.Neighbourhood, neighbourhood_id)
        if hood is None:
            raise NotFound(N_("This neighbourhood no longer exists in the database."))
        # The default is stored as "no setting", so the exchange file leaves it out.
        hood.quorum = None if quorum == DEFAULT_QUORUM else quorum


def add_guest(db: Database, meeting_id: int, name: str, organisation: str | None = None) -> int:
    """A guest at the meeting (no vote): a name and, if given, the organisation."""
    cleaned, org = clean_guest(name, organisation)
    with minutes_write(db) as session:
        meeting = _editable_meeting(session, meeting_id)
        guest = m.Guest(meeting_id=meeting.id, name=cleaned, organisation=org)
        session.add(guest)
        session.flush()
        return guest.id


def edit_guest(db: Database, guest_id: int, name: str, organisation: str | None = None) -> None:
    cleaned, org = clean_guest(name, organisation)
    with minutes_write(db) as session:
        guest = session.get(m.Guest, guest_id)
        if guest is None:
            raise NotFound(N_("This guest is no longer on the list."))
        _editable_meeting(session, guest.meeting_id)
        guest.name, guest.organisation = cleaned, org


def remove_guest(db: Database, guest_id: int) -> None:
    with minutes_write(db) as session:
        guest = session.get(m.Guest, guest_id)
        if guest is None:
            return  # gone already: what the person wanted
        _editable_meeting(session, guest.meeting_id)
        session.delete(guest)


# -- notes and outcomes -----------------------------------------------------------------------


NOTES_FIELDS = (Field("notes", N_("Notes")),)


def _notes_label(item: m.AgendaItem) -> str:
    return _("the notes of agenda item “{title}”").format(title=item.title)


def save_notes(db: Database, item_id: int, text: str, started: Started | None = None) -> Saved:
    """The notes of one item, as typed so far (saved again and again while typing).

    The window passes what its editor started from and keeps the returned `started`
    for its next save, so notes someone else saved in between are never typed over.

    Raises:
        EditConflict: someone else saved other notes since `started`.
    """
    cleaned = clean_text(text)
    value = cleaned if cleaned.strip() else None
    with minutes_write(db) as session:
        item, _meeting = _editable_item(session, item_id)
        check_edit(
            session,
            item,
            started,
            NOTES_FIELDS,
            {"notes": value},
            lambda: {"notes": item.notes},
            kind="notes",
            record=lambda: _notes_label(item),
        )
        if item.notes != value:
            item.notes = value
        session.flush()
        return Saved(item.id, Started(item.version, {"notes": item.notes}))


def _votes_words(votes: VoteCount) -> str:
    if votes.unanimous:
        return _("unanimous, {count} in favour").format(count=votes.in_favour)
    return _("{in_favour} in favour, {against} against, {abstain} abstained").format(
        in_favour=votes.in_favour, against=votes.against, abstain=votes.abstain
    )


DECISION_FIELDS = (
    Field("text", N_("Decision")),
    Field("votes", N_("Vote"), _votes_words),
)


def _stored_votes(row: m.Decision) -> VoteCount | None:
    if row.votes_for is None:
        return None
    return VoteCount(row.votes_for, row.votes_against or 0, row.votes_abstain or 0)


def _outcome_label(item: m.AgendaItem, kind: str) -> str:
    if kind == "decision":
        return _("a decision of agenda item “{title}”").format(title=item.title)
    return _("an action of agenda item “{title}”").format(title=item.title)


def save_decision(
    db: Database,
    item_id: int,
    draft: DecisionDraft,
    moment: time | None = None,
    started: Started | None = None,
) -> SavedDecision:
    """Create or update a decision of an item; empty text removes it.

    "Unaniem" is counted from the attendance: every voter present (at `moment`, when the
    window passes the clock time) in favour.

    Raises:
        InvalidInput: negative votes, or more votes than voters present.
        RuleBroken: unanimous while nobody with a vote is recorded present.
        MinutesFrozen: the minutes are approved.
        EditConflict: someone else changed this decision since `started`.
    """
    text = outcome_text(draft.text)
    with minutes_write(db) as session:
        item, meeting = _editable_item(session, item_id)
        row = _own_row(session, m.Decision, draft.id, item) if draft.id is not None else None
        if not text:
            if row is not None:
                session.delete(row)
            return SavedDecision(None, None)
        voters = _quorum(session, meeting, moment).voters_present
        if draft.unanimous:
            votes: VoteCount | None = unanimous_votes(voters)
        elif draft.votes is not None:
            votes = check_votes(draft.votes, voters)
        else:
            votes = None
        if row is None:
            row = m.Decision(
                agenda_item_id=item.id, public_id=new_public_id(session, m.Decision, "d"), text=text
            )
            session.add(row)
        else:
            decision = row
            check_edit(
                session,
                decision,
                started,
                DECISION_FIELDS,
                {"text": text, "votes": votes},
                lambda: {"text": decision.text, "votes": _stored_votes(decision)},
                kind="decision",
                record=lambda: _outcome_label(item, "decision"),
            )
        row.text = text
        row.votes_for = votes.in_favour if votes else None
        row.votes_against = votes.against if votes else None
        row.votes_abstain = votes.abstain if votes else None
        session.flush()
        return SavedDecision(
            row.id, votes, Started(row.version, {"text": row.text, "votes": _stored_votes(row)})
        )


def save_action(db: Database, item_id: int, draft: ActionDraft) -> int | None:
    """Create or update an action of an item; empty text removes it. Returns its id.

    Raises:
        InvalidInput: a person and a party both, or a deadline before the meeting.
        MinutesFrozen: the minutes are approved.
    """
    return save_action_checked(db, item_id, draft).id


def _action_fields(session: Session) -> tuple[Field, ...]:
    def person_name(person_id: int) -> str:
        person = session.get(m.Person, person_id)
        return person.name if person is not None else "?"

    def party_name(party_id: int) -> str:
        party = session.get(m.Party, party_id)
        return party.name if party is not None else "?"

    return (
        Field("text", N_("Action")),
        Field("owner_id", N_("Who"), person_name),
        Field("party_id", N_("Which party"), party_name),
        Field("due", N_("Deadline")),
    )


def _action_values(row: m.Action) -> dict[str, object]:
    return {"text": row.text, "owner_id": row.owner_id, "party_id": row.party_id, "due": row.due}


def save_action_checked(
    db: Database, item_id: int, draft: ActionDraft, started: Started | None = None
) -> Saved:
    """`save_action` for a form that may meet someone else's save (see ops.editing).

    Raises:
        InvalidInput: a person and a party both, or a deadline before the meeting.
        MinutesFrozen: the minutes are approved.
        EditConflict: someone else changed this action since `started`.
    """
    text = outcome_text(draft.text)
    check_owner(draft.owner_id, draft.party_id)
    with minutes_write(db) as session:
        item, meeting = _editable_item(session, item_id)
        row = _own_row(session, m.Action, draft.id, item) if draft.id is not None else None
        if not text:
            if row is not None:
                session.delete(row)
            return Saved(None, None)
        check_due(draft.due, meeting.starts_at.date())
        if draft.owner_id is not None:
            _check_person(session, meeting, draft.owner_id)
        if draft.party_id is not None:
            _check_party(session, meeting, draft.party_id)
        if row is None:
            row = m.Action(
                agenda_item_id=item.id, public_id=new_public_id(session, m.Action, "x"), text=text
            )
            session.add(row)
        else:
            action = row
            check_edit(
                session,
                action,
                started,
                _action_fields(session),
                {
                    "text": text,
                    "owner_id": draft.owner_id,
                    "party_id": draft.party_id,
                    "due": draft.due,
                },
                lambda: _action_values(action),
                kind="action",
                record=lambda: _outcome_label(item, "action"),
            )
        row.text = text
        row.owner_id = draft.owner_id
        row.party_id = draft.party_id
        row.due = draft.due
        session.flush()
        return Saved(row.id, Started(row.version, _action_values(row)))


def mark_action_done(db: Database, action_id: int, done_on: date | None, today: date) -> None:
    """Mark an action done on a date (None: open again). Also for approved minutes.

    Raises:
        RuleBroken: a date in the future or before the meeting that agreed the action.
    """
    with minutes_write(db) as session:
        row, meeting = _outcome(session, m.Action, action_id)
        assert isinstance(row, m.Action)
        if done_on is not None:
            check_done(done_on, meeting.starts_at.date(), today)
        row.done_on = done_on


def save_idea(db: Database, item_id: int, text: str, idea_id: int | None = None) -> int | None:
    """An idea to keep, without owner or date; empty text removes it. Returns its id."""
    cleaned = outcome_text(text)
    with minutes_write(db) as session:
        item, _meeting = _editable_item(session, item_id)
        row = _own_row(session, m.Idea, idea_id, item) if idea_id is not None else None
        if not cleaned:
            if row is not None:
                session.delete(row)
            return None
        if row is None:
            row = m.Idea(
                agenda_item_id=item.id, public_id=new_public_id(session, m.Idea, "i"), text=cleaned
            )
            session.add(row)
        row.text = cleaned
        session.flush()
        return row.id


def remove_outcome(db: Database, model: type[Outcome], record_id: int) -> None:
    """Remove a decision, action or idea from concept minutes."""
    with minutes_write(db) as session:
        row = session.get(model, record_id)
        if row is None:
            return
        _editable_item(session, row.agenda_item_id)
        session.delete(row)


def remove_decision(db: Database, decision_id: int) -> None:
    remove_outcome(db, m.Decision, decision_id)


def remove_action(db: Database, action_id: int) -> None:
    remove_outcome(db, m.Action, action_id)


def remove_idea(db: Database, idea_id: int) -> None:
    remove_outcome(db, m.Idea, idea_id)


def set_discussed(db: Database, item_id: int, discussed: bool | None) -> None:
    """Discussed (True), not discussed: moves on to the next agenda (False), or unrecorded."""
    with minutes_write(db) as session:
        item, _meeting = _editable_item(session, item_id)
        if item.discussed is not discussed:
            item.discussed = discussed


# -- at the table: the contract and the budget -------------------------------------------------


def record_commitment(
    db: Database,
    item_id: int,
    party_id: int,
    text: str,
    today: date,
    number: int | None = None,
    due: date | None = None,
) -> Commitment:
    """A party commits to something: it goes into a contract point's history.

    With `number`, the commitment is added to that point of the contract in force as a
    dated note (its status unchanged), linked to this meeting. Without, it becomes a new
    point of that contract, owned by the party, with the commitment as its first entry;
    the item is linked to the point either way, so the minutes show it.

    Raises:
        InvalidInput: no text.
        RuleBroken: no contract in force, or the point's history is dated after the meeting.
        NotFound: the point or the party does not exist.
    """
    cleaned = outcome_text(text)
    if not cleaned:
        raise InvalidInput(N_("Type what the party commits to."))
    with minutes_write(db) as session:
        item, meeting = _editable_item(session, item_id)
        party = _check_party(session, meeting, party_id)
        day = meeting.starts_at.date()
        if day > today:
            raise RuleBroken(
                N_(
                    "The meeting of {date} has not taken place yet; a commitment is "
                    "recorded at the meeting itself."
                ),
                date=day,
            )
        note = _("Commitment by {party}: {text}").format(party=party.name, text=cleaned)
        if number is not None:
            point = point_in_force(session, meeting, number)
            _check_history_date(session, point, day)
            created = False
        else:
            point = _new_point(session, meeting, party, cleaned, due)
            created = True
        session.add(
            m.PointHistory(
                point_id=point.id,
                date=day,
                status=point.status,
                note=note,
                meeting_id=meeting.id,
            )
        )
        _link_point(session, item, point.number)
        session.flush()
        return Commitment(point.id, point.number, created)


def _check_history_date(session: Session, point: m.ContractPoint, day: date) -> None:
    last = session.scalar(
        select(m.PointHistory.date)
        .where(m.PointHistory.point_id == point.id)
        .order_by(m.PointHistory.id.desc())
        .limit(1)
    )
    if last is not None and day < last:
        raise RuleBroken(
            N_(
                "Point {number} already has a history entry of {last}, after this meeting; "
                "record the commitment on the contract page with a later date."
            ),
            number=point.number,
            last=last,
        )


def _new_point(
    session: Session, meeting: m.Meeting, party: m.Party, text: str, due: date | None
) -> m.ContractPoint:
    contract_id = current_contract_id(session, meeting.neighbourhood_id, meeting.starts_at.date())
    if contract_id is None:
        raise RuleBroken(
            N_(
                "There is no neighbourhood contract in force on {date}, so the commitment "
                "cannot become a contract point. Record it as an action instead."
            ),
            date=meeting.starts_at.date(),
        )
    numbers = set(
        session.scalars(
            select(m.ContractPoint.number).where(m.ContractPoint.contract_id == contract_id)
        )
    )
    point = m.ContractPoint(
        contract_id=contract_id,
        number=max(numbers, default=0) + 1,
        title=" ".join(text.split())[:300],
        description=text if len(text) > 300 else None,
        party_id=party.id,
        due=due,
        status=PointStatus.OPEN.value,
    )
    session.add(point)
    session.flush()
    return point


def _link_point(session: Session, item: m.AgendaItem, number: int) -> None:
    linked = session.scalar(
        select(m.AgendaItemPoint.id).where(
            m.AgendaItemPoint.agenda_item_id == item.id, m.AgendaItemPoint.number == number
        )
    )
    if linked is None:
        session.add(m.AgendaItemPoint(agenda_item_id=item.id, number=number))


def record_budget_decision(db: Database, item_id: int, proposal_id: int) -> int:
    """Write the team's decision on a proposal (taken with the budget's op) into the minutes.

    The text is made from the proposal as decided at this item's meeting, with its votes;
    a second call (a corrected grant) updates the same decision. Returns its id.

    Raises:
        RuleBroken: the proposal was not decided at this meeting.
        MinutesFrozen: the minutes are approved.
    """
    with minutes_write(db) as session:
        item, meeting = _editable_item(session, item_id)
        proposal = session.get(m.Proposal, proposal_id)
        if proposal is None or proposal.neighbourhood_id != meeting.neighbourhood_id:
            raise NotFound(N_("This proposal no longer exists in this neighbourhood."))
        if proposal.decision_meeting_id != meeting.id:
            raise RuleBroken(
                N_(
                    "The proposal {title!r} was not decided at this meeting, so there is no "
                    "decision to write into its minutes."
                ),
                title=proposal.title,
            )
        public_id = f"{item.public_id}-budget-{proposal.public_id}"[:200]
        row = session.execute(
            select(m.Decision).where(
                m.Decision.agenda_item_id == item.id, m.Decision.public_id == public_id
            )
        ).scalar()
        if row is None:
            row = m.Decision(agenda_item_id=item.id, public_id=public_id, text="")
            session.add(row)
        row.text = budget_decision_text(proposal)
        row.votes_for = proposal.votes_for
        row.votes_against = proposal.votes_against if proposal.votes_for is not None else None
        row.votes_abstain = proposal.votes_abstain if proposal.votes_for is not None else None
        session.flush()
        return row.id


def budget_decision_text(proposal: m.Proposal) -> str:
    """The decision on a proposal in a sentence, for the besluitenlijst."""
    status = ProposalStatus(proposal.status)
    title = proposal.title
    if status is ProposalStatus.GRANTED and proposal.amount_granted is not None:
        text = _("Proposal {title!r}: granted {amount} from the budget of {year}.").format(
            title=title, amount=euro(proposal.amount_granted), year=proposal.year
        )
        if proposal.amount_granted < proposal.amount_requested:
            text += " " + _("{requested} was requested.").format(
                requested=euro(proposal.amount_requested)
            )
        reason = proposal.decision_reason
    elif status is ProposalStatus.REJECTED:
        text = _("Proposal {title!r}: rejected.").format(title=title)
        reason = proposal.decision_reason
    elif status is ProposalStatus.DEFERRED:
        until, reason = split_deferral(proposal.decision_reason)
        text = (
            _("Proposal {title!r}: on hold until {date}.").format(
                title=title, date=datum_long(until)
            )
            if until
            else _("Proposal {title!r}: on hold.").format(title=title)
        )
    elif status is ProposalStatus.WITHDRAWN:
        text = _("Proposal {title!r}: withdrawal recorded.").format(title=title)
        reason = proposal.decision_reason
    else:
        raise RuleBroken(
            N_("The proposal {title!r} has no decision yet."),
            title=title,
        )
    if reason:
        text += " " + _("Reason: {reason}").format(reason=reason)
    return text


# -- the end of the meeting ---------------------------------------------------------------------


def finish_meeting(db: Database, meeting_id: int, today: date) -> FinishResult:
    """The meeting was held: its minutes become concept minutes for the secretary.

    Items not marked discussed that hold no minutes, outside the procedural frame, are
    marked not discussed: the next agenda takes them over. Items with notes or outcomes
    count as discussed.

    Raises:
        RuleBroken: the meeting is still to come, or cancelled.
        MinutesFrozen: the minutes are approved.
    """
    with minutes_write(db) as session:
        meeting = _editable_meeting(session, meeting_id)
        if meeting.starts_at.date() > today:
            raise RuleBroken(
                N_(
                    "The meeting of {date} has not taken place yet; it can be finished on "
                    "the day itself or later."
                ),
                date=meeting.starts_at.date(),
            )
        carried = []
        items = session.execute(
            select(m.AgendaItem)
            .where(m.AgendaItem.meeting_id == meeting.id)
            .order_by(m.AgendaItem.position, m.AgendaItem.id)
        ).scalars()
        for item in items:
            if item.discussed is not None:
                if item.discussed is False:
                    carried.append(item.title)
                continue
            if _has_outcomes(session, item):
                item.discussed = True
            elif Section(item.section) not in PROCEDURAL_SECTIONS:
                item.discussed = False
                carried.append(item.title)
        if meeting.status == MeetingStatus.PLANNED.value:
            meeting.status = MeetingStatus.HELD.value
        return FinishResult(tuple(carried))


def _has_outcomes(session: Session, item: m.AgendaItem) -> bool:
    if item.notes:
        return True
    for model in (m.Decision, m.Action, m.Idea):
        if session.scalar(select(model.id).where(model.agenda_item_id == item.id).limit(1)):
            return True
    return False
