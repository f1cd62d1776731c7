"""The first look: the window's first screen read with bare sqlite3 before the data stack.

It must show exactly what the Overzicht page reads through the ORM, never write, and give
up (None) on anything unusual, so the full opening deals with it as before.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtteam.ops.demo import load_demo
from buurtteam.ops.first_look import first_look
from buurtteam.ops.overview import list_neighbourhoods, overview
from buurtteam.store.db import Database, open_database
from buurtteam.store.first_look import SCHEMA_REVISION
from tests.ops.test_overview import TODAY, add_sample_neighbourhood

pytestmark = pytest.mark.sqlite_only("a first look reads a file with bare sqlite3")

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    db = open_database(path)
    load_demo(db, TODAY)
    add_sample_neighbourhood(db, "Ölmühle & <Zuid>")
    db.close()
    return path


def _overviews(path: Path, day: date) -> tuple[object, object]:
    look = first_look(str(path), "Ölmühle & <Zuid>", day)
    assert look is not None and look.chosen is not None
    db = open_database(path)
    try:
        chosen = look.neighbourhoods[look.chosen]
        assert chosen.name == "Ölmühle & <Zuid>"
        assert list(look.neighbourhoods) == list_neighbourhoods(db)
        return look.overview, overview(db, chosen.id, day)
    finally:
        db.close()


def test_the_first_look_shows_what_the_page_reads(demo_path: Path) -> None:
    quick, full = _overviews(demo_path, TODAY)
    assert quick == full
    # Not an empty comparison: the sample has actions, overdue points, a budget and a letter.
    assert quick.open_actions and quick.overdue_points and quick.budget and quick.reply_flags  # type: ignore[attr-defined]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(days=st.integers(min_value=-800, max_value=800))
def test_on_any_day_the_first_look_agrees_with_the_page(demo_path: Path, days: int) -> None:
    quick, full = _overviews(demo_path, TODAY + timedelta(days=days))
    assert quick == full


def test_the_named_neighbourhood_else_the_first(demo_path: Path) -> None:
    named = first_look(str(demo_path), "De Vlinderbuurt", TODAY)
    assert named is not None and named.chosen is not None
    assert named.neighbourhoods[named.chosen].name == "De Vlinderbuurt"
    unknown = first_look(str(demo_path), "Bestaat niet", TODAY)
    assert unknown is not None and unknown.chosen == 0


def test_an_empty_database_gives_a_look_without_neighbourhoods(db: Database, db_path: Path) -> None:
    db.close()
    look = first_look(str(db_path), None, TODAY)
    assert look is not None
    assert look.neighbourhoods == () and look.chosen is None and look.overview is None


def test_a_first_look_never_writes(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    assert first_look(str(demo_path), None, TODAY) is not None
    assert demo_path.read_bytes() == before


def test_a_missing_file_is_left_to_the_full_opening_and_not_made(tmp_path: Path) -> None:
    missing = tmp_path / "nieuw.sqlite"
    assert first_look(str(missing), None, TODAY) is None
    assert not missing.exists()


def test_a_server_is_left_to_the_full_opening() -> None:
    assert first_look("postgresql+psycopg://buurt@server/buurt", None, TODAY) is None


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"geen database " * 100)


def _another_programs_file(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE klanten (naam TEXT)")
    connection.close()


def _older_schema(path: Path) -> None:
    db = open_database(path)
    add_sample_neighbourhood(db)
    db.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0003'")
    connection.close()


@pytest.mark.parametrize("make", [_not_sqlite, _another_programs_file, _older_schema])
def test_an_unusual_file_is_left_to_the_full_opening(tmp_path: Path, make: object) -> None:
    path = tmp_path / "vreemd.sqlite"
    make(path)  # type: ignore[operator]
    before = path.read_bytes()
    assert first_look(str(path), None, TODAY) is None
    assert path.read_bytes() == before


def test_the_first_look_knows_the_newest_schema() -> None:
    from alembic.script import ScriptDirectory

    from buurtteam.store.migrate import MIGRATIONS

    heads = ScriptDirectory(str(MIGRATIONS)).get_heads()
    assert heads == [SCHEMA_REVISION], "update SCHEMA_REVISION in store/first_look.py"


def test_the_first_screen_does_not_load_the_data_stack() -> None:
    # The point of the first look: showing it must not import SQLAlchemy (start-up time).
    code = (
        "import sys\n"
        "import buurtteam.cli, buurtteam.ui.app, buurtteam.ops.first_look\n"
        "import buurtteam.ui.main_window, buurtteam.ui.pages.overview\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))\n"
        "print(loaded[:5])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"
