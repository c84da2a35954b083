"""Three-way merge of a conflicting edit, field by field, for every kind's ``*Data``.

When a save is refused because the record changed underneath (optimistic locking), three versions
of the record's input exist: ``base``, what the editor started from; ``mine``, the form as the user
left it; ``theirs``, what is stored now. ``three_way(base, mine, theirs)`` compares them per field:

- a field only I changed takes my value, a field only they changed takes theirs (automatically);
- a field both changed to the same value is no conflict;
- a field both changed differently is a ``FieldConflict``: the user chooses mine or theirs.

A field is compared as a whole: a list such as ``name_variants``, ``emails`` or ``positions`` is one
unit (merging inside a list would need an identity for each row that typed rows do not always have).
A nested record such as a visit's ``logistics`` is merged per field of its own (``logistics.lodging``).
Without a base (``None``) nobody can tell who changed a field: every difference is a conflict.

Fields that are not the user's input are left out (``Compare.SKIP`` in the kind's field table,
``domain.fields``): ``uid`` (always theirs) and a person's ``photo`` (``None`` in an input means "keep the
stored photo"; the photo has its own command). A nested record is merged per field where its table
says ``Compare.NESTED``.

Some of what differs is not a field of the input: a person's photo (``photo`` is ``None`` in an input
that keeps the stored one) and a record's attached files (stored at once, never by the form). The editor
passes them as ``extras`` (``{"photo": (base, mine, theirs)}``) so that they are listed and merged like
fields: a photo I chose is mine unless they changed it too and theirs is taken, and Keep theirs drops it
knowingly, never silently. Extras are not written into the input except the photo (``_new_photo``).

``resolve(plan, choices)`` builds the data to save: the automatic picks plus, per conflicting field,
``"mine"`` or ``"theirs"`` (mine when not chosen). Saving it goes through the normal update with the
current version, so a third change in between is refused again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, Generic, Literal, TypeVar

from organizer.domain.fields import Compare, table_of

T = TypeVar("T")
Side = Literal["mine", "theirs"]

_MISSING = object()


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field whose value differs between mine and theirs.

    ``name`` is the field's path (``"notes"``, ``"logistics.lodging"``); ``base`` is the value I started
    from (``None`` with ``has_base`` False when it is not known). ``taken`` is the side merged
    automatically (only that side changed the field), or None for a conflict.
    """

    name: str
    mine: Any
    theirs: Any
    base: Any = None
    has_base: bool = False
    taken: Side | None = None

    @property
    def conflict(self) -> bool:
        return self.taken is None


@dataclass(frozen=True, slots=True)
class MergePlan(Generic[T]):
    """The outcome of ``three_way``: every field where mine and theirs differ, and the data to start from."""

    mine: T
    theirs: T
    diffs: tuple[FieldDiff, ...]
    extras: frozenset[str] = frozenset()
    """The names of the diffs that are no field of the input (``three_way``'s ``extras``)."""

    @property
    def conflicts(self) -> tuple[FieldDiff, ...]:
        return tuple(d for d in self.diffs if d.conflict)

    @property
    def automatic(self) -> tuple[FieldDiff, ...]:
        return tuple(d for d in self.diffs if not d.conflict)

    def diff(self, name: str) -> FieldDiff:
        return next(d for d in self.diffs if d.name == name)


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{path: value}`` of a dataclass's fields, nested dataclasses (not lists of them) flattened."""
    found: dict[str, Any] = {}
    table = table_of(value)
    for f in fields(value):
        described = table.get(f.name) if table is not None else None
        if not prefix and described is not None and described.compare is Compare.SKIP:
            continue
        item = getattr(value, f.name)
        path = f"{prefix}{f.name}"
        nested = described.compare is Compare.NESTED if described is not None else is_dataclass(item)
        if nested and is_dataclass(item) and not isinstance(item, type):
            found.update(_leaves(item, path + "."))
        else:
            found[path] = item
    return found


