"""HTML for the detail panes (person, institution, visit, meeting, follow-up, agreement, topic), built
from service data objects.

Pure functions (Qt only for the translation look-up), so they are tested directly. Every piece of user
text goes through ``esc`` (``html.escape``): names may contain ``<b>&`` and must show literally, never as markup.
Links use the internal schemes ``person:ID``, ``institution:ID``, ``visit:ID``, ``meeting:ID``,
``followup:ID``, ``agreement:ID``, ``topic:ID`` and ``programme-item:ID``; the pane turns a click into
navigation and never opens anything outside the application. Action links (``add-meeting:VISIT_ID`` ...)
appear only when the window has an editor for them (``actions``).

Longer than 500 lines on purpose: one HTML builder per kind (a section each), all on the small
escaping and table helpers at the top; split per kind, each file would be a few helpers' importer.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from organizer.domain.enums import FollowUpStatus, RecordKind, Side
from organizer.domain.field_table import FieldTable, FieldType
from organizer.domain.languages import language_name, language_names, script_name
from organizer.domain.person_fields import PERSON
from organizer.domain.variants import shown_texts
from organizer.gui.formatting import (
    enum_label,
    fmt_date,
    fmt_date_range,
    fmt_day,
    fmt_period,
    fmt_time_span,
)
from organizer.gui.i18n import current_language

if TYPE_CHECKING:  # the other kinds' record classes load with their panes (a person's first: issue 20)
    from organizer.domain.listing import InstitutionActivity, TopicUsage
    from organizer.domain.records import (
        AgreementData,
        AgreementRow,
        FollowUpData,
        FollowUpRow,
        InstitutionDetail,
        MeetingDetail,
        MeetingRow,
        NameVariant,
        ParticipantView,
        PersonDetail,
        PersonHistory,
        PositionView,
        ProgrammeItemRow,
        VisitDetail,
        VisitRow,
    )

translate = QCoreApplication.translate

NOTHING = "—"

ADD_MEETING = "add-meeting"
ADD_MEMBER = "add-member"
ADD_FOLLOWUP = "add-followup"
ADD_MEETING_FOLLOWUP = "add-meeting-followup"
"""A follow-up of the meeting whose id the link carries (its visit is the meeting's)."""
ADD_PROGRAMME_ITEM = "add-programme-item"
"""An arrival, transfer, meal or other programme item of the visit."""
DUPLICATE_VISIT = "duplicate-visit"
"""Record > Duplicate visit… on the visit whose id the link carries (next year's, or the return visit)."""
NEW_RECORD = "new-record"
"""The link under an empty list's message: a new record of the tab's kind (the id is 0)."""
ACTIONS = (ADD_MEETING, ADD_MEMBER, ADD_FOLLOWUP, ADD_MEETING_FOLLOWUP, ADD_PROGRAMME_ITEM, DUPLICATE_VISIT, NEW_RECORD)
"""Action link schemes; the id is the visit's (the meeting's for ``ADD_MEETING_FOLLOWUP``, 0 for ``NEW_RECORD``)."""


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
"""What ``html.escape(text, quote=True)`` replaces, in one pass (the ``html`` module would import its
entity tables before the first pane: about 3 ms of CPU)."""


def esc(text: object) -> str:
    """Escape user text for Qt rich text (``<``, ``>``, ``&``, quotes), as ``html.escape`` does."""
    return str(text).translate(_ESCAPES)


MARKDOWN_LIMIT = 200_000
"""Longer texts are shown as plain text (escaped, line breaks kept): the Markdown parse is not worth a pause."""


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    # the safe subset: paragraphs, line breaks, bold, italic, lists, backslash escapes; no raw HTML (escaped),
    # no links or images (a link in a pane would be followed as an action), no headings, code or tables
    return MarkdownIt("zero", {"breaks": True, "html": False}).enable(["emphasis", "list", "escape", "newline"])


_MARKUP = re.compile(r"[*_\\`\r\0]|^(?:[-+]|\d{1,9}[.)])", re.MULTILINE)
"""What the Markdown subset could read as markup: emphasis, a backslash escape, a list item's start (and
what its parser normalises: carriage returns, NUL)."""


def _plain_paragraphs(text: str) -> str | None:
    """What the Markdown parser renders for text without markup (paragraphs split at blank lines, each line
    break a ``<br>``, ``& < > "`` escaped), made without it; None when the text needs the parser (markup,
    or a line with spaces at either end). The first detail pane then does not import markdown_it."""
    if _MARKUP.search(text):
        return None
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if line != line.strip():
            return None
        paragraphs[-1].append(line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                              .replace('"', "&quot;"))
    return "".join(f"<p>{'<br>'.join(lines)}</p>" for lines in paragraphs if lines)


def para(text: str) -> str:
    """A block of free text as the notes placeholder promises: Markdown's safe subset (``**bold**``,
    ``*italic*``, ``- lists``, paragraphs) rendered, everything else escaped, line breaks kept."""
    text = text.strip()
    if len(text) > MARKDOWN_LIMIT:
        return "<p>" + esc(text).replace("\n", "<br>") + "</p>"
    plain = _plain_paragraphs(text)
    if plain is not None:
        return plain
    return str(_markdown().render(text)).replace("\n", "")  # its newlines follow <br> and block tags


def link_scheme(kind: RecordKind | str) -> str:
    """The URL scheme of a record kind's links (``programme-item``)."""
    return str(kind).replace("_", "-")


def link(kind: RecordKind, ident: int | None, text: str) -> str:
    """An internal link to a record (``person:12``: the kind's value is the link's scheme, ``_`` written as
    ``-``, which a URL scheme cannot hold: ``programme-item:3``), or plain escaped text when there is no id."""
    if ident is None:
        return esc(text)
    return f'<a href="{link_scheme(kind)}:{int(ident)}">{esc(text)}</a>'


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


def generic_facts(table: FieldTable, data: object) -> list[tuple[str, str]]:
    """(label, HTML value) of ``table``'s generic fields (``Field.page``) of ``data``: the label as the
    field tables label it, an enum's value by its label, a bool as "Yes" (empty values are left out)."""
    out = []
    for fld in table.generic:
        value = getattr(data, fld.name)
        if fld.type is FieldType.ENUM:
            text = esc(enum_label(value)) if value else ""
        elif fld.type is FieldType.BOOL:
            text = esc(translate("Details", "Yes")) if value else ""
        else:
            text = esc(value)
        out.append((translate("Fields", fld.label), text))
    return out


_TAG = re.compile(r"<[^>]+>")
ONE_WORD = 24
"""A cell holding one word up to this long never wraps (see ``_cell``)."""


def _cell(html: str) -> str:
    """A grid cell. One short word («Принимающая», a status) is kept whole: Qt's table layout squeezes a column
    below its longest word when the pane is narrow and breaks the word mid-way («Принимающа / я», seen at
    1366x768 under Xvfb)."""
    text = _TAG.sub("", html)
    if text and len(text) <= ONE_WORD and not any(ch.isspace() for ch in text):
        return f'<td valign="top" style="white-space: nowrap">{html}</td>'
    return f'<td valign="top">{html}</td>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A grid with a header row; cells are already HTML. A one-cell row is a group heading across it."""
    # a header does not break inside a word when long names squeeze its column («Перио/д» in Russian)
    head = "".join(f'<th style="white-space: nowrap">{esc(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><td colspan="{len(headers)}" class="group">{row[0]}</td></tr>' if len(row) == 1
        else "<tr>" + "".join(_cell(c) for c in row) + "</tr>"
        for row in rows
    )
    # 99%, not 100%: Qt rounds column widths so that a full-width table often overflows by one pixel,
    # which shows a useless horizontal scroll bar.
    return f'<table class="grid" width="99%" cellspacing="0" cellpadding="4"><tr>{head}</tr>{body}</table>'


def _variants(variants: Sequence[NameVariant]) -> str:
    items = []
    for v in variants:
        lang = current_language()
        note = ", ".join(x for x in (language_name(v.language, lang) if v.language else "",
                                     script_name(v.script, lang) if v.script else "") if x)
        suffix = f' <span class="muted">({esc(note)})</span>' if note else ""
        items.append(f"<li>{esc(v.name)}{suffix}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def _joined(values: Iterable[str]) -> str:
    return esc(", ".join(values))


def _multiline(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def _action(scheme: str, ident: int, text: str, actions: Collection[str]) -> str:
    """An action link (``+ Add meeting``) if the window offers that action, else nothing."""
    if scheme not in actions:
        return ""
    return f'<p><a href="{scheme}:{int(ident)}">{esc(text)}</a></p>'


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def is_overdue(row: FollowUpRow, today: date | None = None) -> bool:
    """Open and past its due date."""
    return (row.status is FollowUpStatus.OPEN and row.due_date is not None
            and row.due_date < (today or date.today()))


def _followup_rows(rows: Sequence[FollowUpRow], *, with_meeting: bool, with_owner: bool) -> list[list[str]]:
    out = []
    for f in rows:
        status = esc(enum_label(f.status))
        if f.done_on is not None:
            status += "<br>" + esc(fmt_date(f.done_on))
        if is_overdue(f):
            status = '<span class="overdue">' + esc(translate("Details", "Overdue")) + "</span>"
        what = link(RecordKind.FOLLOWUP, f.id, f.description).replace("\n", "<br>")
        if f.done_note.strip():
            what += '<br><span class="muted">' + _multiline(f.done_note.strip()) + "</span>"
        cells = [status, esc(fmt_date(f.due_date)) or NOTHING, what] + ([esc(f.owner or "")] if with_owner else [])
        if with_meeting:
            cells.append(link(RecordKind.MEETING, f.meeting_id, f.meeting_title or "") if f.meeting_id else "")
        out.append(cells)
    return out


def _followups_table(rows: Sequence[FollowUpRow], *, with_meeting: bool = False, with_owner: bool = True) -> str:
    """Follow-ups as a grid; a person's own pane leaves out the owner (it is that person, and the column took
    the width the description needed: Russian words broke mid-word in «Что»)."""
    headers = [translate("Details", "Status"), translate("Details", "Due"), translate("Details", "What")]
    if with_owner:
        headers.append(translate("Details", "Owner"))
    if with_meeting:
        headers.append(translate("Details", "Meeting"))
    return _table(headers, _followup_rows(rows, with_meeting=with_meeting, with_owner=with_owner))


# --- people --------------------------------------------------------------------------------------


def _position_rows(positions: Sequence[PositionView], *, by_person: bool) -> list[list[str]]:
    rows = []
    for p in positions:
        who = (link(RecordKind.PERSON, p.person_id, p.person_name) if by_person
               else link(RecordKind.INSTITUTION, p.institution_id, p.institution_name))
        period = esc(fmt_period(p.start_date, p.end_date))
        if p.current:
            when = "<b>" + esc(translate("Details", "current")) + "</b>" + (f" ({period})" if period else "")
        else:
            when = period or '<span class="muted">' + esc(translate("Details", "past")) + "</span>"
        rows.append([who, esc(p.title), when] if by_person else [esc(p.title), who, when])
    return rows


def person_html(detail: PersonDetail, history: PersonHistory, owned: Sequence[FollowUpRow] = ()) -> str:
    """Everything a protocol officer wants to know about a person on one page: positions over time,
    every visit and meeting (newest first) and the open follow-ups they own."""
    d = shown_texts(detail.data)  # texts in the window's language (issue 18)
    title = " ".join(x for x in (d.honorific.strip(), detail.full_name) if x)
    out = [_heading(title, 2)]
    current = next((p for p in history.positions if p.current), None)
    if current is not None:
        where = link(RecordKind.INSTITUTION, current.institution_id, current.institution_name)
        out.append(f"<p>{esc(current.title)}, {where}</p>" if current.title else f"<p>{where}</p>")  # title unknown
    out.append(_facts([
        (translate("Details", "Form of address"), esc(d.form_of_address)),
        *generic_facts(PERSON, d),
        (translate("Details", "Languages"), esc(language_names(d.languages, current_language()))),
        (translate("Details", "Interpreting"), esc(d.interpreter_needs)),
        (translate("Details", "Dietary needs"), esc(d.dietary_needs)),
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
        out.append(_table([translate("Details", "Title"), translate("Details", "Institution"),
                           translate("Details", "Period")],
                          _position_rows(history.positions, by_person=False)))
    else:
        out.append(message_html(translate("Details", "No positions recorded.")))
    out.append(_heading(translate("Details", "Open follow-ups owned")))
    if owned:
        out.append(_followups_table(owned, with_owner=False))
    else:
        out.append(message_html(translate("Details", "Owns no open follow-up.")))
    out.append(_heading(translate("Details", "Visits and meetings")))
    if history.attended:
        newest_first = sorted(history.attended, key=lambda a: (a.when is not None, a.when or date.min,
                                                                a.kind == RecordKind.VISIT, -a.id), reverse=True)
        out.append(_table([translate("Details", "Date"), translate("Details", "Visit or meeting"),
                           translate("Details", "Side"), translate("Details", "Role")], [
            [esc(fmt_date(a.when)) or NOTHING,
             (link(RecordKind.VISIT, a.id, a.title) if a.kind == RecordKind.VISIT
              else esc(translate("Details", "Meeting:")) + " " + link(RecordKind.MEETING, a.id, a.title)),
             esc(enum_label(a.side)), esc(enum_label(a.role))]
            for a in newest_first
        ]))
    else:
        out.append(message_html(translate("Details", "Has not taken part in any visit or meeting yet.")))
    if d.biography.strip():
        out += [_heading(translate("Details", "Biography")), para(d.biography)]
    if d.notes.strip():
        out += [_heading(translate("Details", "Notes")), para(d.notes)]
    return "".join(out)


# --- institutions --------------------------------------------------------------------------------


def _visit_rows(visits: Sequence[VisitRow]) -> list[list[str]]:
    return [[esc(fmt_date_range(v.start_date, v.end_date)) or NOTHING, link(RecordKind.VISIT, v.id, v.title),
             esc(enum_label(v.status))] for v in visits]


def _meeting_list_rows(meetings: Sequence[MeetingRow]) -> list[list[str]]:
    return [[esc(fmt_time_span(mt.starts_at, mt.ends_at)) if mt.starts_at else NOTHING,
             link(RecordKind.MEETING, mt.id, mt.title),
             link(RecordKind.VISIT, mt.visit_id, mt.visit_title or "") if mt.visit_id else ""]
            for mt in meetings]


def institution_html(detail: InstitutionDetail, activity: InstitutionActivity | None = None) -> str:
    """Path, profile, units, the people who hold positions there, its visits and the meetings held there."""
    d = shown_texts(detail.data)  # texts in the window's language (issue 18); the name as the path gives it
    out = []
    if len(detail.path) > 1:
        out.append(f'<p class="muted">{esc("  ›  ".join(detail.path[:-1]))}</p>')
    out.append(_heading(detail.path[-1] if detail.path else d.name, 2))
    place = ", ".join(x for x in (d.city, d.country) if x)
    out.append(_facts([
        (translate("Details", "Short name"), esc(d.short_name)),
        (translate("Details", "Kind"), esc(enum_label(d.kind))),
        (translate("Details", "Part of"), link(RecordKind.INSTITUTION, d.parent_id, detail.parent_name or "")),
        (translate("Details", "Place"), esc(place)),
        (translate("Details", "Address"), _multiline(d.address)),
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
            f"<li>{link(RecordKind.INSTITUTION, c.id, c.name)} "
            f'<span class="muted">({esc(enum_label(c.kind))})</span></li>'
            for c in detail.children
        ) + "</ul>")
    out.append(_heading(translate("Details", "People")))
    if detail.people:
        out.append(_table([translate("Details", "Name"), translate("Details", "Title"),
                           translate("Details", "Period")], _position_rows(detail.people, by_person=True)))
    else:
        out.append(message_html(translate("Details", "Nobody holds a position here.")))
    if activity is not None:
        out.append(_heading(translate("Details", "Visits")))
        if activity.visits:
            out.append(_table([translate("Details", "Dates"), translate("Details", "Visit"),
                               translate("Details", "Status")], _visit_rows(activity.visits)))
        else:
            out.append(message_html(translate("Details", "Has taken part in no visit yet.")))
        out.append(_heading(translate("Details", "Meetings held here")))
        if activity.meetings:
            out.append(_table([translate("Details", "When"), translate("Details", "Meeting"),
                               translate("Details", "Visit")], _meeting_list_rows(activity.meetings)))
        else:
            out.append(message_html(translate("Details", "No meeting has been held here yet.")))
    return "".join(out)


# --- visits --------------------------------------------------------------------------------------


def _side_title(side: Side) -> str:
    return translate("Details", "Guests") if side is Side.GUEST else translate("Details", "Hosts")


def _participants(views: Sequence[ParticipantView]) -> str:
    """One table, guests then hosts, each side in order of precedence (as the service sorts them)."""
    rows: list[list[str]] = []
    for side in (Side.GUEST, Side.HOST):
        mine = [p for p in views if p.side is side]
        if mine:
            rows.append([f"<b>{esc(_side_title(side))}</b>"])
        rows += [[esc(p.precedence) if p.precedence else NOTHING, link(RecordKind.PERSON, p.person_id, p.full_name),
                  esc(p.title or ""), esc(p.institution or ""), esc(enum_label(p.role))] for p in mine]
    headers = ["#", translate("Details", "Name"), translate("Details", "Title"), translate("Details", "Institution"),
               translate("Details", "Role")]
    return _table(headers, rows) if rows else ""


def _moment(at: datetime | None, details: str) -> str:
    """An arrival or departure: time and free-text details (flight, train)."""
    when = fmt_time_span(at, None) if at is not None else ""
    return _multiline(" ".join(x for x in (when, details.strip()) if x))


def _meeting_cell(m: MeetingRow, followups: Sequence[FollowUpRow]) -> str:
    where = ", ".join(x for x in (m.venue or "", m.room) if x)
    extra = ", ".join(x for x in (enum_label(m.kind), where) if x)
    cell = f'<b>{link(RecordKind.MEETING, m.id, m.title)}</b><br><span class="muted">{esc(extra)}</span>'
    if followups:
        cell += "<br>" + "<br>".join(
            "→ " + link(RecordKind.FOLLOWUP, f.id, _first_line(f.description)) for f in followups)
    return cell


def _names_linked(names: Sequence[str], ids_by_name: dict[str, int | None]) -> str:
    return ", ".join(link(RecordKind.PERSON, ids_by_name.get(n), n) for n in names)


def _item_title(item: ProgrammeItemRow) -> str:
    """A programme item's title, or its kind's name when it has none ("Arrival")."""
    return item.title or enum_label(item.kind)


def _item_cell(item: ProgrammeItemRow) -> str:
    extra = ", ".join(x for x in (enum_label(item.kind) if item.title else "", item.place, item.transport) if x)
    cell = f'<b>{link(RecordKind.PROGRAMME_ITEM, item.id, _item_title(item))}</b>'
    return cell + (f'<br><span class="muted">{esc(" ".join(extra.split()))}</span>' if extra else "")


def _programme(detail: VisitDetail) -> str:
    """One timeline, day by day: the meetings (each with its participants and the follow-ups that came out of
    it) and the other programme items (arrival, transfers, meals: each with its escort) in time order."""
    from organizer.domain.records import MeetingRow

    ids_by_name: dict[str, int | None] = {}
    for p in detail.participants:  # a name shared by two people gets no link rather than a wrong one
        ids_by_name[p.full_name] = None if p.full_name in ids_by_name else p.person_id
    by_meeting: dict[int, list[FollowUpRow]] = {}
    for f in detail.followups:
        if f.meeting_id is not None:
            by_meeting.setdefault(f.meeting_id, []).append(f)
    entries: list[MeetingRow | ProgrammeItemRow] = [*detail.meetings, *detail.programme]
    entries.sort(key=lambda e: (e.starts_at is None, e.starts_at or datetime.min,
                                isinstance(e, MeetingRow), e.id))
    rows: list[list[str]] = []
    day: date | str | None = "start"
    for e in entries:
        this_day = e.starts_at.date() if e.starts_at else None
        if this_day != day:
            label = fmt_day(this_day) if this_day else translate("Details", "Time not set")
            rows.append([f"<b>{esc(label)}</b>"])
            day = this_day
        when = (f"{e.starts_at:%H:%M}" + (f"–{e.ends_at:%H:%M}" if e.ends_at and e.ends_at.date() == this_day
                                           else "")) if e.starts_at else NOTHING
        if isinstance(e, MeetingRow):
            rows.append([esc(when), _meeting_cell(e, by_meeting.get(e.id, ())),
                         _names_linked(e.participants, ids_by_name) or NOTHING])
        else:
            rows.append([esc(when), _item_cell(e),
                         link(RecordKind.PERSON, e.escort_person_id, e.escort) if e.escort else NOTHING])
    return _table([translate("Details", "Time"), translate("Details", "Programme"),
                   translate("Details", "Participants")], rows)


def _with_members(planned: str, participants: Sequence[ParticipantView], needs: Mapping[int, tuple[str, str]],
                  which: int) -> str:
    """The visit's own logistics note, then each participant's need from their record ("Name: halal")."""
    lines = [esc(planned)] if planned.strip() else []
    lines += [esc(f"{p.full_name}: {needs[p.person_id][which]}") for p in participants
              if p.person_id in needs and needs[p.person_id][which].strip()]
    return "<br>".join(lines)


def visit_html(detail: VisitDetail, actions: Collection[str] = (),
               needs: Mapping[int, tuple[str, str]] | None = None) -> str:
    """The visit at a glance: both delegations in order of precedence, the programme day by day with
    each meeting's participants and follow-ups, what was agreed, logistics and gifts. ``needs``
    (``people.needs_of``): the participants' own dietary and interpretation needs, listed with the
    visit's logistics."""
    d = shown_texts(detail.data)  # texts in the window's language (issue 18)
    ident = detail.meta.id
    out = [_heading(d.title, 2)]
    line = " · ".join(x for x in (fmt_date_range(d.start_date, d.end_date), d.place,
                                  enum_label(d.direction), enum_label(d.status)) if x)
    out.append(f'<p class="muted">{esc(line)}</p>')
    if d.purpose.strip():
        out += [_heading(translate("Details", "Purpose")), para(d.purpose)]
    if detail.institutions:
        out.append(_heading(translate("Details", "Institutions")))
        out.append(_facts([
            (_side_title(side), ", ".join(link(RecordKind.INSTITUTION, i, name)
                                          for i, name, s in detail.institutions if s is side))
            for side in (Side.GUEST, Side.HOST)
        ]))
    out.append(_heading(translate("Details", "Participants")))
    out.append(_participants(detail.participants)
               or message_html(translate("Details", "No participants recorded.")))
    out.append(_action(ADD_MEMBER, ident, translate("Details", "+ Add a member"), actions))
    out.append(_heading(translate("Details", "Programme")))
    if detail.meetings or detail.programme:
        out.append(_programme(detail))
    else:
        out.append(message_html(translate("Details", "No meetings planned yet.")))
    out.append(_action(ADD_MEETING, ident, translate("Details", "+ Add a meeting"), actions))
    out.append(_action(ADD_PROGRAMME_ITEM, ident,
                       translate("Details", "+ Add an arrival, transfer, meal or other programme item"), actions))
    out.append(_action(DUPLICATE_VISIT, ident,
                       translate("Details", "Duplicate this visit (next year's, or the return visit)…"), actions))
    out.append(_heading(translate("Details", "Follow-ups")))
    if detail.followups:
        out.append(_followups_table(detail.followups, with_meeting=True))
    else:
        out.append(message_html(translate("Details", "No follow-ups recorded.")))
    out.append(_action(ADD_FOLLOWUP, ident, translate("Details", "+ Add a follow-up"), actions))
    if detail.agreements:
        out.append(_heading(translate("Details", "Agreements")))
        out.append(_table([translate("Details", "Agreement"), translate("Details", "Kind"),
                           translate("Details", "Status"), translate("Details", "Signed"),
                           translate("Details", "Parties")], [
            [link(RecordKind.AGREEMENT, a.id, a.title), esc(enum_label(a.kind)), esc(enum_label(a.status)),
             esc(fmt_date(a.signed_date)), _joined(a.parties)]
            for a in detail.agreements
        ]))
    lg = d.logistics
    logistics = _facts([
        (translate("Details", "Arrival"), _moment(lg.arrival_at, lg.arrival_details)),
        (translate("Details", "Departure"), _moment(lg.departure_at, lg.departure_details)),
        (translate("Details", "Lodging"), esc(lg.lodging)),
        (translate("Details", "Transport"), esc(lg.transport)),
        (translate("Details", "Interpreting"),
         _with_members(lg.interpreter_needs, detail.participants, needs or {}, 1)),
        (translate("Details", "Dietary needs"), _with_members(lg.dietary_needs, detail.participants, needs or {}, 0)),
    ])
    if logistics:
        out += [_heading(translate("Details", "Logistics")), logistics]
    if d.gifts:
        names = {p.person_id: p.full_name for p in detail.participants}
        out.append(_heading(translate("Details", "Gifts")))
        out.append(_table(["", translate("Details", "Gift"), translate("Details", "Person")], [
            [esc(enum_label(g.direction)), _multiline(g.description),
             link(RecordKind.PERSON, g.person_id, names.get(g.person_id, f"#{g.person_id}"))
             if g.person_id is not None else ""]
            for g in d.gifts
        ]))
    if d.summary.strip():
        out += [_heading(translate("Details", "Summary")), para(d.summary)]
    if d.topics:
        out.append(_facts([(translate("Details", "Topics"), _joined(d.topics))]))
    return "".join(out)


# --- meetings ------------------------------------------------------------------------------------


def meeting_html(detail: MeetingDetail, actions: Collection[str] = ()) -> str:
    """A meeting: when and where, of which visit, who took part on each side, the talking points,
    notes and outcomes, and its follow-ups."""
    d = shown_texts(detail.data)  # texts in the window's language (issue 18)
    out = [_heading(d.title, 2)]
    out.append(_facts([
        (translate("Details", "When"), esc(fmt_time_span(d.starts_at, d.ends_at)) if d.starts_at else ""),
        (translate("Details", "Kind"), esc(enum_label(d.kind))),
        (translate("Details", "Venue"), ", ".join(x for x in (
            link(RecordKind.INSTITUTION, d.venue_institution_id, detail.venue or "") if detail.venue else "",
            esc(d.room)) if x)),
        (translate("Details", "Visit"),
         link(RecordKind.VISIT, d.visit_id, detail.visit_title or "") if d.visit_id else ""),
        (translate("Details", "Topics"), _joined(d.topics)),
    ]))
    out.append(_heading(translate("Details", "Participants")))
    out.append(_participants(detail.participants)
               or message_html(translate("Details", "No participants recorded.")))
    for label, text in ((translate("Details", "Objectives"), d.objectives),
                        (translate("Details", "Agenda"), d.agenda),
                        (translate("Details", "Talking points"), d.talking_points),
                        (translate("Details", "Notes"), d.notes),
                        (translate("Details", "Outcomes"), d.outcomes)):
        if text.strip():
            out += [_heading(label), para(text)]
    out.append(_heading(translate("Details", "Follow-ups")))
    if detail.followups:
        out.append(_followups_table(detail.followups))
    else:
        out.append(message_html(translate("Details", "No follow-ups recorded.")))
    out.append(_action(ADD_MEETING_FOLLOWUP, detail.meta.id, translate("Details", "+ Add a follow-up"), actions))
    return "".join(out)


def programme_item_html(row: ProgrammeItemRow) -> str:
    """A programme item that is not a meeting: what, when, where, of which visit, who escorts, transport, notes."""
    out = [_heading(_item_title(row), 2)]
    out.append(_facts([
        (translate("Details", "Kind"), esc(enum_label(row.kind))),
        (translate("Details", "When"), esc(fmt_time_span(row.starts_at, row.ends_at)) if row.starts_at else ""),
        (translate("Details", "Place"), esc(row.place)),
        (translate("Details", "Visit"), link(RecordKind.VISIT, row.visit_id, row.visit_title or "")),
        (translate("Details", "Escort"),
         link(RecordKind.PERSON, row.escort_person_id, row.escort) if row.escort else ""),
        (translate("Details", "Transport"), _multiline(row.transport) if row.transport.strip() else ""),
    ]))
    if row.notes.strip():
        out += [_heading(translate("Details", "Notes")), para(row.notes)]
    return "".join(out)


# --- follow-ups, agreements, topics --------------------------------------------------------------


def followup_html(row: FollowUpRow, data: FollowUpData, visit_title: str | None,
                  meeting_title: str | None) -> str:
    """One follow-up: what, who, by when, where it came from, notes."""
    data = shown_texts(data)  # texts in the window's language (issue 18)
    out = [f"<p><b>{_multiline(row.description)}</b></p>"]
    status = esc(enum_label(row.status))
    if is_overdue(row):
        status += ' <span class="overdue">(' + esc(translate("Details", "overdue")) + ")</span>"
    owner = ""
    if data.owner_person_id is not None or data.owner_institution_id is not None:
        owner = esc(row.owner or "")
    out.append(_facts([
        (translate("Details", "Status"), status),
        (translate("Details", "Due"), esc(fmt_date(row.due_date))),
        (translate("Details", "Done on"), esc(fmt_date(data.done_on))),
        (translate("Details", "Owner"), owner),
        (translate("Details", "Visit"), link(RecordKind.VISIT, row.visit_id, visit_title or f"#{row.visit_id}")
         if row.visit_id is not None else ""),
        (translate("Details", "Meeting"),
         link(RecordKind.MEETING, row.meeting_id, meeting_title or f"#{row.meeting_id}")
         if row.meeting_id is not None else ""),
    ]))
    if data.done_note.strip():
        out += [_heading(translate("Details", "How it was done")), para(data.done_note)]
    if data.notes.strip():
        out += [_heading(translate("Details", "Notes")), para(data.notes)]
    return "".join(out)


def agreement_html(row: AgreementRow, data: AgreementData) -> str:
    """An agreement: kind, status, dates, its parties (linked), where it came from, summary."""
    data = shown_texts(data)  # texts in the window's language (issue 18)
    parties = [link(RecordKind.INSTITUTION, i, name) for i, name in zip(data.party_ids, row.parties, strict=False)]
    out = [_heading(row.title, 2)]
    out.append(_facts([
        (translate("Details", "Kind"), esc(enum_label(row.kind))),
        (translate("Details", "Status"), esc(enum_label(row.status))),
        (translate("Details", "Signed"), esc(" ".join(x for x in (fmt_date(data.signed_date), data.signed_place)
                                                       if x))),
        (translate("Details", "Valid until"), esc(fmt_date(data.valid_until))),
        (translate("Details", "Parties"), "<br>".join(parties)),
        (translate("Details", "Visit"), link(RecordKind.VISIT, data.visit_id, translate("Details", "the visit"))
         if data.visit_id is not None else ""),
        (translate("Details", "Meeting"), link(RecordKind.MEETING, data.meeting_id, translate("Details", "the meeting"))
         if data.meeting_id is not None else ""),
    ]))
    if data.summary.strip():
        out += [_heading(translate("Details", "Agreement summary")), para(data.summary)]
    return "".join(out)


def topic_html(usage: TopicUsage) -> str:
    """A topic and the people, institutions, visits and meetings filed under it."""
    out = [_heading(usage.topic.name, 2)]
    if usage.topic.description.strip():
        out.append(para(usage.topic.description))
    sections = (
        (translate("Details", "People"), RecordKind.PERSON, usage.people, usage.counts[0]),
        (translate("Details", "Institutions"), RecordKind.INSTITUTION, usage.institutions, usage.counts[1]),
        (translate("Details", "Visits"), RecordKind.VISIT, usage.visits, usage.counts[2]),
        (translate("Details", "Meetings"), RecordKind.MEETING, usage.meetings, usage.counts[3]),
    )
    if not any(count for *_, count in sections):
        out.append(message_html(translate("Details", "Nothing is filed under this topic yet.")))
    for title, kind, items, count in sections:
        if not items:
            continue
        out.append(_heading(f"{title} ({count:,})"))
        more = count - len(items)
        and_more = translate("Details", "… (%1 in all)").replace("%1", f"{count:,}")
        tail = f'<li class="muted">{esc(and_more)}</li>' if more > 0 else ""
        out.append("<ul>" + "".join(f"<li>{link(kind, i, name)}</li>" for i, name in items) + tail + "</ul>")
    return "".join(out)
