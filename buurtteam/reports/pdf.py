"""What every printed document shares: fonts, styles, escaping, header and footer.

Reports first compute a model of formatted strings, then draw it with these helpers.
- DejaVu Sans is embedded so every alphabet prints (reportlab's Helvetica covers only
  Windows-1252: `ı Ş Ğ Ł` would come out as boxes).
- User text always goes through `para()` / `esc()`: reportlab reads `<`, `&` and `>` as
  markup, `<b>half` crashes a build and `<img src=...>` opens local files.
- `invariant=1`: identical input gives identical bytes.
- Large print (at least 14 pt) for residents who read with difficulty.
- Footer "pagina 1 van N" needs the page count, so pages are drawn after layout
  (the numbered-canvas recipe).
- Layout is most of the time a print takes (issue 8), so a paragraph breaks its lines
  once per width and a `Styles` makes each paragraph style once.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from buurtteam.errors import N_, StoreError
from buurtteam.i18n import _
from buurtteam.resources import resource

FONT = "DejaVuSans"
MARGIN = 18 * mm


@cache
def register_fonts() -> str:
    fonts = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, file in fonts.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Oblique",
        boldItalic=f"{FONT}-BoldOblique",
    )
    return FONT


def esc(text: str | None) -> str:
    """User text made safe for a Paragraph: markup characters literal, line breaks kept."""
    if not text:
        return ""
    return escape(text).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    """Paragraph styles at one print size: regular (10 pt) or large print (14 pt)."""

    large: bool = False
    # Each style is made once per document: a report asks for `styles.body` hundreds of
    # times, and making a ParagraphStyle costs about as much as parsing a short paragraph.
    _made: dict[tuple[Any, ...], ParagraphStyle] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def size(self) -> float:
        return 14.0 if self.large else 10.0

    def _style(
        self, name: str, scale: float = 1.0, bold: bool = False, **extra: Any
    ) -> ParagraphStyle:
        key = (name, scale, bold, *sorted((k, repr(v)) for k, v in extra.items()))
        made = self._made.get(key)
        if made is None:
            register_fonts()
            size = self.size * scale
            made = self._made[key] = ParagraphStyle(
                name,
                fontName=f"{FONT}-Bold" if bold else FONT,
                fontSize=size,
                leading=size * 1.3,
                alignment=TA_LEFT,
                **extra,
            )
        return made

    @property
    def body(self) -> ParagraphStyle:
        return self._style("body", spaceAfter=self.size * 0.4)

    @property
    def small(self) -> ParagraphStyle:
        return self._style("small", 0.85, textColor=colors.HexColor("#333333"))

    @property
    def title(self) -> ParagraphStyle:
        return self._style("title", 1.8, bold=True, spaceAfter=self.size * 0.6)

    @property
    def heading(self) -> ParagraphStyle:
        return self._style(
            "heading",
            1.3,
            bold=True,
            spaceBefore=self.size * 0.9,
            spaceAfter=self.size * 0.4,
            keepWithNext=1,
        )

    @property
    def subheading(self) -> ParagraphStyle:
        return self._style(
            "subheading",
            1.1,
            bold=True,
            spaceBefore=self.size * 0.6,
            spaceAfter=self.size * 0.2,
            keepWithNext=1,
        )

    def hanging(self, indent: float, right: float = 0.0) -> ParagraphStyle:
        """Body text indented by `indent`, its bold label (`para(label=...)`) hanging left.

        Looks like a two-column row of label and text, but lays out as one paragraph
        (a one-row table is measured and drawn cell by cell). Fixed spacing as the
        table rows it replaces: 3 pt under, 6 pt between.
        """
        return self._style(
            "hanging",
            leftIndent=indent,
            rightIndent=right,
            bulletIndent=0,
            bulletFontName=f"{FONT}-Bold",
            bulletFontSize=self.size,
            spaceBefore=6,
            spaceAfter=3,
            allowWidows=0,  # an entry taller than a page leaves no line alone
        )

    def label_fits(self, label: str, indent: float) -> bool:
        """Whether `label` hangs in `indent` with reportlab's gap (0.6 em) before the text."""
        width = pdfmetrics.stringWidth(label, f"{FONT}-Bold", self.size)
        return width + 0.6 * self.size <= indent

    @property
    def cell(self) -> ParagraphStyle:
        return self._style("cell", 0.9)

    @property
    def cell_bold(self) -> ParagraphStyle:
        return self._style("cell_bold", 0.9, bold=True)


