"""Editors of institutions, visits, meetings, follow-ups and agreements (the person editor has its own
module). Each maps its form to the service's ``*Data`` and back; checks are the services'."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from organizer.domain.enums import (
    AgreementKind,
    AgreementStatus,
    FollowUpStatus,
    GiftDirection,
    InstitutionKind,
    MeetingKind,
    ParticipantRole,
    RecordKind,
    Side,
    VisitDirection,
    VisitStatus,
)
from organizer.domain.records import (
    AgreementData,
    FollowUpData,
    GiftData,
    InstitutionData,
    Logistics,
    MeetingData,
    MeetingParticipantData,
    NameVariant,
    ParticipantData,
    SignatoryData,
    VisitData,
    VisitInstitutionData,
)
from organizer.domain.variants import to_mapping
from organizer.gui.editors import choices
from organizer.gui.editors.base import EditorDialog
from organizer.gui.editors.datefields import DateField, DateTimeField
from organizer.gui.editors.fields import (
    ChoiceField,
    InvalidInputError,
    RowColumn,
    RowsEditor,
    TextArea,
    TextField,
)
from organizer.gui.editors.picker import describer, picks, record_field
from organizer.gui.editors.sides import default_side, side_from
from organizer.gui.editors.topics import TopicsField
from organizer.gui.editors.variants import row_variants
from organizer.gui.formatting import enum_label
from organizer.gui.paste_dialog import paste_members
from organizer.gui.undo import RecordActions
from organizer.services import agreements, followups, institutions, meetings, picking, visits


def enum_choices(enum: type[StrEnum]) -> list[tuple[Any, str]]:
    return [(member, enum_label(member)) for member in enum]


def _value(field: Any, name: str) -> Any:
    """A field's value; text that is no date names the field in the error."""
    try:
        return field.value()
    except InvalidInputError:
        raise InvalidInputError(name) from None


class InstitutionEditor(EditorDialog):
    kind = RecordKind.INSTITUTION
    read = staticmethod(institutions.get_institution)

    def __init__(self, actions: RecordActions, ident: int | None = None, parent: QWidget | None = None, *,
                 parent_id: int | None = None) -> None:
        super().__init__(actions, ident, parent)
        self.setWindowTitle(self.tr("New institution") if ident is None else self.tr("Edit institution"))
        form = self.page(self.tr("&Institution"))
        self.name = self.add_field(form, "name", self.tr("Name"), TextField())
        self.short_name = self.add_field(form, "short_name", self.tr("Short name"), TextField())
        self.kind_field = self.add_field(form, "kind", self.tr("Kind"), ChoiceField(enum_choices(InstitutionKind)))
        self.parent_field = self.add_field(form, "parent_id", self.tr("Part of"),
                                           record_field(actions, RecordKind.INSTITUTION, parent_id, left_out=ident))
        self.country = self.add_field(form, "country", self.tr("Country"), TextField())
        self.city = self.add_field(form, "city", self.tr("City"), TextField())
        self.website = self.add_field(form, "website", self.tr("Website"), TextField())
        more = self.page(self.tr("&Profile"))
        self.address = self.add_field(more, "address", self.tr("Address"), TextArea(lines=2))
        self.profile = self.add_field(more, "profile", self.tr("Profile"), TextArea(lines=6))
        self.topics = self.add_field(more, "topics", self.tr("Topics"), TopicsField(self.offer(choices.topic_names)))
        self.name_variants = self.add_field(more, "name_variants", self.tr("Name in other languages"), RowsEditor([
            RowColumn("name", self.tr("Name"), width=300), RowColumn("script", self.tr("Script"), width=80),
            RowColumn("language", self.tr("Language"))]))
        self.add_files_page()
        self.open_record()

    def load(self, detail: Any) -> None:
        d: InstitutionData = detail.data
        for name in ("name", "short_name", "country", "city", "website", "address", "profile", "topics"):
            getattr(self, name).set_value(getattr(d, name))
        self.kind_field.set_value(d.kind)
        self.parent_field.set_value(d.parent_id)
        self.name_variants.set_value([{"name": v.name, "script": v.script, "language": v.language}
                                      for v in d.name_variants])

    def collect(self) -> InstitutionData:
        return InstitutionData(
            name=self.name.value(), short_name=self.short_name.value(), kind=self.kind_field.value(),
            parent_id=self.parent_field.value(), country=self.country.value(), city=self.city.value(),
            website=self.website.value(), address=self.address.value(), profile=self.profile.value(),
            topics=self.topics.value(),
            name_variants=tuple(NameVariant(r["name"], r["script"], r["language"]) for r in self.name_variants.value()),
            uid=self.detail.data.uid if self.detail is not None else None,
        )


