"""Reading the database out as an exchange document (format v1).

Keys follow the order of the spec's "Shape"; optional keys whose value is absent are left
out; every list is written, empty or not. Lists come in the order the app shows them:
contracts by start, points by number, meetings by start, agenda items by position, the
rest in the order they were created. One query per table, never one per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from buurtteam.domain.money import format_exchange_money
from buurtteam.domain.text import fold
from buurtteam.store import models as m

T = TypeVar("T")


def _d(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _dt(value: dt.datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M")


def _t(value: dt.time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


def _money(value: Decimal | None) -> str | None:
    return None if value is None else format_exchange_money(value)


def _compact(**values: Any) -> dict[str, Any]:
    """A record with its absent optional keys left out (lists are always kept)."""
    return {key: value for key, value in values.items() if value is not None}


def _votes(row: Any) -> dict[str, int] | None:
    if row.votes_for is None and row.votes_against is None and row.votes_abstain is None:
        return None
    return {
        "for": row.votes_for or 0,
        "against": row.votes_against or 0,
        "abstain": row.votes_abstain or 0,
    }


def _group(rows: Iterable[T], key: str) -> dict[int, list[T]]:
    grouped: dict[int, list[T]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def export_document(
    session: Session, neighbourhood: str | None = None, exported_at: dt.datetime | None = None
) -> dict[str, Any]:
    """The whole database, or one neighbourhood by name, as an exchange document."""
    query = select(m.Neighbourhood)
    if neighbourhood is not None:
        query = query.where(m.Neighbourhood.name == neighbourhood)
    hoods = sorted(session.execute(query).scalars(), key=lambda h: (fold(h.name), h.id))
    document: dict[str, Any] = {"format": "buurtteam", "version": 1}
    if exported_at is not None:
        document["exported_at"] = exported_at.strftime("%Y-%m-%dT%H:%M")
    document["neighbourhoods"] = [_Exporter(session, hood).document() for hood in hoods]
    return document


class _Exporter:
    def __init__(self, session: Session, hood: m.Neighbourhood) -> None:
        self.s = session
        self.hood = hood

    def all(self, query: Any) -> list[Any]:
        return list(self.s.execute(query).scalars())

    def document(self) -> dict[str, Any]:
        hood = self.hood
        hid = hood.id
        parties = self.all(
            select(m.Party).where(m.Party.neighbourhood_id == hid).order_by(m.Party.id)
        )
        people = self.all(
            select(m.Person).where(m.Person.neighbourhood_id == hid).order_by(m.Person.id)
        )
        self.party_ids = {p.id: p.public_id for p in parties}
        self.person_ids = {p.id: p.public_id for p in people}
        meetings = self.all(
            select(m.Meeting)
            .where(m.Meeting.neighbourhood_id == hid)
            .order_by(m.Meeting.starts_at, m.Meeting.id)
        )
        self.meeting_ids = {row.id: row.public_id for row in meetings}
        settings = _compact(
            quorum=hood.quorum,
            meeting_interval_weeks=hood.meeting_interval_weeks,
            reply_weeks=hood.reply_weeks,
            default_budget=_money(hood.default_budget),
        )
        proposals, proposal_ids = self.proposals()
        issues, issue_ids = self.issues()
        record: dict[str, Any] = {"name": hood.name, "municipality": hood.municipality}
        if settings:
            record["settings"] = settings
        record["parties"] = [{"id": p.public_id, "name": p.name, "kind": p.kind} for p in parties]
        record["people"] = [
            _compact(
                id=p.public_id,
                name=p.name,
                roles=p.roles.split() if p.roles else [],
                email=p.email,
                phone=p.phone,
                party=self.party_ids.get(p.party_id),
            )
            for p in people
        ]
        record["contracts"] = self.contracts()
        record["meetings"] = self.meetings(meetings, proposal_ids, issue_ids)
        years = self.all(
            select(m.BudgetYear)
            .where(m.BudgetYear.neighbourhood_id == hid)
            .order_by(m.BudgetYear.year)
        )
        record["budget_years"] = [
            _compact(year=y.year, amount=_money(y.amount), carry_over=_money(y.carry_over))
            for y in years
        ]
        record["proposals"] = proposals
        record["issues"] = issues
        return record

    def contracts(self) -> list[dict[str, Any]]:
        contracts = self.all(
            select(m.Contract)
            .where(m.Contract.neighbourhood_id == self.hood.id)
            .order_by(m.Contract.starts_on, m.Contract.id)
        )
        contract_ids = {c.id: c.public_id for c in contracts}
        ids = select(m.Contract.id).where(m.Contract.neighbourhood_id == self.hood.id)
        signatures = _group(
            self.all(
                select(m.Signature).where(m.Signature.contract_id.in_(ids)).order_by(m.Signature.id)
            ),
            "contract_id",
        )
        points = _group(
            self.all(
                select(m.ContractPoint)
                .where(m.ContractPoint.contract_id.in_(ids))
                .order_by(m.ContractPoint.number)
            ),
            "contract_id",
        )
        history = _group(
            self.all(
                select(m.PointHistory)
                .join(m.ContractPoint)
                .where(m.ContractPoint.contract_id.in_(ids))
                .order_by(m.PointHistory.id)
            ),
            "point_id",
        )
        result = []
        for contract in contracts:
            result.append(
                {
                    "id": contract.public_id,
                    "title": contract.title,
                    "starts_on": _d(contract.starts_on),
                    "ends_on": _d(contract.ends_on),
                    "signatures": [
                        {
                            "party": self.party_ids[s.party_id],
                            "signed_on": _d(s.signed_on),
                            "signed_by": s.signed_by,
                        }
                        for s in signatures[contract.id]
                    ],
                    "points": [
                        self.point(p, contract_ids, history[p.id]) for p in points[contract.id]
                    ],
                }
            )
        return result

    def point(
        self, p: m.ContractPoint, contract_ids: dict[int, str], history: list[m.PointHistory]
    ) -> dict[str, Any]:
        carried = None
        if p.carried_from_contract_id is not None:
            carried = {
                "contract": contract_ids[p.carried_from_contract_id],
                "number": p.carried_from_number,
            }
        return _compact(
            number=p.number,
            title=p.title,
            description=p.description,
            theme=p.theme,
            party=self.party_ids[p.party_id],
            due=_d(p.due),
            status=p.status,
            carried_from=carried,
            history=[
                _compact(
                    date=_d(h.date),
                    status=h.status,
                    note=h.note,
                    meeting=self.meeting_ids.get(h.meeting_id),
                    due=_d(h.due),
                )
                for h in history
            ],
        )

    def meetings(
        self, meetings: list[m.Meeting], proposal_ids: dict[int, str], issue_ids: dict[int, str]
    ) -> list[dict[str, Any]]:
        # Subqueries rather than lists of ids: a large file has more ids than SQLite binds.
        ids = select(m.Meeting.id).where(m.Meeting.neighbourhood_id == self.hood.id)
        attendance = _group(
            self.all(
                select(m.Attendance)
                .where(m.Attendance.meeting_id.in_(ids))
                .order_by(m.Attendance.id)
            ),
            "meeting_id",
        )
        guests = _group(
            self.all(select(m.Guest).where(m.Guest.meeting_id.in_(ids)).order_by(m.Guest.id)),
            "meeting_id",
        )
        errata = _group(
            self.all(select(m.Erratum).where(m.Erratum.meeting_id.in_(ids)).order_by(m.Erratum.id)),
            "meeting_id",
        )
        requests_all = self.all(
            select(m.AgendaRequest)
            .where(m.AgendaRequest.meeting_id.in_(ids))
            .order_by(m.AgendaRequest.id)
        )
        request_ids = {r.id: r.public_id for r in requests_all}
        requests = _group(requests_all, "meeting_id")
        items_all = self.all(
            select(m.AgendaItem)
            .where(m.AgendaItem.meeting_id.in_(ids))
            .order_by(m.AgendaItem.position, m.AgendaItem.id)
        )
        items = _group(items_all, "meeting_id")
        item_ids = select(m.AgendaItem.id).where(m.AgendaItem.meeting_id.in_(ids))
        decisions = _group(
            self.all(
                select(m.Decision)
                .where(m.Decision.agenda_item_id.in_(item_ids))
                .order_by(m.Decision.id)
            ),
            "agenda_item_id",
        )
        actions = _group(
            self.all(
                select(m.Action).where(m.Action.agenda_item_id.in_(item_ids)).order_by(m.Action.id)
            ),
            "agenda_item_id",
        )
        ideas = _group(
            self.all(select(m.Idea).where(m.Idea.agenda_item_id.in_(item_ids)).order_by(m.Idea.id)),
            "agenda_item_id",
        )
        points = _group(
            self.all(
                select(m.AgendaItemPoint)
                .where(m.AgendaItemPoint.agenda_item_id.in_(item_ids))
                .order_by(m.AgendaItemPoint.id)
            ),
            "agenda_item_id",
        )
        proposals = _group(
            self.all(
                select(m.AgendaItemProposal)
                .where(m.AgendaItemProposal.agenda_item_id.in_(item_ids))
                .order_by(m.AgendaItemProposal.id)
            ),
            "agenda_item_id",
        )
        issues = _group(
            self.all(
                select(m.AgendaItemIssue)
                .where(m.AgendaItemIssue.agenda_item_id.in_(item_ids))
                .order_by(m.AgendaItemIssue.id)
            ),
            "agenda_item_id",
        )
        person = self.person_ids.get
        result = []
        for meeting in meetings:
            record = _compact(
                id=meeting.public_id,
                starts_at=_dt(meeting.starts_at),
                ends_at=_dt(meeting.ends_at),
                location=meeting.location,
                chair=person(meeting.chair_id),
                secretary=person(meeting.secretary_id),
                status=meeting.status,
                minutes_approved_at=self.meeting_ids.get(meeting.minutes_approved_at_id),
            )
            record["attendance"] = [
                _compact(
                    person=self.person_ids[a.person_id],
                    status=a.status,
                    arrived_at=_t(a.arrived_at),
                    left_at=_t(a.left_at),
                )
                for a in attendance[meeting.id]
            ]
            record["guests"] = [
                _compact(name=g.name, organisation=g.organisation) for g in guests[meeting.id]
            ]
            record["errata"] = [{"date": _d(e.date), "text": e.text} for e in errata[meeting.id]]
            record["agenda_requests"] = [
                _compact(
                    id=r.public_id,
                    title=r.title,
                    description=r.description,
                    source=r.source,
                    submitted_by=person(r.submitted_by_id),
                    submitted_on=_d(r.submitted_on),
                    state=r.state,
                    carried_from=request_ids.get(r.carried_from_id),
                )
                for r in requests[meeting.id]
            ]
            record["agenda"] = [
                _compact(
                    id=i.public_id,
                    section=i.section,
                    title=i.title,
                    description=i.description,
                    source=i.source,
                    submitted_by=person(i.submitted_by_id),
                    request=request_ids.get(i.request_id),
                    minutes=i.minutes,
                    purpose=i.purpose,
                    notes=i.notes,
                    decisions=[
                        _compact(id=d.public_id, text=d.text, votes=_votes(d))
                        for d in decisions[i.id]
                    ],
                    actions=[
                        _compact(
                            id=a.public_id,
                            text=a.text,
                            owner=person(a.owner_id),
                            party=self.party_ids.get(a.party_id),
                            due=_d(a.due),
                            done_on=_d(a.done_on),
                        )
                        for a in actions[i.id]
                    ],
                    ideas=[{"id": x.public_id, "text": x.text} for x in ideas[i.id]],
                    contract_points=[p.number for p in points[i.id]],
                    proposals=[proposal_ids[p.proposal_id] for p in proposals[i.id]],
                    issues=[issue_ids[x.issue_id] for x in issues[i.id]],
                )
                for i in items[meeting.id]
            ]
            result.append(record)
        return result

    def proposals(self) -> tuple[list[dict[str, Any]], dict[int, str]]:
        rows = self.all(
            select(m.Proposal)
            .where(m.Proposal.neighbourhood_id == self.hood.id)
            .order_by(m.Proposal.id)
        )
        payments = _group(
            self.all(
                select(m.Payment)
                .join(m.Proposal)
                .where(m.Proposal.neighbourhood_id == self.hood.id)
                .order_by(m.Payment.id)
            ),
            "proposal_id",
        )
        result = []
        for p in rows:
            decision = None
            if p.decision_meeting_id is not None:
                decision = _compact(
                    meeting=self.meeting_ids[p.decision_meeting_id],
                    amount_granted=_money(p.amount_granted),
                    reason=p.decision_reason,
                    votes=_votes(p),
                )
            result.append(
                _compact(
                    id=p.public_id,
                    year=p.year,
                    title=p.title,
                    description=p.description,
                    theme=p.theme,
                    submitted_by=self.person_ids.get(p.submitted_by_id),
                    received_on=_d(p.received_on),
                    amount_requested=_money(p.amount_requested),
                    not_regular_maintenance=p.not_regular_maintenance,
                    status=p.status,
                    decision=decision,
                    payments=[
                        _compact(
                            paid_on=_d(x.paid_on), amount=_money(x.amount), reference=x.reference
                        )
                        for x in payments[p.id]
                    ],
                )
            )
        return result, {p.id: p.public_id for p in rows}

    def issues(self) -> tuple[list[dict[str, Any]], dict[int, str]]:
        rows = self.all(
            select(m.Issue).where(m.Issue.neighbourhood_id == self.hood.id).order_by(m.Issue.id)
        )
        steps = _group(
            self.all(
                select(m.IssueStep)
                .join(m.Issue)
                .where(m.Issue.neighbourhood_id == self.hood.id)
                .order_by(m.IssueStep.id)
            ),
            "issue_id",
        )
        result = [
            _compact(
                id=i.public_id,
                title=i.title,
                description=i.description,
                raised_on=_d(i.raised_on),
                raised_by=self.person_ids.get(i.raised_by_id),
                party=self.party_ids.get(i.party_id),
                status=i.status,
                steps=[
                    _compact(date=_d(s.date), kind=s.kind, text=s.text, to=s.to)
                    for s in steps[i.id]
                ],
            )
            for i in rows
        ]
        return result, {i.id: i.public_id for i in rows}
