"""The review's visit dates take what every date field of the window takes (11.03.2025, 11 марта 2025)."""

from __future__ import annotations

from organizer.gui.draft_review import _iso


def test_typed_dates_become_the_drafts_iso_dates_and_others_are_named_by_the_check() -> None:
    assert _iso("11.03.2025") == "2025-03-11"
    assert _iso(" 11 марта 2025 ") == "2025-03-11"
    assert _iso("2025-03-12") == "2025-03-12"
    assert _iso("  ") is None
    assert _iso("next Tuesday") == "next Tuesday"

