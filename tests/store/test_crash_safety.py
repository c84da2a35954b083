"""A process killed in the middle of an import leaves the database as it was before the import."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from organizer.services import people
from organizer.services.archive import importer as interchange
from organizer.services.demo import load_demo
from organizer.store import open_database, sqlite_url

N_PEOPLE = 2000


def _big_archive(path: Path) -> None:
    archive = {
        "format": "organizer-archive", "version": 1,
        "institutions": [{"uid": "crash:inst", "name": "Tashkent Chemical-Technological Institute",
                          "kind": "institute"}],
        "people": [
            {"uid": f"crash:p{i}", "given_name": f"Gʻulom{i}", "family_name": "Oʻrinboyev",
             "name_variants": [{"name": f"Ғулом{i} Ўринбоев", "script": "Cyrl", "language": "uz"}],
             "positions": [{"title": "Researcher", "institution": "crash:inst"}]}
            for i in range(N_PEOPLE)
        ],
    }
    path.write_text(json.dumps(archive, ensure_ascii=False), encoding="utf-8")


SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from organizer.services.archive import importer as interchange
    from organizer.store import open_database, sqlite_url

    db = open_database(sqlite_url(sys.argv[1]))
    data = interchange.load_archive_file(Path(sys.argv[2]))

    def progress(done, total):
        if done % 100 == 0:
            print(done, total, flush=True)

    interchange.import_archive(db, data, progress)
    print("committed", flush=True)
""")


def test_kill_during_import_loses_nothing_and_adds_nothing(tmp_path: Path) -> None:
    db_file = tmp_path / "org.sqlite"
    db = open_database(sqlite_url(db_file))
    load_demo(db)
    before = people.count_people(db)
    db.close()
    archive = tmp_path / "big.json"
    _big_archive(archive)

    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(db_file), str(archive)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    killed_at = None
    for line in proc.stdout:
        done = line.split()[0]
        assert done != "committed", "the import finished before it could be interrupted"
        if int(done) >= N_PEOPLE // 2:
            os.kill(proc.pid, signal.SIGKILL)
            killed_at = int(done)
            break
    proc.wait(timeout=60)
    assert killed_at is not None and proc.returncode == -signal.SIGKILL

    raw = sqlite3.connect(db_file)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()
    db = open_database(sqlite_url(db_file))
    try:
        assert people.count_people(db) == before
        report = interchange.import_archive(db, interchange.load_archive_file(archive))
        assert report.added["people"] == N_PEOPLE
        assert people.count_people(db) == before + N_PEOPLE
    finally:
        db.close()
