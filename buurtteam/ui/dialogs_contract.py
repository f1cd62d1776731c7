"""Dialogs of the buurtcontract, reusable wherever a point is touched.

`PointStatusDialog` is the one way to change a point's status: the contract page uses
it, and the meeting table can open it for the point under discussion (with that meeting
chosen). `ask_point_status` does the whole round (read, ask, write) for such callers.

Every dialog keeps what was typed when the change is refused: its `accept()` hands the
values to a submit callback, shows the Dutch error and stays open if that refuses.
Dialogs open window-modal with `open()`, not `exec()`, so tests fill them in like a
person does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from buurtteam.domain.vocab import PointStatus
from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _, ngettext
from buurtteam.i18n.format import datum, datum_long, tijd
from buurtteam.i18n.labels import point_status_label
from buurtteam.ops.contract import (
    ContractChoice,
    ContractInput,
    ImportPreview,
    MeetingChoice,
    PartyChoice,
    PointInput,
    RowAction,
    change_status,
    meeting_choices,
    point_detail,
)
from buurtteam.ops.editing import Started
from buurtteam.store.db import Database
from buurtteam.ui import conflict, dialogs
from buurtteam.ui.dialogs import StayOpen

NOTHING = "—"
V = TypeVar("V")

# -- status icons: a shape per status, so colour is never the only signal ------------------

_ICON_SIZE = 16
_COLOURS = {
    PointStatus.OPEN: "#555555",
    PointStatus.IN_PROGRESS: "#1f5fa8",
    PointStatus.DONE: "#1e7b34",
    PointStatus.DELAYED: "#a85d00",
    PointStatus.NOT_KEPT: "#b3261e",
    PointStatus.DROPPED: "#777777",
}
_icons: dict[PointStatus, QIcon] = {}


def _draw(status: PointStatus, painter: QPainter) -> None:
    colour = QColor(_COLOURS[status])
    pen = QPen(colour, 1.6)
    painter.setPen(pen)
    box = QRectF(2, 2, _ICON_SIZE - 4, _ICON_SIZE - 4)
    centre = box.center()
    if status is PointStatus.OPEN:
        painter.drawEllipse(box)
    elif status is PointStatus.IN_PROGRESS:
        painter.drawEllipse(box)
        painter.setBrush(colour)
        painter.drawPie(box, 90 * 16, 180 * 16)  # half full
    elif status is PointStatus.DONE:
        painter.setBrush(colour)
        painter.drawEllipse(box)
        painter.setPen(QPen(QColor("white"), 2))
        painter.drawPolyline([QPointF(4.5, 8.5), QPointF(7, 11), QPointF(11.5, 5.5)])
    elif status is PointStatus.DELAYED:
        painter.drawEllipse(box)
        painter.drawLine(centre, QPointF(centre.x(), 4.5))
        painter.drawLine(centre, QPointF(11, centre.y()))
    elif status is PointStatus.NOT_KEPT:
        painter.setPen(QPen(colour, 2.4))
        painter.drawLine(QPointF(3.5, 3.5), QPointF(12.5, 12.5))
        painter.drawLine(QPointF(12.5, 3.5), QPointF(3.5, 12.5))
    else:  # dropped: struck through
        painter.setPen(QPen(colour, 2.4))
        painter.drawLine(QPointF(3, centre.y()), QPointF(13, centre.y()))


def status_icon(status: PointStatus) -> QIcon:
    """A small shape for the status: circle, half circle, tick, clock, cross, dash."""
    if status not in _icons:
        pixmap = QPixmap(_ICON_SIZE, _ICON_SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _draw(status, painter)
        painter.end()
        _icons[status] = QIcon(pixmap)
    return _icons[status]


# -- small building blocks ----------------------------------------------------------------


def date_edit(day: dt.date | None, name: str) -> QDateEdit:
    """A date field the Dutch way (31-12-2027) with a calendar to pick from."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setDate(QDate(day) if day else QDate.currentDate())
    edit.setAccessibleName(name)
    return edit


