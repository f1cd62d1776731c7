import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from buurtteam.errors import StoreError
from buurtteam.store import models as m
from buurtteam.store.db import Database, backup_to, current_revision, open_database
from buurtteam.store.migrate import downgrade, upgrade
from buurtteam.store.schema import HEAD_REVISION
from tests.snapshot import snapshot


def test_a_new_file_is_created_at_the_current_schema(db_path: Path) -> None:
    db = open_database(db_path)
    assert db_path.exists()
    assert current_revision(db) == HEAD_REVISION
    db.close()


@pytest.mark.sqlite_only("SQLite's pragmas")
def test_pragmas_are_set_on_every_connection(db: Database) -> None:
    with db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_head_revision_constant_matches_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from buurtteam.store.migrate import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_models_and_migrations_agree(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    def ours(name: str | None, type_: str, _parent: object) -> bool:
        # The FTS5 index and its shadow tables are made by raw SQL, not by the models.
        return not (type_ == "table" and (name or "").startswith("search_index"))

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": ours})
        differences = compare_metadata(context, m.Base.metadata)
    # agenda_item.carried_from_id got its foreign key through a plain ALTER TABLE (see
    # migration 0002), so SQLite reports it unnamed: the same key under another name.
    differences = [
        d
        for d in differences
        if not (
            d[0] in ("add_fk", "remove_fk")
            and d[1].parent.name == "agenda_item"
            and [c.name for c in d[1].columns] == ["carried_from_id"]
        )
    ]
    assert differences == []


def test_downgrade_to_empty_and_upgrade_again(db: Database) -> None:
    downgrade(db, "base")
    assert set(table_names(db)) <= {"alembic_version"}
    upgrade(db)
    assert current_revision(db) == HEAD_REVISION


def table_names(db: Database) -> list[str]:
    with db.engine.connect() as connection:
        return inspect(connection).get_table_names()


def _add_neighbourhood(db: Database, name: str = "Testbuurt") -> None:
    with db.write() as session:
        session.add(m.Neighbourhood(name=name, municipality="Testgemeente"))


def test_money_is_stored_as_integer_cents_and_sums_exactly(db: Database) -> None:
    _add_neighbourhood(db)
    with db.write() as session:
        hood = session.execute(select(m.Neighbourhood)).scalar_one()
        for year in (2027, 2028, 2029):
            session.add(m.BudgetYear(neighbourhood_id=hood.id, year=year, amount=Decimal("0.10")))
    with db.read() as session:  # as stored, past the models: whole cents, no float
        stored = session.execute(text("SELECT amount FROM budget_year")).scalars().all()
        total = session.execute(text("SELECT sum(amount) FROM budget_year")).scalar()
    assert stored == [10, 10, 10] and all(type(cents) is int for cents in stored)
    assert total == 30 and not isinstance(total, float)
    with db.read() as session:
        assert session.execute(select(m.BudgetYear.amount)).scalars().first() == Decimal("0.10")


def test_text_is_stored_nfc(db: Database) -> None:
    _add_neighbourhood(db, "Zoe\u0308buurt")
    with db.read() as session:
        assert session.execute(select(m.Neighbourhood.name)).scalar() == "Zoëbuurt"


def test_a_failed_write_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(m.Neighbourhood(name="Halfbuurt", municipality="X"))
        session.flush()
        raise RuntimeError("power cut")
    with db.read() as session:
        assert session.execute(select(func.count(m.Neighbourhood.id))).scalar() == 0


def test_ddl_is_transactional(db: Database) -> None:
    """A migration that fails half-way must not leave its first steps behind."""
    with pytest.raises(DBAPIError), db.engine.connect() as connection, connection.begin():
        connection.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        connection.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
    assert "half_done" not in table_names(db)


def _point_with_history(db: Database) -> None:
    _add_neighbourhood(db)
    with db.write() as session:
        hood = session.execute(select(m.Neighbourhood)).scalar_one()
        party = m.Party(
            neighbourhood_id=hood.id, public_id="gemeente", name="Gemeente", kind="municipality"
        )
        contract = m.Contract(
            neighbourhood_id=hood.id,
            public_id="c",
            title="Contract",
            starts_on=date(2027, 1, 1),
            ends_on=date(2029, 6, 30),
        )
        session.add_all([party, contract])
        session.flush()
        point = m.ContractPoint(
            contract_id=contract.id, number=1, title="Bankjes", party_id=party.id, status="open"
        )
        session.add(point)
        session.flush()
        session.add(m.PointHistory(point_id=point.id, date=date(2027, 2, 1), status="open"))


def test_point_history_cannot_be_rewritten_at_the_store_level(db: Database) -> None:
    _point_with_history(db)
    for statement in ("UPDATE point_history SET note = 'anders'", "DELETE FROM point_history"):
        with pytest.raises(Exception, match="append-only"), db.write() as session:
            session.execute(text(statement))
    with db.read() as session:
        assert session.execute(select(m.PointHistory.note)).all() == [(None,)]


def test_history_goes_with_its_point(db: Database) -> None:
    _point_with_history(db)
    with db.write() as session:
        session.execute(text("DELETE FROM contract_point"))
    with db.read() as session:
        assert session.execute(select(func.count(m.PointHistory.id))).scalar() == 0


def test_a_file_from_a_newer_app_is_refused_untouched(db_path: Path) -> None:
    db = open_database(db_path)
    _add_neighbourhood(db)
    with db.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_database(db_path)
    assert "nieuwere versie" in caught.value.text()
    assert db_path.read_bytes() == before


def test_a_database_from_a_newer_app_is_refused_untouched(db: Database) -> None:
    """The same on the server: a newer app's schema is left alone, not downgraded."""
    _add_neighbourhood(db)
    with db.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    before = snapshot(db)
    with pytest.raises(StoreError) as caught:
        open_database(db.url)
    assert "nieuwere versie" in caught.value.text()
    assert snapshot(db) == before
    assert current_revision(db) == "9999"


def test_an_older_file_is_backed_up_then_upgraded(db_path: Path) -> None:
    """A file at the previous revision keeps its data, gets a backup, reaches the head."""
    from buurtteam.store.schema import KNOWN_REVISIONS

    previous = KNOWN_REVISIONS[-2]
    db = open_database(db_path, migrate=False)
    upgrade(db, previous)
    with db.write() as session:
        session.execute(text("INSERT INTO neighbourhood (name, municipality) VALUES ('Oud', 'X')"))
    db.close()
    reopened = open_database(db_path)
    assert current_revision(reopened) == HEAD_REVISION
    with reopened.read() as session:
        assert session.execute(select(m.Neighbourhood.name)).scalar() == "Oud"
    reopened.close()
    backups = list((db_path.parent / "back-ups").glob(f"buurt-*-voor-upgrade-{previous}.sqlite"))
    assert len(backups) == 1
    raw = sqlite3.connect(backups[0])
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (previous,)
    raw.close()


def test_every_step_up_keeps_the_data(db: Database) -> None:
    """Migrations from an empty database, step by step, and down again."""
    from buurtteam.store.schema import KNOWN_REVISIONS

    downgrade(db, "base")
    for revision in KNOWN_REVISIONS:
        upgrade(db, revision)
        assert current_revision(db) == revision
    for revision in reversed(("base", *KNOWN_REVISIONS[:-1])):
        downgrade(db, revision)
    upgrade(db)
    assert current_revision(db) == HEAD_REVISION


def test_an_older_database_is_upgraded_and_keeps_its_data(db: Database) -> None:
    from buurtteam.store.schema import KNOWN_REVISIONS

    downgrade(db, KNOWN_REVISIONS[-2])
    with db.write() as session:
        session.execute(text("INSERT INTO neighbourhood (name, municipality) VALUES ('Oud', 'X')"))
    reopened = open_database(db.url)
    try:
        assert current_revision(reopened) == HEAD_REVISION
        with reopened.read() as session:
            assert session.execute(select(m.Neighbourhood.name)).scalar() == "Oud"
    finally:
        reopened.close()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notulen.sqlite"
    path.write_bytes(b"Dit is een tekstbestand, geen database." * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_database(path)
    assert "beschadigd" in caught.value.text()
    assert path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ander.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE klanten (id INTEGER)")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError) as caught:
        open_database(path)
    assert "geen buurtteam-database" in caught.value.text()


@pytest.mark.sqlite_only("a backup file is made of a database file")
def test_backup_is_a_sound_copy(db: Database, tmp_path: Path) -> None:
    _add_neighbourhood(db)
    target = backup_to(db, tmp_path / "kopie.sqlite")
    copy = open_database(target)
    with copy.read() as session:
        assert session.execute(select(m.Neighbourhood.name)).scalar() == "Testbuurt"
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    copy.close()


@pytest.mark.sqlite_only("a backup file is made of a database file")
def test_backup_refuses_to_overwrite_the_database(db: Database, db_path: Path) -> None:
    with pytest.raises(StoreError):
        backup_to(db, db_path)
