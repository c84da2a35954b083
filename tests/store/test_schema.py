"""The ORM mapping and the Core tables agree: every typed attribute of a mapped class is a mapped column
or relationship (an attribute with no column of that name would silently not be mapped), and every column
of a mapped table has a typed attribute."""

from __future__ import annotations

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
