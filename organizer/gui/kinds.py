"""The window's side of each record kind: its names in the interface language, its tab, its "Add …" link
and its editor dialog.

The names of the kinds shared with the other layers are in ``domain/kinds.py``, the services of each kind
in ``services/kinds.py``; ``tests/gui/test_gui_kinds.py`` fails when a kind is missing here. Editors
are imported when the first one opens (the window starts without them: ``tests/gui/test_startup_cost.py``),
so an entry names its editor class as ``"module:Class"`` (the editors import this module: a direct import
here would close a circle).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from types import MappingProxyType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from organizer.domain.enums import RecordKind
from organizer.domain.kinds import KINDS
from organizer.gui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from organizer.gui.editors.base import EditorDialog


@dataclass(frozen=True)
class GuiKind:
    """One kind in the window (texts are English sources, translated where shown)."""

    kind: RecordKind
    label: str
    """In a sentence (context ``RecordKind``): ``follow-up`` in "Delete follow-up “…”"."""
    title: str
    """On its own (context ``RecordKind``): ``Follow-up`` in quick-open's pop-up."""
    add_text: str | None
    """The link an empty, unfiltered list offers (context ``MasterDetailTab``); None: the kind has no editor."""
    editor: str | None
    """The kind's editor dialog, ``"module:Class"`` (``editor_class`` imports it); None: its records are made
    where they are used (topics)."""

    @property
    def tab(self) -> str:
        """The name of the tab that lists the kind (``MainWindow.<tab>_tab``)."""
        return KINDS[self.kind].collection


GUI_KINDS: Mapping[RecordKind, GuiKind] = MappingProxyType({
    entry.kind: entry for entry in (
        GuiKind(RecordKind.PERSON,
                QT_TRANSLATE_NOOP("RecordKind", "person"), QT_TRANSLATE_NOOP("RecordKind", "Person"),
                QT_TRANSLATE_NOOP("MasterDetailTab", "Add person…"),
                "organizer.gui.editors.person:PersonEditor"),
        GuiKind(RecordKind.INSTITUTION,
                QT_TRANSLATE_NOOP("RecordKind", "institution"), QT_TRANSLATE_NOOP("RecordKind", "Institution"),
                QT_TRANSLATE_NOOP("MasterDetailTab", "Add institution…"),
                "organizer.gui.editors.records:InstitutionEditor"),
        GuiKind(RecordKind.VISIT,
                QT_TRANSLATE_NOOP("RecordKind", "visit"), QT_TRANSLATE_NOOP("RecordKind", "Visit"),
                QT_TRANSLATE_NOOP("MasterDetailTab", "Add visit…"),
                "organizer.gui.editors.records:VisitEditor"),
        GuiKind(RecordKind.MEETING,
                QT_TRANSLATE_NOOP("RecordKind", "meeting"), QT_TRANSLATE_NOOP("RecordKind", "Meeting"),
                QT_TRANSLATE_NOOP("MasterDetailTab", "Add meeting…"),
                "organizer.gui.editors.records:MeetingEditor"),
        GuiKind(RecordKind.FOLLOWUP,
                QT_TRANSLATE_NOOP("RecordKind", "follow-up"), QT_TRANSLATE_NOOP("RecordKind", "Follow-up"),
                QT_TRANSLATE_NOOP("MasterDetailTab", "Add follow-up…"),
                "organizer.gui.editors.records:FollowUpEditor"),
        GuiKind(RecordKind.AGREEMENT,
                QT_TRANSLATE_NOOP("RecordKind", "agreement"), QT_TRANSLATE_NOOP("RecordKind", "Agreement"),
                QT_TRANSLATE_NOOP("MasterDetailTab", "Add agreement…"),
                "organizer.gui.editors.records:AgreementEditor"),
        GuiKind(RecordKind.TOPIC,
                QT_TRANSLATE_NOOP("RecordKind", "topic"), QT_TRANSLATE_NOOP("RecordKind", "Topic"),
                None, None),
        GuiKind(RecordKind.PROGRAMME_ITEM,
                QT_TRANSLATE_NOOP("RecordKind", "programme item"), QT_TRANSLATE_NOOP("RecordKind", "Programme item"),
                QT_TRANSLATE_NOOP("MasterDetailTab", "Add programme item…"),
                "organizer.gui.editors.programme:ProgrammeItemEditor"),
    )
})
"""Every ``RecordKind``."""

EDITABLE: frozenset[RecordKind] = frozenset(k for k, entry in GUI_KINDS.items() if entry.editor is not None)
"""The kinds that have an editor (the Record menu's New, Edit and Delete apply to them)."""


def editor_class(kind: RecordKind) -> type[EditorDialog]:
    """The editor dialog of ``kind``, imported on first use; KeyError for a kind without one."""
    name = GUI_KINDS[kind].editor
    if name is None:
        raise KeyError(kind)
    module, _, cls = name.partition(":")
    editor: type[EditorDialog] = getattr(import_module(module), cls)
    return editor


def kind_label(kind: RecordKind) -> str:
    """The kind's name in a sentence, in the interface language (``follow-up``, ``поручение``)."""
    return QCoreApplication.translate("RecordKind", GUI_KINDS[kind].label)


def kind_title(kind: RecordKind) -> str:
    """The kind's name on its own, in the interface language (``Follow-up``, ``Поручение``)."""
    return QCoreApplication.translate("RecordKind", GUI_KINDS[kind].title)


def add_text(kind: RecordKind) -> str | None:
    """``Add follow-up…`` in the interface language; None for a kind without an editor."""
    source = GUI_KINDS[kind].add_text
    return QCoreApplication.translate("MasterDetailTab", source) if source is not None else None


def tab_of(kind: RecordKind | str) -> str | None:
    """The name of the tab that lists a kind (``people``); None for text that is no kind."""
    try:
        return GUI_KINDS[RecordKind(kind)].tab
    except ValueError:
        return None
