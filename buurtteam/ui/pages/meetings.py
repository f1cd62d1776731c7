"""Vergaderingen: the meetings, their agenda requests and the agenda editor.

Top: every meeting (the latest first), with the buttons to plan a series, mark breaks,
move or cancel one meeting and hand the dates out as a calendar file. Below, for the
chosen meeting, two tabs: the agenda and the requests.

The agenda tab composes the agenda in one click and lets the team change it: reorder by
drag and drop or with Alt+Up / Alt+Down, edit an item (title, purpose, time box),
link it to contract points, proposals and issues, add and remove items. Each item shows
its planned start; the total is set against the meeting's length and an agenda that runs
over says so in words. The balance says whose agenda it is, for this meeting and over the
contract period. The agenda prints in regular or large letters.

Every change goes through an op in `buurtteam.ops.agenda` or `buurtteam.ops.meetings`;
the page reads again afterwards. Dialogs keep what was typed when an op refuses, show the
Dutch reason and stay open; they open window-modal with `open()`, so a test fills them in
like a person would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from buurtteam import i18n
from buurtteam.domain.schedule import SeriesPlan
from buurtteam.domain.text import fold
from buurtteam.domain.vocab import (
    SECTION_ORDER,
    MeetingStatus,
    Purpose,
    RequestState,
    Section,
    Source,
)
from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _
from buurtteam.i18n.balance import balance_text, ngettext
from buurtteam.i18n.format import datum, datum_long, number, tijd
from buurtteam.i18n.labels import (
    meeting_status_label,
    purpose_label,
    request_state_label,
    section_label,
    source_label,
)
from buurtteam.ops import agenda as agenda_ops
from buurtteam.ops import meetings as meeting_ops
from buurtteam.ops.agenda import (
    AgendaEntry,
    AgendaView,
    ItemDraft,
    LinkChoices,
    PeriodBalance,
    RequestDraft,
    RequestRow,
)
from buurtteam.ops.browse import people_and_parties
from buurtteam.ops.calendar import export_meeting, export_series
from buurtteam.ops.editing import Started
from buurtteam.ops.meetings import MeetingRow
from buurtteam.reports.agenda_report import duration_words
from buurtteam.store.db import Database
from buurtteam.ui import conflict, dialogs
from buurtteam.ui.pages import Page, heading, plain_label
from buurtteam.ui.table import ROW_ROLE, Column, TableSection

NOTHING = "—"
WARNING_COLOUR = "#8b1a1a"  # dark red; the words say it too
ITEM_MIME = "application/x-buurtteam-agenda-item"
DEFAULT_SERIES = 8  # about a year of six-weekly meetings
DEFAULT_START = time(19, 30)
DEFAULT_END = time(21, 30)
MIN_DIALOG_WIDTH = 520  # room for a long date in words and a title on one line

AnyIndex = QModelIndex | QPersistentModelIndex


# -- small building blocks ----------------------------------------------------------------


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _time_of(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setAccessibleName(name)
    return edit


def _time_edit(moment: time, name: str) -> QTimeEdit:
    edit = QTimeEdit(QTime(moment.hour, moment.minute))
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    return edit


def _line_edit(name: str, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def _text_edit(name: str, text: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
    return edit


def _button(text: str, slot: Callable[[], None], name: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name or text.replace("&", "").rstrip("."))
    button.clicked.connect(slot)
    return button


def _warning_label() -> QLabel:
    label = plain_label(bold=True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, WARNING_COLOUR)
    label.setPalette(palette)
    return label


def weekday_names() -> list[str]:
    """Monday to Sunday in the chosen language (`maandag` ... `zondag`)."""
    from PySide6.QtCore import QLocale

    locale = QLocale(
        QLocale.Language.Dutch if i18n.language() == "nl" else QLocale.Language.English
    )
    return [locale.dayName(day, QLocale.FormatType.LongFormat) for day in range(1, 8)]


def meeting_status_text(row: MeetingRow) -> str:
    """The status in words: planned, held, ..., and cancelled or moved."""
    if row.cancelled:
        return _("cancelled")
    if row.moved and row.status is MeetingStatus.PLANNED:
        return _("planned (moved)")
    return meeting_status_label(row.status)


def who_brought_it(source: Source, name: str | None) -> str:
    label = source_label(source)
    return f"{label} ({name})" if name else label


def period_text(period: PeriodBalance | None) -> str:
    if period is None:
        return _("No neighbourhood contract is in force, so there is no contract period.")
    span = _("{start} through {end}").format(
        start=datum_long(period.starts_on), end=datum_long(period.ends_on)
    )
    meetings = ngettext("{count} meeting", "{count} meetings", period.balance.meetings).format(
        count=period.balance.meetings
    )
    return _("Contract period {span} ({meetings}): {balance}").format(
        span=span, meetings=meetings, balance=balance_text(period.balance)
    )


# -- dialogs ------------------------------------------------------------------------------


class SubmitDialog(dialogs.SubmitDialog):
    MIN_WIDTH = MIN_DIALOG_WIDTH


class SeriesDialog(SubmitDialog):
    """Plan meetings ahead: first date, weekday, times, place, how many, every how many weeks."""

    def __init__(
        self,
        parent: QWidget | None,
        db: Database,
        neighbourhood_id: int,
        today: date,
        last: MeetingRow | None = None,
    ) -> None:
        """`last`: the latest meeting; the series continues its rhythm, time and place."""
        super().__init__(parent, _("Plan a series of meetings"))
        self._db, self._neighbourhood_id = db, neighbourhood_id
        self.planned: meeting_ops.SeriesResult | None = None
        weeks = meeting_ops.meeting_interval(db, neighbourhood_id)
        first, starts, ends, place = today, DEFAULT_START, DEFAULT_END, ""
        if last is not None:
            first = max(today, last.starts_at.date() + timedelta(weeks=weeks))
            starts = last.starts_at.time()
            ends = last.ends_at.time() if last.ends_at else DEFAULT_END
            place = last.location or ""
        self.first = _date_edit(first, _("First date"))
        self.weekday = QComboBox()
        self.weekday.setAccessibleName(_("Day of the week"))
        self.weekday.addItems(weekday_names())
        self.weekday.setCurrentIndex(first.weekday())
        self.starts = _time_edit(starts, _("Start time"))
        self.ends = _time_edit(ends, _("End time"))
        self.location = _line_edit(_("Place"), place)
        self.count = QSpinBox()
        self.count.setRange(1, 60)
        self.count.setValue(DEFAULT_SERIES)
        self.count.setAccessibleName(_("Number of meetings"))
        self.interval = QSpinBox()
        self.interval.setRange(1, 26)
        self.interval.setValue(weeks)
        self.interval.setSuffix(" " + _("weeks"))
        self.interval.setAccessibleName(_("Every how many weeks"))
        self.preview = plain_label()
        self.preview.setAccessibleName(_("The dates that will be planned"))
        self.form.addRow(_("&First date:"), self.first)
        self.form.addRow(_("&Day of the week:"), self.weekday)
        self.form.addRow(_("&Starts at:"), self.starts)
        self.form.addRow(_("&Ends at:"), self.ends)
        self.form.addRow(_("&Place:"), self.location)
        self.form.addRow(_("&Number of meetings:"), self.count)
        self.form.addRow(_("E&very:"), self.interval)
        self.layout_.addWidget(
            plain_label(
                _(
                    "A date in a break (see Breaks) moves to the first same weekday after it; "
                    "days that already have a meeting are left alone."
                )
            )
        )
        self.layout_.addWidget(self.preview)
        for signal in (
            self.first.dateChanged,
            self.weekday.currentIndexChanged,
            self.count.valueChanged,
            self.interval.valueChanged,
            self.starts.timeChanged,
        ):
            signal.connect(self._on_plan_changed)
        self.finish_layout()
        self._on_plan_changed()

    def plan(self) -> SeriesPlan:
        return SeriesPlan(
            first=_date_of(self.first),
            weekday=self.weekday.currentIndex(),
            starts=_time_of(self.starts),
            ends=_time_of(self.ends),
            location=self.location.text(),
            count=self.count.value(),
            interval_weeks=self.interval.value(),
        )

    def _on_plan_changed(self) -> None:
        plan = self.plan()
        try:
            times = meeting_ops.preview_series(
                self._db,
                self._neighbourhood_id,
                SeriesPlan(
                    plan.first,
                    plan.weekday,
                    plan.starts,
                    None,
                    None,
                    plan.count,
                    plan.interval_weeks,
                ),
            )
        except BuurtteamError as error:
            self.preview.setText(error.text())
            return
        days = [datum_long(start.date()) for start, _end in times]
        self.preview.setText(_("Dates: {dates}").format(dates=", ".join(days)))

    def submit(self) -> None:
        self.planned = meeting_ops.plan_series(self._db, self._neighbourhood_id, self.plan())


class BreaksDialog(QDialog):
    """The periods without meetings: listed, added and removed in place."""

    def __init__(self, parent: QWidget | None, db: Database, neighbourhood_id: int, today: date):
        super().__init__(parent)
        self._db, self._neighbourhood_id = db, neighbourhood_id
        self.setWindowTitle(_("Breaks without meetings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Breaks"))
        self.starts = _date_edit(today, _("Break starts on"))
        self.ends = _date_edit(today, _("Break ends on"))
        self.label = _line_edit(_("Name of the break"))
        self.label.setPlaceholderText(_("for example Zomervakantie"))
        add = _button(_("&Add break"), self._on_add_clicked)
        self.remove_button = _button(_("&Remove chosen break"), self._on_remove_clicked)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("&From:"), self.starts)
        form.addRow(_("&Until:"), self.ends)
        form.addRow(_("&Name:"), self.label)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _("Meetings of a series planned later skip these periods; both days count.")
            )
        )
        layout.addWidget(self.list)
        layout.addWidget(self.remove_button)
        layout.addLayout(form)
        layout.addWidget(add)
        layout.addWidget(close)
        self._reload()
        self.setMinimumSize(self.sizeHint())

    def _reload(self) -> None:
        self.list.clear()
        for row in meeting_ops.list_breaks(self._db, self._neighbourhood_id):
            item = QListWidgetItem(
                _("{label}: {start} through {end}").format(
                    label=row.label, start=datum_long(row.starts_on), end=datum_long(row.ends_on)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        self.remove_button.setEnabled(self.list.count() > 0)

    def _on_add_clicked(self) -> None:
        try:
            meeting_ops.add_break(
                self._db,
                self._neighbourhood_id,
                _date_of(self.starts),
                _date_of(self.ends),
                self.label.text(),
            )
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        self.label.clear()
        self._reload()

    def _on_remove_clicked(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            meeting_ops.remove_break(self._db, int(item.data(Qt.ItemDataRole.UserRole)))
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        self._reload()


class MoveDialog(SubmitDialog):
    def __init__(
        self, parent: QWidget | None, db: Database, meeting: MeetingRow, today: date | None = None
    ) -> None:
        super().__init__(parent, _("Move the meeting"))
        self._db, self._meeting, self._today = db, meeting, today
        self.day = _date_edit(meeting.starts_at.date(), _("New date"))
        self.starts = _time_edit(meeting.starts_at.time(), _("New start time"))
        self.reason = _line_edit(_("Reason for moving"))
        self.form.addRow(
            plain_label(
                _("Now: {date} at {time}.").format(
                    date=datum(meeting.starts_at.date()), time=tijd(meeting.starts_at)
                )
            )
        )
        self.form.addRow(_("New &date:"), self.day)
        self.form.addRow(_("New &time:"), self.starts)
        self.form.addRow(_("&Reason:"), self.reason)
        self.finish_layout()

    def submit(self) -> None:
        moment = datetime.combine(_date_of(self.day), _time_of(self.starts))
        db, meeting_id, reason = self._db, self._meeting.id, self.reason.text()

        def save(values: dict[str, datetime], started: Started | None) -> None:
            meeting_ops.move_meeting(db, meeting_id, values["starts_at"], reason, started)

        conflict.save_checked(
            self, save, {"starts_at": moment}, self._meeting.started(), self._today
        )


class ReasonDialog(SubmitDialog):
    """One reason, then `act(reason)`: cancelling a meeting, declining a request."""

    def __init__(
        self, parent: QWidget | None, title: str, question: str, act: Callable[[str], object]
    ) -> None:
        super().__init__(parent, title)
        self._act = act
        self.outcome: object = None
        self.form.addRow(plain_label(question))
        self.reason = _text_edit(_("Reason"))
        self.form.addRow(_("&Reason:"), self.reason)
        self.finish_layout()

    def submit(self) -> None:
        self.outcome = self._act(self.reason.toPlainText())


class RequestDialog(SubmitDialog):
    """A new agenda request: title, description, from whom (source and person), the date."""

    def __init__(
        self,
        parent: QWidget | None,
        db: Database,
        meeting_id: int,
        neighbourhood_id: int,
        today: date,
    ) -> None:
        super().__init__(parent, _("New agenda request"))
        self._db, self._meeting_id = db, meeting_id
        self.title = _line_edit(_("Title"))
        self.description = _text_edit(_("Description"))
        self.source = QComboBox()
        self.source.setAccessibleName(_("Brought in by"))
        for source in Source:
            self.source.addItem(source_label(source), source.value)
        self.person = QComboBox()
        self.person.setAccessibleName(_("Person"))
        self.person.addItem(_("(not given)"), None)
        for person in people_and_parties(db, neighbourhood_id).people:
            self.person.addItem(person.name, person.id)
        self.submitted_on = _date_edit(today, _("Submitted on"))
        self.form.addRow(_("&Title:"), self.title)
        self.form.addRow(_("&Description:"), self.description)
        self.form.addRow(_("&From:"), self.source)
        self.form.addRow(_("&Person:"), self.person)
        self.form.addRow(_("&Submitted on:"), self.submitted_on)
        self.finish_layout()

    def draft(self) -> RequestDraft:
        return RequestDraft(
            title=self.title.text(),
            source=Source(self.source.currentData()),
            submitted_on=_date_of(self.submitted_on),
            description=self.description.toPlainText() or None,
            submitted_by_id=self.person.currentData(),
        )

    def submit(self) -> None:
        agenda_ops.record_request(self._db, self._meeting_id, self.draft())


class ItemDialog(SubmitDialog):
    """Title, description, purpose and time box of an item; with a section when adding."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        act: Callable[[Section, ItemDraft], object],
        entry: AgendaEntry | None = None,
    ) -> None:
        super().__init__(parent, title)
        self._act = act
        self.title = _line_edit(_("Title"), entry.title if entry else "")
        self.description = _text_edit(_("Description"), (entry.description or "") if entry else "")
        self.purpose = QComboBox()
        self.purpose.setAccessibleName(_("Purpose"))
        for purpose in Purpose:
            self.purpose.addItem(purpose_label(purpose), purpose.value)
        self.purpose.setCurrentIndex(list(Purpose).index(entry.purpose) if entry else 0)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 240)
        self.minutes.setSpecialValueText(_("no time box"))
        self.minutes.setSuffix(" " + _("min."))
        self.minutes.setValue((entry.minutes or 0) if entry else 10)
        self.minutes.setAccessibleName(_("Time box in minutes"))
        self.section = QComboBox()
        self.section.setAccessibleName(_("Part of the agenda"))
        for section in SECTION_ORDER:
            self.section.addItem(section_label(section), section.value)
        self.section.setCurrentIndex(SECTION_ORDER.index(Section.TOPICS))
        self.form.addRow(_("&Title:"), self.title)
        self.form.addRow(_("&Description:"), self.description)
        self.form.addRow(_("&Purpose:"), self.purpose)
        self.form.addRow(_("Time &box:"), self.minutes)
        if entry is None:
            self.form.addRow(_("P&art of the agenda:"), self.section)
        self.finish_layout()

    def draft(self) -> ItemDraft:
        return ItemDraft(
            title=self.title.text(),
            purpose=Purpose(self.purpose.currentData()),
            minutes=self.minutes.value() or None,
            description=self.description.toPlainText() or None,
        )

    def submit(self) -> None:
        self._act(Section(self.section.currentData()), self.draft())


