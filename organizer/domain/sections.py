"""The sections of the printed documents, by name: what ``organizer briefing --sections`` accepts.

Kept apart from ``domain.briefing`` (the briefing data object and its many dataclasses) so that
registering the command-line parser costs nothing.
"""

from __future__ import annotations

SECTIONS: tuple[str, ...] = (
    "purpose",
    "topics",
    "delegation",
    "itinerary",
    "biographies",
    "hosts",
    "institutions",
    "history",
    "followups",
    "logistics",
)
"""Sections of a pre-visit briefing, in print order (the contents page always comes first)."""

REPORT_SECTIONS: tuple[str, ...] = ("summary", "meetings", "agreements", "agreed", "followups", "delegation")
"""Sections of a post-visit report."""
