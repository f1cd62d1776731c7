"""The outcomes of an item, each edited in place and saved as typed: decisions with their
votes, actions (who, by when, done), and ideas to keep.

A new decision, action or idea exists in the file from its first saved character; emptying
its text removes it again (an empty decision is no decision). A refused save keeps the
text on screen and says why in the window's status line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from buurtteam.domain.minutes import VoteCount
from buurtteam.errors import BuurtteamError, EditConflict
from buurtteam.i18n import _
from buurtteam.i18n.format import datum_long
from buurtteam.ops.editing import Started
from buurtteam.ops.meeting_mode import (
    ActionDraft,
    DecisionDraft,
    mark_action_done,
    remove_action,
    remove_decision,
    remove_idea,
    save_action_checked,
    save_decision,
    save_idea,
)
from buurtteam.ops.minutes import ActionLine, Choice, DecisionLine, IdeaLine
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.conflict import Choice as ConflictChoice
from buurtteam.ui.meeting.autosave import Autosave
from buurtteam.ui.pages import plain_label
from buurtteam.ui.section import SectionBox

NOTES_LINES = 3


@dataclass(frozen=True)
class EditContext:
    """What every editor of one meeting needs."""

    db: Database
    autosave: Autosave
    today: Callable[[], date]
    now: Callable[[], datetime]
    meeting_day: date
    people: tuple[Choice, ...]
    parties: tuple[Choice, ...]
    editable: bool
    # Someone else saved an outcome first: the window shows it and, on a choice, calls back
    # with it to save again (see ui.conflict). None: the refusal is only reported.
    on_conflict: ConflictHandler | None = None


SaveAgain = Callable[[EditConflict, ConflictChoice], None]
ConflictHandler = Callable[[EditConflict, object, SaveAgain], None]


def text_box(name: str, lines: int = NOTES_LINES) -> QPlainTextEdit:
    """A multi-line field for plain text (never rich text: users type `<` and `&`)."""
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setFixedHeight(height)
    return box


class OutcomeEditor(QFrame):
    """One decision, action or idea: saved as typed, removed on request."""

    def __init__(self, context: EditContext, item_id: int, record_id: int | None) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.context = context
        self.item_id = item_id
        self.record_id = record_id
        self.removed = False
        self.started: Started | None = None  # what the next save starts from (ops.editing)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.remove_button.setEnabled(context.editable)

    def schedule(self) -> None:
        if self.context.editable:
            self.context.autosave.schedule(self, self.save)

    def save(self) -> None:
        """Save as typed; someone else's save in between goes to the window to settle."""
        try:
            self._save(self.started)
        except EditConflict as conflict:
            if self.context.on_conflict is not None:
                self.context.on_conflict(conflict, self, self._save_again)
            raise

    def _save(self, started: Started | None, merged: Mapping[str, Any] | None = None) -> None:
        raise NotImplementedError

    def _save_again(self, conflict: EditConflict, choice: ConflictChoice) -> None:
        merged = conflict.merged if choice is ConflictChoice.MERGE else None
        self._save(Started(conflict.version, conflict.theirs), merged)

    def text(self) -> str:
        raise NotImplementedError

    def focus_text(self) -> None:
        raise NotImplementedError

    def _remove(self) -> None:
        raise NotImplementedError

    def _on_remove_clicked(self) -> None:
        if self.text().strip() and not dialogs.ConfirmDialog.ask(
            self, _("Remove this from the minutes?\n\n{text}").format(text=self.text())
        ):
            return
        self.context.autosave.forget(self)
        if self.record_id is not None:
            try:
                self._remove()
            except BuurtteamError as error:
                dialogs.show_error(self, error)
                return
        self.removed = True
        self.hide()
        self.deleteLater()


_NO_VOTE, _UNANIMOUS, _COUNTED = "none", "unanimous", "counted"


