"""The language variants of a record as the search index reads them (``domain.variants``): a Russian variant
of a title finds the record as its title does; the variants of other fields are searched with its body."""

from __future__ import annotations

import json
from typing import Any, Protocol


class Doc(Protocol):
    """What ``add_variants`` fills (``search.base.Document``)."""

    names: list[str]

    def add(self, label: str, value: str | None) -> None: ...


def stored_variants(raw: Any) -> dict[str, dict[str, str]]:
    """A ``variants`` column as the DB-API driver gives it (SQLite: its JSON text; psycopg: decoded)."""
    if isinstance(raw, str | bytes):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    return raw if isinstance(raw, dict) else {}


def add_variants(doc: Doc, raw: Any, named: tuple[str, ...] = ("title",)) -> None:
    """Index a record's language variants (``domain.variants``): those of ``named`` fields as names (a Russian
    variant of a title finds the record as its title does), the others in the body under their field."""
    for field_name, by_lang in stored_variants(raw).items():
        if not isinstance(by_lang, dict):
            continue
        for value in by_lang.values():
            if not isinstance(value, str) or not value.strip():
                continue
            if field_name in named:
                doc.names.append(value)
            else:
                doc.add(field_name.replace("_", " "), value)
