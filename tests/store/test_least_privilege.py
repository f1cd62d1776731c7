"""The README's set-up for IT: an owner role runs the migrations, the app's role may only
read and write rows, and so cannot switch off the rules the schema keeps (append-only
history, frozen minutes) nor change the schema. Needs BUURTTEAM_TEST_PG.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from buurtteam.ops.exchange import import_data
from buurtteam.ops.search import search
from buurtteam.store.db import open_database
from tests.conftest import EXAMPLE

SERVER = os.environ.get("BUURTTEAM_TEST_PG")
pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server given (BUURTTEAM_TEST_PG)")

# As in the README's "For IT" (role names made unique: roles are shared by the whole server).
SET_UP = """
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {app};
"""


@pytest.fixture
def roles() -> Iterator[tuple[str, str]]:
    """(owner URL, app URL) on a new database owned by a role that is no superuser."""
    assert SERVER is not None
    tag = uuid.uuid4().hex[:10]
    owner, app, database = f"bt_owner_{tag}", f"bt_app_{tag}", f"bt_lp_{tag}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE {owner} LOGIN NOSUPERUSER NOCREATEROLE"))
        connection.execute(text(f"CREATE ROLE {app} LOGIN NOSUPERUSER NOCREATEROLE"))
        connection.execute(text(f'CREATE DATABASE "{database}" OWNER {owner}'))
    base = make_url(SERVER).set(database=database, password=None)
    owner_url = base.set(username=owner).render_as_string(hide_password=False)
    app_url = base.set(username=app).render_as_string(hide_password=False)
    as_owner = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    with as_owner.connect() as connection:
        for statement in SET_UP.format(owner=owner, app=app).split(";"):
            if statement.strip():
                connection.execute(text(statement))
    as_owner.dispose()
    yield owner_url, app_url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{database}" WITH (FORCE)'))
        connection.execute(text(f"DROP ROLE {app}"))
        connection.execute(text(f"DROP ROLE {owner}"))
    admin.dispose()


def test_the_app_role_works_but_cannot_bend_the_rules(roles: tuple[str, str]) -> None:
    owner_url, app_url = roles
    open_database(owner_url).close()  # the first start, as the owner: the schema is made

    db = open_database(app_url)  # the laptops' role: the schema is current, nothing to make
    try:
        import_data(db, json.loads(EXAMPLE.read_text(encoding="utf-8")))
        neighbourhood = json.loads(EXAMPLE.read_text(encoding="utf-8"))["neighbourhoods"][0]
        assert db.engine.dialect.name == "postgresql"
        word = neighbourhood["contracts"][0]["points"][0]["title"].split()[0]
        assert search(db, word), "search works for the app's role"
        with db.engine.connect() as connection:
            for forbidden in (
                "ALTER TABLE point_history DISABLE TRIGGER ALL",
                "DROP TABLE point_history",
                "UPDATE point_history SET note = 'anders'",
                "CREATE TABLE eigen (id integer)",
            ):
                with pytest.raises(DBAPIError), connection.begin():
                    connection.execute(text(forbidden))
    finally:
        db.close()
