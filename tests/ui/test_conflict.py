"""The one who saves second: a dialog says who changed what, and the person chooses.

Joke (the secretary) works in the window; Karim (the community worker) has the same
database open elsewhere (`other`) and saves first. Each form type is driven like a
person: type, press OK, read the dialog, click a choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from buurtteam.domain.vocab import IssueStatus, PointStatus
from buurtteam.errors import BuurtteamError
from buurtteam.ops.agenda import ItemDraft, edit_item
from buurtteam.ops.contract import (
    ContractInput,
    PointInput,
    change_status,
    contract_view,
    edit_contract,
    edit_point,
    move_due,
    point_detail,
)
from buurtteam.ops.issues import IssueInput, edit_issue, issue_detail
from buurtteam.ops.meetings import move_meeting
from buurtteam.store import models as m
from buurtteam.store.db import Database, open_database
from buurtteam.ui import dialogs
from buurtteam.ui.conflict import ConflictDialog
from buurtteam.ui.dialogs_contract import ContractDialog, DueDialog, PointDialog, PointStatusDialog
from buurtteam.ui.pages.contract import ContractPage
from buurtteam.ui.pages.issues import IssueDialog, IssuesPage
from buurtteam.ui.pages.meetings import COL_TITLE, ItemDialog, MeetingsPage, MoveDialog
from tests.ops.test_overview import TODAY, add_sample_neighbourhood
from tests.snapshot import snapshot
from tests.ui.test_contract_page import click_row
from tests.ui.test_issues_page import choose_first_issue

KARIM = "karim (laptop-karim)"
KARIM_SAVES_AT = datetime(2027, 3, 10, 14, 3)  # TODAY, so the dialog says "om 14:03"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BuurtteamError]:
    said: list[BuurtteamError] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, error: said.append(error))
    return said


@pytest.fixture
def hood(db: Database) -> int:
    db.editor = "joke (laptop-joke)"
    return add_sample_neighbourhood(db)


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """Karim's laptop: the same database, opened a second time."""
    second = open_database(db.url)
    second.editor = KARIM
    second.clock = lambda: KARIM_SAVES_AT
    yield second
    second.close()


@pytest.fixture
def contract_page(qtbot: QtBot, db: Database, hood: int) -> ContractPage:
    widget = ContractPage()
    qtbot.addWidget(widget)
    widget.setMinimumSize(1280, 800)
    widget.load(db, hood, TODAY)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


