"""A titled section of a page: a group box whose title is bold, its contents not.

Painted rather than styled: a style sheet on the window ("QGroupBox { font-weight: bold }")
made Qt polish and paint every widget of the window through its slower style-sheet style,
a tenth of the time the window took to show (start-up time, issue 8).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QPaintEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QStyle,
    QStyleOptionGroupBox,
    QStylePainter,
    QWidget,
)


class SectionBox(QGroupBox):
    """A QGroupBox with its title in bold; what it holds keeps the normal weight."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)

    def title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionGroupBox()
        self.initStyleOption(option)
        font = self.title_font()
        option.fontMetrics = QFontMetrics(font)  # the title's room, measured in bold
        painter.setFont(font)
        painter.drawComplexControl(QStyle.ComplexControl.CC_GroupBox, option)
