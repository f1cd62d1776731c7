"""The printed contract report, the paper progress forms and the letter, read back from PDF."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from buurtteam.domain.contract import Accountability
from buurtteam.domain.vocab import PointStatus
from buurtteam.ops.contract import (
    change_status,
    contract_view,
    print_contract_report,
    print_progress_forms,
    report_data,
)
from buurtteam.ops.demo import load_demo
from buurtteam.reports.contract_report import (
    ContractReportData,
    ReportParty,
    ReportPoint,
    report_model,
    write_contract_report,
)
from buurtteam.reports.letter import LetterData, write_letter
from buurtteam.store.db import Database
from tests.ops.test_contract import ids
from tests.ops.test_overview import TODAY, add_sample_neighbourhood

DEMO_TODAY = date(2026, 12, 1)


def pdf_text(path: Path) -> str:
    """The text in drawing order (a table cell's lines stay together), whitespace folded.

    pdftotext drops babel's no-break space, so amounts read back as `€25.000,00`.
    """
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(raw.split())


def test_the_demo_report_prints_every_point_party_and_dutch_date(
    db: Database, tmp_path: Path
) -> None:
    load_demo(db, DEMO_TODAY)
    view = contract_view(db, 1, DEMO_TODAY)
    target = print_contract_report(db, 1, tmp_path / "rapport.pdf", DEMO_TODAY)
    text = pdf_text(target)
    pages = len(PdfReader(target).pages)
    assert pages > 1
    assert "Voortgang buurtcontract" in text
    assert "De Vlinderbuurt · Buurtcontract De Vlinderbuurt 2025–2027" in text  # page header
    assert "afgedrukt 1 december 2026" in text
    assert f"pagina 1 van {pages}" in text and f"pagina {pages} van {pages}" in text
    assert "Looptijd: 1 mei 2025 tot en met 31 oktober 2027" in text
    for point in view.points:
        assert point.title in text, point.title
    for card in view.scorecards:
        assert card.party.name in text
    assert "30 november 2026" in text  # point 33's deadline, in words
    assert "⚠ TE LAAT" in text  # point 33 is overdue
    assert "✗ NIET NAGEKOMEN" in text
    assert "Overzicht per partij" in text and "Alle partijen 86" in text


def test_marks_survive_black_and_white_and_the_summary_adds_up(tmp_path: Path) -> None:
    figures = Accountability("g", 3, 1, 1, 1, 1, 0, 2, (2,))
    data = ContractReportData(
        neighbourhood="Duin en Dorp",
        municipality="Zeedorp",
        contract_title="Buurtcontract <2027> & verder",
        starts_on=date(2027, 1, 1),
        ends_on=date(2029, 6, 30),
        printed_on=TODAY,
        parties=(
            ReportParty(
                "Gemeente Zeedorp",
                figures,
                (
                    ReportPoint(
                        1,
                        "Afvalbakken",
                        date(2027, 2, 1),
                        PointStatus.DONE,
                        False,
                        "Geplaatst",
                        date(2027, 2, 1),
                    ),
                    ReportPoint(
                        2, "Lantaarns <b>", date(2027, 3, 1), PointStatus.DELAYED, True, None, None
                    ),
                    ReportPoint(
                        3,
                        "Doeltje",
                        None,
                        PointStatus.NOT_KEPT,
                        False,
                        "Zonder overleg weggehaald",
                        date(2027, 2, 20),
                    ),
                ),
            ),
        ),
    )
    model = report_model(data)
    assert model.summary_rows == (
        ("Gemeente Zeedorp", "3", "1", "1", "1", "1", "2"),
        ("Alle partijen", "3", "1", "1", "1", "1", "2"),
    )
    rows = model.sections[0].rows
    assert rows[0] == (
        "1",
        "Afvalbakken",
        "1 februari 2027",
        "gereed",
        "1 februari 2027: Geplaatst",
    )
    assert rows[1][3] == "vertraagd\n⚠ TE LAAT"
    assert rows[2][2:4] == ("—", "✗ NIET NAGEKOMEN")
    assert model.sections[0].marked == (1, 2)
    assert model.sections[0].summary == (
        "Punten: 3; gereed: 1 (1 op tijd), te laat: 1, niet nagekomen: 1, vervallen: 0; "
        "deadline verschoven: 2 keer."
    )
    first = write_contract_report(data, tmp_path / "a.pdf")
    second = write_contract_report(data, tmp_path / "b.pdf")
    assert first.read_bytes() == second.read_bytes()  # deterministic
    text = pdf_text(first)
    assert "Buurtcontract <2027> & verder" in text  # user text is not read as markup
    assert "Lantaarns <b>" in text
    large = pdf_text(write_contract_report(data, tmp_path / "groot.pdf", large=True))
    assert "Punten: 3; gereed: 1 (1 op tijd)" in large


def test_an_empty_contract_says_so(db: Database, tmp_path: Path) -> None:
    hood = add_sample_neighbourhood(db)
    data = report_data(db, hood, TODAY, ids(db)["c-2024"])
    assert [p.name for p in data.parties] == ["Gemeente Zeedorp"]
    empty = ContractReportData("Duin", "Zeedorp", "Leeg", TODAY, date(2029, 1, 1), TODAY, ())
    assert "Dit contract heeft nog geen punten." in pdf_text(
        write_contract_report(empty, tmp_path / "leeg.pdf")
    )


def test_progress_forms_one_party_per_page_with_empty_fields(db: Database, tmp_path: Path) -> None:
    hood = add_sample_neighbourhood(db)
    key = ids(db)
    change_status(db, key["c-2027/2"], PointStatus.IN_PROGRESS, TODAY, TODAY, "begonnen")
    target = print_progress_forms(db, hood, tmp_path / "formulieren.pdf", TODAY)
    reader = PdfReader(target)
    assert len(reader.pages) == 2  # gemeente, politie
    gemeente = " ".join(reader.pages[0].extract_text().split())
    politie = " ".join(reader.pages[1].extract_text().split())
    assert "Voortgangsformulier" in gemeente and "Gemeente Zeedorp" in gemeente
    for title in ("Oversteekplaats", "Vandaag de deadline", "Doeltje terug op het pannaveldje"):
        assert title in gemeente
    assert "Afvalbakken" not in gemeente  # done: nothing to report
    assert "Deadline: 1 september 2027" in gemeente
    assert "Nu: in uitvoering" in gemeente
    assert "☐ gereed" in gemeente and "Opmerking" in gemeente
    assert "Ingevuld door:" in gemeente and "Handtekening:" in gemeente
    assert "Controle overlastgrens 21.00 uur" in politie and "⚠ TE LAAT" in politie
    only = print_progress_forms(
        db, hood, tmp_path / "politie.pdf", TODAY, party_ids=[key["politie"]]
    )
    assert len(PdfReader(only).pages) == 1


def test_a_letter_in_any_alphabet(tmp_path: Path) -> None:
    letter = LetterData(
        sender="Projectteam Duin en Dorp\nBuurthuis De Duinroos",
        addressee="Şükrü Yıldırım\nŁąkowa 3",
        place="Zeedorp",
        date=date(2027, 10, 12),
        subject="Verzoek <overleg> & antwoord",
        body="Eerste alinea.\n\nTweede alinea.",
        signature="Ans Verhoeven, voorzitter",
    )
    text = pdf_text(write_letter(letter, tmp_path / "brief.pdf"))
    for expected in (
        "Buurthuis De Duinroos",
        "Şükrü Yıldırım",
        "Łąkowa 3",
        "Zeedorp, 12 oktober 2027",
        "Onderwerp: Verzoek <overleg> & antwoord",
        "Eerste alinea. Tweede alinea.",
        "Met vriendelijke groet,",
        "Ans Verhoeven, voorzitter",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("large", [False, True])
def test_report_pages_render(db: Database, tmp_path: Path, large: bool) -> None:
    """Every page rasterises (pdftoppm), in regular and large print."""
    load_demo(db, DEMO_TODAY)
    target = print_contract_report(db, 1, tmp_path / "r.pdf", DEMO_TODAY, large=large)
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(target), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == len(PdfReader(target).pages)
