"""Import on a PostgreSQL server: what is made in the app afterwards gets ids of its own.

The importer gives every row its id itself (so the stored order is the file's order). On
PostgreSQL the id sequences must then be moved past those ids, or the first record made
in the app afterwards takes id 1 again and is refused as a duplicate.

Runs when BUURTTEAM_TEST_PG names a server URL whose role may create databases.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from buurtteam.ops.exchange import import_data
from buurtteam.ops.search import search
from buurtteam.store import models as m
from buurtteam.store.db import Database, open_database
from tests.conftest import EXAMPLE

SERVER = os.environ.get("BUURTTEAM_TEST_PG")
pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server given (BUURTTEAM_TEST_PG)")


@pytest.fixture
def pg() -> Iterator[Database]:
    assert SERVER is not None
    name = f"bt_import_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    db = open_database(make_url(SERVER).set(database=name).render_as_string(hide_password=False))
    yield db
    db.close()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_a_record_made_after_an_import_gets_a_new_id(pg: Database) -> None:
    import_data(pg, json.loads(EXAMPLE.read_text(encoding="utf-8")))
    with pg.read() as session:
        highest = session.scalar(select(func.max(m.Issue.id)))
        hood = session.scalar(select(m.Neighbourhood.id))
    with pg.write() as session:
        issue = m.Issue(
            neighbourhood_id=hood,
            public_id="k-nieuw",
            title="Kapotte zeepkist op het plein",
            raised_on=dt.date(2027, 3, 1),
            status="open",
        )
        session.add(issue)
        session.flush()
        assert issue.id > (highest or 0)
    assert [hit.title for hit in search(pg, "zeepkist")] == ["Kapotte zeepkist op het plein"]
