"""Meeting mode saves as it is typed: a save that meets someone else's never loses the text.

The secretary types the notes in meeting mode; meanwhile a second window (the chair's
laptop on the same server) saves the same item's notes. The next autosave is refused,
the text stays in the editor, a bar says who saved when, and the dialog behind it offers
the same three choices as every form.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from buurtteam.domain.vocab import Section
from buurtteam.ops.meeting_mode import ActionDraft, save_action, save_action_checked, save_notes
from buurtteam.ops.minutes import minutes_of
from buurtteam.store.db import Database, open_database
from buurtteam.ui.meeting_mode import MeetingModeWindow
from buurtteam.ui.settings import Settings
from tests.ops.test_meeting_mode import TODAY, composed_meeting, example, item_in
from tests.snapshot import snapshot
from tests.ui.test_budget_page import type_text
from tests.ui.test_conflict import ConflictWatch, click

ANS = "ans (laptop-ans)"
ANS_SAVES_AT = datetime(2027, 4, 6, 20, 14)
NOW = datetime(2027, 4, 6, 20, 15)


@pytest.fixture
def april(db: Database) -> int:
    db.editor = "joke (laptop-joke)"
    example(db)
    return composed_meeting(db)


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    second = open_database(db.url)
    second.editor = ANS
    second.clock = lambda: ANS_SAVES_AT
    yield second
    second.close()


@pytest.fixture
def conflict(qtbot: QtBot) -> ConflictWatch:
    return ConflictWatch(qtbot)


@pytest.fixture
def window(qtbot: QtBot, db: Database, april: int, tmp_path: Path) -> Iterator[MeetingModeWindow]:
    settings = Settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    topic = item_in(db, april, Section.TOPICS)
    [public_id] = [i.public_id for i in minutes_of(db, april).items if i.id == topic]
    shown = MeetingModeWindow(
        db,
        april,
        settings,
        today=lambda: TODAY,
        now=lambda: NOW,
        monotonic=lambda: 0.0,
        start_item=public_id,
    )
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    yield shown
    # Closed here, not by qtbot (which closes before fixtures end): a choice left open on
    # purpose would otherwise be asked on closing.
    shown.conflict_bar.clear()
    shown.close()
    shown.deleteLater()


def stored_notes(db: Database, meeting: int, item: int) -> str | None:
    return minutes_of(db, meeting).item(item).notes


def meet_conflict(
    qtbot: QtBot, window: MeetingModeWindow, db: Database, other: Database, april: int
) -> int:
    """Joke types and it is saved; Ans saves other notes; Joke types on: refused."""
    item = window.current_item
    assert item is not None
    type_text(qtbot, window.item_panel.notes, "Het feest gaat door")
    window.autosave.flush()
    assert stored_notes(db, april, item.id) == "Het feest gaat door"
    save_notes(other, item.id, "Ans: het feest gaat door op 5 juni")
    type_text(qtbot, window.item_panel.notes, ", met muziek")
    window.autosave.flush()
    return item.id


def test_a_refused_autosave_keeps_the_text_and_says_who_saved(
    qtbot: QtBot, window: MeetingModeWindow, db: Database, other: Database, april: int
) -> None:
    item = meet_conflict(qtbot, window, db, other, april)

    assert window.item_panel.notes_text() == "Het feest gaat door, met muziek"
    assert stored_notes(db, april, item) == "Ans: het feest gaat door op 5 juni"
    assert window.conflict_bar.isVisible()
    assert window.conflict_bar.message.text() == (
        f"⚠ {ANS} heeft de aantekeningen bij dit agendapunt om 20:14 gewijzigd terwijl u "
        "typte. Uw tekst blijft hieronder staan, maar wordt pas opgeslagen als u kiest."
    )
    assert window.save_state.text() == "⚠ Niet opgeslagen: iemand anders sloeg eerder op"
    # Typing on is refused again: still nothing of Ans's is overwritten.
    before = snapshot(db)
    type_text(qtbot, window.item_panel.notes, " en een springkussen")
    window.autosave.flush()
    assert snapshot(db) == before
    assert window.item_panel.notes_text().endswith("met muziek en een springkussen")


def test_saving_mine_anyway_from_the_bar(
    qtbot: QtBot,
    window: MeetingModeWindow,
    db: Database,
    other: Database,
    april: int,
    conflict: ConflictWatch,
) -> None:
    item = meet_conflict(qtbot, window, db, other, april)
    conflict.then(lambda d: click(qtbot, d.save_mine_button))
    click(qtbot, window.conflict_bar.choose_button)

    [seen] = conflict.seen
    assert seen["rows"] == [
        [
            "⚠ Aantekeningen\n(door u allebei gewijzigd)",
            "Het feest gaat door",
            "Ans: het feest gaat door op 5 juni",
            "Het feest gaat door, met muziek",
        ]
    ]
    assert seen["merge"] is False
    assert stored_notes(db, april, item) == "Het feest gaat door, met muziek"
    assert not window.conflict_bar.isVisible()
    assert window.item_panel.notes_text() == "Het feest gaat door, met muziek"
    # Typing goes on and is saved as before, from the version just saved.
    type_text(qtbot, window.item_panel.notes, ".")
    window.autosave.flush()
    assert stored_notes(db, april, item) == "Het feest gaat door, met muziek."


def test_throwing_mine_away_shows_theirs(
    qtbot: QtBot,
    window: MeetingModeWindow,
    db: Database,
    other: Database,
    april: int,
    conflict: ConflictWatch,
) -> None:
    item = meet_conflict(qtbot, window, db, other, april)
    before = snapshot(db)
    conflict.then(lambda d: click(qtbot, d.discard_button))
    click(qtbot, window.conflict_bar.choose_button)

    assert snapshot(db) == before
    assert window.item_panel.notes_text() == "Ans: het feest gaat door op 5 juni"
    assert not window.conflict_bar.isVisible()
    assert stored_notes(db, april, item) == "Ans: het feest gaat door op 5 juni"


def test_leaving_the_item_asks_first_and_escape_stays(
    qtbot: QtBot,
    window: MeetingModeWindow,
    db: Database,
    other: Database,
    april: int,
    conflict: ConflictWatch,
) -> None:
    item = meet_conflict(qtbot, window, db, other, april)
    conflict.then(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    qtbot.keyClick(window.item_panel.notes, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)

    assert len(conflict.seen) == 1
    assert window.current_item is not None and window.current_item.id == item
    assert window.item_panel.notes_text() == "Het feest gaat door, met muziek"
    assert window.conflict_bar.isVisible()


def test_an_action_changed_meanwhile_is_merged(
    qtbot: QtBot,
    window: MeetingModeWindow,
    db: Database,
    other: Database,
    april: int,
    conflict: ConflictWatch,
) -> None:
    item = window.current_item
    assert item is not None
    action = save_action(db, item.id, ActionDraft("Tent huren", due=date(2027, 5, 1)))
    assert action is not None
    window.reload_item()
    editor = window.item_panel.action_section.live_editors()[0]  # type: ignore[union-attr]
    save_action_checked(other, item.id, ActionDraft("Tent huren", due=date(2027, 5, 15), id=action))
    type_text(qtbot, editor.text_edit, " voor 80 mensen")  # type: ignore[attr-defined]
    window.autosave.flush()
    assert window.conflict_bar.isVisible()
    conflict.then(lambda d: click(qtbot, d.merge_button))
    click(qtbot, window.conflict_bar.choose_button)

    [seen] = conflict.seen
    assert [row[0].split("\n")[0] for row in seen["rows"]] == ["Actie", "Deadline"]  # type: ignore[attr-defined]
    [line] = minutes_of(db, april).item(item.id).actions
    assert (line.text, line.due) == ("Tent huren voor 80 mensen", date(2027, 5, 15))
    assert not window.conflict_bar.isVisible()