class VisitEditor(EditorDialog):
    """A visit; the order of rows within a side is the order of precedence (drag or Up/Down)."""

    kind = RecordKind.VISIT
    read = staticmethod(visits.get_visit)

    def __init__(self, actions: RecordActions, ident: int | None = None, parent: QWidget | None = None, *,
                 add_member: bool = False) -> None:
        super().__init__(actions, ident, parent)
        self.setWindowTitle(self.tr("New visit") if ident is None else self.tr("Edit visit"))
        self._people: list[tuple[int, str]] = []  # labels of the people in the rows (picked by typing)
        self._institutions = self.offer(choices.institutions)
        form = self.page(self.tr("&Visit"))
        self.title = self.add_field(form, "title", self.tr("Title"), TextField())
        self.direction = self.add_field(form, "direction", self.tr("Direction"),
                                        ChoiceField(enum_choices(VisitDirection)))
        self.status = self.add_field(form, "status", self.tr("Status"), ChoiceField(enum_choices(VisitStatus)))
        self.start_date = self.add_field(form, "start_date", self.tr("From"), DateField())
        self.end_date = self.add_field(form, "end_date", self.tr("Until"), DateField())
        self.place = self.add_field(form, "place", self.tr("Place"), TextField())
        self.purpose = self.add_field(form, "purpose", self.tr("Purpose"), TextArea(lines=3))
        self.topics = self.add_field(form, "topics", self.tr("Topics"), TopicsField(self.offer(choices.topic_names)))
        brief = self.page(self.tr("&Briefing"))
        self.desired_outcomes = self.add_field(brief, "desired_outcomes", self.tr("Desired outcomes"),
                                               TextArea(lines=4))
        self.key_messages = self.add_field(brief, "key_messages", self.tr("Key messages"), TextArea(lines=4))
        self.sensitivities = self.add_field(brief, "sensitivities", self.tr("Sensitivities (what not to raise)"),
                                            TextArea(lines=4))
        sides = self.page(self.tr("&Delegations"))
        self.delegations_page = self.pages.count() - 1
        self.institutions = self.add_field(sides, "institutions", self.tr("Institutions"), RowsEditor([
            RowColumn("institution_id", self.tr("Institution"), "choice", self._institutions.copy, None, 320,
                      pick=picks(actions, RecordKind.INSTITUTION)),
            RowColumn("side", self.tr("Side"), "choice", lambda: enum_choices(Side), Side.GUEST, inherit=True)]))
        self.participants = self.add_field(sides, "participants", self.tr("Members and hosts"), RowsEditor([
            RowColumn("person_id", self.tr("Person"), "choice", self._people.copy, None, 300,
                      pick=picks(actions, RecordKind.PERSON), describe=describer(actions, RecordKind.PERSON)),
            RowColumn("side", self.tr("Side"), "choice", lambda: enum_choices(Side), Side.GUEST, 90),
            RowColumn("role", self.tr("Role"), "choice", lambda: enum_choices(ParticipantRole),
                      ParticipantRole.MEMBER)], reorder=True, rank_by="side"))
        self.participants.model.dataChanged.connect(self._participant_changed)
        self.participants.enable_paste(self.paste_members)
        logistics = self.page(self.tr("&Logistics"))
        self.arrival_at = self.add_field(logistics, "arrival_at", self.tr("Arrival"), DateTimeField())
        self.arrival_details = self.add_field(logistics, "arrival_details", self.tr("Arrival details"),
                                              TextArea(lines=2))
        self.departure_at = self.add_field(logistics, "departure_at", self.tr("Departure"), DateTimeField())
        self.departure_details = self.add_field(logistics, "departure_details", self.tr("Departure details"),
                                                TextArea(lines=2))
        self.lodging = self.add_field(logistics, "lodging", self.tr("Lodging"), TextArea(lines=2))
        self.transport = self.add_field(logistics, "transport", self.tr("Transport"), TextArea(lines=2))
        self.interpreter_needs = self.add_field(logistics, "interpreter_needs", self.tr("Interpretation needs"),
                                                TextArea(lines=2))
        self.dietary_needs = self.add_field(logistics, "dietary_needs", self.tr("Dietary needs"), TextArea(lines=2))
        after = self.page(self.tr("&Gifts and summary"))
        self.gifts = self.add_field(after, "gifts", self.tr("Gifts"), RowsEditor([
            RowColumn("direction", self.tr("Given or received"), "choice", lambda: enum_choices(GiftDirection),
                      GiftDirection.GIVEN, 140),
            RowColumn("description", self.tr("Gift"), width=260),
            RowColumn("person_id", self.tr("To or from"), "choice", self._people.copy, None,
                      pick=picks(actions, RecordKind.PERSON), describe=describer(actions, RecordKind.PERSON))]))
        self.summary = self.add_field(after, "summary", self.tr("Summary"), TextArea(lines=5))
        self.add_files_page()
        self.open_record()
        if add_member:
            self.add_member()

    def add_member(self) -> None:
        """The Delegations page with a new participant's row, ready for typing a name."""
        self.pages.setCurrentIndex(self.delegations_page)
        model = self.participants.model
        row = model.add_row(blank=True)
        self.participants.view.setCurrentIndex(model.index(row, 0))
        self.participants.view.setFocus()

    def paste_members(self, text: str, html: str) -> bool:
        """Rows pasted into the members table (``paste_dialog.paste_members``)."""
        return paste_members(self, self.participants, text, html)

    def side_for(self, person_id: int) -> Side | None:
        """The side of a person picked as a participant, from the visit's institutions (as on the form)."""
        sides = {r["institution_id"]: r["side"] for r in self.institutions.value() if r["institution_id"] is not None}
        return side_from(self.records.call(picking.institutions_of, self.db, person_id), sides) if sides else None

    def _participant_changed(self, top_left: QModelIndex, *_rest: Any) -> None:
        default_side(self, self.participants.model, top_left)

    _LOGISTICS = ("arrival_at", "arrival_details", "departure_at", "departure_details", "lodging", "transport",
                  "interpreter_needs", "dietary_needs")

    def load(self, detail: Any) -> None:
        d: VisitData = detail.data
        self._people[:] = self.offer(choices.with_people, self._people, [p.person_id for p in d.participants]
                                              + [g.person_id for g in d.gifts if g.person_id is not None])
        for name in ("title", "start_date", "end_date", "place", "purpose", "topics", "summary", "desired_outcomes",
                     "key_messages", "sensitivities"):
            getattr(self, name).set_value(getattr(d, name))
        for name in self._LOGISTICS:
            getattr(self, name).set_value(getattr(d.logistics, name))
        self.direction.set_value(d.direction)
        self.status.set_value(d.status)
        self.institutions.set_value([{"institution_id": i.institution_id, "side": i.side} for i in d.institutions])
        # Rows in the order of precedence: guests first, ranked before unranked, ties as entered.
        ordered = sorted(d.participants, key=lambda p: (p.side is not Side.GUEST, p.precedence or 10**6))
        self.participants.set_value([{"person_id": p.person_id, "side": p.side, "role": p.role} for p in ordered])
        self.gifts.set_value([{"direction": g.direction, "description": g.description, "person_id": g.person_id,
                               "variants": to_mapping(g.variants)} for g in d.gifts])  # variants ride along

    def collect(self) -> VisitData:
        institutions = [VisitInstitutionData(r["institution_id"], r["side"])
                        for i, r in enumerate(self.institutions.value())
                        if self.require_choice(f"institutions[{i}].institution_id", r["institution_id"])]
        participants: list[ParticipantData] = []
        rank: dict[Side, int] = {}
        for i, r in enumerate(self.participants.value()):
            if self.require_choice(f"participants[{i}].person_id", r["person_id"]):
                rank[r["side"]] = rank.get(r["side"], 0) + 1
                participants.append(ParticipantData(r["person_id"], r["side"], r["role"], rank[r["side"]]))
        logistics = Logistics(**{name: _value(getattr(self, name), name) for name in self._LOGISTICS})
        return VisitData(
            title=self.title.value(), direction=self.direction.value(), status=self.status.value(),
            start_date=_value(self.start_date, "start_date"), end_date=_value(self.end_date, "end_date"),
            place=self.place.value(), purpose=self.purpose.value(), topics=self.topics.value(),
            institutions=tuple(institutions), participants=tuple(participants), logistics=logistics,
            gifts=tuple(GiftData(r["direction"], r["description"], r["person_id"], row_variants(r))
                        for r in self.gifts.value()),
            summary=self.summary.value(), uid=self.detail.data.uid if self.detail is not None else None,
            desired_outcomes=self.desired_outcomes.value(), key_messages=self.key_messages.value(),
            sensitivities=self.sensitivities.value(),
        )


