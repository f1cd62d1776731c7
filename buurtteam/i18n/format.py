"""Money and dates written the way the chosen language writes them.

babel puts a no-break space after the euro sign (`€\xa025.000,00`) so an amount never
breaks over two lines on paper; keep it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal

from buurtteam import i18n

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _locale() -> str:
    return _LOCALES[i18n.language()]


def euro(amount: Decimal) -> str:
    """`€ 25.000,00` in Dutch, `€25,000.00` in English."""
    return format_currency(amount, "EUR", locale=_locale())


def number(value: int | Decimal) -> str:
    return format_decimal(value, locale=_locale())


def datum(day: date) -> str:
    """The full date in words: `dinsdag 12 januari 2027`."""
    return format_date(day, format="full", locale=_locale())


def datum_long(day: date) -> str:
    """`12 januari 2027`."""
    return format_date(day, format="long", locale=_locale())


def datum_short(day: date) -> str:
    """`12-01-2027` (Dutch) for tables where space is short."""
    if i18n.language() == "nl":
        return day.strftime("%d-%m-%Y")
    return format_date(day, format="medium", locale=_locale())


def tijd(moment: time | datetime) -> str:
    """`19:30`."""
    return format_time(moment, format="HH:mm", locale=_locale())
