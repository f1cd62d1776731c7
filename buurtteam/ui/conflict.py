"""Someone else saved the record first: show what changed and by whom, let the person choose.

Every form that edits a record saves through `save_checked`. When the op refuses with an
`EditConflict` (nothing was saved), `ConflictDialog` says who changed the record and when,
shows each field as it was, as now saved and as typed, and offers three choices:

- "Mijn wijziging toch opslaan": the typed values go over theirs (a new, explicit save
  against the version now stored: a third save in between is caught again);
- "Samenvoegen": their changes plus the typed ones, when no field was changed by both;
- "Mijn wijziging weggooien": nothing is saved and the page shows theirs.

Escape goes back to the form with everything typed still in it. Nothing is ever
overwritten without one of these choices. Meeting mode saves as it is typed, so there a
`ConflictBar` says so above the editor and opens the same dialog when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass, replace
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from buurtteam.errors import N_, ConflictField, EditConflict
from buurtteam.i18n import _
from buurtteam.ops.editing import Started
from buurtteam.ui.dialogs import StayOpen

V = TypeVar("V")

WARNING_MARK = "⚠"
MAX_TABLE_HEIGHT = 320

# "<who> heeft dit actiepunt om 14:03 gewijzigd terwijl u het bewerkte": Dutch wants the
# article and the pronoun of each kind of record, so each has a sentence of its own.
HEADLINES = {
    "contract_point": N_("{who} changed this contract point {when} while you were editing it."),
    "contract": N_("{who} changed this contract {when} while you were editing it."),
    "issue": N_("{who} changed this issue {when} while you were editing it."),
    "agenda_item": N_("{who} changed this agenda item {when} while you were editing it."),
    "meeting": N_("{who} changed this meeting {when} while you were editing it."),
    "notes": N_("{who} changed the notes of this agenda item {when} while you were typing."),
    "decision": N_("{who} changed this decision {when} while you were editing it."),
    "action": N_("{who} changed this action {when} while you were editing it."),
}
OTHER_HEADLINE = N_("{who} changed this {when} while you were editing it.")


class Choice(Enum):
    SAVE_MINE = "save_mine"  # put my values over theirs
    MERGE = "merge"  # their changes plus mine
    DISCARD = "discard"  # throw mine away, show theirs
    BACK = "back"  # neither yet: back to the form (Escape)


def headline(conflict: EditConflict, today: date) -> str:
    template = _(HEADLINES.get(conflict.kind, OTHER_HEADLINE))
    words = template.format(who=conflict.who_text(), when=conflict.when_text(today))
    return " ".join(words.split())  # no double space where the moment is unknown


def field_words(field: ConflictField) -> str:
    """The field's name with, in words, who changed it (never colour alone)."""
    if field.clash:
        said = _("changed by both of you")
    elif field.by_them and field.by_me:
        said = _("changed the same way by both")
    elif field.by_them:
        said = _("changed by the other person")
    else:
        said = _("changed by you")
    return f"{field.label}\n({said})"


