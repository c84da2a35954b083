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
    t = lambda text: translate("History", text)  # noqa: E731
    return {
        "given_name": t("given name"), "family_name": t("family name"), "middle_name": t("middle name"),
        "honorific": t("honorific"), "form_of_address": t("form of address"), "display_name": t("display name"),
        "name_variants": t("names in other scripts"), "languages": t("languages"), "biography": t("biography"),
        "photo": t("photo"), "emails": t("e-mail addresses"), "phones": t("phone numbers"), "tags": t("tags"),
        "notes": t("notes"), "topics": t("topics"), "positions": t("positions"), "attachments": t("files"),
        "name": t("name"), "short_name": t("short name"), "kind": t("kind"), "parent_id": t("parent"),
        "country": t("country"), "city": t("city"), "address": t("address"), "website": t("website"),
        "profile": t("profile"), "title": t("title"), "direction": t("direction"), "start_date": t("start"),
        "end_date": t("end"), "place": t("place"), "purpose": t("purpose"), "status": t("status"),
        "institutions": t("institutions"), "participants": t("participants"), "gifts": t("gifts"),
        "summary": t("summary"), "description": t("description"), "due_date": t("due date"),
    }


def describe(entry: AuditEntryView, ident: int) -> str:
    """What an entry did, in the interface language (plain text)."""
    t = lambda text: translate("History", text)  # noqa: E731
    if entry.action == "update":
        names = field_names()
        listed = ", ".join(names.get(f, f.replace("_", " ").replace("logistics.", "")) for f in entry.fields)
        text = t("changed %1").replace("%1", listed)
    elif entry.action == "merge":
        text = t("merged record %1 into this one").replace("%1", str(entry.detail.get("merged_id", "?")))
    elif entry.action == "unmerge":
        if "merged_id" in entry.detail:
            text = t("undid the merge of record %1").replace("%1", str(entry.detail["merged_id"]))
        else:
            text = t("split off again from record %1").replace("%1", str(entry.detail.get("into_id", "?")))
    else:
        text = {"create": t("created"), "delete": t("deleted"), "erase": t("erased the personal data"),
                "import": t("imported")}.get(entry.action, entry.action)
    if entry.record_id is not None and entry.record_id != ident:
        text += " " + t("(as record %1, merged into this one)").replace("%1", str(entry.record_id))
    return text


def history_html(entries: Sequence[AuditEntryView], ident: int, kind: str) -> str:
    """The section: a heading and a When / Who / What table, newest first."""
    heading = f"<h3>{esc(translate('History', 'History'))}</h3>"
    if not entries:
        return heading + f'<p class="muted">{esc(translate("History", "No changes recorded yet."))}</p>'
    rows = []
    for entry in list(reversed(entries))[:SHOWN]:
        local = entry.at.replace(tzinfo=UTC).astimezone()
        when = f"{fmt_date(local.date())} {fmt_time(local)}"
        who = entry.user or translate("History", "unknown user")
        rows.append(f'<tr><td valign="top">{esc(when)}</td><td valign="top">{esc(who)}</td>'
                    f'<td valign="top">{esc(describe(entry, ident))}</td></tr>')
    head = "".join(f"<th>{esc(h)}</th>" for h in (translate("History", "When"), translate("History", "Who"),
                                                   translate("History", "What")))
    table = f'<table class="grid" width="99%" cellspacing="0" cellpadding="4"><tr>{head}</tr>{"".join(rows)}</table>'
    more = ""
    if len(entries) > SHOWN:
        more = '<p class="muted">' + esc(translate("History", "%1 earlier changes: organizer history %2 %3")
                                         .replace("%1", str(len(entries) - SHOWN)).replace("%2", kind)
                                         .replace("%3", str(ident))) + "</p>"
    return heading + table + more


def history_section(db: Database, kind: str, ident: int) -> str:
    """``history_html`` of a stored record; an error becomes a one-line note (the rest of the pane stays)."""
    try:
        return history_html(record_history(db, kind, ident), ident, kind)
    except OrganizerError as err:
        return f'<h3>{esc(translate("History", "History"))}</h3><p class="muted">{esc(str(err))}</p>'
