"""Search over every kind of record, however a name was spelt.

``search(db, "Коржиков")`` finds Korzhikov: each query word is folded (``namekeys.fold``: case,
accents, apostrophes, any script to ASCII) and keyed (``namekeys.name_keys``: a skeleton on which the
romanization systems agree), and a word of four letters or more also gets the indexed name words and
keys one edit away (rapidfuzz, among the words that share its first two letters: bounded work; a
typo in the first two letters is not forgiven). The index (``store.search``) is asked through the
one ``SearchIndex`` interface.

Candidates are then scored here, word by word, from the folded text the index holds, so the ranking
is explicit and testable rather than left to bm25 alone:

=================================================  =====
the word is...                                     score
=================================================  =====
a whole name word (``korzhikov``)                  1.00
the start of a name word (``varfol``)              0.80-0.95 (more of the word typed, higher)
a whole name key (``Korschikow``, ``Коржиков``)     0.90
the start of a name key                            0.70-0.85
one typo away from a name word or key               0.60
a whole word / the start of a word in the text      0.30 / 0.25
=================================================  =====

A record's score is the mean over the query words (0-100); ties go to the kind order of
``search.base.KINDS`` (people first), then to the newer record. Candidates come from the index in
three tiers per kind, newest first, at most ``2 * limit`` each: whole name words or keys; name
prefixes (plus typo corrections when fewer than ``limit`` records matched by name); any field. No
bm25 sort: it would have to score every match (a common word is in 200,000 meetings) before the
first result, while newest-first stops after the limit (``bench/bench_search.py``). The snippet is
the name variant that matched, or
the passage around the first matching words of the best field, taken from the stored text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy.orm import Session

from organizer.domain.enums import RecordKind
from organizer.domain.errors import ValidationError
from organizer.domain.kinds import parse_kind
from organizer.domain.listing import QuickHit
from organizer.domain.namekeys import fold, is_cyrillic, name_keys, raw_words
from organizer.domain.search import SearchHit, SearchResults
from organizer.services import browse, shown
from organizer.store.database import Database
from organizer.store.search.base import (
    KINDS,
    Document,
    IndexedText,
    Progress,
    SearchIndex,
    SearchUnavailableError,
    documents,
)
from organizer.store.search.engine import UnavailableIndex, index_for
from organizer.store.search.words import TOKEN_SPLIT, QueryWord, Tier, query_terms

DEFAULT_LIMIT = 20
MAX_LIMIT = 500
TYPO_MIN_LENGTH = 4
"""Words shorter than this get no typo corrections (too many neighbours to mean anything)."""
TYPO_CANDIDATES = 5_000
"""At most this many indexed words (sharing the first two letters) are compared for a typo."""
TYPO_ALTERNATIVES = 12
SNIPPET_CONTEXT = 70
"""Characters of context either side of the match in a text snippet."""
MAX_QUERY = 300
NAME_KINDS = (RecordKind.PERSON, RecordKind.INSTITUTION)

NAME, NAME_PREFIX_LOW, NAME_PREFIX_HIGH = 1.0, 0.80, 0.95
KEY, KEY_PREFIX_LOW, KEY_PREFIX_HIGH = 0.90, 0.70, 0.85
TYPO = 0.60
TEXT, TEXT_PREFIX = 0.30, 0.25


def normalize_kinds(kinds: Iterable[RecordKind | str] | None) -> tuple[RecordKind, ...]:
    """``["people", "meeting"]`` -> ``(PERSON, MEETING)`` in index order (a kind, or what a user may type for
    one: ``domain.kinds.parse_kind``); a kind the index does not hold is an error."""
    if not kinds:
        return KINDS
    wanted: set[RecordKind] = set()
    for kind in kinds:
        k = parse_kind(kind)
        if k is None or k not in KINDS:
            raise ValidationError({"kind": f"{str(kind)!r} is not a kind of record (one of: {', '.join(KINDS)})"})
        wanted.add(k)
    return tuple(k for k in KINDS if k in wanted)


@dataclass(slots=True)
class _Word:
    """One query word: folded spelling, keys, typo corrections."""

    text: str
    keys: tuple[str, ...]
    fixes: tuple[str, ...] = ()
    key_fixes: tuple[str, ...] = ()

    def as_query(self) -> QueryWord:
        return QueryWord(words=(self.text,), keys=tuple(k for k in self.keys if len(k) >= 2),
                         exact=self.fixes + self.key_fixes)


def parse_query(query: str) -> list[_Word]:
    """The words of a query, folded and keyed (no typo corrections yet)."""
    return [_Word(word, keys) for word, keys in query_terms(query)]


def _add_typo_fixes(session: Session, index: SearchIndex, word: _Word) -> None:
    if len(word.text) >= TYPO_MIN_LENGTH:
        word.fixes = _near(index.typo_candidates(session, "n", word.text, TYPO_CANDIDATES), word.text)
    fixes: list[str] = []
    for key in word.keys:
        if len(key) >= TYPO_MIN_LENGTH:
            fixes += [f for f in _near(index.typo_candidates(session, "k", key, TYPO_CANDIDATES), key)
                      if f not in fixes]
    word.key_fixes = tuple(fixes[:TYPO_ALTERNATIVES])


def _near(candidates: Sequence[str], word: str) -> tuple[str, ...]:
    """Candidates exactly one edit (insertion, deletion, substitution) from ``word``, closest first."""
    found = process.extract(word, candidates, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    return tuple(c for c, distance, _ in sorted(found, key=lambda x: (x[1], x[0])) if distance == 1)[
        :TYPO_ALTERNATIVES]


@dataclass(slots=True)
class _Scored:
    kind: RecordKind
    id: int
    score: float
    rank: float
    where: str
    """``name``, ``key``, ``typo`` or ``text``: the weakest kind of match among the words."""


def _word_score(word: _Word, names: set[str], name_list: list[str], keys: set[str], key_list: list[str],
                body: set[str], body_list: list[str]) -> tuple[float, str]:
    best, where = 0.0, ""
    w = word.text
    if w in names:
        return NAME, "name"
    longer = [n for n in name_list if n.startswith(w)]
    if longer:
        best, where = NAME_PREFIX_LOW + (NAME_PREFIX_HIGH - NAME_PREFIX_LOW) * len(w) / min(map(len, longer)), "name"
    for key in word.keys:
        if key in keys and best < KEY:
            best, where = KEY, "key"
        elif len(key) >= 2:
            longer_keys = [k for k in key_list if k.startswith(key)]
            if longer_keys:
                s = KEY_PREFIX_LOW + (KEY_PREFIX_HIGH - KEY_PREFIX_LOW) * len(key) / min(map(len, longer_keys))
                if s > best:
                    best, where = s, "key"
    if best < TYPO and (any(f in names for f in word.fixes) or any(f in keys for f in word.key_fixes)):
        best, where = TYPO, "typo"
    if best < TEXT:
        if w in body:
            best, where = TEXT, "text"
        elif any(b.startswith(w) for b in body_list):
            best, where = TEXT_PREFIX, "text"
    return best, where


_WHERE_ORDER = {"name": 0, "key": 1, "typo": 2, "text": 3, "": 4}


def _score(kind: RecordKind, ident: int, rank: float, stored: IndexedText, words: list[_Word]) -> _Scored:
    name_list, key_list, body_list = stored.names.split(), stored.keys.split(), stored.body.split()
    names, keys, body = set(name_list), set(key_list), set(body_list)
    total, weakest = 0.0, "name"
    for word in words:
        s, where = _word_score(word, names, name_list, keys, key_list, body, body_list)
        total += s
        if _WHERE_ORDER[where] > _WHERE_ORDER[weakest]:
            weakest = where
    return _Scored(kind, ident, 100.0 * total / len(words), rank, weakest)


def search(db: Database, query: str, *, kinds: Iterable[RecordKind | str] | None = None,
           limit: int = DEFAULT_LIMIT) -> SearchResults:
    """The records that match ``query``, best first (see the module docstring)."""
    wanted = normalize_kinds(kinds)
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError({"limit": f"must be between 1 and {MAX_LIMIT}"})
    query = query.strip()[:MAX_QUERY]
    words = parse_query(query)
    if not words or all(len(w.text) < 2 for w in words):
        return SearchResults(query, ())
    with db.reader() as session:
        index = index_for(session)
        if not index.available(session):
            raise SearchUnavailableError(index.reason if isinstance(index, UnavailableIndex) else
                                         "this database has no search index; run `organizer search --rebuild`")
        found = _run(session, index, query, words, wanted, limit) if not index.pending(session) else None
    if found is None:
        _catch_up(db)  # writes made behind the app's back are indexed first
        with db.reader() as session:
            found = _run(session, index_for(session), query, words, wanted, limit)
    # titles in the window's display language (as stored when none is set: the command line)
    return SearchResults(found.query, tuple(shown.localized(db, found.hits)))


def _run(session: Session, index: SearchIndex, query: str, words: list[_Word], wanted: Sequence[RecordKind],
         limit: int) -> SearchResults:
    per_kind = max(limit * 2, 20)
    found: dict[RecordKind, dict[int, float]] = {k: {} for k in wanted}

    def collect(tier: Tier, q: list[QueryWord], kinds: Sequence[RecordKind]) -> int:
        new = 0
        for kind in kinds:
            for c in index.candidates(session, kind, q, tier, per_kind):
                if c.id not in found[kind]:
                    found[kind][c.id] = c.rank
                    new += 1
        return new

    # Whole words first (people and institutions: their names are many; other kinds' names are titles).
    named = collect("exact", [w.as_query() for w in words], [k for k in wanted if k in NAME_KINDS])
    named += collect("names", [w.as_query() for w in words], wanted)
    if named < limit:  # few names match as typed: maybe a typo (bounded work, see _add_typo_fixes)
        for word in words:
            _add_typo_fixes(session, index, word)
        if any(w.fixes or w.key_fixes for w in words):
            collect("names", [w.as_query() for w in words], wanted)
    if named < limit:  # else the top ``limit`` are all name matches, which always outrank a mention in a text
        collect("all", [w.as_query() for w in words], wanted)
    scored: list[_Scored] = []
    for kind in wanted:
        if found[kind]:
            stored = index.stored(session, kind, list(found[kind]), body=named < limit)
            scored += [_score(kind, i, r, stored[i], words) for i, r in found[kind].items() if i in stored]
    kind_order = {k: n for n, k in enumerate(KINDS)}
    scored.sort(key=lambda s: (-round(s.score, 6), kind_order[s.kind], -s.id))
    top = scored[:limit]
    docs: dict[tuple[str, int], Document] = {}
    for kind in wanted:
        for body in (False, True):
            ids = [s.id for s in top if s.kind == kind and (s.where == "text") == body]
            if ids:
                docs.update({(kind, i): d for i, d in documents(session, kind, ids, body=body).items()})
    hits = []
    for s in top:
        doc = docs.get((s.kind, s.id))
        if doc is None:
            continue
        snippet, where = _snippet(doc, s, words, is_cyrillic(query))
        hits.append(SearchHit(kind=s.kind, id=s.id, title=doc.title, snippet=snippet, score=round(s.score, 1),
                              field=where))
    return SearchResults(query, tuple(hits))


QUICK_LIMIT = 24
QUICK_DETAIL = 90
NOT_INDEXED = (RecordKind.AGREEMENT, RecordKind.TOPIC)
"""Kinds the quick-open field also lists, found by name through ``services.browse`` (not indexed)."""


def quick_open(db: Database, text: str, limit: int = QUICK_LIMIT) -> list[QuickHit]:
    """The quick-open field's hits (Ctrl+K): this search, best first (any spelling of a name, a typo,
    a word of a note), each with its snippet as the second line, then agreements and topics by name.
    Without a search index (a database kind that has none) it is ``browse.quick_open``'s name match."""
    try:
        found = search(db, text, limit=limit).hits
    except SearchUnavailableError:  # no index on this database: names as typed
        return shown.localized(db, browse.quick_open(db, text))
    hits = [QuickHit(h.kind, h.id, h.title, "" if h.snippet == h.title else _short(h.snippet)) for h in found]
    return hits + shown.localized(db, browse.quick_open(db, text, per_kind=4, kinds=NOT_INDEXED))


