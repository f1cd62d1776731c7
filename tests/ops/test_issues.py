"""Buurtkwesties on a real file: steps, the ladder, escalation, links, letters, the reply flag."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from buurtteam.domain.contract import Rung
from buurtteam.domain.vocab import IssueStatus, StepKind
from buurtteam.errors import InvalidInput, RuleBroken
from buurtteam.ops.issues import (
    IssueInput,
    StepInput,
    add_step,
    create_issue,
    edit_issue,
    escalate,
    issue_detail,
    issues_view,
    item_options,
    letter_defaults,
    link_agenda_item,
    link_point,
    point_options,
    print_letter,
    unlink_agenda_item,
    unlink_point,
)
from buurtteam.ops.overview import overview
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.ops.test_contract import ids, refused
from tests.ops.test_overview import TODAY, add_sample_neighbourhood


@pytest.fixture
def hood(db: Database) -> int:
    return add_sample_neighbourhood(db)


def issue_id(db: Database, public_id: str = "k-1") -> int:
    with db.read() as s:
        found = s.scalar(select(m.Issue.id).where(m.Issue.public_id == public_id))
    assert found is not None
    return found


def test_the_list_shows_the_rung_and_flags_the_late_reply(db: Database, hood: int) -> None:
    view = issues_view(db, hood, TODAY)
    assert view.reply_weeks == 6
    [line] = view.issues
    assert (line.title, line.party, line.status) == (
        "Overlast na 21.00 uur",
        "Politie, wijkagent",
        IssueStatus.OPEN,
    )
    assert line.rung is Rung.LETTER  # a meeting step came after the letter
    assert line.reply_overdue is not None
    assert line.reply_overdue.sent_on == date(2027, 1, 20)
    assert line.reply_overdue.reply_due == date(2027, 3, 3)


def test_the_overview_flags_the_letter_only_after_the_reply_term(db: Database, hood: int) -> None:
    assert overview(db, hood, date(2027, 3, 3)).reply_flags == ()
    [flag] = overview(db, hood, date(2027, 3, 4)).reply_flags
    assert (flag.issue_title, flag.party, flag.letter.weeks_waiting) == (
        "Overlast na 21.00 uur",
        "Politie, wijkagent",
        6,
    )
    with db.write() as s:
        neighbourhood = s.get(m.Neighbourhood, hood)
        assert neighbourhood is not None
        neighbourhood.reply_weeks = 8
    assert overview(db, hood, date(2027, 3, 4)).reply_flags == ()
    add_step(db, issue_id(db), StepInput(TODAY, StepKind.REPLY_RECEIVED, "Antwoord"), TODAY)
    assert overview(db, hood, date(2027, 12, 1)).reply_flags == ()


def test_detail_with_ladder_steps_and_links(db: Database, hood: int) -> None:
    key = ids(db)
    issue = issue_id(db)
    link_point(db, issue, key["c-2027/3"])
    link_point(db, issue, key["c-2027/3"])  # twice is once
    with db.read() as s:
        item = s.scalar(select(m.AgendaItem.id).where(m.AgendaItem.public_id == "a-1"))
    assert item is not None
    link_agenda_item(db, issue, item)
    detail = issue_detail(db, issue, TODAY)
    assert [(s.date, s.kind) for s in detail.steps] == [
        (date(2027, 1, 20), StepKind.LETTER_SENT),
        (date(2027, 2, 23), StepKind.MEETING),
    ]
    assert [(r.rung, r.on) for r in detail.ladder] == [
        (Rung.SIGNAL, date(2027, 1, 12)),
        (Rung.ASK_AT_MEETING, date(2027, 2, 23)),
        (Rung.LETTER, date(2027, 1, 20)),
        (Rung.REMINDER, None),
        (Rung.COUNCIL, None),
    ]
    assert detail.next_rung is Rung.REMINDER
    assert [(p.number, p.title) for p in detail.points] == [(3, "Controle overlastgrens 21.00 uur")]
    assert [(i.title, i.frozen) for i in detail.agenda_items] == [("Speeltuintje", False)]
    unlink_point(db, issue, key["c-2027/3"])
    unlink_agenda_item(db, issue, item)
    detail = issue_detail(db, issue, TODAY)
    assert detail.points == () and detail.agenda_items == ()
    assert [o.number for o in point_options(db, hood, TODAY)][:3] == [1, 2, 3]  # in force first
    assert {o.title for o in item_options(db, hood)} == {"Speeltuintje"}


def test_items_of_frozen_minutes_keep_their_links(db: Database, hood: int) -> None:
    issue = issue_id(db)
    with db.write() as s:
        item = s.execute(select(m.AgendaItem).where(m.AgendaItem.public_id == "a-1")).scalar_one()
        meeting = s.get(m.Meeting, item.meeting_id)
        assert meeting is not None
        later = s.execute(select(m.Meeting).where(m.Meeting.public_id == "m-2")).scalar_one()
        meeting.minutes_approved_at_id = later.id
        meeting.status = "minutes_approved"
        item_id = item.id
    text = refused(db, RuleBroken, lambda: link_agenda_item(db, issue, item_id))
    assert text.startswith("Het verslag van die vergadering is vastgesteld en ligt vast")
    assert item_options(db, hood) == ()


def test_a_new_issue_climbs_the_ladder_step_by_step(db: Database, hood: int) -> None:
    key = ids(db)
    issue = create_issue(
        db,
        hood,
        IssueInput(
            "  Kapotte   lantaarns  ", date(2027, 2, 1), "Vijf palen", None, key["gemeente"]
        ),
        TODAY,
    )
    detail = issue_detail(db, issue, TODAY)
    assert (detail.title, detail.public_id, detail.next_rung) == (
        "Kapotte lantaarns",
        "k-kapotte-lantaarns",
        Rung.ASK_AT_MEETING,
    )
    # The ladder decides the kind of each next step.
    reached = [
        escalate(db, issue, StepInput(day, StepKind.NOTE, text), TODAY)
        for day, text in (
            (date(2027, 2, 10), "Gevraagd in de vergadering"),
            (date(2027, 2, 12), "Brief over de lantaarns"),
            (date(2027, 3, 1), "Herinnering"),
            (date(2027, 3, 9), "Aan de raad"),
        )
    ]
    assert reached == [Rung.ASK_AT_MEETING, Rung.LETTER, Rung.REMINDER, Rung.COUNCIL]
    detail = issue_detail(db, issue, TODAY)
    assert [(s.kind, s.to) for s in detail.steps] == [
        (StepKind.MEETING, None),
        (StepKind.LETTER_SENT, None),
        (StepKind.REMINDER, None),
        (StepKind.LETTER_SENT, "gemeenteraad"),
    ]
    assert detail.next_rung is None
    with pytest.raises(RuleBroken, match="boven aan de ladder"):
        escalate(db, issue, StepInput(TODAY, StepKind.NOTE, "nog hoger"), TODAY)
    again = create_issue(db, hood, IssueInput("Kapotte lantaarns", TODAY), TODAY)
    assert issue_detail(db, again, TODAY).public_id == "k-kapotte-lantaarns-2"


def test_refused_steps_and_edits_change_nothing(db: Database, hood: int) -> None:
    issue = issue_id(db)
    future = refused(
        db,
        RuleBroken,
        lambda: add_step(db, issue, StepInput(date(2027, 3, 11), StepKind.NOTE, "morgen"), TODAY),
    )
    assert future.startswith("De datum 11 maart 2027 ligt in de toekomst")
    early = refused(
        db,
        RuleBroken,
        lambda: add_step(db, issue, StepInput(date(2027, 1, 1), StepKind.NOTE, "te vroeg"), TODAY),
    )
    assert early == (
        "De kwestie is gemeld op 12 januari 2027; een stap kan niet eerder gedateerd zijn. "
        "Kies 12 januari 2027 of een latere datum."
    )
    empty = refused(
        db,
        InvalidInput,
        lambda: add_step(db, issue, StepInput(TODAY, StepKind.NOTE, "  "), TODAY),
    )
    assert empty.startswith("Een stap heeft een korte tekst nodig")
    late_raise = refused(
        db,
        RuleBroken,
        lambda: edit_issue(db, issue, IssueInput("Overlast", date(2027, 2, 1)), TODAY),
    )
    assert late_raise.startswith("De kwestie heeft een stap van 20 januari 2027")
    no_title = refused(
        db, InvalidInput, lambda: create_issue(db, hood, IssueInput("", TODAY), TODAY)
    )
    assert no_title.startswith("Een kwestie heeft een titel nodig")
    edit_issue(
        db, issue, IssueInput("Overlast", date(2027, 1, 12), status=IssueStatus.RESOLVED), TODAY
    )
    closed = refused(
        db,
        RuleBroken,
        lambda: escalate(db, issue, StepInput(TODAY, StepKind.NOTE, "x"), TODAY),
    )
    assert closed.startswith("Deze kwestie is gesloten")
    assert issues_view(db, hood, TODAY).issues[0].reply_overdue is None  # closed: no flag


def test_a_printed_letter_is_recorded_as_a_step(db: Database, hood: int, tmp_path: Path) -> None:
    issue = issue_id(db)
    letter = letter_defaults(db, issue, TODAY)
    assert (letter.sender, letter.addressee, letter.place, letter.subject) == (
        "Projectteam Duin en Dorp",
        "Politie, wijkagent",
        "Zeedorp",
        "Overlast na 21.00 uur",
    )
    assert letter.signature == "Ans Verhoeven\nProjectteam Duin en Dorp"
    letter = type(letter)(
        sender=letter.sender,
        addressee="Politie, wijkagent\nPostbus 1\n1234 AB Zeedorp",
        place=letter.place,
        date=TODAY,
        subject="Handhaving 21.00 uur <dringend>",
        body="Geachte heer, mevrouw,\n\nDe overlast gaat door & niemand grijpt in.",
        signature=letter.signature,
    )
    target = print_letter(db, issue, letter, tmp_path / "brief.pdf", TODAY)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Postbus 1",
        "Zeedorp, 10 maart 2027",
        "Onderwerp: Handhaving 21.00 uur <dringend>",
        "De overlast gaat door & niemand grijpt in.",
        "Met vriendelijke groet,",
        "Ans Verhoeven",
        "pagina 1 van 1",
    ):
        assert expected in text, expected
    last = issue_detail(db, issue, TODAY).steps[-1]
    assert (last.date, last.kind, last.text, last.to) == (
        TODAY,
        StepKind.LETTER_SENT,
        "Handhaving 21.00 uur <dringend>",
        "Politie, wijkagent",
    )
    # A new letter starts the reply term again for that letter.
    assert overview(db, hood, TODAY).reply_flags[0].letter.sent_on == date(2027, 1, 20)


def test_a_refused_letter_prints_and_records_nothing(
    db: Database, hood: int, tmp_path: Path
) -> None:
    issue = issue_id(db)
    letter = letter_defaults(db, issue, TODAY)
    empty = type(letter)(letter.sender, letter.addressee, letter.place, TODAY, "", "x")
    text = refused(
        db, InvalidInput, lambda: print_letter(db, issue, empty, tmp_path / "b.pdf", TODAY)
    )
    assert text == "De brief heeft een onderwerp nodig, zodat het antwoord ernaar kan verwijzen."
    future = type(letter)(letter.sender, "Raad", None, date(2027, 4, 1), "Onderwerp", "Tekst")
    refused(db, RuleBroken, lambda: print_letter(db, issue, future, tmp_path / "b.pdf", TODAY))
    assert not (tmp_path / "b.pdf").exists()


def test_dates_shown_for_the_meeting_link(db: Database, hood: int) -> None:
    [option] = item_options(db, hood)
    assert option.meeting_on == datetime(2027, 2, 23, 19, 30)
