"""A quick read-only look into a buurtteam file with the standard library's `sqlite3`.

The window shows its first screen from this look while SQLAlchemy, the models and the
migrations load behind it (start-up time, issue 8). It only reads, never writes or
migrates, and it gives up (None) on anything it is not sure of: a missing file, a file
from another version of buurtteam, a damaged or locked one. The full opening that follows
deals with those as it always did, with its messages and backups.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote

from buurtteam.store.overview_queries import SqliteReader

if TYPE_CHECKING:
    from buurtteam.store.overview_queries import Reader

T = TypeVar("T")

log = logging.getLogger(__name__)

# The newest migration (store/migrations/versions). A file at another revision is opened
# the full way, which migrates it; tests/store/test_first_look.py keeps this in step.
SCHEMA_REVISION = "0004"


def first_look(path: Path, read: Callable[[Reader], T]) -> T | None:
    """What `read` finds in the file at `path`, or None when a quick look is not safe.

    Read-only and in one read transaction, so what it reads is one consistent moment.
    """
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(
            f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, isolation_level=None
        )
    except sqlite3.Error as error:
        log.info("No quick look into %s: %s", path, error)
        return None
    try:
        connection.execute("PRAGMA busy_timeout = 200")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != SCHEMA_REVISION:
            return None
        connection.execute("BEGIN")
        return read(SqliteReader(connection))
    except sqlite3.Error as error:
        log.info("No quick look into %s: %s", path, error)
        return None
    finally:
        connection.close()
