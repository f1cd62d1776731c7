"""Migration 0004: a version, who saved last and when, on every record people edit.

Runs on SQLite and, given a server, on PostgreSQL (the `db` fixture). The columns go up
and down without touching the data, an import starts every record at version 1 with
nobody named, and the exchange format never carries them: an export is byte-identical
before and after edits that end where they began.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect, select, text

from buurtteam.ops.contract import PointInput, edit_point, point_detail
from buurtteam.ops.exchange import export_data, export_file, import_data
from buurtteam.store import models as m
from buurtteam.store.db import Database, current_revision
from buurtteam.store.migrate import downgrade, upgrade
from buurtteam.store.schema import HEAD_REVISION
from tests.conftest import EXAMPLE

VERSIONED = (
    m.Party,
    m.Person,
    m.Contract,
    m.ContractPoint,
    m.Meeting,
    m.AgendaItem,
    m.Decision,
    m.Action,
    m.Proposal,
    m.Issue,
)
STAMP = datetime(2027, 3, 10, 14, 3)


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def columns(db: Database, table: str) -> set[str]:
    with db.engine.connect() as connection:
        return {c["name"] for c in inspect(connection).get_columns(table)}


def counts(db: Database) -> dict[str, int]:
    """Rows per table, read without the models (which know the newest schema only)."""
    with db.engine.connect() as connection:
        return {
            table.name: connection.execute(
                text(f'SELECT count(*) FROM "{table.name}"')
            ).scalar_one()
            for table in m.Base.metadata.sorted_tables
        }


def stamps(db: Database) -> set[tuple[int, str | None, datetime | None]]:
    found = set()
    with db.read() as s:
        for model in VERSIONED:
            found |= set(s.execute(select(model.version, model.changed_by, model.changed_at)))
    return found


def test_every_edited_record_has_a_version_and_who_saved_it(db: Database) -> None:
    for model in VERSIONED:
        assert {"version", "changed_by", "changed_at"} <= columns(db, model.__tablename__)
        assert model.__mapper__.version_id_col is model.__table__.c.version


def test_an_import_starts_at_version_one_with_nobody_named(db: Database) -> None:
    import_data(db, example())
    assert stamps(db) == {(1, None, None)}


def test_down_to_0003_and_up_again_keeps_every_record(db: Database) -> None:
    import_data(db, example())
    before = export_data(db, now=STAMP)
    counted = counts(db)
    downgrade(db, "0003")
    assert current_revision(db) == "0003"
    for model in VERSIONED:
        assert not {"version", "changed_by", "changed_at"} & columns(db, model.__tablename__)
    # Nothing went with the columns: not a history entry, not approved minutes.
    assert counts(db) == counted
    upgrade(db)
    assert current_revision(db) == HEAD_REVISION
    assert export_data(db, now=STAMP) == before
    assert stamps(db) == {(1, None, None)}
    # The store's own guards still hold after the round trip.
    with db.read() as s:
        frozen = s.execute(
            text("SELECT count(*) FROM meeting WHERE status = 'minutes_approved'")
        ).scalar()
    assert frozen


def test_the_export_never_carries_versions(db: Database, tmp_path: Path) -> None:
    import_data(db, example())
    first = export_file(db, tmp_path / "eerst.json", now=STAMP)
    with db.read() as s:
        point_id = s.execute(select(m.ContractPoint.id).order_by(m.ContractPoint.id)).scalar()
    assert point_id is not None
    db.editor = "secretaris (laptop-buurthuis)"
    detail = point_detail(db, point_id, STAMP.date())
    typed = PointInput(detail.title, detail.party.id, detail.description, detail.theme, detail.due)
    edit_point(db, point_id, replace(typed, title="Tijdelijk"), STAMP.date())
    edit_point(db, point_id, typed, STAMP.date())
    assert point_detail(db, point_id, STAMP.date()).version == detail.version + 2
    export_file(db, tmp_path / "daarna.json", now=STAMP)
    assert (tmp_path / "eerst.json").read_bytes() == (tmp_path / "daarna.json").read_bytes()
    assert first == export_data(db, now=STAMP)
    assert "laptop-buurthuis" not in (tmp_path / "daarna.json").read_text(encoding="utf-8")
