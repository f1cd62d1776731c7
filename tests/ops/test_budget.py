"""The budget's use cases on a real SQLite file: years, intake, decisions, payments, ledger.

Every refusal is checked to leave the database exactly as it was (a dump before and after).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from buurtteam.domain.budget import Decision, DecisionKind, Ledger, OverBudget, Votes
from buurtteam.domain.money import parse_amount
from buurtteam.domain.vocab import ProposalStatus
from buurtteam.errors import BuurtteamError, InvalidInput, NotFound, RuleBroken
from buurtteam.ops.budget import (
    ProposalIntake,
    budget_years,
    decide_proposal,
    decision_meetings,
    intake_choices,
    letter_facts,
    next_meeting_after,
    preview_grant,
    read_ledger,
    record_carry_over,
    record_payment,
    remove_payment,
    set_not_regular_maintenance,
    set_year_amount,
    take_in_proposal,
    year_budget,
)
from buurtteam.ops.check import check_database
from buurtteam.ops.exchange import export_file, import_file
from buurtteam.store.db import Database
from buurtteam.store.models import Meeting, Neighbourhood, Person
from tests.conftest import Databases
from tests.snapshot import snapshot

D = Decimal
TODAY = date(2027, 3, 10)


@dataclass(frozen=True)
class Hood:
    id: int
    joke: int  # a resident
    ans: int  # the chair
    january: int  # held meeting, 12 January 2027
    february: int  # held meeting, 23 February 2027
    april: int  # planned meeting, 6 April 2027
    other_meeting: int  # a meeting of another neighbourhood


def budget_neighbourhood(db: Database, *, amount: str | None = "25000.00") -> Hood:
    """A neighbourhood with two people, two held meetings, one planned and a 2027 budget."""
    with db.write() as s:
        hood = Neighbourhood(name="Duin en Dorp", municipality="Zeedorp")
        other = Neighbourhood(name="Noord", municipality="Zeedorp")
        s.add_all([hood, other])
        s.flush()
        joke = Person(
            neighbourhood_id=hood.id, public_id="p-joke", name="Joke Smit", roles="resident"
        )
        ans = Person(
            neighbourhood_id=hood.id, public_id="p-ans", name="Ans Verhoeven", roles="chair"
        )
        s.add_all([joke, ans])
        s.flush()
        meetings = [
            Meeting(
                neighbourhood_id=hood.id,
                public_id=f"m-{when:%Y-%m-%d}",
                starts_at=when,
                status=status,
                chair_id=ans.id,
                location="Buurthuis De Duinroos",
            )
            for when, status in (
                (datetime(2027, 1, 12, 19, 30), "held"),
                (datetime(2027, 2, 23, 19, 30), "held"),
                (datetime(2027, 4, 6, 19, 30), "planned"),
            )
        ]
        elsewhere = Meeting(
            neighbourhood_id=other.id,
            public_id="m-noord",
            starts_at=datetime(2027, 2, 1, 19, 30),
            status="held",
        )
        s.add_all([*meetings, elsewhere])
        s.flush()
        result = Hood(
            hood.id, joke.id, ans.id, meetings[0].id, meetings[1].id, meetings[2].id, elsewhere.id
        )
    if amount is not None:
        set_year_amount(db, result.id, 2027, amount)
    return result


def propose(
    db: Database,
    hood: Hood,
    amount: str = "1.000,00",
    *,
    title: str = "Bankje bij de speeltuin",
    theme: str | None = "spelen",
    confirmed: bool = True,
    received: date = date(2027, 1, 5),
    year: int | None = None,
) -> int:
    return take_in_proposal(
        db,
        hood.id,
        ProposalIntake(
            title=title,
            amount_requested=amount,
            received_on=received,
            not_regular_maintenance=confirmed,
            theme=theme,
            submitted_by_id=hood.joke,
            year=year,
        ),
        TODAY,
    ).id


def grant(hood: Hood, amount: str | None = None, reason: str | None = None) -> Decision:
    return Decision(
        DecisionKind.GRANT,
        hood.february,
        amount=parse_amount(amount) if amount else None,
        reason=reason,
    )


@pytest.fixture
def unchanged(db: Database) -> Callable[..., BuurtteamError]:
    """Run a refused step and prove that nothing in the file changed."""

    def run(expected: type[BuurtteamError], step: Callable[[], object]) -> BuurtteamError:
        before = snapshot(db)
        with pytest.raises(expected) as refused:
            step()
        assert snapshot(db) == before
        return refused.value

    return run


# -- budget years ------------------------------------------------------------------------------


def test_a_year_gets_the_default_and_can_be_changed(db: Database) -> None:
    hood = budget_neighbourhood(db, amount=None)
    assert read_ledger_of(db, hood, 2027) is None
    first = set_year_amount(db, hood.id, 2027, "25.000")
    assert (first.amount, first.remaining) == (D("25000.00"), D("25000.00"))
    assert set_year_amount(db, hood.id, 2027, D("30000.00")).available == D("30000.00")
    assert budget_years(db, hood.id, TODAY) == [2027]


def read_ledger_of(db: Database, hood: Hood, year: int) -> Ledger | None:
    with db.read() as session:
        return read_ledger(session, hood.id, year)


def test_the_neighbourhoods_own_default_amount(db: Database) -> None:
    hood = budget_neighbourhood(db)
    assert year_budget(db, hood.id, 2028).default_amount == D("25000.00")
    with db.write() as s:
        s.get(Neighbourhood, hood.id).default_budget = D("18000.00")  # type: ignore[union-attr]
    data = year_budget(db, hood.id, 2028)
    assert (data.recorded, data.default_amount, data.ledger.available) == (
        False,
        D("18000.00"),
        D("0.00"),
    )
    # A carry-over into a year without a budget gives it the neighbourhood's default.
    assert record_carry_over(db, hood.id, 2027, "500").amount == D("18000.00")


def test_a_budget_below_what_is_granted_is_refused(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    decide_proposal(db, propose(db, hood, "10.000,00"), grant(hood), TODAY)
    error = unchanged(RuleBroken, lambda: set_year_amount(db, hood.id, 2027, "9.999,99"))
    assert "minstens €\xa010.000,00" in error.text()
    unchanged(InvalidInput, lambda: set_year_amount(db, hood.id, 2027, "veel"))
    unchanged(InvalidInput, lambda: set_year_amount(db, hood.id, 1850, "1"))
    assert set_year_amount(db, hood.id, 2027, "10.000,00").remaining == D("0.00")


def test_carry_over_is_its_own_line_and_leaves_the_old_year(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    decide_proposal(db, propose(db, hood, "24.000,00"), grant(hood), TODAY)
    error = unchanged(RuleBroken, lambda: record_carry_over(db, hood.id, 2027, "1.000,01"))
    assert "maar €\xa01.000,00 niet toegekend" in error.text()
    unchanged(RuleBroken, lambda: record_carry_over(db, hood.id, 2026, "1,00"))

    next_year = record_carry_over(db, hood.id, 2027, "1.000,00")
    assert (next_year.year, next_year.amount, next_year.carry_over, next_year.available) == (
        2028,
        D("25000.00"),
        D("1000.00"),
        D("26000.00"),
    )
    old = year_budget(db, hood.id, 2027).ledger
    assert (old.carried_out, old.remaining) == (D("1000.00"), D("0.00"))
    # The money went on: it cannot be granted in 2027 as well.
    one_euro = propose(db, hood, "1,00")
    unchanged(OverBudget, lambda: decide_proposal(db, one_euro, grant(hood), TODAY))
    assert check_database(db).ok


def test_lowering_a_carry_over_the_next_year_relies_on_is_refused(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    record_carry_over(db, hood.id, 2027, "5.000,00")
    later = propose(db, hood, "30.000,00", received=date(2027, 2, 1), year=2028)
    decide_proposal(db, later, grant(hood, "29.000,00", "deels"), TODAY)
    error = unchanged(RuleBroken, lambda: record_carry_over(db, hood.id, 2027, "3.000,00"))
    assert "minstens €\xa04.000,00" in error.text()
    assert record_carry_over(db, hood.id, 2027, "4.000,00").remaining == D("0.00")


# -- intake ------------------------------------------------------------------------------------


def test_intake_reads_dutch_amounts_and_makes_a_readable_id(db: Database) -> None:
    hood = budget_neighbourhood(db)
    line = take_in_proposal(
        db,
        hood.id,
        ProposalIntake(
            title="  Buurtmoestuin aan de Dagpauwoogstraat ",
            amount_requested="€ 3.750,50",
            received_on=date(2027, 3, 1),
            not_regular_maintenance=True,
            description="Tien bakken <en> een regenton",
            theme="groen",
            submitted_by_id=hood.joke,
        ),
        TODAY,
    )
    assert (line.title, line.requested, line.status, line.year) == (
        "Buurtmoestuin aan de Dagpauwoogstraat",
        D("3750.50"),
        ProposalStatus.SUBMITTED,
        2027,
    )
    assert line.public_id == "b-buurtmoestuin-aan-de-dagpauwoogstraat"
    assert line.submitted_by == "Joke Smit"
    again = propose(db, hood, title="Buurtmoestuin aan de Dagpauwoogstraat")
    assert year_budget(db, hood.id, 2027).proposals[0].id == line.id  # received later
    assert {p.public_id for p in year_budget(db, hood.id, 2027).proposals} == {
        "b-buurtmoestuin-aan-de-dagpauwoogstraat",
        "b-buurtmoestuin-aan-de-dagpauwoogstraat-2",
    }
    assert again != line.id
    choices = intake_choices(db, hood.id)
    assert [p.name for p in choices.people] == ["Ans Verhoeven", "Joke Smit"]
    assert choices.themes == ("groen", "spelen")


def test_intake_refusals_change_nothing(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    unchanged(InvalidInput, lambda: propose(db, hood, title="   "))
    unchanged(InvalidInput, lambda: propose(db, hood, "twaalf euro"))
    unchanged(InvalidInput, lambda: propose(db, hood, "0,00"))
    unchanged(InvalidInput, lambda: propose(db, hood, "-5"))
    unchanged(InvalidInput, lambda: propose(db, hood, received=date(2027, 3, 11)))
    unchanged(InvalidInput, lambda: propose(db, hood, title="a\x07b"))
    with db.write() as s:
        other = Person(
            neighbourhood_id=hood.id + 1, public_id="p-x", name="Iemand", roles="resident"
        )
        s.add(other)
        s.flush()
        other_id = other.id
    unchanged(
        NotFound,
        lambda: take_in_proposal(
            db,
            hood.id,
            ProposalIntake("Titel", "10", date(2027, 1, 1), True, submitted_by_id=other_id),
            TODAY,
        ),
    )


# -- decisions ---------------------------------------------------------------------------------


def test_grant_in_full_and_in_part(db: Database) -> None:
    hood = budget_neighbourhood(db)
    full = decide_proposal(db, propose(db, hood, "1.200,00"), grant(hood), TODAY)
    assert (full.proposal.status, full.proposal.granted) == (ProposalStatus.GRANTED, D("1200.00"))
    assert full.proposal.decided_on == date(2027, 2, 23)
    assert full.ledger is not None and full.ledger.remaining == D("23800.00")
    part = decide_proposal(
        db,
        propose(db, hood, "4.800,00", theme="groen"),
        Decision(
            DecisionKind.GRANT,
            hood.february,
            amount=D("3500.00"),
            reason="Eerst 35 geveltuintjes",
            votes=Votes(5, 0, 1),
        ),
        TODAY,
    )
    assert part.proposal.is_partial
    assert part.proposal.votes == Votes(5, 0, 1)
    assert part.ledger is not None and part.ledger.remaining == D("20300.00")
    assert check_database(db).ok


def test_reject_defer_and_withdraw(db: Database) -> None:
    hood = budget_neighbourhood(db)
    rejected = decide_proposal(
        db,
        propose(db, hood),
        Decision(DecisionKind.REJECT, hood.january, reason="Regulier onderhoud"),
        TODAY,
    ).proposal
    assert (rejected.status, rejected.reason, rejected.decided_on) == (
        ProposalStatus.REJECTED,
        "Regulier onderhoud",
        date(2027, 1, 12),
    )
    deferred_id = propose(db, hood, title="Muurschildering")
    deferred = decide_proposal(
        db,
        deferred_id,
        Decision(
            DecisionKind.DEFER,
            hood.february,
            reason="Eerst toestemming van de corporatie",
            until=date(2027, 4, 6),
        ),
        TODAY,
    ).proposal
    assert (deferred.status, deferred.deferred_until, deferred.reason) == (
        ProposalStatus.DEFERRED,
        date(2027, 4, 6),
        "Eerst toestemming van de corporatie",
    )
    assert [p.id for p in year_budget(db, hood.id, 2027).waiting_for_decision] == [deferred_id]
    # Deferred, then granted at a later meeting (held today, in meeting mode).
    with db.write() as s:
        today_meeting = Meeting(
            neighbourhood_id=hood.id,
            public_id="m-vandaag",
            starts_at=datetime(2027, 3, 10, 19, 30),
            status="planned",
        )
        s.add(today_meeting)
        s.flush()
        today_id = today_meeting.id
    after = decide_proposal(db, deferred_id, Decision(DecisionKind.GRANT, today_id), TODAY)
    assert (after.proposal.status, after.proposal.deferred_until, after.proposal.reason) == (
        ProposalStatus.GRANTED,
        None,
        None,
    )
    withdrawn = decide_proposal(
        db, deferred_id, Decision(DecisionKind.WITHDRAW, today_id, reason="Regiotaxi"), TODAY
    )
    assert (withdrawn.proposal.status, withdrawn.proposal.granted) == (
        ProposalStatus.WITHDRAWN,
        None,
    )
    assert withdrawn.ledger is not None and withdrawn.ledger.granted == D("0.00")
    assert check_database(db).ok


def test_a_grant_that_does_not_fit_is_refused_with_the_numbers(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    decide_proposal(db, propose(db, hood, "24.000,00"), grant(hood), TODAY)
    big = propose(db, hood, "1.500,00")
    error = unchanged(OverBudget, lambda: decide_proposal(db, big, grant(hood), TODAY))
    assert error.text() == (
        "Een toekenning van €\xa01.500,00 past niet: van het budget voor 2027 is nog maar "
        "€\xa01.000,00 over. Ken minder toe, of leg eerst een hoger budget voor dat jaar vast."
    )
    assert preview_grant(db, big, D("1500.00")) == (D("1000.00"), D("-500.00"))


def test_the_cent_edge(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    amounts = ["12.345,67", "10.000,00", "2.654,33"]  # exactly 25.000,00
    for amount in amounts:
        decide_proposal(db, propose(db, hood, amount), grant(hood), TODAY)
    assert year_budget(db, hood.id, 2027).ledger.remaining == D("0.00")
    one_cent = propose(db, hood, "0,01")
    unchanged(OverBudget, lambda: decide_proposal(db, one_cent, grant(hood), TODAY))


def test_other_refused_decisions_change_nothing(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    maintenance = propose(db, hood, confirmed=False)
    error = unchanged(RuleBroken, lambda: decide_proposal(db, maintenance, grant(hood), TODAY))
    assert "geen regulier onderhoud" in error.text()
    ok = propose(db, hood)
    unchanged(
        NotFound,
        lambda: decide_proposal(db, ok, Decision(DecisionKind.GRANT, hood.other_meeting), TODAY),
    )
    unchanged(
        RuleBroken,
        lambda: decide_proposal(db, ok, Decision(DecisionKind.GRANT, hood.april), TODAY),
    )
    unchanged(
        RuleBroken,
        lambda: decide_proposal(db, ok, Decision(DecisionKind.REJECT, hood.february), TODAY),
    )
    late = propose(db, hood, received=date(2027, 2, 1))
    unchanged(
        RuleBroken,
        lambda: decide_proposal(db, late, Decision(DecisionKind.GRANT, hood.january), TODAY),
    )
    unchanged(
        RuleBroken,
        lambda: decide_proposal(
            db, ok, Decision(DecisionKind.GRANT, hood.february, year=2028), TODAY
        ),
    )
    unchanged(NotFound, lambda: decide_proposal(db, 4711, grant(hood), TODAY))
    with db.write() as s:
        cancelled = s.get(Meeting, hood.january)
        assert cancelled is not None
        cancelled.cancel_reason = "Sneeuw"
    unchanged(
        RuleBroken,
        lambda: decide_proposal(db, ok, Decision(DecisionKind.GRANT, hood.january), TODAY),
    )
    assert [m.id for m in decision_meetings(db, hood.id, TODAY)] == [hood.february]


def test_confirming_not_regular_maintenance_afterwards(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    proposal = propose(db, hood, confirmed=False)
    assert set_not_regular_maintenance(db, proposal, True).not_regular_maintenance
    decide_proposal(db, proposal, grant(hood), TODAY)
    unchanged(RuleBroken, lambda: set_not_regular_maintenance(db, proposal, False))


def test_a_grant_moves_to_the_year_of_the_meeting(db: Database) -> None:
    hood = budget_neighbourhood(db)
    set_year_amount(db, hood.id, 2026, "25.000,00")
    old = propose(db, hood, received=date(2026, 12, 1), year=2026)
    after = decide_proposal(db, old, Decision(DecisionKind.GRANT, hood.january, year=2027), TODAY)
    assert after.proposal.year == 2027
    assert after.ledger is not None and after.ledger.granted == D("1000.00")
    assert year_budget(db, hood.id, 2026).ledger.granted == D("0.00")


def test_correcting_a_grant(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    proposal = propose(db, hood, "24.000,00")
    decide_proposal(db, proposal, grant(hood, "20.000,00", "eerst"), TODAY)
    other = propose(db, hood, "4.000,00")
    decide_proposal(db, other, grant(hood), TODAY)
    assert preview_grant(db, proposal, D("21000.00")) == (D("1000.00"), D("0.00"))
    after = decide_proposal(db, proposal, grant(hood, "21.000,00", "toch meer"), TODAY)
    assert after.ledger is not None and after.ledger.remaining == D("0.00")
    unchanged(OverBudget, lambda: decide_proposal(db, proposal, grant(hood), TODAY))


# -- payments ----------------------------------------------------------------------------------


def test_payments_up_to_the_grant_and_no_further(db: Database, unchanged) -> None:
    hood = budget_neighbourhood(db)
    proposal = propose(db, hood, "1.000,00")
    unchanged(
        RuleBroken, lambda: record_payment(db, proposal, date(2027, 3, 1), "1,00", None, TODAY)
    )
    decide_proposal(db, proposal, grant(hood), TODAY)
    first = record_payment(db, proposal, date(2027, 3, 1), "600,00", "factuur 2027-013", TODAY)
    assert (first.proposal.paid, first.proposal.to_pay) == (D("600.00"), D("400.00"))
    error = unchanged(
        RuleBroken,
        lambda: record_payment(db, proposal, date(2027, 3, 2), "400,01", "te veel", TODAY),
    )
    assert "hoogstens €\xa0400,00" in error.text()
    unchanged(
        RuleBroken, lambda: record_payment(db, proposal, date(2027, 3, 11), "1,00", None, TODAY)
    )
    last = record_payment(db, proposal, date(2027, 3, 2), "400,00", "=SOM(A1)", TODAY)
    assert last.proposal.to_pay == D("0.00")
    assert last.ledger is not None and (last.ledger.paid, last.ledger.to_pay) == (
        D("1000.00"),
        D("0.00"),
    )
    assert [p.reference for p in last.proposal.payments] == ["factuur 2027-013", "=SOM(A1)"]
    assert year_budget(db, hood.id, 2027).waiting_for_money == ()
    back = remove_payment(db, last.proposal.payments[-1].id)
    assert back.proposal.to_pay == D("400.00")
    assert [p.id for p in year_budget(db, hood.id, 2027).waiting_for_money] == [proposal]
    unchanged(NotFound, lambda: remove_payment(db, 4711))
    assert check_database(db).ok


# -- the ledger --------------------------------------------------------------------------------


def test_the_year_per_proposal_and_per_theme(db: Database) -> None:
    hood = budget_neighbourhood(db)
    a = propose(db, hood, "1.000,00", title="Bankje", theme="ouderen")
    b = propose(db, hood, "2.000,00", title="Glijbaan", theme="spelen", received=date(2027, 1, 6))
    c = propose(db, hood, "500,00", title="Schommel", theme="spelen", received=date(2027, 1, 7))
    propose(db, hood, "300,00", title="Wacht", theme=None, received=date(2027, 1, 8))
    decide_proposal(db, a, grant(hood), TODAY)
    decide_proposal(db, b, grant(hood, "1.500,00", "deels"), TODAY)
    decide_proposal(db, c, Decision(DecisionKind.REJECT, hood.february, reason="nee"), TODAY)
    record_payment(db, b, date(2027, 3, 1), "500,00", None, TODAY)
    data = year_budget(db, hood.id, 2027)
    assert [p.title for p in data.proposals] == ["Wacht", "Schommel", "Glijbaan", "Bankje"]
    figures = data.ledger
    assert (figures.granted, figures.paid, figures.to_pay, figures.remaining) == (
        D("2500.00"),
        D("500.00"),
        D("2000.00"),
        D("22500.00"),
    )
    assert [(t.theme, t.proposals, t.granted, t.paid) for t in data.themes] == [
        ("spelen", 2, D("1500.00"), D("500.00")),
        ("ouderen", 1, D("1000.00"), D("0.00")),
        (None, 1, D("0.00"), D("0.00")),
    ]
    assert [p.title for p in data.waiting_for_money] == ["Bankje", "Glijbaan"]
    assert [p.title for p in data.waiting_for_decision] == ["Wacht"]


def test_letter_facts_name_the_meeting_and_the_chair(db: Database) -> None:
    hood = budget_neighbourhood(db)
    proposal = propose(db, hood)
    decide_proposal(db, proposal, grant(hood), TODAY)
    facts = letter_facts(db, proposal, TODAY)
    assert (facts.resident, facts.chair, facts.neighbourhood.name) == (
        "Joke Smit",
        "Ans Verhoeven",
        "Duin en Dorp",
    )
    assert facts.meeting_starts_at == datetime(2027, 2, 23, 19, 30)
    assert facts.next_meeting == datetime(2027, 4, 6, 19, 30)
    waiting = letter_facts(db, propose(db, hood), TODAY)
    assert (waiting.meeting_starts_at, waiting.chair) == (None, None)
    assert waiting.next_meeting == datetime(2027, 4, 6, 19, 30)
    following = next_meeting_after(db, hood.id, date(2027, 2, 23))
    assert following is not None and following.id == hood.april


def test_budget_data_round_trips_through_the_exchange_file(
    db: Database, databases: Databases, tmp_path: Path
) -> None:
    hood = budget_neighbourhood(db)
    a = propose(db, hood, "1.000,00")
    b = propose(db, hood, "2.000,00", title="Muur")
    decide_proposal(db, a, grant(hood, "900,00", "iets minder"), TODAY)
    decide_proposal(
        db,
        b,
        Decision(DecisionKind.DEFER, hood.february, reason="Wacht", until=date(2027, 4, 6)),
        TODAY,
    )
    record_payment(db, a, date(2027, 3, 1), "100,00", "+31 factuur", TODAY)
    record_carry_over(db, hood.id, 2027, "1.000,00")
    first = tmp_path / "eerste.json"
    export_file(db, first)
    with databases.fresh() as copy:
        import_file(copy, first)
        again = tmp_path / "tweede.json"
        export_file(copy, again)
        copy_hood = next(n for n in budget_years_hoods(copy) if n[1] == "Duin en Dorp")[0]
        deferred = next(
            p for p in year_budget(copy, copy_hood, 2027).proposals if p.title == "Muur"
        )
        assert deferred.deferred_until == date(2027, 4, 6)

    def strip(path: Path) -> str:
        return "\n".join(
            line for line in path.read_text("utf-8").splitlines() if "exported_at" not in line
        )

    assert strip(first) == strip(again)


def budget_years_hoods(db: Database) -> list[tuple[int, str]]:
    from buurtteam.ops.overview import list_neighbourhoods

    return [(n.id, n.name) for n in list_neighbourhoods(db)]


def test_intake_of_a_resident_not_yet_known(db: Database) -> None:
    hood = budget_neighbourhood(db)
    intake = ProposalIntake(
        "Buurtfeest", "750", date(2027, 2, 1), True, new_person_name="  Zoë Hoekstra "
    )
    line = take_in_proposal(db, hood.id, intake, TODAY)
    assert line.submitted_by == "Zoë Hoekstra"
    again = take_in_proposal(
        db,
        hood.id,
        ProposalIntake("Nog een", "10", date(2027, 2, 1), True, new_person_name="Zoe Hoekstra"),
        TODAY,
    )
    with db.read() as s:
        people = {
            p.public_id: (p.name, p.roles)
            for p in s.query(Person).filter_by(neighbourhood_id=hood.id)
        }
    assert people["p-zoe-hoekstra"] == ("Zoë Hoekstra", "resident")
    assert people["p-zoe-hoekstra-2"] == ("Zoe Hoekstra", "resident")
    assert again.submitted_by_id != line.submitted_by_id
    assert check_database(db).ok
