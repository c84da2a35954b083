"""The services' errors in the interface language (organizer.gui.messages): codes and parameters of
validation problems become translated messages; in-use counts have grammatical plurals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from organizer.domain.errors import ConflictError, InUseError, NotFoundError, Problem, ValidationError
from organizer.domain.records import PersonData
from organizer.gui.i18n import install_language
from organizer.gui.messages import PROBLEMS, error_text, field_label, problem_text
from organizer.services.people import create_person
from organizer.store import Database


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    install_language(qapp, "ru")
    yield
    install_language(qapp, "en")


def test_a_real_validation_error_of_a_service_reads_in_russian(gui_db: Database, russian: None) -> None:
    with pytest.raises(ValidationError) as caught:
        create_person(gui_db, PersonData(given_name="", family_name="x" * 5000))
    text = error_text(caught.value)
    assert "Фамилия: слишком длинный текст (символов: 5\u00a0000; предел — " in text
    assert not any(word in text for word in ("too long", "limit", "family_name")), text


def test_every_code_the_services_use_has_a_message() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "organizer"
    sources = "\n".join(p.read_text(encoding="utf-8") for p in [*root.joinpath("services").rglob("*.py"),
                                                                *root.joinpath("domain").rglob("*.py")])
    used = set(re.findall(r'checker\.add\([^)]*?"[^"]*",\s*"([a-z_]+)"', sources, re.S))
    used |= set(re.findall(r'self\.add\(field, f?"[^"]*", "([a-z_]+)"', sources))
    used |= set(re.findall(r'Problem\("([a-z_]+)"', sources))
    used -= {"invalid"}
    assert used, "found no codes: the patterns above no longer match the services"
    assert used <= set(PROBLEMS), f"add to organizer/gui/messages.py PROBLEMS: {sorted(used - set(PROBLEMS))}"


def test_problem_parameters_fill_the_translated_message(russian: None) -> None:
    problem = Problem("date_order", "is before the start (2025-03-01 < 2025-03-05)",
                      {"what": "start", "start": date(2025, 3, 5), "end": date(2025, 3, 1)})
    assert problem_text(problem) == "раньше, чем начало (1 мар. 2025 < 5 мар. 2025)"
    assert field_label("positions[1].end_date") == "Дата окончания"
    assert field_label("mystery_field") == "mystery_field"
    # an unknown code, or a known one without its parameters, keeps the service's English text
    assert problem_text(Problem("brand_new_check", "is odd")) == "is odd"
    assert problem_text(Problem("too_long", "is too long")) == "is too long"


def test_other_errors_and_in_use_plurals(russian: None) -> None:
    assert "больше не существует" in error_text(NotFoundError("visit", 7))
    assert "визит" in error_text(NotFoundError("visit", 7))
    assert "изменил" in error_text(ConflictError("stale"))
    text = error_text(InUseError("cannot delete", uses={"visits": 2, "meetings": 5, "agreements": 1}, name="D. Pashin"))
    assert text == "«D. Pashin» нельзя удалить: на эту запись ещё ссылаются 2 визита, 5 встреч, 1 соглашение."


def test_english_messages_read_naturally(qapp: QApplication) -> None:
    install_language(qapp, "en")
    text = error_text(InUseError("cannot delete", uses={"visits": 1, "units": 3}, name="KFU"))
    assert text == "KFU cannot be deleted: it is still used by 1 visit, 3 units."
    assert problem_text(Problem("required", "must not be empty")) == "must not be empty"
