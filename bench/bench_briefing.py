"""Benchmark of the briefing book: ours next to plain ReportLab building a document of the same size.

    python bench/bench_briefing.py [--participants 30] [--meetings 20] [--earlier 5] [--repeat 3]

It imports a generated visit (30 participants in order of precedence, 20 meetings, each participant
with earlier visits and meetings carrying outcomes, photos, biographies, open follow-ups) into a new
database, then times, in the same run:

- ours: ``services.briefing.visit_briefing`` (the database read) + ``render_visit_briefing`` (layout);
- the floor: plain ReportLab, no Organizer code, building from the same data object a document with
  the same flowables (a paragraph for every text, a table for each people list, the photos, headings,
  a TableOfContents with ``multiBuild``, DejaVu Sans), which is what any hand-written ReportLab program
  with a contents page needs to do. Its page count is printed next to ours.

The four are run in turn, ``--repeat`` rounds (5), so ours and the floor alternate pair by pair;
the table shows the median of each. Both have their fonts loaded before the first timed run. Nothing is
asserted; the target is ours
within 1.5x of the floor.
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pypdf
from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from organizer.assets import resource
from organizer.briefing import BriefingOptions, render_visit_briefing
from organizer.domain.briefing import VisitBriefing
from organizer.services import briefing
from organizer.services.archive import importer as interchange
from organizer.store import open_database, sqlite_url

WORDS = (
    "cooperation", "chemistry", "catalysis", "composite", "polymer", "laboratory", "agreement", "technology",
    "transfer", "students", "programme", "research", "pharmaceutical", "import", "substitution",
    "petrochemicals", "reagents", "pilot", "plant", "joint", "venture", "memorandum", "delegation", "rector",
    "academy", "institute", "технопарк", "сотрудничество", "химия", "катализ", "Oʻzbekiston", "gʻalla",
    "Хәйруллин",
)


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _photo(rng: random.Random) -> str:
    img = PILImage.new("RGB", (1200, 1600), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return base64.b64encode(out.getvalue()).decode()


def build_archive(participants: int, meetings: int, earlier: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    insts = [{"uid": "u", "name": "Kazan Federal University", "kind": "university"},
             {"uid": "c", "name": 'JSC "Uzkhimyosanoat"', "kind": "company"}]
    insts += [{"uid": f"u{i}", "name": f"Institute {i}", "kind": "institute", "parent": "u"} for i in range(5)]
    people = []
    for i in range(participants):
        guest = i % 2 == 0
        people.append({
            "uid": f"p{i}", "given_name": rng.choice(["Gʻulom", "Ilnur", "Evgeny", "Dilnoza", "Rifkat"]),
            "family_name": f"Oʻrinboyev{i}" if guest else f"Khairullin{i}",
            "name_variants": [{"name": f"Ғулом Ўринбоев {i}", "script": "Cyrl", "language": "uz"},
                              {"name": f"Гулом Уринбоев {i}", "script": "Cyrl", "language": "ru"}],
            "languages": ["ru", "uz"] if guest else ["ru", "tt"], "biography": _text(rng, 180),
            "form_of_address": "Dear Colleague", "photo": {"base64": _photo(rng), "media_type": "image/jpeg"},
            "positions": [{"title": "Deputy Director for Science", "institution": "c" if guest else f"u{i % 5}",
                           "current": True}],
        })
    visits = []
    all_meetings = []
    parts = [{"person": f"p{i}", "side": "guest" if i % 2 == 0 else "host", "precedence": i // 2 + 1}
             for i in range(participants)]
    mparts = [{"person": p["person"], "side": p["side"]} for p in parts]
    for v in range(earlier + 1):
        uid = f"v{v}"
        this = v == earlier
        year = 2025 if this else 2015 + v
        visits.append({"uid": uid, "title": "Bench delegation" if this else f"Earlier visit {v}",
                       "start_date": f"{year}-03-10", "end_date": f"{year}-03-14", "place": "Kazan",
                       "purpose": _text(rng, 80), "summary": _text(rng, 40),
                       "institutions": [{"institution": "c", "side": "guest"}, {"institution": "u", "side": "host"}],
                       "participants": parts, "topics": ["Catalysis", "Composites"]})
        count = meetings if this else max(1, meetings // (earlier or 1))
        for k in range(count):
            day, hour = 10 + k // 5, 9 + (k % 5) * 2
            all_meetings.append({
                "uid": f"{uid}m{k}", "visit": uid, "title": f"Meeting {k + 1}: {_text(rng, 5)}",
                "starts_at": f"{year}-03-{day:02d}T{hour:02d}:00", "ends_at": f"{year}-03-{day:02d}T{hour + 1:02d}:30",
                "venue": f"u{k % 5}", "participants": mparts[(k % 3) * 4:(k % 3) * 4 + 12],
                "objectives": _text(rng, 40), "talking_points": _text(rng, 60), "outcomes": _text(rng, 30),
            })
    followups = [{"uid": f"f{i}", "description": _text(rng, 20), "status": "open", "due_date": "2025-12-01",
                  "owner_person": f"p{i % participants}", "visit": f"v{i % earlier}" if earlier else "v0"}
                 for i in range(40)]
    return {"format": "organizer-archive", "version": 1, "institutions": insts, "people": people,
            "visits": visits, "meetings": all_meetings, "followups": followups}


def load_fonts() -> None:
    """The floor's fonts, registered once before any timed run (as ours are: ``briefing.fonts`` loads
    them on first use and keeps them), so no floor run pays for reading them again."""
    for name in ("DejaVuSans", "DejaVuSans-Bold"):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))


def plain_reportlab(data: VisitBriefing) -> bytes:
    """The floor: the same document built with nothing but ReportLab, flowable for flowable.

    The same kinds of flowables in the same places: a heading and a two-column table of facts per
    meeting, person and institution, a table with a header row for each people list, the photos beside
    the facts, every free text as paragraphs, headings kept with what follows, a contents page
    (TableOfContents, ``multiBuild``), outline entries, a running header and a page number on each page.
    What it leaves out is only what is ours: escaping and checking user text, labels in two languages,
    "page X of Y", the handling marking and the assembly from the database.
    """
    body = ParagraphStyle("b", fontName="DejaVuSans", fontSize=9.5, leading=13, spaceAfter=4)
    small = ParagraphStyle("s", parent=body, fontSize=8.5, leading=11, spaceAfter=2)
    cell = ParagraphStyle("c", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    h1 = ParagraphStyle("h1", parent=body, fontName="DejaVuSans-Bold", fontSize=15, leading=19, spaceBefore=14)
    h2 = ParagraphStyle("h2", parent=body, fontName="DejaVuSans-Bold", fontSize=11.5, leading=15, spaceBefore=10)
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    width = A4[0] - 40 * mm

    class Doc(SimpleDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802
            if getattr(flowable, "style", None) in (h1, h2):
                text, key = flowable.getPlainText(), f"k{id(flowable)}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(text, key, level=0 if flowable.style is h1 else 1)
                if flowable.style is h1:
                    self.notify("TOCEntry", (0, escape(text), self.page, key))

    def page(canv: Any, doc: Any) -> None:
        canv.saveState()
        canv.setFont("DejaVuSans", 7.5)
        canv.drawString(20 * mm, A4[1] - 13 * mm, data.title[:100])
        canv.drawCentredString(A4[0] / 2, 11 * mm, f"page {canv.getPageNumber()}")
        canv.restoreState()

    def p(text: str | None, st: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text or "").replace("\n", "<br/>"), st)

    def facts(pairs: list[tuple[str, str | None]], w: float = width) -> Table:
        t = Table([[p(k, cell), p(v, cell)] for k, v in pairs if v], colWidths=[34 * mm, w - 34 * mm])
        t.setStyle(style)
        return t

    def people_table(people: tuple[Any, ...]) -> Table:
        rows = [[p(h, cell) for h in ("No.", "Name", "Position", "Form of address", "Languages")]]
        rows += [[p(str(i), cell), [p(x.full_name, cell), p(" · ".join(v.name for v in x.name_variants), cell)],
                  [p(f"{x.title}, {x.institution}", cell), p(str(x.role), cell)], p(x.form_of_address, cell),
                  p(", ".join(x.languages), cell)] for i, x in enumerate(people, 1)]
        t = Table(rows, colWidths=[9 * mm, 0.3 * width, 0.36 * width - 9 * mm, 0.2 * width, 0.14 * width],
                  repeatRows=1)
        t.setStyle(style)
        return t

    toc = TableOfContents(levelStyles=[body, small], tableStyle=style)
    story: list[Any] = [p(data.issuing_office), p(data.title, h1), PageBreak(), toc, PageBreak(),
                        p("Purpose", h1), p(data.purpose)]
    for mt in data.meetings:
        story += [p(mt.title, small), p(mt.objectives, small)]
    story += [p("Topics", h1)] + [p(x) for x in data.topics]
    story += [p("Delegation", h1), people_table(data.guests), p(data.logistics.interpreter_needs),
              p("Programme", h1)]
    for mt in data.meetings:
        where = ", ".join(x for x in (mt.venue, mt.room) if x)
        attendees = "; ".join(f"{a.name} ({a.title})" for a in mt.attendees)
        pairs: list[tuple[str, str | None]] = [("Time", str(mt.starts_at)), ("Venue", where),
                                               ("Attendees", attendees), ("Topics", ", ".join(mt.topics))]
        story += [KeepTogether([p(f"{mt.starts_at} {mt.title}", h2), facts(pairs)]), p("Objectives", cell),
                  p(mt.objectives), p("Talking points", cell), p(mt.talking_points)]
    story.append(p("Biographies", h1))
    for g in data.guests:
        info = facts([("Position", f"{g.title}, {g.institution}"), ("Also written", "; ".join(v.name for v in
                      g.name_variants)), ("Address as", g.form_of_address), ("Languages", ", ".join(g.languages))],
                     width - 36 * mm)
        block: Any = info
        if g.photo:
            with PILImage.open(io.BytesIO(g.photo)) as img:
                img.thumbnail((236, 315))
                out = io.BytesIO()
                img.convert("RGB").save(out, "JPEG", quality=85)
            out.seek(0)
            block = Table([[Image(out, width=30 * mm, height=40 * mm), info]], colWidths=[36 * mm, width - 36 * mm])
            block.setStyle(style)
        story += [KeepTogether([p(g.full_name, h2), block]), p(g.biography), p("Earlier visits and meetings", h2)]
        for e in g.history:
            story += [p(f"{e.when} · {e.kind} · {e.title} ({e.visit_title})", small), p(e.outcomes, small)]
    story += [p("Hosts", h1), people_table(data.hosts), p("Institutions", h1)]
    for inst in data.institutions:
        story += [KeepTogether([p(inst.name, h2), facts([
            ("Part of", " > ".join(inst.path[:-1])), ("Location", f"{inst.city}, {inst.country}"),
            ("Key people", "; ".join(f"{n}, {t}" for n, t in inst.key_people))])]), p(inst.profile)]
    story += [p("History of relations", h1)] + [p(f"{e.when} {e.title}", small) for e in data.relations]
    story.append(p("Open follow-ups", h1))
    for f in data.open_followups:
        story += [p(f.description), p(f"{f.owner} · {f.due_date} · {f.visit_title}", small)]
    story += [p("Logistics", h1), p(data.logistics.lodging)]
    buffer = io.BytesIO()
    doc = Doc(buffer, pagesize=A4, initialFontName="DejaVuSans", leftMargin=20 * mm, rightMargin=20 * mm,
              topMargin=22 * mm, bottomMargin=20 * mm)
    doc.multiBuild(story, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()


def alternating(fns: list[Callable[[], Any]], repeat: int) -> list[tuple[float, Any]]:
    """Run each of ``fns`` in turn, ``repeat`` rounds (ours and the floor pair by pair, so a change in the
    machine's load falls on both); the median time of each and its last result."""
    times: list[list[float]] = [[] for _ in fns]
    results: list[Any] = [None] * len(fns)
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            start = time.perf_counter()
            results[k] = fn()
            times[k].append(time.perf_counter() - start)
    return [(statistics.median(t), r) for t, r in zip(times, results, strict=True)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--meetings", type=int, default=20)
    parser.add_argument("--earlier", type=int, default=5, help="earlier visits the participants took part in")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write our briefing to this file (to look at it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(sqlite_url(Path(tmp) / "bench.sqlite"))
        interchange.import_archive(db, build_archive(args.participants, args.meetings, args.earlier))
        vid = briefing.resolve_visit(db, "Bench delegation")
        data = briefing.visit_briefing(db, vid)
        load_fonts()
        render_visit_briefing(data, BriefingOptions())  # warm-up: our fonts load on first use
        load = os.getloadavg()[0]
        (t_assembly, data), (t_render, ours), (t_total, _), (t_floor, floor) = alternating([
            lambda: briefing.visit_briefing(db, vid),
            lambda: render_visit_briefing(data, BriefingOptions()),
            lambda: render_visit_briefing(briefing.visit_briefing(db, vid), BriefingOptions()),
            lambda: plain_reportlab(data),
        ], args.repeat)
        db.close()
    if args.out:
        args.out.write_bytes(ours)
    history = sum(len(p.history) for p in (*data.guests, *data.hosts))
    pages = len(pypdf.PdfReader(io.BytesIO(ours)).pages)
    floor_pages = len(pypdf.PdfReader(io.BytesIO(floor)).pages)
    print(f"visit: {len(data.guests) + len(data.hosts)} participants, {len(data.meetings)} meetings, "
          f"{history} earlier visits/meetings in their history, {len(data.open_followups)} open follow-ups, "
          f"{len(data.institutions)} institutions; median of {args.repeat}, ours and the floor alternating; "
          f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print()
    rows = [
        ("ours: assembly (database read)", t_assembly, None),
        ("ours: layout (render_visit_briefing)", t_render, pages),
        ("ours: assembly + layout", t_total, pages),
        ("floor: plain ReportLab, same content", t_floor, floor_pages),
    ]
    print(f"{'what':<40} | {'seconds':>7} | {'pages':>5} | {'pages/s':>7}")
    print("-" * 41 + "+" + "-" * 9 + "+" + "-" * 7 + "+" + "-" * 8)
    for name, seconds, n in rows:
        print(f"{name:<40} | {seconds:7.3f} | {n if n is not None else '':>5} | "
              f"{(n / seconds if n else 0):7.1f}")
    print()
    print(f"ours / floor: {t_total / t_floor:.2f}x (target: within 1.5x); "
          f"per page: {(t_total / pages) / (t_floor / floor_pages):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
