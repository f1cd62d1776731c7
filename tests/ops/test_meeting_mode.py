"""Running a meeting at the table, op by op, on a real file: what is kept, what is refused.

The example neighbourhood (Duin en Dorp) has an approved meeting (m-2027-01), a held one
with concept minutes (m-2027-02) and a planned one (m-2027-03, 6 April 2027) whose agenda
is composed here. Every refusal leaves the file exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from buurtteam.domain.budget import Decision, DecisionKind, Votes
from buurtteam.domain.minutes import VoteCount
from buurtteam.domain.vocab import AttendanceStatus, PointStatus, Section
from buurtteam.errors import BuurtteamError, InvalidInput, NotFound, RuleBroken
from buurtteam.ops.agenda import compose_agenda
from buurtteam.ops.budget import decide_proposal
from buurtteam.ops.check import check_database
from buurtteam.ops.exchange import export_file, import_file
from buurtteam.ops.meeting_mode import (
    ActionDraft,
    DecisionDraft,
    add_guest,
    edit_guest,
    finish_meeting,
    mark_action_done,
    record_budget_decision,
    record_commitment,
    remove_guest,
    save_action,
    save_decision,
    save_idea,
    save_notes,
    set_attendance,
    set_discussed,
    set_quorum,
)
from buurtteam.ops.minutes import MinutesFrozen, minutes_of
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE, Databases
from tests.snapshot import snapshot

TODAY = date(2027, 4, 6)


def refused(db: Database, error: type[BuurtteamError], call: Callable[[], object]) -> str:
    """Run a change that must be refused; the file stays as it was. Returns the message."""
    before = snapshot(db)
    with pytest.raises(error) as caught:
        call()
    assert snapshot(db) == before
    return caught.value.text()


def by_public_id(db: Database, model: type, public_id: str) -> int:
    with db.read() as session:
        return int(
            session.execute(select(model.id).where(model.public_id == public_id)).scalar_one()
        )


def example(db: Database) -> Database:
    import_file(db, EXAMPLE)
    return db


def composed_meeting(db: Database) -> int:
    """The example's planned meeting of 6 April 2027, its agenda composed."""
    meeting_id = by_public_id(db, m.Meeting, "m-2027-03")
    compose_agenda(db, meeting_id)
    return meeting_id


def item_in(db: Database, meeting_id: int, section: Section, index: int = 0) -> int:
    items = [i for i in minutes_of(db, meeting_id).items if i.section is section]
    return items[index].id


@pytest.fixture
def hood(db: Database) -> Database:
    return example(db)