class LinksDialog(SubmitDialog):
    """Tick the contract points, proposals and issues an item is about."""

    def __init__(
        self, parent: QWidget | None, db: Database, entry: AgendaEntry, choices: LinkChoices
    ) -> None:
        super().__init__(parent, _("Links of “{title}”").format(title=entry.title))
        self._db, self._entry = db, entry
        self.points = self._checklist(
            _("Contract points"),
            [
                (p.number, f"{p.number}. {p.title or NOTHING} ({p.party or NOTHING})")
                for p in choices.points
            ],
            {p.number for p in entry.points},
        )
        self.proposals = self._checklist(
            _("Budget proposals"),
            [(p.id, p.title) for p in choices.proposals],
            {p.id for p in entry.proposals},
        )
        self.issues = self._checklist(
            _("Issues"), [(i.id, i.title) for i in choices.issues], {i.id for i in entry.issues}
        )
        self.search = _line_edit(_("Find a contract point"))
        self.search.setPlaceholderText(_("number or words from the title"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.form.addRow(_("&Find:"), self.search)
        for text, widget, stretch in (
            (_("&Contract points:"), self.points, 3),
            (_("&Budget proposals:"), self.proposals, 1),
            (_("&Issues:"), self.issues, 1),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.layout_.addWidget(label)
            self.layout_.addWidget(widget, stretch)
        self.finish_layout()
        self.resize(max(self.width(), 720), 640)

    def _on_search_text_changed(self, text: str) -> None:
        wanted = fold(text.strip())
        for row in range(self.points.count()):
            item = self.points.item(row)
            item.setHidden(bool(wanted) and wanted not in fold(item.text()))

    @staticmethod
    def _checklist(name: str, rows: Sequence[tuple[int, str]], ticked: set[int]) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for key, text in rows:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in ticked else Qt.CheckState.Unchecked)
            widget.addItem(item)
        return widget

    @staticmethod
    def ticked(widget: QListWidget) -> list[int]:
        return [
            int(widget.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> None:
        agenda_ops.set_links(
            self._db,
            self._entry.id,
            self.ticked(self.points),
            self.ticked(self.proposals),
            self.ticked(self.issues),
        )


class RemoveRequestItemDialog(SubmitDialog):
    """An item that came from a request leaves the agenda; the request goes somewhere."""

    def __init__(self, parent: QWidget | None, db: Database, entry: AgendaEntry) -> None:
        super().__init__(parent, _("Take “{title}” off the agenda").format(title=entry.title))
        self._db, self._entry = db, entry
        self.form.addRow(
            plain_label(_("This item came from an agenda request; the request is kept."))
        )
        self.back = QRadioButton(_("Back to the requests waiting for a &place"))
        self.defer = QRadioButton(_("&Defer to the next planned meeting"))
        self.decline = QRadioButton(_("D&ecline, with a reason:"))
        self.back.setChecked(True)
        self.choice = QButtonGroup(self)
        for button in (self.back, self.defer, self.decline):
            self.choice.addButton(button)
            self.form.addRow(button)
        self.reason = _line_edit(_("Reason for declining"))
        self.form.addRow(_("&Reason:"), self.reason)
        self.finish_layout()

    def submit(self) -> None:
        outcome = (
            RequestState.DEFERRED
            if self.defer.isChecked()
            else RequestState.DECLINED
            if self.decline.isChecked()
            else RequestState.PENDING
        )
        agenda_ops.remove_item(self._db, self._entry.id, outcome, self.reason.text())


# -- the agenda table -------------------------------------------------------------------

COL_NUMBER, COL_START, COL_MINUTES, COL_TITLE, COL_SECTION, COL_PURPOSE, COL_SOURCE = range(7)


class AgendaModel(QAbstractTableModel):
    """The agenda's items, fed by the page. A drop asks the page to move an item; the op
    reorders and the page reads the agenda again, so the model never reorders itself."""

    move_requested = Signal(int, int)  # item id, index to move it to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[AgendaEntry] = []
        self._editable = False
        self._headers = (
            _("No."),
            _("Starts"),
            _("Min."),
            _("Agenda item"),
            _("Part"),
            _("Purpose"),
            _("Brought in by"),
        )

    def set_items(self, items: Sequence[AgendaEntry], editable: bool) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._editable = editable
        self.endResetModel()

    def entry(self, row: int) -> AgendaEntry:
        return self._items[row]

    def row_of(self, item_id: int) -> int | None:
        return next((r for r, item in enumerate(self._items) if item.id == item_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def _text(self, item: AgendaEntry, column: int) -> str:
        if column == COL_NUMBER:
            return str(item.number)
        if column == COL_START:
            return tijd(item.starts_at)
        if column == COL_MINUTES:
            return str(item.minutes) if item.minutes else NOTHING
        if column == COL_TITLE:
            if item.carried_from is not None:
                return _("{title} (carried over from {date})").format(
                    title=item.title, date=datum_long(item.carried_from)
                )
            return item.title
        if column == COL_SECTION:
            return section_label(item.section)
        if column == COL_PURPOSE:
            return purpose_label(item.purpose)
        return who_brought_it(item.source, item.submitted_by)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == COL_TITLE and item.description:
                return f"{item.title}\n\n{item.description}"
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = index.column() in (COL_NUMBER, COL_MINUTES)
            horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == ROW_ROLE:
            return item
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Between rows and below the last one: where a dragged item may land.
            return Qt.ItemFlag.ItemIsDropEnabled if self._editable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        if indexes:
            data.setData(ITEM_MIME, str(self._items[indexes[0].row()].id).encode())
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return self._editable and data.hasFormat(ITEM_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = int(bytes(data.data(ITEM_MIME).data()).decode())
        source = self.row_of(item_id)
        if source is None:
            return False
        if row < 0:  # dropped onto a row: it goes where that row is
            row = parent.row() if parent.isValid() else len(self._items)
        target = row - 1 if row > source else row  # the list without the item itself
        if target != source:
            self.move_requested.emit(item_id, target)
        # The op moves the item and the page reloads; the view must not remove rows itself.
        return False


class AgendaTable(QTableView):
    """The agenda: drag an item to move it, or Alt+Up / Alt+Down."""

    def __init__(self, model: AgendaModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setAccessibleName(_("Agenda"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)

    def current_entry(self) -> AgendaEntry | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        model = self.model()
        assert isinstance(model, AgendaModel)
        return model.entry(index.row())


# -- the page ---------------------------------------------------------------------------


def _meeting_columns() -> list[Column[MeetingRow]]:
    return [
        Column(_("Date"), lambda m: datum(m.starts_at.date())),
        Column(_("Time"), lambda m: tijd(m.starts_at)),
        Column(_("Place"), lambda m: m.location or NOTHING, stretch=True),
        Column(_("Status"), meeting_status_text),
        Column(_("Agenda items"), lambda m: number(m.agenda_items), right_aligned=True),
        Column(_("Requests waiting"), lambda m: number(m.pending_requests), right_aligned=True),
    ]


REQUEST_HEADERS = (
    lambda: _("Submitted"),
    lambda: _("Request"),
    lambda: _("From"),
    lambda: _("Person"),
    lambda: _("Where it stands"),
)


def request_state_text(row: RequestRow) -> str:
    text = request_state_label(row.state)
    if row.state is RequestState.DECLINED and row.decline_reason:
        text = _("{state}: {reason}").format(state=text, reason=row.decline_reason)
    if row.state is RequestState.DEFERRED and row.moved_to:
        text = _("{state} ({date})").format(state=text, date=datum_long(row.moved_to))
    if row.carried_from is not None:
        text += " · " + _("deferred from {date}").format(date=datum_long(row.carried_from))
    return text


class MeetingsPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._neighbourhood_id: int | None = None
        self._today = date.today()
        self._view: AgendaView | None = None
        self._meetings: list[MeetingRow] = []
        self._build()

    # Building

    def _build(self) -> None:
        self.title = heading(_("Meetings"))
        self.section: TableSection[MeetingRow] = TableSection(
            _meeting_columns(),
            name=_("All meetings"),
            empty_text=_("No meetings are planned yet. Plan a series to start."),
            emphasis=lambda m: m.cancelled,
        )
        self.section.view.selectionModel().currentRowChanged.connect(
            self._on_meeting_current_row_changed
        )
        self.series_button = _button(_("Plan a &series..."), self._on_series_clicked)
        self.breaks_button = _button(_("&Breaks..."), self._on_breaks_clicked)
        self.move_button = _button(_("&Move..."), self._on_move_clicked)
        self.cancel_button = _button(_("Ca&ncel..."), self._on_cancel_clicked)
        self.restore_button = _button(_("Restore"), self._on_restore_clicked)
        self.ics_button = QPushButton(_("Calendar file (.ics)"))
        self.ics_button.setAccessibleName(_("Calendar file"))
        menu = QMenu(self.ics_button)
        self.ics_one = menu.addAction(_("This meeting..."))
        self.ics_one.triggered.connect(self._on_ics_one_triggered)
        self.ics_all = menu.addAction(_("All planned meetings..."))
        self.ics_all.triggered.connect(self._on_ics_all_triggered)
        self.ics_button.setMenu(menu)
        meeting_buttons = QHBoxLayout()
        for button in (
            self.series_button,
            self.breaks_button,
            self.move_button,
            self.cancel_button,
            self.restore_button,
            self.ics_button,
        ):
            meeting_buttons.addWidget(button)
        meeting_buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.section, 1)
        top_layout.addLayout(meeting_buttons)

        self.meeting_label = plain_label(bold=True)
        self.meeting_label.setAccessibleName(_("Chosen meeting"))
        self.notice = plain_label()
        self.notice.setAccessibleName(_("About this meeting"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Agenda and requests"))
        self.tabs.addTab(self._build_agenda_tab(), _("Agenda"))
        self.tabs.addTab(self._build_requests_tab(), _("Requests"))
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.meeting_label)
        bottom_layout.addWidget(self.notice)
        bottom_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([260, 560])  # about six meetings in view
        self.splitter.setChildrenCollapsible(False)
        self.message = plain_label()
        self.message.setAccessibleName(_("What happened"))
        layout = QVBoxLayout(self)
        # The page never forces a minimum on the window: texts change length with every
        # meeting, and the window (or a screen reader's magnifier) decides the size.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)

    def _build_agenda_tab(self) -> QWidget:
        self.agenda_model = AgendaModel(self)
        self.agenda_model.move_requested.connect(
            self._on_agenda_move_requested, Qt.ConnectionType.QueuedConnection
        )
        self.agenda = AgendaTable(self.agenda_model)
        self.agenda.doubleClicked.connect(self._on_edit_clicked)
        self.agenda.selectionModel().currentRowChanged.connect(self._on_item_current_row_changed)
        self.compose_button = _button(_("&Compose agenda"), self._on_compose_clicked)
        self.up_button = _button(_("Move &up"), self._on_up_clicked)
        self.up_button.setToolTip(_("Alt+Up"))
        self.down_button = _button(_("Move do&wn"), self._on_down_clicked)
        self.down_button.setToolTip(_("Alt+Down"))
        self.edit_button = _button(_("&Edit..."), self._on_edit_clicked)
        self.links_button = _button(_("&Links..."), self._on_links_clicked)
        self.add_button = _button(_("&Add item..."), self._on_add_clicked)
        self.remove_button = _button(_("&Remove..."), self._on_remove_clicked)
        self.later_button = _button(_("To the ne&xt meeting"), self._on_later_clicked)
        for text, keys, slot in (
            (_("Move up"), "Alt+Up", self._on_up_clicked),
            (_("Move down"), "Alt+Down", self._on_down_clicked),
            (_("Edit"), "F2", self._on_edit_clicked),
            (_("Remove"), "Delete", self._on_remove_clicked),
        ):
            action = QAction(text, self.agenda)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.agenda.addAction(action)
        edit_row = QHBoxLayout()
        for button in (
            self.compose_button,
            self.up_button,
            self.down_button,
            self.edit_button,
            self.links_button,
            self.add_button,
            self.remove_button,
            self.later_button,
        ):
            edit_row.addWidget(button)
        edit_row.addStretch(1)

        self.total_label = plain_label()
        self.total_label.setAccessibleName(_("Total time"))
        self.over_label = _warning_label()
        self.over_label.setAccessibleName(_("Agenda too long"))
        self.balance_label = plain_label()
        self.balance_label.setAccessibleName(_("Balance of this meeting"))
        self.period_label = plain_label()
        self.period_label.setAccessibleName(_("Balance over the contract period"))
        self.large_print = QCheckBox(_("&Large print"))
        self.large_print.setAccessibleName(_("Large print"))
        self.print_button = _button(_("&Print agenda..."), self._on_print_clicked)
        print_row = QHBoxLayout()
        print_row.addWidget(self.total_label, 1)
        print_row.addWidget(self.large_print)
        print_row.addWidget(self.print_button)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(edit_row)
        layout.addWidget(self.agenda, 1)
        layout.addLayout(print_row)
        layout.addWidget(self.over_label)
        layout.addWidget(plain_label(_("Whose agenda is it?"), bold=True))
        layout.addWidget(self.balance_label)
        layout.addWidget(self.period_label)
        return tab

    def _build_requests_tab(self) -> QWidget:
        self.requests = QTableWidget(0, len(REQUEST_HEADERS))
        self.requests.setAccessibleName(_("Agenda requests"))
        self.requests.setHorizontalHeaderLabels([header() for header in REQUEST_HEADERS])
        self.requests.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.requests.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.requests.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.requests.setWordWrap(True)
        self.requests.setTabKeyNavigation(False)
        self.requests.verticalHeader().setVisible(False)
        header = self.requests.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in range(len(REQUEST_HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.requests.itemSelectionChanged.connect(self._update_request_buttons)
        self.new_request_button = _button(_("&New request..."), self._on_new_request_clicked)
        self.place_button = _button(_("&Place on the agenda"), self._on_place_clicked)
        self.defer_button = _button(_("&Defer to the next meeting"), self._on_defer_clicked)
        self.decline_button = _button(_("De&cline..."), self._on_decline_clicked)
        self.reopen_button = _button(_("Take &up again"), self._on_reopen_clicked)
        buttons = QHBoxLayout()
        for button in (
            self.new_request_button,
            self.place_button,
            self.defer_button,
            self.decline_button,
            self.reopen_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            plain_label(
                _(
                    "Requests come in between meetings. Residents' topics go first on the "
                    "agenda; the municipality's and partners' requests are listed apart. "
                    "Nothing is lost: a deferred request moves to the next meeting, a declined "
                    "one keeps its reason."
                )
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.requests, 1)
        return tab

    # Loading

    def load(self, db: Database, neighbourhood_id: int, today: date) -> None:
        if neighbourhood_id != self._neighbourhood_id:
            self.section.set_rows([])  # another neighbourhood: start from its next meeting
        self._db, self._neighbourhood_id, self._today = db, neighbourhood_id, today
        self._reload()

    def show_meeting(self, meeting_id: int) -> None:
        """Choose a meeting, as a click in the list would (meeting mode comes back here)."""
        self._reload(meeting_id)

    def _reload(self, meeting_id: int | None = None, select_item: int | None = None) -> None:
        """Read the meetings again; show `meeting_id`, else the one shown, else the next."""
        assert self._db is not None and self._neighbourhood_id is not None
        wanted = meeting_id or self.current_meeting_id()
        rows = meeting_ops.list_meetings(self._db, self._neighbourhood_id)
        self._meetings = rows
        row = self._row_to_select(rows, wanted)
        with QSignalBlocker(self.section.view.selectionModel()):
            self.section.set_rows(rows)
            if row is not None:
                self.section.view.selectRow(row)
                self.section.view.setCurrentIndex(self.section.model.index(row, 0))
        self._show_agenda(rows[row].id if row is not None else None, select_item)

    def _row_to_select(self, rows: Sequence[MeetingRow], wanted: int | None) -> int | None:
        """The meeting asked for, else the next planned one, else the latest."""
        if not rows:
            return None
        for index, row in enumerate(rows):
            if row.id == wanted:
                return index
        upcoming = [
            (row.starts_at, index)
            for index, row in enumerate(rows)
            if row.status is MeetingStatus.PLANNED
            and not row.cancelled
            and row.starts_at.date() >= self._today
        ]
        return min(upcoming)[1] if upcoming else 0

    def current_meeting(self) -> MeetingRow | None:
        index = self.section.view.currentIndex()
        if not index.isValid():
            return None
        return self.section.model.row(index.row())

    def current_meeting_id(self) -> int | None:
        meeting = self.current_meeting()
        return meeting.id if meeting else None

    def _show_agenda(self, meeting_id: int | None, select_item: int | None = None) -> None:
        assert self._db is not None and self._neighbourhood_id is not None
        view = agenda_ops.agenda_of(self._db, meeting_id) if meeting_id is not None else None
        self._view = view
        self.tabs.setEnabled(view is not None)
        if view is None:
            self.meeting_label.setText(_("Choose or plan a meeting."))
            self.notice.setText("")
            self.notice.hide()
            self.agenda_model.set_items([], False)
            self.requests.setRowCount(0)
            self._update_buttons()
            return
        meeting = view.meeting
        self.meeting_label.setText(
            _("{date}, {time}, {place}").format(
                date=datum(meeting.starts_at.date()),
                time=tijd(meeting.starts_at),
                place=meeting.location or _("place not known yet"),
            )
        )
        self.notice.setText(self._notice_text(view))
        self.notice.setVisible(bool(self.notice.text()))
        self.agenda_model.set_items(view.items, meeting.editable)
        self.agenda.resizeRowsToContents()
        if select_item is not None:
            row = self.agenda_model.row_of(select_item)
            if row is not None:
                self.agenda.selectRow(row)
                self.agenda.setCurrentIndex(self.agenda_model.index(row, COL_TITLE))
        self._show_timing(view)
        self.balance_label.setText(
            _("This meeting: {text}").format(text=balance_text(view.balance))
        )
        self.period_label.setText(
            period_text(agenda_ops.contract_balance(self._db, self._neighbourhood_id, self._today))
        )
        self._show_requests(view.requests)
        self._update_buttons()

    @staticmethod
    def _notice_text(view: AgendaView) -> str:
        meeting = view.meeting
        lines = []
        if meeting.cancelled:
            lines.append(_("Cancelled: {reason}").format(reason=meeting.cancel_reason))
        elif meeting.status is not MeetingStatus.PLANNED:
            lines.append(
                _("This meeting has been held ({status}); its agenda stays as it was.").format(
                    status=meeting_status_label(meeting.status)
                )
            )
        if meeting.original_starts_at is not None:
            lines.append(
                _("Moved from {date}: {reason}").format(
                    date=datum(meeting.original_starts_at.date()),
                    reason=meeting.move_reason or NOTHING,
                )
            )
        return "\n".join(lines)

    def _show_timing(self, view: AgendaView) -> None:
        timing = view.timing
        self.total_label.setText(
            _("Total time: {total}; the meeting lasts {length}.").format(
                total=duration_words(timing.total_minutes),
                length=duration_words(timing.length_minutes),
            )
        )
        self.over_label.setVisible(timing.too_long)
        self.over_label.setText(
            _("Note: the agenda is {duration} longer than the meeting.").format(
                duration=duration_words(timing.over_by)
            )
            if timing.too_long
            else ""
        )

    def _show_requests(self, rows: Sequence[RequestRow]) -> None:
        self.requests.setRowCount(len(rows))
        for position, row in enumerate(rows):
            values = (
                datum_long(row.submitted_on),
                row.title,
                source_label(row.source),
                row.submitted_by or NOTHING,
                request_state_text(row),
            )
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, row.id)
                cell.setToolTip(row.description or text)
                self.requests.setItem(position, column, cell)
        self.requests.resizeRowsToContents()
        waiting = sum(1 for row in rows if row.state is RequestState.PENDING)
        self.tabs.setTabText(
            1,
            ngettext("Requests ({count} waiting)", "Requests ({count} waiting)", waiting).format(
                count=waiting
            ),
        )

    def current_request(self) -> RequestRow | None:
        if self._view is None:
            return None
        row = self.requests.currentRow()
        if row < 0 or row >= len(self._view.requests):
            return None
        return self._view.requests[row]

    def _update_buttons(self) -> None:
        meeting = self.current_meeting()
        planned = meeting is not None and meeting.status is MeetingStatus.PLANNED
        self.move_button.setEnabled(planned and meeting is not None and not meeting.cancelled)
        self.cancel_button.setEnabled(planned and meeting is not None and not meeting.cancelled)
        self.restore_button.setEnabled(meeting is not None and meeting.cancelled)
        self.restore_button.setVisible(meeting is not None and meeting.cancelled)
        self.ics_one.setEnabled(meeting is not None)
        editable = self._view is not None and self._view.meeting.editable
        entry = self.agenda.current_entry() if self._view is not None else None
        self.compose_button.setEnabled(editable)
        self.add_button.setEnabled(editable)
        for button in (
            self.up_button,
            self.down_button,
            self.edit_button,
            self.links_button,
            self.remove_button,
        ):
            button.setEnabled(editable and entry is not None)
        self.later_button.setEnabled(editable and entry is not None and entry.request_id is None)
        self.print_button.setEnabled(self._view is not None)
        self.new_request_button.setEnabled(editable)
        self._update_request_buttons()

    def _update_request_buttons(self) -> None:
        editable = self._view is not None and self._view.meeting.editable
        request = self.current_request()
        pending = editable and request is not None and request.state is RequestState.PENDING
        for button in (self.place_button, self.defer_button, self.decline_button):
            button.setEnabled(pending)
        self.reopen_button.setEnabled(
            editable and request is not None and request.state is RequestState.DECLINED
        )

    # Running an op

    def _run(
        self,
        act: Callable[[], object],
        *,
        message: Callable[[Any], str] | None = None,
        select_item: Callable[[Any], int | None] | None = None,
    ) -> bool:
        """Run one op; on a refusal show why. Then read the meeting again."""
        try:
            outcome = act()
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return False
        self.message.setText(message(outcome) if message else "")
        self._refresh(select_item(outcome) if select_item else None)
        return True

    def _refresh(self, select_item: int | None = None) -> None:
        self._reload(self.current_meeting_id(), select_item)

    def _open(self, dialog: QDialog, on_done: Callable[[], None] | None = None) -> None:
        """Open window-modal; read again when it was accepted."""
        self.dialog = dialog

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                (on_done or self._refresh)()

        dialog.finished.connect(finished)
        dialog.open()

    # Slots: meetings

    def _on_meeting_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_agenda(self.section.model.row(current.row()).id)

    def _on_series_clicked(self) -> None:
        assert self._db is not None and self._neighbourhood_id is not None
        rows = [row for row in self._meetings if not row.cancelled]
        last = max(rows, key=lambda row: row.starts_at) if rows else None
        dialog = SeriesDialog(self, self._db, self._neighbourhood_id, self._today, last)

        def done() -> None:
            result = dialog.planned
            assert result is not None
            text = ngettext(
                "{count} meeting planned.", "{count} meetings planned.", len(result.created)
            ).format(count=len(result.created))
            if result.skipped:
                text += " " + _("Left alone (a meeting was there already): {dates}.").format(
                    dates=", ".join(datum_long(day) for day in result.skipped)
                )
            self.message.setText(text)
            self._reload(result.created[0] if result.created else None)

        self._open(dialog, done)

    def _on_breaks_clicked(self) -> None:
        assert self._db is not None and self._neighbourhood_id is not None
        self.dialog = BreaksDialog(self, self._db, self._neighbourhood_id, self._today)
        self.dialog.open()

    def _on_move_clicked(self) -> None:
        meeting = self.current_meeting()
        if meeting is None or self._db is None:
            return
        self._open(MoveDialog(self, self._db, meeting, self._today))

    def _on_cancel_clicked(self) -> None:
        meeting = self.current_meeting()
        db = self._db
        if meeting is None or db is None:
            return
        dialog = ReasonDialog(
            self,
            _("Cancel the meeting"),
            _(
                "Cancel the meeting of {date}? Its requests move on to the next planned "
                "meeting. Give the reason; members read it."
            ).format(date=datum(meeting.starts_at.date())),
            lambda reason: meeting_ops.cancel_meeting(db, meeting.id, reason),
        )

        def done() -> None:
            outcome = dialog.outcome
            assert isinstance(outcome, meeting_ops.CancelResult)
            if outcome.next_meeting is not None:
                self.message.setText(
                    ngettext(
                        "Meeting cancelled; {count} request moved to {date}.",
                        "Meeting cancelled; {count} requests moved to {date}.",
                        outcome.moved_requests,
                    ).format(count=outcome.moved_requests, date=datum(outcome.next_meeting.date()))
                )
            else:
                self.message.setText(
                    _(
                        "Meeting cancelled. No later meeting is planned: its requests wait "
                        "here until you plan one and defer them."
                    )
                )
            self._refresh()

        self._open(dialog, done)

    def _on_restore_clicked(self) -> None:
        meeting = self.current_meeting()
        db = self._db
        if meeting is None or db is None:
            return
        self._run(
            lambda: meeting_ops.restore_meeting(db, meeting.id),
            message=lambda _o: _("The meeting goes ahead after all."),
        )

    def _ask_ics_file(self, suggested: str) -> Path | None:
        return dialogs.ask_save_file(
            self,
            _("Save calendar file"),
            Path.home() / suggested,
            _("Calendar files (*.ics)"),
        )

    def _on_ics_one_triggered(self) -> None:
        meeting = self.current_meeting()
        db = self._db
        if meeting is None or db is None:
            return
        path = self._ask_ics_file(f"vergadering-{meeting.starts_at.date().isoformat()}.ics")
        if path is not None:
            self._run(
                lambda: export_meeting(db, meeting.id, path, datetime.now().astimezone()),
                message=lambda target: _("Calendar file saved: {file}").format(file=target),
            )

    def _on_ics_all_triggered(self) -> None:
        db, neighbourhood_id = self._db, self._neighbourhood_id
        if db is None or neighbourhood_id is None:
            return
        path = self._ask_ics_file("vergaderingen.ics")
        if path is not None:
            self._run(
                lambda: export_series(
                    db, neighbourhood_id, path, self._today, datetime.now().astimezone()
                ),
                message=lambda target: _("Calendar file saved: {file}").format(file=target),
            )

    # Slots: the agenda

    def _on_item_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _on_compose_clicked(self) -> None:
        meeting_id, db = self.current_meeting_id(), self._db
        if meeting_id is None or db is None:
            return

        def said(result: agenda_ops.ComposeResult) -> str:
            if not result.changed:
                return _("The agenda was composed already; nothing changed.")
            return _("Agenda composed: {items}, {requests}.").format(
                items=ngettext("{count} item added", "{count} items added", result.added).format(
                    count=result.added
                ),
                requests=ngettext(
                    "{count} request placed", "{count} requests placed", result.placed_requests
                ).format(count=result.placed_requests),
            )

        self._run(lambda: agenda_ops.compose_agenda(db, meeting_id), message=said)

    def _move(self, op: Callable[[Database, int], int]) -> None:
        entry, db = self.agenda.current_entry(), self._db
        if entry is None or db is None:
            return
        self._run(lambda: op(db, entry.id), select_item=lambda _index: entry.id)

    def _on_up_clicked(self) -> None:
        self._move(agenda_ops.move_up)

    def _on_down_clicked(self) -> None:
        self._move(agenda_ops.move_down)

    def _on_agenda_move_requested(self, item_id: int, to: int) -> None:
        db = self._db
        if db is None:
            return
        self._run(lambda: agenda_ops.move_item(db, item_id, to), select_item=lambda _i: item_id)

    def _on_edit_clicked(self) -> None:
        entry, db = self.agenda.current_entry(), self._db
        if entry is None or db is None or not self.edit_button.isEnabled():
            return

        def save(draft: ItemDraft, started: Started | None) -> None:
            agenda_ops.edit_item(db, entry.id, draft, started)

        dialog = ItemDialog(
            self,
            _("Edit agenda item"),
            lambda _section, draft: conflict.save_checked(
                dialog, save, draft, entry.started(), self._today
            ),
            entry,
        )
        self._open(dialog, lambda: self._refresh(entry.id))

    def _on_links_clicked(self) -> None:
        entry, db, meeting_id = self.agenda.current_entry(), self._db, self.current_meeting_id()
        if entry is None or db is None or meeting_id is None:
            return
        choices = agenda_ops.link_choices(db, meeting_id)
        self._open(LinksDialog(self, db, entry, choices), lambda: self._refresh(entry.id))

    def _on_add_clicked(self) -> None:
        meeting_id, db = self.current_meeting_id(), self._db
        if meeting_id is None or db is None:
            return
        added: list[int] = []
        dialog = ItemDialog(
            self,
            _("Add an agenda item"),
            lambda section, draft: added.append(
                agenda_ops.add_item(db, meeting_id, section, draft)
            ),
        )
        self._open(dialog, lambda: self._refresh(added[-1] if added else None))

    def _on_remove_clicked(self) -> None:
        entry, db = self.agenda.current_entry(), self._db
        if entry is None or db is None or not self.remove_button.isEnabled():
            return
        if entry.request_id is not None:
            self._open(RemoveRequestItemDialog(self, db, entry))
            return
        question = _("Take “{title}” off the agenda?").format(title=entry.title)
        if entry.proposals or entry.carried_from:
            question += " " + _(
                "It comes back when the agenda is composed again; use “To the next meeting” "
                "to leave it for next time."
            )
        if dialogs.ConfirmDialog.ask(self, question):
            self._run(lambda: agenda_ops.remove_item(db, entry.id))

    def _on_later_clicked(self) -> None:
        entry, db = self.agenda.current_entry(), self._db
        if entry is None or db is None:
            return
        self._run(
            lambda: agenda_ops.move_item_to_next_meeting(db, entry.id),
            message=lambda when: _("“{title}” is now on the agenda of {date}.").format(
                title=entry.title, date=datum(when.date())
            ),
        )

    def _on_print_clicked(self) -> None:
        view, db = self._view, self._db
        if view is None or db is None:
            return
        large = self.large_print.isChecked()
        name = f"agenda-{view.meeting.starts_at.date().isoformat()}"
        suggested = Path.home() / (name + ("-groot" if large else "") + ".pdf")
        path = dialogs.ask_save_file(self, _("Print agenda"), suggested, _("PDF files (*.pdf)"))
        if path is None:
            return
        self._run(
            lambda: agenda_ops.print_agenda(db, view.meeting.id, path, self._today, large=large),
            message=lambda target: _("The agenda is in {file}.").format(file=target),
        )

    # Slots: requests

    def _on_new_request_clicked(self) -> None:
        meeting_id, db, n = self.current_meeting_id(), self._db, self._neighbourhood_id
        if meeting_id is None or db is None or n is None:
            return
        self._open(RequestDialog(self, db, meeting_id, n, self._today))

    def _on_place_clicked(self) -> None:
        request, db = self.current_request(), self._db
        if request is None or db is None:
            return
        self._run(
            lambda: agenda_ops.place_request(db, request.id),
            message=lambda _i: _("“{title}” is on the agenda.").format(title=request.title),
            select_item=lambda item_id: item_id,
        )

    def _on_defer_clicked(self) -> None:
        request, db = self.current_request(), self._db
        if request is None or db is None:
            return
        self._run(
            lambda: agenda_ops.defer_request(db, request.id),
            message=lambda result: _("“{title}” moved to the meeting of {date}.").format(
                title=request.title, date=datum(result.meeting_starts_at.date())
            ),
        )

    def _on_decline_clicked(self) -> None:
        request, db = self.current_request(), self._db
        if request is None or db is None:
            return
        self._open(
            ReasonDialog(
                self,
                _("Decline the request"),
                _(
                    "The team does not take up “{title}”. The request is kept with the "
                    "reason; whoever brought it in can be told why."
                ).format(title=request.title),
                lambda reason: agenda_ops.decline_request(db, request.id, reason),
            )
        )

    def _on_reopen_clicked(self) -> None:
        request, db = self.current_request(), self._db
        if request is None or db is None:
            return
        self._run(lambda: agenda_ops.reopen_request(db, request.id))
