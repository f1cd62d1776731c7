from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtteam.domain.budget import OverBudget, check_grant
from buurtteam.domain.ledger import Ledger, ledger
from buurtteam.domain.money import (
    format_exchange_money,
    from_cents,
    parse_amount,
    parse_exchange_money,
    to_cents,
    total,
)
from buurtteam.errors import InvalidInput

cents = st.integers(min_value=0, max_value=99_999_999_999)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("€ 25.000,00", "25000.00"),
        ("25.000", "25000.00"),
        ("1234,5", "1234.50"),
        ("12.50", "12.50"),
        ("0,01", "0.01"),
        ("1 250,00", "1250.00"),
        ("€\xa01.234,56", "1234.56"),
        ("250,-", "250.00"),
        ("1,250.75", "1250.75"),
    ],
)
def test_parse_amount_reads_what_dutch_people_type(typed: str, amount: str) -> None:
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "-5",
        "1,234",
        "12,345",
        "1.2.3",
        "12,345,6",
        "1e5",
        "0,001",
        "NaN",
        "Infinity",
        "1.000.000.000,00",
    ],
)
def test_parse_amount_refuses_nonsense_with_a_dutch_message(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_amount(typed, path="bedrag")
    assert "bedrag" in caught.value.text()
    assert "Traceback" not in caught.value.text()


@pytest.mark.parametrize(
    "value",
    ["25000", "25000.0", "-1.00", "1,00", 25000, 25000.0, "01.00", "1.000", None, "", " 1.00"],
)
def test_exchange_money_is_a_string_with_exactly_two_decimals(value: object) -> None:
    with pytest.raises(InvalidInput):
        parse_exchange_money(value, "x")


@given(cents)
def test_cents_round_trip_exactly(amount_cents: int) -> None:
    amount = from_cents(amount_cents)
    assert to_cents(amount) == amount_cents
    assert parse_exchange_money(format_exchange_money(amount)) == amount


@given(st.lists(cents, max_size=50))
def test_totals_are_exact(values: list[int]) -> None:
    assert to_cents(total(from_cents(v) for v in values)) == sum(values)


def test_dimes_add_up_where_floats_do_not() -> None:
    amounts = [Decimal("0.10")] * 3
    assert total(amounts) - Decimal("0.30") == 0
    assert sum([0.1] * 3) - 0.3 != 0  # the reason money is never a float here


def test_grant_up_to_the_cent_fits_and_one_cent_more_does_not() -> None:
    year = ledger(2027, Decimal("25000.00"), Decimal("0.00"), [Decimal("24000.00")], [])
    check_grant(year, Decimal("1000.00"))
    with pytest.raises(OverBudget) as caught:
        check_grant(year, Decimal("1000.01"))
    assert "€\xa01.000,00" in caught.value.text()  # the remaining amount, the Dutch way


def test_ledger_figures() -> None:
    year = ledger(
        2027,
        Decimal("25000.00"),
        Decimal("500.00"),
        [Decimal("6000.00"), Decimal("0.01")],
        [Decimal("3000.00")],
    )
    assert year == Ledger(
        2027, Decimal("25000.00"), Decimal("500.00"), Decimal("6000.01"), Decimal("3000.00")
    )
    assert year.available == Decimal("25500.00")
    assert year.remaining == Decimal("19499.99")
    assert year.to_pay == Decimal("3000.01")
    assert not year.is_low
    assert ledger(2027, Decimal("100"), Decimal("0"), [Decimal("90.01")], []).is_low
