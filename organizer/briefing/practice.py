"""What protocol practice asks of a briefing and a report (issue 18): the one-page summary that opens the
briefing, the programme as one timeline of meetings and other items (arrival, transfers, meals), and the
agreements (those in force in the history of relations, those signed during the visit in the report and
the dossiers).

Functions over the visit writer (``briefing.visit._Writer``): its styles, labels and width; each returns
flowables the PDF lays out and the .docx copies (``briefing.editable``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import groupby
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, HRFlowable, KeepTogether, PageBreak, Paragraph, Spacer

from organizer.briefing.common import RULE, Heading, facts, labelled_text, safe, subheading, text_flow
from organizer.domain.briefing import BriefAgreement, BriefMeeting, BriefProgrammeItem
from organizer.domain.enums import AgreementKind, AgreementStatus, ProgrammeItemKind, Side

if TYPE_CHECKING:
    from organizer.briefing.labels import Labels
    from organizer.briefing.visit import _Writer

_KIND_WORDS = {
    ProgrammeItemKind.ARRIVAL: "Arrival", ProgrammeItemKind.DEPARTURE: "Departure",
    ProgrammeItemKind.TRANSFER: "Transfer", ProgrammeItemKind.MEAL: "Meal", ProgrammeItemKind.BREAK: "Break",
    ProgrammeItemKind.FREE_TIME: "Free time", ProgrammeItemKind.OTHER: "Other",
}
"""Each kind's English name as the window shows it (translated from the window's ``.ts`` for Russian)."""
_AGREEMENT_WORDS = {
    AgreementKind.MOU: "Memorandum of understanding", AgreementKind.COOPERATION_AGREEMENT: "Cooperation agreement",
    AgreementKind.CONTRACT: "Contract", AgreementKind.PROTOCOL_OF_INTENT: "Protocol of intent",
    AgreementKind.OTHER: "Other",
}
_STATUS_WORDS = {
    AgreementStatus.DRAFT: "Draft", AgreementStatus.NEGOTIATING: "Negotiating", AgreementStatus.SIGNED: "Signed",
    AgreementStatus.EXPIRED: "Expired", AgreementStatus.TERMINATED: "Terminated",
}


def kind_name(t: Labels, kind: ProgrammeItemKind) -> str:
    """A programme item's kind in the labels' language ("Transfer", «Переезд»)."""
    return t.translated("ProgrammeItemKind", _KIND_WORDS[kind])


def item_title(w: _Writer, item: BriefProgrammeItem) -> str:
    """The item's title, or its kind's name in the document's language."""
    return item.title or kind_name(w.t, item.kind)


# --- the one-page summary ------------------------------------------------------------------------

BULLET_LINES = 40
"""A summary text of up to this many lines (and ``BULLET_CHARS`` characters) is shown as bullets, one a line."""
BULLET_CHARS = 8_000


def summary_page(w: _Writer) -> list[Flowable]:
    """The briefing's first page after the cover: the visit in brief (when, where, who leads each side, how
    many meetings), its purpose, the outcomes we want, the key messages and what not to raise, on a page of
    its own (longer texts than a page holds flow on); empty parts say so rather than leave a bare label."""
    d, t, s = w.data, w.t, w.s
    w.counter += 1  # numbered as the first section: the sections after it keep their numbers
    head = Heading(f"{w.counter}. {t['summary_page']}", s.h1, 0, "purpose")
    lead_guest = next((p for p in d.guests), None)
    lead_host = next((p for p in d.hosts), None)

    def who(p: object) -> str:
        if p is None:
            return ""
        name = f"{getattr(p, 'honorific', '')} {getattr(p, 'full_name', '')}".strip()
        where = ", ".join(x for x in (getattr(p, "title", None), getattr(p, "institution", None)) if x)
        return f"{name} ({where})" if where else name

    pairs = [
        (t["dates"], t.span(d.start_date, d.end_date)),
        (t["place"], d.place),
        (t["guest_side"], who(lead_guest)),
        (t["host_side"], who(lead_host)),
        (t["programme_size"], t["programme_size_value"].format(meetings=len(d.meetings), items=len(d.programme))
         if d.meetings or d.programme else ""),
    ]
    flow: list[Flowable] = [head, *facts(pairs, w.width, s)]
    for key, text in (("purpose_only", d.purpose), ("desired_outcomes", d.desired_outcomes),
                      ("key_messages", d.key_messages), ("sensitivities", d.sensitivities)):
        flow.append(Heading(t[key], s.h3, 1, f"summary-{key}", toc=False))
        # A few lines are bullets, a Paragraph each; a longer text (a pasted document: a megabyte of short
        # lines made a Paragraph per line, 900 MB) flows a piece at a time like every other free text.
        lines = ([line.strip() for line in text.splitlines() if line.strip()]
                 if len(text) <= BULLET_CHARS and text.count("\n") < 2 * BULLET_LINES else [])
        if 1 < len(lines) <= BULLET_LINES:
            flow += [Paragraph("• " + safe(line), s.body) for line in lines]
        else:
            flow += text_flow(text, s.body) or [Paragraph(safe(t["none"]), s.muted)]
    return [*flow, PageBreak()]  # it opens a page (after the cover) and ends one


