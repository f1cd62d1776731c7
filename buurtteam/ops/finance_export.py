"""The budget year as a file for the municipality's finance department: .xlsx or .csv.

- .xlsx: three sheets (proposals, payments, totals); amounts are real numbers with a euro
  number format, dates real dates, so finance can add and filter without retyping.
- .csv: the proposals, the way Dutch Excel opens a double-clicked file: `;` between
  fields, a decimal comma, dates as 31-12-2027, UTF-8 with a byte order mark (without
  it Excel reads the file as Windows-1252 and "Zoë" arrives as "ZoÃ«").

Residents type the titles and references. Text that starts with `=`, `+`, `-` or `@`
(also after spaces or tabs) would run as a formula when opened ("CSV injection"): in the
.xlsx it is stored as text with Excel's quote prefix, in the .csv an apostrophe goes in
front. Either way it is shown, never run.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from buurtteam.domain.money import ZERO
from buurtteam.errors import N_, InvalidInput, StoreError
from buurtteam.i18n import _
from buurtteam.i18n.labels import proposal_status_label
from buurtteam.ops.budget import ProposalLine, YearBudget, year_budget
from buurtteam.store.db import Database

EURO_FORMAT = "[$€-413] #,##0.00;[$€-413] -#,##0.00"  # Dutch euro, whatever Excel's locale
DATE_FORMAT = "dd-mm-yyyy"
_FORMULA_STARTS = ("=", "+", "-", "@")
# Characters a spreadsheet skips before it looks for a formula sign.
_LEADING_BLANKS = " \t\r\n\xa0"

Cell = str | Decimal | date | int | None


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet would read as a formula (or a tab/return in front of one)."""
    return text.lstrip(_LEADING_BLANKS).startswith(_FORMULA_STARTS) or text.startswith(("\t", "\r"))


def neutralise(text: str) -> str:
    """Text for a CSV cell that no spreadsheet runs: an apostrophe in front of a formula."""
    return "'" + text if looks_like_formula(text) else text


@dataclass(frozen=True)
class FinanceTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    money_columns: frozenset[int]
    date_columns: frozenset[int]


def finance_tables(data: YearBudget) -> tuple[FinanceTable, FinanceTable, FinanceTable]:
    """The proposals, the payments and the totals of the year, as cells."""
    proposals = FinanceTable(
        title=_("Proposals"),
        headers=(
            _("Neighbourhood"),
            _("Year"),
            _("Reference"),
            _("Proposal"),
            _("Theme"),
            _("Submitted by"),
            _("Received on"),
            _("Status"),
            _("Decided on"),
            _("Requested"),
            _("Granted"),
            _("Paid"),
            _("Still to pay"),
        ),
        rows=tuple(_proposal_row(data, p) for p in data.proposals),
        money_columns=frozenset({9, 10, 11, 12}),
        date_columns=frozenset({6, 8}),
    )
    payments = FinanceTable(
        title=_("Payments"),
        headers=(_("Reference"), _("Proposal"), _("Paid on"), _("Amount"), _("Invoice or note")),
        rows=tuple(
            (p.public_id, p.title, x.paid_on, x.amount, x.reference)
            for p in data.proposals
            for x in p.payments
        ),
        money_columns=frozenset({3}),
        date_columns=frozenset({2}),
    )
    figures = data.ledger
    totals = FinanceTable(
        title=_("Totals"),
        headers=(_("Item"), _("Amount")),
        rows=(
            (_("Budget for {year}").format(year=data.year), figures.amount),
            (_("Carried over from {year}").format(year=data.year - 1), figures.carry_over),
            (_("Carried over to {year}").format(year=data.year + 1), figures.carried_out),
            (_("Granted"), figures.granted),
            (_("Paid"), figures.paid),
            (_("Still to pay"), figures.to_pay),
            (_("Left to grant"), figures.remaining),
        ),
        money_columns=frozenset({1}),
        date_columns=frozenset(),
    )
    return proposals, payments, totals


def _proposal_row(data: YearBudget, p: ProposalLine) -> tuple[Cell, ...]:
    granted = p.granted if p.status.value == "granted" and p.granted is not None else ZERO
    return (
        data.neighbourhood.name,
        p.year,
        p.public_id,
        p.title,
        p.theme,
        p.submitted_by,
        p.received_on,
        proposal_status_label(p.status),
        p.decided_on,
        p.requested,
        granted,
        p.paid,
        p.to_pay,
    )


def export_finance(db: Database, neighbourhood_id: int, year: int, target: Path) -> Path:
    """Write the year for finance to `target`; its suffix (.xlsx or .csv) picks the format.

    Raises:
        InvalidInput: another suffix.
        StoreError: the file cannot be written (a folder that does not exist, open in Excel).
    """
    target = Path(target).expanduser()
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput(
            N_("Finance gets an .xlsx or a .csv file; {file} is neither. Choose one of those."),
            file=target.name,
        )
    tables = finance_tables(year_budget(db, neighbourhood_id, year))
    data = xlsx_bytes(tables) if suffix == ".xlsx" else csv_text(tables[0]).encode("utf-8-sig")
    return _write_atomically(target, data)


def _write_atomically(target: Path, data: bytes) -> Path:
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StoreError(
            N_(
                "The file {file} could not be written: {reason}. Choose another folder, or "
                "close the file if it is open in a spreadsheet."
            ),
            file=str(target),
            reason=error.strerror or str(error),
        ) from None
    return target


def csv_text_cell(value: Cell) -> str:
    """One CSV cell the Dutch way: 1234,50 and 31-12-2027; text neutralised."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def csv_text(table: FinanceTable) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([csv_text_cell(value) for value in row])
    return buffer.getvalue()


def xlsx_bytes(tables: Sequence[FinanceTable]) -> bytes:
    # Imported here: openpyxl is only needed when someone exports a spreadsheet.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title))
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([None] * len(row))
            for column, value in enumerate(row):
                cell = sheet.cell(row=sheet.max_row, column=column + 1)
                cell.value = value
                if isinstance(value, str) and looks_like_formula(value):
                    # Stored as text, with the quote prefix Excel itself uses for '=...
                    cell.data_type = "s"
                    cell.quotePrefix = True
                elif column in table.money_columns:
                    cell.number_format = EURO_FORMAT
                elif column in table.date_columns and value is not None:
                    cell.number_format = DATE_FORMAT
        sheet.freeze_panes = "A2"
        for column, header in enumerate(table.headers):
            values = [len(str(r[column])) for r in table.rows if r[column] is not None]
            width = min(max([len(header), *values, 8]) + 2, 60)
            sheet.column_dimensions[get_column_letter(column + 1)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet name.
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")
    return cleaned[:31] or "Blad"
