"""Every field of every kind survives the archive, compared with the INPUT records (not an export with an
export), and erase and merge treat each field as its field table says.

The inputs are generated from the field tables (``organizer.domain.fields``) and the ``*Data`` dataclasses:
every field gets a value that is not its default, so a field added to a dataclass and its table is
covered here without touching this file; a field an export or an import forgets fails, naming it.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from organizer.domain import fields as f
from organizer.domain.fields import FieldTable, FieldType
from organizer.domain.records import ContactEntry, PositionData, TextVariant
from organizer.services import (
    agreements,
    erase,
    followups,
    institutions,
    meetings,
    merging,
    people,
    programme,
    visits,
)
from organizer.services.archive.export import export_archive
from organizer.services.archive.importer import import_archive
from organizer.store import Database, open_database, sqlite_url

PHOTO = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
DAY = date(2024, 5, 14)
MOMENT = datetime(2024, 5, 14, 10, 30)

SPECIAL: dict[tuple[str, str], Any] = {
    ("person", "photo"): PHOTO,
    ("person", "photo_type"): "image/png",  # what the photo is (the service sniffs it)
    ("person", "emails"): (ContactEntry("a.person@example.org", "work"),),
    ("person", "phones"): (ContactEntry("+7 843 233-71-09", "mobile"),),
}
"""Values a rule of the services fixes (a valid address, an image): everything else is generated."""

Refs = dict[str, int]
CREATE: dict[str, Callable[[Database, Any], Any]] = {
    "institution": institutions.create_institution, "person": people.create_person, "visit": visits.create_visit,
    "meeting": meetings.create_meeting, "followup": followups.create_followup,
    "agreement": agreements.create_agreement, "programme_item": programme.create_programme_item,
}
GET: dict[str, Callable[[Database, int], Any]] = {
    "institution": institutions.get_institution, "person": people.get_person, "visit": visits.get_visit,
    "meeting": meetings.get_meeting, "followup": followups.get_followup, "agreement": agreements.get_agreement,
    "programme_item": programme.get_programme_item,
}


def _enum_value(fld: f.Field, default: Any) -> StrEnum:
    assert fld.enum is not None
    return next(v for v in fld.enum if v != default)


def sample(table: FieldTable, refs: Refs, tag: str = "") -> Any:
    """An input of ``table``'s dataclass with every field set to a value other than its default."""
    values: dict[str, Any] = {}
    for fld in table:
        special = SPECIAL.get((table.kind, fld.name))
        if special is not None:
            values[fld.name] = special
            continue
        default = table.default(fld.name)
        t = fld.type
        if t is FieldType.TEXT:
            values[fld.name] = f"{fld.name[:6]}{tag}"
        elif t is FieldType.LONG_TEXT:
            values[fld.name] = f"{fld.name} of the {table.kind}{tag}\nsecond line"
        elif t is FieldType.TEXTS:
            values[fld.name] = (f"{fld.name[:6]}{tag}",)
        elif t is FieldType.DATE:
            values[fld.name] = DAY
        elif t is FieldType.DATETIME:
            values[fld.name] = MOMENT
        elif t is FieldType.ENUM:
            values[fld.name] = _enum_value(fld, default)
        elif t is FieldType.BOOL:
            values[fld.name] = not default
        elif t is FieldType.INT:
            values[fld.name] = 3
        elif t is FieldType.REF:
            values[fld.name] = refs.get(fld.ref)  # None only for the first institution's parent
        elif t is FieldType.REFS:
            values[fld.name] = (refs[fld.ref],)
        elif t is FieldType.ROWS:
            assert fld.rows is not None
            values[fld.name] = (sample(f.TABLES[fld.rows], refs, tag),)
        elif t is FieldType.NESTED:
            assert fld.rows is not None
            values[fld.name] = sample(f.TABLES[fld.rows], refs, tag)
        elif t is FieldType.UID:
            values[fld.name] = f"rt-{table.kind}{tag}" if table in f.KINDS.values() else None
        elif t is FieldType.ID:
            values[fld.name] = None  # a new nested row
        elif t is FieldType.VARIANTS:  # a Russian variant of every translatable field, sorted as reads give them
            values[fld.name] = tuple(sorted(TextVariant(t.name, "ru", f"вариант {t.name}{tag}")
                                            for t in table.translatable))
        else:
            raise AssertionError(f"no sample for {table.kind}.{fld.name} of type {t}")
    data = table.data(**values)
    if isinstance(data, PositionData) and data.current and data.end_date:
        data = dataclasses.replace(data, end_date=None)  # a current position has not ended (the other has)
    return data


def build_inputs(tag: str = "") -> list[tuple[str, Callable[[Refs], Any]]]:
    """The records to create, each kind after the kinds it refers to (an institution twice: the second
    is part of the first, so that ``parent_id`` is set)."""

    def person(refs: Refs) -> Any:
        data = sample(f.PERSON, refs, tag)
        ended = dataclasses.replace(sample(f.POSITION, refs, tag), current=False, end_date=DAY)
        return dataclasses.replace(data, positions=(*data.positions, ended))

    return [
        ("institution", lambda refs: dataclasses.replace(sample(f.INSTITUTION, refs, tag), parent_id=None,
                                                         uid=f"rt-parent{tag}")),
        ("institution", lambda refs: sample(f.INSTITUTION, refs, tag)),
        ("person", person),
        ("visit", lambda refs: sample(f.VISIT, refs, tag)),
        ("meeting", lambda refs: sample(f.MEETING, refs, tag)),
        ("followup", lambda refs: sample(f.FOLLOWUP, refs, tag)),
        ("agreement", lambda refs: sample(f.AGREEMENT, refs, tag)),
        ("programme_item", lambda refs: sample(f.PROGRAMME_ITEM, refs, tag)),
    ]


