"""Record helpers every service module shares: lookups, optimistic locking, topic links, child rows,
and the create/update/delete skeleton (``new_record``, ``edited``, ``delete_record``).

The ORM (``models``) is imported on first use (``store.lazy``): the read paths never need it. The checks
of the input itself are in ``_checks``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from sqlalchemy import Row, select

from organizer.domain.changes import AttachmentCopy, ChangeSet, Snapshot
from organizer.domain.enums import RecordKind
from organizer.domain.errors import ConflictError, InUseError, NotFoundError, plural
from organizer.domain.kinds import word
from organizer.domain.records import RecordMeta
from organizer.services._checks import SHORT_LIMIT, Checker, valid_id
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

T = TypeVar("T")
R = TypeVar("R", bound="m.RecordMixin")


def meta_of(obj: m.RecordMixin | Row[Any]) -> RecordMeta:
    """The record's id, uid, version and times: from a mapped object or from a row of its table."""
    return RecordMeta(
        id=obj.id, uid=obj.uid, version=obj.version, created_at=obj.created_at, updated_at=obj.updated_at
    )


def fetch(session: Session, model: type[T], ident: int, kind: RecordKind | Literal["attachment"]) -> T:
    obj = session.get(model, ident) if valid_id(ident) else None
    if obj is None:
        raise NotFoundError(kind, ident)
    return obj


def check_version(obj: m.RecordMixin, expected: int | None, kind: RecordKind) -> None:
    if expected is not None and obj.version != expected:
        raise ConflictError(
            f"{word(kind)} {obj.id} was changed elsewhere (version {obj.version}, you edited version {expected}); "
            "reload it and apply your change again"
        )


def touch(obj: m.RecordMixin) -> None:
    """Mark a record as changed, so its version goes up even when only its child rows changed.

    Optimistic locking compares the version of the record itself; an edit of a person's positions
    or a visit's participants must conflict with a concurrent edit of the same record too.
    """
    obj.updated_at = m.utcnow()


KNOWN_IDS = "known_ids"
"""``session.info`` key: a set of (model, id) a caller has already seen in this unit of work (the archive
import, which resolved every reference itself), so ``require_exists`` need not load each one."""
FREE_UIDS = "free_uids"
"""``session.info`` key: a set of (model, uid) a caller has already found unused in this unit of work (the
archive import reads each table's uids once and refuses a uid twice in its file), so ``uid_free`` need
not look each one up."""


def require_exists(session: Session, model: type[Any], ident: int | None, field: str, kind: RecordKind,
                   checker: Checker) -> None:
    if ident is None:
        return
    known: set[tuple[type[Any], int]] | None = session.info.get(KNOWN_IDS)
    if known is not None and (model, ident) in known:
        return
    if not valid_id(ident) or session.get(model, ident) is None:
        checker.add(field, f"no {word(kind)} with id {ident}", "not_found", kind=kind.value, id=ident)


def uid_free(session: Session, model: type[m.RecordMixin], uid: str | None, checker: Checker) -> str | None:
    if uid is None:
        return None
    uid = checker.text("uid", uid, required=True, limit=SHORT_LIMIT)
    free: set[tuple[type[Any], str]] | None = session.info.get(FREE_UIDS)
    if uid and (free is None or (model, uid) not in free) \
            and session.scalar(select(model.id).where(model.uid == uid)) is not None:
        checker.add("uid", f"{uid!r} is already used by another record", "uid_taken", uid=uid)
    return uid or None


def topics_by_name(session: Session, names: Iterable[str], checker: Checker) -> list[m.Topic]:
    """The topics with these names, created if new (a controlled vocabulary that grows by use)."""
    result: list[m.Topic] = []
    seen: set[str] = set()
    for i, raw in enumerate(names):
        name = checker.text(f"topics[{i}]", raw, required=True)
        key = name.casefold()
        if not name or key in seen:
            continue
        seen.add(key)
        known = _topic_cache(session)
        topic = known.get(key)
        if topic is None:
            topic = known[key] = m.Topic(name=name, description="")
            session.add(topic)
        result.append(topic)
    return result


def _topic_cache(session: Session) -> dict[str, m.Topic]:
    """Topics by case-folded name for this unit of work: one query, then kept up to date as topics are
    created (before they are flushed: services flush only once a whole input is valid)."""
    cache: dict[str, m.Topic] | None = session.info.get("topics_by_key")
    if cache is None:
        cache = {t.name.casefold(): t for t in session.scalars(select(m.Topic))}
        session.info["topics_by_key"] = cache
    return cache


