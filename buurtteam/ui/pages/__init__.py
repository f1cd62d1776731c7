"""The window's pages. Each is fed by an op for the chosen neighbourhood and never queries."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:  # the data stack loads after the first screen (start-up time, issue 8)
    from buurtteam.store.db import Database

HEADING_SCALE = 1.6
SUBHEADING_SCALE = 1.2


class Page(QWidget):
    """A page of the main window."""

    def load(self, db: Database, neighbourhood_id: int, today: date) -> None:
        """Read what the page shows (one op, one transaction) and show it.

        Raises:
            BuurtteamError: when the data cannot be read; the window shows it.
        """
        raise NotImplementedError


def plain_label(text: str = "", *, scale: float = 1.0, bold: bool = False) -> QLabel:
    """A label that shows user text as typed: never read as markup, wrapped, selectable."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if scale != 1.0 or bold:
        font = QFont(label.font())
        if font.pointSizeF() > 0:  # -1 when the platform sized the font in pixels
            font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    return label


def heading(text: str = "") -> QLabel:
    # A label's accessible name is its text; screen readers read the heading as is.
    return plain_label(text, scale=HEADING_SCALE, bold=True)