MEETING_STARTS = time(10, 0)
"""The hour a new meeting of a visit is offered at, on the visit's first day."""


class MeetingEditor(EditorDialog):
    kind = RecordKind.MEETING
    read = staticmethod(meetings.get_meeting)

    def __init__(self, actions: RecordActions, ident: int | None = None, parent: QWidget | None = None, *,
                 visit_id: int | None = None) -> None:
        super().__init__(actions, ident, parent)
        self.setWindowTitle(self.tr("New meeting") if ident is None else self.tr("Edit meeting"))
        self._people: list[tuple[int, str]] = []  # labels of the people in the rows (picked by typing)
        form = self.page(self.tr("&Meeting"))
        self.title = self.add_field(form, "title", self.tr("Title"), TextField())
        self.kind_field = self.add_field(form, "kind", self.tr("Kind"), ChoiceField(enum_choices(MeetingKind)))
        self.visit = self.add_field(form, "visit_id", self.tr("Visit"),
                                    record_field(actions, RecordKind.VISIT, visit_id))
        self.starts_at = self.add_field(form, "starts_at", self.tr("Starts"), DateTimeField())
        self.ends_at = self.add_field(form, "ends_at", self.tr("Ends"), DateTimeField())
        self.starts_at.edited.connect(self._start_moved)
        self.venue = self.add_field(form, "venue_institution_id", self.tr("Venue"),
                                    record_field(actions, RecordKind.INSTITUTION))
        self.room = self.add_field(form, "room", self.tr("Room"), TextField())
        self.topics = self.add_field(form, "topics", self.tr("Topics"), TopicsField(self.offer(choices.topic_names)))
        self.participants = self.add_field(form, "participants", self.tr("Participants"), RowsEditor([
            RowColumn("person_id", self.tr("Person"), "choice", self._people.copy, None, 300,
                      pick=picks(actions, RecordKind.PERSON), describe=describer(actions, RecordKind.PERSON)),
            RowColumn("side", self.tr("Side"), "choice", lambda: enum_choices(Side), Side.GUEST, 90),
            RowColumn("role", self.tr("Role"), "choice", lambda: enum_choices(ParticipantRole),
                      ParticipantRole.MEMBER, 200),
            RowColumn("attends", self.tr("Attends"), "check", default=True, space=True)]))
        self.participants.model.dataChanged.connect(self._participant_changed)
        self.all_attend_button = QPushButton(self.tr("&All attend"))
        self.all_attend_button.setToolTip(self.tr("Tick every participant of the list"))
        self.all_attend_button.clicked.connect(self.all_attend)
        form.addRow("", self.all_attend_button)
        self._visit_data: tuple[int, VisitData] | None = None
        prep = self.page(self.tr("&Preparation"))
        self.objectives = self.add_field(prep, "objectives", self.tr("Objectives"), TextArea(lines=4))
        self.talking_points = self.add_field(prep, "talking_points", self.tr("Talking points"), TextArea(lines=6))
        self.agenda = self.add_field(prep, "agenda", self.tr("Agenda"), TextArea(lines=4))
        record = self.page(self.tr("&Notes and outcomes"))
        self.notes = self.add_field(record, "notes", self.tr("Notes"), TextArea(lines=12))
        self.notes.setPlaceholderText(self.tr("Plain text or Markdown, saved as typed"))
        self.outcomes = self.add_field(record, "outcomes", self.tr("Outcomes"), TextArea(lines=4))
        self.add_files_page()
        self.open_record()
        if ident is None and visit_id is not None:
            self.offer_visit_days(visit_id)
            self.offer_visit_people(visit_id)
        self.visit.picked.connect(self._visit_picked)

    def _visit_picked(self) -> None:
        """A visit chosen for a new meeting that lists nobody yet: its days and its participants are offered."""
        visit_id = self.visit.value()
        if self.ident is not None or visit_id is None or self.participants.value():
            return
        if self.starts_at.text().strip():
            self.offer_days(visit_id)
        else:
            self.offer_visit_days(visit_id)
        self.offer_visit_people(visit_id)

    def visit_data(self) -> VisitData | None:
        """The visit chosen on the form, as stored (read once per visit)."""
        visit_id = self.visit.value()
        if visit_id is None:
            return None
        if self._visit_data is None or self._visit_data[0] != visit_id:
            self._visit_data = (visit_id, self.records.call(visits.get_visit, self.db, visit_id).data)
        return self._visit_data[1]

    def offer_visit_people(self, visit_id: int) -> None:
        """The visit's participants, in its order of precedence with their sides and roles, each to be
        ticked if they attend (``all_attend`` ticks them all)."""
        data = self.visit_data()
        if data is None:
            return
        ordered = sorted(data.participants, key=lambda p: (p.side is not Side.GUEST, p.precedence or 10**6))
        self._people[:] = self.offer(choices.with_people, self._people, [p.person_id for p in ordered])
        self.participants.set_value([{"person_id": p.person_id, "side": p.side, "role": p.role, "attends": False}
                                     for p in ordered])

    def all_attend(self) -> None:
        """Tick every participant; the keyboard goes to the table (Space unticks who does not attend)."""
        self.participants.view.setFocus()
        model = self.participants.model
        column = [c.key for c in model.columns].index("attends")
        for row in range(model.rowCount()):
            model.setData(model.index(row, column), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)

    def side_for(self, person_id: int) -> Side | None:
        """The side of a person picked as a participant: their side in the visit, else from the visit's
        institutions."""
        data = self.visit_data()
        if data is None:
            return None
        for p in data.participants:
            if p.person_id == person_id:
                return p.side
        sides = {i.institution_id: i.side for i in data.institutions}
        return side_from(self.records.call(picking.institutions_of, self.db, person_id), sides) if sides else None

    def _participant_changed(self, top_left: QModelIndex, *_rest: Any) -> None:
        default_side(self, self.participants.model, top_left)

    def offer_visit_days(self, visit_id: int) -> None:
        """A new meeting of a visit starts on the visit's first day at 10:00; the calendars open there."""
        first = self.offer_days(visit_id)
        if first is not None:
            self.starts_at.set_value(datetime.combine(first, MEETING_STARTS))
            self.starts_at.default_day = self.ends_at.default_day = first

    def offer_days(self, visit_id: int) -> date | None:
        """The visit's days offered first in the date fields (Down lists them); its first day."""
        first, last = self.offer(choices.visit_days, visit_id)
        if first is not None:
            self.starts_at.offer_days(first, last)
            self.ends_at.offer_days(first, last)
        return first if isinstance(first, date) else None

    def _start_moved(self) -> None:
        """An end typed as a time alone is on the start's day."""
        day = self.starts_at.picked_day()
        if day is not None:
            self.ends_at.default_day = day

    def load(self, detail: Any) -> None:
        d: MeetingData = detail.data
        self._people[:] = self.offer(choices.with_people, self._people, [p.person_id for p in d.participants])
        for name in ("title", "starts_at", "ends_at", "room", "topics", "objectives", "talking_points", "agenda",
                     "notes", "outcomes"):
            getattr(self, name).set_value(getattr(d, name))
        self.kind_field.set_value(d.kind)
        self.visit.set_value(d.visit_id)
        self.venue.set_value(d.venue_institution_id)
        if d.visit_id is not None:
            self.offer_days(d.visit_id)
        self.participants.set_value([{"person_id": p.person_id, "side": p.side, "role": p.role}
                                     for p in d.participants])

    def collect(self) -> MeetingData:
        participants = [MeetingParticipantData(r["person_id"], r["side"], r["role"])
                        for i, r in enumerate(self.participants.value())
                        if r["attends"] and self.require_choice(f"participants[{i}].person_id", r["person_id"])]
        return MeetingData(
            title=self.title.value(), kind=self.kind_field.value(), visit_id=self.visit.value(),
            starts_at=_value(self.starts_at, "starts_at"), ends_at=_value(self.ends_at, "ends_at"),
            venue_institution_id=self.venue.value(), room=self.room.value(), participants=tuple(participants),
            objectives=self.objectives.value(), talking_points=self.talking_points.value(),
            agenda=self.agenda.value(), notes=self.notes.value(), outcomes=self.outcomes.value(),
            topics=self.topics.value(), uid=self.detail.data.uid if self.detail is not None else None,
        )


