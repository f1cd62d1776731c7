"""Minutes: read whole, approved at a later meeting, then frozen in the store; errata;
fingerprints that `check` verifies; the actielijst that carries open actions on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from buurtteam.domain.vocab import AttendanceStatus, MeetingStatus, Section
from buurtteam.errors import InvalidInput, RuleBroken
from buurtteam.ops.exchange import export_file, import_file
from buurtteam.ops.meeting_mode import ActionDraft, finish_meeting, mark_action_done, save_action
from buurtteam.ops.minutes import (
    MinutesFrozen,
    add_erratum,
    approve_minutes,
    minutes_of,
    minutes_write,
    renew_fingerprints_of,
    seal_minutes,
    set_minutes_people,
    verify_fingerprints,
)
from buurtteam.ops.privacy import erase_person
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.conftest import Databases
from tests.ops.test_meeting_mode import (
    TODAY,
    by_public_id,
    composed_meeting,
    example,
    item_in,
    refused,
)
from tests.snapshot import snapshot


@pytest.fixture
def hood(db: Database) -> Database:
    return example(db)


def test_minutes_read_whole_in_agenda_order(hood: Database) -> None:
    held = by_public_id(hood, m.Meeting, "m-2027-02")
    minutes = minutes_of(hood, held)
    assert minutes.head.status is MeetingStatus.HELD and minutes.head.editable
    assert [i.number for i in minutes.items] == list(range(1, len(minutes.items) + 1))
    assert minutes.items[1].section is Section.PREVIOUS_MINUTES
    statuses = {a.name: a.status for a in minutes.attendance}
    assert statuses["Henk Bakker"] is AttendanceStatus.ABSENT
    assert minutes.voters_present == 3  # Karim, Joke, Fatma; Ans chairs without a vote
    assert [d.text for d in minutes.decisions] == [
        d.text for item in minutes.items for d in item.decisions
    ]
    assert minutes.previous_concept is None  # January's minutes are approved


def test_open_actions_carry_over_until_they_are_done(hood: Database) -> None:
    january = by_public_id(hood, m.Meeting, "m-2027-01")
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    april = composed_meeting(hood)
    action = by_public_id(hood, m.Action, "x-1")  # done on 28 January, before February
    assert action in {a.id for a in minutes_of(hood, january).action_list}
    assert action not in {a.id for a in minutes_of(hood, february).action_list}
    mark_action_done(hood, action, None, TODAY)  # reopened: it is on every later list again
    for meeting in (february, april):
        assert action in {a.id for a in minutes_of(hood, meeting).action_list}
    mark_action_done(hood, action, date(2027, 3, 1), TODAY)
    assert action in {a.id for a in minutes_of(hood, february).action_list}  # open then
    assert action not in {a.id for a in minutes_of(hood, april).action_list}


def test_approval_freezes_the_minutes_and_records_the_decision(hood: Database) -> None:
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    april = composed_meeting(hood)
    assert minutes_of(hood, april).previous_concept is not None
    approval = approve_minutes(hood, february, april, TODAY)
    minutes = minutes_of(hood, february)
    assert minutes.head.frozen and minutes.head.approved_by_id == april
    assert minutes.stored_fingerprint == approval.fingerprint == minutes.fingerprint
    previous = item_in(hood, april, Section.PREVIOUS_MINUTES)
    assert [d.text for d in minutes_of(hood, april).item(previous).decisions] == [
        "Het verslag van 23 februari 2027 wordt vastgesteld."
    ]
    assert verify_fingerprints(hood) == []
    message = refused(hood, RuleBroken, lambda: approve_minutes(hood, february, april, TODAY))
    assert "al vastgesteld" in message


def test_approval_is_refused_unless_a_later_held_meeting_approves(hood: Database) -> None:
    january = by_public_id(hood, m.Meeting, "m-2027-01")
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    april = composed_meeting(hood)
    refused(hood, RuleBroken, lambda: approve_minutes(hood, february, january, TODAY))
    refused(hood, RuleBroken, lambda: approve_minutes(hood, february, april, date(2027, 4, 5)))
    refused(hood, RuleBroken, lambda: approve_minutes(hood, april, april, TODAY))
    refused(hood, RuleBroken, lambda: approve_minutes(hood, january, april, TODAY))


def test_the_store_refuses_edits_of_approved_minutes_and_the_op_says_so(hood: Database) -> None:
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    approve_minutes(hood, february, composed_meeting(hood), TODAY)
    for statement in (
        "UPDATE agenda_item SET notes = 'x' WHERE public_id = 'a-2-3'",
        "DELETE FROM decision WHERE public_id = 'd-2'",
    ):
        with pytest.raises(DBAPIError, match="frozen"), hood.write() as session:
            session.execute(text(statement))

    def write_past_the_op() -> None:
        # No check of our own before the write: the store's trigger refuses it.
        with minutes_write(hood) as session:
            session.execute(
                update(m.AgendaItem).where(m.AgendaItem.public_id == "a-2-3").values(notes="x")
            )

    message = refused(hood, MinutesFrozen, write_past_the_op)
    assert "erratum" in message
    refused(hood, MinutesFrozen, lambda: set_minutes_people(hood, february, None, None))
    refused(hood, MinutesFrozen, lambda: finish_meeting(hood, february, TODAY))


def test_an_erratum_is_dated_and_renews_the_fingerprint(hood: Database) -> None:
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    first = approve_minutes(hood, february, composed_meeting(hood), TODAY).fingerprint
    renewed = add_erratum(hood, february, "Henk Bakker had zich wél afgemeld.", TODAY)
    minutes = minutes_of(hood, february)
    assert renewed != first and minutes.stored_fingerprint == renewed == minutes.fingerprint
    assert [(e.day, e.text) for e in minutes.errata] == [
        (TODAY, "Henk Bakker had zich wél afgemeld.")
    ]
    refused(hood, InvalidInput, lambda: add_erratum(hood, february, "  ", TODAY))
    concept = by_public_id(hood, m.Meeting, "m-2027-03")
    refused(hood, RuleBroken, lambda: add_erratum(hood, concept, "Iets", TODAY))
    assert verify_fingerprints(hood) == []


def test_check_finds_minutes_changed_behind_the_apps_back(hood: Database) -> None:
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    stored = approve_minutes(hood, february, composed_meeting(hood), TODAY).fingerprint
    with hood.write() as session:  # someone with a database tool and the override trick
        session.add(m.StoreOverride(reason="tamper"))
        session.flush()
        session.execute(text("UPDATE decision SET text = 'Iets anders' WHERE public_id = 'd-2'"))
        session.execute(text("DELETE FROM store_override"))
    [mismatch] = verify_fingerprints(hood)
    assert (mismatch.meeting_id, mismatch.stored) == (february, stored)
    assert mismatch.computed != stored
    assert "23 februari 2027" in mismatch.error().text()
    assert "klopt niet meer met zijn controlecode" in mismatch.error().text()


def test_imported_approved_minutes_are_sealed_once(hood: Database) -> None:
    january = by_public_id(hood, m.Meeting, "m-2027-01")
    assert minutes_of(hood, january).stored_fingerprint is None  # v1 has no fingerprint
    assert seal_minutes(hood) == 1
    sealed = minutes_of(hood, january)
    assert sealed.stored_fingerprint == sealed.fingerprint
    before = snapshot(hood)
    assert seal_minutes(hood) == 0
    assert snapshot(hood) == before


def test_the_fingerprint_survives_export_and_import(
    hood: Database, databases: Databases, tmp_path: Path
) -> None:
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    stored = approve_minutes(hood, february, composed_meeting(hood), TODAY).fingerprint
    path = tmp_path / "export.json"
    export_file(hood, path)
    with databases.fresh() as other:
        import_file(other, path)
        again = by_public_id(other, m.Meeting, "m-2027-02")
        assert minutes_of(other, again).fingerprint == stored


def test_after_an_erasure_the_fingerprints_are_renewed_on_record(hood: Database) -> None:
    february = by_public_id(hood, m.Meeting, "m-2027-02")
    approve_minutes(hood, february, composed_meeting(hood), TODAY)
    erase_person(hood, "p-henk", TODAY)  # renews the fingerprints on record itself
    assert verify_fingerprints(hood) == []
    with hood.write() as session:
        assert renew_fingerprints_of(session, minutes_of(hood, february).head.neighbourhood_id) == 1
    assert verify_fingerprints(hood) == []


def test_chair_and_secretary_sign_concept_minutes(hood: Database) -> None:
    april = composed_meeting(hood)
    karim = by_public_id(hood, m.Person, "p-karim")
    joke = by_public_id(hood, m.Person, "p-joke")
    set_minutes_people(hood, april, karim, joke)
    head = minutes_of(hood, april).head
    assert (head.chair, head.secretary) == ("Karim El Amrani", "Joke Smit")
    item = item_in(hood, april, Section.TOPICS)
    assert save_action(hood, item, ActionDraft("Zaal reserveren", owner_id=joke))
