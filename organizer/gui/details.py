"""HTML for the detail panes (person, institution, visit), built from service data objects.

Pure functions (Qt only for translating labels), so they are tested directly. Every piece of user text goes through
``html.escape``: names may contain ``<b>&`` and must show literally, never as markup. Links use the
internal schemes ``person:ID``, ``institution:ID`` and ``visit:ID``; the pane turns a click into
navigation and never opens anything outside the application.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from organizer.domain.enums import Side
from organizer.domain.records import (
    FollowUpData,
    FollowUpRow,
    InstitutionDetail,
    MeetingRow,
    NameVariant,
    ParticipantView,
    PersonDetail,
    PersonHistory,
    PositionView,
    VisitDetail,
)
from organizer.gui.formatting import (
    enum_label,
    fmt_date,
    fmt_date_range,
    fmt_period,
    fmt_time_span,
)
from organizer.gui.i18n import QT_TRANSLATE_NOOP

NOTHING = "—"


translate = QCoreApplication.translate
"""Labels are translated in the context ``Details`` (lupdate finds each ``translate("Details", ...)`` call)."""


def esc(text: object) -> str:
    """Escape user text for Qt rich text (``<``, ``>``, ``&``, quotes)."""
    return html.escape(str(text), quote=True)


def para(text: str) -> str:
    """A block of free text: escaped, line breaks kept."""
    return "<p>" + esc(text.strip()).replace("\n", "<br>") + "</p>"


def link(kind: str, ident: int | None, text: str) -> str:
    """An internal link to a record, or plain escaped text when there is no id."""
    if ident is None:
        return esc(text)
    return f'<a href="{kind}:{int(ident)}">{esc(text)}</a>'


def message_html(text: str) -> str:
    """A placeholder or error message for an empty pane."""
    return f'<p class="muted">{esc(text)}</p>'


def _heading(text: str, level: int = 3) -> str:
    return f"<h{level}>{esc(text)}</h{level}>"


def _facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column label/value table; values are already HTML, empty ones are left out."""
    rows = [f'<tr><td class="label">{esc(label)}</td><td>{value}</td></tr>'
            for label, value in pairs if value]
    if not rows:
        return ""
    return '<table cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A grid with a header row; cells are already HTML. A one-cell row is a group heading across it."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        f'<tr><td colspan="{len(headers)}" class="group">{row[0]}</td></tr>' if len(row) == 1
        else "<tr>" + "".join(f'<td valign="top">{c}</td>' for c in row) + "</tr>"
        for row in rows
    )
    # 99%, not 100%: Qt rounds column widths so that a full-width table often overflows by one pixel,
    # which shows a useless horizontal scroll bar.
    return f'<table class="grid" width="99%" cellspacing="0" cellpadding="4"><tr>{head}</tr>{body}</table>'


