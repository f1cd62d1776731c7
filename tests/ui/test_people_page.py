"""Mensen en partijen: contact details only on request; export and erase on request."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from buurtteam.ops.exchange import export_data, import_file
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.pages.people import PeoplePage
from tests.conftest import EXAMPLE


@pytest.fixture
def page(db: Database, qtbot: QtBot) -> PeoplePage:
    import_file(db, EXAMPLE)
    widget = PeoplePage()
    qtbot.addWidget(widget)
    widget.load(db, 1, date(2027, 3, 1))
    widget.show()
    return widget


def _select(page: PeoplePage, name: str) -> None:
    model = page.people.model
    row = next(r for r in range(model.rowCount()) if model.row(r).name == name)
    page.people.view.setCurrentIndex(model.index(row, 0))


def test_contact_details_show_only_when_asked(page: PeoplePage, qtbot: QtBot) -> None:
    assert page.people.view.isColumnHidden(3) and page.people.view.isColumnHidden(4)
    qtbot.mouseClick(page.show_contact, Qt.MouseButton.LeftButton)
    assert not page.people.view.isColumnHidden(4)


def test_export_a_persons_data_as_pdf(
    page: PeoplePage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "fatma.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_args: target)
    monkeypatch.setattr(dialogs, "show_information", lambda *_args: None)
    _select(page, "Fatma Yılmaz")
    page.export_button.click()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Fatma Yılmaz" in text
    assert "Drie bankjes langs het Duinpad" in text


def test_erase_on_request_after_confirmation(
    page: PeoplePage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialogs.ConfirmDialog, "ask", lambda _p, text: asked.append(text) or True)
    monkeypatch.setattr(dialogs, "show_information", lambda *_args: None)
    _select(page, "Henk Bakker")
    page.erase_button.click()
    assert "Henk Bakker" in asked[0]
    names = [page.people.model.row(r).name for r in range(page.people.model.rowCount())]
    assert "Henk Bakker" not in names and "bewoner" in names
    assert "Henk" not in str(export_data(db))


def test_erase_declined_changes_nothing(
    page: PeoplePage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = export_data(db)
    monkeypatch.setattr(dialogs.ConfirmDialog, "ask", lambda _p, _text: False)
    _select(page, "Henk Bakker")
    page.erase_button.click()
    assert export_data(db) == before
