"""Random sequences of grants, partial grants, rejections and payments on a real file.

After every step the ledger's promises hold, exact to the cent: never more granted than
the budget, never more paid than granted, left = budget - granted; and a refused step
leaves every row as it was (on SQLite and on PostgreSQL).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtteam.domain.budget import Decision, DecisionKind
from buurtteam.domain.money import ZERO
from buurtteam.domain.vocab import ProposalStatus
from buurtteam.errors import BuurtteamError
from buurtteam.ops.budget import (
    ProposalIntake,
    decide_proposal,
    record_payment,
    take_in_proposal,
    year_budget,
)
from buurtteam.ops.check import check_database
from buurtteam.store.db import Database
from tests.conftest import Databases, examples
from tests.ops.test_budget import TODAY, Hood, budget_neighbourhood
from tests.snapshot import snapshot

BUDGET = Decimal("1000.00")  # small, so that refusals are common

cents = st.integers(min_value=0, max_value=60_000).map(lambda c: Decimal(c) / 100)
pick = st.integers(min_value=0, max_value=7)

steps = st.lists(
    st.one_of(
        st.tuples(st.just("propose"), cents, st.booleans()),
        st.tuples(st.just("grant"), pick),
        st.tuples(st.just("partial"), pick, cents),
        st.tuples(st.just("reject"), pick),
        st.tuples(st.just("pay"), pick, cents),
    ),
    min_size=1,
    max_size=14,
)


def run_step(db: Database, hood: Hood, proposals: list[int], step: tuple) -> None:  # type: ignore[type-arg]
    kind = step[0]
    if kind == "propose":
        _, amount, confirmed = step
        proposals.append(
            take_in_proposal(
                db,
                hood.id,
                ProposalIntake("Voorstel", amount, date(2027, 1, 5), confirmed),
                TODAY,
            ).id
        )
        return
    if not proposals:
        return
    target = proposals[step[1] % len(proposals)]
    if kind == "grant":
        decide_proposal(db, target, Decision(DecisionKind.GRANT, hood.february), TODAY)
    elif kind == "partial":
        decision = Decision(DecisionKind.GRANT, hood.february, amount=step[2], reason="deels")
        decide_proposal(db, target, decision, TODAY)
    elif kind == "reject":
        decide_proposal(
            db, target, Decision(DecisionKind.REJECT, hood.february, reason="nee"), TODAY
        )
    else:
        record_payment(db, target, date(2027, 3, 1), step[2], "factuur", TODAY)


def check_invariants(db: Database, hood: Hood) -> None:
    data = year_budget(db, hood.id, 2027)
    figures = data.ledger
    assert figures.available == BUDGET
    assert figures.granted <= figures.available
    assert figures.paid <= figures.granted
    assert figures.remaining == figures.available - figures.granted
    assert figures.remaining >= ZERO
    granted = [p for p in data.proposals if p.status is ProposalStatus.GRANTED]
    assert figures.granted == sum((p.granted or ZERO for p in granted), ZERO)
    assert figures.paid == sum((p.paid for p in data.proposals), ZERO)
    for proposal in data.proposals:
        assert proposal.paid <= (proposal.granted or ZERO)
        if proposal.status is ProposalStatus.GRANTED:
            assert proposal.not_regular_maintenance
            assert ZERO < (proposal.granted or ZERO) <= proposal.requested
        else:
            assert proposal.paid == ZERO
    for value in (figures.granted, figures.paid, figures.remaining):
        assert value == value.quantize(Decimal("0.01"))


def test_the_ledger_holds_whatever_the_team_does(databases: Databases, backend: str) -> None:
    @settings(
        max_examples=examples(backend, 30),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(sequence=steps)
    def ledger_holds(sequence: list[tuple]) -> None:  # type: ignore[type-arg]
        with databases.fresh() as db:
            hood = budget_neighbourhood(db, amount=str(BUDGET))
            proposals: list[int] = []
            for step in sequence:
                before = snapshot(db)
                try:
                    run_step(db, hood, proposals, step)
                except BuurtteamError:
                    assert snapshot(db) == before, f"refused step {step} changed the database"
                check_invariants(db, hood)
            assert check_database(db).ok

    ledger_holds()
