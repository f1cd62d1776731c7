"""Column types that keep the domain's promises at the database boundary."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from buurtteam.domain.money import from_cents, to_cents


class Money(TypeDecorator[Decimal]):
    """A `Decimal` in Python, integer cents in the database.

    SQLAlchemy's `Numeric` on SQLite stores a float and sums drift; cents add up exactly.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        return None if value is None else to_cents(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else from_cents(int(value))


class NFCText(TypeDecorator[str]):
    """Text stored NFC-normalised, so "Zoë" typed two ways is one name."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else unicodedata.normalize("NFC", value)


class NFCString(TypeDecorator[str]):
    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else unicodedata.normalize("NFC", value)
