"""The compiled schema check (`conforms`) never lets through what jsonschema refuses.

An import asks jsonschema only when the compiled check says no, so a "yes" from the
compiled check must be a "yes" from jsonschema too. These tests hold the two side by side
on the spec's example, the demo, and many broken copies of them, and show that every
refusal keeps jsonschema's plain-words message and path.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buurtteam.errors import InvalidInput
from buurtteam.ops.demo_data import demo_exchange
from buurtteam.ops.exchange import _MAX_DEPTH, validate_document
from buurtteam.store.exchange_schema import compile_schema, conforms, schema, validate_structure
from tests.conftest import EXAMPLE

EXAMPLE_DOC = json.loads(EXAMPLE.read_text(encoding="utf-8"))
DEMO_DOC = json.loads(json.dumps(demo_exchange(dt.date(2027, 3, 1))))
JSONSCHEMA = jsonschema.Draft202012Validator(schema())


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


EXAMPLE_PATHS = paths(EXAMPLE_DOC)[1:]
DEMO_PATHS = paths(DEMO_DOC)[1:]

# Values close to the valid ones, where a loose check would slip.
near_misses = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        -1,
        1.0,
        2.5,
        10**7,
        "",
        " ",
        "x",
        "a" * 201,
        "2027-01-12",
        "2027-01-12\n",
        "2027-1-12",
        "2027-01-12T19:30",
        "2027-01-12T19:30:00",
        "2027-01-12T19:30+01:00",
        "19:30",
        "24:00",
        "7:30",
        "25000.00",
        "25000.0",
        "025.00",
        "-1.00",
        "1000000000.00",
        "open",
        "held",
        "buurtteam",
        [],
        [1],
        ["x"],
        {},
        {"for": 1, "against": 0, "abstain": 0},
        {"extra": 1},
    ]
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        near_misses,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def set_at(document: Any, path: tuple[Any, ...], value: Any) -> None:
    *parents, last = path
    node = document
    for key in parents:
        node = node[key]
    node[last] = value


def delete_at(document: Any, path: tuple[Any, ...]) -> None:
    *parents, last = path
    node = document
    for key in parents:
        node = node[key]
    del node[last]


def holds_a_float(node: Any) -> bool:
    if isinstance(node, float):
        return True
    if isinstance(node, dict):
        return any(holds_a_float(value) for value in node.values())
    if isinstance(node, list):
        return any(holds_a_float(value) for value in node)
    return False


def agree(document: Any) -> None:
    """A yes is jsonschema's yes; a no is jsonschema's no, except where a float that
    jsonschema counts as a whole number (1.0) made the compiled check unsure."""
    valid = JSONSCHEMA.is_valid(document)
    if conforms(document):
        assert valid
    elif valid:
        assert holds_a_float(document)


def test_the_example_and_the_demo_conform() -> None:
    assert conforms(EXAMPLE_DOC)
    assert conforms(DEMO_DOC)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["example", "demo"]),
    st.data(),
    st.lists(st.tuples(st.booleans(), json_values), min_size=1, max_size=3),
)
def test_a_broken_copy_is_judged_as_jsonschema_judges_it(
    which: str, data: st.DataObject, changes: list[tuple[bool, Any]]
) -> None:
    document = copy.deepcopy(EXAMPLE_DOC if which == "example" else DEMO_DOC)
    for remove, value in changes:
        path = data.draw(st.sampled_from(paths(document)[1:]))
        if remove:
            delete_at(document, path)
        else:
            # A copy: hypothesis may hand the same list twice, and putting one list inside
            # itself made a document without end (a RecursionError in CI).
            set_at(document, path, copy.deepcopy(value))
    agree(document)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(EXAMPLE_PATHS), near_misses)
def test_one_near_miss_anywhere_in_the_example(path: tuple[Any, ...], value: Any) -> None:
    document = copy.deepcopy(EXAMPLE_DOC)
    set_at(document, path, value)
    agree(document)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(DEMO_PATHS), st.sampled_from(["k", "id", "votes", "notes", "format"]))
def test_an_extra_field_anywhere_is_refused(path: tuple[Any, ...], key: str) -> None:
    document = copy.deepcopy(DEMO_DOC)
    *parents, _last = path
    node: Any = document
    for part in parents:
        node = node[part]
    if isinstance(node, dict) and key not in node:
        node[key] = "x"
    agree(document)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("version",), "1", "exchange file of version 1"),
        (("version",), True, "exchange file of version 1"),
        (("neighbourhoods", 0, "budget_years", 0, "amount"), 25000, "is not an amount"),
        (("neighbourhoods", 0, "meetings", 0, "status"), "gehouden", "choose one of"),
        (("neighbourhoods", 0, "meetings", 1, "starts_at"), "2027-02-09 19:30", "date and time"),
        (("neighbourhoods", 0, "proposals", 0, "year"), 1899, "out of range"),
        (("neighbourhoods", 0, "people", 0, "id"), "", "1 to 200"),
    ],
)
def test_a_refusal_keeps_its_message_and_path(
    path: tuple[Any, ...], value: Any, message: str
) -> None:
    document = copy.deepcopy(EXAMPLE_DOC)
    set_at(document, path, value)
    assert not conforms(document)
    with pytest.raises(InvalidInput) as refused:
        validate_document(document)
    expected = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    assert refused.value.path == expected
    assert message in refused.value.message
    assert refused.value.text().startswith(f"Bij {expected}: ")  # what the person reads


def test_a_whole_number_written_as_1_0_is_left_to_jsonschema() -> None:
    """jsonschema counts 1.0 as an integer; the compiled check is unsure and says no."""
    document = copy.deepcopy(EXAMPLE_DOC)
    document["neighbourhoods"][0]["proposals"][0]["year"] = 2027.0
    assert not conforms(document)
    validate_structure(document)  # jsonschema accepts it, as before


def test_the_schema_nests_no_deeper_than_the_depth_limit() -> None:
    """A file that conforms needs no depth check: the schema itself bounds its depth."""

    def deepest(node: Any, seen: tuple[str, ...] = ()) -> int:
        if not isinstance(node, dict):
            return 0
        if "$ref" in node:
            target: Any = schema()
            reference = node["$ref"].split("#", 1)[1]
            assert reference not in seen, "a recursive schema"
            for part in reference.strip("/").split("/"):
                target = target[part]
            return deepest(target, (*seen, reference))
        depth = 0
        for branch in node.get("anyOf", []):
            depth = max(depth, deepest(branch, seen))
        if "properties" in node:
            depth = max(depth, 1 + max(deepest(v, seen) for v in node["properties"].values()))
        if "items" in node:
            depth = max(depth, 1 + deepest(node["items"], seen))
        return depth

    assert deepest(schema()) <= _MAX_DEPTH


@pytest.mark.parametrize(
    "unknown",
    [
        {"type": "object", "patternProperties": {"^x": {}}},
        {"oneOf": [{"type": "string"}]},
        {"type": "object", "additionalProperties": {"type": "string"}},
        {"enum": [1, 2]},
        {"$ref": "https://elsewhere.invalid/schema.json"},
    ],
)
def test_a_keyword_it_does_not_know_is_refused_not_skipped(unknown: dict[str, Any]) -> None:
    with pytest.raises(NotImplementedError):
        compile_schema({"$id": "https://buurtteam.invalid/s.json", **unknown})
