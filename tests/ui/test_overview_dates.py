"""The Overzicht formats each date once, and still in the language chosen at the time."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from buurtteam import i18n
from buurtteam.store.db import Database
from buurtteam.ui.pages.overview import OverviewPage
from tests.ops.test_overview import TODAY, add_sample_neighbourhood


def _texts(page: OverviewPage) -> list[str]:
    model = page.actions_section.model
    return [
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def test_dates_follow_the_language_after_being_shown_once(db: Database, qtbot: QtBot) -> None:
    hood = add_sample_neighbourhood(db)
    page = OverviewPage()
    qtbot.addWidget(page)

    page.load(db, hood, TODAY)
    dutch = _texts(page)
    i18n.set_language("en")
    page.load(db, hood, TODAY)
    english = _texts(page)

    months_nl = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus")
    months_en = ("January", "February", "March", "April", "May", "June", "July", "August")
    assert any(month in text for text in dutch for month in months_nl)
    assert any(month in text for text in english for month in months_en)
    assert not any(month in text for text in english for month in months_nl if month != "mei")
