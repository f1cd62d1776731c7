"""Buurtcontract: the contract's header and signatures, its points, their history, and every
party's record of keeping its word.

The points table filters by party, status, theme, "overdue" and free text, and sorts by
any column; a status is always shown in words with a shape beside it. Choosing a point
shows its history as a timeline; changes go through dialogs that append to that history.
The Partijen tab shows a scorecard per party, one click from its list of points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from buurtteam.domain.text import fold
from buurtteam.domain.vocab import PointStatus
from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _, ngettext
from buurtteam.i18n.format import datum_long
from buurtteam.i18n.labels import issue_status_label, point_status_label
from buurtteam.ops.contract import (
    ContractInput,
    ContractView,
    HistoryLine,
    PointDetail,
    PointInput,
    PointLine,
    Scorecard,
    add_point,
    add_signature,
    contract_view,
    edit_contract,
    edit_point,
    import_sheet,
    meeting_choices,
    move_due,
    new_contract,
    point_detail,
    preview_import,
    print_contract_report,
    print_progress_forms,
)
from buurtteam.ops.editing import Started
from buurtteam.store.db import Database
from buurtteam.ui import conflict, dialogs
from buurtteam.ui.dialogs_contract import (
    ContractDialog,
    ContractForm,
    DueChange,
    DueDialog,
    ImportPreviewDialog,
    PointDialog,
    PointForm,
    SignatureDialog,
    SignatureForm,
    ask_point_status,
    plain,
    status_icon,
)
from buurtteam.ui.pages import SUBHEADING_SCALE, Page, heading, plain_label
from buurtteam.ui.section import SectionBox
from buurtteam.ui.table import ROW_ROLE, AnyIndex, Column, RowTableModel, TableSection

NOTHING = "—"
OVERDUE_MARK = "⚠"

COL_MARK, COL_NUMBER, COL_TITLE, COL_THEME, COL_PARTY, COL_DUE, COL_STATUS = range(7)
_STATUS_ORDER = {status: index for index, status in enumerate(PointStatus)}


def _date_or_nothing(day: dt.date | None) -> str:
    return datum_long(day) if day else NOTHING


def overdue_words() -> str:
    return _("{mark} overdue").format(mark=OVERDUE_MARK)


def _columns() -> list[Column[PointLine]]:
    return [
        # Overdue said in words in a column of its own: the deadline cell stays a date.
        Column(_("Attention"), lambda p: overdue_words() if p.overdue else ""),
        Column(_("No."), lambda p: str(p.number), right_aligned=True),
        Column(_("Contract point"), lambda p: p.title, stretch=True),
        Column(_("Theme"), lambda p: p.theme or NOTHING),
        Column(_("Responsible party"), lambda p: p.party),
        Column(_("Deadline"), lambda p: _date_or_nothing(p.due)),
        Column(_("Status"), lambda p: point_status_label(p.status)),
    ]


_SORT_KEYS: dict[int, Callable[[PointLine], Any]] = {
    COL_MARK: lambda p: (not p.overdue, p.number),
    COL_NUMBER: lambda p: p.number,
    COL_TITLE: lambda p: (fold(p.title), p.number),
    COL_THEME: lambda p: (p.theme is None, fold(p.theme or ""), p.number),
    COL_PARTY: lambda p: (fold(p.party), p.number),
    COL_DUE: lambda p: (p.due is None, p.due or dt.date.min, p.number),
    COL_STATUS: lambda p: (_STATUS_ORDER[p.status], p.number),
}


class PointFilter(QSortFilterProxyModel):
    """Filters the points (party, status, theme, overdue, free text) and sorts by any column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.party_id: int | None = None
        self.status: PointStatus | None = None
        self.theme: str | None = None
        self.overdue_only = False
        self.text = ""

    def set_filter(self, **values: Any) -> None:
        # Qt 6.10 replaced invalidateFilter() (now deprecated) by begin/endFilterChange().
        begin = getattr(self, "beginFilterChange", None)
        if begin is not None:
            begin()
        for key, value in values.items():
            setattr(self, key, value)
        if begin is not None:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def _row(self, source_row: int) -> PointLine:
        return self.sourceModel().row(source_row)  # type: ignore[attr-defined]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        point = self._row(source_row)
        if self.party_id is not None and point.party_id != self.party_id:
            return False
        if self.status is not None and point.status is not self.status:
            return False
        if self.theme is not None and point.theme != self.theme:
            return False
        if self.overdue_only and not point.overdue:
            return False
        if self.text:
            haystack = fold(
                " ".join(
                    (
                        str(point.number),
                        point.title,
                        point.description or "",
                        point.theme or "",
                        point.party,
                        point.latest_note or "",
                    )
                )
            )
            return all(word in haystack for word in fold(self.text).split())
        return True

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        key = _SORT_KEYS[left.column()]
        return bool(key(self._row(left.row())) < key(self._row(right.row())))


