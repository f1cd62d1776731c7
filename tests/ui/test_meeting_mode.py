"""Meeting mode driven like a chair does: keyboard first, on a real file, offscreen.

The example neighbourhood's meeting of 6 April 2027 is composed and run: attendance,
three items with decisions and actions, the previous minutes approved, a budget grant at
the table, a contract point's status changed, the meeting finished and the minutes
printed and read back.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from buurtteam.domain.budget import DecisionKind
from buurtteam.domain.vocab import AttendanceStatus, MeetingStatus, PointStatus, Section
from buurtteam.errors import BuurtteamError
from buurtteam.ops.budget import set_not_regular_maintenance, set_year_amount, year_budget
from buurtteam.ops.minutes import minutes_of
from buurtteam.store import models as m
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.meeting.autosave import Autosave
from buurtteam.ui.meeting.outcomes import ActionEditor, DecisionEditor
from buurtteam.ui.meeting.timer import ItemClock, timer_words
from buurtteam.ui.meeting_mode import MeetingModeWindow
from buurtteam.ui.settings import Settings
from tests.ops.test_meeting_mode import TODAY, by_public_id, composed_meeting, example
from tests.reports.test_agenda_report import font_sizes
from tests.snapshot import snapshot
from tests.ui.test_budget_page import retype, type_text

NOW = datetime(2027, 4, 6, 20, 0)


class FakeClock:
    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BuurtteamError]:
    shown: list[BuurtteamError] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, error: shown.append(error))
    return shown


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions are answered yes; what the window asks and tells is kept."""
    texts: list[str] = []

    def ask(_parent: Any, text: str) -> bool:
        texts.append(text)
        return True

    monkeypatch.setattr(dialogs.ConfirmDialog, "ask", staticmethod(ask))
    monkeypatch.setattr(dialogs, "show_information", lambda _parent, text: texts.append(text))
    return texts


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def hood(db: Database) -> Database:
    return example(db)


@pytest.fixture
def april(hood: Database) -> int:
    return composed_meeting(hood)


