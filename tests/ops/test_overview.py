"""The Overzicht figures and the read-only lists, on a small neighbourhood built with the models."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from buurtteam.domain.vocab import (
    PartyKind,
    PointStatus,
    Role,
)
from buurtteam.errors import NotFound
from buurtteam.ops.browse import (
    people_and_parties,
)
from buurtteam.ops.overview import list_neighbourhoods, overview
from buurtteam.store.db import Database
from buurtteam.store.models import (
    Action,
    AgendaItem,
    AgendaRequest,
    BudgetYear,
    Contract,
    ContractPoint,
    Issue,
    IssueStep,
    Meeting,
    Neighbourhood,
    Party,
    Payment,
    Person,
    Proposal,
)

TODAY = date(2027, 3, 10)


def add_sample_neighbourhood(db: Database, name: str = "Duin en Dorp") -> int:
    """A small neighbourhood on TODAY: two meetings, actions, points, a budget, an issue.

    Shared with the window's tests, which look for the same figures on screen.
    """
    with db.write() as s:
        hood = Neighbourhood(name=name, municipality="Zeedorp")
        s.add(hood)
        s.flush()
        n = hood.id
        gemeente = Party(
            neighbourhood_id=n, public_id="gemeente", name="Gemeente Zeedorp", kind="municipality"
        )
        politie = Party(
            neighbourhood_id=n, public_id="politie", name="Politie, wijkagent", kind="police"
        )
        s.add_all([gemeente, politie])
        s.flush()
        ans = Person(
            neighbourhood_id=n,
            public_id="p-ans",
            name="Ans Verhoeven",
            roles="chair",
            party_id=gemeente.id,
        )
        karim = Person(
            neighbourhood_id=n,
            public_id="p-karim",
            name="Karim El Amrani",
            roles="community_worker",
        )
        joke = Person(
            neighbourhood_id=n,
            public_id="p-joke",
            name="Joke Smit",
            roles="resident secretary",
            email="joke@example.org",
        )
        s.add_all([ans, karim, joke])
        s.flush()

        held = Meeting(
            neighbourhood_id=n,
            public_id="m-1",
            starts_at=datetime(2027, 2, 23, 19, 30),
            location="Buurthuis De Duinroos",
            status="held",
            chair_id=ans.id,
        )
        earlier_today_but_held = Meeting(
            neighbourhood_id=n,
            public_id="m-x",
            starts_at=datetime(2027, 3, 10, 10, 0),
            status="held",
        )
        next_one = Meeting(
            neighbourhood_id=n,
            public_id="m-2",
            starts_at=datetime(2027, 4, 6, 19, 30),
            location="Buurthuis <De Duinroos>",
            status="planned",
            chair_id=ans.id,
        )
        later = Meeting(
            neighbourhood_id=n,
            public_id="m-3",
            starts_at=datetime(2027, 5, 18, 19, 30),
            status="planned",
        )
        s.add_all([held, earlier_today_but_held, next_one, later])
        s.flush()
        item = AgendaItem(
            meeting_id=held.id,
            public_id="a-1",
            position=1,
            section="topics",
            title="Speeltuintje",
            source="resident",
            purpose="decision",
        )
        s.add(item)
        s.flush()
        s.add_all(
            [
                Action(
                    agenda_item_id=item.id,
                    public_id="x-1",
                    text="Offerte opvragen",
                    owner_id=karim.id,
                    due=date(2027, 3, 1),
                ),
                Action(
                    agenda_item_id=item.id,
                    public_id="x-2",
                    text="Brief aan het college",
                    party_id=gemeente.id,
                    due=date(2027, 4, 1),
                ),
                Action(
                    agenda_item_id=item.id,
                    public_id="x-3",
                    text="Al gedaan",
                    owner_id=joke.id,
                    due=date(2027, 3, 1),
                    done_on=date(2027, 2, 28),
                ),
                Action(
                    agenda_item_id=item.id,
                    public_id="x-4",
                    text="Zonder deadline",
                    owner_id=joke.id,
                ),
            ]
        )
        s.add_all(
            [
                AgendaRequest(
                    meeting_id=next_one.id,
                    public_id="r-1",
                    title="Hondenpoep",
                    source="resident",
                    submitted_on=date(2027, 3, 1),
                    state="pending",
                ),
                AgendaRequest(
                    meeting_id=next_one.id,
                    public_id="r-2",
                    title="Verlichting",
                    source="resident",
                    submitted_on=date(2027, 3, 2),
                    state="pending",
                ),
                AgendaRequest(
                    meeting_id=next_one.id,
                    public_id="r-3",
                    title="Al geplaatst",
                    source="municipality",
                    submitted_on=date(2027, 3, 2),
                    state="placed",
                ),
            ]
        )

        old = Contract(
            neighbourhood_id=n,
            public_id="c-2024",
            title="Buurtcontract 2024",
            starts_on=date(2024, 7, 1),
            ends_on=date(2026, 12, 31),
        )
        current = Contract(
            neighbourhood_id=n,
            public_id="c-2027",
            title="Buurtcontract 2027",
            starts_on=date(2027, 1, 1),
            ends_on=date(2029, 6, 30),
        )
        s.add_all([old, current])
        s.flush()
        s.add_all(
            [
                ContractPoint(
                    contract_id=old.id,
                    number=9,
                    title="Oud punt",
                    party_id=gemeente.id,
                    due=date(2025, 1, 1),
                    status="not_kept",
                ),
                ContractPoint(
                    contract_id=current.id,
                    number=3,
                    title="Controle overlastgrens 21.00 uur",
                    party_id=politie.id,
                    due=date(2027, 3, 1),
                    status="delayed",
                ),
                ContractPoint(
                    contract_id=current.id,
                    number=5,
                    title="Doeltje terug op het pannaveldje",
                    party_id=gemeente.id,
                    due=date(2027, 2, 1),
                    status="not_kept",
                ),
                ContractPoint(
                    contract_id=current.id,
                    number=1,
                    title="Afvalbakken",
                    party_id=gemeente.id,
                    due=date(2027, 2, 1),
                    status="done",
                ),
                ContractPoint(
                    contract_id=current.id,
                    number=2,
                    title="Oversteekplaats",
                    party_id=gemeente.id,
                    due=date(2027, 9, 1),
                    status="open",
                ),
                ContractPoint(
                    contract_id=current.id,
                    number=4,
                    title="Vandaag de deadline",
                    party_id=gemeente.id,
                    due=TODAY,
                    status="open",
                ),
                ContractPoint(
                    contract_id=current.id,
                    number=6,
                    title="Eenrichtingsverkeer",
                    party_id=gemeente.id,
                    status="open",
                ),
            ]
        )

        s.add(
            BudgetYear(
                neighbourhood_id=n,
                year=2027,
                amount=Decimal("25000.00"),
                carry_over=Decimal("1234.56"),
            )
        )
        speeltuin = Proposal(
            neighbourhood_id=n,
            public_id="b-1",
            year=2027,
            title="Speeltuintje",
            submitted_by_id=joke.id,
            received_on=date(2027, 1, 2),
            amount_requested=Decimal("12000.00"),
            not_regular_maintenance=True,
            status="granted",
            amount_granted=Decimal("11999.99"),
        )
        bankje = Proposal(
            neighbourhood_id=n,
            public_id="b-2",
            year=2027,
            title="Bankje",
            received_on=date(2027, 2, 2),
            amount_requested=Decimal("800.10"),
            not_regular_maintenance=True,
            status="granted",
            amount_granted=Decimal("800.10"),
        )
        waiting = Proposal(
            neighbourhood_id=n,
            public_id="b-3",
            year=2027,
            title="Buurtfeest",
            received_on=date(2027, 3, 1),
            amount_requested=Decimal("500.00"),
            not_regular_maintenance=True,
            status="submitted",
        )
        last_year = Proposal(
            neighbourhood_id=n,
            public_id="b-0",
            year=2026,
            title="Vorig jaar",
            received_on=date(2026, 3, 1),
            amount_requested=Decimal("100.00"),
            not_regular_maintenance=True,
            status="granted",
            amount_granted=Decimal("100.00"),
        )
        s.add_all([speeltuin, bankje, waiting, last_year])
        s.flush()
        s.add_all(
            [
                Payment(
                    proposal_id=speeltuin.id, paid_on=date(2027, 2, 1), amount=Decimal("5000.10")
                ),
                Payment(proposal_id=speeltuin.id, paid_on=date(2027, 3, 1), amount=Decimal("0.20")),
                Payment(
                    proposal_id=last_year.id, paid_on=date(2026, 4, 1), amount=Decimal("100.00")
                ),
            ]
        )

        issue = Issue(
            neighbourhood_id=n,
            public_id="k-1",
            title="Overlast na 21.00 uur",
            raised_on=date(2027, 1, 12),
            raised_by_id=joke.id,
            party_id=politie.id,
            status="open",
        )
        s.add(issue)
        s.flush()
        s.add_all(
            [
                IssueStep(
                    issue_id=issue.id,
                    date=date(2027, 1, 20),
                    kind="letter_sent",
                    text="Brief aan het college",
                ),
                IssueStep(
                    issue_id=issue.id, date=date(2027, 2, 23), kind="meeting", text="Besproken"
                ),
            ]
        )
    return n


def test_neighbourhoods_sorted_by_name_ignoring_case_and_accents(db: Database) -> None:
    with db.write() as s:
        for name in ("zuid", "Één straat", "Centrum", "ábc"):
            s.add(Neighbourhood(name=name, municipality="Zeedorp"))
    names = [row.name for row in list_neighbourhoods(db)]
    assert names == ["ábc", "Centrum", "Één straat", "zuid"]


def test_empty_database_has_no_neighbourhoods(db: Database) -> None:
    assert list_neighbourhoods(db) == []


def test_budget_of_todays_year_exact_to_the_cent(db: Database) -> None:
    n = add_sample_neighbourhood(db)
    budget = overview(db, n, TODAY).budget
    assert budget is not None
    assert budget.year == 2027
    assert budget.available == Decimal("26234.56")
    assert budget.granted == Decimal("12800.09")
    assert budget.paid == Decimal("5000.30")
    assert budget.remaining == Decimal("13434.47")
    assert not budget.is_low


def test_no_budget_year_gives_none(db: Database) -> None:
    n = add_sample_neighbourhood(db)
    assert overview(db, n, date(2028, 1, 1)).budget is None


def test_next_meeting_is_the_first_planned_one_from_today(db: Database) -> None:
    n = add_sample_neighbourhood(db)
    meeting = overview(db, n, TODAY).next_meeting
    assert meeting is not None
    assert meeting.starts_at == datetime(2027, 4, 6, 19, 30)
    assert meeting.location == "Buurthuis <De Duinroos>"
    assert meeting.pending_requests == 2


def test_a_planned_meeting_later_today_is_still_next(db: Database) -> None:
    n = add_sample_neighbourhood(db)
    meeting = overview(db, n, date(2027, 4, 6)).next_meeting
    assert meeting is not None and meeting.starts_at == datetime(2027, 4, 6, 19, 30)
    assert overview(db, n, date(2027, 5, 19)).next_meeting is None


def test_open_actions_with_who_and_overdue_flag(db: Database) -> None:
    n = add_sample_neighbourhood(db)
    actions = overview(db, n, TODAY).open_actions
    assert [(a.text, a.who, a.due, a.overdue) for a in actions] == [
        ("Offerte opvragen", "Karim El Amrani", date(2027, 3, 1), True),
        ("Brief aan het college", "Gemeente Zeedorp", date(2027, 4, 1), False),
        ("Zonder deadline", "Joke Smit", None, False),
    ]
    assert {a.meeting_date for a in actions} == {date(2027, 2, 23)}


def test_overdue_points_of_the_contract_in_force(db: Database) -> None:
    n = add_sample_neighbourhood(db)
    points = overview(db, n, TODAY).overdue_points
    # Not: done (1), not yet due (2), due today (4), no deadline (6), the old contract's (9).
    assert [(p.number, p.party, p.status) for p in points] == [
        (5, "Gemeente Zeedorp", PointStatus.NOT_KEPT),
        (3, "Politie, wijkagent", PointStatus.DELAYED),
    ]


def test_neighbourhoods_do_not_mix(db: Database) -> None:
    add_sample_neighbourhood(db)
    with db.write() as s:
        other = Neighbourhood(name="Noord", municipality="Zeedorp")
        s.add(other)
        s.flush()
        other_id = other.id
    result = overview(db, other_id, TODAY)
    assert result.neighbourhood.name == "Noord"
    assert (result.next_meeting, result.open_actions, result.overdue_points, result.budget) == (
        None,
        (),
        (),
        None,
    )


def test_overview_of_a_missing_neighbourhood_is_refused(db: Database) -> None:
    with pytest.raises(NotFound):
        overview(db, 4711, TODAY)


def test_people_and_parties(db: Database) -> None:
    n = add_sample_neighbourhood(db)
    result = people_and_parties(db, n)
    assert [(p.name, p.roles, p.party) for p in result.people] == [
        ("Ans Verhoeven", (Role.CHAIR,), "Gemeente Zeedorp"),
        ("Joke Smit", (Role.RESIDENT, Role.SECRETARY), None),
        ("Karim El Amrani", (Role.COMMUNITY_WORKER,), None),
    ]
    assert [(p.name, p.kind) for p in result.parties] == [
        ("Gemeente Zeedorp", PartyKind.MUNICIPALITY),
        ("Politie, wijkagent", PartyKind.POLICE),
    ]
