"""What the search index holds equals a straightforward computation of it, after bulk inserts and after edits.

The index is filled by batched, cached and hand-tuned code (``search.base.documents``, ``indexed_text``,
``namekeys``); this test recomputes every row from the records one statement at a time with plain,
uncached folding and keying (whole-text ``anyascii``, every iuliia scheme through its public
``translate``), so an optimisation that changes a single byte of the index fails here. Runs on both
engines (on PostgreSQL the index tables have an ``id`` column instead of FTS5's ``rowid``).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import iuliia
import pytest
from anyascii import anyascii
from sqlalchemy import text
from sqlalchemy.engine import Connection

from organizer.domain import namekeys
from organizer.domain.records import compose_full_name
from organizer.services.demo import load_demo
from organizer.services.search import rebuild_index
from organizer.store import Database
from organizer.store.search.base import KINDS

warnings.filterwarnings("ignore", category=DeprecationWarning, module="iuliia")

BENCH = Path(__file__).resolve().parents[2] / "bench"
_APOSTROPHES = re.compile(f"[{re.escape(namekeys._APOSTROPHES)}]")
_NAME_SPLIT = r"[\s\-–—,.;:()\[\]{}«»/\\]+"

# --- the reference: the documented rules, spelt out without caches or shortcuts ------------------


def ref_fold(value: str) -> str:
    """The whole text at once: lower-case, the pre-fold letters, apostrophes out, anyascii, ASCII words."""
    t = unicodedata.normalize("NFC", value).lower().translate(namekeys._PRE_FOLD)
    t = _APOSTROPHES.sub("", anyascii(_APOSTROPHES.sub("", t)).lower())
    return " ".join(re.findall("[a-z0-9]+", t))


def ref_name_keys(word: str) -> tuple[str, ...]:
    word = unicodedata.normalize("NFC", word).lower()
    latin_keys = namekeys._latin_keys.__wrapped__  # the key algorithm itself, without its cache
    if not re.search(r"[\u0400-\u052f]", word):
        return tuple(latin_keys(ref_fold(word).replace(" ", "")))
    russian = word.translate(namekeys._TO_RUSSIAN)
    spellings = [getattr(iuliia, name).translate(russian) for name in namekeys.SCHEME_NAMES]
    spellings.append(iuliia.UZ.translate(word))
    keys: list[str] = []
    for spelling in spellings:
        for key in latin_keys(ref_fold(spelling).replace(" ", "")):
            if key not in keys:
                keys.append(key)
    return tuple(keys[: namekeys.MAX_KEYS * 2])


def ref_text_keys(value: str) -> list[str]:
    keys: list[str] = []
    for word in re.split(_NAME_SPLIT, unicodedata.normalize("NFC", value)):
        for key in ref_name_keys(word) if word else ():
            if key not in keys:
                keys.append(key)
    return keys


def _row(names: Sequence[str], body: Sequence[str | None], keyed: bool) -> tuple[str, str, str]:
    joined = " ".join(names)
    return (ref_fold(joined), " ".join(ref_text_keys(joined)) if keyed else "",
            ref_fold("\n".join(v for v in body if v and v.strip())))


def _all(conn: Connection, sql: str, **params: Any) -> list[Any]:
    return list(conn.execute(text(sql), params))


def _one_list(conn: Connection, sql: str, ident: int) -> list[Any]:
    return [r[0] for r in conn.execute(text(sql), {"i": ident})]


def _joined(values: list[str], sep: str) -> str | None:
    return sep.join(values) if values else None


def _topics(conn: Connection, link: str, owner: str, ident: int) -> str | None:
    return _joined(_one_list(conn, f"SELECT t.name FROM {link} l JOIN topic t ON t.id = l.topic_id "
                                   f"WHERE l.{owner} = :i ORDER BY t.name", ident), ", ")


def _variants(raw: Any, named: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """A record's language variants (its ``variants`` column, a JSON text or object): the texts of ``named``
    fields (indexed with the names) and the others (with the body), fields and languages in stored order."""
    found = json.loads(raw) if isinstance(raw, str) else (raw or {})
    names = [t for f, by_lang in found.items() if f in named for t in by_lang.values() if t.strip()]
    body = [t for f, by_lang in found.items() if f not in named for t in by_lang.values() if t.strip()]
    return names, body


def reference(conn: Connection) -> dict[str, dict[int, tuple[str, str, str]]]:
    """Each record's (names, keys, body), one record at a time."""
    out: dict[str, dict[int, tuple[str, str, str]]] = {kind: {} for kind in KINDS}
    for p in _all(conn, "SELECT * FROM person"):
        full = compose_full_name(p.given_name, p.middle_name, p.family_name, p.display_name)
        names = [n for n in (full, p.given_name, p.middle_name, p.family_name, p.display_name) if n]
        names += _one_list(conn, "SELECT name FROM person_name WHERE person_id = :i ORDER BY id", p.id)
        positions = [f"{title}, {r.name}" for r in _all(
            conn, "SELECT p.title, i.name, p.variants FROM position p JOIN institution i ON i.id = p.institution_id "
                  "WHERE p.person_id = :i ORDER BY p.is_current DESC, p.start_date DESC, p.id", i=p.id)
            for title in (r.title, *_variants(r.variants, ("title",))[0])]
        body = [p.honorific, p.biography, p.notes, *_variants(p.variants, ())[1], *positions,
                _joined(_one_list(conn, "SELECT address FROM person_email WHERE person_id = :i ORDER BY id",
                                  p.id), " "),
                _joined(_one_list(conn, "SELECT tag FROM person_tag WHERE person_id = :i ORDER BY tag", p.id),
                        ", "),
                _topics(conn, "person_topic", "person_id", p.id)]
        out["person"][p.id] = _row(names, body, True)
    for r in _all(conn, "SELECT * FROM institution"):
        names = [n for n in (r.name, r.short_name) if n]
        named, other = _variants(r.variants, ("short_name",))
        names += named
        names += _one_list(conn, "SELECT name FROM institution_name WHERE institution_id = :i ORDER BY id", r.id)
        body = [r.profile, ", ".join(x for x in (r.city, r.country) if x), r.website, *other,
                _topics(conn, "institution_topic", "institution_id", r.id)]
        out["institution"][r.id] = _row(names, body, True)
    for r in _all(conn, "SELECT * FROM visit"):
        named, other = _variants(r.variants, ("title",))
        out["visit"][r.id] = _row([r.title, *named], [r.place, r.purpose, r.summary, *other,
                                                      _topics(conn, "visit_topic", "visit_id", r.id)], False)
    for r in _all(conn, "SELECT * FROM meeting"):
        named, other = _variants(r.variants, ("title",))
        out["meeting"][r.id] = _row([r.title, *named], [r.objectives, r.agenda, r.talking_points, r.notes,
                                                        r.outcomes, r.room, *other,
                                                        _topics(conn, "meeting_topic", "meeting_id", r.id)], False)
    for r in _all(conn, "SELECT * FROM followup"):
        named, other = _variants(r.variants, ("description",))
        out["followup"][r.id] = _row([r.description, *named], [r.notes, *other], False)
    return out


