"""What the user chooses for a document: language of the labels, paper, sections, handling marking."""

from __future__ import annotations

from dataclasses import dataclass

from organizer.domain.briefing import REPORT_SECTIONS, SECTIONS

LANGUAGES = ("en", "ru")
BILINGUAL = ("ru+en", "en+ru")
"""Two languages: the document in the first, the delegation lists and the programme in both."""
PAPERS = ("a4", "letter")


@dataclass(frozen=True, slots=True)
class BriefingOptions:
    lang: str = "en"
    second: str = ""
    """A second language (``BILINGUAL``): the delegation lists and programme print in two columns."""
    paper: str = "a4"
    sections: tuple[str, ...] | None = None
    """Sections to print, from ``SECTIONS`` (or ``REPORT_SECTIONS`` for a report); None prints all."""
    marking: str = ""
    """A handling marking printed on the cover and in every page header, e.g. "For official use"."""
    report: bool = False
    """The post-visit report instead of the pre-visit briefing."""
    prepared_by: str = ""
    """Who prepared it, on the cover (empty: the database user the assembly names)."""
    version: str = ""
    """The document's version on the cover (empty: the moment it was made)."""

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"language {self.lang!r} is not one of: {', '.join(LANGUAGES + BILINGUAL)}")
        if self.second and (self.second not in LANGUAGES or self.second == self.lang):
            raise ValueError(f"second language {self.second!r} is not the other of: {', '.join(LANGUAGES)}")
        if self.paper not in PAPERS:
            raise ValueError(f"paper {self.paper!r} is not one of: {', '.join(PAPERS)}")
        allowed = REPORT_SECTIONS if self.report else SECTIONS
        unknown = [s for s in self.sections or () if s not in allowed]
        if unknown:
            raise ValueError(f"unknown section {unknown[0]!r}; choose from: {', '.join(allowed)}")

    def wants(self, section: str) -> bool:
        return self.sections is None or section in self.sections
