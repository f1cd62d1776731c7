"""The team's meeting rhythm, as pure functions: a series every few weeks, breaks, moves.

A series starts on a first date and repeats every `interval_weeks` weeks on the same
weekday. A date that falls in a marked break (the summer holidays, Christmas) is not
dropped: the meeting goes to the first same weekday after the break, and the rhythm
continues from there, so the team never goes longer than the break itself without a
meeting. Dates cross year ends like any other day.

A single meeting can be moved or cancelled; either needs a reason, and only a meeting
that has not been held yet can be changed. "Today" is never looked up here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from buurtteam.domain.text import clean_line, clean_text
from buurtteam.domain.vocab import MeetingStatus
from buurtteam.errors import N_, InvalidInput, RuleBroken

# A meeting without an end time is planned as two hours long: the usual length of a
# projectteam evening (19:30 to 21:30).
DEFAULT_MEETING_LENGTH = timedelta(hours=2)
MAX_SERIES = 60  # ten years of six-weekly meetings; more is a typing mistake
MAX_INTERVAL_WEEKS = 26


@dataclass(frozen=True)
class Break:
    """A period without meetings, both days included."""

    starts_on: date
    ends_on: date
    label: str

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class SeriesPlan:
    """What a person fills in to plan meetings ahead."""

    first: date
    weekday: int  # 0 = Monday ... 6 = Sunday; the first date moves forward to it
    starts: time
    ends: time | None
    location: str | None
    count: int
    interval_weeks: int


def meeting_length(starts_at: datetime, ends_at: datetime | None) -> timedelta:
    """How long a meeting lasts: until its end time, else the default two hours."""
    if ends_at is None or ends_at <= starts_at:
        return DEFAULT_MEETING_LENGTH
    return ends_at - starts_at


def check_break(starts_on: date, ends_on: date, label: str) -> Break:
    """A break as typed, cleaned; refuses an end before the start or an empty name.

    Raises:
        InvalidInput: when the period or the name is not usable.
    """
    label = clean_line(label)
    if not label:
        raise InvalidInput(
            N_("Give the break a name, for example “Zomervakantie”, so everyone knows why.")
        )
    if ends_on < starts_on:
        raise InvalidInput(
            N_("The break ends on {ends}, before it starts on {starts}. Swap the dates."),
            ends=ends_on,
            starts=starts_on,
        )
    return Break(starts_on, ends_on, label)


def first_on_weekday(day: date, weekday: int) -> date:
    """`day` itself when it falls on `weekday`, else the first such weekday after it."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def after_breaks(day: date, breaks: Iterable[Break]) -> date:
    """The first date on `day`'s weekday that falls in none of the breaks.

    Breaks may touch or overlap; the date keeps moving on a week at a time until it is free.
    """
    periods = sorted(breaks, key=lambda b: b.starts_on)
    moved = True
    while moved:
        moved = False
        for period in periods:
            if period.covers(day):
                day = first_on_weekday(period.ends_on + timedelta(days=1), day.weekday())
                moved = True
    return day


def series_dates(
    first: date, weekday: int, count: int, interval_weeks: int, breaks: Iterable[Break] = ()
) -> list[date]:
    """`count` meeting dates from `first`, every `interval_weeks` weeks on `weekday`.

    Raises:
        InvalidInput: on a count or interval outside what a team could mean.
    """
    check_series_numbers(count, interval_weeks, weekday)
    periods = list(breaks)
    dates: list[date] = []
    day = after_breaks(first_on_weekday(first, weekday), periods)
    while len(dates) < count:
        dates.append(day)
        day = after_breaks(day + timedelta(weeks=interval_weeks), periods)
    return dates


def check_series_numbers(count: int, interval_weeks: int, weekday: int = 0) -> None:
    if not 1 <= count <= MAX_SERIES:
        raise InvalidInput(
            N_("Plan between 1 and {maximum} meetings at a time (you asked for {count})."),
            maximum=MAX_SERIES,
            count=count,
        )
    if not 1 <= interval_weeks <= MAX_INTERVAL_WEEKS:
        raise InvalidInput(
            N_("The interval must be between 1 and {maximum} weeks (you gave {weeks})."),
            maximum=MAX_INTERVAL_WEEKS,
            weeks=interval_weeks,
        )
    if not 0 <= weekday <= 6:
        raise InvalidInput(N_("Choose a day of the week for the meetings."))


def series_times(
    plan: SeriesPlan, breaks: Iterable[Break] = ()
) -> list[tuple[datetime, datetime | None]]:
    """Start and end of every meeting of the plan; the end stays open when none was given.

    Raises:
        InvalidInput: when the end time is not after the start time.
    """
    if plan.ends is not None and plan.ends <= plan.starts:
        raise InvalidInput(
            N_("The meeting ends at {ends}, which is not after its start at {starts}."),
            ends=plan.ends.strftime("%H:%M"),
            starts=plan.starts.strftime("%H:%M"),
        )
    result = []
    for day in series_dates(plan.first, plan.weekday, plan.count, plan.interval_weeks, breaks):
        starts_at = datetime.combine(day, plan.starts)
        ends_at = datetime.combine(day, plan.ends) if plan.ends is not None else None
        result.append((starts_at, ends_at))
    return result


def reason_given(reason: str | None) -> str:
    """A reason for moving or cancelling, cleaned; refuses an empty one.

    Raises:
        InvalidInput: when no reason was given.
    """
    cleaned = clean_text(reason or "").strip()
    if not cleaned:
        raise InvalidInput(
            N_(
                "Give a reason, for example “buurthuis bezet” or “te weinig aanmeldingen”: "
                "the members read it in their invitation."
            )
        )
    return cleaned


def check_changeable(status: MeetingStatus, cancelled: bool) -> None:
    """Only a planned meeting that is not cancelled can be moved, cancelled or reworked.

    Raises:
        RuleBroken: when the meeting was held already or is cancelled.
    """
    if status is not MeetingStatus.PLANNED:
        raise RuleBroken(
            N_(
                "This meeting has been held already; its date and agenda stay as they "
                "were. Choose a planned meeting."
            )
        )
    if cancelled:
        raise RuleBroken(
            N_("This meeting is cancelled. Restore it first if it goes ahead after all.")
        )
