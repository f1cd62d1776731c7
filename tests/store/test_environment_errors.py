"""Locked, read-only and full files each get a message a person can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from buurtteam.errors import StoreError
from buurtteam.ops.exchange import import_file
from buurtteam.store.db import Database, open_database
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.sqlite_only("read-only, locked and full files are about SQLite itself")


def test_a_read_only_file_says_so_and_nothing_changes(db: Database, db_path: Path) -> None:
    db.close()
    before = db_path.read_bytes()
    viewer = open_database(
        f"sqlite:///file:{db_path}?mode=ro&uri=true", migrate=False, daily_backup=False
    )
    with pytest.raises(StoreError) as caught:
        import_file(viewer, EXAMPLE)
    assert "alleen-lezen" in caught.value.text()
    viewer.close()
    assert db_path.read_bytes() == before


def test_a_file_locked_by_another_program_says_so(db: Database, db_path: Path) -> None:
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as caught:
            import_file(db, EXAMPLE)
        assert "vergrendeld" in caught.value.text()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_full_disk_says_so_and_keeps_what_was_there(db: Database) -> None:
    with db.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        # The same pooled connection serves the import: it may not grow the file.
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as caught:
        import_file(db, EXAMPLE)
    assert "schijf is vol" in caught.value.text()
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM neighbourhood")).scalar() == 0
