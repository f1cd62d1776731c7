"""Editing an agenda by hand: order, titles, purposes, time boxes, links; and the balance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from buurtteam.domain.vocab import Purpose, RequestState, Section, Source
from buurtteam.errors import BuurtteamError
from buurtteam.ops.agenda import (
    ItemDraft,
    RequestDraft,
    add_item,
    agenda_balance,
    agenda_of,
    compose_agenda,
    contract_balance,
    edit_item,
    link_choices,
    move_down,
    move_item,
    move_item_to_next_meeting,
    move_up,
    record_request,
    remove_item,
    set_links,
)
from buurtteam.store.db import Database
from buurtteam.store.models import Action, Issue, Meeting, Neighbourhood
from tests.ops.test_agenda_compose import meeting_id
from tests.ops.test_overview import add_sample_neighbourhood
from tests.snapshot import snapshot


@pytest.fixture
def m2(db: Database) -> int:
    add_sample_neighbourhood(db)
    meeting = meeting_id(db, "m-2")
    record_request(db, meeting, RequestDraft("Parkeren", Source.MUNICIPALITY, date(2027, 3, 1)))
    compose_agenda(db, meeting)
    return meeting


def item_id(db: Database, meeting: int, title: str) -> int:
    return next(i.id for i in agenda_of(db, meeting).items if i.title == title)


def titles(db: Database, meeting: int) -> list[str]:
    return [i.title for i in agenda_of(db, meeting).items]


def test_moving_up_and_down_moves_the_start_times(db: Database, m2: int) -> None:
    before = {i.title: i.starts_at for i in agenda_of(db, m2).items}
    hond = item_id(db, m2, "Hondenpoep")
    assert move_down(db, hond) == 4
    after = {i.title: i.starts_at for i in agenda_of(db, m2).items}
    assert titles(db, m2)[3:5] == ["Verlichting", "Hondenpoep"]
    assert after["Verlichting"] == before["Hondenpoep"]
    assert after["Hondenpoep"] > before["Hondenpoep"]
    assert move_up(db, hond) == 3
    assert {i.title: i.starts_at for i in agenda_of(db, m2).items} == before


def test_moving_past_the_edges_changes_nothing(db: Database, m2: int) -> None:
    first = agenda_of(db, m2).items[0]
    last = agenda_of(db, m2).items[-1]
    before = snapshot(db)
    assert move_up(db, first.id) == 0
    assert move_down(db, last.id) == len(agenda_of(db, m2).items) - 1
    assert snapshot(db) == before


def test_a_municipality_request_moved_among_the_topics_becomes_a_topic(
    db: Database, m2: int
) -> None:
    parkeren = item_id(db, m2, "Parkeren")
    move_item(db, parkeren, 3)
    item = next(i for i in agenda_of(db, m2).items if i.id == parkeren)
    assert (item.number, item.section, item.source) == (4, Section.TOPICS, Source.MUNICIPALITY)
    sections = [i.section for i in agenda_of(db, m2).items]
    assert sections == sorted(sections, key=list(Section).index)


def test_editing_an_item(db: Database, m2: int) -> None:
    hond = item_id(db, m2, "Hondenpoep")
    edit_item(
        db, hond, ItemDraft(" Hondenpoep <park> & plein ", Purpose.DECISION, 30, "Met foto's")
    )
    item = next(i for i in agenda_of(db, m2).items if i.id == hond)
    assert (item.title, item.purpose, item.minutes, item.description) == (
        "Hondenpoep <park> & plein",
        Purpose.DECISION,
        30,
        "Met foto's",
    )


def test_total_time_against_the_meeting(db: Database, m2: int) -> None:
    view = agenda_of(db, m2)
    assert view.timing.length_minutes == 120
    total = view.timing.total_minutes
    assert total == sum(i.minutes or 0 for i in view.items)
    edit_item(db, item_id(db, m2, "Hondenpoep"), ItemDraft("Hondenpoep", Purpose.DISCUSSION, 120))
    longer = agenda_of(db, m2).timing
    assert longer.too_long
    assert longer.over_by == total - 15 + 120 - 120


def test_links_to_points_proposals_and_issues(db: Database, m2: int) -> None:
    choices = link_choices(db, m2)
    assert [p.number for p in choices.points] == [1, 2, 3, 4, 5, 6]
    assert [p.title for p in choices.proposals] == ["Buurtfeest"]
    assert [i.title for i in choices.issues] == ["Overlast na 21.00 uur"]
    hond = item_id(db, m2, "Hondenpoep")
    set_links(db, hond, [5, 3], [choices.proposals[0].id], [choices.issues[0].id])
    item = next(i for i in agenda_of(db, m2).items if i.id == hond)
    assert [p.number for p in item.points] == [5, 3]
    assert [p.title for p in item.proposals] == ["Buurtfeest"]
    assert [i.title for i in item.issues] == ["Overlast na 21.00 uur"]
    set_links(db, hond, [], [], [])
    item = next(i for i in agenda_of(db, m2).items if i.id == hond)
    assert (item.points, item.proposals, item.issues) == ((), (), ())


def test_appendix_lists_what_to_decide_and_discuss(db: Database, m2: int) -> None:
    view = agenda_of(db, m2)
    assert [(p.title, str(p.amount_requested)) for p in view.proposals_to_decide] == [
        ("Buurtfeest", "500.00")
    ]
    assert [(p.number, p.status.value) for p in view.points_to_discuss] == [
        (3, "delayed"),
        (4, "open"),
        (5, "not_kept"),
    ]


def test_an_item_of_the_teams_own_goes_to_the_end_of_its_section(db: Database, m2: int) -> None:
    add_item(db, m2, Section.TOPICS, ItemDraft("Eigen punt", Purpose.INFORMATION, 5))
    order = titles(db, m2)
    assert order.index("Eigen punt") == order.index("Verlichting") + 1


def test_a_proposal_item_moved_to_the_next_meeting_stays_off_this_one(
    db: Database, m2: int
) -> None:
    budget = item_id(db, m2, "Aanvraag buurtbudget: Buurtfeest")
    move_item_to_next_meeting(db, budget)
    m3 = meeting_id(db, "m-3")
    assert "Aanvraag buurtbudget: Buurtfeest" in titles(db, m3)
    assert not compose_agenda(db, m2).changed
    assert "Aanvraag buurtbudget: Buurtfeest" not in titles(db, m2)


def test_balance_per_meeting_and_over_the_contract_period(db: Database, m2: int) -> None:
    view = agenda_of(db, m2)
    # Topics 15 + 15 (residents), contract 20 (team), budget 10 (resident), Parkeren 10.
    assert (view.balance.resident_items, view.balance.other_items) == (4, 1)
    assert (view.balance.resident_minutes, view.balance.other_minutes) == (60, 10)
    assert view.balance.resident_item_share == 80
    n = view.meeting.neighbourhood_id
    period = agenda_balance(db, n, date(2027, 1, 1), date(2029, 6, 30))
    # m-1's topic (residents, no time box) counts too.
    assert (period.resident_items, period.other_items) == (5, 1)
    assert period.meetings == 4
    assert agenda_balance(db, n, date(2027, 4, 7), date(2027, 5, 1)).items == 0
    whole = contract_balance(db, n, date(2027, 3, 10))
    assert whole is not None
    assert (whole.starts_on, whole.ends_on) == (date(2027, 1, 1), date(2029, 6, 30))
    assert whole.balance == period


def _with_an_action(db: Database, meeting: int) -> int:
    hond = item_id(db, meeting, "Hondenpoep")
    with db.write() as s:
        s.add(Action(agenda_item_id=hond, public_id="x-new", text="Foto's maken"))
    return hond


def _a_held_item(db: Database, _meeting: int) -> int:
    with db.read() as s:
        held = s.execute(select(Meeting.id).where(Meeting.public_id == "m-1")).scalar_one()
    return agenda_of(db, held).items[0].id


def _foreign_issue(db: Database, _meeting: int) -> int:
    with db.write() as s:
        other = Neighbourhood(name="Elders", municipality="Zeedorp")
        s.add(other)
        s.flush()
        s.add(
            Issue(
                neighbourhood_id=other.id,
                public_id="k-x",
                title="Elders",
                raised_on=date(2027, 1, 1),
                status="open",
            )
        )
        s.flush()
        return s.execute(select(Issue.id).where(Issue.public_id == "k-x")).scalar_one()


def _closing_of_the_last_meeting(db: Database, _meeting: int) -> int:
    m3 = meeting_id(db, "m-3")
    compose_agenda(db, m3)
    return item_id(db, m3, "Sluiting")


EDIT_REFUSALS: list[
    tuple[Callable[[Database, int], int], Callable[[Database, int], object], str]
] = [
    (
        lambda db, m: item_id(db, m, "Hondenpoep"),
        lambda db, i: edit_item(db, i, ItemDraft("  ", Purpose.DISCUSSION, 10)),
        "titel",
    ),
    (
        lambda db, m: item_id(db, m, "Hondenpoep"),
        lambda db, i: edit_item(db, i, ItemDraft("Hond", Purpose.DISCUSSION, 500)),
        "240 minuten",
    ),
    (_with_an_action, remove_item, "verloren"),
    (_a_held_item, lambda db, i: move_down(db, i), "al gehouden"),
    (
        lambda db, m: item_id(db, m, "Hondenpoep"),
        lambda db, i: set_links(db, i, [99], [], []),
        "nummer 99",
    ),
    (
        _foreign_issue,
        lambda db, k: set_links(db, item_id(db, meeting_id(db, "m-2"), "Hondenpoep"), [], [], [k]),
        "niet bij deze buurt",
    ),
    (
        lambda db, m: item_id(db, m, "Hondenpoep"),
        lambda db, i: remove_item(db, i, RequestState.DECLINED, reason=""),
        "reden",
    ),
    (lambda db, m: item_id(db, m, "Hondenpoep"), move_item_to_next_meeting, "aanmelding"),
    (_closing_of_the_last_meeting, move_item_to_next_meeting, "geen latere vergadering"),
]


@pytest.mark.parametrize(("prepare", "act", "words"), EDIT_REFUSALS)
def test_edit_refusals_say_why_and_change_nothing(
    db: Database,
    m2: int,
    prepare: Callable[[Database, int], int],
    act: Callable[[Database, int], object],
    words: str,
) -> None:
    target = prepare(db, m2)
    before = snapshot(db)
    with pytest.raises(BuurtteamError) as refused:
        act(db, target)
    assert words in refused.value.text()
    assert snapshot(db) == before