class PointTableModel(RowTableModel[PointLine]):
    """The points, with the status's shape beside its words.

    The icon lives here, not in the filter: PySide6 6.12 crashes ("none_dealloc") when a
    QSortFilterProxyModel subclass overrides data() and calls super().data() for an empty
    value, so the proxy stays without a data() of its own.
    """

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DecorationRole
            and index.isValid()
            and index.column() == COL_STATUS
            and index.row() < self.rowCount()
        ):
            return status_icon(self.row(index.row()).status)
        return super().data(index, role)


# -- the point detail ---------------------------------------------------------------------


def history_text(entry: HistoryLine) -> str:
    """One history entry for the timeline: date and status, the slip, the meeting, the note."""
    lines = [f"{datum_long(entry.date)} — {point_status_label(entry.status)}"]
    if entry.due is not None:
        lines.append(_("Deadline moved to {due}").format(due=datum_long(entry.due)))
    if entry.meeting_on is not None:
        lines.append(_("At the meeting of {date}").format(date=datum_long(entry.meeting_on)))
    if entry.note:
        lines.append(entry.note)
    return "\n".join(lines)


class PointPanel(QWidget):
    """One point: what was agreed, with whom, by when, and its history as a timeline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label(scale=SUBHEADING_SCALE, bold=True)
        self.title.setAccessibleName(_("Chosen point"))
        self.party = plain_label()
        self.theme = plain_label()
        self.due = plain_label()
        self.status_icon = QLabel()
        self.status = plain_label()
        self.origin = plain_label()
        self.carried_to = plain_label()
        self.issues = plain_label()
        self.description = plain_label()
        self.description.setAccessibleName(_("Description"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_icon)
        status_row.addWidget(self.status, 1)
        form = QFormLayout()
        form.addRow(_("Responsible party:"), self.party)
        form.addRow(_("Theme:"), self.theme)
        form.addRow(_("Deadline:"), self.due)
        form.addRow(_("Status:"), status_row)
        form.addRow(_("Carried over from:"), self.origin)
        form.addRow(_("Carried into:"), self.carried_to)
        form.addRow(_("Issues:"), self.issues)
        self._form = form
        self.timeline = QListWidget()
        self.timeline.setAccessibleName(_("History"))
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSpacing(2)
        history = SectionBox(_("History"))
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.timeline)
        self.status_button = QPushButton(_("Change &status..."))
        self.due_button = QPushButton(_("Move &deadline..."))
        self.edit_button = QPushButton(_("&Edit point..."))
        buttons = QHBoxLayout()
        for button in (self.status_button, self.due_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.empty = plain_label(
            _("Choose a point in the list to see what was agreed and its history.")
        )
        # Facts and buttons on the left, the timeline beside them: the panel sits under the
        # table, which keeps the whole width for its columns.
        facts = QVBoxLayout()
        facts.setContentsMargins(0, 0, 0, 0)
        facts.addWidget(self.title)
        facts.addLayout(form)
        facts.addWidget(self.description)
        facts.addLayout(buttons)
        facts.addStretch(1)
        self.details = QWidget()
        details = QHBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(facts, 1)
        details.addWidget(history, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.details, 1)
        self.show_point(None)

    def show_point(self, point: PointDetail | None) -> None:
        self.details.setVisible(point is not None)
        self.empty.setVisible(point is None)
        if point is None:
            return
        self.title.setText(
            _("Point {number}: {title}").format(number=point.number, title=point.title)
        )
        self.party.setText(point.party.name)
        self.theme.setText(point.theme or NOTHING)
        due = _date_or_nothing(point.due)
        self.due.setText(f"{due}, {overdue_words()}" if point.overdue else due)
        self.status_icon.setPixmap(status_icon(point.status).pixmap(16, 16))
        status = point_status_label(point.status)
        if point.status is PointStatus.DONE:
            status += ", " + (_("on time") if point.done_on_time else _("not on time"))
        self.status.setText(status)
        self.origin.setText(
            _("{contract}, point {number}").format(
                contract=point.carried_from.contract_title, number=point.carried_from.number
            )
            if point.carried_from
            else NOTHING
        )
        self.carried_to.setText(
            "; ".join(
                _("{contract}, point {number}").format(
                    contract=ref.contract_title, number=ref.number
                )
                for ref in point.carried_to
            )
            or NOTHING
        )
        self.issues.setText(
            "; ".join(f"{i.title} ({issue_status_label(i.status)})" for i in point.issues)
            or NOTHING
        )
        self.description.setText(point.description or "")
        self.description.setVisible(bool(point.description))
        self.timeline.clear()
        for entry in point.history:
            item = QListWidgetItem(status_icon(entry.status), history_text(entry))
            self.timeline.addItem(item)
        if not point.history:
            self.timeline.addItem(_("No changes recorded yet."))
        self.timeline.scrollToBottom()
        finished = point.status.is_finished
        self.due_button.setEnabled(not finished)


# -- scorecards ---------------------------------------------------------------------------


class ScorecardBox(SectionBox):
    """One party's record: the figures and its overdue points, one click from its list."""

    def __init__(self, card: Scorecard, parent: QWidget | None = None) -> None:
        super().__init__(card.party.name, parent)
        self.card = card
        figures = card.figures
        form = QFormLayout()
        rows = (
            (_("Points:"), str(figures.owned)),
            (
                _("Done:"),
                _("{done}, of which {on_time} on time").format(
                    done=figures.done, on_time=figures.done_on_time
                ),
            ),
            (_("Overdue:"), str(figures.overdue)),
            (_("Not kept:"), str(figures.not_kept)),
            (_("Dropped:"), str(figures.dropped)),
            (
                _("Deadline moved:"),
                ngettext("{count} time", "{count} times", figures.slips).format(
                    count=figures.slips
                ),
            ),
        )
        self.values: dict[str, QLabel] = {}
        for label, value in rows:
            value_label = plain(value)
            value_label.setAccessibleName(f"{card.party.name}: {label.rstrip(':')}")
            form.addRow(label, value_label)
            self.values[label] = value_label
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if card.overdue_points:
            past = _("{mark} Past the deadline:").format(mark=OVERDUE_MARK)
            layout.addWidget(plain(past, bold=True))
            for point in card.overdue_points:
                layout.addWidget(
                    plain(
                        _("{number}. {title} (deadline {due})").format(
                            number=point.number, title=point.title, due=_date_or_nothing(point.due)
                        )
                    )
                )
        self.show_button = QPushButton(_("Show the points of this party"))
        self.show_button.setAccessibleName(
            _("Show the points of {party}").format(party=card.party.name)
        )
        layout.addWidget(self.show_button)
        layout.addStretch(1)


