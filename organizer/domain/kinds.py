"""The record kinds (``RecordKind``, also importable from ``domain.enums``) and the table every layer reads:
for each kind, how it is named.

One entry per kind, and only facts about names that the store, the services, the CLI and the GUI share:
the English word in messages (``"follow-up"``: the enum value ``"followup"`` is what the database, the
archive and the JSON output hold, the word is what a person reads), its plural, and the collection name
(``"followups"``: the archive section, the ``organizer list`` word and the window's tab). The services'
calls per kind are in ``services/kinds.py``, the window's labels and editors in ``gui/kinds.py``;
``tests/unit/test_kind_registry.py`` fails when a kind is missing from any of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class RecordKind(StrEnum):
    """The kinds of record a user opens, links to, attaches files to and undoes changes of.

    The value (``"followup"``) is what the database, the archive and the JSON output hold; how the kind is
    named for a reader is in ``KINDS`` (``kind.word`` is ``"follow-up"``)."""

    PERSON = "person"
    INSTITUTION = "institution"
    VISIT = "visit"
    MEETING = "meeting"
    FOLLOWUP = "followup"
    AGREEMENT = "agreement"
    TOPIC = "topic"
    PROGRAMME_ITEM = "programme_item"
    """An item of a visit's programme that is not a meeting: arrival, transfer, meal, break (issue 18)."""

    @property
    def info(self) -> KindInfo:
        """This kind's entry of ``KINDS``."""
        return KINDS[self]

    @property
    def word(self) -> str:
        """English, in messages: ``follow-up``."""
        return KINDS[self].word


@dataclass(frozen=True)
class KindInfo:
    """How one record kind is named."""

    kind: RecordKind
    word: str
    """English, in messages: ``"follow-up"`` (``no follow-up with id 5``)."""
    words: str
    """Its English plural: ``"people"``, ``"follow-ups"``."""
    collection: str
    """The archive section, the ``organizer list`` word and the window's tab: ``"people"``, ``"followups"``."""


KINDS: Mapping[RecordKind, KindInfo] = MappingProxyType({
    info.kind: info for info in (
        KindInfo(RecordKind.PERSON, "person", "people", "people"),
        KindInfo(RecordKind.INSTITUTION, "institution", "institutions", "institutions"),
        KindInfo(RecordKind.VISIT, "visit", "visits", "visits"),
        KindInfo(RecordKind.MEETING, "meeting", "meetings", "meetings"),
        KindInfo(RecordKind.FOLLOWUP, "follow-up", "follow-ups", "followups"),
        KindInfo(RecordKind.AGREEMENT, "agreement", "agreements", "agreements"),
        KindInfo(RecordKind.TOPIC, "topic", "topics", "topics"),
        KindInfo(RecordKind.PROGRAMME_ITEM, "programme item", "programme items", "programme"),
    )
})
"""Every ``RecordKind`` in the enum's order."""


def word(kind: RecordKind | str) -> str:
    """The kind as a person reads it in an English message (``follow-up``); any other text is left as it is."""
    try:
        return KINDS[RecordKind(kind)].word
    except ValueError:
        return str(kind)


def of_collection(name: str) -> RecordKind:
    """``"people"`` -> ``RecordKind.PERSON``; KeyError for a name that is no collection."""
    for info in KINDS.values():
        if info.collection == name:
            return info.kind
    raise KeyError(name)


def of_word(text: str | RecordKind) -> RecordKind | None:
    """The kind a message names, by its value or its word (``followup``, ``follow-up``); None for other text."""
    for info in KINDS.values():
        if text in (info.kind.value, info.word):
            return info.kind
    return None


def parse_kind(text: str | RecordKind) -> RecordKind | None:
    """A kind from what a user may type: its value, word, plural or collection, in any case
    (``people``, ``Follow-ups``, ``followup``); None for anything else."""
    key = str(text).strip().casefold()
    for info in KINDS.values():
        if key in (info.kind.value, info.word, info.words, info.collection):
            return info.kind
    return None
