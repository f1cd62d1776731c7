"""Fuzzing the contract spreadsheet import: any file is imported whole or refused cleanly.

Hypothesis writes CSV files (every separator, encoding, odd Unicode, broken dates and
statuses, unknown parties, huge cells) and XLSX files with odd cell values; the import
must raise nothing but a BuurtteamError, and a refused file leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from buurtteam.errors import BuurtteamError
from buurtteam.ops.contract import import_contract_file
from buurtteam.ops.exchange import import_file
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE, Databases, examples
from tests.snapshot import snapshot

HEADERS = ["nummer", "titel", "omschrijving", "thema", "uitvoerder", "deadline", "status"]
cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "1",
            "86",
            "-3",
            "1,5",
            "gemeente",
            "Politie, wijkagent",
            "raad",
            "onbekende partij",
            "30-6-2027",
            "2027-06-30",
            "31-02-2027",
            "2027-13-01",
            "gereed",
            "in uitvoering",
            "niet nagekomen",
            "done",
            "klaar?",
            "=SOM(A1)",
            "@cmd",
            "<b>",
            "\x00",
            "Zoe\u0308",
            "a" * 30_000,
        ]
    ),
)
rows = st.lists(st.lists(cell, min_size=0, max_size=9), min_size=0, max_size=6)


def _seed(db: Database) -> None:
    import_file(db, EXAMPLE)


def _try(databases: Databases, write: Callable[[Path], Path]) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        databases.fresh(seed=databases.seeded("sheet", _seed)) as db,
    ):
        sheet = write(Path(folder))
        before = snapshot(db)
        try:
            import_contract_file(db, "Duin en Dorp", "c-2027", sheet, dt.date(2027, 3, 1))
        except BuurtteamError as error:
            assert error.text()
            assert snapshot(db) == before


def test_any_csv_is_imported_whole_or_refused(databases: Databases, backend: str) -> None:
    @settings(
        max_examples=examples(backend, 80),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        body=rows,
        header=st.permutations(HEADERS),
        separator=st.sampled_from([";", ",", "\t"]),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    )
    def import_whole_or_refuse(
        body: list[list[str]], header: list[str], separator: str, encoding: str
    ) -> None:
        def write(folder: Path) -> Path:
            lines = [separator.join(header)] + [separator.join(r) for r in body]
            sheet = folder / "punten.csv"
            sheet.write_bytes("\r\n".join(lines).encode(encoding, errors="replace"))
            return sheet

        _try(databases, write)

    import_whole_or_refuse()


xlsx_cell = st.one_of(
    cell,
    st.integers(-5, 10**6),
    st.floats(allow_nan=False),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.none(),
    st.booleans(),
)


def test_any_xlsx_is_imported_whole_or_refused(databases: Databases, backend: str) -> None:
    @settings(
        max_examples=examples(backend, 30),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        body=st.lists(st.lists(xlsx_cell, max_size=8), max_size=5),
        header=st.permutations(HEADERS),
    )
    def import_whole_or_refuse(body: list[list[Any]], header: list[str]) -> None:
        def write(folder: Path) -> Path:
            book = Workbook()
            sheet = book.active
            sheet.append(header)
            for row in body:
                # What a spreadsheet program can save at all: no control characters.
                sheet.append(
                    [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
                )
            target = folder / "punten.xlsx"
            book.save(target)
            return target

        _try(databases, write)

    import_whole_or_refuse()
