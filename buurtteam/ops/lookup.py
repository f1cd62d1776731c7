"""Finding records the way people name them: a neighbourhood by name, a meeting by id or date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from buurtteam.errors import N_, InvalidInput, NotFound
from buurtteam.store import models as m
from buurtteam.store.db import Database


def neighbourhood_by_name(session: Session, name: str) -> m.Neighbourhood:
    """Exact name first, then the same name ignoring case."""
    found = session.execute(select(m.Neighbourhood).where(m.Neighbourhood.name == name)).scalar()
    if found is None:
        found = session.execute(
            select(m.Neighbourhood).where(func.lower(m.Neighbourhood.name) == name.lower())
        ).scalar()
    if found is None:
        names = ", ".join(session.execute(select(m.Neighbourhood.name)).scalars()) or "-"
        raise NotFound(
            N_("There is no neighbourhood called {name!r}. Known: {names}."), name=name, names=names
        )
    return found


def meeting_by_reference(session: Session, reference: str) -> m.Meeting:
    """A meeting by its public id, or by its date (`2027-01-12`) when that is unambiguous."""
    by_id = (
        session.execute(select(m.Meeting).where(m.Meeting.public_id == reference)).scalars().all()
    )
    if len(by_id) == 1:
        return by_id[0]
    candidates = list(by_id)
    if not candidates:
        try:
            day = dt.date.fromisoformat(reference)
        except ValueError:
            raise NotFound(
                N_(
                    "There is no meeting with id {reference!r}. Give its id as the "
                    "export shows it, or its date as YYYY-MM-DD."
                ),
                reference=reference,
            ) from None
        start = dt.datetime.combine(day, dt.time.min)
        candidates = list(
            session.execute(
                select(m.Meeting)
                .where(
                    m.Meeting.starts_at >= start, m.Meeting.starts_at < start + dt.timedelta(days=1)
                )
                .order_by(m.Meeting.starts_at)
            ).scalars()
        )
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise NotFound(N_("There is no meeting on {day}."), day=day)
    hoods = {
        row.id: row.name
        for row in session.execute(select(m.Neighbourhood.id, m.Neighbourhood.name))
    }
    listing = "; ".join(
        f"{c.public_id} ({hoods.get(c.neighbourhood_id, '?')}, {c.starts_at:%Y-%m-%d %H:%M})"
        for c in candidates
    )
    raise InvalidInput(
        N_(
            "{reference!r} fits more than one meeting: {candidates}. Give the id of "
            "the one you mean."
        ),
        reference=reference,
        candidates=listing,
    )


def person_by_reference(session: Session, reference: str) -> m.Person:
    people = (
        session.execute(select(m.Person).where(m.Person.public_id == reference)).scalars().all()
    )
    if len(people) == 1:
        return people[0]
    if not people:
        raise NotFound(N_("There is no person with id {reference!r}."), reference=reference)
    hoods = {
        row.id: row.name
        for row in session.execute(select(m.Neighbourhood.id, m.Neighbourhood.name))
    }
    listing = ", ".join(hoods.get(p.neighbourhood_id, "?") for p in people)
    raise InvalidInput(
        N_(
            "The id {reference!r} is used for a person in several neighbourhoods "
            "({hoods}); this command cannot tell which one you mean."
        ),
        reference=reference,
        hoods=listing,
    )


def find_meeting(db: Database, reference: str) -> int:
    """A meeting's id from its public id, or from its date when that is unambiguous.

    Raises:
        NotFound: when no meeting fits.
        InvalidInput: when several fit; the message lists them.
    """
    with db.read() as session:
        return meeting_by_reference(session, reference).id
