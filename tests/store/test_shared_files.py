"""Photos and attached files live in the database itself (``person.photo``, ``attachment.content``), not
in files beside it: a second client on the same database (another process or office PC on a PostgreSQL
server) sees them, and nothing is written next to a local database file. Runs on both engines."""

from __future__ import annotations

from pathlib import Path

from organizer.domain.records import PersonData
from organizer.services import attachments, people
from organizer.store import Database, open_database

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")
LETTER = "Уважаемый ректор, ...".encode() + bytes(range(256)) * 40  # any bytes, 10 KB


def _files_beside(db: Database) -> set[str]:
    if db.path is None:
        return set()
    return {p.name for p in Path(db.path).parent.iterdir()}


def test_a_second_client_sees_photos_and_attachments(db: Database) -> None:
    before = _files_beside(db)
    pid = people.create_person(db, PersonData(given_name="Ilshat", family_name="Gafurov")).meta.id
    people.set_person_photo(db, pid, PNG)
    row = attachments.add_attachment(db, "person", pid, "letter.bin", LETTER)
    other = open_database(db.url, create=False)  # another client: its own engine and connections
    try:
        assert people.person_photo(other, pid) == (PNG, "image/png")
        assert [a.name for a in attachments.list_attachments(other, "person", pid)] == ["letter.bin"]
        assert attachments.attachment_content(other, row.id) == LETTER
        people.set_person_photo(other, pid, None)  # and what it changes, the first client sees
        attachments.delete_attachment(other, row.id)
    finally:
        other.close()
    assert people.person_photo(db, pid) is None
    assert attachments.list_attachments(db, "person", pid) == []
    new = {n for n in _files_beside(db) - before if not n.endswith(("-wal", "-shm", "-journal"))}
    assert not new, f"files written beside the database: {new}"
