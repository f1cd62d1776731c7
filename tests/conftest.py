"""Shared fixtures. Qt runs offscreen: set before any QApplication exists.

Two backends. The store, ops, exchange and rule tests that use a database (tests/store,
tests/ops) run on SQLite and, when BUURTTEAM_TEST_PG holds a PostgreSQL URL whose role may
create databases (`.ci/run` starts such a server), on that server too: every such test is
parametrized by `backend`, so its id ends in `[sqlite]` or `[postgresql]`. Without the
variable they run on SQLite only. Tests about SQLite itself (WAL, the file lock, backups,
damaged files, vacuum after erasure, FTS5) are marked `@pytest.mark.sqlite_only(reason)` and
run once, as `[sqlite]`; tests that make a file of their own (`open_database(tmp_path / ...)`:
crashes, damaged or foreign files, upgrades with backups) are SQLite by nature and carry no
id. The UI, report, CLI and domain tests stay on SQLite: they are about the window, the paper
and the command line, and the store underneath them is proven on both backends by the store
and ops tests. A test that needs a second database asks `databases.fresh()` for one on its
own backend.

Kept fast: migrations run once per session (per xdist worker) into a template, a file on
SQLite and a template database on the server; each test gets a copy (`CREATE DATABASE ...
TEMPLATE` on the server), dropped WITH (FORCE) afterwards. `tests/snapshot.py` compares a
database before and after a refusal on either backend.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from buurtteam import i18n
from buurtteam.store.db import Database, open_database

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# The spec's own example when shared/ is beside the checkout (as in CI), else our copy of it.
EXAMPLE = SHARED / "spec" / "example-exchange.json"
if not EXAMPLE.exists():
    EXAMPLE = Path(__file__).resolve().parent / "data" / "example-exchange.json"

PG_SERVER = os.environ.get("BUURTTEAM_TEST_PG")
BACKENDS = ("sqlite", "postgresql") if PG_SERVER else ("sqlite",)
# Test folders whose database tests run on every backend.
ON_EVERY_BACKEND = {"store", "ops"}


def examples(backend: str, on_sqlite: int) -> int:
    """How many hypothesis examples a test that makes a database per example runs.

    A tenth on the server, where every statement is a round trip and a fresh database a
    CREATE DATABASE rather than a file copy. The rules under test are the same Python on
    both backends and SQLite runs them all; the server's examples prove what is its own:
    its transactions (a refusal leaves nothing behind) and its types (every value comes
    back as it went in).
    """
    return on_sqlite if backend == "sqlite" else max(5, on_sqlite // 10)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): a test about SQLite itself (the file, WAL, FTS5); runs on "
        "SQLite only, also when a PostgreSQL server is given",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Store and ops tests that use a database run once per backend."""
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.path.parent.name not in ON_EVERY_BACKEND:
        return
    sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
    backends = ("sqlite",) if sqlite_only else BACKENDS
    metafunc.parametrize("backend", backends, indirect=True, scope="session")


@pytest.fixture(autouse=True)
def _dutch() -> None:
    """Every test starts in Dutch, the default language."""
    i18n.set_language("nl")


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgresql"; SQLite where a test is not parametrized."""
    return getattr(request, "param", "sqlite")


class SqliteDatabases:
    """Fresh migrated files: copies of a file migrated once (migrations are slow)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.templates = {"": folder / "leeg.sqlite"}
        open_database(self.templates[""]).close()

    def seeded(self, name: str, fill: Callable[[Database], object]) -> str:
        """A template holding what `fill` writes, made once; `fresh(seed=name)` copies it."""
        if name not in self.templates:
            path = self.folder / f"{name}.sqlite"
            shutil.copyfile(self.templates[""], path)
            with _closing(open_database(path, daily_backup=False)) as database:
                fill(database)
            self.templates[name] = path
        return name

    @contextmanager
    def fresh(self, path: Path | None = None, *, seed: str = "") -> Iterator[Database]:
        if path is None:
            path = Path(tempfile.mkdtemp(dir=self.folder)) / "buurt.sqlite"
        shutil.copyfile(self.templates[seed], path)
        # A copy of a seeded template holds data: no daily backup of it on every open.
        with _closing(open_database(path, daily_backup=False)) as database:
            yield database

    def close(self) -> None:
        """Files go with pytest's temporary folders."""


class PostgresqlDatabases:
    """Fresh migrated databases on the server, each a copy of a template database."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.admin: Engine = create_engine(server, isolation_level="AUTOCOMMIT")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.prefix = f"bt_{worker}_{uuid.uuid4().hex[:8]}"
        self.templates = {"": f"{self.prefix}_leeg"}
        self._create(self.templates[""])
        # Closed at once: a template must have no connections when it is copied.
        open_database(self.url(self.templates[""])).close()

    def url(self, name: str) -> str:
        return make_url(self.server).set(database=name).render_as_string(hide_password=False)

    def seeded(self, name: str, fill: Callable[[Database], object]) -> str:
        """A template holding what `fill` writes, made once; `fresh(seed=name)` copies it."""
        if name not in self.templates:
            database_name = f"{self.prefix}_{name}"
            self._create(database_name, template=self.templates[""])
            with _closing(open_database(self.url(database_name))) as database:
                fill(database)
            self.templates[name] = database_name
        return name

    @contextmanager
    def fresh(self, path: Path | None = None, *, seed: str = "") -> Iterator[Database]:
        """`path` is not used: a database on the server has no file."""
        name = f"bt_{uuid.uuid4().hex[:16]}"
        self._create(name, template=self.templates[seed])
        try:
            with _closing(open_database(self.url(name))) as database:
                yield database
        finally:
            self._drop(name)

    def close(self) -> None:
        for name in self.templates.values():
            self._drop(name)
        self.admin.dispose()

    def _create(self, name: str, template: str | None = None) -> None:
        copy_of = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))

    def _drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def _closing(database: Database) -> Iterator[Database]:
    try:
        yield database
    finally:
        database.close()


Databases = SqliteDatabases | PostgresqlDatabases


@pytest.fixture(scope="session")
def databases(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    """Makes fresh, migrated, empty databases on the test's backend: `databases.fresh()`."""
    made: Databases
    if backend == "postgresql":
        assert PG_SERVER is not None
        made = PostgresqlDatabases(PG_SERVER)
    else:
        made = SqliteDatabases(tmp_path_factory.mktemp("template"))
    yield made
    made.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where `db` lives on SQLite; on PostgreSQL there is no file."""
    return tmp_path / "buurt.sqlite"


@pytest.fixture
def db(databases: Databases, db_path: Path) -> Iterator[Database]:
    """An empty database at the current schema, on the test's backend."""
    with databases.fresh(db_path) as database:
        yield database
