"""Generic fields (``domain.fields.Field.page``): a simple field gets its editor input, its pane row, its
check and its printed fact from the field table alone, for each type it may have (text, long text, enum,
bool). ``gender`` and ``academic_title`` are: their inputs are built by the editor's generic part."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organizer.briefing.labels import Labels
from organizer.domain.enums import Gender
from organizer.domain.errors import ValidationError
from organizer.domain.fields import GENERIC_TYPES, PERSON, Field, FieldTable, FieldType, from_column
from organizer.domain.records import PersonData
from organizer.gui.details import generic_facts
from organizer.gui.editors.fields import CheckField, ChoiceField, TextArea, TextField, generic_widget
from organizer.gui.editors.person import PersonEditor
from organizer.gui.undo import RecordActions
from organizer.services._checks import Checker
from organizer.store.database import Database

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


@dataclass(frozen=True)
class _Sample:
    note: str = ""
    story: str = ""
    gender: Gender = Gender.UNSPECIFIED
    vip: bool = False


_TABLE = FieldTable("sample", _Sample, (
    Field("note", FieldType.TEXT, "Note", page="p"),
    Field("story", FieldType.LONG_TEXT, "Story", page="p"),
    Field("gender", FieldType.ENUM, "Gender", enum=Gender, page="p"),
    Field("vip", FieldType.BOOL, "VIP", page="p"),
))


def test_every_generic_field_is_simple() -> None:
    assert PERSON.get("gender") in PERSON.generic
    for fld in PERSON.generic:
        assert fld.type in GENERIC_TYPES and not fld.stored_in, fld.name


def test_each_type_gets_its_input(qapp: QApplication, qtbot: QtBot) -> None:
    kinds = {f.name: generic_widget(f) for f in _TABLE.generic}
    assert [type(w) for w in kinds.values()] == [TextField, TextArea, ChoiceField, CheckField]
    for widget in kinds.values():
        qtbot.addWidget(widget)
    values = {"note": "a", "story": "b\nc", "gender": Gender.MALE, "vip": True}
    for name, value in values.items():
        kinds[name].set_value(value)
        assert from_column(_TABLE[name], kinds[name].value()) == value
    with qtbot.waitSignal(kinds["vip"].edited):
        kinds["vip"].set_value(False)


def test_the_check_of_each_type() -> None:
    checker = Checker("sample")
    assert checker.generic(_TABLE, _Sample(note="  a  ", story="b\nc", gender=Gender.FEMALE, vip=True)) == {
        "note": "a", "story": "b\nc", "gender": "female", "vip": True}
    checker.generic(_TABLE, _Sample(note="two\nlines"))
    assert list(checker.problems) == ["note"]
    with pytest.raises(ValidationError):
        Checker("sample").generic(_TABLE, _Sample(gender="neuter"))  # type: ignore[arg-type]


def test_the_pane_shows_each_type(qapp: QApplication) -> None:
    facts = dict(generic_facts(_TABLE, _Sample(note="<a>", story="s", gender=Gender.FEMALE, vip=True)))
    assert facts == {"Note": "&lt;a&gt;", "Story": "s", "Gender": "Female", "VIP": "Yes"}
    assert dict(generic_facts(_TABLE, _Sample()))["Gender"] == "", "an empty value is left out of the pane"


def test_the_print_labels_each_fact_in_its_language() -> None:
    assert Labels("en").person_facts([("gender", Gender.MALE)]) == [("Gender", "Male")]
    assert Labels("ru").person_facts([("gender", Gender.FEMALE)]) == [("Пол", "Женский")]
    assert Labels("ru").person_facts([("gender", Gender.UNSPECIFIED)]) == [("Пол", "")]


def test_the_person_editor_builds_gender_from_the_table(qtbot: QtBot, gui_db: Database) -> None:
    editor = PersonEditor(RecordActions(gui_db))
    qtbot.addWidget(editor)
    assert isinstance(editor.widgets["gender"], ChoiceField)
    # academic_title (the language-variants work) is a generic text field of the names page too
    assert isinstance(editor.widgets["academic_title"], TextField)
    assert editor.generic_values() == {"gender": Gender.UNSPECIFIED, "academic_title": ""}
    editor.gender.set_value(Gender.MALE)
    editor.academic_title.set_value("Professor")
    editor.family_name.set_value("Test")
    assert editor.collect() == PersonData(family_name="Test", gender=Gender.MALE, academic_title="Professor")
