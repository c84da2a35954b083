"""A report past the size a news report has is refused with its size, never cut silently (a cut in the
middle of a Cyrillic character made the rest decode as UTF-16 garbage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from organizer.domain.errors import ImportFormatError
from organizer.services import drafting


def test_a_report_past_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    report = tmp_path / "huge.txt"
    sentence = "Делегация посетила Казанский федеральный университет. "
    report.write_text(sentence * (drafting.MAX_BYTES // len(sentence.encode()) + 10), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"bytes: longer than the 2 MB"):
        drafting.read_report(report)
    with pytest.raises(ImportFormatError, match=r"bytes: longer than the 2 MB"):
        drafting.draft_from_text(report.read_text(encoding="utf-8"))


def test_a_report_at_the_limit_reads_whole(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    text = "Ректор КФУ Ленар Сафин встретился с делегацией. "
    report.write_text(text, encoding="utf-8")
    assert drafting.read_report(report) == text


def test_prose_past_the_character_limit_is_refused_before_any_model_runs() -> None:
    text = "Делегация посетила университет. " * (drafting.MAX_CHARS // 30)
    with pytest.raises(ImportFormatError, match=r"characters of text: longer than"):
        drafting.draft_from_text(text)
