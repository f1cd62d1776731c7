"""The rules of a meeting at the table and of its minutes, as pure functions over plain values.

- Who may vote: the residents and the community worker (opbouwwerker) who are present.
  The chair, the buurtcoördinator, is a municipal official and leads without a vote;
  partners and guests advise. The quorum counts those voters.
- Votes are counted from zero; together they cannot exceed the voters present.
  "Unaniem" means every voter present voted in favour (nobody against, nobody abstained).
- An action has one owner: a person or a party, never both.
- The actielijst of a meeting holds its own actions and every earlier action not yet done
  on the meeting's day: an action stays on the list of every next meeting until it is done.
- Approved minutes carry a fingerprint: the first 12 hex digits of the SHA-256 of a
  canonical serialisation of their content and errata. The content is what the paper
  shows (names, not private row ids), so an export and import keep the fingerprint, and
  a person erased on request changes it (the erasure renews it on record).

Nothing here touches a database, a clock or a screen: "now" is passed in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from buurtteam.domain.text import clean_line, clean_text
from buurtteam.domain.vocab import AttendanceStatus, Role
from buurtteam.errors import N_, InvalidInput, RuleBroken

VOTING_ROLES = frozenset({Role.RESIDENT, Role.COMMUNITY_WORKER})
FINGERPRINT_LENGTH = 12


# -- attendance and quorum ------------------------------------------------------------------


@dataclass(frozen=True)
class Presence:
    """One person on the attendance list."""

    roles: tuple[Role, ...]
    status: AttendanceStatus
    arrived_at: time | None = None  # came late
    left_at: time | None = None  # left early

    @property
    def may_vote(self) -> bool:
        return may_vote(self.roles)

    def present_at(self, moment: time | None) -> bool:
        """Present at `moment` (None: at any time during the meeting)."""
        if self.status is not AttendanceStatus.PRESENT:
            return False
        if moment is None:
            return True
        if self.arrived_at is not None and moment < self.arrived_at:
            return False
        return not (self.left_at is not None and moment >= self.left_at)


def may_vote(roles: Iterable[Role]) -> bool:
    return any(role in VOTING_ROLES for role in roles)


@dataclass(frozen=True)
class QuorumState:
    voters_present: int
    quorum: int

    @property
    def reached(self) -> bool:
        return self.voters_present >= self.quorum

    @property
    def short(self) -> int:
        """How many voters are still missing for a quorum (0 when reached)."""
        return max(0, self.quorum - self.voters_present)


def voters_present(presences: Iterable[Presence], moment: time | None = None) -> int:
    return sum(1 for p in presences if p.may_vote and p.present_at(moment))


def quorum_state(
    presences: Iterable[Presence], quorum: int, moment: time | None = None
) -> QuorumState:
    return QuorumState(voters_present(presences, moment), quorum)


MAX_QUORUM = 1000  # the exchange format's bound


def check_quorum(quorum: int) -> int:
    """The number of voters a team needs present to decide: at least one.

    Raises:
        InvalidInput: zero, negative or absurdly large.
    """
    if not 1 <= quorum <= MAX_QUORUM:
        raise InvalidInput(
            N_("The quorum is a number of people with a vote, from 1 to {maximum}."),
            maximum=MAX_QUORUM,
        )
    return quorum


def check_presence_times(
    status: AttendanceStatus, arrived_at: time | None, left_at: time | None
) -> None:
    """Arrival and departure times belong to people present, and one comes before the other.

    Raises:
        InvalidInput: times for someone absent, or leaving before arriving.
    """
    if status is not AttendanceStatus.PRESENT and (arrived_at or left_at):
        raise InvalidInput(
            N_(
                "Only someone who was present can arrive late or leave early. Mark the "
                "person present first, or clear the times."
            )
        )
    if arrived_at is not None and left_at is not None and left_at <= arrived_at:
        raise InvalidInput(
            N_(
                "The time of leaving ({left}) must be after the time of arriving "
                "({arrived}). Correct one of the two."
            ),
            left=left_at.strftime("%H:%M"),
            arrived=arrived_at.strftime("%H:%M"),
        )


def clean_guest(name: str, organisation: str | None) -> tuple[str, str | None]:
    """A guest's name (required) and organisation (optional), as stored."""
    cleaned = clean_line(name)
    if not cleaned:
        raise InvalidInput(N_("A guest needs a name. Type the name as the guest gives it."))
    return cleaned, (clean_line(organisation) or None) if organisation else None