def three_way(base: T | None, mine: T, theirs: T,
              extras: Mapping[str, tuple[Any, Any, Any]] | None = None) -> MergePlan[T]:
    """Compare the three versions of one record's input (see the module docstring); ``extras`` are
    (base, mine, theirs) of what differs beyond the input's fields (a photo, the attached files)."""
    if type(mine) is not type(theirs) or (base is not None and type(base) is not type(mine)):
        raise TypeError("three_way needs three inputs of the same kind")
    mine_values, theirs_values = _leaves(mine), _leaves(theirs)
    base_values = _leaves(base) if base is not None else {}
    extras = dict(extras or {})
    for name, (their_base, my_value, their_value) in extras.items():
        mine_values[name], theirs_values[name] = my_value, their_value
        if base is not None:
            base_values[name] = their_base
    diffs: list[FieldDiff] = []
    for name, my_value in mine_values.items():
        their_value = theirs_values[name]
        if my_value == their_value:
            continue
        original = base_values.get(name, _MISSING)
        has_base = original is not _MISSING
        taken: Side | None = None
        if has_base and original == my_value:
            taken = "theirs"  # I left it alone: their change stands
        elif has_base and original == their_value:
            taken = "mine"  # they left it alone: my change stands
        diffs.append(FieldDiff(name, my_value, their_value, original if has_base else None, has_base, taken))
    return MergePlan(mine, theirs, tuple(diffs), frozenset(extras))


def resolve(plan: MergePlan[T], choices: Mapping[str, Side] | None = None) -> T:
    """The merged input: theirs, with my value in every field taken from mine (automatically or by
    ``choices``; an unresolved conflict takes mine). Unknown field names in ``choices`` are an error."""
    choices = dict(choices or {})
    unknown = set(choices) - {d.name for d in plan.diffs}
    if unknown:
        raise KeyError(f"no differing field named {', '.join(sorted(unknown))}")
    mine_fields = {d.name for d in plan.diffs if (d.taken or choices.get(d.name, "mine")) == "mine"}
    values = {name: v for name, v in _leaves(plan.mine).items() if name in mine_fields}
    photo = _new_photo(plan.mine) if "photo" not in plan.extras or "photo" in mine_fields else {}
    return _with_values(plan.theirs, values | photo)


def keep_mine(plan: MergePlan[T]) -> T:
    """My whole input (every differing field mine, also where only they changed it), on top of the
    stored version: "overwrite". Extras are not written (the attached files stay as stored), but for
    the photo I chose."""
    return _with_values(plan.theirs, {d.name: d.mine for d in plan.diffs if d.name not in plan.extras}
                        | _new_photo(plan.mine))


def _new_photo(mine: Any) -> dict[str, Any]:
    """A photo I chose in the form travels with my side (``None`` means "unchanged")."""
    if getattr(mine, "photo", None) is None:
        return {}
    return {"photo": mine.photo, "photo_type": getattr(mine, "photo_type", "")}


def untouched_as_stored(mine: T, loaded: T, stored: T) -> T:
    """``mine`` with every field I did not touch set back to its stored value.

    ``loaded`` is what the form gave right after the stored record ``stored`` was loaded into it: a
    field where the form still gives that is untouched, even if the form writes it a little
    differently from the database (an order, a format), so it cannot show up as "my change".
    """
    loaded_values, stored_values = _leaves(loaded), _leaves(stored)
    same = {name: stored_values[name] for name, value in _leaves(mine).items()
            if name in loaded_values and loaded_values[name] == value and stored_values.get(name, value) != value}
    return _with_values(mine, same)


def _with_values(target: T, values: Mapping[str, Any]) -> T:
    """``target`` with the fields at these paths replaced (nested dataclasses rebuilt)."""
    top: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for path, value in values.items():
        head, dot, rest = path.partition(".")
        if dot:
            nested.setdefault(head, {})[rest] = value
        else:
            top[head] = value
    for head, inner in nested.items():
        top[head] = _with_values(getattr(target, head), inner)
    return replace(target, **top) if top else target  # type: ignore[type-var]
