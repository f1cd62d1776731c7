"""How a meeting's agenda is proposed, timed and weighed: pure rules over plain values.

The composition policy (`compose`) follows the shared spec (cli.md, `agenda compose`):
standing opening items, the residents' topics in the order they came in, contract
progress, budget proposals awaiting a decision, the municipality's and partners' requests
under their own heading, any other business and closing.

How composition recognises what it did before, so that composing twice changes nothing
and hand edits are kept:

- Every item it adds has an *origin*: a standing item (opening, announcements, ...), an
  agenda request, a budget proposal, or an undiscussed item of an earlier meeting that
  carries over. An item on the agenda "has" an origin through what is stored with it: its
  request link, its proposal links, the item it was carried from, or (standing items) the
  public id composition gave it. An origin already on this agenda, or on the agenda of
  another planned meeting, is not added again.
- Standing items are made once: when the agenda holds none of them yet. Removing one by
  hand (no announcements this time) therefore sticks. A standing item is also left out
  when the team already put an item of its own in that section.
- Composition never changes an item that is there: titles, time boxes, purposes, links
  and the order stay as the team left them. New items go to the end of their section.
- Requests are the team's queue; the team keeps one off the agenda by deferring or
  declining it, not by deleting its item (the window asks which when an item is removed).

The balance ("whose agenda is it") counts the discussion part of the agenda: topics,
contract, budget and requests, not the procedural items around them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from buurtteam.domain.text import clean_line, clean_text
from buurtteam.domain.vocab import SECTION_ORDER, Purpose, Section, Source
from buurtteam.errors import N_, InvalidInput

MAX_TIME_BOX = 240  # minutes; a single item longer than four hours is a typing mistake


class Standing(StrEnum):
    """The items every agenda has, each in a section of its own."""

    OPENING = "opening"
    ANNOUNCEMENTS = "announcements"
    PREVIOUS_MINUTES = "previous_minutes"
    CONTRACT = "contract"
    ANY_OTHER_BUSINESS = "any_other_business"
    CLOSING = "closing"

    @property
    def section(self) -> Section:
        return Section(self.value)


STANDING_PURPOSE = {
    Standing.OPENING: Purpose.INFORMATION,
    Standing.ANNOUNCEMENTS: Purpose.INFORMATION,
    Standing.PREVIOUS_MINUTES: Purpose.DECISION,
    Standing.CONTRACT: Purpose.DISCUSSION,
    Standing.ANY_OTHER_BUSINESS: Purpose.DISCUSSION,
    Standing.CLOSING: Purpose.INFORMATION,
}

# Time boxes a composed agenda starts with, in minutes; the team changes them freely.
STANDING_MINUTES = {
    Standing.OPENING: 5,
    Standing.ANNOUNCEMENTS: 5,
    Standing.PREVIOUS_MINUTES: 10,
    Standing.CONTRACT: 20,
    Standing.ANY_OTHER_BUSINESS: 10,
    Standing.CLOSING: 5,
}
TOPIC_MINUTES = 15
REQUEST_MINUTES = 10
PROPOSAL_MINUTES = 10

# The procedural frame around the discussion; left out of the balance.
PROCEDURAL_SECTIONS = frozenset(
    {
        Section.OPENING,
        Section.ANNOUNCEMENTS,
        Section.PREVIOUS_MINUTES,
        Section.ANY_OTHER_BUSINESS,
        Section.CLOSING,
    }
)

_RANK = {section: rank for rank, section in enumerate(SECTION_ORDER)}


class OriginKind(StrEnum):
    STANDING = "standing"
    REQUEST = "request"
    PROPOSAL = "proposal"
    CARRIED = "carried"


@dataclass(frozen=True, order=True)
class Origin:
    """Where a composed item comes from; `key` is the standing kind or a public id."""

    kind: OriginKind
    key: str


@dataclass(frozen=True)
class PendingRequest:
    key: str
    title: str
    description: str | None
    source: Source
    submitted_by: str | None
    submitted_on: date
    sequence: int  # the order it was recorded in, for requests of the same day


@dataclass(frozen=True)
class WaitingProposal:
    """A budget proposal awaiting a decision (submitted, or deferred at an earlier meeting)."""

    key: str
    title: str
    submitted_by: str | None
    received_on: date


@dataclass(frozen=True)
class Undiscussed:
    """An item an earlier meeting did not get to; it carries over as it was."""

    key: str
    section: Section
    title: str
    description: str | None
    source: Source
    submitted_by: str | None
    purpose: Purpose
    minutes: int | None
    points: tuple[int, ...] = ()
    proposals: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Placed:
    """An item on the agenda now, in its current place."""

    key: str
    section: Section
    origins: frozenset[Origin] = frozenset()


@dataclass(frozen=True)
class Situation:
    """Everything the policy looks at for one meeting."""

    agenda: tuple[Placed, ...] = ()
    requests: tuple[PendingRequest, ...] = ()
    proposals: tuple[WaitingProposal, ...] = ()
    undiscussed: tuple[Undiscussed, ...] = ()
    has_previous_meeting: bool = False
    has_contract: bool = False
    points: tuple[int, ...] = ()  # contract points due or changed since the last meeting
    elsewhere: frozenset[Origin] = frozenset()  # on the agenda of another planned meeting


@dataclass(frozen=True)
class NewItem:
    """An item composition adds. `title` is None for standing and proposal items: the
    caller words them in the reader's language."""

    origin: Origin
    section: Section
    source: Source
    purpose: Purpose
    minutes: int | None
    title: str | None = None
    description: str | None = None
    submitted_by: str | None = None
    points: tuple[int, ...] = ()
    proposals: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()

    @property
    def origins(self) -> frozenset[Origin]:
        linked = {Origin(OriginKind.PROPOSAL, key) for key in self.proposals}
        return frozenset({self.origin, *linked})

    @property
    def standing(self) -> Standing | None:
        return Standing(self.origin.key) if self.origin.kind is OriginKind.STANDING else None


