"""One writer per file: who has it open is recorded inside the file itself.

The record travels with the file through a synced folder, so a second laptop sees it
too. A lock is alive while its holder keeps its heartbeat fresh; a holder on this
machine whose process is gone, or any holder silent for STALE_AFTER, left it behind
after a crash, and it is taken over. The clock and "who am I" are passed in.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select

from buurtteam.store.db import Database
from buurtteam.store.models import FileLock

HEARTBEAT_EVERY = timedelta(seconds=60)
STALE_AFTER = timedelta(minutes=5)
LOCK_ID = 1

# Folders that sync to the cloud: SQLite's own locking does not cross them.
SYNCED_FOLDER_NAMES = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "icloud",
    "icloud drive",
    "nextcloud",
    "owncloud",
    "surfdrive",
    "box sync",
    "mydrive",
    "my drive",
)


@dataclass(frozen=True)
class Me:
    host: str
    user: str
    pid: int

    @classmethod
    def current(cls) -> Me:
        try:
            user = getpass.getuser()
        except (OSError, KeyError):
            user = "?"
        return cls(socket.gethostname(), user, os.getpid())


@dataclass(frozen=True)
class Holder:
    host: str
    user: str
    pid: int
    since: datetime
    heartbeat: datetime


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_alive(holder: Holder, me: Me, now: datetime) -> bool:
    """Does the recorded holder still have the file open?"""
    if holder.host == me.host and holder.pid == me.pid:
        return False  # our own lock, left by an earlier open in this process
    if holder.host == me.host and not process_alive(holder.pid):
        return False
    return now - holder.heartbeat < STALE_AFTER


def acquire(db: Database, me: Me, now: datetime) -> Holder | None:
    """Take the lock; returns None when taken, else whoever has the file open."""
    with db.write() as session:
        row = session.get(FileLock, LOCK_ID)
        if row is not None:
            holder = Holder(row.host, row.user, row.pid, row.since, row.heartbeat)
            if is_alive(holder, me, now):
                return holder
            session.delete(row)
            session.flush()
        session.add(
            FileLock(id=LOCK_ID, host=me.host, user=me.user, pid=me.pid, since=now, heartbeat=now)
        )
    return None


def refresh(db: Database, me: Me, now: datetime) -> bool:
    """Renew our heartbeat. False when the lock is no longer ours (taken over)."""
    with db.write() as session:
        row = session.get(FileLock, LOCK_ID)
        if row is None or (row.host, row.pid) != (me.host, me.pid):
            return False
        row.heartbeat = now
    return True


def release(db: Database, me: Me) -> None:
    with db.write() as session:
        session.execute(
            delete(FileLock).where(
                FileLock.id == LOCK_ID, FileLock.host == me.host, FileLock.pid == me.pid
            )
        )


def current_holder(db: Database) -> Holder | None:
    with db.read() as session:
        row = session.execute(select(FileLock)).scalar()
        return (
            None if row is None else Holder(row.host, row.user, row.pid, row.since, row.heartbeat)
        )


def in_synced_folder(path: Path) -> bool:
    """Is the file inside a folder that a cloud service synchronises?"""
    return any(
        part.casefold() in SYNCED_FOLDER_NAMES
        or part.casefold().startswith(("onedrive - ", "onedrive-"))
        for part in path.resolve().parts
    )
