"""Kwesties: the neighbourhood's current issues, their dated steps and the escalation ladder.

The list says for every issue which rung of the ladder it has reached and whether a reply
is overdue (in words, with a symbol). The chosen issue shows its steps as a timeline, the
ladder with the date each rung was reached and the next step, the contract points and
agenda items it is linked to. A letter is printed from a simple template and recorded as
a step, so its reply is chased.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from buurtteam.domain.contract import LADDER, RUNG_STEP, Rung
from buurtteam.domain.letters import UnansweredLetter
from buurtteam.domain.vocab import IssueStatus, StepKind
from buurtteam.errors import N_, BuurtteamError
from buurtteam.i18n import _
from buurtteam.i18n.format import datum_long, tijd
from buurtteam.i18n.labels import issue_status_label, point_status_label, step_kind_label
from buurtteam.ops.editing import Started
from buurtteam.ops.issues import (
    IssueDetail,
    IssueInput,
    IssueLine,
    IssuesView,
    StepInput,
    add_step,
    create_issue,
    edit_issue,
    escalate,
    issue_detail,
    issues_view,
    item_options,
    letter_defaults,
    link_agenda_item,
    link_point,
    point_options,
    print_letter,
    unlink_agenda_item,
    unlink_point,
)
from buurtteam.reports.letter import LetterData
from buurtteam.store.db import Database
from buurtteam.ui import conflict, dialogs
from buurtteam.ui.dialogs_contract import (
    StayOpen,
    SubmitDialog,
    date_edit,
    note_edit,
    party_combo,
    plain,
    to_date,
)
from buurtteam.ui.pages import SUBHEADING_SCALE, Page, heading, plain_label
from buurtteam.ui.section import SectionBox
from buurtteam.ui.table import ROW_ROLE, Column, TableSection

NOTHING = "—"
LATE_MARK = "⚠"
REACHED_MARK = "✓"
OPEN_MARK = "○"

_RUNG_LABELS = {
    Rung.SIGNAL: N_("signal the problem"),
    Rung.ASK_AT_MEETING: N_("ask the party at the next meeting"),
    Rung.LETTER: N_("write a letter"),
    Rung.REMINDER: N_("send a reminder"),
    Rung.COUNCIL: N_("put it to the municipal council"),
}


# What the list says an issue has reached, in the past tense.
_REACHED_LABELS = {
    Rung.SIGNAL: N_("signalled"),
    Rung.ASK_AT_MEETING: N_("asked at a meeting"),
    Rung.LETTER: N_("letter sent"),
    Rung.REMINDER: N_("reminder sent"),
    Rung.COUNCIL: N_("put to the council"),
}


def rung_label(rung: Rung) -> str:
    return _(_RUNG_LABELS[rung])


def reached_label(rung: Rung) -> str:
    return _(_REACHED_LABELS[rung])


def late_text(letter: UnansweredLetter, party: str | None = None) -> str:
    return _(
        "{mark} No reply: the letter of {date} to {to} has waited {weeks} weeks "
        "(reply expected by {due})."
    ).format(
        mark=LATE_MARK,
        date=datum_long(letter.sent_on),
        to=letter.to or party or _("the party"),
        weeks=letter.weeks_waiting,
        due=datum_long(letter.reply_due),
    )


def _columns() -> list[Column[IssueLine]]:
    return [
        Column(
            _("Attention"),
            lambda i: _("{mark} reply overdue").format(mark=LATE_MARK) if i.reply_overdue else "",
        ),
        Column(_("Issue"), lambda i: i.title, stretch=True),
        Column(_("Party"), lambda i: i.party or NOTHING),
        Column(_("Status"), lambda i: issue_status_label(i.status)),
        Column(_("Escalation"), lambda i: reached_label(i.rung)),
        Column(_("Last step"), lambda i: datum_long(i.last_step_on) if i.last_step_on else NOTHING),
    ]


def step_text(date: dt.date, kind: StepKind, text: str, to: str | None) -> str:
    first = f"{datum_long(date)} — {step_kind_label(kind)}"
    if to:
        first += " " + _("to {to}").format(to=to)
    return f"{first}\n{text}"


# -- dialogs ------------------------------------------------------------------------------


class IssueDialog(SubmitDialog[IssueInput]):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        view: IssuesView,
        today: dt.date,
        existing: IssueDetail | None = None,
        submit: Callable[[IssueInput], object] | None = None,
    ) -> None:
        super().__init__(parent, _("Edit issue") if existing else _("New issue"), submit)
        self.title = QLineEdit(existing.title if existing else "")
        self.title.setAccessibleName(_("Title"))
        self.description = note_edit(_("Description"))
        self.description.setPlainText(existing.description or "" if existing else "")
        self.raised_on = date_edit(existing.raised_on if existing else today, _("Raised on"))
        self.raised_by = QComboBox()
        self.raised_by.setAccessibleName(_("Raised by"))
        self.raised_by.addItem(_("(nobody named)"), None)
        for person in view.people:
            self.raised_by.addItem(person.name, person.id)
        if existing and existing.raised_by:
            self.raised_by.setCurrentIndex(self.raised_by.findData(existing.raised_by.id))
        self.party = party_combo(view.parties, None, _("Party that should act"))
        self.party.insertItem(0, _("(no party yet)"), None)
        chosen = existing.party.id if existing and existing.party else None
        self.party.setCurrentIndex(max(self.party.findData(chosen), 0) if chosen else 0)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        for status in IssueStatus:
            self.status.addItem(issue_status_label(status), status.value)
        if existing:
            self.status.setCurrentIndex(self.status.findData(existing.status.value))
        form = QFormLayout()
        form.addRow(_("&Title:"), self.title)
        form.addRow(_("&Description:"), self.description)
        form.addRow(_("Raised &on:"), self.raised_on)
        form.addRow(_("Raised &by:"), self.raised_by)
        form.addRow(_("&Party that should act:"), self.party)
        form.addRow(_("&Status:"), self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.finish()
        self.title.setFocus()

    def values(self) -> IssueInput:
        return IssueInput(
            title=self.title.text(),
            raised_on=to_date(self.raised_on),
            description=self.description.toPlainText(),
            raised_by_id=self.raised_by.currentData(),
            party_id=self.party.currentData(),
            status=IssueStatus(self.status.currentData()),
        )


class StepDialog(SubmitDialog[StepInput]):
    """A dated step: letter sent (to whom), reply received, reminder, meeting, note."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        today: dt.date,
        kind: StepKind = StepKind.NOTE,
        to: str = "",
        kinds: Sequence[StepKind] = tuple(StepKind),
        title: str | None = None,
        submit: Callable[[StepInput], object] | None = None,
    ) -> None:
        super().__init__(parent, title or _("Add a step"), submit)
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of step"))
        for option in kinds:
            self.kind.addItem(step_kind_label(option), option.value)
        self.kind.setCurrentIndex(max(self.kind.findData(kind.value), 0))
        self.date = date_edit(today, _("Date"))
        self.text = note_edit(_("What happened"))
        self.to = QLineEdit(to)
        self.to.setAccessibleName(_("To whom"))
        form = QFormLayout()
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&Date:"), self.date)
        form.addRow(_("&What happened:"), self.text)
        form.addRow(_("T&o whom:"), self.to)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.finish()
        self.text.setFocus()

    def values(self) -> StepInput:
        return StepInput(
            to_date(self.date),
            StepKind(self.kind.currentData()),
            self.text.toPlainText(),
            self.to.text(),
        )


