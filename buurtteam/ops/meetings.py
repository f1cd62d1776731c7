"""The team's meetings: the list, planning a series, breaks, moving and cancelling one.

One transaction per function; refusals change nothing. The rhythm itself (every six
weeks, around breaks) is in `buurtteam.domain.schedule`.

Cancellation and moves are kept in the file (`cancel_reason`, `move_reason`,
`original_starts_at`) but exchange format v1 has no field for them: an exported
cancelled meeting reads as planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from buurtteam.domain.schedule import (
    Break,
    SeriesPlan,
    check_break,
    check_changeable,
    reason_given,
    series_times,
)
from buurtteam.domain.text import clean_text
from buurtteam.domain.vocab import DEFAULT_MEETING_INTERVAL_WEEKS, MeetingStatus, RequestState
from buurtteam.errors import N_, InvalidInput, NotFound, RuleBroken
from buurtteam.i18n import _
from buurtteam.i18n.format import datum
from buurtteam.ops.agenda import defer_all
from buurtteam.ops.editing import Field, Started, check_edit
from buurtteam.store import models as m
from buurtteam.store.db import Database


@dataclass(frozen=True)
class MeetingRow:
    id: int
    public_id: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    status: MeetingStatus
    chair: str | None
    agenda_items: int
    pending_requests: int
    cancel_reason: str | None
    move_reason: str | None
    original_starts_at: datetime | None
    version: int = 1  # for saving an edit safely (ops.editing)

    def started(self) -> Started:
        """What the move form starts from: the start it showed."""
        return Started(self.version, {"starts_at": self.starts_at})

    @property
    def cancelled(self) -> bool:
        return self.cancel_reason is not None

    @property
    def moved(self) -> bool:
        return self.original_starts_at is not None


@dataclass(frozen=True)
class BreakRow:
    id: int
    starts_on: date
    ends_on: date
    label: str


@dataclass(frozen=True)
class SeriesResult:
    created: tuple[int, ...]  # meeting ids, in date order
    starts: tuple[datetime, ...]
    skipped: tuple[date, ...]  # days that already had a meeting


@dataclass(frozen=True)
class CancelResult:
    moved_requests: int
    next_meeting: datetime | None


def list_meetings(db: Database, neighbourhood_id: int) -> list[MeetingRow]:
    """The neighbourhood's meetings, the latest first, cancelled ones included."""
    items = (
        select(m.AgendaItem.meeting_id, func.count(m.AgendaItem.id).label("n"))
        .group_by(m.AgendaItem.meeting_id)
        .subquery()
    )
    pending = (
        select(m.AgendaRequest.meeting_id, func.count(m.AgendaRequest.id).label("n"))
        .where(m.AgendaRequest.state == RequestState.PENDING.value)
        .group_by(m.AgendaRequest.meeting_id)
        .subquery()
    )
    with db.read() as session:
        rows = session.execute(
            select(
                m.Meeting,
                m.Person.name.label("chair"),
                func.coalesce(items.c.n, 0).label("items"),
                func.coalesce(pending.c.n, 0).label("pending"),
            )
            .outerjoin(m.Person, m.Meeting.chair_id == m.Person.id)
            .outerjoin(items, items.c.meeting_id == m.Meeting.id)
            .outerjoin(pending, pending.c.meeting_id == m.Meeting.id)
            .where(m.Meeting.neighbourhood_id == neighbourhood_id)
            .order_by(m.Meeting.starts_at.desc(), m.Meeting.id.desc())
        ).all()
        return [_meeting_row(row.Meeting, row.chair, row.items, row.pending) for row in rows]


def _meeting_row(meeting: m.Meeting, chair: str | None, items: int, pending: int) -> MeetingRow:
    return MeetingRow(
        id=meeting.id,
        public_id=meeting.public_id,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        status=MeetingStatus(meeting.status),
        chair=chair,
        agenda_items=items,
        pending_requests=pending,
        cancel_reason=meeting.cancel_reason,
        move_reason=meeting.move_reason,
        original_starts_at=meeting.original_starts_at,
        version=meeting.version,
    )