def to_date(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def note_edit(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setMinimumHeight(70)
    return edit


def meeting_label(meeting: MeetingChoice) -> str:
    return f"{datum(meeting.starts_at.date())}, {tijd(meeting.starts_at)}"


def meeting_combo(meetings: Sequence[MeetingChoice], chosen: int | None, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(_("(not at a meeting)"), None)
    for meeting in meetings:
        combo.addItem(meeting_label(meeting), meeting.id)
    if chosen is not None:
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(index, 0))
    return combo


def party_combo(parties: Sequence[PartyChoice], chosen: int | None, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for party in parties:
        combo.addItem(party.name, party.id)
    if chosen is not None:
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
    return combo


def plain(text: str = "", *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class SubmitDialog(QDialog, Generic[V]):
    """A dialog whose OK runs `submit(values)`; a refusal is shown and the dialog stays."""

    def __init__(
        self, parent: QWidget | None, title: str, submit: Callable[[V], object] | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._submit = submit
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def finish(self) -> None:
        """Call last in a subclass's __init__, when every field is in place.

        An explicit minimum keeps the layout from resizing the window when a field changes;
        Qt's offscreen platform (the tests) warns about such resizes.
        """
        self.setMinimumSize(self.sizeHint())

    def values(self) -> V:
        raise NotImplementedError

    def accept(self) -> None:
        if self._submit is not None:
            try:
                self._submit(self.values())
            except StayOpen:
                return
            except BuurtteamError as error:
                dialogs.show_error(self, error)
                return
        super().accept()


# -- the status change --------------------------------------------------------------------


@dataclass(frozen=True)
class StatusChange:
    status: PointStatus
    on: dt.date
    note: str
    meeting_id: int | None


class PointStatusDialog(SubmitDialog[StatusChange]):
    """Change a point's status: the new status, the date, a short note, optionally the meeting."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        point: str,
        current: PointStatus,
        meetings: Sequence[MeetingChoice],
        today: dt.date,
        meeting_id: int | None = None,
        submit: Callable[[StatusChange], object] | None = None,
    ) -> None:
        super().__init__(parent, _("Change status"), submit)
        self.status = QComboBox()
        self.status.setAccessibleName(_("New status"))
        for status in PointStatus:
            self.status.addItem(status_icon(status), point_status_label(status), status.value)
        self.status.setCurrentIndex(self.status.findData(current.value))
        self.date = date_edit(today, _("Date of the change"))
        self.date.setMaximumDate(QDate(today))
        self.note = note_edit(_("Note"))
        self.note.setPlaceholderText(_("What happened, in a sentence or two"))
        self.meeting = meeting_combo(meetings, meeting_id, _("Discussed at the meeting of"))
        heading = plain(point, bold=True)
        now = plain(_("Now: {status}").format(status=point_status_label(current)))
        form = QFormLayout()
        form.addRow(_("&New status:"), self.status)
        form.addRow(_("&Date:"), self.date)
        form.addRow(_("N&ote:"), self.note)
        form.addRow(_("&Meeting:"), self.meeting)
        hint = plain(_("The history keeps every change with its date; nothing is overwritten."))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(now)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.finish()
        self.status.setFocus()

    def values(self) -> StatusChange:
        return StatusChange(
            PointStatus(self.status.currentData()),
            to_date(self.date),
            self.note.toPlainText(),
            self.meeting.currentData(),
        )


def ask_point_status(
    parent: QWidget,
    db: Database,
    point_id: int,
    today: dt.date,
    *,
    meeting_id: int | None = None,
    done: Callable[[], None] | None = None,
) -> PointStatusDialog | None:
    """Open the status dialog for a point; on OK record the change, then call `done`.

    For any page: the meeting table passes its meeting so it is chosen already. Returns
    the open dialog (None when the point could not be read; the error was shown).
    """
    try:
        detail = point_detail(db, point_id, today)
        meetings = meeting_choices(db, detail.neighbourhood_id)
    except BuurtteamError as error:
        dialogs.show_error(parent, error)
        return None

    def save(change: StatusChange, started: Started | None) -> None:
        change_status(
            db, point_id, change.status, change.on, today, change.note, change.meeting_id, started
        )

    def submit(change: StatusChange) -> None:
        # Whatever the choice after a conflict (saved, or theirs kept), the page reloads.
        conflict.save_checked(dialog, save, change, detail.started(), today)
        if done is not None:
            done()

    dialog = PointStatusDialog(
        parent,
        point=_("Point {number}: {title}").format(number=detail.number, title=detail.title),
        current=detail.status,
        meetings=meetings,
        today=today,
        meeting_id=meeting_id,
        submit=submit,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# -- moving a deadline --------------------------------------------------------------------


@dataclass(frozen=True)
class DueChange:
    due: dt.date
    on: dt.date
    note: str
    meeting_id: int | None


class DueDialog(SubmitDialog[DueChange]):
    """Move a deadline: recorded in the history as a slip, with the old and the new date."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        point: str,
        due: dt.date | None,
        meetings: Sequence[MeetingChoice],
        today: dt.date,
        submit: Callable[[DueChange], object] | None = None,
    ) -> None:
        super().__init__(parent, _("Move the deadline"), submit)
        self.due = date_edit(due or today, _("New deadline"))
        self.date = date_edit(today, _("Date of the change"))
        self.date.setMaximumDate(QDate(today))
        self.note = note_edit(_("Reason"))
        self.note.setPlaceholderText(_("Why the deadline moves"))
        self.meeting = meeting_combo(meetings, None, _("Agreed at the meeting of"))
        form = QFormLayout()
        form.addRow(_("Current deadline:"), plain(datum_long(due) if due else NOTHING))
        form.addRow(_("New &deadline:"), self.due)
        form.addRow(_("&Date of the change:"), self.date)
        form.addRow(_("&Reason:"), self.note)
        form.addRow(_("&Meeting:"), self.meeting)
        layout = QVBoxLayout(self)
        layout.addWidget(plain(point, bold=True))
        layout.addLayout(form)
        layout.addWidget(plain(_("A moved deadline counts as a slip in the party's record.")))
        layout.addWidget(self.buttons)
        self.finish()

    def values(self) -> DueChange:
        return DueChange(
            to_date(self.due),
            to_date(self.date),
            self.note.toPlainText(),
            self.meeting.currentData(),
        )


# -- adding and editing a point -----------------------------------------------------------


@dataclass(frozen=True)
class PointForm:
    number: int | None
    data: PointInput
    reason: str


class PointDialog(SubmitDialog[PointForm]):
    """A new point (with a free number) or an edited one (its number stays)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        parties: Sequence[PartyChoice],
        themes: Sequence[str],
        today: dt.date,
        number: int | None = None,  # a new point: the number proposed
        existing: PointInput | None = None,
        submit: Callable[[PointForm], object] | None = None,
    ) -> None:
        is_new = existing is None
        super().__init__(parent, _("New contract point") if is_new else _("Edit point"), submit)
        data = existing or PointInput(title="", party_id=parties[0].id if parties else 0)
        self.number = QSpinBox()
        self.number.setRange(1, 999_999)
        self.number.setValue(number or 1)
        self.number.setAccessibleName(_("Number"))
        self.number.setEnabled(is_new)
        self.title = QLineEdit(data.title)
        self.title.setAccessibleName(_("Title"))
        self.description = note_edit(_("Description"))
        self.description.setPlainText(data.description or "")
        self.theme = QComboBox()
        self.theme.setEditable(True)
        self.theme.setAccessibleName(_("Theme"))
        self.theme.addItems(list(themes))
        self.theme.setCurrentText(data.theme or "")
        self.party = party_combo(parties, data.party_id, _("Responsible party"))
        self.has_due = QCheckBox(_("Has a deadline"))
        self.has_due.setChecked(data.due is not None)
        self.due = date_edit(data.due or today, _("Deadline"))
        self.due.setEnabled(data.due is not None)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason for the change"))
        form = QFormLayout()
        form.addRow(_("N&umber:"), self.number)
        form.addRow(_("&Title:"), self.title)
        form.addRow(_("&Description:"), self.description)
        form.addRow(_("T&heme:"), self.theme)
        form.addRow(_("&Party:"), self.party)
        form.addRow(_("Dead&line:"), due_row)
        if not is_new:
            form.addRow(_("&Reason:"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if not is_new:
            layout.addWidget(
                plain(
                    _(
                        "The number stays. A new party or a moved deadline is written in the "
                        "history with today's date and the reason."
                    )
                )
            )
        layout.addWidget(self.buttons)
        self.finish()
        self.title.setFocus()

    def values(self) -> PointForm:
        return PointForm(
            number=self.number.value() if self.number.isEnabled() else None,
            data=PointInput(
                title=self.title.text(),
                party_id=int(self.party.currentData()) if self.party.count() else 0,
                description=self.description.toPlainText(),
                theme=self.theme.currentText(),
                due=to_date(self.due) if self.has_due.isChecked() else None,
            ),
            reason=self.reason.text(),
        )


# -- contracts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractForm:
    data: ContractInput
    carry_from: int | None


class ContractDialog(SubmitDialog[ContractForm]):
    """A new contract (optionally carrying the unfinished points of another) or an edit."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        today: dt.date,
        contracts: Sequence[ContractChoice] = (),
        existing: ContractInput | None = None,
        submit: Callable[[ContractForm], object] | None = None,
    ) -> None:
        is_new = existing is None
        super().__init__(parent, _("New contract") if is_new else _("Edit contract"), submit)
        starts = existing.starts_on if existing else today
        ends = existing.ends_on if existing else _months_later(today, 30)
        self.title = QLineEdit(existing.title if existing else "")
        self.title.setAccessibleName(_("Title"))
        self.starts = date_edit(starts, _("Starts on"))
        self.ends = date_edit(ends, _("Ends on"))
        self.carry = QComboBox()
        self.carry.setAccessibleName(_("Carry unfinished points from"))
        self.carry.addItem(_("(start empty)"), None)
        for contract in contracts:
            self.carry.addItem(contract.title, contract.id)
        if contracts:
            self.carry.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow(_("&Title:"), self.title)
        form.addRow(_("&Starts on:"), self.starts)
        form.addRow(_("&Ends on:"), self.ends)
        if is_new:
            form.addRow(_("&Carry unfinished points from:"), self.carry)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if is_new:
            layout.addWidget(
                plain(
                    _(
                        "Unfinished points come along with their history and a note of "
                        "where they came from; the old contract stays as it is."
                    )
                )
            )
        layout.addWidget(self.buttons)
        self.finish()

    def values(self) -> ContractForm:
        return ContractForm(
            ContractInput(self.title.text(), to_date(self.starts), to_date(self.ends)),
            self.carry.currentData(),
        )


def _months_later(day: dt.date, months: int) -> dt.date:
    """A buurtcontract runs 2.5 years: the day before the same date `months` later."""
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class SignatureForm:
    party_id: int
    signed_on: dt.date
    signed_by: str


class SignatureDialog(SubmitDialog[SignatureForm]):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        parties: Sequence[PartyChoice],
        today: dt.date,
        submit: Callable[[SignatureForm], object] | None = None,
    ) -> None:
        super().__init__(parent, _("Add a signature"), submit)
        self.party = party_combo(parties, None, _("Party"))
        self.signed_on = date_edit(today, _("Signed on"))
        self.signed_by = QLineEdit()
        self.signed_by.setAccessibleName(_("Signed by"))
        self.signed_by.setPlaceholderText(_("for example: wethouder Wijken"))
        form = QFormLayout()
        form.addRow(_("&Party:"), self.party)
        form.addRow(_("Signed &on:"), self.signed_on)
        form.addRow(_("Signed &by:"), self.signed_by)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.finish()

    def values(self) -> SignatureForm:
        return SignatureForm(
            int(self.party.currentData()) if self.party.count() else 0,
            to_date(self.signed_on),
            self.signed_by.text(),
        )


# -- the import preview -------------------------------------------------------------------


def change_words(fields: Sequence[str]) -> str:
    words = {
        "title": _("title"),
        "description": _("description"),
        "theme": _("theme"),
        "party": _("party"),
        "due": _("deadline"),
        "status": _("status"),
    }
    return ", ".join(words[field] for field in fields)


def _action_words(action: RowAction, fields: Sequence[str]) -> str:
    if action is RowAction.NEW:
        return _("new point")
    if action is RowAction.UNCHANGED:
        return _("unchanged")
    return _("changes: {fields}").format(fields=change_words(fields))


class ImportPreviewDialog(QDialog):
    """What an import would do, row by row, and every problem, before anything is written."""

    def __init__(self, parent: QWidget | None, preview: ImportPreview) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import from spreadsheet"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(900, 600)
        self.preview = preview
        summary = plain(self._summary(), bold=True)
        summary.setAccessibleName(_("Summary"))
        details = plain(self._details())
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(_("Problems in the spreadsheet"))
        self.problems.setPlainText("\n".join(problem.text() for problem in preview.problems))
        self.problems.setVisible(bool(preview.problems))
        self.rows = QTableWidget(len(preview.rows), 6)
        self.rows.setAccessibleName(_("Rows of the spreadsheet"))
        self.rows.setHorizontalHeaderLabels(
            [_("Row"), _("No."), _("Contract point"), _("Party"), _("Deadline"), _("What happens")]
        )
        self.rows.verticalHeader().setVisible(False)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setWordWrap(True)
        for r, row in enumerate(preview.rows):
            texts = (
                str(row.row),
                str(row.number),
                row.title,
                row.party,
                datum_long(row.due) if row.due else NOTHING,
                _action_words(row.action, row.changed),
            )
            for c, text in enumerate(texts):
                self.rows.setItem(r, c, QTableWidgetItem(text))
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rows.setVisible(bool(preview.rows) and not preview.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(preview.ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(details)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.rows, 3)
        layout.addWidget(self.buttons)
        self.setMinimumSize(min(self.sizeHint().width(), 900), 400)

    def _summary(self) -> str:
        p = self.preview
        if p.problems:
            return ngettext(
                "The spreadsheet cannot be imported: {count} problem. Nothing has been "
                "changed. Correct the spreadsheet and try again.",
                "The spreadsheet cannot be imported: {count} problems. Nothing has been "
                "changed. Correct the spreadsheet and try again.",
                len(p.problems),
            ).format(count=len(p.problems))
        return _(
            "Into {contract}: {new} new points, {updated} changed, {unchanged} unchanged. "
            "Nothing is written until you choose Import."
        ).format(
            contract=p.contract_title,
            new=p.count(RowAction.NEW),
            updated=p.count(RowAction.UPDATE),
            unchanged=p.count(RowAction.UNCHANGED),
        )

    def _details(self) -> str:
        p = self.preview
        lines = [_("File: {file}").format(file=p.file)]
        if p.ignored_columns:
            lines.append(
                _("Columns not read: {columns}.").format(columns=", ".join(p.ignored_columns))
            )
        if p.untouched:
            lines.append(
                _(
                    "{count} points of the contract are not in the spreadsheet; they stay as "
                    "they are."
                ).format(count=p.untouched)
            )
        return "\n".join(lines)
