"""The printed contract progress report: which party kept its word, point by point.

A summary per party on top (points, done, on time, overdue, not kept, dropped, slips),
then per party its points with number, title, deadline in words, status in words and the
latest history note. Overdue and not-kept points carry a symbol and a word in capitals
(not colour), so the marks survive a black-and-white copier.

The report is computed as strings first (`report_model`), then drawn (`write_contract_report`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from buurtteam.domain.agenda import Balance
from buurtteam.domain.contract import Accountability
from buurtteam.domain.vocab import PointStatus
from buurtteam.i18n import _, ngettext
from buurtteam.i18n.balance import balance_text
from buurtteam.i18n.format import datum, datum_long, number
from buurtteam.i18n.labels import point_status_label
from buurtteam.reports.pdf import FONT, PageFrame, Styles, build_pdf, para, spacer, table

OVERDUE_MARK = "⚠"
NOT_KEPT_MARK = "✗"
NOTHING = "—"


@dataclass(frozen=True)
class ReportPoint:
    number: int
    title: str
    due: dt.date | None
    status: PointStatus
    overdue: bool
    latest_note: str | None
    latest_on: dt.date | None


@dataclass(frozen=True)
class ReportParty:
    name: str
    figures: Accountability
    points: tuple[ReportPoint, ...]  # by number


@dataclass(frozen=True)
class ContractReportData:
    neighbourhood: str
    municipality: str
    contract_title: str
    starts_on: dt.date
    ends_on: dt.date
    printed_on: dt.date
    parties: tuple[ReportParty, ...]  # the parties that own points
    # Whose agendas the meetings of the contract period had (None: not asked for).
    balance: Balance | None = None


# -- the model: every printed string ------------------------------------------------------


@dataclass(frozen=True)
class PartySection:
    heading: str
    summary: str
    rows: tuple[tuple[str, ...], ...]  # number, title, deadline, status (+ mark), latest note
    marked: tuple[int, ...]  # row indexes (0-based, without header) that carry a mark


@dataclass(frozen=True)
class ContractReportModel:
    title: str
    subtitle: str
    period: str
    printed: str
    legend: str
    summary_header: tuple[str, ...]
    summary_rows: tuple[tuple[str, ...], ...]  # the last row holds the totals
    summary_lines: tuple[tuple[str, str], ...]  # the same in a sentence, for large print
    points_header: tuple[str, ...]
    sections: tuple[PartySection, ...]
    header_left: str
    header_right: str
    empty: str | None  # said instead of the tables when the contract has no points
    balance: str | None = None  # whose agenda it was, over the contract period


def status_text(point: ReportPoint) -> str:
    """The status in words, with a mark in capitals when the party must be asked about it."""
    words = point_status_label(point.status)
    if point.status is PointStatus.NOT_KEPT:
        return f"{NOT_KEPT_MARK} {words.upper()}"
    if point.overdue:
        overdue = _("OVERDUE")
        return f"{words}\n{OVERDUE_MARK} {overdue}"
    return words


def _note_text(point: ReportPoint) -> str:
    if not point.latest_note:
        return NOTHING
    if point.latest_on is None:
        return point.latest_note
    return f"{datum_long(point.latest_on)}: {point.latest_note}"


def _figures(figures: Accountability) -> tuple[str, ...]:
    return tuple(
        number(value)
        for value in (
            figures.owned,
            figures.done,
            figures.done_on_time,
            figures.overdue,
            figures.not_kept,
            figures.slips,
        )
    )


def _summary_line(figures: Accountability) -> str:
    return _(
        "{owned} points: {done} done ({on_time} on time), {overdue} overdue, "
        "{not_kept} not kept, {dropped} dropped; deadline moved {slips} times."
    ).format(
        owned=figures.owned,
        done=figures.done,
        on_time=figures.done_on_time,
        overdue=figures.overdue,
        not_kept=figures.not_kept,
        dropped=figures.dropped,
        slips=figures.slips,
    )


def report_model(data: ContractReportData) -> ContractReportModel:
    total = Accountability(
        party="",
        owned=sum(p.figures.owned for p in data.parties),
        done=sum(p.figures.done for p in data.parties),
        done_on_time=sum(p.figures.done_on_time for p in data.parties),
        overdue=sum(p.figures.overdue for p in data.parties),
        not_kept=sum(p.figures.not_kept for p in data.parties),
        dropped=sum(p.figures.dropped for p in data.parties),
        slips=sum(p.figures.slips for p in data.parties),
        overdue_numbers=(),
    )
    sections = []
    for party in data.parties:
        rows = []
        marked = []
        for index, point in enumerate(party.points):
            if point.overdue or point.status is PointStatus.NOT_KEPT:
                marked.append(index)
            rows.append(
                (
                    str(point.number),
                    point.title,
                    datum_long(point.due) if point.due else NOTHING,
                    status_text(point),
                    _note_text(point),
                )
            )
        sections.append(
            PartySection(party.name, _summary_line(party.figures), tuple(rows), tuple(marked))
        )
    return ContractReportModel(
        title=_("Progress of the neighbourhood contract"),
        subtitle=f"{data.contract_title} · {data.neighbourhood}, {data.municipality}",
        period=_("Term: {starts} up to and including {ends}").format(
            starts=datum_long(data.starts_on), ends=datum_long(data.ends_on)
        ),
        printed=_("Printed on {date}").format(date=datum(data.printed_on)),
        legend=_(
            "{overdue} OVERDUE: the deadline has passed and the point is not done. "
            "{not_kept} NOT KEPT: the party did not keep this agreement. "
            "On time: done on or before the deadline in force. Moved: how often a "
            "deadline was moved."
        ).format(overdue=OVERDUE_MARK, not_kept=NOT_KEPT_MARK),
        balance=_balance_line(data.balance),
        summary_header=(
            _("Party"),
            _("Points"),
            _("Done"),
            _("On time"),
            _("Overdue"),
            _("Not kept"),
            _("Moved"),
        ),
        summary_rows=(
            *((party.name, *_figures(party.figures)) for party in data.parties),
            (_("All parties"), *_figures(total)),
        ),
        summary_lines=(
            *((party.name, _summary_line(party.figures)) for party in data.parties),
            (_("All parties"), _summary_line(total)),
        ),
        points_header=(_("No."), _("Contract point"), _("Deadline"), _("Status"), _("Latest note")),
        sections=tuple(sections),
        header_left=f"{data.neighbourhood} · {data.contract_title}",
        header_right=_("printed {date}").format(date=datum_long(data.printed_on)),
        empty=None if data.parties else _("This contract has no points yet."),
    )


# -- drawing ------------------------------------------------------------------------------


_PRINTABLE = 174 * mm  # A4 between the margins
_SENTENCE_WIDTHS = (60 * mm, 114 * mm)
_CELL_PADDING = 6 + 2  # the table's left and right padding, and a little air


def page_frame(left: str, right: str, styles: Styles) -> PageFrame:
    """The header line, the left part shortened so it never runs into the right one.

    The page header is drawn at 0.8 of the body size; in large print a long contract title
    would otherwise overlap the print date.
    """
    size = max(8.0, styles.size * 0.8)
    room = _PRINTABLE - stringWidth(right, FONT, size) - 8 * mm
    return PageFrame(fitted(left, room, size), right)


def _word_width(text: str, style: ParagraphStyle) -> float:
    """The width of the longest word: a column this wide never breaks a word in two."""
    return max(stringWidth(word, style.fontName, style.fontSize) for word in text.split())


def _point_widths(model: ContractReportModel, styles: Styles) -> tuple[float, ...]:
    """Number, deadline and status as wide as they need (a whole date on one line when it
    fits in 35 mm, never a word broken); title and latest note share the rest."""
    rows = [row for section in model.sections for row in section.rows]
    header = model.points_header
    number = max(_word_width(text, styles.cell_bold) for text in [header[0], *(r[0] for r in rows)])
    whole_dates = max((stringWidth(r[2], FONT, styles.cell.fontSize) for r in rows), default=0.0)
    due = (
        whole_dates
        if whole_dates <= 35 * mm - _CELL_PADDING
        else max(_word_width(text, styles.cell) for text in [header[2], *(r[2] for r in rows)])
    )
    status = max(_word_width(text, styles.cell_bold) for text in [header[3], *(r[3] for r in rows)])
    fixed = [
        number + _CELL_PADDING,
        max(due, _word_width(header[2], styles.cell_bold)) + _CELL_PADDING,
        status + _CELL_PADDING,
    ]
    rest = _PRINTABLE - sum(fixed)
    return (fixed[0], rest * 0.55, fixed[1], fixed[2], rest * 0.45)


def _figure_widths(header: tuple[str, ...], styles: Styles) -> tuple[float, ...]:
    figures = [_word_width(text, styles.cell_bold) + _CELL_PADDING for text in header[1:]]
    return (_PRINTABLE - sum(figures), *figures)


def fitted(text: str, room: float, size: float) -> str:
    """`text` shortened with an ellipsis until it fits in `room` points."""
    if stringWidth(text, FONT, size) <= room:
        return text
    while text and stringWidth(text + "…", FONT, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _summary(model: ContractReportModel, styles: Styles) -> Flowable:
    """Figures in columns; in large print the columns do not fit, so a sentence per party."""
    rows: tuple[tuple[str, ...], ...]
    if styles.large:
        rows = model.summary_lines
        header: tuple[str, ...] = (model.summary_header[0], _("Figures"))
        widths: tuple[float, ...] = _SENTENCE_WIDTHS
    else:
        rows, header = model.summary_rows, model.summary_header
        widths = _figure_widths(header, styles)
    *parties, totals = rows
    # The totals row in bold, as paragraphs (a table style cannot reach into them).
    bold_totals = [para(cell, styles.cell_bold) for cell in totals]
    return table([header, *parties, bold_totals], widths, styles)


def _balance_line(balance: Balance | None) -> str | None:
    if balance is None:
        return None
    meetings = ngettext("{count} meeting", "{count} meetings", balance.meetings).format(
        count=balance.meetings
    )
    return _("The agendas of the contract period so far ({meetings}): {balance}").format(
        meetings=meetings, balance=balance_text(balance)
    )


def write_contract_report(data: ContractReportData, target: Path, *, large: bool = False) -> Path:
    """The progress report as a PDF at `target` (atomically; identical input, identical bytes)."""
    model = report_model(data)
    styles = Styles(large)
    story: list[Flowable] = [
        para(model.title, styles.title),
        para(model.subtitle, styles.subheading),
        para(model.period, styles.body),
        para(model.printed, styles.body),
        spacer(styles, 0.5),
    ]
    if model.empty:
        story.append(para(model.empty, styles.body))
    else:
        story.append(para(_("Summary per party"), styles.heading))
        story += [_summary(model, styles), spacer(styles, 0.5), para(model.legend, styles.small)]
        if model.balance:
            story += [
                para(_("Whose agenda was it?"), styles.heading),
                para(model.balance, styles.body),
            ]
        widths = _point_widths(model, styles)
        for section in model.sections:
            story.append(para(section.heading, styles.heading))
            story.append(para(section.summary, styles.body))
            rows = [
                _bold_marked(row, index in section.marked, styles)
                for index, row in enumerate(section.rows)
            ]
            story.append(table([model.points_header, *rows], widths, styles))
    frame = page_frame(model.header_left, model.header_right, styles)
    return build_pdf(target, story, frame, styles, title=model.title)


def _bold_marked(row: tuple[str, ...], marked: bool, styles: Styles) -> list[str | Flowable]:
    """A marked row has its status cell in bold: a second signal beside the symbol."""
    cells: list[str | Flowable] = list(row)
    if marked:
        cells[3] = para(row[3], styles.cell_bold)
    return cells
