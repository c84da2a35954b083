"""Search service: every spelling of the demo names, ranking, snippets, kinds, and an index that
stays in step with the data whoever writes it."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO

import pytest

from organizer.cli.main import main
from organizer.domain.errors import ValidationError
from organizer.domain.records import NameVariant, PersonData
from organizer.services import people, search
from organizer.services.archive import importer as interchange
from organizer.store import Database

DEMO_PEOPLE = {
    "Korzhikov": ["Korzhikov", "Korjikov", "Korschikow", "Коржиков", "Koržikov", "korzh", "Korzhikv",
                  "Evgeny Korzhikov", "Коржиков Евгений", "KORZHIKOV"],
    "Varfolomeyev": ["Varfolomeyev", "Varfolomeev", "Варфоломеев", "Varfol", "Варфол", "varfolomejev"],
    "Khairullin": ["Khairullin", "Hayrullin", "Khayrullin", "Xayrullin", "Хайруллин", "Хәйруллин", "Khairoulline"],
    "Minnikhanov": ["Minnikhanov", "Minnihanov", "Минниханов", "Миңнеханов", "Minnixanov", "Minnikhanow"],
}




def _person_id(db: Database, family: str) -> int:
    return next(r.id for r in people.list_people(db) if r.full_name.endswith(family))


@pytest.mark.parametrize(("family", "query"), [(f, q) for f, qs in DEMO_PEOPLE.items() for q in qs])
def test_every_spelling_finds_the_demo_person_first(demo_db: Database, family: str, query: str) -> None:
    hits = search.search(demo_db, query).hits
    assert hits, f"{query!r} found nothing"
    assert (hits[0].kind, hits[0].id) == ("person", _person_id(demo_db, family)), hits[:3]


def test_uzbek_apostrophes_are_one_letter(demo_db: Database) -> None:
    for query in ("Oʻzkimyosanoat", "O'zkimyosanoat", "O‘zkimyosanoat", "O`zkimyosanoat", "O’zkimyosanoat",
                  "Ozkimyosanoat", "Ўзкимёсаноат"):
        hits = search.search(demo_db, query).hits
        assert hits and hits[0].kind == "institution" and hits[0].title == 'JSC "Uzkhimyosanoat"', query


def test_topic_word_finds_the_laboratory_tour_and_the_institute(demo_db: Database) -> None:
    hits = search.search(demo_db, "catalysis").hits
    found = {(h.kind, h.title) for h in hits}
    assert ("meeting", "Tour of the laboratories of the A.M. Butlerov Chemical Institute") in found
    assert ("institution", "A.M. Butlerov Chemical Institute") in found
    tour = next(h for h in hits if h.kind == "meeting")
    assert "catalysis" in tour.snippet and tour.field in ("objectives", "notes", "topics")


def test_a_name_match_ranks_above_a_mention_in_a_note(demo_db: Database) -> None:
    hits = search.search(demo_db, "Varfolomeyev").hits
    kinds = [h.kind for h in hits]
    assert kinds[0] == "person" and "meeting" in kinds  # the leadership meeting's outcomes mention him
    assert hits[0].score > next(h.score for h in hits if h.kind == "meeting")
    assert next(h for h in hits if h.kind == "meeting").field == "outcomes"


def test_snippet_shows_the_variant_in_the_query_script(demo_db: Database) -> None:
    hit = search.search(demo_db, "Хайруллин").hits[0]
    assert hit.title == "Ilnur Khairullin" and hit.snippet == "Хайруллин Ильнур"
    assert search.search(demo_db, "Korjikov").hits[0].snippet == "Yevgeniy Korjikov"


def test_results_are_grouped_and_filtered_by_kind(demo_db: Database) -> None:
    everything = search.search(demo_db, "technology transfer")
    groups = dict(everything.groups())
    assert {"followup", "meeting", "institution"} <= set(groups)
    only = search.search(demo_db, "technology transfer", kinds=["meetings"])
    assert only.hits and {h.kind for h in only.hits} == {"meeting"}
    assert len(search.search(demo_db, "technology", limit=2).hits) == 2
    with pytest.raises(ValidationError, match="kind"):
        search.search(demo_db, "x", kinds=["planets"])
    with pytest.raises(ValidationError, match="limit"):
        search.search(demo_db, "technology", limit=0)


def test_nothing_and_noise_find_nothing(demo_db: Database) -> None:
    assert search.search(demo_db, "").hits == ()
    assert search.search(demo_db, "   ").hits == ()
    assert search.search(demo_db, "k").hits == ()  # one letter: too little to search on
    assert search.search(demo_db, "zzzzqqqq").hits == ()
    assert search.search(demo_db, '"* OR NEAR( ^ :').hits == ()  # FTS syntax is never passed through


def test_index_follows_creates_edits_and_deletes(db: Database) -> None:
    assert search.search(db, "Salomov").hits == ()
    created = people.create_person(db, PersonData(given_name="Abduhomid", family_name="Salomov",
                                                  name_variants=(NameVariant("Абдуҳомид Саломов", "Cyrl", "uz"),)))
    pid = created.meta.id
    assert [h.id for h in search.search(db, "Саломов").hits] == [pid]
    people.update_person(db, pid, PersonData(given_name="Abduhomid", family_name="Rakhimov",
                                             notes="Met in Tashkent"), created.meta.version)
    assert search.search(db, "Саломов").hits == ()  # the variant is gone
    assert [h.id for h in search.search(db, "Rakhimov").hits] == [pid]
    assert search.search(db, "tashkent").hits[0].field == "notes"
    people.delete_person(db, pid)
    assert search.search(db, "Rakhimov").hits == ()


def test_import_and_writes_behind_the_apps_back_are_indexed(db: Database, outside_sql: Callable[[str], None]) -> None:
    report = interchange.import_archive(db, {"format": "organizer-archive", "version": 1, "people": [
        {"uid": "p:1", "given_name": "Ilnur", "family_name": "Khairullin"}]})
    assert report.added["people"] == 1
    assert search.search(db, "Хайруллин").hits[0].title == "Ilnur Khairullin"
    # someone with the sqlite3 shell or psql: the triggers still queue it
    outside_sql("UPDATE person SET family_name = 'Minnikhanov' WHERE uid = 'p:1'")
    assert search.pending_count(db) == 1
    assert search.search(db, "Минниханов").hits[0].title == "Ilnur Minnikhanov"
    assert search.pending_count(db) == 0


def test_rebuild_repairs_a_damaged_index(demo_db: Database, outside_sql: Callable[[str], None]) -> None:
    outside_sql("DELETE FROM search_person")
    assert search.search(demo_db, "Korzhikov").hits == ()
    counts = search.rebuild_index(demo_db)
    assert counts["person"] == 6 and counts["meeting"] == 4
    assert search.search(demo_db, "Korzhikov").hits[0].title == "Evgeny Korzhikov"


def test_cli_search_json_contract(demo_db: Database, db_args: list[str]) -> None:
    out = StringIO()
    assert main([*db_args, "search", "Korschikow", "--json"], out=out) == 0
    hits = json.loads(out.getvalue())
    assert hits[0]["kind"] == "person" and hits[0]["title"] == "Evgeny Korzhikov"
    assert {"kind", "id", "title", "snippet", "score"} <= set(hits[0])
    assert isinstance(hits[0]["score"], float) and isinstance(hits[0]["id"], int)
    out = StringIO()
    assert main([*db_args, "search", "catalysis", "--kind", "meeting", "--limit", "1"], out=out) == 0
    assert out.getvalue().splitlines()[0] == "Meetings:" and "catalysis" in out.getvalue()
    err = StringIO()
    assert main([*db_args, "search", "x", "--limit", "0"], out=StringIO(), err=err) == 2  # a usage error
    assert "limit" in err.getvalue()


def test_quick_open_uses_the_search_and_keeps_agreements_and_topics(demo_db: Database) -> None:
    korzhikov = _person_id(demo_db, "Korzhikov")
    hits = search.quick_open(demo_db, "Korschikow")  # the name match of browse could not find this spelling
    assert (hits[0].kind, hits[0].id, hits[0].title) == ("person", korzhikov, "Evgeny Korzhikov")
    assert search.quick_open(demo_db, "Коржиков")[0].detail == "Коржиков Евгений"  # the variant that matched
    assert "topic" in {h.kind for h in search.quick_open(demo_db, "catalysis")}  # "Heterogeneous catalysis"
    tour = next(h for h in search.quick_open(demo_db, "catalysis") if h.kind == "meeting")
    assert "catalysis" in tour.detail and len(tour.detail) <= search.QUICK_DETAIL
