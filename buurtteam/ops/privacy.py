"""A resident's requests under the AVG (GDPR): see everything stored about them, or erase it.

Erasure replaces the person's name everywhere by their role ("bewoner"), also inside
text others typed (notes, decisions, letters) and in approved minutes, drops their
contact details and their readable id, and records the anonymisation (what replaced the
name, and when) instead of editing silently. Afterwards the file is compacted so the
old text is not left behind in free pages or the search index.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from buurtteam.domain.vocab import AttendanceStatus, Role
from buurtteam.errors import N_, NotFound
from buurtteam.i18n.labels import role_label
from buurtteam.ops.lookup import person_by_reference
from buurtteam.ops.minutes import renew_fingerprints_of
from buurtteam.store import models as m
from buurtteam.store.db import Database
from buurtteam.store.override import overridden

Scope = Callable[[int], Select[Any]]


def _by_hood(model: Any) -> Scope:
    return lambda hood: select(model).where(model.neighbourhood_id == hood)


def _by_meeting(model: Any) -> Scope:
    return lambda hood: (
        select(model)
        .join(m.Meeting, m.Meeting.id == model.meeting_id)
        .where(m.Meeting.neighbourhood_id == hood)
    )


def _by_item(model: Any) -> Scope:
    return lambda hood: (
        select(model)
        .join(m.AgendaItem, m.AgendaItem.id == model.agenda_item_id)
        .join(m.Meeting, m.Meeting.id == m.AgendaItem.meeting_id)
        .where(m.Meeting.neighbourhood_id == hood)
    )


def _points(hood: int) -> Select[Any]:
    return (
        select(m.ContractPoint)
        .join(m.Contract, m.Contract.id == m.ContractPoint.contract_id)
        .where(m.Contract.neighbourhood_id == hood)
    )


def _history(hood: int) -> Select[Any]:
    return (
        select(m.PointHistory)
        .join(m.ContractPoint)
        .join(m.Contract, m.Contract.id == m.ContractPoint.contract_id)
        .where(m.Contract.neighbourhood_id == hood)
    )


def _steps(hood: int) -> Select[Any]:
    return select(m.IssueStep).join(m.Issue).where(m.Issue.neighbourhood_id == hood)


def _signatures(hood: int) -> Select[Any]:
    return select(m.Signature).join(m.Contract).where(m.Contract.neighbourhood_id == hood)


# Every free-text column a name can be typed into, with how to find a neighbourhood's rows.
TEXT_COLUMNS: tuple[tuple[Scope, tuple[str, ...]], ...] = (
    (_by_meeting(m.AgendaItem), ("title", "description", "notes")),
    (_by_item(m.Decision), ("text",)),
    (_by_item(m.Action), ("text",)),
    (_by_item(m.Idea), ("text",)),
    (_by_meeting(m.AgendaRequest), ("title", "description", "decline_reason")),
    (_by_meeting(m.Erratum), ("text",)),
    (_by_meeting(m.Guest), ("name", "organisation")),
    (_by_hood(m.Meeting), ("location", "cancel_reason", "move_reason")),
    (_points, ("title", "description")),
    (_history, ("note",)),
    (_signatures, ("signed_by",)),
    (_by_hood(m.Proposal), ("title", "description", "decision_reason")),
    (_by_hood(m.Issue), ("title", "description")),
    (_steps, ("text", "to")),
)


@dataclass(frozen=True)
class ErasureReport:
    person_id: str  # the new, anonymous public id
    replaced_by: str
    texts_changed: int


def _name_pattern(name: str) -> re.Pattern[str]:
    # Whole words only, any case, any run of spaces between the parts of the name.
    parts = [re.escape(part) for part in name.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _person(session: Session, reference: str | int) -> m.Person:
    """By public id (the command line) or by row id (the window)."""
    if isinstance(reference, int):
        person = session.get(m.Person, reference)
        if person is None:
            raise NotFound(N_("This person is no longer in the database."))
        return person
    return person_by_reference(session, reference)


def erase_person(db: Database, reference: str | int, today: dt.date) -> ErasureReport:
    """Erase a person on request; one transaction, then the file is compacted."""
    with db.write() as session:
        person = _person(session, reference)
        roles = [Role(r) for r in person.roles.split()] or [Role.RESIDENT]
        label = role_label(Role.RESIDENT if Role.RESIDENT in roles else roles[0])
        pattern = _name_pattern(person.name)
        new_id = f"anoniem-{uuid.uuid4().hex[:8]}"
        hood = person.neighbourhood_id
        with overridden(session, "anonymisation"):
            changed = _scrub_texts(session, hood, pattern, label)
            person.name = label
            person.email = None
            person.phone = None
            person.public_id = new_id
            session.add(
                m.Anonymisation(
                    neighbourhood_id=hood, person_public_id=new_id, role_label=label, done_on=today
                )
            )
            session.flush()
            # The approved minutes now read differently, on record: their fingerprints follow.
            renew_fingerprints_of(session, hood)
    compact(db)
    return ErasureReport(new_id, label, changed)


def _scrub_texts(session: Session, hood: int, pattern: re.Pattern[str], label: str) -> int:
    changed = 0
    for scope, columns in TEXT_COLUMNS:
        for row in session.execute(scope(hood)).scalars():
            values = {}
            for column in columns:
                value = getattr(row, column)
                if value and pattern.search(value):
                    values[column] = pattern.sub(label, value)
            if values:
                model = type(row)
                if isinstance(row, m.Versioned):
                    # A form still showing the name must not save it back unasked.
                    values["version"] = model.version + 1
                session.execute(update(model).where(model.id == row.id).values(**values))
                changed += 1
    return changed


def compact(db: Database) -> None:
    """Rebuild the search index and the file so erased text leaves no trace in free pages."""
    if not db.is_sqlite:
        return
    raw = db.engine.raw_connection()
    try:
        # The driver runs in autocommit here (see store.db), as VACUUM requires.
        connection = raw.driver_connection
        assert connection is not None
        connection.execute("INSERT INTO search_index(search_index) VALUES ('rebuild')")
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


# -- export --------------------------------------------------------------------------------


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def person_data(db: Database, reference: str | int) -> dict[str, Any]:
    """Everything stored about one person, as plain data (for JSON and the printed copy)."""
    with db.read() as session:
        person = _person(session, reference)
        hood = session.get(m.Neighbourhood, person.neighbourhood_id)
        assert hood is not None
        party = session.get(m.Party, person.party_id) if person.party_id else None
        pattern = _name_pattern(person.name)
        meetings = {row.id: row for row in session.execute(_by_hood(m.Meeting)(hood.id)).scalars()}

        def meeting_ref(meeting_id: int | None) -> dict[str, Any] | None:
            row = meetings.get(meeting_id) if meeting_id else None
            return None if row is None else {"id": row.public_id, "starts_at": _iso(row.starts_at)}

        attendance = session.execute(
            select(m.Attendance)
            .where(m.Attendance.person_id == person.id)
            .order_by(m.Attendance.id)
        ).scalars()
        actions = session.execute(
            select(m.Action).where(m.Action.owner_id == person.id).order_by(m.Action.id)
        ).scalars()
        proposals = session.execute(
            select(m.Proposal)
            .where(m.Proposal.submitted_by_id == person.id)
            .order_by(m.Proposal.id)
        ).scalars()
        requests = session.execute(
            select(m.AgendaRequest)
            .where(m.AgendaRequest.submitted_by_id == person.id)
            .order_by(m.AgendaRequest.id)
        ).scalars()
        issues = session.execute(
            select(m.Issue).where(m.Issue.raised_by_id == person.id).order_by(m.Issue.id)
        ).scalars()
        roles_in_meetings = [
            {"meeting": meeting_ref(row.id), "role": role}
            for row in meetings.values()
            for role, holder in (("chair", row.chair_id), ("secretary", row.secretary_id))
            if holder == person.id
        ]
        mentions = []
        for scope, columns in TEXT_COLUMNS:
            for row in session.execute(scope(hood.id)).scalars():
                for column in columns:
                    value = getattr(row, column)
                    if value and pattern.search(value):
                        mentions.append({"in": f"{row.__tablename__}.{column}", "text": value})
        return {
            "format": "buurtteam-person",
            "version": 1,
            "neighbourhood": hood.name,
            "person": {
                "id": person.public_id,
                "name": person.name,
                "roles": person.roles.split(),
                "email": person.email,
                "phone": person.phone,
                "party": party.name if party else None,
            },
            "attendance": [
                {
                    "meeting": meeting_ref(a.meeting_id),
                    "status": AttendanceStatus(a.status).value,
                    "arrived_at": a.arrived_at.strftime("%H:%M") if a.arrived_at else None,
                    "left_at": a.left_at.strftime("%H:%M") if a.left_at else None,
                }
                for a in attendance
            ],
            "meeting_roles": roles_in_meetings,
            "agenda_requests": [
                {
                    "id": r.public_id,
                    "title": r.title,
                    "submitted_on": _iso(r.submitted_on),
                    "state": r.state,
                }
                for r in requests
            ],
            "actions": [
                {"id": a.public_id, "text": a.text, "due": _iso(a.due), "done_on": _iso(a.done_on)}
                for a in actions
            ],
            "proposals": [
                {
                    "id": p.public_id,
                    "title": p.title,
                    "received_on": _iso(p.received_on),
                    "amount_requested": f"{p.amount_requested:.2f}",
                    "status": p.status,
                }
                for p in proposals
            ],
            "issues": [
                {
                    "id": i.public_id,
                    "title": i.title,
                    "raised_on": _iso(i.raised_on),
                    "status": i.status,
                }
                for i in issues
            ],
            "mentions": mentions,
        }


def erased_people(session: Session, hood: int) -> list[m.Anonymisation]:
    return list(
        session.execute(
            select(m.Anonymisation).where(m.Anonymisation.neighbourhood_id == hood)
        ).scalars()
    )
