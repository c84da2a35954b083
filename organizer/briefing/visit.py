"""The pre-visit briefing book and the post-visit report of one visit.

Both start with a cover (issuing office, event, place, dates, handling marking) and a contents page
whose lines link to the sections; every section and meeting is also a PDF outline entry.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from organizer.briefing import bilingual, practice
from organizer.briefing.common import (
    ACCENT,
    RULE,
    BriefingDoc,
    Heading,
    LongText,
    ProgressFn,
    Styles,
    bind_headings,
    contents,
    facts,
    grid,
    labelled_text,
    make_styles,
    safe,
    section,
    table_style,
    text_flow,
)
from organizer.briefing.fonts import RENDER_LOCK
from organizer.briefing.labels import Labels
from organizer.briefing.options import BriefingOptions
from organizer.briefing.photos import photo_flowable
from organizer.domain.briefing import (
    BriefFollowUp,
    BriefInstitution,
    BriefMeeting,
    BriefPerson,
    Encounter,
    VisitBriefing,
)
from organizer.domain.enums import GiftDirection, RecordKind, Side, VisitDirection
from organizer.domain.scripts import in_script


class _Writer:
    """Builds the story of one document; ``width`` is the text width of the page."""

    def __init__(self, data: VisitBriefing, options: BriefingOptions, width: float) -> None:
        self.data = data
        self.options = options
        self.width = width
        self.s: Styles = make_styles()
        self.t = Labels(options.lang)
        self.counter = 0

    # --- pieces ----------------------------------------------------------------------------------

    def section(self, key: str) -> list[Flowable]:
        """A numbered section heading; a new page only when less than a few lines' room is left (a short
        section, such as one line of logistics, stays on the page before)."""
        self.counter += 1
        heading = section(f"{self.counter}. {self.t[key]}", self.s, key)
        return [CondPageBreak(32 * mm), *(f for f in heading if not isinstance(f, CondPageBreak))]

    def cover(self, kind: str) -> list[Flowable]:
        d, s, t = self.data, self.s, self.t
        flow: list[Flowable] = []
        if self.options.marking:
            flow += [Paragraph(safe(self.options.marking.upper()), s.cover_mark), Spacer(1, 18 * mm)]
        else:
            flow.append(Spacer(1, 24 * mm))
        if d.issuing_office:
            flow.append(Paragraph(safe(d.issuing_office), s.cover_line))
        flow += [
            Spacer(1, 4 * mm),
            HRFlowable(width="40%", thickness=1.2, color=ACCENT, spaceBefore=2, spaceAfter=14),
            Paragraph(safe(t[kind]), s.cover_kind),
            Paragraph(safe(d.title), s.cover_title),
            Spacer(1, 8 * mm),
        ]
        direction = "" if not d.visit_id else t[
            "direction_incoming" if d.direction is VisitDirection.INCOMING else "direction_outgoing"]
        for line in (direction, d.place, t.span(d.start_date, d.end_date)):
            if line:
                flow.append(Paragraph(safe(line), s.cover_line))
        flow += [
            Spacer(1, 30 * mm),
            HRFlowable(width="60%", thickness=0.5, color=RULE, spaceAfter=6),
        ]
        # Who prepared it: as given, else the database user when it can stand in this language's document
        # (a login name such as "root" is no name for a Russian cover).
        prepared_by = self.options.prepared_by or (d.prepared_by if in_script(d.prepared_by, t.lang) else "")
        if prepared_by:
            flow.append(Paragraph(safe(f"{t['prepared_by']}: {prepared_by}"), s.cover_line))
        if d.generated_at:
            flow.append(Paragraph(safe(f"{t['prepared_on']}: {t.date(d.generated_at.date())}"), s.cover_line))
        version = self.options.version or (t.datetime(d.generated_at) if d.generated_at else "")
        if version and d.visit_id:
            flow.append(Paragraph(safe(f"{t['version']}: {version}"), s.cover_line))
        if d.distribution:
            flow.append(Paragraph(safe(f"{t['distribution']}: {'; '.join(d.distribution)}"), s.cover_line))
        return [*flow, NextPageTemplate("body"), PageBreak()]

    def names(self, p: BriefPerson) -> tuple[str, list[str]]:
        """The name to print and the other spellings: the assembly gives both in the reader's script."""
        return p.full_name, [v.name for v in p.name_variants if v.name.strip() and v.name != p.full_name]

    def person_cell(self, p: BriefPerson) -> list[Flowable]:
        first, others = self.names(p)
        name = f"{p.honorific} {first}".strip()
        cell: list[Flowable] = [Paragraph(f"<b>{safe(name)}</b>", self.s.cell)]
        if others:
            cell.append(Paragraph(safe(" · ".join(others)), self.s.muted))
        return cell

    def position_cell(self, p: BriefPerson) -> list[Flowable]:
        cell: list[Flowable] = []
        line = ", ".join(x for x in (p.title, p.institution) if x)
        if line:
            cell.append(Paragraph(safe(line), self.s.cell))
        if p.role:
            cell.append(Paragraph(safe(self.t.role(p.role)), self.s.muted))
        return cell

    def people_table(self, people: Sequence[BriefPerson]) -> list[Flowable]:
        if not people:
            return [Paragraph(safe(self.t["none"]), self.s.muted)]
        w, t = self.width, self.t
        rows = [
            [str(i), self.person_cell(p), self.position_cell(p), p.form_of_address, t.languages(p.languages)]
            for i, p in enumerate(people, 1)
        ]
        return [grid([t["no"], t["name"], t["position"], t["address_as"], t["languages"]], rows,
                     [9 * mm, 0.30 * w, 0.36 * w - 9 * mm, 0.20 * w, 0.14 * w], self.s)]

    def encounters(self, items: Sequence[Encounter], empty: str) -> list[Flowable]:
        if not items:
            return [Paragraph(safe(self.t[empty]), self.s.muted)]
        flow: list[Flowable] = []
        for e in items:
            head = f"<b>{safe(self.t.date(e.when) or '—')}</b> · {safe(self.t[e.kind])} · {safe(e.title)}"
            if e.visit_title and e.kind == RecordKind.MEETING:
                head += f" <font color='#5a6473'>({safe(e.visit_title)})</font>"
            flow.append(Paragraph(head, self.s.small))
            flow += [_indent(p) for p in text_flow(e.outcomes, self.s.muted)]
        return flow

    def followups(self, items: Sequence[BriefFollowUp], *, with_status: bool = False) -> list[Flowable]:
        if not items:
            return [Paragraph(safe(self.t["none"]), self.s.muted)]
        t = self.t
        flow: list[Flowable] = []
        for i, f in enumerate(items, 1):
            text = text_flow(f.description, self.s.body)
            first = text[0] if text else Paragraph("", self.s.body)
            bullet = Paragraph(f"<b>{i}.</b>", self.s.body)
            head = Table([[bullet, first]], colWidths=[8 * mm, self.width - 8 * mm], hAlign="LEFT")
            head.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
            meta = [f"{t['owner']}: {f.owner}" if f.owner else "",
                    f"{t['due']}: {t.date(f.due_date)}" if f.due_date else "",
                    f"{t['status']}: {t[f.status.value]}" if with_status else "",
                    f"{t['done_on']}: {t.date(f.done_on)}" if f.done_on else "",
                    f"{t['source']}: {f.meeting_title or f.visit_title}" if (f.meeting_title or f.visit_title) else ""]
            flow.append(KeepTogether([head, _indent(Paragraph(safe(" · ".join(x for x in meta if x)), self.s.muted),
                                                    8 * mm)]))
            flow += [_indent(p, 8 * mm) for p in text[1:]]
            flow += [_indent(p, 8 * mm) for p in text_flow(f.notes, self.s.muted)]
            flow += [_indent(p, 8 * mm) for p in text_flow(f.done_note, self.s.muted)]
            flow.append(Spacer(1, 3))
        return flow

    def meeting_facts(self, mt: BriefMeeting) -> list[Flowable]:
        t = self.t
        where = ", ".join(x for x in (mt.venue, mt.room) if x)
        attendees = "; ".join(
            f"{a.name} ({a.title})" if a.title else a.name for a in mt.attendees)
        # The time heads the meeting (``meeting_block``): no "Time" row repeats it.
        return facts([(t["venue"], where), (t["attendees"], attendees),
                      (t["meeting_topics"], ", ".join(mt.topics))], self.width, self.s)

    def meeting_block(self, mt: BriefMeeting, *, report: bool) -> list[Flowable]:
        """One meeting on the programme's timeline: its time and title as the heading, then its facts and its
        preparation (the report: its notes and outcomes)."""
        t, s = self.t, self.s
        title = f"{t.time_span(mt.starts_at, mt.ends_at)}  {mt.title}"
        head = Heading(title, s.h3, 2, f"meeting-{mt.id}-{report}", toc=False)
        body = self.meeting_facts(mt)
        flow: list[Flowable] = [KeepTogether([head, *body[:1]]), *body[1:]]
        if report:
            flow += labelled_text(t["notes"], mt.notes, s)
            flow += labelled_text(t["outcomes"], mt.outcomes, s)
        else:
            flow += labelled_text(t["objectives"], mt.objectives, s)
            flow += labelled_text(t["talking_points"], mt.talking_points, s)
            flow += labelled_text(t["agenda"], mt.agenda, s)
        flow.append(HRFlowable(width="100%", thickness=0.3, color=RULE, spaceBefore=4, spaceAfter=2))
        return flow

    def meetings(self, *, report: bool) -> list[Flowable]:
        """The programme: meetings and the other items on one timeline (``practice.timeline``)."""
        return practice.timeline(self, report=report)

    def biography(self, p: BriefPerson, *, history: bool = True) -> list[Flowable]:
        t, s = self.t, self.s
        first, others = self.names(p)
        head = Heading(f"{p.honorific} {first}".strip(), s.h2, 1, f"bio-{p.id}", toc=False)
        pairs = [
            (t["position"], ", ".join(x for x in (p.title, p.institution) if x)),
            (t["also_written"], "; ".join(others)),
            (t["address_as"], p.form_of_address),
            *t.person_facts(p.facts),
            (t["languages"], t.languages(p.languages)),
            (t["interpretation"], p.interpreter_needs),
            (t["dietary"], p.dietary_needs),
            (t["expertise"], ", ".join(p.topics)),
        ]
        photo = photo_flowable(p.photo)
        info = facts(pairs, self.width - (36 * mm if photo else 0), s)
        block: list[Flowable]
        if photo is not None:
            side = Table([[photo, info[:1] or ""]], colWidths=[36 * mm, self.width - 36 * mm], hAlign="LEFT")
            side.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            block = [side, *info[1:]]
        else:
            block = info
        flow: list[Flowable] = [KeepTogether([head, *block[:1]]), *block[1:], Spacer(1, 3)]
        flow += text_flow(p.biography, s.body)
        if not history:
            return flow
        earlier = self.encounters(p.history, "no_history")
        flow.append(KeepTogether([Paragraph(safe(t["earlier"]), s.h3), *earlier[:2]]))
        flow += earlier[2:]
        return flow

    def institution(self, inst: BriefInstitution) -> list[Flowable]:
        t, s = self.t, self.s
        head = Heading(inst.name, s.h2, 1, f"inst-{inst.id}", toc=False)
        side = {Side.GUEST: t["guest_side"], Side.HOST: t["host_side"], None: ""}[inst.side]
        pairs = [
            (t["part_of"], " › ".join(inst.path[:-1])),
            ("", side),
            (t["also_written"], "; ".join(v.name for v in inst.name_variants)),
            (t["location"], ", ".join(x for x in (inst.city, inst.country) if x)),
            (t["website"], inst.website),
            (t["expertise"], ", ".join(inst.topics)),
            (t["key_people"], "; ".join(f"{n}, {title}" for n, title in inst.key_people)),
        ]
        info = facts(pairs, self.width, s) + text_flow(inst.profile, s.body)
        if not info:  # an institution with no data says so rather than print a bare heading
            info = [Paragraph(safe(t["no_details"]), s.muted)]
        return [KeepTogether([head, *info[:1]]), *info[1:]]

    def logistics(self) -> list[Flowable]:
        t, s = self.t, self.s
        flow: list[Flowable] = practice.logistics_lines(self)
        for direction, key in ((GiftDirection.GIVEN, "gifts_given"), (GiftDirection.RECEIVED, "gifts_received")):
            gifts = [g for g in self.data.gifts if g.direction is direction]
            if gifts:
                flow.append(Paragraph(safe(t[key]), s.h3))
                for g in gifts:
                    flow.append(Paragraph("• " + safe(g.description + (f" ({g.person})" if g.person else "")), s.body))
        return flow or [Paragraph(safe(t["none"]), s.muted)]

    # --- documents -------------------------------------------------------------------------------

    def briefing_story(self) -> list[Flowable]:
        d, t, s, o = self.data, self.t, self.s, self.options
        story: list[Flowable] = [*self.cover("briefing")]
        if o.wants("purpose"):  # the one-page summary comes first (each meeting's objectives are in the programme)
            story += practice.summary_page(self)
        story += [*contents(s, t), PageBreak()]
        if o.wants("topics"):
            story += self.section("topics")
            story += [Paragraph("• " + safe(x), s.body) for x in d.topics] or [Paragraph(safe(t["none"]), s.muted)]
        if o.wants("delegation"):
            story += self.section("delegation")
            story += (self.people_table(d.guests) if d.parallel is None
                      else bilingual.people_table(self, d.guests, d.parallel.guests))
            story.append(Spacer(1, 6))
            story += labelled_text(t["interpretation"], _with_members(d.logistics.interpreter_needs, d.guests,
                                                                      "interpreter_needs"), s)
            story += labelled_text(t["dietary"], _with_members(d.logistics.dietary_needs, d.guests, "dietary_needs"), s)
        if o.wants("itinerary"):
            story += self.section("itinerary")
            story += (self.meetings(report=False) if d.parallel is None
                      else bilingual.programme(self, d.meetings, d.parallel.meetings, d.programme,
                                               d.parallel.programme))
        if o.wants("biographies"):
            story += self.section("biographies")
            for p in d.guests:
                story += self.biography(p)
            if not d.guests:
                story.append(Paragraph(safe(t["none"]), s.muted))
        if o.wants("hosts"):
            story += self.section("hosts")
            story += (self.people_table(d.hosts) if d.parallel is None
                      else bilingual.people_table(self, d.hosts, d.parallel.hosts))
            story += practice.host_biographies(self)
        if o.wants("institutions"):
            story += self.section("institutions")
            for inst in d.institutions:
                story += self.institution(inst)
        if o.wants("history"):
            story += self.section("history")
            story += self.encounters(d.relations, "no_history")
            story.append(Heading(t["agreements_in_force"], s.h3, 1, "agreements-in-force", toc=False))
            story += practice.agreements(self, d.agreements_in_force)
        if o.wants("followups"):
            story += self.section("followups")
            story += self.followups(d.open_followups)
        if o.wants("logistics"):
            story += self.section("logistics")
            story += self.logistics()
        return story

    def report_story(self) -> list[Flowable]:
        d, t, s, o = self.data, self.t, self.s, self.options
        story: list[Flowable] = [*self.cover("report"), *contents(s, t), PageBreak()]
        if o.wants("summary"):
            story += self.section("summary")
            # No summary yet: it says so (the purpose is not the outcome).
            story += text_flow(d.summary, s.body) or [Paragraph(safe(t["no_summary"]), s.muted)]
        if o.wants("meetings"):
            story += self.section("meetings")
            story += self.meetings(report=True)
        if o.wants("agreements"):
            story += self.section("agreements")
            story += practice.agreements(self, d.agreements)
        if o.wants("agreed"):
            story += self.section("agreed")
            story += self.followups(d.agreed, with_status=True)
        if o.wants("followups"):  # the other open follow-ups: those agreed in this visit are listed once, above
            agreed = {f.id for f in d.agreed} if o.wants("agreed") else set()
            story += self.section("followups")
            story += self.followups([f for f in d.open_followups if f.id not in agreed])
        if o.wants("delegation"):
            story += self.section("participants")
            story.append(Paragraph(safe(t["guest_side"]), s.h3))
            story += self.people_table(d.guests)
            story.append(Paragraph(safe(t["host_side"]), s.h3))
            story += self.people_table(d.hosts)
        return story