class ConflictWatch:
    """Acts on the conflict dialog as soon as it is shown (it runs its own event loop)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.seen: list[dict[str, object]] = []
        self._act: Callable[[ConflictDialog], None] | None = None
        self._tries = 0

    def then(self, act: Callable[[ConflictDialog], None]) -> ConflictWatch:
        self._act, self._tries = act, 0
        QTimer.singleShot(0, self._poll)
        return self

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, ConflictDialog):
            self.seen.append(read(widget))
            act, self._act = self._act, None
            assert act is not None
            act(widget)
            return
        self._tries += 1
        if self._tries < 500:
            QTimer.singleShot(10, self._poll)


def read(dialog: ConflictDialog) -> dict[str, object]:
    """What a person reads in the dialog."""
    table = dialog.table
    return {
        "headline": dialog.headline.text(),
        "header": [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())],
        "rows": [
            [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ],
        "merge": dialog.merge_button.isEnabled(),
        "note": dialog.merge_note.text(),
    }


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press_ok(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))


@pytest.fixture
def conflict(qtbot: QtBot) -> ConflictWatch:
    return ConflictWatch(qtbot)


def as_input(db: Database, point_id: int) -> PointInput:
    d = point_detail(db, point_id, TODAY)
    return PointInput(d.title, d.party.id, d.description, d.theme, d.due)


def point_two(db: Database) -> int:
    with db.read() as s:
        return s.execute(
            select(m.ContractPoint.id)
            .join(m.Contract, m.ContractPoint.contract_id == m.Contract.id)
            .where(m.Contract.public_id == "c-2027", m.ContractPoint.number == 2)
        ).scalar_one()


# -- the contract page ----------------------------------------------------------------------


def test_a_point_edited_meanwhile_is_merged_on_request(
    qtbot: QtBot,
    contract_page: ContractPage,
    db: Database,
    conflict: ConflictWatch,
    other: Database,
) -> None:
    page = contract_page
    pid = point_two(db)
    click_row(qtbot, page, 2)
    click(qtbot, page.panel.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, PointDialog)
    # While Joke types, Karim renames the point on his laptop.
    edit_point(other, pid, replace(as_input(other, pid), title="Oversteekplaats Duinweg"), TODAY)
    dialog.description.setFocus()
    qtbot.keyClicks(dialog.description, "Met zebrapad en verlichting")
    conflict.then(lambda d: click(qtbot, d.merge_button))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)

    [seen] = conflict.seen
    assert (
        seen["headline"]
        == f"{KARIM} heeft dit actiepunt om 14:03 gewijzigd terwijl u het bewerkte."
    )
    assert seen["header"] == ["Veld", "Was", f"Nu opgeslagen door\n{KARIM}", "Uw wijziging"]
    assert seen["rows"] == [
        [
            "Titel\n(gewijzigd door de ander)",
            "Oversteekplaats",
            "Oversteekplaats Duinweg",
            "Oversteekplaats",
        ],
        ["Omschrijving\n(gewijzigd door u)", "—", "—", "Met zebrapad en verlichting"],
    ]
    assert seen["merge"] is True
    after = point_detail(db, pid, TODAY)
    assert (after.title, after.description) == (
        "Oversteekplaats Duinweg",
        "Met zebrapad en verlichting",
    )
    assert page.panel.title.text() == "Punt 2: Oversteekplaats Duinweg"


def test_a_status_both_changed_can_be_saved_over_theirs(
    qtbot: QtBot,
    contract_page: ContractPage,
    db: Database,
    conflict: ConflictWatch,
    other: Database,
) -> None:
    page = contract_page
    pid = point_two(db)
    click_row(qtbot, page, 2)
    click(qtbot, page.panel.status_button)
    dialog = page.dialog
    assert isinstance(dialog, PointStatusDialog)
    change_status(other, pid, PointStatus.DONE, TODAY, TODAY, "Opgeleverd")
    dialog.status.setFocus()
    qtbot.keyClicks(dialog.status, "in")
    qtbot.keyClicks(dialog.note, "Offerte aangevraagd")
    conflict.then(lambda d: click(qtbot, d.save_mine_button))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)

    [seen] = conflict.seen
    assert seen["rows"] == [
        ["⚠ Status\n(door u allebei gewijzigd)", "open", "gereed", "in uitvoering"]
    ]
    assert seen["merge"] is False
    assert "Samenvoegen kan niet" in str(seen["note"])
    history = point_detail(db, pid, TODAY).history
    assert [h.status for h in history] == [PointStatus.DONE, PointStatus.IN_PROGRESS]
    assert page.panel.status.text() == "in uitvoering"


def test_throwing_a_deadline_away_shows_theirs_and_saves_nothing(
    qtbot: QtBot,
    contract_page: ContractPage,
    db: Database,
    conflict: ConflictWatch,
    other: Database,
) -> None:
    page = contract_page
    pid = point_two(db)
    click_row(qtbot, page, 2)
    click(qtbot, page.panel.due_button)
    dialog = page.dialog
    assert isinstance(dialog, DueDialog)
    move_due(other, pid, date(2027, 9, 15), TODAY, TODAY, "Later")
    after_karim = snapshot(db)
    dialog.due.setDate(date(2027, 10, 1))
    conflict.then(lambda d: click(qtbot, d.discard_button))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)

    assert snapshot(db) == after_karim
    assert point_detail(db, pid, TODAY).due == date(2027, 9, 15)
    assert "15 september 2027" in page.panel.due.text()


def test_escape_goes_back_to_the_form_with_what_was_typed(
    qtbot: QtBot,
    contract_page: ContractPage,
    db: Database,
    conflict: ConflictWatch,
    other: Database,
) -> None:
    page = contract_page
    pid = point_two(db)
    click_row(qtbot, page, 2)
    click(qtbot, page.panel.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, PointDialog)
    edit_point(other, pid, replace(as_input(other, pid), title="Van Karim"), TODAY)
    after_karim = snapshot(db)
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Van Joke")
    conflict.then(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: bool(conflict.seen))

    assert page.dialog is dialog and dialog.isVisible()
    assert dialog.title.text() == "Van Joke"
    assert snapshot(db) == after_karim
    # Pressing OK again asks again: still nothing is overwritten without a choice.
    conflict.then(lambda d: click(qtbot, d.save_mine_button))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert point_detail(db, pid, TODAY).title == "Van Joke"


def test_a_contract_edited_meanwhile_is_merged(
    qtbot: QtBot,
    contract_page: ContractPage,
    db: Database,
    conflict: ConflictWatch,
    hood: int,
    other: Database,
) -> None:
    page = contract_page
    view = contract_view(other, hood, TODAY)
    assert view.contract is not None
    click(qtbot, page.edit_contract_button)
    dialog = page.dialog
    assert isinstance(dialog, ContractDialog)
    contract = view.contract
    edit_contract(
        other,
        contract.id,
        ContractInput("Buurtcontract 2027–2029", contract.starts_on, contract.ends_on),
    )
    dialog.ends.setDate(date(2029, 12, 31))
    conflict.then(lambda d: click(qtbot, d.merge_button))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)

    [seen] = conflict.seen
    assert (
        seen["headline"] == f"{KARIM} heeft dit contract om 14:03 gewijzigd terwijl u het bewerkte."
    )
    after = contract_view(db, hood, TODAY).contract
    assert after is not None
    assert (after.title, after.ends_on) == ("Buurtcontract 2027–2029", date(2029, 12, 31))


# -- the issues page ------------------------------------------------------------------------


def test_an_issue_edited_meanwhile_can_be_merged(
    qtbot: QtBot, db: Database, hood: int, other: Database, conflict: ConflictWatch
) -> None:
    page = IssuesPage()
    qtbot.addWidget(page)
    page.setMinimumSize(1280, 800)
    page.load(db, hood, TODAY)
    page.show()
    qtbot.waitExposed(page)
    choose_first_issue(qtbot, page)
    issue = page._issue
    assert issue is not None
    click(qtbot, page.panel.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, IssueDialog)
    edit_issue(
        other,
        issue.id,
        IssueInput(
            issue.title,
            issue.raised_on,
            issue.description,
            issue.raised_by.id if issue.raised_by else None,
            issue.party.id if issue.party else None,
            IssueStatus.RESOLVED,
        ),
        TODAY,
    )
    dialog.description.setFocus()
    qtbot.keyClicks(dialog.description, " Ook in het weekend.")
    conflict.then(lambda d: click(qtbot, d.merge_button))
    press_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: page.dialog is None)

    [seen] = conflict.seen
    assert seen["headline"] == (
        f"{KARIM} heeft deze buurtkwestie om 14:03 gewijzigd terwijl u die bewerkte."
    )
    assert [row[0].split("\n")[0] for row in seen["rows"]] == ["Omschrijving", "Status"]  # type: ignore[attr-defined]
    after = issue_detail(db, issue.id, TODAY)
    assert after.status is IssueStatus.RESOLVED
    assert (after.description or "").endswith("Ook in het weekend.")


# -- the meetings page ----------------------------------------------------------------------


@pytest.fixture
def meetings_page(qtbot: QtBot, db: Database, hood: int) -> MeetingsPage:
    widget = MeetingsPage()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.load(db, hood, TODAY)
    return widget


def test_a_meeting_moved_meanwhile_is_not_moved_again_unasked(
    qtbot: QtBot,
    meetings_page: MeetingsPage,
    db: Database,
    other: Database,
    conflict: ConflictWatch,
) -> None:
    page = meetings_page
    meeting = page.current_meeting_id()
    assert meeting is not None
    click(qtbot, page.move_button)
    dialog = page.dialog
    assert isinstance(dialog, MoveDialog)
    move_meeting(other, meeting, datetime(2027, 4, 13, 19, 30), "Zaal bezet")
    after_karim = snapshot(db)
    dialog.day.setDate(date(2027, 4, 8))
    qtbot.keyClicks(dialog.reason, "Pasen")
    conflict.then(lambda d: click(qtbot, d.discard_button))
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [seen] = conflict.seen
    assert seen["headline"] == (
        f"{KARIM} heeft deze vergadering om 14:03 gewijzigd terwijl u die bewerkte."
    )
    assert seen["rows"] == [
        [
            "⚠ Datum en tijd\n(door u allebei gewijzigd)",
            "6 april 2027 19:30",
            "13 april 2027 19:30",
            "8 april 2027 19:30",
        ]
    ]
    assert snapshot(db) == after_karim
    assert page.meeting_label.text().startswith("dinsdag 13 april 2027, 19:30 uur")


def test_an_agenda_item_edited_meanwhile_saved_over_on_request(
    qtbot: QtBot,
    meetings_page: MeetingsPage,
    db: Database,
    other: Database,
    conflict: ConflictWatch,
) -> None:
    page = meetings_page
    click(qtbot, page.compose_button)
    row = [
        page.agenda_model.index(r, COL_TITLE).data() for r in range(page.agenda_model.rowCount())
    ].index("Hondenpoep")
    page.agenda.setFocus()
    page.agenda.setCurrentIndex(page.agenda_model.index(row, COL_TITLE))
    entry = page.agenda.current_entry()
    assert entry is not None
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, ItemDialog)
    edit_item(other, entry.id, ItemDraft("Hondenpoep in het park", entry.purpose, entry.minutes))
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Hondenpoep op de stoep")
    conflict.then(lambda d: click(qtbot, d.save_mine_button))
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [seen] = conflict.seen
    assert seen["rows"] == [
        [
            "⚠ Titel\n(door u allebei gewijzigd)",
            "Hondenpoep",
            "Hondenpoep in het park",
            "Hondenpoep op de stoep",
        ]
    ]
    titles = [
        page.agenda_model.index(r, COL_TITLE).data() for r in range(page.agenda_model.rowCount())
    ]
    assert "Hondenpoep op de stoep" in titles