# --- the programme: one timeline -----------------------------------------------------------------


def _day(entry: BriefMeeting | BriefProgrammeItem) -> date | None:
    return entry.starts_at.date() if entry.starts_at else None


def timeline(w: _Writer, *, report: bool) -> list[Flowable]:
    """Meetings and the other programme items, day by day in time order. A meeting is headed by its time and
    title (no separate time row) with its venue, attendees and preparation (or, in the report, notes and
    outcomes); an item by its time and title, with its place, escort, transport and notes on one line."""
    d, t, s = w.data, w.t, w.s
    entries: list[BriefMeeting | BriefProgrammeItem] = [*d.meetings, *d.programme]
    if not entries:
        return [Paragraph(safe(t["none"]), s.muted)]
    entries.sort(key=lambda e: (e.starts_at is None, e.starts_at or datetime.min, isinstance(e, BriefMeeting),
                                e.id))
    flow: list[Flowable] = []
    for day_no, (day, items) in enumerate(groupby(entries, key=_day), 1):
        flow.append(subheading(t.date(day) if day else t["all_day"], s, f"day-{day_no}-{report}"))
        for e in items:
            if isinstance(e, BriefMeeting):
                flow += w.meeting_block(e, report=report)
            else:
                flow += _item_block(w, e, report=report)
    return flow


def _item_block(w: _Writer, item: BriefProgrammeItem, *, report: bool) -> list[Flowable]:
    t, s = w.t, w.s
    head = Heading(f"{t.time_span(item.starts_at, item.ends_at)}  {item_title(w, item)}", s.h3, 2,
                   f"item-{item.id}-{report}", toc=False)
    kind = t.translated("ProgrammeItemKind", _KIND_WORDS[item.kind]) if item.title else ""
    line = " · ".join(x for x in (
        kind, item.place, f"{t['escort']}: {item.escort}" if item.escort else "",
        f"{t['transport']}: {' '.join(item.transport.split())}" if item.transport.strip() else "") if x)
    body: list[Flowable] = [Paragraph(safe(line), s.muted)] if line else []
    body += text_flow(item.notes, s.small)
    return [KeepTogether([head, *body]),
            HRFlowable(width="100%", thickness=0.3, color=RULE, spaceBefore=2, spaceAfter=2)]


# --- agreements ----------------------------------------------------------------------------------


def agreements(w: _Writer, items: Sequence[BriefAgreement], empty: str = "no_agreements") -> list[Flowable]:
    """Each agreement: title, kind and status, when and where signed, valid until, parties, signatories, the
    visit it was signed during (unless that is the document's own) and what it is about; ``empty`` (a label
    key) when there is none."""
    t, s = w.t, w.s
    if not items:
        return [Paragraph(safe(t[empty]), s.muted)]
    flow: list[Flowable] = []
    for a in items:
        kind = t.translated("AgreementKind", _AGREEMENT_WORDS[a.kind])
        status = t.translated("AgreementStatus", _STATUS_WORDS[a.status])
        signed = ", ".join(x for x in (t.date(a.signed_date), a.signed_place) if x)
        block: list[Flowable] = [Paragraph(f"<b>{safe(a.title)}</b>", s.body)]
        block += facts([
            (t["kind"], f"{kind} · {status}"),
            (t["signed"], signed),
            (t["valid_until"], t.date(a.valid_until)),
            (t["parties"], "; ".join(a.parties)),
            (t["signatories"], "; ".join(a.signatories)),
            (t["visit"].capitalize(), a.visit_title if a.visit_title and a.visit_title != w.data.title else ""),
        ], w.width, s)
        flow.append(KeepTogether(block))
        flow += text_flow(a.summary, s.small)
        flow.append(Spacer(1, 4))
    return flow


# --- host biographies ----------------------------------------------------------------------------


def host_biographies(w: _Writer) -> list[Flowable]:
    """The host side's biographies, after the hosts' table (the delegation's have their own section)."""
    hosts = [p for p in w.data.hosts if p.side is not Side.GUEST]
    if not hosts:
        return []
    flow: list[Flowable] = [Spacer(1, 6)]
    for p in hosts:
        flow += w.biography(p, history=False)
    return flow


def logistics_lines(w: _Writer) -> list[Flowable]:
    """Lodging and transport (arrival and departure are on the timeline, interpretation and dietary needs with
    the delegation: each printed once); the gifts follow in ``_Writer.logistics``."""
    t, s, lg = w.t, w.s, w.data.logistics
    flow: list[Flowable] = []
    if not w.data.programme:  # without programme items, the visit's own arrival and departure notes
        arrival = " ".join(x for x in (t.datetime(lg.arrival_at), lg.arrival_details) if x)
        departure = " ".join(x for x in (t.datetime(lg.departure_at), lg.departure_details) if x)
        flow += labelled_text(t["arrival"], arrival, s) + labelled_text(t["departure"], departure, s)
    for key, value in (("lodging", lg.lodging), ("transport", lg.transport)):
        flow += labelled_text(t[key], value, s)
    return flow
