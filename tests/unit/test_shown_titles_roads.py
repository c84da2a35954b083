"""``services.shown.titles``: the names of more institutions than one statement takes (``CHUNK``: an institution
tree) are read by one statement over the whole table and give what the statements by id give, for exactly the
institutions asked for; people and titled records past ``CHUNK`` are read a chunk at a time, the same again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from organizer.domain.enums import RecordKind
from organizer.domain.variants import set_display_language
from organizer.services import browse, shown
from organizer.services.institutions import list_institutions
from organizer.store import Database


@pytest.fixture
def russian() -> Iterator[None]:
    set_display_language("ru")
    yield
    set_display_language(None)


def test_whole_table_and_chunked_reads_name_records_as_the_reads_by_id(
        demo_db: Database, russian: None, monkeypatch: pytest.MonkeyPatch) -> None:
    refs = [(RecordKind.INSTITUTION, row.id) for row in list_institutions(demo_db)]
    refs += [(kind, ident) for kind in (RecordKind.PERSON, RecordKind.VISIT, RecordKind.MEETING, RecordKind.FOLLOWUP)
             for ident in browse.record_ids(demo_db, kind)]
    institutions = [ref for ref in refs if ref[0] is RecordKind.INSTITUTION]
    assert len(institutions) > 3
    by_id = shown.titles(demo_db, refs)  # every kind in one statement by id
    assert set(by_id) == set(refs) and any(by_id[r] != "" for r in institutions)
    monkeypatch.setattr(shown, "CHUNK", 2)
    assert shown.titles(demo_db, refs) == by_id  # institutions: the whole table; the others two ids at a time
    some = institutions[1:4]
    assert shown.titles(demo_db, some) == {r: by_id[r] for r in some}  # only those asked for