def _variants(variants: Sequence[NameVariant]) -> str:
    items = []
    for v in variants:
        note = ", ".join(x for x in (v.language, v.script) if x)
        suffix = f' <span class="muted">({esc(note)})</span>' if note else ""
        items.append(f"<li>{esc(v.name)}{suffix}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def _joined(values: Iterable[str]) -> str:
    return esc(", ".join(values))


# --- people --------------------------------------------------------------------------------------


def _position_rows(positions: Sequence[PositionView], *, by_person: bool) -> list[list[str]]:
    rows = []
    for p in positions:
        who = (link("person", p.person_id, p.person_name) if by_person
               else link("institution", p.institution_id, p.institution_name))
        period = esc(fmt_period(p.start_date, p.end_date))
        if p.current:
            when = "<b>" + esc(translate("Details", "current")) + "</b>" + (f" ({period})" if period else "")
        else:
            when = period or '<span class="muted">past</span>'
        rows.append([who, esc(p.title), when] if by_person else [esc(p.title), who, when])
    return rows


def person_html(detail: PersonDetail, history: PersonHistory) -> str:
    """Everything a protocol officer wants to know about a person on one page."""
    d = detail.data
    title = " ".join(x for x in (d.honorific.strip(), detail.full_name) if x)
    out = [_heading(title, 2)]
    current = next((p for p in history.positions if p.current), None)
    if current is not None:
        where = link("institution", current.institution_id, current.institution_name)
        out.append(f"<p>{esc(current.title)}, {where}</p>")
    out.append(_facts([
        (translate("Details", "Form of address"), esc(d.form_of_address)),
        (translate("Details", "Languages"), _joined(d.languages)),
        (translate("Details", "Tags"), _joined(d.tags)),
        (translate("Details", "Topics"), _joined(d.topics)),
        (translate("Details", "Email"),
         "<br>".join(esc(f"{c.value} ({c.label})" if c.label else c.value) for c in d.emails)),
        (translate("Details", "Phone"),
         "<br>".join(esc(f"{c.value} ({c.label})" if c.label else c.value) for c in d.phones)),
    ]))
    if d.name_variants:
        out += [_heading(translate("Details", "Names in other scripts")), _variants(d.name_variants)]
    out.append(_heading(translate("Details", "Positions")))
    if history.positions:
        out.append(_table([
            translate("Details", "Title"), translate("Details", "Institution"), translate("Details", "Period")
        ], _position_rows(history.positions, by_person=False)))
    else:
        out.append(message_html(translate("Details", "No positions recorded.")))
    out.append(_heading(translate("Details", "Visits and meetings")))
    if history.attended:
        out.append(_table([
            translate("Details", "Date"), translate("Details", "Visit or meeting"), translate("Details", "Side"),
            translate("Details", "Role")
        ], [
            [esc(fmt_date(a.when)) or NOTHING,
             (link("visit", a.id, a.title) if a.kind == "visit"
              else esc(translate("Details", "Meeting:")) + " " + link("visit", a.visit_id, a.title)),
             esc(enum_label(a.side)), esc(enum_label(a.role))]
            for a in history.attended
        ]))
    else:
        out.append(message_html(translate("Details", "Has not taken part in any visit or meeting yet.")))
    if d.biography.strip():
        out += [_heading(translate("Details", "Biography")), para(d.biography)]
    if d.notes.strip():
        out += [_heading(translate("Details", "Notes")), para(d.notes)]
    return "".join(out)


# --- institutions --------------------------------------------------------------------------------


def institution_html(detail: InstitutionDetail) -> str:
    """Path, profile, units and the people who hold positions there."""
    d = detail.data
    out = []
    if len(detail.path) > 1:
        out.append(f'<p class="muted">{esc("  ›  ".join(detail.path[:-1]))}</p>')
    out.append(_heading(d.name, 2))
    place = ", ".join(x for x in (d.city, d.country) if x)
    out.append(_facts([
        (translate("Details", "Short name"), esc(d.short_name)),
        (translate("Details", "Kind"), esc(enum_label(d.kind))),
        (translate("Details", "Part of"), link("institution", d.parent_id, detail.parent_name or "")),
        (translate("Details", "Place"), esc(place)),
        (translate("Details", "Address"), esc(d.address).replace("\n", "<br>")),
        (translate("Details", "Website"), esc(d.website)),
        (translate("Details", "Topics"), _joined(d.topics)),
    ]))
    if d.name_variants:
        out += [_heading(translate("Details", "Names in other scripts")), _variants(d.name_variants)]
    if d.profile.strip():
        out += [_heading(translate("Details", "Profile")), para(d.profile)]
    if detail.children:
        out.append(_heading(translate("Details", "Units")))
        out.append("<ul>" + "".join(
            f"<li>{link('institution', c.id, c.name)} "
            f'<span class="muted">({esc(enum_label(c.kind))})</span></li>'
            for c in detail.children
        ) + "</ul>")
    out.append(_heading(translate("Details", "People")))
    if detail.people:
        out.append(_table([
            translate("Details", "Name"), translate("Details", "Title"), translate("Details", "Period")
        ], _position_rows(detail.people, by_person=True)))
    else:
        out.append(message_html(translate("Details", "Nobody holds a position here.")))
    return "".join(out)


# --- visits --------------------------------------------------------------------------------------

_SIDE_TITLES = {Side.GUEST: QT_TRANSLATE_NOOP("Details", "Guests"), Side.HOST: QT_TRANSLATE_NOOP("Details", "Hosts")}


def _side_title(side: Side) -> str:
    return translate("Details", _SIDE_TITLES[side])


def _participants(views: Sequence[ParticipantView]) -> str:
    """One table, guests then hosts, each side in order of precedence (as the service sorts them)."""
    rows: list[list[str]] = []
    for side in (Side.GUEST, Side.HOST):
        mine = [p for p in views if p.side is side]
        if mine:
            rows.append([f"<b>{esc(_side_title(side))}</b>"])
        rows += [[esc(p.precedence) if p.precedence else NOTHING, link("person", p.person_id, p.full_name),
                  esc(p.title or ""), esc(p.institution or ""), esc(enum_label(p.role))] for p in mine]
    return _table([
        "#", translate("Details", "Name"), translate("Details", "Title"), translate("Details", "Institution"),
        translate("Details", "Role")
    ], rows) if rows else ""


def _moment(at: datetime | None, details: str) -> str:
    """An arrival or departure: time and free-text details (flight, train)."""
    when = fmt_time_span(at, None) if at is not None else ""
    return esc(" ".join(x for x in (when, details.strip()) if x)).replace("\n", "<br>")


def _meeting_cell(m: MeetingRow) -> str:
    where = ", ".join(x for x in (m.venue or "", m.room) if x)
    extra = ", ".join(x for x in (enum_label(m.kind), where) if x)
    return f'<b>{esc(m.title)}</b><br><span class="muted">{esc(extra)}</span>'


def visit_html(detail: VisitDetail) -> str:
    """The visit at a glance: who, where, the programme in time order, and what was agreed."""
    d = detail.data
    out = [_heading(d.title, 2)]
    line = " · ".join(x for x in (fmt_date_range(d.start_date, d.end_date), d.place,
                                  enum_label(d.direction), enum_label(d.status)) if x)
    out.append(f'<p class="muted">{esc(line)}</p>')
    if d.purpose.strip():
        out += [_heading(translate("Details", "Purpose")), para(d.purpose)]
    if detail.institutions:
        out.append(_heading(translate("Details", "Institutions")))
        out.append(_facts([
            (_side_title(side), ", ".join(link("institution", i, name)
                                            for i, name, s in detail.institutions if s is side))
            for side in (Side.GUEST, Side.HOST)
        ]))
    out.append(_heading(translate("Details", "Participants")))
    out.append(_participants(detail.participants) or message_html(translate("Details", "No participants recorded.")))
    out.append(_heading(translate("Details", "Programme")))
    if detail.meetings:
        out.append(_table([
            translate("Details", "When"), translate("Details", "Meeting"), translate("Details", "Participants")
        ], [
            [esc(fmt_time_span(m.starts_at, m.ends_at)), _meeting_cell(m), _joined(m.participants) or NOTHING]
            for m in detail.meetings
        ]))
    else:
        out.append(message_html(translate("Details", "No meetings planned yet.")))
    out.append(_heading(translate("Details", "Follow-ups")))
    if detail.followups:
        out.append(_table([
            translate("Details", "Status"), translate("Details", "Due"), translate("Details", "What"),
            translate("Details", "Owner")
        ], [
            [esc(enum_label(f.status)), esc(fmt_date(f.due_date)) or NOTHING,
             esc(f.description).replace("\n", "<br>"), esc(f.owner or "")]
            for f in detail.followups
        ]))
    else:
        out.append(message_html(translate("Details", "No follow-ups recorded.")))
    if detail.agreements:
        out.append(_heading(translate("Details", "Agreements")))
        out.append(_table([
            translate("Details", "Agreement"), translate("Details", "Kind"), translate("Details", "Status"),
            translate("Details", "Signed"), translate("Details", "Parties")
        ], [
            [esc(a.title), esc(enum_label(a.kind)), esc(enum_label(a.status)), esc(fmt_date(a.signed_date)),
             _joined(a.parties)]
            for a in detail.agreements
        ]))
    lg = d.logistics
    logistics = _facts([
        (translate("Details", "Arrival"), _moment(lg.arrival_at, lg.arrival_details)),
        (translate("Details", "Departure"), _moment(lg.departure_at, lg.departure_details)),
        (translate("Details", "Lodging"), esc(lg.lodging)),
        (translate("Details", "Transport"), esc(lg.transport)),
        (translate("Details", "Interpreting"), esc(lg.interpreter_needs)),
        (translate("Details", "Dietary needs"), esc(lg.dietary_needs)),
    ])
    if logistics:
        out += [_heading(translate("Details", "Logistics")), logistics]
    if d.gifts:
        names = {p.person_id: p.full_name for p in detail.participants}
        out.append(_heading(translate("Details", "Gifts")))
        out.append(_table(["", translate("Details", "Gift"), translate("Details", "Person")], [
            [esc(enum_label(g.direction)), esc(g.description).replace("\n", "<br>"),
             link("person", g.person_id,
                  names.get(g.person_id, translate("Details", "person %1").replace("%1", str(g.person_id))))
             if g.person_id is not None else ""]
            for g in d.gifts
        ]))
    if d.summary.strip():
        out += [_heading(translate("Details", "Summary")), para(d.summary)]
    if d.topics:
        out.append(_facts([(translate("Details", "Topics"), _joined(d.topics))]))
    return "".join(out)


# --- follow-ups ----------------------------------------------------------------------------------


def followup_html(row: FollowUpRow, data: FollowUpData, visit_title: str | None,
                  meeting_title: str | None) -> str:
    """One follow-up: what, who, by when, where it came from, notes."""
    out = [f"<p><b>{esc(row.description).replace(chr(10), '<br>')}</b></p>"]
    out.append(_facts([
        (translate("Details", "Status"), esc(enum_label(row.status))),
        (translate("Details", "Due"), esc(fmt_date(row.due_date))),
        (translate("Details", "Owner"), esc(row.owner or "")),
        (translate("Details", "Visit"),
         link("visit", row.visit_id, visit_title or translate("Details", "visit %1").replace("%1", str(row.visit_id)))
         if row.visit_id is not None else ""),
        (translate("Details", "Meeting"), esc(meeting_title or "")),
    ]))
    if data.notes.strip():
        out += [_heading(translate("Details", "Notes")), para(data.notes)]
    return "".join(out)
