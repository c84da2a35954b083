"""A filter answered in the order a list already holds (``services.paging.ordered_ids``) against the same
filter sorted in SQL (``services.browse.record_ids``): the same ids in the same order.

The window holds every id of a kind in its usual order (the list it showed before the filter); a filter in
that order asks only which records match (text alone: the search index, read on the driver's connection;
with other filters: ``browse``, unsorted) and keeps the held order. These tests compare both ways on a
generated database for one letter, several letters, Cyrillic, two words, and text with a tag or an
institution, for people, visits, meetings and follow-ups; and check where the held order is not used (it
lacks a record added since, the filter selects few records, another sort) and the pooled plain reader.
"""

from __future__ import annotations

import sqlite3
import sys
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

from organizer.domain.errors import DatabaseError
from organizer.domain.listing import ListQuery
from organizer.domain.records import PersonData
from organizer.services import browse, paging, people
from organizer.store.database import Database, open_database, sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import generate  # bench/ is not a package: found through sys.path above

PEOPLE = 900


@pytest.fixture(scope="module")
def gen_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("held") / "gen.sqlite"
    db = open_database(sqlite_url(path))
    generate.generate(db, PEOPLE, seed=11, progress=lambda _m: None)
    db.close()
    return path


@pytest.fixture
def gen_db(gen_file: Path) -> Iterator[Database]:
    db = open_database(sqlite_url(gen_file))
    yield db
    db.close()


@pytest.fixture
def every_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The held order used for filters of any size (a narrow one is left to SQL, where it is faster)."""
    monkeypatch.setattr(paging, "FEW", 10**9)  # fewer than one match in a billion ids: none is few


def _held(db: Database, kind: str) -> array[int]:
    return array("q", browse.record_ids(db, kind, ListQuery()))


def _same_both_ways(db: Database, kind: str, query: ListQuery, held: array[int]) -> list[int]:
    """The ids both ways, checked equal (and the held order really used), for the caller's further checks."""
    sorted_in_sql = browse.record_ids(db, kind, query)
    in_held_order = paging.ordered_ids(db, kind, query, held)
    assert in_held_order is not None, query
    assert list(in_held_order) == sorted_in_sql, query
    return sorted_in_sql


def test_people_filters_keep_the_order_sql_gives(gen_db: Database, every_filter: None) -> None:
    held = _held(gen_db, "person")
    assert len(held) == PEOPLE
    one_letter = _same_both_ways(gen_db, "person", ListQuery(text="a"), held)
    assert PEOPLE // 10 < len(one_letter) < PEOPLE  # a broad filter, as "a" is at 100,000 people
    family = browse.people_rows(gen_db, one_letter[:1])[0].full_name.split()[-1]
    for text in (family[:3], family[:3].upper(), family, f"{family[:2]} a", "и"):
        assert _same_both_ways(gen_db, "person", ListQuery(text=text), held) or text == "и"
    # Cyrillic: the index finds Latin-written names by their keys (every script), in the held order too
    cyrillic = _same_both_ways(gen_db, "person", ListQuery(text="Ко"), held)
    assert cyrillic and set(cyrillic) <= set(held)
    # the usual order named as a sort key is the usual order
    _same_both_ways(gen_db, "person", ListQuery(text="a", sort="name"), held)


def test_text_with_other_filters_keeps_the_order_sql_gives(gen_db: Database, every_filter: None) -> None:
    held = _held(gen_db, "person")
    rows = browse.people_rows(gen_db, list(held[:60]))
    tag = next(t for r in rows for t in r.tags)
    tagged = _same_both_ways(gen_db, "person", ListQuery(text="a", tag=tag), held)
    assert tagged and len(tagged) < len(browse.record_ids(gen_db, "person", ListQuery(text="a")))
    with gen_db.plain_reader() as con:  # the institution where most people work now
        (inst,) = con.execute("SELECT institution_id FROM position WHERE is_current GROUP BY institution_id "
                              "ORDER BY count(*) DESC LIMIT 1").fetchone()
    working = browse.record_ids(gen_db, "person", ListQuery(institution_id=inst))
    assert working
    _same_both_ways(gen_db, "person", ListQuery(text="a", institution_id=inst), held)
    _same_both_ways(gen_db, "person", ListQuery(text="a", tag=tag, institution_id=inst), held)


