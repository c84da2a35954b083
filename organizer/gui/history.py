"""The "History" section of a record's detail pane: who changed it, what and when (the audit trail).

Built from ``services.audit.record_history`` (which includes the entries of records merged into this
one). The newest ``SHOWN`` entries are listed, newest first; ``organizer history KIND ID`` prints them
all. Times are shown in local time; field names in the interface language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from PySide6.QtCore import QCoreApplication

from organizer.domain.audit import AuditEntryView
from organizer.domain.errors import OrganizerError
from organizer.gui.details import esc
from organizer.gui.formatting import fmt_date, fmt_time
from organizer.services.audit import record_history
from organizer.store.database import Database

SHOWN = 15
"""Entries listed in the pane (the newest)."""

translate = QCoreApplication.translate


def field_names() -> dict[str, str]:
    """Stored field names in the interface language (others are shown with spaces for underscores)."""
    return {
        "given_name": translate("History", "given name"),
        "family_name": translate("History", "family name"),
        "middle_name": translate("History", "middle name"),
        "honorific": translate("History", "honorific"),
        "form_of_address": translate("History", "form of address"),
        "display_name": translate("History", "display name"),
        "name_variants": translate("History", "names in other scripts"),
        "languages": translate("History", "languages"),
        "biography": translate("History", "biography"),
        "photo": translate("History", "photo"),
        "emails": translate("History", "e-mail addresses"),
        "phones": translate("History", "phone numbers"),
        "tags": translate("History", "tags"),
        "notes": translate("History", "notes"),
        "topics": translate("History", "topics"),
        "positions": translate("History", "positions"),
        "attachments": translate("History", "files"),
        "name": translate("History", "name"),
        "short_name": translate("History", "short name"),
        "kind": translate("History", "kind"),
        "parent_id": translate("History", "parent"),
        "country": translate("History", "country"),
        "city": translate("History", "city"),
        "address": translate("History", "address"),
        "website": translate("History", "website"),
        "profile": translate("History", "profile"),
        "title": translate("History", "title"),
        "direction": translate("History", "direction"),
        "start_date": translate("History", "start"),
        "end_date": translate("History", "end"),
        "place": translate("History", "place"),
        "purpose": translate("History", "purpose"),
        "status": translate("History", "status"),
        "institutions": translate("History", "institutions"),
        "participants": translate("History", "participants"),
        "gifts": translate("History", "gifts"),
        "summary": translate("History", "summary"),
        "description": translate("History", "description"),
        "due_date": translate("History", "due date"),
    }


def describe(entry: AuditEntryView, ident: int) -> str:
    """What an entry did, in the interface language (plain text)."""
    detail = entry.detail
    if entry.action == "update":
        names = field_names()
        listed = ", ".join(names.get(f, f.replace("logistics.", "").replace("_", " ")) for f in entry.fields)
        text = translate("History", "changed %1").replace("%1", listed)
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


def history_html(entries: Sequence[AuditEntryView], ident: int, kind: str) -> str:
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


def history_section(db: Database, kind: str, ident: int) -> str:
    """``history_html`` of a stored record; an error becomes a one-line note (the rest of the pane stays)."""
    try:
        return history_html(record_history(db, kind, ident), ident, kind)
    except OrganizerError as err:
        title = translate("History", "History")
        return f'<h3>{esc(title)}</h3><p class="muted">{esc(str(err))}</p>'
