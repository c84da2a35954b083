"""One document from the database: assembled (``services.briefing``), laid out (``organizer.briefing``).

Both front ends call ``render``: the command line (``organizer briefing``, ``dossier``) and the
window's briefing dialog, which runs it on a worker thread and passes ``progress`` (pages laid out).
Writing the bytes to a file is the caller's (through the one guarded atomic writer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.store.database import Database

KINDS = (RecordKind.VISIT, RecordKind.PERSON, RecordKind.INSTITUTION)


@dataclass(frozen=True)
class DocumentRequest:
    """What to print: a visit's briefing (or, with ``report``, its report) or a person's or
    institution's dossier, with the options the layouts take."""

    kind: RecordKind
    ident: int
    lang: str = "en"
    paper: str = "a4"
    report: bool = False
    sections: tuple[str, ...] | None = None
    marking: str = ""
    issuing_office: str | None = None
    """A visit's briefing: the office named on the cover (default: our side's first institution)."""


@dataclass(frozen=True)
class Document:
    pdf: bytes
    title: str
    """The visit's title or the person's or institution's name."""


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
    try:
        options = BriefingOptions(lang=request.lang, paper=request.paper, report=request.report,
                                  sections=request.sections, marking=request.marking)
    except ValueError as exc:
        raise OrganizerError(str(exc)) from None
    if request.kind == RecordKind.VISIT:
        visit = assembly.visit_briefing(db, request.ident, issuing_office=request.issuing_office, lang=options.lang)
        return Document(render_visit_briefing(visit, options, progress), visit.title)
    if request.kind == RecordKind.PERSON:
        person = assembly.person_dossier(db, request.ident, lang=options.lang)
        return Document(render_person_dossier(person, options, progress), person.person.full_name)
    institution = assembly.institution_dossier(db, request.ident, lang=options.lang)
    return Document(render_institution_dossier(institution, options, progress), institution.institution.name)
