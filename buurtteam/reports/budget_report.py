"""The printed budget overview of one neighbourhood and year.

The totals first (budget, carry-over, granted, paid, still to pay, left to grant), a chart
of granted and paid against the budget, then every proposal with its status, decision
date and amounts, the reasons of rejections and deferrals, and the totals per theme.

The chart works on a black-and-white copier: three bars in clearly different greys (white
with an outline, mid grey, black), each with its name and amount written beside it.

Computed as strings first (`report_model`), then drawn (`write_budget_report`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from buurtteam.domain.budget import Ledger, ThemeTotal
from buurtteam.domain.money import ZERO
from buurtteam.domain.vocab import ProposalStatus
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, datum_long, euro, number
from buurtteam.i18n.labels import proposal_status_label
from buurtteam.reports.pdf import (
    FONT,
    MARGIN,
    PageFrame,
    Styles,
    build_pdf,
    para,
    register_fonts,
    spacer,
    table,
)

NOTHING = "—"
CONTENT_WIDTH = 210 * mm - 2 * MARGIN


# -- what the report is given ------------------------------------------------------------------


@dataclass(frozen=True)
class ReportProposal:
    title: str
    submitted_by: str | None
    theme: str | None
    status: ProposalStatus
    decided_on: dt.date | None
    requested: Decimal
    granted: Decimal | None
    paid: Decimal
    reason: str | None
    deferred_until: dt.date | None


@dataclass(frozen=True)
class BudgetReportData:
    neighbourhood: str
    municipality: str
    year: int
    printed_on: dt.date
    recorded: bool  # False: no budget recorded for the year
    ledger: Ledger
    themes: tuple[ThemeTotal, ...]
    proposals: tuple[ReportProposal, ...]  # in the order they are printed


# -- the model: every printed string ----------------------------------------------------------


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: Decimal
    amount: str
    grey: float  # 1.0 white ... 0.0 black


@dataclass(frozen=True)
class BudgetReportModel:
    title: str
    subtitle: str
    as_of: str
    header_left: str
    header_right: str
    totals: tuple[tuple[str, str], ...]
    bold_total: int  # the row of the totals printed in bold (left to grant)
    warning: str | None
    chart_heading: str
    chart: tuple[ChartBar, ...]
    chart_note: str
    proposals_heading: str
    proposal_header: tuple[str, ...]
    proposal_rows: tuple[tuple[str, ...], ...]  # the last row holds the totals
    empty_proposals: str | None
    reasons_heading: str
    reasons: tuple[tuple[str, str], ...]  # (title and status, reason)
    themes_heading: str
    theme_header: tuple[str, ...]
    theme_rows: tuple[tuple[str, ...], ...]


def _status_text(p: ReportProposal) -> str:
    label = proposal_status_label(p.status)
    if p.status is ProposalStatus.GRANTED and p.granted is not None and p.granted < p.requested:
        return _("{status} (in part)").format(status=label)
    return label


def _proposal_cell(p: ReportProposal) -> str:
    lines = [p.title]
    details = [part for part in (p.submitted_by, p.theme) if part]
    if details:
        lines.append(" · ".join(details))
    return "\n".join(lines)


def _granted_text(p: ReportProposal) -> str:
    if p.status is ProposalStatus.GRANTED and p.granted is not None:
        return euro(p.granted)
    return NOTHING


def _reason_line(p: ReportProposal) -> tuple[str, str] | None:
    if p.status is ProposalStatus.REJECTED:
        return (
            _("{title} (rejected)").format(title=p.title),
            p.reason or _("No reason was recorded."),
        )
    if p.status is ProposalStatus.DEFERRED:
        parts = [
            _("On hold until {date}.").format(date=datum_long(p.deferred_until))
            if p.deferred_until
            else "",
            p.reason or "",
        ]
        return (
            _("{title} (on hold)").format(title=p.title),
            " ".join(part for part in parts if part) or _("No reason was recorded."),
        )
    if p.status is ProposalStatus.GRANTED and p.reason:
        return (_("{title} (granted)").format(title=p.title), p.reason)
    return None


def report_model(data: BudgetReportData) -> BudgetReportModel:
    figures = data.ledger
    title = _("Neighbourhood budget {year}").format(year=data.year)
    totals: list[tuple[str, str]] = [
        (_("Budget for {year}").format(year=data.year), euro(figures.amount))
    ]
    if figures.carry_over:
        totals.append(
            (
                _("Carried over from {year}").format(year=data.year - 1),
                euro(figures.carry_over),
            )
        )
    if figures.carried_out:
        totals.append(
            (
                _("Carried over to {year}").format(year=data.year + 1),
                "− " + euro(figures.carried_out),
            )
        )
    totals += [
        (_("Granted (committed)"), euro(figures.granted)),
        (_("Paid"), euro(figures.paid)),
        (_("Granted, still to pay"), euro(figures.to_pay)),
        (_("Left to grant"), euro(figures.remaining)),
    ]
    warning = None
    if not data.recorded:
        warning = _("No budget has been recorded for {year}.").format(year=data.year)
    elif figures.remaining < ZERO:
        warning = _("Note: more has been granted than the budget holds.")
    elif figures.is_low:
        warning = _("Note: less than a tenth of the budget is left to grant.")

    budget_line = figures.available - figures.carried_out
    chart = (
        ChartBar(_("Budget"), budget_line, euro(budget_line), 1.0),
        ChartBar(_("Granted"), figures.granted, euro(figures.granted), 0.55),
        ChartBar(_("Paid"), figures.paid, euro(figures.paid), 0.0),
    )
    rows = [
        (
            _proposal_cell(p),
            _status_text(p),
            datum_long(p.decided_on) if p.decided_on else NOTHING,
            euro(p.requested),
            _granted_text(p),
            euro(p.paid) if p.paid else NOTHING,
        )
        for p in data.proposals
    ]
    if rows:
        rows.append(
            (
                _("Total ({count} proposals)").format(count=number(len(data.proposals))),
                "",
                "",
                euro(sum((p.requested for p in data.proposals), ZERO)),
                euro(figures.granted),
                euro(figures.paid),
            )
        )
    reasons = tuple(line for p in data.proposals if (line := _reason_line(p)) is not None)
    theme_rows = tuple(
        (
            t.theme or _("(no theme)"),
            number(t.proposals),
            euro(t.granted),
            euro(t.paid),
            euro(t.to_pay),
        )
        for t in data.themes
    )
    return BudgetReportModel(
        title=title,
        subtitle=f"{data.neighbourhood} · {data.municipality}",
        as_of=_("As of {date}").format(date=datum(data.printed_on)),
        header_left=f"{title} · {data.neighbourhood}",
        header_right=_("Printed on {date}").format(date=datum_long(data.printed_on)),
        totals=tuple(totals),
        bold_total=len(totals) - 1,
        warning=warning,
        chart_heading=_("Granted and paid against the budget"),
        chart=chart,
        chart_note=_(
            "White: the budget; grey: granted; black: paid. The amounts stand beside the bars."
        ),
        proposals_heading=_("Proposals for {year}").format(year=data.year),
        proposal_header=(
            _("Proposal"),
            _("Status"),
            _("Decided on"),
            _("Requested"),
            _("Granted"),
            _("Paid"),
        ),
        proposal_rows=tuple(rows),
        empty_proposals=None if rows else _("No proposals for this year."),
        reasons_heading=_("Reasons given with the decisions"),
        reasons=reasons,
        themes_heading=_("Per theme"),
        theme_header=(
            _("Theme"),
            _("Proposals"),
            _("Granted"),
            _("Paid"),
            _("Still to pay"),
        ),
        theme_rows=theme_rows,
    )


# -- drawing ----------------------------------------------------------------------------------


def chart_drawing(bars: tuple[ChartBar, ...], styles: Styles) -> Drawing:
    """Horizontal bars on one scale, each with its name left and amount right."""
    register_fonts()
    size = styles.size
    bar_height = size * 1.6
    gap = size * 0.9
    label_width = max(stringWidth(bar.label, FONT, size) for bar in bars) + 8
    amount_width = max(stringWidth(bar.amount, FONT, size) for bar in bars) + 10
    track = CONTENT_WIDTH - label_width - amount_width
    height = len(bars) * (bar_height + gap) + gap
    drawing = Drawing(CONTENT_WIDTH, height)
    scale = max((bar.value for bar in bars), default=ZERO)
    for index, bar in enumerate(bars):
        y = height - (index + 1) * (bar_height + gap)
        share = float(bar.value / scale) if scale > 0 and bar.value > 0 else 0.0
        width = max(track * min(share, 1.0), 0.0)
        drawing.add(String(0, y + bar_height * 0.3, bar.label, fontName=FONT, fontSize=size))
        drawing.add(
            Rect(
                label_width,
                y,
                max(width, 0.8),
                bar_height,
                fillColor=colors.Color(bar.grey, bar.grey, bar.grey),
                strokeColor=colors.black,
                strokeWidth=0.8,
            )
        )
        drawing.add(
            String(
                label_width + width + 5,
                y + bar_height * 0.3,
                bar.amount,
                fontName=f"{FONT}-Bold",
                fontSize=size,
            )
        )
    drawing.add(
        Line(label_width, 0, label_width, height, strokeColor=colors.black, strokeWidth=0.8)
    )
    return drawing


def _loose(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_loose", parent=style, keepWithNext=0)


def _amount_style(styles: Styles, *, bold: bool = False) -> ParagraphStyle:
    """Amounts right-aligned, so the cents line up down a column."""
    return ParagraphStyle(
        "amount_bold" if bold else "amount",
        parent=styles.cell_bold if bold else styles.cell,
        alignment=TA_RIGHT,
    )


def _with_amounts(
    rows: Sequence[Sequence[str]], columns: range, styles: Styles
) -> list[list[str | Flowable]]:
    """Rows for `table()` with the amount columns as right-aligned paragraphs."""
    plain, header = _amount_style(styles), _amount_style(styles, bold=True)
    return [
        [
            para(value, header if r == 0 else plain) if c in columns else value
            for c, value in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]


def _totals_table(model: BudgetReportModel, styles: Styles) -> Table:
    rows = []
    for i, (label, amount) in enumerate(model.totals):
        bold = i == model.bold_total
        rows.append(
            [
                para(label, styles.cell_bold if bold else styles.cell),
                para(amount, _amount_style(styles, bold=bold)),
            ]
        )
    result = Table(rows, colWidths=[75 * mm, 40 * mm], hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
                ("LINEABOVE", (0, model.bold_total), (-1, model.bold_total), 1, colors.black),
            ]
        )
    )
    return result


def story(model: BudgetReportModel, styles: Styles) -> list[Flowable]:
    parts: list[Flowable] = [
        para(model.title, styles.title),
        para(model.subtitle, styles.subheading),
        para(model.as_of, styles.body),
        spacer(styles, 0.5),
        _totals_table(model, styles),
    ]
    if model.warning:
        parts += [spacer(styles, 0.5), para(model.warning, styles.body, markup="b")]
    parts.append(
        KeepTogether(
            [
                para(model.chart_heading, styles.heading),
                chart_drawing(model.chart, styles),
                para(model.chart_note, styles.small),
            ]
        )
    )
    # A heading that keeps with its table would carry the whole table to the next page;
    # start on a new page only when too little room is left for a few rows.
    parts += [CondPageBreak(50 * mm), para(model.proposals_heading, _loose(styles.heading))]
    if model.empty_proposals:
        parts.append(para(model.empty_proposals, styles.body))
    else:
        rows = _with_amounts([model.proposal_header, *model.proposal_rows], range(3, 6), styles)
        proposals = table(rows, [55 * mm, 27 * mm, 25 * mm, 22 * mm, 22 * mm, 22 * mm], styles)
        # The totals row: a rule above it, never a zebra stripe.
        proposals.setStyle(
            TableStyle(
                [
                    ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
                    ("BACKGROUND", (0, -1), (-1, -1), colors.white),
                ]
            )
        )
        parts.append(proposals)
    if model.reasons:
        parts.append(para(model.reasons_heading, styles.heading))
        for heading, reason in model.reasons:
            parts.append(para(heading, styles.body, markup="b"))
            parts.append(para(reason, styles.body))
    if model.theme_rows:
        rows = _with_amounts([model.theme_header, *model.theme_rows], range(1, 5), styles)
        themes = table(rows, [58 * mm, 25 * mm, 30 * mm, 30 * mm, 30 * mm], styles)
        parts += [
            CondPageBreak(40 * mm),
            para(model.themes_heading, _loose(styles.heading)),
            themes,
        ]
    return parts


def write_budget_report(data: BudgetReportData, target: Path, *, large: bool = False) -> Path:
    """Print the budget overview of `data` to the PDF `target`."""
    styles = Styles(large=large)
    model = report_model(data)
    frame = PageFrame(header_left=model.header_left, header_right=model.header_right)
    return build_pdf(target, story(model, styles), frame, styles, title=model.title)
