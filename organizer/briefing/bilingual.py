"""The two-language briefing (``--lang ru+en``): the delegation lists and the programme side by side.

The document is made in its first language (headings, sections, texts); the visit is assembled a second
time in the other language (``VisitBriefing.parallel``), and the lists both sides read together (who
comes, who receives them, what happens when) print as two columns, one per language, row by row: the
people matched by id, the programme's meetings by id. Every cell holds short values only (names,
titles, places, times); long texts stay in the one-language sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import groupby
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from organizer.briefing.common import grid, safe, subheading
from organizer.briefing.labels import Labels
from organizer.briefing.practice import kind_name
from organizer.domain.briefing import BriefMeeting, BriefPerson, BriefProgrammeItem

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


def _item(it: BriefProgrammeItem | None, t: Labels, w: _Writer) -> list[Flowable]:
    """A programme item that is not a meeting (arrival, transfer...): its title (or kind) and place, escort."""
    if it is None:
        return []
    s = w.s
    cell: list[Flowable] = [Paragraph(f"<b>{safe(it.title or kind_name(t, it.kind))}</b>", s.cell)]
    line = " · ".join(x for x in (it.place, f"{t['escort']}: {it.escort}" if it.escort else "") if x)
    if line:
        cell.append(Paragraph(safe(line), s.muted))
    return cell


def programme(w: _Writer, meetings: Sequence[BriefMeeting], others: Sequence[BriefMeeting],
              items: Sequence[BriefProgrammeItem] = (), other_items: Sequence[BriefProgrammeItem] = ()
              ) -> list[Flowable]:
    """The programme day by day, each meeting and other item (arrival, transfer...) a row in time order: time,
    first language, second language."""
    t, s = w.t, w.s
    if not meetings and not items:
        return [Paragraph(safe(t["none"]), s.muted)]
    second = Labels(w.options.second or "en")
    by_id = {mt.id: mt for mt in others}
    item_by_id = {it.id: it for it in other_items}
    half = (w.width - 24 * mm) / 2
    flow: list[Flowable] = []
    entries: list[BriefMeeting | BriefProgrammeItem] = sorted(
        [*meetings, *items], key=lambda e: (e.starts_at is None, e.starts_at or datetime.min,
                                            isinstance(e, BriefMeeting), e.id))

    def day_of(mt: BriefMeeting | BriefProgrammeItem) -> date | None:
        return mt.starts_at.date() if mt.starts_at else None

    def cells(e: BriefMeeting | BriefProgrammeItem) -> list[object]:
        if isinstance(e, BriefMeeting):
            return [_meeting(e, t, w), _meeting(by_id.get(e.id), second, w)]
        return [_item(e, t, w), _item(item_by_id.get(e.id), second, w)]

    for day_no, (day, group) in enumerate(groupby(entries, key=day_of), 1):
        title = f"{t.date(day)} / {second.date(day)}" if day else f"{t['all_day']} / {second['all_day']}"
        flow.append(subheading(title, s, f"day-{day_no}-both"))
        rows = [[t.time_span(e.starts_at, e.ends_at), *cells(e)] for e in group]
        flow.append(grid([t["time"], LANGUAGE_NAMES.get(t.lang, t.lang), LANGUAGE_NAMES.get(second.lang, second.lang)],
                         rows, [24 * mm, half, half], s))
    return flow
