"""`buurtteam print minutes` through the installed command (spec cli.md)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli.test_agenda_cli import dump, imported
from tests.cli.test_cli import run
from tests.conftest import EXAMPLE


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.split())


def test_print_minutes_by_id_and_by_date(tmp_path: Path) -> None:
    db = imported(tmp_path)
    before = dump(db)
    by_id = tmp_path / "verslag.pdf"
    result = run("--db", str(db), "print", "minutes", "--meeting", "m-2027-02", "-o", str(by_id))
    assert result.returncode == 0, result.stderr
    assert "Het verslag staat in" in result.stdout
    text = pdf_text(by_id)
    assert "Conceptverslag" in text and "dinsdag 23 februari 2027" in text
    assert "Bijlage 1. Besluitenlijst" in text and "Bijlage 2. Actielijst" in text
    approved = tmp_path / "januari.pdf"
    result = run(
        "--db",
        str(db),
        "print",
        "minutes",
        "--meeting",
        "2027-01-12",
        "-o",
        str(approved),
        "--large",
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(approved)
    assert "Vastgesteld in de vergadering van dinsdag 23 februari 2027." in text
    assert "controlecode" in text
    assert dump(db) == before  # printing changes nothing


def test_an_unknown_or_ambiguous_meeting_is_refused_in_dutch(tmp_path: Path) -> None:
    db = imported(tmp_path)
    target = tmp_path / "verslag.pdf"
    unknown = run("--db", str(db), "print", "minutes", "--meeting", "m-9999", "-o", str(target))
    assert unknown.returncode == 1
    assert "Er is geen vergadering met id 'm-9999'" in unknown.stderr
    assert "Traceback" not in unknown.stderr and not target.exists()
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["neighbourhoods"][0]["name"] = "Tweede buurt"
    second = tmp_path / "tweede.json"
    second.write_text(json.dumps(data), "utf-8")
    assert run("--db", str(db), "import", str(second)).returncode == 0
    ambiguous = run(
        "--db", str(db), "print", "minutes", "--meeting", "2027-02-23", "-o", str(target)
    )
    assert ambiguous.returncode == 1
    assert "m-2027-02" in ambiguous.stderr and not target.exists()


def test_print_minutes_needs_a_meeting_and_a_file(tmp_path: Path) -> None:
    db = imported(tmp_path)
    assert run("--db", str(db), "print", "minutes", "-o", str(tmp_path / "x.pdf")).returncode == 2
    assert run("--db", str(db), "print", "minutes", "--meeting", "m-2027-02").returncode == 2