@pytest.fixture
def open_mode(qtbot: QtBot, hood: Database, settings: Settings, clock: FakeClock) -> Iterator[Any]:
    windows: list[MeetingModeWindow] = []

    def _open(meeting_id: int, start_item: str | None = None) -> MeetingModeWindow:
        window = MeetingModeWindow(
            hood,
            meeting_id,
            settings,
            today=lambda: TODAY,
            now=lambda: NOW,
            monotonic=clock,
            start_item=start_item,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        windows.append(window)
        return window

    yield _open
    for window in windows:
        window.autosave.flush()


def press(
    qtbot: QtBot, window: QWidget, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.AltModifier
) -> None:
    """A shortcut, pressed wherever the focus is (as a person does)."""
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry of a combo box by typing its first letters, keyboard only.

    No spaces: a space opens the combo's list, as it does for a person.
    """
    assert " " not in text
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text), combo.currentText()


def go_to_section(qtbot: QtBot, window: MeetingModeWindow, section: Section) -> None:
    """Alt+→ until the item of `section` is on screen."""
    for _step in range(len(window.minutes.items) + 1):
        item = window.current_item
        if item is not None and item.section is section:
            return
        press(qtbot, window, Qt.Key.Key_Right)
    raise AssertionError(f"no item in section {section}")


def wait_dialog(qtbot: QtBot, window: MeetingModeWindow) -> Any:
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    return window.dialog


def button(widget: QWidget, text: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text().startswith(text)]
    assert found, [b.text() for b in widget.findChildren(QPushButton)]
    return found[0]


def test_a_whole_meeting_with_the_keyboard_then_the_minutes_on_paper(
    qtbot: QtBot,
    open_mode: Any,
    hood: Database,
    april: int,
    errors: list[BuurtteamError],
    said: list[str],
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_mode(april)
    assert "Alt+B" in window.legend.text() and "nieuw besluit" in window.legend.text()
    assert window.quorum.text().startswith("⚠ Geen quorum")

    # Attendance: Henk sent word; everyone else not yet recorded is present; a guest.
    panel = window.attendance
    choose(qtbot, panel.row_of("Henk Bakker").status, "afwezig")  # "afwezig met bericht"
    qtbot.mouseClick(panel.all_present, Qt.MouseButton.LeftButton)
    type_text(qtbot, panel.guest_name, "Ruud Hendriks")
    type_text(qtbot, panel.guest_organisation, "Gemeente Zeedorp")
    qtbot.keyClick(panel.guest_organisation, Qt.Key.Key_Return)
    assert window.quorum.text().startswith("✔ Quorum: 3")

    # Item: the previous minutes, approved at the table.
    go_to_section(qtbot, window, Section.PREVIOUS_MINUTES)
    qtbot.mouseClick(
        button(window.item_panel, "Dit verslag vaststellen"), Qt.MouseButton.LeftButton
    )
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    assert minutes_of(hood, february).head.frozen
    # ... and the actielijst gone through: an open action of February is done.
    [open_action] = [a for a in minutes_of(hood, april).action_list if a.done_on is None]
    check = window.item_panel.action_list_checks[0]
    assert check.accessibleName() == f"Gereed: {open_action.text}"
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    assert minutes_of(hood, february).item(open_action.item_id).actions[0].done_on == TODAY

    # Item one: the residents' topic, with notes, a unanimous decision and an action.
    go_to_section(qtbot, window, Section.TOPICS)
    press(qtbot, window, Qt.Key.Key_T)  # the timer runs
    clock.seconds = 16 * 60  # 15 minutes were planned
    window._on_ticker_timeout()
    assert window.item_panel.timer_label.text().startswith("⚠ 1:00 over de tijd")
    type_text(qtbot, window.item_panel.notes, "Het feest <op het plein> & muziek.")
    press(qtbot, window, Qt.Key.Key_B)
    decision = window.item_panel.decision_section.editors[-1]
    assert isinstance(decision, DecisionEditor)
    type_text(qtbot, decision.text_edit, "Het buurtfeest gaat door op 19 juni.")
    choose(qtbot, decision.vote_kind, "unaniem")
    press(qtbot, window, Qt.Key.Key_A)
    action = window.item_panel.action_section.editors[-1]
    assert isinstance(action, ActionEditor)
    type_text(qtbot, action.text_edit, "Vergunning aanvragen")
    choose(qtbot, action.who, "Joke")
    window.autosave.flush()
    assert decision.result.text() == "Vastgelegd: unaniem, 3 voor."

    # Item two: the contract, a point's status changed with the contract's own dialog.
    go_to_section(qtbot, window, Section.CONTRACT)
    qtbot.mouseClick(button(window.item_panel, "Status wijzigen"), Qt.MouseButton.LeftButton)
    status_dialog = wait_dialog(qtbot, window)
    choose(qtbot, status_dialog.status, "in")
    type_text(qtbot, status_dialog.note, "Politie controleert sinds maart.")
    qtbot.mouseClick(status_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not status_dialog.isVisible())
    press(qtbot, window, Qt.Key.Key_B)
    contract_decision = window.item_panel.decision_section.editors[-1]
    assert isinstance(contract_decision, DecisionEditor)
    type_text(qtbot, contract_decision.text_edit, "Het team vraagt de politie om een verslag.")
    choose(qtbot, contract_decision.vote_kind, "stemmen")
    retype(qtbot, contract_decision.counts[0], "2")
    retype(qtbot, contract_decision.counts[2], "1")

    # Item three: the budget proposal, granted in part at the table.
    go_to_section(qtbot, window, Section.BUDGET)
    qtbot.mouseClick(button(window.item_panel, "Besluiten"), Qt.MouseButton.LeftButton)
    decide = wait_dialog(qtbot, window)
    assert "€\xa025.000,00" not in decide.before_after.text()  # what is left, not the budget
    assert "na dit besluit" in decide.before_after.text()
    retype(qtbot, decide.amount, "2.000,00")
    type_text(qtbot, decide.reason, "Twee bankjes in plaats van drie.")
    qtbot.mouseClick(decide.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not decide.isVisible())
    assert errors == []
    proposal = minutes_of(hood, april).item(window.current_item.id).decisions  # type: ignore[union-attr]
    assert "€\xa02.000,00" in proposal[0].text

    # The end: finish, then print.
    window.finish()
    assert minutes_of(hood, april).head.status is MeetingStatus.HELD
    target = tmp_path / "verslag.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_args: target)
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert errors == []
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(target), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "Conceptverslag" in text and "dinsdag 6 april 2027" in text
    assert "Afwezig met bericht Henk Bakker (bewoner)" in text
    assert "Ruud Hendriks (Gemeente Zeedorp)" in text
    assert "Het feest <op het plein> & muziek." in text
    assert "Het buurtfeest gaat door op 19 juni. Stemming: unaniem (3 voor)" in text
    assert "Vergunning aanvragen — wie: Joke Smit" in text
    assert "Stemming: aangenomen: 2 voor, 0 tegen, 1 onthouding" in text
    assert "Het verslag van 23 februari 2027 wordt vastgesteld." in text
    assert "Aanvraag 'Drie bankjes langs het Duinpad': toegekend € 2.000,00" in text
    assert "Politie controleert sinds maart." in text
    assert "Bijlage 1. Besluitenlijst" in text and "Bijlage 2. Actielijst" in text
    with hood.read() as session:
        point = session.execute(
            m.ContractPoint.__table__.select().where(m.ContractPoint.number == 3)
        ).one()
        assert point.status == PointStatus.IN_PROGRESS.value


def test_a_grant_that_does_not_fit_is_refused_with_the_numbers_and_changes_nothing(
    qtbot: QtBot, open_mode: Any, hood: Database, april: int, errors: list[BuurtteamError]
) -> None:
    hood_id = minutes_of(hood, april).head.neighbourhood_id
    granted = year_budget(hood, hood_id, 2027).ledger.granted
    set_year_amount(hood, hood_id, 2027, granted + Decimal("500.00"))  # 500 left to grant
    window = open_mode(april)
    go_to_section(qtbot, window, Section.BUDGET)
    qtbot.mouseClick(button(window.item_panel, "Besluiten"), Qt.MouseButton.LeftButton)
    decide = wait_dialog(qtbot, window)
    assert "€\xa0500,00" in decide.before_after.text()
    assert decide.fit_warning.text().startswith("⚠")
    before = snapshot(hood)
    qtbot.mouseClick(decide.ok_button, Qt.MouseButton.LeftButton)
    assert [type(e).__name__ for e in errors] == ["OverBudget"]
    assert "€\xa0500,00" in errors[0].text() and "€\xa02.400,00" in errors[0].text()
    assert decide.isVisible()
    assert snapshot(hood) == before
    item = window.current_item
    assert item is not None and minutes_of(hood, april).item(item.id).decisions == ()


def test_a_grant_of_regular_maintenance_is_refused_and_changes_nothing(
    qtbot: QtBot, open_mode: Any, hood: Database, april: int, errors: list[BuurtteamError]
) -> None:
    proposal = by_public_id(hood, m.Proposal, "b-bankjes")
    set_not_regular_maintenance(hood, proposal, False)
    window = open_mode(april)
    go_to_section(qtbot, window, Section.BUDGET)
    qtbot.mouseClick(button(window.item_panel, "Besluiten"), Qt.MouseButton.LeftButton)
    decide = wait_dialog(qtbot, window)
    assert decide.maintenance_warning.isVisible()
    decide.choose(DecisionKind.GRANT)
    before = snapshot(hood)
    qtbot.mouseClick(decide.ok_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "regulier onderhoud" in errors[0].text()
    assert snapshot(hood) == before


def test_chair_secretary_and_quorum_are_set_on_the_attendance_page(
    qtbot: QtBot, open_mode: Any, hood: Database, april: int, errors: list[BuurtteamError]
) -> None:
    window = open_mode(april)
    panel = window.attendance
    choose(qtbot, panel.chair, "Karim")
    choose(qtbot, panel.secretary, "Joke")
    head = minutes_of(hood, april).head
    assert (head.chair, head.secretary) == ("Karim El Amrani", "Joke Smit")
    qtbot.mouseClick(panel.all_present, Qt.MouseButton.LeftButton)
    assert window.quorum.text().startswith("✔ Quorum: 4")  # three residents and Karim
    panel.quorum.setFocus()
    panel.quorum.selectAll()
    qtbot.keyClicks(panel.quorum, "5")
    qtbot.keyClick(panel.quorum, Qt.Key.Key_Return)
    assert window.quorum.text() == "⚠ Geen quorum: 4 stemgerechtigden aanwezig, 5 nodig"
    assert minutes_of(hood, april).head.quorum == 5
    assert errors == []


def test_approved_minutes_open_read_only_and_take_an_erratum(
    qtbot: QtBot, open_mode: Any, hood: Database, said: list[str], errors: list[BuurtteamError]
) -> None:
    january = by_public_id(hood, m.Meeting, "m-2027-01")
    window = open_mode(january, "a-1-2")
    assert "vastgesteld" in window.state.text()
    assert window.item_panel.notes.isReadOnly()
    assert not window.item_panel.decision_section.add_button.isEnabled()  # type: ignore[union-attr]
    press(qtbot, window, Qt.Key.Key_B)
    assert window.item_panel.decision_section.live_editors()[-1].record_id is not None  # type: ignore[union-attr]
    assert window.erratum_action.isEnabled() and not window.finish_action.isEnabled()
    window.add_erratum()
    dialog = wait_dialog(qtbot, window)
    type_text(qtbot, dialog.text, "Henk Bakker kwam om 20:00 uur.")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.isVisible())
    minutes = minutes_of(hood, january)
    assert [e.text for e in minutes.errata] == ["Henk Bakker kwam om 20:00 uur."]
    assert minutes.stored_fingerprint == minutes.fingerprint
    assert errors == []


def test_nothing_typed_is_lost_when_moving_on_or_closing(
    qtbot: QtBot, open_mode: Any, hood: Database, april: int
) -> None:
    window = open_mode(april)
    go_to_section(qtbot, window, Section.TOPICS)
    item = window.current_item
    assert item is not None
    type_text(qtbot, window.item_panel.notes, "Eerste zin.")
    press(qtbot, window, Qt.Key.Key_Right)  # moving on saves
    assert minutes_of(hood, april).item(item.id).notes == "Eerste zin."
    assert minutes_of(hood, april).item(item.id).discussed is True  # it had text
    press(qtbot, window, Qt.Key.Key_Left)
    type_text(qtbot, window.item_panel.notes, " Tweede zin.")
    qtbot.waitUntil(lambda: not window.autosave.pending)  # the pause after typing saves
    assert minutes_of(hood, april).item(item.id).notes == "Eerste zin. Tweede zin."
    assert window.save_state.text().startswith("✔ Alles opgeslagen")
    type_text(qtbot, window.item_panel.notes, " Derde.")
    window.close()
    assert minutes_of(hood, april).item(item.id).notes == "Eerste zin. Tweede zin. Derde."


def test_typing_on_without_a_pause_still_saves_within_two_seconds(qtbot: QtBot) -> None:
    clock = FakeClock()
    saves: list[int] = []
    autosave = Autosave(pause_ms=1000, max_wait_s=2.0, clock=clock)
    owner = object()
    for tenth in range(0, 25):
        clock.seconds = tenth / 10
        autosave.schedule(owner, lambda t=tenth: saves.append(t))
    assert saves == [20]  # at two seconds the save went through, typing or not
    assert autosave.pending  # what came after waits for its pause
    autosave.flush()
    assert saves == [20, 24]


def test_a_refused_save_keeps_the_text_and_says_why(
    qtbot: QtBot, open_mode: Any, hood: Database, april: int
) -> None:
    window = open_mode(april)
    go_to_section(qtbot, window, Section.TOPICS)
    window.item_panel.notes.insertPlainText("bel\x07")
    window.autosave.flush()
    assert window.save_state.text().startswith("⚠ Niet opgeslagen")
    assert window.item_panel.notes.toPlainText() == "bel\x07"


def test_the_timer_says_over_time_in_words() -> None:
    clock = FakeClock()
    timer = ItemClock(clock)
    timer.toggle(1)
    clock.seconds = 14 * 60
    assert timer_words(timer.seconds(1), 15, True) == "Tijd: 14:00 van 15 min. · loopt"
    clock.seconds = 17 * 60 + 5
    timer.stop()
    clock.seconds = 30 * 60
    assert timer_words(timer.seconds(1), 15, False) == (
        "⚠ 2:05 over de tijd (15 min. gepland) · gestopt"
    )
    timer.start(2)
    timer.start(1)  # one clock at a time
    assert not timer.running(2) and timer.running(1)


def test_the_second_screen_follows_the_chair(
    qtbot: QtBot, open_mode: Any, april: int, clock: FakeClock
) -> None:
    window = open_mode(april)
    press(qtbot, window, Qt.Key.Key_S)
    screen = window.presentation
    assert screen is not None and screen.isVisible()
    qtbot.addWidget(screen)
    assert screen.current.text() == "Aanwezigheid"
    press(qtbot, window, Qt.Key.Key_Right)
    first = window.minutes.items[0]
    assert screen.current.text() == f"1. {first.title}"
    assert "▶ 1." in screen.agenda.text()
    press(qtbot, window, Qt.Key.Key_T)
    clock.seconds = 65
    window._on_ticker_timeout()
    assert screen.timer.text() == "Tijd: 1:05 van 5 min. · loopt"
    press(qtbot, window, Qt.Key.Key_S)
    assert window.presentation is None


def test_the_window_remembers_where_it_is_for_after_a_crash(
    qtbot: QtBot, open_mode: Any, april: int, settings: Settings
) -> None:
    window = open_mode(april)
    go_to_section(qtbot, window, Section.BUDGET)
    item = window.current_item
    assert item is not None
    assert settings.meeting == "Duin en Dorp\tm-2027-03"
    assert settings.meeting_item == item.public_id
    window.close()
    assert settings.meeting == "" and settings.meeting_item == ""


def test_the_chosen_attendance_is_what_is_stored(
    qtbot: QtBot, open_mode: Any, hood: Database, april: int, errors: list[BuurtteamError]
) -> None:
    window = open_mode(april)
    row = window.attendance.row_of("Fatma Yılmaz")
    choose(qtbot, row.status, "aanw")
    row.left.setFocus()
    qtbot.keyClicks(row.left, "2115")
    qtbot.keyClick(row.left, Qt.Key.Key_Tab)
    lines = {a.name: a for a in minutes_of(hood, april).attendance}
    assert lines["Fatma Yılmaz"].status is AttendanceStatus.PRESENT
    assert lines["Fatma Yılmaz"].left_at is not None
    assert lines["Fatma Yılmaz"].left_at.strftime("%H:%M") == "21:15"
    row.status.setFocus()
    qtbot.keyClick(row.status, Qt.Key.Key_Down)  # one further down: absent with notice
    assert row.status.currentText() == "afwezig met bericht"
    assert {a.name: a for a in minutes_of(hood, april).attendance}["Fatma Yılmaz"].left_at is None
    assert row.left.text() == ""  # the screen says what is stored
    assert errors == []


def test_large_print_from_the_window_and_removing_an_outcome(
    qtbot: QtBot,
    open_mode: Any,
    hood: Database,
    april: int,
    said: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_mode(april)
    go_to_section(qtbot, window, Section.TOPICS)
    press(qtbot, window, Qt.Key.Key_I)
    idea = window.item_panel.idea_section.live_editors()[-1]  # type: ignore[union-attr]
    type_text(qtbot, idea.text_edit, "Een draaiorgel")  # type: ignore[attr-defined]
    window.autosave.flush()
    item = window.current_item
    assert item is not None and [i.text for i in minutes_of(hood, april).item(item.id).ideas]
    assert idea.remove_button.accessibleName() == "Dit idee weghalen"
    qtbot.mouseClick(idea.remove_button, Qt.MouseButton.LeftButton)
    assert said and "Een draaiorgel" in said[-1]  # asked first
    assert minutes_of(hood, april).item(item.id).ideas == ()
    target = tmp_path / "groot.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_args: target)
    press(
        qtbot,
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert min(font_sizes(target)) >= 14
