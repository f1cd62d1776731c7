"""The second screen: the agenda, the current item and its timer, large, for a projector.

It only shows; everything is done in the chair's window. On a computer with two screens it
opens full screen on the second one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from buurtteam.i18n import _

CURRENT_MARK = "▶"
TITLE_POINTS = 34.0
TIMER_POINTS = 28.0
AGENDA_POINTS = 18.0
ITEMS_SHOWN = 9  # lines of the agenda that fit beside the current item at 18 pt
ITEMS_BEFORE = 2
TITLE_CHARS = 38


def _label(points: float, *, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles are user text
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    return label


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def agenda_lines(titles: Sequence[str], current: int | None) -> list[str]:
    """The part of the agenda around the current item that fits, one short line each."""
    start = max(0, (current or 0) - ITEMS_BEFORE)
    end = min(len(titles), start + ITEMS_SHOWN)
    start = max(0, end - ITEMS_SHOWN)
    lines = ["…"] if start > 0 else []
    lines += [
        f"{CURRENT_MARK if index == current else '   '} {_short(titles[index])}"
        for index in range(start, end)
    ]
    if end < len(titles):
        lines.append("…")
    return lines


class PresentationWindow(QWidget):
    """What the room sees. `show_state` is called whenever the chair's window changes."""

    def __init__(self, heading: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(_("Meeting (second screen)"))
        self.setAccessibleName(_("Second screen"))
        self.setStyleSheet("background: white; color: black;")
        self.setMinimumSize(640, 400)  # explicit: the layout must not resize a shown window
        self.heading = _label(AGENDA_POINTS)
        self.heading.setText(heading)
        self.agenda = _label(AGENDA_POINTS)
        self.agenda.setAccessibleName(_("Agenda"))
        self.current = _label(TITLE_POINTS, bold=True)
        self.current.setAccessibleName(_("Current item"))
        self.timer = _label(TIMER_POINTS, bold=True)
        self.timer.setAccessibleName(_("Timer"))
        right = QVBoxLayout()
        right.addWidget(self.current)
        right.addWidget(self.timer)
        right.addStretch(1)
        body = QHBoxLayout()
        self.agenda.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.agenda, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.heading)
        layout.addSpacing(20)
        layout.addLayout(body, 1)

    def show_state(self, titles: Sequence[str], current: int | None, timer: str) -> None:
        """The agenda with the current item marked (a sign, not only bold), its title, timer."""
        self.agenda.setText("\n".join(agenda_lines(titles, current)))
        if current is None:
            self.current.setText(_("Attendance"))
            self.timer.setText("")
        else:
            self.current.setText(titles[current])
            self.timer.setText(timer)

    def show_on_second_screen(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setScreen(screens[1])
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.resize(1024, 640)
            self.show()
