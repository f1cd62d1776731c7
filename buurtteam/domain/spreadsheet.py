"""Reading contract points from a spreadsheet's rows, the way Dutch offices fill them in.

The store hands over raw rows (texts, numbers, dates, as the file had them) with the row
number a spreadsheet program shows; this module finds the columns by their headers (in
any order and case), turns each cell into a value and collects every problem with its row
and column, so a person sees all that is wrong at once (the whole file is refused when
anything is). Pure: no files, no database, no clock.

Columns (first non-empty row, see spec cli.md): nummer, titel, omschrijving, thema,
uitvoerder, deadline, status. Other columns are ignored and reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from buurtteam.domain.text import clean_line, clean_text, fold
from buurtteam.domain.vocab import PointStatus
from buurtteam.errors import N_, BuurtteamError, InvalidInput

Cell = str | int | float | Decimal | date | datetime | bool | None

FIELDS = ("number", "title", "description", "theme", "party", "due", "status")
REQUIRED = ("number", "title", "party")

# Header words per field, folded. The Dutch words are the spec's; the rest are what people
# also write (and the English words of the English window).
HEADER_WORDS: Mapping[str, tuple[str, ...]] = {
    "number": ("nummer", "nr", "nr.", "no", "no.", "number", "puntnummer"),
    "title": ("titel", "title", "contractpunt", "punt", "afspraak"),
    "description": ("omschrijving", "beschrijving", "toelichting", "description"),
    "theme": ("thema", "theme"),
    "party": ("uitvoerder", "partij", "uitvoerende partij", "party", "responsible party"),
    "due": ("deadline", "datum gereed", "uiterlijk", "due", "due date"),
    "status": ("status", "stand"),
}

# The statuses as the app shows them (Dutch and English) and the exchange values. A test
# keeps the Dutch words equal to the window's labels.
STATUS_WORDS: Mapping[str, PointStatus] = {
    **{status.value: status for status in PointStatus},
    "open": PointStatus.OPEN,
    "in uitvoering": PointStatus.IN_PROGRESS,
    "gereed": PointStatus.DONE,
    "vertraagd": PointStatus.DELAYED,
    "niet nagekomen": PointStatus.NOT_KEPT,
    "vervallen": PointStatus.DROPPED,
    "in progress": PointStatus.IN_PROGRESS,
    "done": PointStatus.DONE,
    "delayed": PointStatus.DELAYED,
    "not kept": PointStatus.NOT_KEPT,
    "dropped": PointStatus.DROPPED,
}
DUTCH_STATUS_LABELS = (
    "open",
    "in uitvoering",
    "gereed",
    "vertraagd",
    "niet nagekomen",
    "vervallen",
)

_MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mrt": 3, "maart": 3, "apr": 4,
    "april": 4, "mei": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8,
    "augustus": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_NUMBER = re.compile(r"^\d{1,6}$")
_MAX_NUMBER = 999_999
MAX_THEME_LENGTH = 200
MAX_TITLE_LENGTH = 2_000
SHOWN_PROBLEMS = 20  # a refusal lists this many problems, then says how many more


def column_letter(index: int) -> str:
    """The spreadsheet letter of a zero-based column: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class SheetProblem(InvalidInput):
    """One cell (or the header row) that cannot be read; names the row and column."""

    def __init__(self, message: str, /, row: int, column: str = "", **params: Any) -> None:
        super().__init__(message, row=row, column=column, **params)
        self.row = row
        self.column = column


class SheetRefused(InvalidInput):
    """The whole file is refused: every problem found, in row order."""

    def __init__(self, problems: Sequence[SheetProblem]) -> None:
        super().__init__(
            N_(
                "The spreadsheet was not imported; nothing was changed. Correct these "
                "rows in the spreadsheet and import it again:"
            )
        )
        self.problems = tuple(problems)

    def text(self) -> str:
        lines = [super().text()]
        lines += [f"- {problem.text()}" for problem in self.problems[:SHOWN_PROBLEMS]]
        more = len(self.problems) - SHOWN_PROBLEMS
        if more > 0:
            lines.append(
                InvalidInput(N_("... and {count} more not shown here."), count=more).text()
            )
        return "\n".join(lines)


@dataclass(frozen=True)
class PartyName:
    """A party the `uitvoerder` column may name: by its id or its name."""

    key: str  # what the caller uses to refer to it (its public id)
    name: str


@dataclass(frozen=True)
class SheetPoint:
    """One row, read: the values a contract point gets."""

    row: int
    number: int
    title: str
    description: str | None
    theme: str | None
    party: str  # the PartyName.key
    due: date | None
    status: PointStatus


@dataclass(frozen=True)
class SheetParse:
    points: tuple[SheetPoint, ...]
    problems: tuple[SheetProblem, ...]
    ignored_columns: tuple[str, ...]  # headers of columns that are not read
    header_row: int | None

    @property
    def ok(self) -> bool:
        return not self.problems

    def refusal(self) -> SheetRefused:
        return SheetRefused(self.problems)


