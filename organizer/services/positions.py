"""Positions: the titles a person holds at institutions over time; at most one is current."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from organizer.domain.fields import POSITION
from organizer.domain.records import PositionData, compose_full_name, position_sort_key
from organizer.services._checks import Checker
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    pass


def full_name_of(p: m.Person) -> str:
    return compose_full_name(p.given_name, p.middle_name, p.family_name, p.display_name)


def sorted_positions(positions: Iterable[m.Position]) -> list[m.Position]:
    return sorted(positions, key=lambda p: position_sort_key(p.is_current, p.start_date, p.id))


POSITION_FIELDS = ("title", "institution_id", "start_date", "end_date", "is_current")
"""What an edit of a position may change (its id and uid stay)."""


def check_positions(items: Sequence[PositionData], checker: Checker,
                    institution_exists: Callable[[int], bool]) -> list[dict[str, Any]]:
    """Validate position input into column values; if none is flagged current, the newest open one is.

    Plain values (no ORM objects), so a bulk import can insert them directly and the person service
    can set them on its rows.
    """
    built: list[dict[str, Any]] = []
    current_count = sum(1 for p in items if p.current)
    if current_count > 1:
        checker.add("positions", f"{current_count} positions are marked current; only one can be",
                    "one_current", count=current_count)
    for i, item in enumerate(items):
        field = f"positions[{i}]"
        # A title may be unknown: a vCard with ORG and no TITLE still places the person at the institution.
        title = checker.text(f"{field}.title", item.title)
        if not institution_exists(item.institution_id):
            checker.add(f"{field}.institution_id", f"no institution with id {item.institution_id}",
                        "not_found", kind="institution", id=item.institution_id)
        checker.date_order(f"{field}.end_date", item.start_date, item.end_date)
        if item.current and item.end_date is not None:
            checker.add(f"{field}.current", "a position that has ended cannot be the current one", "ended_current")
        values = {"id": item.id, "title": title, "institution_id": item.institution_id,
                  "start_date": item.start_date, "end_date": item.end_date, "is_current": item.current}
        if item.uid:
            values["uid"] = item.uid
        values.update(checker.variants(POSITION, item.variants, f"{field}."))
        built.append(values)
    if current_count == 0:
        open_ones = [p for p in built if p["end_date"] is None]
        if open_ones:
            newest = max(open_ones, key=lambda p: p["start_date"].toordinal() if p["start_date"] else 0)
            newest["is_current"] = True
    return built
