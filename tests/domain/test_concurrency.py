"""Comparing two people's edits of one record, field by field."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtteam.domain.concurrency import compare, merge

FIELDS = ("title", "due", "party", "theme")
values = st.one_of(st.none(), st.text(max_size=3), st.integers(0, 3))
records = st.fixed_dictionaries({name: values for name in FIELDS})


def test_each_side_changed_another_field() -> None:
    base = {"title": "Speeltuin", "due": date(2027, 5, 1)}
    theirs = {"title": "Speeltuin Merelplein", "due": date(2027, 5, 1)}
    mine = {"title": "Speeltuin", "due": date(2027, 6, 1)}
    comparison = compare(base, theirs, mine)
    assert comparison.by_them == ("title",)
    assert comparison.by_me == ("due",)
    assert comparison.by_both == ()
    assert comparison.conflicting  # saving mine as it is would undo their title
    assert comparison.merged() == {"title": "Speeltuin Merelplein", "due": date(2027, 6, 1)}


def test_both_changed_one_field_differently_cannot_merge() -> None:
    comparison = compare({"title": "a"}, {"title": "b"}, {"title": "c"})
    assert comparison.by_both == ("title",)
    assert not comparison.can_merge
    assert merge({"title": "a"}, {"title": "b"}, {"title": "c"}) is None
    with pytest.raises(ValueError, match="title"):
        comparison.merged()


def test_both_made_the_same_change_is_no_conflict() -> None:
    comparison = compare({"title": "a"}, {"title": "b"}, {"title": "b"})
    assert comparison.by_both == ()
    assert not comparison.conflicting
    assert comparison.merged() == {"title": "b"}


def test_only_the_fields_the_editor_edits_are_compared() -> None:
    base = {"title": "a", "status": "open"}
    theirs = {"title": "a", "status": "done"}
    comparison = compare(base, theirs, {"title": "b"})
    assert [f.name for f in comparison.fields] == ["title"]
    assert not comparison.conflicting


def test_changed_lists_the_fields_either_side_touched_in_order() -> None:
    base = {"title": "a", "due": 1, "party": 1}
    comparison = compare(base, {**base, "party": 2}, {**base, "title": "b"})
    assert [f.name for f in comparison.changed] == ["title", "party"]


@given(records, records, records)
def test_merging_never_loses_a_change_of_one_side(base: dict, theirs: dict, mine: dict) -> None:
    merged = merge(base, theirs, mine)
    clashes = [f for f in FIELDS if theirs[f] != base[f] and mine[f] != base[f] != theirs[f]]
    clashes = [f for f in clashes if theirs[f] != mine[f]]
    if clashes:
        assert merged is None
        return
    assert merged is not None
    for name in FIELDS:
        if mine[name] != base[name]:
            assert merged[name] == mine[name]
        elif theirs[name] != base[name]:
            assert merged[name] == theirs[name]
        else:
            assert merged[name] == base[name]


@given(records, records)
def test_no_conflict_without_a_change_of_theirs(base: dict, mine: dict) -> None:
    comparison = compare(base, base, mine)
    assert not comparison.conflicting
    assert comparison.by_them == ()
    assert comparison.merged() == mine


@given(records, records, records)
def test_saving_mine_loses_something_exactly_when_they_changed_a_field_to_another_value(
    base: dict, theirs: dict, mine: dict
) -> None:
    comparison = compare(base, theirs, mine)
    lost = any(theirs[f] != base[f] and theirs[f] != mine[f] for f in FIELDS)
    assert comparison.conflicting is lost
    assert set(comparison.by_both) <= set(comparison.by_them) & set(comparison.by_me)