def _cell(text: str) -> QTableWidgetItem:
    # A table item shows plain text: what users typed is never read as markup.
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class ConflictDialog(QDialog):
    """What someone else saved meanwhile, beside what this person typed; three choices."""

    def __init__(self, parent: QWidget | None, conflict: EditConflict, today: date) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice = Choice.BACK
        who = conflict.who_text()
        self.setWindowTitle(_("Someone else saved this first"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAccessibleName(_("Someone else saved this first"))
        self.headline = QLabel(headline(conflict, today))
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.record = QLabel(
            _("{record}. Nothing has been saved yet; what you typed is still there.").format(
                record=conflict.record[:1].upper() + conflict.record[1:]
            )
        )
        self.record.setTextFormat(Qt.TextFormat.PlainText)
        self.record.setWordWrap(True)
        self.table = QTableWidget(len(conflict.fields), 4)
        self.table.setAccessibleName(_("What changed, field by field"))
        self.table.setHorizontalHeaderLabels(
            # The name can be long ("karim (laptop-karim)"): on a line of its own.
            [_("Field"), _("Was"), _("Now saved by\n{who}").format(who=who), _("Your change")]
        )
        for row, field in enumerate(conflict.fields):
            mark = f"{WARNING_MARK} " if field.clash else ""
            values = (mark + field_words(field), field.was, field.now, field.mine)
            for column, text in enumerate(values):
                self.table.setItem(row, column, _cell(text))
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.merge_note = QLabel(self._merge_words())
        self.merge_note.setTextFormat(Qt.TextFormat.PlainText)
        self.merge_note.setWordWrap(True)
        self.save_mine_button = self._button(
            _("Save &my change anyway"),
            _("Save my change over theirs"),
            Choice.SAVE_MINE,
        )
        self.merge_button = self._button(
            _("Mer&ge"), _("Save their changes together with mine"), Choice.MERGE
        )
        self.merge_button.setEnabled(conflict.merged is not None)
        self.discard_button = self._button(
            _("&Throw my change away"), _("Throw my change away and show theirs"), Choice.DISCARD
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_mine_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.record)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.merge_note)
        layout.addLayout(buttons)
        if conflict.merged is not None:
            self.merge_button.setDefault(True)
            self.merge_button.setFocus()
        else:
            self.table.setFocus()
        self.resize(max(760, self.sizeHint().width()), self._height())
        self.setMinimumWidth(640)

    def _height(self) -> int:
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        table = min(MAX_TABLE_HEIGHT, rows + self.table.horizontalHeader().height() + 8)
        return self.sizeHint().height() - self.table.sizeHint().height() + table

    def _merge_words(self) -> str:
        conflict = self.conflict
        if conflict.merged is not None:
            return _(
                "Merge keeps what {who} changed and adds what you changed. Save my change "
                "anyway puts all your values back, also where only {who} changed something."
            ).format(who=conflict.who_text())
        clashes = ", ".join(f.label.lower() for f in conflict.fields if f.clash)
        return _(
            "Merging is not possible: you and {who} both changed {fields}. Choose whose "
            "version counts."
        ).format(who=conflict.who_text(), fields=clashes)

    def _button(self, text: str, name: str, choice: Choice) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    @staticmethod
    def ask(parent: QWidget | None, conflict: EditConflict, today: date | None = None) -> Choice:
        """The person's choice; BACK when they closed the dialog (Escape)."""
        dialog = ConflictDialog(parent, conflict, today or date.today())
        dialog.exec()
        choice = dialog.choice
        dialog.deleteLater()  # not left behind as a hidden child of the form
        return choice


def merged_values(values: V, merged: Mapping[str, Any]) -> V:
    """The typed values with the merge applied: a dataclass's fields, or a mapping's keys."""
    if is_dataclass(values) and not isinstance(values, type):
        names = {f.name for f in fields(values)}
        return replace(values, **{k: v for k, v in merged.items() if k in names})
    assert isinstance(values, Mapping)
    return {**values, **merged}  # type: ignore[return-value]


def resolve(
    parent: QWidget | None,
    conflict: EditConflict,
    values: V,
    today: date | None = None,
) -> tuple[V, Started] | None:
    """Ask; what to save next (values and what they start from), or None to discard.

    Raises:
        StayOpen: the person went back to the form without choosing.
    """
    choice = ConflictDialog.ask(parent, conflict, today)
    if choice is Choice.BACK:
        raise StayOpen()
    if choice is Choice.DISCARD:
        return None
    started = Started(conflict.version, conflict.theirs)
    if choice is Choice.MERGE and conflict.merged is not None:
        return merged_values(values, conflict.merged), started
    return values, started


def save_checked(
    parent: QWidget | None,
    save: Callable[[V, Started | None], object],
    values: V,
    started: Started | None,
    today: date | None = None,
) -> bool:
    """Save `values`; when someone else saved first, let the person choose.

    Returns True when saved, False when the person threw their change away (the caller
    shows what is stored now either way).

    Raises:
        StayOpen: the person went back to the form (a submit dialog stays open).
        BuurtteamError: any other refusal, as the op raised it.
    """
    while True:
        try:
            save(values, started)
            return True
        except EditConflict as conflict:
            chosen = resolve(parent, conflict, values, today)
            if chosen is None:
                return False
            values, started = chosen


class ConflictBar(QFrame):
    """Above an autosaving editor: someone else saved first; the typed text stays, unsaved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Not saved: someone else saved first"))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.choose_button = QPushButton(_("View and &choose..."))
        self.choose_button.setAccessibleName(_("View both versions and choose"))
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.choose_button)
        self.conflict: EditConflict | None = None
        self._on_choice: Callable[[EditConflict, Choice], None] | None = None
        self._today: date | None = None
        self.setVisible(False)

    def show_conflict(
        self,
        conflict: EditConflict,
        on_choice: Callable[[EditConflict, Choice], None],
        today: date | None = None,
    ) -> None:
        self.conflict = conflict
        self._on_choice = on_choice
        self._today = today
        self.message.setText(
            f"{WARNING_MARK} "
            + headline(conflict, today or date.today())
            + " "
            + _("Your text is kept below but is not saved until you choose.")
        )
        self.setVisible(True)

    def clear(self) -> None:
        self.conflict = None
        self._on_choice = None
        self.setVisible(False)

    def choose(self) -> None:
        """Show both versions and pass the person's choice on (none when they went back)."""
        conflict, on_choice = self.conflict, self._on_choice
        if conflict is None or on_choice is None:
            return
        choice = ConflictDialog.ask(self, conflict, self._today)
        if choice is not Choice.BACK:
            on_choice(conflict, choice)

    def _on_choose_button_clicked(self) -> None:
        self.choose()
