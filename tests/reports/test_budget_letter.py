"""The decision letter to the resident, for every state a proposal can be in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from buurtteam import i18n
from buurtteam.domain.budget import Decision, DecisionKind
from buurtteam.ops.budget import (
    ProposalIntake,
    decide_proposal,
    print_decision_letter,
    take_in_proposal,
)
from buurtteam.store.db import Database
from tests.ops.test_budget import TODAY, Hood, budget_neighbourhood, grant, propose
from tests.reports.test_budget_report import pdf_text


def letter(db: Database, proposal: int, tmp_path: Path) -> str:
    """The letter's text with lines joined: sentences wrap anywhere in a paragraph."""
    text = pdf_text(print_decision_letter(db, proposal, tmp_path / "brief.pdf", TODAY))
    return " ".join(text.split())


@pytest.fixture
def hood(db: Database) -> Hood:
    return budget_neighbourhood(db)


def test_granted_in_full_says_the_amount_and_what_happens_next(
    db: Database, hood: Hood, tmp_path: Path
) -> None:
    proposal = propose(db, hood, "1.200,00", title="Bankje bij de speeltuin")
    decide_proposal(db, proposal, grant(hood), TODAY)
    text = letter(db, proposal, tmp_path)
    assert "Projectteam Duin en Dorp" in text
    assert "Joke Smit" in text
    assert "Zeedorp, 10 maart 2027" in text  # place and date in words
    assert "Kenmerk: b-bankje-bij-de-speeltuin" in text
    assert "Onderwerp: uw aanvraag voor het buurtbudget" in text
    assert "Beste Joke Smit," in text
    assert "dinsdag 23 februari 2027" in text
    assert "uw aanvraag heeft toegekend: €1.200,00 uit het buurtbudget 2027" in text
    assert "Hoe gaat het nu verder?" in text
    assert "Ans Verhoeven" in text and "voorzitter projectteam Duin en Dorp" in text
    assert "pagina 1 van 1" in text


def test_granted_in_part_gives_both_amounts_and_the_reason(
    db: Database, hood: Hood, tmp_path: Path
) -> None:
    proposal = propose(db, hood, "4.800,00")
    decide_proposal(db, proposal, grant(hood, "3.500,00", "Eerst 35 geveltuintjes"), TODAY)
    text = letter(db, proposal, tmp_path)
    assert "gedeeltelijk toegekend: u vroeg €4.800,00" in text
    assert "€3.500,00 toe uit het buurtbudget 2027" in text
    assert "Eerst 35 geveltuintjes" in text


def test_rejected_gives_the_reason(db: Database, hood: Hood, tmp_path: Path) -> None:
    proposal = propose(db, hood)
    decide_proposal(
        db,
        proposal,
        Decision(DecisionKind.REJECT, hood.february, reason="Dit is regulier onderhoud."),
        TODAY,
    )
    text = letter(db, proposal, tmp_path)
    assert "besloten uw aanvraag niet toe te kennen" in text
    assert "De reden: Dit is regulier onderhoud." in text
    assert "De volgende vergadering van het projectteam is op dinsdag 6 april 2027." in text


def test_deferred_says_until_when_and_why(db: Database, hood: Hood, tmp_path: Path) -> None:
    proposal = propose(db, hood)
    decide_proposal(
        db,
        proposal,
        Decision(
            DecisionKind.DEFER,
            hood.february,
            reason="Eerst toestemming van de corporatie.",
            until=date(2027, 4, 6),
        ),
        TODAY,
    )
    text = letter(db, proposal, tmp_path)
    assert "uw aanvraag tot dinsdag 6 april 2027 aan te houden" in text
    assert "De reden: Eerst toestemming van de corporatie." in text
    assert "u hoeft haar niet opnieuw in te dienen" in text


def test_withdrawn_and_still_waiting(db: Database, hood: Hood, tmp_path: Path) -> None:
    withdrawn = propose(db, hood)
    decide_proposal(db, withdrawn, Decision(DecisionKind.WITHDRAW, hood.february), TODAY)
    assert "U heeft uw aanvraag ingetrokken" in letter(db, withdrawn, tmp_path)
    waiting = propose(db, hood, received=date(2027, 3, 1))
    text = letter(db, waiting, tmp_path)
    assert "Op maandag 1 maart 2027 hebben wij uw aanvraag" in text
    assert "uw aanvraag staat op de agenda" in text
    assert "dinsdag 6 april 2027" in text


def test_without_a_name_the_letter_still_reads(db: Database, hood: Hood, tmp_path: Path) -> None:
    line = take_in_proposal(
        db,
        hood.id,
        ProposalIntake("Zonder naam & <i>markup</i>", "10", date(2027, 1, 5), True),
        TODAY,
    )
    text = letter(db, line.id, tmp_path)
    assert "Aan de indiener van de aanvraag" in text
    assert "Geachte heer of mevrouw," in text
    assert "Zonder naam & <i>markup</i>" in text


def test_the_letter_in_english(db: Database, hood: Hood, tmp_path: Path) -> None:
    proposal = propose(db, hood)
    decide_proposal(db, proposal, grant(hood), TODAY)
    i18n.set_language("en")
    text = letter(db, proposal, tmp_path)
    assert "We are pleased to tell you that the team has granted your proposal" in text
    assert "page 1 of 1" in text
