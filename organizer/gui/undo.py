"""Undoable record changes: every create, edit and delete in the window is a ``QUndoCommand``.

``RecordActions`` owns the ``QUndoStack`` of one open database. Its ``create``/``update``/``delete``
call the service first (so a refused input raises to the editor, which shows the message, and
nothing enters the stack), then push a command that holds only ids, the data before and after, and
the snapshot a delete handed back. ``undo()``/``redo()`` call the services again: undoing a create
deletes the record, undoing a delete restores it with its id and uid (``services.changes.restore``),
undoing an edit writes the old data back. Every step checks the version it expects, so a record
changed elsewhere meanwhile is not overwritten: the step fails with a message (``failed``), and the
command leaves the stack. After each step ``changed`` carries the services' change set, from which the
window refreshes the views concerned.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.gui.kinds import kind_label
from organizer.gui.messages import error_text
from organizer.gui.tasks import P, R, TaskRunner, call

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.domain.changes import ChangeSet
    from organizer.services.kinds import Editing
    from organizer.store.database import Database


def services_of(kind: RecordKind) -> Editing:
    """The create/get/update/delete services of ``kind`` (``services.kinds``: each entry is the service
    function itself, ``people.update_person``...), imported on first use: the window starts without the
    services' write paths (see bench/README.md, bench_gui)."""
    from organizer.services.kinds import editing

    return editing(kind)


def _changes() -> type[ChangeSet]:
    """``domain.changes.ChangeSet``, imported with the first change (not before the window's first rows)."""
    from organizer.domain.changes import ChangeSet

    return ChangeSet


