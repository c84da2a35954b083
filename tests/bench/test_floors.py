"""The benchmark's floors (``bench/floors.py``) write what the app writes: ``list people --json``,
``show person --json`` and ``list visits --json`` byte for byte, on the demo data with a generic field
(``gender``) set. ``bench_all.py`` checks the same before timing; this catches a field the floor misses
without a benchmark run."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
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
