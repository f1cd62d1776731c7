"""Buurtbudget: the year at a glance, who is still waiting, and every proposal's way through.

The page answers "how much is left this year, and who is still waiting for money?" in one
look: the ledger with a small chart on the left, the people waiting (for money or for a
decision) on the right, the year's proposals below with the chosen one's details.

Every change goes through an op in `buurtteam.ops.budget`; the dialogs keep what was typed
when the op refuses, show the Dutch reason and stay open. They open window-modal with
`open()`, so a test (or a person) fills them in like any other window. `DecideDialog` is
reusable: meeting mode can open it with its own meeting chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QRectF, QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from buurtteam.domain.budget import Decision, DecisionKind, Ledger, ThemeTotal, Votes
from buurtteam.domain.money import ZERO, parse_amount
from buurtteam.domain.vocab import ProposalStatus
from buurtteam.errors import N_, BuurtteamError
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, datum_long, euro, number, tijd
from buurtteam.i18n.labels import proposal_status_label
from buurtteam.ops.budget import (
    IntakeChoices,
    MeetingChoice,
    ProposalIntake,
    ProposalLine,
    YearBudget,
    budget_years,
    decide_proposal,
    decision_meetings,
    intake_choices,
    next_meeting_after,
    preview_grant,
    print_budget_overview,
    print_decision_letter,
    record_carry_over,
    record_payment,
    remove_payment,
    set_not_regular_maintenance,
    set_year_amount,
    take_in_proposal,
    year_budget,
)
from buurtteam.ops.finance_export import export_finance
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.pages import Page, heading, plain_label
from buurtteam.ui.section import SectionBox
from buurtteam.ui.table import ROW_ROLE, Column, TableSection

NOTHING = "—"
DEFER_WEEKS = 6  # without a next meeting, a deferral runs to about one meeting later
WARNING_MARK = "⚠"

REGULAR_MAINTENANCE_HELP = N_(
    "Regular maintenance is work the municipality or the housing corporation has to do and "
    "pay for anyway: broken paving, pruning, replacing a street lamp, repairing play "
    "equipment. The neighbourhood budget is for residents' own wishes on top of that."
)


def regular_maintenance_help() -> str:
    return _(REGULAR_MAINTENANCE_HELP)


# -- small building blocks ------------------------------------------------------------------


def amount_for_editing(amount: Decimal) -> str:
    """An amount as a person would type it back: `1234,50`."""
    return f"{amount:.2f}".replace(".", ",")


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setAccessibleName(name)
    return edit


def _to_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _text_edit(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setMinimumHeight(64)
    return edit


def _line_edit(name: str, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def _wide_combo() -> QComboBox:
    """A combo box that takes the width of the form, like the line edits beside it."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def meeting_text(meeting: MeetingChoice) -> str:
    return f"{datum(meeting.starts_at.date())}, {tijd(meeting.starts_at)}"


def status_text(p: ProposalLine) -> str:
    """The status in words, with what a reader needs next to it."""
    label = proposal_status_label(p.status)
    if p.status is ProposalStatus.GRANTED and p.is_partial:
        return _("{status} (in part)").format(status=label)
    if p.status is ProposalStatus.DEFERRED and p.deferred_until:
        return _("on hold until {date}").format(date=datum_long(p.deferred_until))
    return label


# -- the chart ------------------------------------------------------------------------------


