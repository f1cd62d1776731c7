"""The export for finance, read back the way finance would open it."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from buurtteam.domain.budget import Decision, DecisionKind
from buurtteam.errors import InvalidInput, StoreError
from buurtteam.ops.budget import ProposalIntake, decide_proposal, record_payment, take_in_proposal
from buurtteam.ops.finance_export import export_finance, looks_like_formula, neutralise
from buurtteam.store.db import Database
from buurtteam.store.models import Proposal
from tests.ops.test_budget import TODAY, Hood, budget_neighbourhood, grant, propose

EVIL = '=HYPERLINK("http://x";"klik")'


def filled(db: Database) -> Hood:
    hood = budget_neighbourhood(db)
    bench = propose(db, hood, "1.234,50", title="Bankje voor Zoë Çelik", theme="ouderen")
    evil = take_in_proposal(
        db,
        hood.id,
        ProposalIntake(
            title=EVIL,
            amount_requested="500",
            received_on=date(2027, 1, 20),
            not_regular_maintenance=True,
            theme="  @SUM(A1)",
            submitted_by_id=hood.joke,
        ),
        TODAY,
    ).id
    waiting = propose(db, hood, "99,99", title="-2+3 bloembakken", received=date(2027, 2, 1))
    decide_proposal(db, bench, grant(hood), TODAY)
    decide_proposal(db, evil, grant(hood, "400,00", "deels"), TODAY)
    decide_proposal(db, waiting, Decision(DecisionKind.REJECT, hood.february, reason="nee"), TODAY)
    record_payment(db, bench, date(2027, 3, 1), "1.000,00", "+31 factuur 7", TODAY)
    record_payment(db, evil, date(2027, 3, 2), "0,01", "=1+1", TODAY)
    # An imported file may hold what the app itself trims: spaces and a tab in front.
    with db.write() as s:
        row = s.get(Proposal, evil)
        assert row is not None
        row.theme = "  @SUM(A1)"
        other = s.get(Proposal, waiting)
        assert other is not None
        other.theme = "\t-cmd"
    return hood


def test_xlsx_has_real_numbers_dates_and_a_euro_format(db: Database, tmp_path: Path) -> None:
    hood = filled(db)
    target = export_finance(db, hood.id, 2027, tmp_path / "financien.xlsx")
    book = load_workbook(target)
    assert book.sheetnames == ["Aanvragen", "Betalingen", "Totalen"]
    sheet = book["Aanvragen"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Buurt",
        "Jaar",
        "Kenmerk",
        "Aanvraag",
        "Thema",
        "Ingediend door",
        "Ontvangen op",
        "Status",
        "Besloten op",
        "Gevraagd",
        "Toegekend",
        "Betaald",
        "Nog te betalen",
    )
    by_title = {row[3]: row for row in rows[1:]}
    bench = by_title["Bankje voor Zoë Çelik"]
    assert bench[7] == "toegekend"
    assert bench[6] == datetime(2027, 1, 5)
    assert bench[8] == datetime(2027, 2, 23)
    assert bench[9:] == (1234.5, 1234.5, 1000, 234.5)
    assert by_title["-2+3 bloembakken"][7:] == ("afgewezen", datetime(2027, 2, 23), 99.99, 0, 0, 0)
    amount_cell = sheet.cell(row=2, column=10)
    assert amount_cell.data_type == "n" and "€" in amount_cell.number_format
    assert sheet.cell(row=2, column=7).is_date
    totals = dict(book["Totalen"].iter_rows(min_row=2, values_only=True))
    assert totals["Budget voor 2027"] == 25000
    assert totals["Toegekend"] == 1634.5
    assert totals["Betaald"] == 1000.01
    assert totals["Nog toe te kennen"] == 23365.5
    payments = list(book["Betalingen"].iter_rows(min_row=2, values_only=True))
    assert [(p[2], p[3], p[4]) for p in payments] == [
        (datetime(2027, 3, 2), 0.01, "=1+1"),
        (datetime(2027, 3, 1), 1000, "+31 factuur 7"),
    ]


def test_xlsx_never_holds_a_formula(db: Database, tmp_path: Path) -> None:
    hood = filled(db)
    target = export_finance(db, hood.id, 2027, tmp_path / "financien.xlsx")
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    book = load_workbook(target)
    cells = {
        c.value: c
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }
    for text in (EVIL, "  @SUM(A1)", "-2+3 bloembakken", "\t-cmd", "=1+1"):
        cell = cells[text]  # the text kept exactly as typed ...
        assert cell.data_type == "s"
        assert cell.quotePrefix  # ... and marked as text, as Excel does for '=...
    assert not cells["Bankje voor Zoë Çelik"].quotePrefix


def test_csv_reads_the_dutch_way_and_runs_nothing(db: Database, tmp_path: Path) -> None:
    hood = filled(db)
    target = export_finance(db, hood.id, 2027, tmp_path / "financien.csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:4] == ["Buurt", "Jaar", "Kenmerk", "Aanvraag"]
    by_title = {row[3]: row for row in rows[1:]}
    bench = by_title["Bankje voor Zoë Çelik"]
    assert bench[6] == "05-01-2027" and bench[8] == "23-02-2027"
    assert bench[9:] == ["1234,50", "1234,50", "1000,00", "234,50"]
    assert "'" + EVIL in by_title
    assert by_title["'" + EVIL][4] == "'  @SUM(A1)"
    assert by_title["'-2+3 bloembakken"][4] == "'\t-cmd"
    for row in rows:
        for cell in row:
            assert not looks_like_formula(cell), cell


def test_other_formats_and_unwritable_places_are_refused(db: Database, tmp_path: Path) -> None:
    hood = filled(db)
    with pytest.raises(InvalidInput, match=r"\.xlsx of een \.csv"):
        export_finance(db, hood.id, 2027, tmp_path / "financien.pdf")
    with pytest.raises(StoreError):
        export_finance(db, hood.id, 2027, tmp_path / "bestaat-niet" / "financien.csv")
    assert not list(tmp_path.glob("**/*.part"))


def test_an_empty_year_exports_headers_and_zeros(db: Database, tmp_path: Path) -> None:
    hood = budget_neighbourhood(db, amount=None)
    book = load_workbook(export_finance(db, hood.id, 2031, tmp_path / "leeg.xlsx"))
    assert book["Aanvragen"].max_row == 1
    totals = dict(book["Totalen"].iter_rows(min_row=2, values_only=True))
    assert totals["Nog toe te kennen"] == 0


@given(st.text(max_size=20))
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    safe = neutralise(text)
    assert not looks_like_formula(safe)
    assert safe == text or safe == "'" + text


@pytest.mark.parametrize(
    "text", ["=1+1", "+31", "-5", "@SUM(A1)", "  =1", "\t=1", "\xa0-1", "\tx", "\rx"]
)
def test_formula_starts(text: str) -> None:
    assert looks_like_formula(text)


@pytest.mark.parametrize("text", ["", "Bankje", "1+1", "'=1", "e=mc²", "Zoë"])
def test_plain_text(text: str) -> None:
    assert not looks_like_formula(text)


def test_amounts_keep_their_cents_in_csv(db: Database, tmp_path: Path) -> None:
    hood = budget_neighbourhood(db)
    decide_proposal(db, propose(db, hood, "0,10"), grant(hood), TODAY)
    rows = export_finance(db, hood.id, 2027, tmp_path / "c.csv").read_text("utf-8-sig")
    assert ";0,10;0,10;0,00;0,10" in rows
    assert Decimal("0.10") == Decimal(rows.splitlines()[1].split(";")[-1].replace(",", "."))