def _indent(flowable: Flowable, amount: float = 5 * mm) -> Flowable:
    if isinstance(flowable, Paragraph | LongText):
        style = flowable.style.clone(flowable.style.name + "-indent", leftIndent=flowable.style.leftIndent + amount)
        flowable.style = style
    return flowable


def render_visit_briefing(data: VisitBriefing, options: BriefingOptions | None = None,
                          progress: ProgressFn | None = None) -> bytes:
    """The briefing book (or, with ``options.report``, the post-visit report) as PDF bytes."""
    options = options or BriefingOptions()
    labels = Labels(options.lang)
    kind = "report" if options.report else "briefing"
    with RENDER_LOCK:
        buffer = io.BytesIO()
        doc = BriefingDoc(buffer, paper=options.paper, labels=labels, header=data.title, marking=options.marking,
                          meta_title=f"{labels[kind]}: {data.title}",
                          subject=", ".join(x for x in (labels.span(data.start_date, data.end_date), data.place) if x),
                          author=data.issuing_office or "Organizer", created=data.generated_at, progress=progress)
        writer = _Writer(data, options, doc.width)
        story = writer.report_story() if options.report else writer.briefing_story()
        doc.build_with_contents(bind_headings(story))
        return buffer.getvalue()


def _with_members(planned: str, people: Sequence[BriefPerson], field: str) -> str:
    """The visit's own note, then each member's need from their record ("Name: halal"), one a line."""
    lines = [planned.strip()] if planned.strip() else []
    lines += [f"{p.full_name}: {need}" for p in people if (need := getattr(p, field).strip())]
    return "\n".join(lines)
