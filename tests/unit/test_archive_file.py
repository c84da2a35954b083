"""Archives streamed from their file (``open_archive_file``): the same results and errors as a loaded dict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from organizer.assets import demo_archive
from organizer.domain.errors import ImportFormatError, ValidationError
from organizer.services.archive import bulk as archive_bulk
from organizer.services.archive import importer as interchange
from organizer.services.archive.export import export_archive
from organizer.store import Database, open_database, sqlite_url
from organizer.store import models as m


def _content(db: Database) -> dict[str, Any]:
    """The database's archive without the records' time stamps (each import of an undated file stamps its
    records with its own time)."""
    data = export_archive(db)
    for section, records in data.items():
        if isinstance(records, list):
            data[section] = [{k: v for k, v in r.items() if k not in ("created_at", "updated_at")} for r in records]
    return data

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
        assert _content(db) == _content(expected_db)


def test_a_section_that_is_not_a_list_is_refused(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path / "odd.json", {"format": "organizer-archive", "version": 1, "people": {"uid": "x"}})
    with pytest.raises(ImportFormatError, match='"people" must be a list'):
        interchange.import_archive(db, interchange.open_archive_file(path))


def test_errors_in_a_later_chunk_name_the_record_and_write_nothing(db: Database, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_bulk, "CHUNK", 4)  # several chunks of people are written before the bad one
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
    from organizer.services.archive.export import export_archive_file

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
    from organizer.services.archive.export import export_archive_file

    path = tmp_path / "empty.json"
    assert set(export_archive_file(db, path).values()) == {0}
    assert json.loads(path.read_text(encoding="utf-8")) == export_archive(db)


@pytest.mark.parametrize("chunk", [7, 1 << 20])
def test_deep_nesting_is_refused_before_parsing_and_brackets_in_text_are_not_nesting(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    from organizer.services.archive import file as archive_file

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


def _tricky_archive() -> tuple[bytes, dict[str, Any]]:
    """The demo archive written the way no exporter would: sections shuffled, odd whitespace, an escaped
    key, strings full of brackets, quotes and backslashes, an unknown key holding nested values, a
    null section; with what ``json.load`` makes of it."""
    data = _demo()
    data["people"][0]["given_name"] = 'A\\"[[{{ \\\\" ]]}} \u005b'
    data["people"][1]["notes"] = '""""[]{}"' + "\\" * 7 + '"'
    data["topics"].append({"name": "[{\"x\": [1, 2]}]", "description": "}" * 40})
    parts = [f'\r\n\t"{key}"\n :\t' + json.dumps(data[key], indent="\t", ensure_ascii=key == "people")
             for key in ["agreements", "people", "format", "visits", "topics", "version", "institutions",
                         "meetings", "followups"] if key in data]
    parts[1] = parts[1].replace('"people"', '"peo\\u0070le"', 1)
    parts.insert(3, '"later": {"a": [[], {}, "]]]", [{"b": null}]], "people": [1]}')
    parts.insert(5, '"agreements_note": null, "exported_by": "a hand \\"merge\\" [of] {two}"')
    text = "\ufeff \n{" + ",".join(parts) + "\n}\n\t "
    return text.encode("utf-8"), json.loads(text.lstrip("\ufeff"))


@pytest.mark.parametrize(("chunk", "leaf"), [(1, 1), (2, 2), (3, 5), (7, 7), (64, 16), (4096, 64), (1 << 20, 1 << 14)])
def test_any_layout_reads_like_json_load_whatever_the_chunk_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 chunk: int, leaf: int) -> None:
    from organizer.services.archive import file as archive_file

    # small chunks and pieces cut every string, escape and section boundary somewhere
    monkeypatch.setattr(archive_file, "_CHUNK", chunk)
    monkeypatch.setattr(archive_file, "_LEAF", leaf)
    raw, expected = _tricky_archive()
    path = tmp_path / "tricky.json"
    path.write_bytes(raw)
    archive = archive_file.ArchiveFile(path)
    for section in interchange.SECTIONS:
        assert list(archive.records(section)) == expected.get(section, []), section
        assert list(archive.records(section)) == expected.get(section, []), section  # read again: the same
    assert archive.count() == sum(len(expected.get(s, [])) for s in interchange.SECTIONS) > 20


