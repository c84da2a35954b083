"""PDF briefings, dossiers and thank-you letters (ReportLab platypus) from plain data objects.

The layouts take only the objects of ``organizer.domain.briefing`` (filled by
``organizer.services.briefing``): no database, no Qt. Entry points:

- ``render_visit_briefing(data, options)``: the pre-visit briefing, or with ``options.report`` the
  post-visit report;
- ``render_person_dossier`` / ``render_institution_dossier``;
- ``render_thank_you_letters``: one PDF per recipient.

Each returns the PDF as bytes; writing files (atomically) is the caller's job. ``editable`` writes the
same stories as .docx (python-docx); ``bilingual`` lays out the two-language lists of ``--lang ru+en``.
ReportLab's font registry is global, so rendering is one job at a time (a lock in ``fonts``).
"""

from organizer.briefing.dossier import render_institution_dossier, render_person_dossier
from organizer.briefing.letters import render_thank_you_letters
from organizer.briefing.options import BriefingOptions
from organizer.briefing.visit import render_visit_briefing

__all__ = [
    "BriefingOptions",
    "render_institution_dossier",
    "render_person_dossier",
    "render_thank_you_letters",
    "render_visit_briefing",
]
