"""Shared layout machinery: styles, safe text, the page template (header, footer, contents, outline).

Every string from the user goes through ``safe()``: escaped for ReportLab's paragraph markup, with
newlines as line breaks, so ``<b>Tom & Jerry</b> <font size=99>`` prints literally. Free text goes through
``text_flow()`` (never into a table cell), with Markdown's safe subset (``marked()``: bold, italic, bullets)
turned into markup after escaping: it is laid out a piece at a time (``LongText``), so a megabyte in
any shape (190,000 short lines, one word, one line of words) takes seconds and little memory, and flows
across pages.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from organizer.briefing.fonts import BOLD, FAMILY, register_fonts
from organizer.briefing.labels import Labels

INK = colors.HexColor("#1b2a41")
ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#5a6473")
RULE = colors.HexColor("#b8c2cc")
SHADE = colors.HexColor("#eef2f6")
MARK = colors.HexColor("#9b1c1c")

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
CHUNK = 2500
"""Longest run of text in one Paragraph: a longer line is cut at a space (or hard), so it wraps and splits fast."""
PIECE_LINES = 30
"""Most lines of text in one Paragraph: a piece is never much taller than a page, so splitting it is cheap."""
MANY_LINES = 2000
"""A text with more line breaks than this prints them as ``↵`` within running lines: one line per break would
take a page per 56 breaks (190,000 short lines: 3,400 pages, minutes of layout), run together the text takes
the pages its characters need, as one long line does."""
LINE_MARK = " \u21b5 "
_TALL = 1e9
_BLANK_LINE = re.compile(r"[^\S\n]*(?:\n|\Z)")
_SPACES = re.compile(r" *")

ProgressFn = Callable[[int], None]


def safe(text: str | None) -> str:
    """User text as paragraph markup that prints literally."""
    if not text:
        return ""
    text = _BAD_CHARS.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return escape(text).replace("\t", "    ").replace("\n", "<br/>")


_BULLET = re.compile(r"^([^\S\n]*)[-*+][^\S\n]+", re.MULTILINE)
_BOLD = re.compile(r"(?<![*\w])(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1(?![*\w])")
_ITALIC = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])([^*_<>\n]+?)(?<=[^\s*_])\1(?![*\w])")


def marked(text: str | None) -> str:
    """Free text (notes) as paragraph markup: ``safe()`` first, then Markdown's safe subset on what is left:
    ``**bold**``/``__bold__``, ``*italic*``/``_italic_`` within a line, ``- item`` lines as bullets. Only
    balanced ``<b>``/``<i>`` pairs are added, never from the user's characters (they are escaped before)."""
    out = safe(text)
    if "*" not in out and "_" not in out and "+" not in out:
        return out
    lines = out.split("<br/>")
    for i, line in enumerate(lines):
        line = _BULLET.sub(lambda m: m.group(1).replace(" ", "\u00a0") + "•\u00a0", line, count=1)
        line = _BOLD.sub(r"<b>\2</b>", line)
        lines[i] = _ITALIC.sub(r"<i>\2</i>", line)
    return "<br/>".join(lines)


