"""Meeting mode's own dialogs: a commitment by a party, an erratum to approved minutes.

Like the contract's dialogs they keep what was typed when the change is refused: OK hands
the values to a submit callback, shows the Dutch error, and stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _
from buurtteam.ops.agenda import LinkedPoint
from buurtteam.ops.minutes import Choice
from buurtteam.ui import dialogs
from buurtteam.ui.pages import plain_label


class _SubmitDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, submit: Callable[[], object]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._submit = submit
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)

    def finish_layout(self, width: int) -> None:
        # An explicit minimum, so the layout never resizes the shown dialog (Qt's offscreen
        # platform warns about that, and on screen it jumps).
        hint = self.sizeHint()
        self.setMinimumSize(max(width, hint.width()), hint.height())

    def accept(self) -> None:
        try:
            self._submit()
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        super().accept()


@dataclass(frozen=True)
class CommitmentInput:
    party_id: int
    number: int | None  # None: a new contract point
    text: str


class CommitmentDialog(_SubmitDialog):
    """A party commits to something: on a point of the contract, or as a new point."""

    def __init__(
        self,
        parent: QWidget | None,
        parties: Sequence[Choice],
        points: Sequence[LinkedPoint],
        submit: Callable[[CommitmentInput], object],
    ) -> None:
        super().__init__(parent, _("Commitment by a party"), lambda: submit(self.values()))
        self.party = QComboBox()
        self.party.setAccessibleName(_("Party"))
        for party in parties:
            self.party.addItem(party.name, party.id)
        self.point = QComboBox()
        self.point.setAccessibleName(_("Contract point"))
        for point in points:
            if point.title is not None:
                self.point.addItem(
                    _("Point {number}: {title}").format(number=point.number, title=point.title),
                    point.number,
                )
        self.point.addItem(_("a new point of the contract"), None)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(_("What the party commits to"))
        self.text.setTabChangesFocus(True)
        form = QFormLayout()
        for label_text, field in (
            (_("&Party:"), self.party),
            (_("&On:"), self.point),
            (_("&Commitment:"), self.text),
        ):
            label = QLabel(label_text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.layout_.addWidget(
            plain_label(
                _(
                    "The commitment is added, dated and linked to this meeting, to the point's "
                    "history; a new point is owned by the party."
                )
            )
        )
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.buttons)
        self.finish_layout(560)

    def values(self) -> CommitmentInput:
        return CommitmentInput(
            int(self.party.currentData()), self.point.currentData(), self.text.toPlainText()
        )


class ErratumDialog(_SubmitDialog):
    """A correction to approved minutes; it is printed with them, dated today."""

    def __init__(self, parent: QWidget | None, submit: Callable[[str], object]) -> None:
        super().__init__(parent, _("Add an erratum"), lambda: submit(self.text.toPlainText()))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(_("Erratum"))
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            _("For example: at item 4 it says 6 o'clock; that should be half past six.")
        )
        self.layout_.addWidget(
            plain_label(
                _(
                    "Approved minutes do not change. A correction is added as an erratum, "
                    "dated today, printed with the minutes; the check code is renewed."
                )
            )
        )
        self.layout_.addWidget(self.text)
        self.layout_.addWidget(self.buttons)
        self.finish_layout(560)
