"""Meetings as an iCalendar (.ics) file, so members can put them in their own agenda.

Times are written in Europe/Amsterdam with the time zone included, so a phone abroad
still shows 19:30 Dutch time. Each meeting's UID is made from its public id and the
neighbourhood, so importing a newer file updates the meeting instead of adding it twice;
a moved meeting gets a higher SEQUENCE and a cancelled one STATUS:CANCELLED, which is
how calendar programs learn of the change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from buurtteam.domain.schedule import meeting_length
from buurtteam.domain.text import fold
from buurtteam.domain.vocab import MeetingStatus
from buurtteam.errors import N_, NotFound, StoreError
from buurtteam.i18n import _
from buurtteam.store import models as m
from buurtteam.store.db import Database

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//buurtteam//Vergaderingen projectteam//NL"


@dataclass(frozen=True)
class CalendarMeeting:
    public_id: str
    neighbourhood: str
    starts_at: datetime  # local, naive, as stored
    ends_at: datetime | None
    location: str | None
    cancel_reason: str | None
    move_reason: str | None
    moved: bool


def uid(meeting: CalendarMeeting) -> str:
    """Stable for the life of the meeting: public id plus the neighbourhood, made safe."""
    hood = re.sub(r"[^a-z0-9]+", "-", fold(meeting.neighbourhood)).strip("-") or "buurt"
    return f"{meeting.public_id}.{hood}@buurtteam"


def calendar_bytes(meetings: Sequence[CalendarMeeting], stamp: datetime) -> bytes:
    """The .ics text of `meetings`; `stamp` (when the file is made) goes in DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for meeting in meetings:
        calendar.add_component(_event(meeting, stamp))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(meeting: CalendarMeeting, stamp: datetime) -> Event:
    event = Event()
    starts = meeting.starts_at.replace(tzinfo=AMSTERDAM)
    event.add("uid", uid(meeting))
    event.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", starts)
    event.add("dtend", starts + meeting_length(meeting.starts_at, meeting.ends_at))
    event.add(
        "summary",
        _("Project team meeting {neighbourhood}").format(neighbourhood=meeting.neighbourhood),
    )
    if meeting.location:
        event.add("location", meeting.location)
    notes = []
    if meeting.cancel_reason:
        notes.append(_("Cancelled: {reason}").format(reason=meeting.cancel_reason))
    if meeting.moved and meeting.move_reason:
        notes.append(_("Moved: {reason}").format(reason=meeting.move_reason))
    if notes:
        event.add("description", "\n".join(notes))
    # Calendar programs only take a changed event when its sequence went up.
    event.add("sequence", int(meeting.moved) + int(meeting.cancel_reason is not None))
    event.add("status", "CANCELLED" if meeting.cancel_reason else "CONFIRMED")
    return event


def _rows(session: Session, condition: ColumnElement[bool]) -> list[CalendarMeeting]:
    rows = session.execute(
        select(m.Meeting, m.Neighbourhood.name)
        .join(m.Neighbourhood, m.Meeting.neighbourhood_id == m.Neighbourhood.id)
        .where(condition)
        .order_by(m.Meeting.starts_at, m.Meeting.id)
    ).all()
    return [
        CalendarMeeting(
            public_id=row.Meeting.public_id,
            neighbourhood=row.name,
            starts_at=row.Meeting.starts_at,
            ends_at=row.Meeting.ends_at,
            location=row.Meeting.location,
            cancel_reason=row.Meeting.cancel_reason,
            move_reason=row.Meeting.move_reason,
            moved=row.Meeting.original_starts_at is not None,
        )
        for row in rows
    ]


def meeting_for_calendar(db: Database, meeting_id: int) -> list[CalendarMeeting]:
    with db.read() as session:
        found = _rows(session, m.Meeting.id == meeting_id)
    if not found:
        raise NotFound(N_("This meeting no longer exists in the database."))
    return found


def series_for_calendar(db: Database, neighbourhood_id: int, since: date) -> list[CalendarMeeting]:
    """The planned meetings from `since` on, cancelled ones included (so calendars drop them)."""
    with db.read() as session:
        return _rows(
            session,
            (m.Meeting.neighbourhood_id == neighbourhood_id)
            & (m.Meeting.status == MeetingStatus.PLANNED.value)
            & (m.Meeting.starts_at >= datetime.combine(since, time.min)),
        )


def export_meeting(db: Database, meeting_id: int, target: Path, stamp: datetime) -> Path:
    """Write one meeting to an .ics file."""
    return write_calendar(target, calendar_bytes(meeting_for_calendar(db, meeting_id), stamp))


def export_series(
    db: Database, neighbourhood_id: int, target: Path, since: date, stamp: datetime
) -> Path:
    """Write every planned meeting from `since` on to an .ics file."""
    meetings = series_for_calendar(db, neighbourhood_id, since)
    return write_calendar(target, calendar_bytes(meetings, stamp))


def write_calendar(target: Path, data: bytes) -> Path:
    """Write atomically: a crash never leaves half a calendar file behind."""
    target = Path(target).expanduser()
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as error:
        with suppress(OSError):  # the folder itself may be what is wrong
            partial.unlink(missing_ok=True)
        raise StoreError(
            N_("The calendar file {file} could not be written: {reason}. Choose another folder."),
            file=str(target),
            reason=error.strerror or str(error),
        ) from None
    return target
