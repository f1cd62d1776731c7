"""The current agenda item in meeting mode: what it is about, its time box and timer, what
it is linked to, the notes, and its outcomes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from buurtteam.domain.vocab import ProposalStatus, Section
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, datum_long, euro, tijd
from buurtteam.i18n.labels import (
    issue_status_label,
    point_status_label,
    proposal_status_label,
    purpose_label,
)
from buurtteam.ops.minutes import HistoryLine, Minutes, MinutesItem
from buurtteam.ui.meeting.outcomes import (
    ActionEditor,
    DecisionEditor,
    EditContext,
    IdeaEditor,
    OutcomeSection,
    text_box,
)
from buurtteam.ui.pages import heading, plain_label
from buurtteam.ui.section import SectionBox

NOTES_LINES = 7
_UNRECORDED, _DISCUSSED, _NOT_DISCUSSED = "unrecorded", "discussed", "not_discussed"


def history_text(entry: HistoryLine) -> str:
    line = _("Point {number} ({party}): {status} on {date}.").format(
        number=entry.number,
        party=entry.party,
        status=point_status_label(entry.status),
        date=datum(entry.day),
    )
    return f"{line} {entry.note}" if entry.note else line


class ItemPanel(QWidget):
    """Shows one item at a time; the window hands it the minutes and the item to show."""

    notes_typed = Signal()
    discussed_chosen = Signal(object)  # True, False or None
    timer_clicked = Signal()
    point_status_requested = Signal(int)  # point number
    proposal_decision_requested = Signal(int)  # proposal id
    approval_requested = Signal(int)  # the meeting whose minutes to approve
    commitment_requested = Signal()
    action_done_toggled = Signal(int, bool)  # an action of the actielijst: done or open again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller)
        self.item: MinutesItem | None = None
        self.decision_section: OutcomeSection | None = None
        self.action_section: OutcomeSection | None = None
        self.idea_section: OutcomeSection | None = None

    # Building -------------------------------------------------------------------------

    def show_item(self, minutes: Minutes, item: MinutesItem, context: EditContext) -> None:
        self.item = item
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(heading(f"{item.number}. {item.title}"))
        layout.addWidget(plain_label(self._facts(item)))
        timer_row = QHBoxLayout()
        self.timer_label = plain_label(scale=1.3, bold=True)
        self.timer_label.setAccessibleName(_("Time spent on this item"))
        self.timer_button = QPushButton(_("Start or stop the timer (Alt+T)"))
        self.timer_button.clicked.connect(self.timer_clicked)
        timer_row.addWidget(self.timer_label, 1)
        timer_row.addWidget(self.timer_button)
        layout.addLayout(timer_row)
        if item.description:
            layout.addWidget(plain_label(item.description))
        layout.addLayout(self._discussed_row(item, context.editable))
        links = self._links(minutes, item, context.editable)
        if links is not None:
            layout.addWidget(links)
        if item.section is Section.PREVIOUS_MINUTES:
            layout.addWidget(self._action_list(minutes))
        notes_box = SectionBox(_("Notes"))
        notes_layout = QVBoxLayout(notes_box)
        self.notes = text_box(_("Notes of this item"), NOTES_LINES)
        self.notes.setPlaceholderText(_("What was said; saved as you type"))
        self.notes.setPlainText(item.notes or "")
        self.notes.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on where it stopped
        self.notes.setReadOnly(not context.editable)
        self.notes.textChanged.connect(self.notes_typed)
        context.autosave.watch_focus(self.notes)
        notes_layout.addWidget(self.notes)
        layout.addWidget(notes_box)
        self.decision_section = OutcomeSection(
            _("Decisions"),
            _("New decision (Alt+B)"),
            lambda: DecisionEditor(context, item.id, None),
            context.editable,
        )
        for decision in item.decisions:
            self.decision_section.add(DecisionEditor(context, item.id, decision))
        self.action_section = OutcomeSection(
            _("Actions"),
            _("New action (Alt+A)"),
            lambda: ActionEditor(context, item.id, None),
            context.editable,
        )
        for action in item.actions:
            self.action_section.add(ActionEditor(context, item.id, action))
        self.idea_section = OutcomeSection(
            _("Ideas"),
            _("New idea (Alt+I)"),
            lambda: IdeaEditor(context, item.id, None),
            context.editable,
        )
        for idea in item.ideas:
            self.idea_section.add(IdeaEditor(context, item.id, idea))
        for section in (self.decision_section, self.action_section, self.idea_section):
            layout.addWidget(section)
        layout.addWidget(self._contract_box(item, context.editable))
        layout.addStretch(1)
        old = self.scroller.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroller.setWidget(content)

    def _facts(self, item: MinutesItem) -> str:
        parts = [purpose_label(item.purpose)]
        if item.time_box:
            parts.append(_("{minutes} min.").format(minutes=item.time_box))
        parts.append(_("planned at {time}").format(time=tijd(item.planned_start)))
        return " · ".join(parts)

    def _discussed_row(self, item: MinutesItem, editable: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        self.discussed = QComboBox()
        self.discussed.setAccessibleName(_("Was this item discussed?"))
        self.discussed.addItem(_("not yet recorded"), _UNRECORDED)
        self.discussed.addItem(_("discussed"), _DISCUSSED)
        self.discussed.addItem(_("not discussed: moves on to the next meeting"), _NOT_DISCUSSED)
        value = {None: _UNRECORDED, True: _DISCUSSED, False: _NOT_DISCUSSED}[item.discussed]
        self.discussed.setCurrentIndex(self.discussed.findData(value))
        self.discussed.setEnabled(editable)
        self.discussed.currentIndexChanged.connect(self._on_discussed_changed)
        label = QLabel(_("&Discussed:"))
        label.setBuddy(self.discussed)
        row.addWidget(label)
        row.addWidget(self.discussed)
        row.addStretch(1)
        return row

    def _links(self, minutes: Minutes, item: MinutesItem, editable: bool) -> QGroupBox | None:
        if not (item.points or item.proposals or item.issues or self._approves(minutes, item)):
            return None
        box = SectionBox(_("On the table"))
        layout = QVBoxLayout(box)
        approving = self._approves(minutes, item)
        if approving is not None:
            meeting_id, starts_at = approving
            row = QHBoxLayout()
            row.addWidget(
                plain_label(
                    _("The concept minutes of {date} are up for approval.").format(
                        date=datum(starts_at.date())
                    )
                ),
                1,
            )
            button = QPushButton(_("Approve these minutes..."))
            button.setEnabled(editable)
            button.clicked.connect(lambda _c=False, m=meeting_id: self.approval_requested.emit(m))
            row.addWidget(button)
            layout.addLayout(row)
        for point in item.points:
            row = QHBoxLayout()
            if point.title is None:
                text = _("Point {number}: not in the contract in force").format(number=point.number)
            else:
                text = _("Point {number}: {title} ({party}, {status})").format(
                    number=point.number,
                    title=point.title,
                    party=point.party,
                    status=point_status_label(point.status) if point.status else "—",
                )
            row.addWidget(plain_label(text), 1)
            button = QPushButton(_("Change status..."))
            button.setAccessibleName(
                _("Change the status of point {number}").format(number=point.number)
            )
            button.setEnabled(editable and point.title is not None)
            button.clicked.connect(
                lambda _c=False, n=point.number: self.point_status_requested.emit(n)
            )
            row.addWidget(button)
            layout.addLayout(row)
        for proposal in item.proposals:
            row = QHBoxLayout()
            text = _("Proposal: {title} ({amount} requested, {status})").format(
                title=proposal.title,
                amount=euro(proposal.amount_requested),
                status=proposal_status_label(proposal.status),
            )
            row.addWidget(plain_label(text), 1)
            button = QPushButton(_("Decide..."))
            button.setAccessibleName(_("Decide on {title}").format(title=proposal.title))
            button.setEnabled(
                editable
                and (proposal.status.awaits_decision or proposal.status is ProposalStatus.GRANTED)
            )
            button.clicked.connect(
                lambda _c=False, p=proposal.id: self.proposal_decision_requested.emit(p)
            )
            row.addWidget(button)
            layout.addLayout(row)
        for issue in item.issues:
            layout.addWidget(
                plain_label(
                    _("Issue: {title} ({status})").format(
                        title=issue.title, status=issue_status_label(issue.status)
                    )
                )
            )
        return box

    @staticmethod
    def _approves(minutes: Minutes, item: MinutesItem) -> tuple[int, datetime] | None:
        if item.section is not Section.PREVIOUS_MINUTES or minutes.previous_concept is None:
            return None
        meeting_id, starts_at = minutes.previous_concept
        return meeting_id, starts_at

    def _action_list(self, minutes: Minutes) -> QGroupBox:
        """The open actions of earlier meetings, to go through and tick off at the table."""
        box = SectionBox(_("Action list (actielijst)"))
        layout = QVBoxLayout(box)
        earlier = [a for a in minutes.action_list if a.meeting_id != minutes.head.id]
        if not earlier:
            layout.addWidget(plain_label(_("There are no open actions.")))
        self.action_list_checks: list[QCheckBox] = []
        for action in earlier:
            row = QHBoxLayout()
            parts = [action.text, action.who or _("nobody yet")]
            if action.due is not None:
                parts.append(_("by {date}").format(date=datum_long(action.due)))
            parts.append(
                _("agreed on {date}").format(date=datum_long(action.meeting_starts_at.date()))
            )
            row.addWidget(plain_label(" · ".join(parts)), 1)
            done = QCheckBox(_("Done"))
            done.setAccessibleName(_("Done: {action}").format(action=action.text))
            done.setChecked(action.done_on is not None)
            done.toggled.connect(
                lambda checked, a=action.id: self.action_done_toggled.emit(a, checked)
            )
            self.action_list_checks.append(done)
            row.addWidget(done)
            layout.addLayout(row)
        return box

    def _contract_box(self, item: MinutesItem, editable: bool) -> QGroupBox:
        box = SectionBox(_("Commitments and the contract"))
        layout = QVBoxLayout(box)
        if item.history:
            for entry in item.history:
                layout.addWidget(plain_label(history_text(entry)))
        else:
            layout.addWidget(plain_label(_("Nothing recorded on the contract at this item yet.")))
        button = QPushButton(_("Record a commitment by a party (Alt+Z)..."))
        button.setEnabled(editable)
        button.clicked.connect(self.commitment_requested)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    # State ------------------------------------------------------------------------------

    def notes_text(self) -> str:
        return self.notes.toPlainText()

    def set_timer_text(self, text: str) -> None:
        self.timer_label.setText(text)

    def mark_discussed(self) -> None:
        """Discussed, unless the chair already said otherwise."""
        if self.discussed.currentData() == _UNRECORDED and self.discussed.isEnabled():
            self.discussed.setCurrentIndex(self.discussed.findData(_DISCUSSED))

    def _on_discussed_changed(self) -> None:
        value = self.discussed.currentData()
        self.discussed_chosen.emit({_DISCUSSED: True, _NOT_DISCUSSED: False}.get(value))
