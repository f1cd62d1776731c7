"""The main window, offscreen, on a real database file: what a chair sees and does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from buurtteam.errors import BuurtteamError
from buurtteam.store.db import Database, open_database
from buurtteam.store.exchange_import import ImportSummary
from buurtteam.store.models import Neighbourhood, Proposal
from buurtteam.ui import dialogs
from buurtteam.ui.app import CrashHandler, _install_qt_translator
from buurtteam.ui.main_window import PAGES, MainWindow
from buurtteam.ui.pages.overview import OverviewPage
from buurtteam.ui.settings import Settings
from buurtteam.ui.table import RowTableModel
from buurtteam.ui.welcome import WelcomePage
from tests.conftest import EXAMPLE
from tests.ops.test_overview import TODAY, add_sample_neighbourhood

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_window(qtbot: QtBot, db: Database, settings: Settings) -> Any:
    def _open() -> MainWindow:
        window = MainWindow(db, settings, today=lambda: TODAY)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return _open


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BuurtteamError]:
    shown: list[BuurtteamError] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, error: shown.append(error))
    return shown


def visible_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def cells(model: RowTableModel[Any]) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_overview_shows_the_figures_in_dutch(open_window: Any, db: Database) -> None:
    add_sample_neighbourhood(db)
    window = open_window()
    page = window.current_page()
    assert isinstance(page, OverviewPage)
    texts = visible_texts(page)
    assert "Duin en Dorp" in texts
    assert "Zeedorp · stand van woensdag 10 maart 2027" in texts
    # Next meeting: date in words, time, place, requests waiting.
    assert "dinsdag 6 april 2027" in texts
    assert "19:30" in texts
    assert "Buurthuis <De Duinroos>" in texts
    assert "2 aanmeldingen wachten op een plek" in texts
    # The year's budget, exact to the cent.
    assert page.budget.title() == "Buurtbudget 2027"
    for amount in ("€\xa026.234,56", "€\xa012.800,09", "€\xa05.000,30", "€\xa013.434,47"):
        assert amount in texts
    assert "Inclusief €\xa01.234,56 meegenomen uit 2026." in texts
    assert not page.budget.warning.isVisible()
    # Open actions, the overdue one said in words.
    assert page.actions_section.title() == "Openstaande acties (3)"
    assert cells(page.actions_section.model) == [
        ["Offerte opvragen", "Karim El Amrani", "1 maart 2027, te laat", "23 februari 2027"],
        ["Brief aan het college", "Gemeente Zeedorp", "1 april 2027", "23 februari 2027"],
        ["Zonder deadline", "Joke Smit", "—", "23 februari 2027"],
    ]
    # Overdue contract points with their status in words.
    assert page.points_section.title() == "Contractpunten over de deadline (2)"
    assert cells(page.points_section.model) == [
        [
            "5",
            "Doeltje terug op het pannaveldje",
            "Gemeente Zeedorp",
            "1 februari 2027",
            "niet nagekomen",
        ],
        [
            "3",
            "Controle overlastgrens 21.00 uur",
            "Politie, wijkagent",
            "1 maart 2027",
            "vertraagd",
        ],
    ]


def test_user_text_is_never_read_as_markup(open_window: Any, db: Database) -> None:
    add_sample_neighbourhood(db)
    window = open_window()
    page = window.current_page()
    place = page.meeting.place
    assert place.text() == "Buurthuis <De Duinroos>"
    assert place.textFormat() == Qt.TextFormat.PlainText


def test_low_budget_gives_a_warning_line(open_window: Any, db: Database) -> None:
    n = add_sample_neighbourhood(db)
    with db.write() as s:
        s.add(
            Proposal(
                neighbourhood_id=n,
                public_id="b-big",
                year=2027,
                title="Groot plan",
                received_on=date(2027, 3, 1),
                amount_requested=Decimal("11000.00"),
                not_regular_maintenance=True,
                status="granted",
                amount_granted=Decimal("11000.00"),
            )
        )
    window = open_window()
    page = window.current_page()
    assert page.budget.remaining.text() == "€\xa02.434,47"
    assert page.budget.warning.isVisible()
    assert page.budget.warning.text().startswith("Let op:")


def test_a_neighbourhood_without_meetings_or_budget(open_window: Any, db: Database) -> None:
    with db.write() as s:
        s.add(Neighbourhood(name="Noord", municipality="Zeedorp"))
    window = open_window()
    texts = visible_texts(window.current_page())
    assert "Er is nog geen vergadering gepland." in texts
    assert "Voor 2027 is nog geen budget vastgelegd." in texts
    assert "Er staan geen acties open." in texts
    assert "Geen enkel contractpunt is over de deadline." in texts


def test_the_table_models_hold_up(open_window: Any, db: Database, qtmodeltester: Any) -> None:
    add_sample_neighbourhood(db)
    window = open_window()
    models: list[RowTableModel[Any]] = []
    for row in range(len(PAGES)):
        window.nav.setCurrentRow(row)
        models += window.pages.currentWidget().findChildren(RowTableModel)
    # Every page shows its data in fed table models; each must hold up to Qt's checks.
    assert len(models) >= 8
    assert sum(model.rowCount() > 0 for model in models) >= 8
    for model in models:
        qtmodeltester.check(model)


def test_ctrl_and_a_number_switch_pages(qtbot: QtBot, open_window: Any, db: Database) -> None:
    add_sample_neighbourhood(db)
    window = open_window()
    expected_headings = [
        "Overzicht",
        "Vergaderingen",
        "Buurtcontract",
        "Buurtbudget",
        "Kwesties",
        "Mensen en partijen",
    ]
    for number in (2, 3, 4, 5, 6, 1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.nav.currentRow() == number - 1
        assert window.pages.currentIndex() == number - 1
        assert window.nav.currentItem().text() == expected_headings[number - 1]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    contract = cells(window.pages.currentWidget().section.model)
    point_3 = next(
        row for row in contract if "3" in row and "Controle overlastgrens 21.00 uur" in row
    )
    assert {"Politie, wijkagent", "1 maart 2027"} <= set(point_3)
    assert any("vertraagd" in cell for cell in point_3)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    budget = cells(window.pages.currentWidget().proposals.model)
    assert [
        "Speeltuintje",
        "Joke Smit",
        "€\xa012.000,00",
        "toegekend (deels)",
        "€\xa011.999,99",
        "€\xa05.000,30",
        "€\xa06.999,69",
    ] in budget


def test_arrow_keys_in_the_navigation_switch_pages(
    qtbot: QtBot, open_window: Any, db: Database
) -> None:
    add_sample_neighbourhood(db)
    window = open_window()
    assert window.nav.hasFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.pages.currentIndex() == 1
    meetings = cells(window.pages.currentWidget().section.model)
    assert meetings[1][:4] == [
        "dinsdag 6 april 2027",
        "19:30",
        "Buurthuis <De Duinroos>",
        "gepland",
    ]


def test_the_last_page_and_neighbourhood_are_remembered(
    qtbot: QtBot, open_window: Any, db: Database
) -> None:
    add_sample_neighbourhood(db)
    with db.write() as s:
        s.add(Neighbourhood(name="Noord", municipality="Zeedorp"))
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    window.picker.setFocus()
    qtbot.keyClick(window.picker, Qt.Key.Key_Down)
    assert window.picker.currentText() == "Noord"
    window.close()

    again = open_window()
    assert again.picker.currentText() == "Noord"
    assert again.pages.currentIndex() == 5


def test_the_picker_switches_neighbourhood(qtbot: QtBot, open_window: Any, db: Database) -> None:
    add_sample_neighbourhood(db)
    with db.write() as s:
        s.add(Neighbourhood(name="Achterwijk", municipality="Zeedorp"))
    window = open_window()
    # Sorted by name; the first is chosen when nothing was chosen before.
    names = [window.picker.itemText(i) for i in range(window.picker.count())]
    assert names == ["Achterwijk", "Duin en Dorp"]
    page = window.current_page()
    assert page.title.text() == "Achterwijk"
    window.picker.setFocus()
    qtbot.keyClick(window.picker, Qt.Key.Key_Down)
    assert page.title.text() == "Duin en Dorp"
    assert page.actions_section.model.rowCount() == 3
    # Pages read before the switch are read again when shown.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget().section.model.rowCount() == 4


def test_status_bar_says_where_the_data_lives(
    open_window: Any, db: Database, db_path: Path
) -> None:
    window = open_window()
    assert window.location_label.text() == f"Gegevens: {db_path}"


def test_welcome_on_an_empty_database(open_window: Any) -> None:
    window = open_window()
    assert isinstance(window.current_page(), WelcomePage)
    assert not window.toolbar.isVisible()
    assert not any(action.isEnabled() for action in window.page_actions)
    assert "Welkom bij buurtteam" in visible_texts(window.welcome)
    assert window.welcome.demo_button.text() == "Demobuurt laden"
    assert window.welcome.import_button.text() == "Uitwisselbestand importeren..."


def test_welcome_loads_the_demo(
    qtbot: QtBot, open_window: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The demo's own content is tested with the demo; here: the window's part of the click.
    def load_demo(database: Database, today: date) -> ImportSummary:
        assert today == TODAY
        add_sample_neighbourhood(database, "Demobuurt")
        return ImportSummary(neighbourhoods=["Demobuurt"])

    fake = types.ModuleType("buurtteam.ops.demo")
    fake.load_demo = load_demo  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "buurtteam.ops.demo", fake)
    window = open_window()
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    page = window.current_page()
    assert isinstance(page, OverviewPage)
    assert page.title.text() == "Demobuurt"
    assert window.toolbar.isVisible()
    assert window.picker.currentText() == "Demobuurt"


def test_welcome_imports_an_exchange_file(
    qtbot: QtBot, open_window: Any, monkeypatch: pytest.MonkeyPatch, errors: list[Any]
) -> None:
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_args: EXAMPLE)
    window = open_window()
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert errors == []
    page = window.current_page()
    assert isinstance(page, OverviewPage)
    assert page.title.text() == "Duin en Dorp"
    assert window.statusBar().currentMessage() == "Geïmporteerd: Duin en Dorp"


def test_a_broken_file_is_refused_with_a_dutch_message(
    qtbot: QtBot,
    open_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[BuurtteamError],
    tmp_path: Path,
) -> None:
    broken = tmp_path / "kapot.json"
    broken.write_text('{"format": "buurtteam", ', encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_args: broken)
    window = open_window()
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    [error] = errors
    assert "JSON" in error.text()
    assert isinstance(window.current_page(), WelcomePage)


def test_cancelling_the_file_dialog_changes_nothing(
    qtbot: QtBot, open_window: Any, monkeypatch: pytest.MonkeyPatch, errors: list[Any]
) -> None:
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_args: None)
    window = open_window()
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert isinstance(window.current_page(), WelcomePage)


def test_backup_and_export_from_the_file_menu(
    open_window: Any,
    db: Database,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    errors: list[Any],
) -> None:
    add_sample_neighbourhood(db)
    window = open_window()
    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_information", lambda _parent, text: told.append(text))
    window.backup_action.trigger()
    [made] = list((db_path.parent / "back-ups").glob("buurt-*-handmatig.sqlite"))
    assert told == [f"Back-up opgeslagen in {made}"]

    exported = tmp_path / "export.json"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_args: exported)
    window.export_action.trigger()
    assert errors == []
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert [n["name"] for n in document["neighbourhoods"]] == ["Duin en Dorp"]


def test_language_choice_is_stored_for_the_next_start(
    open_window: Any, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_information", lambda _parent, text: told.append(text))
    window = open_window()
    english = next(a for a in window._language_group.actions() if a.text() == "English")
    english.trigger()
    assert settings.language == "en"
    assert told == ["De taal verandert wanneer u buurtteam opnieuw start."]


def test_menus_read_dutch(open_window: Any) -> None:
    window = open_window()
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Bestand", "Beel&d", "V&ergadering", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions() if not a.isSeparator()] == [
        "&Importeren...",
        "&Exporteren...",
        "&Back-up maken",
        "&Herstellen uit back-up...",
        "&Afsluiten",
    ]
    assert [a.shortcut().toString() for a in window.page_actions] == [
        f"Ctrl+{n}" for n in range(1, 7)
    ]


def test_every_control_has_an_accessible_name(open_window: Any, db: Database) -> None:
    add_sample_neighbourhood(db)
    window = open_window()
    controls = [
        window.nav,
        window.picker,
        window.welcome.demo_button,
        window.welcome.import_button,
        window.location_label,
    ]
    for row in range(len(PAGES)):
        window.nav.setCurrentRow(row)
        controls += window.pages.currentWidget().findChildren(QTableView)
    assert all(control.accessibleName() for control in controls)


# The offscreen platform plugin warns when any dialog is shown; real screens do not.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_confirm_dialog_asks_in_dutch(qtbot: QtBot) -> None:
    seen: list[str] = []

    def answer_yes() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer_yes)
    assert dialogs.ConfirmDialog.ask(None, "Kwestie <b>sluiten</b>?") is True
    assert seen == ["Kwestie <b>sluiten</b>?"]


def test_qt_own_buttons_read_dutch(qapp: QApplication) -> None:
    translator = _install_qt_translator(qapp, "nl")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
        assert QCoreApplication.translate("QPlatformTheme", "Save") == "Opslaan"
    finally:
        assert translator is not None
        qapp.removeTranslator(translator)


def test_a_bug_is_logged_and_shown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    shown: list[tuple[str, Path | None]] = []
    monkeypatch.setattr(
        dialogs, "show_crash", lambda _parent, details, log: shown.append((details, log)) or False
    )
    handler = CrashHandler(smoke=False)
    try:
        raise ValueError("kapot")
    except ValueError as error:
        handler(ValueError, error, error.__traceback__)
    [(details, log_file)] = shown
    assert "ValueError: kapot" in details
    assert log_file is not None and "ValueError: kapot" in log_file.read_text(encoding="utf-8")


def _run_smoke(db_target: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    code = (
        "import sys, time; started = time.perf_counter()\n"
        "from buurtteam.ui.app import run\n"
        "sys.exit(run(sys.argv[1], 'nl', smoke=True, started=started))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, db_target],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_smoke_paints_once_and_prints_the_milliseconds(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    add_sample_neighbourhood(db)
    db.close()
    result = _run_smoke(str(db_path), tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].isdigit()
    assert 0 < int(lines[0]) < 60_000


def test_smoke_on_a_folder_is_refused_with_exit_code_1(tmp_path: Path) -> None:
    result = _run_smoke(str(tmp_path), tmp_path)
    assert result.returncode == 1
    assert "is een map, geen databasebestand" in result.stderr
    assert result.stdout == ""


# -- the first look: the window shows before the data stack has loaded (issue 8) ----------


def _window_on_first_look(qtbot: QtBot, db_path: Path, settings: Settings) -> MainWindow:
    from buurtteam.ops.first_look import first_look

    look = first_look(str(db_path), settings.neighbourhood, TODAY)
    assert look is not None
    window = MainWindow(None, settings, today=lambda: TODAY, first_look=look)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.sqlite_only("a first look reads a file")
def test_the_first_look_shows_the_overview_and_waits_for_the_data(
    qtbot: QtBot, db: Database, db_path: Path, settings: Settings
) -> None:
    add_sample_neighbourhood(db)
    db.close()
    window = _window_on_first_look(qtbot, db_path, settings)
    page = window.current_page()
    assert isinstance(page, OverviewPage)
    texts = visible_texts(page)
    assert "Duin en Dorp" in texts and "dinsdag 6 april 2027" in texts
    assert page.actions_section.title() == "Openstaande acties (3)"
    assert window.picker.currentText() == "Duin en Dorp"
    # Nothing can be changed until the data is open.
    for action in (window.import_action, window.export_action, window.backup_action):
        assert not action.isEnabled()
    # A page chosen meanwhile says it is coming, and is read once the data is open.
    window.nav.setCurrentRow(PAGES.index(next(p for p in PAGES if p.key == "contract")))
    assert "De gegevens worden geopend..." in visible_texts(window.pages)

    opened = open_database(db_path)
    try:
        window.attach(opened)
        assert window.import_action.isEnabled() and window.export_action.isEnabled()
        contract_page = window.current_page()
        assert type(contract_page).__name__ == "ContractPage"
        assert "De gegevens worden geopend..." not in visible_texts(window.pages)
        assert window.search is not None and window.meeting_mode is not None
    finally:
        opened.close()


@pytest.mark.sqlite_only("a first look reads a file")
def test_the_first_look_of_an_empty_file_offers_the_welcome_once_open(
    qtbot: QtBot, db: Database, db_path: Path, settings: Settings
) -> None:
    db.close()
    window = _window_on_first_look(qtbot, db_path, settings)
    assert window.current_page() is window.welcome
    assert not window.welcome.demo_button.isEnabled()
    opened = open_database(db_path)
    try:
        window.attach(opened)
        assert window.welcome.demo_button.isEnabled()
        assert window.welcome.import_button.isEnabled()
    finally:
        opened.close()


@pytest.mark.sqlite_only("a first look reads a file")
def test_a_window_closed_during_its_first_look_ends_the_app(
    monkeypatch: pytest.MonkeyPatch, db: Database, db_path: Path, tmp_path: Path
) -> None:
    from buurtteam.ui import app as app_module

    add_sample_neighbourhood(db)
    db.close()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    shown = app_module._first_screen

    def close_at_once(target: str, settings: Settings) -> MainWindow | None:
        window = shown(target, settings)
        assert window is not None
        window.close()  # the person closed it before the data was open
        return window

    monkeypatch.setattr(app_module, "_first_screen", close_at_once)
    # Returns instead of waiting for a window nobody can see.
    assert app_module.run(str(db_path), "nl", smoke=False, started=0.0) == 0
