"""Record names and titles in the window's display language (issue 18, point 3), for every read that names
records by a stored name or title: the record lists, the panes' linked records, quick open, search results,
pickers and duplicates.

``titles(db, refs)`` gives each (kind, id)'s name or title in the display language
(``domain.variants.display_language``): a person's name as the window shows it
(``domain.personnames.shown_name``), an institution's name variant tagged with that language (or written in
its script: ``domain.variants.institution_name_in``), a visit's, meeting's, agreement's or programme item's
title, a follow-up's description and a topic's name through their language variants. With no display language
set it gives nothing (the titles stay as stored: the command line). ``lookup(conn, refs)`` is the same as a
function of (kind, id, text as stored), for the reads that join linked records' names (a follow-up's owner and
meeting, a meeting's venue); ``topics_in``/``topics`` name a record's topics, ``pane(db, detail)`` gives a
detail with them for a pane; ``localized(db, hits)`` replaces the ``title`` of anything with ``kind``, ``id``
and ``title`` (``SearchHit``, ``QuickHit``). A record's own texts are shown through ``domain.variants.shown``
(its ``variants`` column read with it) by each read.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Select, Text, bindparam, select, type_coerce

from organizer.domain.enums import RecordKind
from organizer.domain.personnames import shown_name
from organizer.domain.records import NameVariant
from organizer.domain.variants import display_language, institution_name_in, shown
from organizer.store import schema as s

if TYPE_CHECKING:
    from organizer.store.database import Database

T = TypeVar("T")


def titles(db: Database, refs: Iterable[tuple[RecordKind, int]]) -> dict[tuple[RecordKind, int], str]:
    """Each record's name or title in the display language (see the module docstring); {} with none set."""
    if display_language() is None:
        return {}
    with db.read_connection() as conn:
        return titles_in(conn, refs)


def titles_in(conn: Connection, refs: Iterable[tuple[RecordKind, int]]) -> dict[tuple[RecordKind, int], str]:
    """``titles`` on the caller's connection (inside its transaction)."""
    lang = display_language()
    if lang is None:
        return {}
    by_kind: dict[RecordKind, dict[int, None]] = {}
    for kind, ident in refs:
        by_kind.setdefault(kind, {})[ident] = None
    out: dict[tuple[RecordKind, int], str] = {}
    for kind, wanted in by_kind.items():
        every = list(wanted)
        if kind is RecordKind.INSTITUTION and len(every) > CHUNK:  # a whole institution tree: every row read once
            _titles(conn, kind, None, lang, out, wanted)
            continue
        for start in range(0, len(every), CHUNK):  # many participants of many meetings: a few at a time
            _titles(conn, kind, every[start:start + CHUNK], lang, out)
    return out


CHUNK = 500
"""Ids per statement (SQLite limits the values of one statement); the names of more institutions than this are read
by one statement over the whole table (an institution tree names every institution)."""


def _titles(conn: Connection, kind: RecordKind, ids: list[int] | None, lang: str,
            out: dict[tuple[RecordKind, int], str], wanted: Container[int] = ()) -> None:
    """The names or titles of records of ``kind`` with these ``ids`` into ``out``; with ``ids`` None, those of every
    record of the kind that are ``wanted`` (more than ``CHUNK`` of them)."""
    if kind not in _TITLED and kind not in (RecordKind.PERSON, RecordKind.INSTITUTION):
        return
    found: Sequence[Any]
    if ids is None:
        found = [r for r in conn.execute(_statement(kind, every=True)).all() if r[0] in wanted]
    else:
        found = conn.execute(_statement(kind), {"ids": ids}).all()
    if kind is RecordKind.PERSON:
        people: dict[int, tuple[str, str, str, str, Any]] = {}
        names: dict[int, list[NameVariant]] = {}
        for pid, given, middle, family, display, texts, name, script, language in found:
            people[pid] = (given, middle, family, display, texts)
            if name is not None:
                names.setdefault(pid, []).append(NameVariant(name, script, language))
        for pid, (given, middle, family, display, texts) in people.items():
            out[(kind, pid)] = shown_name(given, middle, family, display, names.get(pid, ()), texts)
    elif kind is RecordKind.INSTITUTION:
        stored: dict[int, str] = {}
        variants: dict[int, list[tuple[str, str, str]]] = {}
        for iid, name, other, script, language in found:
            stored[iid] = name
            if other is not None:
                variants.setdefault(iid, []).append((other, script, language))
        for iid, name in stored.items():
            out[(kind, iid)] = institution_name_in(name, variants.get(iid, ()), lang)
    else:
        column = _TITLED[kind][1]
        for ident, text, texts in found:
            out[(kind, ident)] = shown(text, texts, column)