class _Text:
    """Free text cut into pieces on demand, holding nothing but the text.

    ``piece(pos)`` gives the piece that starts at ``pos``: the next lines of one block (lines up to a blank
    line), at most ``PIECE_LINES`` lines and ``CHUNK`` characters, or the next ``CHUNK`` characters of a longer
    line (cut at a space when there is one); whether the piece ends its block; and where the next one starts.
    """

    def __init__(self, text: str) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if text.count("\n") > MANY_LINES:
            text = text.replace("\n", LINE_MARK)
        self.text = text

    def _past_blank_lines(self, pos: int) -> tuple[int, bool]:
        """From the start of a line, past the blank lines there: where text goes on, and whether a block ended."""
        text, end = self.text, len(self.text)
        skipped = False
        while pos < end and (blank := _BLANK_LINE.match(text, pos)):
            skipped = True
            pos = blank.end()
        return pos, skipped or pos >= end

    def piece(self, pos: int) -> tuple[str, bool, int]:
        text, end = self.text, len(self.text)
        lines: list[str] = []
        size = 0
        while True:
            newline = text.find("\n", pos, pos + CHUNK + 1)
            stop = newline if newline >= 0 else min(end, pos + CHUNK + 1)
            if stop - pos > CHUNK:  # a line longer than a piece: its next part alone
                if lines:
                    return "\n".join(lines), False, pos
                part = text[pos:pos + CHUNK]
                cut = part.rfind(" ", CHUNK // 2)
                part = part[:cut] if cut > 0 else part
                pos = _SPACES.match(text, pos + len(part)).end()  # type: ignore[union-attr]
                if pos < end and text[pos] == "\n":
                    pos, block_end = self._past_blank_lines(pos + 1)
                    return part, block_end, pos
                return part, pos >= end, pos
            if lines and (size + stop - pos > CHUNK or len(lines) >= PIECE_LINES):
                return "\n".join(lines), False, pos
            lines.append(text[pos:stop])
            size += stop - pos + 1
            pos, block_end = self._past_blank_lines(min(stop + 1, end))
            if block_end:
                return "\n".join(lines), True, pos


def _break_word(text: str, style: ParagraphStyle, width: float) -> str:
    """Text without a space cut into lines that fit ``width`` (ReportLab measures such a word a character at a
    time, over and over as a page splits it; this is one pass over the font's width table)."""
    face = getattr(getFont(style.fontName), "face", None)
    table: dict[int, float] | None = getattr(face, "charWidths", None)
    if not table or " " in text:
        return text
    default = float(getattr(face, "defaultWidth", 1000.0))
    room = 0.98 * (width - style.leftIndent - style.rightIndent) * 1000 / style.fontSize
    ends = list(accumulate(table.get(code, default) for code in map(ord, text)))  # width up to each character
    lines: list[str] = []
    start, base = 0, 0.0
    while start < len(text):
        stop = max(bisect_right(ends, base + room, lo=start), start + 1)
        lines.append(text[start:stop])
        start, base = stop, ends[stop - 1]
    return "\n".join(lines)


class _Piece(Paragraph):  # type: ignore[misc]
    """A Paragraph that breaks its lines once per width: ``LongText`` measures a piece before the frame does."""

    _wrapped_at: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped_at != avail_width or not hasattr(self, "blPara"):
            super().wrap(avail_width, avail_height)
            self._wrapped_at = avail_width
        return self.width, self.height


class LongText(Flowable):  # type: ignore[misc]
    """The rest of a free text, from ``pos`` on, laid out one piece at a time as the pages fill.

    It never fits as a whole (``wrap`` answers "taller than any page"), so the frame asks it to ``split``,
    which gives the next piece as a Paragraph (split itself if only part of it fits) and a ``LongText`` for
    what follows. Work per page is a few small paragraphs, whatever the text's shape, and the story holds
    only the text: no paragraphs for pages not yet reached, and none kept from pages already drawn.
    """

    def __init__(self, source: _Text, pos: int, style: ParagraphStyle) -> None:
        super().__init__()
        self.source = source
        self.pos = pos
        self.style = style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, _TALL

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        text, block_end, after = self.source.piece(self.pos)
        style = self.style if block_end else _tight(self.style)
        if len(text) > 200 and "\n" not in text:
            text = _break_word(text, style, avail_width)
        para = _Piece(marked(text), style)
        rest: list[Flowable] = [LongText(self.source, after, self.style)] if after < len(self.source.text) else []
        if para.wrap(avail_width, avail_height)[1] <= avail_height:
            return [para, *rest]
        parts: list[Flowable] = para.split(avail_width, avail_height)
        return [*parts, *rest] if parts else []

    def draw(self) -> None:
        """Never drawn: only its pieces are."""


def _tight(style: ParagraphStyle) -> ParagraphStyle:
    """The style for a piece that its block goes on after: no space below it, as between lines."""
    tight: ParagraphStyle | None = getattr(style, "_tight", None)
    if tight is None:
        tight = style.clone(style.name + "-tight", spaceAfter=0)
        style._tight = tight
    return tight


def text_flow(text: str | None, style: ParagraphStyle) -> list[Flowable]:
    """Free text as paragraphs: its first piece as a Paragraph, the rest as one ``LongText``.

    Pieces follow the text's lines and blocks (a blank line between blocks gives the style's space after);
    a text of any size and shape (a million short lines, one word of a megabyte) lays out a piece at a time.
    """
    if not text or not text.strip():
        return []
    source = _Text(text)
    first, block_end, after = source.piece(0)
    flow: list[Flowable] = [Paragraph(marked(first), style if block_end else _tight(style))]
    if after < len(source.text):
        flow.append(LongText(source, after, style))
    return flow


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle
    cover_title: ParagraphStyle
    cover_kind: ParagraphStyle
    cover_line: ParagraphStyle
    cover_mark: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]


