"""Huge free texts lay out a piece at a time: a megabyte in any shape gives a complete document.

Issue 15 points 5 and 13: 190,000 short lines in a dossier ran past 300 s (one Paragraph per 2,500 characters,
each hundreds of lines tall and re-broken at every page it split over); a report with one 950 KB field took
2.2 GB. Times are measured in bench/bench_long_text.py; here: the document is produced, whole, in order.
"""

from __future__ import annotations

import io
import random
import re
from datetime import datetime

import pypdf

from organizer.briefing import BriefingOptions, render_person_dossier, render_visit_briefing
from organizer.domain.briefing import BriefFollowUp, BriefMeeting, BriefPerson, Encounter, PersonDossier, VisitBriefing
from organizer.domain.enums import FollowUpStatus, Side, VisitDirection, VisitStatus


def _pages(pdf: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _dossier(notes: str) -> list[pypdf.PageObject]:
    person = BriefPerson(id=1, full_name="Long Notes", side=Side.GUEST)
    return _pages(render_person_dossier(PersonDossier(person=person, notes=notes)))


def _flat(page: pypdf.PageObject) -> str:
    return re.sub(r"\s+", "", page.extract_text())


def test_190000_short_lines_lay_out_whole() -> None:
    text = "first line\n" + "line\n" * 190_000 + "last line"
    pages = _dossier(text)
    # one printed line per source line would be 3,400 pages; the breaks print as marks in running lines
    assert 50 < len(pages) < 600
    assert "firstline↵line↵line" in "".join(_flat(p) for p in pages[:4])
    assert "line↵line↵lastline" in _flat(pages[-1])


def test_one_word_of_a_megabyte_lays_out_whole() -> None:
    text = "α" + "x" * 1_000_000 + "ω"
    pages = _dossier(text)
    assert 100 < len(pages) < 600
    assert "αxxxxxxxx" in "".join(_flat(p) for p in pages[:4])
    # the word's end: on the last page, or split over the last two (running header and footer left out)
    tail = "".join(re.sub(r"LongNotes|page\d+of\d+", "", _flat(p)) for p in pages[-2:])
    assert "xxxxxxxxω" in tail


def test_a_megabyte_of_words_on_one_line_lays_out_whole() -> None:
    text = "opening words " + "word " * 200_000 + "closing words"
    pages = _dossier(text)
    assert 100 < len(pages) < 600
    assert "openingwordswordword" in "".join(_flat(p) for p in pages[:4])
    assert "wordwordclosingwords" in _flat(pages[-1])


def _mixed(rng: random.Random, size: int) -> str:
    """Text of every shape at once: words, blank lines, tabs, runs of spaces, long words, many lines."""
    parts: list[str] = []
    n = 0
    while n < size:
        k = rng.random()
        if k < 0.1:
            part = "\n" * rng.randrange(1, 4)
        elif k < 0.15:
            part = "Y" * rng.randrange(100, 6000)
        elif k < 0.2:
            part = " " * rng.randrange(1, 3000)
        elif k < 0.25:
            part = "\n".join(f"L{rng.randrange(100)}" for _ in range(rng.randrange(50, 400))) + "\n"
        else:
            words = " ".join(f"w{rng.randrange(1000)}" for _ in range(rng.randrange(1, 60)))
            part = words + rng.choice(["\n", " ", "\n\n", "\t", "\r\n"])
        parts.append(part)
        n += len(part)
    return "".join(parts)


def test_every_character_of_long_texts_is_printed_once_in_order() -> None:
    """Long texts in indented places (follow-up notes, earlier meetings) and after labels (meeting notes)."""
    rng = random.Random(15)
    texts = [f"{key}<{_mixed(rng, 60_000)}>{key}" for key in ("MEETINGNOTES", "FOLLOWUPNOTES", "OUTCOMES")]
    meeting = BriefMeeting(id=1, title="Talks", starts_at=datetime(2025, 1, 1, 9), notes=texts[0])
    follow = BriefFollowUp(id=1, description="Send papers", status=FollowUpStatus.OPEN, notes=texts[1])
    guest = BriefPerson(id=1, full_name="Guest", side=Side.GUEST,
                        history=(Encounter(kind="meeting", when=None, title="Earlier", outcomes=texts[2]),))
    data = VisitBriefing(visit_id=1, title="Q", direction=VisitDirection.INCOMING, status=VisitStatus.DONE,
                         start_date=None, end_date=None, place="", purpose="", summary="", issuing_office="",
                         guests=(guest,), meetings=(meeting,), agreed=(follow,))
    printed = "".join(_flat(p) for p in _pages(render_visit_briefing(data, BriefingOptions(report=True))))
    printed += "".join(_flat(p) for p in _pages(render_visit_briefing(data, BriefingOptions(
        sections=("biographies",)))))
    printed = re.sub(r"Q?page\d+of\d+Q?", "", printed.replace("↵", ""))
    for text in texts:
        assert re.sub(r"\s+", "", text) in printed
