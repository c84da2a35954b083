"""The editor of a programme item that is not a meeting (arrival, departure, transfer, meal, break, free time):
its form mapped to ``ProgrammeItemData`` and back; the checks are the service's (``services.programme``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from organizer.domain.enums import ProgrammeItemKind, RecordKind
from organizer.domain.records import ProgrammeItemData
from organizer.gui.editors import choices
from organizer.gui.editors.base import EditorDialog
from organizer.gui.editors.datefields import DateTimeField
from organizer.gui.editors.fields import ChoiceField, TextArea, TextField
from organizer.gui.editors.picker import record_field
from organizer.gui.editors.records import MEETING_STARTS, _value, enum_choices
from organizer.gui.undo import RecordActions
from organizer.services import programme


class ProgrammeItemEditor(EditorDialog):
    kind = RecordKind.PROGRAMME_ITEM
    read = staticmethod(programme.get_programme_item)

    def __init__(self, actions: RecordActions, ident: int | None = None, parent: QWidget | None = None, *,
                 visit_id: int | None = None) -> None:
        super().__init__(actions, ident, parent)
        self.setWindowTitle(self.tr("New programme item") if ident is None else self.tr("Edit programme item"))
        form = self.page(self.tr("&Programme item"))
        self.kind_field = self.add_field(form, "kind", self.tr("Kind"), ChoiceField(enum_choices(ProgrammeItemKind)))
        self.title = self.add_field(form, "title", self.tr("Title"), TextField())
        self.title.setPlaceholderText(self.tr("Optional: the kind stands for it"))
        self.visit = self.add_field(form, "visit_id", self.tr("Visit"),
                                    record_field(actions, RecordKind.VISIT, visit_id))
        self.starts_at = self.add_field(form, "starts_at", self.tr("Starts"), DateTimeField())
        self.ends_at = self.add_field(form, "ends_at", self.tr("Ends"), DateTimeField())
        self.place = self.add_field(form, "place", self.tr("Place"), TextField())
        self.escort = self.add_field(form, "escort_person_id", self.tr("Escort"),
                                     record_field(actions, RecordKind.PERSON))
        self.transport = self.add_field(form, "transport", self.tr("Transport"), TextArea(lines=2))
        self.notes = self.add_field(form, "notes", self.tr("Notes"), TextArea(lines=4))
        self.open_record()
        if ident is None and visit_id is not None:
            first, last = self.offer(choices.visit_days, visit_id)
            if first is not None:
                self.starts_at.set_value(datetime.combine(first, MEETING_STARTS))
                self.starts_at.default_day = self.ends_at.default_day = first
                self.starts_at.offer_days(first, last)  # Down lists the visit's days
                self.ends_at.offer_days(first, last)

    def load(self, detail: Any) -> None:
        d: ProgrammeItemData = detail.data
        for name in ("title", "starts_at", "ends_at", "place", "transport", "notes"):
            getattr(self, name).set_value(getattr(d, name))
        self.kind_field.set_value(d.kind)
        self.visit.set_value(d.visit_id)
        self.escort.set_value(d.escort_person_id)

    def collect(self) -> ProgrammeItemData:
        return ProgrammeItemData(
            visit_id=self.visit.value(), kind=self.kind_field.value(), title=self.title.value(),
            starts_at=_value(self.starts_at, "starts_at"), ends_at=_value(self.ends_at, "ends_at"),
            place=self.place.value(), escort_person_id=self.escort.value(), transport=self.transport.value(),
            notes=self.notes.value(), uid=self.detail.data.uid if self.detail is not None else None,
        )
