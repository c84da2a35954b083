"""The benchmark's floors (``bench/floors.py``) write what the app writes: ``list people --json`` byte for
byte and ``show person --json`` value for value, on the demo data with a generic field (``gender``) set.
``bench_all.py`` checks the same before timing; this catches a field the floor misses without a benchmark
run."""

from __future__ import annotations

import json
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
        assert json.loads(floors.show_person(con, first)) == json.loads(shown.getvalue())
    finally:
        con.close()
    assert '"gender": "female"' in app.getvalue()
