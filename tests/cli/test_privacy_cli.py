"""`buurtteam person export|erase` through the installed command."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from tests.cli.test_cli import run
from tests.conftest import EXAMPLE


def test_person_export_as_json_and_pdf_then_erase(tmp_path: Path) -> None:
    db = str(tmp_path / "buurt.sqlite")
    assert run("--db", db, "import", str(EXAMPLE)).returncode == 0
    out_json, out_pdf = tmp_path / "henk.json", tmp_path / "henk.pdf"
    assert (
        run("--db", db, "person", "export", "--person", "p-henk", "-o", str(out_json)).returncode
        == 0
    )
    data = json.loads(out_json.read_text("utf-8"))
    assert data["person"]["name"] == "Henk Bakker"
    assert {p["id"] for p in data["proposals"]} == {"b-speeltuin", "b-riool"}
    assert (
        run("--db", db, "person", "export", "--person", "p-henk", "-o", str(out_pdf)).returncode
        == 0
    )
    text = "".join(page.extract_text() for page in PdfReader(out_pdf).pages)
    assert "Henk Bakker" in text and "Stoep herstellen Zeeweg" in text

    result = run("--db", db, "person", "erase", "--person", "p-henk")
    assert result.returncode == 0, result.stderr
    assert "bewoner" in result.stdout
    exported = tmp_path / "na.json"
    assert run("--db", db, "export", "-o", str(exported)).returncode == 0
    assert "Henk" not in exported.read_text("utf-8")
    assert run("--db", db, "check").returncode == 0


def test_person_commands_refuse_clearly(tmp_path: Path) -> None:
    db = str(tmp_path / "buurt.sqlite")
    run("--db", db, "import", str(EXAMPLE))
    result = run("--db", db, "person", "erase", "--person", "p-niemand")
    assert result.returncode == 1 and "p-niemand" in result.stderr
    result = run(
        "--db", db, "person", "export", "--person", "p-henk", "-o", str(tmp_path / "x.txt")
    )
    assert result.returncode == 1 and ".json" in result.stderr
    assert run("--db", db, "person").returncode == 2
