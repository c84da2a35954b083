"""Plain-text output of the command line (without ``--json``): aligned tables and record sheets.

Every value goes through ``cli.safety.inline`` as it is laid out (controls escaped, newline and tab
included), so columns line up on what is shown and a value cannot start a line of its own; the one
exception is a multi-line text in a record sheet, shown as indented lines under its label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from organizer.cli.safety import inline
from organizer.domain.enums import RecordKind

if TYPE_CHECKING:
    from organizer.services.archive.importer import ImportReport

COLUMNS: dict[RecordKind, list[tuple[str, str]]] = {
    RecordKind.PERSON: [("id", "ID"), ("full_name", "Name"), ("_title", "Title"), ("_institution", "Institution")],
    RecordKind.INSTITUTION: [("id", "ID"), ("_tree_name", "Name"), ("kind", "Kind"), ("city", "City")],
    RecordKind.VISIT: [("id", "ID"), ("start_date", "From"), ("end_date", "To"), ("status", "Status"),
                       ("title", "Title")],
    RecordKind.MEETING: [("id", "ID"), ("starts_at", "Starts"), ("kind", "Kind"), ("title", "Title"),
                 ("_participants", "Participants")],
    RecordKind.FOLLOWUP: [("id", "ID"), ("status", "Status"), ("due_date", "Due"), ("owner", "Owner"),
                  ("description", "What")],
    RecordKind.AGREEMENT: [("id", "ID"), ("status", "Status"), ("signed_date", "Signed"), ("title", "Title")],
    RecordKind.PROGRAMME_ITEM: [("id", "ID"), ("starts_at", "Starts"), ("ends_at", "Ends"), ("kind", "Kind"),
                                ("title", "Title"), ("place", "Place"), ("escort", "Escort")],
}
MAX_CELL = 60


def _cell(value: Any, limit: int | None = MAX_CELL) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    s = inline(str(value).replace("\n", " "))
    return s if limit is None or len(s) <= limit else s[: limit - 1] + "…"


def _derived(kind: RecordKind, item: dict[str, Any], depth: dict[int, int]) -> dict[str, Any]:
    row = dict(item)
    if kind == RecordKind.PERSON:
        current = next((p for p in item["positions"] if p["current"]), None)
        row["_title"] = current["title"] if current else ""
        row["_institution"] = current["institution"] if current else ""
    elif kind == RecordKind.INSTITUTION:
        level = depth.get(item["parent_id"], -1) + 1 if item["parent_id"] is not None else 0
        depth[item["id"]] = level
        row["_tree_name"] = "  " * level + item["name"]
    elif kind == RecordKind.MEETING:
        row["_participants"] = ", ".join(item["participants"])
    return row


def table(kind: RecordKind, items: list[dict[str, Any]]) -> str:
    if not items:
        return f"no {kind.info.words}"
    cols = COLUMNS[kind]
    depth: dict[int, int] = {}
    rows = [[_cell(_derived(kind, it, depth).get(key)) for key, _ in cols] for it in items]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, (_, h) in enumerate(cols)]
    lines = ["  ".join(h.ljust(w) for (_, h), w in zip(cols, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def record(kind: RecordKind, item: dict[str, Any]) -> str:
    """A record as 'field: value' lines; lists of objects as indented lines."""
    lines = [f"{kind} {item['id']}"]
    for key, value in item.items():
        if key in ("id", "uid") or value in (None, "", [], {}):
            continue
        label = inline(key.replace("_", " "))
        if isinstance(value, list):
            lines.append(f"{label}:")
            for v in value:
                lines.append("  - " + (", ".join(f"{k}={_cell(x, None)}" for k, x in v.items() if x not in (None, ""))
                                       if isinstance(v, dict) else _cell(v, None)))
        elif isinstance(value, dict):
            lines.append(f"{label}:")
            lines += [f"  {inline(k.replace('_', ' '))}: {_cell(x, None)}" for k, x in value.items()
                      if x not in (None, "")]
        else:
            text = str(value)
            if "\n" in text:
                lines.append(f"{label}:")
                lines += ["  " + inline(ln) for ln in text.split("\n")]
            else:
                lines.append(f"{label}: {inline(text)}")
    return "\n".join(lines)


_SECTION_WORDS = {"programme": "programme items"}
"""An archive section named as its records are where the section's name alone would read oddly."""


def import_report(report: ImportReport, source: str) -> str:
    added = ", ".join(f"{n} {_SECTION_WORDS.get(k, k)}" for k, n in report.added.items() if n) or "nothing new"
    unchanged = sum(report.unchanged.values())
    tail = f"; {unchanged} already present, left unchanged" if unchanged else ""
    if updated := sum(report.updated.values()):
        tail += f"; {updated} updated (newer in the file)"
    if skipped := sum(report.skipped.values()):
        tail += f"; {skipped} skipped (the database's copy differs and is as new or newer)"
    what = "would import" if report.dry_run else "imported"
    return f"{what} {inline(source)}: {added}{tail}"
