"""Asking for a database server's password, and keeping it in the system keyring if wanted.

The password is typed in a field that does not show it, handed to the driver, and kept
nowhere but in the keyring (Windows Credential Manager, the macOS Keychain, the Secret
Service on Linux) when the person ticks "Remember". No file of ours ever holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from buurtteam.i18n import _


@dataclass(frozen=True)
class Answer:
    password: str
    remember: bool


class PasswordDialog(QDialog):
    def __init__(
        self, reason: str, server: str, *, can_remember: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Password for the database server"))
        self.setMinimumWidth(460)
        self.reason = QLabel(reason)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)  # names come from the URL
        self.reason.setWordWrap(True)
        where = QLabel(_("Server: {server}").format(server=server))
        where.setTextFormat(Qt.TextFormat.PlainText)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_("Password"))
        label = QLabel(_("&Password:"))
        label.setBuddy(self.field)
        self.remember = QCheckBox(_("&Remember in this computer's keyring"))
        self.remember.setEnabled(can_remember)
        if not can_remember:
            self.remember.setToolTip(
                _("This computer has no keyring; the password is asked at every start.")
            )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.reason, where, label, self.field, self.remember, buttons):
            layout.addWidget(widget)
        self.field.setFocus()

    def answer(self) -> Answer:
        return Answer(self.field.text(), self.remember.isChecked())


def ask_password(
    parent: QWidget | None, reason: str, server: str, *, can_remember: bool
) -> Answer | None:
    """The password the person typed, or None when they cancelled."""
    dialog = PasswordDialog(reason, server, can_remember=can_remember, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()