class BudgetChart(QWidget):
    """Three bars on one scale: the budget (open), granted (hatched), paid (filled).

    The patterns and the words beside the bars tell them apart without colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, Decimal, str, Qt.BrushStyle]] = []
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Chart of granted and paid against the budget"))

    def show_ledger(self, figures: Ledger | None) -> None:
        if figures is None:
            self._bars = []
            self.setAccessibleDescription("")
        else:
            budget = figures.available - figures.carried_out
            self._bars = [
                (_("Budget"), budget, euro(budget), Qt.BrushStyle.NoBrush),
                (_("Granted"), figures.granted, euro(figures.granted), Qt.BrushStyle.BDiagPattern),
                (_("Paid"), figures.paid, euro(figures.paid), Qt.BrushStyle.SolidPattern),
            ]
            self.setAccessibleDescription(
                "; ".join(f"{label}: {amount}" for label, _v, amount, _b in self._bars)
            )
        self.setVisible(bool(self._bars))
        self.update()

    @property
    def bars(self) -> list[tuple[str, Decimal, str]]:
        return [(label, value, amount) for label, value, amount, _brush in self._bars]

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        label_width = max(metrics.horizontalAdvance(b[0]) for b in self._bars) + 10
        amount_width = max(metrics.horizontalAdvance(b[2]) for b in self._bars) + 12
        track = max(self.width() - label_width - amount_width, 10)
        row = self.height() / len(self._bars)
        bar_height = min(row * 0.6, metrics.height() * 1.4)
        scale = max(b[1] for b in self._bars)
        for index, (label, value, amount, brush) in enumerate(self._bars):
            top = index * row + (row - bar_height) / 2
            share = float(value / scale) if scale > 0 and value > 0 else 0.0
            width = track * min(share, 1.0)
            painter.setPen(text_colour)
            baseline = top + (bar_height + metrics.ascent() - metrics.descent()) / 2
            painter.drawText(0, int(baseline), label)
            painter.setPen(QPen(text_colour, 1.2))
            painter.setBrush(QBrush(text_colour, brush))
            painter.drawRect(QRectF(label_width, top, max(width, 1.5), bar_height))
            painter.drawText(int(label_width + width + 6), int(baseline), amount)
        painter.end()


# -- the dialogs ----------------------------------------------------------------------------


class IntakeDialog(dialogs.SubmitDialog):
    """A new proposal: who, what, how much, when received, and not regular maintenance."""

    def __init__(
        self,
        parent: QWidget | None,
        choices: IntakeChoices,
        today: date,
        submit: Callable[[ProposalIntake], object],
    ) -> None:
        super().__init__(parent, _("New proposal"))
        self._submit = submit
        self._people = {p.name: p.id for p in choices.people}
        self.title = _line_edit(_("Title"))
        self.title.setPlaceholderText(_("What should the money be for?"))
        self.person = _wide_combo()
        self.person.setEditable(True)
        self.person.setAccessibleName(_("Submitted by"))
        self.person.addItem("")
        for person in choices.people:
            self.person.addItem(person.name, person.id)
        editor = self.person.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(_("Choose, or type the name of a new resident"))
        self.theme = _wide_combo()
        self.theme.setEditable(True)
        self.theme.setAccessibleName(_("Theme"))
        self.theme.addItems(["", *choices.themes])
        self.amount = _line_edit(_("Amount requested"))
        self.amount.setPlaceholderText("1.250,00")
        self.received = _date_edit(today, _("Received on"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setAccessibleName(_("Budget year"))
        self.received.dateChanged.connect(self._on_received_date_changed)
        self.description = _text_edit(_("Description"))
        self.description.setMaximumHeight(120)
        self.not_maintenance = QCheckBox(_("This is &not regular maintenance"))
        self.not_maintenance.setAccessibleName(_("This is not regular maintenance"))
        explanation = plain_label(regular_maintenance_help())
        explanation.setAccessibleName(_("What regular maintenance means"))
        self._row(_("&Title:"), self.title)
        self._row(_("Submitted &by:"), self.person)
        self._row(_("T&heme:"), self.theme)
        self._row(_("&Amount requested:"), self.amount)
        self._row(_("&Received on:"), self.received)
        self._row(_("Budget &year:"), self.year)
        self._row(_("&Description:"), self.description)
        self.form.addRow(self.not_maintenance)
        self.form.addRow(explanation)
        self.finish_layout()
        self.resize(560, self.sizeHint().height())

    def _row(self, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, field)

    def _on_received_date_changed(self, day: QDate) -> None:
        self.year.setValue(day.year())

    def intake(self) -> ProposalIntake:
        name = self.person.currentText().strip()
        person_id = self._people.get(name)
        return ProposalIntake(
            title=self.title.text(),
            amount_requested=self.amount.text(),
            received_on=_to_date(self.received),
            not_regular_maintenance=self.not_maintenance.isChecked(),
            description=self.description.toPlainText() or None,
            theme=self.theme.currentText().strip() or None,
            submitted_by_id=person_id,
            new_person_name=name if name and person_id is None else None,
            year=self.year.value(),
        )

    def submit(self) -> None:
        self._submit(self.intake())


_KIND_TEXT = {
    DecisionKind.GRANT: N_("&Grant"),
    DecisionKind.REJECT: N_("Re&ject"),
    DecisionKind.DEFER: N_("Put on &hold"),
    DecisionKind.WITHDRAW: N_("Record &withdrawal"),
}


def allowed_kinds(proposal: ProposalLine) -> list[DecisionKind]:
    """What can be decided now (the rules refuse the rest anyway, with the reason)."""
    if proposal.awaits_decision:
        return list(DecisionKind)
    if proposal.status is ProposalStatus.GRANTED:
        return [DecisionKind.GRANT] + ([DecisionKind.WITHDRAW] if proposal.paid == ZERO else [])
    return []


class DecideDialog(dialogs.SubmitDialog):
    """The team's decision on one proposal, at a chosen meeting.

    Shows, while typing, what is left to grant in the year before and after the decision.
    `preview(amount, year)` and `next_meeting(meeting_id)` come from the ops; meeting mode
    passes its own meeting as `meeting_id`.
    """

    def __init__(
        self,
        parent: QWidget | None,
        proposal: ProposalLine,
        meetings: Sequence[MeetingChoice],
        *,
        preview: Callable[[Decimal, int], tuple[Decimal, Decimal]],
        next_meeting: Callable[[int], date | None],
        submit: Callable[[Decision], object],
        meeting_id: int | None = None,
    ) -> None:
        super().__init__(parent, _("Decision on a proposal"))
        self._proposal = proposal
        self._preview = preview
        self._next_meeting = next_meeting
        self._submit = submit
        self._meetings = {m.id: m for m in meetings}

        about = plain_label(
            _("{title}\n{who}, {requested} requested; now: {status}.").format(
                title=proposal.title,
                who=proposal.submitted_by or _("submitter unknown"),
                requested=euro(proposal.requested),
                status=status_text(proposal),
            )
        )
        about.setAccessibleName(_("The proposal"))
        self.form.addRow(about)
        self.maintenance_warning = plain_label(
            WARNING_MARK
            + " "
            + _(
                "Not yet confirmed as not regular maintenance: it cannot be granted until that "
                "is confirmed on the budget page."
            ),
            bold=True,
        )
        self.maintenance_warning.setVisible(not proposal.not_regular_maintenance)
        self.form.addRow(self.maintenance_warning)

        self.meeting = QComboBox()
        self.meeting.setAccessibleName(_("Meeting"))
        for meeting in meetings:
            self.meeting.addItem(meeting_text(meeting), meeting.id)
        if meeting_id is not None and self.meeting.findData(meeting_id) >= 0:
            self.meeting.setCurrentIndex(self.meeting.findData(meeting_id))
        self.no_meeting = plain_label(
            _("No meeting has been held yet: a decision is always taken at a meeting.")
        )
        self.no_meeting.setVisible(not meetings)

        self.kind_group = QButtonGroup(self)
        # Two by two, so every choice reads in full even in a narrow dialog.
        kinds = QGridLayout()
        kinds.setContentsMargins(0, 0, 0, 0)
        self.kind_buttons: dict[DecisionKind, QRadioButton] = {}
        allowed = allowed_kinds(proposal)
        for position, kind in enumerate(DecisionKind):
            button = QRadioButton(_(_KIND_TEXT[kind]))
            button.setEnabled(kind in allowed)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button, position // 2, position % 2)
        kind_box = QWidget()
        kind_box.setLayout(kinds)
        kind_box.setAccessibleName(_("Decision"))

        granted = proposal.granted if proposal.status is ProposalStatus.GRANTED else None
        self.amount = _line_edit(
            _("Amount granted"), amount_for_editing(granted or proposal.requested)
        )
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setAccessibleName(_("Charged to the budget of"))
        self.until = _date_edit(date.today(), _("On hold until"))
        self.reason = _text_edit(_("Reason"))
        self.reason.setMaximumHeight(96)
        self.voted = QCheckBox(_("A &vote was taken"))
        self.votes = [QSpinBox() for _i in range(3)]
        votes_row = QHBoxLayout()
        votes_row.setContentsMargins(0, 0, 0, 0)
        for spin, text in zip(
            self.votes, (_("in favour"), _("against"), _("abstained")), strict=True
        ):
            spin.setRange(0, 999)
            spin.setAccessibleName(text)
            spin.setEnabled(False)
            votes_row.addWidget(spin)
            votes_row.addWidget(QLabel(text))
        votes_row.addStretch(1)
        self.voted.toggled.connect(self._on_voted_toggled)
        votes_box = QWidget()
        votes_box.setLayout(votes_row)

        self.before_after = plain_label()
        self.before_after.setAccessibleName(_("Left to grant before and after"))
        self.fit_warning = plain_label(bold=True)
        self.fit_warning.setAccessibleName(_("Does the grant fit?"))

        self._add(_("&Meeting:"), self.meeting)
        self.form.addRow(self.no_meeting)
        self.form.addRow(_("Decision:"), kind_box)
        self.amount_label = self._add(_("&Amount granted:"), self.amount)
        self.year_label = self._add(_("Charged to the &budget of:"), self.year)
        self.until_label = self._add(_("On hold &until:"), self.until)
        self.reason_label = self._add(_("&Reason:"), self.reason)
        self.form.addRow(self.voted, votes_box)
        self.form.addRow(self.before_after)
        self.form.addRow(self.fit_warning)
        self.finish_layout()

        first = allowed[0] if allowed else DecisionKind.GRANT
        if DecisionKind.GRANT in allowed and proposal.not_regular_maintenance:
            first = DecisionKind.GRANT
        elif DecisionKind.REJECT in allowed and not proposal.not_regular_maintenance:
            first = DecisionKind.REJECT
        self.kind_buttons[first].setChecked(True)
        self.kind_group.buttonToggled.connect(self._on_kind_toggled)
        self.meeting.currentIndexChanged.connect(self._on_meeting_changed)
        self.amount.textChanged.connect(self._update_preview)
        self.year.valueChanged.connect(self._update_preview)
        self._on_meeting_changed()
        self._show_fields()
        self.ok_button.setEnabled(bool(meetings) and bool(allowed))
        self.resize(max(640, self.width()), self.sizeHint().height())

    def _add(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, field)
        return label

    @property
    def kind(self) -> DecisionKind:
        for kind, button in self.kind_buttons.items():
            if button.isChecked():
                return kind
        return DecisionKind.GRANT

    def choose(self, kind: DecisionKind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _meeting(self) -> MeetingChoice | None:
        meeting_id = self.meeting.currentData()
        return self._meetings.get(meeting_id) if meeting_id is not None else None

    def _on_meeting_changed(self) -> None:
        meeting = self._meeting()
        if meeting is None:
            return
        held_on = meeting.starts_at.date()
        # Money is charged to the year in which the team decides, unless the proposal
        # already belongs to a later year.
        with QSignalBlocker(self.year):
            self.year.setValue(max(self._proposal.year, held_on.year))
        following = self._next_meeting(meeting.id)
        self.until.setDate(_qdate(following or held_on + timedelta(weeks=DEFER_WEEKS)))
        self._update_preview()

    def _on_kind_toggled(self) -> None:
        self._show_fields()

    def _on_voted_toggled(self, checked: bool) -> None:
        for spin in self.votes:
            spin.setEnabled(checked)

    def _show_fields(self) -> None:
        kind = self.kind
        granting = kind is DecisionKind.GRANT
        for widget in (self.amount, self.amount_label, self.year, self.year_label):
            widget.setVisible(granting)
        for widget in (self.before_after, self.fit_warning):
            widget.setVisible(granting)
        deferring = kind is DecisionKind.DEFER
        self.until.setVisible(deferring)
        self.until_label.setVisible(deferring)
        self.reason_label.setText(
            {
                DecisionKind.GRANT: _("&Explanation (needed when granting less):"),
                DecisionKind.REJECT: _("&Reason (goes in the letter):"),
                DecisionKind.DEFER: _("&Reason (goes in the letter):"),
                DecisionKind.WITHDRAW: _("&Note (optional):"),
            }[kind]
        )
        self._update_preview()

    def _update_preview(self) -> None:
        if self.kind is not DecisionKind.GRANT:
            return
        year = self.year.value()
        try:
            amount = parse_amount(self.amount.text())
        except BuurtteamError:
            self.before_after.setText("")
            self.fit_warning.setText(_("Type the amount like 1.250,00."))
            return
        before, after = self._preview(amount, year)
        self.before_after.setText(
            _("Left to grant in {year}: {before} now, {after} after this decision.").format(
                year=year, before=euro(before), after=euro(after)
            )
        )
        if after < ZERO:
            self.fit_warning.setText(
                WARNING_MARK
                + " "
                + _("Does not fit: {short} too little is left.").format(short=euro(-after))
            )
        elif amount < self._proposal.requested:
            self.fit_warning.setText(
                _("Granted in part: {less} less than requested; say why.").format(
                    less=euro(self._proposal.requested - amount)
                )
            )
        else:
            self.fit_warning.setText(_("Fits in the budget."))

    def decision(self) -> Decision:
        meeting = self._meeting()
        kind = self.kind
        votes = Votes(*(spin.value() for spin in self.votes)) if self.voted.isChecked() else None
        return Decision(
            kind=kind,
            meeting_id=meeting.id if meeting is not None else -1,
            amount=parse_amount(self.amount.text()) if kind is DecisionKind.GRANT else None,
            reason=self.reason.toPlainText() or None,
            until=_to_date(self.until) if kind is DecisionKind.DEFER else None,
            votes=votes,
            year=self.year.value() if kind is DecisionKind.GRANT else None,
        )

    def submit(self) -> None:
        self._submit(self.decision())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PaymentDialog(dialogs.SubmitDialog):
    """Money paid out on a grant: date, amount, invoice; never more than is still open."""

    def __init__(
        self,
        parent: QWidget | None,
        proposal: ProposalLine,
        today: date,
        submit: Callable[[date, str, str | None], object],
    ) -> None:
        super().__init__(parent, _("Record a payment"))
        self._submit = submit
        summary = plain_label(
            _("{title}\nGranted {granted}, paid {paid}, still open {open}.").format(
                title=proposal.title,
                granted=euro(proposal.granted or ZERO),
                paid=euro(proposal.paid),
                open=euro(proposal.to_pay),
            )
        )
        summary.setAccessibleName(_("The grant"))
        self.paid_on = _date_edit(today, _("Paid on"))
        self.amount = _line_edit(_("Amount"), amount_for_editing(proposal.to_pay))
        self.reference = _line_edit(_("Invoice or note"))
        self.reference.setPlaceholderText(_("for example: invoice 2027-031"))
        self.form.addRow(summary)
        for text, field in (
            (_("&Paid on:"), self.paid_on),
            (_("&Amount:"), self.amount),
            (_("&Invoice or note:"), self.reference),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.finish_layout()

    def submit(self) -> None:
        self._submit(_to_date(self.paid_on), self.amount.text(), self.reference.text() or None)


class AmountDialog(dialogs.SubmitDialog):
    """One amount with an explanation: the year's budget, or a carry-over."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        explanation: str,
        label: str,
        amount: Decimal,
        submit: Callable[[str], object],
    ) -> None:
        super().__init__(parent, title)
        self._submit = submit
        self.form.addRow(plain_label(explanation))
        self.amount = _line_edit(label.replace("&", "").rstrip(":"), amount_for_editing(amount))
        field_label = QLabel(label)
        field_label.setBuddy(self.amount)
        self.form.addRow(field_label, self.amount)
        self.finish_layout()
        self.resize(460, self.sizeHint().height())

    def submit(self) -> None:
        self._submit(self.amount.text())