def _text(value: Cell) -> str:
    """A cell as text the way the spreadsheet shows it (1.0 from Excel is "1")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return str(value)


def _header_field(header: str) -> str | None:
    key = " ".join(fold(header).split())
    for field, words in HEADER_WORDS.items():
        if key in words:
            return field
    return None


class _RowReader:
    def __init__(self, columns: Mapping[str, tuple[int, str]], parties: Sequence[PartyName]):
        self.columns = columns
        self.parties = parties
        self.by_key = {fold(p.key): p for p in parties}
        self.by_name = {fold(" ".join(p.name.split())): p for p in parties}
        self.problems: list[SheetProblem] = []

    def where(self, field: str) -> str:
        index, header = self.columns[field]
        return f"{column_letter(index)} ({header})"

    def cell(self, cells: Sequence[Cell], field: str) -> Cell:
        if field not in self.columns:
            return None
        index = self.columns[field][0]
        return cells[index] if index < len(cells) else None

    def fail(self, row: int, field: str, message: str, **params: Any) -> None:
        self.problems.append(SheetProblem(message, row=row, column=self.where(field), **params))

    def read(self, row: int, cells: Sequence[Cell]) -> SheetPoint | None:
        before = len(self.problems)
        number = self.number(row, cells)
        title = self.line(row, cells, "title", required=True, limit=MAX_TITLE_LENGTH)
        description = self.multiline(row, cells)
        theme = self.line(row, cells, "theme", limit=MAX_THEME_LENGTH)
        party = self.party(row, cells)
        due = self.due(row, cells)
        status = self.status(row, cells)
        if len(self.problems) > before:
            return None
        assert number is not None and title and party is not None and status is not None
        return SheetPoint(
            row, number, title, description or None, theme or None, party.key, due, status
        )

    def number(self, row: int, cells: Sequence[Cell]) -> int | None:
        value = self.cell(cells, "number")
        text = _text(value).strip().rstrip(".")
        if not text:
            self.fail(row, "number", N_("Row {row}, column {column}: the number is missing."))
            return None
        if (isinstance(value, float) and not value.is_integer()) or not _NUMBER.match(text):
            self.fail(
                row,
                "number",
                N_("Row {row}, column {column}: {value!r} is not a point number (1, 2, 3, ...)."),
                value=text,
            )
            return None
        number = int(text)
        if not 1 <= number <= _MAX_NUMBER:
            self.fail(
                row,
                "number",
                N_("Row {row}, column {column}: {value!r} is not a point number (1, 2, 3, ...)."),
                value=text,
            )
            return None
        return number

    def line(
        self, row: int, cells: Sequence[Cell], field: str, *, required: bool = False, limit: int
    ) -> str | None:
        try:
            text = clean_line(_text(self.cell(cells, field)))
        except BuurtteamError as error:
            self.fail(row, field, N_("Row {row}, column {column}: {problem}"), problem=error.text())
            return None
        text = " ".join(text.split())
        if required and not text:
            self.fail(row, field, N_("Row {row}, column {column}: this cell must not be empty."))
            return None
        if len(text) > limit:
            self.fail(
                row,
                field,
                N_("Row {row}, column {column}: the text is {length} characters; at most {limit}."),
                length=len(text),
                limit=limit,
            )
            return None
        return text

    def multiline(self, row: int, cells: Sequence[Cell]) -> str | None:
        try:
            return clean_text(_text(self.cell(cells, "description"))).strip()
        except BuurtteamError as error:
            self.fail(
                row,
                "description",
                N_("Row {row}, column {column}: {problem}"),
                problem=error.text(),
            )
            return None

    def party(self, row: int, cells: Sequence[Cell]) -> PartyName | None:
        text = " ".join(_text(self.cell(cells, "party")).split())
        if not text:
            self.fail(row, "party", N_("Row {row}, column {column}: the party is missing."))
            return None
        key = fold(text)
        found = self.by_key.get(key) or self.by_name.get(key)
        if found is None:
            starting = [p for name, p in self.by_name.items() if name.startswith(key)]
            if len(starting) == 1:
                found = starting[0]
            elif len(starting) > 1:
                self.fail(
                    row,
                    "party",
                    N_(
                        "Row {row}, column {column}: {value!r} fits several parties: {names}. "
                        "Write the whole name."
                    ),
                    value=text,
                    names="; ".join(p.name for p in starting),
                )
                return None
        if found is None:
            self.fail(
                row,
                "party",
                N_(
                    "Row {row}, column {column}: there is no party {value!r} in this "
                    "neighbourhood. Known: {names}."
                ),
                value=text,
                names="; ".join(f"{p.name} ({p.key})" for p in self.parties) or "-",
            )
        return found

    def due(self, row: int, cells: Sequence[Cell]) -> date | None:
        value = self.cell(cells, "due")
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = _text(value).strip()
        if not text:
            return None
        parsed = parse_sheet_date(text)
        if parsed is None:
            self.fail(
                row,
                "due",
                N_(
                    "Row {row}, column {column}: {value!r} is not a date that exists; write "
                    "it as 30-6-2027 or 2027-06-30."
                ),
                value=text,
            )
        return parsed

    def status(self, row: int, cells: Sequence[Cell]) -> PointStatus | None:
        text = " ".join(fold(_text(self.cell(cells, "status"))).replace("_", " ").split())
        if not text:
            return PointStatus.OPEN
        found = STATUS_WORDS.get(text) or STATUS_WORDS.get(text.replace(" ", "_"))
        if found is None:
            self.fail(
                row,
                "status",
                N_("Row {row}, column {column}: {value!r} is not a status. Use one of: {labels}."),
                value=_text(self.cell(cells, "status")).strip(),
                labels=", ".join(DUTCH_STATUS_LABELS),
            )
        return found


def parse_sheet_date(text: str) -> date | None:
    """`2027-06-30`, `30-6-2027`, `30/06/27`, `30.6.2027` or `30 juni 2027`; None otherwise.

    Day before month, as the Dutch write it. Two-digit years are this century.
    """
    text = " ".join(text.strip().lower().split())
    # A date-time as some programs write it: keep the date.
    text = re.sub(r"[ t]\d{1,2}:\d{2}(:\d{2})?$", "", text)
    try:
        if match := _ISO.match(text):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _DUTCH.match(text):
            day, month, year = (int(part) for part in match.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        if (match := _WORDS.match(text)) and match.group(2) in _MONTHS:
            return date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    except ValueError:
        return None
    return None


def _is_blank(cells: Sequence[Cell]) -> bool:
    return all(_text(cell).strip() == "" for cell in cells)


def _columns(
    row: int, header: Sequence[Cell]
) -> tuple[dict[str, tuple[int, str]], list[str], list[SheetProblem]]:
    columns: dict[str, tuple[int, str]] = {}
    ignored: list[str] = []
    problems: list[SheetProblem] = []
    for index, cell in enumerate(header):
        title = " ".join(_text(cell).split())
        if not title:
            continue
        field = _header_field(title)
        if field is None:
            ignored.append(title)
        elif field in columns:
            problems.append(
                SheetProblem(
                    N_(
                        "Row {row}: the columns {first} and {column} both hold {header!r}; "
                        "keep one."
                    ),
                    row=row,
                    column=f"{column_letter(index)} ({title})",
                    first=f"{column_letter(columns[field][0])} ({columns[field][1]})",
                    header=HEADER_WORDS[field][0],
                )
            )
        else:
            columns[field] = (index, title)
    missing = [field for field in REQUIRED if field not in columns]
    if missing:
        problems.append(
            SheetProblem(
                N_(
                    "Row {row} holds the column headers, but {missing} is missing. Name "
                    "the columns: {expected}."
                ),
                row=row,
                missing=", ".join(HEADER_WORDS[field][0] for field in missing),
                expected=", ".join(HEADER_WORDS[field][0] for field in FIELDS),
            )
        )
    return columns, ignored, problems


def parse_sheet(
    rows: Iterable[tuple[int, Sequence[Cell]]], parties: Sequence[PartyName]
) -> SheetParse:
    """Read numbered rows (row number as shown, cells) into contract points.

    The first non-empty row holds the headers; empty rows are skipped. Every problem is
    collected; `SheetParse.ok` says whether the file may be imported.
    """
    iterator = iter(rows)
    header_row: int | None = None
    for number, cells in iterator:
        if not _is_blank(cells):
            header_row = number
            columns, ignored, problems = _columns(number, cells)
            break
    else:
        problem = SheetProblem(
            N_(
                "Row {row}: the spreadsheet is empty; the first row must hold the column "
                "headers (nummer, titel, uitvoerder, ...)."
            ),
            row=1,
        )
        return SheetParse((), (problem,), (), None)
    if problems:
        return SheetParse((), tuple(problems), tuple(ignored), header_row)
    reader = _RowReader(columns, parties)
    points: list[SheetPoint] = []
    first_row: dict[int, int] = {}
    for number, cells in iterator:
        if _is_blank(cells):
            continue
        point = reader.read(number, cells)
        if point is None:
            continue
        if point.number in first_row:
            reader.fail(
                number,
                "number",
                N_(
                    "Row {row}, column {column}: point number {number} also stands in row "
                    "{other}; every number may occur once."
                ),
                number=point.number,
                other=first_row[point.number],
            )
            continue
        first_row[point.number] = number
        points.append(point)
    if not points and not reader.problems:
        reader.problems.append(
            SheetProblem(N_("Row {row}: below the headers there are no points."), row=header_row)
        )
    problems = sorted(reader.problems, key=lambda problem: problem.row)
    return SheetParse(tuple(points), tuple(problems), tuple(ignored), header_row)
