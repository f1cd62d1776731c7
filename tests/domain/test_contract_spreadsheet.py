"""Reading contract points from spreadsheet rows as Dutch offices fill them in."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from buurtteam import i18n
from buurtteam.domain.spreadsheet import (
    DUTCH_STATUS_LABELS,
    STATUS_WORDS,
    PartyName,
    SheetRefused,
    column_letter,
    parse_sheet,
    parse_sheet_date,
)
from buurtteam.domain.vocab import PointStatus
from buurtteam.i18n.labels import point_status_label

PARTIES = [
    PartyName("gemeente", "Gemeente Waalhaven"),
    PartyName("politie", "Politie Waalhaven-Noord, wijkagent"),
    PartyName("corporatie", "Woonstichting Rivierzicht"),
    PartyName("welzijn", "Welzijn Waalhaven"),
    PartyName("welzijn-2", "Welzijn Extra"),
]


def rows(*lines: list[object]) -> list[tuple[int, list[object]]]:
    return [(number, list(cells)) for number, cells in enumerate(lines, start=1)]


def test_headers_in_any_order_and_case_and_other_columns_ignored() -> None:
    parsed = parse_sheet(
        rows(
            ["STATUS", "Opmerking", "Uitvoerder", "Titel", "  Nummer ", "Deadline", "thema"],
            ["Gereed", "let op", "gemeente", "Bankjes", 3, "30-6-2027", "groen"],
        ),
        PARTIES,
    )
    assert parsed.ok
    assert parsed.ignored_columns == ("Opmerking",)
    point = parsed.points[0]
    assert (point.row, point.number, point.title, point.party) == (2, 3, "Bankjes", "gemeente")
    assert (point.due, point.status, point.theme, point.description) == (
        date(2027, 6, 30),
        PointStatus.DONE,
        "groen",
        None,
    )


def test_dates_the_dutch_way_iso_and_as_date_cells() -> None:
    assert parse_sheet_date("30-6-2027") == date(2027, 6, 30)
    assert parse_sheet_date("30-06-2027") == date(2027, 6, 30)
    assert parse_sheet_date("2027-06-30") == date(2027, 6, 30)
    assert parse_sheet_date("30/6/27") == date(2027, 6, 30)
    assert parse_sheet_date("30.6.2027") == date(2027, 6, 30)
    assert parse_sheet_date("30 juni 2027") == date(2027, 6, 30)
    assert parse_sheet_date("1 mrt. 2027") == date(2027, 3, 1)
    assert parse_sheet_date("2027-06-30 00:00:00") == date(2027, 6, 30)
    for wrong in ("31-2-2027", "2027-13-01", "morgen", "6/30/2027", "30 juno 2027"):
        assert parse_sheet_date(wrong) is None, wrong
    parsed = parse_sheet(
        rows(
            ["nummer", "titel", "uitvoerder", "deadline"],
            [1, "a", "gemeente", date(2027, 1, 2)],
            [2, "b", "gemeente", datetime(2027, 1, 3, 0, 0)],
            [3.0, "c", "gemeente", None],
        ),
        PARTIES,
    )
    assert [(p.number, p.due) for p in parsed.points] == [
        (1, date(2027, 1, 2)),
        (2, date(2027, 1, 3)),
        (3, None),
    ]


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_reads_back_in_both_ways_of_writing(day: date) -> None:
    assert parse_sheet_date(f"{day.day}-{day.month}-{day.year}") == day
    assert parse_sheet_date(day.isoformat()) == day


def test_statuses_as_the_window_shows_them_and_as_exchange_values() -> None:
    i18n.set_language("nl")
    assert list(DUTCH_STATUS_LABELS) == [point_status_label(s) for s in PointStatus]
    for status in PointStatus:
        assert STATUS_WORDS[point_status_label(status)] is status
        assert STATUS_WORDS[status.value] is status
    parsed = parse_sheet(
        rows(
            ["nummer", "titel", "uitvoerder", "status"],
            [1, "a", "gemeente", "In Uitvoering"],
            [2, "b", "gemeente", "niet  nagekomen"],
            [3, "c", "gemeente", "not_kept"],
            [4, "d", "gemeente", ""],
        ),
        PARTIES,
    )
    assert [p.status for p in parsed.points] == [
        PointStatus.IN_PROGRESS,
        PointStatus.NOT_KEPT,
        PointStatus.NOT_KEPT,
        PointStatus.OPEN,
    ]


def test_parties_by_id_by_name_and_by_a_unique_start() -> None:
    parsed = parse_sheet(
        rows(
            ["nummer", "titel", "uitvoerder"],
            [1, "a", "POLITIE"],
            [2, "b", "woonstichting rivierzicht"],
            [3, "c", "Gemeente"],
        ),
        PARTIES,
    )
    assert [p.party for p in parsed.points] == ["politie", "corporatie", "gemeente"]


def test_every_problem_names_its_row_and_column() -> None:
    parsed = parse_sheet(
        rows(
            [],
            ["Nummer", "Titel", "Uitvoerder", "Deadline", "Status"],
            [1, "Goed punt", "gemeente", "1-1-2027", "open"],
            ["een", "", "brandweer", "31-2-2027", "bijna"],
            [],
            [1, "Dubbel", "Welz", "", ""],
        ),
        PARTIES,
    )
    assert not parsed.ok
    i18n.set_language("nl")
    texts = [problem.text() for problem in parsed.problems]
    assert texts[0] == "Rij 4, kolom A (Nummer): 'een' is geen puntnummer (1, 2, 3, ...)."
    assert texts[1] == "Rij 4, kolom B (Titel): deze cel mag niet leeg zijn."
    assert texts[2].startswith("Rij 4, kolom C (Uitvoerder): de partij 'brandweer' bestaat niet")
    assert texts[3] == (
        "Rij 4, kolom D (Deadline): '31-2-2027' is geen bestaande datum; schrijf hem als "
        "30-6-2027 of 2027-06-30."
    )
    assert texts[4].startswith("Rij 4, kolom E (Status): 'bijna' is geen status. Gebruik een van:")
    assert texts[5] == (
        "Rij 6, kolom C (Uitvoerder): 'Welz' past bij meer dan één partij: Welzijn "
        "Waalhaven; Welzijn Extra. Schrijf de volledige naam."
    )
    refusal = parsed.refusal()
    assert isinstance(refusal, SheetRefused)
    assert refusal.text().startswith("De spreadsheet is niet ingelezen; er is niets veranderd.")
    assert "- Rij 4, kolom A (Nummer)" in refusal.text()


def test_a_number_may_occur_once() -> None:
    parsed = parse_sheet(
        rows(["nummer", "titel", "uitvoerder"], [7, "a", "gemeente"], [7, "b", "gemeente"]),
        PARTIES,
    )
    assert [p.text() for p in parsed.problems] == [
        "Rij 3, kolom A (nummer): puntnummer 7 staat ook in rij 2; elk nummer mag maar één "
        "keer voorkomen."
    ]


def test_missing_or_doubled_headers_refuse_the_file() -> None:
    missing = parse_sheet(rows(["Nummer", "Omschrijving"], [1, "x"]), PARTIES)
    assert missing.problems[0].text() == (
        "Rij 1 bevat de kolomkoppen, maar titel, uitvoerder ontbreekt. Geef de kolommen deze "
        "namen: nummer, titel, omschrijving, thema, uitvoerder, deadline, status."
    )
    doubled = parse_sheet(rows(["nummer", "titel", "Titel", "uitvoerder"]), PARTIES)
    assert "B (titel) en C (Titel)" in doubled.problems[0].text()
    assert not parse_sheet([], PARTIES).ok
    assert parse_sheet(rows(["nummer", "titel", "uitvoerder"]), PARTIES).problems[0].text() == (
        "Rij 1: onder de kolomkoppen staan geen punten."
    )


def test_text_is_cleaned_and_control_characters_refused() -> None:
    parsed = parse_sheet(
        rows(
            ["nummer", "titel", "omschrijving", "uitvoerder"],
            [1, "  Bankjes   bij <de> vijver & speeltuin ", "regel 1\r\nregel 2", "gemeente"],
            [2, "Stuur\x07teken", "", "gemeente"],
        ),
        PARTIES,
    )
    assert parsed.points[0].title == "Bankjes bij <de> vijver & speeltuin"
    assert parsed.points[0].description == "regel 1\nregel 2"
    assert parsed.problems[0].row == 3


def test_column_letters_go_on_after_z() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip
