"""Money is exact: `Decimal` with two places in Python, integer cents in the database."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from buurtteam.errors import N_, InvalidInput

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# The largest amount we accept anywhere: a billion euros is far beyond any budget and
# keeps cents inside a 64-bit integer with room to add thousands of them.
MAX_AMOUNT = Decimal("999999999.99")

_EXCHANGE_MONEY = re.compile(r"^(0|[1-9][0-9]{0,8})\.[0-9]{2}$")
# Dutch input: optional euro sign, thousands with dots or spaces, decimal comma; also a
# plain dot decimal ("12.50") as people type it. Whole euros ("25.000" or "25000").
_DUTCH_GROUPED = re.compile(r"^[0-9]{1,3}([. ][0-9]{3})+(,[0-9]{1,2})?$")
_PLAIN_COMMA = re.compile(r"^[0-9]+(,[0-9]{1,2})?$")
_PLAIN_DOT = re.compile(r"^[0-9]+\.[0-9]{1,2}$")
_ENGLISH_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{1,2})?$")


def parse_exchange_money(value: object, path: str | None = None) -> Decimal:
    """Parse the exchange format's money: a string with a dot and exactly two decimals."""
    if not isinstance(value, str) or not _EXCHANGE_MONEY.match(value):
        raise InvalidInput(
            N_(
                "{value!r} is not an amount in the form 1234.50 (a text with a dot and two "
                "decimals, not negative)."
            ),
            path=path,
            value=value,
        )
    return Decimal(value)


def format_exchange_money(amount: Decimal) -> str:
    """Write money the exchange way: `"25000.00"`."""
    return f"{amount.quantize(CENT):f}"


def parse_amount(text: str, path: str | None = None) -> Decimal:
    """Parse an amount as a Dutch user types it: `€ 1.234,50`, `1234,5`, `12.50`, `25000`.

    Refuses negative amounts, more than two decimals and anything ambiguous.
    """
    cleaned = text.strip().replace("\u20ac", "").replace("EUR", "").replace("\xa0", " ").strip()
    cleaned = cleaned.replace("\u202f", " ")
    if cleaned.endswith(",-") or cleaned.endswith(",--"):
        cleaned = cleaned.rsplit(",", 1)[0]
    try:
        if _DUTCH_GROUPED.match(cleaned):
            number = cleaned.replace(".", "").replace(" ", "").replace(",", ".")
        elif _PLAIN_COMMA.match(cleaned):
            number = cleaned.replace(",", ".")
        elif _PLAIN_DOT.match(cleaned):
            number = cleaned
        elif _ENGLISH_GROUPED.match(cleaned) and "." in cleaned:
            number = cleaned.replace(",", "")
        else:
            raise InvalidOperation
        amount = Decimal(number).quantize(CENT)
    except InvalidOperation:
        raise InvalidInput(
            N_("{value!r} is not an amount. Type it like 1.250,00 (a comma before the cents)."),
            path=path,
            value=text,
        ) from None
    check_amount(amount, path)
    return amount


def check_amount(amount: Decimal, path: str | None = None) -> Decimal:
    """Refuse amounts that are negative, have fractions of cents or are absurdly large."""
    if amount != amount.quantize(CENT) or amount < 0 or amount > MAX_AMOUNT:
        raise InvalidInput(
            N_(
                "{value} is not a valid amount: it must be between 0 and 999.999.999,99 euro, "
                "in whole cents."
            ),
            path=path,
            value=str(amount),
        )
    return amount.quantize(CENT)


def to_cents(amount: Decimal) -> int:
    return int(amount.quantize(CENT) * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO).quantize(CENT)