Slot = str | NewItem  # an item already there (its key) or a new one


@dataclass(frozen=True)
class Composition:
    """The agenda after composing: every slot in printed order."""

    order: tuple[Slot, ...]

    @property
    def new_items(self) -> tuple[NewItem, ...]:
        return tuple(slot for slot in self.order if isinstance(slot, NewItem))

    @property
    def placed_requests(self) -> tuple[str, ...]:
        return tuple(
            item.origin.key for item in self.new_items if item.origin.kind is OriginKind.REQUEST
        )

    @property
    def changes_nothing(self) -> bool:
        return not self.new_items


def section_for(source: Source) -> Section:
    """Residents' side brings topics; the municipality and partners bring requests."""
    return Section.TOPICS if source.is_residents_side else Section.REQUESTS


def section_rank(section: Section) -> int:
    return _RANK[section]


def compose(situation: Situation) -> Composition:
    """Propose the agenda: what is there stays where it is; what is missing is added."""
    represented = set(situation.elsewhere)
    for placed in situation.agenda:
        represented |= placed.origins
    composed_before = any(o.kind is OriginKind.STANDING for o in represented)
    own_sections = {placed.section for placed in situation.agenda if not placed.origins}

    additions: list[NewItem] = []

    def add(item: NewItem) -> None:
        if item.origin in represented:
            return
        additions.append(item)
        represented.update(item.origins)

    if not composed_before:
        for kind in _standing_wanted(situation):
            if kind.section not in own_sections:
                add(_standing_item(kind, situation))
    for old in situation.undiscussed:
        add(_carried_item(old))
    for request in sorted(situation.requests, key=lambda r: (r.submitted_on, r.sequence)):
        add(_request_item(request))
    for proposal in sorted(situation.proposals, key=lambda p: (p.received_on, p.key)):
        add(_proposal_item(proposal))
    return Composition(tuple(_insert([p.key for p in situation.agenda], situation, additions)))


def _standing_wanted(situation: Situation) -> list[Standing]:
    wanted = list(Standing)
    if not situation.has_previous_meeting:
        wanted.remove(Standing.PREVIOUS_MINUTES)
    if not situation.has_contract:
        wanted.remove(Standing.CONTRACT)
    return wanted


