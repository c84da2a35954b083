"""Random and mutated archives (issue 19): the import never crashes and never writes half a file; a refusal
is one line. The seed archive is a real export (the demo, a photo, attachments), so mutations land in every
section and field type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.services import attachments, people
from organizer.services.archive import importer
from organizer.services.archive.export import export_archive, export_archive_file
from organizer.services.demo import load_demo
from organizer.store import Database, open_database, sqlite_url
from organizer.store import models as m

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def _seed(tmp: Path) -> bytes:
    db = open_database(sqlite_url(tmp / "seed.sqlite"))
    try:
        load_demo(db)
        with db.reader() as s:
            person = s.scalar(select(m.Person.id).order_by(m.Person.id))
        assert person is not None
        people.set_person_photo(db, person, PNG)
        attachments.add_attachment(db, RecordKind.PERSON, person, "note.txt", "Заметка".encode())
        export_archive_file(db, tmp / "seed.json")
    finally:
        db.close()
    return (tmp / "seed.json").read_bytes()


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _seed(tmp_path_factory.mktemp("seed"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8)


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*at, i))
    return out


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, value)}
    return [*data[:head], _replaced(data[head], rest, value), *data[head + 1:]]


def _check(db: Database, tmp: Path, raw: bytes) -> None:
    before = export_archive(db)
    path = tmp / "fuzz.json"
    path.write_bytes(raw)
    try:
        importer.import_archive(db, importer.open_archive_file(path))
    except OrganizerError as err:
        assert "\n" not in str(err).strip()
        assert export_archive(db) == before  # nothing of the file was kept


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.integers(0, 10**9), replacement=JSON_VALUES)
def test_a_value_replaced_anywhere(db: Database, tmp_path: Path, seed: bytes, where: int, replacement: Any) -> None:
    data = json.loads(seed)
    paths = _paths(data)
    mutated = _replaced(data, paths[where % len(paths)], replacement)
    _check(db, tmp_path, json.dumps(mutated, ensure_ascii=False).encode("utf-8"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.tuples(st.integers(0, 10**9), st.integers(0, 10**9), st.binary(max_size=16)))
def test_bytes_cut_and_spliced(db: Database, tmp_path: Path, seed: bytes, cut: tuple[int, int, bytes]) -> None:
    a, b = sorted((cut[0] % (len(seed) + 1), cut[1] % (len(seed) + 1)))
    _check(db, tmp_path, seed[:a] + cut[2] + seed[b:])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_random_bytes(db: Database, tmp_path: Path, raw: bytes) -> None:
    _check(db, tmp_path, raw)


def test_the_seed_imports(db: Database, tmp_path: Path, seed: bytes) -> None:
    """The mutations start from a file that imports whole (else they would only test the refusal)."""
    path = tmp_path / "seed.json"
    path.write_bytes(seed)
    report = importer.import_archive(db, importer.open_archive_file(path))
    assert report.added["attachments"] == 1 and report.added["people"] == 6
