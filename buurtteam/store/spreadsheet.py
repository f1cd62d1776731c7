"""Reading a spreadsheet file into numbered rows of raw cells: `.xlsx` and `.csv`.

What Dutch offices produce: Excel and LibreOffice workbooks (dates as date cells), and
CSV files separated by `;` (Dutch Excel) or `,`, in UTF-8 with or without a byte order
mark or in Windows-1252 (older Excel "CSV (gescheiden door lijstscheidingsteken)").

Limits keep a wrong or hostile file from eating the laptop: the file size, the number of
rows and columns, and the length of one cell are capped. openpyxl parses the workbook's
XML through defusedxml (installed with the app), so entity tricks are refused. Formulas
are read as the value the spreadsheet program last calculated, never as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from buurtteam.domain.spreadsheet import Cell, column_letter
from buurtteam.errors import N_, InvalidInput, NotFound, StoreError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000  # a contract has some 86 points; ten thousand rows is not a contract
MAX_COLUMNS = 60
MAX_CELL_CHARS = 20_000
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")

Row = tuple[int, Sequence[Cell]]  # (row number as the spreadsheet shows it, cells)


@dataclass(frozen=True)
class SheetFile:
    """The rows of a spreadsheet file, read whole and checked against the limits."""

    name: str
    kind: str  # "xlsx" or "csv"
    rows: tuple[Row, ...]
    encoding: str | None = None  # for CSV: how the bytes were read
    delimiter: str | None = None  # for CSV


def read_sheet(path: Path) -> SheetFile:
    """Read `path` (.xlsx or .csv), or refuse with a message that says what to do.

    Raises:
        NotFound: the file does not exist.
        InvalidInput: not a spreadsheet we read, too large, or damaged.
        StoreError: the file may not be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise InvalidInput(
            N_(
                "{file} is a {kind} file, which buurtteam does not read. Open it in your "
                "spreadsheet program and save it as Excel workbook (.xlsx) or as CSV."
            ),
            file=path.name,
            kind=suffix.lstrip("."),
        )
    if suffix not in SUFFIXES:
        raise InvalidInput(
            N_("{file} is not a spreadsheet buurtteam can read; use a .xlsx or a .csv file."),
            file=path.name,
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput(
                N_(
                    "{file} is {size} MB; a contract spreadsheet is far smaller (at most "
                    "{limit} MB). Check that you chose the right file."
                ),
                file=path.name,
                size=size // 2**20,
                limit=MAX_FILE_BYTES // 2**20,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(
            N_("The file {file} does not exist. Check the name and the folder."), file=str(path)
        ) from None
    except IsADirectoryError:
        raise InvalidInput(N_("{file} is a folder, not a file."), file=str(path)) from None
    except PermissionError:
        raise StoreError(
            N_("You may not read {file}. Ask for access or copy it somewhere else."), file=str(path)
        ) from None
    if suffix in (".xlsx", ".xlsm"):
        return SheetFile(path.name, "xlsx", _capped(_xlsx_rows(data, path.name), path.name))
    text, encoding = decode_csv(data, path.name)
    delimiter = guess_delimiter(text)
    rows = _capped(_csv_rows(text, delimiter, path.name), path.name)
    return SheetFile(path.name, "csv", rows, encoding, delimiter)


def _capped(rows: Iterator[Row], name: str) -> tuple[Row, ...]:
    kept: list[Row] = []
    for number, cells in rows:
        if len(kept) >= MAX_ROWS:
            raise InvalidInput(
                N_(
                    "{file} has more than {limit} rows; a contract has far fewer. Remove the "
                    "rows that are not contract points."
                ),
                file=name,
                limit=MAX_ROWS,
            )
        cells = _trimmed(cells)
        if len(cells) > MAX_COLUMNS:
            raise InvalidInput(
                N_(
                    "Row {row} of {file} has {count} filled columns; at most {limit} are read. "
                    "Remove the columns that are not needed."
                ),
                row=number,
                file=name,
                count=len(cells),
                limit=MAX_COLUMNS,
            )
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise InvalidInput(
                    N_(
                        "Row {row}, column {column} of {file} holds {length} characters; at "
                        "most {limit} fit in one cell."
                    ),
                    row=number,
                    column=column_letter(index),
                    file=name,
                    length=len(cell),
                    limit=MAX_CELL_CHARS,
                )
        kept.append((number, cells))
    return tuple(kept)


def _trimmed(cells: Sequence[Cell]) -> tuple[Cell, ...]:
    """Without the empty cells at the end (spreadsheets pad rows to the widest one)."""
    end = len(cells)
    while end and (cells[end - 1] is None or cells[end - 1] == ""):
        end -= 1
    return tuple(cells[:end])


# -- xlsx ---------------------------------------------------------------------------------


def _xlsx_rows(data: bytes, name: str) -> Iterator[Row]:
    # Imported here: openpyxl is only needed for this one kind of file.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        # defusedxml refuses entity tricks with its own exceptions; openpyxl lets others
        # through for broken XML. Either way the file is not one we can trust.
        raise InvalidInput(
            N_(
                "{file} cannot be read as an Excel workbook ({detail}). Open it in your "
                "spreadsheet program and save it again as .xlsx, or as CSV."
            ),
            file=name,
            detail=type(error).__name__,
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return
        # read_only fills gaps with empty rows, so the count is the row number as shown.
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1000 and all(v is None for v in values):
                # Formatting can stretch a sheet to a million empty rows: stop there.
                return
            yield number, tuple(values)
    finally:
        workbook.close()


# -- csv ----------------------------------------------------------------------------------


def decode_csv(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in.

    A BOM says UTF-8; text that is valid UTF-8 is UTF-8; anything else is taken as
    Windows-1252, the encoding of Excel on Dutch Windows.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(
            N_(
                '{file} is saved as UTF-16 ("Unicode text"). Save it again as '
                '"CSV UTF-8" or as an Excel workbook (.xlsx).'
            ),
            file=name,
        )
    encodings = ("utf-8-sig",) if data.startswith(b"\xef\xbb\xbf") else ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InvalidInput(
        N_(
            "{file} is not readable text (neither UTF-8 nor Windows-1252). Save it again "
            'as "CSV UTF-8" or as an Excel workbook (.xlsx).'
        ),
        file=name,
    )


def guess_delimiter(text: str) -> str:
    """`;`, `,` or a tab: whichever the header line (outside quotes) holds most of."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda char: (counts[char], char == ";"))
    return best if counts[best] else ";"


def _csv_rows(text: str, delimiter: str, name: str) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        # A spreadsheet program shows one row per record, also when a quoted cell holds
        # line breaks: number records, not lines.
        for number, record in enumerate(reader, start=1):
            yield number, tuple(record)
    except csv.Error as error:
        raise InvalidInput(
            N_("{file} cannot be read as CSV near row {row}: {detail}."),
            file=name,
            row=reader.line_num,
            detail=str(error),
        ) from None
