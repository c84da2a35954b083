"""What a user typed, as the words the search index is asked for: shared by the search service
(``services.search``) and the list filters (``services.browse``), so both read a query the same way."""

from __future__ import annotations

import re

from organizer.domain.namekeys import fold, name_keys
from organizer.store.search.base import QueryWord

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