def replace_children(session: Session, owner: object, attr: str, new: list[Any], *,
                     fields: Sequence[str], key: Sequence[str] | None = None, pair_leftovers: bool = True,
                     clear_first: dict[str, Any] | None = None, keep_free_ids: bool = False) -> None:
    """Make a one-to-many collection hold ``new`` while keeping the identity (id, uid) of rows that stay.

    ``new`` holds transient rows built from the input. Each is matched to a stored row: first by an
    explicit ``id`` set on it, then by ``key`` (default: all ``fields``), then (``pair_leftovers``) the
    remaining ones pairwise in order, so editing one e-mail address keeps its row. A matched stored row
    gets the new row's ``fields`` copied onto it; unmatched new rows are inserted, unmatched stored rows
    deleted. Deletes are flushed first, then updates, then inserts, which keeps unique constraints such
    as "a person takes part in a visit once" satisfied at every statement. ``clear_first`` (e.g.
    ``{"is_current": False}``) is written to the kept rows and flushed before the real values, for a
    flag that a partial unique index allows on one row only.

    ``keep_free_ids`` (restoring a deleted record, whose collection starts empty): a new row keeps the
    id (and uid) it carries when no other row holds them, so an undone delete gives its children back
    their identity (the ids and uids come from the snapshot; on PostgreSQL a sequence would otherwise
    hand out new ids); otherwise input ids that match no stored row are dropped.
    """
    collection: list[Any] = getattr(owner, attr)
    if not collection:
        for row in new:
            if not (keep_free_ids and _is_free(session, row)):
                _forget_id(row)
        setattr(owner, attr, new)
        return
    key_fields = tuple(key or fields)

    def key_of(row: Any) -> tuple[Any, ...]:
        return tuple(getattr(row, f) for f in key_fields)

    old = list(collection)
    unmatched = {id(row): row for row in old}
    pairs: list[tuple[Any, Any]] = []
    rest: list[Any] = []
    by_id = {getattr(row, "id", None): row for row in old}
    for row in new:
        ident = getattr(row, "id", None)
        stored = by_id.get(ident) if ident is not None else None
        if stored is not None and id(stored) in unmatched:
            del unmatched[id(stored)]
            pairs.append((stored, row))
        else:
            rest.append(row)
    by_key: dict[tuple[Any, ...], list[Any]] = {}
    for row in old:
        if id(row) in unmatched:
            by_key.setdefault(key_of(row), []).append(row)
    leftovers: list[Any] = []
    for row in rest:
        bucket = by_key.get(key_of(row))
        if bucket:
            stored = bucket.pop(0)
            del unmatched[id(stored)]
            pairs.append((stored, row))
        else:
            leftovers.append(row)
    inserts: list[Any] = []
    if pair_leftovers:
        remaining = [row for row in old if id(row) in unmatched]
        for stored, row in zip(remaining, leftovers, strict=False):
            del unmatched[id(stored)]
            pairs.append((stored, row))
        inserts = leftovers[len(remaining):]
    else:
        inserts = leftovers
    if unmatched:
        for row in list(unmatched.values()):
            collection.remove(row)
        session.flush()
    if clear_first and any(getattr(s, f) != getattr(n, f) for s, n in pairs for f in clear_first):
        for stored, _row in pairs:
            for f, value in clear_first.items():
                setattr(stored, f, value)
        session.flush()
    for stored, row in pairs:
        for f in fields:
            if getattr(stored, f) != getattr(row, f):
                setattr(stored, f, getattr(row, f))
    if inserts:
        session.flush()
        for row in inserts:
            _forget_id(row)
        collection.extend(inserts)


def _forget_id(row: Any) -> None:
    """An id (or uid) in the input that matched no stored row of this owner is not ours to reuse."""
    if getattr(row, "id", None) is not None:
        row.id = None
    if getattr(row, "uid", None) is not None:
        row.uid = m.new_uid()


def _is_free(session: Session, row: Any) -> bool:
    """Neither the id nor the uid this new row carries is held by a stored row of its table."""
    model = type(row)
    ident, uid = getattr(row, "id", None), getattr(row, "uid", None)
    if ident is None:
        return False
    with session.no_autoflush:
        if session.get(model, ident) is not None:
            return False
        return uid is None or session.scalar(select(model.id).where(model.uid == uid)) is None


