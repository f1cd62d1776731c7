"""A titled section of a page: a group box whose title is bold, its contents not.

A style sheet on the window ("QGroupBox { font-weight: bold }") did this before, but it
made Qt polish and paint every widget of the window through its slower style-sheet
style, a tenth of the time the window took to show (start-up time, issue 8). Here the
box's font is bold, so Qt draws the title bold itself, and each widget in the box that
has no font of its own is given the normal weight when it is polished (before it shows),
which its contents inherit.
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QWidget


def _weight_only(bold: bool) -> QFont:
    # A font that sets only the weight: family and size still come from the parent.
    font = QFont()
    font.setBold(bold)
    return font


class SectionBox(QGroupBox):
    """A QGroupBox with its title in bold; what it holds keeps the normal weight."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setFont(_weight_only(True))

    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        # Only widgets are polished, and only once they are whole: asking a child event
        # for a half-built child made PySide wrap it the slow way (80 ms, once).
        if not event.polished():
            return
        child = event.child()
        if isinstance(child, QWidget) and not child.testAttribute(
            Qt.WidgetAttribute.WA_SetFont
        ):
            child.setFont(_weight_only(False))
