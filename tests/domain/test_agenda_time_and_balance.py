"""Planned start times, the total against the meeting's length, and whose agenda it is."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtteam.domain.agenda import (
    Balance,
    Weighed,
    balance,
    check_time_box,
    clean_title,
    timing,
)
from buurtteam.domain.vocab import Section, Source
from buurtteam.errors import InvalidInput

START = datetime(2027, 4, 20, 19, 30)


def test_each_item_starts_when_the_ones_before_have_had_their_time() -> None:
    plan = timing(START, [5, 10, None, 20], timedelta(hours=2))
    assert [t.strftime("%H:%M") for t in plan.starts] == ["19:30", "19:35", "19:45", "19:45"]
    assert plan.total_minutes == 35
    assert not plan.too_long


def test_an_agenda_longer_than_the_meeting_says_by_how_much() -> None:
    plan = timing(START, [60, 45, 30], timedelta(hours=2))
    assert plan.total_minutes == 135
    assert plan.too_long
    assert plan.over_by == 15


@given(st.lists(st.none() | st.integers(1, 240), max_size=30))
def test_starts_never_go_back_in_time(minutes: list[int | None]) -> None:
    plan = timing(START, minutes, timedelta(hours=2))
    assert list(plan.starts) == sorted(plan.starts)
    assert plan.total_minutes == sum(m or 0 for m in minutes)


def test_the_balance_counts_the_discussion_part_by_source() -> None:
    items = [
        Weighed(Section.OPENING, Source.TEAM, 5),
        Weighed(Section.TOPICS, Source.RESIDENT, 20),
        Weighed(Section.TOPICS, Source.COMMUNITY_WORKER, 10),
        Weighed(Section.CONTRACT, Source.TEAM, 20),
        Weighed(Section.REQUESTS, Source.MUNICIPALITY, 30),
        Weighed(Section.TOPICS, Source.PARTNER, None),
        Weighed(Section.CLOSING, Source.TEAM, 5),
    ]
    result = balance(items)
    assert (result.resident_items, result.other_items) == (3, 2)
    assert (result.resident_minutes, result.other_minutes) == (50, 30)
    assert result.resident_item_share == 60
    assert result.resident_minute_share == 63  # 62.5 rounds up


def test_balances_add_up_over_meetings() -> None:
    one = balance([Weighed(Section.TOPICS, Source.RESIDENT, 15)])
    two = balance([Weighed(Section.REQUESTS, Source.PARTNER, 15)])
    total = sum([one, two], Balance())
    assert total == Balance(1, 1, 15, 15)
    assert total.meetings == 2
    assert total.resident_item_share == 50
    assert Balance().resident_item_share is None


@given(st.integers(0, 500), st.integers(0, 500))
def test_shares_are_whole_percentages(residents: int, others: int) -> None:
    share = Balance(residents, others).resident_item_share
    if residents + others == 0:
        assert share is None
    else:
        assert share is not None and 0 <= share <= 100
        assert abs(share - 100 * residents / (residents + others)) <= 0.5


def test_titles_and_time_boxes_are_checked() -> None:
    assert clean_title("  Hondenpoep <Vlinderpark> & meer ") == "Hondenpoep <Vlinderpark> & meer"
    with pytest.raises(InvalidInput):
        clean_title("   ")
    assert check_time_box(None) is None
    assert check_time_box(15) == 15
    with pytest.raises(InvalidInput) as refused:
        check_time_box(0)
    assert "tijdsduur" in refused.value.text().lower() or "minuten" in refused.value.text()