class RecordActions(QObject):
    """The undo stack of one database and the three undoable operations on records."""

    changed = Signal(object)
    """A ``ChangeSet``: something was created, edited, deleted, undone or redone."""
    failed = Signal(str, str)
    """(what, why): an undo or redo step could not be carried out (the record changed elsewhere...)."""
    attachments_changed = Signal(object, int)
    """(owner kind, owner id): a file was attached to or removed from that record."""

    def __init__(self, db: Database, parent: QObject | None = None, *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner if runner is not None else TaskRunner(self)
        """Where the service calls of saves, undo steps and editors run (the window's one runner)."""
        self.stack = QUndoStack(self)
        self._versions: dict[tuple[RecordKind, int], int] = {}

    def call(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """``fn(*args, **kwargs)`` (a service call) on a worker thread, waited for (``gui.tasks.call``)."""
        return call(self.runner, fn, *args, **kwargs)

    # --- the version each record had when this stack last wrote or read it --------------------------

    def remember(self, kind: RecordKind, detail: Any) -> None:
        self._versions[(kind, detail.meta.id)] = detail.meta.version

    def version(self, kind: RecordKind, ident: int) -> int | None:
        return self._versions.get((kind, ident))

    def forget(self, kind: RecordKind, ident: int) -> None:
        self._versions.pop((kind, ident), None)

    # --- operations (raise OrganizerError: nothing is pushed then) -----------------------------------

    def create(self, kind: RecordKind, data: Any) -> Any:
        detail = self.call(services_of(kind).create, self.db, data)
        self.remember(kind, detail)
        self.stack.push(_CreateCommand(self, kind, detail.meta.id, self._describe(kind, data)))
        self.changed.emit(detail.changes or _changes().of_create(kind, detail.meta.id))
        return detail

    def update(self, kind: RecordKind, ident: int, before: Any, after: Any, expected_version: int | None) -> Any:
        detail = self.call(services_of(kind).update, self.db, ident, after, expected_version)
        self.remember(kind, detail)
        self.stack.push(_UpdateCommand(self, kind, ident, before, after, self._describe(kind, after, edit=True)))
        self.changed.emit(detail.changes or _changes().of_update(kind, ident))
        return detail

    def delete(self, kind: RecordKind, ident: int, expected_version: int | None, name: str = "") -> ChangeSet:
        done = self.call(services_of(kind).delete, self.db, ident, expected_version)
        self.forget(kind, ident)
        text = self.tr("Delete %1 “%2”").replace("%1", kind_label(kind)).replace("%2", name)
        self.stack.push(_DeleteCommand(self, kind, ident, done, text))
        self.changed.emit(done)
        return done

    def duplicate_visit(self, ident: int, *, start: date | None, swap_sides: bool, title: str | None) -> Any:
        """A new planned visit copied from visit ``ident`` (``services.visit_copy``), undoable: undo deletes it
        with the meetings and programme items copied into it, redo brings them back with their ids. Returns the
        service's ``DuplicateResult``; raises OrganizerError (nothing is pushed then)."""
        from organizer.services.visit_copy import duplicate_visit

        result = self.call(duplicate_visit, self.db, ident, start=start, swap_sides=swap_sides, title=title)
        detail = result.visit
        self.remember(RecordKind.VISIT, detail)
        text = self.tr("Duplicate visit “%1”").replace("%1", detail.data.title[:60])
        self.stack.push(_CreateCommand(self, RecordKind.VISIT, detail.meta.id, text))
        self.changed.emit(detail.changes or _changes().of_create(RecordKind.VISIT, detail.meta.id))
        return result

    def attach(self, owner: RecordKind, owner_id: int, name: str, content: bytes, media_type: str = "") -> Any:
        """Attach a file to a record (undoable); raises OrganizerError (too large, owner gone)."""
        from organizer.services import attachments

        row = self.call(attachments.add_attachment, self.db, owner, owner_id, name, content, media_type)
        self.stack.push(AttachmentCommand(self, owner, owner_id, row, content, add=True))
        self.attachments_changed.emit(owner, owner_id)
        return row

    def detach(self, owner: RecordKind, owner_id: int, row: Any) -> None:
        """Remove an attached file (undoable: the command keeps its bytes)."""
        from organizer.services import attachments

        content = self.call(attachments.attachment_content, self.db, row.id)
        self.call(attachments.delete_attachment, self.db, row.id)
        self.stack.push(AttachmentCommand(self, owner, owner_id, row, content, add=False))
        self.attachments_changed.emit(owner, owner_id)

    def _describe(self, kind: RecordKind, data: Any, *, edit: bool = False) -> str:
        name = next((str(getattr(data, f)) for f in ("title", "name", "description", "display_name", "family_name")
                     if getattr(data, f, "")), "")
        template = self.tr("Edit %1 “%2”") if edit else self.tr("New %1 “%2”")
        return template.replace("%1", kind_label(kind)).replace("%2", name[:60])


class StackCommand(QUndoCommand):
    """A command on the stack of a ``RecordActions``, which it holds weakly. The stack is a child of the
    actions and owns its commands: a command holding its actions made a cycle (actions -> stack -> command
    -> actions) that only the garbage collector freed, and PySide6 crashed the process when it broke it
    ("Fatal Python error: Segmentation fault ... Garbage-collecting": the commands' C++ objects go with
    the stack while their wrappers are being cleared; tests/gui/test_editor_lifetime.py)."""

    def __init__(self, actions: RecordActions, text: str) -> None:
        super().__init__(text)
        self._actions = weakref.ref(actions)

    @property
    def actions(self) -> RecordActions:
        actions = self._actions()
        if actions is None:  # cannot happen while the command is on its stack: the stack goes with them
            raise RuntimeError("the command outlived its RecordActions")
        return actions


class _RecordCommand(StackCommand):
    """Runs its service calls, reports the change set or the failure; the first redo() was done already."""

    def __init__(self, actions: RecordActions, kind: RecordKind, ident: int, text: str) -> None:
        super().__init__(actions, text)
        self.kind = kind
        self.ident = ident
        self._pushed = True

    def redo(self) -> None:
        if self._pushed:  # QUndoStack.push calls redo(); the operation has been carried out already
            self._pushed = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], ChangeSet]) -> None:
        try:
            done = step()
        except OrganizerError as err:
            self.setObsolete(True)
            self.actions.failed.emit(self.text(), error_text(err))
            return
        self.actions.changed.emit(done)

    def do(self) -> ChangeSet:
        raise NotImplementedError

    def revert(self) -> ChangeSet:
        raise NotImplementedError