def make_styles() -> Styles:
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, textColor=INK, spaceAfter=4)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=2),
        muted=ParagraphStyle("muted", parent=body, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=2),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_head=ParagraphStyle("cell_head", parent=body, fontName=BOLD, fontSize=8, leading=10,
                                 textColor=colors.white, spaceAfter=0),
        h1=ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=15, leading=19, textColor=ACCENT,
                          spaceBefore=14, spaceAfter=8, keepWithNext=1),
        h2=ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15, textColor=INK,
                          spaceBefore=10, spaceAfter=4, keepWithNext=1),
        h3=ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=9.5, leading=12.5, textColor=ACCENT,
                          spaceBefore=6, spaceAfter=2, keepWithNext=1),
        label=ParagraphStyle("label", parent=body, fontName=BOLD, fontSize=8, leading=10, textColor=MUTED,
                             spaceBefore=4, spaceAfter=1),
        cover_title=ParagraphStyle("cover_title", parent=body, fontName=BOLD, fontSize=22, leading=28,
                                   alignment=TA_CENTER, textColor=INK, spaceAfter=10),
        cover_kind=ParagraphStyle("cover_kind", parent=body, fontSize=12, leading=16, alignment=TA_CENTER,
                                  textColor=ACCENT, spaceAfter=24),
        cover_line=ParagraphStyle("cover_line", parent=body, fontSize=11, leading=16, alignment=TA_CENTER,
                                  spaceAfter=4),
        cover_mark=ParagraphStyle("cover_mark", parent=body, fontName=BOLD, fontSize=10, leading=13,
                                  alignment=TA_CENTER, textColor=MARK, spaceAfter=0),
        toc_levels=(
            ParagraphStyle("toc1", parent=body, fontSize=10.5, leading=15, leftIndent=0, firstLineIndent=0),
            ParagraphStyle("toc2", parent=body, fontSize=9.5, leading=13, leftIndent=14, firstLineIndent=0),
        ),
    )


class Heading(Paragraph):  # type: ignore[misc]
    """A section heading: an outline entry, a contents line and a link target once laid out."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str, toc: bool = True) -> None:
        super().__init__(safe(text), style)
        self.plain = text
        self.level = level
        self.key = key
        self.toc = toc


def bind_headings(story: list[Flowable]) -> list[Flowable]:
    """Keep headings with what follows them even when that is a KeepTogether block.

    ReportLab's ``keepWithNext`` does not join a paragraph to a following KeepTogether, so a section
    heading could end a page while its first block starts the next one.
    """
    out: list[Flowable] = []
    pending: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, Heading):
            pending.append(flowable)
            continue
        if pending and isinstance(flowable, KeepTogether):
            out.append(KeepTogether([*pending, *flowable._content]))
        else:
            out += pending
            out.append(flowable)
        pending = []
    return out + pending


def section(title: str, styles: Styles, key: str) -> list[Flowable]:
    return [CondPageBreak(60 * mm), Heading(title, styles.h1, 0, key)]


def subheading(title: str, styles: Styles, key: str) -> Heading:
    return Heading(title, styles.h2, 1, key)


def grid(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float], styles: Styles,
         *, zebra: bool = True) -> Table:
    """A table of short values (names, titles, dates) with a shaded header row repeated on each page."""
    def cell(v: Any) -> Any:
        if isinstance(v, Flowable | list):
            return v
        return Paragraph(safe(str(v)) if v is not None else "", styles.cell)
    data = [[Paragraph(safe(h), styles.cell_head) for h in header]] + [[cell(v) for v in r] for r in rows]
    t = Table(data, colWidths=list(widths), repeatRows=1, splitByRow=1, splitInRow=1)
    cmds: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if zebra:
        cmds += [("BACKGROUND", (0, i), (-1, i), SHADE) for i in range(2, len(data), 2)]
    t.setStyle(table_style(cmds))
    return t


FACT_LIMIT = 300
"""Values longer than this leave the label/value table and flow as a paragraph below it."""


def facts(pairs: Sequence[tuple[str, str | None]], width: float, styles: Styles) -> list[Flowable]:
    """"Label: value" lines: short values in a two-column block, long ones as flowing text after it.

    Empty values are left out.
    """
    short = [(k, v) for k, v in pairs if v and len(v) <= FACT_LIMIT and v.count("\n") < 6]
    long = [(k, v) for k, v in pairs if v and (k, v) not in short]
    flow: list[Flowable] = []
    if short:
        rows = [[Paragraph(safe(k), styles.label), Paragraph(safe(v), styles.cell)] for k, v in short]
        t = Table(rows, colWidths=[34 * mm, width - 34 * mm], hAlign="LEFT")
        t.setStyle(table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]))
        flow.append(t)
    for k, v in long:
        flow += labelled_text(k, v, styles)
    return flow


def labelled_text(label: str, text: str | None, styles: Styles) -> list[Flowable]:
    """A small label above free text that flows across pages."""
    flow = text_flow(text, styles.body)
    if not flow:
        return []
    return [KeepTogether([Paragraph(safe(label), styles.label), flow[0]]), *flow[1:]]


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style in our font: a table's cells otherwise start in Helvetica (a non-embedded font)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), *commands])


def fit(text: str, font: str, size: float, width: float) -> str:
    """The text cut with an ellipsis so it fits in ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def page_size(paper: str) -> tuple[float, float]:
    size: tuple[float, float] = LETTER if paper == "letter" else A4
    return size