def create_all(db: Database, tag: str = "") -> dict[str, tuple[Any, int]]:
    """Create one record of every kind with every field set; the inputs and ids, by kind."""
    refs: Refs = {}
    made: dict[str, tuple[Any, int]] = {}
    for kind, make in build_inputs(tag):
        data = make(refs)
        ident = CREATE[kind](db, data).meta.id
        refs[kind] = ident
        made[kind] = (data, ident)
    return made


def _uid_of(db: Database, kind: str, ident: int) -> str:
    return str(GET[kind](db, ident).meta.uid)


def comparable(db: Database, table: FieldTable, data: Any) -> dict[str, Any]:
    """The fields of ``data`` an archive carries, references as the uids of the records they name."""
    out: dict[str, Any] = {}
    for fld in table:
        if fld.archive is None and table not in f.KINDS.values() and fld.type in (FieldType.ID, FieldType.UID):
            continue  # a nested row's id and uid: new ones on import
        value = getattr(data, fld.name)
        if fld.type is FieldType.REF and value is not None:
            value = _uid_of(db, fld.ref, value)
        elif fld.type is FieldType.REFS:
            value = tuple(_uid_of(db, fld.ref, v) for v in value)
        elif fld.type is FieldType.ROWS:
            assert fld.rows is not None
            value = [comparable(db, f.TABLES[fld.rows], row) for row in value]
        elif fld.type is FieldType.NESTED:
            assert fld.rows is not None
            value = comparable(db, f.TABLES[fld.rows], value)
        out[fld.name] = value
    return out


def _photo_of(db: Database, ident: int) -> tuple[bytes, str] | None:
    return people.person_photo(db, ident)


def test_the_generated_inputs_set_every_field(db: Database) -> None:
    """The test below means something only if every field of every input differs from its default."""
    made = create_all(db)
    for kind, (data, _ident) in made.items():
        table = f.KINDS[kind]
        for fld in table:
            assert getattr(data, fld.name) != table.default(fld.name), f"{kind}.{fld.name} is left at its default"


def test_archive_round_trip_gives_back_every_field_of_the_input(db: Database, tmp_path: Path) -> None:
    made = create_all(db)
    fresh = open_database(sqlite_url(tmp_path / "fresh.sqlite"))
    try:
        import_archive(fresh, export_archive(db))
        for kind, (data, _ident) in made.items():
            table = f.KINDS[kind]
            back = next(ident for ident in range(1, 10) if _exists(fresh, kind, ident)
                        and _uid_of(fresh, kind, ident) == data.uid)
            stored = GET[kind](fresh, back).data
            if kind == "person":
                assert _photo_of(fresh, back) == (data.photo, data.photo_type), "person.photo"
                stored = dataclasses.replace(stored, photo=data.photo)  # a read carries no photo bytes
            want, got = comparable(db, table, data), comparable(fresh, table, stored)
            lost = [name for name in want if want[name] != got[name]]
            assert not lost, f"{kind}: the archive round trip changed {lost}: " \
                             f"{[(want[n], got[n]) for n in lost]}"
    finally:
        fresh.close()


def _exists(db: Database, kind: str, ident: int) -> bool:
    try:
        GET[kind](db, ident)
    except Exception:
        return False
    return True


def test_erase_clears_every_personal_field(db: Database) -> None:
    made = create_all(db)
    _data, ident = made["person"]
    erase.erase_person(db, ident)
    after = people.get_person(db, ident).data
    kept = {"given_name", "family_name", "uid"}  # "Erased person <id>", and a new random uid
    left = [fld.name for fld in f.PERSON.personal if fld.name not in kept
            and getattr(after, fld.name) not in (None, "", ())]
    assert not left, f"erase left personal fields: {left}"
    assert after.uid != made["person"][0].uid and people.person_photo(db, ident) is None


@pytest.mark.parametrize("kind", ["person", "institution"])
def test_merge_fills_the_kept_records_empty_fields_as_the_table_says(db: Database, kind: str) -> None:
    made = create_all(db)
    table = f.KINDS[kind]
    full, _ = made[kind]
    empty = {fld.name: table.default(fld.name) for fld in table.by_merge(f.Merge.FILL)}
    empty |= {fld.name: table.default(fld.name) for fld in table.by_merge(f.Merge.FILL_DEFAULT)}
    if kind == "person":
        empty["photo"] = None  # "no photo" in an input
    kept = CREATE[kind](db, dataclasses.replace(full, uid=None, **empty)).meta.id
    merging.merge(db, kind, kept, made[kind][1])
    result = GET[kind](db, kept).data
    for name in empty:
        if name in ("photo", "photo_type"):
            assert people.person_photo(db, kept) == (PHOTO, "image/png"), "the photo was not filled"
            continue
        assert getattr(result, name) == getattr(full, name), f"merge did not fill {kind}.{name}"
    for fld in table.by_merge(f.Merge.UNION):
        assert set(getattr(full, fld.name)) <= set(getattr(result, fld.name)), f"merge lost {kind}.{fld.name}"


def test_every_kind_is_generated() -> None:
    assert {kind for kind, _ in build_inputs()} == set(f.KINDS)
    hints = typing.get_type_hints(f.PERSON.data)
    assert "given_name" in hints
