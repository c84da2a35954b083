"""How many SQL statements the record views and the people listing run: a count, not a timing.

An N+1 (a query per position, per participant, per person of a batch) makes the count grow with the
record; these tests pin it to a small constant, measured on a generated database where some records
have many positions and meetings and others none.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from organizer.services import institutions, meetings, people, visits
from organizer.store import models as m
from organizer.store.database import Database, open_database, sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import generate  # bench/ is not a package: found through sys.path above


@pytest.fixture(scope="module")
def gen_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(sqlite_url(tmp_path_factory.mktemp("counts") / "gen.sqlite"))
    generate.generate(db, 400, seed=2, progress=lambda _m: None)
    yield db
    db.close()


def statements(db: Database, call: Callable[[], Any]) -> int:
    """Statements ``call`` runs (BEGIN, COMMIT and ROLLBACK not counted), counted by SQLite itself (the
    sqlite3 trace callback on every connection the call checks out): those run through SQLAlchemy and
    those run on the DB-API cursor directly (the people listing does) alike."""
    seen: list[str] = []

    def trace(statement: str) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            seen.append(statement)

    def checkout(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.set_trace_callback(trace)

    def checkin(dbapi_connection: Any, *_args: Any) -> None:
        if dbapi_connection is not None:
            dbapi_connection.set_trace_callback(None)

    event.listen(db.engine, "checkout", checkout)
    event.listen(db.engine, "checkin", checkin)
    try:
        call()
    finally:
        event.remove(db.engine, "checkout", checkout)
        event.remove(db.engine, "checkin", checkin)
    return len(seen)


def test_statements_are_counted_whichever_way_they_run(gen_db: Database) -> None:
    """The counter sees statements run through SQLAlchemy and on the raw DB-API cursor, not BEGIN."""
    def both() -> None:
        with gen_db.read_connection() as conn:
            conn.execute(select(func.count()).select_from(m.Person)).scalar()
            conn.connection.driver_connection.cursor().execute("SELECT 1").fetchall()  # type: ignore[union-attr]

    assert statements(gen_db, both) == 2


def extremes(db: Database, column: Any, key: Any) -> list[int]:
    """Ids with the most and the fewest rows in a child table (and one with none, if any)."""
    with db.reader() as session:
        counts = session.execute(select(column, func.count()).group_by(column).order_by(func.count())).all()
        everyone = session.scalars(select(key)).all()
    having = {c[0] for c in counts}
    none = [i for i in everyone if i not in having][:1]
    return [counts[-1][0], counts[0][0], *none]


def test_person_view_is_a_handful_of_statements_whatever_the_person(gen_db: Database) -> None:
    ids = {*extremes(gen_db, m.Position.person_id, m.Person.id),
           *extremes(gen_db, m.MeetingParticipant.person_id, m.Person.id)}
    assert len(ids) >= 3
    for ident in ids:
        assert statements(gen_db, lambda i=ident: people.person_record(gen_db, i)) == 5, ident
        assert statements(gen_db, lambda i=ident: people.get_person(gen_db, i)) == 3, ident
        assert statements(gen_db, lambda i=ident: people.person_history(gen_db, i)) == 4, ident


def test_list_people_costs_three_statements_a_batch(gen_db: Database) -> None:
    # 400 people in batches of 150: pages of 150, 150 and 100, each with two statements for its children.
    n = statements(gen_db, lambda: sum(1 for _ in people.iter_people_details(gen_db, batch=150)))
    assert n == 3 * 3
    # A batch that divides the count exactly needs one more (empty) page query to know it is done.
    assert statements(gen_db, lambda: sum(1 for _ in people.iter_people_details(gen_db, batch=100))) == 4 * 3 + 1


def test_meeting_visit_and_institution_views_do_not_grow_with_the_record(gen_db: Database) -> None:
    def counts(view: Callable[[Database, int], Any], ids: list[int]) -> set[int]:
        return {statements(gen_db, lambda i=i: view(gen_db, i)) for i in ids}

    meeting_ids = extremes(gen_db, m.MeetingParticipant.meeting_id, m.Meeting.id)
    # The meeting with venue and visit, its participants with their people, their positions, its topics
    # and its follow-ups (owners, visit and meeting joined): five statements, never one per participant.
    assert counts(meetings.get_meeting, meeting_ids) == {5}
    # The visit, its institutions, participants (2), topics, gifts, meetings (and their participants when
    # it has meetings), follow-ups, agreements (2) and programme items (a table added with the programme
    # feature, one statement however many items): 11-12 for the biggest and the smallest visit alike.
    assert max(counts(visits.get_visit, extremes(gen_db, m.VisitParticipant.visit_id, m.Visit.id))) <= 12
    # The institution, its parents (one recursive statement, when it has a parent), units, name variants,
    # topics and the people who hold positions there.
    assert max(counts(institutions.get_institution,
                      extremes(gen_db, m.Position.institution_id, m.Institution.id))) <= 6


def test_listing_rows_hold_the_same_values_as_details(gen_db: Database) -> None:
    """``list people --json`` streams ``PersonListing`` tuples: the JSON must equal that of the details."""
    from organizer.cli import jsonout

    listing = list(people.iter_people_listing(gen_db, batch=150))
    details = list(people.iter_people_details(gen_db, batch=150))
    assert len(listing) == len(details) == 400
    assert [jsonout.person_listing(p) for p in listing] == [jsonout.person(d) for d in details]
    assert any(len(p.positions) > 1 for p in listing) and any(p.topics for p in listing)
    # Seven statements a page (the page, then names, e-mails, phones, tags, topics, positions), 3 pages.
    assert statements(gen_db, lambda: sum(1 for _ in people.iter_people_listing(gen_db, batch=150))) == 3 * 7
