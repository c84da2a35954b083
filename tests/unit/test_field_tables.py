"""The field tables (``domain.fields``) cover every field of every ``*Data`` dataclass, and nothing else."""

from __future__ import annotations

import dataclasses
import typing

from organizer.domain import fields as f
from organizer.domain import records


def _nested_types(cls: type) -> set[type]:
    """The dataclasses a dataclass's fields hold (a tuple of rows, a nested record), recursively."""
    found: set[type] = set()
    hints = typing.get_type_hints(cls)
    for fld in dataclasses.fields(cls):
        todo = [hints[fld.name]]
        while todo:
            hint = todo.pop()
            if dataclasses.is_dataclass(hint) and isinstance(hint, type) and hint not in found:
                found.add(hint)
                found |= _nested_types(hint)
            todo.extend(typing.get_args(hint))
    return found


def _input_types() -> set[type]:
    tops = {cls for name, cls in vars(records).items()
            if name.endswith("Data") and dataclasses.is_dataclass(cls) and isinstance(cls, type)}
    return tops | {nested for cls in tops for nested in _nested_types(cls)}


def test_every_input_dataclass_has_a_table() -> None:
    missing = sorted(cls.__name__ for cls in _input_types() if cls not in f.TABLES)
    assert not missing, f"no field table for {', '.join(missing)} (add one to organizer/domain/fields.py)"
    extra = sorted(cls.__name__ for cls in f.TABLES if cls not in _input_types())
    assert not extra, f"field tables for dataclasses that are no record input: {extra}"


def _all_tables() -> list[tuple[type, f.FieldTable]]:
    tables = list(f.TABLES.items())
    tables += [(fld.rows, fld.rows_table) for _, t in f.TABLES.items() for fld in t
               if fld.rows_table is not None and fld.rows is not None]
    return tables


def test_every_field_is_in_its_table_and_every_entry_is_a_field() -> None:
    problems = []
    for cls, table in _all_tables():
        names = [fld.name for fld in dataclasses.fields(cls)]
        problems += [f"{cls.__name__}.{n} is missing from the table {table.kind!r}" for n in names
                     if n not in table.names]
        problems += [f"the table {table.kind!r} names {n!r}, which {cls.__name__} has no field for"
                     for n in table.names if n not in names]
        if len(set(table.names)) != len(table.names):
            problems.append(f"the table {table.kind!r} names a field twice")
        problems += [f"the table {table.kind!r}: archive_order names {n!r}, not in the table"
                     for n in table.archive_order if n not in table.names]
    assert not problems, "\n".join(problems)


def test_rows_and_refs_are_described() -> None:
    for table in f.TABLES.values():
        for fld in table:
            where = f"{table.kind}.{fld.name}"
            if fld.type in (f.FieldType.ROWS, f.FieldType.NESTED):
                assert fld.rows in f.TABLES, f"{where}: rows of a type without a table"
            if fld.type in (f.FieldType.REF, f.FieldType.REFS):
                assert fld.ref in f.KINDS, f"{where}: refers to an unknown kind {fld.ref!r}"
            if fld.type is f.FieldType.ENUM:
                assert fld.enum is not None, f"{where}: an enum field names no enum"
            assert fld.label and fld.label[0].isupper(), f"{where}: needs a capitalised English label"


def test_resolve_follows_nested_paths() -> None:
    assert f.resolve("positions[1].end_date") is f.POSITION["end_date"]
    assert f.resolve("positions[1].title") is f.POSITION["title"]
    assert f.resolve("title") is f.VISIT["title"]
    assert f.resolve("logistics.lodging") is f.LOGISTICS["lodging"]
    assert f.resolve("given_name", f.PERSON) is f.PERSON["given_name"]
    assert f.resolve("mystery") is None and f.resolve("notes.mystery") is None


def test_rows_stored_in_tables_of_the_schema() -> None:
    from organizer.store import models as m

    tables = set(m.Base.metadata.tables)
    for table in f.TABLES.values():
        for fld in table:
            assert not fld.stored_in or fld.stored_in in tables, f"{table.kind}.{fld.name}: no table {fld.stored_in}"
            if fld.details:
                assert fld.type is f.FieldType.ROWS and all(c.json for c in fld.row_table), \
                    f"{table.kind}.{fld.name}: details need rows with a JSON key for each field"
