"""Composing an agenda on a real database: the policy, idempotence, hand edits, carry-over."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from buurtteam.domain.vocab import RequestState, Section, Source
from buurtteam.errors import RuleBroken
from buurtteam.ops.agenda import (
    ItemDraft,
    RequestDraft,
    add_item,
    agenda_of,
    compose_agenda,
    edit_item,
    move_item,
    record_request,
    remove_item,
)
from buurtteam.ops.check import check_database
from buurtteam.ops.demo import load_demo
from buurtteam.ops.exchange import export_file, import_file
from buurtteam.store.db import Database
from buurtteam.store.models import AgendaItem, Meeting, Proposal
from tests.conftest import Databases
from tests.ops.test_overview import add_sample_neighbourhood
from tests.snapshot import snapshot

DEMO_TODAY = date(2026, 12, 1)


def meeting_id(db: Database, public_id: str) -> int:
    with db.read() as s:
        return s.execute(select(Meeting.id).where(Meeting.public_id == public_id)).scalar_one()


def agenda_problems(db: Database) -> list[str]:
    """What `buurtteam check` finds in meetings (the sample's budget is not exchange-clean)."""
    report = check_database(db)
    assert not report.integrity
    return [p.text() for p in report.problems if ".meetings" in (p.path or "")]


def titles(db: Database, meeting: int) -> list[str]:
    return [item.title for item in agenda_of(db, meeting).items]


@pytest.fixture
def sample(db: Database) -> int:
    n = add_sample_neighbourhood(db)
    m2 = meeting_id(db, "m-2")
    record_request(
        db,
        m2,
        RequestDraft("Reactie op het parkeerbeleid", Source.MUNICIPALITY, date(2027, 2, 1)),
    )
    record_request(
        db,
        m2,
        RequestDraft("Terugkoppeling huisbezoeken", Source.COMMUNITY_WORKER, date(2027, 3, 3)),
    )
    record_request(db, m2, RequestDraft("Nieuwe woningen", Source.PARTNER, date(2027, 3, 1)))
    return n


def test_compose_follows_the_policy(db: Database, sample: int) -> None:
    m2 = meeting_id(db, "m-2")
    result = compose_agenda(db, m2)
    assert result.placed_requests == 5  # r-3 was placed already
    view = agenda_of(db, m2)
    assert [(i.section, i.title) for i in view.items] == [
        (Section.OPENING, "Opening en vaststellen agenda"),
        (Section.ANNOUNCEMENTS, "Mededelingen"),
        (Section.PREVIOUS_MINUTES, "Verslag van woensdag 10 maart 2027"),
        (Section.TOPICS, "Hondenpoep"),
        (Section.TOPICS, "Verlichting"),
        (Section.TOPICS, "Terugkoppeling huisbezoeken"),
        (Section.CONTRACT, "Voortgang buurtcontract"),
        (Section.BUDGET, "Aanvraag buurtbudget: Buurtfeest"),
        (Section.REQUESTS, "Reactie op het parkeerbeleid"),
        (Section.REQUESTS, "Nieuwe woningen"),
        (Section.ANY_OTHER_BUSINESS, "Rondvraag"),
        (Section.CLOSING, "Sluiting"),
    ]
    assert not view.pending
    # Standing items fill themselves.
    minutes = view.items[2]
    assert minutes.description == (
        "Verslag vaststellen en de actielijst doorlopen: 3 acties staan nog open."
    )
    contract = view.items[6]
    # Unfinished points due by 6 April (3, 4, 5) — done point 1 and the old contract left out.
    assert [p.number for p in contract.points] == [3, 4, 5]
    assert [p.party for p in contract.points] == [
        "Politie, wijkagent",
        "Gemeente Zeedorp",
        "Gemeente Zeedorp",
    ]
    budget = view.items[7]
    assert [p.title for p in budget.proposals] == ["Buurtfeest"]
    assert budget.description == "Gevraagd: €\xa0500,00."
    # Planned start times from 19:30.
    assert [i.starts_at.strftime("%H:%M") for i in view.items[:4]] == [
        "19:30",
        "19:35",
        "19:40",
        "19:50",
    ]
    assert agenda_problems(db) == []


def test_composing_twice_changes_nothing(db: Database, sample: int) -> None:
    m2 = meeting_id(db, "m-2")
    compose_agenda(db, m2)
    before = snapshot(db)
    assert not compose_agenda(db, m2).changed
    assert snapshot(db) == before


def test_hand_edits_survive_composing_again(db: Database, sample: int) -> None:
    m2 = meeting_id(db, "m-2")
    compose_agenda(db, m2)
    view = agenda_of(db, m2)
    announcements = next(i for i in view.items if i.section is Section.ANNOUNCEMENTS)
    remove_item(db, announcements.id)
    verlichting = next(i for i in view.items if i.title == "Verlichting")
    edit_item(db, verlichting.id, ItemDraft("Straatverlichting Duinweg", verlichting.purpose, 25))
    move_item(db, verlichting.id, 2)  # above the previous minutes: becomes opening-ish
    own = add_item(db, m2, Section.TOPICS, ItemDraft("Eigen punt", verlichting.purpose, None))
    edited = titles(db, m2)

    # A late request joins; everything else stays as the team left it.
    record_request(db, m2, RequestDraft("Late vraag", Source.RESIDENT, date(2027, 3, 20)))
    result = compose_agenda(db, m2)
    assert (result.added, result.placed_requests) == (1, 1)
    after = titles(db, m2)
    assert [t for t in after if t != "Late vraag"] == edited
    assert "Mededelingen" not in after
    assert "Straatverlichting Duinweg" in after
    # The late topic goes to the end of the topics, after the team's own item.
    assert after.index("Late vraag") == after.index("Eigen punt") + 1
    assert own


def test_a_waiting_proposal_appears_on_the_next_agenda_by_itself(db: Database, sample: int) -> None:
    m2, m3 = meeting_id(db, "m-2"), meeting_id(db, "m-3")
    compose_agenda(db, m2)
    # Composing the meeting after it does not take the proposal twice...
    compose_agenda(db, m3)
    assert not any("Buurtfeest" in t for t in titles(db, m3))
    # ...until m-2 has been held without a decision: then it comes along.
    with db.write() as s:
        s.get(Meeting, m2).status = "held"
    compose_agenda(db, m3)
    assert "Aanvraag buurtbudget: Buurtfeest" in titles(db, m3)


def test_undiscussed_items_carry_over_with_their_links(db: Database, sample: int) -> None:
    m2, m3 = meeting_id(db, "m-2"), meeting_id(db, "m-3")
    compose_agenda(db, m2)
    with db.write() as s:
        s.get(Meeting, m2).status = "held"
        for item in s.execute(select(AgendaItem).where(AgendaItem.meeting_id == m2)).scalars():
            item.discussed = item.title != "Verlichting" and item.section != "contract"
    compose_agenda(db, m3)
    view = agenda_of(db, m3)
    carried = [i for i in view.items if i.carried_from is not None]
    assert [(i.title, i.section) for i in carried] == [
        ("Verlichting", Section.TOPICS),
        ("Voortgang buurtcontract", Section.CONTRACT),
    ]
    assert all(i.carried_from == date(2027, 4, 6) for i in carried)
    assert [p.number for p in carried[1].points] == [3, 4, 5]
    # Composing again does not carry twice.
    assert not compose_agenda(db, m3).changed
    assert agenda_problems(db) == []


def test_open_actions_carry_over_on_the_agenda(db: Database, sample: int) -> None:
    view = agenda_of(db, meeting_id(db, "m-2"))
    assert [a.text for a in view.open_actions] == [
        "Offerte opvragen",
        "Brief aan het college",
        "Zonder deadline",
    ]


def test_a_held_meeting_is_not_composed_and_nothing_changes(db: Database, sample: int) -> None:
    before = snapshot(db)
    with pytest.raises(RuleBroken) as refused:
        compose_agenda(db, meeting_id(db, "m-1"))
    assert "al gehouden" in refused.value.text()
    assert snapshot(db) == before


def test_the_demo_agenda_survives_export_and_import(
    db: Database, databases: Databases, tmp_path: Path
) -> None:
    load_demo(db, DEMO_TODAY)
    with db.read() as s:
        planned = (
            s.execute(
                select(Meeting.id).where(Meeting.status == "planned").order_by(Meeting.starts_at)
            )
            .scalars()
            .first()
        )
    assert planned is not None
    result = compose_agenda(db, planned)
    assert result.placed_requests == 5
    assert check_database(db).ok
    first = tmp_path / "een.json"
    export_file(db, first)
    with databases.fresh() as other:
        import_file(other, first)
        second = tmp_path / "twee.json"
        export_file(other, second)
        # Composing in the other file recognises what was composed here.
        assert not compose_agenda(other, planned).changed
    strip = [line for line in first.read_text().splitlines() if "exported_at" not in line]
    assert strip == [line for line in second.read_text().splitlines() if "exported_at" not in line]


def test_requests_left_out_are_not_lost(db: Database, sample: int) -> None:
    m2 = meeting_id(db, "m-2")
    compose_agenda(db, m2)
    view = agenda_of(db, m2)
    item = next(i for i in view.items if i.title == "Nieuwe woningen")
    remove_item(db, item.id, RequestState.DECLINED, "Past niet bij het buurtcontract")
    view = agenda_of(db, m2)
    declined = next(r for r in view.requests if r.title == "Nieuwe woningen")
    assert declined.state is RequestState.DECLINED
    assert declined.decline_reason == "Past niet bij het buurtcontract"
    assert not compose_agenda(db, m2).changed


def test_proposals_not_yet_received_by_the_meeting_stay_off(db: Database, sample: int) -> None:
    m2 = meeting_id(db, "m-2")
    with db.write() as s:
        late = s.execute(select(Proposal).where(Proposal.public_id == "b-3")).scalar_one()
        late.received_on = date(2027, 4, 10)
    compose_agenda(db, m2)
    assert not any("Buurtfeest" in t for t in titles(db, m2))
    assert agenda_of(db, m2).meeting.starts_at == datetime(2027, 4, 6, 19, 30)


def test_composing_ahead_takes_the_minutes_of_the_meeting_before(db: Database, sample: int) -> None:
    m3 = meeting_id(db, "m-3")
    compose_agenda(db, m3)
    assert "Verslag van dinsdag 6 april 2027" in titles(db, m3)
    assert agenda_of(db, m3).previous_meeting == date(2027, 4, 6)
