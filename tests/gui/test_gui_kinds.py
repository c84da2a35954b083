"""The window's registry of record kinds (``gui.kinds``): every ``RecordKind`` has an entry, with texts that
are translated, an "Add …" link and an editor for exactly the kinds the services can edit, and its tab."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from organizer.domain.enums import RecordKind
from organizer.domain.errors import NotFoundError
from organizer.gui.editors.base import EditorDialog
from organizer.gui.i18n import install_language
from organizer.gui.kinds import EDITABLE, GUI_KINDS, add_text, editor_class, kind_label, kind_title, tab_of
from organizer.gui.main_window import TAB_NAMES
from organizer.gui.messages import error_text
from organizer.services import kinds as service_kinds


def test_every_kind_has_a_gui_entry_and_an_editor_where_the_services_edit_it(qapp: QApplication) -> None:
    for kind in RecordKind:
        entry = GUI_KINDS[kind]
        assert entry.kind is kind
        editor = editor_class(kind) if entry.editor is not None else None
        assert editor is None or (issubclass(editor, EditorDialog) and editor.kind is kind), kind
        if editor is not None:  # the editor names its own read service, the one the registry has for its kind
            assert editor.read is service_kinds.editing(kind).get, kind
    assert EDITABLE == service_kinds.EDITABLE
    assert {k for k in RecordKind if add_text(k) is not None} == EDITABLE
    assert tuple(tab_of(k) for k in RecordKind) == TAB_NAMES
    assert tab_of("no-such-kind") is None


def test_kind_names_are_translated(qapp: QApplication) -> None:
    install_language(qapp, "ru")
    try:
        assert kind_label(RecordKind.FOLLOWUP) == "поручение" and kind_title(RecordKind.FOLLOWUP) == "Поручение"
        assert add_text(RecordKind.PERSON) == "Добавить человека…"
        assert "поручение" in error_text(NotFoundError(RecordKind.FOLLOWUP, 5))
    finally:
        install_language(qapp, "en")
    assert kind_label(RecordKind.FOLLOWUP) == "follow-up"
