"""The printed minutes read back from the PDF: concept or approved, attendance, items,
appendices, errata, the check code in the footer, large print, escaping."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

from buurtteam.domain.minutes import VoteCount, fingerprint_words
from buurtteam.domain.vocab import PointStatus, Role
from buurtteam.ops.minutes import add_erratum, approve_minutes, print_minutes
from buurtteam.reports.minutes_report import (
    MinutesPrintData,
    PrintAction,
    PrintDecision,
    PrintHistory,
    PrintItem,
    PrintPerson,
    votes_words,
    write_minutes,
)
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.ops.test_meeting_mode import TODAY, by_public_id, composed_meeting, example
from tests.reports.test_agenda_report import font_sizes, text_of

START = datetime(2027, 4, 20, 19, 30)


def sample(**changes: object) -> MinutesPrintData:
    decision = PrintDecision(
        2, "Hondenpoep <b>in het park</b>", "Extra afvalbakken", VoteCount(5, 1, 0)
    )
    data = MinutesPrintData(
        neighbourhood="De Vlinderbuurt",
        municipality="Waalhaven",
        starts_at=START,
        ends_at=datetime(2027, 4, 20, 21, 30),
        location="Buurthuis <De Rups> & co",
        chair="Marieke van der Linden",
        secretary="Zoë Hoekstra",
        approved_at=None,
        present=(
            PrintPerson("Marieke van der Linden", (Role.CHAIR,)),
            PrintPerson("Şükrü Yıldırım", (Role.RESIDENT,), arrived_at=time(19, 50)),
            PrintPerson("Errol Doelwijt", (Role.RESIDENT,), left_at=time(21, 0)),
        ),
        absent_with_notice=(PrintPerson("Gerrit de Wit", (Role.RESIDENT,)),),
        absent=(PrintPerson("Agnieszka Wróblewska", (Role.RESIDENT,)),),
        guests=(("Ruud Hendriks", "Gemeente Waalhaven"),),
        voters_present=2,
        quorum=3,
        items=(
            PrintItem(1, "Opening", "De voorzitter opent om 19:32.", True, (), (), (), ()),
            PrintItem(
                2,
                "Hondenpoep <b>in het park</b>",
                "Bewoners: 'het wordt erger' & <meer>",
                True,
                (decision,),
                (
                    PrintAction(
                        "Locaties kiezen", "Errol Doelwijt", date(2027, 5, 1), None, START.date()
                    ),
                ),
                ("Een poepzuiger lenen",),
                (
                    PrintHistory(
                        11, "Afvalbakken", "Gemeente Waalhaven", PointStatus.IN_PROGRESS, None
                    ),
                ),
            ),
            PrintItem(3, "Parkeerbeleid", None, False, (), (), (), ()),
        ),
        other_history=(),
        decisions=(decision,),
        actions=(
            PrintAction(
                "Offerte opvragen", "Zoë Hoekstra", date(2027, 4, 1), None, date(2027, 3, 9)
            ),
            PrintAction("Locaties kiezen", "Errol Doelwijt", date(2027, 5, 1), None, START.date()),
        ),
        errata=(),
        fingerprint="3f2a9c0177be",
        stored_fingerprint=None,
        printed_on=date(2027, 4, 21),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def flat(path: Path) -> str:
    """The text in reading order, all white space folded to single spaces."""
    raw = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(raw.stdout.split())


def test_concept_minutes_say_concept_and_list_who_was_there(tmp_path: Path) -> None:
    text = flat(write_minutes(sample(), tmp_path / "verslag.pdf"))
    assert "Conceptverslag" in text
    assert "Concept: dit verslag is nog niet vastgesteld." in text
    assert "dinsdag 20 april 2027" in text and "19:30 tot 21:30 uur" in text
    assert "Buurthuis <De Rups> & co" in text
    assert "Aanwezig Marieke van der Linden (voorzitter); Şükrü Yıldırım (bewoner), " in text
    assert "aanwezig vanaf 19:50 uur" in text and "vertrokken om 21:00 uur" in text
    assert "Afwezig met bericht Gerrit de Wit (bewoner)" in text
    assert "Afwezig Agnieszka Wróblewska (bewoner)" in text
    assert "Gasten Ruud Hendriks (Gemeente Waalhaven)" in text
    assert "minder dan het quorum van 3" in text
    assert "Controlecode" not in text


def test_items_with_notes_decisions_votes_actions_and_ideas(tmp_path: Path) -> None:
    text = flat(write_minutes(sample(), tmp_path / "verslag.pdf"))
    assert "2. Hondenpoep <b>in het park</b>" in text  # printed as typed, not as markup
    assert "Bewoners: 'het wordt erger' & <meer>" in text
    assert "Besluit Extra afvalbakken Stemming: aangenomen: 5 voor, 1 tegen, 0 onthouding" in text
    assert "Actie Locaties kiezen — wie: Errol Doelwijt — uiterlijk 1 mei 2027" in text
    assert "Idee Een poepzuiger lenen" in text
    assert "Contractpunt 11. Afvalbakken (Gemeente Waalhaven): status in uitvoering." in text
    assert "Niet besproken; dit punt schuift door naar de volgende vergadering." in text
    assert "Voor vaststelling getekend" in text and "Handtekening:" in text


def test_the_appendices_hold_the_besluitenlijst_and_the_actielijst(tmp_path: Path) -> None:
    text = flat(write_minutes(sample(), tmp_path / "verslag.pdf"))
    appendix = text[text.index("Bijlage 1. Besluitenlijst") :]
    assert "Extra afvalbakken" in appendix
    actions = appendix[appendix.index("Bijlage 2. Actielijst") :]
    assert actions.index("Offerte opvragen") < actions.index("Locaties kiezen")
    assert "open, deadline verstreken" in actions  # due 1 April, before the meeting
    assert "9 maart 2027" in actions


def test_approved_minutes_name_the_meeting_and_carry_the_check_code(tmp_path: Path) -> None:
    data = sample(
        approved_at=date(2027, 6, 1),
        errata=((date(2027, 6, 15), "Gerrit de Wit was wél aanwezig."),),
        stored_fingerprint="3f2a9c0177be",
    )
    path = write_minutes(data, tmp_path / "verslag.pdf")
    text = flat(path)
    assert "Conceptverslag" not in text and "Concept:" not in text
    assert "Vastgesteld in de vergadering van dinsdag 1 juni 2027." in text
    assert "Errata 15 juni 2027 Gerrit de Wit was wél aanwezig." in text
    pages = text_of(path).split("\f")
    code = fingerprint_words("3f2a9c0177be")
    assert all(f"controlecode {code}" in page for page in pages if page.strip())
    assert "Let op" not in text


def test_a_mismatched_check_code_is_said_on_paper(tmp_path: Path) -> None:
    data = sample(approved_at=date(2027, 6, 1), stored_fingerprint="000000000000")
    text = flat(write_minutes(data, tmp_path / "verslag.pdf"))
    assert "Let op: de inhoud klopt niet meer met de controlecode" in text
    assert "0000-0000-0000" in text


def test_large_print_is_at_least_14_points(tmp_path: Path) -> None:
    regular = write_minutes(sample(), tmp_path / "gewoon.pdf")
    large = write_minutes(sample(), tmp_path / "groot.pdf", large=True)
    assert min(font_sizes(regular)) < 14
    assert min(font_sizes(large)) >= 14


def test_identical_input_gives_identical_bytes(tmp_path: Path) -> None:
    first = write_minutes(sample(), tmp_path / "a.pdf").read_bytes()
    assert write_minutes(sample(), tmp_path / "b.pdf").read_bytes() == first


def test_votes_in_words() -> None:
    assert votes_words(None) == ""
    assert votes_words(VoteCount(6, 0, 0)) == "unaniem (6 voor)"
    assert votes_words(VoteCount(2, 3, 1)) == "niet aangenomen: 2 voor, 3 tegen, 1 onthouding"


def test_print_minutes_from_the_database_concept_then_approved(
    db: Database, tmp_path: Path
) -> None:
    example(db)
    february = by_public_id(db, m.Meeting, "m-2027-02")
    concept = flat(print_minutes(db, february, tmp_path / "concept.pdf", TODAY))
    assert "Conceptverslag" in concept and "Verslag projectteam Duin en Dorp" in concept
    assert "dinsdag 23 februari 2027" in concept
    approval = approve_minutes(db, february, composed_meeting(db), TODAY)
    add_erratum(db, february, "Fatma Yılmaz kwam om 20:00 uur.", TODAY)
    path = print_minutes(db, february, tmp_path / "vastgesteld.pdf", TODAY, large=True)
    text = flat(path)
    assert "Vastgesteld in de vergadering van dinsdag 6 april 2027." in text
    assert "Fatma Yılmaz kwam om 20:00 uur." in text
    renewed = db_fingerprint(db, february)
    assert renewed != approval.fingerprint
    assert fingerprint_words(renewed) in text


def db_fingerprint(db: Database, meeting_id: int) -> str:
    with db.read() as session:
        meeting = session.get(m.Meeting, meeting_id)
        assert meeting is not None and meeting.minutes_fingerprint is not None
        return meeting.minutes_fingerprint