def test_attendance_gives_the_quorum_and_times_are_kept(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    karim, joke, fatma = (by_public_id(hood, m.Person, p) for p in ("p-karim", "p-joke", "p-fatma"))
    ans = by_public_id(hood, m.Person, "p-ans")
    assert not set_attendance(hood, meeting_id, ans, AttendanceStatus.PRESENT).reached
    set_attendance(hood, meeting_id, karim, AttendanceStatus.PRESENT)
    set_attendance(hood, meeting_id, joke, AttendanceStatus.PRESENT, arrived_at=time(19, 50))
    state = set_attendance(hood, meeting_id, fatma, AttendanceStatus.PRESENT, left_at=time(21, 0))
    assert state.voters_present == 3 and state.reached  # the chair has no vote
    henk = by_public_id(hood, m.Person, "p-henk")
    set_attendance(hood, meeting_id, henk, AttendanceStatus.ABSENT_WITH_NOTICE)
    lines = {a.name: a for a in minutes_of(hood, meeting_id).attendance}
    assert lines["Joke Smit"].arrived_at == time(19, 50)
    assert lines["Henk Bakker"].status is AttendanceStatus.ABSENT_WITH_NOTICE
    # Unrecorded again:
    set_attendance(hood, meeting_id, henk, None)
    assert {a.name: a for a in minutes_of(hood, meeting_id).attendance}[
        "Henk Bakker"
    ].status is None


def test_impossible_attendance_is_refused_and_changes_nothing(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    joke = by_public_id(hood, m.Person, "p-joke")
    refused(
        hood,
        InvalidInput,
        lambda: set_attendance(hood, meeting_id, joke, AttendanceStatus.ABSENT, time(20, 0)),
    )
    refused(
        hood,
        InvalidInput,
        lambda: set_attendance(
            hood, meeting_id, joke, AttendanceStatus.PRESENT, time(21, 0), time(20, 0)
        ),
    )


def test_guests_come_and_go(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    guest = add_guest(hood, meeting_id, "Ruud Hendriks", "Gemeente Zeedorp")
    edit_guest(hood, guest, "Ruud Hendriks", "Gemeente Zeedorp, gebiedsbeheer")
    assert [(g.name, g.organisation) for g in minutes_of(hood, meeting_id).guests] == [
        ("Ruud Hendriks", "Gemeente Zeedorp, gebiedsbeheer")
    ]
    refused(hood, InvalidInput, lambda: add_guest(hood, meeting_id, "  "))
    remove_guest(hood, guest)
    assert minutes_of(hood, meeting_id).guests == ()


def test_notes_are_saved_as_typed_and_the_last_save_counts(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    item = item_in(hood, meeting_id, Section.TOPICS)
    typed = "Bewoners willen een buurtfeest <op het plein> & muziek"
    for end in range(1, len(typed) + 1, 7):
        save_notes(hood, item, typed[:end])
    save_notes(hood, item, typed + "\r\n")
    assert minutes_of(hood, meeting_id).item(item).notes == typed + "\n"
    refused(hood, InvalidInput, lambda: save_notes(hood, item, "bel\x07"))
    save_notes(hood, item, "   ")
    assert minutes_of(hood, meeting_id).item(item).notes is None


def test_decisions_with_votes_unanimous_and_removed_by_emptying(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    item = item_in(hood, meeting_id, Section.TOPICS)
    for person in ("p-karim", "p-joke", "p-fatma", "p-ans"):
        set_attendance(
            hood, meeting_id, by_public_id(hood, m.Person, person), AttendanceStatus.PRESENT
        )
    saved = save_decision(hood, item, DecisionDraft("Het buurtfeest gaat door", unanimous=True))
    assert saved.votes == VoteCount(3, 0, 0)  # every voter present, the chair not
    again = save_decision(
        hood,
        item,
        DecisionDraft("Het buurtfeest gaat door op 21 juni", VoteCount(2, 0, 1), id=saved.id),
    )
    assert again.id == saved.id
    [decision] = minutes_of(hood, meeting_id).item(item).decisions
    assert decision.text == "Het buurtfeest gaat door op 21 juni"
    assert decision.votes == VoteCount(2, 0, 1)
    message = refused(
        hood,
        InvalidInput,
        lambda: save_decision(hood, item, DecisionDraft("x", VoteCount(3, 1, 0), id=saved.id)),
    )
    assert "maar 3 stemgerechtigden aanwezig" in message
    refused(
        hood,
        InvalidInput,
        lambda: save_decision(hood, item, DecisionDraft("x", VoteCount(-1, 0, 0))),
    )
    assert save_decision(hood, item, DecisionDraft("  ", id=saved.id)).id is None
    assert minutes_of(hood, meeting_id).item(item).decisions == ()


def test_unanimous_needs_voters_present(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    item = item_in(hood, meeting_id, Section.TOPICS)
    message = refused(
        hood, RuleBroken, lambda: save_decision(hood, item, DecisionDraft("Ja", unanimous=True))
    )
    assert "unaniem" in message


def test_actions_belong_to_a_person_or_a_party_and_can_be_done(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    item = item_in(hood, meeting_id, Section.TOPICS)
    joke = by_public_id(hood, m.Person, "p-joke")
    gemeente = by_public_id(hood, m.Party, "gemeente")
    action = save_action(hood, item, ActionDraft("Vergunning aanvragen", owner_id=joke))
    assert action is not None
    save_action(
        hood,
        item,
        ActionDraft("Vergunning aanvragen", party_id=gemeente, due=date(2027, 5, 1), id=action),
    )
    [line] = minutes_of(hood, meeting_id).item(item).actions
    assert (line.who, line.due, line.owner_id) == ("Gemeente Zeedorp", date(2027, 5, 1), None)
    refused(
        hood,
        InvalidInput,
        lambda: save_action(hood, item, ActionDraft("x", owner_id=joke, party_id=gemeente)),
    )
    refused(
        hood,
        InvalidInput,
        lambda: save_action(hood, item, ActionDraft("x", due=date(2027, 4, 5), id=action)),
    )
    refused(hood, RuleBroken, lambda: mark_action_done(hood, action, date(2027, 4, 7), TODAY))
    mark_action_done(hood, action, TODAY, TODAY)
    assert minutes_of(hood, meeting_id).item(item).actions[0].done_on == TODAY
    mark_action_done(hood, action, None, TODAY)
    assert minutes_of(hood, meeting_id).item(item).actions[0].done_on is None


def test_ideas_are_kept_without_owner_or_date(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    item = item_in(hood, meeting_id, Section.TOPICS)
    idea = save_idea(hood, item, "Een springkussen voor de kinderen")
    assert idea is not None
    save_idea(hood, item, "Een springkussen én een draaimolen", idea)
    assert [i.text for i in minutes_of(hood, meeting_id).item(item).ideas] == [
        "Een springkussen én een draaimolen"
    ]
    assert save_idea(hood, item, "", idea) is None
    assert minutes_of(hood, meeting_id).item(item).ideas == ()


def test_approved_minutes_refuse_every_edit_but_actions_can_still_be_done(hood: Database) -> None:
    approved = by_public_id(hood, m.Meeting, "m-2027-01")
    item = by_public_id(hood, m.AgendaItem, "a-1-2")
    decision = by_public_id(hood, m.Decision, "d-1")
    joke = by_public_id(hood, m.Person, "p-joke")
    for call in (
        lambda: save_notes(hood, item, "herschreven"),
        lambda: save_decision(hood, item, DecisionDraft("anders", id=decision)),
        lambda: save_action(hood, item, ActionDraft("nieuw")),
        lambda: save_idea(hood, item, "later"),
        lambda: set_attendance(hood, approved, joke, AttendanceStatus.ABSENT),
        lambda: add_guest(hood, approved, "Nog iemand"),
        lambda: set_discussed(hood, item, False),
    ):
        assert "vastgesteld" in refused(hood, MinutesFrozen, call)
    action = by_public_id(hood, m.Action, "x-1")
    mark_action_done(hood, action, None, TODAY)  # the actielijst lives on
    assert minutes_of(hood, approved).item(item).actions[0].done_on is None


def test_a_commitment_goes_into_the_points_history_or_becomes_a_point(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    item = item_in(hood, meeting_id, Section.CONTRACT)
    politie = by_public_id(hood, m.Party, "politie")
    done = record_commitment(hood, item, politie, "Twee extra controles in april", TODAY, number=3)
    assert (done.number, done.created) == (3, False)
    new = record_commitment(hood, item, politie, "Spreekuur in het buurthuis", TODAY)
    assert new.created and new.number == 7  # the example's contract has points 1 to 6
    minutes = minutes_of(hood, meeting_id)
    notes = [(h.number, h.status, h.note or "") for h in minutes.item(item).history]
    assert any(
        n == 3
        and s is PointStatus.DELAYED
        and t.startswith("Toezegging van ")
        and t.endswith(": Twee extra controles in april")
        for n, s, t in notes
    )  # the status stays as it was
    assert any(n == 7 and s is PointStatus.OPEN for n, s, _t in notes)
    with hood.read() as session:
        point = session.get(m.ContractPoint, new.point_id)
        assert point is not None and point.party_id == politie
        history = (
            session.execute(select(m.PointHistory).where(m.PointHistory.point_id == done.point_id))
            .scalars()
            .all()
        )
        assert history[-1].meeting_id == meeting_id
    refused(hood, InvalidInput, lambda: record_commitment(hood, item, politie, " ", TODAY))
    refused(hood, NotFound, lambda: record_commitment(hood, item, politie, "x", TODAY, number=99))
    refused(
        hood,
        RuleBroken,
        lambda: record_commitment(hood, item, politie, "x", date(2027, 4, 5), number=3),
    )
    assert check_database(hood).ok


def test_a_grant_at_the_table_is_written_into_the_minutes(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    proposal = by_public_id(hood, m.Proposal, "b-bankjes")
    item = next(
        i.id
        for i in minutes_of(hood, meeting_id).items
        if any(p.id == proposal for p in i.proposals)
    )
    refused(hood, RuleBroken, lambda: record_budget_decision(hood, item, proposal))
    decision = Decision(
        DecisionKind.GRANT,
        meeting_id,
        amount=Decimal("2000.00"),
        reason="Twee bankjes in plaats van drie",
        votes=Votes(3, 0, 0),
    )
    decide_proposal(hood, proposal, decision, TODAY)
    first = record_budget_decision(hood, item, proposal)
    assert record_budget_decision(hood, item, proposal) == first  # the same decision, updated
    [line] = minutes_of(hood, meeting_id).item(item).decisions
    assert "Drie bankjes langs het Duinpad" in line.text
    assert "€\xa02.000,00" in line.text and "€\xa02.400,00" in line.text
    assert "Twee bankjes in plaats van drie" in line.text
    assert line.votes == VoteCount(3, 0, 0)


def test_finishing_the_meeting_carries_undiscussed_items_over(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    minutes = minutes_of(hood, meeting_id)
    topics = [i for i in minutes.items if i.section is Section.TOPICS]
    save_notes(hood, topics[0].id, "Besproken: het feest gaat door.")
    contract = item_in(hood, meeting_id, Section.CONTRACT)
    set_discussed(hood, contract, True)
    refused(hood, RuleBroken, lambda: finish_meeting(hood, meeting_id, date(2027, 4, 5)))
    result = finish_meeting(hood, meeting_id, TODAY)
    after = minutes_of(hood, meeting_id)
    assert after.head.status.value == "held"
    assert after.item(topics[0].id).discussed is True
    assert after.item(contract).discussed is True
    closing = next(i for i in after.items if i.section is Section.CLOSING)
    assert closing.discussed is None  # the procedural frame never carries over
    carried = [i.title for i in after.items if i.discussed is False]
    assert carried and list(result.carried) == carried


def test_a_meeting_run_keeps_the_exchange_rules_and_round_trips(
    hood: Database, databases: Databases, tmp_path: Path
) -> None:
    meeting_id = composed_meeting(hood)
    item = item_in(hood, meeting_id, Section.TOPICS)
    joke = by_public_id(hood, m.Person, "p-joke")
    set_attendance(hood, meeting_id, joke, AttendanceStatus.PRESENT, arrived_at=time(19, 41))
    add_guest(hood, meeting_id, "Priya Ramdin", None)
    save_notes(hood, item, "Ζωή en Łukasz: 'muziek = leuk' <geen> & meer")
    save_decision(hood, item, DecisionDraft("Feest gaat door", unanimous=True))
    save_action(hood, item, ActionDraft("Tent huren", owner_id=joke, due=date(2027, 6, 1)))
    save_idea(hood, item, "Volgend jaar weer")
    finish_meeting(hood, meeting_id, TODAY)
    assert check_database(hood).ok
    first = tmp_path / "een.json"
    export_file(hood, first)
    with databases.fresh() as other:
        import_file(other, first)
        second = tmp_path / "twee.json"
        export_file(other, second)
    strip = lambda text: [line for line in text.splitlines() if "exported_at" not in line]  # noqa: E731
    assert strip(first.read_text("utf-8")) == strip(second.read_text("utf-8"))


def test_the_quorum_is_a_team_setting_of_at_least_one(hood: Database) -> None:
    meeting_id = composed_meeting(hood)
    neighbourhood = minutes_of(hood, meeting_id).head.neighbourhood_id
    set_quorum(hood, neighbourhood, 5)
    assert minutes_of(hood, meeting_id).head.quorum == 5
    refused(hood, InvalidInput, lambda: set_quorum(hood, neighbourhood, 0))
    set_quorum(hood, neighbourhood, 3)  # the default is stored as no setting at all
    with hood.read() as session:
        hood_row = session.get(m.Neighbourhood, neighbourhood)
        assert hood_row is not None and hood_row.quorum is None
