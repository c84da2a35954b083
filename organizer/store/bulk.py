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
from datetime import date, datetime
from functools import partial
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert

from organizer.store.schema import utcnow


def _default_of(column: Any) -> tuple[bool, Any] | None:
    """(per_row, value or function) for a column with a Python-side default, else None. ``per_row``:
    a function of no arguments to call for each row (a new uid); time stamps (``ONCE_PER_CALL``) are
    taken once."""
    default = column.default
    if default is None:
        return None
    if getattr(default, "is_callable", False):
        if any(default.compare_argument(fn) for fn in ONCE_PER_CALL):
            return False, default.arg(None)
        # SQLAlchemy wraps a function of no arguments as ``lambda ctx: fn()`` (``__wrapped__``: ``fn``).
        return True, getattr(default.arg, "__wrapped__", None) or partial(default.arg, None)
    if getattr(default, "is_scalar", False):
        return False, default.arg
    return None


REMEMBERED = 4096
"""Distinct values whose converted form each column's bind processor keeps for the call (see ``_remembered``)."""


def _remembered(proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``proc`` (a bind processor: a pure function of the value) answering repeated values from a cache.

    An import's dates, time stamps and empty JSON values (``{}`` variants, ``[]`` lists) repeat across
    thousands of rows; SQLAlchemy formats each again (``json.dumps``, date formatting). Only values whose
    equality means the same converted form are kept, keyed with their class (``True`` and ``1``, a date and
    a datetime differ): text, whole numbers, dates, naive datetimes (aware ones equal across time zones
    are written differently), None, and an empty dict or list; anything else (floats: ``0.0 == -0.0``,
    decimals, non-empty lists) goes to ``proc`` every time. At ``REMEMBERED`` entries the cache starts again."""
    known: dict[tuple[type, Any], Any] = {}

    def process(value: Any) -> Any:
        cls = value.__class__
        if cls is dict or cls is list:
            if value:
                return proc(value)
            key: tuple[type, Any] = (cls, None)
        elif cls in _SAME_WHEN_EQUAL or (cls is datetime and value.tzinfo is None):
            key = (cls, value)
        else:
            return proc(value)
        found = known.get(key, _MISSING)
        if found is _MISSING:
            if len(known) >= REMEMBERED:
                known.clear()
            found = known[key] = proc(value)
        return found

    return process


_SAME_WHEN_EQUAL = frozenset({str, int, bool, date, type(None)})
_MISSING = object()


ONCE_PER_CALL: tuple[Callable[[], Any], ...] = (utcnow,)
"""Callable defaults taken once per ``insert_rows`` call rather than per row: the rows written together
(one chunk of an import) get one time stamp, as the rows of one statement would."""


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` (tuples of values for ``columns``, in that order) into ``table``; returns how many.

    Columns left out get their Python-side default (a function such as a new uid is called per row,
    a time stamp once per call), or the database's default. Values are converted as SQLAlchemy would
    (``Date`` to text on SQLite, ``JSON`` to its text...); only the columns whose type needs it are
    touched per row."""
    dialect = conn.dialect

    def processor(name: str) -> Callable[[Any], Any] | None:
        proc: Callable[[Any], Any] | None = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        return proc if proc is None else _remembered(proc)

    given = list(columns)
    per_row: list[tuple[str, Callable[[], Any], Callable[[Any], Any] | None]] = []
    constant: list[tuple[str, Any]] = []
    for column in table.c:
        if column.name in given or column.primary_key:
            continue
        found = _default_of(column)
        if found is None:
            continue
        is_per_row, value = found
        proc = processor(column.name)
        if is_per_row:
            per_row.append((column.name, value, proc))
        else:
            constant.append((column.name, value if proc is None else proc(value)))
    names = given + [name for name, _, _ in per_row] + [name for name, _ in constant]
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    identity = list(range(len(names)))
    order = [names.index(key) for key in compiled.positiontup] if compiled.positional and compiled.positiontup \
        else identity
    reorder = None if order == identity else itemgetter(*order)
    width = len(given)
    convert = [(i, proc) for i, proc in enumerate(map(processor, given)) if proc is not None]
    tail = tuple(value for _, value in constant)
    # Nearly always a single per-row default (a new uid) that needs no conversion: called without a loop.
    one_default = per_row[0][1] if len(per_row) == 1 and per_row[0][2] is None else None
    params: list[Any] = []
    for row in rows:
        if len(row) != width:
            raise ValueError(f"{table.name}: {len(row)} values for {width} columns")
        values: Sequence[Any] = row
        if convert:
            values = list(row)
            for i, proc in convert:
                values[i] = proc(values[i])
        if one_default is not None:
            values = (*values, one_default())
        elif per_row:
            values = (*values, *(fn() if p is None else p(fn()) for _, fn, p in per_row))
        full = (*values, *tail)
        params.append(full if reorder is None else reorder(full))
    if params and not compiled.positional:
        keys = names if reorder is None else [names[i] for i in order]
        params = [dict(zip(keys, p, strict=True)) for p in params]
    if params:
        conn.exec_driver_sql(compiled.string, params)
    return len(params)