@pytest.mark.parametrize("kind", ["visit", "meeting", "followup"])
def test_other_lists_filters_keep_the_order_sql_gives(gen_db: Database, kind: str, every_filter: None) -> None:
    held = _held(gen_db, kind)
    assert held
    compared = 0
    for text in ("a", "e", "о", "visit", "a e"):
        query = ListQuery(text=text)
        if browse.record_ids(gen_db, kind, query):
            _same_both_ways(gen_db, kind, query, held)
            compared += 1
    assert compared >= 2
    status = {"visit": "planned", "followup": "open", "meeting": "meeting"}[kind]
    assert browse.record_ids(gen_db, kind, ListQuery(status=status))
    _same_both_ways(gen_db, kind, ListQuery(text="a", status=status), held)


def test_where_the_held_order_is_not_used(gen_db: Database, tmp_path: Path) -> None:
    held = _held(gen_db, "person")
    # every record, or another order: sorted in SQL as before
    assert paging.ordered_ids(gen_db, "person", ListQuery(), held) is None
    assert paging.ordered_ids(gen_db, "person", ListQuery(text="a", sort="title"), held) is None
    assert paging.ordered_ids(gen_db, "person", ListQuery(text="a", sort="name", descending=True), held) is None
    # few matches: SQL sorts them faster than they are looked for in the whole held list
    few = browse.record_ids(gen_db, "person", ListQuery(text="a"))[:1]
    name = browse.people_rows(gen_db, few)[0].full_name
    assert len(browse.record_ids(gen_db, "person", ListQuery(text=name))) * paging.FEW < PEOPLE
    assert paging.ordered_ids(gen_db, "person", ListQuery(text=name), held) is None
    # text that is no word (the filter scans names instead of asking the index): still through browse, unsorted
    punctuation = ListQuery(text="-")
    result = paging.ordered_ids(gen_db, "person", punctuation, held)
    assert result is None or list(result) == browse.record_ids(gen_db, "person", punctuation)


def test_a_held_list_without_a_new_match_is_not_used_and_a_deleted_record_drops_out(
        gen_file: Path, tmp_path: Path, every_filter: None) -> None:
    copy = tmp_path / "copy.sqlite"
    with sqlite3.connect(gen_file) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    db = open_database(sqlite_url(copy))
    try:
        held = _held(db, "person")
        added = people.create_person(db, PersonData(given_name="Aaron", family_name="Aardvark"))
        assert paging.ordered_ids(db, "person", ListQuery(text="a"), held) is None  # the window reads it again
        held = _held(db, "person")
        assert added.meta.id in _same_both_ways(db, "person", ListQuery(text="a"), held)
        people.delete_person(db, added.meta.id)
        after = _same_both_ways(db, "person", ListQuery(text="a"), held)  # held still has them: not a match
        assert added.meta.id in held and added.meta.id not in after
    finally:
        db.close()


def test_ordered_ids_agree_with_browse_on_any_database(demo_db: Database, every_filter: None) -> None:
    """The test database of this pass (a SQLite file, or PostgreSQL, where the matches come from browse)."""
    held = _held(demo_db, "person")
    for query in (ListQuery(text="a"), ListQuery(text="Кор"), ListQuery(text="e", tag="demo")):
        _same_both_ways(demo_db, "person", query, held)
    _same_both_ways(demo_db, "visit", ListQuery(text="kazan"), _held(demo_db, "visit"))


def test_the_plain_reader_uses_the_engines_pool_once_it_is_made_and_still_only_reads(gen_db: Database) -> None:
    ids = browse.record_ids(gen_db, "person")  # makes the engine
    with gen_db.plain_reader() as con:
        assert con.execute("PRAGMA foreign_keys").fetchone() == (1,)  # set on the pool's connections only
        assert [i for (i,) in con.execute("SELECT id FROM person ORDER BY sort_name, id")] == ids
    with pytest.raises(DatabaseError, match=r"readonly|read-only|query_only|attempt to write"), \
            gen_db.plain_reader() as con:
        con.execute("DELETE FROM person")
    assert browse.record_ids(gen_db, "person") == ids
    # the pool's connection writes again after a plain read
    made = people.create_person(gen_db, PersonData(given_name="Zed", family_name="Pooled"))
    assert made.meta.id in browse.record_ids(gen_db, "person")
    people.delete_person(gen_db, made.meta.id)
