"""The printed agenda: an invitation page, the numbered items, and appendices.

Page 1 invites: the neighbourhood, the date in words (`dinsdag 20 april 2027`), the time
and the place, and a short letter. Then the items, numbered, each with its planned start
time, its time box, its purpose and who brought it in, in words ("ingebracht door
bewoners"; no names: the paper goes round the neighbourhood). The municipality's and
partners' requests stand under their own heading. The appendices list the budget
proposals to decide (with amounts), the contract points to discuss (number, title, party,
status) and the open actions that carry over.

Large print (`large=True`) sets the body at 14 pt for residents who read with difficulty.
Computed as strings first (`agenda_model`), then drawn (`write_agenda`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Table, TableStyle

from buurtteam.domain.agenda import PROCEDURAL_SECTIONS
from buurtteam.domain.vocab import PointStatus, ProposalStatus, Purpose, Section, Source
from buurtteam.i18n import _, ngettext
from buurtteam.i18n.format import datum, datum_long, euro, tijd
from buurtteam.i18n.labels import point_status_label, proposal_status_label, purpose_label
from buurtteam.reports.pdf import MARGIN, PageFrame, Styles, build_pdf, para, spacer, table

NOTHING = "—"
CONTENT_WIDTH = 210 * mm - 2 * MARGIN


# -- what the report is given ------------------------------------------------------------


@dataclass(frozen=True)
class PrintItem:
    section: Section
    title: str
    description: str | None
    source: Source
    purpose: Purpose
    minutes: int | None
    starts_at: datetime
    carried_from: date | None = None


@dataclass(frozen=True)
class PrintProposal:
    title: str
    amount_requested: Decimal
    status: ProposalStatus


@dataclass(frozen=True)
class PrintPoint:
    number: int
    title: str | None
    party: str | None
    status: PointStatus | None


@dataclass(frozen=True)
class PrintAction:
    text: str
    who: str | None
    due: date | None
    meeting_date: date


@dataclass(frozen=True)
class AgendaPrintData:
    neighbourhood: str
    municipality: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    chair: str | None
    cancel_reason: str | None
    original_starts_at: datetime | None
    move_reason: str | None
    items: tuple[PrintItem, ...]
    proposals: tuple[PrintProposal, ...]
    points: tuple[PrintPoint, ...]
    actions: tuple[PrintAction, ...]
    total_minutes: int
    length_minutes: int
    printed_on: date


# -- the model: every printed string ----------------------------------------------------


@dataclass(frozen=True)
class ItemLine:
    number: str
    start: str
    title: str
    details: str
    description: str | None


@dataclass(frozen=True)
class Block:
    """A run of items; the requests of the municipality and partners get a heading."""

    heading: str | None
    note: str | None
    items: tuple[ItemLine, ...]


@dataclass(frozen=True)
class Appendix:
    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str


@dataclass(frozen=True)
class AgendaReportModel:
    document_title: str
    header_left: str
    header_right: str
    footer: str
    title: str
    facts: tuple[tuple[str, str], ...]
    notices: tuple[str, ...]
    letter: tuple[str, ...]
    agenda_heading: str
    blocks: tuple[Block, ...]
    total: str
    appendix_heading: str
    appendices: tuple[Appendix, ...]


def duration_words(minutes: int) -> str:
    """`45 minuten`, `1 uur`, `2 uur en 5 minuten`."""
    hours, rest = divmod(minutes, 60)
    minute_words = ngettext("{count} minute", "{count} minutes", rest).format(count=rest)
    if not hours:
        return minute_words
    hour_words = ngettext("{count} hour", "{count} hours", hours).format(count=hours)
    if not rest:
        return hour_words
    return _("{hours} and {minutes}").format(hours=hour_words, minutes=minute_words)


def brought_in_by(source: Source) -> str:
    """Who brought an item in, in words, without names."""
    return {
        Source.RESIDENT: _("brought in by residents"),
        Source.COMMUNITY_WORKER: _("brought in by the community worker"),
        Source.TEAM: _("brought in by the project team"),
        Source.MUNICIPALITY: _("brought in by the municipality"),
        Source.PARTNER: _("brought in by a partner"),
    }[source]


def _time_span(data: AgendaPrintData) -> str:
    if data.ends_at is not None and data.ends_at > data.starts_at:
        return _("{start} to {end}").format(start=tijd(data.starts_at), end=tijd(data.ends_at))
    return _("from {start}").format(start=tijd(data.starts_at))


def _details(item: PrintItem) -> str:
    parts = [purpose_label(item.purpose)]
    if item.minutes:
        parts.append(_("{minutes} min.").format(minutes=item.minutes))
    if item.section not in PROCEDURAL_SECTIONS:
        parts.append(brought_in_by(item.source))
    if item.carried_from is not None:
        parts.append(_("carried over from {date}").format(date=datum_long(item.carried_from)))
    return " · ".join(parts)


def _blocks(items: Sequence[PrintItem]) -> tuple[Block, ...]:
    """Runs of items split where the requests of the municipality and partners begin and end."""
    runs: list[list[tuple[int, PrintItem]]] = []
    for number, item in enumerate(items, start=1):
        is_request = item.section is Section.REQUESTS
        if not runs or (runs[-1][-1][1].section is Section.REQUESTS) != is_request:
            runs.append([])
        runs[-1].append((number, item))
    blocks = []
    for index, run in enumerate(runs):
        lines = tuple(_line(number, item) for number, item in run)
        if run[0][1].section is Section.REQUESTS:
            blocks.append(
                Block(
                    _("Requests from the municipality and partners"),
                    _(
                        "The municipality and partners would like the team's reaction on "
                        "these. The project team decides whether and when it takes them up."
                    ),
                    lines,
                )
            )
        elif index > 0 and all(item.section in PROCEDURAL_SECTIONS for _n, item in run):
            blocks.append(Block(_("To finish"), None, lines))  # after the requests
        else:
            blocks.append(Block(None, None, lines))
    return tuple(blocks)


def _line(number: int, item: PrintItem) -> ItemLine:
    return ItemLine(
        number=f"{number}.",
        start=tijd(item.starts_at),
        title=item.title,
        details=_details(item),
        description=item.description,
    )


def _total(data: AgendaPrintData) -> str:
    end = data.starts_at + timedelta(minutes=data.total_minutes)
    line = _("Planned time: {duration}, until about {end}.").format(
        duration=duration_words(data.total_minutes), end=tijd(end)
    )
    over = data.total_minutes - data.length_minutes
    if over > 0:
        line += " " + _("That is {duration} longer than the meeting lasts.").format(
            duration=duration_words(over)
        )
    return line


def _notices(data: AgendaPrintData) -> tuple[str, ...]:
    notices = []
    if data.cancel_reason:
        notices.append(_("This meeting is cancelled: {reason}").format(reason=data.cancel_reason))
    if data.original_starts_at is not None:
        moved = _("Please note: this meeting was moved from {date}.").format(
            date=datum(data.original_starts_at.date())
        )
        if data.move_reason:
            moved += " " + _("Reason: {reason}").format(reason=data.move_reason)
        notices.append(moved)
    return tuple(notices)


def _letter(data: AgendaPrintData) -> tuple[str, ...]:
    lines = [
        _("Dear members of the project team and interested residents,"),
        _(
            "You are warmly invited to the meeting of the project team {neighbourhood}. "
            "You will find the agenda on the next page."
        ).format(neighbourhood=data.neighbourhood),
        _(
            "Residents bring in their own topics; they come first. The requests of the "
            "municipality and partners are listed apart, and the team decides whether and "
            "when to take them up."
        ),
        _("Cannot come? Please let the chair know."),
        _("Kind regards,"),
    ]
    lines.append(
        _("{name}, chair").format(name=data.chair)
        if data.chair
        else _("The project team {neighbourhood}").format(neighbourhood=data.neighbourhood)
    )
    return tuple(lines)


def _appendices(data: AgendaPrintData) -> tuple[Appendix, ...]:
    return (
        Appendix(
            _("Budget proposals to decide on"),
            (_("Proposal"), _("Requested"), _("Status")),
            tuple(
                (p.title, euro(p.amount_requested), proposal_status_label(p.status))
                for p in data.proposals
            ),
            _("No budget proposal is on this agenda."),
        ),
        Appendix(
            _("Contract points to discuss"),
            (_("No."), _("Contract point"), _("Responsible party"), _("Status")),
            tuple(
                (
                    str(p.number),
                    p.title or _("(not in the contract in force)"),
                    p.party or NOTHING,
                    point_status_label(p.status) if p.status else NOTHING,
                )
                for p in data.points
            ),
            _("No contract point is linked to this agenda."),
        ),
        Appendix(
            _("Open actions"),
            (_("Action"), _("Who"), _("Deadline"), _("From the meeting of")),
            tuple(
                (
                    a.text,
                    a.who or NOTHING,
                    datum_long(a.due) if a.due else NOTHING,
                    datum_long(a.meeting_date),
                )
                for a in data.actions
            ),
            _("There are no open actions."),
        ),
    )


def agenda_model(data: AgendaPrintData) -> AgendaReportModel:
    day = datum(data.starts_at.date())
    title = _("Agenda project team {neighbourhood}").format(neighbourhood=data.neighbourhood)
    facts = [
        (_("Neighbourhood"), f"{data.neighbourhood}, {data.municipality}"),
        (_("Date"), day),
        (_("Time"), _time_span(data)),
        (_("Place"), data.location or _("to be announced")),
    ]
    if data.chair:
        facts.append((_("Chair"), data.chair))
    return AgendaReportModel(
        document_title=f"{title}, {day}",
        header_left=title,
        header_right=day,
        footer=_("Printed on {date}").format(date=datum_long(data.printed_on)),
        title=_("Invitation"),
        facts=tuple(facts),
        notices=_notices(data),
        letter=_letter(data),
        agenda_heading=_("Agenda for {date}").format(date=day),
        blocks=_blocks(data.items),
        total=_total(data),
        appendix_heading=_("Appendices"),
        appendices=_appendices(data),
    )


# -- drawing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaStyles(Styles):
    """In large print nothing drops below 14 pt: not the small print, not table cells."""

    @property
    def small(self) -> ParagraphStyle:
        if not self.large:
            return super().small
        return self._style("small", 1.0, textColor=colors.HexColor("#333333"))

    @property
    def cell(self) -> ParagraphStyle:
        return self._style("cell", 1.0) if self.large else super().cell

    @property
    def cell_bold(self) -> ParagraphStyle:
        return self._style("cell_bold", 1.0, bold=True) if self.large else super().cell_bold


def _facts_table(model: AgendaReportModel, styles: Styles) -> Table:
    label_width = 38 * mm if styles.large else 30 * mm
    rows = [
        [para(label, styles.body, markup="b"), para(value, styles.body)]
        for label, value in model.facts
    ]
    result = Table(rows, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return result


def _item_row(line: ItemLine, styles: Styles) -> list[Flowable | list[Flowable]]:
    body: list[Flowable] = [para(line.title, styles.body, markup="b")]
    if line.description:
        body.append(para(line.description, styles.body))
    body.append(para(line.details, styles.small))
    return [para(line.start, styles.body), para(line.number, styles.body, markup="b"), body]


def _items_table(block: Block, styles: Styles) -> Table:
    start_width = 22 * mm if styles.large else 16 * mm
    number_width = 14 * mm if styles.large else 10 * mm
    result = Table(
        [_item_row(line, styles) for line in block.items],
        colWidths=[start_width, number_width, CONTENT_WIDTH - start_width - number_width],
        hAlign="LEFT",
    )
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return result


def _story(model: AgendaReportModel, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        para(model.title, styles.title),
        _facts_table(model, styles),
        spacer(styles),
    ]
    for notice in model.notices:
        story.append(para(notice, styles.subheading))
    story += [para(line, styles.body) for line in model.letter]
    story += [PageBreak(), para(model.agenda_heading, styles.heading)]
    for block in model.blocks:
        if block.heading:
            header: list[Flowable] = [para(block.heading, styles.subheading)]
            if block.note:
                header.append(para(block.note, styles.small))
            story.append(KeepTogether([*header, _items_table(block, styles)]))
        else:
            story.append(_items_table(block, styles))
    story += [spacer(styles, 0.5), para(model.total, styles.body)]
    story += [PageBreak(), para(model.appendix_heading, styles.heading)]
    for appendix, widths in zip(model.appendices, _APPENDIX_WIDTHS, strict=True):
        story.append(para(appendix.heading, styles.subheading))
        if appendix.rows:
            story.append(table([appendix.header, *appendix.rows], widths, styles))
        else:
            story.append(para(appendix.empty, styles.body))
    return story


# Column widths of the three appendices, in the order `_appendices` gives them.
_APPENDIX_WIDTHS = (
    (CONTENT_WIDTH - 70 * mm, 35 * mm, 35 * mm),  # proposal, requested, status
    (14 * mm, CONTENT_WIDTH - 94 * mm, 45 * mm, 35 * mm),  # no., point, party, status
    (CONTENT_WIDTH - 115 * mm, 40 * mm, 37 * mm, 38 * mm),  # action, who, due, meeting
)


def write_agenda(data: AgendaPrintData, target: Path, *, large: bool = False) -> Path:
    """Print the agenda to `target` (A4 PDF); identical input gives identical bytes."""
    model = agenda_model(data)
    styles = AgendaStyles(large=large)
    frame = PageFrame(model.header_left, model.header_right, model.footer)
    return build_pdf(target, _story(model, styles), frame, styles, title=model.document_title)
