"""A page section: its title in bold, what it holds in the normal weight."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout
from pytestqt.qtbot import QtBot

from buurtteam.ui.section import SectionBox


def test_the_title_is_bold_and_the_contents_are_not(qtbot: QtBot) -> None:
    box = SectionBox("Volgende vergadering")
    label = QLabel("Datum: dinsdag 12 januari 2027")
    QVBoxLayout(box).addWidget(label)
    qtbot.addWidget(box)
    box.resize(400, 120)
    box.show()
    qtbot.waitExposed(box)
    assert box.font().bold()  # Qt draws the title in the box's font
    assert not label.font().bold()
    assert label.font().pointSizeF() == box.font().pointSizeF()  # only the weight differs
    # The title is painted: the band above the contents holds dark text pixels.
    image = box.grab().toImage()
    top = label.geometry().top()
    dark = sum(
        1
        for y in range(top)
        for x in range(image.width())
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 50
