"""The printed budget overview, read back from the PDF as a reader would see it."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from buurtteam.domain.budget import Decision, DecisionKind
from buurtteam.ops.budget import (
    budget_report_data,
    decide_proposal,
    print_budget_overview,
    record_carry_over,
    record_payment,
    year_budget,
)
from buurtteam.reports.budget_report import report_model
from buurtteam.store.db import Database
from tests.ops.test_budget import TODAY, Hood, budget_neighbourhood, grant, propose


def pdf_text(path: Path) -> str:
    """The text as pdftotext reads it, spaces folded (it drops the no-break space)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = re.sub(r"[ \xa0]+", " ", text)
    return text.replace("€ ", "€")


def sample(db: Database) -> Hood:
    hood = budget_neighbourhood(db)
    bench = propose(db, hood, "1.234,56", title="Bankje <b>voor</b> Şükrü & Zoë", theme="ouderen")
    garden = propose(db, hood, "4.800,00", title="Geveltuintjes", theme="groen")
    fireworks = propose(db, hood, "3.900,00", title="Vuurwerkshow", theme="feest")
    mural = propose(db, hood, "5.200,00", title="Muurschildering", theme="jongeren")
    propose(db, hood, "750,00", title="Buurtmoestuin", theme="groen", received=date(2027, 3, 1))
    decide_proposal(db, bench, grant(hood), TODAY)
    decide_proposal(db, garden, grant(hood, "3.500,00", "Eerst 35 tuintjes"), TODAY)
    decide_proposal(
        db,
        fireworks,
        Decision(DecisionKind.REJECT, hood.february, reason="Geen vergunning voor het plein"),
        TODAY,
    )
    decide_proposal(
        db,
        mural,
        Decision(
            DecisionKind.DEFER,
            hood.february,
            reason="Wacht op de corporatie",
            until=date(2027, 4, 6),
        ),
        TODAY,
    )
    record_payment(db, bench, date(2027, 3, 1), "1.000,00", "factuur 1", TODAY)
    record_payment(db, garden, date(2027, 3, 2), "0,01", "factuur 2", TODAY)
    return hood


def test_the_printed_totals_read_back(db: Database, tmp_path: Path) -> None:
    hood = sample(db)
    target = print_budget_overview(db, hood.id, 2027, tmp_path / "budget.pdf", TODAY)
    text = pdf_text(target)
    assert "Buurtbudget 2027" in text
    assert "Duin en Dorp · Zeedorp" in text
    assert "Stand op woensdag 10 maart 2027" in text
    for label, amount in (
        ("Budget voor 2027", "€25.000,00"),
        ("Toegekend (vastgelegd)", "€4.734,56"),
        ("Betaald", "€1.000,01"),
        ("Toegekend, nog te betalen", "€3.734,55"),
        ("Nog toe te kennen", "€20.265,44"),
    ):
        assert f"{label} {amount}" in text, label
    # The chart's bars carry their amounts.
    assert "Budget €25.000,00" in text and "Toegekend €4.734,56" in text
    assert "Toegekend en betaald, afgezet tegen het budget" in text
    assert re.search(r"pagina 1 van \d", text)


def test_each_proposal_with_status_date_and_amounts(db: Database, tmp_path: Path) -> None:
    hood = sample(db)
    text = pdf_text(print_budget_overview(db, hood.id, 2027, tmp_path / "b.pdf", TODAY))
    # Printed as typed, not read as markup (the cell wraps after the ampersand).
    assert "Bankje <b>voor</b> Şükrü &" in text and "Zoë" in text
    assert "Geveltuintjes toegekend 23 februari €4.800,00 €3.500,00 €0,01" in text
    assert "Joke Smit · groen (deels) 2027" in text
    assert "Vuurwerkshow afgewezen 23 februari €3.900,00 — —" in text
    assert "Buurtmoestuin ingediend — €750,00 — —" in text
    assert "Muurschildering aangehouden" in text
    assert "Totaal (5 aanvragen) €15.884,56 €4.734,56 €1.000,01" in text
    # Reasons: rejected, deferred (with until when) and the partial grant.
    assert "Vuurwerkshow (afgewezen)" in text and "Geen vergunning voor het plein" in text
    assert "Aangehouden tot 6 april 2027. Wacht op de corporatie" in text
    assert "Eerst 35 tuintjes" in text
    assert "groen 2 €3.500,00 €0,01 €3.499,99" in text


def test_carry_over_shows_as_its_own_line(db: Database, tmp_path: Path) -> None:
    hood = sample(db)
    record_carry_over(db, hood.id, 2027, "265,44")
    old = pdf_text(print_budget_overview(db, hood.id, 2027, tmp_path / "a.pdf", TODAY))
    assert "Overgeheveld naar 2028 − €265,44" in old
    assert "Nog toe te kennen €20.000,00" in old
    new = pdf_text(print_budget_overview(db, hood.id, 2028, tmp_path / "b.pdf", TODAY))
    assert "Overgeheveld uit 2027 €265,44" in new
    assert "Nog toe te kennen €25.265,44" in new
    assert "Voor dit jaar zijn er geen aanvragen." in new


def test_a_low_budget_and_an_unrecorded_year_say_so(db: Database, tmp_path: Path) -> None:
    hood = budget_neighbourhood(db)
    decide_proposal(db, propose(db, hood, "23.000,00"), grant(hood), TODAY)
    low = pdf_text(print_budget_overview(db, hood.id, 2027, tmp_path / "a.pdf", TODAY))
    assert "Let op: er is minder dan een tiende van het budget over om toe te kennen." in low
    none = pdf_text(print_budget_overview(db, hood.id, 2030, tmp_path / "b.pdf", TODAY))
    assert "Voor 2030 is geen budget vastgelegd." in none


def test_identical_input_gives_identical_bytes(db: Database, tmp_path: Path) -> None:
    hood = sample(db)
    first = print_budget_overview(db, hood.id, 2027, tmp_path / "a.pdf", TODAY).read_bytes()
    second = print_budget_overview(db, hood.id, 2027, tmp_path / "b.pdf", TODAY).read_bytes()
    assert first == second


def test_many_proposals_run_over_pages_with_page_numbers(db: Database, tmp_path: Path) -> None:
    hood = budget_neighbourhood(db)
    for number in range(60):
        propose(db, hood, "10,00", title=f"Aanvraag {number} met een wat langere titel")
    target = print_budget_overview(db, hood.id, 2027, tmp_path / "lang.pdf", TODAY, large=True)
    pages = len(PdfReader(target).pages)
    assert pages >= 3
    text = pdf_text(target)
    for page in range(1, pages + 1):
        assert f"pagina {page} van {pages}" in text


def test_the_model_holds_the_numbers_as_printed(db: Database) -> None:
    hood = sample(db)
    model = report_model(budget_report_data(year_budget(db, hood.id, 2027), TODAY))
    assert model.totals[-1] == ("Nog toe te kennen", "€\xa020.265,44")
    assert [bar.value for bar in model.chart] == [
        Decimal("25000.00"),
        Decimal("4734.56"),
        Decimal("1000.01"),
    ]
    # Three clearly different greys: told apart on a black-and-white copy.
    greys = sorted(bar.grey for bar in model.chart)
    assert greys[1] - greys[0] >= 0.4 and greys[2] - greys[1] >= 0.4
