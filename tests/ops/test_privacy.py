"""A resident's request: export everything about them, or erase them without a trace."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text

from buurtteam.errors import BuurtteamError
from buurtteam.ops.exchange import export_data, import_file
from buurtteam.ops.privacy import erase_person, person_data
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE
from tests.snapshot import snapshot


@pytest.fixture
def example_db(db: Database) -> Database:
    import_file(db, EXAMPLE)
    with db.write() as session:
        # Someone typed Fatma's name into approved minutes and into a letter step.
        session.execute(text("INSERT INTO store_override (reason) VALUES ('test')"))
        session.execute(
            text(
                "UPDATE agenda_item SET notes = notes || ' Fatma Yılmaz meldt zich af.' "
                "WHERE public_id = 'a-1-2'"
            )
        )
        session.execute(text("DELETE FROM store_override"))
        session.execute(text("UPDATE issue_step SET text = text || ' (namens FATMA YILMAZ)'"))
        session.execute(
            text(
                "INSERT INTO point_history (point_id, date, status, note) SELECT id, '2027-03-01', "
                "status, 'Gemeld door Fatma  Yılmaz' FROM contract_point WHERE number = 2"
            )
        )
    return db


def test_export_holds_everything_about_the_person(example_db: Database) -> None:
    data = person_data(example_db, "p-fatma")
    assert data["person"]["name"] == "Fatma Yılmaz"
    assert data["person"]["phone"] == "06-12345678"
    assert [a["status"] for a in data["attendance"]] == ["absent_with_notice", "present"]
    assert [p["id"] for p in data["proposals"]] == ["b-bankjes"]
    assert [i["id"] for i in data["issues"]] == ["k-overlast"]
    assert [r["id"] for r in data["agenda_requests"]] == ["r-2"]
    assert any("meldt zich af" in m["text"] for m in data["mentions"])
    json.dumps(data, ensure_ascii=False)  # serialisable as is


def test_erase_leaves_no_trace_in_the_database_or_new_exports(example_db: Database) -> None:
    report = erase_person(example_db, "p-fatma", date(2027, 3, 1))
    assert report.replaced_by == "bewoner"
    assert report.texts_changed == 4  # the notes, two letter steps, a history note
    exported = json.dumps(export_data(example_db), ensure_ascii=False)
    stored = repr(snapshot(example_db))  # every row of every table, the search index too
    for trace in ("Fatma", "Yılmaz", "YILMAZ", "06-12345678", "p-fatma"):
        assert trace not in exported
        assert trace not in stored


@pytest.mark.sqlite_only("reads the file's bytes: erasure vacuums the laptop file")
def test_erase_leaves_no_trace_in_the_file_itself(example_db: Database, db_path: Path) -> None:
    erase_person(example_db, "p-fatma", date(2027, 3, 1))
    # The file itself, including its free pages and the search index.
    example_db.close()
    raw = db_path.read_bytes()
    wal = db_path.with_name(db_path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for trace in ("Fatma", "Yılmaz", "YILMAZ", "06-12345678"):
        assert trace.encode("utf-8") not in raw


def test_erase_replaces_the_name_in_approved_minutes_by_the_role(example_db: Database) -> None:
    erase_person(example_db, "p-fatma", date(2027, 3, 1))
    hood = export_data(example_db)["neighbourhoods"][0]
    notes = hood["meetings"][0]["agenda"][1]["notes"]
    assert notes.endswith("bewoner meldt zich af.")
    assert hood["meetings"][0]["status"] == "minutes_approved"
    with example_db.read() as session:
        recorded = session.execute(
            select(m.Anonymisation.role_label, m.Anonymisation.done_on)
        ).all()
    assert recorded == [("bewoner", date(2027, 3, 1))]


def test_an_unknown_person_is_refused(example_db: Database) -> None:
    with pytest.raises(BuurtteamError):
        erase_person(example_db, "p-niemand", date(2027, 3, 1))


def test_erasure_renews_the_fingerprints_of_approved_minutes(example_db: Database) -> None:
    """Approved minutes change on record, so `check` still finds them sound."""
    from buurtteam.ops.check import check_database
    from buurtteam.ops.minutes import renew_fingerprint, verify_fingerprints

    with example_db.write() as session:
        meeting_id = session.execute(
            text("SELECT id FROM meeting WHERE public_id = 'm-2027-01'")
        ).scalar_one()
        assert renew_fingerprint(session, meeting_id)  # sealed, as approval does
    erase_person(example_db, "p-fatma", date(2027, 3, 1))
    assert verify_fingerprints(example_db) == []
    assert check_database(example_db).ok
