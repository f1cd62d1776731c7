"""The row table: fed rows, read-only, and the title column never squeezed to a sliver."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from buurtteam.ui.table import (
    MIN_STRETCH_SHARE,
    ROW_ROLE,
    Column,
    RowTableModel,
    TableSection,
    shared_width,
)


@dataclass(frozen=True)
class Row:
    title: str
    who: str
    amount: str


COLUMNS = [
    Column("Titel", lambda r: r.title, stretch=True),
    Column("Wie", lambda r: r.who),
    Column("Bedrag", lambda r: r.amount, right_aligned=True),
]


def test_shared_width_lets_only_the_widest_give_way() -> None:
    assert shared_width([30, 100, 400], 1000) == 400  # everything fits
    assert shared_width([30, 100, 400], 330) == 200  # the widest is capped
    assert shared_width([30, 100, 400], 100) == 35  # all share alike when room is tiny
    assert shared_width([], 100) == 0


def test_the_model_serves_text_alignment_and_the_row(qtmodeltester: Any) -> None:
    model: RowTableModel[Row] = RowTableModel(COLUMNS, emphasis=lambda r: r.who == "Ans")
    rows = [Row("Bankje", "Ans", "€\xa0800,10"), Row("Feest", "Henk", "€\xa0500,00")]
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.index(0, 2).data() == "€\xa0800,10"
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(1, 1).data(ROW_ROLE) is rows[1]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Wie"


# The offscreen platform plugin warns when a bare widget is shown as a window.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_long_names_do_not_squeeze_the_title(qtbot: QtBot) -> None:
    section: TableSection[Row] = TableSection(COLUMNS, name="Acties", empty_text="Geen acties.")
    qtbot.addWidget(section)
    section.resize(600, 300)
    section.show()
    qtbot.waitExposed(section)
    section.set_rows([Row("Offerte opvragen", "Politie Waalhaven-Noord, wijkagent " * 3, "€ 1")])
    header = section.view.horizontalHeader()
    # The amount keeps its width; of the rest, the title keeps its share.
    width = section.view.viewport().width() - header.sectionSize(2)
    assert header.sectionSize(0) >= int(width * MIN_STRETCH_SHARE) - 1
    assert section.title() == "Acties (1)"
    section.set_rows([])
    assert section.empty_label.isVisible() and not section.view.isVisible()
    assert section.title() == "Acties"


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_rows_grow_to_show_wrapped_text_in_full(qtbot: QtBot) -> None:
    section: TableSection[Row] = TableSection(COLUMNS, name="Acties", empty_text="Geen acties.")
    qtbot.addWidget(section)
    long_title = " ".join(["Opdracht geven en de facturen doorsturen naar de buurtcoördinator"] * 3)
    section.set_rows([Row("Bankje", "Ans", "€\xa01,00"), Row(long_title, "Henk", "€\xa02,00")])
    section.resize(700, 400)
    section.show()
    qtbot.waitExposed(section)
    view = section.view
    one_line = view.rowHeight(0)
    assert view.rowHeight(1) >= 2 * one_line  # wrapped over several lines, not cut off

    # Narrower: the long title needs more lines, and its row grows again.
    before = view.rowHeight(1)
    section.resize(420, 400)
    qtbot.waitUntil(lambda: view.rowHeight(1) > before)

    # New rows are fitted too.
    section.set_rows([Row(long_title, "Ans", "€\xa03,00")])
    assert view.rowHeight(0) > one_line


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_long_list_fits_its_rows_as_they_are_scrolled_to(qtbot: QtBot) -> None:
    section: TableSection[Row] = TableSection(COLUMNS, name="Acties", empty_text="Geen acties.")
    qtbot.addWidget(section)
    long_title = " ".join(["Lijst maken van bewoners die een huisbezoek op prijs stellen"] * 3)
    section.set_rows([Row(f"{long_title} {n}", "Ans", "€\xa01,00") for n in range(300)])
    section.resize(600, 300)
    section.show()
    qtbot.waitExposed(section)
    view = section.view
    one_line = view.fontMetrics().lineSpacing()
    assert view.rowHeight(0) >= 2 * one_line
    view.scrollToBottom()

    def rows_in_sight_fitted() -> bool:
        first = view.rowAt(0)
        last = view.rowAt(view.viewport().height() - 1)
        last = view.model().rowCount() - 1 if last < 0 else last
        return first > 100 and all(
            view.rowHeight(row) >= 2 * one_line for row in range(first, last + 1)
        )

    # What is in sight down there is fitted (the rest follows as it scrolls into view).
    qtbot.waitUntil(rows_in_sight_fitted)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_amounts_are_never_cut_short_in_a_narrow_table(qtbot: QtBot) -> None:
    columns = [
        Column("Aanvraag", lambda r: r.title, stretch=True),
        Column("Ingediend door", lambda r: r.who),
        *(
            Column(name, lambda r: r.amount, right_aligned=True)
            for name in ("Gevraagd", "Toegekend", "Betaald")
        ),
    ]
    section: TableSection[Row] = TableSection(columns, name="Aanvragen", empty_text="Geen.")
    qtbot.addWidget(section)
    section.set_rows([Row("Bankjes langs de looproute", "Agnieszka Wróblewska", "€\xa012.400,00")])
    section.resize(420, 300)
    section.show()
    qtbot.waitExposed(section)
    view = section.view
    for column in (2, 3, 4):
        assert view.horizontalHeader().sectionSize(column) >= view.sizeHintForColumn(column)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_columns_are_measured_again_when_rows_come_through_a_filter(qtbot: QtBot) -> None:
    from PySide6.QtCore import QSortFilterProxyModel

    section: TableSection[Row] = TableSection(COLUMNS, name="Punten", empty_text="Geen.")
    qtbot.addWidget(section)
    # As the contract page does: a model of its own, behind a filter.
    section.model = RowTableModel(COLUMNS, parent=section)
    proxy = QSortFilterProxyModel(section)
    proxy.setSourceModel(section.model)
    section.view.setModel(proxy)
    section.set_rows([Row("Bankje", "Ans", "€\xa01,00")])
    section.resize(900, 300)
    section.show()
    qtbot.waitExposed(section)
    header = section.view.horizontalHeader()
    narrow = header.sectionSize(1)
    section.set_rows([Row("Bankje", "Woningcorporatie De Linge, afdeling wijkbeheer", "€\xa01,00")])
    assert header.sectionSize(1) > narrow
