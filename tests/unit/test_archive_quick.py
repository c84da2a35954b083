"""The archive import's one-pass road for plain people (``archive.quick``) against the general road
(``bulk._person_data`` then ``bulk._check_person``: the field table, ``PersonData`` and the people service's
``check_person``).

Record by record: for every person of the demo archive and for people made awkward on purpose, the quick
road gives exactly the ``CheckedRecord`` of the general road (columns, child rows, topics), or None; the
awkward ones that pass every rule must take it (else the road would be dead code), and every record that
breaks a rule or needs more than the common case must not. Whole imports: the same archive imported with
and without the quick road leaves the same records (exported side by side) and the same search index.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from organizer.assets import demo_archive
from organizer.domain.errors import ValidationError
from organizer.services._checks import CheckedRecord, Checker
from organizer.services.archive import bulk, importer, quick
from organizer.services.archive.export import export_archive
from organizer.services.archive.reading import RecordReader, UidResolver
from organizer.store import models as m
from organizer.store.database import Database, open_database, sqlite_url


def _demo() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(demo_archive().read_text(encoding="utf-8"))
    return data  # plain dicts, as a streamed file gives


def _base(person: dict[str, Any], institutions: list[str], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(person)
    out["positions"] = [{"title": "Dean", "institution": institutions[0], "start_date": "2020-01-01",
                         "end_date": None, "current": True, "variants": {}}]
    out.update(changes)
    return out


def _passing(data: dict[str, Any]) -> list[dict[str, Any]]:
    """People that pass every rule and need nothing beyond the quick road's common case."""
    p, inst = data["people"][0], [i["uid"] for i in data["institutions"]]
    cases = [
        dict(_base(p, inst), given_name="Jose\u0301", family_name="  Garci\u0301a  "),  # NFD -> NFC, trimmed
        dict(_base(p, inst), given_name="Anna\u00a0Maria", middle_name="Zo\u00eb\u200d"),  # not printable, clean
        dict(_base(p, inst), biography="Line one\n\tLine two\r\n", notes="  notes  ", dietary_needs=None,
             interpreter_needs="uz-ru"),
        dict(_base(p, inst), name_variants=["Иван Петров", {"name": " Ivan ", "script": None},
                                             {"name": "Jean", "script": "Latn", "language": "fr", "extra": 1}]),
        dict(_base(p, inst), emails=["A.B@EXAMPLE.ORG", {"value": " c@example.org ", "label": None}],
             phones=["+7 996 332-32-78", {"value": "+998 71 234 56 78", "label": "work"}]),
        dict(_base(p, inst), tags=["b", " a ", "b", "Ёлка"], languages=None, topics=[]),
        dict(_base(p, inst), topics=["Petrochemicals", "A topic first named here", "petrochemicals"]),
        dict(_base(p, inst), gender="female", academic_title="Professor", honorific="Dr",
             variants={"given_name": {"ru": "Иван"}, "biography": {"uz": "Kimyogar", "ru": "Химик"}}),
        dict(_base(p, inst), gender=None, display_name="The Rector", given_name="", family_name=None),
        dict(_base(p, inst), positions=[  # none current: the newest open one becomes current
            {"title": "Adviser", "institution": inst[1], "start_date": "2010-01-01", "end_date": "2012-01-01"},
            {"title": None, "institution": inst[2]},
            {"title": "Chair", "institution": inst[0], "start_date": "2015-05-01",
             "variants": {"title": {"ru": "Председатель"}}},
            {"title": "Member", "institution": inst[1], "start_date": "2016-05-01", "end_date": None,
             "current": False}]),
        dict(_base(p, inst), positions=[], name_variants=[], emails=None, phones=None, tags=None),
        {"uid": "minimal", "family_name": "Minimal"},
    ]
    demo: list[dict[str, Any]] = copy.deepcopy(data["people"])
    return [dict(c, uid=f"test:pass{i}") for i, c in enumerate(cases)] + demo


