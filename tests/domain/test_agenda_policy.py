"""The composition policy as a pure function, over any mix of requests, proposals and edits."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buurtteam.domain.agenda import (
    Composition,
    NewItem,
    Origin,
    OriginKind,
    PendingRequest,
    Placed,
    Situation,
    Standing,
    Undiscussed,
    WaitingProposal,
    after,
    compose,
    end_of_section,
    moved,
    section_rank,
    settled_section,
)
from buurtteam.domain.vocab import SECTION_ORDER, Purpose, Section, Source

_keys = count(1)


def fresh_keys(n: int) -> list[str]:
    return [f"new-{next(_keys)}" for _ in range(n)]


def compose_and_store(situation: Situation) -> tuple[Situation, Composition]:
    composition = compose(situation)
    return after(situation, composition, fresh_keys(len(composition.new_items))), composition


def sections_of(situation: Situation) -> list[Section]:
    return [placed.section for placed in situation.agenda]


def in_section_order(sections: list[Section]) -> bool:
    ranks = [section_rank(s) for s in sections]
    return ranks == sorted(ranks)


requests = st.lists(
    st.builds(
        PendingRequest,
        key=st.uuids().map(lambda u: f"r-{u.hex[:8]}"),
        title=st.text(min_size=1, max_size=20),
        description=st.none() | st.text(max_size=20),
        source=st.sampled_from(Source),
        submitted_by=st.none() | st.sampled_from(["p-ans", "p-karim"]),
        submitted_on=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
        sequence=st.integers(0, 1000),
    ),
    max_size=12,
    unique_by=lambda r: r.key,
)
proposals = st.lists(
    st.builds(
        WaitingProposal,
        key=st.uuids().map(lambda u: f"b-{u.hex[:8]}"),
        title=st.text(min_size=1, max_size=20),
        submitted_by=st.none() | st.just("p-joke"),
        received_on=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    ),
    max_size=4,
    unique_by=lambda p: p.key,
)
undiscussed = st.lists(
    st.builds(
        Undiscussed,
        key=st.uuids().map(lambda u: f"a-{u.hex[:8]}"),
        section=st.sampled_from([Section.TOPICS, Section.CONTRACT, Section.REQUESTS]),
        title=st.text(min_size=1, max_size=20),
        description=st.none(),
        source=st.sampled_from(Source),
        submitted_by=st.none(),
        purpose=st.sampled_from(Purpose),
        minutes=st.none() | st.integers(1, 60),
    ),
    max_size=3,
    unique_by=lambda u: u.key,
)
situations = st.builds(
    Situation,
    requests=requests.map(tuple),
    proposals=proposals.map(tuple),
    undiscussed=undiscussed.map(tuple),
    has_previous_meeting=st.booleans(),
    has_contract=st.booleans(),
    points=st.lists(st.integers(1, 86), max_size=5, unique=True).map(tuple),
)


@given(situations)
def test_residents_topics_come_before_the_municipalitys_requests(situation: Situation) -> None:
    stored, composition = compose_and_store(situation)
    placed_sources = [
        item.source for item in composition.new_items if item.origin.kind is OriginKind.REQUEST
    ]
    residents_last = max(
        (i for i, s in enumerate(placed_sources) if s.is_residents_side), default=-1
    )
    others_first = min(
        (i for i, s in enumerate(placed_sources) if not s.is_residents_side),
        default=len(placed_sources),
    )
    assert residents_last < others_first
    for item in composition.new_items:
        if item.origin.kind is OriginKind.REQUEST:
            expected = Section.TOPICS if item.source.is_residents_side else Section.REQUESTS
            assert item.section is expected
    assert in_section_order(sections_of(stored))


@given(situations)
def test_topics_keep_the_order_they_were_submitted_in(situation: Situation) -> None:
    composition = compose(situation)
    by_key = {r.key: r for r in situation.requests}
    topics = [
        by_key[item.origin.key]
        for item in composition.new_items
        if item.origin.kind is OriginKind.REQUEST and item.section is Section.TOPICS
    ]
    stamps = [(r.submitted_on, r.sequence) for r in topics]
    assert stamps == sorted(stamps)


@given(situations)
def test_nothing_is_lost(situation: Situation) -> None:
    composition = compose(situation)
    origins = [item.origin for item in composition.new_items]
    assert len(origins) == len(set(origins))
    for request in situation.requests:
        assert Origin(OriginKind.REQUEST, request.key) in origins
    for proposal in situation.proposals:
        assert Origin(OriginKind.PROPOSAL, proposal.key) in origins
    for old in situation.undiscussed:
        assert Origin(OriginKind.CARRIED, old.key) in origins
    assert sorted(composition.placed_requests) == sorted(r.key for r in situation.requests)


@given(situations)
def test_standing_items_frame_a_new_agenda(situation: Situation) -> None:
    stored, composition = compose_and_store(situation)
    standing = [item.standing for item in composition.new_items if item.standing]
    expected = [
        kind
        for kind in Standing
        if (kind is not Standing.PREVIOUS_MINUTES or situation.has_previous_meeting)
        and (kind is not Standing.CONTRACT or situation.has_contract)
    ]
    assert standing == expected
    assert stored.agenda[0].section is Section.OPENING
    assert stored.agenda[-1].section is Section.CLOSING
    contract = [i for i in composition.new_items if i.standing is Standing.CONTRACT]
    for item in contract:
        assert item.points == situation.points


@given(situations)
def test_composing_twice_changes_nothing(situation: Situation) -> None:
    stored, _ = compose_and_store(situation)
    again = compose(stored)
    assert again.changes_nothing
    assert list(again.order) == [p.key for p in stored.agenda]


@given(situations, st.data())
def test_hand_edits_are_kept(situation: Situation, data: st.DataObject) -> None:
    """Remove standing items, move one item, add one of your own: composing keeps it all."""
    stored, _ = compose_and_store(situation)
    standing = [p for p in stored.agenda if any(o.kind is OriginKind.STANDING for o in p.origins)]
    # Remove some standing items, but not all: one left shows the agenda was composed.
    drop = data.draw(st.lists(st.sampled_from(standing), unique=True, max_size=len(standing) - 1))
    kept = [p for p in stored.agenda if p not in drop]
    key = data.draw(st.sampled_from([p.key for p in kept]))
    was = [p.key for p in kept].index(key)
    order = moved([p.key for p in kept], key, data.draw(st.integers(0, len(kept) - 1)))
    by_key = {p.key: p for p in kept}
    sections = [by_key[k].section for k in order]
    index = order.index(key)
    sections[index] = settled_section(sections, index, moved_up=index < was)
    kept = [Placed(k, s, by_key[k].origins) for k, s in zip(order, sections, strict=True)]
    own_section = data.draw(st.sampled_from(SECTION_ORDER))
    kept.insert(end_of_section(sections, own_section), Placed("own", own_section))
    edited = Situation(
        agenda=tuple(kept),
        has_previous_meeting=stored.has_previous_meeting,
        has_contract=stored.has_contract,
        points=stored.points,
        proposals=situation.proposals,
        undiscussed=situation.undiscussed,
    )
    assert in_section_order(sections_of(edited))
    again = compose(edited)
    assert again.changes_nothing
    assert list(again.order) == [p.key for p in edited.agenda]


@given(situations, requests)
def test_late_requests_join_a_composed_agenda_in_their_section(
    situation: Situation, late: list[PendingRequest]
) -> None:
    stored, _ = compose_and_store(situation)
    known = {r.key for r in situation.requests}
    late = [r for r in late if r.key not in known]
    stored = Situation(**{**stored.__dict__, "requests": tuple(late)})
    final, composition = compose_and_store(stored)
    assert [i.origin.kind for i in composition.new_items] == [OriginKind.REQUEST] * len(late)
    assert in_section_order(sections_of(final))
    # What was there keeps its relative order.
    before = [p.key for p in stored.agenda]
    assert [k for k in (p.key for p in final.agenda) if k in before] == before


def test_the_fixed_order_of_a_full_agenda() -> None:
    situation = Situation(
        requests=(
            PendingRequest(
                "r-3", "Verzoek gemeente", None, Source.MUNICIPALITY, None, date(2027, 1, 2), 3
            ),
            PendingRequest(
                "r-2", "Later onderwerp", None, Source.RESIDENT, None, date(2027, 1, 5), 2
            ),
            PendingRequest(
                "r-1", "Eerder onderwerp", None, Source.COMMUNITY_WORKER, None, date(2027, 1, 3), 1
            ),
            PendingRequest(
                "r-4", "Verzoek woningcorporatie", None, Source.PARTNER, None, date(2027, 1, 1), 4
            ),
        ),
        proposals=(WaitingProposal("b-1", "Bankje", "p-joke", date(2027, 1, 1)),),
        has_previous_meeting=True,
        has_contract=True,
        points=(3, 5),
    )
    composition = compose(situation)
    described = [
        item.standing.value if item.standing else item.title or item.proposals[0]
        for item in composition.new_items
    ]
    assert described == [
        "opening",
        "announcements",
        "previous_minutes",
        "Eerder onderwerp",
        "Later onderwerp",
        "contract",
        "b-1",
        "Verzoek woningcorporatie",
        "Verzoek gemeente",
        "any_other_business",
        "closing",
    ]
    assert [s.section for s in composition.new_items] == sorted(
        (s.section for s in composition.new_items), key=section_rank
    )


def test_a_section_with_an_item_of_the_team_gets_no_standing_item() -> None:
    situation = Situation(agenda=(Placed("own", Section.ANNOUNCEMENTS),))
    composition = compose(situation)
    assert Standing.ANNOUNCEMENTS not in [i.standing for i in composition.new_items]
    assert composition.order[:2] == (composition.order[0], "own")


def test_what_another_planned_meeting_holds_is_not_added_again() -> None:
    situation = Situation(
        proposals=(WaitingProposal("b-1", "Bankje", None, date(2027, 1, 1)),),
        undiscussed=(
            Undiscussed(
                "a-9",
                Section.TOPICS,
                "Hangplek",
                None,
                Source.RESIDENT,
                None,
                Purpose.DISCUSSION,
                15,
            ),
        ),
        elsewhere=frozenset(
            {Origin(OriginKind.PROPOSAL, "b-1"), Origin(OriginKind.CARRIED, "a-9")}
        ),
    )
    kinds = {i.origin.kind for i in compose(situation).new_items}
    assert kinds == {OriginKind.STANDING}


def test_an_undiscussed_budget_item_brings_its_proposal_along() -> None:
    situation = Situation(
        proposals=(WaitingProposal("b-1", "Bankje", None, date(2027, 1, 1)),),
        undiscussed=(
            Undiscussed(
                "a-9",
                Section.BUDGET,
                "Aanvraag: bankje",
                None,
                Source.RESIDENT,
                None,
                Purpose.DECISION,
                10,
                proposals=("b-1",),
            ),
        ),
    )
    budget = [i for i in compose(situation).new_items if i.section is Section.BUDGET]
    assert [i.origin for i in budget] == [Origin(OriginKind.CARRIED, "a-9")]


@pytest.mark.parametrize(
    ("sections", "index", "up", "expected"),
    [
        ([Section.TOPICS, Section.TOPICS, Section.CONTRACT], 1, True, Section.TOPICS),
        # A municipality request moved up among the topics becomes a topic.
        ([Section.TOPICS, Section.REQUESTS, Section.TOPICS], 1, True, Section.TOPICS),
        # Moved up to just below the previous minutes, it joins the topics it passed.
        (
            [Section.PREVIOUS_MINUTES, Section.REQUESTS, Section.TOPICS],
            1,
            True,
            Section.TOPICS,
        ),
        # A topic moved down past the contract item joins the contract section.
        (
            [Section.TOPICS, Section.CONTRACT, Section.TOPICS, Section.BUDGET],
            2,
            False,
            Section.CONTRACT,
        ),
        # At the very top it joins the section below it, at the bottom the one above.
        ([Section.CLOSING, Section.OPENING], 0, True, Section.OPENING),
        ([Section.CLOSING, Section.OPENING], 1, False, Section.CLOSING),
        ([Section.OPENING, Section.REQUESTS, Section.CLOSING], 1, False, Section.REQUESTS),
    ],
)
def test_a_moved_item_settles_in_the_section_where_it_lands(
    sections: list[Section], index: int, up: bool, expected: Section
) -> None:
    assert settled_section(sections, index, moved_up=up) is expected


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from(SECTION_ORDER), min_size=1, max_size=12).map(
        lambda s: sorted(s, key=section_rank)
    ),
    st.data(),
)
def test_any_move_keeps_the_agenda_in_section_order(
    sections: list[Section], data: st.DataObject
) -> None:
    keys = [str(i) for i in range(len(sections))]
    key = data.draw(st.sampled_from(keys))
    to = data.draw(st.integers(0, len(keys) - 1))
    order = moved(keys, key, to)
    new_sections = [sections[int(k)] for k in order]
    index = order.index(key)
    new_sections[index] = settled_section(new_sections, index, moved_up=index < int(key))
    assert in_section_order(new_sections)


def test_new_items_carry_their_proposal_as_origin() -> None:
    item = NewItem(
        origin=Origin(OriginKind.CARRIED, "a-1"),
        section=Section.BUDGET,
        source=Source.RESIDENT,
        purpose=Purpose.DECISION,
        minutes=10,
        proposals=("b-1",),
    )
    assert Origin(OriginKind.PROPOSAL, "b-1") in item.origins