def stored(conn: Connection, sqlite: bool) -> dict[str, dict[int, tuple[str, str, str]]]:
    key = "rowid" if sqlite else "id"
    return {kind: {r[0]: (r[1], r[2], r[3]) for r in _all(conn, f"SELECT {key}, names, keys, body FROM search_{kind}")}
            for kind in KINDS}


def terms_of(rows: dict[str, dict[int, tuple[str, str, str]]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for kind in ("person", "institution"):
        for names, keys, _body in rows[kind].values():
            out.update(("n", w) for w in names.split())
            out.update(("k", k) for k in keys.split())
    return out


def _check(db: Database) -> set[tuple[str, str]]:
    with db.engine.connect() as conn:
        expected = reference(conn)
        assert stored(conn, db.is_sqlite) == expected
        assert conn.execute(text("SELECT count(*) FROM search_dirty")).scalar_one() == 0
        terms = {(r[0], r[1]) for r in _all(conn, "SELECT field, term FROM search_term")}
    assert terms_of(expected) <= terms  # stale terms may stay (they only find nothing)
    assert ("n", "yolkin") in terms or not any("yolkin" in names for names, _k, _b in expected["person"].values())
    return terms - terms_of(expected)


# --- data ------------------------------------------------------------------------------------------


def _generator(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``bench/generate.py`` (it imports ``synthdata`` from its own folder)."""
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_generate_for_test", BENCH / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_index_equals_the_reference_after_bulk_inserts_and_edits(db: Database, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    load_demo(db)
    _generator(monkeypatch).generate(db, 150, seed=5, progress=lambda _line: None, visits=4)
    with db.engine.connect() as conn:
        counts = {kind: conn.execute(text(f"SELECT count(*) FROM {kind}")).scalar_one() for kind in KINDS}
        variants = [r[0] for r in conn.execute(text("SELECT name FROM person_name"))]
    assert counts["person"] > 150 and counts["institution"] and counts["meeting"] and counts["followup"]
    assert sum(namekeys.is_cyrillic(v) for v in variants) > 100  # the Cyrillic paths are exercised
    _check(db)

    # Edits: every path of the re-index (a row replaced, a row gone, a cascade from another table).
    with db.engine.connect() as conn:
        people = [r[0] for r in conn.execute(text("SELECT id FROM person ORDER BY id"))]
        institution = conn.execute(text("SELECT institution_id FROM position ORDER BY id LIMIT 1")).scalar_one()
        meeting = conn.execute(text("SELECT max(id) FROM meeting")).scalar_one()
        followups = [r[0] for r in conn.execute(text("SELECT id FROM followup ORDER BY id"))]
    with db.unit_of_work() as session:
        session.execute(text("UPDATE person SET family_name = :n, biography = :b WHERE id = :i"),
                        {"n": "Хәйруллин-Миңнеханов", "b": "Oʻzbekiston, Gʻulom; Коржиков’s notes", "i": people[0]})
        session.execute(text("UPDATE person SET given_name = 'Ёлкин' WHERE id = :i"), {"i": people[-1]})
        session.execute(text("DELETE FROM person_email WHERE person_id = :i"), {"i": people[len(people) // 2]})
        session.execute(text("UPDATE institution SET name = 'Ўзбекистон Фанлар академияси' WHERE id = :i"),
                        {"i": institution})
        session.execute(text("UPDATE meeting SET agenda = 'Ташкент — Казань: ҳамкорлик' WHERE id = :i"),
                        {"i": meeting})
        session.execute(text("DELETE FROM followup WHERE id = :i"), {"i": followups[0]})
    stale = _check(db)
    assert ("n", "yolkin") not in stale and stale  # the new name is indexed; the old words stay, harmless

    # A rebuild empties and refills everything: the same rows, and no stale terms any more.
    rebuild_index(db)
    assert _check(db) == set()
