"""Guarding the open file: one writer at a time, a heartbeat, the synced-folder warning.

The lock itself lives in the database (`store.lock`); this is the window's side: ask
what to do when someone else has the file, keep our lock fresh while the window is open,
release it on close.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, tijd
from buurtteam.store import lock
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.settings import Settings


class FileGuard(QObject):
    def __init__(self, db: Database, settings: Settings, *, quiet: bool = False) -> None:
        super().__init__()
        self._db = db
        self._settings = settings
        self._quiet = quiet  # smoke runs: never ask, never wait
        self._me = lock.Me.current()
        self._holding = False
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(lock.HEARTBEAT_EVERY.total_seconds() * 1000))
        self._heartbeat.timeout.connect(self._on_heartbeat_timeout)

    def start(self, parent: QWidget | None = None) -> bool:
        """Take the lock, or agree with the person to read only. False: do not open."""
        holder = lock.acquire(self._db, self._me, datetime.now())
        if holder is not None:
            if not self._quiet and not dialogs.ConfirmDialog.ask(parent, self.held_text(holder)):
                return False
            self._db.read_only = True
        else:
            self._holding = True
            self._heartbeat.start()
        if not self._quiet:
            self._warn_once_if_synced(parent)
        return True

    @staticmethod
    def held_text(holder: lock.Holder) -> str:
        return _(
            "{user} on computer {host} has this file open since {day} at {time}. Two people "
            "writing in one file can lose each other's work.\n\nOpen it read-only? You can read "
            "everything but change nothing. (If that computer crashed, the lock is released by "
            "itself within five minutes.)"
        ).format(
            user=holder.user,
            host=holder.host,
            day=datum(holder.since.date()),
            time=tijd(holder.since),
        )

    def _warn_once_if_synced(self, parent: QWidget | None) -> None:
        path = self._db.path
        if path is None or not lock.in_synced_folder(path):
            return
        warned = self._settings.synced_warned.splitlines()
        if str(path) in warned:
            return
        dialogs.show_information(
            parent,
            _(
                "This file is in a folder that is synchronised with the cloud ({folder}). That is "
                "fine for one person at a time. Two laptops working in it at the same moment can "
                "overwrite each other's work, because syncing copies whole files.\n\nThe safe way: "
                "close buurtteam on one laptop before you open it on another, and wait until the "
                "sync is done. To share work, use Bestand > Exporteren and import the file on the "
                "other laptop."
            ).format(folder=str(path.parent)),
        )
        self._settings.synced_warned = "\n".join([*warned, str(path)])

    def _on_heartbeat_timeout(self) -> None:
        try:
            still_ours = lock.refresh(self._db, self._me, datetime.now())
        except BuurtteamError:
            return  # a busy moment; the next beat tries again, well within STALE_AFTER
        if not still_ours:
            self._heartbeat.stop()
            self._holding = False
            self._db.read_only = True

    def stop(self) -> None:
        self._heartbeat.stop()
        if self._holding:
            with contextlib.suppress(BuurtteamError):  # else the lock goes stale by itself
                lock.release(self._db, self._me)
            self._holding = False
