"""Layout that must survive making printing fast (issue 8): page numbers over many pages,
headings kept with what follows, paragraphs split over pages without losing a word, and
line breaking that is measured once but never stale."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from buurtteam.domain.minutes import VoteCount
from buurtteam.domain.vocab import Role
from buurtteam.reports.agenda_report import AgendaStyles
from buurtteam.reports.minutes_report import (
    ItemBlock,
    PrintAction,
    PrintDecision,
    PrintItem,
    PrintPerson,
    _story,
    minutes_model,
    write_minutes,
)
from buurtteam.reports.pdf import PageFrame, Styles, build_pdf, esc, para
from tests.reports.test_minutes_report import START, flat, sample


def pages_of(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
)


def words(path: Path) -> list[tuple[str, float, float, float]]:
    """Every word on the first page with its left edge, top and right edge."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [(w, float(x0), float(y0), float(x1)) for x0, y0, x1, w in WORD.findall(html)]


def thirty_items() -> tuple[PrintItem, ...]:
    """A long meeting: 30 items, each with notes, a decision with a vote and an action."""
    return tuple(
        PrintItem(
            number,
            f"Agendapunt {number} <over> de Dvořákstraat & het plein",
            "Bewoners vertellen wat zij zien; de opbouwwerker vat samen. " * 4,
            True,
            (PrintDecision(number, f"Punt {number}", f"Besluit {number} = genomen", None),),
            (
                PrintAction(
                    f"Actie {number}: bellen met Şükrü",
                    "Zoë Hoekstra",
                    date(2027, 5, 1),
                    None,
                    START.date(),
                ),
            ),
            (),
            (),
        )
        for number in range(1, 31)
    )


def test_every_page_of_a_long_minutes_says_pagina_x_van_n(tmp_path: Path) -> None:
    for large in (False, True):
        path = write_minutes(sample(items=thirty_items()), tmp_path / "lang.pdf", large=large)
        pages = pages_of(path)
        assert len(pages) > 5
        for number, text in enumerate(pages, start=1):
            assert f"pagina {number} van {len(pages)}" in text
        everything = " ".join(pages)
        # Escaped on paper, not read as markup; every alphabet kept.
        assert "Agendapunt 30 <over> de Dvořákstraat & het plein" in everything
        assert "Besluit 30 = genomen" in everything
        assert "Actie 30: bellen met Şükrü" in everything


def test_the_items_heading_never_ends_a_page_alone(tmp_path: Path) -> None:
    # More or fewer people present moves "Agendapunten" down page 1 until it would be
    # its last line; it must then go over with item 1.
    for count in range(4, 22):
        present = tuple(
            PrintPerson(f"Bewoner nummer {n} van de Vlinderbuurt", (Role.RESIDENT,))
            for n in range(count)
        )
        path = write_minutes(sample(present=present), tmp_path / "v.pdf", large=True)
        page = next(text for text in pages_of(path) if "Agendapunten" in text)
        assert "1. Opening" in page, f"{count} present: the heading stands alone"


def test_a_note_longer_than_a_page_prints_every_word_in_order(tmp_path: Path) -> None:
    words = [f"woord{n}" for n in range(1500)]
    item = PrintItem(1, "Een lange inbreng", " ".join(words), True, (), (), (), ())
    path = write_minutes(sample(items=(item,)), tmp_path / "lang.pdf")
    text = flat(path)
    positions = [text.index(f"{word} ") for word in words]
    assert positions == sorted(positions)
    assert len(PdfReader(path).pages) >= 3


def test_a_long_vote_in_the_besluitenlijst_reads_whole(tmp_path: Path) -> None:
    long = "met een lange toelichting " * 6
    decisions = (
        *(PrintDecision(1, "Opening", f"Besluit {n} {long}", None) for n in range(1, 80)),
        PrintDecision(1, "Opening", "Het laatste besluit", VoteCount(5, 1, 0)),
    )
    path = write_minutes(sample(decisions=decisions), tmp_path / "besluiten.pdf")
    text = flat(path)
    assert "Besluit 79 met een lange toelichting" in text
    assert "Het laatste besluit aangenomen: 5 voor, 1 tegen, 0 onthouding" in text


def test_a_style_is_made_once_per_document_and_kept_apart_per_size() -> None:
    regular, large = AgendaStyles(), AgendaStyles(large=True)
    assert regular.body is regular.body
    assert regular.small is not regular.body
    assert large.body is not regular.body
    assert large.body.fontSize == 14 and regular.body.fontSize == 10
    assert large.small.fontSize == 14 and Styles(large=True).small.fontSize < 14
    assert AgendaStyles() == AgendaStyles()  # a style cache does not make them differ


PIECES = ("a", "de ", "lantaarnpaal", "ĳs ", "ΩЖ ", "<b>", "&amp;", "= ", "\n", "— ", " ")
texts = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)
widths = st.floats(min_value=20, max_value=500)


