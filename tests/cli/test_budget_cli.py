"""`buurtteam print budget` and `buurtteam budget ...` through the installed command."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.test_cli import run
from tests.conftest import EXAMPLE
from tests.reports.test_budget_report import pdf_text

HOOD = "Duin en Dorp"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "buurt.sqlite"
    result = run("--db", str(db), "import", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    return db


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_print_budget_as_the_spec_says(example_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "budget.pdf"
    result = run(
        "--db", str(example_db), "print", "budget",
        "--neighbourhood", HOOD, "--year", "2027", "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout
    text = pdf_text(target)
    assert "Buurtbudget 2027" in text
    assert "Toegekend (vastgelegd) €6.000,00" in text
    assert "Betaald €3.000,00" in text
    assert "Nog toe te kennen €19.000,00" in text
    assert "Regulier onderhoud: hoort bij de gemeente" in text
    assert re.search(r"pagina 1 van \d", text)


def test_refusals_exit_1_with_a_dutch_message_and_change_nothing(
    example_db: Path, tmp_path: Path
) -> None:
    before = dump(example_db)
    missing = run(
        "--db", str(example_db), "print", "budget",
        "--neighbourhood", "Nergens", "--year", "2027", "-o", str(tmp_path / "x.pdf"),
    )  # fmt: skip
    assert missing.returncode == 1
    assert "Er is geen buurt met de naam 'Nergens'" in missing.stderr
    assert "Traceback" not in missing.stderr
    wrong = run(
        "--db", str(example_db), "budget", "export",
        "--neighbourhood", HOOD, "--year", "2027", "-o", str(tmp_path / "x.ods"),
    )  # fmt: skip
    assert wrong.returncode == 1 and ".xlsx of een .csv" in wrong.stderr
    letter = run(
        "--db", str(example_db), "budget", "letter",
        "--neighbourhood", HOOD, "--proposal", "b-nergens", "-o", str(tmp_path / "x.pdf"),
    )  # fmt: skip
    assert letter.returncode == 1 and "b-speeltuin" in letter.stderr
    assert dump(example_db) == before
    usage = run("--db", str(example_db), "print", "budget", "--neighbourhood", HOOD)
    assert usage.returncode == 2


def test_budget_export_for_finance(example_db: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "financien.xlsx"
    result = run(
        "budget", "export", "--db", str(example_db),
        "--neighbourhood", HOOD, "--year", "2027", "-o", str(xlsx),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(load_workbook(xlsx)["Aanvragen"].iter_rows(min_row=2, values_only=True))
    assert {row[2]: row[10] for row in rows} == {
        "b-speeltuin": 6000,
        "b-bankjes": 0,
        "b-riool": 0,
    }
    csv_file = tmp_path / "financien.csv"
    assert (
        run(
            "--db",
            str(example_db),
            "budget",
            "export",
            "--neighbourhood",
            HOOD,
            "--year",
            "2027",
            "-o",
            str(csv_file),
        ).returncode
        == 0
    )
    assert ";6500,00;6000,00;3000,00;3000,00" in csv_file.read_text("utf-8-sig")


def test_budget_show_answers_who_is_waiting(example_db: Path) -> None:
    result = run(
        "--db", str(example_db), "budget", "show", "--neighbourhood", HOOD, "--year", "2027"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"Nog toe te kennen\s+€\xa019.000,00", out)
    assert "Wacht nog op geld:" in out
    assert "nog €\xa03.000,00 te betalen van €\xa06.000,00" in out
    assert "Wacht op een besluit:" in out


def test_budget_letter(example_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    result = run(
        "--db", str(example_db), "budget", "letter",
        "--neighbourhood", HOOD, "--proposal", "b-riool", "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(target).split())
    assert "besloten uw aanvraag niet toe te kennen" in text
    assert "Regulier onderhoud" in text
