"""Editable copies (.docx) of the documents: the PDF's own story, written as a Word document.

A layout builds its story of ReportLab flowables from the assembled data object once; ``story_to_docx``
walks that story and writes each piece as its Word counterpart, so the .docx has the same cover, sections,
headings, tables and texts as the PDF without a second layout to keep in step:

- ``Heading`` -> a Word heading of the same level (a heading styled as a sub-heading -> level 3);
- ``Paragraph`` -> a paragraph with its bold and line breaks (the cover's styles centred, labels bold,
  muted text grey);
- ``LongText`` (a long free text still to be laid out) -> its paragraphs;
- a table with a header row (``grid``) -> a Word table with a bold header row; a label/value table
  (``facts``) -> a two-column table; a one-row layout table (number + text, photo + facts) -> its
  cells' contents one after the other;
- ``Image`` -> the picture at its printed size; ``PageBreak`` -> a page break; the contents -> a Word
  contents field (filled when Word updates fields); rules and spacers -> nothing.

The running header (title and handling marking) and the "page X of Y" footer are Word fields, left off
the cover page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from html import unescape
from typing import Any

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Paragraph, Table
from reportlab.platypus.tableofcontents import TableOfContents

from organizer.briefing.common import Heading, LongText, page_size
from organizer.briefing.dossier import _shell, institution_story, person_header, person_story
from organizer.briefing.fonts import RENDER_LOCK
from organizer.briefing.labels import Labels
from organizer.briefing.options import BriefingOptions
from organizer.briefing.visit import _Writer
from organizer.domain.briefing import InstitutionDossier, PersonDossier, VisitBriefing

_TAG = re.compile(r"<(/?)([a-zA-Z]+)[^>]*?(/?)>")
_CENTRED = {"cover_title", "cover_kind", "cover_line", "cover_mark"}
_SIZES = {"cover_title": 22, "cover_kind": 13, "cover_line": 11, "cover_mark": 10, "small": 8.5, "muted": 8.5,
          "cell": 8.5, "cell_head": 8, "label": 8}
_GREY = RGBColor(0x5A, 0x64, 0x73)
_ACCENT = RGBColor(0x1F, 0x4E, 0x79)
_MARK = RGBColor(0x9B, 0x1C, 0x1C)


def _runs(markup: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, line break before) pieces of a paragraph's markup (``<b>``, ``<br/>``, ``<font>``)."""
    pieces: list[tuple[str, bool, bool]] = []
    bold = 0
    brk = False
    pos = 0
    for m in _TAG.finditer(markup):
        if m.start() > pos:
            pieces.append((unescape(markup[pos:m.start()]), bold > 0, brk))
            brk = False
        closing, tag, _self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if tag == "br":
            brk = True
        elif tag in ("b", "strong"):
            bold += -1 if closing else 1
        pos = m.end()
    if pos < len(markup):
        pieces.append((unescape(markup[pos:]), bold > 0, brk))
    return pieces


def _style_name(flowable: Paragraph) -> str:
    name: str = getattr(flowable.style, "name", "")
    return name.split("-", 1)[0]


