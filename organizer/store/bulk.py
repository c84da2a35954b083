"""Bulk inserts at the driver's speed: one ``executemany`` of plain tuples per call.

``conn.execute(insert(table), [dict, ...])`` runs SQLAlchemy's per-row parameter machinery (a dict
per row, defaults, type processors looked up per value), which costs more than SQLite's own insert.
``insert_rows`` compiles the INSERT once for the connection's dialect, applies each column's bind
processor (dates, JSON, booleans: the same conversions SQLAlchemy makes) column by column, fills the
Python-side defaults of columns not given (``uid``, ``created_at``, ``version``...), and hands the
rows to the DBAPI cursor's ``executemany``. Works on every dialect (positional and named paramstyles).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def _default_of(column: Any) -> tuple[bool, Any] | None:
    """(is_callable, value or function) for a column with a Python-side default, else None."""
    default = column.default
    if default is None:
        return None
    if getattr(default, "is_callable", False):
        return True, default.arg
    if getattr(default, "is_scalar", False):
        return False, default.arg
    return None


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` (tuples of values for ``columns``, in that order) into ``table``; returns how many.

    Columns left out get their Python-side default (called per row when it is a function, like a new
    uid), or the database's default. Values are converted as SQLAlchemy would (``Date`` to text on
    SQLite, ``JSON`` to its text...)."""
    dialect = conn.dialect
    given = list(columns)
    extra: list[tuple[str, bool, Any]] = []
    for column in table.c:
        if column.name in given or column.primary_key:
            continue
        found = _default_of(column)
        if found is not None:
            extra.append((column.name, *found))
    names = given + [name for name, _, _ in extra]
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    processors: list[Callable[[Any], Any] | None] = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    order = [names.index(key) for key in compiled.positiontup] if compiled.positional and compiled.positiontup \
        else list(range(len(names)))
    width = len(given)
    plan = [(i, processors[i]) for i in order]
    keys = [names[i] for i in order]
    params: list[Any] = []
    for row in rows:
        if len(row) != width:
            raise ValueError(f"{table.name}: {len(row)} values for {width} columns")
        full = [*row, *(value(None) if is_callable else value for _name, is_callable, value in extra)]
        ordered = [full[i] if proc is None else proc(full[i]) for i, proc in plan]
        params.append(tuple(ordered) if compiled.positional else dict(zip(keys, ordered, strict=True)))
    if params:
        conn.exec_driver_sql(compiled.string, params)
    return len(params)