# -- votes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteCount:
    in_favour: int
    against: int
    abstain: int

    @property
    def total(self) -> int:
        return self.in_favour + self.against + self.abstain

    @property
    def unanimous(self) -> bool:
        """Everyone who voted was in favour."""
        return self.in_favour > 0 and self.against == 0 and self.abstain == 0

    @property
    def carried(self) -> bool:
        """More in favour than against: the proposal is adopted."""
        return self.in_favour > self.against


def check_votes(votes: VoteCount, voters: int | None = None) -> VoteCount:
    """Refuse negative counts, and more votes than voters present (when attendance is known).

    Raises:
        InvalidInput: a negative count, or more votes than voters.
    """
    if min(votes.in_favour, votes.against, votes.abstain) < 0:
        raise InvalidInput(N_("Votes are counted from zero up; a negative count is not possible."))
    if voters is not None and voters > 0 and votes.total > voters:
        raise InvalidInput(
            N_(
                "{total} votes were counted, but only {voters} people with a vote are "
                "present (residents and the community worker). Count again, or record who "
                "is present first."
            ),
            total=votes.total,
            voters=voters,
        )
    return votes


def unanimous_votes(voters: int) -> VoteCount:
    """ "Unaniem": every voter present in favour.

    Raises:
        RuleBroken: nobody with a vote is recorded as present.
    """
    if voters <= 0:
        raise RuleBroken(
            N_(
                "Nobody with a vote is recorded as present, so "
                "the votes cannot be counted as unanimous. Record who is present first, or "
                "type the numbers of votes."
            )
        )
    return VoteCount(voters, 0, 0)


# -- outcomes -------------------------------------------------------------------------------


def outcome_text(text: str) -> str:
    """The text of a decision, action or idea as stored ("" means: there is none)."""
    return clean_text(text).strip()


def check_owner(owner_id: int | None, party_id: int | None) -> None:
    """An action belongs to a person or to a party, not to both.

    Raises:
        InvalidInput: both are given.
    """
    if owner_id is not None and party_id is not None:
        raise InvalidInput(
            N_(
                "An action has one owner: a person or a party, not both. Choose one; the "
                "other can be named in the text."
            )
        )


def check_due(due: date | None, meeting_day: date) -> None:
    """An action's deadline lies on or after the meeting that agreed it.

    Raises:
        InvalidInput: a deadline before the meeting.
    """
    if due is not None and due < meeting_day:
        raise InvalidInput(
            N_(
                "The deadline {due} lies before the meeting of {meeting}. Choose a date on "
                "or after the meeting."
            ),
            due=due,
            meeting=meeting_day,
        )


def check_done(done_on: date, meeting_day: date, today: date) -> None:
    """An action is done between the meeting that agreed it and today.

    Raises:
        RuleBroken: a date in the future or before the meeting.
    """
    if done_on > today:
        raise RuleBroken(
            N_(
                "The date {date} lies in the future; an action is marked done once it is. "
                "Choose today ({today}) or an earlier date."
            ),
            date=done_on,
            today=today,
        )
    if done_on < meeting_day:
        raise RuleBroken(
            N_(
                "The action was agreed at the meeting of {meeting}; it cannot have been "
                "done before that. Choose a later date."
            ),
            meeting=meeting_day,
        )


# -- the actielijst -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFact:
    key: int
    meeting_starts_at: datetime
    due: date | None
    done_on: date | None


def on_action_list(action: ActionFact, meeting_starts_at: datetime) -> bool:
    """On the actielijst of the meeting at `meeting_starts_at`?

    Its own actions always; earlier ones while they were not yet done on the meeting's day
    (an action reported done at the meeting itself still shows, marked done).
    """
    if action.meeting_starts_at > meeting_starts_at:
        return False
    if action.meeting_starts_at == meeting_starts_at:
        return True
    return action.done_on is None or action.done_on >= meeting_starts_at.date()


def action_list(actions: Iterable[ActionFact], meeting_starts_at: datetime) -> list[ActionFact]:
    """The actielijst: earliest deadline first, no deadline last, then the oldest meeting."""
    chosen = [a for a in actions if on_action_list(a, meeting_starts_at)]
    return sorted(
        chosen, key=lambda a: (a.due is None, a.due or date.min, a.meeting_starts_at, a.key)
    )


