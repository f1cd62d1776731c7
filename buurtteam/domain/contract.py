"""The rules of keeping one's word: overdue points, party accountability, escalation of issues.

Pure functions over plain values; "today" is always passed in. The store and the ops
turn rows into the small frozen values below and ask these functions what they mean.

Definitions (the same on screen and on paper):

- A point is **overdue** when it is still expected of its party (open, in progress or
  delayed), has a deadline, and that deadline lies before today. A point marked *not kept*
  is counted as not kept, not also as overdue; done and dropped points are never overdue.
- A point is **done on time** when it is done and the history entry that made it done is
  dated on or before the deadline in force at that moment (the point's deadline, or the
  last slip before that entry). A done point without a dated entry cannot prove it was on
  time and is not counted as such; a done point without any deadline was never late.
- A **slip** is a history entry that carries a new deadline (`due`).
- The **escalation ladder** of a buurtkwestie: signal, ask the party at the next meeting,
  letter, reminder, put it to the gemeenteraad. Each rung is reached by a dated step.
- A letter is **unanswered** when no reply was received on or after its date; it is
  **overdue** once `reply_weeks` weeks have passed without one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from buurtteam.domain.letters import StepFact
from buurtteam.domain.text import fold
from buurtteam.domain.vocab import PointStatus, StepKind

# Still expected of the party; "not kept" is a verdict of its own.
_PENDING = (PointStatus.OPEN, PointStatus.IN_PROGRESS, PointStatus.DELAYED)


@dataclass(frozen=True)
class HistoryFact:
    """One dated entry of a point's history, oldest first in a sequence."""

    date: dt.date
    status: PointStatus
    due: dt.date | None = None  # the new deadline when this entry moved it (a slip)


@dataclass(frozen=True)
class PointFacts:
    """What the rules need to know about one contract point."""

    number: int
    party: str  # any key that tells parties apart (a public id, a row id)
    status: PointStatus
    due: dt.date | None
    history: tuple[HistoryFact, ...] = ()


def is_overdue(status: PointStatus, due: dt.date | None, today: dt.date) -> bool:
    """Still expected of its party and past its deadline."""
    return status in _PENDING and due is not None and due < today


def slips(history: Iterable[HistoryFact]) -> int:
    """How many times the deadline was moved."""
    return sum(1 for entry in history if entry.due is not None)


def done_entry(history: Sequence[HistoryFact]) -> int | None:
    """The index of the entry that made the point done (the last change into done), if any."""
    found = None
    previous: PointStatus | None = None
    for index, entry in enumerate(history):
        if entry.status is PointStatus.DONE and previous is not PointStatus.DONE:
            found = index
        previous = entry.status
    return found


def due_in_force(point: PointFacts, index: int) -> dt.date | None:
    """The deadline that applied when history entry `index` was written.

    The last slip up to that entry sets it; without one, the point's deadline (which is
    the original one, unless it only slipped later).
    """
    for entry in reversed(point.history[: index + 1]):
        if entry.due is not None:
            return entry.due
    return point.due


def is_done_on_time(point: PointFacts) -> bool:
    if point.status is not PointStatus.DONE:
        return False
    index = done_entry(point.history)
    if index is None:
        return point.due is None
    due = due_in_force(point, index)
    return due is None or point.history[index].date <= due


@dataclass(frozen=True)
class Accountability:
    """One party's record of keeping its word in one contract."""

    party: str
    owned: int
    done: int
    done_on_time: int
    overdue: int
    not_kept: int
    dropped: int
    slips: int
    overdue_numbers: tuple[int, ...]  # its overdue points, the longest overdue first

    @property
    def done_late(self) -> int:
        return self.done - self.done_on_time

    @property
    def still_open(self) -> int:
        """Still expected of the party: neither done, dropped nor judged not kept."""
        return self.owned - self.done - self.dropped - self.not_kept


