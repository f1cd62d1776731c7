"""Search across everything the team wrote: diacritics folded, safe against any input."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from buurtteam.domain.vocab import Section
from buurtteam.ops.exchange import import_data
from buurtteam.ops.meeting_mode import DecisionDraft, save_decision, save_notes
from buurtteam.ops.search import Kind, query_for, search, understand
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE
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


WORD = "zonnebloemveld"


def _everything_mentions_the_word(db: Database) -> None:
    """The example with one rare word in a record of every kind the index holds."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    hood = data["neighbourhoods"][0]
    first = hood["meetings"][0]
    item = next(i for i in first["agenda"] if i["id"] == "a-1-2")
    item["notes"] += f" Het {WORD} ernaast."
    item["decisions"][0]["text"] += f" Ook het {WORD}."
    item["actions"][0]["text"] += f" bij het {WORD}"
    item["ideas"] = [{"id": "i-zon", "text": f"Een {WORD} voor de bijen"}]
    first["errata"] = [{"date": "2027-02-20", "text": f"Lees {WORD} waar bloemveld staat."}]
    first["agenda_requests"][0]["description"] = f"Met een {WORD}"
    point = hood["contracts"][0]["points"][0]
    point["description"] = f"Ook langs het {WORD}"
    point["history"][0]["note"] += f" en bij het {WORD}"
    proposal = hood["proposals"][0]
    proposal["description"] = f"Bankjes bij het {WORD}"
    issue = hood["issues"][0]
    issue["description"] = f"Ook bij het {WORD}"
    issue["steps"][1]["text"] += f" en het {WORD}"
    import_data(db, data)


def test_every_kind_of_result_leads_to_its_record(db: Database) -> None:
    _everything_mentions_the_word(db)
    hits = {hit.kind: hit for hit in search(db, WORD)}
    assert set(hits) == set(Kind)
    item = by_public_id(db, m.AgendaItem, "a-1-2")
    meeting = by_public_id(db, m.Meeting, "m-2027-01")
    for kind in (Kind.AGENDA_ITEM, Kind.DECISION, Kind.ACTION, Kind.IDEA):
        assert hits[kind].title == "Speeltuintje aan de Helmweg", kind
        assert (hits[kind].meeting_id, hits[kind].item_id) == (meeting, item), kind
        assert hits[kind].day == dt.date(2027, 1, 12), kind
    assert hits[Kind.AGENDA_ITEM].decisions[0].startswith("Het speeltuintje wordt")
    assert hits[Kind.DECISION].decisions == ()
    assert (hits[Kind.ERRATUM].title, hits[Kind.ERRATUM].meeting_id) == ("", meeting)
    request = hits[Kind.AGENDA_REQUEST]
    assert (request.title, request.meeting_id) == ("Speeltuintje aan de Helmweg", meeting)
    point = by_public_id_in(db, m.ContractPoint, number=1)
    assert hits[Kind.CONTRACT_POINT].title.startswith("1. Hondenpoep")
    assert hits[Kind.CONTRACT_POINT].point_id == point
    assert hits[Kind.CONTRACT_POINT].day == dt.date(2027, 6, 30)  # the point's due date
    assert hits[Kind.POINT_HISTORY].point_id == point
    assert hits[Kind.POINT_HISTORY].day == dt.date(2027, 1, 12)  # the entry's own date
    assert hits[Kind.PROPOSAL].proposal_id == hits[Kind.PROPOSAL].record_id
    issue = by_public_id(db, m.Issue, "k-overlast")
    assert hits[Kind.ISSUE].issue_id == issue and hits[Kind.ISSUE].day == dt.date(2027, 2, 10)
    assert hits[Kind.ISSUE_STEP].issue_id == issue
    assert hits[Kind.ISSUE_STEP].day == dt.date(2027, 2, 23)
    assert hits[Kind.ISSUE_STEP].title == "Overlast na 21.00 uur bij het winkelcentrum"


def by_public_id_in(db: Database, model: type[m.ContractPoint], number: int) -> int:
    with db.read() as session:
        return int(session.scalars(select(model.id).where(model.number == number)).one())


def test_a_page_of_results_costs_a_few_lookups_not_one_per_result(db: Database) -> None:
    """Forty results used to cost up to three lookups each; now one per kind found."""
    _everything_mentions_the_word(db)
    statements: list[str] = []

    def count(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        hits = search(db, WORD)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    # The index once, then one lookup per kind (agenda items also fetch their decisions).
    assert len(hits) == len(Kind)
    assert len(statements) == 1 + len(Kind) + 1
