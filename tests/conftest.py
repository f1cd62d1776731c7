"""Shared fixtures. Qt runs offscreen: set before any QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from buurtteam import i18n
from buurtteam.store.db import Database, open_database

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# The spec's own example when shared/ is beside the checkout (as in CI), else our copy of it.
EXAMPLE = SHARED / "spec" / "example-exchange.json"
if not EXAMPLE.exists():
    EXAMPLE = Path(__file__).resolve().parent / "data" / "example-exchange.json"


@pytest.fixture(autouse=True)
def _dutch() -> None:
    """Every test starts in Dutch, the default language."""
    i18n.set_language("nl")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "buurt.sqlite"


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file brought to the current schema; each test gets a copy (migrations are slow)."""
    path = tmp_path_factory.mktemp("template") / "leeg.sqlite"
    open_database(path).close()
    return path


@pytest.fixture
def db(db_path: Path, _migrated_template: Path) -> Iterator[Database]:
    shutil.copyfile(_migrated_template, db_path)
    database = open_database(db_path)
    yield database
    database.close()
