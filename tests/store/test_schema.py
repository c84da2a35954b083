"""The Core tables and the ORM mapping: every typed attribute of a mapped class is a mapped column or
relationship (an attribute with no column of that name would silently not be mapped), every column of a
mapped table has a typed attribute, and tables are built on first use with those they refer to."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import configure_mappers

from organizer.store import models as m
from organizer.store import schema


def test_every_annotated_attribute_is_mapped_and_every_column_annotated() -> None:
    configure_mappers()
    checked = 0
    for mapper in m.Base.registry.mappers:
        annotated = {name for klass in mapper.class_.__mro__ for name in getattr(klass, "__annotations__", {})}
        assert annotated <= set(mapper.attrs.keys()), (mapper.class_.__name__, annotated - set(mapper.attrs.keys()))
        assert {c.key for c in mapper.column_attrs} <= annotated, mapper.class_.__name__
        assert mapper.local_table.metadata is schema.metadata
        checked += 1
    assert checked == len([t for t in schema.metadata.tables if not t.endswith("_topic")])


def test_records_use_optimistic_locking() -> None:
    configure_mappers()
    for mapper in m.Base.registry.mappers:
        if issubclass(mapper.class_, m.RecordMixin):
            assert mapper.version_id_col is mapper.local_table.c.version, mapper.class_.__name__


LAZY = """
import json, sys
from organizer.store import schema
schema.meeting
first = sorted(schema.metadata.tables)
schema.load_all()
print(json.dumps([first, sorted(schema.metadata.tables), "sqlalchemy.orm" in sys.modules]))
"""


def test_tables_are_built_on_first_use_with_the_tables_they_refer_to() -> None:
    out = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, check=True).stdout
    first, everything, orm = json.loads(out)
    assert first == ["institution", "meeting", "visit"]  # the meeting's foreign keys name visit and institution
    assert set(everything) == set(m.Base.metadata.tables) and len(everything) == len(schema._BUILDERS)
    assert not orm


def test_every_table_is_declared_for_type_checkers() -> None:
    """A table added without its name in the ``TYPE_CHECKING`` block would be ``Any`` to mypy, or missing."""
    tree = ast.parse(Path(schema.__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
                 and any(isinstance(s, ast.AnnAssign) for s in node.body))
    declared = {s.target.id for s in block.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
    assert declared == set(schema._BUILDERS)


def test_an_unknown_table_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'persons'"):
        schema.persons  # noqa: B018
    assert schema.table("person") is schema.person is m.Person.__table__