class _DocxWriter:
    def __init__(self, document: Document) -> None:
        self.doc = document

    def paragraph(self, markup: str, style: str, container: Any = None, *, size: float | None = None,
                  alignment: int = 0) -> DocxParagraph:
        target = container if container is not None else self.doc
        if style in ("h1", "h2", "h3"):
            para = target.add_paragraph(style=f"Heading {int(style[1])}")
        else:
            para = target.add_paragraph()
        if style in _CENTRED or alignment == 1:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif alignment == 2:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for text, bold, brk in _runs(markup):
            run = para.add_run()
            if brk:
                run.add_break()
            run.add_text(text)
            run.bold = bold or style in ("cover_title", "cover_mark", "label", "cell_head") or None
            points = _SIZES.get(style) or size
            if points:
                run.font.size = Pt(points)
            if style in ("muted", "label"):
                run.font.color.rgb = _GREY
            elif style == "cover_kind":
                run.font.color.rgb = _ACCENT
            elif style == "cover_mark":
                run.font.color.rgb = _MARK
        return para

    def flowables(self, items: Iterable[Any], container: Any = None) -> None:
        for item in items:
            self.flowable(item, container)

    def flowable(self, f: Any, container: Any = None) -> None:
        if isinstance(f, list | tuple):
            self.flowables(f, container)
        elif isinstance(f, str):
            if f.strip():
                self.paragraph(f.replace("&", "&amp;").replace("<", "&lt;"), "cell", container)
        elif isinstance(f, Heading):
            level = 3 if _style_name(f) == "h3" else min(f.level + 1, 3)
            target = container if container is not None else self.doc
            target.add_paragraph(f.plain, style=f"Heading {level}")
        elif isinstance(f, Paragraph):
            self.paragraph(f.text, _style_name(f), container, size=getattr(f.style, "fontSize", None),
                           alignment=getattr(f.style, "alignment", 0))
        elif isinstance(f, LongText):
            rest = f.source.text[f.pos:]
            for block in re.split(r"\n[^\S\n]*\n\s*", rest):
                if block.strip():
                    para = (container if container is not None else self.doc).add_paragraph()
                    lines = block.split("\n")
                    for i, line in enumerate(lines):
                        run = para.add_run(line)
                        if i:
                            run.add_break()
                        if _style_name(f) == "muted":
                            run.font.color.rgb = _GREY
        elif isinstance(f, KeepTogether):
            self.flowables(f._content, container)
        elif isinstance(f, Table):
            self.table(f, container)
        elif isinstance(f, Image):
            self.image(f, container)
        elif isinstance(f, PageBreak) and container is None:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(f, TableOfContents) and container is None:
            _field(self.doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u')
        # Spacer, HRFlowable, CondPageBreak, NextPageTemplate: layout only

    def image(self, f: Image, container: Any) -> None:
        source: Any = getattr(f, "_file", None)
        if source is None or not hasattr(source, "read"):
            return
        source.seek(0)
        target = container if container is not None else self.doc
        para = target.add_paragraph()
        para.add_run().add_picture(io.BytesIO(source.read()), width=Pt(f.drawWidth), height=Pt(f.drawHeight))

    def table(self, t: Table, container: Any) -> None:
        rows: list[list[Any]] = t._cellvalues
        if not rows:
            return
        if len(rows) == 1 and not t.repeatRows:  # a layout table: its cells in turn
            cells = rows[0]
            if all(isinstance(c, Paragraph) for c in cells):
                self.paragraph(" ".join(c.text for c in cells), _style_name(cells[-1]), container)
            else:
                self.flowables(cells, container)
            return
        target = container if container is not None else self.doc
        width = len(rows[0])
        table = target.add_table(rows=0, cols=width)
        header = bool(getattr(t, "repeatRows", 0))
        if header:
            table.style = "Table Grid"
        for r, row in enumerate(rows):
            cells = table.add_row().cells
            for c, value in enumerate(row[:width]):
                cell = cells[c]
                cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
                self.flowable(value, cell)
                if not cell.paragraphs:
                    cell.add_paragraph()
                if r == 0 and header:
                    for para in cell.paragraphs:
                        for run in para.runs:
                            run.bold = True
                            run.font.color.rgb = None
        if container is None:  # a table runs into what follows it in Word: an empty line after it
            self.doc.add_paragraph()


def _field(paragraph: DocxParagraph, code: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``, ``TOC``...) that Word fills in when it shows the document."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = " "
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def story_to_docx(story: Sequence[Flowable], *, labels: Labels, title: str, header: str, marking: str = "",
                  author: str = "", paper: str = "a4", cover: bool = True, footer: bool = True) -> bytes:
    """The story as .docx bytes (see the module docstring)."""
    document = docx.Document()
    props = document.core_properties
    props.title, props.author, props.language = title[:250], (author or "Organizer")[:250], labels.lang
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(215.9), Mm(279.4)) if paper == "letter" else (Mm(210), Mm(297))
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(9.5)
    if cover:
        section.different_first_page_header_footer = True
    head = section.header.paragraphs[0]
    head.text = " ".join(header.split())
    if marking:
        mark = head.add_run("\t" + marking[:60].upper())
        mark.bold = True
        mark.font.color.rgb = _MARK
    for run in head.runs:
        run.font.size = Pt(7.5)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    template = labels["page_of"] if footer else ""
    for part in re.split(r"(\{page\}|\{total\})", template):
        if part == "{page}":
            _field(foot, "PAGE")
        elif part == "{total}":
            _field(foot, "NUMPAGES")
        elif part:
            foot.add_run(part)
    writer = _DocxWriter(document)
    writer.flowables(story)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _width(paper: str) -> float:
    return float(page_size(paper)[0] - 40 * mm)


def visit_briefing_docx(data: VisitBriefing, options: BriefingOptions | None = None) -> bytes:
    """The briefing book (or with ``options.report`` the report) as .docx: the PDF's story."""
    options = options or BriefingOptions()
    labels = Labels(options.lang)
    kind = "report" if options.report else "briefing"
    with RENDER_LOCK:
        writer = _Writer(data, options, _width(options.paper))
        story = writer.report_story() if options.report else writer.briefing_story()
        return story_to_docx(story, labels=labels, title=f"{labels[kind]}: {data.title}", header=data.title,
                             marking=options.marking, author=data.issuing_office, paper=options.paper)


def person_dossier_docx(data: PersonDossier, options: BriefingOptions | None = None, office: str = "") -> bytes:
    options = options or BriefingOptions()
    labels = Labels(options.lang)
    with RENDER_LOCK:
        header = person_header(data)
        w = _Writer(_shell(header, office, data.generated_at), options, _width(options.paper))
        return story_to_docx(person_story(data, w), labels=labels, title=f"{labels['person_dossier']}: {header}",
                             header=header, marking=options.marking, author=office, paper=options.paper)


def institution_dossier_docx(data: InstitutionDossier, options: BriefingOptions | None = None,
                             office: str = "") -> bytes:
    options = options or BriefingOptions()
    labels = Labels(options.lang)
    title = data.institution.name
    with RENDER_LOCK:
        w = _Writer(_shell(title, office, data.generated_at), options, _width(options.paper))
        return story_to_docx(institution_story(data, w), labels=labels,
                             title=f"{labels['institution_dossier']}: {title}", header=title,
                             marking=options.marking, author=office, paper=options.paper)
