"""`buurtteam agenda compose`, `print agenda` and `agenda ics` through the installed command."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from icalendar import Calendar
from pypdf import PdfReader

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


def test_compose_by_id_then_again_changes_nothing(tmp_path: Path) -> None:
    db = imported(tmp_path)
    first = run("--db", str(db), "agenda", "compose", "--meeting", "m-2027-03")
    assert first.returncode == 0, first.stderr
    assert "Agenda van dinsdag 6 april 2027 samengesteld" in first.stdout
    assert "2 aanmeldingen geplaatst" in first.stdout
    lines = first.stdout.splitlines()[1:]
    assert lines[0].split()[:2] == ["19:30", "1."]
    before = dump(db)
    second = run("--db", str(db), "agenda", "compose", "--meeting", "2027-04-06")
    assert second.returncode == 0, second.stderr
    assert "was al samengesteld; er is niets veranderd" in second.stdout
    assert second.stdout.splitlines()[1:] == lines
    assert dump(db) == before
    assert run("--db", str(db), "check").returncode == 0


def test_an_ambiguous_date_lists_the_candidates_and_changes_nothing(tmp_path: Path) -> None:
    db = imported(tmp_path)
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["neighbourhoods"][0]["name"] = "Tweede buurt"
    other = tmp_path / "tweede.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    assert run("--db", str(db), "import", str(other)).returncode == 0
    before = dump(db)
    result = run("--db", str(db), "agenda", "compose", "--meeting", "2027-04-06")
    assert result.returncode == 1
    assert "Duin en Dorp" in result.stderr and "Tweede buurt" in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(db) == before


def test_a_held_meeting_is_refused_with_exit_1(tmp_path: Path) -> None:
    db = imported(tmp_path)
    before = dump(db)
    result = run("--db", str(db), "agenda", "compose", "--meeting", "m-2027-02")
    assert result.returncode == 1
    assert "al gehouden" in result.stderr
    assert dump(db) == before


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    db = imported(tmp_path)
    assert run("--db", str(db), "agenda", "compose").returncode == 2
    assert run("--db", str(db), "print", "agenda", "--meeting", "m-2027-03").returncode == 2


def test_print_agenda_regular_and_large(tmp_path: Path) -> None:
    db = imported(tmp_path)
    assert run("--db", str(db), "agenda", "compose", "--meeting", "m-2027-03").returncode == 0
    regular, large = tmp_path / "agenda.pdf", tmp_path / "groot.pdf"
    result = run("--db", str(db), "print", "agenda", "--meeting", "m-2027-03", "-o", str(regular))
    assert result.returncode == 0, result.stderr
    assert str(regular) in result.stdout
    big = run(
        "--db", str(db), "print", "agenda", "--meeting", "2027-04-06", "-o", str(large), "--large"
    )
    assert big.returncode == 0, big.stderr
    first = PdfReader(regular).pages[0].extract_text()
    assert "Uitnodiging" in first and "dinsdag 6 april 2027" in first
    assert len(PdfReader(large).pages) >= len(PdfReader(regular).pages)


def test_calendar_file_of_the_planned_meetings(tmp_path: Path) -> None:
    db = imported(tmp_path)
    one = tmp_path / "een.ics"
    result = run("--db", str(db), "agenda", "ics", "--meeting", "m-2027-03", "-o", str(one))
    assert result.returncode == 0, result.stderr
    (event,) = Calendar.from_ical(one.read_bytes()).walk("VEVENT")
    assert str(event["uid"]).startswith("m-2027-03.")
    assert str(event["summary"]) == "Vergadering projectteam Duin en Dorp"
