"""Attendance first: who is present, absent with notice or absent, who came late or left
early, and the guests. Every change is saved at once; the quorum follows."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QRegularExpression, QSignalBlocker, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from buurtteam.domain.minutes import MAX_QUORUM
from buurtteam.domain.vocab import AttendanceStatus
from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _
from buurtteam.i18n.labels import attendance_label, roles_label
from buurtteam.ops.meeting_mode import add_guest, remove_guest, set_attendance, set_quorum
from buurtteam.ops.minutes import AttendanceLine, GuestLine, Minutes, set_minutes_people
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.pages import heading, plain_label
from buurtteam.ui.section import SectionBox

# What people type for a time: 21:15, 21.15, 2115 or 915; empty means none.
_TIME = QRegularExpression(r"^\s*([01]?[0-9]|2[0-3])?[:.]?([0-5][0-9]?)?\s*$")


def time_field(value: time | None, name: str) -> QLineEdit:
    """A time as people type it (a line, not a spin box: "2115" and "21.15" just work)."""
    field = QLineEdit(value.strftime("%H:%M") if value else "")
    field.setPlaceholderText("—")
    field.setValidator(QRegularExpressionValidator(_TIME, field))
    field.setAccessibleName(name)
    field.setMaximumWidth(field.fontMetrics().horizontalAdvance("00:00") * 2 + 16)
    return field


def time_of(field: QLineEdit) -> time | None:
    """The time typed, or None when empty or not a whole time (the field is then cleared)."""
    digits = "".join(c for c in field.text() if c.isdigit())
    if len(digits) not in (3, 4):
        field.clear()
        return None
    hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 23 or minutes > 59:
        field.clear()
        return None
    value = time(hours, minutes)
    field.setText(value.strftime("%H:%M"))
    return value


class PersonRow:
    """The widgets of one person's line."""

    def __init__(self, line: AttendanceLine) -> None:
        self.person_id = line.person_id
        self.name = plain_label(line.name, bold=True)
        self.roles = plain_label(roles_label(line.roles))
        self.status = QComboBox()
        self.status.setAccessibleName(_("Attendance of {name}").format(name=line.name))
        self.status.addItem(_("not recorded"), None)
        for status in AttendanceStatus:
            self.status.addItem(attendance_label(status), status.value)
        self.status.setCurrentIndex(
            self.status.findData(line.status.value if line.status else None)
        )
        self.arrived = time_field(line.arrived_at, _("{name} arrived at").format(name=line.name))
        self.left = time_field(line.left_at, _("{name} left at").format(name=line.name))

    @property
    def chosen(self) -> AttendanceStatus | None:
        value = self.status.currentData()
        return AttendanceStatus(value) if value else None

    def set_editable(self, editable: bool) -> None:
        for widget in (self.status, self.arrived, self.left):
            widget.setEnabled(editable)