class FollowUpEditor(EditorDialog):
    kind = RecordKind.FOLLOWUP
    read = staticmethod(followups.get_followup)

    def __init__(self, actions: RecordActions, ident: int | None = None, parent: QWidget | None = None, *,
                 visit_id: int | None = None, meeting_id: int | None = None) -> None:
        super().__init__(actions, ident, parent)
        self.setWindowTitle(self.tr("New follow-up") if ident is None else self.tr("Edit follow-up"))
        form = self.page(self.tr("&Follow-up"))
        self.description = self.add_field(form, "description", self.tr("What is to be done"), TextArea(lines=3))
        self.status = self.add_field(form, "status", self.tr("Status"), ChoiceField(enum_choices(FollowUpStatus)))
        self.due_date = self.add_field(form, "due_date", self.tr("Due"), DateField())
        self.owner_person = self.add_field(form, "owner_person_id", self.tr("Owner"),
                                           record_field(actions, RecordKind.PERSON))
        self.owner_institution = self.add_field(form, "owner_institution_id", self.tr("Owning institution"),
                                                record_field(actions, RecordKind.INSTITUTION))
        self.visit = self.add_field(form, "visit_id", self.tr("Visit"),
                                    record_field(actions, RecordKind.VISIT, visit_id))
        self.meeting = self.add_field(form, "meeting_id", self.tr("Meeting"), record_field(actions, RecordKind.MEETING))
        self.meeting.set_value(meeting_id)
        self.notes = self.add_field(form, "notes", self.tr("Notes"), TextArea(lines=3))
        self.done_on = self.add_field(form, "done_on", self.tr("Done on"), DateField())
        self.done_note = self.add_field(form, "done_note", self.tr("How it was done"), TextArea(lines=2))
        self.open_record()

    def load(self, detail: Any) -> None:
        d: FollowUpData = detail.data
        self.description.set_value(d.description)
        self.status.set_value(d.status)
        self.due_date.set_value(d.due_date)
        self.owner_person.set_value(d.owner_person_id)
        self.owner_institution.set_value(d.owner_institution_id)
        self.visit.set_value(d.visit_id)
        self.meeting.set_value(d.meeting_id)
        self.notes.set_value(d.notes)
        self.done_on.set_value(d.done_on)
        self.done_note.set_value(d.done_note)

    def collect(self) -> FollowUpData:
        return FollowUpData(
            description=self.description.value(), status=self.status.value(),
            due_date=_value(self.due_date, "due_date"), owner_person_id=self.owner_person.value(),
            owner_institution_id=self.owner_institution.value(), visit_id=self.visit.value(),
            meeting_id=self.meeting.value(), notes=self.notes.value(),
            uid=self.detail.data.uid if self.detail is not None else None,
            done_on=_value(self.done_on, "done_on"), done_note=self.done_note.value(),
        )


