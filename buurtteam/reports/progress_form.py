"""The paper progress form: one per party, its unfinished points with empty fields.

A party that does not use the app (the wijkagent, a housing corporation's caretaker)
gets this form, ticks the new status and writes a remark per point, and hands it back;
the secretary types it in with the status dialog. Each party starts on a new page, so the
forms can be handed out separately.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from buurtteam.domain.vocab import PointStatus
from buurtteam.i18n import _
from buurtteam.i18n.format import datum_long
from buurtteam.i18n.labels import point_status_label
from buurtteam.reports.contract_report import OVERDUE_MARK, page_frame
from buurtteam.reports.pdf import Styles, build_pdf, para, spacer

BOX = "☐"
NOTHING = "—"
# The statuses a party can report on paper; dropping a point is the team's decision.
CHOICES = (PointStatus.IN_PROGRESS, PointStatus.DONE, PointStatus.DELAYED, PointStatus.NOT_KEPT)


@dataclass(frozen=True)
class FormPoint:
    number: int
    title: str
    due: dt.date | None
    status: PointStatus
    overdue: bool


@dataclass(frozen=True)
class FormParty:
    name: str
    points: tuple[FormPoint, ...]


@dataclass(frozen=True)
class ProgressFormData:
    neighbourhood: str
    contract_title: str
    printed_on: dt.date
    parties: tuple[FormParty, ...]


@dataclass(frozen=True)
class FormSection:
    heading: str
    rows: tuple[tuple[str, str], ...]  # (number, what stands now) per point


@dataclass(frozen=True)
class ProgressFormModel:
    title: str
    intro: str
    header: tuple[str, str, str, str]
    choices: str  # the tick boxes, one per line
    signature: tuple[str, str, str]
    sections: tuple[FormSection, ...]
    none_open: str
    header_left: str
    header_right: str


def _point_text(point: FormPoint) -> str:
    due = datum_long(point.due) if point.due else NOTHING
    lines = [
        point.title,
        _("Deadline: {due}").format(due=due),
        _("Now: {status}").format(status=point_status_label(point.status)),
    ]
    if point.overdue:
        overdue = _("OVERDUE")
        lines.append(f"{OVERDUE_MARK} {overdue}")
    return "\n".join(lines)


def form_model(data: ProgressFormData) -> ProgressFormModel:
    return ProgressFormModel(
        title=_("Progress form"),
        intro=_(
            "Please tick the current state of each point, add a short remark and return "
            "the form to the secretary of the projectteam before the next meeting. "
            "Thank you."
        ),
        header=(_("No."), _("Contract point"), _("New status"), _("Remark")),
        choices="\n".join(f"{BOX} {point_status_label(status)}" for status in CHOICES),
        signature=(_("Filled in by:"), _("Date:"), _("Signature:")),
        sections=tuple(
            FormSection(
                party.name,
                tuple((str(point.number), _point_text(point)) for point in party.points),
            )
            for party in data.parties
        ),
        none_open=_("This party has no open points in this contract."),
        header_left=f"{data.neighbourhood} · {data.contract_title}",
        header_right=_("printed {date}").format(date=datum_long(data.printed_on)),
    )


_PRINTABLE = 174 * mm  # A4 between the margins
_PADDING = 6 + 6 + 4  # reportlab's default cell padding on both sides, and some air


def _widths(model: ProgressFormModel, styles: Styles) -> list[float]:
    """Number and tick boxes as wide as their longest line; the rest split between the
    point and the remark (the remark a little wider: it is written by hand)."""
    bold, cell = styles.cell_bold, styles.cell
    number = max(
        stringWidth(model.header[0], bold.fontName, bold.fontSize),
        stringWidth("999", cell.fontName, cell.fontSize),
    )
    choices = max(
        stringWidth(line, cell.fontName, cell.fontSize) for line in model.choices.splitlines()
    )
    header = max(stringWidth(w, bold.fontName, bold.fontSize) for w in model.header[2].split())
    fixed = [number + _PADDING, max(choices, header) + _PADDING]
    rest = _PRINTABLE - sum(fixed)
    return [fixed[0], rest * 0.48, fixed[1], rest * 0.52]


def _form_table(model: ProgressFormModel, section: FormSection, styles: Styles) -> Table:
    header = [para(text, styles.cell_bold) for text in model.header]
    rows: list[list[Flowable]] = [header]
    for number, text in section.rows:
        rows.append(
            [
                para(number, styles.cell),
                para(text, styles.cell),
                para(model.choices, styles.cell),
                para("", styles.cell),
            ]
        )
    result = Table(rows, colWidths=_widths(model, styles), repeatRows=1, hAlign="LEFT")
    # Visible boxes on every cell: this is a form to write in.
    result.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                ("TOPPADDING", (0, 1), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 14),
            ]
        )
    )
    return result


def _signature_table(model: ProgressFormModel, styles: Styles) -> Table:
    rows = [[para(label, styles.body), para("", styles.body)] for label in model.signature]
    result = Table(rows, colWidths=[40 * mm, 100 * mm], hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return result


def write_progress_forms(data: ProgressFormData, target: Path, *, large: bool = False) -> Path:
    """One form per party in one PDF at `target`, each party starting on a new page."""
    model = form_model(data)
    styles = Styles(large)
    story: list[Flowable] = []
    for index, section in enumerate(model.sections):
        if index:
            story.append(PageBreak())
        story += [
            para(model.title, styles.title),
            para(section.heading, styles.heading),
            para(model.header_left, styles.body),
            para(model.intro, styles.body),
            spacer(styles, 0.5),
        ]
        if section.rows:
            story.append(_form_table(model, section, styles))
        else:
            story.append(para(model.none_open, styles.body))
        story += [spacer(styles, 1.5), _signature_table(model, styles)]
    if not story:
        story.append(para(model.none_open, styles.body))
    frame = page_frame(model.header_left, model.header_right, styles)
    return build_pdf(target, story, frame, styles, title=model.title)
