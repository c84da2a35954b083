"""Record helpers every service module shares: lookups, optimistic locking, topic links, child rows,
and the create/update/delete skeleton every kind goes through (``Writes``).

The ORM (``models``) is imported on first use (``store.lazy``): the read paths never need it. The checks
of the input itself are in ``_checks``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, Protocol, TypeVar

from sqlalchemy import Connection, Row, Select, select

from organizer.domain.changes import AttachmentCopy, ChangeSet, Link, Snapshot
from organizer.domain.enums import RecordKind
from organizer.domain.errors import ConflictError, InUseError, NotFoundError, plural
from organizer.domain.kinds import word
from organizer.domain.records import RecordMeta
from organizer.domain.variants import from_mapping, texts
from organizer.services._checks import SHORT_LIMIT, Checker, valid_id
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import InstrumentedAttribute, Session

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


def stored_row(conn: Connection, query: Select[Any], ident: int, kind: RecordKind) -> Row[Any]:
    """The row ``query`` (which selects record ``ident`` by its id) finds; NotFoundError when it finds none, or
    without asking when ``ident`` is no valid id. What a kind's ``get_X`` reads first."""
    row = conn.execute(query).first() if valid_id(ident) else None
    if row is None:
        raise NotFoundError(kind, ident)
    return row


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
    created (before they are flushed: services flush only once a whole input is valid). A topic's name in
    another language (its ``variants``) finds it too, so «Импортозамещение» typed in the Russian window is
    the topic stored as "Import substitution", not a new one; a stored name wins over another's variant."""
    cache: dict[str, m.Topic] | None = session.info.get("topics_by_key")
    if cache is None:
        topics = list(session.scalars(select(m.Topic)))
        cache = {t.name.casefold(): t for t in topics}
        for topic in topics:
            for text in texts(from_mapping(topic.variants), "name"):
                cache.setdefault(text.casefold(), topic)
        session.info["topics_by_key"] = cache
    return cache


def replace_children(session: Session, owner: object, attr: str, new: list[Any], *,
                     fields: Sequence[str], key: Sequence[str] | None = None, pair_leftovers: bool = True,
                     clear_first: dict[str, Any] | None = None, keep_free_ids: bool = False,
                     carried: Sequence[str] = ()) -> None:
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

    ``carried`` (``("variants",)``): fields copied onto a matched stored row only when the new row sets
    them (not None): an input that leaves a row's language variants out keeps the stored ones.
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
        for f in carried:
            if (value := getattr(row, f)) is not None and getattr(stored, f) != value:
                setattr(stored, f, value)
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


class Detail(Protocol):
    """What a kind's ``get_X`` returns (``PersonDetail``...): a dataclass that carries a change set."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def changes(self) -> ChangeSet | None: ...


class Input(Protocol):
    """A kind's input (``PersonData``...): its values, and the uid it asks for (None: a new one)."""

    @property
    def uid(self) -> str | None: ...


D = TypeVar("D", bound=Input)
V = TypeVar("V", bound=Detail)


@dataclass(frozen=True)
class InUse(Generic[R]):
    """What keeps a kind's records from being deleted, and how a refusal says so."""

    counts: Callable[[int], dict[str, Any]]
    """Record id -> ``{"visits": select(count)...}``: the references that block a delete, by what they are."""
    name: Callable[[R], str]
    """The record's name in the refusal (``InUseError.name``)."""
    message: str
    """The refusal, with ``{name}`` (the name, quoted) and ``{uses}`` ("2 visits, 1 meeting")."""


