"""Shared fixtures. Qt runs offscreen: set before any QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from buurtteam import i18n  # noqa: E402
from buurtteam.store.db import Database, open_database  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "spec" / "example-exchange.json"


@pytest.fixture(autouse=True)
def _dutch() -> None:
    """Every test starts in Dutch, the default language."""
    i18n.set_language("nl")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "buurt.sqlite"


@pytest.fixture
def db(db_path: Path) -> Database:
    database = open_database(db_path)
    yield database
    database.close()
