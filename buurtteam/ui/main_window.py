"""The main window: pages on the left, the chosen neighbourhood on top, the data file below.

Pages are read when they are shown, and read again after the neighbourhood changes or
data comes in (an import, the demo); a hidden page costs nothing at start.

At start the window can show before the database is open: from a first look
(`ops.first_look`, bare `sqlite3`) it shows the neighbourhoods and the overview, and
`attach` gives it the database once the data stack has loaded. Until then nothing can be
changed: the data actions are off and a page switch waits for the data (start-up, issue 8).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from buurtteam import __version__
from buurtteam.domain.overview import chosen_neighbourhood
from buurtteam.errors import N_, BuurtteamError
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, tijd
from buurtteam.ui.pages import Page
from buurtteam.ui.settings import Settings

if TYPE_CHECKING:
    from buurtteam.domain.overview import NeighbourhoodRow
    from buurtteam.ops.first_look import FirstLook
    from buurtteam.store.db import Database
    from buurtteam.ui.meeting_launcher import MeetingModeLauncher
    from buurtteam.ui.search import SearchLauncher
    from buurtteam.ui.welcome import WelcomePage


def _dialogs() -> ModuleType:
    """The dialogs module, imported on first use: the first screen shows none."""
    from buurtteam.ui import dialogs

    return dialogs


STATUS_MESSAGE_MS = 10_000
NAV_FONT_SCALE = 1.1


@dataclass(frozen=True)
class PageSpec:
    key: str  # stored in the settings as the last page
    title: str  # message id
    module: str  # in buurtteam.ui.pages
    class_name: str

    def make(self) -> Page:
        # Imported when first shown: the pages pull in printing, calendars and the budget
        # arithmetic, which the first screen does not need (start-up time, issue 8).
        module = importlib.import_module(f"buurtteam.ui.pages.{self.module}")
        page: Page = getattr(module, self.class_name)()
        return page


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", N_("Overview"), "overview", "OverviewPage"),
    PageSpec("meetings", N_("Meetings"), "meetings", "MeetingsPage"),
    PageSpec("contract", N_("Neighbourhood contract"), "contract", "ContractPage"),
    PageSpec("budget", N_("Neighbourhood budget"), "budget", "BudgetPage"),
    PageSpec("issues", N_("Issues"), "issues", "IssuesPage"),
    PageSpec("people", N_("People and parties"), "people", "PeoplePage"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)

# Language names are written in their own language, so anyone can find theirs.
LANGUAGE_NAMES = (("nl", "Nederlands"), ("en", "English"))


def data_location(db: Database) -> str:
    """Where the data lives, for the status bar: the file, or the URL without its password."""
    if db.path is not None:
        return str(db.path)
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", db.url)


class MainWindow(QMainWindow):
    def __init__(
        self,
        db: Database | None,
        settings: Settings,
        *,
        today: Callable[[], date] = date.today,
        first_look: FirstLook | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """A window on `db`; or, with `db` None, on `first_look` until `attach(db)`."""
        super().__init__(parent)
        self._db: Database | None = None
        self._settings = settings
        self._today = today
        self._neighbourhood_id: int | None = None
        self._stale: set[int] = set()  # pages to read again before they are shown
        self.meeting_mode: MeetingModeLauncher | None = None
        self.search: SearchLauncher | None = None

        self.setWindowTitle("buurtteam")
        self.setMinimumSize(900, 600)
        self._build_central()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.setTabOrder(self.picker, self.nav)

        if not self.restoreGeometry(settings.geometry):
            self._default_size()
        self.restoreState(settings.window_state)
        self._enable_data_actions(False)
        last = settings.page
        self._go_to_page(PAGE_KEYS.index(last) if last in PAGE_KEYS else 0)
        if db is not None:
            self.attach(db)
        elif first_look is not None:
            self._show_first_look(first_look)
        self.nav.setFocus()  # arrows move through the pages from the start

    def attach(self, db: Database) -> None:
        """Work on `db` from now on: read what the window shows and allow changes."""
        # Imported here: they pull in the data stack, which loads after the first screen.
        from buurtteam.ui.meeting_launcher import MeetingModeLauncher
        from buurtteam.ui.search import SearchLauncher

        self._db = db
        if db.read_only:
            self.setWindowTitle("buurtteam " + _("(read-only: someone else has this file open)"))
        self.location_label.setText(_("Data: {location}").format(location=data_location(db)))
        # Meeting mode (Ctrl+L) and search (Ctrl+K); a meeting left open by a crash reopens.
        self.meeting_mode = MeetingModeLauncher(
            self,
            db,
            self._settings,
            self._today,
            lambda: self.neighbourhood_id,
            self._on_refresh_triggered,
        )
        self.search = SearchLauncher(
            self, db, lambda: self.neighbourhood_id, self.meeting_mode.open_item
        )
        self._enable_data_actions(True)
        self.reload(self.picker.currentText() or None)

    # Building

    def _build_central(self) -> None:
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Pages"))
        font = self.nav.font()
        if font.pointSizeF() > 0:  # -1 when the platform sized the font in pixels
            font.setPointSizeF(font.pointSizeF() * NAV_FONT_SCALE)
            self.nav.setFont(font)
        self.nav.setSpacing(3)
        self.pages = QStackedWidget()
        # A page is built the first time it is shown; until then an empty stand-in keeps
        # its place in the stack.
        self._built: dict[int, Page] = {}
        for spec in PAGES:
            self.nav.addItem(_(spec.title))
            # Seen only while the window shows its first look and the data is opened.
            stand_in = QLabel(_("Opening the data..."))
            stand_in.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages.addWidget(stand_in)
        widest = max(self.nav.fontMetrics().horizontalAdvance(_(s.title)) for s in PAGES)
        self.nav.setFixedWidth(widest + 48)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)

        self.shell = QWidget()
        layout = QHBoxLayout(self.shell)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)

        self._welcome: WelcomePage | None = None  # built when a file has no neighbourhood
        self._central = QStackedWidget()
        self._central.addWidget(self.shell)
        self.setCentralWidget(self._central)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(_("Neighbourhood"))
        self.toolbar.setObjectName("neighbourhood_toolbar")  # saveState() needs a name
        self.toolbar.setAccessibleName(_("Neighbourhood"))
        self.toolbar.setMovable(False)
        self.picker = QComboBox()
        self.picker.setAccessibleName(_("Neighbourhood"))
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.setMinimumContentsLength(20)
        label = QLabel(_("&Neighbourhood:"))
        label.setBuddy(self.picker)
        label.setContentsMargins(6, 0, 6, 0)
        self.toolbar.addWidget(label)
        self.toolbar.addWidget(self.picker)
        self.addToolBar(self.toolbar)
        self.picker.currentIndexChanged.connect(self._on_picker_current_index_changed)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.import_action = file_menu.addAction(_("&Import..."))
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self._on_import_triggered)
        self.export_action = file_menu.addAction(_("&Export..."))
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self._on_export_triggered)
        self.backup_action = file_menu.addAction(_("Make a &backup"))
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.restore_action = file_menu.addAction(_("&Restore from backup..."))
        self.restore_action.triggered.connect(self._on_restore_triggered)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(_("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)

        view_menu = bar.addMenu(_("&View"))
        self._page_group = QActionGroup(self)
        self.page_actions: list[QAction] = []
        for row, spec in enumerate(PAGES):
            action = view_menu.addAction(_(spec.title))
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.setCheckable(True)
            action.setData(row)
            self._page_group.addAction(action)
            self.page_actions.append(action)
        self._page_group.triggered.connect(self._on_page_group_triggered)
        view_menu.addSeparator()
        self.refresh_action = view_menu.addAction(_("&Refresh"))
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self._on_refresh_triggered)
        language_menu = view_menu.addMenu(_("&Language"))
        self._language_group = QActionGroup(self)
        for code, name in LANGUAGE_NAMES:
            action = language_menu.addAction(name)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == self._settings.language)
            self._language_group.addAction(action)
        self._language_group.triggered.connect(self._on_language_group_triggered)

        help_menu = bar.addMenu(_("&Help"))
        about = help_menu.addAction(_("&About buurtteam"))
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._on_about_triggered)

    def _build_status_bar(self) -> None:
        self.location_label = QLabel()
        self.location_label.setTextFormat(Qt.TextFormat.PlainText)
        self.location_label.setAccessibleName(_("Where the data is kept"))
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location_label, 1)

    def _default_size(self) -> None:
        """1200 x 800, or nine tenths of a smaller screen (laptops in community centres)."""
        screen = self.screen().availableGeometry()
        self.resize(min(1200, screen.width() * 9 // 10), min(800, screen.height() * 9 // 10))

    # State

    @property
    def neighbourhood_id(self) -> int | None:
        return self._neighbourhood_id

    @property
    def welcome(self) -> WelcomePage:
        """What an empty file shows: the demo or an import to begin with."""
        if self._welcome is None:
            from buurtteam.ui.welcome import WelcomePage

            self._welcome = WelcomePage()
            self._welcome.demo_button.clicked.connect(self._on_welcome_demo_clicked)
            self._welcome.import_button.clicked.connect(self._on_import_triggered)
            self._welcome.demo_button.setEnabled(self._db is not None)
            self._welcome.import_button.setEnabled(self._db is not None)
            self._central.addWidget(self._welcome)
        return self._welcome

    def current_page(self) -> QWidget:
        """The page a person sees now: the welcome, or one of the pages."""
        if self._welcome is not None and self._central.currentWidget() is self._welcome:
            return self._welcome
        return self.page(self.pages.currentIndex())

    def page(self, row: int) -> Page:
        """The page in `row` of the navigation, built now if it has not been shown yet."""
        built = self._built.get(row)
        if built is not None:
            return built
        spec = PAGES[row]
        page = spec.make()
        page.setAccessibleName(_(spec.title))
        stand_in = self.pages.widget(row)
        showing = self.pages.currentIndex() == row
        self.pages.insertWidget(row, page)
        self.pages.removeWidget(stand_in)
        stand_in.deleteLater()
        if showing:
            self.pages.setCurrentIndex(row)
        self._built[row] = page
        return page

    def _enable_data_actions(self, enabled: bool) -> None:
        """What needs the open database; off while the window shows only a first look."""
        for action in (self.import_action, self.backup_action, self.restore_action):
            action.setEnabled(enabled)
        self.refresh_action.setEnabled(enabled)
        if self._welcome is not None:
            self._welcome.demo_button.setEnabled(enabled)
            self._welcome.import_button.setEnabled(enabled)

    def _show_first_look(self, look: FirstLook) -> None:
        """The neighbourhoods and the overview as read by a first look, before `attach`."""
        self.location_label.setText(_("Data: {location}").format(location=str(look.path)))
        self._show_neighbourhoods(list(look.neighbourhoods), look.chosen)
        self.export_action.setEnabled(False)
        if look.chosen is None or look.overview is None:
            return
        self._neighbourhood_id = look.neighbourhoods[look.chosen].id
        self._stale = set(range(len(PAGES)))  # read them all again once attached
        if self.pages.currentIndex() == PAGE_KEYS.index("overview"):
            from buurtteam.ui.pages.overview import OverviewPage

            page = self.page(self.pages.currentIndex())
            assert isinstance(page, OverviewPage)
            page.show_overview(look.overview)

    def reload(self, select_name: str | None = None) -> None:
        """Read the neighbourhoods again; show the welcome when there are none.

        Picks `select_name`, else the neighbourhood chosen last time, else the first.
        """
        if self._db is None:
            return
        from buurtteam.ops.overview import list_neighbourhoods

        try:
            rows = list_neighbourhoods(self._db)
        except BuurtteamError as error:
            _dialogs().show_error(self, error)
            return
        index = (
            chosen_neighbourhood(rows, select_name or self._settings.neighbourhood)
            if rows
            else None
        )
        self._show_neighbourhoods(rows, index)
        if index is not None:
            self._show_neighbourhood(rows[index].id)
        else:
            self._neighbourhood_id = None

    def _show_neighbourhoods(self, rows: list[NeighbourhoodRow], index: int | None) -> None:
        """The picker filled with `rows`, on `index`; the welcome when there are none."""
        has_data = bool(rows)
        self._central.setCurrentWidget(self.shell if has_data else self.welcome)
        self.toolbar.setVisible(has_data)
        self.export_action.setEnabled(has_data)
        for action in self.page_actions:
            action.setEnabled(has_data)
        with QSignalBlocker(self.picker):
            self.picker.clear()
            for row in rows:
                self.picker.addItem(row.name, row.id)
                self.picker.setItemData(
                    self.picker.count() - 1, row.municipality, Qt.ItemDataRole.ToolTipRole
                )
            if index is not None:
                self.picker.setCurrentIndex(index)

    def _show_neighbourhood(self, neighbourhood_id: int) -> None:
        self._neighbourhood_id = neighbourhood_id
        self._stale = set(range(len(PAGES)))
        self._load_current_page()

    def _load_current_page(self) -> None:
        row = self.pages.currentIndex()
        if self._db is None or self._neighbourhood_id is None or row not in self._stale:
            return
        try:
            self.page(row).load(self._db, self._neighbourhood_id, self._today())
        except BuurtteamError as error:
            _dialogs().show_error(self, error)
            return
        self._stale.discard(row)

    def _go_to_page(self, row: int) -> None:
        self.nav.setCurrentRow(row)  # the nav's signal switches the page

    def _after_new_data(self, select_name: str | None = None) -> None:
        self.reload(select_name)
        self._go_to_page(0)

    # Slots

    def _on_nav_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        if self._db is not None or PAGES[row].key == "overview":
            # Other pages import the data stack: built once it has loaded (`attach`).
            self.page(row)
        self.pages.setCurrentIndex(row)
        self.page_actions[row].setChecked(True)
        self._settings.page = PAGES[row].key
        self._load_current_page()

    def _on_page_group_triggered(self, action: QAction) -> None:
        self._go_to_page(int(action.data()))

    def _on_picker_current_index_changed(self, index: int) -> None:
        if index < 0:
            return
        self._settings.neighbourhood = self.picker.itemText(index)
        self._show_neighbourhood(int(self.picker.itemData(index)))

    def _on_refresh_triggered(self) -> None:
        self.reload(self.picker.currentText() or None)

    def _on_welcome_demo_clicked(self) -> None:
        db = self._db
        if db is None:  # a click queued while the window showed its first look
            return
        # Imported here: the demo data is only needed on this one click.
        from buurtteam.ops.demo import load_demo

        try:
            summary = load_demo(db, self._today())
        except BuurtteamError as error:
            _dialogs().show_error(self, error)
            return
        self._after_new_data(summary.neighbourhoods[0] if summary.neighbourhoods else None)

    def _on_import_triggered(self) -> None:
        db = self._db
        if db is None:  # a click queued while the window showed its first look
            return
        path = _dialogs().ask_open_file(
            self, _("Import exchange file"), _("Exchange files (*.json);;All files (*)")
        )
        if path is None:
            return
        from buurtteam.ops.exchange import import_file

        try:
            summary = import_file(db, path)
        except BuurtteamError as error:
            _dialogs().show_error(self, error)
            return
        names = summary.neighbourhoods
        self._after_new_data(names[0] if names else None)
        self.statusBar().showMessage(
            _("Imported: {names}").format(names=", ".join(names)), STATUS_MESSAGE_MS
        )

    def _on_export_triggered(self) -> None:
        db = self._db
        if db is None:  # a click queued while the window showed its first look
            return
        suggested = Path.home() / f"buurtteam-{self._today().isoformat()}.json"
        path = _dialogs().ask_save_file(
            self, _("Export exchange file"), suggested, _("Exchange files (*.json)")
        )
        if path is None:
            return
        from buurtteam.ops.exchange import export_file

        try:
            export_file(db, path)
        except BuurtteamError as error:
            _dialogs().show_error(self, error)
            return
        self.statusBar().showMessage(
            _("Exported to {file}").format(file=str(path)), STATUS_MESSAGE_MS
        )

    def _on_backup_triggered(self) -> None:
        db = self._db
        if db is None:  # a click queued while the window showed its first look
            return
        from buurtteam.store.backups import make_backup

        try:
            written = make_backup(db, "handmatig", datetime.now())
        except BuurtteamError as error:
            _dialogs().show_error(self, error)
            return
        _dialogs().show_information(self, _("Backup saved in {file}").format(file=str(written)))

    def _on_restore_triggered(self) -> None:
        db = self._db
        if db is None:  # a click queued while the window showed its first look
            return
        from buurtteam.store.backups import list_backups, restore

        if db.path is None:
            return
        backups = list_backups(db.path)
        if not backups:
            _dialogs().show_information(self, _("There are no backups of this file yet."))
            return
        labels = [
            _("{day} at {time} ({reason})").format(
                day=datum(b.made_at.date()), time=tijd(b.made_at), reason=b.reason
            )
            for b in backups
        ]
        chosen = _dialogs().ask_choice(self, _("Restore from backup"), _("Which backup?"), labels)
        if chosen is None:
            return
        backup = backups[chosen]
        question = _(
            "Put back the data as it was on {day} at {time}? Everything changed since then "
            "is replaced. The current data is first saved as a backup itself, so this can be "
            "undone."
        ).format(day=datum(backup.made_at.date()), time=tijd(backup.made_at))
        if not _dialogs().ConfirmDialog.ask(self, question):
            return
        try:
            restore(db, backup.path, datetime.now())
        except BuurtteamError as error:
            _dialogs().show_error(self, error)
            return
        self._after_new_data()
        self.statusBar().showMessage(_("Backup restored."), STATUS_MESSAGE_MS)

    def _on_language_group_triggered(self, action: QAction) -> None:
        code = str(action.data())
        if code == self._settings.language:
            return
        self._settings.language = code
        _dialogs().show_information(
            self,
            _("The language changes when you start buurtteam again."),
        )

    def _on_about_triggered(self) -> None:
        _dialogs().show_information(
            self,
            _(
                "buurtteam {version}\n\nNeighbourhood contract, meetings and neighbourhood "
                "budget for neighbourhood project teams.\n\nFree software under the GNU GPL, "
                "version 3 or later."
            ).format(version=__version__),
        )

    # Qt overrides

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.sync()
        super().closeEvent(event)
