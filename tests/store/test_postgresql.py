"""The same store on a real PostgreSQL server (issue: shared database server).

Runs when BUURTTEAM_TEST_PG names a server URL whose role may create databases
(`.ci/run` starts one); each test gets a database of its own.
"""

from __future__ import annotations

import copy
import json
import os
import threading
import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from buurtteam.domain.budget import Decision, DecisionKind
from buurtteam.domain.exchange_rules import check_document
from buurtteam.errors import BuurtteamError
from buurtteam.ops.check import check_database
from buurtteam.ops.exchange import export_data, import_data
from buurtteam.store.db import Database, current_revision, open_database
from buurtteam.store.migrate import downgrade, upgrade
from buurtteam.store.schema import HEAD_REVISION
from tests.conftest import EXAMPLE

SERVER = os.environ.get("BUURTTEAM_TEST_PG")
pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server given (BUURTTEAM_TEST_PG)")


@pytest.fixture
def pg_url() -> Iterator[str]:
    assert SERVER is not None
    name = f"bt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg(pg_url: str) -> Iterator[Database]:
    db = open_database(pg_url)
    yield db
    db.close()


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_migrations_run_up_and_down_on_postgresql(pg_url: str) -> None:
    db = open_database(pg_url)
    assert current_revision(db) == HEAD_REVISION
    downgrade(db, "base")
    upgrade(db)
    assert current_revision(db) == HEAD_REVISION
    db.close()


@pytest.mark.sqlite_only("`db` is the laptop file the server is compared with")
def test_the_example_round_trips_through_postgresql(pg: Database, db: Database) -> None:
    """PostgreSQL and SQLite give the very same export, and it imports again."""
    import_data(pg, example())
    on_server = export_data(pg)
    import_data(db, example())
    assert on_server == export_data(db)
    assert check_database(pg).ok
    moved = copy.deepcopy(on_server)
    moved["neighbourhoods"][0]["name"] = "Teruggezet"
    import_data(pg, moved)
    assert (
        export_data(pg, "Teruggezet")["neighbourhoods"][0]["proposals"]
        == (on_server["neighbourhoods"][0]["proposals"])
    )


def test_a_refused_import_changes_nothing_on_postgresql(pg: Database) -> None:
    import_data(pg, example())
    before = export_data(pg)
    broken = example()
    broken["neighbourhoods"][0]["name"] = "Andere buurt"
    broken["neighbourhoods"][0]["budget_years"][0]["amount"] = "5999.99"
    with pytest.raises(BuurtteamError) as caught:
        import_data(pg, broken)
    assert "proposals[0].decision.amount_granted" in caught.value.text()
    assert export_data(pg) == before


def test_money_sums_exactly_on_postgresql(pg: Database) -> None:
    data = example()
    data["neighbourhoods"][0]["proposals"][0]["payments"] = [
        {"paid_on": "2027-02-15", "amount": "0.10"} for _ in range(3)
    ]
    import_data(pg, data)
    with pg.read() as session:
        total = session.execute(text("SELECT sum(amount) FROM payment")).scalar()
    assert total == 30  # cents, exactly


def test_history_and_approved_minutes_are_guarded_on_postgresql(pg: Database) -> None:
    import_data(pg, example())
    for statement in (
        "UPDATE point_history SET note = 'anders'",
        "DELETE FROM point_history",
        "UPDATE agenda_item SET notes = 'herschreven' WHERE public_id = 'a-1-2'",
        "DELETE FROM decision WHERE public_id = 'd-1'",
        "UPDATE meeting SET location = 'Elders' WHERE public_id = 'm-2027-01'",
    ):
        with pytest.raises(Exception, match=r"append-only|frozen"), pg.write() as session:
            session.execute(text(statement))
    with pg.write() as session:  # what stays allowed
        session.execute(text("UPDATE action SET done_on = NULL WHERE public_id = 'x-1'"))
        session.execute(
            text("UPDATE agenda_item SET notes = 'aangevuld' WHERE public_id = 'a-2-3'")
        )


def test_search_index_folds_diacritics_on_postgresql(pg: Database) -> None:
    import_data(pg, example())
    with pg.write() as session:
        session.execute(
            text("UPDATE agenda_item SET notes = 'De coördinator belt' WHERE public_id = 'a-2-3'")
        )
    with pg.read() as session:
        rows = (
            session.execute(
                text(
                    "SELECT kind FROM search_index WHERE document @@ to_tsquery('simple', "
                    "buurtteam_fold(:q))"
                ),
                {"q": "coordinator"},
            )
            .scalars()
            .all()
        )
    assert rows == ["agenda_item"]


def test_two_grants_at_the_same_moment_cannot_overspend(pg: Database, pg_url: str) -> None:
    """Two laptops grant the last money at once: one grant wins, the other is refused."""
    from buurtteam.ops import budget as budget_ops

    data = example()
    hood = data["neighbourhoods"][0]
    hood["budget_years"][0]["amount"] = "10000.00"  # 6000 granted: 4000 left
    for public_id in ("b-een", "b-twee"):
        proposal = copy.deepcopy(hood["proposals"][1])
        proposal.update(id=public_id, status="submitted", amount_requested="3000.00")
        proposal.pop("decision")
        hood["proposals"].append(proposal)
    import_data(pg, data)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def grant(public_id: str) -> None:
        db = open_database(pg_url)
        try:
            barrier.wait()
            proposal_id, meeting_id = ids(db, public_id)
            budget_ops.decide_proposal(
                db,
                proposal_id,
                Decision(DecisionKind.GRANT, meeting_id, Decimal("3000.00")),
                date(2027, 2, 23),
            )
            outcomes.append("granted")
        except BuurtteamError:
            outcomes.append("refused")
        finally:
            db.close()

    def ids(db: Database, public_id: str) -> tuple[int, int]:
        with db.read() as session:
            proposal = session.execute(
                text("SELECT id FROM proposal WHERE public_id = :p"), {"p": public_id}
            ).scalar_one()
            meeting = session.execute(
                text("SELECT id FROM meeting WHERE public_id = 'm-2027-02'")
            ).scalar_one()
        return proposal, meeting

    threads = [threading.Thread(target=grant, args=(p,)) for p in ("b-een", "b-twee")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["granted", "refused"]
    assert check_document(export_data(pg)) == []


def test_search_through_the_search_op_on_postgresql(pg: Database) -> None:
    """The window's search (Ctrl+K) answers the same on the server."""
    from buurtteam.ops.search import search

    import_data(pg, example())
    with pg.write() as session:
        session.execute(
            text("UPDATE agenda_item SET notes = 'De coördinator belt' WHERE public_id = 'a-2-3'")
        )
    assert [hit.kind.value for hit in search(pg, "coordinator")] == ["agenda_item"]
    assert [hit.kind.value for hit in search(pg, "coörd")] == ["agenda_item"]
    assert "contract_point" in [hit.kind.value for hit in search(pg, "pannaveldje")]
    assert search(pg, 'pannaveldje" OR 1=1 --') is not None  # typed syntax stays words
