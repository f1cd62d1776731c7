"""The Buurtcontract page, driven like a chair or secretary does: filter, sort, change, import."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from buurtteam.domain.vocab import PointStatus
from buurtteam.errors import BuurtteamError
from buurtteam.ops.contract import point_detail
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.dialogs_contract import (
    ContractDialog,
    DueDialog,
    ImportPreviewDialog,
    PointDialog,
    PointStatusDialog,
)
from buurtteam.ui.pages.contract import COL_DUE, COL_STATUS, ContractPage
from buurtteam.ui.table import RowTableModel
from tests.ops.test_contract import ids
from tests.ops.test_overview import TODAY, add_sample_neighbourhood
from tests.snapshot import snapshot


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BuurtteamError]:
    said: list[BuurtteamError] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, error: said.append(error))
    return said


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> ContractPage:
    hood = add_sample_neighbourhood(db)
    widget = ContractPage()
    qtbot.addWidget(widget)
    # As in the window: a fixed minimum, so changing texts never resize a top-level window.
    widget.setMinimumSize(1280, 800)
    widget.load(db, hood, TODAY)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cells(model: RowTableModel[Any]) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(dialogs, "show_information", lambda _parent, text: said.append(text))
    return said


def numbers(page: ContractPage) -> list[int]:
    return [point.number for point in page.current_points()]


def click_row(qtbot: QtBot, page: ContractPage, number: int) -> None:
    view = page.section.view
    row = numbers(page).index(number)
    rect = view.visualRect(page.proxy.index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def press_ok(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_the_page_shows_the_contract_in_words(page: ContractPage) -> None:
    assert (
        page.summary.text()
        == "1 januari 2027 tot en met 30 juni 2029 (geldt nu) · nog niet ondertekend"
    )
    assert page.section.title() == "Contractpunten (6)"
    rows = cells(page.section.model)
    assert rows[2] == [
        "⚠ te laat",
        "3",
        "Controle overlastgrens 21.00 uur",
        "—",
        "Politie, wijkagent",
        "1 maart 2027",
        "vertraagd",
    ]
    # Every status has its shape beside its words; the overdue row is also in bold.
    index = page.section.model.index(2, COL_STATUS)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert page.shown.text() == "6 punten"


def test_filter_by_party_status_theme_overdue_and_text(qtbot: QtBot, page: ContractPage) -> None:
    page.party_filter.setFocus()
    qtbot.keyClicks(page.party_filter, "Politie")
    assert page.party_filter.currentText() == "Politie, wijkagent"
    assert numbers(page) == [3]
    assert page.shown.text() == "1 van de 6 punten getoond"
    qtbot.keyClick(page.party_filter, Qt.Key.Key_Home)  # back to "Alle partijen"
    assert numbers(page) == [1, 2, 3, 4, 5, 6]
    page.status_filter.setFocus()
    qtbot.keyClicks(page.status_filter, "op")
    assert numbers(page) == [2, 4, 6]
    qtbot.keyClick(page.status_filter, Qt.Key.Key_Home)
    qtbot.mouseClick(page.overdue_filter, Qt.MouseButton.LeftButton)
    assert numbers(page) == [3]
    qtbot.mouseClick(page.overdue_filter, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.search, "PANNAVELD")
    assert numbers(page) == [5]
    page.search.clear()
    qtbot.keyClicks(page.search, "gemeente deadline")  # every word, in any field
    assert numbers(page) == [4]


def test_sort_by_any_column(qtbot: QtBot, page: ContractPage) -> None:
    header = page.section.view.horizontalHeader()
    position = QPoint(header.sectionViewportPosition(COL_DUE) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert numbers(page) == [1, 5, 3, 4, 2, 6]  # by deadline; no deadline last
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert numbers(page)[0] == 6


def test_change_a_status_through_the_dialog_and_see_the_history_grow(
    qtbot: QtBot, page: ContractPage, db: Database
) -> None:
    click_row(qtbot, page, 2)
    assert page.panel.title.text() == "Punt 2: Oversteekplaats"
    assert page.panel.timeline.item(0).text() == "Nog geen wijzigingen vastgelegd."
    qtbot.mouseClick(page.panel.status_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PointStatusDialog)
    assert dialog.isVisible()
    dialog.status.setFocus()
    qtbot.keyClicks(dialog.status, "in")  # finds "in uitvoering" (a space opens the list)
    qtbot.keyClicks(dialog.note, "Offerte aangevraagd bij de aannemer")
    dialog.meeting.setCurrentIndex(dialog.meeting.findText("dinsdag 23 februari 2027, 19:30"))
    dialog.date.setDate(date(2027, 2, 23))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.panel.status.text() == "in uitvoering"
    assert page.panel.timeline.count() == 1
    assert page.panel.timeline.item(0).text() == (
        "23 februari 2027 — in uitvoering\n"
        "In de vergadering van 23 februari 2027\n"
        "Offerte aangevraagd bij de aannemer"
    )
    assert cells(page.section.model)[1][COL_STATUS] == "in uitvoering"
    # A second change appends; the first entry stays as it was.
    qtbot.mouseClick(page.panel.status_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PointStatusDialog)
    qtbot.keyClicks(dialog.status, "gereed")
    qtbot.keyClicks(dialog.note, "Klaar")
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.panel.timeline.count() == 2
    assert page.panel.timeline.item(1).text().startswith("10 maart 2027 — gereed")
    history = point_detail(db, ids(db)["c-2027/2"], TODAY).history
    assert [h.status for h in history] == [PointStatus.IN_PROGRESS, PointStatus.DONE]


def test_a_refused_change_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot, page: ContractPage, db_path: Path, errors: list[BuurtteamError]
) -> None:
    click_row(qtbot, page, 4)
    qtbot.mouseClick(page.panel.status_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PointStatusDialog)
    before = snapshot(db_path)
    qtbot.keyClicks(dialog.status, "vervallen")
    press_ok(qtbot, dialog.buttons)
    assert [e.text() for e in errors] == [
        "Schrijf in de notitie waarom punt 4 vervalt; het contract bewaart de reden."
    ]
    assert dialog.isVisible()
    assert snapshot(db_path) == before
    qtbot.keyClicks(dialog.note, "De raad besloot anders")
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.panel.status.text() == "vervallen"


def test_move_a_deadline_is_shown_as_a_slip(qtbot: QtBot, page: ContractPage) -> None:
    click_row(qtbot, page, 3)
    assert page.panel.due.text() == "1 maart 2027, ⚠ te laat"
    qtbot.mouseClick(page.panel.due_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, DueDialog)
    dialog.due.setDate(date(2027, 6, 1))
    qtbot.keyClicks(dialog.note, "Te weinig agenten")
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.panel.due.text() == "1 juni 2027"
    assert page.panel.timeline.item(0).text() == (
        "10 maart 2027 — vertraagd\n"
        "Deadline verschoven naar 1 juni 2027\n"
        "Deadline verschoven van 1 maart 2027 naar 1 juni 2027. Te weinig agenten"
    )
    assert cells(page.section.model)[2][0] == ""  # no longer overdue


def test_add_a_point_with_the_next_number(qtbot: QtBot, page: ContractPage) -> None:
    qtbot.mouseClick(page.new_point_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PointDialog)
    assert dialog.number.value() == 7
    qtbot.keyClicks(dialog.title, "Bankje bij de <vijver> & speeltuin")
    dialog.party.setFocus()
    qtbot.keyClicks(dialog.party, "Politie")
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert cells(page.section.model)[6][1:5] == [
        "7",
        "Bankje bij de <vijver> & speeltuin",
        "—",
        "Politie, wijkagent",
    ]
    assert page.panel.title.text() == "Punt 7: Bankje bij de <vijver> & speeltuin"
    assert page.panel.title.textFormat() == Qt.TextFormat.PlainText


def test_scorecards_one_click_from_the_partys_points(qtbot: QtBot, page: ContractPage) -> None:
    page.tabs.setCurrentIndex(1)
    boxes = {box.title(): box for box in page.scorecards.boxes}
    assert list(boxes) == ["Gemeente Zeedorp", "Politie, wijkagent"]
    figures = {label: value.text() for label, value in boxes["Gemeente Zeedorp"].values.items()}
    assert figures == {
        "Punten:": "5",
        "Gereed:": "1, waarvan 0 op tijd",
        "Te laat:": "0",
        "Niet nagekomen:": "1",
        "Vervallen:": "0",
        "Deadline verschoven:": "0 keer",
    }
    police = boxes["Politie, wijkagent"]
    assert police.values["Te laat:"].text() == "1"
    qtbot.mouseClick(police.show_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == 0
    assert page.party_filter.currentText() == "Politie, wijkagent"
    assert numbers(page) == [3]


def test_import_from_a_spreadsheet_shows_a_preview_first(
    qtbot: QtBot,
    page: ContractPage,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[str],
) -> None:
    sheet = tmp_path / "nieuw.csv"
    sheet.write_bytes(
        "Nummer;Titel;Uitvoerder;Deadline;Status\r\n"
        "2;Oversteekplaats;gemeente;1-9-2027;in uitvoering\r\n"
        "8;Hondenpoepbakken;Gemeente Zeedorp;30-6-2027;open\r\n".encode("cp1252")
    )
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_args: sheet)
    before = snapshot(db_path)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ImportPreviewDialog)
    assert snapshot(db_path) == before  # nothing written before the person says so
    assert dialog.import_button.isEnabled()
    assert dialog.rows.rowCount() == 2
    assert dialog.rows.item(0, 5).text() == "wijzigt: status"
    assert dialog.rows.item(1, 5).text() == "nieuw punt"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert shown == ["Ingelezen: 1 nieuw, 1 gewijzigd, 0 ongewijzigd."]
    assert [row[1] for row in cells(page.section.model)] == ["1", "2", "3", "4", "5", "6", "8"]


def test_a_bad_spreadsheet_is_shown_with_its_errors_and_cannot_be_imported(
    qtbot: QtBot, page: ContractPage, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "fout.csv"
    sheet.write_text("nummer;titel;uitvoerder\n9;Goed;gemeente\n10;Fout;brandweer\n")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_args: sheet)
    before = snapshot(db_path)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ImportPreviewDialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.toPlainText().startswith(
        "Rij 3, kolom C (uitvoerder): de partij 'brandweer' bestaat niet in deze buurt."
    )
    dialog.reject()
    assert snapshot(db_path) == before


def test_print_the_report_and_the_forms(
    qtbot: QtBot,
    page: ContractPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[str],
) -> None:
    targets = iter([tmp_path / "rapport.pdf", tmp_path / "formulieren.pdf"])
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_args: next(targets))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.forms_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "rapport.pdf").exists() and (tmp_path / "formulieren.pdf").exists()
    assert shown[0].startswith("Het rapport is opgeslagen in")


def test_a_new_contract_carries_the_unfinished_points(qtbot: QtBot, page: ContractPage) -> None:
    qtbot.mouseClick(page.new_contract_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ContractDialog)
    assert dialog.carry.currentText() == "Buurtcontract 2027"
    qtbot.keyClicks(dialog.title, "Buurtcontract 2029")
    dialog.starts.setDate(date(2027, 3, 10))
    dialog.ends.setDate(date(2029, 9, 30))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.contract_picker.count() == 3
    assert page.contract_picker.currentText() == "Buurtcontract 2029 (2027–2029)"
    assert [row[2] for row in cells(page.section.model)] == [
        "Oversteekplaats",
        "Controle overlastgrens 21.00 uur",
        "Vandaag de deadline",
        "Doeltje terug op het pannaveldje",
        "Eenrichtingsverkeer",
    ]
    click_row(qtbot, page, 1)
    assert page.panel.origin.text() == "Buurtcontract 2027, punt 2"
    # The previous contract stays readable.
    page.contract_picker.setCurrentIndex(
        page.contract_picker.findText("Buurtcontract 2027 (2027–2029)")
    )
    assert page.section.title() == "Contractpunten (6)"


def test_the_table_models_hold_up(page: ContractPage, qtmodeltester: Any) -> None:
    qtmodeltester.check(page.section.model)
    qtmodeltester.check(page.proxy)


def test_every_button_can_be_reached_by_keyboard(page: ContractPage) -> None:
    for button in page.findChildren(QPushButton):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.text()