def meeting_interval(db: Database, neighbourhood_id: int) -> int:
    """The team's meeting interval in weeks (six unless the team set another)."""
    with db.read() as session:
        hood = session.get(m.Neighbourhood, neighbourhood_id)
        if hood is None:
            raise NotFound(N_("This neighbourhood no longer exists in the database."))
        return hood.meeting_interval_weeks or DEFAULT_MEETING_INTERVAL_WEEKS


# -- breaks -----------------------------------------------------------------------------


def list_breaks(db: Database, neighbourhood_id: int) -> list[BreakRow]:
    with db.read() as session:
        rows = session.execute(
            select(m.MeetingBreak)
            .where(m.MeetingBreak.neighbourhood_id == neighbourhood_id)
            .order_by(m.MeetingBreak.starts_on, m.MeetingBreak.id)
        ).scalars()
        return [BreakRow(r.id, r.starts_on, r.ends_on, r.label) for r in rows]


def add_break(
    db: Database, neighbourhood_id: int, starts_on: date, ends_on: date, label: str
) -> int:
    """Mark a period without meetings (both days included). Returns its id.

    Raises:
        InvalidInput: without a name, or when it ends before it starts.
    """
    period = check_break(starts_on, ends_on, label)
    with db.write() as session:
        if session.get(m.Neighbourhood, neighbourhood_id) is None:
            raise NotFound(N_("This neighbourhood no longer exists in the database."))
        row = m.MeetingBreak(
            neighbourhood_id=neighbourhood_id,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            label=period.label,
        )
        session.add(row)
        session.flush()
        return row.id


def remove_break(db: Database, break_id: int) -> None:
    with db.write() as session:
        row = session.get(m.MeetingBreak, break_id)
        if row is None:
            raise NotFound(N_("This break no longer exists; it may have been removed."))
        session.delete(row)


def _breaks(session: Session, neighbourhood_id: int) -> list[Break]:
    rows = session.execute(
        select(m.MeetingBreak).where(m.MeetingBreak.neighbourhood_id == neighbourhood_id)
    ).scalars()
    return [Break(r.starts_on, r.ends_on, r.label) for r in rows]


# -- planning ---------------------------------------------------------------------------


def preview_series(
    db: Database, neighbourhood_id: int, plan: SeriesPlan
) -> list[tuple[datetime, datetime | None]]:
    """The meetings `plan_series` would make, around the neighbourhood's breaks."""
    with db.read() as session:
        return series_times(plan, _breaks(session, neighbourhood_id))


def plan_series(db: Database, neighbourhood_id: int, plan: SeriesPlan) -> SeriesResult:
    """Plan meetings every few weeks, skipping the marked breaks.

    A day that already has a meeting of this neighbourhood is left alone and reported.

    Raises:
        InvalidInput: on an impossible plan (count, interval, times).
    """
    location = clean_text(plan.location).strip() if plan.location else ""
    with db.write() as session:
        if session.get(m.Neighbourhood, neighbourhood_id) is None:
            raise NotFound(N_("This neighbourhood no longer exists in the database."))
        times = series_times(plan, _breaks(session, neighbourhood_id))
        created: list[m.Meeting] = []
        skipped: list[date] = []
        for starts_at, ends_at in times:
            if _meeting_on(session, neighbourhood_id, starts_at.date()):
                skipped.append(starts_at.date())
                continue
            meeting = m.Meeting(
                neighbourhood_id=neighbourhood_id,
                public_id=_meeting_id(session, neighbourhood_id, starts_at.date()),
                starts_at=starts_at,
                ends_at=ends_at,
                location=location or None,
                status=MeetingStatus.PLANNED.value,
            )
            session.add(meeting)
            session.flush()
            created.append(meeting)
        return SeriesResult(
            tuple(x.id for x in created), tuple(x.starts_at for x in created), tuple(skipped)
        )


