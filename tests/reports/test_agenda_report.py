"""The printed agenda read back from the PDF: invitation, order, headings, appendices, size."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from buurtteam.domain.vocab import PointStatus, ProposalStatus, Purpose, Section, Source
from buurtteam.ops.agenda import compose_agenda, print_agenda
from buurtteam.reports.agenda_report import (
    AgendaPrintData,
    PrintAction,
    PrintItem,
    PrintPoint,
    PrintProposal,
    duration_words,
    write_agenda,
)
from buurtteam.store.db import Database
from tests.ops.test_agenda_compose import meeting_id
from tests.ops.test_overview import add_sample_neighbourhood

START = datetime(2027, 4, 20, 19, 30)


def item(section: Section, title: str, source: Source, minutes: int, at: int) -> PrintItem:
    return PrintItem(
        section=section,
        title=title,
        description=None,
        source=source,
        purpose=Purpose.DISCUSSION,
        minutes=minutes,
        starts_at=START + timedelta(minutes=at),
    )


def sample_data(**changes: object) -> AgendaPrintData:
    data = AgendaPrintData(
        neighbourhood="De Vlinderbuurt",
        municipality="Waalhaven",
        starts_at=START,
        ends_at=datetime(2027, 4, 20, 21, 30),
        location="Buurthuis <De Rups> & co",
        chair="Marieke van der Linden",
        cancel_reason=None,
        original_starts_at=None,
        move_reason=None,
        items=(
            item(Section.OPENING, "Opening en vaststellen agenda", Source.TEAM, 5, 0),
            item(Section.TOPICS, "Hondenpoep <b>in het park</b>", Source.RESIDENT, 20, 5),
            item(Section.TOPICS, "Huisbezoeken", Source.COMMUNITY_WORKER, 15, 25),
            item(Section.REQUESTS, "Omgevingsvisie", Source.MUNICIPALITY, 30, 40),
            item(Section.REQUESTS, "Nieuwbouw", Source.PARTNER, 10, 70),
            item(Section.ANY_OTHER_BUSINESS, "Rondvraag", Source.TEAM, 10, 80),
            item(Section.CLOSING, "Sluiting", Source.TEAM, 5, 90),
        ),
        proposals=(PrintProposal("Bankje", Decimal("1234.50"), ProposalStatus.SUBMITTED),),
        points=(PrintPoint(11, "Afvalbakken", "Gemeente Waalhaven", PointStatus.NOT_KEPT),),
        actions=(
            PrintAction("Offerte opvragen", "Zoë Hoekstra", date(2027, 5, 1), date(2027, 3, 9)),
        ),
        total_minutes=95,
        length_minutes=120,
        printed_on=date(2027, 4, 1),
    )
    return AgendaPrintData(**{**data.__dict__, **changes})


def text_of(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_invitation_page(tmp_path: Path) -> None:
    path = write_agenda(sample_data(), tmp_path / "agenda.pdf")
    first = PdfReader(path).pages[0].extract_text()
    assert "Uitnodiging" in first
    assert "De Vlinderbuurt, Waalhaven" in first
    assert "dinsdag 20 april 2027" in first
    assert "19:30 tot 21:30 uur" in first
    assert "Buurthuis <De Rups> & co" in first
    assert "Marieke van der Linden, voorzitter" in first


def test_items_read_back_in_order_with_times_boxes_and_who(tmp_path: Path) -> None:
    text = text_of(write_agenda(sample_data(), tmp_path / "agenda.pdf"))
    order = [
        "1.",
        "Opening en vaststellen agenda",
        "2.",
        "Hondenpoep <b>in het park</b>",
        "ingebracht door bewoners",
        "3.",
        "Huisbezoeken",
        "ingebracht door de opbouwwerker",
        "Verzoeken van gemeente en partners",
        "4.",
        "Omgevingsvisie",
        "ingebracht door de gemeente",
        "5.",
        "Nieuwbouw",
        "ingebracht door een partner",
        "Tot slot",
        "Rondvraag",
        "Sluiting",
        "Geplande tijd: 1 uur en 35 minuten, tot ongeveer 21:05 uur.",
        "Bijlagen",
    ]
    positions = [text.index(word) for word in order]
    assert positions == sorted(positions)
    lines = text.splitlines()
    assert any(line.split()[:3] == ["19:35", "2.", "Hondenpoep"] for line in lines if line.split())
    assert "bespreken · 20 min. · ingebracht door bewoners" in text
    # Procedural items say nothing about who brought them in.
    rondvraag = text[text.index("Rondvraag") : text.index("Sluiting")]
    assert "ingebracht" not in rondvraag


def test_the_appendix_lists_proposals_points_and_actions(tmp_path: Path) -> None:
    text = text_of(write_agenda(sample_data(), tmp_path / "agenda.pdf"))
    appendix = text[text.index("Bijlagen") :]
    assert "Aanvragen buurtbudget om over te besluiten" in appendix
    assert "Bankje" in appendix and "€1.234,50" in appendix.replace(" ", "")
    assert "ingediend" in appendix
    assert "Contractpunten om te bespreken" in appendix
    row = next(line for line in appendix.splitlines() if "Afvalbakken" in line)
    assert row.split()[0] == "11"
    assert "Gemeente Waalhaven" in row and "niet nagekomen" in row
    assert "Offerte opvragen" in appendix and "1 mei 2027" in appendix


def test_a_long_agenda_says_so_on_paper(tmp_path: Path) -> None:
    text = text_of(write_agenda(sample_data(total_minutes=150), tmp_path / "a.pdf"))
    assert "Dat is 30 minuten langer dan de vergadering duurt." in " ".join(text.split())


def test_a_moved_or_cancelled_meeting_says_so(tmp_path: Path) -> None:
    data = sample_data(
        original_starts_at=datetime(2027, 4, 13, 19, 30),
        move_reason="Buurthuis bezet",
        cancel_reason="Te weinig aanmeldingen",
    )
    first = PdfReader(write_agenda(data, tmp_path / "a.pdf")).pages[0].extract_text()
    flat = " ".join(first.split())
    assert "Let op: deze vergadering is verplaatst van dinsdag 13 april 2027." in flat
    assert "Reden: Buurthuis bezet" in flat
    assert "Deze vergadering is afgelast: Te weinig aanmeldingen" in flat


def font_sizes(path: Path) -> set[float]:
    """Sizes of the text on the pages, leaving out the running header and footer."""
    sizes: set[float] = set()
    for page in PdfReader(path).pages:
        height = float(page.mediabox.height)

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            top: float = height - 45,
        ) -> None:
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and 60 < y < top:
                sizes.add(round(size * tm[3], 1))

        page.extract_text(visitor_text=visit)
    return sizes


def test_large_print_is_at_least_14_points(tmp_path: Path) -> None:
    regular = write_agenda(sample_data(), tmp_path / "gewoon.pdf")
    large = write_agenda(sample_data(), tmp_path / "groot.pdf", large=True)
    assert min(font_sizes(regular)) < 14
    assert min(font_sizes(large)) >= 14
    assert len(PdfReader(large).pages) >= len(PdfReader(regular).pages)


def test_identical_input_gives_identical_bytes(tmp_path: Path) -> None:
    one = write_agenda(sample_data(), tmp_path / "een.pdf").read_bytes()
    two = write_agenda(sample_data(), tmp_path / "twee.pdf").read_bytes()
    assert one == two


def test_every_alphabet_prints(tmp_path: Path) -> None:
    names = "Şükrü Yılmaz · Łukasz · Αθηνά · Ольга · محمد · 李娜"
    data = sample_data(chair=names)
    text = PdfReader(write_agenda(data, tmp_path / "a.pdf")).pages[0].extract_text()
    for part in ("Şükrü Yılmaz", "Łukasz", "Αθηνά", "Ольга"):
        assert part in text


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(1, "1 minuut"), (45, "45 minuten"), (60, "1 uur"), (125, "2 uur en 5 minuten")],
)
def test_durations_in_words(minutes: int, words: str) -> None:
    assert duration_words(minutes) == words


def test_print_a_composed_agenda_from_the_database(db: Database, tmp_path: Path) -> None:
    add_sample_neighbourhood(db)
    m2 = meeting_id(db, "m-2")
    compose_agenda(db, m2)
    path = print_agenda(db, m2, tmp_path / "m2.pdf", date(2027, 3, 10))
    text = text_of(path)
    assert "dinsdag 6 april 2027" in text
    order = ["Hondenpoep", "Verlichting", "Voortgang buurtcontract", "Aanvraag buurtbudget"]
    positions = [text.index(word) for word in order]
    assert positions == sorted(positions)
    assert "Controle overlastgrens 21.00 uur" in text[text.index("Bijlagen") :]
