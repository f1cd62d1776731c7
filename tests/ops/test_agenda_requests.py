"""Agenda requests: record, place, defer (with where it came from), decline; nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from sqlalchemy import select

from buurtteam.domain.vocab import RequestState, Section, Source
from buurtteam.errors import BuurtteamError, InvalidInput, RuleBroken
from buurtteam.ops.agenda import (
    RequestDraft,
    agenda_of,
    compose_agenda,
    decline_request,
    defer_request,
    place_request,
    record_request,
    remove_item,
    reopen_request,
)
from buurtteam.ops.meetings import cancel_meeting
from buurtteam.store.db import Database
from buurtteam.store.models import AgendaRequest, Meeting, Person
from tests.ops.test_agenda_compose import meeting_id
from tests.ops.test_overview import add_sample_neighbourhood
from tests.snapshot import snapshot


@pytest.fixture
def n(db: Database) -> int:
    return add_sample_neighbourhood(db)


def request_id(db: Database, meeting: int, title: str) -> int:
    view = agenda_of(db, meeting)
    return next(r.id for r in view.requests if r.title == title)


def test_a_request_is_recorded_with_everything_a_person_gives(db: Database, n: int) -> None:
    m2 = meeting_id(db, "m-2")
    with db.read() as s:
        joke = s.execute(select(Person.id).where(Person.public_id == "p-joke")).scalar_one()
    record_request(
        db,
        m2,
        RequestDraft(
            "  Bankje bij <de> bushalte & meer ",
            Source.RESIDENT,
            date(2027, 3, 20),
            description="Ouderen willen kunnen zitten.\nGraag snel.",
            submitted_by_id=joke,
        ),
    )
    row = agenda_of(db, m2).pending[-1]
    assert row.title == "Bankje bij <de> bushalte & meer"
    assert row.description == "Ouderen willen kunnen zitten.\nGraag snel."
    assert row.submitted_by == "Joke Smit"
    assert row.submitted_on == date(2027, 3, 20)
    assert row.state is RequestState.PENDING


def test_placing_puts_residents_topics_before_the_municipalitys_requests(
    db: Database, n: int
) -> None:
    m3 = meeting_id(db, "m-3")
    compose_agenda(db, m3)
    record_request(db, m3, RequestDraft("Gemeente vraagt", Source.MUNICIPALITY, date(2027, 4, 1)))
    record_request(db, m3, RequestDraft("Bewoner vraagt", Source.RESIDENT, date(2027, 4, 2)))
    place_request(db, request_id(db, m3, "Gemeente vraagt"))
    place_request(db, request_id(db, m3, "Bewoner vraagt"))
    sections = {i.title: i.section for i in agenda_of(db, m3).items}
    titles = [i.title for i in agenda_of(db, m3).items]
    assert sections["Bewoner vraagt"] is Section.TOPICS
    assert sections["Gemeente vraagt"] is Section.REQUESTS
    assert titles.index("Bewoner vraagt") < titles.index("Gemeente vraagt")


def test_a_deferred_request_moves_on_and_remembers_where_it_came_from(db: Database, n: int) -> None:
    m2, m3 = meeting_id(db, "m-2"), meeting_id(db, "m-3")
    result = defer_request(db, request_id(db, m2, "Hondenpoep"))
    assert result.meeting_starts_at == datetime(2027, 5, 18, 19, 30)
    old = next(r for r in agenda_of(db, m2).requests if r.title == "Hondenpoep")
    assert old.state is RequestState.DEFERRED
    assert old.moved_to == date(2027, 5, 18)
    new = next(r for r in agenda_of(db, m3).requests if r.title == "Hondenpoep")
    assert new.state is RequestState.PENDING
    assert new.carried_from == date(2027, 4, 6)
    assert new.submitted_on == date(2027, 3, 1)  # keeps its place in line
    # Composing the later meeting places it.
    compose_agenda(db, m3)
    assert "Hondenpoep" in [i.title for i in agenda_of(db, m3).items]


def test_deferral_skips_a_cancelled_meeting(db: Database, n: int) -> None:
    m2, m3 = meeting_id(db, "m-2"), meeting_id(db, "m-3")
    with db.write() as s:
        s.add(
            Meeting(
                neighbourhood_id=n,
                public_id="m-4",
                starts_at=datetime(2027, 6, 29, 19, 30),
                status="planned",
            )
        )
    cancel_meeting(db, m3, "Buurthuis bezet")
    result = defer_request(db, request_id(db, m2, "Verlichting"))
    assert result.meeting_starts_at == datetime(2027, 6, 29, 19, 30)


def test_deferral_across_two_meetings_keeps_the_chain(db: Database, n: int) -> None:
    m2, m3 = meeting_id(db, "m-2"), meeting_id(db, "m-3")
    with db.write() as s:
        s.add(
            Meeting(
                neighbourhood_id=n,
                public_id="m-4",
                starts_at=datetime(2027, 6, 29, 19, 30),
                status="planned",
            )
        )
    defer_request(db, request_id(db, m2, "Verlichting"))
    defer_request(db, request_id(db, m3, "Verlichting"))
    with db.read() as s:
        chain = (
            s.execute(
                select(AgendaRequest)
                .where(AgendaRequest.title == "Verlichting")
                .order_by(AgendaRequest.id)
            )
            .scalars()
            .all()
        )
        assert [r.state for r in chain] == ["deferred", "deferred", "pending"]
        assert chain[1].carried_from_id == chain[0].id
        assert chain[2].carried_from_id == chain[1].id


def test_decline_keeps_the_request_with_its_reason_and_can_be_undone(db: Database, n: int) -> None:
    m2 = meeting_id(db, "m-2")
    rid = request_id(db, m2, "Verlichting")
    decline_request(db, rid, "  Hoort bij de gemeente, niet bij het team ")
    row = next(r for r in agenda_of(db, m2).requests if r.id == rid)
    assert (row.state, row.decline_reason) == (
        RequestState.DECLINED,
        "Hoort bij de gemeente, niet bij het team",
    )
    compose_agenda(db, m2)
    assert "Verlichting" not in [i.title for i in agenda_of(db, m2).items]
    reopen_request(db, rid)
    assert compose_agenda(db, m2).placed_requests == 1
    assert "Verlichting" in [i.title for i in agenda_of(db, m2).items]


def test_removing_a_request_item_can_defer_the_request(db: Database, n: int) -> None:
    m2, m3 = meeting_id(db, "m-2"), meeting_id(db, "m-3")
    compose_agenda(db, m2)
    item = next(i for i in agenda_of(db, m2).items if i.title == "Hondenpoep")
    remove_item(db, item.id, RequestState.DEFERRED)
    assert "Hondenpoep" not in [i.title for i in agenda_of(db, m2).items]
    assert "Hondenpoep" in [r.title for r in agenda_of(db, m3).pending]
    assert not compose_agenda(db, m2).changed


def test_removing_a_request_item_gives_it_back_to_the_waiting_list(db: Database, n: int) -> None:
    m2 = meeting_id(db, "m-2")
    compose_agenda(db, m2)
    item = next(i for i in agenda_of(db, m2).items if i.title == "Hondenpoep")
    remove_item(db, item.id)
    assert [r.title for r in agenda_of(db, m2).pending] == ["Hondenpoep"]


def test_cancelling_a_meeting_moves_its_requests_on(db: Database, n: int) -> None:
    m2, m3 = meeting_id(db, "m-2"), meeting_id(db, "m-3")
    compose_agenda(db, m2)
    result = cancel_meeting(db, m2, "Te weinig aanmeldingen")
    assert result.moved_requests == 3  # two placed by composing, one placed before
    assert result.next_meeting == datetime(2027, 5, 18, 19, 30)
    view = agenda_of(db, m2)
    assert not [i for i in view.items if i.request_id]
    assert {r.state for r in view.requests if r.title in ("Hondenpoep", "Verlichting")} == {
        RequestState.DEFERRED
    }
    assert sorted(r.title for r in agenda_of(db, m3).pending) == [
        "Al geplaatst",
        "Hondenpoep",
        "Verlichting",
    ]


def _verlichting(db: Database) -> int:
    return request_id(db, meeting_id(db, "m-2"), "Verlichting")


def _deferred(db: Database) -> int:
    rid = _verlichting(db)
    defer_request(db, rid)
    return rid


def _on_the_last_meeting(db: Database) -> int:
    return record_request(
        db, meeting_id(db, "m-3"), RequestDraft("Laatste", Source.RESIDENT, date(2027, 3, 3))
    )


def _draft(title: str, by: int | None = None) -> RequestDraft:
    return RequestDraft(title, Source.RESIDENT, date(2027, 3, 3), submitted_by_id=by)


REFUSALS: list[tuple[Callable[[Database], int], Callable[[Database, int], object], str]] = [
    (_verlichting, lambda db, r: decline_request(db, r, "   "), "reden"),
    (lambda db: meeting_id(db, "m-2"), lambda db, m: record_request(db, m, _draft("")), "titel"),
    (
        lambda db: meeting_id(db, "m-2"),
        lambda db, m: record_request(db, m, _draft("a\x07b")),
        "stuurteken",
    ),
    (
        lambda db: meeting_id(db, "m-2"),
        lambda db, m: record_request(db, m, _draft("Wie?", by=999)),
        "niet bekend",
    ),
    (
        lambda db: meeting_id(db, "m-1"),
        lambda db, m: record_request(db, m, _draft("x")),
        "gehouden",
    ),
    (_deferred, defer_request, "wacht niet meer"),
    (lambda db: request_id(db, meeting_id(db, "m-2"), "Al geplaatst"), place_request, "wacht niet"),
    (_on_the_last_meeting, defer_request, "geen latere vergadering"),
    (_verlichting, reopen_request, "Alleen een afgewezen"),
]


@pytest.mark.parametrize(("prepare", "act", "words"), REFUSALS)
def test_refusals_say_why_and_change_nothing(
    db: Database,
    n: int,
    prepare: Callable[[Database], int],
    act: Callable[[Database, int], object],
    words: str,
) -> None:
    target = prepare(db)
    before = snapshot(db)
    with pytest.raises(BuurtteamError) as refused:
        act(db, target)
    assert isinstance(refused.value, (InvalidInput, RuleBroken))
    assert words in refused.value.text()
    assert snapshot(db) == before
