"""The large demo: five wijken over ten years, deterministic, true to every exchange rule.

The sizes are what the benchmarks promise to measure on (issue 8); the database test
imports it through the normal importer and runs `buurtteam check` over the result.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter
from functools import cache
from typing import Any

import pytest

from buurtteam.domain.exchange_rules import check_document
from buurtteam.errors import RuleBroken
from buurtteam.ops.check import check_database
from buurtteam.ops.demo import load_demo
from buurtteam.ops.demo_large import large_exchange
from buurtteam.ops.search import search
from buurtteam.store.db import Database
from buurtteam.store.exchange_schema import validate_structure

TODAY = dt.date(2027, 2, 24)

Json = dict[str, Any]


@cache
def _document(today: dt.date = TODAY) -> Json:
    return large_exchange(today)


def _counts(document: Json) -> Counter[str]:
    counts: Counter[str] = Counter()
    for hood in document["neighbourhoods"]:
        counts["neighbourhoods"] += 1
        counts["contracts"] += len(hood["contracts"])
        for contract in hood["contracts"]:
            counts["points"] += len(contract["points"])
            counts["history"] += sum(len(p["history"]) for p in contract["points"])
        counts["meetings"] += len(hood["meetings"])
        for meeting in hood["meetings"]:
            counts["items"] += len(meeting["agenda"])
            for item in meeting["agenda"]:
                counts["decisions"] += len(item["decisions"])
                counts["actions"] += len(item["actions"])
        counts["proposals"] += len(hood["proposals"])
        counts["payments"] += sum(len(p["payments"]) for p in hood["proposals"])
        counts["issues"] += len(hood["issues"])
        counts["steps"] += sum(len(i["steps"]) for i in hood["issues"])
    return counts


def test_it_has_the_promised_size() -> None:
    counts = _counts(_document())
    assert counts["neighbourhoods"] == 5
    assert 420 <= counts["meetings"] <= 460
    assert counts["items"] >= 4000
    assert counts["decisions"] >= 4000
    assert counts["actions"] >= 5000
    assert counts["contracts"] == 20
    assert counts["points"] >= 1700
    assert counts["history"] >= 10_000
    assert 1400 <= counts["proposals"] <= 1600
    assert counts["payments"] >= 2000
    assert 280 <= counts["issues"] <= 360
    assert counts["steps"] >= counts["issues"] * 3


def test_one_municipality_five_wijken_with_their_own_people() -> None:
    hoods = _document()["neighbourhoods"]
    assert {hood["municipality"] for hood in hoods} == {"Lingestede"}
    names = [person["name"] for hood in hoods for person in hood["people"]]
    assert len(names) == len(set(names))


def test_every_wijk_has_a_long_meeting_for_the_minutes_benchmark() -> None:
    for hood in _document()["neighbourhoods"]:
        held = [m for m in hood["meetings"] if m["status"] != "planned"]
        assert max(len(m["agenda"]) for m in held) >= 30


def test_texts_are_as_long_as_real_minutes() -> None:
    notes = [
        item["notes"]
        for hood in _document()["neighbourhoods"]
        for meeting in hood["meetings"]
        for item in meeting["agenda"]
        if item["section"] == "topics" and "notes" in item
    ]
    average = sum(len(text) for text in notes) / len(notes)
    assert 200 <= average <= 800
    assert not any("{" in text or "Vlinder" in text for text in notes)


def test_it_keeps_every_rule_of_the_exchange_format() -> None:
    document = _document()
    validate_structure(document)
    assert check_document(document) == []


@pytest.mark.parametrize("today", [dt.date(2025, 12, 31), dt.date(2028, 2, 29)])
def test_any_day_gives_a_valid_document(today: dt.date) -> None:
    document = large_exchange(today)
    assert check_document(document) == []
    for hood in document["neighbourhoods"]:
        held = [m for m in hood["meetings"] if m["status"] != "planned"]
        assert all(m["starts_at"][:10] <= today.isoformat() for m in held)
        planned = [m for m in hood["meetings"] if m["status"] == "planned"]
        assert len(planned) == 2
        assert all(m["starts_at"][:10] > today.isoformat() for m in planned)
        for proposal in hood["proposals"]:
            for payment in proposal["payments"]:
                assert payment["paid_on"] <= today.isoformat()


def test_no_team_meets_in_the_christmas_or_summer_holidays() -> None:
    for hood in _document()["neighbourhoods"]:
        days = [dt.date.fromisoformat(m["starts_at"][:10]) for m in hood["meetings"]]
        assert not [d for d in days if (d.month, d.day) >= (12, 20) or (d.month, d.day) <= (1, 5)]
        assert not [d for d in days if (7, 24) <= (d.month, d.day) <= (8, 16)]
        gaps = [(later - earlier).days for earlier, later in itertools.pairwise(days)]
        assert min(gaps) >= 14


def test_the_same_day_gives_the_same_document() -> None:
    first = json.dumps(large_exchange(TODAY), sort_keys=True)
    assert json.dumps(_document(), sort_keys=True) == first


def test_it_imports_and_passes_the_check(db: Database) -> None:
    summary = load_demo(db, TODAY, large=True)
    assert len(summary.neighbourhoods) == 5
    assert summary.counts["point_history"] >= 10_000
    report = check_database(db)
    assert report.ok, [p.text() for p in report.problems] + report.integrity
    with pytest.raises(RuleBroken):
        load_demo(db, TODAY, large=True)  # only into an empty database
    # Search finds imported text, diacritics folded ("Dvorak" finds "Dvořák").
    assert search(db, "dvorakstraat")
