"""Row classes and row helpers that a command can use without importing the record classes
(``domain.records``: about 40 dataclasses, whose creation costs a command that reads ``list visits`` from a
SQLite file more CPU than its reading and writing; issue 20). ``domain.records`` re-exports them: import them
from either.

The helpers are the rules a read applies to stored values whatever the road (the services' or the command
line's plain reads, ``store.plain_lists``): a person's name in lists (``compose_full_name``), the order of
positions (``position_sort_key``), of institutions in their tree (``name_sort_key``, ``tree_order``) and the
language variants of a JSON column as they are written out (``stored_variants``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from organizer.domain.enums import VisitDirection, VisitStatus


@dataclass(frozen=True, slots=True)
class VisitRow:
    """A visit as lists show it (``list visits``, the window's visits list): with its number of meetings."""

    id: int
    title: str
    direction: VisitDirection
    start_date: date | None
    end_date: date | None
    place: str
    status: VisitStatus
    meeting_count: int


def compose_full_name(given: str, middle: str, family: str, display: str = "") -> str:
    """The name shown in lists: the display name if set, else "given middle family"."""
    if display.strip():
        return display.strip()
    return " ".join(p.strip() for p in (given, middle, family) if p.strip())


def position_sort_key(current: bool, start_date: date | None, ident: int | None) -> tuple[bool, int, int]:
    """The order of a person's positions: current first, then newest start first; undated last."""
    return (not current, -(start_date.toordinal() if start_date else 0), ident or 0)


def stored_variants(obj: Any) -> dict[str, dict[str, str]]:
    """A ``variants`` column's value (decoded JSON) as read and written out again: what
    ``variants.to_mapping(variants.from_mapping(obj))`` gives (fields and languages sorted, empty and
    malformed entries dropped), without the record classes that ``domain.variants`` imports."""
    if not isinstance(obj, Mapping):
        return {}
    found = sorted((str(field), str(lang), text) for field, by_lang in obj.items() if isinstance(by_lang, Mapping)
                   for lang, text in by_lang.items() if isinstance(text, str) and text)
    out: dict[str, dict[str, str]] = {}
    for field, lang, text in found:
        out.setdefault(field, {})[lang] = text
    return out


MAX_INSTITUTION_DEPTH = 100
"""The deepest chain of institutions: a top-level institution is level 1, its units level 2, and so on.

Enforced where a parent is set: the editor and the archive import (``services.institutions``) and a merge
that moves units (``merge_depth``). Readers never recurse along a chain, so a database written past the limit
(by another tool or an older version) still lists; they follow at most this many parents up from one
institution (a cycle written past the rules stops there too)."""


def name_sort_key(name: str) -> str:
    """Sort 'The "Small-scale ..." Technopark' by its words, not by its opening quote."""
    return name.lstrip("\"'«»“”„‘’ ").casefold()


_R = TypeVar("_R")


def tree_order(rows: Iterable[_R], ident: Callable[[_R], int], parent: Callable[[_R], int | None],
               name: Callable[[_R], str]) -> list[_R]:
    """Institutions (any rows with an id, a parent id and a name) in tree order: each parent before its
    units, siblings by ``name_sort_key`` then id, without recursion (a chain of any depth). A row whose parent
    is missing is a top-level one; rows in a cycle of parents (written past the rules) are not reached from
    any top-level row and are left out."""
    rows = list(rows)
    ids = {ident(r) for r in rows}
    children: dict[int | None, list[_R]] = {}
    for r in sorted(rows, key=lambda row: (name_sort_key(name(row)), ident(row))):
        up = parent(r)
        children.setdefault(up if up in ids else None, []).append(r)
    order: list[_R] = []
    stack = children.get(None, [])[::-1]
    while stack:
        row = stack.pop()
        order.append(row)
        stack.extend(children.get(ident(row), [])[::-1])
    return order