class BriefingDoc(BaseDocTemplate):  # type: ignore[misc]
    """Cover page without header, then pages with a running header, a "page X of Y" footer, a contents
    page whose lines link to their sections, and a PDF outline entry per heading."""

    def __init__(self, buffer: io.BytesIO, *, paper: str, labels: Labels, header: str, marking: str,
                 meta_title: str, subject: str, author: str, created: datetime | None,
                 progress: ProgressFn | None = None) -> None:
        size = page_size(paper)
        super().__init__(buffer, pagesize=size, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                         bottomMargin=20 * mm, title=meta_title, subject=subject, author=author,
                         creator="Organizer", initialFontName=FAMILY, initialFontSize=9.5,
                         invariant=0)
        self.labels = labels
        self.header = header
        self.marking = marking
        self.created = created
        self.progress = progress
        self.total_pages = 0
        self._footer_total = 0
        pads = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body", **pads)
        cover = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="cover", **pads)
        self.addPageTemplates([
            PageTemplate("cover", [cover], onPage=self._cover_page),
            PageTemplate("body", [frame], onPage=self._body_page),
        ])

    def _cover_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """The cover: no running header and no "page 1 of N"."""
        if self.progress is not None:
            self.progress(canv.getPageNumber())

    def _body_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._footer(canv, header=True)

    def _footer(self, canv: Canvas, *, header: bool) -> None:
        w, h = self.pagesize
        canv.saveState()
        if header:
            room = w - self.leftMargin - self.rightMargin
            if self.marking:
                mark = self.marking[:60].upper()
                canv.setFont(BOLD, 7.5)
                canv.setFillColor(MARK)
                canv.drawRightString(w - self.rightMargin, h - 13 * mm, mark)
                room -= stringWidth(mark, BOLD, 7.5) + 6 * mm
            canv.setFont(FAMILY, 7.5)
            canv.setFillColor(MUTED)
            canv.drawString(self.leftMargin, h - 13 * mm, fit(self.header.replace("\n", " "), FAMILY, 7.5, room))
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(self.leftMargin, h - 15 * mm, w - self.rightMargin, h - 15 * mm)
        canv.setFont(FAMILY, 7.5)
        canv.setFillColor(MUTED)
        page = canv.getPageNumber()
        total = max(self._footer_total, page)
        canv.drawCentredString(w / 2, 11 * mm, self.labels["page_of"].format(page=page, total=total))
        canv.restoreState()
        if self.progress is not None:
            self.progress(page)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's hook name)
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.plain, flowable.key, level=flowable.level, closed=True)
            if flowable.toc:
                self.notify("TOCEntry", (flowable.level, safe(flowable.plain), self.page, flowable.key))

    def build(self, flowables: list[Flowable], **kwargs: Any) -> None:
        """One pass; the footers of a pass use the page count of the pass before it."""
        self._footer_total = self.total_pages
        super().build(flowables, **kwargs)
        self.total_pages = self.page

    def build_with_contents(self, story: list[Flowable]) -> None:
        """Passes until the contents page numbers settle (two, usually), and one more only if the
        last pass printed a page count ("of Y") that is not the final one."""
        self.total_pages = 0
        self.multiBuild(story, maxPasses=6)
        if self._footer_total != self.total_pages:
            self.multiBuild(story, maxPasses=6)


def contents(styles: Styles, labels: Labels) -> list[Flowable]:
    toc = TableOfContents(dotsMinLevel=0, tableStyle=table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    toc.levelStyles = list(styles.toc_levels)
    return [Heading(labels["contents"], styles.h1, 0, "contents", toc=False), Spacer(1, 4), toc]
