"""Search across everything the team wrote: diacritics folded, safe against any input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtteam.domain.vocab import Section
from buurtteam.ops.meeting_mode import DecisionDraft, save_decision, save_notes
from buurtteam.ops.search import Kind, query_for, search, understand
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.ops.test_meeting_mode import by_public_id, composed_meeting, example, item_in
from tests.ops.test_overview import add_sample_neighbourhood


def test_words_with_and_without_diacritics_find_each_other(db: Database) -> None:
    example(db)
    meeting = composed_meeting(db)
    item = item_in(db, meeting, Section.TOPICS)
    save_notes(db, item, "De coördinator belt de wijkagent over het pannaveldje.")
    for typed in ("coordinator", "coördinator", "COÖRDINATOR", "Coordinator"):
        hits = search(db, typed)
        assert [(h.kind, h.item_id) for h in hits] == [(Kind.AGENDA_ITEM, item)], typed
    kinds = {h.kind for h in search(db, "pannaveldje")}
    assert {Kind.CONTRACT_POINT, Kind.AGENDA_ITEM} <= kinds


def test_results_come_while_typing_all_words_first(db: Database) -> None:
    example(db)
    assert search(db, "speeltuin")  # "Speeltuintje aan de Helmweg", half typed
    assert "Helmweg" in search(db, "Speeltuintje Helm")[0].title
    # No record holds both: what holds either word follows, so a question still finds.
    titles = [h.title for h in search(db, "Speeltuintje Zeeweg")]
    assert any("Zeeweg" in t for t in titles) and any("Speeltuintje" in t for t in titles)


def test_a_question_about_a_decision_is_answered_first(db: Database) -> None:
    example(db)
    meeting = composed_meeting(db)
    item = item_in(db, meeting, Section.TOPICS)
    save_notes(db, item, "Het doel op het pannaveldje is weg.")
    save_decision(db, item, DecisionDraft("De gemeente plaatst het doel voor 1 mei terug."))
    [first, *_rest] = search(db, "Wat hebben we besloten over het pannaveldje?")
    assert first.item_id == item
    assert first.decisions == ("De gemeente plaatst het doel voor 1 mei terug.",)
    assert first.meeting_id == meeting and first.day is not None


def test_each_result_says_where_it_leads(db: Database) -> None:
    example(db)
    point = next(h for h in search(db, "pannaveldje") if h.kind is Kind.CONTRACT_POINT)
    assert point.point_id == point.record_id and point.title.startswith("5. ")
    proposal = next(h for h in search(db, "bankjes") if h.kind is Kind.PROPOSAL)
    assert proposal.proposal_id == by_public_id(db, m.Proposal, "b-bankjes")
    decision = next(h for h in search(db, "speeltuintje budget") if h.kind is Kind.DECISION)
    assert decision.item_id == by_public_id(db, m.AgendaItem, "a-1-2")
    assert decision.title == "Speeltuintje aan de Helmweg"
    assert any(run for run, matched in decision.snippet_parts if matched)


def test_only_the_chosen_neighbourhood_is_searched(db: Database) -> None:
    example(db)
    other = add_sample_neighbourhood(db, "Oud-Noord")
    assert search(db, "speeltuintje", other)  # the sample has its own "Speeltuintje"
    assert {h.neighbourhood_id for h in search(db, "speeltuintje", other)} == {other}
    assert len({h.neighbourhood_id for h in search(db, "speeltuintje")}) == 2


def test_what_people_type_is_never_fts_syntax() -> None:
    assert query_for('"pannaveld*" -doel NEAR(x y)') == '"pannaveld" "doel" "NEAR" "x" "y"*'
    assert query_for("AND") == '"AND"*'  # only function words: they are what is sought
    assert query_for("  ") is None and query_for('*-"()') is None
    question = understand("Wat hebben we besloten over het pannaveldje?")
    assert question is not None and question.wants_decisions
    assert question.terms == ('"pannaveldje"*',)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_searches_without_error(db: Database, typed: str) -> None:
    assert isinstance(search(db, typed), tuple)