def _meeting_on(session: Session, neighbourhood_id: int, day: date) -> bool:
    start = datetime.combine(day, time.min)
    return bool(
        session.scalar(
            select(func.count(m.Meeting.id)).where(
                m.Meeting.neighbourhood_id == neighbourhood_id,
                m.Meeting.starts_at >= start,
                m.Meeting.starts_at < start + timedelta(days=1),
            )
        )
    )


def _meeting_id(session: Session, neighbourhood_id: int, day: date) -> str:
    """A readable public id, `m-2027-04-20`, made unique with a suffix when needed."""
    base = f"m-{day.isoformat()}"
    taken = set(
        session.execute(
            select(m.Meeting.public_id).where(
                m.Meeting.neighbourhood_id == neighbourhood_id,
                m.Meeting.public_id.startswith(base),
            )
        ).scalars()
    )
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


# -- one meeting ------------------------------------------------------------------------


def _changeable(session: Session, meeting_id: int) -> m.Meeting:
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFound(N_("This meeting no longer exists in the database."))
    check_changeable(MeetingStatus(meeting.status), meeting.cancel_reason is not None)
    return meeting


MOVE_FIELDS = (Field("starts_at", N_("Date and time")),)


def meeting_label(meeting: m.Meeting) -> str:
    return _("the meeting of {day}").format(day=datum(meeting.starts_at.date()))


def move_meeting(
    db: Database,
    meeting_id: int,
    new_start: datetime,
    reason: str,
    started: Started | None = None,
) -> None:
    """Move one planned meeting; its end moves along and the first date is remembered.

    Raises:
        InvalidInput: without a reason, or when the new time is the same as the old one.
        RuleBroken: when the meeting was held or is cancelled.
        EditConflict: someone else moved it since `started`.
    """
    cleaned = reason_given(reason)
    with db.write() as session:
        meeting = _changeable(session, meeting_id)
        check_edit(
            session,
            meeting,
            started,
            MOVE_FIELDS,
            {"starts_at": new_start},
            lambda: {"starts_at": meeting.starts_at},
            kind="meeting",
            record=lambda: meeting_label(meeting),
        )
        if new_start == meeting.starts_at:
            raise InvalidInput(
                N_("The meeting already starts at that moment. Choose another date or time.")
            )
        shift = new_start - meeting.starts_at
        if meeting.original_starts_at is None:
            meeting.original_starts_at = meeting.starts_at
        elif meeting.original_starts_at == new_start:
            meeting.original_starts_at = None  # moved back to where it was
        meeting.starts_at = new_start
        if meeting.ends_at is not None:
            meeting.ends_at = meeting.ends_at + shift
        meeting.move_reason = cleaned if meeting.original_starts_at is not None else None


def cancel_meeting(db: Database, meeting_id: int, reason: str) -> CancelResult:
    """Cancel one planned meeting with a reason; its requests move on to the next meeting.

    Raises:
        InvalidInput: without a reason.
        RuleBroken: when the meeting was held or is cancelled already.
    """
    cleaned = reason_given(reason)
    with db.write() as session:
        meeting = _changeable(session, meeting_id)
        meeting.cancel_reason = cleaned
        session.flush()
        moved, where = defer_all(session, meeting)
        return CancelResult(moved, where)


def restore_meeting(db: Database, meeting_id: int) -> None:
    """A cancelled meeting goes ahead after all. Requests that moved on stay where they are.

    Raises:
        RuleBroken: when the meeting is not cancelled.
    """
    with db.write() as session:
        meeting = session.get(m.Meeting, meeting_id)
        if meeting is None:
            raise NotFound(N_("This meeting no longer exists in the database."))
        if meeting.cancel_reason is None:
            raise RuleBroken(N_("This meeting is not cancelled; there is nothing to restore."))
        meeting.cancel_reason = None