def test_sections_out_of_order_import_like_the_dict(tmp_path: Path) -> None:
    raw, data = _tricky_archive()
    path = tmp_path / "tricky.json"
    path.write_bytes(raw)
    expected_db = open_database(sqlite_url(tmp_path / "dict.sqlite"))
    expected = interchange.import_archive(expected_db, data)
    db = open_database(sqlite_url(tmp_path / "file.sqlite"))
    seen: list[tuple[int, int]] = []
    report = interchange.import_archive(db, interchange.open_archive_file(path), lambda d, t: seen.append((d, t)))
    assert report.added == expected.added and report.total_added > 20
    assert seen[-1] == (report.total_added, report.total_added)
    assert _content(db) == _content(expected_db)


@pytest.mark.parametrize("key", ["people", "format", "version", "topics", "p\\u0065ople"])
def test_a_key_twice_at_the_top_level_is_refused(db: Database, tmp_path: Path, key: str) -> None:
    text = json.dumps(_demo(), ensure_ascii=False)[:-1] + f', "{key}": [{{"uid": "x", "given_name": "X"}}]}}'
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    assert json.loads(text)  # json.load would take it (and keep the last value)
    shown = key.replace("\\u0065", "e")
    with pytest.raises(ImportFormatError, match=f'"{shown}" appears twice at the top level'):
        interchange.import_archive(db, interchange.open_archive_file(path))
    assert set(_counts(db).values()) == {0}


def test_broken_json_after_the_people_imports_nothing(db: Database, tmp_path: Path) -> None:
    data = _demo()
    text = json.dumps({k: data[k] for k in ["format", "version", "topics", "institutions", "people"]})[:-1]
    broken = text + ', "visits": [{"uid": "v1", "title": "T",, "x": 1}], "meetings": []}'
    path = tmp_path / "broken.json"
    path.write_text(broken, encoding="utf-8")
    archive = interchange.open_archive_file(path)  # the brackets are fine: found when the visits are read
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        interchange.import_archive(db, archive)
    assert set(_counts(db).values()) == {0}
    assert list(archive.records("people")) == data["people"]