@cache
def _statement(kind: RecordKind, every: bool = False) -> Select[Any]:
    """The statement that reads the names or titles of records of ``kind`` (ids bound as ``ids``; ``every``: of all
    records of the kind), built once: a person's row with its name variants joined, an institution's with its
    names in other languages, a titled record's title with its variants."""
    ids: Any = bindparam("ids", expanding=True)
    if kind is RecordKind.PERSON:
        p, n = s.person.c, s.person_name.c
        stmt: Select[Any] = (select(p.id, p.given_name, p.middle_name, p.family_name, p.display_name, _raw(p.variants),
                       n.name, n.script, n.language)
                .outerjoin(s.person_name, n.person_id == p.id).order_by(p.id, n.id))
        return stmt if every else stmt.where(p.id.in_(ids))
    if kind is RecordKind.INSTITUTION:
        i, n = s.institution.c, s.institution_name.c
        named: Select[Any] = (select(i.id, i.name, n.name, n.script, n.language)
                              .outerjoin(s.institution_name, n.institution_id == i.id).order_by(i.id, n.id))
        return named if every else named.where(i.id.in_(ids))
    table, column = _TITLED[kind]
    t = s.table(table).c
    titled: Select[Any] = select(t.id, t[column], _raw(t.variants))
    return titled if every else titled.where(t.id.in_(ids))


def _raw(variants: Any) -> Any:
    """A ``variants`` column read as the driver gives it (its JSON text on SQLite) rather than parsed row by row:
    ``shown`` and ``shown_name`` pass over the usual ``{}`` without parsing it."""
    return type_coerce(variants, Text).label("variants")


_TITLED = {RecordKind.VISIT: ("visit", "title"), RecordKind.MEETING: ("meeting", "title"),
           RecordKind.AGREEMENT: ("agreement", "title"), RecordKind.FOLLOWUP: ("followup", "description"),
           RecordKind.TOPIC: ("topic", "name"), RecordKind.PROGRAMME_ITEM: ("programme_item", "title")}


Lookup = Callable[[RecordKind, int | None, str | None], str | None]
"""``found(kind, ident, text)``: the record's name or title in the display language, else ``text``."""


def lookup(conn: Connection, refs: Iterable[tuple[RecordKind, int | None]]) -> Lookup:
    """The names and titles of these records (``titles_in``: one statement per kind, none with no display
    language), as a function of (kind, id, the text as stored) that gives the text to show: what a read that
    joins linked records' names (a follow-up's owner, a meeting's venue and visit) calls for each of them."""
    found = titles_in(conn, {(k, i) for k, i in refs if i is not None}) if display_language() is not None else {}

    def get(kind: RecordKind, ident: int | None, text: str | None) -> str | None:
        return found.get((kind, ident), text) if ident is not None and text is not None else text

    return get


def topics_in(conn: Connection, names: Sequence[str]) -> tuple[str, ...]:
    """Topics named as stored (a record's ``topics``), each by its name in the display language, in the order of
    what is shown; ``names`` as they are with none set."""
    if display_language() is None or not names:
        return tuple(names)
    t = s.topic.c
    found = {name: shown(name, stored, "name")
             for name, stored in conn.execute(select(t.name, t.variants).where(t.name.in_(list(names))))}
    return tuple(sorted((found.get(n, n) for n in names), key=str.casefold))


def topics(db: Database, names: Sequence[str]) -> tuple[str, ...]:
    """``topics_in`` on a connection of its own (none with no display language)."""
    if display_language() is None or not names:
        return tuple(names)
    with db.read_connection() as conn:
        return topics_in(conn, names)


def pane(db: Database, detail: T) -> T:
    """A record's detail (``PersonDetail``, ``InstitutionDetail``, ``VisitDetail``, ``MeetingDetail``) with its
    topics named in the display language, for a pane only (an editor reads the names as stored)."""
    data = getattr(detail, "data", None)
    found = getattr(data, "topics", None)
    if display_language() is None or not found:
        return detail
    return replace(detail, data=replace(data, topics=topics(db, found)))  # type: ignore[type-var]


def localized(db: Database, hits: Sequence[T]) -> list[T]:
    """``hits`` (with ``kind``, ``id``, ``title``) with their titles in the display language."""
    found = titles(db, ((h.kind, h.id) for h in hits))  # type: ignore[attr-defined]
    if not found:
        return list(hits)
    out: list[Any] = []
    for h in hits:
        title = found.get((h.kind, h.id))  # type: ignore[attr-defined]
        out.append(replace(h, title=title) if title and title != h.title else h)  # type: ignore[attr-defined,type-var]
    return out
