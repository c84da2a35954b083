"""The vCard import's bulk road for new people (``services.interop.contacts_new``: rows and index built from the
mapped values in memory) gives exactly what the service road gives (``contacts_new.FAST = False``: the people
service's checks on rebuilt records, the search queue read back at the commit).

The same files go into two new databases, one by each road, in two imports (the second one finds many of the
first one's people: updates and skips): the tests' vCard corpus (kcontacts, the exporters' samples), the
shared corpus ``../shared/corpus/vcard-kcontacts`` where it is beside the repository, the demo's people as our
own export writes them (every field, variants, dated positions, photos), cards of ``bench/bench_vcard.py``,
and cards made awkward on purpose (bad and duplicate e-mails and phones, a card about a person written earlier
in the same file, deep and partial ORG paths, topics, languages, no name). Compared after each import: every
row of every table but the search index's (without ids, uids and time stamps), the reports, the search
index's rows (SQLite) and what searches find.
"""

from __future__ import annotations

import base64
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, Table, inspect, select

from organizer.services.demo import load_demo
from organizer.services.interop import contacts_new
from organizer.services.interop.contacts import VCardReport, import_vcards
from organizer.services.interop.export import chosen_people, export_vcard_file
from organizer.services.search import search
from organizer.store import Database, open_database, sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_vcard  # bench/ is not a package: found through sys.path above

from tests.conftest import fresh_database

DATA = Path(__file__).parent.parent / "data" / "vcard"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "vcard-kcontacts"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode("ascii")

EDGE = "\r\n".join([
    "BEGIN:VCARD", "VERSION:3.0", "UID:edge-1", "N:Karimova;Dilnoza;Rustamovna;Dr;", "FN:Каримова Дилноза",
    "ORG:University 1;Institute of Chemistry;Lab of Catalysis", "TITLE:Head", "ROLE:Scientist",
    "EMAIL;TYPE=WORK:D.Karimova@Example.ORG", "EMAIL;TYPE=HOME:d.karimova@example.org", "EMAIL:not an address",
    "TEL;TYPE=CELL:+998 90 123 45 67", "TEL;TYPE=WORK:+998901234567", "TEL:+1-800-123456", "TEL:12",
    "CATEGORIES:delegation,Delegation,partners,delegation", f"CATEGORIES:{'x' * 300}",
    "X-ORGANIZER-TOPICS:Petrochemicals,Import substitution", "LANG:ru", "LANG:uz",
    "BDAY:19700102", "URL:https://example.org", "NICKNAME:Dilya", f"PHOTO;ENCODING=b;TYPE=PNG:{PNG}",
    "NOTE:First line\\nsecond line", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "UID:edge-2", "N:Pashin;Dmitry;;;", "FN:Dmitry Pashin",
    "ORG:Institute of Chemistry", "TITLE:Visiting professor", "EMAIL:pashin@example.org", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "UID:edge-1", "N:Karimova;Dilnoza;;;", "EMAIL:second@example.org",
    "ORG:University 2", "TITLE:Adviser", "CATEGORIES:new tag", "NOTE:Another note", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "EMAIL:only.mail@example.org", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "TEL:+998 71 000 00 00", "END:VCARD",
    "BEGIN:VCARD", "VERSION:4.0", "N:Safin;Timur;;;Jr.", "FN:Timur Safin, Jr.", "GENDER:M",
    "item1.ORG;X-START=2019-01-01;X-END=2020-06-30;X-CURRENT=FALSE:University 3;Institute of Law",
    "item1.TITLE:Dean", "item1.X-ORGANIZER-TITLE-VARIANT;LANGUAGE=ru:Декан",
    "item2.ORG;X-START=2021-01-01:University 3", "item2.TITLE:Rector",
    "X-ORGANIZER-VARIANT;X-ORGANIZER-FIELD=notes;LANGUAGE=ru:Заметка", "NOTE:A note",
    "X-ORGANIZER-DIETARY-NEEDS:halal", "X-ORGANIZER-ACADEMIC-TITLE:Professor", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:Ivanova;Anna;;;", "ORG:University 4", "TEL:+7 917 000-00-01", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:   ", "NOTE:nobody", "END:VCARD", "",
]).encode("utf-8")

EDGE_AGAIN = "\r\n".join([
    "BEGIN:VCARD", "VERSION:3.0", "N:Ivanova;Anna;;;", "ORG:university 4", "EMAIL:anna@example.org", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:Ivanova;Anna;;;", "TEL:+7 917 000-00-01", "CATEGORIES:phoned", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:Pashin;Dmitry;;;", "EMAIL:PASHIN@example.org", "TEL:+7 843 000 00 00",
    "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "UID:bench-7", "N:Other;Name;;;", "CATEGORIES:renamed?", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "UID:edge-3", "N:Khairullin;Ildar;;;", "ORG:University 1;Institute of Physics",
    "TITLE:Secretary", "EMAIL:ildar@example.org", "END:VCARD", "",
]).encode("utf-8")


@pytest.fixture
def service_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    yield from fresh_database(request, lambda: tmp_path / "other.sqlite")


