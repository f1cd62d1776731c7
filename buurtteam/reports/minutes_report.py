"""The printed minutes (verslag): attendance, the items with their outcomes, two appendices.

Page 1 opens with the neighbourhood, the date in words, time and place, who chaired and
who took the minutes, and the state of the minutes: "Concept" until a later meeting
approves them, then "Vastgesteld in de vergadering van ...". Then the attendance
(present, absent with notice, absent, guests) and the quorum, the items in order with
their notes, decisions and votes, actions (who, by when), ideas and what was recorded on
contract points, the errata, and a signature block for chair and secretary. The
besluitenlijst and the actielijst follow as appendices.

Approved minutes print their fingerprint ("controlecode") in the footer of every page:
whoever holds the paper can check that the stored minutes were not changed since.

Large print (`large=True`) keeps every line at 14 pt at least. Computed as strings first
(`minutes_model`), then drawn (`write_minutes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from buurtteam.domain.minutes import VoteCount, fingerprint_words
from buurtteam.domain.vocab import PointStatus, Role
from buurtteam.i18n import _, ngettext
from buurtteam.i18n.format import datum, datum_long, tijd
from buurtteam.i18n.labels import point_status_label, roles_label
from buurtteam.reports.agenda_report import AgendaStyles
from buurtteam.reports.pdf import MARGIN, PageFrame, Styles, build_pdf, para, spacer, table

NOTHING = "—"
CONTENT_WIDTH = 210 * mm - 2 * MARGIN


# -- what the report is given ---------------------------------------------------------------


@dataclass(frozen=True)
class PrintPerson:
    name: str
    roles: tuple[Role, ...]
    arrived_at: time | None = None
    left_at: time | None = None


@dataclass(frozen=True)
class PrintDecision:
    item_number: int
    item_title: str
    text: str
    votes: VoteCount | None


@dataclass(frozen=True)
class PrintAction:
    text: str
    who: str | None
    due: date | None
    done_on: date | None
    meeting_date: date  # of the meeting that agreed it


@dataclass(frozen=True)
class PrintHistory:
    number: int
    title: str
    party: str
    status: PointStatus
    note: str | None


@dataclass(frozen=True)
class PrintItem:
    number: int
    title: str
    notes: str | None
    discussed: bool | None
    decisions: tuple[PrintDecision, ...]
    actions: tuple[PrintAction, ...]
    ideas: tuple[str, ...]
    history: tuple[PrintHistory, ...]


@dataclass(frozen=True)
class MinutesPrintData:
    neighbourhood: str
    municipality: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    chair: str | None
    secretary: str | None
    approved_at: date | None  # None: concept minutes
    present: tuple[PrintPerson, ...]
    absent_with_notice: tuple[PrintPerson, ...]
    absent: tuple[PrintPerson, ...]
    guests: tuple[tuple[str, str | None], ...]
    voters_present: int
    quorum: int
    items: tuple[PrintItem, ...]
    other_history: tuple[PrintHistory, ...]
    decisions: tuple[PrintDecision, ...]  # the besluitenlijst
    actions: tuple[PrintAction, ...]  # the actielijst
    errata: tuple[tuple[date, str], ...]
    fingerprint: str  # of the content printed
    stored_fingerprint: str | None
    printed_on: date


# -- the model: every printed string ------------------------------------------------------


@dataclass(frozen=True)
class ItemBlock:
    heading: str
    lines: tuple[tuple[str, str], ...]  # (label, text); an empty label is a plain paragraph


@dataclass(frozen=True)
class Appendix:
    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str


@dataclass(frozen=True)
class MinutesReportModel:
    document_title: str
    header_left: str
    header_right: str
    footer: str
    title: str
    state: str  # "Concept: ..." or "Vastgesteld in de vergadering van ..."
    notices: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]
    attendance: tuple[tuple[str, str], ...]
    quorum: str
    items_heading: str
    items: tuple[ItemBlock, ...]
    errata_heading: str
    errata: tuple[tuple[str, str], ...]
    signature_heading: str
    signatures: tuple[tuple[str, str], ...]  # (role, name)
    appendix_heading: str
    appendices: tuple[Appendix, ...]


def votes_words(votes: VoteCount | None) -> str:
    """`unaniem`, or `aangenomen: 4 voor, 1 tegen, 1 onthouding`; "" without a vote."""
    if votes is None:
        return ""
    if votes.unanimous:
        return _("unanimous ({count} in favour)").format(count=votes.in_favour)
    counts = _("{in_favour} in favour, {against} against, {abstain} abstained").format(
        in_favour=votes.in_favour, against=votes.against, abstain=votes.abstain
    )
    if votes.carried:
        return _("adopted: {counts}").format(counts=counts)
    return _("not adopted: {counts}").format(counts=counts)


def _person(person: PrintPerson) -> str:
    text = f"{person.name} ({roles_label(person.roles)})" if person.roles else person.name
    times = []
    if person.arrived_at is not None:
        times.append(_("arrived at {time}").format(time=tijd(person.arrived_at)))
    if person.left_at is not None:
        times.append(_("left at {time}").format(time=tijd(person.left_at)))
    return f"{text}, {', '.join(times)}" if times else text


def _names(people: Sequence[PrintPerson]) -> str:
    return "; ".join(_person(p) for p in people) if people else NOTHING


def _guest(name: str, organisation: str | None) -> str:
    return f"{name} ({organisation})" if organisation else name


def _time_span(data: MinutesPrintData) -> str:
    if data.ends_at is not None and data.ends_at > data.starts_at:
        return _("{start} to {end}").format(start=tijd(data.starts_at), end=tijd(data.ends_at))
    return _("from {start}").format(start=tijd(data.starts_at))


def action_state(action: PrintAction, on: date) -> str:
    """`open`, `gereed op 3 februari 2027`, or `open, deadline verstreken` as of `on`."""
    if action.done_on is not None:
        return _("done on {date}").format(date=datum_long(action.done_on))
    if action.due is not None and action.due < on:
        return _("open, deadline passed")
    return _("open")


def _action_line(action: PrintAction) -> str:
    parts = [action.text]
    parts.append(_("who: {who}").format(who=action.who or _("not yet assigned")))
    if action.due is not None:
        parts.append(_("by {date}").format(date=datum_long(action.due)))
    return " — ".join(parts)


def _history_line(entry: PrintHistory) -> str:
    line = _("{number}. {title} ({party}): status {status}.").format(
        number=entry.number,
        party=entry.party,
        title=entry.title,
        status=point_status_label(entry.status),
    )
    return f"{line} {entry.note}" if entry.note else line


def _item_block(item: PrintItem) -> ItemBlock:
    lines: list[tuple[str, str]] = []
    if item.notes:
        lines.append(("", item.notes))
    for decision in item.decisions:
        words = votes_words(decision.votes)
        vote = _("Vote: {votes}").format(votes=words) if words else ""
        lines.append((_("Decision"), f"{decision.text}\n{vote}" if vote else decision.text))
    for action in item.actions:
        lines.append((_("Action"), _action_line(action)))
    for idea in item.ideas:
        lines.append((_("Idea"), idea))
    for entry in item.history:
        lines.append((_("Contract point"), _history_line(entry)))
    if item.discussed is False:
        lines.append(("", _("Not discussed; this item moves on to the next meeting.")))
    if not lines:
        lines.append(("", _("Nothing was recorded for this item.")))
    return ItemBlock(f"{item.number}. {item.title}", tuple(lines))


def _attendance(data: MinutesPrintData) -> tuple[tuple[str, str], ...]:
    rows = [
        (_("Present"), _names(data.present)),
        (_("Absent with notice"), _names(data.absent_with_notice)),
        (_("Absent"), _names(data.absent)),
    ]
    guests = "; ".join(_guest(name, org) for name, org in data.guests)
    rows.append((_("Guests"), guests or NOTHING))
    return tuple(rows)


def _quorum(data: MinutesPrintData) -> str:
    present = ngettext(
        "{count} member with a vote was present",
        "{count} members with a vote were present",
        data.voters_present,
    ).format(count=data.voters_present)
    if data.voters_present >= data.quorum:
        return _("{present} (quorum {quorum}): the team could take decisions.").format(
            present=present, quorum=data.quorum
        )
    return _("{present}: fewer than the quorum of {quorum}.").format(
        present=present, quorum=data.quorum
    )


def _appendices(data: MinutesPrintData) -> tuple[Appendix, ...]:
    day = data.starts_at.date()
    return (
        Appendix(
            _("Appendix 1. Decisions (besluitenlijst)"),
            (_("No."), _("Agenda item"), _("Decision"), _("Vote")),
            tuple(
                (
                    str(number),
                    f"{d.item_number}. {d.item_title}",
                    d.text,
                    votes_words(d.votes) or NOTHING,
                )
                for number, d in enumerate(data.decisions, start=1)
            ),
            _("No decisions were taken at this meeting."),
        ),
        Appendix(
            _("Appendix 2. Actions (actielijst)"),
            (_("Action"), _("Who"), _("Deadline"), _("State")),
            tuple(
                (
                    # When it was agreed goes under the text: four columns fit large print.
                    a.text + "\n" + _("agreed on {date}").format(date=datum_long(a.meeting_date)),
                    a.who or NOTHING,
                    datum_long(a.due) if a.due else NOTHING,
                    action_state(a, day),
                )
                for a in data.actions
            ),
            _("There are no open actions."),
        ),
    )


def _state(data: MinutesPrintData) -> str:
    if data.approved_at is None:
        return _("Concept: these minutes have not yet been approved.")
    return _("Approved at the meeting of {date}.").format(date=datum(data.approved_at))


def _notices(data: MinutesPrintData) -> tuple[str, ...]:
    if data.approved_at is None or data.stored_fingerprint in (None, data.fingerprint):
        return ()
    return (
        _(
            "Warning: the content no longer matches the check code recorded when these "
            "minutes were approved ({stored}). Compare them with the signed paper copy."
        ).format(stored=fingerprint_words(data.stored_fingerprint or "")),
    )


def _footer(data: MinutesPrintData) -> str:
    if data.approved_at is None:
        return _("Concept · printed on {date}").format(date=datum_long(data.printed_on))
    # Short enough for large print beside "pagina 1 van 6"; the date is in the facts.
    return _("Approved · check code {code}").format(code=fingerprint_words(data.fingerprint))


def minutes_model(data: MinutesPrintData) -> MinutesReportModel:
    day = datum(data.starts_at.date())
    heading = _("Minutes project team {neighbourhood}").format(neighbourhood=data.neighbourhood)
    concept = data.approved_at is None
    facts = [
        (_("Neighbourhood"), f"{data.neighbourhood}, {data.municipality}"),
        (_("Date"), day),
        (_("Time"), _time_span(data)),
        (_("Place"), data.location or NOTHING),
        (_("Chair"), data.chair or NOTHING),
        (_("Minutes by"), data.secretary or NOTHING),
    ]
    if not concept:
        facts.append((_("Check code"), fingerprint_words(data.fingerprint)))
        facts.append((_("Printed"), datum_long(data.printed_on)))
    errata = tuple((datum_long(day_), text) for day_, text in data.errata)
    items = [_item_block(item) for item in data.items]
    if data.other_history:
        items.append(
            ItemBlock(
                _("Recorded on the contract at this meeting"),
                tuple((_("Contract point"), _history_line(h)) for h in data.other_history),
            )
        )
    return MinutesReportModel(
        document_title=f"{heading}, {day}",
        header_left=heading,
        header_right=_("{date} · Concept").format(date=day) if concept else day,
        footer=_footer(data),
        title=_("Concept minutes") if concept else _("Minutes"),
        state=_state(data),
        notices=_notices(data),
        facts=tuple(facts),
        attendance=_attendance(data),
        quorum=_quorum(data),
        items_heading=_("Agenda items"),
        items=tuple(items),
        errata_heading=_("Errata"),
        errata=errata,
        signature_heading=_("Signed for approval"),
        signatures=(
            (_("Chair"), data.chair or ""),
            (_("Secretary"), data.secretary or ""),
        ),
        appendix_heading=_("Appendices"),
        appendices=_appendices(data),
    )


# -- drawing ----------------------------------------------------------------------------


def _label_table(rows: Sequence[tuple[str, str]], styles: Styles, label_width: float) -> Table:
    data = [
        [para(label, styles.body, markup="b"), para(value, styles.body)] for label, value in rows
    ]
    result = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return result


def _labelled_line(label: str, text: str, styles: Styles, label_width: float) -> Flowable:
    """A decision, action, idea or contract point: the label left, the text beside it.

    One paragraph with the label hanging, not a one-row table: a 30-item meeting has a
    hundred of these lines, and tables made up a good part of the time a print took
    (issue 8). Its text column is exactly that of the table rows it replaces, which
    reach 6 pt into the frame's right padding; the lines break in the same places.
    A label too wide for its column (another language) still gets a table row, where
    it wraps instead of pushing the text aside.
    """
    if not text or not styles.label_fits(label, label_width):
        return _label_table([(label, text)], styles, label_width)
    return para(text, styles.hanging(label_width, right=-6), label=label)


def _item_flowables(block: ItemBlock, styles: Styles) -> list[Flowable]:
    label_width = 44 * mm if styles.large else 31 * mm
    out: list[Flowable] = [para(block.heading, styles.subheading)]
    for label, text in block.lines:
        if label:
            out.append(_labelled_line(label, text, styles, label_width))
        else:
            out.append(para(text, styles.body))
    return out


def _signature_table(model: MinutesReportModel, styles: Styles) -> Table:
    gap = 12 * mm
    half = (CONTENT_WIDTH - gap) / 2
    rows: list[list[Flowable | str]] = []
    for cells in (
        [para(role, styles.body, markup="b") for role, _name in model.signatures],
        [para(name or " ", styles.body) for _role, name in model.signatures],
        [para(_("Signature:"), styles.small) for _s in model.signatures],
        [para(" ", styles.body) for _s in model.signatures],
        [para(_("Date:"), styles.small) for _s in model.signatures],
        [para(" ", styles.body) for _s in model.signatures],
    ):
        rows.append([cells[0], "", cells[1]])
    result = Table(rows, colWidths=[half, gap, half], hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 3), (-1, 3), 18),
                # A line to sign on and one for the date, under each name.
                ("LINEBELOW", (0, 3), (0, 3), 0.5, colors.black),
                ("LINEBELOW", (2, 3), (2, 3), 0.5, colors.black),
                ("LINEBELOW", (0, 5), (0, 5), 0.5, colors.black),
                ("LINEBELOW", (2, 5), (2, 5), 0.5, colors.black),
            ]
        )
    )
    return result


def _story(model: MinutesReportModel, styles: Styles) -> list[Flowable]:
    label_width = 46 * mm if styles.large else 30 * mm
    story: list[Flowable] = [
        para(model.title, styles.title),
        para(model.state, styles.subheading),
    ]
    story += [para(notice, styles.subheading) for notice in model.notices]
    story += [
        _label_table(model.facts, styles, label_width),
        spacer(styles, 0.5),
        para(_("Attendance"), styles.heading),
        _label_table(model.attendance, styles, label_width + (14 * mm)),
        para(model.quorum, styles.body),
        para(model.items_heading, styles.heading),
    ]
    for block in model.items:
        # The subheading style keeps each heading with its first line (keepWithNext);
        # long notes may still run over a page. No KeepTogether around them: it would
        # measure the pair once more and keep "Agendapunten" apart from item 1.
        story += _item_flowables(block, styles)
    if model.errata:
        story.append(para(model.errata_heading, styles.heading))
        story.append(_label_table(model.errata, styles, label_width + (14 * mm)))
    # The heading style keeps the heading with the signature block (keepWithNext).
    story += [para(model.signature_heading, styles.heading), _signature_table(model, styles)]
    story += [PageBreak(), para(model.appendix_heading, styles.heading)]
    for appendix, widths in zip(model.appendices, _appendix_widths(styles), strict=True):
        story.append(para(appendix.heading, styles.subheading))
        if appendix.rows:
            story.append(table([appendix.header, *appendix.rows], widths, styles))
        else:
            story.append(para(appendix.empty, styles.body))
    return story


def _appendix_widths(styles: Styles) -> tuple[tuple[float, ...], ...]:
    """Column widths of the two appendices, in the order `_appendices` gives them."""
    wide = 8 * mm if styles.large else 0.0  # large print: more room for dates and names
    return (
        (12 * mm, 45 * mm, CONTENT_WIDTH - 97 * mm, 40 * mm),  # no., item, decision, vote
        (  # action, who, deadline, state
            CONTENT_WIDTH - 92 * mm - 3 * wide,
            34 * mm + wide,
            28 * mm + wide,
            30 * mm + wide,
        ),
    )


def write_minutes(data: MinutesPrintData, target: Path, *, large: bool = False) -> Path:
    """Print the minutes to `target` (A4 PDF); identical input gives identical bytes."""
    model = minutes_model(data)
    styles = AgendaStyles(large=large)
    frame = PageFrame(model.header_left, model.header_right, model.footer)
    return build_pdf(target, _story(model, styles), frame, styles, title=model.document_title)
