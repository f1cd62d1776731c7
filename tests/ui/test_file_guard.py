"""The window's side of trust: someone else's lock, read-only, backups and restore."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from buurtteam.ops.exchange import import_file
from buurtteam.store import models as m
from buurtteam.store.backups import list_backups, make_backup
from buurtteam.store.db import Database
from buurtteam.store.lock import Me, acquire
from buurtteam.ui import dialogs
from buurtteam.ui.file_guard import FileGuard
from buurtteam.ui.main_window import MainWindow
from buurtteam.ui.settings import Settings
from tests.conftest import EXAMPLE


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat))


def test_someone_elses_lock_offers_read_only(
    db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    import_file(db, EXAMPLE)
    acquire(db, Me("laptop-secretaris", "joke", 1), datetime.now())
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs.ConfirmDialog, "ask", lambda parent, text: asked.append(text) or True
    )
    guard = FileGuard(db, settings)
    assert guard.start()
    assert "joke" in asked[0] and "laptop-secretaris" in asked[0]
    assert db.read_only
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    assert "alleen-lezen" in window.windowTitle()
    guard.stop()


def test_declining_read_only_does_not_open(
    db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    acquire(db, Me("ander", "karim", 1), datetime.now())
    monkeypatch.setattr(dialogs.ConfirmDialog, "ask", lambda parent, text: False)
    assert not FileGuard(db, settings).start()


def test_our_lock_is_released_on_stop(db: Database, settings: Settings) -> None:
    guard = FileGuard(db, settings)
    assert guard.start()
    assert not db.read_only
    assert acquire(db, Me("ander", "karim", 1), datetime.now()) is not None
    guard.stop()
    assert acquire(db, Me("ander", "karim", 1), datetime.now()) is None


def test_restore_from_the_menu(
    db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    import_file(db, EXAMPLE)
    make_backup(db, "handmatig", datetime(2027, 1, 1, 12, 0))
    with db.write() as session:
        session.execute(m.Neighbourhood.__table__.update().values(municipality="Veranderd"))
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "ask_choice", lambda parent, caption, label, items: len(items) - 1)
    monkeypatch.setattr(
        dialogs.ConfirmDialog, "ask", lambda parent, text: shown.append(text) or True
    )
    window.restore_action.trigger()
    assert "1 januari 2027" in shown[0]
    with db.read() as session:
        assert session.execute(select(m.Neighbourhood.municipality)).scalar() == "Zeedorp"
    assert db.path is not None
    assert any(b.reason == "voor-herstel" for b in list_backups(db.path))


def test_backup_from_the_menu(
    db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    import_file(db, EXAMPLE)
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_information", lambda parent, text: told.append(text))
    window.backup_action.trigger()
    assert db.path is not None
    assert list_backups(db.path)[0].reason == "handmatig"
    assert "back-ups" in told[0]