class DecisionEditor(OutcomeEditor):
    def __init__(self, context: EditContext, item_id: int, line: DecisionLine | None) -> None:
        super().__init__(context, item_id, line.id if line else None)
        self.remove_button.setAccessibleName(_("Remove this decision"))
        self.text_edit = text_box(_("Decision"))
        self.text_edit.setPlaceholderText(_("What the team decided"))
        self.text_edit.setReadOnly(not context.editable)
        self.vote_kind = QComboBox()
        self.vote_kind.setAccessibleName(_("Vote"))
        self.vote_kind.addItem(_("no vote"), _NO_VOTE)
        self.vote_kind.addItem(_("unanimous (everyone with a vote in favour)"), _UNANIMOUS)
        self.vote_kind.addItem(_("votes counted"), _COUNTED)
        self.counts = [QSpinBox() for _i in range(3)]
        words = (_("in favour"), _("against"), _("abstained"))
        counts_box = QWidget()
        counts_row = QHBoxLayout(counts_box)
        counts_row.setContentsMargins(0, 0, 0, 0)
        for spin, word in zip(self.counts, words, strict=True):
            spin.setRange(0, 999)
            spin.setAccessibleName(word)
            counts_row.addWidget(spin)
            counts_row.addWidget(QLabel(word))
        counts_row.addStretch(1)
        self.counts_box = counts_box
        self.result = plain_label()
        self.result.setAccessibleName(_("Vote as recorded"))
        if line is not None:
            self.text_edit.setPlainText(line.text)
            self._show_votes(line.votes)
            self.started = Started(line.version, {"text": line.text, "votes": line.votes})
        self._on_vote_kind_changed()
        for widget in (self.vote_kind, *self.counts):
            widget.setEnabled(context.editable)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(plain_label(_("Decision"), bold=True), 1)
        top.addWidget(self.remove_button)
        layout.addLayout(top)
        layout.addWidget(self.text_edit)
        votes = QHBoxLayout()
        vote_label = QLabel(_("Vote:"))
        vote_label.setBuddy(self.vote_kind)
        votes.addWidget(vote_label)
        votes.addWidget(self.vote_kind)
        votes.addWidget(counts_box)
        votes.addStretch(1)
        layout.addLayout(votes)
        layout.addWidget(self.result)
        self.text_edit.textChanged.connect(self.schedule)
        self.vote_kind.currentIndexChanged.connect(self._on_vote_kind_changed)
        self.vote_kind.currentIndexChanged.connect(self.schedule)
        for spin in self.counts:
            spin.valueChanged.connect(self.schedule)
        context.autosave.watch_focus(self.text_edit)

    def _show_votes(self, votes: VoteCount | None) -> None:
        if votes is None:
            self.vote_kind.setCurrentIndex(0)
            return
        kind = _UNANIMOUS if votes.unanimous else _COUNTED
        self.vote_kind.setCurrentIndex(self.vote_kind.findData(kind))
        for spin, value in zip(
            self.counts, (votes.in_favour, votes.against, votes.abstain), strict=True
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._say(votes)

    def _say(self, votes: VoteCount | None) -> None:
        if votes is None:
            self.result.setText("")
        elif votes.unanimous:
            self.result.setText(
                _("Recorded: unanimous, {count} in favour.").format(count=votes.in_favour)
            )
        else:
            self.result.setText(
                _(
                    "Recorded: {in_favour} in favour, {against} against, {abstain} abstained."
                ).format(in_favour=votes.in_favour, against=votes.against, abstain=votes.abstain)
            )

    def _on_vote_kind_changed(self) -> None:
        self.counts_box.setVisible(self.vote_kind.currentData() == _COUNTED)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def focus_text(self) -> None:
        self.text_edit.setFocus()

    def draft(self) -> DecisionDraft:
        kind = self.vote_kind.currentData()
        votes = VoteCount(*(spin.value() for spin in self.counts)) if kind == _COUNTED else None
        return DecisionDraft(self.text(), votes, kind == _UNANIMOUS, self.record_id)

    def _save(self, started: Started | None, merged: Mapping[str, Any] | None = None) -> None:
        moment: time | None = self.context.now().time().replace(second=0, microsecond=0)
        if self.context.meeting_day != self.context.now().date():
            moment = None  # minutes typed up afterwards: count everyone who was there
        draft = self.draft()
        if merged is not None:  # their votes as they counted them, not counted again
            draft = replace(draft, text=merged["text"], votes=merged["votes"], unanimous=False)
        saved = save_decision(self.context.db, self.item_id, draft, moment, started)
        self.record_id = saved.id
        self.started = saved.started
        self._say(saved.votes)

    def _remove(self) -> None:
        assert self.record_id is not None
        remove_decision(self.context.db, self.record_id)


class ActionEditor(OutcomeEditor):
    def __init__(self, context: EditContext, item_id: int, line: ActionLine | None) -> None:
        super().__init__(context, item_id, line.id if line else None)
        self.remove_button.setAccessibleName(_("Remove this action"))
        self.text_edit = QLineEdit()
        self.text_edit.setAccessibleName(_("Action"))
        self.text_edit.setPlaceholderText(_("Who does what"))
        self.text_edit.setReadOnly(not context.editable)
        self.who = QComboBox()
        self.who.setAccessibleName(_("Who"))
        self.who.addItem(_("nobody yet"), None)
        for person in context.people:
            self.who.addItem(person.name, ("person", person.id))
        self.who.insertSeparator(self.who.count())
        for party in context.parties:
            self.who.addItem(party.name, ("party", party.id))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d-M-yyyy")
        self.due.setAccessibleName(_("Deadline"))
        # The day before the meeting stands for "no deadline" (a deadline lies on or after it).
        none_day = context.meeting_day - timedelta(days=1)
        self.due.setMinimumDate(QDate(none_day.year, none_day.month, none_day.day))
        self.due.setSpecialValueText(_("no deadline"))
        self.due.setDate(self.due.minimumDate())
        self.done = QCheckBox(_("Done"))
        self.done.setAccessibleName(_("Action done"))
        self.done_label = plain_label()
        self.done_label.setVisible(False)
        if line is not None:
            self.text_edit.setText(line.text)
            key = ("person", line.owner_id) if line.owner_id else ("party", line.party_id)
            index = self.who.findData(key) if line.owner_id or line.party_id else 0
            self.who.setCurrentIndex(max(0, index))
            if line.due is not None:
                self.due.setDate(QDate(line.due.year, line.due.month, line.due.day))
            self.done.setChecked(line.done_on is not None)
            self._say_done(line.done_on)
            self.started = Started(
                line.version,
                {
                    "text": line.text,
                    "owner_id": line.owner_id,
                    "party_id": line.party_id,
                    "due": line.due,
                },
            )
        self.done.setEnabled(self.record_id is not None)
        for widget in (self.who, self.due):
            widget.setEnabled(context.editable)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(plain_label(_("Action"), bold=True), 1)
        top.addWidget(self.remove_button)
        layout.addLayout(top)
        layout.addWidget(self.text_edit)
        row = QHBoxLayout()
        who_label = QLabel(_("Who:"))
        who_label.setBuddy(self.who)
        due_label = QLabel(_("By:"))
        due_label.setBuddy(self.due)
        row.addWidget(who_label)
        row.addWidget(self.who, 2)
        row.addWidget(due_label)
        row.addWidget(self.due, 1)
        row.addWidget(self.done)
        layout.addLayout(row)
        layout.addWidget(self.done_label)
        self.text_edit.textEdited.connect(self.schedule)
        self.who.currentIndexChanged.connect(self.schedule)
        self.due.dateChanged.connect(self.schedule)
        self.done.toggled.connect(self._on_done_toggled)
        context.autosave.watch_focus(self.text_edit)

    def text(self) -> str:
        return self.text_edit.text()

    def focus_text(self) -> None:
        self.text_edit.setFocus()

    def draft(self) -> ActionDraft:
        chosen = self.who.currentData()
        owner = chosen[1] if chosen and chosen[0] == "person" else None
        party = chosen[1] if chosen and chosen[0] == "party" else None
        due = None
        if self.due.date() != self.due.minimumDate():
            value = self.due.date()
            due = date(value.year(), value.month(), value.day())
        return ActionDraft(self.text(), owner, party, due, self.record_id)

    def _save(self, started: Started | None, merged: Mapping[str, Any] | None = None) -> None:
        draft = self.draft() if merged is None else replace(self.draft(), **merged)
        saved = save_action_checked(self.context.db, self.item_id, draft, started)
        self.record_id, self.started = saved.id, saved.started
        self.done.setEnabled(self.record_id is not None)

    def _say_done(self, done_on: date | None) -> None:
        self.done_label.setText(
            _("Done on {date}.").format(date=datum_long(done_on)) if done_on else ""
        )
        self.done_label.setVisible(done_on is not None)

    def _on_done_toggled(self, checked: bool) -> None:
        if self.record_id is None:
            return
        self.context.autosave.flush()
        day = self.context.today() if checked else None
        try:
            mark_action_done(self.context.db, self.record_id, day, self.context.today())
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            self.done.blockSignals(True)
            self.done.setChecked(not checked)
            self.done.blockSignals(False)
            return
        self._say_done(day)

    def _remove(self) -> None:
        assert self.record_id is not None
        remove_action(self.context.db, self.record_id)


class IdeaEditor(OutcomeEditor):
    def __init__(self, context: EditContext, item_id: int, line: IdeaLine | None) -> None:
        super().__init__(context, item_id, line.id if line else None)
        self.remove_button.setAccessibleName(_("Remove this idea"))
        self.text_edit = QLineEdit()
        self.text_edit.setAccessibleName(_("Idea"))
        self.text_edit.setPlaceholderText(_("An idea to keep, without owner or date"))
        self.text_edit.setReadOnly(not context.editable)
        if line is not None:
            self.text_edit.setText(line.text)
        layout = QHBoxLayout(self)
        layout.addWidget(plain_label(_("Idea"), bold=True))
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.remove_button)
        self.text_edit.textEdited.connect(self.schedule)
        context.autosave.watch_focus(self.text_edit)

    def text(self) -> str:
        return self.text_edit.text()

    def focus_text(self) -> None:
        self.text_edit.setFocus()

    def _save(self, started: Started | None, merged: Mapping[str, Any] | None = None) -> None:
        # Ideas carry no version (migration 0004 left them out): saved as typed.
        self.record_id = save_idea(self.context.db, self.item_id, self.text(), self.record_id)

    def _remove(self) -> None:
        assert self.record_id is not None
        remove_idea(self.context.db, self.record_id)


class OutcomeSection(SectionBox):
    """The decisions (or actions, or ideas) of an item, and a button for a new one."""

    def __init__(
        self, title: str, add_text: str, make: Callable[[], OutcomeEditor], editable: bool
    ) -> None:
        super().__init__(title)
        self._make = make
        self.editors: list[OutcomeEditor] = []
        self.list = QVBoxLayout()
        self.add_button = QPushButton(add_text)
        self.add_button.setEnabled(editable)
        self.add_button.clicked.connect(self.add_new)
        layout = QVBoxLayout(self)
        layout.addLayout(self.list)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add(self, editor: OutcomeEditor) -> OutcomeEditor:
        self.editors.append(editor)
        self.list.addWidget(editor)
        return editor

    def add_new(self) -> OutcomeEditor:
        """A new, empty editor with the cursor in it; saved once something is typed."""
        editor = self.add(self._make())
        editor.focus_text()
        return editor

    def live_editors(self) -> list[OutcomeEditor]:
        return [e for e in self.editors if not e.removed]