def _short(snippet: str) -> str:
    return snippet if len(snippet) <= QUICK_DETAIL else snippet[: QUICK_DETAIL - 2].rsplit(" ", 1)[0] + " …"


def _catch_up(db: Database) -> None:
    """Index what was written behind the app's back (the sqlite3 shell, an older Organizer)."""
    with db.unit_of_work():
        pass  # the unit of work indexes the queue before it commits


def rebuild_index(db: Database, progress: Progress | None = None) -> dict[str, int]:
    """Empty and refill the whole search index (and re-create its triggers); one transaction."""
    with db.unit_of_work() as session:
        return index_for(session).rebuild(session, progress)


def pending_count(db: Database) -> int:
    """Records waiting to be indexed (written behind the app's back; 0 right after any unit of work)."""
    with db.reader() as session:
        index = index_for(session)
        return index.pending(session) if index.available(session) else 0


# --- snippets ------------------------------------------------------------------------------------

def _hit_words(words: list[_Word], where: str) -> list[re.Pattern[str]]:
    """Patterns that find the query's words (or their corrections) at word starts in folded text."""
    alts: set[str] = set()
    for w in words:
        alts.add(w.text)
        if where in ("typo", "key"):
            alts.update(w.fixes)
    return [re.compile(r"\b" + re.escape(a)) for a in sorted(alts, key=len, reverse=True) if a]


