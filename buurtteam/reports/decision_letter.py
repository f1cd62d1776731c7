"""The letter to the resident who proposed: where the proposal stands, in writing.

Granted (the amount, in full or in part, and what happens next), rejected (the reason),
on hold (until when, and why), withdrawn, or received and awaiting the team. Plain Dutch
letter layout: the projectteam top left, the resident below it at the height of a window
envelope's window, place and date in words, "Onderwerp:", the text, the greeting and the
chair's name.

We keep no addresses (privacy: name and role only), so the letter has the resident's name
and room beneath it for the address, written by hand or typed before sending.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from buurtteam.domain.vocab import ProposalStatus
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, datum_long, euro
from buurtteam.reports.pdf import PageFrame, Styles, build_pdf, para, spacer

ADDRESS_LINES = 3  # room left for street, postcode and place


@dataclass(frozen=True)
class DecisionLetterData:
    neighbourhood: str
    municipality: str
    resident: str | None
    reference: str  # the proposal's id, so a reply or an invoice can name it
    title: str
    received_on: dt.date
    requested: Decimal
    status: ProposalStatus
    year: int
    granted: Decimal | None
    reason: str | None
    deferred_until: dt.date | None
    decided_on: dt.date | None
    chair: str | None
    next_meeting: dt.date | None
    printed_on: dt.date


@dataclass(frozen=True)
class DecisionLetterModel:
    sender: str
    addressee: str
    address_room: int
    dateline: str
    reference: str
    subject: str
    salutation: str
    paragraphs: tuple[str, ...]
    greeting: str
    signature: str


def _opening(data: DecisionLetterData) -> str:
    if data.decided_on is None:
        return _(
            "On {received} we received your proposal “{title}” for the neighbourhood budget "
            "({amount})."
        ).format(received=datum(data.received_on), title=data.title, amount=euro(data.requested))
    return _(
        "At its meeting on {date} the projectteam of {neighbourhood} discussed your proposal "
        "“{title}” for the neighbourhood budget."
    ).format(date=datum(data.decided_on), neighbourhood=data.neighbourhood, title=data.title)


def _next_meeting_sentence(data: DecisionLetterData) -> str:
    if data.next_meeting is None:
        return _("The team will let you know when it meets again.")
    return _("The next meeting of the team is on {date}.").format(date=datum(data.next_meeting))


def _body(data: DecisionLetterData) -> list[str]:
    status = data.status
    paragraphs = [_opening(data)]
    if status is ProposalStatus.GRANTED and data.granted is not None:
        if data.granted < data.requested:
            paragraphs.append(
                _(
                    "The team has granted your proposal in part: you asked for {requested}; "
                    "the team grants {granted} from the neighbourhood budget {year}."
                ).format(requested=euro(data.requested), granted=euro(data.granted), year=data.year)
            )
        else:
            paragraphs.append(
                _(
                    "We are pleased to tell you that the team has granted your proposal: "
                    "{granted} from the neighbourhood budget {year}."
                ).format(granted=euro(data.granted), year=data.year)
            )
        if data.reason:
            paragraphs.append(_("The team adds: {reason}").format(reason=data.reason))
        paragraphs.append(
            _(
                "What happens next? You can now get the plan going. Send the invoices and "
                "receipts to the neighbourhood coordinator, stating reference {reference}; the "
                "municipality pays them from the neighbourhood budget up to {granted}. More "
                "than that cannot be paid. If your plans change, please let us know as soon "
                "as possible."
            ).format(reference=data.reference, granted=euro(data.granted))
        )
    elif status is ProposalStatus.REJECTED:
        paragraphs.append(_("The team has decided not to grant your proposal."))
        paragraphs.append(
            _("The reason: {reason}").format(reason=data.reason or _("none was recorded."))
        )
        paragraphs.append(
            _(
                "Do you disagree, or do you have a new idea? You are welcome to explain it at "
                "a meeting of the team, or to submit a new proposal. {next}"
            ).format(next=_next_meeting_sentence(data))
        )
    elif status is ProposalStatus.DEFERRED:
        until = (
            _("until {date}").format(date=datum(data.deferred_until))
            if data.deferred_until
            else _("for the time being")
        )
        paragraphs.append(
            _("The team has decided to put your proposal on hold {until}.").format(until=until)
        )
        paragraphs.append(
            _("The reason: {reason}").format(reason=data.reason or _("none was recorded."))
        )
        paragraphs.append(
            _(
                "The team will discuss your proposal again then; you do not need to submit "
                "it again. You will hear from us as soon as there is a decision."
            )
        )
    elif status is ProposalStatus.WITHDRAWN:
        paragraphs.append(
            _(
                "You have withdrawn your proposal, and the team has recorded this. You are "
                "always welcome to submit a new proposal."
            )
        )
        if data.reason:
            paragraphs.append(_("The team notes: {reason}").format(reason=data.reason))
    else:
        paragraphs.append(
            _(
                "The team decides on proposals at its meetings; your proposal is on the "
                "agenda. {next} You will receive the decision in writing."
            ).format(next=_next_meeting_sentence(data))
        )
    paragraphs.append(
        _("If you have questions, please contact the team, stating reference {reference}.").format(
            reference=data.reference
        )
    )
    return paragraphs


def letter_model(data: DecisionLetterData) -> DecisionLetterModel:
    team = _("Projectteam {neighbourhood}").format(neighbourhood=data.neighbourhood)
    return DecisionLetterModel(
        sender=f"{team}\n{data.municipality}",
        addressee=data.resident or _("To the person who submitted the proposal"),
        address_room=ADDRESS_LINES,
        dateline=f"{data.municipality}, {datum_long(data.printed_on)}",
        reference=_("Reference: {reference}").format(reference=data.reference),
        subject=_("Subject: your proposal for the neighbourhood budget, “{title}”").format(
            title=data.title
        ),
        salutation=_("Dear {name},").format(name=data.resident)
        if data.resident
        else _("Dear Sir or Madam,"),
        paragraphs=tuple(_body(data)),
        greeting=_("Kind regards,"),
        signature="\n".join(
            part
            for part in (
                data.chair,
                _("chair of the projectteam {neighbourhood}").format(
                    neighbourhood=data.neighbourhood
                )
                if data.chair
                else team,
            )
            if part
        ),
    )


def _address_block(model: DecisionLetterModel, styles: Styles) -> Table:
    """The name, then ruled lines to write the address on."""
    rows = [[para(model.addressee, styles.body)]] + [[""] for _line in range(model.address_room)]
    block = Table(rows, colWidths=[85 * mm], rowHeights=None, hAlign="LEFT")
    block.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 1), (0, -1), 0.4, colors.HexColor("#999999")),
                ("TOPPADDING", (0, 1), (0, -1), styles.size * 0.9),
            ]
        )
    )
    return block


def story(model: DecisionLetterModel, styles: Styles) -> list[Flowable]:
    parts: list[Flowable] = [
        para(model.sender, styles.body, markup="b"),
        spacer(styles, 2.5),
        _address_block(model, styles),
        spacer(styles, 2.5),
        para(model.dateline, styles.body),
        para(model.reference, styles.body),
        spacer(styles, 0.5),
        para(model.subject, styles.body, markup="b"),
        spacer(styles, 0.5),
        para(model.salutation, styles.body),
    ]
    parts += [para(text, styles.body) for text in model.paragraphs]
    parts += [
        spacer(styles, 0.5),
        para(model.greeting, styles.body),
        spacer(styles, 2.5),
        para(model.signature, styles.body),
    ]
    return parts


def write_decision_letter(data: DecisionLetterData, target: Path, *, large: bool = False) -> Path:
    styles = Styles(large=large)
    model = letter_model(data)
    frame = PageFrame(
        header_left=_("Projectteam {neighbourhood}").format(neighbourhood=data.neighbourhood),
        header_right=model.reference,
    )
    return build_pdf(target, story(model, styles), frame, styles, title=model.subject)
