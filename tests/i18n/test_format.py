"""Our money and date formatting says exactly what babel (CLDR) says, in both languages.

format.py formats without babel on the window's way to its first screen; these tests
hold it to babel's own output over many dates and amounts, and its names to babel's data.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtteam import i18n
from buurtteam.i18n import format as fmt

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
# The language fixture holds for all of a test's examples, which is what is wanted here.
shared_language = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(params=sorted(LOCALES))
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    before = i18n.language()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


def test_the_names_and_separators_are_cldrs(language: str) -> None:
    locale = Locale.parse(LOCALES[language])
    days = locale.days["format"]["wide"]
    months = locale.months["format"]["wide"]
    assert fmt.DAYS[language] == tuple(days[index] for index in range(7))
    assert fmt.MONTHS[language] == tuple(months[index] for index in range(1, 13))
    symbols = locale.number_symbols["latn"]
    assert fmt.SEPARATORS[language] == (symbols["decimal"], symbols["group"])


def test_the_examples_on_paper() -> None:
    i18n.set_language("nl")
    assert fmt.datum(date(2027, 1, 12)) == "dinsdag 12 januari 2027"
    assert fmt.euro(Decimal("25000")) == "€\xa025.000,00"
    assert fmt.tijd(time(9, 5)) == "09:05"


days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
amounts = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(lambda cents: Decimal(cents) / 100),
    st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, places=4),
    st.sampled_from([Decimal("-0"), Decimal("-0.004"), Decimal("0.005"), Decimal("0.015")]),
)


@shared_language
@given(day=days)
def test_dates_as_babel_writes_them(language: str, day: date) -> None:
    locale = LOCALES[language]
    assert fmt.datum(day) == format_date(day, format="full", locale=locale)
    assert fmt.datum_long(day) == format_date(day, format="long", locale=locale)


@shared_language
@given(moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_times_as_babel_writes_them(language: str, moment: datetime) -> None:
    assert fmt.tijd(moment) == format_time(moment, format="HH:mm", locale=LOCALES[language])
    assert fmt.tijd(moment.time()) == fmt.tijd(moment)


@shared_language
@given(amount=amounts)
def test_money_as_babel_writes_it(language: str, amount: Decimal) -> None:
    assert fmt.euro(amount) == format_currency(amount, "EUR", locale=LOCALES[language])


@shared_language
@given(value=st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_numbers_as_babel_writes_them(language: str, value: int) -> None:
    assert fmt.number(value) == format_decimal(value, locale=LOCALES[language])
