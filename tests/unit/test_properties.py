"""Property tests (hypothesis): any text a user can type survives storage, export and import unchanged."""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from organizer.domain.errors import ValidationError
from organizer.domain.records import ContactEntry, NameVariant, PersonData
from organizer.services import people
from organizer.services.archive import importer as interchange
from organizer.services.archive.export import export_archive
from organizer.store import Database, open_database, sqlite_url

# Printable text of any script (letters, marks, punctuation such as ʻ ’ « & <), no control characters.
LINE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    max_size=40,
).map(str.strip)
NAME = LINE.filter(bool)
MULTILINE = st.lists(LINE, max_size=4).map("\n".join)


@cache
def _template() -> Path:
    """One migrated empty database, copied for each example (migrating every time is slow)."""
    path = Path(tempfile.mkdtemp(prefix="organizer-template-")) / "empty.sqlite"
    open_database(sqlite_url(path)).close()
    return path


@contextmanager
def fresh_databases(count: int) -> Iterator[list[Database]]:
    with tempfile.TemporaryDirectory() as folder:
        dbs = []
        for i in range(count):
            path = Path(folder) / f"{i}.sqlite"
            shutil.copy(_template(), path)
            dbs.append(open_database(sqlite_url(path)))
        try:
            yield dbs
        finally:
            for db in dbs:
                db.close()


@st.composite
def person_data(draw: st.DrawFn) -> PersonData:
    return PersonData(
        given_name=draw(NAME),
        family_name=draw(LINE),
        honorific=draw(LINE),
        name_variants=tuple(NameVariant(n, "Cyrl", "ru") for n in draw(st.lists(NAME, max_size=3))),
        tags=tuple(dict.fromkeys(draw(st.lists(NAME.map(lambda s: s[:60]), max_size=3)))),
        notes=draw(MULTILINE),
        emails=(ContactEntry("someone@example.org", draw(LINE.map(lambda s: s[:60]))),),
    )


@settings(max_examples=40, deadline=None)
@given(data=person_data())
def test_any_typed_text_round_trips_through_the_archive(data: PersonData) -> None:
    with fresh_databases(2) as (source, target):
        created = people.create_person(source, data)
        assert created == people.get_person(source, created.meta.id)
        interchange.import_archive(target, export_archive(source))
        copied = people.list_people_details(target)[0]
        assert copied.data == created.data
        assert copied.full_name == created.full_name


@settings(max_examples=30, deadline=None)
@given(prefix=LINE, control=st.characters(min_codepoint=0, max_codepoint=31).filter(lambda c: c not in "\t\n\r"),
       suffix=LINE)
def test_no_control_character_is_ever_stored(prefix: str, control: str, suffix: str) -> None:
    """Inside a name a control character is refused; at its ends it is trimmed like other whitespace."""
    name = f"A{prefix}{control}{suffix}"
    with fresh_databases(1) as (db,):
        try:
            stored = people.create_person(db, PersonData(given_name=name)).data.given_name
        except ValidationError as err:
            assert "control character" in err.problems["given_name"]
            assert people.count_people(db) == 0
        else:
            assert not any(ord(c) < 32 for c in stored)
            assert stored == unicodedata.normalize("NFC", name).strip()  # stored composed: 豈 U+F900 -> U+8C48


@given(st.text(max_size=40), st.booleans(), st.integers(min_value=0, max_value=30))
def test_checker_text_equals_its_slow_path(value: str, required: bool, limit: int) -> None:
    """``Checker.text``'s shortcuts (empty, printable text) give what the full checks give: the value
    trimmed and in NFC, and a problem exactly when one of the rules is broken."""
    from organizer.services._checks import _CONTROL_OR_SURROGATE, Checker

    checker = Checker("x")
    out = checker.text("f", value, required=required, limit=limit)
    expected = unicodedata.normalize("NFC", value).strip()
    assert out == expected
    broken = (required and not expected) or len(expected) > limit or bool(_CONTROL_OR_SURROGATE.search(expected)) \
        or "\n" in expected or "\r" in expected
    assert ("f" in checker.problems) == broken
