"""The Record menu: New (Ctrl+N), Edit (Ctrl+E, Enter in a list), Delete (Del), Mark done (Ctrl+D),
Duplicate visit (Ctrl+Shift+N), Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z) for the record kind of the current tab.

The window tells it the current kind and id (``current``) and refreshes its views from the change
sets that ``RecordActions.changed`` carries. Deleting asks first; a record still in use is not
deleted, and the message says what uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox, QWidget

from organizer.domain.enums import FollowUpStatus, RecordKind
from organizer.domain.errors import InUseError, OrganizerError
from organizer.gui.editors.sizes import fit_editor
from organizer.gui.kinds import EDITABLE, editor_class, kind_label
from organizer.gui.messages import error_text
from organizer.gui.undo import RecordActions, services_of

if TYPE_CHECKING:
    from organizer.gui.editors.base import EditorDialog
    from organizer.gui.settings import Settings
    from organizer.services.drafts import Draft


class _Editors(Mapping[RecordKind, "type[EditorDialog]"]):
    """The editor dialog of each kind (``gui.kinds``), imported when the first one opens (the window
    starts without the editors, their validation libraries and their models)."""

    def __contains__(self, kind: object) -> bool:
        return kind in EDITABLE

    def __getitem__(self, kind: RecordKind) -> type[EditorDialog]:
        return editor_class(kind)

    def __iter__(self) -> Iterator[RecordKind]:
        return (kind for kind in RecordKind if kind in EDITABLE)

    def __len__(self) -> int:
        return len(EDITABLE)


EDITORS: Mapping[RecordKind, type[EditorDialog]] = _Editors()

Current = Callable[[], tuple[RecordKind | None, int | None]]


def record_name(kind: RecordKind, detail: Any) -> str:
    """How a record is named in a question or an undo entry."""
    if kind is RecordKind.PERSON:
        return str(detail.full_name)
    data = detail.data
    return str(getattr(data, "title", None) or getattr(data, "name", None) or getattr(data, "description", ""))[:80]


class RecordMenu(QObject):
    """Builds the Record menu on ``window`` and carries out its actions."""

    def __init__(self, window: QMainWindow, records: RecordActions, current: Current) -> None:
        super().__init__(window)
        self.window = window
        self.records = records
        self.current = current
        self.editor: EditorDialog | None = None
        """The editor opened (or raised) last."""
        self.editors: dict[tuple[RecordKind, int | None], list[EditorDialog]] = {}
        """The open editors by (kind, id); new records' editors under (kind, None). Editors are windows of
        their own (not modal): several may be open while the main window stays usable, and a record
        already being edited is raised instead of being opened twice."""
        self.settings: Settings | None = None
        """Where each kind's editor size and splitters are kept (the window sets it)."""
        self.question: QMessageBox | None = None
        """The last question or message box shown (delete confirmation, in-use message)."""

        self.menu = QMenu(self.tr("&Record"), window)
        self.new_action = self._action(self.tr("&New…"), QKeySequence.StandardKey.New, self.new_record)
        self.edit_action = self._action(self.tr("&Edit…"), "Ctrl+E", self.edit_record)
        self.delete_action = self._action(self.tr("&Delete…"), QKeySequence.StandardKey.Delete, self.delete_record)
        self.done_action = self._action(self.tr("Mark &done"), "Ctrl+D", self.mark_done)
        self.paste_action = self._action(self.tr("&Paste people from a table…"), "Ctrl+Shift+V", self.paste_people)
        self.duplicate_action = self._action(self.tr("D&uplicate visit…"), "Ctrl+Shift+N", self.duplicate_visit)
        self.duplicate_action.setStatusTip(self.tr("A new visit with the same delegations and programme: next "
                                                   "year's, or the return visit"))
        self.undo_action = records.stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = records.stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        for action in (self.undo_action, self.redo_action):
            window.addAction(action)
        self.menu.addActions([self.new_action, self.edit_action, self.delete_action, self.done_action,
                              self.paste_action, self.duplicate_action])
        self.menu.addSeparator()
        self.menu.addActions([self.undo_action, self.redo_action])
        self.menu.aboutToShow.connect(self.update_actions)
        records.failed.connect(self._show_failure)

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def add_enter_to_edit(self, view: QWidget) -> None:
        """Enter in this list view edits the selected record."""
        action = QAction(view)
        action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: self.edit_record())
        view.addAction(action)

    def update_actions(self) -> None:
        kind, ident = self.current()
        self.new_action.setEnabled(kind in EDITABLE)
        self.edit_action.setEnabled(kind in EDITABLE and ident is not None)
        self.delete_action.setEnabled(kind in EDITABLE and ident is not None)
        self.done_action.setEnabled(kind is RecordKind.FOLLOWUP and ident is not None)
        self.duplicate_action.setEnabled(kind is RecordKind.VISIT and ident is not None)

    # --- actions ---------------------------------------------------------------------------------

    def open_editor(self, kind: RecordKind, ident: int | None = None, **context: Any) -> EditorDialog | None:
        """The editor of record ``ident`` of ``kind`` (a new one's for None), shown as a window of its own;
        a record already open in an editor has that editor raised instead."""
        if ident is not None:
            for editor in self.editors.get((kind, ident), []):
                if shiboken6.isValid(editor) and editor.isVisible():
                    editor.raise_()
                    editor.activateWindow()
                    self.editor = editor
                    return editor
        try:
            editor = EDITORS[kind](self.records, ident, self.window, **context)
        except OrganizerError as err:  # deleted meanwhile, database gone
            self._message(QMessageBox.Icon.Warning, error_text(err))
            return None
        return self.show_editor(editor)

    def show_editor(self, editor: EditorDialog) -> EditorDialog:
        """Show ``editor`` (built by ``open_editor`` or a draft's restore) non-modal, at its kind's
        remembered size, and keep track of it until it closes."""
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.setModal(False)
        editor.setWindowModality(Qt.WindowModality.NonModal)
        fit_editor(editor, self.settings)
        key = (editor.kind, editor.ident)
        self.editors.setdefault(key, []).append(editor)
        # partial over the menu and the key, never a closure over the editor (tests/gui/test_editor_lifetime.py)
        editor.finished.connect(partial(self._closed, key))
        editor.saved.connect(partial(self._saved, key))
        self.editor = editor
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def restore_draft(self, draft: Draft) -> EditorDialog | None:
        """Reopen the editor a draft was kept from (``services.drafts``) with its fields as typed; a
        record deleted meanwhile comes back as a new record's form, so no word is lost. The old draft
        file goes once the editor keeps its own."""
        editor: EditorDialog | None = None
        as_new = draft.ident is None
        if draft.ident is not None:
            try:
                editor = EDITORS[draft.kind](self.records, draft.ident, self.window)
            except OrganizerError:  # deleted meanwhile (or unreadable): the typed text as a new record
                editor = None
        if editor is None:
            as_new = True
            try:
                editor = EDITORS[draft.kind](self.records, None, self.window)
            except OrganizerError as err:
                self._message(QMessageBox.Icon.Warning, error_text(err))
                return None
        self.show_editor(editor)
        editor.restore_draft(draft, as_new=as_new)
        if editor.draft_path is not None and editor.draft_path != draft.path:
            from organizer.services.drafts import remove_draft

            self.records.call(remove_draft, draft.path)
        return editor

    def _live(self) -> list[EditorDialog]:
        return [e for group in self.editors.values() for e in group if shiboken6.isValid(e)]

    def _closed(self, key: tuple[RecordKind, int | None], _code: int) -> None:
        for editor in self.editors.get(key, []):
            if shiboken6.isValid(editor) and not editor.isVisible() and self.settings is not None:
                self.settings.save_editor(editor.kind.value, editor)
        group = [e for e in self.editors.get(key, []) if shiboken6.isValid(e) and e.isVisible()]
        if group:
            self.editors[key] = group
        else:
            self.editors.pop(key, None)

    def _saved(self, key: tuple[RecordKind, int | None], detail: Any) -> None:
        """A new record's editor saved: it now edits that record (another Edit of it raises this one)."""
        if key[1] is not None:
            return
        for editor in self.editors.get(key, []):
            if shiboken6.isValid(editor) and editor.ident == detail.meta.id:
                self.editors[key].remove(editor)
                self.editors.setdefault((editor.kind, editor.ident), []).append(editor)
                break

    def open_editors(self) -> list[EditorDialog]:
        """The editors open now."""
        return [e for e in self._live() if e.isVisible()]

    def close_editors(self) -> bool:
        """Close every open editor, each asking Save / Discard / Cancel if it has changes (before the window
        closes or another database opens); False, with the editors left open, if one was kept open."""
        for editor in self.open_editors():
            editor.raise_()
            if not editor.close():
                editor.activateWindow()
                return False
        return True

    def new_record(self) -> EditorDialog | None:
        kind, _ident = self.current()
        return self.open_editor(kind) if kind in EDITABLE else None

    def edit_record(self) -> EditorDialog | None:
        kind, ident = self.current()
        if kind not in EDITABLE or ident is None:
            return None
        return self.open_editor(kind, ident)

    def delete_record(self) -> QMessageBox | None:
        kind, ident = self.current()
        if kind not in EDITABLE or ident is None:
            return None
        try:
            detail = self.records.call(services_of(kind).get, self.records.db, ident)
            from organizer.services.changes import usage

            uses = self.records.call(usage, self.records.db, kind, ident)
        except OrganizerError as err:
            return self._message(QMessageBox.Icon.Warning, error_text(err))
        name = record_name(kind, detail)
        if uses:  # say so before asking anything: it cannot be deleted as it is
            return self._in_use(name, uses)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete"),
                          self.tr("Delete %1 “%2”?").replace("%1", kind_label(kind)).replace("%2", name),
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setInformativeText(self.tr("You can undo this with Ctrl+Z."))
        self.delete_button = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._delete(kind, ident, detail.meta.version, name) if button is self.delete_button
            else None)
        self.question = box
        box.open()
        return box

    def _delete(self, kind: RecordKind, ident: int, version: int, name: str) -> None:
        try:
            self.records.delete(kind, ident, version, name)
        except InUseError as err:  # became used after the question was asked
            self._in_use(name, err.uses) if err.uses else self._message(QMessageBox.Icon.Information, error_text(err))
        except OrganizerError as err:
            self._message(QMessageBox.Icon.Warning, error_text(err))

    def _in_use(self, name: str, uses: dict[str, int]) -> QMessageBox:
        listed = ", ".join(self._uses(what, count) for what, count in uses.items())
        text = self.tr("“%1” cannot be deleted: it is still used by %2.").replace("%1", name).replace("%2", listed)
        return self._message(QMessageBox.Icon.Information, text, self.tr("Remove it there first, then delete it."))

    def _uses(self, what: str, count: int) -> str:
        labels = {
            "visits": self.tr("%n visit(s)", "", count),
            "meetings": self.tr("%n meeting(s)", "", count),
            "agreements": self.tr("%n agreement(s)", "", count),
            "units": self.tr("%n unit(s)", "", count),
            "positions": self.tr("%n position(s)", "", count),
        }
        return labels.get(what, f"{count} {what}")

    def mark_done(self) -> QDialog | None:
        """Ask the day it was done and a note (``done_dialog``), then mark the current follow-up done (undoable)."""
        kind, ident = self.current()
        if kind is not RecordKind.FOLLOWUP or ident is None:
            return None
        from organizer.gui.done_dialog import ask_done
        from organizer.services import followups

        try:
            detail = self.records.call(followups.get_followup, self.records.db, ident)
        except OrganizerError as err:
            self._message(QMessageBox.Icon.Warning, error_text(err))
            return None
        if detail.data.status is FollowUpStatus.DONE:
            return None

        def done(day: date, note: str) -> None:
            try:
                self.records.update(kind, ident, detail.data, followups.done_data(detail.data, day, note),
                                    detail.meta.version)
            except OrganizerError as err:
                self._message(QMessageBox.Icon.Warning, error_text(err))

        self.done_dialog = ask_done(self.window, detail.data.description, done)
        return self.done_dialog

    def duplicate_visit(self, ident: int | None = None) -> QDialog | None:
        """Ask the copy's title, first day and sides (``gui.duplicate_dialog``), then copy the visit ``ident``
        (default: the one selected in the Visits tab) as a new planned visit (undoable), and open its editor."""
        if ident is None:
            kind, ident = self.current()
            if kind is not RecordKind.VISIT or ident is None:
                return None
        from organizer.gui.duplicate_dialog import ask_duplicate
        from organizer.services import visits

        try:
            detail = self.records.call(visits.get_visit, self.records.db, ident)
        except OrganizerError as err:
            self._message(QMessageBox.Icon.Warning, error_text(err))
            return None
        source = ident

        def duplicate(title: str, start: date | None, swap: bool) -> None:
            try:
                result = self.records.duplicate_visit(source, start=start, swap_sides=swap, title=title)
            except OrganizerError as err:
                self._message(QMessageBox.Icon.Warning, error_text(err))
                return
            self.open_editor(RecordKind.VISIT, result.visit.meta.id)

        self.duplicate_dialog = ask_duplicate(self.window, detail.data.title, detail.data.start_date,
                                              len(detail.programme), duplicate)
        return self.duplicate_dialog

    def paste_people(self) -> QDialog | None:
        """People copied from a spreadsheet, Word or a web page (the clipboard's table): the preview of who
        is found and who is new, then all of them written at once (``gui.paste_dialog``)."""
        # imported here: the dialog and services.pasting load the search and the ORM, not needed at start
        from organizer.gui.editors.table import clipboard
        from organizer.gui.paste_dialog import PasteDialog
        from organizer.services import pasting

        rows = pasting.read_pasted(*clipboard())
        if not rows:
            self.question = self._message(QMessageBox.Icon.Information, self.tr(
                "Copy a table of people first: one a row, with name, title and institution (from a "
                "spreadsheet, Word or a web page)."))
            return None
        dialog = PasteDialog(self.window, self.records, self.records.db, rows)

        def written(code: int) -> None:
            created = tuple(i for i, a in zip(dialog.person_ids, dialog.row_actions, strict=False)
                            if i is not None and a == "created")
            if code == QDialog.DialogCode.Accepted:
                from organizer.domain.changes import ChangeSet

                self.records.changed.emit(ChangeSet(RecordKind.PERSON, created=created,
                                                    also=frozenset({RecordKind.INSTITUTION})))

        dialog.finished.connect(written)
        dialog.open()
        return dialog

    def _message(self, icon: QMessageBox.Icon, text: str, informative: str = "") -> QMessageBox:
        box = QMessageBox(icon, self.tr("Organizer"), text, QMessageBox.StandardButton.Ok, self.window)
        if informative:
            box.setInformativeText(informative)
        self.question = box
        box.open()
        return box

    def _show_failure(self, what: str, why: str) -> None:
        self._message(QMessageBox.Icon.Warning, self.tr("“%1” could not be undone or redone.").replace("%1", what),
                      why)