def accountability(party: str, points: Iterable[PointFacts], today: dt.date) -> Accountability:
    """The figures of `party` over the points it owns (other parties' points are ignored)."""
    own = [point for point in points if point.party == party]
    overdue = sorted(
        (point for point in own if is_overdue(point.status, point.due, today)),
        key=lambda point: (point.due, point.number),
    )
    return Accountability(
        party=party,
        owned=len(own),
        done=sum(1 for point in own if point.status is PointStatus.DONE),
        done_on_time=sum(1 for point in own if is_done_on_time(point)),
        overdue=len(overdue),
        not_kept=sum(1 for point in own if point.status is PointStatus.NOT_KEPT),
        dropped=sum(1 for point in own if point.status is PointStatus.DROPPED),
        slips=sum(slips(point.history) for point in own),
        overdue_numbers=tuple(point.number for point in overdue),
    )


def accountability_by_party(
    parties: Sequence[str], points: Sequence[PointFacts], today: dt.date
) -> tuple[Accountability, ...]:
    """Every party's figures, in the order of `parties`; parties without points included."""
    return tuple(accountability(party, points, today) for party in parties)


def next_free_number(numbers: Iterable[int]) -> int:
    """The number a new point gets: one past the highest, so numbers never move."""
    return max(numbers, default=0) + 1


# -- buurtkwesties ------------------------------------------------------------------------


class Rung(StrEnum):
    """The escalation ladder, lowest first."""

    SIGNAL = "signal"
    ASK_AT_MEETING = "ask_at_meeting"
    LETTER = "letter"
    REMINDER = "reminder"
    COUNCIL = "council"


LADDER: tuple[Rung, ...] = tuple(Rung)

# The step that climbs to a rung.
RUNG_STEP = {
    Rung.ASK_AT_MEETING: StepKind.MEETING,
    Rung.LETTER: StepKind.LETTER_SENT,
    Rung.REMINDER: StepKind.REMINDER,
    Rung.COUNCIL: StepKind.LETTER_SENT,
}

# Words that name the council in a step's addressee, besides the council parties' names.
COUNCIL_WORDS = ("gemeenteraad", "municipal council", "city council")


@dataclass(frozen=True)
class RungReached:
    rung: Rung
    on: dt.date | None  # None: not reached yet


def _mentions_council(step: StepFact, council_names: Iterable[str]) -> bool:
    words = [fold(word) for word in (*COUNCIL_WORDS, *council_names) if word.strip()]
    haystack = fold(f"{step.to or ''} {step.text if step.kind is StepKind.NOTE else ''}")
    return any(word in haystack for word in words)


def ladder(
    raised_on: dt.date, steps: Iterable[StepFact], council_names: Iterable[str] = ()
) -> tuple[RungReached, ...]:
    """Each rung with the date it was first reached.

    Signal: the day the issue was raised. Ask the party at a meeting: the first meeting
    step. Letter: the first letter. Reminder: the first reminder after a letter. The
    gemeenteraad: the first letter, reminder or note addressed to the council.
    """
    names = tuple(council_names)
    ordered = sorted(steps, key=lambda step: step.date)
    reached: dict[Rung, dt.date] = {Rung.SIGNAL: raised_on}
    for step in ordered:
        if step.kind is StepKind.MEETING:
            reached.setdefault(Rung.ASK_AT_MEETING, step.date)
        if step.kind is StepKind.LETTER_SENT:
            reached.setdefault(Rung.LETTER, step.date)
        if step.kind is StepKind.REMINDER and Rung.LETTER in reached:
            reached.setdefault(Rung.REMINDER, step.date)
        if step.kind in (
            StepKind.LETTER_SENT,
            StepKind.REMINDER,
            StepKind.NOTE,
        ) and _mentions_council(step, names):
            reached.setdefault(Rung.COUNCIL, step.date)
    return tuple(RungReached(rung, reached.get(rung)) for rung in LADDER)


def current_rung(rungs: Sequence[RungReached]) -> Rung:
    """The highest rung reached."""
    return max((r.rung for r in rungs if r.on is not None), key=LADDER.index, default=Rung.SIGNAL)


def next_rung(rungs: Sequence[RungReached]) -> Rung | None:
    """The lowest rung not reached yet, above the highest reached; None at the top."""
    top = LADDER.index(current_rung(rungs))
    return LADDER[top + 1] if top + 1 < len(LADDER) else None
