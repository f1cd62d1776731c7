"""The people and parties of a neighbourhood, for the window's pages.

One read transaction, no query per row; vocabulary values come back as the domain's enums.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from buurtteam.domain.text import fold
from buurtteam.domain.vocab import PartyKind, Role
from buurtteam.store.db import Database
from buurtteam.store.models import Party, Person


@dataclass(frozen=True)
class PartyRow:
    id: int
    name: str
    kind: PartyKind


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    roles: tuple[Role, ...]
    party: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class PeopleAndParties:
    people: tuple[PersonRow, ...]
    parties: tuple[PartyRow, ...]


def people_and_parties(db: Database, neighbourhood_id: int) -> PeopleAndParties:
    """The neighbourhood's people and parties, each sorted by name."""
    with db.read() as session:
        party_rows = session.execute(
            select(Party.id, Party.name, Party.kind).where(
                Party.neighbourhood_id == neighbourhood_id
            )
        ).all()
        person_rows = session.execute(
            select(Person.id, Person.name, Person.roles, Person.email, Person.phone)
            .add_columns(Party.name.label("party"))
            .outerjoin(Party, Person.party_id == Party.id)
            .where(Person.neighbourhood_id == neighbourhood_id)
        ).all()
    parties = [PartyRow(row.id, row.name, PartyKind(row.kind)) for row in party_rows]
    people = [
        PersonRow(
            id=row.id,
            name=row.name,
            roles=tuple(Role(role) for role in row.roles.split()),
            party=row.party,
            email=row.email,
            phone=row.phone,
        )
        for row in person_rows
    ]
    return PeopleAndParties(
        people=tuple(sorted(people, key=lambda p: (fold(p.name), p.id))),
        parties=tuple(sorted(parties, key=lambda p: (fold(p.name), p.id))),
    )
