"""Importing a contract from a spreadsheet: all or nothing, as Dutch offices export it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import delete

from buurtteam.domain.spreadsheet import SheetRefused
from buurtteam.domain.vocab import PointStatus
from buurtteam.errors import NotFound
from buurtteam.ops.check import check_database
from buurtteam.ops.contract import (
    ContractInput,
    RowAction,
    contract_view,
    import_contract_file,
    import_sheet,
    new_contract,
    point_detail,
    preview_import,
)
from buurtteam.store import models as m
from buurtteam.store.db import Database
from tests.ops.test_contract import ids
from tests.ops.test_overview import TODAY, add_sample_neighbourhood
from tests.snapshot import snapshot

THEMES = ("bewonersparticipatie", "schoon", "heel", "veilig", "spelen", "verkeer")
STATUSES = ("open", "in uitvoering", "gereed", "vertraagd", "niet nagekomen", "vervallen")
# Parties as offices write them: by id, by full name, by a unique start, any case.
PARTIES = ("gemeente", "Politie, wijkagent", "GEMEENTE ZEEDORP", "politie")
PARTY_IDS = ("gemeente", "politie", "gemeente", "politie")


def office_rows() -> list[list[str]]:
    """86 rows the way Excel on Dutch Windows saves a buurtcontract: every cell as text."""
    rows = []
    for number in range(1, 87):
        due = date(2027, 1 + number % 12, 1 + number % 28)
        written = f"{due.day}-{due.month}-{due.year}" if number % 2 else due.isoformat()
        rows.append(
            [
                str(number),
                f"Punt {number}: bankje “De Rups” – café-terras € {number},00 bij de brug",
                f"Afspraak {number} uit het buurtonderzoek; zie ‘bijlage’." if number % 3 else "",
                THEMES[number % len(THEMES)],
                PARTIES[number % len(PARTIES)],
                written,
                STATUSES[number % len(STATUSES)],
            ]
        )
    return rows


HEADER = ["Nummer", "Titel", "Omschrijving", "Thema", "Uitvoerder", "Deadline", "Status"]


def write_csv(path: Path, rows: list[list[str]], *, encoding: str, delimiter: str) -> Path:
    def cell(text: str) -> str:
        return f'"{text}"' if delimiter in text or '"' in text else text

    lines = [delimiter.join(cell(c) for c in row) for row in [HEADER, *rows]]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.fixture
def empty_contract(db: Database) -> int:
    hood = add_sample_neighbourhood(db)
    with db.write() as s:
        s.execute(delete(m.Proposal))  # see tests/ops/test_contract.py: keeps `check` clean
    return new_contract(
        db, hood, ContractInput("Buurtcontract 2028", date(2028, 1, 1), date(2030, 6, 30)), TODAY
    )


def assert_imported_unchanged(db: Database, contract: int) -> None:
    """Every one of the 86 rows is a point with exactly the sheet's values."""
    view = contract_view(db, 1, TODAY, contract)
    assert len(view.points) == 86
    for point, row in zip(view.points, office_rows(), strict=True):
        assert str(point.number) == row[0]
        assert point.title == row[1]
        assert (point.description or "") == row[2]
        assert point.theme == row[3]
        due = date(2027, 1 + point.number % 12, 1 + point.number % 28)
        assert point.due == due
        assert point.status is PointStatus(list(PointStatus)[point.number % 6])
    assert [p.party for p in view.points][:4] == [
        "Politie, wijkagent",
        "Gemeente Zeedorp",
        "Politie, wijkagent",
        "Gemeente Zeedorp",
    ]
    # New points start without history: nothing has happened to them in the app yet.
    assert all(point_detail(db, p.id, TODAY).history == () for p in view.points[:5])
    assert check_database(db).ok


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8", ","), ("utf-8-sig", ",")],
    ids=["Windows-1252 ;", "UTF-8 BOM ;", "UTF-8 ,", "UTF-8 BOM ,"],
)
def test_an_86_point_csv_imports_unchanged(
    db: Database, empty_contract: int, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = write_csv(
        tmp_path / "contract.csv", office_rows(), encoding=encoding, delimiter=delimiter
    )
    result = import_sheet(db, empty_contract, path, TODAY)
    assert (result.added, result.updated, result.unchanged) == (86, 0, 0)
    assert_imported_unchanged(db, empty_contract)


def test_an_86_point_xlsx_with_date_cells_imports_unchanged(
    db: Database, empty_contract: int, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in office_rows():
        number = int(row[0])
        due = date(2027, 1 + number % 12, 1 + number % 28)
        sheet.append([number, row[1], row[2] or None, row[3], row[4], due, row[6]])
    path = tmp_path / "contract.xlsx"
    book.save(path)
    assert import_sheet(db, empty_contract, path, TODAY).added == 86
    assert_imported_unchanged(db, empty_contract)


def test_one_bad_row_refuses_the_whole_file(
    db: Database, empty_contract: int, tmp_path: Path
) -> None:
    rows = office_rows()
    rows[40][5] = "31-2-2027"
    path = write_csv(tmp_path / "fout.csv", rows, encoding="cp1252", delimiter=";")
    before = snapshot(db)
    with pytest.raises(SheetRefused) as refused:
        import_sheet(db, empty_contract, path, TODAY)
    assert snapshot(db) == before
    text = refused.value.text()
    assert text.splitlines() == [
        "De spreadsheet is niet ingelezen; er is niets veranderd. Verbeter deze rijen in de "
        "spreadsheet en lees hem opnieuw in:",
        "- Rij 42, kolom F (Deadline): '31-2-2027' is geen bestaande datum; schrijf hem als "
        "30-6-2027 of 2027-06-30.",
    ]
    preview = preview_import(db, empty_contract, path)
    assert not preview.ok and preview.problems[0].row == 42  # type: ignore[attr-defined]
    assert snapshot(db) == before


def test_the_preview_says_what_would_happen_and_writes_nothing(
    db: Database, tmp_path: Path
) -> None:
    add_sample_neighbourhood(db)
    contract = ids(db)["c-2027"]
    path = write_csv(
        tmp_path / "bijwerken.csv",
        [
            ["1", "Afvalbakken", "", "", "gemeente", "1-2-2027", "gereed"],  # as stored
            ["2", "Oversteekplaats Duinweg", "", "", "gemeente", "", "in uitvoering"],
            ["3", "Controle overlastgrens 21.00 uur", "", "", "politie", "1-6-2027", "vertraagd"],
            ["7", "Nieuw: hondenpoepbakken", "", "schoon", "gemeente", "", ""],
        ],
        encoding="utf-8",
        delimiter=";",
    )
    before = snapshot(db)
    preview = preview_import(db, contract, path)
    assert snapshot(db) == before
    assert preview.ok
    assert [(r.number, r.action, r.changed) for r in preview.rows] == [
        (1, RowAction.UNCHANGED, ()),
        (2, RowAction.UPDATE, ("title", "status")),
        (3, RowAction.UPDATE, ("due",)),
        (7, RowAction.NEW, ()),
    ]
    assert preview.untouched == 3  # points 4, 5 and 6 are not in the sheet
    assert preview.ignored_columns == ()


def test_reimporting_updates_points_and_appends_to_their_history(
    db: Database, tmp_path: Path
) -> None:
    add_sample_neighbourhood(db)
    key = ids(db)
    path = write_csv(
        tmp_path / "bijwerken.csv",
        [
            ["1", "Afvalbakken", "", "", "gemeente", "1-2-2027", "gereed"],
            ["2", "Oversteekplaats Duinweg", "", "", "gemeente", "", "in uitvoering"],
            ["3", "Controle overlastgrens 21.00 uur", "", "", "gemeente", "1-6-2027", "vertraagd"],
            ["7", "Nieuw: hondenpoepbakken", "", "schoon", "gemeente", "", ""],
        ],
        encoding="utf-8",
        delimiter=";",
    )
    result = import_sheet(db, key["c-2027"], path, TODAY)
    assert (result.added, result.updated, result.unchanged) == (1, 2, 1)
    assert point_detail(db, key["c-2027/1"], TODAY).history == ()
    second = point_detail(db, key["c-2027/2"], TODAY)
    assert second.title == "Oversteekplaats Duinweg"
    assert second.due == date(2027, 9, 1)  # an empty deadline cell leaves the stored one alone
    assert [(h.date, h.status, h.note) for h in second.history] == [
        (TODAY, PointStatus.IN_PROGRESS,
         "Status gewijzigd bij het inlezen van de spreadsheet (bijwerken.csv).")
    ]  # fmt: skip
    third = point_detail(db, key["c-2027/3"], TODAY)
    assert third.party.public_id == "gemeente"
    assert third.due == date(2027, 6, 1)
    assert [(h.note, h.due) for h in third.history] == [
        ("Uitvoerder gewijzigd van Politie, wijkagent naar Gemeente Zeedorp.", None),
        ("Deadline verschoven van 1 maart 2027 naar 1 juni 2027.", date(2027, 6, 1)),
    ]
    # Points the sheet does not mention are left alone.
    assert point_detail(db, key["c-2027/5"], TODAY).status is PointStatus.NOT_KEPT
    assert len(contract_view(db, 1, TODAY).points) == 7


def test_the_command_line_names_the_contract_by_its_id(db: Database, tmp_path: Path) -> None:
    add_sample_neighbourhood(db)
    path = write_csv(tmp_path / "c.csv", office_rows()[:2], encoding="utf-8", delimiter=";")
    with pytest.raises(NotFound) as missing:
        import_contract_file(db, "duin en dorp", "c-2030", path, TODAY)
    assert missing.value.text() == (
        "Duin en Dorp heeft geen contract met id 'c-2030'. Bekend zijn: c-2024, c-2027. Een "
        "nieuw contract maakt u in het venster (Buurtcontract, Nieuw contract)."
    )
    with pytest.raises(SheetRefused):  # a party that does not exist refuses the file
        import_contract_file(
            db,
            "Duin en Dorp",
            "c-2024",
            write_csv(
                tmp_path / "d.csv",
                [["1", "x", "", "", "brandweer", "", ""]],
                encoding="utf-8",
                delimiter=";",
            ),
            TODAY,
        )
    result = import_contract_file(db, "Duin en Dorp", "c-2024", path, TODAY)
    assert (result.contract_public_id, result.added) == ("c-2024", 2)