class OnceParagraph(Paragraph):
    """A Paragraph that breaks its lines once for each width it is given.

    reportlab measures a paragraph again every time it is asked: a table cell when the
    table is measured and again when it is drawn, a KeepTogether's content once for the
    group and once more on the page. Breaking lines is the bulk of a print, and the
    result depends only on the text, the style and the width, so it is kept.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # `split` drops blPara when the paragraph does not fit; then measure again.
        if self.__dict__.get("_broken_at") == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._broken_at = availWidth
        return size


class EntryParagraph(OnceParagraph):
    """A labelled entry: kept whole on one page, as the table row it replaces was.

    Only an entry taller than a whole page runs over (where a table row would stop the
    print), and then it leaves no single line behind on either page.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", True):
            return []  # not at the top of a page: move to the next one whole
        parts: list[Flowable] = super().split(availWidth, availHeight)
        return parts


def para(
    text: str | None, style: ParagraphStyle, *, markup: str = "", label: str | None = None
) -> Paragraph:
    """A paragraph of user text, escaped. `markup` may wrap it (`"b"`, `"i"`).

    `label` makes it an entry (`EntryParagraph`) with the label in the hanging indent of
    a `Styles.hanging` style; reportlab draws the label as plain text, never as markup.
    """
    content = esc(text)
    if markup:
        content = f"<{markup}>{content}</{markup}>"
    if label is not None:
        return EntryParagraph(content, style, bulletText=label)
    return OnceParagraph(content, style)


def table(
    rows: Sequence[Sequence[str | Flowable]],
    widths: Sequence[float],
    styles: Styles,
    *,
    header: bool = True,
    zebra: bool = True,
) -> Table:
    """A table of user text: every string becomes an escaped paragraph so cells wrap."""
    cell, bold = styles.cell, styles.cell_bold
    data = [
        [
            value
            if isinstance(value, Flowable)
            else para(value, bold if header and r == 0 else cell)
            for value in row
        ]
        for r, row in enumerate(rows)
    ]
    result = Table(data, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
    ]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 1, colors.black))
    if zebra:
        for r in range(1 if header else 0, len(rows), 2):
            commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F2F2F2")))
    result.setStyle(TableStyle(commands))
    return result


def spacer(styles: Styles, lines: float = 1.0) -> Spacer:
    return Spacer(1, styles.size * 1.3 * lines)


@dataclass(frozen=True)
class PageFrame:
    """What stands on every page: a header line (left, right) and a footer note."""

    header_left: str
    header_right: str = ""
    footer_note: str = ""


def _numbered_canvas(frame: PageFrame, styles: Styles) -> type[Canvas]:
    size = max(8.0, styles.size * 0.8)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = A4
            self.setFont(FONT, size)
            self.setFillColor(colors.HexColor("#333333"))
            self.drawString(MARGIN, height - 12 * mm, frame.header_left)
            self.drawRightString(width - MARGIN, height - 12 * mm, frame.header_right)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.25)
            self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
            self.drawString(MARGIN, 10 * mm, frame.footer_note)
            self.drawRightString(
                width - MARGIN,
                10 * mm,
                _("page {number} of {total}").format(number=number, total=total),
            )

    return NumberedCanvas


def build_pdf(
    target: Path,
    story: list[Flowable],
    frame: PageFrame,
    styles: Styles,
    *,
    title: str,
    author: str = "buurtteam",
) -> Path:
    """Lay out `story` into `target`, atomically: a crash never leaves half a PDF."""
    register_fonts()
    target = Path(target).expanduser()
    partial = target.with_name(target.name + ".part")
    top = 18 * mm + (styles.size - 10) * 0.5 * mm
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        document = SimpleDocTemplate(
            str(partial),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=top,
            bottomMargin=18 * mm,
            title=title,
            author=author,
            creator="buurtteam",
            invariant=1,
        )
        document.build(story, canvasmaker=_numbered_canvas(frame, styles))
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StoreError(
            N_(
                "The PDF {file} could not be written: {reason}. Choose another folder "
                "or close the file if it is open in a PDF viewer."
            ),
            file=str(target),
            reason=error.strerror or str(error),
        ) from None
    return target
