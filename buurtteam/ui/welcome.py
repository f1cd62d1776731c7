"""What the window shows on a database without any neighbourhood: two ways to begin."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from buurtteam.i18n import _
from buurtteam.ui.pages import heading, plain_label

MAX_TEXT_WIDTH = 640  # a calm line length for reading


class WelcomePage(QWidget):
    """Offers the demo neighbourhood or an exchange file; the window does the work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading(_("Welcome to buurtteam"))
        text = plain_label(
            _(
                "There is no neighbourhood in this database yet. Load the demo neighbourhood "
                "to look around with invented data, or import an exchange file that a team "
                "or the municipality sent you."
            ),
            scale=1.15,
        )
        self.demo_button = QPushButton(_("Load demo neighbourhood"))
        self.demo_button.setAccessibleName(_("Load demo neighbourhood"))
        self.import_button = QPushButton(_("Import exchange file..."))
        self.import_button.setAccessibleName(_("Import exchange file..."))
        self.demo_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)

        column = QWidget()
        # A fixed width lets the wrapped text take the height it needs.
        column.setFixedWidth(MAX_TEXT_WIDTH)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addSpacing(12)
        inner.addWidget(text)
        inner.addSpacing(24)
        inner.addLayout(buttons)

        # Centred with stretches, not an alignment flag: an aligned widget gets its size
        # hint, and the wrapped text would lose its last line.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.setTabOrder(self.demo_button, self.import_button)
