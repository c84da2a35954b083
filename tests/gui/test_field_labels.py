"""Field labels in the interface language come from the field tables (``organizer.domain.fields``): every
table label is marked for translation and translated, and the editor's messages, the history and the
conflict dialog name a field the same way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from organizer.domain import fields as f
from organizer.domain.audit import AuditEntryView
from organizer.gui.conflict_dialog import field_label as conflict_label
from organizer.gui.history import describe, field_name
from organizer.gui.i18n import install_language
from organizer.gui.messages import FIELD_LABELS, field_label


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    install_language(qapp, "ru")
    yield
    install_language(qapp, "en")


def test_every_table_label_is_marked_for_translation() -> None:
    labels = {fld.label for table in f.TABLES.values() for fld in table}
    missing = sorted(labels - set(FIELD_LABELS))
    assert not missing, f"add to organizer/gui/messages.py FIELD_LABELS (and translate): {missing}"
    assert not set(FIELD_LABELS) - labels, "FIELD_LABELS lists labels no table has"


def test_every_table_label_has_a_russian_translation(russian: None) -> None:
    from PySide6.QtCore import QCoreApplication

    untranslated = sorted(label for label in FIELD_LABELS if QCoreApplication.translate("Fields", label) == label
                          and label != "Identifier (uid)")
    assert not untranslated, f"translate in resources/translations/organizer_ru.ts: {untranslated}"


def test_one_label_per_field_in_messages_history_and_conflicts(russian: None) -> None:
    assert field_label("positions[1].title") == "Должность"
    assert field_label("title") == "Название", "a visit's title is no position"
    assert field_label("dietary_needs") == "Питание"
    assert field_name("dietary_needs", "person") == "питание"
    assert field_name("logistics.lodging", "visit") == "проживание"
    assert conflict_label("logistics.lodging", f.VISIT) == "Логистика: проживание"
    entry = AuditEntryView(1, __import__("datetime").datetime(2026, 1, 1), "eve", "update", "person", 1,
                           ("given_name", "name_variants", "attachments"))
    assert describe(entry, 1) == "изменено: имя, написания имени, файлы"


def test_english_labels(qapp: QApplication) -> None:
    assert field_name("family_name", "person") == "family name"
    assert conflict_label("notes", f.PERSON) == "Notes"
    assert field_label("positions[0].end_date") == "End date" and field_label("mystery") == "mystery"