# -- the page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingRow:
    proposal_id: int
    who: str
    title: str
    waits_for: str


def waiting_rows(data: YearBudget) -> list[WaitingRow]:
    """Money first (granted, not all paid), then decisions; oldest first within each."""
    rows = [
        WaitingRow(
            p.id,
            p.submitted_by or NOTHING,
            p.title,
            _("money: {open} of {granted} still to pay").format(
                open=euro(p.to_pay), granted=euro(p.granted or ZERO)
            ),
        )
        for p in data.waiting_for_money
    ]
    rows += [
        WaitingRow(
            p.id,
            p.submitted_by or NOTHING,
            p.title,
            _("a decision ({status}, {amount} requested)").format(
                status=status_text(p), amount=euro(p.requested)
            ),
        )
        for p in data.waiting_for_decision
    ]
    return rows


def _proposal_columns() -> list[Column[ProposalLine]]:
    return [
        Column(_("Proposal"), lambda p: p.title, stretch=True),
        Column(_("Submitted by"), lambda p: p.submitted_by or NOTHING),
        Column(_("Requested"), lambda p: euro(p.requested), right_aligned=True),
        Column(_("Status"), status_text),
        Column(
            _("Granted"),
            lambda p: (
                euro(p.granted)
                if p.status is ProposalStatus.GRANTED and p.granted is not None
                else NOTHING
            ),
            right_aligned=True,
        ),
        Column(_("Paid"), lambda p: euro(p.paid) if p.paid else NOTHING, right_aligned=True),
        Column(
            _("Still to pay"),
            lambda p: euro(p.to_pay) if p.to_pay else NOTHING,
            right_aligned=True,
        ),
    ]


