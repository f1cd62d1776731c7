"""Import fills the search index in bulk: the same entries the triggers would have made.

The importer drops the search index's insert triggers inside its own transaction, indexes
the new rows in one statement per table and puts the triggers back. These tests hold it
to the row-by-row result, keep the triggers working afterwards, and show that a failed
import leaves the triggers in place.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from buurtteam.ops.exchange import import_file, validate_document
from buurtteam.store.db import Database, open_database
from buurtteam.store.exchange_import import import_document
from tests.conftest import EXAMPLE


def _entries(path: Path) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT rowid, neighbourhood_id, kind, record_id, title, body "
            "FROM search_index ORDER BY rowid"
        ).fetchall()
    finally:
        connection.close()


def _triggers(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(path)
    try:
        return sorted(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall()
        )
    finally:
        connection.close()


def _documents() -> list[dict[str, Any]]:
    """The example, then a renamed copy: the second import continues the numbering."""
    first = validate_document(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    second = copy.deepcopy(first)
    for hood in second["neighbourhoods"]:
        hood["name"] = hood["name"] + " (kopie)"
    return [first, second]


def _import_all(path: Path, *, bulk_index: bool) -> None:
    db = open_database(path)
    try:
        for document in _documents():
            with db.write() as session:
                import_document(session, document, bulk_index=bulk_index)
    finally:
        db.close()


def test_bulk_index_equals_what_the_triggers_make(tmp_path: Path) -> None:
    _import_all(tmp_path / "bulk.sqlite", bulk_index=True)
    _import_all(tmp_path / "row.sqlite", bulk_index=False)

    bulk = _entries(tmp_path / "bulk.sqlite")
    assert len(bulk) > 50
    assert bulk == _entries(tmp_path / "row.sqlite")
    assert _triggers(tmp_path / "bulk.sqlite") == _triggers(tmp_path / "row.sqlite")


def test_search_finds_imported_text_and_follows_later_edits(db: Database) -> None:
    import_file(db, EXAMPLE)
    path = db.path
    assert path is not None
    connection = sqlite3.connect(path)
    try:
        kinds = connection.execute(
            "SELECT kind FROM search_index WHERE search_index MATCH 'pannaveldje'"
        ).fetchall()
        assert ("contract_point",) in kinds
        # The triggers are back: a new row is indexed at once.
        connection.execute(
            "INSERT INTO issue(neighbourhood_id, public_id, title, raised_on, status) "
            "VALUES (1, 'k-nieuw', 'Kapotte zeepkist op het plein', '2027-03-01', 'open')"
        )
        found = connection.execute(
            "SELECT kind FROM search_index WHERE search_index MATCH 'zeepkist'"
        ).fetchall()
        assert found == [("issue",)]
    finally:
        connection.rollback()
        connection.close()


def test_a_failed_import_keeps_the_triggers(db: Database) -> None:
    path = db.path
    assert path is not None
    before = _triggers(path)
    broken = _documents()[0]
    # A reference the rules would refuse, slipped past them to fail inside the insert.
    broken["neighbourhoods"][0]["meetings"][0]["attendance"].append(
        copy.deepcopy(broken["neighbourhoods"][0]["meetings"][0]["attendance"][0])
    )
    with pytest.raises(Exception, match="UNIQUE"), db.write() as session:
        import_document(session, broken)
    assert _triggers(path) == before
    assert _entries(path) == []
