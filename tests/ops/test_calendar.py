"""The .ics file, parsed back: Amsterdam times, stable UIDs, moves and cancellations."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from buurtteam.domain.schedule import SeriesPlan
from buurtteam.errors import StoreError
from buurtteam.ops.calendar import export_meeting, export_series
from buurtteam.ops.meetings import cancel_meeting, move_meeting, plan_series
from buurtteam.store.db import Database
from tests.ops.test_agenda_compose import meeting_id
from tests.ops.test_overview import add_sample_neighbourhood

STAMP = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def events(path: Path) -> list[Event]:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def n(db: Database) -> int:
    return add_sample_neighbourhood(db)


def test_one_meeting_in_amsterdam_time(db: Database, n: int, tmp_path: Path) -> None:
    path = export_meeting(db, meeting_id(db, "m-2"), tmp_path / "vergadering.ics", STAMP)
    (event,) = events(path)
    start = event.decoded("dtstart")
    assert start == datetime(2027, 4, 6, 19, 30, tzinfo=AMSTERDAM)
    assert start.utcoffset().total_seconds() == 2 * 3600  # summer time
    assert event.decoded("dtend") == datetime(2027, 4, 6, 21, 30, tzinfo=AMSTERDAM)
    assert str(event["summary"]) == "Vergadering projectteam Duin en Dorp"
    assert str(event["location"]) == "Buurthuis <De Duinroos>"
    assert str(event["uid"]) == "m-2.duin-en-dorp@buurtteam"
    assert str(event["status"]) == "CONFIRMED"
    assert b"BEGIN:VTIMEZONE" in path.read_bytes()
    assert not list(tmp_path.glob("*.part"))


def test_the_series_has_the_planned_meetings_and_stable_uids(
    db: Database, n: int, tmp_path: Path
) -> None:
    first = export_series(db, n, tmp_path / "a.ics", date(2027, 3, 10), STAMP)
    assert [str(e["uid"]) for e in events(first)] == [
        "m-2.duin-en-dorp@buurtteam",
        "m-3.duin-en-dorp@buurtteam",
    ]
    again = export_series(db, n, tmp_path / "b.ics", date(2027, 3, 10), STAMP)
    assert first.read_bytes() == again.read_bytes()


def test_a_moved_or_cancelled_meeting_updates_calendars(
    db: Database, n: int, tmp_path: Path
) -> None:
    move_meeting(db, meeting_id(db, "m-2"), datetime(2027, 4, 13, 19, 30), "Buurthuis bezet")
    cancel_meeting(db, meeting_id(db, "m-3"), "Te weinig aanmeldingen")
    moved, cancelled = events(export_series(db, n, tmp_path / "s.ics", date(2027, 3, 1), STAMP))
    assert moved.decoded("dtstart") == datetime(2027, 4, 13, 19, 30, tzinfo=AMSTERDAM)
    assert int(moved["sequence"]) == 1
    assert "Verplaatst: Buurthuis bezet" in str(moved["description"])
    assert str(cancelled["status"]) == "CANCELLED"
    assert "Afgelast: Te weinig aanmeldingen" in str(cancelled["description"])
    assert int(cancelled["sequence"]) == 1


def test_winter_time_and_the_year_end(db: Database, n: int, tmp_path: Path) -> None:
    result = plan_series(db, n, SeriesPlan(date(2027, 12, 21), 1, time(19, 30), None, None, 2, 6))
    path = export_meeting(db, result.created[1], tmp_path / "jan.ics", STAMP)
    (event,) = events(path)
    assert event.decoded("dtstart") == datetime(2028, 2, 1, 19, 30, tzinfo=AMSTERDAM)
    assert event.decoded("dtstart").utcoffset().total_seconds() == 3600
    assert "location" not in event


def test_an_unwritable_place_says_so(db: Database, n: int, tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("")
    with pytest.raises(StoreError) as refused:
        export_meeting(db, meeting_id(db, "m-2"), blocker / "x.ics", STAMP)
    assert "kon niet worden geschreven" in refused.value.text()
