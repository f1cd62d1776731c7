"""Property: any valid neighbourhood survives export -> import -> export, every character."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtteam.ops.exchange import export_data, import_data
from tests.conftest import Databases, examples

# Any printable Unicode, every alphabet, markup characters included; stored NFC.
texts = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=30
).map(lambda s: unicodedata.normalize("NFC", s))
notes = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs",),
        exclude_characters=[
            chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\n\t"
        ],
    ),
    min_size=1,
    max_size=60,
).map(lambda s: unicodedata.normalize("NFC", s))
dates = st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10 and s[0] != "0")
cents = st.integers(min_value=1, max_value=10_000_000)


def money(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}"


def ids(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


@st.composite
def neighbourhoods(draw: st.DrawFn) -> dict[str, Any]:
    party_ids = draw(st.lists(texts, min_size=1, max_size=4, unique=True))
    kinds = st.sampled_from(
        [
            "municipality",
            "police",
            "housing_corporation",
            "welfare",
            "residents",
            "council",
            "other",
        ]
    )
    parties = [{"id": p, "name": draw(texts), "kind": draw(kinds)} for p in party_ids]
    person_ids = draw(st.lists(texts, max_size=4, unique=True))
    people = []
    for p in person_ids:
        person: dict[str, Any] = {
            "id": p,
            "name": draw(texts),
            "roles": draw(
                st.lists(
                    st.sampled_from(
                        ["chair", "community_worker", "secretary", "resident", "partner"]
                    ),
                    unique=True,
                    max_size=3,
                )
            ),
        }
        if draw(st.booleans()):
            person["email"] = draw(texts)
        if draw(st.booleans()):
            person["party"] = draw(st.sampled_from(party_ids))
        people.append(person)
    meetings = []
    for index, meeting_id in enumerate(ids("m", draw(st.integers(0, 3)))):
        meeting: dict[str, Any] = {
            "id": meeting_id,
            "starts_at": f"{2027 + index}-01-12T19:30",
            "status": "held",
            "attendance": [
                {
                    "person": p,
                    "status": draw(st.sampled_from(["present", "absent", "absent_with_notice"])),
                }
                for p in person_ids
            ],
            "guests": [{"name": draw(texts)}] if draw(st.booleans()) else [],
            "errata": [],
            "agenda_requests": [],
            "agenda": [
                {
                    "id": f"a{index}-{i}",
                    "section": draw(st.sampled_from(["opening", "topics", "closing"])),
                    "title": draw(texts),
                    "source": "resident",
                    "purpose": "discussion",
                    "notes": draw(notes),
                    "minutes": draw(st.integers(0, 90)),
                    "decisions": [
                        {
                            "id": f"d{index}-{i}",
                            "text": draw(notes),
                            "votes": {"for": draw(st.integers(0, 9)), "against": 0, "abstain": 1},
                        }
                    ],
                    "actions": [],
                    "ideas": [],
                    "contract_points": [],
                    "proposals": [],
                    "issues": [],
                }
                for i in range(draw(st.integers(0, 3)))
            ],
        }
        meetings.append(meeting)
    contracts = []
    if draw(st.booleans()):
        numbers = draw(st.lists(st.integers(1, 999), min_size=1, max_size=6, unique=True))
        contracts.append(
            {
                "id": draw(texts),
                "title": draw(texts),
                "starts_on": "2027-01-01",
                "ends_on": "2029-06-30",
                "signatures": [
                    {"party": party_ids[0], "signed_on": draw(dates), "signed_by": draw(texts)}
                ],
                "points": [
                    {
                        "number": n,
                        "title": draw(notes),
                        "party": draw(st.sampled_from(party_ids)),
                        "due": draw(dates),
                        "status": "done",
                        "history": [{"date": draw(dates), "status": "done", "note": draw(notes)}],
                    }
                    for n in numbers
                ],
            }
        )
    budget = draw(cents) * 10
    proposals = []
    granted_total = 0
    for i, requested in enumerate(draw(st.lists(cents, max_size=4))):
        proposal: dict[str, Any] = {
            "id": f"b{i}",
            "year": 2027,
            "title": draw(texts),
            "received_on": draw(dates),
            "amount_requested": money(requested),
            "not_regular_maintenance": True,
            "status": "submitted",
            "payments": [],
        }
        if meetings and granted_total + requested <= budget:
            granted = draw(st.integers(1, requested))
            granted_total += granted
            paid = draw(st.integers(0, granted))
            proposal.update(
                status="granted",
                decision={"meeting": meetings[0]["id"], "amount_granted": money(granted)},
                payments=[{"paid_on": draw(dates), "amount": money(paid)}] if paid else [],
            )
        proposals.append(proposal)
    return {
        "name": draw(texts),
        "municipality": draw(texts),
        "parties": parties,
        "people": people,
        "contracts": contracts,
        "meetings": meetings,
        "budget_years": [{"year": 2027, "amount": money(budget)}],
        "proposals": proposals,
        "issues": [
            {
                "id": "k1",
                "title": draw(texts),
                "raised_on": draw(dates),
                "status": "open",
                "steps": [
                    {
                        "date": draw(dates),
                        "kind": "letter_sent",
                        "text": draw(notes),
                        "to": draw(texts),
                    }
                ],
            }
        ],
    }


def leaves(node: Any) -> Counter[Any]:
    """Every scalar in the tree with its type: nothing may be lost or changed."""
    found: Counter[Any] = Counter()
    if isinstance(node, dict):
        for value in node.values():
            found += leaves(value)
    elif isinstance(node, list):
        for value in node:
            found += leaves(value)
    else:
        found[(type(node).__name__, node)] += 1
    return found


def test_random_valid_neighbourhoods_round_trip(databases: Databases, backend: str) -> None:
    @settings(
        max_examples=examples(backend, 40),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(hood=neighbourhoods())
    def round_trip(hood: dict[str, Any]) -> None:
        document = {"format": "buurtteam", "version": 1, "neighbourhoods": [hood]}
        with databases.fresh() as first_db, databases.fresh() as second_db:
            import_data(first_db, document)
            first = export_data(first_db)
            import_data(second_db, first)
            second = export_data(second_db)
        assert first == second
        assert leaves(first) == leaves(document)

    round_trip()
