"""The Kwesties page and the Overzicht's reply flag, driven like the secretary does."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from buurtteam.domain.contract import Rung
from buurtteam.domain.vocab import StepKind
from buurtteam.errors import BuurtteamError
from buurtteam.ops.issues import issue_detail
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.pages.issues import (
    ChooseDialog,
    IssueDialog,
    IssuesPage,
    LetterDialog,
    StepDialog,
)
from buurtteam.ui.pages.overview import OverviewPage
from buurtteam.ui.table import RowTableModel
from tests.ops.test_overview import TODAY, add_sample_neighbourhood


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BuurtteamError]:
    said: list[BuurtteamError] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, error: said.append(error))
    return said


@pytest.fixture
def hood(db: Database) -> int:
    return add_sample_neighbourhood(db)


@pytest.fixture
def page(qtbot: QtBot, db: Database, hood: int) -> IssuesPage:
    widget = IssuesPage()
    qtbot.addWidget(widget)
    widget.setMinimumSize(1280, 800)  # as in the window; see test_contract_page
    widget.load(db, hood, TODAY)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cells(model: RowTableModel[Any]) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def choose_first_issue(qtbot: QtBot, page: IssuesPage) -> None:
    view = page.section.view
    rect = view.visualRect(page.section.model.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def press_ok(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_list_says_the_reply_is_late_in_words(page: IssuesPage) -> None:
    assert cells(page.section.model) == [
        [
            "⚠ antwoord te laat",
            "Overlast na 21.00 uur",
            "Politie, wijkagent",
            "open",
            "brief verstuurd",
            "23 februari 2027",
        ]
    ]
    assert page.reply_term.text().startswith("Een brief zonder antwoord na 6 weken wordt gemeld")


def test_the_detail_shows_the_ladder_and_the_late_letter(qtbot: QtBot, page: IssuesPage) -> None:
    choose_first_issue(qtbot, page)
    panel = page.panel
    assert panel.title.text() == "Overlast na 21.00 uur"
    assert panel.late.isVisible()
    assert panel.late.text() == (
        "⚠ Geen antwoord: de brief van 20 januari 2027 aan Politie, wijkagent wacht al 7 weken "
        "(antwoord verwacht uiterlijk 3 maart 2027)."
    )
    assert [panel.rungs[r].text() for r in Rung] == [
        "✓ het probleem signaleren: 12 januari 2027",
        "✓ de partij aanspreken in de volgende vergadering: 23 februari 2027",
        "✓ een brief schrijven: 20 januari 2027",
        "○ een herinnering sturen: nog niet",
        "○ voorleggen aan de gemeenteraad: nog niet",
    ]
    assert panel.next_step.text() == "Volgende stap: een herinnering sturen"
    assert [panel.steps.item(i).text() for i in range(panel.steps.count())] == [
        "20 januari 2027 — brief verstuurd\nBrief aan het college",
        "23 februari 2027 — besproken in vergadering\nBesproken",
    ]


def test_record_the_reply_and_the_flag_goes(qtbot: QtBot, page: IssuesPage) -> None:
    choose_first_issue(qtbot, page)
    qtbot.mouseClick(page.panel.step_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StepDialog)
    dialog.kind.setFocus()
    qtbot.keyClicks(dialog.kind, "antw")
    assert dialog.kind.currentText() == "antwoord ontvangen"
    qtbot.keyClicks(dialog.text, "De politie zegt extra controles toe")
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.panel.steps.count() == 3
    assert page.panel.steps.item(2).text() == (
        "10 maart 2027 — antwoord ontvangen\nDe politie zegt extra controles toe"
    )
    assert not page.panel.late.isVisible()
    assert cells(page.section.model)[0][0] == ""


def test_the_next_step_follows_the_ladder(qtbot: QtBot, page: IssuesPage, db: Database) -> None:
    choose_first_issue(qtbot, page)
    qtbot.mouseClick(page.panel.escalate_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StepDialog)
    assert dialog.windowTitle() == "Volgende stap: een herinnering sturen"
    assert [dialog.kind.itemText(i) for i in range(dialog.kind.count())] == ["herinnering"]
    assert dialog.to.text() == "Politie, wijkagent"
    qtbot.keyClicks(dialog.text, "Herinnering: nog geen antwoord")
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.panel.rungs[Rung.REMINDER].text() == "✓ een herinnering sturen: 10 maart 2027"
    assert page.panel.next_step.text() == "Volgende stap: voorleggen aan de gemeenteraad"
    last = issue_detail(db, page.section.model.row(0).id, TODAY).steps[-1]
    assert (last.kind, last.to) == (StepKind.REMINDER, "Politie, wijkagent")


def test_print_a_letter_and_it_is_recorded(
    qtbot: QtBot, page: IssuesPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_args: target)
    choose_first_issue(qtbot, page)
    qtbot.mouseClick(page.panel.letter_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, LetterDialog)
    assert dialog.addressee.toPlainText() == "Politie, wijkagent"
    assert dialog.subject.text() == "Overlast na 21.00 uur"
    dialog.body.clear()
    qtbot.keyClicks(dialog.body, "Graag uw reactie voor 1 april.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert target.exists()
    assert page.panel.steps.item(2).text() == (
        "10 maart 2027 — brief verstuurd aan Politie, wijkagent\nOverlast na 21.00 uur"
    )


def test_cancelling_the_save_keeps_the_letter_open(
    qtbot: QtBot, page: IssuesPage, monkeypatch: pytest.MonkeyPatch, errors: list[BuurtteamError]
) -> None:
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_args: None)
    choose_first_issue(qtbot, page)
    qtbot.mouseClick(page.panel.letter_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, LetterDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and errors == []
    assert page.panel.steps.count() == 2
    dialog.reject()


def test_a_new_issue_and_a_link_to_a_contract_point(qtbot: QtBot, page: IssuesPage) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, IssueDialog)
    qtbot.keyClicks(dialog.title, "Kapotte lantaarns")
    dialog.party.setFocus()
    qtbot.keyClicks(dialog.party, "Gem")
    dialog.raised_on.setDate(date(2027, 3, 1))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.panel.title.text() == "Kapotte lantaarns"
    assert page.panel.party.text() == "Gemeente Zeedorp"
    assert page.panel.next_step.text() == (
        "Volgende stap: de partij aanspreken in de volgende vergadering"
    )
    qtbot.mouseClick(page.panel.link_point_button, Qt.MouseButton.LeftButton)
    chooser = page.dialog
    assert isinstance(chooser, ChooseDialog)
    qtbot.keyClicks(chooser.filter, "oversteek")
    assert chooser.list.currentItem().text() == "Buurtcontract 2027, punt 2: Oversteekplaats"
    qtbot.keyClick(chooser.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.panel.points.item(0).text() == "Buurtcontract 2027, punt 2: Oversteekplaats (open)"


def test_the_overview_flags_the_unanswered_letter(qtbot: QtBot, db: Database, hood: int) -> None:
    overview = OverviewPage()
    qtbot.addWidget(overview)
    overview.setMinimumSize(1280, 800)
    overview.load(db, hood, TODAY)
    overview.show()
    qtbot.waitExposed(overview)
    assert overview.replies.isVisible()
    texts = [label.text() for label in overview.replies.findChildren(QLabel) if label.isVisible()]
    assert texts == [
        "⚠ Overlast na 21.00 uur: op de brief van 20 januari 2027 aan Politie, wijkagent is al "
        "7 weken geen antwoord (verwacht uiterlijk 3 maart 2027). Stuur een herinnering of zet "
        "de volgende stap."
    ]
    overview.load(db, hood, date(2027, 3, 3))
    assert not overview.replies.isVisible()
