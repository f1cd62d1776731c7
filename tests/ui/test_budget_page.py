"""The Buurtbudget page, offscreen on a real file, used the way a chair or secretary does."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from buurtteam.domain.budget import DecisionKind
from buurtteam.errors import BuurtteamError
from buurtteam.ops.budget import decide_proposal
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.main_window import MainWindow
from buurtteam.ui.pages.budget import (
    AmountDialog,
    BudgetPage,
    DecideDialog,
    IntakeDialog,
    PaymentDialog,
)
from buurtteam.ui.settings import Settings
from buurtteam.ui.table import RowTableModel
from tests.ops.test_budget import TODAY, Hood, budget_neighbourhood, grant, propose
from tests.reports.test_budget_report import pdf_text

NBSP = "\xa0"


def money(text: str) -> str:
    """Text as shown: babel puts a no-break space after the euro sign."""
    return text.replace("€ ", "€" + NBSP)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BuurtteamError]:
    shown: list[BuurtteamError] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, error: shown.append(error))
    return shown


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_information", lambda _parent, text: shown.append(text))
    return shown


@pytest.fixture
def hood(db: Database) -> Hood:
    hood = budget_neighbourhood(db)
    granted = propose(db, hood, "2.000,00", title="Speeltoestel", theme="spelen")
    decide_proposal(db, granted, grant(hood), TODAY)
    propose(db, hood, "1.200,00", title="Bankje bij de speeltuin", received=date(2027, 2, 1))
    propose(db, hood, "300,00", title="Stoep <b>repareren</b>", confirmed=False)
    return hood


@pytest.fixture
def page(qtbot: QtBot, db: Database, hood: Hood) -> BudgetPage:
    widget = BudgetPage()
    qtbot.addWidget(widget)
    # As in the window: a fixed minimum, so changing texts never resize a top-level window.
    widget.setMinimumSize(1280, 800)
    widget.load(db, hood.id, TODAY)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cells(model: RowTableModel[Any]) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def click_row(qtbot: QtBot, view: QAbstractItemView, title: str) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data() == title:
            view.scrollTo(index)
            rect = view.visualRect(index)
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"no row {title!r}")


def open_dialog(qtbot: QtBot, page: BudgetPage, button: QWidget) -> Any:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    return page.dialog


def retype(qtbot: QtBot, field: Any, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(qtbot, field, text)


def type_text(qtbot: QtBot, field: Any, text: str) -> None:
    """Type like a person; letters beyond ASCII arrive as input-method text.

    QTest can only synthesise ASCII keys (it aborts on "ë"), so those go in as an input
    method (a compose key, a Dutch keyboard's dead keys) would deliver them.
    """
    field.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(field, char)
        elif hasattr(field, "insertPlainText"):
            field.insertPlainText(char)
        else:
            field.insert(char)


def dump(db: Database) -> list[str]:
    assert db.path is not None
    connection = sqlite3.connect(db.path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_the_ledger_and_who_waits_at_a_glance(page: BudgetPage) -> None:
    figures = page.ledger.figures
    assert figures["amount"].text() == money("€ 25.000,00")
    assert figures["granted"].text() == money("€ 2.000,00")
    assert figures["remaining"].text() == money("€ 23.000,00")
    assert page.ledger.title() == "Buurtbudget 2027"
    assert [bar[2] for bar in page.ledger.chart.bars] == [
        money("€ 25.000,00"),
        money("€ 2.000,00"),
        money("€ 0,00"),
    ]
    waiting = cells(page.waiting.model)
    assert waiting[0] == [
        "Joke Smit",
        "Speeltoestel",
        money("geld: nog € 2.000,00 van € 2.000,00 te betalen"),
    ]
    assert [row[1] for row in waiting[1:]] == ["Stoep <b>repareren</b>", "Bankje bij de speeltuin"]
    assert page.waiting.title() == "Wie wacht er nog? (3)"
    statuses = {row[0]: row[3] for row in cells(page.proposals.model)}
    assert statuses == {
        "Bankje bij de speeltuin": "ingediend",
        "Speeltoestel": "toegekend",
        "Stoep <b>repareren</b>": "ingediend",
    }


def test_grant_a_proposal_from_the_page_and_see_the_ledger_change(
    qtbot: QtBot, page: BudgetPage, db: Database, errors: list[BuurtteamError]
) -> None:
    click_row(qtbot, page.proposals.view, "Bankje bij de speeltuin")
    assert page.detail.name_label.text() == "Bankje bij de speeltuin"
    dialog = open_dialog(qtbot, page, page.detail.decide_button)
    assert isinstance(dialog, DecideDialog)
    assert dialog.meeting.currentText() == "dinsdag 23 februari 2027, 19:30"
    assert dialog.kind is DecisionKind.GRANT
    # What is left shows live, before and after.
    assert dialog.before_after.text() == money(
        "Nog toe te kennen in 2027: nu € 23.000,00, na dit besluit € 21.800,00."
    )
    retype(qtbot, dialog.amount, "800,00")
    assert dialog.before_after.text() == money(
        "Nog toe te kennen in 2027: nu € 23.000,00, na dit besluit € 22.200,00."
    )
    assert "zeg waarom" in dialog.fit_warning.text()
    type_text(qtbot, dialog.reason, "Eerst één bankje")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert errors == []
    assert page.ledger.figures["granted"].text() == money("€ 2.800,00")
    assert page.ledger.figures["remaining"].text() == money("€ 22.200,00")
    assert page.ledger.figures["to_pay"].text() == money("€ 2.800,00")
    statuses = {row[0]: row[3] for row in cells(page.proposals.model)}
    assert statuses["Bankje bij de speeltuin"] == "toegekend (deels)"
    assert page.detail.name_label.text() == "Bankje bij de speeltuin"  # still chosen
    assert "Eerst één bankje" in page.detail.values["reason"].text()
    waiting = {row[1]: row[2] for row in cells(page.waiting.model)}
    assert waiting["Bankje bij de speeltuin"] == money("geld: nog € 800,00 van € 800,00 te betalen")


def test_a_grant_that_does_not_fit_is_refused_and_nothing_is_lost(
    qtbot: QtBot, page: BudgetPage, db: Database, errors: list[BuurtteamError]
) -> None:
    page.refresh()
    with db.write() as s:
        from buurtteam.store.models import BudgetYear

        year = s.query(BudgetYear).one()
        year.amount = page._data.ledger.granted + 1000  # type: ignore[union-attr]
    page.refresh()
    click_row(qtbot, page.proposals.view, "Bankje bij de speeltuin")
    dialog = open_dialog(qtbot, page, page.detail.decide_button)
    assert dialog.fit_warning.text() == money("⚠ Past niet: er is € 200,00 te weinig over.")
    qtbot.keyClicks(dialog.reason, "Mijn toelichting")
    before = dump(db)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [type(e).__name__ for e in errors] == ["OverBudget"]
    assert "nog maar" in errors[0].text()
    assert dialog.isVisible()  # stays open ...
    assert dialog.reason.toPlainText() == "Mijn toelichting"  # ... with what was typed
    assert dump(db) == before
    retype(qtbot, dialog.amount, "1000")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.ledger.figures["remaining"].text() == money("€ 0,00")
    assert page.ledger.warning.text().startswith("⚠ Let op:")


def test_reject_with_a_reason_and_defer_until_the_next_meeting(
    qtbot: QtBot, page: BudgetPage, errors: list[BuurtteamError]
) -> None:
    click_row(qtbot, page.proposals.view, "Stoep <b>repareren</b>")
    assert page.detail.values["maintenance"].text() == "⚠ nog niet bevestigd"
    dialog = open_dialog(qtbot, page, page.detail.decide_button)
    assert dialog.maintenance_warning.isVisible()
    assert dialog.kind is DecisionKind.REJECT  # not confirmed: rejecting is the likely way
    assert not dialog.amount.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert errors and "Zeg waarom" in errors[-1].text()
    qtbot.keyClicks(dialog.reason, "Regulier onderhoud: dat betaalt de gemeente.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    statuses = {row[0]: row[3] for row in cells(page.proposals.model)}
    assert statuses["Stoep <b>repareren</b>"] == "afgewezen"

    click_row(qtbot, page.proposals.view, "Bankje bij de speeltuin")
    dialog = open_dialog(qtbot, page, page.detail.decide_button)
    qtbot.mouseClick(dialog.kind_buttons[DecisionKind.DEFER], Qt.MouseButton.LeftButton)
    assert dialog.until.isVisible() and not dialog.amount.isVisible()
    assert dialog.until.date().toString("yyyy-MM-dd") == "2027-04-06"  # the next meeting
    qtbot.keyClicks(dialog.reason, "Eerst een tweede offerte")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    statuses = {row[0]: row[3] for row in cells(page.proposals.model)}
    assert statuses["Bankje bij de speeltuin"] == "aangehouden tot 6 april 2027"


def test_take_in_a_new_proposal(
    qtbot: QtBot, page: BudgetPage, errors: list[BuurtteamError]
) -> None:
    dialog = open_dialog(qtbot, page, page.new_button)
    assert isinstance(dialog, IntakeDialog)
    qtbot.keyClicks(dialog.title, "Buurtmoestuin")
    type_text(qtbot, dialog.person.lineEdit(), "Zoë Hoekstra")
    qtbot.keyClicks(dialog.theme.lineEdit(), "groen")
    qtbot.keyClicks(dialog.amount, "3.750,50")
    qtbot.keyClicks(dialog.description, "Tien bakken & een regenton")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert errors == []
    rows = {row[0]: row for row in cells(page.proposals.model)}
    assert rows["Buurtmoestuin"][1:4] == ["Zoë Hoekstra", money("€ 3.750,50"), "ingediend"]
    assert page.detail.name_label.text() == "Buurtmoestuin"
    assert page.detail.values["maintenance"].text() == "⚠ nog niet bevestigd"
    assert page.detail.confirm_button.isVisible()


def test_intake_refused_keeps_the_dialog(
    qtbot: QtBot, page: BudgetPage, db: Database, errors: list[BuurtteamError]
) -> None:
    dialog = open_dialog(qtbot, page, page.new_button)
    qtbot.keyClicks(dialog.title, "Iets")
    qtbot.keyClicks(dialog.amount, "veel geld")
    qtbot.mouseClick(dialog.not_maintenance, Qt.MouseButton.LeftButton)
    before = dump(db)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "is geen bedrag" in errors[-1].text()
    assert dialog.isVisible() and dialog.title.text() == "Iets"
    assert dump(db) == before
    dialog.reject()


def test_confirm_not_regular_maintenance_then_grant(
    qtbot: QtBot, page: BudgetPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs.ConfirmDialog, "ask", staticmethod(lambda _p, text: asked.append(text) or True)
    )
    click_row(qtbot, page.proposals.view, "Stoep <b>repareren</b>")
    qtbot.mouseClick(page.detail.confirm_button, Qt.MouseButton.LeftButton)
    assert "kapotte stoeptegels" in asked[0]
    assert page.detail.values["maintenance"].text() == "bevestigd"
    assert not page.detail.confirm_button.isVisible()


def test_record_a_payment_and_take_it_back(
    qtbot: QtBot, page: BudgetPage, errors: list[BuurtteamError], monkeypatch: pytest.MonkeyPatch
) -> None:
    click_row(qtbot, page.proposals.view, "Speeltoestel")
    dialog = open_dialog(qtbot, page, page.detail.payment_button)
    assert isinstance(dialog, PaymentDialog)
    assert dialog.amount.text() == "2000,00"  # what is still open
    retype(qtbot, dialog.amount, "2.000,01")
    qtbot.keyClicks(dialog.reference, "factuur 2027-031")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "hoogstens" in errors[-1].text() and dialog.isVisible()
    retype(qtbot, dialog.amount, "1.500")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.ledger.figures["paid"].text() == money("€ 1.500,00")
    assert page.detail.payments.item(0).text() == money(
        "10 maart 2027 · € 1.500,00 · factuur 2027-031"
    )
    waiting = {row[1]: row[2] for row in cells(page.waiting.model)}
    assert waiting["Speeltoestel"] == money("geld: nog € 500,00 van € 2.000,00 te betalen")
    monkeypatch.setattr(dialogs.ConfirmDialog, "ask", staticmethod(lambda _p, _t: True))
    qtbot.mouseClick(page.detail.remove_payment_button, Qt.MouseButton.LeftButton)
    assert page.ledger.figures["paid"].text() == money("€ 0,00")


def test_budget_for_a_new_year_and_carry_over(
    qtbot: QtBot, page: BudgetPage, errors: list[BuurtteamError]
) -> None:
    dialog = open_dialog(qtbot, page, page.ledger.carry_over_button)
    assert isinstance(dialog, AmountDialog)
    assert dialog.amount.text() == "23000,00"  # all that is not granted
    retype(qtbot, dialog.amount, "1.000,00")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.ledger.figures["carried_out"].text() == money("− € 1.000,00")
    assert page.ledger.figures["remaining"].text() == money("€ 22.000,00")
    page.year.setCurrentIndex(page.year.findData(2028))
    assert page.ledger.title() == "Buurtbudget 2028"
    assert page.ledger.figures["carry_over"].text() == money("€ 1.000,00")
    assert page.ledger.figures["remaining"].text() == money("€ 26.000,00")
    # A year without a budget says so, and offers the usual amount.
    page._fill_years(2030)
    page.refresh()
    assert page.ledger.none_label.isVisible()
    assert money("(meestal € 25.000,00)") in page.ledger.none_label.text()
    dialog = open_dialog(qtbot, page, page.ledger.set_amount_button)
    assert dialog.amount.text() == "25000,00"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.ledger.figures["amount"].text() == money("€ 25.000,00")
    assert errors == []


def test_print_export_and_letter(
    qtbot: QtBot,
    page: BudgetPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
    errors: list[BuurtteamError],
) -> None:
    suggested: list[Path] = []

    def save_as(_parent: object, _caption: str, proposal: Path, _filter: str) -> Path:
        suggested.append(proposal)
        return tmp_path / proposal.name

    monkeypatch.setattr(dialogs, "ask_save_file", save_as)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert suggested[-1].name == "buurtbudget-2027-duin-en-dorp.pdf"
    assert "Nog toe te kennen €23.000,00" in pdf_text(tmp_path / suggested[-1].name)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    book = load_workbook(tmp_path / "buurtbudget-2027-duin-en-dorp.xlsx")
    assert book.sheetnames == ["Aanvragen", "Betalingen", "Totalen"]
    click_row(qtbot, page.proposals.view, "Speeltoestel")
    qtbot.mouseClick(page.detail.letter_button, Qt.MouseButton.LeftButton)
    assert suggested[-1].name == "besluitbrief-b-speeltoestel.pdf"
    letter = " ".join(pdf_text(tmp_path / suggested[-1].name).split())
    assert "uw aanvraag heeft toegekend" in letter
    assert len(told) == 3 and errors == []


def test_the_window_shows_this_page(qtbot: QtBot, db: Database, hood: Hood, tmp_path: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    settings.page = "budget"
    window = MainWindow(db, settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    page = window.current_page()
    assert isinstance(page, BudgetPage)
    assert page.ledger.figures["remaining"].text() == money("€ 23.000,00")
    QApplication.processEvents()
    window.grab().save(str(tmp_path / "buurtbudget.png"))


def test_the_page_models_hold_up(page: BudgetPage, qtmodeltester: Any) -> None:
    for section in (page.waiting, page.proposals, page.themes):
        assert section.model.rowCount() > 0
        qtmodeltester.check(section.model)
