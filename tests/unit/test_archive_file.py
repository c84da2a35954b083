"""Archives streamed from their file (``open_archive_file``): the same results and errors as a loaded dict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from organizer.assets import demo_archive
from organizer.domain.errors import ImportFormatError, ValidationError
from organizer.services import interchange
from organizer.services.archive_export import export_archive
from organizer.store import Database, open_database, sqlite_url
from organizer.store import models as m

COUNTED = [m.Topic, m.Institution, m.InstitutionName, m.Person, m.PersonName, m.PersonEmail, m.PersonTag,
           m.Position, m.Visit, m.VisitParticipant, m.VisitInstitution, m.Meeting, m.MeetingParticipant,
           m.FollowUp, m.person_topic]


def _counts(db: Database) -> dict[str, int]:
    with db.reader() as s:
        return {str(model): s.scalar(select(func.count()).select_from(model)) or 0 for model in COUNTED}


def _demo() -> dict[str, Any]:
    return json.loads(demo_archive().read_text(encoding="utf-8"))


def _write(path: Path, data: Any, **dump: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, **dump), encoding="utf-8")
    return path


def test_file_level_errors_match_the_loaded_archive(tmp_path: Path) -> None:
    cases = {
        "not valid JSON": '{"format": "organizer-archive", "version": 1, "people": [{"uid": "x"',
        "not an Organizer archive": "[1, 2, 3]",
        "version 7": '{"format": "organizer-archive", "version": 7}',
        "no valid archive version": '{"format": "organizer-archive", "version": "one"}',
    }
    for message, text in cases.items():
        path = tmp_path / "case.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFormatError, match=message):
            interchange.load_archive_file(path)
        with pytest.raises(ImportFormatError, match=message):
            interchange.import_archive(open_database(sqlite_url(tmp_path / "t.sqlite")),
                                       interchange.open_archive_file(path))
    binary = tmp_path / "photo.json"
    binary.write_bytes(b'{"format": "organizer-archive", "version": 1, "people": ["\xff\xd8\xff\xe0"]}')
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        interchange.import_archive(open_database(sqlite_url(tmp_path / "u.sqlite")),
                                   interchange.open_archive_file(binary))
    with pytest.raises(ImportFormatError, match="cannot read"):
        interchange.open_archive_file(tmp_path / "missing.json")


def test_a_broken_end_of_file_writes_nothing(db: Database, tmp_path: Path) -> None:
    text = json.dumps(_demo(), ensure_ascii=False)
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) - 40], encoding="utf-8")  # the last records and the closing brackets lost
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        interchange.import_archive(db, interchange.open_archive_file(path))
    assert set(_counts(db).values()) == {0}


def test_any_layout_imports_like_the_dict(tmp_path: Path) -> None:
    data = _demo()
    expected_db = open_database(sqlite_url(tmp_path / "dict.sqlite"))
    expected = interchange.import_archive(expected_db, data)
    reordered = {key: data[key] for key in reversed(list(data))}  # sections in reverse, header last
    for i, (name, dump) in enumerate([("compact.json", {}), ("indented.json", {"indent": 3}),
                                      ("reordered.json", {})]):
        path = _write(tmp_path / name, reordered if name == "reordered.json" else data, **dump)
        if i == 1:  # a byte-order mark, as Windows editors write
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
        db = open_database(sqlite_url(tmp_path / f"{name}.sqlite"))
        report = interchange.import_archive(db, interchange.open_archive_file(path))
        assert (report.added, report.unchanged) == (expected.added, expected.unchanged)
        assert _counts(db) == _counts(expected_db)
        assert export_archive(db) == export_archive(expected_db)


def test_a_section_that_is_not_a_list_is_refused(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path / "odd.json", {"format": "organizer-archive", "version": 1, "people": {"uid": "x"}})
    with pytest.raises(ImportFormatError, match='"people" must be a list'):
        interchange.import_archive(db, interchange.open_archive_file(path))


def test_errors_in_a_later_chunk_name_the_record_and_write_nothing(db: Database, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(interchange, "CHUNK", 4)  # several chunks of people are written before the bad one
    data = _demo()
    data["people"] += [dict(data["people"][i % 6], uid=f"more:{i}") for i in range(8)]
    data["people"][11]["emails"] = ["not an address"]
    with pytest.raises(ValidationError, match=r"people\[11\] \(more:5\): emails\[0\]"):
        interchange.import_archive(db, interchange.open_archive_file(_write(tmp_path / "bad.json", data)))
    assert set(_counts(db).values()) == {0}
    data["people"][11]["emails"] = []
    data["people"][13]["uid"] = "more:0"
    with pytest.raises(ValidationError, match=r"people\[13\] \(more:0\): uid: appears twice"):
        interchange.import_archive(db, interchange.open_archive_file(_write(tmp_path / "twice.json", data)))
    assert set(_counts(db).values()) == {0}
    data["people"][13]["uid"] = "more:7"
    report = interchange.import_archive(db, interchange.open_archive_file(_write(tmp_path / "good.json", data)))
    assert report.added["people"] == 14
    again = interchange.import_archive(db, interchange.open_archive_file(tmp_path / "good.json"))
    assert again.total_added == 0 and again.unchanged["people"] == 14


def test_progress_counts_every_record(db: Database, tmp_path: Path) -> None:
    data = _demo()
    seen: list[tuple[int, int]] = []
    interchange.import_archive(db, interchange.open_archive_file(_write(tmp_path / "p.json", data)),
                               lambda done, total: seen.append((done, total)))
    total = sum(len(data.get(s, [])) for s in interchange.SECTIONS)
    assert seen[-1] == (total, total) and [d for d, _ in seen] == list(range(1, total + 1))


def test_streamed_export_holds_the_same_values_and_reads_back(demo_db: Database, tmp_path: Path) -> None:
    from organizer.services.archive_export import export_archive_file

    path = tmp_path / "out.json"
    counts = export_archive_file(demo_db, path)
    expected = export_archive(demo_db)
    assert json.loads(path.read_text(encoding="utf-8")) == expected  # any JSON reader: the same values
    assert counts == {s: len(expected[s]) for s in interchange.SECTIONS}
    fresh = open_database(sqlite_url(tmp_path / "fresh.sqlite"))
    report = interchange.import_archive(fresh, interchange.open_archive_file(path))
    assert report.added == counts
    assert export_archive(fresh) == expected


def test_streamed_export_of_an_empty_database(db: Database, tmp_path: Path) -> None:
    from organizer.services.archive_export import export_archive_file

    path = tmp_path / "empty.json"
    assert set(export_archive_file(db, path).values()) == {0}
    assert json.loads(path.read_text(encoding="utf-8")) == export_archive(db)


@pytest.mark.parametrize("chunk", [7, 1 << 20])
def test_deep_nesting_is_refused_before_parsing_and_brackets_in_text_are_not_nesting(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    from organizer.services import archive_file

    monkeypatch.setattr(archive_file, "_CHUNK", chunk)  # small chunks: escapes and strings cut at boundaries
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "organizer-archive", "version": 1, "people": [{"uid": "a", "tags": '
                    + "[" * 100_000 + "]" * 100_000 + "}]}", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="nested too deeply"):
        interchange.open_archive_file(deep)
    tricky = "A\\\"[[[[{{{{" + "[" * 200 + "\\\\"
    path = _write(tmp_path / "text.json", {"format": "organizer-archive", "version": 1, "people": [
        {"uid": "q", "given_name": tricky, "family_name": "B\\u005b]]]]"}]})
    report = interchange.import_archive(db, interchange.open_archive_file(path))
    assert report.added["people"] == 1
    assert people_names(db) == [f"{tricky} B\\u005b]]]]"]


def people_names(db: Database) -> list[str]:
    from organizer.services import people

    return [d.full_name for d in people.iter_people_details(db)]
