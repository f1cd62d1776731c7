"""What the Overzicht page shows: the state of one neighbourhood on one day, as plain types.

Kept apart from the queries that fill them, so the window's first screen can be shown
from a quick read before the data stack has loaded (start-up time, issue 8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from buurtteam.domain.ledger import Ledger
from buurtteam.domain.letters import UnansweredLetter
from buurtteam.domain.vocab import PointStatus


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


def chosen_neighbourhood(rows: Sequence[NeighbourhoodRow], wanted: str | None) -> int:
    """Which of `rows` the window opens on: the one named `wanted` (the one chosen last
    time), else the first. `rows` must not be empty."""
    return next((index for index, row in enumerate(rows) if row.name == wanted), 0)