def _theme_columns() -> list[Column[ThemeTotal]]:
    return [
        Column(_("Theme"), lambda t: t.theme or _("(no theme)"), stretch=True),
        Column(_("Proposals"), lambda t: number(t.proposals), right_aligned=True),
        Column(_("Requested"), lambda t: euro(t.requested), right_aligned=True),
        Column(_("Granted"), lambda t: euro(t.granted), right_aligned=True),
        Column(_("Paid"), lambda t: euro(t.paid), right_aligned=True),
        Column(_("Still to pay"), lambda t: euro(t.to_pay), right_aligned=True),
    ]


def _waiting_columns() -> list[Column[WaitingRow]]:
    return [
        Column(_("Who"), lambda w: w.who),
        Column(_("Proposal"), lambda w: w.title, stretch=True),
        Column(_("Waiting for"), lambda w: w.waits_for),
    ]


class _LedgerBox(SectionBox):
    """The year's figures, the chart and the two budget buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Neighbourhood budget"), parent)
        self.figures: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        names = (
            ("amount", _("Budget for the year:")),
            ("carry_over", _("Carried over from last year:")),
            ("carried_out", _("Carried over to next year:")),
            ("granted", _("Granted:")),
            ("paid", _("Paid:")),
            ("to_pay", _("Granted, still to pay:")),
            ("remaining", _("Left to grant:")),
        )
        for key, text in names:
            value = plain_label(bold=key == "remaining")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setAccessibleName(text.rstrip(":"))
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("€ 000.000,00") + 8)
            label = QLabel(text)
            if key == "remaining":
                _bold(label)
            self.form.addRow(label, value)
            self.figures[key] = value
        self.none_label = plain_label()
        self.warning = plain_label(bold=True)
        self.chart = BudgetChart()
        self.set_amount_button = QPushButton(_("Set the &budget..."))
        self.carry_over_button = QPushButton(_("&Carry over..."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_amount_button)
        buttons.addWidget(self.carry_over_button)
        buttons.addStretch(1)
        figures = QWidget()
        figures.setLayout(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.none_label)
        layout.addWidget(figures)
        layout.addWidget(self.warning)
        layout.addWidget(self.chart)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._figures_widget = figures

    def show_year(self, data: YearBudget) -> None:
        figures = data.ledger
        self.setTitle(_("Neighbourhood budget {year}").format(year=data.year))
        self.none_label.setVisible(not data.recorded)
        self.none_label.setText(
            _(
                "No budget has been recorded for {year} yet. Record it with “Set the "
                "budget” (usually {amount})."
            ).format(year=data.year, amount=euro(data.default_amount))
        )
        self._figures_widget.setVisible(data.recorded)
        self.chart.show_ledger(figures if data.recorded else None)
        values = {
            "amount": euro(figures.amount),
            "carry_over": euro(figures.carry_over),
            "carried_out": "− " + euro(figures.carried_out),
            "granted": euro(figures.granted),
            "paid": euro(figures.paid),
            "to_pay": euro(figures.to_pay),
            "remaining": euro(figures.remaining),
        }
        for key, text in values.items():
            self.figures[key].setText(text)
        self.form.setRowVisible(self.figures["carry_over"], bool(figures.carry_over))
        self.form.setRowVisible(self.figures["carried_out"], bool(figures.carried_out))
        warning = ""
        if data.recorded and figures.remaining < ZERO:
            warning = _("Note: more has been granted than the budget holds.")
        elif data.recorded and figures.is_low:
            warning = _("Note: less than a tenth of the budget is left to grant.")
        self.warning.setText(f"{WARNING_MARK} {warning}" if warning else "")
        self.warning.setVisible(bool(warning))
        self.carry_over_button.setText(_("&Carry over to {year}...").format(year=data.year + 1))
        self.carry_over_button.setEnabled(data.recorded)


class _DetailBox(SectionBox):
    """The chosen proposal: what it is, where it stands, its payments and what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Chosen proposal"), parent)
        self.name_label = plain_label(bold=True)
        self.name_label.setAccessibleName(_("Title"))
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for key, text in (
            ("who", _("Submitted by:")),
            ("received", _("Received on:")),
            ("theme", _("Theme:")),
            ("requested", _("Requested:")),
            ("maintenance", _("Not regular maintenance:")),
            ("decision", _("Decision:")),
            ("reason", _("Explanation:")),
            ("description", _("Description:")),
        ):
            value = plain_label()
            value.setAccessibleName(text.rstrip(":"))
            form.addRow(text, value)
            self.values[key] = value
        self._form = form
        self.payments = QListWidget()
        self.payments.setAccessibleName(_("Payments"))
        self.payments.setWordWrap(True)
        self.payments.setMaximumHeight(72)
        self.decide_button = QPushButton(_("&Decide..."))
        self.payment_button = QPushButton(_("Record a &payment..."))
        self.remove_payment_button = QPushButton(_("Remove payment"))
        self.confirm_button = QPushButton(_("Confirm: &not regular maintenance"))
        self.letter_button = QPushButton(_("Print &letter to the resident..."))
        self.empty = plain_label(_("Choose a proposal in the list to see it here."))
        details = QWidget()
        inner = QVBoxLayout(details)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.name_label)
        inner.addLayout(form)
        inner.addWidget(QLabel(_("Payments:")))
        inner.addWidget(self.payments)
        inner.addStretch(1)
        self._details = details
        # On a small laptop screen the details scroll rather than squeezing their lines;
        # the buttons stay in view below them.
        self._scroll = QScrollArea()
        self._scroll.setWidget(details)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._buttons = QWidget()
        grid = QGridLayout(self._buttons)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.decide_button, 0, 0)
        grid.addWidget(self.letter_button, 0, 1)
        grid.addWidget(self.payment_button, 1, 0)
        grid.addWidget(self.remove_payment_button, 1, 1)
        grid.addWidget(self.confirm_button, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(380)
        self.show_proposal(None)

    def show_proposal(self, p: ProposalLine | None) -> None:
        self._scroll.setVisible(p is not None)
        self._buttons.setVisible(p is not None)
        self.empty.setVisible(p is None)
        if p is None:
            return
        self.name_label.setText(p.title)
        decision = status_text(p)
        if p.decided_on:
            decision = _("{status}, on {date}").format(
                status=decision, date=datum_long(p.decided_on)
            )
        if p.status is ProposalStatus.GRANTED and p.granted is not None:
            decision += f": {euro(p.granted)}"
        texts = {
            "who": p.submitted_by or NOTHING,
            "received": datum_long(p.received_on),
            "theme": p.theme or NOTHING,
            "requested": euro(p.requested),
            "maintenance": _("confirmed")
            if p.not_regular_maintenance
            else WARNING_MARK + " " + _("not yet confirmed"),
            "decision": decision,
            "reason": p.reason or NOTHING,
            "description": p.description or NOTHING,
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        # Rows with nothing to say take no room: the panel must fit a laptop screen.
        for key in ("theme", "reason", "description"):
            self._form.setRowVisible(self.values[key], texts[key] != NOTHING)
        self.payments.clear()
        for payment in p.payments:
            self.payments.addItem(
                f"{datum_long(payment.paid_on)} · {euro(payment.amount)}"
                + (f" · {payment.reference}" if payment.reference else "")
            )
        if not p.payments:
            self.payments.addItem(_("(none yet)"))
        self.payments.setEnabled(bool(p.payments))
        self.decide_button.setEnabled(bool(allowed_kinds(p)))
        self.payment_button.setEnabled(p.status is ProposalStatus.GRANTED and p.to_pay > ZERO)
        self.remove_payment_button.setEnabled(bool(p.payments))
        self.confirm_button.setVisible(not p.not_regular_maintenance)


class BudgetPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._hood: int | None = None
        self._today = date.today()
        self._data: YearBudget | None = None
        self.dialog: QDialog | None = None  # the dialog open now, for tests and meeting mode

        self.title = heading(_("Neighbourhood budget"))
        self.year = QComboBox()
        self.year.setAccessibleName(_("Budget year"))
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year)
        self.new_button = QPushButton(_("&New proposal..."))
        self.print_button = QPushButton(_("Print &overview..."))
        self.export_button = QPushButton(_("&Export for finance..."))
        self.large_print = QCheckBox(_("Large print"))
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)
        top.addWidget(self.large_print)

        self.ledger = _LedgerBox()
        self.waiting: TableSection[WaitingRow] = TableSection(
            _waiting_columns(),
            name=_("Who is still waiting?"),
            empty_text=_("Nobody is waiting: everything granted is paid, everything decided."),
        )
        upper = QHBoxLayout()
        upper.addWidget(self.ledger, 2)
        upper.addWidget(self.waiting, 3)

        self.proposals: TableSection[ProposalLine] = TableSection(
            _proposal_columns(),
            name=_("Proposals"),
            empty_text=_("No proposals for this year yet. Add one with “New proposal”."),
        )
        self.themes: TableSection[ThemeTotal] = TableSection(
            _theme_columns(), name=_("Per theme"), empty_text=_("No proposals for this year yet.")
        )
        for section in (self.proposals, self.themes):
            section.setFlat(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Proposals and themes"))
        self.tabs.addTab(self.proposals, _("Proposals"))
        self.tabs.addTab(self.themes, _("Per theme"))
        self.detail = _DetailBox()
        self.detail.setMaximumWidth(440)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.tabs)
        lower.addWidget(self.detail)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        lower.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(upper)
        layout.addWidget(lower, 1)

        self.year.currentIndexChanged.connect(self._on_year_current_index_changed)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.ledger.set_amount_button.clicked.connect(self._on_set_amount_clicked)
        self.ledger.carry_over_button.clicked.connect(self._on_carry_over_clicked)
        self.proposals.view.selectionModel().currentRowChanged.connect(
            self._on_proposal_current_row_changed
        )
        self.waiting.view.doubleClicked.connect(self._on_waiting_double_clicked)
        self.detail.decide_button.clicked.connect(self._on_decide_clicked)
        self.detail.payment_button.clicked.connect(self._on_payment_clicked)
        self.detail.remove_payment_button.clicked.connect(self._on_remove_payment_clicked)
        self.detail.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.detail.letter_button.clicked.connect(self._on_letter_clicked)

    # Reading

    def load(self, db: Database, neighbourhood_id: int, today: date) -> None:
        self._db, self._hood, self._today = db, neighbourhood_id, today
        chosen = self.year.currentData() if self._data is not None else None
        if not isinstance(chosen, int):
            self._fill_years(today.year)
        self.refresh()

    def _fill_years(self, chosen: int) -> None:
        assert self._db is not None and self._hood is not None
        years = budget_years(self._db, self._hood, self._today)
        if chosen not in years:
            years = sorted({*years, chosen}, reverse=True)
        with QSignalBlocker(self.year):
            self.year.clear()
            for year in years:
                self.year.addItem(str(year), year)
            self.year.setCurrentIndex(max(self.year.findData(chosen), 0))

    @property
    def chosen_year(self) -> int:
        value = self.year.currentData()
        return int(value) if value is not None else self._today.year

    def refresh(self, select_id: int | None = None) -> None:
        """Read the years and the chosen year again; keep (or move to) the chosen proposal."""
        if self._db is None or self._hood is None:
            return
        keep = select_id if select_id is not None else self._chosen_id()
        self._fill_years(self.chosen_year)  # a change may have added a year
        data = year_budget(self._db, self._hood, self.chosen_year)
        self._data = data
        self.ledger.show_year(data)
        self.waiting.set_rows(waiting_rows(data))
        self.proposals.set_rows(data.proposals)
        self.themes.set_rows(data.themes)
        self.tabs.setTabText(0, _("Proposals ({count})").format(count=number(len(data.proposals))))
        for section in (self.proposals, self.themes):
            section.setTitle("")  # the tab says it already
        self._select(keep)

    def _chosen_id(self) -> int | None:
        chosen = self.chosen_proposal()
        return chosen.id if chosen is not None else None

    def chosen_proposal(self) -> ProposalLine | None:
        index = self.proposals.view.currentIndex()
        if not index.isValid():
            return None
        row = index.data(ROW_ROLE)
        return row if isinstance(row, ProposalLine) else None

    def _select(self, proposal_id: int | None) -> None:
        model = self.proposals.model
        for position in range(model.rowCount()):
            if model.row(position).id == proposal_id:
                self.proposals.view.selectRow(position)
                self.proposals.view.setCurrentIndex(model.index(position, 0))
                self.detail.show_proposal(model.row(position))
                return
        self.proposals.view.clearSelection()
        self.proposals.view.setCurrentIndex(QModelIndex())
        self.detail.show_proposal(None)

    def select_proposal(self, proposal_id: int) -> None:
        self._select(proposal_id)

    # Doing

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return False
        return True

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self) -> None:
        self.dialog = None

    def _on_year_current_index_changed(self, _index: int) -> None:
        self._run(lambda: self.refresh())

    def _on_new_clicked(self) -> None:
        if self._db is None or self._hood is None:
            return
        db, hood, today = self._db, self._hood, self._today

        def submit(intake: ProposalIntake) -> None:
            line = take_in_proposal(db, hood, intake, today)
            self._show_year_of(line)

        self._open(IntakeDialog(self, intake_choices(db, hood), today, submit))

    def _show_year_of(self, line: ProposalLine) -> None:
        if line.year != self.chosen_year:
            self._fill_years(line.year)
        self.refresh(line.id)

    def open_decide_dialog(self, meeting_id: int | None = None) -> DecideDialog | None:
        """Open the decision dialog for the chosen proposal (also from meeting mode)."""
        proposal = self.chosen_proposal()
        if self._db is None or self._hood is None or proposal is None:
            return None
        db, hood, today = self._db, self._hood, self._today
        meetings = decision_meetings(db, hood, today)

        def following(chosen: int) -> date | None:
            meeting = next((m for m in meetings if m.id == chosen), None)
            if meeting is None:
                return None
            found = next_meeting_after(db, hood, meeting.starts_at.date())
            return found.starts_at.date() if found is not None else None

        def submit(decision: Decision) -> None:
            after = decide_proposal(db, proposal.id, decision, today)
            self._show_year_of(after.proposal)

        dialog = DecideDialog(
            self,
            proposal,
            meetings,
            preview=lambda amount, year: preview_grant(db, proposal.id, amount, year),
            next_meeting=following,
            submit=submit,
            meeting_id=meeting_id,
        )
        self._open(dialog)
        return dialog

    def _on_decide_clicked(self) -> None:
        self.open_decide_dialog()

    def _on_payment_clicked(self) -> None:
        proposal = self.chosen_proposal()
        if self._db is None or proposal is None:
            return
        db, today = self._db, self._today

        def submit(paid_on: date, amount: str, reference: str | None) -> None:
            record_payment(db, proposal.id, paid_on, amount, reference, today)
            self.refresh(proposal.id)

        self._open(PaymentDialog(self, proposal, today, submit))

    def _on_remove_payment_clicked(self) -> None:
        proposal = self.chosen_proposal()
        row = self.detail.payments.currentRow()
        if self._db is None or proposal is None or not proposal.payments:
            return
        payment = proposal.payments[row if 0 <= row < len(proposal.payments) else -1]
        question = _("Remove the payment of {amount} of {date}? Do this only for a mistake.")
        if not dialogs.ConfirmDialog.ask(
            self, question.format(amount=euro(payment.amount), date=datum_long(payment.paid_on))
        ):
            return
        db = self._db
        if self._run(lambda: remove_payment(db, payment.id)):
            self.refresh(proposal.id)

    def _on_confirm_clicked(self) -> None:
        proposal = self.chosen_proposal()
        if self._db is None or proposal is None:
            return
        question = _("Confirm that “{title}” is not regular maintenance?\n\n{explanation}").format(
            title=proposal.title, explanation=regular_maintenance_help()
        )
        if not dialogs.ConfirmDialog.ask(self, question):
            return
        db = self._db
        if self._run(lambda: set_not_regular_maintenance(db, proposal.id, True)):
            self.refresh(proposal.id)

    def _on_set_amount_clicked(self) -> None:
        if self._db is None or self._hood is None or self._data is None:
            return
        db, hood, data = self._db, self._hood, self._data
        current = data.ledger.amount if data.recorded else data.default_amount

        def submit(text: str) -> None:
            set_year_amount(db, hood, data.year, text)
            self.refresh()

        self._open(
            AmountDialog(
                self,
                _("Budget for {year}").format(year=data.year),
                _(
                    "The amount the neighbourhood has to spend in {year}. It cannot be lower "
                    "than what has already been granted ({granted})."
                ).format(year=data.year, granted=euro(data.ledger.granted)),
                _("&Budget:"),
                current,
                submit,
            )
        )

    def _on_carry_over_clicked(self) -> None:
        if self._db is None or self._hood is None or self._data is None:
            return
        db, hood, data = self._db, self._hood, self._data
        unspent = max(data.ledger.remaining + data.ledger.carried_out, ZERO)

        def submit(text: str) -> None:
            record_carry_over(db, hood, data.year, text)
            self.refresh()

        self._open(
            AmountDialog(
                self,
                _("Carry over to {year}").format(year=data.year + 1),
                _(
                    "Money of {year} that was not granted does not go on to {next} by itself. "
                    "Record here how much the team carries over; it shows as its own line in "
                    "{next}. Not granted in {year}: {unspent}. Type 0 for no carry-over."
                ).format(year=data.year, next=data.year + 1, unspent=euro(unspent)),
                _("&Carry over:"),
                data.ledger.carried_out or unspent,
                submit,
            )
        )

    def _year_stem(self) -> str:
        """`buurtbudget-2027-de-vlinderbuurt`: a file name that says what is in it."""
        assert self._data is not None
        return "-".join(
            (_("neighbourhood-budget"), str(self._data.year), _slug(self._data.neighbourhood.name))
        )

    def _save_as(self, caption: str, stem: str, name_filter: str) -> Path | None:
        return dialogs.ask_save_file(self, caption, Path.home() / stem, name_filter)

    def _on_print_clicked(self) -> None:
        if self._db is None or self._hood is None or self._data is None:
            return
        target = self._save_as(
            _("Save as PDF"),
            self._year_stem() + ".pdf",
            _("PDF files (*.pdf)"),
        )
        if target is None:
            return
        db, hood, year, today = self._db, self._hood, self._data.year, self._today
        large = self.large_print.isChecked()
        if self._run(lambda: print_budget_overview(db, hood, year, target, today, large=large)):
            dialogs.show_information(
                self, _("The budget overview is saved in {file}.").format(file=str(target))
            )

    def _on_letter_clicked(self) -> None:
        proposal = self.chosen_proposal()
        if self._db is None or proposal is None:
            return
        target = self._save_as(
            _("Save as PDF"),
            "-".join((_("decision-letter"), proposal.public_id)) + ".pdf",
            _("PDF files (*.pdf)"),
        )
        if target is None:
            return
        db, today, large = self._db, self._today, self.large_print.isChecked()
        if self._run(lambda: print_decision_letter(db, proposal.id, target, today, large=large)):
            dialogs.show_information(
                self, _("The letter is saved in {file}.").format(file=str(target))
            )

    def _on_export_clicked(self) -> None:
        if self._db is None or self._hood is None or self._data is None:
            return
        target = self._save_as(
            _("Export for finance"),
            self._year_stem() + ".xlsx",
            _("Excel workbook (*.xlsx);;CSV for Excel (*.csv)"),
        )
        if target is None:
            return
        db, hood, year = self._db, self._hood, self._data.year
        if self._run(lambda: export_finance(db, hood, year, target)):
            dialogs.show_information(
                self, _("The file for finance is saved in {file}.").format(file=str(target))
            )

    def _on_proposal_current_row_changed(
        self, current: QModelIndex, _previous: QModelIndex
    ) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        self.detail.show_proposal(row if isinstance(row, ProposalLine) else None)

    def _on_waiting_double_clicked(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, WaitingRow) or self._db is None or self._hood is None:
            return
        # The proposal may belong to another year: show that year.
        for candidate in self._all_waiting():
            if candidate.id == row.proposal_id:
                self.tabs.setCurrentIndex(0)
                self._show_year_of(candidate)
                self.proposals.view.setFocus()
                return

    def _all_waiting(self) -> list[ProposalLine]:
        if self._data is None:
            return []
        return [*self._data.waiting_for_money, *self._data.waiting_for_decision]


def _slug(name: str) -> str:
    from buurtteam.domain.text import fold

    return "-".join("".join(c if c.isalnum() else " " for c in fold(name)).split())
