"""Search everything the team wrote (Ctrl+K from anywhere in the main window).

Results come as you type; arrow keys move through them, Enter opens the record: minutes in
meeting mode at their item, a contract point, proposal or issue on its page. An agenda
item found shows its decisions right in the list: "what did we decide about the
pannaveldje?" is answered in one step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from buurtteam.errors import N_, BuurtteamError
from buurtteam.i18n import _, ngettext
from buurtteam.i18n.format import datum_long
from buurtteam.ops.search import Hit, Kind, search
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.pages import plain_label

TYPING_PAUSE_MS = 200
HIT_ROLE = Qt.ItemDataRole.UserRole + 1

_KIND = {
    Kind.AGENDA_ITEM: N_("Agenda item"),
    Kind.DECISION: N_("Decision"),
    Kind.ACTION: N_("Action"),
    Kind.IDEA: N_("Idea"),
    Kind.CONTRACT_POINT: N_("Contract point"),
    Kind.POINT_HISTORY: N_("Progress of a contract point"),
    Kind.PROPOSAL: N_("Budget proposal"),
    Kind.ISSUE: N_("Issue"),
    Kind.ISSUE_STEP: N_("Step of an issue"),
    Kind.ERRATUM: N_("Erratum"),
    Kind.AGENDA_REQUEST: N_("Agenda request"),
}


def kind_label(kind: Kind) -> str:
    return _(_KIND[kind])


def hit_text(hit: Hit) -> str:
    """Two or more plain lines: what and where, then the words found or the decisions."""
    first = [kind_label(hit.kind)]
    if hit.day is not None and hit.kind is Kind.CONTRACT_POINT:
        first.append(_("deadline {date}").format(date=datum_long(hit.day)))
    elif hit.day is not None:
        first.append(datum_long(hit.day))
    if hit.title:
        first.append(hit.title)
    lines = [" · ".join(first)]
    snippet = " ".join(hit.plain_snippet.split())
    if snippet and snippet != hit.title:
        lines.append(snippet)
    lines += [_("Decision: {text}").format(text=text) for text in hit.decisions]
    return "\n".join(lines)


class SearchDialog(QDialog):
    """The search field and its results; `opened` is called with the chosen hit."""

    def __init__(
        self,
        parent: QWidget,
        db: Database,
        neighbourhood: Callable[[], int | None],
        opened: Callable[[Hit], None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Search"))
        self._db = db
        self._neighbourhood = neighbourhood
        self._opened = opened
        self.field = QLineEdit()
        self.field.setAccessibleName(_("Search"))
        self.field.setPlaceholderText(
            _("Search minutes, decisions, actions, contract, proposals and issues")
        )
        self.field.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName(_("Search results"))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSpacing(3)
        self.count = plain_label()
        self.count.setAccessibleName(_("Number of results"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        layout.addWidget(plain_label(_("↑ ↓ choose · Enter open · Esc close")))
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.run_search)
        self.field.textChanged.connect(self._pause.start)
        self.field.returnPressed.connect(self.open_current)
        self.results.itemActivated.connect(self._on_results_item_activated)
        self.field.installEventFilter(self)
        # An explicit minimum: the layout must not resize the shown dialog.
        self.setMinimumSize(560, 360)
        self.resize(760, 520)

    def run_search(self) -> None:
        """Search for what is in the field now (the typing pause calls this)."""
        self._pause.stop()
        typed = self.field.text()
        try:
            hits = search(self._db, typed, self._neighbourhood()) if typed.strip() else ()
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        self.results.clear()
        for hit in hits:
            entry = QListWidgetItem(hit_text(hit))
            entry.setData(HIT_ROLE, hit)
            self.results.addItem(entry)
        if hits:
            self.results.setCurrentRow(0)
        if not typed.strip():
            self.count.setText("")
        elif not hits:
            self.count.setText(_("Nothing found. Try another or a shorter word."))
        else:
            self.count.setText(
                ngettext("{count} result", "{count} results", len(hits)).format(count=len(hits))
            )

    def hits(self) -> list[Hit]:
        return [self.results.item(row).data(HIT_ROLE) for row in range(self.results.count())]

    def open_current(self) -> None:
        if self._pause.isActive():
            self.run_search()  # Enter before the pause ended: search first
        entry = self.results.currentItem()
        if entry is None:
            return
        self.accept()
        self._opened(entry.data(HIT_ROLE))

    def _on_results_item_activated(self, _entry: QListWidgetItem) -> None:
        self.open_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The arrow keys in the field move through the results, so the hands stay put.
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return False


class SearchLauncher(QObject):
    """Ctrl+K in the main window, a toolbar button, and opening what was found."""

    def __init__(
        self,
        window: QMainWindow,
        db: Database,
        neighbourhood: Callable[[], int | None],
        open_minutes: Callable[[int, int | None], object],
    ) -> None:
        super().__init__(window)
        self._main = window
        self._db = db
        self._neighbourhood = neighbourhood
        self._open_minutes = open_minutes
        self.dialog: SearchDialog | None = None
        self.action = QAction(_("&Search..."), window)
        self.action.setShortcut(QKeySequence("Ctrl+K"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setToolTip(_("Search everything the team wrote (Ctrl+K)"))
        self.action.triggered.connect(self.open)
        window.addAction(self.action)
        toolbars = window.findChildren(QToolBar)
        if toolbars:
            toolbars[0].addAction(self.action)

    def open(self) -> SearchDialog:
        if self.dialog is None:
            self.dialog = SearchDialog(self._main, self._db, self._neighbourhood, self.show_hit)
        self.dialog.show()
        self.dialog.activateWindow()
        self.dialog.field.setFocus()
        self.dialog.field.selectAll()
        return self.dialog

    def _open_page(self, key: str) -> QWidget | None:
        """Switch the main window to a page (by its key in `PAGES`) and return it."""
        from buurtteam.ui.main_window import PAGE_KEYS

        if key not in PAGE_KEYS:
            return None
        row = PAGE_KEYS.index(key)
        self._main.page_actions[row].trigger()  # type: ignore[attr-defined]
        page: QWidget = self._main.page(row)  # type: ignore[attr-defined]
        return page

    def show_hit(self, hit: Hit) -> None:
        """Open the record a hit leads to."""
        try:
            if hit.kind.of_a_meeting and hit.meeting_id is not None:
                self._open_minutes(hit.meeting_id, hit.item_id)
            elif hit.point_id is not None:
                page = self._open_page("contract")
                select = getattr(page, "refresh", None)
                if select is not None:
                    select(select_point=hit.point_id)
            elif hit.proposal_id is not None:
                page = self._open_page("budget")
                select = getattr(page, "select_proposal", None)
                if select is not None:
                    select(hit.proposal_id)
            elif hit.issue_id is not None:
                page = self._open_page("issues")
                select = getattr(page, "refresh", None)
                if select is not None:
                    select(select_issue=hit.issue_id)
        except BuurtteamError as error:
            dialogs.show_error(self._main, error)
