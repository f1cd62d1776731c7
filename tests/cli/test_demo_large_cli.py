"""`buurtteam demo --large`: refused on a database that already holds data, changing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from buurtteam.cli import main


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_large_demo_is_refused_on_a_filled_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "buurt.sqlite"
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    before = _dump(path)

    assert main(["--db", str(path), "demo", "--large"]) == 1

    error = capsys.readouterr().err
    assert "lege database" in error
    assert "Traceback" not in error
    assert _dump(path) == before


def test_help_names_the_large_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    assert "--large" in capsys.readouterr().out
