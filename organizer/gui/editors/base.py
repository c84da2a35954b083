"""The editor dialog every record kind shares: fields with their problems next to them, validation as
you type (the services' own checks, ``services.validation.problems_of``), saving through the undo
stack, and, when the record was changed elsewhere meanwhile, both versions side by side with the choice
of keeping mine, keeping theirs or merging field by field (``gui.conflict_dialog``).

An editor subclass builds its fields with ``add_field`` and implements ``collect`` (the form as the
service's ``*Data``) and ``load`` (a stored record into the form). Nothing here knows SQL or rules.

Nothing typed is lost by leaving: Esc, Cancel or the window's close button on a form that differs from
what it showed when it opened asks Save / Discard / Cancel (``ask_keep_changes``). Nor by a crash: a
moment (``DRAFT_DELAY_MS``) after the last change, a form with changes is kept on disk as a draft
(``services.drafts``, the fields as ``editors.drafting`` reads them); saving or discarding removes it,
and a draft a killed process left is offered back at the next start (``restore_draft``).

Longer than 500 lines: one class, the frame every editor shares, in sections (building, validation,
leaving with changes, drafts, saving, conflicts); what each section needs beyond the dialog lives in its
own module already (``drafting``, ``sizes``, ``gui.conflict_dialog``, ``domain.conflicts``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.conflicts import three_way, untouched_as_stored
from organizer.domain.enums import RecordKind
from organizer.domain.errors import ConflictError, OrganizerError, Problem, ValidationError
from organizer.domain.fields import KINDS, Field, FieldTable, from_column
from organizer.gui.conflict_dialog import ATTACHMENTS, THEIRS, ConflictDialog, references
from organizer.gui.editors.attachments import AttachmentsPanel
from organizer.gui.editors.drafting import apply_state, as_new_record, form_state
from organizer.gui.editors.fields import InvalidInputError, generic_widget
from organizer.gui.editors.sizes import fit_field
from organizer.gui.editors.variants import add_variants_page, with_variants
from organizer.gui.kinds import kind_label
from organizer.gui.messages import error_text, field_label, problem_text
from organizer.gui.undo import RecordActions
from organizer.services import drafts
from organizer.services.attachments import list_attachments
from organizer.services.names import record_names
from organizer.services.validation import problems_of

if TYPE_CHECKING:
    from pathlib import Path

    from organizer.store.database import Database

CHECK_DELAY_MS = 300
"""Validation runs this long after the last keystroke."""
DRAFT_DELAY_MS = 1500
"""A form with changes is kept on disk as a draft this long after the last change."""
_serials = itertools.count(1)

_FIELD_ROOT = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.(.+))?$")


def record_name_of(detail: Any) -> str:
    """A stored record's name, for a draft's title."""
    name = getattr(detail, "full_name", None) or getattr(detail.data, "title", None) or getattr(
        detail.data, "name", None) or getattr(detail.data, "description", "")
    return " ".join(str(name).split())[:80]


_UNSET: Any = object()
_UNREADABLE: Any = object()


class EditorDialog(QDialog):
    """A record's editor; ``saved`` carries the stored detail after a successful save."""

    kind: RecordKind
    read: Callable[[Database, int], Any]
    """The service that reads the edited record, named by each editor (``read = staticmethod(people.get_person)``)
    so that "go to definition" leads from the editor to its service."""
    saved = Signal(object)

    def __init__(self, actions: RecordActions, ident: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = actions
        self.db = actions.db
        self.ident = ident
        self.detail: Any = None
        self.version: int | None = None
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        self._generic: tuple[Field, ...] = ()
        self.conflict_box: ConflictDialog | None = None
        self._conflict_theirs: Any = None
        self._loaded_form: Any = None
        self._pristine: Any = _UNSET
        """The form as it opened (the stored record, or the empty or pre-filled new form): leaving with
        anything else asks first."""
        self.local_problems: dict[str, Problem] = {}
        """Problems ``collect`` found itself (a row without its person): the row is left out of the data."""
        self._loading = False
        self.setMinimumWidth(560)

        self.pages = QTabWidget()
        # The keyboard starts in the first field (not on the page tabs); Alt+letter or Ctrl+Tab switch pages.
        self.pages.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.general_error = self._error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_shortcut = QAction(self)  # Ctrl+S saves from any field, as in every editor people know
        self.save_shortcut.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.triggered.connect(self.buttons.accepted)
        self.addAction(self.save_shortcut)
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText))
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self.draft_path: Path | None = None
        """Where this editor's draft is kept (None until it first has changes)."""
        self.draft_problem = ""
        """Why the last draft could not be written ("" when it was)."""
        self._pristine_state: dict[str, Any] = {}
        self.variants_panel: Any = None  # the Languages page (editors.variants), once the form is filled

    # --- building --------------------------------------------------------------------------------

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet("color: #b00020;")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def page(self, title: str) -> QFormLayout:
        """A new page (tab) of fields; it scrolls up and down when the window is lower than its fields (a
        small screen), never sideways: its fields take the window's width."""
        widget = QWidget()
        form = QFormLayout(widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        scroll = QScrollArea()
        scroll.setWidget(widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages.addTab(scroll, title)
        return form

    def add_field(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> Any:
        """Put ``widget`` (the input for data field ``name``) on ``form`` with a problem label below it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = self._error_label()
        error.setObjectName(f"error_{name}")
        column.addWidget(error)
        form.addRow(label, box)
        widget.setAccessibleName(label.replace("&", ""))
        view = getattr(widget, "view", None)
        if isinstance(view, QAbstractItemView) and not view.objectName():
            # remembered column widths (Settings.save_editor) keyed by the field, not by the table's
            # position, which differs between a stored record's editor (a Languages table) and a new one's
            view.setObjectName(name)
        fit_field(widget)
        if not self.widgets:
            widget.setFocus()  # the first field: where the keyboard starts when the editor opens
        self.errors[name] = error
        self.widgets[name] = widget
        signal = getattr(widget, "edited", None)
        if signal is not None:
            signal.connect(self.schedule_check)
        return widget

    def add_generic_fields(self, table: FieldTable, pages: dict[str, QFormLayout]) -> None:
        """Put an input for each of ``table``'s generic fields (``Field.page``) at the end of its page
        (``pages`` by the table's page names), labelled as the field tables label it; it is the
        attribute of the field's name (``self.gender``). ``load_generic``/``generic_values`` fill and
        read them."""
        for fld in table.generic:
            label = QCoreApplication.translate("Fields", fld.label)
            setattr(self, fld.name, self.add_field(pages[fld.page], fld.name, label, generic_widget(fld)))
        self._generic = table.generic

    def load_generic(self, data: Any) -> None:
        for fld in self._generic:
            getattr(self, fld.name).set_value(getattr(data, fld.name))

    def generic_values(self) -> dict[str, Any]:
        """The generic fields' values as the ``*Data`` takes them (an enum member, a bool, a text)."""
        return {fld.name: from_column(fld, getattr(self, fld.name).value()) for fld in self._generic}

    # --- what a subclass provides ----------------------------------------------------------------

    def collect(self) -> Any:
        """The form as the service's ``*Data``; InvalidInputError(field) for text that is no value."""
        raise NotImplementedError

    def load(self, detail: Any) -> None:
        """Fill the form from a stored record."""
        raise NotImplementedError

    def before_data(self) -> Any:
        """The data to write back when the edit is undone."""
        return self.detail.data

    # --- validation ------------------------------------------------------------------------------

    def add_files_page(self) -> None:
        """A page with the record's attached files (for kinds that take attachments)."""
        self.files = AttachmentsPanel(self.records, self.kind, self.ident)
        widget = QWidget()
        QVBoxLayout(widget).addWidget(self.files)
        self.pages.addTab(widget, self.tr("F&iles"))

    def offer(self, fn: Any, *args: Any) -> Any:
        """A chooser's list, ``fn(db, *args)`` from ``editors.choices``, read on a worker thread."""
        return self.records.call(fn, self.db, *args)

    def open_record(self) -> None:
        """Read the record being edited (``ident``) into the form."""
        if self.ident is None:
            return
        self._show_record(self.records.call(self.read, self.db, self.ident))

    def _show_record(self, detail: Any) -> None:
        self._loading = True
        try:
            self.load(detail)
            self.variants_panel = add_variants_page(self, detail.data)
        finally:
            self._loading = False
        self.detail = detail
        self.version = detail.meta.version
        try:  # the form as it gives the stored record back: what "untouched" looks like (conflicts)
            self._loaded_form = with_variants(self.variants_panel, self.collect())
        except (InvalidInputError, OrganizerError):
            self._loaded_form = None
        self._pristine = self._loaded_form
        self._pristine_state = form_state(self.widgets)
        self.local_problems = {}
        self.show_problems({})

    # --- leaving with changes ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        if self._pristine is _UNSET:  # a new record's form, with what the caller filled in
            self.variants_panel = add_variants_page(self, None)
            self._pristine = self._form_now()
            self._pristine_state = form_state(self.widgets)
        super().showEvent(event)

    def _form_now(self) -> Any:
        problems = dict(self.local_problems)
        try:
            return with_variants(self.variants_panel, self.collect())
        except (InvalidInputError, OrganizerError):
            return _UNREADABLE
        finally:
            self.local_problems = problems

    def has_changes(self) -> bool:
        """The form differs from what it showed when it opened (text that is no value counts as a change)."""
        if self._pristine is _UNSET:
            return False
        now = self._form_now()
        return now is _UNREADABLE or now != self._pristine

    def ask_keep_changes(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel, asked when the form is left with changes."""
        return QMessageBox.question(
            self, self.windowTitle() or self.tr("Unsaved changes"),
            self.tr("Save your changes before closing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)

    def reject(self) -> None:
        """Esc, Cancel, the close button: with changes, ask first; Save keeps the form open if it cannot
        be saved (the problems are shown), Cancel keeps it as it is."""
        if self.has_changes():
            answer = self.ask_keep_changes()
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def schedule_check(self) -> None:
        if not self._loading:
            self._timer.start()
            self._draft_timer.start()

    # --- drafts ------------------------------------------------------------------------------------

    def draft_extra(self) -> dict[str, Any]:
        """What a draft keeps beyond the fields (a chosen photo), by names starting with ``+``."""
        return {}

    def restore_extra(self, extra: dict[str, Any]) -> None:
        """Put back what ``draft_extra`` kept."""

    def keep_draft(self) -> None:
        """Write the form to its draft now (remove the draft if the form has no changes)."""
        self._draft_timer.stop()
        if not shiboken6.isValid(self.general_error):
            return
        if not self.has_changes():
            self.drop_draft()
            return
        if self.draft_path is None:
            self.draft_path = drafts.draft_path(self.db, self.kind, self.ident, next(_serials))
        name = record_name_of(self.detail) if self.detail is not None else ""
        title = f"{self.windowTitle()}: {name}" if name else self.windowTitle()
        try:
            self.records.call(drafts.save_draft, self.db, self.draft_path, self.kind, self.ident, title,
                              form_state(self.widgets) | self.draft_extra(), self._pristine_state, self.version)
            self.draft_problem = ""
        except (OrganizerError, OSError, TypeError) as err:  # a full disk: the form itself is kept
            self.draft_problem = str(err)

    def drop_draft(self) -> None:
        """Remove this editor's draft (saved, discarded)."""
        self._draft_timer.stop()
        path, self.draft_path = self.draft_path, None
        if path is not None:
            self.records.call(drafts.remove_draft, path)

    def restore_draft(self, draft: drafts.Draft, *, as_new: bool = False) -> list[str]:
        """Put a draft's fields back into this (shown) editor: those the user had changed; the others show
        the record as stored now. ``as_new`` (a new record's form, or a record deleted meanwhile): every
        field, without the ids of stored rows. Keeps it as this editor's own draft at once. Returns the
        fields put back."""
        fields = as_new_record(draft.fields) if as_new else draft.fields
        restored = apply_state(self.widgets, fields, {} if as_new else draft.pristine)
        self.restore_extra({k: v for k, v in draft.fields.items() if k.startswith("+")})
        if draft.ident is not None and draft.ident == self.ident and draft.version is not None \
                and self.version is not None and draft.version != self.version:
            self.show_problems({"": Problem("changed", self.tr(
                "This record was changed since the draft was kept: the fields you had not changed show the "
                "stored values now."))})
        self.keep_draft()
        return restored

    def done(self, result: int) -> None:
        """Closed for good (saved, discarded or without changes): the draft goes."""
        if shiboken6.isValid(self._draft_timer):
            self.drop_draft()
        super().done(result)

    def require_choice(self, name: str, value: Any) -> bool:
        """For ``collect``: False (and a "must not be empty" problem at ``name``) if nothing was chosen."""
        if value is None:
            self.local_problems[name] = Problem("required", "must not be empty")
            return False
        return True

    def _collect_or_show(self) -> Any:
        self.local_problems = {}
        try:
            return with_variants(self.variants_panel, self.collect())
        except InvalidInputError as err:
            name = str(err.args[0]) if err.args else ""
            self.show_problems({name: Problem("invalid_input", self.tr("is not a valid date or time"))})
            return None

    def check_now(self) -> dict[str, Problem]:
        """Run the services' checks on the form now and show what they find."""
        self._timer.stop()
        data = self._collect_or_show()
        if data is None:
            return {"": Problem("invalid_input", "")}
        try:
            problems = self.records.call(problems_of, self.db, self.kind, data)
        except OrganizerError as err:  # e.g. the database went away: say so, keep the form
            problems = {"": Problem("error", error_text(err))}
        if not shiboken6.isValid(self.general_error):  # closed and deleted while the check ran
            return problems
        problems = self.local_problems | problems
        self.show_problems(problems)
        return problems

    def show_problems(self, problems: dict[str, Problem]) -> None:
        texts: dict[str, list[str]] = {}
        for name, problem in problems.items():
            match = _FIELD_ROOT.match(name)
            root, row, rest = (match.group(1), match.group(2), match.group(3)) if match else ("", None, None)
            text = problem_text(problem) if problem.text or problem.code != "invalid_input" else ""
            # a nested field by its label in the interface language ("row 1, Institution"), never its name
            inner = field_label(name, KINDS.get(self.kind.value)) if rest is not None else ""
            if row is not None:
                where = self.tr("row %1").replace("%1", str(int(row) + 1))
                text = f"{where}: {text}" if rest is None else f"{where}, {inner}: {text}"
            elif rest is not None:
                text = f"{inner}: {text}"
            target = root if root in self.errors else ""
            if text:
                texts.setdefault(target, []).append(text)
        for name, label in [*self.errors.items(), ("", self.general_error)]:
            lines = texts.get(name, [])
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))

    def problem_shown(self, name: str) -> str:
        """The problem text shown next to field ``name`` ("" if none): for tests and accessibility."""
        label = self.errors.get(name, self.general_error)
        return label.text() if label.isVisible() or label.text() else ""

    # --- saving ----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save through the undo stack; on a problem keep the dialog open and show it."""
        data = self._collect_or_show()
        if data is None:
            return False
        if self.local_problems:
            self.show_problems(self.local_problems)
            return False
        return self.save_data(data)

    def save_data(self, data: Any) -> bool:
        """Save ``data`` (the form's, or a conflict's resolution) as this record."""
        try:
            if self.ident is None:
                detail = self.records.create(self.kind, data)
            else:
                detail = self.records.update(self.kind, self.ident, self.before_data(), data, self.version)
        except ValidationError as err:
            self.show_problems(err.issues)
            return False
        except ConflictError:
            self.ask_conflict(data)
            return False
        except OrganizerError as err:
            self.show_problems({"": Problem("error", error_text(err))})
            return False
        self.detail, self.ident, self.version = detail, detail.meta.id, detail.meta.version
        self.saved.emit(detail)
        self.accept()
        return True

    def ask_conflict(self, mine: Any = None) -> ConflictDialog | None:
        """The record changed elsewhere: show both versions and offer keep mine, keep theirs or a merge
        field by field (``gui.conflict_dialog``). None if the record is gone (the message says so)."""
        try:
            theirs = (self.records.call(self.read, self.db, self.ident) if self.ident is not None
                      else None)
        except OrganizerError as err:  # deleted meanwhile
            self.show_problems({"": Problem("error", error_text(err))})
            return None
        if theirs is None or mine is None:
            return None
        base = self.detail.data if self.detail is not None else None
        if base is not None and self._loaded_form is not None:
            mine = untouched_as_stored(mine, self._loaded_form, base)
        plan = three_way(base, mine, theirs.data, self.conflict_extras(theirs))
        try:
            names = self.records.call(record_names, self.db, references(plan))
        except OrganizerError:
            names = {}
        box = ConflictDialog(plan, kind_label(self.kind), self, names)
        # A bound method, not a closure over the editor and the box: a closure held by the box's signal
        # kept the editor alive in a cycle only the garbage collector could break (tests/gui/
        # test_editor_lifetime.py), the pattern behind the earlier segfault.
        self.conflict_box, self._conflict_theirs = box, theirs
        box.finished.connect(self._on_conflict_finished)
        box.open()
        return box

    def conflict_extras(self, theirs: Any) -> dict[str, tuple[Any, Any, Any]]:
        """What differs beyond the input's fields, as (base, mine, theirs) (``domain.conflicts``): the
        attached files (stored at once, so mine are the ones shown here), and what a kind adds (a photo)."""
        panel = getattr(self, "files", None)
        if not isinstance(panel, AttachmentsPanel) or self.ident is None:
            return {}
        shown = tuple(sorted(row.name for row in panel.rows))
        try:
            stored = tuple(sorted(row.name for row in self.records.call(
                list_attachments, self.db, self.kind, self.ident)))
        except OrganizerError:
            return {}
        return {ATTACHMENTS: (shown, shown, stored)} if stored != shown else {}

    def _on_conflict_finished(self, _code: int) -> None:
        box, theirs = self.conflict_box, self._conflict_theirs
        self._conflict_theirs = None
        if box is None or theirs is None:
            return
        self._on_conflict_choice(box, theirs)

    def _on_conflict_choice(self, box: ConflictDialog, theirs: Any) -> None:
        if box.outcome is None:
            return  # cancelled: the form stays as it is
        if box.outcome == THEIRS:
            self._show_record(theirs)
            return
        # Mine or merged, on top of the version stored now: undo goes back to that version, and if a
        # third change gets in between, the next comparison starts from it (the resolution is "mine").
        self.detail, self.version, self._loaded_form = theirs, theirs.meta.version, None
        self.save_data(box.result_data())
