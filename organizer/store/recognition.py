"""What an Organizer database of each schema revision holds: how a file is recognised as ours.

The Alembic version alone does not tell an Organizer database from another program's that also uses
Alembic (its revisions may well be called ``0001``...``0006`` too). Before anything touches a file (a
switch to WAL, a backup before a migration, the migration itself, a restore), ``open_database`` and
``restore`` check that the tables and columns the stored revision claims are there; a file that lacks
any of them is refused as "not an Organizer database", unchanged.

``REVISION_TABLES`` maps every known revision to its tables and their columns, the search index's
tables (``search_*``, rebuilt at will) left out. The revisions up to ``0011`` are frozen lists below; a
newer revision (the head, and those that were the head once) is the newest frozen list plus what the
``upgrade()`` of each migration after it adds with ``op.add_column`` and ``op.create_table``, read from
the scripts' text (``ast``, no Alembic, no SQLAlchemy: an up-to-date file is opened on the plain
``sqlite3`` road), so a migration needs no second edit here (reading the scripts costs each start about
2 ms of CPU a migration, before the window's first rows: a revision's list is frozen once in a while, the
tests hold it to its migration). A migration that does anything else to
tables or columns (drops, renames, raw SQL) needs its revision's list frozen here.
``tests/store/test_recognition.py`` builds a database at every revision with the migrations and fails
until this table agrees with them, and checks the head against ``schema.py``'s tables (not read from
the schema itself: that would import SQLAlchemy on the plain road). Extra tables or columns
are allowed (a newer index, ``sqlite_stat1``); only missing ones make a file foreign.

``is_damaged_error`` tells SQLite's "database disk image is malformed" from other errors: a damaged
file is refused without retrying it in a way that would leave ``-wal``/``-shm`` beside it, and its
errors become ``DamagedDatabaseError`` (one clear line; the window offers a backup).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from organizer.store.migrations import KNOWN_REVISIONS

_ENTITY = ("id", "uid", "created_at", "updated_at", "version")

_0001: dict[str, tuple[str, ...]] = {
    "alembic_version": ("version_num",),
    "institution": ("name", "short_name", "kind", "parent_id", "country", "city", "address", "website", "profile",
                    *_ENTITY),
    "institution_name": ("id", "institution_id", "name", "script", "language"),
    "institution_topic": ("institution_id", "topic_id"),
    "person": ("given_name", "family_name", "middle_name", "honorific", "form_of_address", "display_name",
               "sort_name", "languages", "biography", "photo", "photo_type", "notes", *_ENTITY),
    "person_email": ("id", "person_id", "address", "label"),
    "person_name": ("id", "person_id", "name", "script", "language"),
    "person_phone": ("id", "person_id", "number", "label"),
    "person_tag": ("person_id", "tag"),
    "person_topic": ("person_id", "topic_id"),
    "position": ("person_id", "institution_id", "title", "start_date", "end_date", "is_current", *_ENTITY),
    "topic": ("name", "description", *_ENTITY),
}
_0002 = _0001 | {
    "agreement": ("title", "kind", "status", "signed_date", "signed_place", "valid_until", "visit_id", "meeting_id",
                  "summary", *_ENTITY),
    "agreement_party": ("id", "agreement_id", "institution_id"),
    "agreement_signatory": ("id", "agreement_id", "person_id", "institution_id"),
    "attachment": ("person_id", "institution_id", "visit_id", "meeting_id", "agreement_id", "name", "media_type",
                   "size", "sha256", "content", *_ENTITY),
    "followup": ("description", "status", "due_date", "owner_person_id", "owner_institution_id", "visit_id",
                 "meeting_id", "notes", *_ENTITY),
    "gift": ("id", "visit_id", "direction", "description", "person_id"),
    "meeting": ("visit_id", "title", "kind", "starts_at", "ends_at", "venue_institution_id", "room", "objectives",
                "talking_points", "agenda", "notes", "outcomes", *_ENTITY),
    "meeting_participant": ("id", "meeting_id", "person_id", "side", "role"),
    "meeting_topic": ("meeting_id", "topic_id"),
    "visit": ("title", "direction", "start_date", "end_date", "place", "purpose", "status", "summary", "arrival_at",
              "arrival_details", "departure_at", "departure_details", "lodging", "transport", "interpreter_needs",
              "dietary_needs", *_ENTITY),
    "visit_institution": ("id", "visit_id", "institution_id", "side"),
    "visit_participant": ("id", "visit_id", "person_id", "side", "role", "precedence"),
    "visit_topic": ("visit_id", "topic_id"),
}
_0003 = _0002 | {
    "merge_record": ("id", "kind", "kept_id", "merged_id", "merged_uid", "merged_title", "created_at", "undone_at",
                     "snapshot"),
}
_0004 = _0003 | {
    "audit_entry": ("id", "at", "user_name", "action", "kind", "record_id", "record_uid", "fields", "detail"),
}
_0005 = dict(_0004)  # the PostgreSQL search index only
_0006 = _0005 | {"person": (*_0005["person"], "interpreter_needs", "dietary_needs")}
_0007 = _0006 | {"person": (*_0006["person"], "gender")}
_0008 = _0007 | {"followup": (*_0007["followup"], "done_on", "done_note")}
_0009 = _0008 | {table: (*_0008[table], "variants") for table in ("topic", "institution", "position", "visit", "gift",
                                                                  "meeting", "followup", "agreement")} | {
    "person": (*_0008["person"], "variants", "academic_title")}
_0010 = _0009 | {
    "visit": (*_0009["visit"], "desired_outcomes", "key_messages", "sensitivities"),
    "programme_item": ("visit_id", "kind", "title", "starts_at", "ends_at", "place", "escort_person_id", "transport",
                       "notes", *_ENTITY),
}
_0011 = _0010 | {"programme_item": (*_0010["programme_item"], "variants")}

_FROZEN: dict[str, dict[str, tuple[str, ...]]] = {
    "0001": _0001, "0002": _0002, "0003": _0003, "0004": _0004, "0005": _0005, "0006": _0006, "0007": _0007,
    "0008": _0008, "0009": _0009, "0010": _0010, "0011": _0011,
}
"""The lists of the revisions that were the head once, as their migrations left them."""

INDEX_PREFIX = "search_"
"""Tables of the search index (FTS5 and its shadow tables on SQLite): not part of the signature."""


def schema_tables() -> dict[str, tuple[str, ...]]:
    """The tables and columns ``schema.py`` defines (imports SQLAlchemy), with Alembic's version table:
    what a database at the head has (a test holds ``REVISION_TABLES[HEAD_REVISION]`` equal to it)."""
    from organizer.store import schema

    tables: dict[str, tuple[str, ...]] = {"alembic_version": ("version_num",)}
    tables.update((t.name, tuple(c.name for c in t.columns)) for t in schema.load_all().tables.values()
                  if not t.name.startswith(INDEX_PREFIX))
    return tables


def _added_by(revision: str) -> dict[str, tuple[str, ...]]:
    """Tables and columns that migration ``revision``'s ``upgrade()`` adds (``op.add_column(TABLE,
    sa.Column(NAME, ...))``, ``op.create_table(NAME, sa.Column(NAME, ...), ...)``), read from its text."""
    path = next(p for p in (Path(__file__).parent / "migrations" / "versions").glob(f"{revision}_*.py"))
    upgrade = next(n for n in ast.parse(path.read_text(encoding="utf-8")).body
                   if isinstance(n, ast.FunctionDef) and n.name == "upgrade")
    added: dict[str, tuple[str, ...]] = {}
    for call in ast.walk(upgrade):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.args
                and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
            continue
        columns = tuple(str(a.args[0].value) for a in call.args[1:]
                        if isinstance(a, ast.Call) and isinstance(a.func, ast.Attribute) and a.func.attr == "Column"
                        and a.args and isinstance(a.args[0], ast.Constant))
        if call.func.attr in ("add_column", "create_table"):
            added[call.args[0].value] = added.get(call.args[0].value, ()) + columns
    return added


def _tables_at(revision: str) -> dict[str, tuple[str, ...]]:
    if revision in _FROZEN:
        return _FROZEN[revision]
    frozen = max(r for r in _FROZEN if r < revision)
    tables = dict(_FROZEN[frozen])
    for later in KNOWN_REVISIONS:
        if frozen < later <= revision:
            for table, columns in _added_by(later).items():
                tables[table] = (*tables.get(table, ()), *columns)
    return tables


class _Revisions(Mapping[str, Mapping[str, frozenset[str]]]):
    """``REVISION_TABLES``: the frozen lists, later revisions from their migrations (built on first use)."""

    def __init__(self) -> None:
        self._built: dict[str, Mapping[str, frozenset[str]]] = {}

    def __getitem__(self, revision: str) -> Mapping[str, frozenset[str]]:
        built = self._built.get(revision)
        if built is None:
            if revision not in KNOWN_REVISIONS:
                raise KeyError(revision)
            tables = _tables_at(revision)
            built = self._built[revision] = {table: frozenset(columns) for table, columns in tables.items()}
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(KNOWN_REVISIONS)

    def __len__(self) -> int:
        return len(KNOWN_REVISIONS)


REVISION_TABLES: Mapping[str, Mapping[str, frozenset[str]]] = _Revisions()
"""Revision -> table -> columns that a database of that revision has (search index tables left out)."""


def expected_tables(revision: str) -> frozenset[str]:
    """The tables a database at ``revision`` has (KeyError for a revision this code does not know)."""
    return frozenset(REVISION_TABLES[revision])


def missing_parts(revision: str, columns: Mapping[str, Iterable[str]]) -> list[str]:
    """What a database that says it is at ``revision`` lacks: ``table`` or ``table.column`` names, sorted.

    ``columns`` maps each table found to its column names. Empty when the file looks like ours.
    """
    missing: list[str] = []
    for table, wanted in sorted(REVISION_TABLES[revision].items()):
        found = columns.get(table)
        if found is None:
            missing.append(table)
            continue
        missing.extend(f"{table}.{column}" for column in sorted(wanted - set(found)))
    return missing


def describe_missing(missing: list[str], limit: int = 3) -> str:
    """``"person, topic.name and 4 more"``: a short list for a one-line message."""
    shown = ", ".join(missing[:limit])
    return shown if len(missing) <= limit else f"{shown} and {len(missing) - limit} more"


_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def is_damaged_error(err: BaseException) -> bool:
    """True for SQLite's "database disk image is malformed" and "file is not a database" (a
    ``sqlite3`` error, or SQLAlchemy's wrapper of one)."""
    orig = getattr(err, "orig", None) or err
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    text = str(orig)
    return "database disk image is malformed" in text or "file is not a database" in text
