"""On SQLite the import hands its rows to the driver as tuples: the very rows Core stores.

`_insert` converts each value through its column type (dates, cents, NFC texts, times,
booleans) and adds the column defaults (a record's version) itself, skipping
SQLAlchemy's per-row work. These tests import the same documents both ways and compare
every row of the two files, and show that a failure inside the insert still leaves the
file as it was.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from buurtteam.ops.demo_data import demo_exchange
from buurtteam.ops.exchange import validate_document
from buurtteam.ops.search import search
from buurtteam.store.db import open_database
from buurtteam.store.exchange_import import import_document
from tests.conftest import EXAMPLE


def _documents() -> list[dict[str, Any]]:
    """The demo (every table), then the example with odd texts: the second import
    continues the numbering of the first."""
    demo = validate_document(json.loads(json.dumps(demo_exchange(dt.date(2027, 3, 1)))))
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    hood = example["neighbourhoods"][0]
    hood["name"] = "Zoe\u0308 & <Co> =1+1"  # decomposed, cleaned to NFC on the way in
    hood["meetings"][0]["location"] = "Ελληνικά 日本語 العربية"
    hood["issues"][0]["steps"][0]["text"] = "Brief, ook in het Ελληνικά"
    hood["meetings"][0]["guests"] = [{"name": "Ana\r\nKarenina", "organisation": None}]
    return [demo, validate_document(example)]


def _import(path: Path, *, plain_rows: bool) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every row of the file, and every entry of the search index.

    The index's own storage (FTS5 segments) is left out of the rows: how its segments
    fall depends on the order of writing, what it finds does not.
    """
    db = open_database(path)
    for document in _documents():
        with db.write() as session:
            import_document(session, document, plain_rows=plain_rows)
    db.close()
    connection = sqlite3.connect(path)
    try:
        rows = [
            line
            for line in connection.iterdump()
            if not line.startswith('INSERT INTO "search_index_')
        ]
        entries = connection.execute(
            "SELECT rowid, neighbourhood_id, kind, record_id, title, body "
            "FROM search_index ORDER BY rowid"
        ).fetchall()
        return rows, entries
    finally:
        connection.close()


def test_plain_rows_store_exactly_what_core_stores(tmp_path: Path) -> None:
    plain, plain_entries = _import(tmp_path / "plain.sqlite", plain_rows=True)
    core, core_entries = _import(tmp_path / "core.sqlite", plain_rows=False)
    assert len(plain) > 1000 and len(plain_entries) > 300
    assert plain == core
    assert plain_entries == core_entries


def test_what_was_imported_reads_back_and_is_found(tmp_path: Path) -> None:
    db = open_database(tmp_path / "plain.sqlite")
    for document in _documents():
        with db.write() as session:
            import_document(session, document)
    with db.read() as session:
        amounts = session.execute(text("SELECT amount FROM budget_year ORDER BY id")).scalars()
        assert all(isinstance(cents, int) for cents in amounts)  # cents, not floats
        name = session.execute(text("SELECT name FROM neighbourhood WHERE id = 2")).scalar()
        assert name == "Zoë & <Co> =1+1"
        versions = set(session.execute(text("SELECT version FROM meeting")).scalars())
        assert versions == {1}
    [found] = search(db, "ελληνικά")  # any case
    assert found.title == "Overlast na 21.00 uur bij het winkelcentrum"
    db.close()


def test_a_failure_inside_the_insert_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "buurt.sqlite"
    db = open_database(path)
    before = list(sqlite3.connect(path).iterdump())
    broken = copy.deepcopy(_documents()[1])
    # A second attendance of the same person, slipped past the rules to fail in SQLite.
    attendance = broken["neighbourhoods"][0]["meetings"][0]["attendance"]
    attendance.append(copy.deepcopy(attendance[0]))
    with pytest.raises(IntegrityError, match=r"(?i)unique"), db.write() as session:
        import_document(session, broken)
    db.close()
    assert list(sqlite3.connect(path).iterdump()) == before


def test_the_guards_of_approved_minutes_are_back_after_an_import(tmp_path: Path) -> None:
    """The import lifts the frozen-minutes insert guards for its bulk insert only."""
    path = tmp_path / "buurt.sqlite"
    db = open_database(path)

    def triggers() -> list[tuple[str, str]]:
        connection = sqlite3.connect(path)
        try:
            query = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
            return connection.execute(query).fetchall()
        finally:
            connection.close()

    before = triggers()
    assert any(name.startswith("frozen_") and name.endswith("_insert") for name, _ in before)
    with db.write() as session:
        import_document(session, _documents()[1])
    assert triggers() == before
    db.close()
    connection = sqlite3.connect(path)
    approved = connection.execute(
        "SELECT id FROM meeting WHERE status = 'minutes_approved' ORDER BY id"
    ).fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="frozen"):
        connection.execute(
            "INSERT INTO agenda_item(meeting_id, public_id, position, section, title, source, "
            "purpose) VALUES (?, 'a-laat', 99, 'topics', 'Te laat', 'team', 'information')",
            (approved,),
        )
    connection.close()


def test_a_reference_to_nothing_still_fails_when_checked_at_the_commit(tmp_path: Path) -> None:
    """Foreign keys are checked at the commit during an import: a dangling one still
    refuses the whole transaction, and the file stays as it was."""
    path = tmp_path / "buurt.sqlite"
    db = open_database(path)
    with db.write() as session:
        import_document(session, _documents()[1])
    before = list(sqlite3.connect(path).iterdump())
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"), db.write() as session:
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        session.execute(text("INSERT INTO guest(meeting_id, name) VALUES (999999, 'Niemand')"))
    db.close()
    assert list(sqlite3.connect(path).iterdump()) == before