# -- approval and the fingerprint -----------------------------------------------------------


def check_approval(
    meeting_starts_at: datetime,
    status_held: bool,
    approving_starts_at: datetime,
    approving_cancelled: bool,
    today: date,
) -> None:
    """Minutes are approved by a later meeting that is held (today or before).

    Raises:
        RuleBroken: the minutes are not concept minutes of a held meeting, or the approving
            meeting is not later, is cancelled, or still to come.
    """
    if not status_held:
        raise RuleBroken(
            N_(
                "Only the minutes of a meeting that was held can be approved. Finish the "
                "meeting of {date} first."
            ),
            date=meeting_starts_at.date(),
        )
    if approving_starts_at <= meeting_starts_at:
        raise RuleBroken(
            N_(
                "Minutes are approved at a later meeting. The meeting of {approving} is not "
                "after the meeting of {date}."
            ),
            approving=approving_starts_at.date(),
            date=meeting_starts_at.date(),
        )
    if approving_cancelled:
        raise RuleBroken(
            N_("The meeting of {approving} was cancelled; it cannot approve minutes."),
            approving=approving_starts_at.date(),
        )
    if approving_starts_at.date() > today:
        raise RuleBroken(
            N_(
                "The meeting of {approving} has not taken place yet. Minutes are approved "
                "at the meeting itself."
            ),
            approving=approving_starts_at.date(),
        )


def erratum_text(text: str) -> str:
    """A correction to approved minutes: what was wrong and what is right.

    Raises:
        InvalidInput: nothing typed.
    """
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise InvalidInput(
            N_("Type the correction: what is wrong in the minutes and what it should say.")
        )
    return cleaned


@dataclass(frozen=True)
class DecisionContent:
    text: str
    votes: VoteCount | None


@dataclass(frozen=True)
class ActionContent:
    text: str
    owner: str | None  # the person's name as printed
    party: str | None  # the party's name as printed
    due: date | None
    # Not `done_on`: approved minutes keep living on the actielijst (done later).


@dataclass(frozen=True)
class ItemContent:
    title: str
    notes: str | None
    decisions: tuple[DecisionContent, ...]
    actions: tuple[ActionContent, ...]
    ideas: tuple[str, ...]


@dataclass(frozen=True)
class AttendanceContent:
    name: str
    status: AttendanceStatus
    arrived_at: time | None
    left_at: time | None


@dataclass(frozen=True)
class MinutesContent:
    """Everything the fingerprint covers, in printed order."""

    starts_at: datetime
    attendance: tuple[AttendanceContent, ...]
    guests: tuple[tuple[str, str | None], ...]
    items: tuple[ItemContent, ...]
    errata: tuple[tuple[date, str], ...]


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _canonical_votes(votes: VoteCount | None) -> list[int] | None:
    return None if votes is None else [votes.in_favour, votes.against, votes.abstain]


def canonical(content: MinutesContent) -> str:
    """One fixed text for the content: the same minutes always give the same characters."""
    data: dict[str, Any] = {
        "v": 1,
        "starts_at": content.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "attendance": sorted(
            [a.name, a.status.value, _clock(a.arrived_at), _clock(a.left_at)]
            for a in content.attendance
        ),
        "guests": [[name, organisation] for name, organisation in content.guests],
        "items": [
            {
                "title": item.title,
                "notes": item.notes or "",
                "decisions": [[d.text, _canonical_votes(d.votes)] for d in item.decisions],
                "actions": [
                    [a.text, a.owner, a.party, a.due.isoformat() if a.due else None]
                    for a in item.actions
                ],
                "ideas": list(item.ideas),
            }
            for item in content.items
        ],
        "errata": [[day.isoformat(), text] for day, text in content.errata],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def fingerprint(content: MinutesContent) -> str:
    """The minutes' fingerprint: 12 hex digits, printed on the paper and kept in the file."""
    digest = hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_LENGTH]


def fingerprint_words(value: str) -> str:
    """`3f2a-9c01-77be`: groups of four, easy to read aloud and compare on paper."""
    return "-".join(value[i : i + 4] for i in range(0, len(value), 4))


def same_fingerprint(printed: str, stored: str) -> bool:
    """Compare a fingerprint as someone types it from paper (dashes, spaces, capitals)."""

    def bare(value: str) -> str:
        return "".join(c for c in value.lower() if c in "0123456789abcdef")

    return bare(printed) == bare(stored)
