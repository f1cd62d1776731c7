"""Planning meetings: a series around breaks, moving and cancelling one, with reasons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest

from buurtteam.domain.schedule import SeriesPlan
from buurtteam.domain.vocab import MeetingStatus
from buurtteam.errors import BuurtteamError
from buurtteam.ops.agenda import agenda_of
from buurtteam.ops.meetings import (
    add_break,
    cancel_meeting,
    list_breaks,
    list_meetings,
    meeting_interval,
    move_meeting,
    plan_series,
    preview_series,
    remove_break,
    restore_meeting,
)
from buurtteam.store.db import Database
from buurtteam.store.models import Neighbourhood
from tests.ops.test_agenda_compose import agenda_problems, meeting_id
from tests.ops.test_overview import add_sample_neighbourhood
from tests.snapshot import snapshot

TUESDAY = 1


@pytest.fixture
def n(db: Database) -> int:
    return add_sample_neighbourhood(db)


def plan(first: date, count: int, weeks: int = 6, ends: time | None = time(21, 30)) -> SeriesPlan:
    return SeriesPlan(first, TUESDAY, time(19, 30), ends, "Buurthuis De Duinroos", count, weeks)


def test_a_series_around_the_summer_break_and_into_the_new_year(db: Database, n: int) -> None:
    add_break(db, n, date(2027, 7, 10), date(2027, 8, 22), "Zomervakantie")
    add_break(db, n, date(2027, 12, 24), date(2028, 1, 9), "Kerstvakantie")
    result = plan_series(db, n, plan(date(2027, 6, 29), 5))
    assert [s.date() for s in result.starts] == [
        date(2027, 6, 29),
        date(2027, 8, 24),
        date(2027, 10, 5),
        date(2027, 11, 16),
        date(2028, 1, 11),
    ]
    rows = {row.public_id: row for row in list_meetings(db, n)}
    first = rows["m-2027-06-29"]
    assert (first.starts_at, first.ends_at) == (
        datetime(2027, 6, 29, 19, 30),
        datetime(2027, 6, 29, 21, 30),
    )
    assert first.location == "Buurthuis De Duinroos"
    assert first.status is MeetingStatus.PLANNED
    assert "m-2028-01-11" in rows
    assert agenda_problems(db) == []


def test_days_that_already_have_a_meeting_are_left_alone(db: Database, n: int) -> None:
    # m-1, m-2 and m-3 fall on 23 February, 6 April and 18 May 2027.
    result = plan_series(db, n, plan(date(2027, 2, 23), 4))
    assert result.skipped == (date(2027, 2, 23), date(2027, 4, 6), date(2027, 5, 18))
    assert [s.date() for s in result.starts] == [date(2027, 6, 29)]


def test_the_preview_shows_what_planning_would_make(db: Database, n: int) -> None:
    add_break(db, n, date(2027, 7, 10), date(2027, 8, 22), "Zomervakantie")
    before = snapshot(db)
    preview = preview_series(db, n, plan(date(2027, 7, 13), 2, ends=None))
    assert preview == [(datetime(2027, 8, 24, 19, 30), None), (datetime(2027, 10, 5, 19, 30), None)]
    assert snapshot(db) == before


def test_the_interval_setting_of_the_team(db: Database, n: int) -> None:
    assert meeting_interval(db, n) == 6
    with db.write() as s:
        s.get(Neighbourhood, n).meeting_interval_weeks = 4
    assert meeting_interval(db, n) == 4


def test_breaks_are_listed_and_removed(db: Database, n: int) -> None:
    first = add_break(db, n, date(2027, 12, 24), date(2028, 1, 9), " Kerst ")
    add_break(db, n, date(2027, 7, 10), date(2027, 8, 22), "Zomer")
    assert [(b.label, b.starts_on) for b in list_breaks(db, n)] == [
        ("Zomer", date(2027, 7, 10)),
        ("Kerst", date(2027, 12, 24)),
    ]
    remove_break(db, first)
    assert [b.label for b in list_breaks(db, n)] == ["Zomer"]


def test_moving_a_meeting_keeps_the_original_date_and_the_reason(db: Database, n: int) -> None:
    m2 = meeting_id(db, "m-2")
    move_meeting(db, m2, datetime(2027, 4, 13, 20, 0), "Buurthuis bezet door de verkiezingen")
    row = next(r for r in list_meetings(db, n) if r.id == m2)
    assert row.starts_at == datetime(2027, 4, 13, 20, 0)
    assert row.original_starts_at == datetime(2027, 4, 6, 19, 30)
    assert row.move_reason == "Buurthuis bezet door de verkiezingen"
    assert row.moved
    # Moved again: the first date is still the original one.
    move_meeting(db, m2, datetime(2027, 4, 20, 19, 30), "Nog steeds bezet")
    row = next(r for r in list_meetings(db, n) if r.id == m2)
    assert row.original_starts_at == datetime(2027, 4, 6, 19, 30)
    # Back where it was: no longer moved.
    move_meeting(db, m2, datetime(2027, 4, 6, 19, 30), "Toch vrij")
    row = next(r for r in list_meetings(db, n) if r.id == m2)
    assert (row.moved, row.move_reason) == (False, None)


def test_the_end_moves_along(db: Database, n: int) -> None:
    result = plan_series(db, n, plan(date(2027, 9, 7), 1))
    move_meeting(db, result.created[0], datetime(2027, 9, 8, 19, 0), "Dinsdag valt uit")
    row = next(r for r in list_meetings(db, n) if r.id == result.created[0])
    assert row.ends_at == datetime(2027, 9, 8, 21, 0)


def test_cancel_and_restore(db: Database, n: int) -> None:
    m3 = meeting_id(db, "m-3")
    result = cancel_meeting(db, m3, "Te weinig aanmeldingen")
    assert (result.moved_requests, result.next_meeting) == (0, None)
    row = next(r for r in list_meetings(db, n) if r.id == m3)
    assert row.cancelled and row.cancel_reason == "Te weinig aanmeldingen"
    assert agenda_of(db, m3).meeting.cancelled
    restore_meeting(db, m3)
    assert not next(r for r in list_meetings(db, n) if r.id == m3).cancelled


REFUSALS: list[tuple[str, Callable[[Database, int], object], str]] = [
    ("series of none", lambda db, n: plan_series(db, n, plan(date(2027, 9, 7), 0)), "Plan tussen"),
    (
        "end before start",
        lambda db, n: plan_series(db, n, plan(date(2027, 9, 7), 2, ends=time(18, 0))),
        "niet na het begin",
    ),
    (
        "break backwards",
        lambda db, n: add_break(db, n, date(2027, 8, 1), date(2027, 7, 1), "x"),
        "Draai",
    ),
    (
        "break unnamed",
        lambda db, n: add_break(db, n, date(2027, 7, 1), date(2027, 8, 1), " "),
        "naam",
    ),
    (
        "move without reason",
        lambda db, n: move_meeting(db, meeting_id(db, "m-2"), datetime(2027, 4, 7, 19, 30), " "),
        "reden",
    ),
    (
        "move to the same time",
        lambda db, n: move_meeting(db, meeting_id(db, "m-2"), datetime(2027, 4, 6, 19, 30), "x"),
        "begint al",
    ),
    (
        "move a held meeting",
        lambda db, n: move_meeting(db, meeting_id(db, "m-1"), datetime(2027, 4, 6, 19, 30), "x"),
        "al gehouden",
    ),
    ("cancel without reason", lambda db, n: cancel_meeting(db, meeting_id(db, "m-2"), ""), "reden"),
    (
        "cancel a held meeting",
        lambda db, n: cancel_meeting(db, meeting_id(db, "m-1"), "x"),
        "gehouden",
    ),
    (
        "restore a planned one",
        lambda db, n: restore_meeting(db, meeting_id(db, "m-2")),
        "niet afgelast",
    ),
]


@pytest.mark.parametrize(("name", "act", "words"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_say_why_and_change_nothing(
    db: Database,
    n: int,
    name: str,
    act: Callable[[Database, int], object],
    words: str,
) -> None:
    before = snapshot(db)
    with pytest.raises(BuurtteamError) as refused:
        act(db, n)
    assert words in refused.value.text()
    assert snapshot(db) == before


def test_a_cancelled_meeting_cannot_be_cancelled_or_moved_again(db: Database, n: int) -> None:
    m3 = meeting_id(db, "m-3")
    cancel_meeting(db, m3, "Bezet")
    before = snapshot(db)
    with pytest.raises(BuurtteamError) as refused:
        move_meeting(db, m3, datetime(2027, 5, 25, 19, 30), "Toch")
    assert "afgelast" in refused.value.text()
    assert snapshot(db) == before