class ScorecardsTab(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(_("Parties"))
        self.boxes: list[ScorecardBox] = []
        self._holder = QWidget()
        self._grid = QGridLayout(self._holder)
        self.setWidget(self._holder)
        self.empty = plain(_("No party owns a point of this contract yet."))

    def show_cards(self, cards: tuple[Scorecard, ...], show: Callable[[int], None]) -> None:
        for box in self.boxes:
            box.deleteLater()
        self.boxes = []
        while self._grid.count():
            self._grid.takeAt(0)
        if not cards:
            self._grid.addWidget(self.empty, 0, 0)
        columns = 3
        for index, card in enumerate(cards):
            box = ScorecardBox(card)
            box.show_button.clicked.connect(lambda _checked=False, p=card.party.id: show(p))
            self._grid.addWidget(box, index // columns, index % columns)
            self.boxes.append(box)
        self._grid.setRowStretch(len(cards) // columns + 1, 1)


# -- the page -----------------------------------------------------------------------------


def _filter_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    # Long party names must not push the other filters off a laptop screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


class ContractPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._hood: int | None = None
        self._today = dt.date.today()
        self._contract_id: int | None = None
        self._view: ContractView | None = None
        self._point: PointDetail | None = None
        # The dialog open right now, for the window and the tests to reach.
        self.dialog: QWidget | None = None

        self.title = heading(_("Neighbourhood contract"))
        self.contract_picker = QComboBox()
        self.contract_picker.setAccessibleName(_("Contract"))
        picker_label = QLabel(_("&Contract:"))
        picker_label.setBuddy(self.contract_picker)
        self.new_contract_button = QPushButton(_("&New contract..."))
        self.print_button = QPushButton(_("&Print report..."))
        self.forms_button = QPushButton(_("Print &forms..."))
        self.forms_button.setToolTip(_("Paper progress forms, one per party, to fill in by hand"))
        self.large_print = QCheckBox(_("Large print"))
        top = QHBoxLayout()
        top.addWidget(picker_label)
        top.addWidget(self.contract_picker, 1)
        top.addWidget(self.new_contract_button)
        top.addSpacing(12)
        top.addWidget(self.print_button)
        top.addWidget(self.forms_button)
        top.addWidget(self.large_print)
        # One line under the picker: the term and who signed; the details are a tab.
        self.summary = plain_label()
        self.summary.setAccessibleName(_("Term and signatures"))
        self.no_contract = plain_label(
            _(
                "No neighbourhood contract has been recorded yet. Make one with “New "
                "contract...”, then add its points or import them from a spreadsheet."
            )
        )

        # Filters
        self.party_filter = _filter_combo(_("Filter by party"))
        self.status_filter = _filter_combo(_("Filter by status"))
        self.theme_filter = _filter_combo(_("Filter by theme"))
        self.overdue_filter = QCheckBox(_("Only &overdue"))
        self.search = QLineEdit()
        self.search.setAccessibleName(_("Search the points"))
        self.search.setPlaceholderText(_("Search..."))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.shown = plain_label()
        filters = QHBoxLayout()
        for text, widget in (
            (_("P&arty:"), self.party_filter),
            (_("S&tatus:"), self.status_filter),
            (_("T&heme:"), self.theme_filter),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1)
        filters.addWidget(self.overdue_filter)
        filters.addWidget(self.search, 2)

        self.section: TableSection[PointLine] = TableSection(
            _columns(),
            name=_("Contract points"),
            empty_text=_("This contract has no points yet. Add one, or import a spreadsheet."),
            emphasis=self._emphasis,
        )
        # Our model in place of the section's plain one, for the status icons.
        plain_model = self.section.model
        self.section.model = PointTableModel(
            _columns(), emphasis=self._emphasis, parent=self.section
        )
        self.section.model.modelReset.connect(self.section.view.fit_columns)
        self.proxy = PointFilter(self)
        self.proxy.setSourceModel(self.section.model)
        self.section.view.setModel(self.proxy)
        plain_model.setParent(None)  # gone with its last reference
        del plain_model
        self.section.view.setSortingEnabled(True)
        # The op's order (by number) until a header is clicked; no arrow until then.
        self.section.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.section.view.setMinimumHeight(160)
        self.new_point_button = QPushButton(_("New &point..."))
        self.import_button = QPushButton(_("&Import from spreadsheet..."))
        points_side = QWidget()
        points_layout = QVBoxLayout(points_side)
        points_layout.setContentsMargins(0, 0, 0, 0)
        points_layout.addLayout(filters)
        points_layout.addWidget(self.section, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.shown, 1)
        bottom.addWidget(self.new_point_button)
        bottom.addWidget(self.import_button)
        points_layout.addLayout(bottom)
        self.panel = PointPanel()
        panel_scroll = QScrollArea()
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_scroll.setWidget(self.panel)
        panel_scroll.setMinimumHeight(120)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(points_side)
        self.splitter.addWidget(panel_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self._sized = False

        # The contract itself: title, term, every signature, and its buttons.
        self.header = QWidget()
        self.header.setAccessibleName(_("Contract"))
        self.contract_title = plain_label(bold=True)
        self.period = plain_label()
        self.period.setAccessibleName(_("Term"))
        self.signatures = plain_label()
        self.signatures.setAccessibleName(_("Signatures"))
        self.edit_contract_button = QPushButton(_("Edit contract..."))
        self.sign_button = QPushButton(_("Add a signature..."))
        header_buttons = QHBoxLayout()
        header_buttons.addWidget(self.edit_contract_button)
        header_buttons.addWidget(self.sign_button)
        header_buttons.addStretch(1)
        header_form = QFormLayout()
        header_form.addRow(_("Title:"), self.contract_title)
        header_form.addRow(_("Term:"), self.period)
        header_form.addRow(_("Signed:"), self.signatures)
        header_layout = QVBoxLayout(self.header)
        header_layout.addLayout(header_form)
        header_layout.addLayout(header_buttons)
        header_layout.addStretch(1)

        self.scorecards = ScorecardsTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.splitter, _("Points"))
        self.tabs.addTab(self.scorecards, _("Parties"))
        self.tabs.addTab(self.header, _("Contract and signatures"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.no_contract)
        layout.addWidget(self.tabs, 1)

        self.contract_picker.currentIndexChanged.connect(self._on_contract_picker_changed)
        self.party_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.status_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.theme_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.overdue_filter.toggled.connect(self._on_filters_changed)
        self.search.textChanged.connect(self._on_filters_changed)
        self.section.view.selectionModel().currentRowChanged.connect(self._on_point_changed)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.new_point_button.clicked.connect(self._on_new_point_clicked)
        self.panel.status_button.clicked.connect(self._on_status_clicked)
        self.panel.due_button.clicked.connect(self._on_due_clicked)
        self.panel.edit_button.clicked.connect(self._on_edit_point_clicked)
        self.new_contract_button.clicked.connect(self._on_new_contract_clicked)
        self.edit_contract_button.clicked.connect(self._on_edit_contract_clicked)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.forms_button.clicked.connect(self._on_forms_clicked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            # Most of the height for the table, the rest for the chosen point's history.
            total = max(self.splitter.height(), 300)
            self.splitter.setSizes([total * 7 // 10, total - total * 7 // 10])
            self._sized = True

    @staticmethod
    def _emphasis(point: PointLine) -> bool:
        return point.overdue or point.status is PointStatus.NOT_KEPT

    # Loading

    def load(self, db: Database, neighbourhood_id: int, today: dt.date) -> None:
        if neighbourhood_id != self._hood:
            self._contract_id = None
        self._db, self._hood, self._today = db, neighbourhood_id, today
        self.refresh()

    def refresh(self, select_point: int | None = None) -> None:
        """Read the chosen contract again; keep the chosen point (or choose `select_point`)."""
        if self._db is None or self._hood is None:
            return
        keep = (
            select_point if select_point is not None else (self._point.id if self._point else None)
        )
        view = contract_view(self._db, self._hood, self._today, self._contract_id)
        self._view = view
        self._contract_id = view.contract.id if view.contract else None
        self._show_contracts(view)
        self._show_header(view)
        self._fill_filters(view)
        self.section.set_rows(view.points)
        self.scorecards.show_cards(view.scorecards, self.show_party)
        self._select(keep)
        self._update_count()

    def _show_contracts(self, view: ContractView) -> None:
        with QSignalBlocker(self.contract_picker):
            self.contract_picker.clear()
            for contract in view.contracts:
                period = f"{contract.starts_on.year}–{contract.ends_on.year}"
                self.contract_picker.addItem(f"{contract.title} ({period})", contract.id)
            if self._contract_id is not None:
                self.contract_picker.setCurrentIndex(
                    self.contract_picker.findData(self._contract_id)
                )
        self.contract_picker.setEnabled(len(view.contracts) > 1)

    def _show_header(self, view: ContractView) -> None:
        has = view.contract is not None
        self.summary.setVisible(has)
        self.tabs.setVisible(has)
        self.no_contract.setVisible(not has)
        for button in (self.print_button, self.forms_button, self.large_print):
            button.setEnabled(has)
        if view.contract is None:
            return
        contract = view.contract
        self.contract_title.setText(contract.title)
        period = _("{starts} up to and including {ends}").format(
            starts=datum_long(contract.starts_on), ends=datum_long(contract.ends_on)
        )
        if contract.in_force:
            period += " " + _("(in force)")
        self.period.setText(period)
        self.signatures.setText(
            "\n".join(
                _("{party} ({signer}, {date})").format(
                    party=s.party, signer=s.signed_by, date=datum_long(s.signed_on)
                )
                for s in contract.signatures
            )
            or _("not signed yet")
        )
        signed = ", ".join(s.party for s in contract.signatures)
        self.summary.setText(
            _("{period} · signed by {parties}").format(period=period, parties=signed)
            if signed
            else _("{period} · not signed yet").format(period=period)
        )

    def _fill_filters(self, view: ContractView) -> None:
        owning = {p.party_id for p in view.points}
        choices: list[tuple[QComboBox, list[tuple[str, Any]]]] = [
            (self.party_filter, [(p.name, p.id) for p in view.parties if p.id in owning]),
            (self.status_filter, [(point_status_label(s), s.value) for s in PointStatus]),
            (self.theme_filter, [(t, t) for t in view.themes]),
        ]
        everything = (_("All parties"), _("All statuses"), _("All themes"))
        for (combo, items), all_text in zip(choices, everything, strict=True):
            current = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(all_text, None)
                for text, data in items:
                    if combo is self.status_filter:
                        combo.addItem(status_icon(PointStatus(data)), text, data)
                    else:
                        combo.addItem(text, data)
                combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        self._apply_filters()

    def _apply_filters(self) -> None:
        status = self.status_filter.currentData()
        self.proxy.set_filter(
            party_id=self.party_filter.currentData(),
            status=PointStatus(status) if status else None,
            theme=self.theme_filter.currentData(),
            overdue_only=self.overdue_filter.isChecked(),
            text=self.search.text(),
        )

    def _update_count(self) -> None:
        total = self.section.model.rowCount()
        shown = self.proxy.rowCount()
        self.shown.setText(
            _("{shown} of {total} points shown").format(shown=shown, total=total)
            if shown != total
            else ngettext("{total} point", "{total} points", total).format(total=total)
        )

    def _select(self, point_id: int | None) -> None:
        view = self.section.view
        if point_id is not None:
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, COL_TITLE)
                if index.data(ROW_ROLE).id == point_id:
                    view.setCurrentIndex(index)
                    view.scrollTo(index)
                    self._show_point(point_id)
                    return
        view.clearSelection()
        self._show_point(None)

    def _show_point(self, point_id: int | None) -> None:
        if point_id is None or self._db is None:
            self._point = None
            self.panel.show_point(None)
            return
        try:
            self._point = point_detail(self._db, point_id, self._today)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            self._point = None
        self.panel.show_point(self._point)

    def show_party(self, party_id: int) -> None:
        """The points tab, filtered to one party (from its scorecard)."""
        self.tabs.setCurrentIndex(0)
        self.party_filter.setCurrentIndex(max(self.party_filter.findData(party_id), 0))
        self.section.view.setFocus()

    def current_points(self) -> list[PointLine]:
        """The points as the table shows them now (filtered and sorted)."""
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._on_dialog_destroyed)
        dialog.open()  # type: ignore[attr-defined]

    # Slots

    def _on_dialog_destroyed(self) -> None:
        self.dialog = None

    def _on_contract_picker_changed(self, index: int) -> None:
        if index < 0:
            return
        self._contract_id = int(self.contract_picker.itemData(index))
        self._point = None
        self._reload()

    def _reload(self, select_point: int | None = None) -> None:
        try:
            self.refresh(select_point)
        except BuurtteamError as error:
            dialogs.show_error(self, error)

    def _on_filters_changed(self) -> None:
        self._apply_filters()
        keep = self._point.id if self._point else None
        self._select(keep)

    def _on_point_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        point = current.data(ROW_ROLE) if current.isValid() else None
        if point is None:
            return
        if self._point is None or self._point.id != point.id:
            self._show_point(point.id)

    def _on_new_point_clicked(self) -> None:
        if self._db is None or self._view is None or self._view.contract is None:
            return
        db, contract_id = self._db, self._view.contract.id
        numbers = [p.number for p in self._view.points]

        def submit(form: PointForm) -> None:
            point_id = add_point(db, contract_id, form.data, form.number)
            self._reload(point_id)

        self._open(
            PointDialog(
                self,
                parties=self._view.parties,
                themes=self._view.themes,
                today=self._today,
                number=max(numbers, default=0) + 1,
                submit=submit,
            )
        )

    def _on_status_clicked(self) -> None:
        if self._db is None or self._point is None:
            return
        point_id = self._point.id
        dialog = ask_point_status(
            self, self._db, point_id, self._today, done=lambda: self._reload(point_id)
        )
        if dialog is not None:
            self.dialog = dialog
            dialog.destroyed.connect(self._on_dialog_destroyed)

    def _on_due_clicked(self) -> None:
        if self._db is None or self._point is None or self._hood is None:
            return
        db, point, today = self._db, self._point, self._today
        try:
            meetings = meeting_choices(db, self._hood)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return

        def save(change: DueChange, started: Started | None) -> None:
            move_due(
                db, point.id, change.due, change.on, today, change.note, change.meeting_id, started
            )

        def submit(change: DueChange) -> None:
            conflict.save_checked(self.dialog, save, change, point.started(), today)
            self._reload(point.id)

        self._open(
            DueDialog(
                self,
                point=_("Point {number}: {title}").format(number=point.number, title=point.title),
                due=point.due,
                meetings=meetings,
                today=today,
                submit=submit,
            )
        )

    def _on_edit_point_clicked(self) -> None:
        if self._db is None or self._point is None or self._view is None:
            return
        db, point, today = self._db, self._point, self._today

        def submit(form: PointForm) -> None:
            def save(data: PointInput, started: Started | None) -> None:
                edit_point(db, point.id, data, today, form.reason, started=started)

            conflict.save_checked(self.dialog, save, form.data, point.started(), today)
            self._reload(point.id)

        self._open(
            PointDialog(
                self,
                parties=self._view.parties,
                themes=self._view.themes,
                today=today,
                number=point.number,
                existing=PointInput(
                    point.title, point.party.id, point.description, point.theme, point.due
                ),
                submit=submit,
            )
        )

    def _on_new_contract_clicked(self) -> None:
        if self._db is None or self._hood is None or self._view is None:
            return
        db, hood, today = self._db, self._hood, self._today

        def submit(form: ContractForm) -> None:
            self._contract_id = new_contract(db, hood, form.data, today, form.carry_from)
            self._point = None
            self._reload()

        self._open(ContractDialog(self, today=today, contracts=self._view.contracts, submit=submit))

    def _on_edit_contract_clicked(self) -> None:
        if self._db is None or self._view is None or self._view.contract is None:
            return
        db, contract = self._db, self._view.contract

        existing = ContractInput(contract.title, contract.starts_on, contract.ends_on)
        started = Started.of(contract.version, existing)

        def save(data: ContractInput, since: Started | None) -> None:
            edit_contract(db, contract.id, data, since)

        def submit(form: ContractForm) -> None:
            conflict.save_checked(self.dialog, save, form.data, started, self._today)
            self._reload()

        self._open(ContractDialog(self, today=self._today, existing=existing, submit=submit))

    def _on_sign_clicked(self) -> None:
        if self._db is None or self._view is None or self._view.contract is None:
            return
        db, contract_id = self._db, self._view.contract.id

        def submit(form: SignatureForm) -> None:
            add_signature(db, contract_id, form.party_id, form.signed_on, form.signed_by)
            self._reload()

        self._open(
            SignatureDialog(self, parties=self._view.parties, today=self._today, submit=submit)
        )

    def _on_import_clicked(self) -> None:
        if self._db is None or self._view is None or self._view.contract is None:
            return
        path = dialogs.ask_open_file(
            self,
            _("Import contract points from a spreadsheet"),
            _("Spreadsheets (*.xlsx *.csv);;All files (*)"),
        )
        if path is None:
            return
        db, contract_id, today = self._db, self._view.contract.id, self._today
        try:
            preview = preview_import(db, contract_id, path)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        dialog = ImportPreviewDialog(self, preview)

        def accepted() -> None:
            try:
                result = import_sheet(db, contract_id, path, today)
            except BuurtteamError as error:
                dialogs.show_error(self, error)
                return
            self._reload()
            dialogs.show_information(
                self,
                _("{added} new points, {updated} changed, {unchanged} unchanged.").format(
                    added=result.added, updated=result.updated, unchanged=result.unchanged
                ),
            )

        dialog.accepted.connect(accepted)
        self._open(dialog)

    def _print_target(self, stem: str) -> Path | None:
        if self._view is None or self._view.contract is None:
            return None
        suggested = (
            Path.home() / f"{stem}-{self._view.contract.public_id}-{self._today.isoformat()}.pdf"
        )
        return dialogs.ask_save_file(self, _("Save as PDF"), suggested, _("PDF files (*.pdf)"))

    def _on_print_clicked(self) -> None:
        target = self._print_target(_("contract-report"))
        if target is None or self._db is None or self._hood is None:
            return
        try:
            written = print_contract_report(
                self._db,
                self._hood,
                target,
                self._today,
                self._contract_id,
                large=self.large_print.isChecked(),
            )
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        dialogs.show_information(
            self, _("The report is saved in {file}.").format(file=str(written))
        )

    def _on_forms_clicked(self) -> None:
        target = self._print_target(_("progress-forms"))
        if target is None or self._db is None or self._hood is None:
            return
        party = self.party_filter.currentData()
        try:
            written = print_progress_forms(
                self._db,
                self._hood,
                target,
                self._today,
                self._contract_id,
                None if party is None else [party],
                large=self.large_print.isChecked(),
            )
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        dialogs.show_information(
            self, _("The progress forms are saved in {file}.").format(file=str(written))
        )
