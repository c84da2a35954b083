"""A draft visit from a news report (issue 21): read the text, extract a draft, match it, write it.

``draft_from_file(db, path)`` reads a plain-text, Markdown or HTML report and returns the matched draft
(nothing written); ``write_draft`` (``writing``) writes an accepted draft in one transaction.
English reports go through the rule-based extractor (``english``); Russian ones through natasha's PER/ORG
tagger and the rules of ``russian`` (names and titles in the nominative, meetings, follow-ups).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from organizer.domain.errors import ImportFormatError
from organizer.services.drafting import english, english_text
from organizer.services.drafting.matching import match

__all__ = ["Draft", "draft_from_file", "draft_from_text", "match", "plain_text"]
from organizer.services.drafting.model import Draft
from organizer.store.database import Database

MAX_BYTES = 2_000_000
"""The most a report file (or pasted text) may hold: an HTML page with its markup."""
MAX_CHARS = 200_000
"""The most prose drafted from, once markup is gone (about 30 pages; natasha takes about a minute for it on
this machine's shared cores, several for a megabyte)."""


def plain_text(raw: str) -> str:
    """The prose of a report: HTML tags and entities and Markdown marks removed, paragraphs kept."""
    if re.search(r"<(?:html|body|p|div|h[1-6]|article|br|span)\b", raw, re.I):
        raw = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", raw)
        raw = re.sub(r"(?i)<(?:br|/p|/div|/h[1-6]|/li|/title|/article)\b[^>]*>", "\n", raw)
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    raw = re.sub(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)", "", raw)  # Markdown headings, quotes, bullets
    raw = re.sub(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)", "", raw)
    raw = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", raw)  # [link](url) -> link
    return raw


def language_of(text: str) -> str:
    cyrillic = len(re.findall(r"[\u0400-\u04FF]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "ru" if cyrillic > latin else "en"


def draft_from_text(text: str) -> Draft:
    """The unmatched draft of a report's text (ImportFormatError when it holds no English prose)."""
    if len(text) * 4 > MAX_BYTES and (size := len(text.encode("utf-8", "replace"))) > MAX_BYTES:
        raise _too_long(size)
    text = plain_text(text)
    if len(text) > MAX_CHARS:
        raise ImportFormatError(f"{len(text):,} characters of text: longer than the {MAX_CHARS:,} a report Organizer "
                                "drafts a visit from may have; split it, or paste the part about the visit")
    if language_of(text) == "ru":
        from organizer.services.drafting import russian

        draft = russian.extract(english_text.normalize_spaces(text))
    else:
        draft = english.extract(text)
    if not draft.people and not draft.institutions:
        raise ImportFormatError("no people or institutions found in this report: nothing to draft")
    return draft


def _too_long(size: int) -> ImportFormatError:
    return ImportFormatError(f"{size:,} bytes: longer than the {MAX_BYTES / 1e6:.0f} MB a report Organizer drafts "
                             "a visit from may have; split it, or paste the part about the visit")


def read_report(path: Path) -> str:
    """The text of the report file at ``path`` (ImportFormatError past ``MAX_BYTES``: never a silent cut,
    which would also split a character and garble the rest)."""
    with path.open("rb") as f:
        raw = f.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _too_long(path.stat().st_size)
    for enc in ("utf-8-sig", "utf-16"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp1252", errors="replace")


def draft_from_file(db: Database, path: Path) -> Draft:
    """The draft of the report at ``path``, matched against ``db`` (nothing is written)."""
    return match(db, draft_from_text(read_report(path)))
