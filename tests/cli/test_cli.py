"""The `buurtteam` command through its installed entry point: exit codes and messages."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

BUURTTEAM = Path(sys.executable).with_name("buurtteam")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("BUURTTEAM_DB", None)  # the developer's own database stays out of tests
    environment.update(env or {})
    return subprocess.run(
        [str(BUURTTEAM), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def test_the_entry_point_is_installed() -> None:
    assert BUURTTEAM.exists(), "install the project (pip install -e '.[test]') first"
    result = run("--help")
    assert result.returncode == 0
    assert "vul een lege database met de demobuurt" in result.stdout


def test_import_export_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "buurt.sqlite"
    result = run("--db", str(db), "import", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Duin en Dorp" in result.stdout
    out = tmp_path / "uit.json"
    assert run("--db", str(db), "export", "-o", str(out)).returncode == 0
    db2 = tmp_path / "tweede.sqlite"
    assert run("--db", str(db2), "import", str(out)).returncode == 0
    out2 = tmp_path / "uit2.json"
    assert (
        run(
            "--db", str(db2), "export", "-o", str(out2), "--neighbourhood", "Duin en Dorp"
        ).returncode
        == 0
    )
    first, second = json.loads(out.read_text("utf-8")), json.loads(out2.read_text("utf-8"))
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second


def test_a_refused_import_exits_1_with_the_path_and_no_traceback(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["neighbourhoods"][0]["proposals"][1]["amount_requested"] = "2.400,00"
    bad = tmp_path / "kapot.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "buurt.sqlite"
    result = run("--db", str(db), "import", str(bad))
    assert result.returncode == 1
    assert "neighbourhoods[0].proposals[1].amount_requested" in result.stderr
    assert "geen bedrag" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_database_comes_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "uit-omgeving.sqlite"
    result = run("import", str(EXAMPLE), env={"BUURTTEAM_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_english_messages_with_lang(tmp_path: Path) -> None:
    result = run(
        "--lang", "en", "--db", str(tmp_path / "x.sqlite"), "import", str(tmp_path / "missing.json")
    )
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert run("--db", str(tmp_path / "x.sqlite"), "verzin-iets").returncode == 2
    assert run("--db", str(tmp_path / "x.sqlite"), "export").returncode == 2  # -o missing
    assert run("--lang", "fr", "check").returncode == 2


def test_check_passes_on_sound_data_and_finds_broken_rules(tmp_path: Path) -> None:
    db = tmp_path / "buurt.sqlite"
    run("--db", str(db), "import", str(EXAMPLE))
    result = run("--db", str(db), "check")
    assert result.returncode == 0, result.stderr
    assert "in orde" in result.stdout.lower()
    # Someone edits the file behind the app's back: a payment above the grant.
    raw = sqlite3.connect(db)
    raw.execute("UPDATE payment SET amount = 700000")
    raw.commit()
    raw.close()
    result = run("--db", str(db), "check")
    assert result.returncode == 1
    assert "proposals[0].payments" in result.stderr
    assert "Traceback" not in result.stderr


def test_backup_makes_a_sound_copy(tmp_path: Path) -> None:
    db = tmp_path / "buurt.sqlite"
    run("--db", str(db), "import", str(EXAMPLE))
    copy = tmp_path / "back-ups" / "kopie.sqlite"
    result = run("--db", str(db), "backup", "-o", str(copy))
    assert result.returncode == 0, result.stderr
    assert run("--db", str(copy), "check").returncode == 0


def test_a_damaged_file_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "kapot.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    before = db.read_bytes()
    result = run("--db", str(db), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", [["check"], ["export", "-o", "x.json"]])
def test_db_option_also_after_the_command(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "buurt.sqlite"
    run("--db", str(db), "import", str(EXAMPLE))
    args = [arg if arg != "x.json" else str(tmp_path / "x.json") for arg in command]
    assert run(*args, "--db", str(db)).returncode == 0


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        (["--db", "buurt.sqlite", "--smoke"], True),
        ([], True),
        (["--lang", "en", "--db=buurt.sqlite"], True),
        (["demo"], False),
        (["--db", "buurt.sqlite", "print", "minutes", "--meeting", "m-1", "-o", "v.pdf"], False),
        (["-h"], False),
        (["--lang", "fr"], False),  # the full parser words the refusal
        (["--db"], False),
    ],
)
def test_the_window_options_are_read_without_every_command(argv: list[str], window: bool) -> None:
    from buurtteam.cli import build_parser, window_args

    quick = window_args(argv)
    assert (quick is not None) == window
    if quick is not None:  # the same reading as the full parser's
        full = vars(build_parser().parse_args(argv))
        assert {key: full[key] for key in ("db", "lang", "smoke")} == vars(quick)


def test_a_wrong_window_option_is_refused_by_the_full_parser(tmp_path: Path) -> None:
    result = run("--lang", "fr", "--db", str(tmp_path / "x.sqlite"), "--smoke")
    assert result.returncode == 2
    assert "--lang" in result.stderr and "fr" in result.stderr
