"""The search index behaves the same on both engines where their tokenizers could differ, and
PostgreSQL's own parts hold: trigram typo candidates lose no correction, huge texts do not break a
write, two clients re-indexing one record do not collide, and it works without ``pg_trgm``.

The engine-neutral tests run in both passes of ``.ci/run``; the PostgreSQL ones in its second pass.
"""

from __future__ import annotations

import threading

import pytest
from rapidfuzz.distance import Levenshtein
from sqlalchemy import text

from organizer.domain.records import InstitutionData, PersonData
from organizer.services import institutions, people, search
from organizer.store import Database
from organizer.store.search.postgresql import TRIGRAM_THRESHOLD, PostgresIndex


def _pg_only(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("about the PostgreSQL index (runs in the PostgreSQL pass)")


def test_addresses_and_hyphens_split_into_words_on_both_engines(db: Database) -> None:
    inst = institutions.create_institution(db, InstitutionData(
        name="Kazan Federal University", website="https://www.kpfu-example.ru/catalysis/index.html",
        profile="Contact: rector.office@kpfu.ru; Sino-Russian programme"))
    iid = inst.meta.id
    for word in ("kpfu", "example", "catalysis", "rector", "office", "sino", "russian", "programme"):
        assert [h.id for h in search.search(db, word, kinds=["institution"]).hits] == [iid], word


def test_trigram_candidates_keep_every_one_edit_correction(db: Database) -> None:
    _pg_only(db)
    index = PostgresIndex()
    names = ["ivan", "ivon", "ivanov", "ivanova", "aaaa", "aaab", "abab", "abba", "korzhikov", "karxakav",
             "minnikhanov", "varfolomeev", "ilnur", "ilnar", "olga", "olgha", "kazan", "kazanh"]
    with db.unit_of_work() as session:
        session.execute(text("INSERT INTO search_term (field, term) VALUES (:f, :t)"),
                        [{"f": "n", "t": n} for n in names])
    with db.reader() as session:
        assert index.has_trigrams(session)
        for word in [*names, "ivam", "ivn", "aaa", "abbba", "korzikov", "kazn", "olgx"]:
            if len(word) < 4:
                continue
            by_prefix = {t for t in index.vocabulary(session, "n", word[:2], 5000)
                         if Levenshtein.distance(t, word) == 1}
            by_trigram = {t for t in index.typo_candidates(session, "n", word, 5000)
                          if Levenshtein.distance(t, word) == 1}
            assert by_trigram == by_prefix, (word, TRIGRAM_THRESHOLD)


def test_typos_are_found_without_pg_trgm_too(demo_db: Database) -> None:
    _pg_only(demo_db)
    assert search.search(demo_db, "Korzhikv").hits[0].title == "Evgeny Korzhikov"
    with demo_db.unit_of_work() as session:
        session.execute(text("DROP INDEX search_term_trgm"))
    with demo_db.reader() as session:
        assert not PostgresIndex().has_trigrams(session)
    assert search.search(demo_db, "Korzhikv").hits[0].title == "Evgeny Korzhikov"
    search.rebuild_index(demo_db)  # the rebuild creates what is missing (the extension is there)
    with demo_db.reader() as session:
        assert PostgresIndex().has_trigrams(session)


def test_a_huge_note_is_saved_and_its_start_is_searchable(db: Database) -> None:
    _pg_only(db)
    notes = " ".join(f"w{n:07d}x" for n in range(90_000))  # 2 MB of different words: over a tsvector's 1 MB
    biography = " ".join(f"b{n:07d}x" for n in range(90_000))
    created = people.create_person(db, PersonData(given_name="Long", family_name="Notewriter", notes=notes,
                                                  biography=biography))
    assert [h.id for h in search.search(db, "b0000001x").hits] == [created.meta.id]
    assert [h.id for h in search.search(db, "Notewriter").hits] == [created.meta.id]


def test_two_clients_reindexing_one_record_do_not_collide(demo_db: Database) -> None:
    _pg_only(demo_db)
    pid = search.search(demo_db, "Korzhikov").hits[0].id
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def touch() -> None:
        try:
            with demo_db.unit_of_work() as session:  # both queue the record, then both re-index it at once
                session.execute(text("INSERT INTO search_dirty (kind, record_id) VALUES ('person', :p) "
                                     "ON CONFLICT DO NOTHING"), {"p": pid})
                barrier.wait(timeout=10)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=touch) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert search.search(demo_db, "Korzhikov").hits[0].id == pid
    with demo_db.reader() as session:
        assert session.execute(text("SELECT count(*) FROM search_dirty")).scalar_one() == 0