# --- the shape every create, update and delete shares ------------------------------------------


def new_record(session: Session, model: type[R], uid: str | None, label: str,
               apply: Callable[[R, Checker], None], *, flush: bool = True, ident: int | None = None) -> R:
    """Create a record in ``session``: ``apply`` fills and validates it; flushed only once valid.

    ``flush=False`` leaves the insert to the caller's next flush: a bulk import flushes once per
    section, which lets SQLAlchemy batch the inserts (the record has no id until then). ``ident``
    asks for that id (restoring a deleted record); it must be free.
    """
    checker = Checker(label)
    obj = model()
    if ident is not None:
        if session.get(model, ident) is not None:
            checker.add("id", f"id {ident} is already used by another record", "id_taken", id=ident)
        obj.id = ident
    chosen = uid_free(session, model, uid, checker)
    if chosen:
        obj.uid = chosen
    session.add(obj)
    try:
        apply(obj, checker)
        checker.check()
    except Exception:
        session.expunge(obj)
        raise
    if flush:
        session.flush()
    return obj


@contextmanager
def edited(db: Database, model: type[R], kind: RecordKind, ident: int,
           expected_version: int | None) -> Iterator[tuple[Session, R, Checker]]:
    """One update as a unit of work: fetch, check the version the caller edited, let the block apply
    and validate the change, then flush (the version goes up even if only child rows changed)."""
    with db.unit_of_work() as session:
        obj = fetch(session, model, ident, kind)
        check_version(obj, expected_version, kind)
        touch(obj)
        checker = Checker(f"{word(kind)} {ident}")
        yield session, obj, checker
        checker.check()
        session.flush()


def delete_record(db: Database, model: type[R], kind: RecordKind, ident: int, expected_version: int | None,
                  refuse: Callable[[Session, R], InUseError | None] | None = None,
                  snapshot: Callable[[Session, R], Snapshot] | None = None) -> ChangeSet:
    """Delete a record unless ``refuse`` returns an InUseError (raised then).

    The change set names the record and, from ``snapshot`` (taken before the delete in the same unit of
    work), carries what ``services.changes.restore`` needs to bring it back.
    """
    with db.unit_of_work() as session:
        obj = fetch(session, model, ident, kind)
        check_version(obj, expected_version, kind)
        refused = refuse(session, obj) if refuse is not None else None
        if refused is not None:
            raise refused
        taken = _with_attachments(session, snapshot(session, obj)) if snapshot is not None else None
        session.delete(obj)
    also = frozenset(d.kind for d in taken.dependents) if taken else frozenset()
    return ChangeSet(kind, deleted=(ident,), also=also | _linked_kinds(taken), restore=taken)


def _with_attachments(session: Session, taken: Snapshot) -> Snapshot:
    """The snapshot with copies of the files attached to the record and to its dependents."""
    if taken.kind.value not in m.ATTACHMENT_OWNERS:
        return taken
    column = getattr(m.Attachment, f"{taken.kind.value}_id")
    copies = tuple(AttachmentCopy(a.id, a.uid, a.name, a.media_type, a.content)
                   for a in session.scalars(select(m.Attachment).where(column == taken.id).order_by(m.Attachment.id)))
    return replace(taken, attachments=copies,
                   dependents=tuple(_with_attachments(session, d) for d in taken.dependents))


def _linked_kinds(snapshot: Snapshot | None) -> frozenset[RecordKind]:
    if snapshot is None:
        return frozenset()
    kinds = {link.kind for link in snapshot.links}
    for dependent in snapshot.dependents:
        kinds |= _linked_kinds(dependent)
    return frozenset(kinds)


def count_uses(session: Session, uses: dict[str, Any]) -> dict[str, int]:
    """``{"visits": select(count)...}`` -> ``{"visits": 2}`` for the non-zero counts."""
    return {name: n for name, q in uses.items() if (n := session.scalar(q) or 0)}


def in_use(message: str, uses: dict[str, int], name: str) -> InUseError:
    """``message`` with ``{uses}`` replaced by "2 visits, 1 meeting"."""
    listed = ", ".join(plural(n, what[:-1] if what.endswith("s") else what, what) for what, n in uses.items())
    return InUseError(message.format(uses=listed), uses=uses, name=name)
