"""Exchange format v1: the example imports, round trips, and every rule refuses whole."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from buurtteam.errors import BuurtteamError
from buurtteam.ops.exchange import export_data, import_data, import_file
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE, Databases
from tests.snapshot import snapshot

Doc = dict[str, Any]


def example() -> Doc:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_the_example_imports_and_round_trips(db: Database, databases: Databases) -> None:
    summary = import_file(db, EXAMPLE)
    assert summary.neighbourhoods == ["Duin en Dorp"]
    first = export_data(db)
    with databases.fresh() as other:
        import_data(other, first)
        second = export_data(other)
    assert first == second
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)


def test_export_keeps_every_value_of_the_example(db: Database) -> None:
    import_file(db, EXAMPLE)
    exported = export_data(db)
    original = example()
    del original["exported_at"]
    assert _without_empty_lists(exported) == _without_empty_lists(original)


def _without_empty_lists(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_empty_lists(v) for k, v in node.items() if v != []}
    if isinstance(node, list):
        return [_without_empty_lists(v) for v in node]
    return node


def test_export_writes_every_list_and_no_nulls(db: Database) -> None:
    import_file(db, EXAMPLE)
    meeting = export_data(db)["neighbourhoods"][0]["meetings"][0]
    assert meeting["guests"] == [] and meeting["errata"] == []
    assert "ends_at" not in meeting
    assert meeting["agenda"][0]["ideas"] == []


def test_an_offset_is_honoured_and_stored_as_local_time(db: Database) -> None:
    data = example()
    data["neighbourhoods"][0]["meetings"][0]["starts_at"] = "2027-01-12T18:30Z"
    import_data(db, data)
    assert export_data(db)["neighbourhoods"][0]["meetings"][0]["starts_at"] == "2027-01-12T19:30"


def test_text_comes_back_nfc_and_markup_literal(db: Database) -> None:
    data = example()
    hood = data["neighbourhoods"][0]
    hood["people"][3]["name"] = "Zoe\u0308 van 't Hek & <b>Zonen</b>"
    hood["contracts"][0]["points"][0]["title"] = "=SOM(A1:A9) <para>"
    import_data(db, data)
    out = export_data(db)["neighbourhoods"][0]
    assert out["people"][3]["name"] == "Zoë van 't Hek & <b>Zonen</b>"
    assert out["contracts"][0]["points"][0]["title"] == "=SOM(A1:A9) <para>"


def test_export_of_one_neighbourhood_by_name(db: Database) -> None:
    import_file(db, EXAMPLE)
    other = example()
    other["neighbourhoods"][0]["name"] = "Tweede buurt"
    import_data(db, other)
    assert len(export_data(db)["neighbourhoods"]) == 2
    assert [h["name"] for h in export_data(db, "Tweede buurt")["neighbourhoods"]] == [
        "Tweede buurt"
    ]
    with pytest.raises(BuurtteamError):
        export_data(db, "Bestaat niet")


def test_absent_lists_count_as_empty(db: Database) -> None:
    import_data(
        db,
        {
            "format": "buurtteam",
            "version": 1,
            "neighbourhoods": [{"name": "Kaal", "municipality": "Ergens"}],
        },
    )
    hood = export_data(db)["neighbourhoods"][0]
    assert hood["parties"] == [] and hood["proposals"] == []


# -- refusals: (what is broken, how, the path the message must name) -----------------------


def hood(doc: Doc) -> Doc:
    return doc["neighbourhoods"][0]


def proposal(doc: Doc, public_id: str) -> Doc:
    return next(p for p in hood(doc)["proposals"] if p["id"] == public_id)


def meeting(doc: Doc, index: int) -> Doc:
    return hood(doc)["meetings"][index]


def point(doc: Doc, index: int) -> Doc:
    return hood(doc)["contracts"][0]["points"][index]


Mutation = Callable[[Doc], None]
N0 = "neighbourhoods[0]"

REFUSALS: list[tuple[str, Mutation, str]] = [
    # structure
    ("wrong format", lambda d: d.update(format="iets anders"), "format"),
    ("wrong version", lambda d: d.update(version=2), "version"),
    (
        "money as a number",
        lambda d: proposal(d, "b-riool").update(amount_requested=1800),
        f"{N0}.proposals[2].amount_requested",
    ),
    (
        "money without cents",
        lambda d: proposal(d, "b-riool").update(amount_requested="1800"),
        f"{N0}.proposals[2].amount_requested",
    ),
    (
        "negative money",
        lambda d: proposal(d, "b-riool").update(amount_requested="-1.00"),
        f"{N0}.proposals[2].amount_requested",
    ),
    (
        "Dutch decimal comma",
        lambda d: proposal(d, "b-riool").update(amount_requested="1800,00"),
        f"{N0}.proposals[2].amount_requested",
    ),
    ("missing required key", lambda d: hood(d)["parties"][0].pop("kind"), f"{N0}.parties[0].kind"),
    (
        "unknown key",
        lambda d: hood(d)["parties"][0].update(soort="gemeente"),
        f"{N0}.parties[0].soort",
    ),
    (
        "unknown party kind",
        lambda d: hood(d)["parties"][0].update(kind="provincie"),
        f"{N0}.parties[0].kind",
    ),
    (
        "Dutch date format",
        lambda d: point(d, 1).update(due="01-09-2027"),
        f"{N0}.contracts[0].points[1].due",
    ),
    (
        "impossible date",
        lambda d: point(d, 1).update(due="2027-02-30"),
        f"{N0}.contracts[0].points[1].due",
    ),
    (
        "impossible time",
        lambda d: meeting(d, 0)["attendance"][0].update(arrived_at="25:00"),
        f"{N0}.meetings[0].attendance[0].arrived_at",
    ),
    ("empty title", lambda d: point(d, 1).update(title=""), f"{N0}.contracts[0].points[1].title"),
    (
        "control character",
        lambda d: point(d, 1).update(title="Hek\x00"),
        f"{N0}.contracts[0].points[1].title",
    ),
    (
        "lone surrogate",
        lambda d: hood(d)["people"][0].update(name="Ans \ud800"),
        f"{N0}.people[0].name",
    ),
    # rule 1: references
    (
        "point owned by unknown party",
        lambda d: point(d, 0).update(party="provincie"),
        f"{N0}.contracts[0].points[0].party",
    ),
    (
        "person in unknown party",
        lambda d: hood(d)["people"][0].update(party="nergens"),
        f"{N0}.people[0].party",
    ),
    (
        "signature of unknown party",
        lambda d: hood(d)["contracts"][0]["signatures"][0].update(party="x"),
        f"{N0}.contracts[0].signatures[0].party",
    ),
    (
        "history names unknown meeting",
        lambda d: point(d, 0)["history"][0].update(meeting="m-x"),
        f"{N0}.contracts[0].points[0].history[0].meeting",
    ),
    ("unknown chair", lambda d: meeting(d, 0).update(chair="p-x"), f"{N0}.meetings[0].chair"),
    (
        "unknown attendee",
        lambda d: meeting(d, 0)["attendance"][0].update(person="p-x"),
        f"{N0}.meetings[0].attendance[0].person",
    ),
    (
        "agenda item names unknown request",
        lambda d: meeting(d, 0)["agenda"][1].update(request="r-x"),
        f"{N0}.meetings[0].agenda[1].request",
    ),
    (
        "agenda item links unknown point number",
        lambda d: meeting(d, 0)["agenda"][2].update(contract_points=[99]),
        f"{N0}.meetings[0].agenda[2].contract_points[0]",
    ),
    (
        "agenda item links unknown proposal",
        lambda d: meeting(d, 0)["agenda"][1].update(proposals=["b-x"]),
        f"{N0}.meetings[0].agenda[1].proposals[0]",
    ),
    (
        "agenda item links unknown issue",
        lambda d: meeting(d, 1)["agenda"][2].update(issues=["k-x"]),
        f"{N0}.meetings[1].agenda[2].issues[0]",
    ),
    (
        "action owned by unknown person",
        lambda d: meeting(d, 0)["agenda"][1]["actions"][0].update(owner="p-x"),
        f"{N0}.meetings[0].agenda[1].actions[0].owner",
    ),
    (
        "request carried from unknown request",
        lambda d: meeting(d, 2)["agenda_requests"][1].update(carried_from="r-x"),
        f"{N0}.meetings[2].agenda_requests[1].carried_from",
    ),
    (
        "proposal decided at unknown meeting",
        lambda d: proposal(d, "b-riool")["decision"].update(meeting="m-x"),
        f"{N0}.proposals[2].decision.meeting",
    ),
    (
        "issue for unknown party",
        lambda d: hood(d)["issues"][0].update(party="x"),
        f"{N0}.issues[0].party",
    ),
    (
        "duplicate party id",
        lambda d: hood(d)["parties"][1].update(id="gemeente"),
        f"{N0}.parties[1].id",
    ),
    (
        "carried from unknown contract",
        lambda d: point(d, 0).update(carried_from={"contract": "c-x", "number": 1}),
        f"{N0}.contracts[0].points[0].carried_from.contract",
    ),
    # rule 2
    (
        "duplicate point number",
        lambda d: point(d, 1).update(number=1),
        f"{N0}.contracts[0].points[1].number",
    ),
    (
        "contract ends before it starts",
        lambda d: hood(d)["contracts"][0].update(ends_on="2026-12-31"),
        f"{N0}.contracts[0].ends_on",
    ),
    (
        "contract ends the day it starts",
        lambda d: hood(d)["contracts"][0].update(ends_on="2027-01-01"),
        f"{N0}.contracts[0].ends_on",
    ),
    # rule 3
    (
        "granted without decision",
        lambda d: proposal(d, "b-speeltuin").pop("decision"),
        f"{N0}.proposals[0].decision",
    ),
    (
        "granted more than requested",
        lambda d: proposal(d, "b-speeltuin")["decision"].update(amount_granted="6500.01"),
        f"{N0}.proposals[0].decision.amount_granted",
    ),
    (
        "granted zero",
        lambda d: proposal(d, "b-speeltuin")["decision"].update(amount_granted="0.00"),
        f"{N0}.proposals[0].decision.amount_granted",
    ),
    (
        "granted without amount",
        lambda d: proposal(d, "b-speeltuin")["decision"].pop("amount_granted"),
        f"{N0}.proposals[0].decision.amount_granted",
    ),
    (
        "regular maintenance granted",
        lambda d: proposal(d, "b-speeltuin").update(not_regular_maintenance=False),
        f"{N0}.proposals[0].not_regular_maintenance",
    ),
    (
        "rejected without decision",
        lambda d: proposal(d, "b-riool").pop("decision"),
        f"{N0}.proposals[2].decision",
    ),
    # rule 4
    (
        "grants over the budget",
        lambda d: hood(d)["budget_years"][0].update(amount="5999.99"),
        f"{N0}.proposals[0].decision.amount_granted",
    ),
    (
        "grant in a year without budget",
        lambda d: hood(d).update(budget_years=[]),
        f"{N0}.proposals[0].year",
    ),
    # rule 5
    (
        "payments above the grant",
        lambda d: proposal(d, "b-speeltuin")["payments"].append(
            {"paid_on": "2027-03-01", "amount": "3000.01"}
        ),
        f"{N0}.proposals[0].payments",
    ),
    (
        "payment on a deferred proposal",
        lambda d: proposal(d, "b-bankjes")["payments"].append(
            {"paid_on": "2027-03-01", "amount": "1.00"}
        ),
        f"{N0}.proposals[1].payments",
    ),
    # rule 6
    (
        "approved without approving meeting",
        lambda d: meeting(d, 0).pop("minutes_approved_at"),
        f"{N0}.meetings[0].minutes_approved_at",
    ),
    (
        "approved at an earlier meeting",
        lambda d: meeting(d, 1).update(status="minutes_approved", minutes_approved_at="m-2027-01"),
        f"{N0}.meetings[1].minutes_approved_at",
    ),
    (
        "approved at itself",
        lambda d: meeting(d, 0).update(minutes_approved_at="m-2027-01"),
        f"{N0}.meetings[0].minutes_approved_at",
    ),
    (
        "approved at unknown meeting",
        lambda d: meeting(d, 0).update(minutes_approved_at="m-x"),
        f"{N0}.meetings[0].minutes_approved_at",
    ),
]


@pytest.mark.parametrize(("case", "mutate", "path"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_broken_file_is_refused_whole_and_nothing_changes(
    db: Database, tmp_path: Path, case: str, mutate: Mutation, path: str
) -> None:
    # A database with something in it already, to see that it stays exactly as it was.
    seed = example()
    hood(seed)["name"] = "Bestaande buurt"
    import_data(db, seed)
    before = snapshot(db)

    broken = example()
    broken["neighbourhoods"].insert(1, copy.deepcopy(hood(example())) | {"name": "Andere buurt"})
    mutate(broken)
    file = tmp_path / "kapot.json"
    file.write_text(json.dumps(broken), encoding="utf-8")  # \ud800 escaped, as JSON allows
    with pytest.raises(BuurtteamError) as caught:
        import_file(db, file)
    message = caught.value.text()
    assert caught.value.path == path, message
    assert path in message
    assert "Traceback" not in message
    assert snapshot(db) == before


def test_rule_7_a_neighbourhood_that_exists_is_refused(db: Database) -> None:
    import_file(db, EXAMPLE)
    before = snapshot(db)
    with pytest.raises(BuurtteamError) as caught:
        import_file(db, EXAMPLE)
    assert "Duin en Dorp" in caught.value.text()
    assert "neighbourhoods[0].name" in caught.value.text()
    assert snapshot(db) == before


def test_a_failure_while_writing_rolls_everything_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even past validation: the last table failing undoes the first ones."""
    from buurtteam.store import exchange_import

    original = exchange_import._Neighbourhood.agendas

    def explode(self: Any) -> None:
        original(self)
        raise OSError("disk full")

    monkeypatch.setattr(exchange_import._Neighbourhood, "agendas", explode)
    before = snapshot(db)
    with pytest.raises(OSError):
        import_file(db, EXAMPLE)
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "geen geldige JSON"),
        (b'{"format": "buurtteam",', "geen geldige JSON"),
        (b"\xff\xfe\x00garbage", "geen UTF-8"),
        (b"[1, 2, 3]", "een object"),
        (b'{"format": "buurtteam", "version": 1, "neighbourhoods": [{"name": NaN}]}', "NaN"),
        (b"[" * 5000 + b"]" * 5000, "diep"),
    ],
)
def test_files_that_are_not_exchange_files_get_a_clear_message(
    db: Database, tmp_path: Path, content: bytes, words: str
) -> None:
    file = tmp_path / "raar.json"
    file.write_bytes(content)
    before = snapshot(db)
    with pytest.raises(BuurtteamError) as caught:
        import_file(db, file)
    assert words in caught.value.text()
    assert snapshot(db) == before


def test_a_missing_file_is_named(db: Database, tmp_path: Path) -> None:
    with pytest.raises(BuurtteamError) as caught:
        import_file(db, tmp_path / "weg.json")
    assert "weg.json" in caught.value.text()