class _CreateCommand(_RecordCommand):
    def __init__(self, actions: RecordActions, kind: RecordKind, ident: int, text: str) -> None:
        super().__init__(actions, kind, ident, text)
        self._gone: ChangeSet | None = None

    def revert(self) -> ChangeSet:
        self._gone = self.actions.call(services_of(self.kind).delete, self.actions.db, self.ident,
                                       self.actions.version(self.kind, self.ident))
        self.actions.forget(self.kind, self.ident)
        return self._gone

    def do(self) -> ChangeSet:
        from organizer.services import changes

        assert self._gone is not None and self._gone.restore is not None
        done = self.actions.call(changes.restore, self.actions.db, self._gone.restore)
        self.actions.remember(self.kind, self.actions.call(services_of(self.kind).get, self.actions.db, self.ident))
        return done


class _DeleteCommand(_RecordCommand):
    def __init__(self, actions: RecordActions, kind: RecordKind, ident: int, done: ChangeSet, text: str) -> None:
        super().__init__(actions, kind, ident, text)
        self._gone = done

    def revert(self) -> ChangeSet:
        from organizer.services import changes

        assert self._gone.restore is not None
        done = self.actions.call(changes.restore, self.actions.db, self._gone.restore)
        self.actions.remember(self.kind, self.actions.call(services_of(self.kind).get, self.actions.db, self.ident))
        return done

    def do(self) -> ChangeSet:
        self._gone = self.actions.call(services_of(self.kind).delete, self.actions.db, self.ident,
                                       self.actions.version(self.kind, self.ident))
        self.actions.forget(self.kind, self.ident)
        return self._gone


class _UpdateCommand(_RecordCommand):
    def __init__(self, actions: RecordActions, kind: RecordKind, ident: int, before: Any, after: Any,
                 text: str) -> None:
        super().__init__(actions, kind, ident, text)
        self.before = before
        self.after = after

    def _write(self, data: Any) -> ChangeSet:
        detail = self.actions.call(services_of(self.kind).update, self.actions.db, self.ident, data,
                                   self.actions.version(self.kind, self.ident))
        self.actions.remember(self.kind, detail)
        changes_made: ChangeSet = detail.changes or _changes().of_update(self.kind, self.ident)
        return changes_made

    def revert(self) -> ChangeSet:
        return self._write(self.before)

    def do(self) -> ChangeSet:
        return self._write(self.after)


class AttachmentCommand(StackCommand):
    """Adding (``add=True``) or removing a file attached to a record; the file's bytes are kept here, so
    undoing a removal adds the same file back."""

    def __init__(self, actions: RecordActions, owner: RecordKind, owner_id: int, row: Any, content: bytes,
                 *, add: bool) -> None:
        verb = actions.tr("Attach “%1”") if add else actions.tr("Remove file “%1”")
        super().__init__(actions, verb.replace("%1", row.name))
        self.owner, self.owner_id, self.row, self.content, self.add = owner, owner_id, row, content, add
        self._pushed = True

    def _attach(self) -> None:
        from organizer.services import attachments

        # the old id when it is free: the command that added the file (further down the stack) removes it by id
        self.row = self.actions.call(attachments.add_attachment, self.actions.db, self.owner, self.owner_id,
                                     self.row.name, self.content, self.row.media_type, ident=self.row.id)

    def _detach(self) -> None:
        from organizer.services import attachments

        self.actions.call(attachments.delete_attachment, self.actions.db, self.row.id)

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except OrganizerError as err:
            self.setObsolete(True)
            self.actions.failed.emit(self.text(), error_text(err))
            return
        self.actions.attachments_changed.emit(self.owner, self.owner_id)

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self._run(self._attach if self.add else self._detach)

    def undo(self) -> None:
        self._run(self._detach if self.add else self._attach)
