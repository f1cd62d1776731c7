"""Import fills the search index in bulk: the same entries the triggers would have made.

The importer drops the search index's insert triggers inside its own transaction, indexes
the new rows in one statement per table and puts the triggers back. These tests hold it
to the row-by-row result, keep the triggers working afterwards, and show that a failed
import leaves the triggers in place.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from buurtteam.ops.exchange import import_file, validate_document
from buurtteam.ops.search import Kind, search
from buurtteam.store.db import Database
from buurtteam.store.exchange_import import import_document
from tests.conftest import EXAMPLE, Databases


def _entries(db: Database) -> list[tuple[Any, ...]]:
    with db.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                text(
                    "SELECT rowid, neighbourhood_id, kind, record_id, title, body "
                    "FROM search_index ORDER BY rowid"
                )
            )
        ]


def _triggers(db: Database) -> list[tuple[str, str]]:
    """Every trigger with its definition, from the backend's own catalogue."""
    query = (
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        if db.is_sqlite
        else "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal"
    )
    with db.read() as session:
        return sorted((name, definition) for name, definition in session.execute(text(query)))


def _documents() -> list[dict[str, Any]]:
    """The example, then a renamed copy: the second import continues the numbering."""
    first = validate_document(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    second = copy.deepcopy(first)
    for hood in second["neighbourhoods"]:
        hood["name"] = hood["name"] + " (kopie)"
    return [first, second]


def _import_all(db: Database, *, bulk_index: bool) -> None:
    for document in _documents():
        with db.write() as session:
            import_document(session, document, bulk_index=bulk_index)


def test_bulk_index_equals_what_the_triggers_make(databases: Databases) -> None:
    with databases.fresh() as bulk_db, databases.fresh() as row_db:
        _import_all(bulk_db, bulk_index=True)
        _import_all(row_db, bulk_index=False)

        bulk = _entries(bulk_db)
        assert len(bulk) > 50
        assert bulk == _entries(row_db)
        assert _triggers(bulk_db) == _triggers(row_db)


def test_search_finds_imported_text_and_follows_later_edits(db: Database) -> None:
    import_file(db, EXAMPLE)
    assert Kind.CONTRACT_POINT in {hit.kind for hit in search(db, "pannaveldje")}
    # The triggers are back: a new row is indexed at once.
    with db.write() as session:
        session.execute(
            text(
                "INSERT INTO issue(neighbourhood_id, public_id, title, raised_on, status) "
                "SELECT id, 'k-nieuw', 'Kapotte zeepkist op het plein', '2027-03-01', 'open' "
                "FROM neighbourhood"
            )
        )
    assert [hit.kind for hit in search(db, "zeepkist")] == [Kind.ISSUE]


def test_a_failed_import_keeps_the_triggers(db: Database) -> None:
    before = _triggers(db)
    broken = _documents()[0]
    # A reference the rules would refuse, slipped past them to fail inside the insert.
    broken["neighbourhoods"][0]["meetings"][0]["attendance"].append(
        copy.deepcopy(broken["neighbourhoods"][0]["meetings"][0]["attendance"][0])
    )
    with pytest.raises(IntegrityError, match=r"(?i)unique"), db.write() as session:
        import_document(session, broken)
    assert _triggers(db) == before
    assert _entries(db) == []
