"""One writer per file, and backups in rotation with a clock passed in."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from buurtteam.errors import BuurtteamError, StoreError
from buurtteam.ops.exchange import import_data, import_file
from buurtteam.store import models as m
from buurtteam.store.backups import (
    list_backups,
    make_backup,
    newest_sound_backup,
    restore,
    rotate,
)
from buurtteam.store.db import DamagedFile, Database, open_database
from buurtteam.store.lock import Me, acquire, current_holder, in_synced_folder, refresh, release
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.sqlite_only("the file lock and backup files are about SQLite itself")

NOW = datetime(2027, 3, 1, 19, 30)


def test_the_first_opener_gets_the_lock_and_a_second_is_told_who_has_it(db: Database) -> None:
    chair = Me("laptop-voorzitter", "ans", 4242)
    secretary = Me("laptop-secretaris", "joke", 777)
    assert acquire(db, chair, NOW) is None
    holder = acquire(db, secretary, NOW + timedelta(minutes=1))
    assert holder is not None
    assert (holder.host, holder.user, holder.since) == ("laptop-voorzitter", "ans", NOW)


def test_a_lock_left_by_a_crash_is_taken_over(db: Database) -> None:
    # Same machine, process gone: taken over at once.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    me = Me.current()
    crashed = Me(me.host, me.user, int(dead.stdout))
    assert acquire(db, crashed, NOW) is None
    assert acquire(db, me, NOW + timedelta(seconds=5)) is None
    assert current_holder(db).pid == me.pid  # type: ignore[union-attr]


def test_another_laptop_silent_for_long_is_stale(db: Database) -> None:
    other = Me("ander-laptop", "karim", 1)
    assert acquire(db, other, NOW) is None
    me = Me("mijn-laptop", "ans", 2)
    assert acquire(db, me, NOW + timedelta(minutes=2)) is not None
    assert acquire(db, me, NOW + timedelta(minutes=6)) is None


def test_heartbeat_keeps_the_lock_alive_and_release_frees_it(db: Database) -> None:
    me, other = Me("a", "ans", 1), Me("b", "joke", 2)
    acquire(db, me, NOW)
    assert refresh(db, me, NOW + timedelta(minutes=4))
    assert acquire(db, other, NOW + timedelta(minutes=8)) is not None
    release(db, me)
    assert acquire(db, other, NOW + timedelta(minutes=8)) is None
    assert not refresh(db, me, NOW + timedelta(minutes=9))


def test_two_processes_on_one_file(db_path: Path, db: Database) -> None:
    """A real second process sees the first one's lock."""
    me = Me.current()
    assert acquire(db, me, datetime.now()) is None
    script = (
        "import sys; from datetime import datetime; "
        "from buurtteam.store.db import open_database; "
        "from buurtteam.store.lock import Me, acquire; "
        f"db = open_database({str(db_path)!r}); h = acquire(db, Me.current(), datetime.now()); "
        "print(h.pid if h else 'taken')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == str(os.getpid())


def test_read_only_refuses_writes_and_changes_nothing(db_path: Path, db: Database) -> None:
    import_file(db, EXAMPLE)
    viewer = open_database(db_path, read_only=True)
    other = json.loads(EXAMPLE.read_text("utf-8"))
    other["neighbourhoods"][0]["name"] = "Tweede buurt"
    with pytest.raises(StoreError) as caught:
        import_data(viewer, other)
    assert "alleen-lezen" in caught.value.text()
    with viewer.read() as session:
        assert session.execute(select(m.Neighbourhood.name)).scalars().all() == ["Duin en Dorp"]
    viewer.close()


@pytest.mark.parametrize(
    ("path", "synced"),
    [
        ("/home/ans/OneDrive/buurt.sqlite", True),
        ("/home/ans/OneDrive - Gemeente Zeedorp/buurt.sqlite", True),
        ("/Users/ans/Dropbox/Buurtteam/buurt.sqlite", True),
        ("/home/ans/Documenten/buurt.sqlite", False),
    ],
)
def test_synced_folders_are_recognised(path: str, synced: bool) -> None:
    assert in_synced_folder(Path(path)) is synced


# -- backups ---------------------------------------------------------------------------------


def test_a_backup_is_sound_and_named_by_time_and_reason(db: Database, db_path: Path) -> None:
    import_file(db, EXAMPLE)
    made = make_backup(db, "handmatig", NOW)
    assert made.parent == db_path.parent / "back-ups"
    assert made.name == "buurt-20270301-193000-handmatig.sqlite"
    raw = sqlite3.connect(made)
    assert raw.execute("SELECT name FROM neighbourhood").fetchall() == [("Duin en Dorp",)]
    raw.close()


def test_rotation_keeps_ten_newest_and_one_per_month_for_a_year(
    db: Database, db_path: Path
) -> None:
    import_file(db, EXAMPLE)
    start = datetime(2025, 1, 1, 20, 0)
    day = start
    while day < datetime(2027, 3, 1):
        make_backup(db, "dagelijks", day)
        day += timedelta(days=3)
    rotate(db_path, day)
    kept = list_backups(db_path)
    newest = kept[:10]
    assert newest[0].made_at == day - timedelta(days=3)
    months = {(b.made_at.year, b.made_at.month) for b in kept[10:]}
    assert len(kept) <= 10 + 12
    assert all((day.year - y) * 12 + day.month - mo < 12 for y, mo in months)
    assert (2026, 4) in {(b.made_at.year, b.made_at.month) for b in kept}
    assert (2025, 6) not in {(b.made_at.year, b.made_at.month) for b in kept}


def test_the_first_open_of_a_day_makes_a_backup(db_path: Path, db: Database) -> None:
    import_file(db, EXAMPLE)  # an import of data into an empty file needs no backup
    db.close()
    before = len(list_backups(db_path))
    open_database(db_path).close()
    open_database(db_path).close()
    assert len(list_backups(db_path)) == before + 1


def test_an_import_into_a_file_with_data_is_backed_up_first(db: Database, db_path: Path) -> None:
    import_file(db, EXAMPLE)
    count = len(list_backups(db_path))
    with pytest.raises(BuurtteamError):
        import_file(db, EXAMPLE)  # refused before anything: no backup needed
    assert len(list_backups(db_path)) == count
    other = json.loads(EXAMPLE.read_text("utf-8"))
    other["neighbourhoods"][0]["name"] = "Tweede buurt"
    import_data(db, other)
    assert len(list_backups(db_path)) == count + 1
    assert list_backups(db_path)[0].reason == "voor-import"


def test_restore_brings_back_the_old_content_after_backing_up_the_current(
    db: Database, db_path: Path
) -> None:
    import_file(db, EXAMPLE)
    old = make_backup(db, "handmatig", NOW)
    with db.write() as session:
        session.execute(m.Neighbourhood.__table__.update().values(municipality="Veranderd"))
    safety = restore(db, old, NOW + timedelta(hours=1))
    with db.read() as session:
        assert session.execute(select(m.Neighbourhood.municipality)).scalar() == "Zeedorp"
    raw = sqlite3.connect(safety)
    assert raw.execute("SELECT municipality FROM neighbourhood").fetchall() == [("Veranderd",)]
    raw.close()


def _corrupt(path: Path) -> None:
    """Scribble over every page but the first (the header stays readable)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for page in range(1, size // 4096):
            handle.seek(page * 4096 + 8)
            handle.write(b"\xff" * 200)


def test_a_damaged_file_is_refused_untouched_and_the_newest_sound_backup_named(
    db: Database, db_path: Path
) -> None:
    import_file(db, EXAMPLE)
    backup = make_backup(db, "handmatig", NOW)
    db.close()
    # Checkpoint the WAL into the main file, then damage a page of it.
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    _corrupt(db_path)
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_database(db_path)
    assert isinstance(caught.value, DamagedFile)
    assert caught.value.backup == backup
    assert "beschadigd" in caught.value.text() and backup.name in caught.value.text()
    assert db_path.read_bytes() == before
    assert newest_sound_backup(db_path).path == backup  # type: ignore[union-attr]


def test_a_truncated_file_is_refused_untouched(db: Database, db_path: Path) -> None:
    import_file(db, EXAMPLE)
    db.close()
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    before = db_path.read_bytes()
    with pytest.raises(StoreError):
        open_database(db_path)
    assert db_path.read_bytes() == before
