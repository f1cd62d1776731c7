"""Meeting mode's place in the main window: the menu, the toolbar button, and reopening a
meeting a crash left open.

Kept apart from the meeting window itself (buurtteam.ui.meeting_mode), which is imported
the first time a meeting is opened: the main window starts without it (issue 8).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, tijd
from buurtteam.i18n.labels import meeting_status_label
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.settings import Settings

if TYPE_CHECKING:
    from buurtteam.ui.meeting_mode import MeetingModeWindow


class MeetingModeLauncher(QObject):
    """What the main window gets: the menu, the toolbar button and reopening after a crash."""

    def __init__(
        self,
        window: QMainWindow,
        db: Database,
        settings: Settings,
        today: Callable[[], date],
        neighbourhood: Callable[[], int | None],
        after_close: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._main = window
        self._db = db
        self._settings = settings
        self._today = today
        self._neighbourhood = neighbourhood
        self._after_close = after_close
        self.window: MeetingModeWindow | None = None
        self.action = QAction(_("Run the &meeting..."), window)
        self.action.setShortcut(QKeySequence("Ctrl+L"))
        self.action.setToolTip(_("Run the meeting (Ctrl+L): attendance, items, minutes"))
        self.action.triggered.connect(self._on_action_triggered)
        window.addAction(self.action)
        bar = window.menuBar()
        menu = QMenu(_("M&eeting"), bar)
        menu.addAction(self.action)
        existing = bar.actions()
        # Before the Help menu, which stays last.
        if existing:
            bar.insertMenu(existing[-1], menu)
        else:
            bar.addMenu(menu)
        self.menu = menu
        toolbars = window.findChildren(QToolBar)
        if toolbars:
            toolbars[0].addSeparator()
            toolbars[0].addAction(self.action)
        if db.read_only:
            self.action.setEnabled(False)
        # Once the main window stands: a meeting left open by a crash reopens by itself.
        QTimer.singleShot(0, self, self.resume)

    def choose_and_open(self) -> None:
        """Ask which meeting (today's or the next first) and open it."""
        from buurtteam.ops.meetings import list_meetings

        hood = self._neighbourhood()
        if hood is None:
            return
        try:
            rows = list_meetings(self._db, hood)
        except BuurtteamError as error:
            dialogs.show_error(self._main, error)
            return
        rows = [r for r in rows if not r.cancelled]
        if not rows:
            dialogs.show_information(
                self._main, _("This neighbourhood has no meetings yet. Plan one first.")
            )
            return
        today = self._today()
        upcoming = sorted(
            (r for r in rows if r.starts_at.date() >= today), key=lambda r: r.starts_at
        )
        first = upcoming[0] if upcoming else rows[0]
        ordered = [first] + [r for r in rows if r is not first]
        labels = [
            _("{date}, {time} ({status})").format(
                date=datum(r.starts_at.date()),
                time=tijd(r.starts_at),
                status=meeting_status_label(r.status),
            )
            for r in ordered
        ]
        chosen = dialogs.ask_choice(self._main, _("Run the meeting"), _("Which meeting?"), labels)
        if chosen is not None:
            self.open(ordered[chosen].id)

    def open(self, meeting_id: int, item_public_id: str | None = None) -> MeetingModeWindow | None:
        """Open meeting mode on a meeting (and item); a window already open is reused."""
        from buurtteam.ui.meeting_mode import MeetingModeWindow

        if self.window is not None:
            self.window.close()
        try:
            window = MeetingModeWindow(
                self._db,
                meeting_id,
                self._settings,
                today=self._today,
                start_item=item_public_id,
            )
        except BuurtteamError as error:
            dialogs.show_error(self._main, error)
            return None
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(self._on_window_destroyed)
        self.window = window
        # The whole screen, also where no window manager maximises (a bare X session).
        window.setGeometry(self._main.screen().availableGeometry())
        window.showMaximized()
        window.activateWindow()
        return window

    def open_item(self, meeting_id: int, item_id: int | None) -> MeetingModeWindow | None:
        """Open a meeting at an item given by its private id (a search result)."""
        from buurtteam.ops.minutes import minutes_of

        public_id = None
        if item_id is not None:
            try:
                minutes = minutes_of(self._db, meeting_id)
            except BuurtteamError as error:
                dialogs.show_error(self._main, error)
                return None
            public_id = next((i.public_id for i in minutes.items if i.id == item_id), None)
        return self.open(meeting_id, public_id)

    def resume(self) -> MeetingModeWindow | None:
        """Reopen the meeting that was on screen when the app stopped without closing it."""
        remembered = self._settings.meeting
        if self.window is not None:
            return None  # a meeting was opened meanwhile; that is the one wanted
        if not remembered or "\t" not in remembered or self._db.read_only:
            return None
        from buurtteam.ops.minutes import meeting_named

        neighbourhood, public_id = remembered.split("\t", 1)
        try:
            meeting_id = meeting_named(self._db, neighbourhood, public_id)
        except BuurtteamError as error:
            dialogs.show_error(self._main, error)
            return None
        if meeting_id is None:
            self._settings.meeting = ""
            return None
        return self.open(meeting_id, self._settings.meeting_item or None)

    def _on_action_triggered(self) -> None:
        self.choose_and_open()

    def _on_window_destroyed(self) -> None:
        self.window = None
        self._after_close()
