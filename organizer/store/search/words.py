"""What a user typed, as the words the search index is asked for: shared by the search service
(``services.search``) and the list filters (``services.browse``), so both read a query the same way."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from organizer.domain.enums import RecordKind
from organizer.domain.namekeys import fold, name_keys

if TYPE_CHECKING:
    from sqlalchemy import TextClause

Tier = Literal["exact", "names", "all"]
"""``exact``: whole name words or keys; ``names``: also prefixes and typo corrections; ``all``: anywhere."""

FILTER_TIERS: dict[RecordKind, Tier] = {
    RecordKind.PERSON: "names", RecordKind.INSTITUTION: "names", RecordKind.VISIT: "all",
    RecordKind.MEETING: "names", RecordKind.FOLLOWUP: "names",
}
"""How a list's filter text matches through the search index, per indexed kind: ``names`` (a person's
names in every script and their romanizations; an institution's names; a meeting's title; a follow-up's
description) or ``all`` (a visit: its title, place, purpose, summary and topics)."""


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a query and everything it may match."""

    words: tuple[str, ...]
    """Folded spellings, matched as word prefixes (in names; in the body for tier "all")."""
    keys: tuple[str, ...] = ()
    """Name keys, matched as prefixes of keys."""
    exact: tuple[str, ...] = ()
    """Whole words (typo corrections), matched exactly in names and keys."""

TOKEN_SPLIT = re.compile(r"[\s\-–—,.;:()\[\]{}«»/\\!?+*]+")
MAX_QUERY_WORDS = 12
"""Words of a filter or query beyond this are ignored (each one is a term of the index query)."""


def query_terms(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The words of what a user typed as (folded word, name keys): how the search service and the list
    filters both read a query (``Коржиков`` -> ``("korzhikov", keys)``; punctuation splits words)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for raw in TOKEN_SPLIT.split(text):
        parts = fold(raw).split()
        if len(parts) == 1:
            out.append((parts[0], name_keys(raw)))
        else:
            out.extend((p, name_keys(p)) for p in parts)
    return out


def filter_words(text: str) -> list[QueryWord]:
    """A list filter's words as index query words: each word a prefix of a word (or of a name key, so
    any script and romanization matches), no typo corrections (a filter narrows, it does not guess)."""
    return [QueryWord(words=(w,), keys=tuple(k for k in keys if len(k) >= 2))
            for w, keys in query_terms(text)[:MAX_QUERY_WORDS]]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: Sequence[QueryWord], tier: Tier) -> str:
    """An FTS5 MATCH expression: every word must match one of its alternatives."""
    parts: list[str] = []
    for word in query:
        alts: list[str] = []
        if tier == "exact":
            alts += [f"names : {_quote(w)}" for w in word.words if w]
            alts += [f"keys : {_quote(k)}" for k in word.keys if k]
        else:
            word_cols = "names" if tier == "names" else "{names body}"
            alts += [f"{word_cols} : {_quote(w)}*" for w in word.words if w]
            alts += [f"keys : {_quote(k)}*" for k in word.keys if k]
            alts += [f"{{names keys}} : {_quote(e)}" for e in word.exact if e]
        if not alts:
            return ""
        parts.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(parts)


def fts_statement(kind: RecordKind) -> str:
    """The SQL that selects the id of every record of ``kind`` matching an FTS5 expression (one parameter)."""
    table = f"search_{kind}"
    return f"SELECT rowid FROM {table} WHERE {table} MATCH :fts_match"


def id_query(kind: RecordKind, query: Sequence[QueryWord], tier: Tier) -> TextClause | None:
    """A statement selecting the id of every record of ``kind`` whose every query word matches as ``tier``
    says, in SQLite's index (no limit, no order): a list filter's ``id IN (...)``, run inside the list's own
    statement; None when no word is left. Built here, from the query alone, so that a filtered list loads
    neither the ORM nor the index's document builders (``postgresql.id_query`` is PostgreSQL's)."""
    from sqlalchemy import bindparam, text  # only here: the window's plain reads use the rest without it

    expr = match_expression(query, tier)
    return text(fts_statement(kind)).bindparams(bindparam("fts_match", expr, unique=True)) if expr else None