def _standing_item(kind: Standing, situation: Situation) -> NewItem:
    return NewItem(
        origin=Origin(OriginKind.STANDING, kind.value),
        section=kind.section,
        source=Source.TEAM,
        purpose=STANDING_PURPOSE[kind],
        minutes=STANDING_MINUTES[kind],
        points=situation.points if kind is Standing.CONTRACT else (),
    )


def _carried_item(old: Undiscussed) -> NewItem:
    return NewItem(
        origin=Origin(OriginKind.CARRIED, old.key),
        section=old.section,
        source=old.source,
        purpose=old.purpose,
        minutes=old.minutes,
        title=old.title,
        description=old.description,
        submitted_by=old.submitted_by,
        points=old.points,
        proposals=old.proposals,
        issues=old.issues,
    )


def _request_item(request: PendingRequest) -> NewItem:
    section = section_for(request.source)
    return NewItem(
        origin=Origin(OriginKind.REQUEST, request.key),
        section=section,
        source=request.source,
        purpose=Purpose.DISCUSSION,
        minutes=TOPIC_MINUTES if section is Section.TOPICS else REQUEST_MINUTES,
        title=request.title,
        description=request.description,
        submitted_by=request.submitted_by,
    )


def _proposal_item(proposal: WaitingProposal) -> NewItem:
    return NewItem(
        origin=Origin(OriginKind.PROPOSAL, proposal.key),
        section=Section.BUDGET,
        source=Source.RESIDENT,
        purpose=Purpose.DECISION,
        minutes=PROPOSAL_MINUTES,
        submitted_by=proposal.submitted_by,
        proposals=(proposal.key,),
    )


def _insert(keys: list[str], situation: Situation, additions: list[NewItem]) -> list[Slot]:
    """Put each new item after the last item of its own or an earlier section.

    Additions are already in their order within a section; sections are filled in the
    fixed order, so the agenda the team left in section order stays in section order.
    """
    sections = {placed.key: placed.section for placed in situation.agenda}
    order: list[Slot] = list(keys)

    def rank(slot: Slot) -> int:
        return section_rank(slot.section if isinstance(slot, NewItem) else sections[slot])

    for section in SECTION_ORDER:
        batch = [item for item in additions if item.section is section]
        if not batch:
            continue
        at = 0
        for index, slot in enumerate(order):
            if rank(slot) <= section_rank(section):
                at = index + 1
        order[at:at] = batch
    return order


def after(situation: Situation, composition: Composition, keys: Sequence[str]) -> Situation:
    """The situation once `composition` is stored, new items getting `keys` in order.

    Placed requests are no longer pending; everything else stays. For tests and previews.
    """
    fresh = iter(keys)
    agenda = []
    for slot in composition.order:
        if isinstance(slot, NewItem):
            agenda.append(Placed(next(fresh), slot.section, slot.origins))
        else:
            agenda.append(next(p for p in situation.agenda if p.key == slot))
    placed = set(composition.placed_requests)
    return replace(
        situation,
        agenda=tuple(agenda),
        requests=tuple(r for r in situation.requests if r.key not in placed),
    )


# -- hand edits -------------------------------------------------------------------------


def moved(keys: Sequence[str], key: str, to: int) -> list[str]:
    """`keys` with `key` taken out and put at index `to` (clamped to the list)."""
    order = [k for k in keys if k != key]
    to = max(0, min(to, len(order)))
    order.insert(to, key)
    return order


def settled_section(sections: Sequence[Section], index: int, *, moved_up: bool) -> Section:
    """The section of the item at `index` after a move, so the agenda stays in order.

    An item keeps its section while it sits between items of its own or neighbouring
    sections. Moved in among another section's items, it joins the section of the item
    it passed: moved up, the one now below it; moved down, the one now above it. Moving
    a municipality request up among the residents' topics makes it a topic; its source
    stays what it was.
    """
    own = sections[index]
    before = sections[index - 1] if index > 0 else None
    following = sections[index + 1] if index + 1 < len(sections) else None
    fits_before = before is None or section_rank(before) <= section_rank(own)
    fits_after = following is None or section_rank(own) <= section_rank(following)
    if fits_before and fits_after:
        return own
    if (moved_up and following is not None) or before is None:
        assert following is not None
        return following
    return before


