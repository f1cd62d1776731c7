"""Store-level guarantees of migrations 0002 and 0003: frozen approved minutes, full-text
search kept current by triggers (FTS5 on SQLite, a tsvector on PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from buurtteam.ops.exchange import import_file
from buurtteam.ops.search import search as ops_search
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE


@pytest.fixture
def example_db(db: Database) -> Database:
    import_file(db, EXAMPLE)
    return db


def _approved_item_id(db: Database) -> int:
    with db.read() as session:
        return session.execute(
            select(m.AgendaItem.id).where(m.AgendaItem.public_id == "a-1-2")
        ).scalar_one()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE agenda_item SET notes = 'herschreven' WHERE public_id = 'a-1-2'",
        "DELETE FROM decision WHERE public_id = 'd-1'",
        "UPDATE decision SET text = 'anders' WHERE public_id = 'd-1'",
        "UPDATE action SET text = 'anders' WHERE public_id = 'x-1'",
        "UPDATE attendance SET status = 'absent' WHERE meeting_id = "
        "(SELECT id FROM meeting WHERE public_id = 'm-2027-01')",
        "UPDATE meeting SET location = 'Elders' WHERE public_id = 'm-2027-01'",
        "DELETE FROM meeting WHERE public_id = 'm-2027-01'",
        "INSERT INTO idea (agenda_item_id, public_id, text) SELECT id, 'i-x', 'later' "
        "FROM agenda_item WHERE public_id = 'a-1-2'",
    ],
)
def test_approved_minutes_are_refused_at_the_store_level(
    example_db: Database, statement: str
) -> None:
    with pytest.raises(DBAPIError, match="frozen"), example_db.write() as session:
        session.execute(text(statement))


def test_minutes_not_yet_approved_can_be_edited(example_db: Database) -> None:
    with example_db.write() as session:
        session.execute(
            text("UPDATE agenda_item SET notes = 'aangevuld' WHERE public_id = 'a-2-3'")
        )


def test_an_action_of_approved_minutes_can_still_be_marked_done(example_db: Database) -> None:
    with example_db.write() as session:
        session.execute(update(m.Action).where(m.Action.public_id == "x-1").values(done_on=None))
    with example_db.read() as session:
        assert (
            session.execute(select(m.Action.done_on).where(m.Action.public_id == "x-1")).scalar()
            is None
        )


def test_errata_can_be_added_to_approved_minutes(example_db: Database) -> None:
    with example_db.write() as session:
        meeting_id = session.execute(
            select(m.Meeting.id).where(m.Meeting.public_id == "m-2027-01")
        ).scalar_one()
        session.add(
            m.Erratum(
                meeting_id=meeting_id, date=date(2027, 3, 1), text="Henk Bakker was wel aanwezig."
            )
        )


def search(db: Database, query: str) -> list[tuple[str, int]]:
    """What the index finds, through the search the window uses (FTS5 or tsvector)."""
    return [(hit.kind.value, hit.record_id) for hit in ops_search(db, query)]


def test_search_finds_words_with_and_without_diacritics(example_db: Database) -> None:
    assert "contract_point" in [kind for kind, _ in search(example_db, "pannaveldje")]
    assert search(example_db, "speeltuintje")
    with example_db.write() as session:
        session.execute(
            text(
                "UPDATE agenda_item SET notes = 'De coördinator belt de wijkagent' "
                "WHERE public_id = 'a-2-3'"
            )
        )
    assert [k for k, _ in search(example_db, "coordinator")] == ["agenda_item"]
    assert [k for k, _ in search(example_db, "coördinator")] == ["agenda_item"]


def test_search_follows_edits_and_deletes(example_db: Database) -> None:
    with example_db.write() as session:
        session.execute(text("UPDATE agenda_item SET notes = 'zebrapad' WHERE public_id = 'a-2-3'"))
    assert search(example_db, "zebrapad")
    with example_db.write() as session:
        session.execute(
            text("UPDATE agenda_item SET notes = 'oversteek' WHERE public_id = 'a-2-3'")
        )
    assert not search(example_db, "zebrapad")