class AgreementEditor(EditorDialog):
    kind = RecordKind.AGREEMENT
    read = staticmethod(agreements.get_agreement)

    def __init__(self, actions: RecordActions, ident: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(actions, ident, parent)
        self.setWindowTitle(self.tr("New agreement") if ident is None else self.tr("Edit agreement"))
        self._institutions = self.offer(choices.institutions)
        self._people: list[tuple[int, str]] = []  # labels of the people in the rows (picked by typing)
        form = self.page(self.tr("&Agreement"))
        self.title = self.add_field(form, "title", self.tr("Title"), TextField())
        self.kind_field = self.add_field(form, "kind", self.tr("Kind"), ChoiceField(enum_choices(AgreementKind)))
        self.status = self.add_field(form, "status", self.tr("Status"), ChoiceField(enum_choices(AgreementStatus)))
        self.signed_date = self.add_field(form, "signed_date", self.tr("Signed on"), DateField())
        self.signed_place = self.add_field(form, "signed_place", self.tr("Signed at"), TextField())
        self.valid_until = self.add_field(form, "valid_until", self.tr("Valid until"), DateField())
        self.visit = self.add_field(form, "visit_id", self.tr("Visit"), record_field(actions, RecordKind.VISIT))
        self.parties = self.add_field(form, "party_ids", self.tr("Parties"), RowsEditor([
            RowColumn("institution_id", self.tr("Institution"), "choice", self._institutions.copy, None,
                      pick=picks(actions, RecordKind.INSTITUTION))]))
        self.signatories = self.add_field(form, "signatories", self.tr("Signatories"), RowsEditor([
            RowColumn("person_id", self.tr("Person"), "choice", self._people.copy, None, 280,
                      pick=picks(actions, RecordKind.PERSON), describe=describer(actions, RecordKind.PERSON)),
            RowColumn("institution_id", self.tr("For"), "choice", self._institutions.copy, None,
                      pick=picks(actions, RecordKind.INSTITUTION))]))
        self.summary = self.add_field(form, "summary", self.tr("Agreement summary"), TextArea(lines=4))
        self.add_files_page()
        self.open_record()

    def load(self, detail: Any) -> None:
        d: AgreementData = detail.data
        self._people[:] = self.offer(choices.with_people, self._people, [s.person_id for s in d.signatories])
        for name in ("title", "signed_date", "signed_place", "valid_until", "summary"):
            getattr(self, name).set_value(getattr(d, name))
        self.kind_field.set_value(d.kind)
        self.status.set_value(d.status)
        self.visit.set_value(d.visit_id)
        self.parties.set_value([{"institution_id": i} for i in d.party_ids])
        self.signatories.set_value([{"person_id": s.person_id, "institution_id": s.institution_id}
                                    for s in d.signatories])

    def collect(self) -> AgreementData:
        parties = [r["institution_id"] for i, r in enumerate(self.parties.value())
                   if self.require_choice(f"party_ids[{i}]", r["institution_id"])]
        signatories = [SignatoryData(r["person_id"], r["institution_id"])
                       for i, r in enumerate(self.signatories.value())
                       if self.require_choice(f"signatories[{i}].person_id", r["person_id"])]
        return AgreementData(
            title=self.title.value(), kind=self.kind_field.value(), status=self.status.value(),
            signed_date=_value(self.signed_date, "signed_date"), signed_place=self.signed_place.value(),
            valid_until=_value(self.valid_until, "valid_until"), visit_id=self.visit.value(),
            meeting_id=self.detail.data.meeting_id if self.detail is not None else None,
            party_ids=tuple(parties), signatories=tuple(signatories), summary=self.summary.value(),
            uid=self.detail.data.uid if self.detail is not None else None,
        )
