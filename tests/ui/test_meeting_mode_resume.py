"""From the main window into meeting mode, and back into it after the app was killed.

A real process runs the window, types notes at an item, and is killed with SIGKILL once
the window said it saved them. The next start of the main window reopens meeting mode on
the same meeting, at the same item, with the notes that were saved.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from buurtteam.domain.vocab import Section
from buurtteam.ops.minutes import minutes_of
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.main_window import MainWindow
from buurtteam.ui.meeting_mode import MeetingModeWindow
from buurtteam.ui.settings import Settings
from tests.ops.test_meeting_mode import TODAY, composed_meeting, example, item_in

WINDOW = r"""
import sys
from datetime import date
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from buurtteam.store.db import open_database
from buurtteam.ui.main_window import MainWindow
from buurtteam.ui.settings import Settings

app = QApplication([])
db = open_database(sys.argv[1], daily_backup=False)
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = MainWindow(db, settings, today=lambda: date(2027, 4, 6))
window.show()
mode = window.meeting_mode.open(int(sys.argv[3]), sys.argv[4])

def said_saved():
    print("saved", flush=True)

mode.autosave.saved.connect(said_saved)
QTest.keyClicks(mode.item_panel.notes, "Genoteerd voor de crash.")
QTimer.singleShot(60000, app.quit)  # never reached: the test kills us first
app.exec()
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


def test_ctrl_l_opens_the_meeting_of_the_day(
    qtbot: QtBot, db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    example(db)
    april = composed_meeting(db)
    offered: list[list[str]] = []

    def ask_choice(_parent: Any, _caption: str, _label: str, items: list[str]) -> int:
        offered.append(items)
        return 0

    monkeypatch.setattr(dialogs, "ask_choice", ask_choice)
    window = MainWindow(db, settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert offered and offered[0][0].startswith("dinsdag 6 april 2027, 19:30 uur")
    mode = window.meeting_mode.window
    assert isinstance(mode, MeetingModeWindow) and mode.meeting_id == april
    qtbot.addWidget(mode)
    assert mode.pages.currentWidget() is mode.attendance_page  # attendance first
    mode.close()
    qtbot.waitUntil(lambda: window.meeting_mode.window is None)


def test_after_a_kill_the_app_reopens_at_the_same_item_with_what_was_saved(
    qtbot: QtBot, db: Database, settings: Settings, tmp_path: Path
) -> None:
    example(db)
    april = composed_meeting(db)
    item = item_in(db, april, Section.TOPICS)
    public_id = minutes_of(db, april).item(item).public_id
    assert db.path is not None
    ini = tmp_path / "window.ini"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(db.path), str(ini), str(april), public_id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # the window saved the notes
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert line.strip() == "saved"
    assert minutes_of(db, april).item(item).notes == "Genoteerd voor de crash."

    settings.store.sync()  # read what the killed process left in the file
    window = MainWindow(db, settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.meeting_mode.window is not None)
    mode = window.meeting_mode.window
    assert mode is not None
    qtbot.addWidget(mode)
    assert mode.meeting_id == april
    assert mode.current_item is not None and mode.current_item.public_id == public_id
    assert mode.item_panel.notes.toPlainText() == "Genoteerd voor de crash."
