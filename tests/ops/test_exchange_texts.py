"""The texts of an exchange file are cleaned in one pass, as the two passes did before.

Before, every string was first checked (`iter_strings` + `clean_text`) and then the whole
tree was copied with every string cleaned. `clean_texts` does both in one walk and copies
only what changes. These tests keep the old two passes as the reference: the same
refusal with the same JSON path, or the same cleaned document, for any tree of texts.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buurtteam.domain.exchange_rules import iter_strings
from buurtteam.domain.text import MAX_TEXT_LENGTH, clean_text
from buurtteam.errors import BuurtteamError, InvalidInput
from buurtteam.ops.exchange import _already_clean, clean_texts, export_data, import_data
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE


def two_passes(data: Any) -> Any:
    """What validate_document did before: check every string, then clean the tree."""
    for path, value in iter_strings(data):
        clean_text(value, path)

    def tree(node: Any, path: str = "") -> Any:
        if isinstance(node, str):
            return clean_text(node, path)
        if isinstance(node, dict):
            return {key: tree(value, f"{path}.{key}") for key, value in node.items()}
        if isinstance(node, list):
            return [tree(value, f"{path}[{i}]") for i, value in enumerate(node)]
        return node

    return tree(data)


def outcome(clean: Any, data: Any) -> tuple[str, Any]:
    try:
        return ("cleaned", clean(data))
    except BuurtteamError as error:
        return ("refused", (type(error), error.message, error.path, error.params))


odd_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "gewoon",
            "twee\nregels",
            "tab\there",
            "windows\r\nregel",
            "oud\rmac",
            "\x00",
            "\x7f",
            "\x85",
            "\x9f",
            "\ud800",
            "Zoe\u0308",  # decomposed: becomes Zoë
            "Zoë",
            "\u0301begint met een accent",
            "\u212b",  # Angstrom sign: NFC makes it Å
            "\u00a0vaste spatie",
            "\u202e",
            "\ufeff",
            "𝔅𝔲𝔲𝔯𝔱",
            "a" * (MAX_TEXT_LENGTH + 1),
            "a" * MAX_TEXT_LENGTH + "\r\n",
        ]
    ),
)
trees = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), odd_text),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=600, deadline=None)
@given(trees)
def test_one_pass_refuses_and_cleans_exactly_as_two_passes(data: Any) -> None:
    before = copy.deepcopy(data)
    assert outcome(clean_texts, data) == outcome(two_passes, data)
    assert data == before  # the file's own tree is never changed


@settings(max_examples=600, deadline=None)
@given(odd_text)
def test_a_text_taken_as_clean_is_one_clean_text_leaves_alone(value: str) -> None:
    if _already_clean(value):
        assert clean_text(value) == value


def test_the_example_is_not_copied_when_nothing_changes() -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert clean_texts(document) is document


def test_only_the_branch_with_a_changed_text_is_copied() -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["neighbourhoods"][0]["meetings"][0]["location"] = "Buurthuis Zoe\u0308"
    cleaned = clean_texts(document)
    assert cleaned["neighbourhoods"][0]["meetings"][0]["location"] == "Buurthuis Zoë"
    assert document["neighbourhoods"][0]["meetings"][0]["location"].endswith("Zoe\u0308")
    assert (
        cleaned["neighbourhoods"][0]["meetings"][1] is document["neighbourhoods"][0]["meetings"][1]
    )


def test_a_control_character_is_refused_at_its_path_and_nothing_is_stored(
    db: Database,
) -> None:
    before = stored(db)
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["neighbourhoods"][0]["issues"][0]["steps"][1]["text"] = "Besproken\x07"
    with pytest.raises(InvalidInput) as refused:
        import_data(db, document)
    assert refused.value.path == "neighbourhoods[0].issues[0].steps[1].text"
    assert "(U+0007) op positie 10. Haal het weg" in refused.value.text()
    assert stored(db) == before


def stored(db: Database) -> Any:
    """Every row of a database file; on a server, everything an export holds."""
    if db.path is not None:
        return list(sqlite3.connect(db.path).iterdump())
    return export_data(db, now=dt.datetime(2027, 1, 1))
