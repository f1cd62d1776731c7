"""Money and dates written the way the chosen language writes them.

babel puts a no-break space after the euro sign (`€\xa025.000,00`) so an amount never
breaks over two lines on paper; keep it.

The day and month names and the separators below are CLDR's, as babel has them for
`nl_NL` and `en_GB`; tests/i18n/test_format.py checks them and every function against
babel itself. The window formats with them instead of importing babel and loading its
locale data, which took a tenth of the start-up (issue 8); the rarer forms still ask babel.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import ROUND_HALF_EVEN, Decimal

from buurtteam import i18n

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

# Monday first, as date.weekday() counts.
DAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
SEPARATORS = {"nl": (",", "."), "en": (".", ",")}  # (decimal, group)
_CENT = Decimal("0.01")


def _locale() -> str:
    return _LOCALES[i18n.language()]


def _grouped(whole: int, group: str) -> str:
    return f"{whole:,}".replace(",", group)


def euro(amount: Decimal) -> str:
    """`€ 25.000,00` in Dutch, `€25,000.00` in English; rounded half to even, as babel."""
    language = i18n.language()
    decimal_mark, group = SEPARATORS[language]
    cents = abs(amount).quantize(_CENT, rounding=ROUND_HALF_EVEN)
    whole, fraction = divmod(int(cents * 100), 100)
    digits = f"{_grouped(whole, group)}{decimal_mark}{fraction:02d}"
    sign = "-" if amount.is_signed() else ""  # babel keeps the sign of -0.001 too
    if language == "nl":
        return f"€\xa0{sign}{digits}"
    return f"{sign}€{digits}"


def number(value: int | Decimal) -> str:
    """`1.234` in Dutch, `1,234` in English."""
    if isinstance(value, int):
        return _grouped(value, SEPARATORS[i18n.language()][1])
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale())


def datum(day: date) -> str:
    """The full date in words: `dinsdag 12 januari 2027`."""
    language = i18n.language()
    weekday = DAYS[language][day.weekday()]
    if language == "nl":
        return f"{weekday} {datum_long(day)}"
    return f"{weekday}, {datum_long(day)}"


def datum_long(day: date) -> str:
    """`12 januari 2027`."""
    return f"{day.day} {MONTHS[i18n.language()][day.month - 1]} {day.year}"


def datum_short(day: date) -> str:
    """`12-01-2027` (Dutch) for tables where space is short."""
    if i18n.language() == "nl":
        return day.strftime("%d-%m-%Y")
    from babel.dates import format_date

    return format_date(day, format="medium", locale=_locale())


def tijd(moment: time | datetime) -> str:
    """`19:30`."""
    return f"{moment.hour:02d}:{moment.minute:02d}"
