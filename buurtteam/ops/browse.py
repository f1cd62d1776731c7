"""Plain lists of a neighbourhood's records, for the read-only pages of the window.

One read transaction per function, no query per row: counts and sums come from grouped
subqueries joined in. Vocabulary values are returned as the domain's enums.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from buurtteam.domain.money import ZERO
from buurtteam.domain.text import fold
from buurtteam.domain.vocab import (
    IssueStatus,
    MeetingStatus,
    PartyKind,
    PointStatus,
    ProposalStatus,
    RequestState,
    Role,
)
from buurtteam.store.db import Database
from buurtteam.store.models import (
    AgendaItem,
    AgendaRequest,
    Contract,
    ContractPoint,
    Issue,
    IssueStep,
    Meeting,
    Party,
    Payment,
    Person,
    Proposal,
)


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


@dataclass(frozen=True)
class MeetingRow:
    id: int
    public_id: str
    starts_at: datetime
    location: str | None
    status: MeetingStatus
    chair: str | None
    agenda_items: int
    pending_requests: int


@dataclass(frozen=True)
class PointRow:
    id: int
    contract: str  # the contract's title
    contract_starts_on: date
    contract_ends_on: date
    number: int
    title: str
    theme: str | None
    party: str
    due: date | None
    status: PointStatus


@dataclass(frozen=True)
class ProposalRow:
    id: int
    year: int
    title: str
    submitted_by: str | None
    received_on: date
    amount_requested: Decimal
    status: ProposalStatus
    amount_granted: Decimal | None
    paid: Decimal


@dataclass(frozen=True)
class IssueRow:
    id: int
    title: str
    raised_on: date
    raised_by: str | None
    party: str | None
    status: IssueStatus
    steps: int
    last_step_on: date | None


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


def meetings_list(db: Database, neighbourhood_id: int) -> list[MeetingRow]:
    """The neighbourhood's meetings, the latest first."""
    items = (
        select(AgendaItem.meeting_id, func.count(AgendaItem.id).label("n"))
        .group_by(AgendaItem.meeting_id)
        .subquery()
    )
    pending = (
        select(AgendaRequest.meeting_id, func.count(AgendaRequest.id).label("n"))
        .where(AgendaRequest.state == RequestState.PENDING.value)
        .group_by(AgendaRequest.meeting_id)
        .subquery()
    )
    with db.read() as session:
        rows = session.execute(
            select(
                Meeting.id,
                Meeting.public_id,
                Meeting.starts_at,
                Meeting.location,
                Meeting.status,
                Person.name.label("chair"),
                func.coalesce(items.c.n, 0).label("agenda_items"),
                func.coalesce(pending.c.n, 0).label("pending_requests"),
            )
            .outerjoin(Person, Meeting.chair_id == Person.id)
            .outerjoin(items, items.c.meeting_id == Meeting.id)
            .outerjoin(pending, pending.c.meeting_id == Meeting.id)
            .where(Meeting.neighbourhood_id == neighbourhood_id)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        ).all()
    return [
        MeetingRow(
            id=row.id,
            public_id=row.public_id,
            starts_at=row.starts_at,
            location=row.location,
            status=MeetingStatus(row.status),
            chair=row.chair,
            agenda_items=row.agenda_items,
            pending_requests=row.pending_requests,
        )
        for row in rows
    ]


def contract_points(db: Database, neighbourhood_id: int) -> list[PointRow]:
    """Every point of every contract, the newest contract first, points by number."""
    with db.read() as session:
        rows = session.execute(
            select(
                ContractPoint.id,
                Contract.title.label("contract"),
                Contract.starts_on.label("contract_starts_on"),
                Contract.ends_on.label("contract_ends_on"),
                ContractPoint.number,
                ContractPoint.title,
                ContractPoint.theme,
                Party.name.label("party"),
                ContractPoint.due,
                ContractPoint.status,
            )
            .join(Contract, ContractPoint.contract_id == Contract.id)
            .join(Party, ContractPoint.party_id == Party.id)
            .where(Contract.neighbourhood_id == neighbourhood_id)
            .order_by(Contract.starts_on.desc(), Contract.id.desc(), ContractPoint.number)
        ).all()
    return [
        PointRow(
            id=row.id,
            contract=row.contract,
            contract_starts_on=row.contract_starts_on,
            contract_ends_on=row.contract_ends_on,
            number=row.number,
            title=row.title,
            theme=row.theme,
            party=row.party,
            due=row.due,
            status=PointStatus(row.status),
        )
        for row in rows
    ]


def proposals_list(db: Database, neighbourhood_id: int) -> list[ProposalRow]:
    """The neighbourhood's budget proposals, the latest year and receipt first."""
    paid = (
        select(Payment.proposal_id, func.sum(Payment.amount).label("total"))
        .group_by(Payment.proposal_id)
        .subquery()
    )
    with db.read() as session:
        rows = session.execute(
            select(
                Proposal.id,
                Proposal.year,
                Proposal.title,
                Person.name.label("submitted_by"),
                Proposal.received_on,
                Proposal.amount_requested,
                Proposal.status,
                Proposal.amount_granted,
                paid.c.total,
            )
            .outerjoin(Person, Proposal.submitted_by_id == Person.id)
            .outerjoin(paid, paid.c.proposal_id == Proposal.id)
            .where(Proposal.neighbourhood_id == neighbourhood_id)
            .order_by(Proposal.year.desc(), Proposal.received_on.desc(), Proposal.id.desc())
        ).all()
    return [
        ProposalRow(
            id=row.id,
            year=row.year,
            title=row.title,
            submitted_by=row.submitted_by,
            received_on=row.received_on,
            amount_requested=row.amount_requested,
            status=ProposalStatus(row.status),
            amount_granted=row.amount_granted,
            paid=row.total if row.total is not None else ZERO,
        )
        for row in rows
    ]


def issues_list(db: Database, neighbourhood_id: int) -> list[IssueRow]:
    """The neighbourhood's issues, the most recently raised first."""
    steps = (
        select(
            IssueStep.issue_id,
            func.count(IssueStep.id).label("n"),
            func.max(IssueStep.date).label("last"),
        )
        .group_by(IssueStep.issue_id)
        .subquery()
    )
    raiser = aliased(Person)
    with db.read() as session:
        rows = session.execute(
            select(
                Issue.id,
                Issue.title,
                Issue.raised_on,
                raiser.name.label("raised_by"),
                Party.name.label("party"),
                Issue.status,
                func.coalesce(steps.c.n, 0).label("steps"),
                steps.c.last,
            )
            .outerjoin(raiser, Issue.raised_by_id == raiser.id)
            .outerjoin(Party, Issue.party_id == Party.id)
            .outerjoin(steps, steps.c.issue_id == Issue.id)
            .where(Issue.neighbourhood_id == neighbourhood_id)
            .order_by(Issue.raised_on.desc(), Issue.id.desc())
        ).all()
    return [
        IssueRow(
            id=row.id,
            title=row.title,
            raised_on=row.raised_on,
            raised_by=row.raised_by,
            party=row.party,
            status=IssueStatus(row.status),
            steps=row.steps,
            last_step_on=row.last,
        )
        for row in rows
    ]