@pytest.fixture
def demo_cards(tmp_path: Path) -> tuple[str, bytes]:
    demo = open_database(sqlite_url(tmp_path / "demo.sqlite"))
    try:
        load_demo(demo)
        export_vcard_file(demo, tmp_path / "demo.vcf", chosen_people(demo), "4.0")
    finally:
        demo.close()
    return "demo.vcf", (tmp_path / "demo.vcf").read_bytes()


_SKIPPED_COLUMNS = {"id", "uid", "version"}


def _content(db: Database) -> dict[str, list[str]]:
    """Every table's rows (not the search index's), without ids, uids and time stamps, sorted."""
    out: dict[str, list[str]] = {}
    with db.engine.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            if name.startswith("search_") or name == "alembic_version":
                continue
            table = Table(name, MetaData(), autoload_with=conn)
            columns = [c for c in table.c if c.name not in _SKIPPED_COLUMNS and not c.name.endswith(("_at", "_uid"))
                       and c.name != "at"]
            out[name] = sorted(repr(tuple(row)) for row in conn.execute(select(*columns)))
    return out


def _index(db: Database) -> tuple[list[Any], ...]:
    if db.path is None:
        return ()
    import sqlite3

    con = sqlite3.connect(db.path)
    try:
        return (con.execute("SELECT rowid, names, keys, body FROM search_person ORDER BY rowid").fetchall(),
                con.execute("SELECT rowid, names, keys, body FROM search_institution ORDER BY rowid").fetchall(),
                con.execute("SELECT field, term FROM search_term ORDER BY field, term").fetchall(),
                con.execute("SELECT kind, record_id FROM search_dirty").fetchall())
    finally:
        con.close()


QUERIES = ("Karimova", "Каримова", "pashin@example.org", "Institute of Chemistry", "Professor 7", "delegation",
           "Holmes", "Korzhikov", "Коржиков Евгений", "Safin", "Декан", "halal", "forum 2003", "Ivanova Anna",
           "Petrochemicals")


def _found(db: Database) -> list[Any]:
    return [[(h.kind, h.id, h.title, h.snippet, h.score, h.field) for h in search(db, q, limit=50).hits]
            for q in QUERIES]


def _report(report: VCardReport) -> Any:
    return (report.as_json(), report.cards)


def _both(service_db: Database, db: Database, files: list[tuple[str, bytes]],
          monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patched:
        patched.setattr(contacts_new, "FAST", False)
        by_service = import_vcards(service_db, files)
    assert contacts_new.FAST
    by_bulk = import_vcards(db, files)
    assert _report(by_bulk) == _report(by_service)
    assert _content(db) == _content(service_db)
    index = _index(db)
    assert index == _index(service_db)
    assert not index or index[-1] == []  # nothing left queued
    assert _found(db) == _found(service_db)


def test_both_roads_write_the_same_rows_and_index(service_db: Database, db: Database, demo_cards: tuple[str, bytes],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = [(p.name, p.read_bytes()) for p in sorted((DATA / "kcontacts").glob("*.vcf"))]
    exporters = [(p.name, p.read_bytes()) for p in sorted((DATA / "exporters").glob("*.vcf"))]
    shared = [(f"shared-{p.name}", p.read_bytes()) for p in sorted(SHARED.glob("*.vcf"))]
    generated = ("bench.vcf", bench_vcard.generate(300))
    _both(service_db, db, [generated, *corpus, *exporters, ("edge.vcf", EDGE)], monkeypatch)
    _both(service_db, db, [*shared, demo_cards, ("again.vcf", EDGE_AGAIN), ("bench2.vcf", bench_vcard.generate(400))],
          monkeypatch)


@pytest.mark.parametrize("fast", [True, False])
def test_one_cards_language_variants_are_kept_whatever_the_others_have(db: Database, fast: bool,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Main at 1b40401 took a chunk's person columns from its first card: a later card's variants were
    dropped when the first had none, and the import failed (KeyError) the other way round."""
    from organizer.services import people

    monkeypatch.setattr(contacts_new, "FAST", fast)
    with_variant = ("BEGIN:VCARD\r\nVERSION:4.0\r\nN:{0};Anna;;;\r\nNOTE:A note\r\n"
                    "X-ORGANIZER-VARIANT;X-ORGANIZER-FIELD=notes;LANGUAGE=ru:Заметка\r\nEND:VCARD\r\n")
    plain = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:{0};Olga;;;\r\nEND:VCARD\r\n"
    content = (plain.format("First") + with_variant.format("Second") + with_variant.format("Third")
               + plain.format("Fourth"))
    assert import_vcards(db, [("v.vcf", content.encode("utf-8"))]).created == 4
    found = {d.data.family_name: d.data.variants for d in people.list_people_details(db)}
    notes = (("notes", "ru", "Заметка"),)
    assert {k: tuple((v.field, v.lang, v.text) for v in found[k] or ()) for k in found} == {
        "First": (), "Second": notes, "Third": notes, "Fourth": ()}
