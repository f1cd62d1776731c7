"""The window's modal questions, each behind one function so a test replaces one name.

Call them through the module (`dialogs.ask_open_file(...)`), never import the names,
so `monkeypatch.setattr(dialogs, "ask_open_file", ...)` reaches every caller.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    box = QMessageBox(icon, "buurtteam", text, buttons, parent)
    # Messages carry names and titles users typed: never read them as markup.
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class ConfirmDialog:
    @staticmethod
    def ask(parent: QWidget | None, text: str) -> bool:
        """Ask a yes/no question; True when the person chose Yes."""
        box = _box(
            parent,
            QMessageBox.Icon.Question,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, error: BuurtteamError) -> None:
    """An expected error, in the person's language, with what to do about it."""
    _box(parent, QMessageBox.Icon.Warning, error.text()).exec()


def show_information(parent: QWidget | None, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, text).exec()


def ask_choice(parent: QWidget | None, caption: str, label: str, items: list[str]) -> int | None:
    """One of `items` by index, or None when the person cancelled."""
    text, ok = QInputDialog.getItem(parent, caption, label, items, 0, False)
    return items.index(text) if ok and text in items else None


def ask_open_file(parent: QWidget | None, caption: str, name_filter: str) -> Path | None:
    """A file to read, or None when the person cancelled."""
    name, _chosen = QFileDialog.getOpenFileName(parent, caption, "", name_filter)
    return Path(name) if name else None


def ask_save_file(
    parent: QWidget | None, caption: str, suggested: Path, name_filter: str
) -> Path | None:
    """A file to write (the dialog asks before overwriting), or None when cancelled."""
    name, _chosen = QFileDialog.getSaveFileName(parent, caption, str(suggested), name_filter)
    return Path(name) if name else None


def show_crash(parent: QWidget | None, details: str, log_file: Path | None) -> bool:
    """Tell the person the program made a mistake; True when they chose to close it."""
    text = _(
        "Something went wrong inside buurtteam. This is a mistake in the program, not "
        "something you did. Everything saved before this moment is safe in the database; "
        "you can go on working or close buurtteam."
    )
    if log_file is not None:
        text += "\n\n" + _(
            "Please tell whoever looks after buurtteam what you were doing. The details are "
            "also written to {file}."
        ).format(file=str(log_file))
    box = _box(
        parent,
        QMessageBox.Icon.Critical,
        text,
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Close,
    )
    box.button(QMessageBox.StandardButton.Ok).setText(_("Go on working"))
    box.button(QMessageBox.StandardButton.Close).setText(_("Close buurtteam"))
    box.setDetailedText(details)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    return box.exec() == QMessageBox.StandardButton.Close


class StayOpen(Exception):
    """Raised by a submit to keep its dialog open without a message (a cancel, a way back)."""


class SubmitDialog(QDialog):
    """OK runs `submit()`; a refusal is shown and the dialog stays open with what was typed.

    Subclasses fill `form`, call `finish_layout()`, and implement `submit()`.
    """

    MIN_WIDTH = 0  # a subclass may ask for more room (a long date in words, a long title)

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)
        # An explicit minimum (all fields shown) keeps the layout from resizing the window
        # each time a field is shown or hidden; Qt's offscreen platform warns about that.
        hint = self.sizeHint()
        self.setMinimumSize(max(hint.width(), self.MIN_WIDTH), hint.height())

    def submit(self) -> None:
        """Do the change; raise BuurtteamError to refuse."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.submit()
        except StayOpen:
            return
        except BuurtteamError as error:
            show_error(self, error)
            return
        super().accept()
