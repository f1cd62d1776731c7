"""Fuzzing the importer: any file at all is imported whole or refused with a message.

Starting from the spec's example, hypothesis breaks one or more values anywhere in the
tree (wrong types, dangling references, huge and odd Unicode, deep nesting, impossible
dates, money in every wrong form). The importer must never raise anything but a
BuurtteamError, and a refused file must leave the database exactly as it was.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtteam.domain.exchange_rules import check_document
from buurtteam.errors import BuurtteamError
from buurtteam.ops.exchange import export_data, import_data
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE, Databases, examples
from tests.snapshot import snapshot

EXAMPLE_DOC = json.loads(EXAMPLE.read_text(encoding="utf-8"))

odd_text = st.one_of(
    st.text(max_size=50),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\ud800",
            "<b>",
            "&amp;",
            "=1+1",
            "\u202e",
            "Z\u0308oe\u0308",
            "𝔅𝔲𝔲𝔯𝔱",
            "ﷺ",
            "\ufeff",
            "a" * 5000,
            "2027-02-30",
            "2027-13-01",
            "24:00",
            "25000,00",
            "€ 25.000,00",
            "-1.00",
            "1e3",
            "0.001",
            "NaN",
            "null",
            "1.000,00",
        ]
    ),
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False),
        odd_text,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


ALL_PATHS = [p for p in paths(EXAMPLE_DOC) if p]


@st.composite
def broken_documents(draw: st.DrawFn) -> Any:
    document = copy.deepcopy(EXAMPLE_DOC)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = document
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "delete", "duplicate", "add_key"]))
            last = path[-1]
            if action == "replace":
                parent[last] = draw(json_values)
            elif action == "delete":
                del parent[last]
            elif action == "duplicate" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[last]))
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the way there
    return document


def _seed(db: Database) -> None:
    seed = copy.deepcopy(EXAMPLE_DOC)
    seed["neighbourhoods"][0]["name"] = "Bestaande buurt"
    import_data(db, seed)


def test_any_broken_file_is_imported_whole_or_refused_cleanly(
    databases: Databases, backend: str
) -> None:
    seed = databases.seeded("fuzz", _seed)

    @settings(
        max_examples=examples(backend, 150),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(document=broken_documents())
    def import_whole_or_refuse(document: Any) -> None:
        with databases.fresh(seed=seed) as db:
            before = snapshot(db)
            try:
                import_data(db, document)
            except BuurtteamError as error:
                assert error.text()  # a message a person can read
                assert snapshot(db) == before
            else:
                # Accepted: what is stored keeps every rule and exports again.
                assert check_document(export_data(db)) == []

    import_whole_or_refuse()
