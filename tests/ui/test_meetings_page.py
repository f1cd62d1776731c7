"""The Vergaderingen page, driven like a person: keys, clicks and typed text on real widgets."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from buurtteam.errors import BuurtteamError
from buurtteam.ops.agenda import agenda_of
from buurtteam.ops.meetings import list_meetings
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.pages.meetings import (
    COL_START,
    COL_TITLE,
    ITEM_MIME,
    MeetingsPage,
    ReasonDialog,
    RequestDialog,
    SeriesDialog,
)
from tests.ops.test_agenda_compose import meeting_id
from tests.ops.test_overview import TODAY, add_sample_neighbourhood
from tests.snapshot import snapshot


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BuurtteamError]:
    shown: list[BuurtteamError] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, error: shown.append(error))
    return shown


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> MeetingsPage:
    n = add_sample_neighbourhood(db)
    widget = MeetingsPage()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.load(db, n, TODAY)
    return widget


def meeting_row_neighbourhood(db: Database) -> int:
    return agenda_of(db, meeting_id(db, "m-2")).meeting.neighbourhood_id


def column(page: MeetingsPage, col: int) -> list[str]:
    model = page.agenda_model
    return [model.index(row, col).data() for row in range(model.rowCount())]


def select_item(qtbot: QtBot, page: MeetingsPage, title: str) -> None:
    row = column(page, COL_TITLE).index(title)
    page.agenda.setFocus()
    page.agenda.setCurrentIndex(page.agenda_model.index(row, COL_TITLE))
    assert page.agenda.current_entry() is not None


def test_the_next_planned_meeting_is_chosen_with_its_requests(page: MeetingsPage) -> None:
    assert page.meeting_label.text() == "dinsdag 6 april 2027, 19:30 uur, Buurthuis <De Duinroos>"
    assert page.tabs.tabText(1) == "Aanmeldingen (2 wachten)"
    titles = [page.requests.item(row, 1).text() for row in range(page.requests.rowCount())]
    assert titles == ["Hondenpoep", "Verlichting", "Al geplaatst"]
    assert page.requests.item(0, 4).text() == "wacht op een plek"


def test_compose_with_one_click_then_again_changes_nothing(
    qtbot: QtBot, page: MeetingsPage, db: Database, db_path: Path
) -> None:
    qtbot.mouseClick(page.compose_button, Qt.MouseButton.LeftButton)
    titles = column(page, COL_TITLE)
    assert titles[:2] == ["Opening en vaststellen agenda", "Mededelingen"]
    assert titles.index("Hondenpoep") < titles.index("Voortgang buurtcontract")
    assert page.message.text() == (
        "Agenda samengesteld: 9 punten toegevoegd, 2 aanmeldingen geplaatst."
    )
    assert page.tabs.tabText(1) == "Aanmeldingen (0 wachten)"
    before = snapshot(db_path)
    qtbot.mouseClick(page.compose_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "De agenda was al samengesteld; er is niets veranderd."
    assert snapshot(db_path) == before


def test_reorder_by_keyboard_and_see_the_start_times_move(qtbot: QtBot, page: MeetingsPage) -> None:
    qtbot.mouseClick(page.compose_button, Qt.MouseButton.LeftButton)
    select_item(qtbot, page, "Hondenpoep")
    starts = dict(zip(column(page, COL_TITLE), column(page, COL_START), strict=True))
    assert (starts["Hondenpoep"], starts["Verlichting"]) == ("19:50", "20:05")

    qtbot.keyClick(page.agenda, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)

    titles = column(page, COL_TITLE)
    assert titles.index("Verlichting") < titles.index("Hondenpoep")
    moved = dict(zip(titles, column(page, COL_START), strict=True))
    assert (moved["Verlichting"], moved["Hondenpoep"]) == ("19:50", "20:05")
    # The moved item stays chosen, so the key can be pressed again.
    assert page.agenda.current_entry().title == "Hondenpoep"
    qtbot.keyClick(page.agenda, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.agenda, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    titles = column(page, COL_TITLE)
    assert titles.index("Hondenpoep") == 2
    assert dict(zip(titles, column(page, COL_START), strict=True))["Hondenpoep"] == "19:40"


def test_drag_and_drop_moves_an_item(qtbot: QtBot, page: MeetingsPage, qtmodeltester: Any) -> None:
    qtbot.mouseClick(page.compose_button, Qt.MouseButton.LeftButton)
    model = page.agenda_model
    qtmodeltester.check(model)
    titles = column(page, COL_TITLE)
    source = titles.index("Verlichting")
    data = model.mimeData([model.index(source, 0)])
    assert data.hasFormat(ITEM_MIME)
    # Dropped between the opening and the announcements.
    with qtbot.waitSignal(model.modelReset):
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex()) is False
    titles = column(page, COL_TITLE)
    assert titles[1] == "Verlichting"
    entry = page.agenda.current_entry()
    assert entry is not None and entry.title == "Verlichting"
    # It passed the announcements on its way up, and joined them.
    assert entry.section.value == "announcements"


def test_a_new_request_typed_in_the_dialog_then_placed(
    qtbot: QtBot, page: MeetingsPage, db: Database
) -> None:
    qtbot.mouseClick(
        page.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=page.tabs.tabBar().tabRect(1).center()
    )
    qtbot.mouseClick(page.new_request_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RequestDialog)
    qtbot.keyClicks(dialog.title, "Bankje <b>bij</b> de bushalte & meer")
    qtbot.keyClicks(dialog.description, "Ouderen willen kunnen zitten.")
    dialog.source.setFocus()
    qtbot.keyClick(dialog.source, Qt.Key.Key_Down)  # bewoner -> opbouwwerker
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    row = page.requests.rowCount() - 1
    assert page.requests.item(row, 1).text() == "Bankje <b>bij</b> de bushalte & meer"
    assert page.requests.item(row, 2).text() == "opbouwwerker"
    assert page.requests.item(row, 0).text() == "10 maart 2027"
    page.requests.setCurrentCell(row, 1)
    qtbot.mouseClick(page.place_button, Qt.MouseButton.LeftButton)
    assert "Bankje <b>bij</b> de bushalte & meer" in column(page, COL_TITLE)
    assert page.message.text() == "“Bankje <b>bij</b> de bushalte & meer” staat op de agenda."


def test_decline_asks_a_reason_and_keeps_the_request(
    qtbot: QtBot, page: MeetingsPage, errors: list[BuurtteamError]
) -> None:
    page.tabs.setCurrentIndex(1)
    page.requests.setCurrentCell(1, 1)
    qtbot.mouseClick(page.decline_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "reden" in errors[-1].text()  # refused: no reason; the dialog stays open
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "Hoort bij de gemeente")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.requests.item(1, 4).text() == "niet geagendeerd: Hoort bij de gemeente"
    page.requests.setCurrentCell(1, 1)
    assert page.reopen_button.isEnabled() and not page.place_button.isEnabled()


def test_defer_moves_the_request_to_the_next_meeting(qtbot: QtBot, page: MeetingsPage) -> None:
    page.tabs.setCurrentIndex(1)
    page.requests.setCurrentCell(0, 1)
    qtbot.mouseClick(page.defer_button, Qt.MouseButton.LeftButton)
    assert (
        page.message.text()
        == "“Hondenpoep” is verplaatst naar de vergadering van dinsdag 18 mei 2027."
    )
    assert page.requests.item(0, 4).text() == "naar een latere vergadering (18 mei 2027)"


def test_an_agenda_longer_than_the_meeting_is_said_in_words(
    qtbot: QtBot, page: MeetingsPage
) -> None:
    qtbot.mouseClick(page.compose_button, Qt.MouseButton.LeftButton)
    assert not page.over_label.isVisible()
    assert (
        page.total_label.text() == "Totale tijd: 1 uur en 35 minuten; de vergadering duurt 2 uur."
    )
    select_item(qtbot, page, "Hondenpoep")
    qtbot.keyClick(page.agenda, Qt.Key.Key_F2)
    dialog = page.dialog
    dialog.minutes.selectAll()
    qtbot.keyClicks(dialog.minutes, "60")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.over_label.isVisible()
    assert page.over_label.text() == "Let op: de agenda duurt 20 minuten langer dan de vergadering."
    assert "Hondenpoep" in column(page, COL_TITLE)
    starts = dict(zip(column(page, COL_TITLE), column(page, COL_START), strict=True))
    assert starts["Verlichting"] == "20:50"


def test_the_balance_is_shown_in_words(qtbot: QtBot, page: MeetingsPage) -> None:
    qtbot.mouseClick(page.compose_button, Qt.MouseButton.LeftButton)
    assert page.balance_label.text() == (
        "Deze vergadering: Bewoners, opbouwwerker en team: 4 van de 4 punten (100%) en "
        "60 van de 60 minuten (100%). Gemeente en partners: 0 punten, 0 minuten."
    )
    assert page.period_label.text().startswith(
        "Contractperiode 1 januari 2027 tot en met 30 juni 2029 (4 vergaderingen):"
    )


def test_print_regular_and_large(
    qtbot: QtBot, page: MeetingsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.mouseClick(page.compose_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "agenda.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_args: target)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    regular = len(PdfReader(target).pages)
    assert "Uitnodiging" in PdfReader(target).pages[0].extract_text()
    assert page.message.text() == f"De agenda staat in {target}."
    qtbot.mouseClick(page.large_print, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(target).pages) >= regular


def test_plan_a_series_in_the_dialog(qtbot: QtBot, page: MeetingsPage, db: Database) -> None:
    qtbot.mouseClick(page.series_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, SeriesDialog)
    dialog.first.setDate(dialog.first.date().fromString("29-06-2027", "dd-MM-yyyy"))
    dialog.weekday.setCurrentIndex(1)  # dinsdag
    dialog.count.setValue(3)
    qtbot.keyClicks(dialog.location, "Buurthuis De Duinroos")
    assert dialog.preview.text() == ("Datums: 29 juni 2027, 10 augustus 2027, 21 september 2027")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "3 vergaderingen gepland."
    assert page.meeting_label.text().startswith("dinsdag 29 juni 2027, 19:30 uur")
    rows = {row.starts_at: row for row in list_meetings(db, meeting_row_neighbourhood(db))}
    assert rows[datetime(2027, 8, 10, 19, 30)].ends_at == datetime(2027, 8, 10, 21, 30)


def test_cancel_with_a_reason_shows_it_in_words(
    qtbot: QtBot, page: MeetingsPage, db: Database
) -> None:
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.reason, "Buurthuis <bezet>")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == (
        "Vergadering afgelast; 3 aanmeldingen zijn verplaatst naar dinsdag 18 mei 2027."
    )
    assert page.notice.text() == "Afgelast: Buurthuis <bezet>"
    model = page.section.model
    statuses = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert "afgelast" in statuses
    assert not page.compose_button.isEnabled()
    assert page.restore_button.isVisible()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert page.compose_button.isEnabled()


def test_a_held_meeting_cannot_be_edited(qtbot: QtBot, page: MeetingsPage, db: Database) -> None:
    held = meeting_id(db, "m-1")
    page.show_meeting(held)
    assert page.notice.text().startswith("Deze vergadering is gehouden")
    assert not page.compose_button.isEnabled()
    assert not page.move_button.isEnabled()
    assert agenda_of(db, held).items


def test_a_refused_action_shows_why(
    qtbot: QtBot, page: MeetingsPage, db: Database, errors: list[BuurtteamError]
) -> None:
    # The last planned meeting has no later one to defer to.
    page.show_meeting(meeting_id(db, "m-3"))
    qtbot.mouseClick(page.new_request_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.dialog.title, "Laatste vraag")
    qtbot.mouseClick(page.dialog.ok_button, Qt.MouseButton.LeftButton)
    page.tabs.setCurrentIndex(1)
    page.requests.setCurrentCell(0, 1)
    qtbot.mouseClick(page.defer_button, Qt.MouseButton.LeftButton)
    assert "geen latere vergadering" in errors[-1].text()
    assert page.requests.item(0, 4).text() == "wacht op een plek"
    assert date(2027, 5, 18) == page.current_meeting().starts_at.date()
