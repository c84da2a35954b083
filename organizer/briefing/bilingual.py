"""The two-language briefing (``--lang ru+en``): the delegation lists and the programme side by side.

The document is made in its first language (headings, sections, texts); the visit is assembled a second
time in the other language (``VisitBriefing.parallel``), and the lists both sides read together (who
comes, who receives them, what happens when) print as two columns, one per language, row by row: the
people matched by id, the programme's meetings by id. Every cell holds short values only (names,
titles, places, times); long texts stay in the one-language sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from organizer.briefing.common import grid, safe, subheading
from organizer.briefing.labels import Labels
from organizer.domain.briefing import BriefMeeting, BriefPerson

if TYPE_CHECKING:
    from organizer.briefing.visit import _Writer

LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}


def _person(p: BriefPerson | None, t: Labels, w: _Writer) -> list[Flowable]:
    if p is None:
        return []
    s = w.s
    cell: list[Flowable] = [Paragraph(f"<b>{safe(f'{p.honorific} {p.full_name}'.strip())}</b>", s.cell)]
    line = ", ".join(x for x in (p.title, p.institution) if x)
    if line:
        cell.append(Paragraph(safe(line), s.cell))
    extra = " · ".join(x for x in (t.role(p.role) if p.role else "", t.languages(p.languages)) if x)
    if extra:
        cell.append(Paragraph(safe(extra), s.muted))
    return cell


def people_table(w: _Writer, people: Sequence[BriefPerson], others: Sequence[BriefPerson]) -> list[Flowable]:
    """The people in both languages, one row each: number, first language, second language."""
    t = w.t
    if not people:
        return [Paragraph(safe(t["none"]), w.s.muted)]
    second = Labels(w.options.second or "en")
    by_id = {p.id: p for p in others}
    rows = [[str(i), _person(p, t, w), _person(by_id.get(p.id), second, w)] for i, p in enumerate(people, 1)]
    half = (w.width - 9 * mm) / 2
    return [grid([t["no"], LANGUAGE_NAMES.get(t.lang, t.lang), LANGUAGE_NAMES.get(second.lang, second.lang)],
                 rows, [9 * mm, half, half], w.s)]


def _meeting(mt: BriefMeeting | None, t: Labels, w: _Writer) -> list[Flowable]:
    if mt is None:
        return []
    s = w.s
    cell: list[Flowable] = [Paragraph(f"<b>{safe(mt.title)}</b>", s.cell)]
    where = ", ".join(x for x in (mt.venue, mt.room) if x)
    if where:
        cell.append(Paragraph(safe(where), s.cell))
    if mt.attendees:
        names = "; ".join(a.name for a in mt.attendees)
        cell.append(Paragraph(safe(f"{t['attendees']}: {names}"), s.muted))
    return cell


def programme(w: _Writer, meetings: Sequence[BriefMeeting], others: Sequence[BriefMeeting]) -> list[Flowable]:
    """The programme day by day, each meeting a row: time, first language, second language."""
    t, s = w.t, w.s
    if not meetings:
        return [Paragraph(safe(t["none"]), s.muted)]
    second = Labels(w.options.second or "en")
    by_id = {mt.id: mt for mt in others}
    half = (w.width - 24 * mm) / 2
    flow: list[Flowable] = []

    def day_of(mt: BriefMeeting) -> date | None:
        return mt.starts_at.date() if mt.starts_at else None

    for day_no, (day, items) in enumerate(groupby(meetings, key=day_of), 1):
        title = f"{t.date(day)} / {second.date(day)}" if day else f"{t['all_day']} / {second['all_day']}"
        flow.append(subheading(title, s, f"day-{day_no}-both"))
        rows = [[t.time_span(mt.starts_at, mt.ends_at), _meeting(mt, t, w), _meeting(by_id.get(mt.id), second, w)]
                for mt in items]
        flow.append(grid([t["time"], LANGUAGE_NAMES.get(t.lang, t.lang), LANGUAGE_NAMES.get(second.lang, second.lang)],
                         rows, [24 * mm, half, half], s))
    return flow
