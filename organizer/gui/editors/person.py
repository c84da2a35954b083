"""The person editor: names and name variants, honorific and form of address, positions over time
(pick an institution or create one on the spot), e-mails, phones, languages, dietary and interpretation needs, tags,
topics, biography, notes and a photo (chosen from a file or dropped on the editor, scaled down before it is stored)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError, Problem
from organizer.domain.fields import PERSON
from organizer.domain.records import ContactEntry, InstitutionData, NameVariant, PersonData, PersonDetail, PositionData
from organizer.domain.variants import to_mapping
from organizer.gui.editors import choices
from organizer.gui.editors.base import EditorDialog
from organizer.gui.editors.fields import ListField, RowColumn, RowsEditor, TextArea, TextField
from organizer.gui.editors.picker import picks
from organizer.gui.editors.topics import TopicsField
from organizer.gui.editors.variants import row_variants
from organizer.gui.messages import error_text
from organizer.gui.undo import RecordActions
from organizer.services import people
from organizer.services.people import person_photo

PHOTO_SIDE = 600
"""A photo is scaled down to at most this many pixels on its longer side."""
PHOTO_BYTES = 400_000
"""...and stored as a JPEG of at most about this size (quality lowered until it fits)."""


def photo_bytes(image: QImage) -> bytes:
    """``image`` scaled down and compressed for storage (JPEG)."""
    if image.width() > PHOTO_SIDE or image.height() > PHOTO_SIDE:
        image = image.scaled(PHOTO_SIDE, PHOTO_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = b""
    for quality in (85, 70, 55, 40):
        array = QByteArray()
        buffer = QBuffer(array)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "JPEG", quality)  # type: ignore[call-overload]  # PySide6 accepts str here
        buffer.close()
        data = bytes(array.data())
        if len(data) <= PHOTO_BYTES:
            break
    return data


def read_photo(path: str | Path) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # EXIF orientation
    return reader.read()


class PersonEditor(EditorDialog):
    kind = RecordKind.PERSON
    read = staticmethod(people.get_person)

    def __init__(self, actions: RecordActions, ident: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(actions, ident, parent)
        self.setWindowTitle(self.tr("New person") if ident is None else self.tr("Edit person"))
        self.setAcceptDrops(True)
        self.photo: bytes | None = None
        self._photo_changed = False
        self._loaded_photo: bytes | None = None
        """The stored photo the form showed when the record was read (what a conflict compares with)."""

        names = self.page(self.tr("&Name"))
        self.given_name = self.add_field(names, "given_name", self.tr("Given name"), TextField())
        self.middle_name = self.add_field(names, "middle_name", self.tr("Middle name"), TextField())
        self.family_name = self.add_field(names, "family_name", self.tr("Family name"), TextField())
        self.display_name = self.add_field(names, "display_name", self.tr("Display name"), TextField())
        self.display_name.setPlaceholderText(self.tr("Only if the name parts cannot express it"))
        self.honorific = self.add_field(names, "honorific", self.tr("Honorific"), TextField())
        self.honorific.setPlaceholderText(self.tr("Prof., His Excellency"))
        self.form_of_address = self.add_field(names, "form_of_address", self.tr("Form of address"), TextField())
        self.form_of_address.setPlaceholderText(self.tr("Dear Rector"))
        self.name_variants = self.add_field(names, "name_variants", self.tr("Name in other scripts"), RowsEditor([
            RowColumn("name", self.tr("Name"), width=260),
            RowColumn("script", self.tr("Script"), width=80),
            RowColumn("language", self.tr("Language")),
        ]))

        positions = self.page(self.tr("&Positions"))
        self._institutions = self.offer(choices.institutions)
        self.positions = self.add_field(positions, "positions", self.tr("Positions"), RowsEditor([
            RowColumn("title", self.tr("Title"), width=220),
            RowColumn("institution_id", self.tr("Institution"), "choice", self._institutions.copy, None, 220,
                      pick=picks(actions, RecordKind.INSTITUTION)),
            RowColumn("start_date", self.tr("From"), "date", default=None, width=100),
            RowColumn("end_date", self.tr("Until"), "date", default=None, width=100),
            RowColumn("current", self.tr("Current"), "check", default=False),
        ]))
        self.new_institution_button = QPushButton(self.tr("New &institution…"))
        self.new_institution_button.clicked.connect(self._ask_new_institution)
        positions.addRow("", self.new_institution_button)

        contacts = self.page(self.tr("&Contacts"))
        self.emails = self.add_field(contacts, "emails", self.tr("E-mails"), RowsEditor([
            RowColumn("value", self.tr("Address"), width=300), RowColumn("label", self.tr("Label"))]))
        self.phones = self.add_field(contacts, "phones", self.tr("Phones"), RowsEditor([
            RowColumn("value", self.tr("Number"), width=300), RowColumn("label", self.tr("Label"))]))
        self.languages = self.add_field(contacts, "languages", self.tr("Languages"), ListField())
        self.languages.setPlaceholderText(self.tr("ru, en, uz"))
        self.interpreter_needs = self.add_field(contacts, "interpreter_needs", self.tr("Interpretation needs"),
                                                TextArea(lines=2))
        self.dietary_needs = self.add_field(contacts, "dietary_needs", self.tr("Dietary needs"), TextArea(lines=2))

        profile = self.page(self.tr("P&rofile"))
        self.tags = self.add_field(profile, "tags", self.tr("Tags"), ListField())
        self.topics = self.add_field(profile, "topics", self.tr("Topics"), TopicsField(self.offer(choices.topic_names)))
        self.biography = self.add_field(profile, "biography", self.tr("Biography"), TextArea(lines=5))
        self.notes = self.add_field(profile, "notes", self.tr("Notes"), TextArea(lines=3))
        photo_box = QWidget()
        row = QHBoxLayout(photo_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.photo_label = QLabel(self.tr("No photo"))
        self.photo_label.setFixedSize(96, 120)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid palette(mid);")
        choose = QPushButton(self.tr("Choose p&hoto…"))
        choose.clicked.connect(self._choose_photo)
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(QLabel(self.tr("or drop an image here")))
        buttons.addStretch(1)
        row.addWidget(self.photo_label)
        row.addLayout(buttons)
        row.addStretch(1)
        self.add_field(profile, "photo", self.tr("Photo"), photo_box)
        # The person's generic fields (domain.fields.PERSON, ``page``): gender...
        self.add_generic_fields(PERSON, {"names": names, "positions": positions, "contacts": contacts,
                                         "profile": profile})
        self.add_files_page()
        self.open_record()

    # --- institutions created on the spot --------------------------------------------------------

    def new_institution(self, name: str) -> int | None:
        """Create an institution (an undoable step of its own) and offer it in the positions."""
        try:
            detail = self.records.create(RecordKind.INSTITUTION, InstitutionData(name=name))
        except OrganizerError as err:
            self.show_problems({"positions": Problem("error", error_text(err))})
            return None
        self._institutions[:] = self.offer(choices.institutions)  # in place: the column offers this list
        ident: int = detail.meta.id
        return ident

    def _ask_new_institution(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New institution"), self.tr("Name of the institution:"))
        if ok and name.strip():
            ident = self.new_institution(name.strip())
            if ident is not None:
                self.positions.add_row({"institution_id": ident, "start_date": None, "end_date": None})

    # --- photo -----------------------------------------------------------------------------------

    def set_photo_image(self, image: QImage) -> bool:
        if image.isNull():
            self.show_problems({"photo": Problem("image_type", "is not a JPEG, PNG, GIF or WebP image")})
            return False
        self.photo = photo_bytes(image)
        self._photo_changed = True
        self._show_photo(self.photo)
        self.schedule_check()
        return True

    def _show_photo(self, content: bytes | None) -> None:
        if not content:
            self.photo_label.setText(self.tr("No photo"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(content)
        self.photo_label.setPixmap(pixmap.scaled(self.photo_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))

    def _choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a photo"), "",
                                                    self.tr("Images (*.jpg *.jpeg *.png *.gif *.webp *.bmp)"))
        if path:
            self.set_photo_image(read_photo(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasImage() or event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage():
            self.set_photo_image(QImage(mime.imageData()))
        elif mime.hasUrls() and mime.urls()[0].isLocalFile():
            self.set_photo_image(read_photo(mime.urls()[0].toLocalFile()))
        event.acceptProposedAction()

    def conflict_extras(self, theirs: Any) -> dict[str, tuple[Any, Any, Any]]:
        """The photo, listed when it differs: one I chose is mine, one they stored meanwhile theirs."""
        extras = super().conflict_extras(theirs)
        stored = self.records.call(person_photo, self.db, self.ident) if self.ident is not None else None
        their_photo = stored[0] if stored else None
        my_photo = self.photo if self._photo_changed else self._loaded_photo
        if my_photo != their_photo:
            extras["photo"] = (self._loaded_photo, my_photo, their_photo)
        return extras

    def draft_extra(self) -> dict[str, Any]:
        """A photo chosen in the form travels with the draft."""
        return {"+photo": self.photo} if self._photo_changed and self.photo else {}

    def restore_extra(self, extra: dict[str, Any]) -> None:
        photo = extra.get("+photo")
        if isinstance(photo, bytes) and photo:
            self.photo, self._photo_changed = photo, True
            self._show_photo(photo)

    # --- form <-> data ---------------------------------------------------------------------------

    def load(self, detail: PersonDetail) -> None:
        d = detail.data
        for name in ("given_name", "middle_name", "family_name", "display_name", "honorific", "form_of_address",
                     "languages", "tags", "topics", "biography", "notes", "dietary_needs",
                     "interpreter_needs"):
            getattr(self, name).set_value(getattr(d, name))
        self.load_generic(d)
        self.name_variants.set_value([{"name": v.name, "script": v.script, "language": v.language}
                                      for v in d.name_variants])
        self.positions.set_value([{"title": p.title, "institution_id": p.institution_id, "start_date": p.start_date,
                                   "end_date": p.end_date, "current": p.current, "id": p.id, "uid": p.uid,
                                   "variants": to_mapping(p.variants)}  # the title's variants ride along
                                  for p in d.positions])
        self.emails.set_value([{"value": e.value, "label": e.label} for e in d.emails])
        self.phones.set_value([{"value": p.value, "label": p.label} for p in d.phones])
        self.photo, self._photo_changed = None, False
        photo = self.records.call(person_photo, self.db, detail.meta.id) if detail.has_photo else None
        self._loaded_photo = photo[0] if photo else None
        self._show_photo(self._loaded_photo)

    def collect(self) -> PersonData:
        positions = []
        for i, row in enumerate(self.positions.value()):
            if self.require_choice(f"positions[{i}].institution_id", row["institution_id"]):
                positions.append(PositionData(row["title"], row["institution_id"], row["start_date"],
                                              row["end_date"], bool(row["current"]), id=row.get("id"),
                                              uid=row.get("uid"), variants=row_variants(row)))
        return PersonData(
            given_name=self.given_name.value(), middle_name=self.middle_name.value(),
            family_name=self.family_name.value(), display_name=self.display_name.value(),
            honorific=self.honorific.value(), form_of_address=self.form_of_address.value(),
            name_variants=tuple(NameVariant(r["name"], r["script"], r["language"]) for r in self.name_variants.value()),
            languages=self.languages.value(), biography=self.biography.value(), notes=self.notes.value(),
            dietary_needs=self.dietary_needs.value(), interpreter_needs=self.interpreter_needs.value(),
            emails=tuple(ContactEntry(r["value"], r["label"]) for r in self.emails.value()),
            phones=tuple(ContactEntry(r["value"], r["label"]) for r in self.phones.value()),
            tags=self.tags.value(), topics=self.topics.value(), positions=tuple(positions),
            photo=self.photo if self._photo_changed else None,
            uid=self.detail.data.uid if self.detail is not None else None,
            **self.generic_values(),
        )

    def before_data(self) -> Any:
        data = self.detail.data
        if self._photo_changed and self.detail.has_photo:  # undo puts the old photo back
            old = self.records.call(person_photo, self.db, self.detail.meta.id)
            data = replace(data, photo=old[0] if old else None)
        return data
