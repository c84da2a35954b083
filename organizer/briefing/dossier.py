"""One-person and one-institution dossiers: the same page frame as the briefing, one subject each.

Its visits and meetings are in time order (``services.briefing``), and it ends with the agreements the
person signed or the institution is a party to."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Table

from organizer.briefing import practice
from organizer.briefing.common import (
    BriefingDoc,
    Heading,
    ProgressFn,
    bind_headings,
    contents,
    facts,
    grid,
    safe,
    table_style,
    text_flow,
)
from organizer.briefing.fonts import RENDER_LOCK
from organizer.briefing.labels import Labels
from organizer.briefing.options import BriefingOptions
from organizer.briefing.photos import photo_flowable
from organizer.briefing.visit import _Writer
from organizer.domain.briefing import HeldPosition, InstitutionDossier, PersonDossier, VisitBriefing
from organizer.domain.enums import VisitDirection, VisitStatus


def _shell(title: str, office: str, generated: datetime | None) -> VisitBriefing:
    """An empty visit object so the dossier can reuse the briefing's pieces (cover, follow-ups, lists)."""
    return VisitBriefing(visit_id=0, title=title, direction=VisitDirection.INCOMING, status=VisitStatus.PLANNED,
                         start_date=None, end_date=None, place="", purpose="", summary="", issuing_office=office,
                         generated_at=generated)


def _positions(items: tuple[HeldPosition, ...], w: _Writer, *, person_first: bool = False) -> list[Flowable]:
    t = w.t
    if not items:
        return [Paragraph(safe(t["none"]), w.s.muted)]
    rows = [[p.title, p.institution,
             f"{t.date(p.start_date) or '…'} – {t.date(p.end_date) or (t['present'] if p.current else '…')}"]
            for p in items]
    head = [t["position"], t["name"] if person_first else t["institution"], t["dates"]]
    return [grid(head, rows, [0.38 * w.width, 0.37 * w.width, 0.25 * w.width], w.s)]


def _doc(title: str, kind: str, office: str, generated: datetime | None, options: BriefingOptions,
         progress: ProgressFn | None) -> tuple[BriefingDoc, _Writer, io.BytesIO]:
    labels = Labels(options.lang)
    buffer = io.BytesIO()
    doc = BriefingDoc(buffer, paper=options.paper, labels=labels, header=title, marking=options.marking,
                      meta_title=f"{labels[kind]}: {title}", subject=labels[kind], author=office or "Organizer",
                      created=generated, progress=progress)
    return doc, _Writer(_shell(title, office, generated), options, doc.width), buffer


def render_person_dossier(data: PersonDossier, options: BriefingOptions | None = None,
                          progress: ProgressFn | None = None, office: str = "") -> bytes:
    options = options or BriefingOptions()
    with RENDER_LOCK:
        doc, w, buffer = _doc(person_header(data), "person_dossier", office, data.generated_at, options, progress)
        doc.build_with_contents(bind_headings(person_story(data, w)))
        return buffer.getvalue()


def person_header(data: PersonDossier) -> str:
    return f"{data.person.honorific} {data.person.full_name}".strip()


def person_story(data: PersonDossier, w: _Writer) -> list[Flowable]:
    """The person dossier's story (cover, contents, facts and sections), for the PDF and the .docx."""
    p = data.person
    first, others = w.names(p)
    name = f"{p.honorific} {first}".strip()
    t, s = w.t, w.s
    body: list[Flowable] = [Heading(name, s.h1, 0, "person")]
    pairs = [
        (t["position"], ", ".join(x for x in (p.title, p.institution) if x)),
        (t["also_written"], "; ".join(others)),
        (t["address_as"], p.form_of_address),
        *t.person_facts(p.facts),
        (t["languages"], t.languages(p.languages)),
        (t["interpretation"], p.interpreter_needs),
        (t["dietary"], p.dietary_needs),
        (t["expertise"], ", ".join(p.topics)),
        (t["contacts"], "; ".join(f"{c.value} ({c.label})" if c.label else c.value
                                  for c in (*data.emails, *data.phones))),
    ]
    photo = photo_flowable(p.photo, 40 * mm, 52 * mm)
    info = facts(pairs, w.width - (46 * mm if photo else 0), s)
    if photo is not None:
        side = Table([[photo, info[:1] or ""]], colWidths=[46 * mm, w.width - 46 * mm], hAlign="LEFT")
        side.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        body += [side, *info[1:]]
    else:
        body += info
    body += [Heading(t["biography"], s.h2, 1, "biography"),
             *(text_flow(p.biography, s.body) or [Paragraph(safe(t["none"]), s.muted)])]
    body += [Heading(t["positions"], s.h2, 1, "positions"), *_positions(data.positions, w)]
    body += [Heading(t["visits_meetings"], s.h2, 1, "history"), *w.encounters(p.history, "no_history")]
    body += [Heading(t["followups"], s.h2, 1, "followups"), *w.followups(data.open_followups)]
    body += [Heading(t["agreements_signed"], s.h2, 1, "agreements"), *practice.agreements(w, data.agreements)]
    if data.notes.strip():
        body += [Heading(t["notes"], s.h2, 1, "notes"), *text_flow(data.notes, s.body)]
    return [*w.cover("person_dossier"), *contents(s, t), PageBreak(), *body]


def render_institution_dossier(data: InstitutionDossier, options: BriefingOptions | None = None,
                               progress: ProgressFn | None = None, office: str = "") -> bytes:
    options = options or BriefingOptions()
    with RENDER_LOCK:
        doc, w, buffer = _doc(data.institution.name, "institution_dossier", office, data.generated_at, options,
                              progress)
        doc.build_with_contents(bind_headings(institution_story(data, w)))
        return buffer.getvalue()


def institution_story(data: InstitutionDossier, w: _Writer) -> list[Flowable]:
    """The institution dossier's story, for the PDF and the .docx."""
    inst = data.institution
    t, s = w.t, w.s
    body: list[Flowable] = [Heading(inst.name, s.h1, 0, "institution")]
    body += facts([
        (t["part_of"], " › ".join(inst.path[:-1])),
        (t["also_written"], "; ".join(v.name for v in inst.name_variants)),
        (t["location"], ", ".join(x for x in (inst.city, inst.country) if x)),
        (t["website"], inst.website),
        (t["expertise"], ", ".join(inst.topics)),
        (t["units"], "; ".join(data.units)),
    ], w.width, s)
    body += text_flow(data.address, s.muted)
    body += [Heading(t["profile"], s.h2, 1, "profile"),
             *(text_flow(inst.profile, s.body) or [Paragraph(safe(t["none"]), s.muted)])]
    body += [Heading(t["people"], s.h2, 1, "people"), *_positions(data.people, w, person_first=True)]
    body += [Heading(t["visits_meetings"], s.h2, 1, "history"), *w.encounters(data.visits, "no_history")]
    body += [Heading(t["followups"], s.h2, 1, "followups"), *w.followups(data.open_followups)]
    body += [Heading(t["agreements_party"], s.h2, 1, "agreements"), *practice.agreements(w, data.agreements)]
    return [*w.cover("institution_dossier"), *contents(s, t), PageBreak(), *body]
