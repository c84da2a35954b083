"""The benchmark's floors (``bench/floors.py``) write what the app writes: ``list people --json``,
``show person --json`` and ``list visits --json`` byte for byte, on the demo data with a generic field
(``gender``) set. ``bench_all.py`` checks the same before timing; this catches a field the floor misses
without a benchmark run."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
from datetime import date
from io import StringIO
from pathlib import Path

from organizer.cli.main import main
from organizer.domain.enums import Gender
from organizer.services import browse, people
from organizer.store.database import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import floors  # (bench/ is not a package: found through sys.path above)


def test_the_floors_write_what_the_app_writes(demo_db: Database, db_path: Path) -> None:
    first = browse.record_ids(demo_db, "person")[0]
    people.update_person(demo_db, first, replace(people.get_person(demo_db, first).data, gender=Gender.FEMALE))
    app = StringIO()
    assert main(["--db", str(db_path), "list", "people", "--json"], out=app) == 0
    floor = StringIO()
    con = sqlite3.connect(db_path)
    try:
        floors.list_people(con, floor)
        assert floor.getvalue() == app.getvalue()
        shown = StringIO()
        assert main(["--db", str(db_path), "show", "person", str(first), "--json"], out=shown) == 0
        assert floors.show_person(con, first) == shown.getvalue()  # byte for byte
        listed = StringIO()
        assert main(["--db", str(db_path), "list", "visits", "--json"], out=listed) == 0
        floor_visits = StringIO()
        floors.list_visits(con, floor_visits)
        assert floor_visits.getvalue() == listed.getvalue()
    finally:
        con.close()
    assert '"gender": "female"' in app.getvalue()


def test_the_floors_name_every_generic_field_and_import_nothing_of_the_app() -> None:
    from organizer.domain.fields import PERSON

    assert tuple((str(f.json), f.attr) for f in PERSON.generic if f.json is not None) == floors._GENERIC
    source = (Path(__file__).resolve().parents[2] / "bench" / "floors.py").read_text()
    assert "import organizer" not in source and "from organizer" not in source


def test_the_other_lists_and_records_floors_write_what_the_app_writes(demo_db: Database, db_path: Path) -> None:
    """``floors.py list-institutions`` ... ``show-programme-item``: the bytes of ``organizer list KIND --json`` and
    ``organizer show KIND ID --json`` on the demo with an agreement (parties, language variants) added."""
    from organizer.domain.enums import AgreementStatus
    from organizer.domain.records import AgreementData, TextVariant
    from organizer.services import agreements, institutions, meetings, programme

    places = [i.id for i in institutions.list_institutions(demo_db)]
    agreements.create_agreement(demo_db, AgreementData(
        "Memorandum", status=AgreementStatus.SIGNED, party_ids=tuple(places[:2]), signed_date=date(2025, 3, 11),
        visit_id=1, variants=(TextVariant("title", "ru", "Меморандум"),)))
    con = sqlite3.connect(db_path)
    try:
        for command, floor in floors.LISTS.items():
            app = StringIO()
            assert main(["--db", str(db_path), "list", command.removeprefix("list-"), "--json"], out=app) == 0
            written = StringIO()
            assert floor(con, written) > 0, command
            assert written.getvalue() == app.getvalue(), command
        shows = {"show-institution": ("institution", places), "show-visit": ("visit", [1]),
                 "show-meeting": ("meeting", [m.id for m in meetings.list_meetings(demo_db)]),
                 "show-programme-item": ("programme_item", [p.id for p in programme.list_programme(demo_db)])}
        assert set(shows) == set(floors.SHOWS)
        for command, (kind, ids) in shows.items():
            assert ids, command
            for ident in ids:
                app = StringIO()
                assert main(["--db", str(db_path), "show", kind, str(ident), "--json"], out=app) == 0
                assert floors.SHOWS[command](con, ident) == app.getvalue(), (command, ident)
    finally:
        con.close()
