"""The buurtbudget's rules as pure functions: decisions, payments, carry-over, themes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtteam.domain.budget import (
    Decision,
    DecisionKind,
    NoBudgetYear,
    OverBudget,
    PaymentAboveGrant,
    ProposalFacts,
    Votes,
    check_budget_amount,
    check_carry_over,
    check_grant,
    check_payment,
    decide,
    deferral_reason,
    grant_preview,
    split_deferral,
    theme_totals,
)
from buurtteam.domain.ledger import Ledger, ledger
from buurtteam.domain.vocab import ProposalStatus
from buurtteam.errors import InvalidInput, RuleBroken

D = Decimal
MEETING = date(2027, 3, 9)
TODAY = date(2027, 3, 10)
YEAR = ledger(2027, D("25000.00"), D("0.00"), [D("10000.00")], [D("2500.00")])

SUBMITTED = ProposalFacts(
    status=ProposalStatus.SUBMITTED,
    requested=D("1200.00"),
    not_regular_maintenance=True,
    received_on=date(2027, 2, 1),
    granted=None,
    paid=D("0.00"),
    year=2027,
)


def grant(amount: str | None = None, reason: str | None = None, **extra: object) -> Decision:
    return Decision(
        DecisionKind.GRANT,
        meeting_id=1,
        amount=D(amount) if amount else None,
        reason=reason,
        **extra,  # type: ignore[arg-type]
    )


def test_ledger_figures_are_exact_to_the_cent() -> None:
    year = ledger(
        2027, D("25000.00"), D("1234.56"), [D("0.10")] * 3, [D("0.10"), D("0.20")], D("100.00")
    )
    assert year.available == D("26234.56")
    assert year.granted == D("0.30")
    assert year.remaining == D("26134.26")
    assert year.to_pay == D("0.00")


def test_ledger_keeps_its_old_shape() -> None:
    """The Overzicht builds a Ledger with five values; the carry-out defaults to nothing."""
    year = Ledger(2027, D("25000.00"), D("0.00"), D("22500.00"), D("0.00"))
    assert year.remaining == D("2500.00")
    assert not year.is_low  # exactly a tenth left
    assert replace(year, granted=D("22500.01")).is_low


def test_a_full_grant_takes_the_amount_requested() -> None:
    outcome = decide(SUBMITTED, grant(), MEETING, TODAY, YEAR)
    assert outcome.status is ProposalStatus.GRANTED
    assert outcome.amount_granted == D("1200.00")
    assert outcome.year == 2027


def test_a_partial_grant_needs_a_reason() -> None:
    with pytest.raises(RuleBroken) as refused:
        decide(SUBMITTED, grant("1000.00"), MEETING, TODAY, YEAR)
    assert "€\xa01.000,00 is minder dan de gevraagde €\xa01.200,00" in refused.value.text()
    outcome = decide(SUBMITTED, grant("1000.00", "Eerst de helft"), MEETING, TODAY, YEAR)
    assert (outcome.amount_granted, outcome.reason) == (D("1000.00"), "Eerst de helft")


def test_grant_above_requested_or_nothing_is_refused() -> None:
    with pytest.raises(RuleBroken, match="meer dan de gevraagde"):
        decide(SUBMITTED, grant("1200.01"), MEETING, TODAY, YEAR)
    with pytest.raises(RuleBroken, match="wijs de aanvraag dan af"):
        decide(SUBMITTED, grant("0.00", "niets"), MEETING, TODAY, YEAR)


def test_regular_maintenance_cannot_be_granted() -> None:
    facts = replace(SUBMITTED, not_regular_maintenance=False)
    with pytest.raises(RuleBroken) as refused:
        decide(facts, grant(), MEETING, TODAY, YEAR)
    assert "geen regulier onderhoud" in refused.value.text()
    # Rejecting it is fine.
    outcome = decide(
        facts, Decision(DecisionKind.REJECT, 1, reason="Regulier onderhoud"), MEETING, TODAY, YEAR
    )
    assert outcome.status is ProposalStatus.REJECTED


def test_over_budget_names_what_is_left() -> None:
    small = ledger(2027, D("25000.00"), D("0.00"), [D("24000.00")], [])
    with pytest.raises(OverBudget) as refused:
        decide(SUBMITTED, grant(), MEETING, TODAY, small)
    assert refused.value.remaining == D("1000.00")
    assert "nog maar €\xa01.000,00 over" in refused.value.text()


def test_no_budget_year_is_refused() -> None:
    with pytest.raises(NoBudgetYear, match="2028"):
        decide(SUBMITTED, grant(year=2028), MEETING, TODAY, None)


def test_the_cent_edge() -> None:
    full = ledger(2027, D("25000.00"), D("0.00"), [D("23800.00")], [])
    decide(SUBMITTED, grant(), MEETING, TODAY, full)  # exactly what is left
    short = ledger(2027, D("25000.00"), D("0.00"), [D("23800.01")], [])
    with pytest.raises(OverBudget):
        decide(SUBMITTED, grant(), MEETING, TODAY, short)


def test_reject_and_defer_need_reasons_and_defer_a_date() -> None:
    with pytest.raises(RuleBroken, match="Zeg waarom"):
        decide(SUBMITTED, Decision(DecisionKind.REJECT, 1, reason="  "), MEETING, TODAY, YEAR)
    with pytest.raises(RuleBroken, match="Zeg waarom"):
        decide(SUBMITTED, Decision(DecisionKind.DEFER, 1), MEETING, TODAY, YEAR)
    with pytest.raises(RuleBroken, match="tot wanneer"):
        decide(
            SUBMITTED,
            Decision(DecisionKind.DEFER, 1, reason="Offerte", until=MEETING),
            MEETING,
            TODAY,
            YEAR,
        )
    outcome = decide(
        SUBMITTED,
        Decision(DecisionKind.DEFER, 1, reason="Wacht op offerte", until=date(2027, 4, 20)),
        MEETING,
        TODAY,
        YEAR,
    )
    assert outcome.status is ProposalStatus.DEFERRED
    assert split_deferral(outcome.reason) == (date(2027, 4, 20), "Wacht op offerte")


def test_decisions_at_meetings_still_to_come_or_before_receipt_are_refused() -> None:
    with pytest.raises(RuleBroken, match="nog niet geweest"):
        decide(SUBMITTED, grant(), date(2027, 3, 11), TODAY, YEAR)
    with pytest.raises(RuleBroken, match="voordat de aanvraag binnenkwam"):
        decide(SUBMITTED, grant(), date(2027, 1, 31), TODAY, YEAR)
    decide(SUBMITTED, grant(), TODAY, TODAY, YEAR)  # meeting mode: decided today


def test_what_can_follow_what() -> None:
    granted = replace(SUBMITTED, status=ProposalStatus.GRANTED, granted=D("1200.00"))
    with pytest.raises(RuleBroken, match="afgewezen of aangehouden"):
        decide(granted, Decision(DecisionKind.REJECT, 1, reason="x"), MEETING, TODAY, YEAR)
    outcome = decide(granted, Decision(DecisionKind.WITHDRAW, 1), MEETING, TODAY, YEAR)
    assert (outcome.status, outcome.amount_granted) == (ProposalStatus.WITHDRAWN, None)
    paid = replace(granted, paid=D("100.00"))
    with pytest.raises(RuleBroken, match="betaald"):
        decide(paid, Decision(DecisionKind.WITHDRAW, 1), MEETING, TODAY, YEAR)
    with pytest.raises(RuleBroken, match="kan niet omlaag"):
        decide(paid, grant("99.99", "minder"), MEETING, TODAY, YEAR)
    for final in (ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN):
        with pytest.raises(RuleBroken, match="nieuwe aanvraag"):
            decide(replace(SUBMITTED, status=final), grant(), MEETING, TODAY, YEAR)
    deferred = replace(SUBMITTED, status=ProposalStatus.DEFERRED)
    assert decide(deferred, grant(), MEETING, TODAY, YEAR).status is ProposalStatus.GRANTED


def test_a_corrected_grant_counts_only_the_difference() -> None:
    granted = replace(SUBMITTED, status=ProposalStatus.GRANTED, granted=D("1000.00"))
    tight = ledger(2027, D("25000.00"), D("0.00"), [D("24800.00")], [])  # incl. the 1000
    outcome = decide(granted, grant("1200.00"), MEETING, TODAY, tight)
    assert outcome.amount_granted == D("1200.00")
    # Moved to another year, the whole grant must fit there.
    with pytest.raises(OverBudget):
        decide(granted, grant("1200.00", year=2028), MEETING, TODAY, replace(tight, year=2028))


def test_only_a_grant_moves_the_year() -> None:
    with pytest.raises(RuleBroken, match="ander budgetjaar"):
        decide(
            SUBMITTED,
            Decision(DecisionKind.REJECT, 1, reason="x", year=2028),
            MEETING,
            TODAY,
            YEAR,
        )


def test_negative_votes_are_refused() -> None:
    with pytest.raises(InvalidInput):
        decide(SUBMITTED, grant(votes=Votes(3, -1, 0)), MEETING, TODAY, YEAR)


def test_reasons_with_control_characters_are_refused() -> None:
    with pytest.raises(InvalidInput):
        decide(SUBMITTED, Decision(DecisionKind.REJECT, 1, reason="a\x00b"), MEETING, TODAY, YEAR)


def test_payments_never_above_the_grant() -> None:
    granted = ProposalStatus.GRANTED
    check_payment(granted, D("100.00"), D("60.00"), D("40.00"), TODAY, TODAY)
    with pytest.raises(PaymentAboveGrant) as refused:
        check_payment(granted, D("100.00"), D("60.00"), D("40.01"), TODAY, TODAY)
    assert "hoogstens €\xa040,00" in refused.value.text()
    with pytest.raises(RuleBroken, match="niet toegekend"):
        check_payment(ProposalStatus.SUBMITTED, None, D("0"), D("1.00"), TODAY, TODAY)
    with pytest.raises(RuleBroken, match="moet meer zijn dan"):
        check_payment(granted, D("100.00"), D("0.00"), D("0.00"), TODAY, TODAY)
    with pytest.raises(RuleBroken, match="moet nog komen"):
        check_payment(granted, D("100.00"), D("0.00"), D("1.00"), date(2027, 3, 11), TODAY)


def test_a_budget_cannot_drop_below_what_is_granted() -> None:
    assert check_budget_amount(YEAR, D("10000.00")) == D("10000.00")
    with pytest.raises(RuleBroken) as refused:
        check_budget_amount(YEAR, D("9999.99"))
    assert "minstens €\xa010.000,00" in refused.value.text()


def test_carry_over_at_most_what_is_unspent() -> None:
    source = ledger(2027, D("25000.00"), D("0.00"), [D("24000.00")], [])
    assert check_carry_over(source, None, D("1000.00")) == D("1000.00")
    with pytest.raises(RuleBroken, match="hoogstens dat"):
        check_carry_over(source, None, D("1000.01"))
    # Changing an existing carry-over: the old one does not count against the new.
    carried = replace(source, carried_out=D("1000.00"))
    check_carry_over(carried, None, D("1000.00"))
    # The next year may already rely on it.
    target = ledger(2028, D("25000.00"), D("1000.00"), [D("25500.00")], [])
    with pytest.raises(RuleBroken, match="minstens €\xa0500,00"):
        check_carry_over(carried, target, D("400.00"))
    check_carry_over(carried, target, D("500.00"))


def test_deferral_reason_round_trip() -> None:
    stored = deferral_reason(date(2027, 5, 18), "Wacht op: toestemming\nvan de corporatie")
    assert split_deferral(stored) == (date(2027, 5, 18), "Wacht op: toestemming\nvan de corporatie")
    # Deferrals made elsewhere keep their text and have no date.
    assert split_deferral("Aangehouden tot de corporatie antwoordt.") == (
        None,
        "Aangehouden tot de corporatie antwoordt.",
    )
    assert split_deferral("2027-13-45: kapot") == (None, "2027-13-45: kapot")
    assert split_deferral(None) == (None, None)


def test_themes_add_up_and_sort_by_grant() -> None:
    totals = theme_totals(
        [
            ("groen", D("100.00"), D("100.00"), D("50.00")),
            ("spelen", D("900.00"), D("800.00"), D("0.00")),
            (" groen ", D("10.00"), None, D("0.00")),
            (None, D("5.00"), None, D("0.00")),
            ("", D("5.00"), None, D("0.00")),
        ]
    )
    assert [(t.theme, t.proposals, t.requested, t.granted, t.to_pay) for t in totals] == [
        ("spelen", 1, D("900.00"), D("800.00"), D("800.00")),
        ("groen", 2, D("110.00"), D("100.00"), D("50.00")),
        (None, 2, D("10.00"), D("0.00"), D("0.00")),
    ]


cents = st.integers(min_value=0, max_value=3_000_000).map(lambda c: D(c) / 100)


@given(
    amount=cents,
    granted=st.lists(cents, max_size=8),
    new=cents,
)
def test_grant_preview_matches_check_grant(
    amount: Decimal, granted: list[Decimal], new: Decimal
) -> None:
    year = ledger(2027, amount, D("0.00"), granted, [])
    after = grant_preview(year, new)
    assert after == year.remaining - new
    if after >= 0:
        check_grant(year, new)
    else:
        with pytest.raises(OverBudget):
            check_grant(year, new)