class AttendancePanel(QWidget):
    """The attendance page of meeting mode."""

    changed = Signal()  # attendance or guests were saved: the quorum may differ

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._meeting_id = 0
        self._editable = False
        self._neighbourhood_id = 0
        self.rows: list[PersonRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Attendance")))
        self.hint = plain_label(
            _(
                "Residents and the community worker present have a vote and count for the "
                "quorum. Fill in a time only for someone who came late or left early."
            )
        )
        layout.addWidget(self.hint)
        layout.addWidget(self._leading_box())
        self.all_present = QPushButton(_("Everyone not yet recorded is &present"))
        self.all_present.clicked.connect(self._on_all_present_clicked)
        layout.addWidget(self.all_present)
        self.people_box = SectionBox(_("Members"))
        self.grid = QGridLayout(self.people_box)
        layout.addWidget(self.people_box)
        self.guests_box = SectionBox(_("Guests"))
        guests = QVBoxLayout(self.guests_box)
        self.guest_list = QVBoxLayout()
        guests.addLayout(self.guest_list)
        form = QHBoxLayout()
        self.guest_name = QLineEdit()
        self.guest_name.setPlaceholderText(_("Name"))
        self.guest_name.setAccessibleName(_("Name of the guest"))
        self.guest_organisation = QLineEdit()
        self.guest_organisation.setPlaceholderText(_("Organisation (optional)"))
        self.guest_organisation.setAccessibleName(_("Organisation of the guest"))
        self.add_guest_button = QPushButton(_("Add &guest"))
        self.add_guest_button.clicked.connect(self._on_add_guest_clicked)
        self.guest_name.returnPressed.connect(self._on_add_guest_clicked)
        self.guest_organisation.returnPressed.connect(self._on_add_guest_clicked)
        form.addWidget(self.guest_name, 2)
        form.addWidget(self.guest_organisation, 2)
        form.addWidget(self.add_guest_button)
        guests.addLayout(form)
        layout.addWidget(self.guests_box)
        layout.addStretch(1)

    def _leading_box(self) -> QGroupBox:
        """Who chairs and who takes the minutes (they sign them), and the team's quorum."""
        box = SectionBox(_("Chair, minutes and quorum"))
        row = QHBoxLayout(box)
        self.chair = QComboBox()
        self.chair.setAccessibleName(_("Chair"))
        self.secretary = QComboBox()
        self.secretary.setAccessibleName(_("Minutes by"))
        self.quorum = QSpinBox()
        self.quorum.setRange(1, MAX_QUORUM)
        self.quorum.setAccessibleName(_("Quorum: people with a vote needed to decide"))
        for text, field in (
            (_("C&hair:"), self.chair),
            (_("&Minutes by:"), self.secretary),
            (_("&Quorum:"), self.quorum),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field, 1 if field is not self.quorum else 0)
        self.chair.currentIndexChanged.connect(self._on_people_changed)
        self.secretary.currentIndexChanged.connect(self._on_people_changed)
        self.quorum.editingFinished.connect(self._on_quorum_finished)
        return box

    def _fill_leading(self, minutes: Minutes) -> None:
        head = minutes.head
        for combo, chosen in ((self.chair, head.chair_id), (self.secretary, head.secretary_id)):
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem("—", None)
                for person in minutes.people:
                    combo.addItem(person.name, person.id)
                combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.setEnabled(self._editable)
        with QSignalBlocker(self.quorum):
            self.quorum.setValue(head.quorum)
        self._neighbourhood_id = head.neighbourhood_id

    def _on_people_changed(self) -> None:
        if self._db is None or not self._editable:
            return
        try:
            set_minutes_people(
                self._db,
                self._meeting_id,
                self.chair.currentData(),
                self.secretary.currentData(),
            )
        except BuurtteamError as error:
            dialogs.show_error(self, error)

    def _on_quorum_finished(self) -> None:
        if self._db is None:
            return
        try:
            set_quorum(self._db, self._neighbourhood_id, self.quorum.value())
        except BuurtteamError as error:
            dialogs.show_error(self, error)
        self.changed.emit()

    def show_minutes(self, db: Database, minutes: Minutes) -> None:
        self._db, self._meeting_id = db, minutes.head.id
        self._editable = minutes.head.editable
        self._fill_leading(minutes)
        self._fill_people(minutes.attendance)
        self._fill_guests(minutes.guests)
        for widget in (self.all_present, self.guest_name, self.guest_organisation):
            widget.setEnabled(self._editable)
        self.add_guest_button.setEnabled(self._editable)

    def _fill_people(self, lines: tuple[AttendanceLine, ...]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        for column, text in enumerate(
            (_("Name"), _("Role"), _("Attendance"), _("Came at"), _("Left at"))
        ):
            self.grid.addWidget(plain_label(text, bold=True), 0, column)
        for number, line in enumerate(lines, start=1):
            row = PersonRow(line)
            row.set_editable(self._editable)
            for column, widget in enumerate(
                (row.name, row.roles, row.status, row.arrived, row.left)
            ):
                self.grid.addWidget(widget, number, column)
            row.status.currentIndexChanged.connect(lambda _i, r=row: self._save(r))
            row.arrived.editingFinished.connect(lambda r=row: self._save(r))
            row.left.editingFinished.connect(lambda r=row: self._save(r))
            self.rows.append(row)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 1)

    def show_guests(self, guests: tuple[GuestLine, ...]) -> None:
        """The guest list again (after one came or went); the members' rows stay as they are."""
        self._fill_guests(guests)

    def _fill_guests(self, guests: tuple[GuestLine, ...]) -> None:
        while self.guest_list.count():
            item = self.guest_list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not guests:
            self.guest_list.addWidget(plain_label(_("No guests.")))
        for guest in guests:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            text = f"{guest.name} ({guest.organisation})" if guest.organisation else guest.name
            row.addWidget(plain_label(text), 1)
            remove = QPushButton(_("Remove"))
            remove.setAccessibleName(_("Remove guest {name}").format(name=guest.name))
            remove.setEnabled(self._editable)
            remove.clicked.connect(lambda _c=False, g=guest.id: self._on_remove_guest(g))
            row.addWidget(remove)
            self.guest_list.addWidget(line)

    def row_of(self, name: str) -> PersonRow:
        for row in self.rows:
            if row.name.text() == name:
                return row
        raise KeyError(name)

    def _save(self, row: PersonRow) -> None:
        if self._db is None or not self._editable:
            return
        status = row.chosen
        present = status is AttendanceStatus.PRESENT
        try:
            set_attendance(
                self._db,
                self._meeting_id,
                row.person_id,
                status,
                time_of(row.arrived) if present else None,
                time_of(row.left) if present else None,
            )
        except BuurtteamError as error:
            dialogs.show_error(self, error)
        if not present:
            # Times belong to someone present; clear them so the screen says what is stored.
            for field in (row.arrived, row.left):
                field.clear()
        self.changed.emit()

    def _on_all_present_clicked(self) -> None:
        for row in self.rows:
            if row.chosen is None:
                row.status.setCurrentIndex(row.status.findData(AttendanceStatus.PRESENT.value))

    def _on_add_guest_clicked(self) -> None:
        if self._db is None or not self._editable:
            return
        try:
            add_guest(
                self._db,
                self._meeting_id,
                self.guest_name.text(),
                self.guest_organisation.text() or None,
            )
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        self.guest_name.clear()
        self.guest_organisation.clear()
        self.guest_name.setFocus()
        self.changed.emit()

    def _on_remove_guest(self, guest_id: int) -> None:
        if self._db is None:
            return
        try:
            remove_guest(self._db, guest_id)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
        self.changed.emit()
