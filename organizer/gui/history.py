"""The "History" section of a record's detail pane: who changed it, what and when (the audit trail).

Built from ``services.audit.record_history`` (which includes the entries of records merged into this
one). The newest ``SHOWN`` entries are listed, newest first; ``organizer history KIND ID`` prints them
all. Times are shown in local time; field names in the interface language (the labels of the field
tables, ``organizer.domain.fields``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from PySide6.QtCore import QCoreApplication

from organizer.domain.audit import AuditEntryView
from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.gui.details import esc
from organizer.gui.formatting import fmt_date, fmt_time
from organizer.gui.messages import error_text, fill, label_of
from organizer.store.database import Database

SHOWN = 15
"""Entries listed in the pane (the newest)."""

translate = QCoreApplication.translate


def field_name(name: str, kind: str | None = None) -> str:
    """A stored field's name (``given_name``, ``logistics.lodging``) in the interface language, in lower
    case as within a sentence (``given name``, ``lodging``): the label of the kind's field table
    (``organizer.domain.fields``); a name no table has is shown with spaces for underscores."""
    if name == "attachments":
        return translate("History", "files")
    from organizer.domain.fields import KINDS, resolve  # every kind's table: loaded with the first entry shown

    field = resolve(name, KINDS.get(kind or ""))
    if field is None:
        return name.replace("logistics.", "").replace("_", " ")
    label = label_of(field)
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def describe(entry: AuditEntryView, ident: int) -> str:
    """What an entry did, in the interface language (plain text)."""
    detail = entry.detail
    if entry.action == "update":
        listed = ", ".join(field_name(f, entry.kind) for f in entry.fields)
        text = translate("History", "changed %1").replace("%1", listed)
    elif entry.action == "merge" and detail.get("merged_title"):
        text = fill(translate("History", "merged “%1” (record %2, uid %3) into this one"), [
            str(detail["merged_title"]), str(detail.get("merged_id", "?")), str(detail.get("merged_uid", "?"))])
    elif entry.action == "merge":
        text = translate("History", "merged record %1 into this one").replace("%1", str(detail.get("merged_id", "?")))
    elif entry.action == "unmerge" and "merged_id" in detail:
        text = translate("History", "undid the merge of record %1").replace("%1", str(detail["merged_id"]))
    elif entry.action == "unmerge":
        text = translate("History", "split off again from record %1").replace("%1", str(detail.get("into_id", "?")))
    elif entry.action == "create" and entry.detail.get("import"):
        text = translate("History", "created by an archive import")
    elif entry.action == "create":
        text = translate("History", "created")
    elif entry.action == "delete":
        text = translate("History", "deleted")
    elif entry.action == "erase":
        text = translate("History", "erased the personal data")
    else:
        text = entry.action
    if entry.record_id is not None and entry.record_id != ident:
        text += " " + translate("History", "(as record %1, merged into this one)").replace("%1", str(entry.record_id))
    return text


def history_html(entries: Sequence[AuditEntryView], ident: int, kind: RecordKind) -> str:
    """The section: a heading and a When / Who / What table, newest first."""
    title = translate("History", "History")
    heading = f"<h3>{esc(title)}</h3>"
    if not entries:
        none = translate("History", "No changes recorded yet.")
        return heading + f'<p class="muted">{esc(none)}</p>'
    rows = []
    for entry in list(reversed(entries))[:SHOWN]:
        local = entry.at.replace(tzinfo=UTC).astimezone()
        when = f"{fmt_date(local.date())} {fmt_time(local)}"
        who = entry.user or translate("History", "unknown user")
        rows.append(
            f'<tr><td valign="top">{esc(when)}</td><td valign="top">{esc(who)}</td>'
            f'<td valign="top">{esc(describe(entry, ident))}</td></tr>'
        )
    head = "".join(
        f"<th>{esc(h)}</th>"
        for h in (translate("History", "When"), translate("History", "Who"), translate("History", "What"))
    )
    table = f'<table class="grid" width="99%" cellspacing="0" cellpadding="4"><tr>{head}</tr>{"".join(rows)}</table>'
    more = ""
    if len(entries) > SHOWN:
        more = (
            '<p class="muted">'
            + esc(
                translate("History", "%1 earlier changes: organizer history %2 %3")
                .replace("%1", str(len(entries) - SHOWN))
                .replace("%2", kind)
                .replace("%3", str(ident))
            )
            + "</p>"
        )
    return heading + table + more


def history_section(db: Database, kind: RecordKind, ident: int) -> str:
    """``history_html`` of a stored record; an error becomes a one-line note (the rest of the pane stays)."""
    from organizer.services.audit import record_history  # with SQLAlchemy: imported when a pane needs it

    try:
        return history_of(record_history(db, kind, ident), ident, kind)
    except OrganizerError as err:
        return history_of(err, ident, kind)


def history_of(entries: Sequence[AuditEntryView] | OrganizerError, ident: int, kind: RecordKind) -> str:
    """``history_html`` of entries already read, or a one-line note saying why they could not be."""
    if isinstance(entries, OrganizerError):
        title = translate("History", "History")
        return f'<h3>{esc(title)}</h3><p class="muted">{esc(error_text(entries))}</p>'
    return history_html(entries, ident, kind)