@pytest.mark.parametrize("tail", [
    '}',                                           # the top-level object closed early: "]" missing
    ']} {"more": 1}',                              # a second value after the archive
    ']} x',                                        # text after the archive
    ']]}',                                         # one bracket too many
    '}]}',                                         # brackets that do not match
    '], "visits" []}',                             # no colon between two sections
    '] "visits": []}',                             # no comma between two sections
    '], "visits": [], }',                          # a comma before the closing brace
    '], "note": "not closed}',                     # a string cut off by the end of the file
])
def test_broken_top_level_is_not_valid_json_when_opened(tmp_path: Path, tail: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "organizer-archive", "version": 1, "people": [{"uid": "a", "tags": ["x"]}' + tail,
                    encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        json.loads(path.read_text(encoding="utf-8"))
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        interchange.open_archive_file(path)


def test_sections_that_are_no_list_and_other_top_levels(tmp_path: Path) -> None:
    head = '{"format": "organizer-archive", "version": 1'
    cases = {
        head + ', "people": 5}': '"people" must be a list',
        head + ', "visits": "none"}': '"visits" must be a list',
        head + ', "topics": {"name": "x"}}': '"topics" must be a list',
        '{"format": ["organizer-archive"], "version": 1}': "not an Organizer archive",
        '{"format": "organizer-archive", "version": {"major": 1}}': "no valid archive version",
        '{"format": "organizer-archive", "version": true}': "no valid archive version",
        '"organizer-archive"': "not an Organizer archive",
        '[{"format": "organizer-archive", "version": 1}]': "not an Organizer archive",
        '[{"format": "organizer-archive", "version": 1}': "not valid JSON",
        head + ', "extra": {"a": [1, 2,, 3]}}': "not valid JSON",  # keys we ignore must still be JSON
        '': "not valid JSON",
    }
    for text, message in cases.items():
        path = tmp_path / "case.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFormatError, match=message):
            interchange.open_archive_file(path)
    path.write_text(head + ', "people": null, "visits": []}', encoding="utf-8")
    archive = interchange.open_archive_file(path)
    assert list(archive.records("people")) == list(archive.records("visits")) == [] and archive.count() == 0


def test_the_top_level_outside_the_sections_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from organizer.services.archive import file as archive_file

    monkeypatch.setattr(archive_file, "MAX_HEADER_BYTES", 1000)
    assert archive_file.MAX_TOP_LEVEL_VALUES == 100
    monkeypatch.setattr(archive_file, "MAX_TOP_LEVEL_VALUES", 10)
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": FORMAT_NAME, "version": 1, "note": "x" * 900,
                                "people": [{"uid": "p" * 2000}]}), encoding="utf-8")
    assert list(interchange.open_archive_file(path).records("people")) == [{"uid": "p" * 2000}]
    path.write_text(json.dumps({"format": FORMAT_NAME, "version": 1, "note": "x" * 1000}), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"not an Organizer archive \(more than 1,000 bytes"):
        interchange.open_archive_file(path)
    path.write_text(json.dumps({"format": FORMAT_NAME, "version": 1, **{f"k{i}": [] for i in range(11)}}),
                    encoding="utf-8")
    with pytest.raises(ImportFormatError, match="more than 10 lists and objects"):
        interchange.open_archive_file(path)


FORMAT_NAME = interchange.FORMAT


def test_a_number_beyond_64_bits_and_a_lone_surrogate_reach_the_record_checks(tmp_path: Path) -> None:
    big = 10 ** 30
    path = tmp_path / "odd.json"
    path.write_text('{"visits": [{"uid": "v1"}, {"uid": "v2", "n": ' + str(big) + '}, {"uid": "v3"}], '
                    '"format": "organizer-archive", "version": 1, "people": [{"uid": "s", "given_name": "A\\ud800"}]}',
                    encoding="utf-8")
    archive = interchange.open_archive_file(path)
    assert [v["uid"] for v in archive.records("visits")] == ["v1", "v2", "v3"]
    assert [v.get("n") for v in archive.records("visits")] == [None, big, None]
    assert list(archive.records("people")) == [{"uid": "s", "given_name": "A\ud800"}]


def test_a_file_changed_after_opening_is_not_read_at_stale_offsets(tmp_path: Path) -> None:
    import os

    path = _write(tmp_path / "a.json", {"format": "organizer-archive", "version": 1, "people": [{"uid": "a"}]})
    archive = interchange.open_archive_file(path)
    assert list(archive.records("people")) == [{"uid": "a"}]
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace('"a"', '"b"'), encoding="utf-8")  # the same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    with pytest.raises(ImportFormatError, match="was changed while it was being read"):
        list(archive.records("people"))


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_files_that_are_no_object_are_checked_without_reading_them_exactly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    from organizer.services.archive import file as archive_file

    monkeypatch.setattr(archive_file, "_CHUNK", chunk)
    monkeypatch.setattr(archive_file, "_LEAF", min(chunk, 16))
    cases = {
        '["x", "[", {"a": "]\\\\"}, "\\"]"]': "not an Organizer archive",
        '  "organizer-archive"  ': "not an Organizer archive",
        '["x"] ]': "not valid JSON",
        '["x"] ["y"]': "not valid JSON",
        '"a" "b"': "not valid JSON",
        '["\\"", 1': "not valid JSON",
        '[1, ' + "[" * 100 + "]" * 100 + "]": "nested too deeply",
    }
    for text, message in cases.items():
        path = tmp_path / "case.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFormatError, match=message):
            interchange.open_archive_file(path)