def _taking_the_long_way(data: dict[str, Any]) -> list[dict[str, Any]]:
    """People the quick road leaves to the general one: each breaks a rule or needs more than the common case."""
    p, inst = data["people"][0], [i["uid"] for i in data["institutions"]]
    b = _base(p, inst)
    cases = [
        dict(b, given_name=5), dict(b, given_name="a\nb"), dict(b, family_name="x" * 301),
        dict(b, given_name="", family_name="", display_name=""), dict(b, notes="a\x07b"), dict(b, notes=3),
        dict(b, gender="unknown"), dict(b, gender=1),
        dict(b, photo={"media_type": "image/png", "base64": "not base64"}),
        dict(b, emails=["not an address"]), dict(b, emails=[{"value": "a@example.org", "label": 5}]),
        dict(b, emails=[5]), dict(b, emails="a@example.org"), dict(b, phones=["12"]), dict(b, phones=[""]),
        dict(b, name_variants=[{"name": ""}]), dict(b, name_variants=[{"name": "N", "script": "s" * 17}]),
        dict(b, tags=[""]), dict(b, tags=["t" * 65]), dict(b, languages=[5]), dict(b, topics=[" "]),
        dict(b, variants={"gender": {"ru": "x"}}), dict(b, variants={"given_name": {"xx-not-a-code!": "x"}}),
        dict(b, variants=["x"]),
        dict(b, positions=[{"title": "T", "institution": "nowhere"}]),
        dict(b, positions=[{"title": "T"}]), dict(b, positions=["T"]), dict(b, positions={"title": "T"}),
        dict(b, positions=[{"title": "T", "institution": inst[0], "current": True},
                           {"title": "U", "institution": inst[1], "current": True}]),
        dict(b, positions=[{"title": "T", "institution": inst[0], "start_date": "2020-01-01",
                            "end_date": "2019-01-01"}]),
        dict(b, positions=[{"title": "T", "institution": inst[0], "end_date": "2019-01-01", "current": True}]),
        dict(b, positions=[{"title": "T", "institution": inst[0], "current": None}]),
        dict(b, positions=[{"title": "T", "institution": inst[0], "start_date": "May 2020"}]),
        dict(b, positions=[{"title": "T", "institution": inst[0], "variants": {"title": {"ru": 5}}}]),
    ]
    passing = [  # these pass the general road's rules
        dict(b, gender="Male"), dict(b, photo={"media_type": "image/png", "base64": "iVBORw0KGgo="}),
        dict(b, positions=[{"title": "T", "institution": "later"}]),  # in the database, not resolved yet
    ]
    return [dict(c, uid=f"test:slow{i}") for i, c in enumerate(cases)] + \
        [dict(c, uid=f"test:slow-passing{i}") for i, c in enumerate(passing)]


def _general(session: Session, res: UidResolver, raw: dict[str, Any]) -> CheckedRecord | None:
    """The general road's record, or None where it refuses the record."""
    checker = Checker("p")
    try:
        record = bulk._check_person(session, bulk._person_data(res, RecordReader(raw, "p"), raw["uid"]), checker)
        checker.check()
    except ValidationError:
        return None
    return record


@pytest.fixture
def resolved(db: Database) -> Database:
    """The demo's topics and institutions (and one more, ``later``) in the database."""
    data = _demo()
    later = {"uid": "later", "name": "Later Institute", "kind": "institute"}
    importer.import_archive(db, {"format": "organizer-archive", "version": 2, "topics": data["topics"],
                                 "institutions": [*data["institutions"], later]})
    return db


Pair = tuple[CheckedRecord | None, CheckedRecord | None]


def _compare(db: Database, people: list[dict[str, Any]]) -> list[Pair]:
    """(quick road, general road) of each person, topics as their names (the objects are the same ones)."""
    institutions = [i["uid"] for i in _demo()["institutions"]]
    out: list[Pair] = []

    def work(session: Session) -> None:
        res = UidResolver(session)
        for uid in institutions:
            res.id_of(m.Institution, uid, RecordReader({}, "x"), "institution")
        for raw in people:
            fast, general = quick.person_rows(session, res, copy.deepcopy(raw)), _general(session, res, raw)
            if fast is not None and general is not None:
                assert [id(t) for t in fast.topics] == [id(t) for t in general.topics], raw["uid"]
            out.append((fast, general))
        raise _Done  # nothing kept (new topics)

    with pytest.raises(_Done):
        db.write(work)
    return out


