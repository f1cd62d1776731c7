"""Ctrl+K from anywhere in the main window: results as you type, Enter opens the record."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from buurtteam.domain.vocab import Section
from buurtteam.ops.meeting_mode import DecisionDraft, save_decision, save_notes
from buurtteam.ops.search import Kind
from buurtteam.store.db import Database
from buurtteam.ui.main_window import MainWindow
from buurtteam.ui.pages.budget import BudgetPage
from buurtteam.ui.pages.contract import ContractPage
from buurtteam.ui.search import SearchDialog
from buurtteam.ui.settings import Settings
from tests.ops.test_meeting_mode import TODAY, composed_meeting, example, item_in
from tests.ui.test_budget_page import type_text


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> MainWindow:
    example(db)
    settings = Settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    main = MainWindow(db, settings, today=lambda: TODAY)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    return main


def open_search(qtbot: QtBot, window: MainWindow) -> SearchDialog:
    window.activateWindow()  # back in the main window, as after closing the search
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.field)
    return dialog


def test_results_come_as_you_type_with_and_without_diacritics(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    meeting = composed_meeting(db)
    item = item_in(db, meeting, Section.TOPICS)
    save_notes(db, item, "De coördinator belt de wijkagent.")
    dialog = open_search(qtbot, window)
    type_text(qtbot, dialog.field, "coordinator")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    assert dialog.results.item(0).text().startswith("Agendapunt · 6 april 2027 · Buurtfeest")
    assert "coördinator" in dialog.results.item(0).text()
    assert dialog.count.text() == "1 resultaat"
    dialog.field.clear()
    type_text(qtbot, dialog.field, "xyzzy")
    qtbot.waitUntil(lambda: dialog.count.text().startswith("Niets gevonden"))


def test_what_we_decided_about_the_pannaveldje_in_one_step(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    meeting = composed_meeting(db)
    item = item_in(db, meeting, Section.TOPICS)
    save_notes(db, item, "Het doel op het pannaveldje is weg.")
    save_decision(db, item, DecisionDraft("De gemeente plaatst het doel voor 1 mei terug."))
    dialog = open_search(qtbot, window)
    type_text(qtbot, dialog.field, "Wat hebben we besloten over het pannaveldje?")
    qtbot.waitUntil(lambda: dialog.results.count() > 0)
    first = dialog.results.item(0).text()
    assert "Besluit: De gemeente plaatst het doel voor 1 mei terug." in first
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # Enter opens the minutes at the item
    mode = window.meeting_mode.window
    assert mode is not None
    qtbot.addWidget(mode)
    assert mode.current_item is not None and mode.current_item.id == item
    mode.close()


def test_enter_opens_a_contract_point_or_a_proposal_on_its_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_search(qtbot, window)
    type_text(qtbot, dialog.field, "pannaveldje")
    qtbot.waitUntil(lambda: dialog.results.count() > 0)
    kinds = [hit.kind for hit in dialog.hits()]
    row = kinds.index(Kind.CONTRACT_POINT)
    for _step in range(row):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Down)  # the arrows work from the field
    assert dialog.results.currentRow() == row
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    page = window.current_page()
    assert isinstance(page, ContractPage)
    assert not dialog.isVisible()

    dialog = open_search(qtbot, window)
    dialog.field.clear()
    type_text(qtbot, dialog.field, "bankjes")
    qtbot.waitUntil(lambda: any(hit.kind is Kind.PROPOSAL for hit in dialog.hits()))
    kinds = [hit.kind for hit in dialog.hits()]
    dialog.results.setCurrentRow(kinds.index(Kind.PROPOSAL))
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    page = window.current_page()
    assert isinstance(page, BudgetPage)
    chosen = page.chosen_proposal()
    assert chosen is not None and chosen.title == "Drie bankjes langs het Duinpad"


def test_typed_search_syntax_never_breaks_the_search(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_search(qtbot, window)
    type_text(qtbot, dialog.field, '"* -AND NEAR( OR')
    dialog.run_search()
    assert dialog.count.text()  # a count or "nothing found", never an error
