"""`buurtteam import-contract` and `buurtteam print contract`, run as a person would."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from tests.cli.test_cli import run
from tests.conftest import EXAMPLE


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def imported(tmp_path: Path) -> Path:
    db = tmp_path / "buurt.sqlite"
    result = run("--db", str(db), "import", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    return db


def test_import_contract_from_a_dutch_csv(tmp_path: Path) -> None:
    db = imported(tmp_path)
    sheet = tmp_path / "punten.csv"
    sheet.write_bytes(
        "Nummer;Titel;Uitvoerder;Deadline;Status\r\n"
        "40;Bankje bij de vijver – ‘De Rups’;Gemeente;30-6-2027;in uitvoering\r\n"
        "41;Hondenpoepbakken;welzijn;2027-10-01;\r\n".encode("cp1252")
    )
    result = run(
        "--db",
        str(db),
        "import-contract",
        "--neighbourhood",
        "duin en dorp",
        "--contract",
        "c-2027",
        str(sheet),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("2 nieuw, 0 bijgewerkt, 0 ongewijzigd.")
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT number, title, due, status FROM contract_point WHERE number >= 40 "
            "ORDER BY number"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [
        (40, "Bankje bij de vijver – ‘De Rups’", "2027-06-30", "in_progress"),
        (41, "Hondenpoepbakken", "2027-10-01", "open"),
    ]
    assert run("--db", str(db), "check").returncode == 0


def test_a_bad_row_is_refused_with_exit_1_and_changes_nothing(tmp_path: Path) -> None:
    db = imported(tmp_path)
    sheet = tmp_path / "fout.csv"
    sheet.write_text("nummer;titel;uitvoerder;deadline\n50;Goed;gemeente;1-1-2028\n51;;x;morgen\n")
    before = dump(db)
    result = run(
        "--db",
        str(db),
        "import-contract",
        "--neighbourhood",
        "Duin en Dorp",
        "--contract",
        "c-2027",
        str(sheet),
    )
    assert result.returncode == 1
    assert dump(db) == before
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("De spreadsheet is niet ingelezen; er is niets veranderd.")
    assert lines[1] == "- Rij 3, kolom B (titel): deze cel mag niet leeg zijn."
    assert lines[2].startswith("- Rij 3, kolom C (uitvoerder): de partij 'x' bestaat niet")
    assert lines[3].startswith("- Rij 3, kolom D (deadline): 'morgen' is geen bestaande datum")


def test_unknown_contract_or_neighbourhood_and_wrong_usage(tmp_path: Path) -> None:
    db = imported(tmp_path)
    sheet = tmp_path / "p.csv"
    sheet.write_text("nummer;titel;uitvoerder\n1;a;gemeente\n")
    result = run(
        "--db",
        str(db),
        "import-contract",
        "--neighbourhood",
        "Duin en Dorp",
        "--contract",
        "c-1999",
        str(sheet),
    )
    assert result.returncode == 1
    assert "heeft geen contract met id 'c-1999'. Bekend zijn: c-2027." in result.stderr
    result = run(
        "--db",
        str(db),
        "import-contract",
        "--neighbourhood",
        "Nergens",
        "--contract",
        "c-2027",
        str(sheet),
    )
    assert result.returncode == 1
    assert "Er is geen buurt met de naam 'Nergens'. Bekend zijn: Duin en Dorp." in result.stderr
    assert run("--db", str(db), "import-contract", str(sheet)).returncode == 2


def test_print_contract_writes_the_report(tmp_path: Path) -> None:
    db = imported(tmp_path)
    out = tmp_path / "contract.pdf"
    result = run(
        "--db", str(db), "print", "contract", "--neighbourhood", "Duin en Dorp", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.exists()
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Voortgang buurtcontract" in text
    assert "pagina 1 van" in text
    help_text = run("print", "contract", "--help").stdout
    assert "voortgangsrapport" in help_text
