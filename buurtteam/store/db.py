"""Opening a database: one function, every pragma in one place, real transactions.

`open_database(target)` takes a file path or a database URL, brings the schema up to date
(backing an older file up first) and returns a `Database` whose `read()` and `write()`
context managers each run one transaction.

Python's sqlite3 driver commits implicitly before DDL and around savepoints. We follow
SQLAlchemy's documented recipe (see "Transactional DDL" in its SQLite dialect docs): the
driver's own transaction handling is switched off on connect and we emit BEGIN ourselves,
so a failed migration or import leaves nothing behind.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from buurtteam.errors import N_, StoreError
from buurtteam.store.schema import HEAD_REVISION, KNOWN_REVISIONS

BUSY_TIMEOUT_MS = 5000


@dataclass
class Database:
    engine: Engine
    url: str
    path: Path | None  # the file, for SQLite
    _reader: sessionmaker[Session]
    _writer: sessionmaker[Session]

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction: a consistent snapshot, rolled back at the end."""
        try:
            with self._reader() as session, session.begin():
                yield session
                session.rollback()
        except OperationalError as error:
            raise _environment_error(error) from None

    read_only: bool = False  # opened while someone else has the file: nothing may be written
    password_given: bool = False  # a server was given a password (for its error messages)
    # Who saves, as the one who saves second is told ("anna (laptop-anna)"), and the clock
    # that dates it; both stamped on each edited record (migration 0004, see models.Versioned).
    editor: str = ""
    clock: Callable[[], datetime] = datetime.now

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        if self.read_only:
            raise StoreError(
                N_(
                    "This file is open read-only because someone else is working in "
                    "it. Nothing was changed. Close it and open it again when they "
                    "are done."
                )
            )
        try:
            with self._writer() as session, session.begin():
                session.info.update(editor=self.editor or None, clock=self.clock)
                yield session
        except OperationalError as error:
            raise _environment_error(error) from None
        except StaleDataError:
            # A save based on a version someone else has just replaced (models.Versioned);
            # the edit ops check versions first, so this is a race of a split second.
            raise StoreError(
                N_(
                    "Someone else saved the same record at this very moment. Nothing was "
                    "saved; try again."
                )
            ) from None

    def close(self) -> None:
        self.engine.dispose()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def database_url(target: str | Path) -> tuple[str, Path | None]:
    """A URL for `target`, which is a file path or already a URL."""
    text_target = str(target)
    if "://" in text_target:
        url = make_url(text_target)
        if url.get_backend_name() == "sqlite":
            database = url.database
            return text_target, Path(database) if database else None
        return text_target, None
    path = Path(text_target).expanduser().absolute()
    return f"sqlite:///{path}", path


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # The driver must not issue BEGIN/COMMIT on its own (see the module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed transaction survives a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the write lock up front: a deferred transaction that upgrades to a
        # write later can fail with "database is locked" regardless of busy_timeout.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def open_database(
    target: str | Path,
    *,
    migrate: bool = True,
    read_only: bool = False,
    daily_backup: bool = True,
    password: str | None = None,
) -> Database:
    """Open (and create or upgrade) the database at `target`.

    `password` is for a database server that asks one (see store/server.py for where it is
    otherwise found); it is handed to the driver and kept nowhere.

    Raises:
        StoreError: when the file is not a buurtteam database, is damaged, locked, or was
            written by a newer version of the app; `PasswordNeeded` when a server wants a
            password it was not given or refused the one given.
    """
    url, path = database_url(target)
    if path is not None:
        if path.is_dir():
            raise StoreError(
                N_("{folder} is a folder, not a database file. Choose a file."), folder=str(path)
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    password_given = False
    if url.startswith("sqlite"):
        engine = _sqlite_engine(url)
    else:
        from buurtteam.store.server import server_engine

        engine, password_given = server_engine(url, password)
    writer_engine = (
        engine.execution_options(sqlite_begin="IMMEDIATE") if url.startswith("sqlite") else engine
    )
    db = Database(
        engine=engine,
        url=url,
        path=path,
        _reader=sessionmaker(engine, expire_on_commit=False),
        _writer=sessionmaker(writer_engine, expire_on_commit=False),
    )
    db.read_only = read_only
    db.password_given = password_given
    db.editor = _editor_label()
    try:
        if migrate:
            _bring_schema_up_to_date(db)
        if daily_backup and path is not None and migrate:
            from buurtteam.store.backups import daily_backup_if_due

            daily_backup_if_due(db, datetime.now())
    except BaseException:
        engine.dispose()
        raise
    return db


def _editor_label() -> str:
    """The login and the computer, as the file lock names its holder."""
    from buurtteam.store.lock import Me  # lock.py imports this module

    me = Me.current()
    return f"{me.user} ({me.host})"


def current_revision(db: Database) -> str | None:
    """The schema revision stamped in the file, or None for an empty file."""
    try:
        with db.engine.connect() as connection:
            tables = set(db.engine.dialect.get_table_names(connection))
            if "alembic_version" not in tables:
                if tables - {"sqlite_sequence"}:
                    raise StoreError(
                        N_(
                            "This file is not a buurtteam database (it holds other tables). "
                            "Choose another file, or a new file name to start afresh."
                        )
                    )
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (DatabaseError, OperationalError) as error:
        raise _store_error(error, db) from None


_ENVIRONMENT_WORDS = (
    "locked",
    "busy",
    "readonly",
    "read-only",
    "disk",
    "full",
    "unable to open",
    "disk i/o",
)


def _environment_error(error: OperationalError) -> Exception:
    """A locked, read-only or full file becomes a message a person can act on; the rest
    (a bug in our SQL) stays what it is."""
    message = str(error.orig).lower()
    if any(word in message for word in _ENVIRONMENT_WORDS):
        return _store_error(error)
    return error


def _store_error(error: Exception, db: Database | None = None) -> StoreError:
    message = str(getattr(error, "orig", error))
    if db is not None and db.path is None:
        from buurtteam.store.server import server_error

        return server_error(error, db.url, password_given=db.password_given)
    if "locked" in message or "busy" in message:
        return StoreError(
            N_(
                "The database is in use by another program and stays locked. "
                "Close the other buurtteam window and try again."
            )
        )
    if "readonly" in message or "read-only" in message:
        return StoreError(
            N_(
                "The database file cannot be written (it is read-only). Copy it "
                "to a folder where you may write, or ask for write access."
            )
        )
    if "disk" in message and "full" in message:
        return StoreError(
            N_(
                "The disk is full. Make room (empty the recycle bin, remove "
                "large files) and try again; nothing was saved."
            )
        )
    if db is not None and db.path is not None and db.path.exists():
        return damaged(db, message)
    return StoreError(
        N_(
            "The file cannot be read as a buurtteam database: it is damaged or is "
            "not a database ({detail}). Open a backup instead; the file itself "
            "was left untouched."
        ),
        detail=message,
    )


def _bring_schema_up_to_date(db: Database) -> None:
    revision = current_revision(db)
    if db.path is not None and revision is not None:
        _quick_check(db)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreError(
            N_(
                "This database was made by a newer version of buurtteam (schema "
                "{revision}). Install the newest version of the app to open it."
            ),
            revision=revision,
        )
    if revision is not None and db.path is not None:
        from buurtteam.store.backups import make_backup

        make_backup(db, f"voor-upgrade-{revision}", datetime.now())
    from buurtteam.store.migrate import upgrade  # Alembic only when the schema is behind

    try:
        upgrade(db)
    except (DatabaseError, OperationalError) as error:
        raise _store_error(error, db) from None


class DamagedFile(StoreError):
    """The file fails SQLite's integrity check. `backup` is the newest sound backup, if any."""

    def __init__(self, message: str, /, backup: Path | None = None, **params: Any) -> None:
        super().__init__(message, **params)
        self.backup = backup


def _quick_check(db: Database) -> None:
    """A damaged file is refused untouched, with the newest sound backup named."""
    try:
        with db.engine.connect() as connection:
            findings = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check")]
    except (DatabaseError, OperationalError) as error:
        raise _store_error(error, db) from None
    if findings == ["ok"]:
        return
    raise damaged(db, "; ".join(findings[:3]))


def damaged(db: Database, detail: str) -> DamagedFile:
    from buurtteam.store.backups import newest_sound_backup

    backup = newest_sound_backup(db.path) if db.path is not None else None
    if backup is None:
        return DamagedFile(
            N_(
                "The database file is damaged ({detail}) and there is no sound "
                "backup. The file was left untouched; ask someone handy with "
                "SQLite to rescue it."
            ),
            detail=detail,
        )
    return DamagedFile(
        N_(
            "The database file is damaged ({detail}). The file was left untouched. "
            "The newest sound backup is {backup_file}: restore it (window: Bestand > "
            "Herstellen uit back-up)."
        ),
        backup=backup.path,
        detail=detail,
        backup_file=str(backup.path),
    )


def backup_to(db: Database, target: Path) -> Path:
    """A sound copy through SQLite's online backup API, safe while the app writes."""
    if db.path is None:
        raise StoreError(
            N_(
                "A backup file can only be made of a database file; use the "
                "database server's own backup tools."
            )
        )
    target = target.expanduser().absolute()
    if target == db.path:
        raise StoreError(
            N_("The backup cannot overwrite the database itself. Choose another file name.")
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    source = sqlite3.connect(db.path)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise _store_error(error) from None
    finally:
        source.close()
    # Rename last, so a backup file that exists is always complete.
    shutil.move(partial, target)
    return target
