"""Reading .csv and .xlsx files as Dutch offices save them, within sane limits."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from buurtteam.errors import InvalidInput, NotFound
from buurtteam.store import spreadsheet
from buurtteam.store.spreadsheet import guess_delimiter, read_sheet

HEADER = "Nummer;Titel;Uitvoerder;Deadline;Status"
DUTCH_ROWS = [
    "1;Hondenpoepbakken bij het Vlinderpark;gemeente;30-6-2027;in uitvoering",
    "2;Café-terras: overlast na 21.00 uur € 0 boete;politie;1-10-2027;open",
]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def cells(path: Path) -> list[list[object]]:
    return [list(row) for _number, row in read_sheet(path).rows]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")],
    ids=["utf-8", "utf-8 with BOM", "Windows-1252"],
)
def test_csv_in_every_encoding_a_dutch_office_uses(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    text = "\r\n".join([HEADER, *DUTCH_ROWS]) + "\r\n"
    path = write(tmp_path, "contract.csv", bom + text.encode(encoding))
    sheet = read_sheet(path)
    assert sheet.kind == "csv"
    assert sheet.delimiter == ";"
    assert sheet.encoding == ("utf-8-sig" if bom else encoding)
    assert cells(path)[0] == ["Nummer", "Titel", "Uitvoerder", "Deadline", "Status"]
    assert cells(path)[2][1] == "Café-terras: overlast na 21.00 uur € 0 boete"


def test_comma_separated_with_quotes_and_line_breaks_in_a_cell(tmp_path: Path) -> None:
    text = (
        "nummer,titel,omschrijving,uitvoerder\n"
        '1,"Bankjes, twee stuks","Eerste regel\nTweede regel",gemeente\n'
        "2,Verlichting,,gemeente\n"
    )
    path = write(tmp_path, "c.csv", text.encode())
    sheet = read_sheet(path)
    assert sheet.delimiter == ","
    # Row numbers count records, as a spreadsheet program shows them.
    assert [number for number, _cells in sheet.rows] == [1, 2, 3]
    assert sheet.rows[1][1] == (
        "1",
        "Bankjes, twee stuks",
        "Eerste regel\nTweede regel",
        "gemeente",
    )
    assert sheet.rows[2][1] == ("2", "Verlichting", "", "gemeente")  # empty cells at the end go


def test_the_delimiter_is_read_from_the_header_line() -> None:
    assert guess_delimiter("a;b;c\n1,5;2;3") == ";"
    assert guess_delimiter("a,b,c\n1;2;3") == ","
    assert guess_delimiter("a\tb\tc") == "\t"
    assert guess_delimiter('"titel; met puntkomma",nummer') == ","
    assert guess_delimiter("\n\nalleen") == ";"


def test_xlsx_with_date_cells_numbers_and_empty_rows(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Nummer", "Titel", "Uitvoerder", "Deadline"])
    sheet.append([1, "Bankjes", "gemeente", date(2027, 6, 30)])
    sheet.append([])
    sheet.append([2.0, "Lantaarns", "gemeente", datetime(2027, 10, 1)])
    sheet.append([3, "=1+1", "gemeente", None])  # a formula comes back as its value (none yet)
    path = tmp_path / "contract.xlsx"
    book.save(path)
    read = read_sheet(path)
    assert read.kind == "xlsx"
    assert [number for number, _cells in read.rows] == [1, 2, 3, 4, 5]
    assert read.rows[1][1] == (1, "Bankjes", "gemeente", datetime(2027, 6, 30))
    assert read.rows[2][1] == ()
    assert read.rows[3][1] == (2, "Lantaarns", "gemeente", datetime(2027, 10, 1))
    assert read.rows[4][1] == (3, None, "gemeente")  # the formula itself is never read


def test_old_and_other_formats_are_refused_with_what_to_do(tmp_path: Path) -> None:
    for name in ("contract.xls", "contract.ods"):
        with pytest.raises(InvalidInput) as refused:
            read_sheet(write(tmp_path, name, b"whatever"))
        assert "sla het op als Excel-werkmap (.xlsx) of als CSV" in refused.value.text()
    with pytest.raises(InvalidInput):
        read_sheet(write(tmp_path, "contract.pdf", b"%PDF"))
    with pytest.raises(NotFound):
        read_sheet(tmp_path / "nergens.csv")


def test_a_damaged_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_sheet(write(tmp_path, "kapot.xlsx", b"PK\x03\x04 not really a zip"))
    assert refused.value.text().startswith("kapot.xlsx kan niet gelezen worden als Excel-werkmap")


def test_utf16_and_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    utf16 = write(tmp_path, "u.csv", "nummer;titel\n".encode("utf-16"))
    with pytest.raises(InvalidInput) as refused:
        read_sheet(utf16)
    assert "UTF-16" in refused.value.text()
    # 0x81 is valid neither in UTF-8 nor in Windows-1252.
    with pytest.raises(InvalidInput):
        read_sheet(write(tmp_path, "b.csv", b"nummer;titel\n1;\x81\n"))


def test_limits_on_size_rows_and_cell_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_FILE_BYTES", 100)
    with pytest.raises(InvalidInput, match="MB"):
        read_sheet(write(tmp_path, "groot.csv", b"x" * 101))
    monkeypatch.setattr(spreadsheet, "MAX_FILE_BYTES", 10**6)
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 3)
    with pytest.raises(InvalidInput) as rows:
        read_sheet(write(tmp_path, "rijen.csv", b"a\n1\n2\n3\n"))
    assert "meer dan 3 rijen" in rows.value.text()
    monkeypatch.setattr(spreadsheet, "MAX_CELL_CHARS", 10)
    with pytest.raises(InvalidInput) as cell:
        read_sheet(write(tmp_path, "cel.csv", b"a;b\n1;" + b"y" * 11 + b"\n"))
    assert cell.value.text().startswith("Rij 2, kolom B van cel.csv bevat 11 tekens")