def _count(patterns: list[re.Pattern[str]], folded: str) -> int:
    return sum(1 for p in patterns if p.search(folded))


def _key_match(name: str, words: list[_Word]) -> int:
    """How many query words match a word of ``name`` by key (or key correction)."""
    keys = {k for raw in TOKEN_SPLIT.split(name) for k in name_keys(raw)} if name else set()
    return sum(1 for w in words if any(k.startswith(q) for q in w.keys if len(q) >= 2 for k in keys)
               or keys & set(w.key_fixes))


def _snippet(doc: Document, scored: _Scored, words: list[_Word], cyrillic: bool) -> tuple[str, str]:
    if scored.where in ("name", "key", "typo"):
        label = {"name": "name", "key": "name (spelling)", "typo": "name (one typo)"}[scored.where]
        patterns = _hit_words(words, scored.where)
        best, best_count = doc.names[0] if doc.names else doc.title, -1.0
        for name in doc.names:
            count: float = _count(patterns, fold(name))
            if scored.where != "name" and count < len(words):
                count = max(count, _key_match(name, words))
            count += 0.5 if count and is_cyrillic(name) == cyrillic else 0  # the query's script first
            if count > best_count:
                best, best_count = name, count
        return _cut(best, None), label
    patterns = _hit_words(words, "text")
    best_field: tuple[str, str] | None = None
    best_count = 0
    for label, value in doc.body:
        count = _count(patterns, fold(value))
        if count > best_count:
            best_field, best_count = (label, value), count
    if best_field is None:
        return _cut(doc.title, None), "name"
    label, value = best_field
    for start, end in raw_words(value):
        folded = fold(value[start:end]).replace(" ", "")
        if any(folded.startswith(w.text) for w in words):
            return _cut(value, (start, end)), label
    return _cut(value, None), label


def _cut(value: str, span: tuple[int, int] | None) -> str:
    """One line of text around ``span`` (or the start), cut at word boundaries, with ellipses."""
    flat = " ".join(value.split())
    if span is None:
        return flat if len(flat) <= 2 * SNIPPET_CONTEXT else flat[: 2 * SNIPPET_CONTEXT].rsplit(" ", 1)[0] + " …"
    # map the span in ``value`` to ``flat`` (whitespace runs collapsed)
    before = " ".join(value[: span[0]].split())
    start = len(before) + (1 if before and value[: span[0]][-1:].isspace() else 0)
    end = start + len(" ".join(value[span[0]: span[1]].split()))
    lo = max(0, start - SNIPPET_CONTEXT)
    hi = min(len(flat), end + SNIPPET_CONTEXT)
    if lo > 0:
        space = flat.find(" ", lo)
        lo = space + 1 if 0 <= space < start else lo
    if hi < len(flat):
        space = flat.rfind(" ", end, hi)
        hi = space if space > end else hi
    return ("… " if lo > 0 else "") + flat[lo:hi] + (" …" if hi < len(flat) else "")
