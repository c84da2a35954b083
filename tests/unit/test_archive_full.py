"""The full archive (issue 19 point 5): attachments and time stamps travel, the merge rule for a uid that is
stored already (unchanged / updated / skipped), and the archive's guards (names, sizes, hashes, cut files)."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from organizer.cli.main import main
from organizer.domain.enums import RecordKind
from organizer.domain.errors import ImportFormatError, ValidationError
from organizer.services import attachments, people
from organizer.services.archive import attachments as archive_attachments
from organizer.services.archive import importer
from organizer.services.archive.export import export_archive, export_archive_file
from organizer.services.demo import load_demo
from organizer.store import Database, open_database, sqlite_url
from organizer.store import models as m

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.4\n" + "Программа визита\n".encode() * 500 + bytes(range(256))


@pytest.fixture
def full_db(db: Database) -> Database:
    """The demo, a photo, and attachments on a person, a visit and an institution."""
    load_demo(db)
    with db.reader() as s:
        person = s.scalar(select(m.Person.id).where(m.Person.uid == "demo:person:korzhikov"))
        visit = s.scalar(select(m.Visit.id))
        institution = s.scalar(select(m.Institution.id).where(m.Institution.uid == "demo:institution:kfu"))
    assert person and visit and institution
    people.set_person_photo(db, person, PNG)
    attachments.add_attachment(db, RecordKind.PERSON, person, "CV.pdf", PDF)
    attachments.add_attachment(db, RecordKind.VISIT, visit, "Программа.pdf", PDF[:1000], "application/pdf")
    attachments.add_attachment(db, RecordKind.INSTITUTION, institution, "empty.txt", b"")
    return db


def _counts(db: Database) -> dict[str, int]:
    with db.reader() as s:
        return {model.__name__: s.scalar(select(func.count()).select_from(model)) or 0
                for model in (*m.RECORD_MODELS.values(), m.Attachment, m.PersonName, m.Position, m.PersonEmail)}


def _file_contents(db: Database) -> dict[str, bytes]:
    with db.reader() as s:
        return {a.uid: a.content for a in s.scalars(select(m.Attachment))}


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _archive(db: Database, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "full.json"
    export_archive_file(db, path)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_everything_travels_into_an_empty_database(full_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "full.json"
    written = export_archive_file(full_db, path)
    assert written["attachments"] == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == importer.VERSION == 2
    assert all("created_at" in r and "updated_at" in r for s in importer.SECTIONS[1:] for r in data[s])
    copy_db = open_database(sqlite_url(tmp_path / "copy.sqlite"))
    report = importer.import_archive(copy_db, importer.open_archive_file(path))
    assert report.added["attachments"] == 3 and report.added["people"] == 6
    # every record, photo, attachment (bytes) and time stamp is the same in the copy
    assert export_archive(copy_db) == export_archive(full_db)
    assert _file_contents(copy_db) == _file_contents(full_db)
    assert _counts(copy_db) == _counts(full_db)
    again = importer.import_archive(copy_db, importer.open_archive_file(path))
    assert again.total_added == 0 and not any(again.updated.values()) and not any(again.skipped.values())
    assert again.unchanged["attachments"] == 3 and again.unchanged["people"] == 6
    assert _counts(copy_db) == _counts(full_db)


def test_reimport_into_the_same_database_changes_nothing(full_db: Database, tmp_path: Path) -> None:
    data = _archive(full_db, tmp_path)
    before = export_archive(full_db)
    report = importer.import_archive(full_db, data)
    assert report.total_added == 0 and sum(report.updated.values()) == 0 and sum(report.skipped.values()) == 0
    assert export_archive(full_db) == before


def _person(data: dict[str, Any], uid: str) -> dict[str, Any]:
    record: dict[str, Any] = next(p for p in data["people"] if p["uid"] == uid)
    return record


def test_newer_record_in_the_file_wins(full_db: Database, tmp_path: Path) -> None:
    data = _archive(full_db, tmp_path)
    record = _person(data, "demo:person:korzhikov")
    record["family_name"] = "Korzhikov-Newer"
    record["emails"] = ["newer@example.org"]
    record["updated_at"] = "2099-01-01T00:00:00"
    attachment = next(a for a in data["attachments"] if a["name"] == "CV.pdf")
    attachment["name"], attachment["updated_at"] = "CV 2099.pdf", "2099-01-01T00:00:00"
    report = importer.import_archive(full_db, data)
    assert report.updated["people"] == 1 and report.updated["attachments"] == 1
    assert report.unchanged["people"] == 5 and report.total_added == 0
    with full_db.reader() as s:
        person = s.scalar(select(m.Person).where(m.Person.uid == "demo:person:korzhikov"))
        assert person is not None and person.family_name == "Korzhikov-Newer"
        assert [e.address for e in person.emails] == ["newer@example.org"]
        assert person.updated_at.year == 2099
        person_id = person.id
        assert s.scalar(select(m.Attachment.name).where(m.Attachment.uid == attachment["uid"])) == "CV 2099.pdf"
    # the update is on the record's history, and the search index finds the new name
    from organizer.services import search
    assert any(hit.id == person_id for hit in search.search(full_db, "Newer", kinds=["person"]).hits)


@pytest.mark.parametrize("stamp", ["2001-01-01T00:00:00", None, "same"])
def test_older_or_undated_record_is_skipped(full_db: Database, tmp_path: Path, stamp: str | None) -> None:
    data = _archive(full_db, tmp_path)
    record = _person(data, "demo:person:korzhikov")
    record["family_name"] = "Korzhikov-Older"
    if stamp is None:
        del record["updated_at"]
    elif stamp != "same":
        record["updated_at"] = stamp
    before = export_archive(full_db)
    report = importer.import_archive(full_db, data)
    if stamp == "same":  # the same updated_at is the same version: not compared, never written
        assert report.unchanged["people"] == 6 and report.skipped["people"] == 0
    else:
        assert report.skipped["people"] == 1 and report.unchanged["people"] == 5
    assert report.updated["people"] == 0
    assert export_archive(full_db) == before


def test_version_1_archive_still_imports(db: Database) -> None:
    data = {"format": "organizer-archive", "version": 1,
            "people": [{"uid": "v1:a", "given_name": "Anna", "family_name": "Ivanova"}]}
    assert importer.import_archive(db, data).added["people"] == 1
    data["people"][0]["family_name"] = "Petrova"  # type: ignore[index]
    report = importer.import_archive(db, data)
    assert report.skipped["people"] == 1  # undated: the database keeps its copy


def test_cli_export_archive_and_json_report(full_db: Database, db_args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "everything.json"
    code, text, err = _run(*db_args, "export", "archive", "--out", str(out))
    assert code == 0, err
    assert "3 attachments" in text
    code, text, err = _run(*db_args, "import", str(out), "--json")
    assert code == 0, err
    report = json.loads(text)
    assert set(report) == {"added", "unchanged", "updated", "skipped", "dry_run"} and report["dry_run"] is False
    assert report["unchanged"]["attachments"] == 3 and sum(report["added"].values()) == 0
    code, text, err = _run(*db_args, "export", "archive")
    assert code != 0 and "--out" in err and len(err.strip().splitlines()) == 1
    shorthand = tmp_path / "short.json"
    assert _run(*db_args, "export", str(shorthand))[0] == 0
    assert json.loads(shorthand.read_text(encoding="utf-8"))["attachments"] == json.loads(
        out.read_text(encoding="utf-8"))["attachments"]


def _with_attachment(db: Database, tmp_path: Path, **changes: Any) -> dict[str, Any]:
    data = _archive(db, tmp_path)
    extra = copy.deepcopy(data["attachments"][0])
    extra["uid"] = "new-attachment"
    extra.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del extra[key]
    data["attachments"].append(extra)
    return data


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/b.pdf", "a\\..\\b.pdf", "..", "C:evil.exe",
                                  "bad\x00name"])
def test_attachment_names_with_a_path_are_refused(full_db: Database, tmp_path: Path, name: str) -> None:
    data = _with_attachment(full_db, tmp_path, name=name)
    before = _counts(full_db)
    with pytest.raises(ValidationError) as err:
        importer.import_archive(full_db, data)
    assert "attachments[3] (new-attachment)" in str(err.value) and "name" in str(err.value)
    assert "\n" not in str(err.value)
    assert _counts(full_db) == before


def test_attachment_checks(full_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = export_archive(full_db)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"sha256": hashlib.sha256(b"other").hexdigest()}, "sha256"),
        ({"size": 1}, "size"),
        ({"base64": "not base64!"}, "base64"),
        ({"person": None, "visit": None}, "exactly one"),
        ({"visit": "demo:visit:uzkhimyosanoat-2025"}, "exactly one"),
        ({"person": "nobody"}, "neither in the file nor in the database"),
    ]
    for changes, words in cases:
        data = _with_attachment(full_db, tmp_path, **changes)
        with pytest.raises(ValidationError, match=words):
            importer.import_archive(full_db, data)
    # a size bomb: more base64 than an attachment may hold is refused before it is decoded
    monkeypatch.setattr(archive_attachments, "MAX_BASE64", 100)
    monkeypatch.setattr(archive_attachments, "ATTACHMENT_LIMIT", 75)
    big = base64.b64encode(b"x" * 200).decode()
    with pytest.raises(ValidationError, match="too large"):
        importer.import_archive(full_db, _with_attachment(full_db, tmp_path, base64=big, sha256=None, size=None))
    assert export_archive(full_db) == before


def test_archive_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from organizer.services.archive import file as archive_file

    path = tmp_path / "big.json"
    path.write_text('{"format": "organizer-archive", "version": 2, "people": []}' + " " * 200, encoding="utf-8")
    monkeypatch.setattr(archive_file, "MAX_ARCHIVE_BYTES", 100)
    with pytest.raises(ImportFormatError, match="too large"):
        importer.open_archive_file(path)


def test_cut_or_garbled_archive_changes_nothing(full_db: Database, tmp_path: Path) -> None:
    source = tmp_path / "full.json"
    export_archive_file(full_db, source)
    raw = source.read_bytes()
    target = open_database(sqlite_url(tmp_path / "target.sqlite"))
    load_demo(target)
    before = export_archive(target)
    cut = tmp_path / "cut.json"
    attachments_at = raw.index(b'"attachments"')
    for end in (len(raw) // 3, attachments_at + 200, len(raw) - 3):
        cut.write_bytes(raw[:end])
        with pytest.raises(ImportFormatError) as err:
            importer.import_archive(target, importer.open_archive_file(cut))
        assert "\n" not in str(err.value)
    # garbled inside the attachments section: the first records went in, then the transaction is undone
    at = raw.index(b'"base64": "', attachments_at)
    garbled = raw[:at] + b'"base64": "!' + raw[at + len(b'"base64": "'):]
    cut.write_bytes(garbled)
    with pytest.raises(ValidationError) as verr:
        importer.import_archive(target, importer.open_archive_file(cut))
    assert "attachments[0]" in str(verr.value) and "\n" not in str(verr.value)
    assert export_archive(target) == before


def test_dry_run_previews_and_writes_nothing(full_db: Database, db_args: list[str], tmp_path: Path) -> None:
    data = _archive(full_db, tmp_path)
    record = _person(data, "demo:person:korzhikov")
    record["family_name"], record["updated_at"] = "Korzhikov-Newer", "2099-01-01T00:00:00"
    data["people"].append({"uid": "new:person", "given_name": "Anna", "family_name": "Ivanova"})
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before, counts = export_archive(full_db), _counts(full_db)
    code, text, err = _run(*db_args, "import", str(path), "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(text)
    assert report["dry_run"] is True and report["added"]["people"] == 1 and report["updated"]["people"] == 1
    code, text, err = _run(*db_args, "import", str(path), "--dry-run")
    assert code == 0 and text.startswith("would import") and "1 updated" in text
    assert export_archive(full_db) == before and _counts(full_db) == counts
    with full_db.reader() as s:  # not even the audit entry of the import
        assert s.scalar(select(func.count()).select_from(m.AuditEntry).where(m.AuditEntry.action == "import")) == 1


@pytest.mark.parametrize("bad", [None, {"uid": ["a", "list"], "name": "X"}, 7])
def test_a_malformed_institution_is_refused_not_a_crash(db: Database, bad: Any) -> None:
    """Found by the fuzz tests: a null or a uid that is a list among the institutions crashed the ordering."""
    data = {"format": "organizer-archive", "version": 2,
            "institutions": [{"uid": "i1", "name": "Top"}, bad, {"uid": "i2", "name": "Unit", "parent": "i1"}]}
    with pytest.raises(ValidationError) as err:
        importer.import_archive(db, data)
    assert "institutions[1]" in str(err.value) and "\n" not in str(err.value)
    assert _counts(db)["Institution"] == 0