class _Done(Exception):  # noqa: N818 (not an error: how the test rolls back)
    pass


def test_the_quick_road_reads_every_field_the_tables_carry() -> None:
    assert quick.ENABLED


def test_people_that_pass_take_the_quick_road_to_the_same_rows(resolved: Database) -> None:
    people = _passing(_demo())
    for raw, (fast, general) in zip(people, _compare(resolved, people), strict=True):
        assert general is not None, raw["uid"]
        if raw["uid"].startswith("test:pass"):
            assert fast is not None, raw["uid"]
        if fast is not None:
            assert fast.columns == general.columns, raw["uid"]
            assert list(fast.columns) == list(general.columns), raw["uid"]  # the INSERT's column order
            assert fast.children == general.children, raw["uid"]


def test_anything_else_takes_the_general_road(resolved: Database) -> None:
    people = _taking_the_long_way(_demo())
    results = _compare(resolved, people)
    for raw, (fast, general) in zip(people, results, strict=True):
        assert fast is None, raw["uid"]
        assert (general is not None) == ("passing" in raw["uid"]), raw["uid"]


def _index(path: Path) -> tuple[list[Any], list[Any]]:
    con = sqlite3.connect(path)
    try:
        return (con.execute("SELECT rowid, names, keys, body FROM search_person ORDER BY rowid").fetchall(),
                con.execute("SELECT field, term FROM search_term ORDER BY field, term").fetchall())
    finally:
        con.close()


def test_an_import_stores_the_same_with_and_without_the_quick_road(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = _demo()
    data["people"] = _passing(data) + [p for p in _taking_the_long_way(data)
                                       if "passing" in p["uid"]]
    data["institutions"].append({"uid": "later", "name": "Later Institute", "kind": "institute"})
    for section in importer.SECTIONS:  # the demo has no time stamps: records would get the time of the import
        for record in data.get(section, []):
            record.update(created_at="2025-01-02T03:04:05", updated_at="2025-01-02T03:04:05")
    results = []
    for name, roads in (("quick", bulk._QUICK), ("general", {})):
        monkeypatch.setattr(bulk, "_QUICK", roads)
        path = tmp_path / f"{name}.sqlite"
        db = open_database(sqlite_url(path))
        try:
            report = importer.import_archive(db, copy.deepcopy(data))
            assert report.added["people"] == len(data["people"])
            results.append((export_archive(db), _index(path) if db.engine.dialect.name == "sqlite" else None))
        finally:
            db.close()
    assert results[0] == results[1]


def test_new_ids_are_read_back_when_they_do_not_follow_the_largest(tmp_path: Path) -> None:
    """``bulk._new_ids`` (SQLite only: elsewhere every uid is looked up): the new rows' ids are taken as the
    ids after the largest one before the insert only when exactly those are there; otherwise (here: a row
    with a larger id came in between, as no import would do) every uid is looked up."""
    from sqlalchemy import insert

    from organizer.store import schema

    table = schema.table("topic")

    def work(session: Session) -> tuple[list[int], list[int]]:
        conn = session.connection()
        top = bulk._top_id(conn, table)
        conn.execute(insert(table), [{"uid": f"t{i}", "name": f"Topic {i}", "description": ""} for i in range(3)])
        straight = bulk._new_ids(conn, table, ["t0", "t1", "t2"], top)
        top = bulk._top_id(conn, table)
        conn.execute(insert(table), {"id": (top or 0) + 5, "uid": "far", "name": "Far", "description": ""})
        conn.execute(insert(table), {"uid": "next", "name": "Next", "description": ""})
        return straight, bulk._new_ids(conn, table, ["next", "far"], top)

    db = open_database(sqlite_url(tmp_path / "ids.sqlite"))
    try:
        straight, around = db.write(work)
    finally:
        db.close()
    assert straight[1:] == [straight[0] + 1, straight[0] + 2]
    assert around == [around[1] + 1, around[1]]  # "next" after "far"
