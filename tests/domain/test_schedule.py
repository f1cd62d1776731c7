"""The six-weekly series: skipped periods, year ends, moves and cancellations."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtteam.domain.schedule import (
    DEFAULT_MEETING_LENGTH,
    Break,
    SeriesPlan,
    after_breaks,
    check_break,
    check_changeable,
    meeting_length,
    reason_given,
    series_dates,
    series_times,
)
from buurtteam.domain.vocab import MeetingStatus
from buurtteam.errors import InvalidInput, RuleBroken

TUESDAY = 1
SUMMER = Break(date(2027, 7, 10), date(2027, 8, 22), "Zomervakantie")
CHRISTMAS = Break(date(2027, 12, 25), date(2028, 1, 9), "Kerstvakantie")


def test_every_six_weeks_on_the_same_weekday() -> None:
    dates = series_dates(date(2027, 1, 12), TUESDAY, 4, 6)
    assert dates == [date(2027, 1, 12), date(2027, 2, 23), date(2027, 4, 6), date(2027, 5, 18)]


def test_the_first_date_moves_forward_to_the_chosen_weekday() -> None:
    # 2027-01-07 is a Thursday; the first Tuesday after it is 12 January.
    assert series_dates(date(2027, 1, 7), TUESDAY, 1, 6) == [date(2027, 1, 12)]


def test_a_meeting_in_the_summer_break_goes_to_the_first_tuesday_after_it() -> None:
    dates = series_dates(date(2027, 5, 18), TUESDAY, 4, 6, [SUMMER])
    # 29 June is before the break; 10 August falls in it and moves to 24 August;
    # the rhythm continues six weeks from there.
    assert dates == [date(2027, 5, 18), date(2027, 6, 29), date(2027, 8, 24), date(2027, 10, 5)]


def test_across_the_year_end_and_the_christmas_break() -> None:
    dates = series_dates(date(2027, 11, 16), TUESDAY, 3, 6, [SUMMER, CHRISTMAS])
    # 28 December falls in the Christmas break: the next Tuesday after 9 January is the 11th.
    assert dates == [date(2027, 11, 16), date(2028, 1, 11), date(2028, 2, 22)]


def test_touching_breaks_are_skipped_together() -> None:
    first = Break(date(2027, 7, 1), date(2027, 7, 15), "a")
    second = Break(date(2027, 7, 16), date(2027, 7, 31), "b")
    assert after_breaks(date(2027, 7, 6), [second, first]) == date(2027, 8, 3)


@given(
    first=st.dates(date(2020, 1, 1), date(2040, 12, 31)),
    weekday=st.integers(0, 6),
    n=st.integers(1, 30),
    weeks=st.integers(1, 12),
    breaks=st.lists(
        st.tuples(st.dates(date(2020, 1, 1), date(2045, 1, 1)), st.integers(0, 60)), max_size=6
    ),
)
def test_series_rules_hold_for_any_plan(
    first: date, weekday: int, n: int, weeks: int, breaks: list[tuple[date, int]]
) -> None:
    periods = [Break(start, start + timedelta(days=days), "pauze") for start, days in breaks]
    dates = series_dates(first, weekday, n, weeks, periods)
    assert len(dates) == n
    assert dates[0] >= first
    for day in dates:
        assert day.weekday() == weekday
        assert not any(p.covers(day) for p in periods)
    for earlier, later in pairwise(dates):
        assert later - earlier >= timedelta(weeks=weeks)
        # Never more than a break's length beyond the rhythm.
        assert (later - earlier).days <= weeks * 7 + sum(d + 7 for _, d in breaks)


def test_series_times_with_and_without_an_end() -> None:
    plan = SeriesPlan(date(2027, 1, 12), TUESDAY, time(19, 30), time(21, 30), "Buurthuis", 2, 6)
    assert series_times(plan) == [
        (datetime(2027, 1, 12, 19, 30), datetime(2027, 1, 12, 21, 30)),
        (datetime(2027, 2, 23, 19, 30), datetime(2027, 2, 23, 21, 30)),
    ]
    open_end = SeriesPlan(date(2027, 1, 12), TUESDAY, time(19, 30), None, None, 1, 6)
    assert series_times(open_end) == [(datetime(2027, 1, 12, 19, 30), None)]


def test_a_meeting_without_an_end_lasts_two_hours() -> None:
    start = datetime(2027, 1, 12, 19, 30)
    assert meeting_length(start, None) == DEFAULT_MEETING_LENGTH == timedelta(hours=2)
    assert meeting_length(start, datetime(2027, 1, 12, 21, 0)) == timedelta(minutes=90)


@pytest.mark.parametrize(
    ("count", "weeks", "message"),
    [
        (0, 6, "Plan tussen 1 en 60 vergaderingen tegelijk"),
        (61, 6, "Plan tussen 1 en 60 vergaderingen tegelijk"),
        (3, 0, "De tussenpoos moet tussen 1 en 26 weken liggen"),
    ],
)
def test_impossible_series_are_refused_in_words(count: int, weeks: int, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        series_dates(date(2027, 1, 12), TUESDAY, count, weeks)
    assert message in refused.value.text()


def test_an_end_before_the_start_is_refused() -> None:
    plan = SeriesPlan(date(2027, 1, 12), TUESDAY, time(21, 0), time(19, 0), None, 1, 6)
    with pytest.raises(InvalidInput) as refused:
        series_times(plan)
    assert "21:00" in refused.value.text()


def test_a_break_needs_a_name_and_an_end_after_its_start() -> None:
    assert check_break(date(2027, 7, 10), date(2027, 8, 22), "  Zomer ") == Break(
        date(2027, 7, 10), date(2027, 8, 22), "Zomer"
    )
    with pytest.raises(InvalidInput):
        check_break(date(2027, 7, 10), date(2027, 8, 22), "   ")
    with pytest.raises(InvalidInput) as refused:
        check_break(date(2027, 8, 22), date(2027, 7, 10), "Zomer")
    assert "22 augustus 2027" in refused.value.text()


def test_moving_or_cancelling_needs_a_reason_and_a_planned_meeting() -> None:
    assert reason_given("  Buurthuis bezet  ") == "Buurthuis bezet"
    with pytest.raises(InvalidInput) as refused:
        reason_given(" ")
    assert "reden" in refused.value.text()
    check_changeable(MeetingStatus.PLANNED, cancelled=False)
    with pytest.raises(RuleBroken):
        check_changeable(MeetingStatus.HELD, cancelled=False)
    with pytest.raises(RuleBroken):
        check_changeable(MeetingStatus.PLANNED, cancelled=True)
