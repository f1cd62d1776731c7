"""The contract register on a real file: reading, status changes, slips, new contracts.

Every refusal leaves the database exactly as it was (compared by tests/snapshot.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.exc import DBAPIError

from buurtteam.domain.vocab import PointStatus
from buurtteam.errors import BuurtteamError, InvalidInput, NotFound, RuleBroken
from buurtteam.ops.check import check_database
from buurtteam.ops.contract import (
    ContractInput,
    PointInput,
    add_point,
    add_signature,
    change_status,
    contract_view,
    edit_contract,
    edit_point,
    meeting_choices,
    move_due,
    new_contract,
    point_detail,
)
from buurtteam.ops.exchange import export_file, import_file
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.conftest import Databases
from tests.ops.test_overview import TODAY, add_sample_neighbourhood
from tests.snapshot import snapshot


def ids(db: Database) -> dict[str, int]:
    """Row ids by a readable key: contracts, meetings, parties and points ("c-2027/3")."""
    with db.read() as s:
        found = {c.public_id: c.id for c in s.scalars(select(m.Contract))}
        found |= {x.public_id: x.id for x in s.scalars(select(m.Meeting))}
        found |= {p.public_id: p.id for p in s.scalars(select(m.Party))}
        contracts = {c.id: c.public_id for c in s.scalars(select(m.Contract))}
        for point in s.scalars(select(m.ContractPoint)):
            found[f"{contracts[point.contract_id]}/{point.number}"] = point.id
    return found


@pytest.fixture
def hood(db: Database) -> int:
    """The sample neighbourhood without its budget proposals.

    The sample's granted proposals name no deciding meeting (the overview does not need
    one), which the exchange rules refuse; without them the whole file keeps every rule,
    so `check` and a round trip can be asserted here.
    """
    neighbourhood = add_sample_neighbourhood(db)
    with db.write() as s:
        s.execute(delete(m.Proposal))
    assert check_database(db).ok
    return neighbourhood


def refused(db: Database, kind: type[BuurtteamError], call: object) -> str:
    """Run `call`, expect a refusal of `kind`, check nothing changed; the Dutch message."""
    before = snapshot(db)
    with pytest.raises(kind) as raised:
        call()  # type: ignore[operator]
    assert snapshot(db) == before
    return raised.value.text()


def test_the_page_shows_the_contract_in_force_with_its_points(db: Database, hood: int) -> None:
    view = contract_view(db, hood, TODAY)
    assert [c.public_id for c in view.contracts] == ["c-2027", "c-2024"]
    assert view.contract is not None and view.contract.public_id == "c-2027"
    assert view.contract.in_force
    assert [p.number for p in view.points] == [1, 2, 3, 4, 5, 6]
    overdue = {p.number: p.overdue for p in view.points}
    assert overdue == {1: False, 2: False, 3: True, 4: False, 5: False, 6: False}
    cards = {card.party.public_id: card.figures for card in view.scorecards}
    assert (cards["gemeente"].owned, cards["gemeente"].not_kept, cards["gemeente"].done) == (
        5,
        1,
        1,
    )
    assert (cards["politie"].owned, cards["politie"].overdue_numbers) == (1, (3,))
    # The previous contract stays readable.
    old = contract_view(db, hood, TODAY, ids(db)["c-2024"])
    assert old.contract is not None and not old.contract.in_force
    assert [p.title for p in old.points] == ["Oud punt"]


def test_a_status_change_is_appended_with_date_note_and_meeting(db: Database, hood: int) -> None:
    key = ids(db)
    change_status(
        db,
        key["c-2027/2"],
        PointStatus.IN_PROGRESS,
        date(2027, 2, 23),
        TODAY,
        "Offerte aangevraagd",
        key["m-1"],
    )
    change_status(db, key["c-2027/2"], PointStatus.DONE, TODAY, TODAY, " Klaar! ")
    detail = point_detail(db, key["c-2027/2"], TODAY)
    assert detail.status is PointStatus.DONE
    assert [(h.date, h.status, h.note) for h in detail.history] == [
        (date(2027, 2, 23), PointStatus.IN_PROGRESS, "Offerte aangevraagd"),
        (TODAY, PointStatus.DONE, "Klaar!"),
    ]
    assert detail.history[0].meeting_on is not None
    assert detail.history[0].meeting_on.date() == date(2027, 2, 23)
    assert detail.done_on_time  # done 10 March, deadline 1 September
    assert check_database(db).ok


def test_progress_without_a_new_status_needs_a_note(db: Database, hood: int) -> None:
    point = ids(db)["c-2027/2"]
    text = refused(db, RuleBroken, lambda: change_status(db, point, PointStatus.OPEN, TODAY, TODAY))
    assert text == (
        "Punt 2 heeft al de status 'open'. Wilt u voortgang vastleggen zonder nieuwe status, "
        "schrijf dan een notitie."
    )
    change_status(db, point, PointStatus.OPEN, TODAY, TODAY, "Nog geen nieuws van de aannemer")
    assert len(point_detail(db, point, TODAY).history) == 1


def test_refused_status_changes_change_nothing(db: Database, hood: int) -> None:
    key = ids(db)
    point = key["c-2027/2"]
    future = refused(
        db,
        RuleBroken,
        lambda: change_status(db, point, PointStatus.DONE, date(2027, 3, 11), TODAY, "te vroeg"),
    )
    assert future.startswith("De datum 11 maart 2027 ligt in de toekomst")
    drop = refused(
        db, RuleBroken, lambda: change_status(db, point, PointStatus.DROPPED, TODAY, TODAY)
    )
    assert drop == "Schrijf in de notitie waarom punt 2 vervalt; het contract bewaart de reden."
    control = refused(
        db,
        InvalidInput,
        lambda: change_status(db, point, PointStatus.DONE, TODAY, TODAY, "bel\x07"),
    )
    assert "stuurteken" in control
    with db.write() as s:
        s.add(m.Neighbourhood(name="Elders", municipality="Zeedorp"))
        s.flush()
        other = m.Meeting(
            neighbourhood_id=s.scalar(
                select(m.Neighbourhood.id).where(m.Neighbourhood.name == "Elders")
            ),
            public_id="m-elders",
            starts_at=date(2027, 3, 1),
            status="held",
        )
        s.add(other)
        s.flush()
        other_id = other.id
    foreign = refused(
        db,
        NotFound,
        lambda: change_status(db, point, PointStatus.DONE, TODAY, TODAY, "x", other_id),
    )
    assert foreign == "De gekozen vergadering bestaat niet meer in deze buurt."
    change_status(db, point, PointStatus.IN_PROGRESS, TODAY, TODAY, "begonnen")
    earlier = refused(
        db,
        RuleBroken,
        lambda: change_status(db, point, PointStatus.DONE, date(2027, 3, 9), TODAY, "x"),
    )
    assert earlier == (
        "Punt 2 heeft al een regel in de geschiedenis van 10 maart 2027; een nieuwe regel kan "
        "niet eerder gedateerd zijn. Kies 10 maart 2027 of een latere datum."
    )


def test_a_moved_deadline_is_a_slip_with_the_old_and_new_date(db: Database, hood: int) -> None:
    key = ids(db)
    point = key["c-2027/3"]  # politie, delayed, due 1 March 2027
    move_due(db, point, date(2027, 6, 1), TODAY, TODAY, "Te weinig agenten", key["m-1"])
    detail = point_detail(db, point, TODAY)
    assert detail.due == date(2027, 6, 1)
    assert detail.status is PointStatus.DELAYED  # a slip keeps the status
    assert not detail.overdue
    slip = detail.history[-1]
    assert (slip.date, slip.status, slip.due) == (TODAY, PointStatus.DELAYED, date(2027, 6, 1))
    assert slip.note == "Deadline verschoven van 1 maart 2027 naar 1 juni 2027. Te weinig agenten"
    cards = {c.party.public_id: c.figures for c in contract_view(db, hood, TODAY).scorecards}
    assert cards["politie"].slips == 1
    assert check_database(db).ok
    same = refused(db, RuleBroken, lambda: move_due(db, point, date(2027, 6, 1), TODAY, TODAY))
    assert same == "De deadline van punt 3 is al 1 juni 2027."
    done = refused(
        db,
        RuleBroken,
        lambda: move_due(db, key["c-2027/1"], date(2027, 9, 1), TODAY, TODAY),
    )
    assert done == "Punt 1 is gereed; de deadline verandert niet meer."


def test_editing_a_point_keeps_its_number_and_records_party_and_deadline(
    db: Database, hood: int
) -> None:
    key = ids(db)
    point = key["c-2027/6"]  # gemeente, open, no deadline
    edit_point(
        db,
        point,
        PointInput(
            "Eenrichtingsverkeer Duinweg",
            key["politie"],
            "Besluit van de raad",
            "verkeer",
            date(2027, 12, 31),
        ),
        TODAY,
        "Handhaving ligt bij de politie",
    )
    detail = point_detail(db, point, TODAY)
    assert (detail.number, detail.title, detail.theme) == (
        6,
        "Eenrichtingsverkeer Duinweg",
        "verkeer",
    )
    assert detail.party.public_id == "politie"
    assert detail.due == date(2027, 12, 31)  # a first deadline is set, not a slip
    assert [(h.note, h.due) for h in detail.history] == [
        (
            "Uitvoerder gewijzigd van Gemeente Zeedorp naar Politie, wijkagent. Handhaving ligt "
            "bij de politie",
            None,
        )
    ]
    remove = refused(
        db,
        RuleBroken,
        lambda: edit_point(db, point, PointInput("x", key["politie"], due=None), TODAY),
    )
    assert remove.startswith("Punt 6 heeft een deadline (31 december 2027)")
    empty = refused(
        db,
        InvalidInput,
        lambda: edit_point(db, point, PointInput("  ", key["politie"]), TODAY),
    )
    assert empty == "Een contractpunt heeft een titel nodig. Typ wat er is afgesproken."


def test_new_points_get_the_next_number_and_taken_numbers_are_refused(
    db: Database, hood: int
) -> None:
    key = ids(db)
    contract = key["c-2027"]
    new = add_point(db, contract, PointInput("Bankje bij de vijver", key["gemeente"]))
    assert point_detail(db, new, TODAY).number == 7
    assert point_detail(db, new, TODAY).status is PointStatus.OPEN
    taken = refused(
        db,
        RuleBroken,
        lambda: add_point(db, contract, PointInput("Dubbel", key["gemeente"]), 3),
    )
    assert taken == (
        "Dit contract heeft al een punt 3. Nummers veranderen nooit; kies een vrij nummer, "
        "bijvoorbeeld 8."
    )
    assert (
        point_detail(
            db, add_point(db, contract, PointInput("Twintig", key["gemeente"]), 20), TODAY
        ).number
        == 20
    )


def test_history_is_append_only_in_the_store_itself(db: Database, hood: int) -> None:
    """Not only the ops refuse: the database itself (triggers) keeps the history."""
    change_status(db, ids(db)["c-2027/2"], PointStatus.IN_PROGRESS, TODAY, TODAY, "begonnen")
    before = snapshot(db)
    for statement in ("UPDATE point_history SET note = 'anders'", "DELETE FROM point_history"):
        with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
            session.execute(text(statement))
    assert snapshot(db) == before


def test_a_new_contract_carries_unfinished_points_with_their_history(
    db: Database, databases: Databases, tmp_path: Path, hood: int
) -> None:
    key = ids(db)
    change_status(
        db,
        key["c-2027/2"],
        PointStatus.IN_PROGRESS,
        date(2027, 2, 23),
        TODAY,
        "Offerte",
        key["m-1"],
    )
    later = date(2029, 7, 1)
    contract = new_contract(
        db,
        hood,
        ContractInput("Buurtcontract 2029–2031", later, date(2031, 12, 31)),
        later,
        carry_from=key["c-2027"],
    )
    view = contract_view(db, hood, later, contract)
    assert view.contract is not None and view.contract.public_id == "c-2029"
    # Done point 1 stays behind; the rest come along, numbered from 1 in their old order.
    assert [(p.number, p.title) for p in view.points] == [
        (1, "Oversteekplaats"),
        (2, "Controle overlastgrens 21.00 uur"),
        (3, "Vandaag de deadline"),
        (4, "Doeltje terug op het pannaveldje"),
        (5, "Eenrichtingsverkeer"),
    ]
    assert view.points[0].carried_from == "Buurtcontract 2027, punt 2"
    carried = point_detail(db, view.points[0].id, later)
    assert carried.carried_from is not None and carried.carried_from.number == 2
    assert [(h.date, h.status, h.note) for h in carried.history] == [
        (date(2027, 2, 23), PointStatus.IN_PROGRESS, "Offerte"),
        (later, PointStatus.IN_PROGRESS, "Meegenomen uit Buurtcontract 2027, punt 2."),
    ]
    origin = point_detail(db, key["c-2027/2"], later)
    assert [(r.contract_title, r.number) for r in origin.carried_to] == [
        ("Buurtcontract 2029–2031", 1)
    ]
    # The previous contract is untouched and still readable.
    assert origin.status is PointStatus.IN_PROGRESS and len(origin.history) == 1
    # The exchange rules hold and the file round-trips.
    assert check_database(db).ok
    first = tmp_path / "eerste.json"
    export_file(db, first)
    with databases.fresh() as again:
        import_file(again, first)
        second = tmp_path / "tweede.json"
        export_file(again, second)
    strip = lambda text: [line for line in text.splitlines() if "exported_at" not in line]  # noqa: E731
    assert strip(first.read_text()) == strip(second.read_text())


def test_contracts_and_signatures(db: Database, hood: int) -> None:
    key = ids(db)
    contract = key["c-2027"]
    add_signature(db, contract, key["gemeente"], date(2026, 12, 20), "wethouder Wijken")
    edit_contract(
        db,
        contract,
        ContractInput("Buurtcontract Duin en Dorp", date(2027, 1, 1), date(2029, 6, 30)),
    )
    header = contract_view(db, hood, TODAY).contract
    assert header is not None and header.title == "Buurtcontract Duin en Dorp"
    assert [(s.party, s.signed_by, s.signed_on) for s in header.signatures] == [
        ("Gemeente Zeedorp", "wethouder Wijken", date(2026, 12, 20))
    ]
    backwards = refused(
        db,
        InvalidInput,
        lambda: new_contract(
            db, hood, ContractInput("Achterstevoren", date(2030, 1, 1), date(2029, 1, 1)), TODAY
        ),
    )
    assert backwards.startswith("Het contract eindigt op 1 januari 2029")
    nobody = refused(
        db, InvalidInput, lambda: add_signature(db, contract, key["politie"], TODAY, " ")
    )
    assert nobody.startswith("Vul in wie voor de partij tekende")
    assert check_database(db).ok


def test_meetings_to_choose_from_are_the_neighbourhoods_latest_first(
    db: Database, hood: int
) -> None:
    assert [c.starts_at.date() for c in meeting_choices(db, hood)] == [
        date(2027, 5, 18),
        date(2027, 4, 6),
        date(2027, 3, 10),
        date(2027, 2, 23),
    ]