@dataclass(frozen=True)
class Writes(Generic[R, D, V]):
    """One kind's create, update and delete: the skeleton every record service goes through.

    Each call is one unit of work: fetch (with the version the caller edited: ``ConflictError`` when
    another edit came first), let the kind's ``apply`` check the input and fill the record (every problem
    at once, in one ``ValidationError``; nothing is written before the input is valid), flush, then read
    the record back as stored with the kind's ``read`` and hand it back with its ``ChangeSet``. The audit
    trail and the search index follow the flush (``store.audit``, ``store.search``), whatever the kind.
    A kind gives only what is its own: its mapped class, its checks, its read, its snapshot for undo and
    what keeps it from being deleted.
    """

    kind: RecordKind
    model: Callable[[], type[R]]
    """The mapped class, asked for when a write starts (the ORM is imported on first use: ``store.lazy``)."""
    label: Callable[[D], str]
    """How a refused input is named ("visit 'Delegation from Tashkent'")."""
    apply: Callable[[Session, R, D, Checker], None]
    """Check the input and fill the record from it; problems go to the checker, raised (``checker.check()``)
    before child rows are written."""
    read: Callable[[Database, int], V]
    """The kind's ``get_X``: what a create or an update returns."""
    visit_of: Callable[[V], int | None] | None = None
    """The visit a record belongs to, whose view shows it too (``ChangeSet.also``); None: never one."""
    snapshot: Callable[[Session, R], Snapshot] | None = None
    """What undoing a delete needs, taken before the delete in its unit of work."""
    in_use: InUse[R] | None = None
    """What refuses a delete; None: nothing does."""
    also_deleted: frozenset[RecordKind] = frozenset()
    """Kinds whose views a delete changes besides those its snapshot names (a meeting's visit)."""
    restore_apply: Callable[[Session, R, D, Checker], None] | None = None
    """``apply`` for a deleted record created again with its old id (``create_in(ident=...)``); None: ``apply``."""

    def create_in(self, session: Session, data: D, *, flush: bool = True, ident: int | None = None) -> R:
        """Create a record in the caller's unit of work; flushed only once valid.

        ``flush=False`` leaves the insert to the caller's next flush: a bulk import flushes once per
        section, which lets SQLAlchemy batch the inserts (the record has no id until then). ``ident``
        asks for that id (restoring a deleted record); it must be free.
        """
        model = self.model()
        checker = Checker(self.label(data))
        obj = model()
        if ident is not None:
            if session.get(model, ident) is not None:
                checker.add("id", f"id {ident} is already used by another record", "id_taken", id=ident)
            obj.id = ident
        chosen = uid_free(session, model, data.uid, checker)
        if chosen:
            obj.uid = chosen
        session.add(obj)
        apply = self.restore_apply if ident is not None and self.restore_apply is not None else self.apply
        try:
            apply(session, obj, data, checker)
            checker.check()
        except Exception:
            session.expunge(obj)
            raise
        if flush:
            session.flush()
        return obj

    def create(self, db: Database, data: D) -> V:
        with db.unit_of_work() as session:
            ident = self.create_in(session, data).id
        detail = self.read(db, ident)  # as stored (collections in their stored order)
        return replace(detail, changes=ChangeSet.of_create(self.kind, ident, visit=self._visit(detail)))

    def update_in(self, session: Session, obj: R, data: D) -> None:
        """Apply ``data`` to a stored record inside the caller's unit of work (an import adding what a vCard
        brings); ValidationError if it breaks a rule. The version goes up as with any edit."""
        self._edit(session, obj, lambda session, obj, checker: self.apply(session, obj, data, checker))

    def update(self, db: Database, ident: int, data: D, expected_version: int | None = None) -> V:
        return self.change(db, ident, expected_version, lambda session, obj, checker: self.apply(session, obj, data,
                                                                                                  checker))

    def change(self, db: Database, ident: int, expected_version: int | None,
               edit: Callable[[Session, R, Checker], None]) -> V:
        """An update that ``edit`` makes (it checks what it sets; problems go to the checker), as ``update``."""
        with db.unit_of_work() as session:
            obj = fetch(session, self.model(), ident, self.kind)
            check_version(obj, expected_version, self.kind)
            self._edit(session, obj, edit)
            session.flush()
        detail = self.read(db, ident)
        return replace(detail, changes=ChangeSet.of_update(self.kind, ident, visit=self._visit(detail)))

    def _edit(self, session: Session, obj: R, edit: Callable[[Session, R, Checker], None]) -> None:
        touch(obj)  # the version goes up even if only child rows changed
        checker = Checker(f"{word(self.kind)} {obj.id}")
        edit(session, obj, checker)
        checker.check()

    def uses(self, db: Database, ident: int) -> dict[str, int]:
        """What keeps the record from being deleted: ``{"visits": 1, "meetings": 4}`` ({} if nothing)."""
        with db.reader() as session:
            fetch(session, self.model(), ident, self.kind)
            return self._uses(session, ident)

    def delete(self, db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
        """Delete a record unless something keeps it (``InUseError``, naming what and how many).

        The change set names the record and, from ``snapshot``, carries what ``services.changes.restore``
        needs to bring it back.
        """
        with db.unit_of_work() as session:
            obj = fetch(session, self.model(), ident, self.kind)
            check_version(obj, expected_version, self.kind)
            if self.in_use is not None and (used := self._uses(session, ident)):
                raise in_use(self.in_use.message, used, self.in_use.name(obj))
            taken = _with_attachments(session, self.snapshot(session, obj)) if self.snapshot is not None else None
            session.delete(obj)
        also = frozenset(d.kind for d in taken.dependents) if taken else frozenset()
        return ChangeSet(self.kind, deleted=(ident,), also=also | _linked_kinds(taken) | self.also_deleted,
                         restore=taken)

    def _uses(self, session: Session, ident: int) -> dict[str, int]:
        counts = self.in_use.counts(ident) if self.in_use is not None else {}
        return {name: n for name, q in counts.items() if (n := session.scalar(q) or 0)}

    def _visit(self, detail: V) -> int | None:
        return self.visit_of(detail) if self.visit_of is not None else None


def links_to(session: Session, ident: int, *columns: InstrumentedAttribute[int | None]) -> tuple[Link, ...]:
    """The references to record ``ident`` a delete cuts, for its snapshot: for each column (``m.FollowUp.visit_id``)
    the records whose column holds it, as ``Link``s a restore puts back. One statement a column."""
    kind_of: dict[Any, RecordKind] = {model: kind for kind, model in m.RECORD_MODELS.items()}
    return tuple(Link(kind_of[column.class_], ref, column.key) for column in columns
                 for ref in session.scalars(select(column.class_.id).where(column == ident)))


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


def in_use(message: str, uses: dict[str, int], name: str) -> InUseError:
    """``message`` with ``{name}`` replaced by the name, quoted, and ``{uses}`` by "2 visits, 1 meeting" (a
    name with braces in it stays as it is)."""
    listed = ", ".join(plural(n, what[:-1] if what.endswith("s") else what, what) for what, n in uses.items())
    return InUseError(message.format(name=repr(name), uses=listed), uses=uses, name=name)
