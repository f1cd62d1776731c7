"""Fuzzing the contract spreadsheet import: any file is imported whole or refused cleanly.

Hypothesis writes CSV files (every separator, encoding, odd Unicode, broken dates and
statuses, unknown parties, huge cells) and XLSX files with odd cell values; the import
must raise nothing but a BuurtteamError, and a refused file leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from buurtteam.errors import BuurtteamError
from buurtteam.ops.contract import import_contract_file
from buurtteam.ops.exchange import import_file
from buurtteam.store.db import open_database
from tests.conftest import EXAMPLE

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


def dump(path: Path) -> list[str]:
    raw = sqlite3.connect(path)
    try:
        return list(raw.iterdump())
    finally:
        raw.close()


def _template(base: Path) -> Path:
    template = base / "sheet-template.sqlite"
    if not template.exists():
        db = open_database(template, daily_backup=False)
        import_file(db, EXAMPLE)
        db.close()
    return template


def _try(base: Path, write: Any) -> None:
    folder = Path(tempfile.mkdtemp(dir=base))
    try:
        path = folder / "fuzz.sqlite"
        shutil.copyfile(_template(base), path)
        sheet = write(folder)
        db = open_database(path, daily_backup=False)
        before = dump(path)
        try:
            import_contract_file(db, "Duin en Dorp", "c-2027", sheet, dt.date(2027, 3, 1))
        except BuurtteamError as error:
            assert error.text()
            assert dump(path) == before
        db.close()
    finally:
        shutil.rmtree(folder)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    body=rows,
    header=st.permutations(HEADERS),
    separator=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_any_csv_is_imported_whole_or_refused(
    body: list[list[str]],
    header: list[str],
    separator: str,
    encoding: str,
    tmp_path_factory: Any,
) -> None:
    def write(folder: Path) -> Path:
        lines = [separator.join(header)] + [separator.join(r) for r in body]
        sheet = folder / "punten.csv"
        sheet.write_bytes("\r\n".join(lines).encode(encoding, errors="replace"))
        return sheet

    _try(tmp_path_factory.getbasetemp(), write)


xlsx_cell = st.one_of(
    cell,
    st.integers(-5, 10**6),
    st.floats(allow_nan=False),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.none(),
    st.booleans(),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(body=st.lists(st.lists(xlsx_cell, max_size=8), max_size=5), header=st.permutations(HEADERS))
def test_any_xlsx_is_imported_whole_or_refused(
    body: list[list[Any]], header: list[str], tmp_path_factory: Any
) -> None:
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

    _try(tmp_path_factory.getbasetemp(), write)
