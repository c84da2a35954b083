"""``store.bulk.insert_rows``: the rows read back as the ORM would have written them (types, defaults)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import JSON, Date, DateTime, select

from organizer.store import schema
from organizer.store.bulk import _remembered, insert_rows
from organizer.store.database import Database


def test_insert_rows_converts_values_and_fills_defaults(db: Database) -> None:
    with db.unit_of_work() as session:
        conn = session.connection()
        insert_rows(conn, schema.institution, ("name", "kind"), [("Kazan Federal University", "university")])
        inst = conn.scalar(select(schema.institution.c.id))
        n = insert_rows(conn, schema.person, ("given_name", "family_name", "sort_name", "languages"),
                        [("Айгуль", "Сафина", "сафина айгуль", ["tt", "ru"]), ("Ann", "Lee", "lee ann", [])])
        assert n == 2
        people = dict(conn.execute(select(schema.person.c.given_name, schema.person.c.id)).all())
        insert_rows(conn, schema.position,
                    ("person_id", "institution_id", "title", "start_date", "end_date", "is_current"),
                    [(people["Айгуль"], inst, "Dean", date(2019, 9, 1), None, True),
                     (people["Айгуль"], inst, "Lecturer", date(2010, 2, 1), date(2019, 8, 31), False)])
        assert insert_rows(conn, schema.person_tag, ("person_id", "tag"), []) == 0
    with db.read_connection() as conn:
        rows = conn.execute(select(schema.person).order_by(schema.person.c.id)).mappings().all()
        assert [r["languages"] for r in rows] == [["tt", "ru"], []]
        assert all(r["version"] == 1 and isinstance(r["created_at"], datetime) and r["uid"] for r in rows)
        assert rows[0]["uid"] != rows[1]["uid"]  # a function default is called for each row
        assert rows[0]["biography"] == "" and rows[0]["photo"] is None
        held = conn.execute(select(schema.position.c.title, schema.position.c.start_date, schema.position.c.end_date,
                                   schema.position.c.is_current).order_by(schema.position.c.id)).all()
        assert [tuple(h) for h in held] == [("Dean", date(2019, 9, 1), None, True),
                                            ("Lecturer", date(2010, 2, 1), date(2019, 8, 31), False)]


def test_insert_rows_refuses_a_row_of_the_wrong_width(db: Database) -> None:
    with pytest.raises(ValueError, match="2 values for 3 columns"), db.unit_of_work() as session:
        insert_rows(session.connection(), schema.person, ("given_name", "family_name", "sort_name"), [("A", "B")])


def test_repeated_values_convert_as_sqlalchemy_converts_each(db: Database) -> None:
    """The bind processors' cache (``_remembered``) gives what SQLAlchemy gives for every value: repeated
    dates and empty JSON, and values that are equal but written differently (``True``/``1`` in JSON,
    ``0.0``/``-0.0``, a date and a datetime), each as its own."""
    values = [{}, [], {}, [], {"a": 1}, ["ru"], True, 1, 1.0, 0.0, -0.0, "x", None, True, 1]
    with db.unit_of_work() as session:
        dialect = session.connection().dialect
    for kind, sample in ((JSON(), values), (Date(), [date(2020, 1, 2), date(2020, 1, 2), None]),
                         (DateTime(), [datetime(2020, 1, 2, 3, 4), datetime(2020, 1, 2, 3, 4),
                                       datetime(2020, 1, 2, 12, tzinfo=UTC),
                                       datetime(2020, 1, 2, 13, tzinfo=timezone(timedelta(hours=1))), None])):
        proc = kind.dialect_impl(dialect).bind_processor(dialect)
        if proc is None:  # the driver takes the values as they are (dates on PostgreSQL): nothing cached
            continue
        cached = _remembered(proc)
        # repr: PostgreSQL's JSON processor wraps each value (psycopg's Json), which has no equality
        assert [repr(cached(v)) for v in sample * 2] == [repr(proc(v)) for v in sample * 2]
