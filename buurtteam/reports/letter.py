"""A plain letter from the projectteam to a party: sender, addressee, date, subject, body.

The team writes to the municipal executive, the housing corporation or the police about a
buurtkwestie; the app records the letter as a step so the reply can be chased. Dutch
letter layout: the sender top left, the addressee below it, place and date in words,
"Onderwerp:", the text, the greeting and the signature.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable

from buurtteam.i18n import _
from buurtteam.i18n.format import datum_long
from buurtteam.reports.pdf import PageFrame, Styles, build_pdf, para, spacer


@dataclass(frozen=True)
class LetterData:
    sender: str  # may span lines (name, address)
    addressee: str  # may span lines
    place: str | None
    date: dt.date
    subject: str
    body: str  # paragraphs separated by an empty line
    signature: str = ""  # lines under the greeting (name, role)


@dataclass(frozen=True)
class LetterModel:
    """The letter as the strings that are printed."""

    sender: str
    addressee: str
    dateline: str
    subject: str
    paragraphs: tuple[str, ...]
    greeting: str
    signature: str


def letter_model(letter: LetterData) -> LetterModel:
    day = datum_long(letter.date)
    dateline = f"{letter.place}, {day}" if letter.place else day
    paragraphs = tuple(
        part.strip() for part in letter.body.replace("\r\n", "\n").split("\n\n") if part.strip()
    )
    return LetterModel(
        sender=letter.sender.strip(),
        addressee=letter.addressee.strip(),
        dateline=dateline,
        subject=_("Subject: {subject}").format(subject=letter.subject.strip()),
        paragraphs=paragraphs,
        greeting=_("Kind regards,"),
        signature=letter.signature.strip(),
    )


def write_letter(letter: LetterData, target: Path, *, large: bool = False) -> Path:
    """The letter as a PDF at `target` (written atomically)."""
    model = letter_model(letter)
    styles = Styles(large)
    story: list[Flowable] = []
    # The first line of the sender stands in the page header, like a letterhead; a longer
    # sender (with an address) is written out in full above the addressee.
    if "\n" in model.sender:
        story += [para(model.sender, styles.small), spacer(styles, 2)]
    story += [para(model.addressee, styles.body), spacer(styles, 2)]
    story += [para(model.dateline, styles.body), spacer(styles, 0.5)]
    story += [para(model.subject, styles.body, markup="b"), spacer(styles, 1)]
    story += [para(paragraph, styles.body) for paragraph in model.paragraphs]
    story += [spacer(styles, 0.5), para(model.greeting, styles.body), spacer(styles, 2.5)]
    if model.signature:
        story.append(para(model.signature, styles.body))
    frame = PageFrame(header_left=model.sender.splitlines()[0] if model.sender else "")
    return build_pdf(target, story, frame, styles, title=letter.subject)
