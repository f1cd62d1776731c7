"""Automatic backups beside the database, kept in rotation, and restoring one.

A backup is made with SQLite's online backup API (a sound copy even while the window
writes): on the first open of each day, before every migration and before every import.
They live in a `back-ups` folder beside the database, named
`<file>-<YYYYmmdd-HHMMSS>-<reason>.sqlite`. Rotation keeps the ten newest plus the newest
of each month for a year; older ones are removed. The clock is always passed in.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from buurtteam.errors import N_, StoreError
from buurtteam.store.db import Database, backup_to

FOLDER = "back-ups"
KEEP_NEWEST = 10
KEEP_MONTHS = 12
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9-]+)\.sqlite$")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str


def backups_folder(database: Path) -> Path:
    return database.parent / FOLDER


def list_backups(database: Path) -> list[Backup]:
    """The backups of this database file, newest first."""
    folder = backups_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{database.stem}-*.sqlite"):
        match = _NAME.match(path.name)
        if match and match["stem"] == database.stem:
            made = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append(Backup(path, made, match["reason"]))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def make_backup(db: Database, reason: str, now: datetime) -> Path:
    """Copy the database into the backups folder and rotate. Returns the new file."""
    if db.path is None:
        raise StoreError(
            N_(
                "A backup file can only be made of a database file; use the "
                "database server's own backup tools."
            )
        )
    folder = backups_folder(db.path)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db.path.stem}-{stamp}-{reason}.sqlite"
    counter = 1
    while target.exists():  # two backups in one second (an import right after the daily one)
        counter += 1
        target = folder / f"{db.path.stem}-{stamp}-{reason}-{counter}.sqlite"
    backup_to(db, target)
    rotate(db.path, now)
    return target


def rotate(database: Path, now: datetime) -> list[Path]:
    """Remove backups beyond the ten newest and the newest per month of the last year."""
    backups = list_backups(database)
    keep = {b.path for b in backups[:KEEP_NEWEST]}
    months_seen: set[tuple[int, int]] = set()
    for backup in backups:  # newest first: the first one seen of a month is its newest
        month = (backup.made_at.year, backup.made_at.month)
        age_in_months = (now.year - month[0]) * 12 + now.month - month[1]
        if month not in months_seen and age_in_months < KEEP_MONTHS:
            keep.add(backup.path)
        months_seen.add(month)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def daily_backup_if_due(db: Database, now: datetime) -> Path | None:
    """The first open of a day makes a backup (only of a file that holds data)."""
    if db.path is None or not db.path.exists():
        return None
    if any(b.made_at.date() == now.date() for b in list_backups(db.path)):
        return None
    if not _holds_data(db.path):
        return None
    return make_backup(db, "dagelijks", now)


def _holds_data(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'neighbourhood'"
        ).fetchone()
        return bool(row and connection.execute("SELECT 1 FROM neighbourhood LIMIT 1").fetchone())
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def is_sound(path: Path) -> bool:
    """SQLite's own quick check says the file is intact."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def newest_sound_backup(database: Path) -> Backup | None:
    return next((b for b in list_backups(database) if is_sound(b.path)), None)


def set_aside(database: Path, now: datetime) -> Path:
    """Move a damaged database (and its WAL files) out of the way, keeping every byte."""
    target = database.with_name(f"{database.stem}.beschadigd-{now:%Y%m%d-%H%M%S}{database.suffix}")
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    database.rename(target)
    return target


def restore(db: Database, backup: Path, now: datetime) -> Path:
    """Replace the database's content with a backup; the current content is backed up first.

    Returns the backup made of the current file. The engine's connections are closed
    first and reopen by themselves afterwards.
    """
    if db.path is None:
        raise StoreError(
            N_(
                "A backup file can only be made of a database file; use the "
                "database server's own backup tools."
            )
        )
    if not is_sound(backup):
        raise StoreError(
            N_("The backup {file} is itself damaged; choose another one."), file=str(backup)
        )
    db.engine.dispose()
    # A damaged file is never overwritten: it moves aside, for whoever wants to rescue it.
    safety = make_backup(db, "voor-herstel", now) if is_sound(db.path) else set_aside(db.path, now)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(db.path)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as error:
        raise StoreError(
            N_("The backup could not be restored: {reason}. The database was not changed."),
            reason=str(error),
        ) from None
    finally:
        source.close()
    db.engine.dispose()
    return safety
