"""One document from the database: assembled (``services.briefing``), laid out (``organizer.briefing``).

Both front ends call ``render``: the command line (``organizer briefing``, ``dossier``) and the
window's briefing dialog, which runs it on a worker thread and passes ``progress`` (pages laid out).
Writing the bytes to a file is the caller's (through the one guarded atomic writer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.store.database import Database

KINDS = (RecordKind.VISIT, RecordKind.PERSON, RecordKind.INSTITUTION)
FORMATS = ("pdf", "docx")
"""PDF to print and send; .docx (python-docx) as the editable copy, from the same assembled data."""


@dataclass(frozen=True)
class DocumentRequest:
    """What to print: a visit's briefing (or, with ``report``, its report) or a person's or
    institution's dossier, with the options the layouts take."""

    kind: RecordKind
    ident: int
    lang: str = "en"
    """``en`` or ``ru``; a visit's briefing also ``ru+en`` / ``en+ru`` (lists and programme in both)."""
    paper: str = "a4"
    report: bool = False
    sections: tuple[str, ...] | None = None
    marking: str = ""
    issuing_office: str | None = None
    """A visit's briefing: the office named on the cover (default: our side's first institution)."""
    format: str = "pdf"
    """One of ``FORMATS``."""
    prepared_by: str = ""
    """A visit's briefing or report: who prepared it, on the cover (default: the database user)."""
    version: str = ""
    """A visit's briefing or report: its version on the cover (default: the moment it was made)."""


@dataclass(frozen=True)
class Document:
    pdf: bytes
    """The document's bytes: PDF, or .docx when the request asked for that format."""
    title: str
    """The visit's title or the person's or institution's name."""
    format: str = "pdf"


def render(db: Database, request: DocumentRequest, progress: Callable[[int], None] | None = None) -> Document:
    """Assemble and lay out the document; OrganizerError for unknown records or options."""
    from organizer.briefing import (
        BriefingOptions,
        render_institution_dossier,
        render_person_dossier,
        render_visit_briefing,
    )
    from organizer.services import briefing as assembly

    if request.kind not in KINDS:
        raise OrganizerError(f"unknown document kind {request.kind!r}; choose from: {', '.join(KINDS)}")
    if request.format not in FORMATS:
        raise OrganizerError(f"unknown format {request.format!r}; choose from: {', '.join(FORMATS)}")
    docx = request.format == "docx"
    if docx:
        from organizer.briefing.editable import (
            institution_dossier_docx,
            person_dossier_docx,
            visit_briefing_docx,
        )
    lang, _, second = request.lang.partition("+")
    try:
        options = BriefingOptions(lang=lang, paper=request.paper, report=request.report,
                                  sections=request.sections, marking=request.marking, second=second,
                                  prepared_by=request.prepared_by, version=request.version)
    except ValueError as exc:
        raise OrganizerError(str(exc)) from None
    if request.kind == RecordKind.VISIT:
        visit = assembly.visit_briefing(db, request.ident, issuing_office=request.issuing_office, lang=options.lang)
        if options.second:
            visit = replace(visit, parallel=assembly.visit_briefing(
                db, request.ident, issuing_office=request.issuing_office, lang=options.second))
        content = visit_briefing_docx(visit, options) if docx else render_visit_briefing(visit, options, progress)
        return Document(content, visit.title, request.format)
    if request.kind == RecordKind.PERSON:
        person = assembly.person_dossier(db, request.ident, lang=options.lang)
        content = person_dossier_docx(person, options) if docx else render_person_dossier(person, options, progress)
        return Document(content, person.person.full_name, request.format)
    institution = assembly.institution_dossier(db, request.ident, lang=options.lang)
    content = (institution_dossier_docx(institution, options) if docx
               else render_institution_dossier(institution, options, progress))
    return Document(content, institution.institution.name, request.format)
