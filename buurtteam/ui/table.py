"""A read-only table model that is given rows, and the widget that shows one with a heading.

The model never queries: a page calls an op and hands the rows to `set_rows`. Each column
turns a row into the text shown, so formatting (dates, euros, Dutch labels) happens in one
place per column and sorting stays with the op that ordered the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from buurtteam.i18n.format import number
from buurtteam.ui.section import SectionBox

R = TypeVar("R")

# The row object behind a table row, for pages that act on a selected row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    right_aligned: bool = False  # amounts and counts
    stretch: bool = False  # the column that takes the free width (a title)


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows of one frozen dataclass, one column per `Column`.

    `emphasis` marks rows a person must notice (overdue, not kept) in bold; the reason is
    always also in words in a column, never in the font or colour alone.
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        emphasis: Callable[[R], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._emphasis = emphasis
        self._rows: list[R] = []
        # Each row's texts, formatted the first time Qt asks for them: a view asks for the
        # same cell many times (painting, sizing rows, tooltips, filtering), and formatting
        # dates and euros through babel every time made large tables slow (issue 8).
        self._texts: list[tuple[str, ...] | None] = []
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def columns(self) -> tuple[Column[R], ...]:
        return self._columns

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def row(self, position: int) -> R:
        return self._rows[position]

    def text(self, position: int, column: int) -> str:
        """The text shown in a cell."""
        texts = self._texts[position]
        if texts is None:
            row = self._rows[position]
            texts = tuple(each.text(row) for each in self._columns)
            self._texts[position] = texts
        return texts[column]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.right_aligned else Qt.AlignmentFlag.AlignLeft
            )
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and self._emphasis is not None and self._emphasis(row):
            return self._bold
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None


# The title column keeps at least this share of the width; wider columns wrap instead.
MIN_STRETCH_SHARE = 0.35


def shared_width(wants: Sequence[int], room: int) -> int:
    """The largest width `cap` with sum(min(want, cap)) <= room.

    Narrow columns (a number, a date) keep their width; only the widest give way.
    """
    used = 0
    ordered = sorted(wants)
    for position, want in enumerate(ordered):
        left = len(ordered) - position
        if used + want * left > room:
            return max((room - used) // left, 0)
        used += want
    return ordered[-1] if ordered else 0


class RowTableView(QTableView):
    """A calm read-only table: whole rows selected, no grid clutter, wrapped text.

    Columns take the width their text needs, but never so much that the stretching
    column (a title) is squeezed to a sliver: the widest of them wrap instead.
    """

    def __init__(self, model: RowTableModel[Any], accessible_name: str) -> None:
        super().__init__()
        self._wants: list[int] | None = None  # the fitted columns' widths, once per reset
        self._rows_fitted_at: tuple[int, ...] | None = None  # column widths rows fit
        self._fitted_rows: set[int] = set()  # rows fitted at those widths
        self._fits_rows = True
        self.setModel(model)
        self.verticalScrollBar().valueChanged.connect(self._fit_visible_rows)
        self._columns = model.columns
        self.setAccessibleName(accessible_name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for section, column in enumerate(self._columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(section, mode)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Rows grow to fit wrapped text: a long title is read in full, never cut off.

        On our own model the rows are fitted once per reset and width, when shown: Qt's
        ResizeToContents measured every row on each of the several resizes a showing
        window goes through (two thirds of the first screen's time on ten years of
        data). A model in between (a filter that hides and sorts rows) keeps Qt's way.
        """
        super().setModel(model)
        self._wants = None
        if model is not None:  # a filter in between passes its source's resets on
            model.modelReset.connect(self._on_model_reset)
        self._fits_rows = isinstance(model, RowTableModel)
        self._rows_fitted_at = None
        self.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Fixed
            if self._fits_rows
            else QHeaderView.ResizeMode.ResizeToContents
        )

    def _on_model_reset(self) -> None:
        self._wants = None
        self._rows_fitted_at = None
        self.fit_columns()

    def _fit_rows(self) -> None:
        if not self._fits_rows or not self.isVisible():
            return  # a hidden table's widths are not final: fitted when it shows
        header = self.horizontalHeader()
        widths = tuple(header.sectionSize(i) for i in range(header.count()))
        if widths != self._rows_fitted_at:
            self._rows_fitted_at = widths
            self._fitted_rows = set()
        self._fit_visible_rows()

    def _fit_visible_rows(self) -> None:
        """Fit the rows in sight, and the next screenful; the rest when scrolled to.

        Measuring wrapped text is the costly part of showing a long list (ten years of
        actions), and only a screenful can be read at once.
        """
        if not self._fits_rows or self._rows_fitted_at is None:
            return
        count = self.model().rowCount()
        row = max(self.rowAt(0), 0)
        bottom = 2 * self.viewport().height()
        while row < count and self.rowViewportPosition(row) < bottom:
            if row not in self._fitted_rows:
                self._fitted_rows.add(row)
                self.resizeRowToContents(row)
            row += 1

    def fit_columns(self) -> None:
        if not self.isVisible():
            return  # fitted when it shows: a hidden table's width is not final yet
        header = self.horizontalHeader()
        fitted = [i for i, column in enumerate(self._columns) if not column.stretch]
        if self._wants is None:
            # Measured once per reset, not on every resize: the window's layout resizes a
            # table several times while it shows, and measuring asks every cell its text.
            self._wants = [
                max(self.sizeHintForColumn(i), header.sectionSizeHint(i)) for i in fitted
            ]
        wants = self._wants
        # Amounts and counts are read in full ("€ 2.400,..." helps nobody): they keep
        # their width, and the text columns, which wrap, share what is left.
        whole = [self._columns[i].right_aligned for i in fitted]
        room = self.viewport().width()
        room -= sum(want for want, keep in zip(wants, whole, strict=True) if keep)
        if len(fitted) < len(self._columns):
            room = int(room * (1 - MIN_STRETCH_SHARE))
        cap = max(
            shared_width([want for want, keep in zip(wants, whole, strict=True) if not keep], room),
            header.minimumSectionSize(),
        )
        for section, want, keep in zip(fitted, wants, whole, strict=True):
            header.resizeSection(section, want if keep else min(want, cap))
        self._fit_rows()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_columns()  # and the rows

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._wants = None  # the text takes another width now
            self.fit_columns()


class TableSection(SectionBox, Generic[R]):
    """A titled table, or a plain sentence in its place when there are no rows."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        name: str,
        empty_text: str,
        emphasis: Callable[[R], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(name, parent)
        self._name = name
        self.model: RowTableModel[R] = RowTableModel(columns, emphasis=emphasis, parent=self)
        self.view = RowTableView(self.model, name)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_label.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view)
        self.set_rows([])

    def set_rows(self, rows: Sequence[R]) -> None:
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self.setTitle(f"{self._name} ({number(len(rows))})" if rows else self._name)
