"""Letters to a party and the replies they wait for: the steps of a buurtkwestie.

A letter is **unanswered** when no reply was received on or after its date; it is
**overdue** once `reply_weeks` weeks have passed without one. A reminder is not a reply.

Kept apart from the rest of the contract rules (`domain.contract`, which re-exports
these): the window's first screen flags overdue letters, and loads only what it needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from buurtteam.domain.vocab import DEFAULT_REPLY_WEEKS, IssueStatus, StepKind


@dataclass(frozen=True)
class StepFact:
    date: dt.date
    kind: StepKind
    to: str | None = None
    text: str = ""


@dataclass(frozen=True)
class UnansweredLetter:
    sent_on: dt.date
    to: str | None
    text: str
    reply_due: dt.date  # the day the reply should have come by
    weeks_waiting: int  # whole weeks since the letter

    def is_overdue(self, today: dt.date) -> bool:
        return today > self.reply_due


def reply_due(sent_on: dt.date, reply_weeks: int | None) -> dt.date:
    weeks = DEFAULT_REPLY_WEEKS if reply_weeks is None else reply_weeks
    return sent_on + dt.timedelta(weeks=weeks)


def unanswered_letters(
    steps: Iterable[StepFact], today: dt.date, reply_weeks: int | None = None
) -> tuple[UnansweredLetter, ...]:
    """Letters without a reply received on or after their date, oldest first.

    A reminder is not a reply; it keeps the letter waiting.
    """
    ordered = sorted(steps, key=lambda step: step.date)
    replies = [step.date for step in ordered if step.kind is StepKind.REPLY_RECEIVED]
    return tuple(
        UnansweredLetter(
            sent_on=step.date,
            to=step.to,
            text=step.text,
            reply_due=reply_due(step.date, reply_weeks),
            weeks_waiting=max((today - step.date).days // 7, 0),
        )
        for step in ordered
        if step.kind is StepKind.LETTER_SENT and not any(day >= step.date for day in replies)
    )


def overdue_reply(
    status: IssueStatus, steps: Iterable[StepFact], today: dt.date, reply_weeks: int | None = None
) -> UnansweredLetter | None:
    """The oldest letter of an open issue whose reply is overdue on `today`, if any.

    Closed issues are not flagged: the team has stopped waiting.
    """
    if status is not IssueStatus.OPEN:
        return None
    late = [
        letter
        for letter in unanswered_letters(steps, today, reply_weeks)
        if letter.is_overdue(today)
    ]
    return late[0] if late else None