@settings(max_examples=60, deadline=None)
@given(text=texts, first=widths, second=widths)
def test_line_breaking_is_kept_per_width_and_never_stale(
    text: str, first: float, second: float
) -> None:
    style = AgendaStyles().body
    kept = para(text, style)

    def fresh(width: float) -> tuple[tuple[float, float], int]:
        plain = Paragraph(esc(text), style)
        return plain.wrap(width, 10_000), len(plain.blPara.lines)

    for width in (first, second, first, first):
        assert (kept.wrap(width, 10_000), len(kept.blPara.lines)) == fresh(width)


@settings(max_examples=40, deadline=None)
@given(text=texts, width=widths, height=st.floats(min_value=0, max_value=200))
def test_a_split_paragraph_keeps_every_line(text: str, width: float, height: float) -> None:
    style = AgendaStyles().body
    kept, plain = para(text, style), Paragraph(esc(text), style)
    kept.wrap(width, height)
    plain.wrap(width, height)
    parts, expected = kept.split(width, height), plain.split(width, height)
    assert len(parts) == len(expected)
    for part, other in zip(parts, expected, strict=True):
        assert part.wrap(width, 10_000) == other.wrap(width, 10_000)
    if not parts:  # too little room: split forgot the lines, so they are broken again
        again = Paragraph(esc(text), style)
        assert kept.wrap(width, 10_000) == again.wrap(width, 10_000)
        assert len(kept.blPara.lines) == len(again.blPara.lines)


def print_lines(path: Path, lines: tuple[tuple[str, str], ...], large: bool) -> Path:
    model = replace(minutes_model(sample()), items=(ItemBlock("1. Opening", lines),))
    styles = AgendaStyles(large=large)
    frame = PageFrame(model.header_left, model.header_right, model.footer)
    return build_pdf(path, _story(model, styles), frame, styles, title="t")


def test_a_label_stands_left_of_its_text_on_the_first_line(tmp_path: Path) -> None:
    text = "Extra afvalbakken " * 12
    for large in (False, True):
        found = words(print_lines(tmp_path / "v.pdf", (("Besluit", text),), large))
        label = next(w for w in found if w[0] == "Besluit")
        first = next(w for w in found if w[0] == "Extra")
        assert label[3] < first[1]  # the label ends before the text starts
        assert abs(label[2] - first[2]) < 0.5  # on the same line
        # The text wraps in its own column: no later line starts under the label.
        lines = [w for w in found if w[0] in ("Extra", "afvalbakken") and w[1] < first[1]]
        assert lines == []


def test_a_label_too_wide_for_its_column_wraps_instead_of_pushing_the_text(
    tmp_path: Path,
) -> None:
    label = "Aanvullende gemeentelijke toezegging"
    for large in (False, True):
        found = words(print_lines(tmp_path / "v.pdf", ((label, "Tekst erbij"),), large))
        start = next(w for w in found if w[0] == "Tekst")[1]
        parts = [w for w in found if w[0] in label.split()]
        assert {w[0] for w in parts} == set(label.split())
        assert all(w[3] < start for w in parts)
        assert len({round(w[2]) for w in parts}) > 1  # over more than one line


def test_an_entry_moves_to_the_next_page_whole(tmp_path: Path) -> None:
    # Notes of growing length push a five-line decision down page 1 until it would
    # straddle the page break; it must then move over whole, as a table row did.
    decision = " ".join(f"stap{n}" for n in range(60))
    straddled = 0
    for extra in range(0, 300, 12):
        notes = "Inbreng van bewoners. " * (200 + extra)
        item = PrintItem(1, "Opening", notes, True, (), (), (decision,), ())
        pages = pages_of(write_minutes(sample(items=(item,)), tmp_path / "v.pdf"))
        holding = [n for n, text in enumerate(pages) if "stap0 " in text or "stap59" in text]
        assert len(holding) == 1, f"{extra}: the entry runs over a page"
        assert all(f"stap{n} " in pages[holding[0]] for n in range(59))
        straddled += holding[0] > 0 and "Inbreng" in pages[holding[0] - 1][-300:]
    assert straddled  # some of these really were at the foot of a page


def test_an_entry_taller_than_a_page_runs_over_and_keeps_every_word(tmp_path: Path) -> None:
    words_ = [f"besluit{n}" for n in range(1200)]
    decision = PrintDecision(1, "Opening", " ".join(words_), None)
    item = PrintItem(1, "Opening", None, True, (decision,), (), (), ())
    path = write_minutes(sample(items=(item,), decisions=()), tmp_path / "lang.pdf")
    text = flat(path)
    positions = [text.index(f"{word} ") for word in words_[:-1]]
    assert positions == sorted(positions) and words_[-1] in text