class LetterDialog(SubmitDialog[LetterData]):
    """The letter template: sender, addressee, place and date, subject, text, signature."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        letter: LetterData,
        submit: Callable[[LetterData], object] | None = None,
    ) -> None:
        super().__init__(parent, _("Print a letter"), submit)
        self.resize(640, 600)
        self.sender_edit = note_edit(_("Sender"))
        self.sender_edit.setPlainText(letter.sender)
        self.sender_edit.setMinimumHeight(50)
        self.addressee = note_edit(_("Addressee"))
        self.addressee.setPlainText(letter.addressee)
        self.addressee.setMinimumHeight(50)
        self.place = QLineEdit(letter.place or "")
        self.place.setAccessibleName(_("Place"))
        self.date = date_edit(letter.date, _("Date"))
        self.subject = QLineEdit(letter.subject)
        self.subject.setAccessibleName(_("Subject"))
        self.body = note_edit(_("Text of the letter"))
        self.body.setPlainText(letter.body)
        self.body.setMinimumHeight(180)
        self.signature = note_edit(_("Signature"))
        self.signature.setPlainText(letter.signature)
        self.signature.setMinimumHeight(50)
        form = QFormLayout()
        form.addRow(_("&Sender:"), self.sender_edit)
        form.addRow(_("&Addressee:"), self.addressee)
        form.addRow(_("&Place:"), self.place)
        form.addRow(_("&Date:"), self.date)
        form.addRow(_("S&ubject:"), self.subject)
        form.addRow(_("&Text:"), self.body)
        form.addRow(_("Si&gnature:"), self.signature)
        self.ok_button.setText(_("Print and record"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            plain(
                _(
                    "The letter is saved as a PDF to print, and recorded as a step: if no "
                    "reply comes in time, the Overview says so."
                )
            )
        )
        layout.addWidget(self.buttons)
        self.finish()

    def values(self) -> LetterData:
        return LetterData(
            sender=self.sender_edit.toPlainText(),
            addressee=self.addressee.toPlainText(),
            place=self.place.text(),
            date=to_date(self.date),
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            signature=self.signature.toPlainText(),
        )


@dataclass(frozen=True)
class Choice:
    id: int
    text: str


class ChooseDialog(QDialog):
    """Pick one of a list (a contract point, an agenda item), filtered by typing."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        choices: Sequence[Choice],
        chosen: Callable[[int], None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(560, 460)
        self._chosen = chosen
        self.filter = QLineEdit()
        self.filter.setAccessibleName(_("Search"))
        self.filter.setPlaceholderText(_("Search..."))
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        for choice in choices:
            item = QListWidgetItem(choice.text)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            self.list.addItem(item)
        if choices:
            self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.filter.textChanged.connect(self._on_filter_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(self.sizeHint())
        self.filter.setFocus()

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(word in item.text().casefold() for word in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = row
        if first_visible is not None:
            self.list.setCurrentRow(first_visible)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        try:
            self._chosen(int(item.data(Qt.ItemDataRole.UserRole)))
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        super().accept()


# -- the detail ---------------------------------------------------------------------------


class IssuePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label(scale=SUBHEADING_SCALE, bold=True)
        self.title.setAccessibleName(_("Chosen issue"))
        self.raised = plain_label()
        self.party = plain_label()
        self.status = plain_label()
        self.description = plain_label()
        self.description.setAccessibleName(_("Description"))
        self.late = plain_label(bold=True)
        self.late.setAccessibleName(_("Reply overdue"))
        form = QFormLayout()
        form.addRow(_("Raised:"), self.raised)
        form.addRow(_("Party that should act:"), self.party)
        form.addRow(_("Status:"), self.status)

        self.ladder_group = SectionBox(_("Escalation ladder"))
        ladder_layout = QVBoxLayout(self.ladder_group)
        self.rungs: dict[Rung, QLabel] = {}
        for rung in LADDER:
            label = plain_label()
            label.setAccessibleName(rung_label(rung))
            self.rungs[rung] = label
            ladder_layout.addWidget(label)
        self.next_step = plain_label(bold=True)
        self.escalate_button = QPushButton(_("Record the &next step..."))
        ladder_layout.addWidget(self.next_step)
        ladder_layout.addWidget(self.escalate_button)

        self.steps = QListWidget()
        self.steps.setAccessibleName(_("Steps"))
        self.steps.setWordWrap(True)
        self.steps.setAlternatingRowColors(True)
        self.step_button = QPushButton(_("&Add a step..."))
        self.letter_button = QPushButton(_("Print a &letter..."))
        self.edit_button = QPushButton(_("&Edit issue..."))
        steps_group = SectionBox(_("Steps"))
        steps_layout = QVBoxLayout(steps_group)
        steps_layout.addWidget(self.steps, 1)
        step_buttons = QHBoxLayout()
        for button in (self.step_button, self.letter_button, self.edit_button):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        steps_layout.addLayout(step_buttons)

        self.points = QListWidget()
        self.points.setAccessibleName(_("Linked contract points"))
        self.link_point_button = QPushButton(_("Link a contract point..."))
        self.unlink_point_button = QPushButton(_("Remove link"))
        self.unlink_point_button.setAccessibleName(_("Remove the link to the contract point"))
        self.items = QListWidget()
        self.items.setAccessibleName(_("Linked agenda items"))
        self.link_item_button = QPushButton(_("Link an agenda item..."))
        self.unlink_item_button = QPushButton(_("Remove link"))
        self.unlink_item_button.setAccessibleName(_("Remove the link to the agenda item"))
        links = SectionBox(_("Linked to"))
        links_layout = QVBoxLayout(links)
        for caption, widget, buttons in (
            (
                _("Contract points:"),
                self.points,
                (self.link_point_button, self.unlink_point_button),
            ),
            (_("Agenda items:"), self.items, (self.link_item_button, self.unlink_item_button)),
        ):
            links_layout.addWidget(plain(caption))
            widget.setMaximumHeight(90)
            links_layout.addWidget(widget)
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            links_layout.addLayout(row)

        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.late)
        left.addLayout(form)
        left.addWidget(self.description)
        left.addWidget(self.ladder_group)
        left.addWidget(links)
        left.addStretch(1)
        self.details = QWidget()
        details = QHBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(left, 1)
        details.addWidget(steps_group, 1)
        self.empty = plain_label(_("Choose an issue in the list to see its steps."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.details, 1)
        self.show_issue(None)

    def show_issue(self, issue: IssueDetail | None) -> None:
        self.details.setVisible(issue is not None)
        self.empty.setVisible(issue is None)
        if issue is None:
            return
        self.title.setText(issue.title)
        raised = datum_long(issue.raised_on)
        if issue.raised_by:
            raised = _("{date}, by {name}").format(date=raised, name=issue.raised_by.name)
        self.raised.setText(raised)
        self.party.setText(issue.party.name if issue.party else NOTHING)
        self.status.setText(issue_status_label(issue.status))
        self.description.setText(issue.description or "")
        self.description.setVisible(bool(issue.description))
        self.late.setVisible(issue.reply_overdue is not None)
        party = issue.party.name if issue.party else None
        self.late.setText(late_text(issue.reply_overdue, party) if issue.reply_overdue else "")
        for reached in issue.ladder:
            label = self.rungs[reached.rung]
            if reached.on is not None:
                label.setText(
                    _("{mark} {rung}: {date}").format(
                        mark=REACHED_MARK,
                        rung=rung_label(reached.rung),
                        date=datum_long(reached.on),
                    )
                )
            else:
                label.setText(
                    _("{mark} {rung}: not yet").format(
                        mark=OPEN_MARK, rung=rung_label(reached.rung)
                    )
                )
        if issue.next_rung is not None:
            self.next_step.setText(_("Next step: {rung}").format(rung=rung_label(issue.next_rung)))
        elif issue.status is IssueStatus.OPEN:
            self.next_step.setText(_("The whole ladder has been climbed."))
        else:
            self.next_step.setText(_("The issue is closed."))
        self.escalate_button.setEnabled(issue.next_rung is not None)
        self.steps.clear()
        for step in issue.steps:
            self.steps.addItem(step_text(step.date, step.kind, step.text, step.to))
        if not issue.steps:
            self.steps.addItem(_("No steps recorded yet."))
        self.steps.scrollToBottom()
        self.points.clear()
        for point in issue.points:
            item = QListWidgetItem(
                _("{contract}, point {number}: {title} ({status})").format(
                    contract=point.contract_title,
                    number=point.number,
                    title=point.title,
                    status=point_status_label(point.status),
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, point.point_id)
            self.points.addItem(item)
        self.items.clear()
        for linked in issue.agenda_items:
            item = QListWidgetItem(
                _("Meeting of {date}: {title}").format(
                    date=datum_long(linked.meeting_on), title=linked.title
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, linked.agenda_item_id)
            self.items.addItem(item)


# -- the page -----------------------------------------------------------------------------


class IssuesPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._hood: int | None = None
        self._today = dt.date.today()
        self._view: IssuesView | None = None
        self._issue: IssueDetail | None = None
        self.dialog: QWidget | None = None

        self.title = heading(_("Issues"))
        self.reply_term = plain_label()
        self.new_button = QPushButton(_("&New issue..."))
        top = QHBoxLayout()
        top.addWidget(self.reply_term, 1)
        top.addWidget(self.new_button)
        self.section: TableSection[IssueLine] = TableSection(
            _columns(),
            name=_("Neighbourhood issues"),
            empty_text=_("No neighbourhood issues have been recorded yet."),
            emphasis=lambda i: i.reply_overdue is not None,
        )
        self.panel = IssuePanel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.panel)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.section)
        self.splitter.addWidget(scroll)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.section.view.selectionModel().currentRowChanged.connect(self._on_issue_changed)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.panel.edit_button.clicked.connect(self._on_edit_clicked)
        self.panel.step_button.clicked.connect(self._on_step_clicked)
        self.panel.escalate_button.clicked.connect(self._on_escalate_clicked)
        self.panel.letter_button.clicked.connect(self._on_letter_clicked)
        self.panel.link_point_button.clicked.connect(self._on_link_point_clicked)
        self.panel.unlink_point_button.clicked.connect(self._on_unlink_point_clicked)
        self.panel.link_item_button.clicked.connect(self._on_link_item_clicked)
        self.panel.unlink_item_button.clicked.connect(self._on_unlink_item_clicked)

    def load(self, db: Database, neighbourhood_id: int, today: dt.date) -> None:
        if neighbourhood_id != self._hood:
            self._issue = None
        self._db, self._hood, self._today = db, neighbourhood_id, today
        self.refresh()

    def refresh(self, select_issue: int | None = None) -> None:
        if self._db is None or self._hood is None:
            return
        keep = (
            select_issue if select_issue is not None else (self._issue.id if self._issue else None)
        )
        view = issues_view(self._db, self._hood, self._today)
        self._view = view
        self.reply_term.setText(
            _(
                "A letter without a reply after {weeks} weeks is flagged, here and on the Overview."
            ).format(weeks=view.reply_weeks)
        )
        self.section.set_rows(view.issues)
        self._select(keep)

    def _select(self, issue_id: int | None) -> None:
        view = self.section.view
        model = self.section.model
        for row in range(model.rowCount()):
            if model.row(row).id == issue_id:
                index = model.index(row, 1)
                view.setCurrentIndex(index)
                view.scrollTo(index)
                self._show_issue(issue_id)
                return
        view.clearSelection()
        self._show_issue(None)

    def _show_issue(self, issue_id: int | None) -> None:
        if issue_id is None or self._db is None:
            self._issue = None
        else:
            try:
                self._issue = issue_detail(self._db, issue_id, self._today)
            except BuurtteamError as error:
                dialogs.show_error(self, error)
                self._issue = None
        self.panel.show_issue(self._issue)

    def _reload(self, select_issue: int | None = None) -> None:
        try:
            self.refresh(select_issue)
        except BuurtteamError as error:
            dialogs.show_error(self, error)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._on_dialog_destroyed)
        dialog.open()

    # Slots

    def _on_dialog_destroyed(self) -> None:
        self.dialog = None

    def _on_issue_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        issue = current.data(ROW_ROLE) if current.isValid() else None
        if issue is not None and (self._issue is None or self._issue.id != issue.id):
            self._show_issue(issue.id)

    def _on_new_clicked(self) -> None:
        if self._db is None or self._hood is None or self._view is None:
            return
        db, hood, today = self._db, self._hood, self._today

        def submit(data: IssueInput) -> None:
            self._reload(create_issue(db, hood, data, today))

        self._open(IssueDialog(self, view=self._view, today=today, submit=submit))

    def _on_edit_clicked(self) -> None:
        if self._db is None or self._view is None or self._issue is None:
            return
        db, issue, today = self._db, self._issue, self._today

        def save(data: IssueInput, started: Started | None) -> None:
            edit_issue(db, issue.id, data, today, started)

        def submit(data: IssueInput) -> None:
            conflict.save_checked(self.dialog, save, data, issue.started(), today)
            self._reload(issue.id)

        self._open(IssueDialog(self, view=self._view, today=today, existing=issue, submit=submit))

    def _on_step_clicked(self) -> None:
        if self._db is None or self._issue is None:
            return
        db, issue, today = self._db, self._issue, self._today

        def submit(data: StepInput) -> None:
            add_step(db, issue.id, data, today)
            self._reload(issue.id)

        self._open(StepDialog(self, today=today, submit=submit))

    def _on_escalate_clicked(self) -> None:
        if self._db is None or self._issue is None:
            return
        db, issue, today = self._db, self._issue, self._today
        rung = issue.next_rung
        if rung is None:
            return

        def submit(data: StepInput) -> None:
            escalate(db, issue.id, data, today)
            self._reload(issue.id)

        to = issue.party.name if issue.party and rung is not Rung.COUNCIL else ""
        self._open(
            StepDialog(
                self,
                today=today,
                kind=RUNG_STEP[rung],
                kinds=(RUNG_STEP[rung],),
                to=to,
                title=_("Next step: {rung}").format(rung=rung_label(rung)),
                submit=submit,
            )
        )

    def _on_letter_clicked(self) -> None:
        if self._db is None or self._issue is None:
            return
        db, issue, today = self._db, self._issue, self._today
        try:
            letter = letter_defaults(db, issue.id, today)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return

        def submit(data: LetterData) -> None:
            stem = _("letter")
            suggested = Path.home() / f"{stem}-{issue.public_id}-{data.date.isoformat()}.pdf"
            target = dialogs.ask_save_file(
                self, _("Save the letter as PDF"), suggested, _("PDF files (*.pdf)")
            )
            if target is None:
                raise StayOpen
            print_letter(db, issue.id, data, target, today)
            self._reload(issue.id)

        self._open(LetterDialog(self, letter=letter, submit=submit))

    def _on_link_point_clicked(self) -> None:
        if self._db is None or self._hood is None or self._issue is None:
            return
        db, issue = self._db, self._issue
        try:
            options = point_options(db, self._hood, self._today)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        linked = {p.point_id for p in issue.points}
        choices = [
            Choice(
                o.point_id,
                _("{contract}, point {number}: {title}").format(
                    contract=o.contract_title, number=o.number, title=o.title
                ),
            )
            for o in options
            if o.point_id not in linked
        ]

        def chosen(point_id: int) -> None:
            link_point(db, issue.id, point_id)
            self._reload(issue.id)

        self._open(ChooseDialog(self, _("Link a contract point"), choices, chosen))

    def _on_unlink_point_clicked(self) -> None:
        item = self.panel.points.currentItem()
        if self._db is None or self._issue is None or item is None:
            return
        try:
            unlink_point(self._db, self._issue.id, int(item.data(Qt.ItemDataRole.UserRole)))
        except BuurtteamError as error:
            dialogs.show_error(self, error)
        self._reload(self._issue.id)

    def _on_link_item_clicked(self) -> None:
        if self._db is None or self._hood is None or self._issue is None:
            return
        db, issue = self._db, self._issue
        try:
            options = item_options(db, self._hood)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        linked = {i.agenda_item_id for i in issue.agenda_items}
        choices = [
            Choice(
                o.agenda_item_id,
                _("Meeting of {date} {time}: {title}").format(
                    date=datum_long(o.meeting_on), time=tijd(o.meeting_on), title=o.title
                ),
            )
            for o in options
            if o.agenda_item_id not in linked
        ]

        def chosen(item_id: int) -> None:
            link_agenda_item(db, issue.id, item_id)
            self._reload(issue.id)

        self._open(ChooseDialog(self, _("Link an agenda item"), choices, chosen))

    def _on_unlink_item_clicked(self) -> None:
        item = self.panel.items.currentItem()
        if self._db is None or self._issue is None or item is None:
            return
        try:
            unlink_agenda_item(self._db, self._issue.id, int(item.data(Qt.ItemDataRole.UserRole)))
        except BuurtteamError as error:
            dialogs.show_error(self, error)
        self._reload(self._issue.id)