def end_of_section(sections: Sequence[Section], section: Section) -> int:
    """Where a new item of `section` goes: after the last item of it or an earlier section."""
    at = 0
    for index, other in enumerate(sections):
        if section_rank(other) <= section_rank(section):
            at = index + 1
    return at


def clean_title(title: str) -> str:
    """An item's or request's title as typed; refuses an empty one.

    Raises:
        InvalidInput: when the title is empty or holds characters that cannot be stored.
    """
    cleaned = clean_line(title)
    if not cleaned:
        raise InvalidInput(N_("Give a title: a few words that say what it is about."))
    return cleaned


def clean_description(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = clean_text(text).strip()
    return cleaned or None


def check_time_box(minutes: int | None) -> int | None:
    """A time box in whole minutes, or None for none.

    Raises:
        InvalidInput: when it is not between 1 and four hours.
    """
    if minutes is None:
        return None
    if not 1 <= minutes <= MAX_TIME_BOX:
        raise InvalidInput(
            N_("A time box is between 1 and {maximum} minutes; {minutes} does not fit."),
            maximum=MAX_TIME_BOX,
            minutes=minutes,
        )
    return minutes


# -- time -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """Planned start of every item, the total and how it compares with the meeting."""

    starts: tuple[datetime, ...]
    total_minutes: int
    length_minutes: int

    @property
    def over_by(self) -> int:
        """Minutes the agenda runs past the meeting's end; 0 when it fits."""
        return max(0, self.total_minutes - self.length_minutes)

    @property
    def too_long(self) -> bool:
        return self.over_by > 0


def timing(start: datetime, minutes: Sequence[int | None], length: timedelta) -> Timing:
    """Each item starts when the ones before it have used their time boxes.

    An item without a time box takes no planned time.
    """
    starts = []
    clock = start
    for box in minutes:
        starts.append(clock)
        clock += timedelta(minutes=box or 0)
    return Timing(
        starts=tuple(starts),
        total_minutes=sum(box or 0 for box in minutes),
        length_minutes=int(length.total_seconds() // 60),
    )


# -- balance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Weighed:
    """One agenda item as the balance sees it."""

    section: Section
    source: Source
    minutes: int | None


@dataclass(frozen=True)
class Balance:
    """Whose agenda is it: items and planned minutes, residents' side against the rest.

    Residents' side: residents, the community worker and the team. The rest: the
    municipality and partners. Only the discussion part of the agenda counts.
    """

    resident_items: int = 0
    other_items: int = 0
    resident_minutes: int = 0
    other_minutes: int = 0
    meetings: int = field(default=0, compare=False)

    @property
    def items(self) -> int:
        return self.resident_items + self.other_items

    @property
    def minutes(self) -> int:
        return self.resident_minutes + self.other_minutes

    @property
    def resident_item_share(self) -> int | None:
        """Percentage of the items from the residents' side, rounded; None without items."""
        return _percent(self.resident_items, self.items)

    @property
    def resident_minute_share(self) -> int | None:
        return _percent(self.resident_minutes, self.minutes)

    def __add__(self, other: Balance) -> Balance:
        return Balance(
            self.resident_items + other.resident_items,
            self.other_items + other.other_items,
            self.resident_minutes + other.resident_minutes,
            self.other_minutes + other.other_minutes,
            self.meetings + other.meetings,
        )


def _percent(part: int, whole: int) -> int | None:
    if whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)  # round half up, in integers


def balance(items: Iterable[Weighed]) -> Balance:
    """The balance of one agenda."""
    resident_items = other_items = resident_minutes = other_minutes = 0
    for item in items:
        if item.section in PROCEDURAL_SECTIONS:
            continue
        if item.source.is_residents_side:
            resident_items += 1
            resident_minutes += item.minutes or 0
        else:
            other_items += 1
            other_minutes += item.minutes or 0
    return Balance(resident_items, other_items, resident_minutes, other_minutes, meetings=1)
