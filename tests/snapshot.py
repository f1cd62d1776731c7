"""Everything a database holds, as one comparable list, on SQLite and on PostgreSQL alike.

A refusal must change nothing: tests take `snapshot(db)` before and after and compare.
Every table's rows come through SQLAlchemy, ordered by primary key, so the same helper
works for a laptop file and for a database on the server. Left out on purpose: the schema
stamp (alembic_version) and what exists on one backend only (SQLite's sequence table and
the FTS5 shadow tables). The search index itself is compared by its shared columns.
PostgreSQL sequences are left out too: a refused insert may use up an id there (sequences
are not transactional), which changes no data anyone sees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, column, create_engine, inspect, select, table

from buurtteam.store.db import Database
from buurtteam.store.models import Base

SKIPPED = {"alembic_version", "sqlite_sequence"}
# The FTS5 table's own columns; PostgreSQL's search_index table has the same ones.
SEARCH_COLUMNS = ("rowid", "neighbourhood_id", "kind", "record_id", "title", "body")

Row = tuple[str, tuple[Any, ...]]


def snapshot(target: Database | Path) -> list[Row]:
    """Every row of every table as (table name, values), in a stable order.

    `target` is an open database or, for tests that only have the file, a SQLite path.
    """
    if isinstance(target, Database):
        with target.engine.connect() as connection:
            return _rows(connection)
    engine = create_engine(f"sqlite:///{Path(target).absolute()}")
    try:
        with engine.connect() as connection:
            return _rows(connection)
    finally:
        engine.dispose()


def _rows(connection: Connection) -> list[Row]:
    rows: list[Row] = []
    for name in sorted(inspect(connection).get_table_names()):
        if name in SKIPPED or name.startswith("search_index_"):
            continue
        statement = _ordered_select(connection, name)
        rows.extend((name, tuple(row)) for row in connection.execute(statement))
    return rows


def _ordered_select(connection: Connection, name: str) -> Any:
    if name == "search_index":
        index = table(name, *(column(c) for c in SEARCH_COLUMNS))
        return select(*index.columns).order_by(index.c.rowid)
    known: Table | None = Base.metadata.tables.get(name)
    if known is None:  # a table the models do not declare: read it as it is
        known = Table(name, MetaData(), autoload_with=connection)
    order = list(known.primary_key.columns) or list(known.columns)
    return select(known).order_by(*order)
