"""The registries of record kinds: every ``RecordKind`` has an entry in each (names in ``domain.kinds``, mapped
classes in ``store.models``, service calls in ``services.kinds``; the window's side is checked in
``tests/gui/test_gui_kinds.py``), each entry is the kind's own, and the one spelling per kind holds."""

from __future__ import annotations

import inspect

import pytest

from organizer.domain import kinds
from organizer.domain.enums import RecordKind
from organizer.domain.errors import NotFoundError
from organizer.services import followups
from organizer.services.kinds import EDITABLE, SERVICES, editing
from organizer.store import Database
from organizer.store import models as m


def test_every_kind_has_an_entry_in_every_registry() -> None:
    for kind in RecordKind:
        assert kinds.KINDS[kind].kind is kind, kind
        assert kind in m.RECORD_MODELS, f"store.models.RECORD_MODELS lacks {kind}"
        assert kind in SERVICES and SERVICES[kind].kind is kind, f"services.kinds.SERVICES lacks {kind}"
    assert list(kinds.KINDS) == list(RecordKind), "the table follows the enum's order (the tabs' order)"


def test_each_mapped_class_is_the_table_of_its_kind() -> None:
    for kind, model in m.RECORD_MODELS.items():
        assert model.__table__.name == kind.value, kind  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", sorted(EDITABLE))
def test_each_service_entry_is_the_service_function_of_its_kind(kind: RecordKind) -> None:
    """An entry holds the service function itself (``people.update_person``), so "go to definition" from the
    registry reaches the service; and it is the one of its own kind (no entry swapped with another's)."""
    calls = editing(kind)
    module = f"organizer.services.{kind.info.collection}"
    for verb in ("create", "get", "update", "delete"):
        fn = getattr(calls, verb)
        assert inspect.isfunction(fn) and fn.__module__ == module and fn.__name__ == f"{verb}_{kind.value}", \
            (kind, verb, fn)
    assert calls.create_in.__module__ == module and calls.create_in.__name__ == "create_in"
    if calls.uses is not None:
        assert calls.uses.__module__ == module


def test_topics_are_not_edited_on_their_own() -> None:
    assert RecordKind.TOPIC not in EDITABLE
    with pytest.raises(ValueError, match="topic"):
        editing(RecordKind.TOPIC)


def test_one_value_per_kind_and_one_word_for_messages() -> None:
    assert RecordKind.FOLLOWUP.value == "followup" and RecordKind.FOLLOWUP.word == "follow-up"
    assert str(NotFoundError(RecordKind.FOLLOWUP, 7)) == "no follow-up with id 7"
    assert str(NotFoundError("attachment", 7)) == "no attachment with id 7"
    assert kinds.of_word("follow-up") is kinds.of_word("followup") is RecordKind.FOLLOWUP
    assert kinds.of_word("start") is None


@pytest.mark.parametrize(("typed", "kind"), [
    ("people", RecordKind.PERSON), ("Person", RecordKind.PERSON), ("follow-ups", RecordKind.FOLLOWUP),
    ("followups", RecordKind.FOLLOWUP), (" Follow-up ", RecordKind.FOLLOWUP), ("topics", RecordKind.TOPIC),
    ("persons", None), ("", None), ("visit; drop table", None),
])
def test_a_typed_kind_is_parsed_at_the_edge(typed: str, kind: RecordKind | None) -> None:
    assert kinds.parse_kind(typed) is kind


def test_services_name_a_missing_follow_up_in_its_one_spelling(db: Database) -> None:
    with pytest.raises(NotFoundError) as caught:
        followups.get_followup(db, 12345)
    assert caught.value.kind is RecordKind.FOLLOWUP and str(caught.value) == "no follow-up with id 12345"
