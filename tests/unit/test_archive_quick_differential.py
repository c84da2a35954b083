"""The archive import's quick road against its general road on mutated people (a hostile check of
``services.archive.quick``): whatever a record holds, the quick road either leaves it to the general road or
gives exactly the rows the general road gives. Never a record the general road refuses, never other rows."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organizer.services.archive import importer
from organizer.store.database import Database
from tests.unit.test_archive_quick import _compare, _demo

_TEXTS = st.one_of(
    st.none(), st.integers(-3, 3), st.booleans(), st.just(""), st.just("  "), st.just("<b>&amp;"),
    st.just("a\x07b"), st.just("x" * 301), st.just("Jose\u0301"), st.just("\u202eevil"), st.just("\ud800"),
    st.just("Оʻgʻil"), st.text(max_size=12), st.lists(st.text(max_size=3), max_size=2),
)
_FIELDS = ("given_name", "middle_name", "family_name", "honorific", "form_of_address", "display_name",
           "gender", "academic_title", "biography", "notes", "dietary_needs", "interpreter_needs")
_LISTS = ("tags", "languages", "topics", "emails", "phones", "name_variants")
_LIST_ITEMS = st.one_of(_TEXTS, st.just("a@example.org"), st.just("+7 996 332-32-78"),
                        st.fixed_dictionaries({"value": _TEXTS, "label": _TEXTS}),
                        st.fixed_dictionaries({"name": _TEXTS, "script": _TEXTS, "language": _TEXTS}))
_POSITION = st.fixed_dictionaries({}, optional={
    # (a lone surrogate as a reference fails the look-up with UnicodeEncodeError, which the importer turns into
    # its message on the whole import, not a refused record: not what the record-by-record roads compare)
    "title": _TEXTS,
    "institution": st.one_of(st.sampled_from(["later", "nowhere"]), _TEXTS.filter(lambda v: v != "\ud800")),
    "start_date": st.one_of(st.none(), st.sampled_from(["2020-01-01", "2019-12-31", "May 2020", "2020-02-30"])),
    "end_date": st.one_of(st.none(), st.sampled_from(["2020-01-01", "2018-01-01"])),
    "current": st.one_of(st.none(), st.booleans(), st.just("yes")),
    "variants": st.one_of(st.just({}), st.just({"title": {"ru": "Декан"}}), st.just({"title": {"ru": 5}}))})

_CHANGES = st.fixed_dictionaries({}, optional={
    **{name: _TEXTS for name in _FIELDS},
    **{name: st.one_of(st.none(), _TEXTS, st.lists(_LIST_ITEMS, max_size=3)) for name in _LISTS},
    "positions": st.one_of(st.none(), st.just("T"), st.lists(_POSITION, max_size=3)),
    "variants": st.one_of(st.just({}), st.just(["x"]), st.just({"given_name": {"ru": "Иван"}}),
                          st.just({"given_name": {"ru": 5}}), st.just({"gender": {"ru": "x"}})),
})


@pytest.fixture
def resolved(db: Database) -> Database:
    """The demo's topics and institutions, and ``later``, in the database (as ``test_archive_quick``)."""
    data = _demo()
    later = {"uid": "later", "name": "Later Institute", "kind": "institute"}
    importer.import_archive(db, {"format": "organizer-archive", "version": 2, "topics": data["topics"],
                                 "institutions": [*data["institutions"], later]})
    return db


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(_CHANGES, min_size=1, max_size=4))
def test_mutated_people_take_the_general_road_or_give_its_rows(resolved: Database,
                                                               changes: list[dict[str, Any]]) -> None:
    base = _demo()["people"]
    people = [dict(copy.deepcopy(base[i % len(base)]), **change, uid=f"fuzz:{i}") for i, change in enumerate(changes)]
    for raw, (fast, general) in zip(people, _compare(resolved, people), strict=True):
        if fast is None:
            continue
        assert general is not None, ("the quick road took a record the general road refuses", raw)
        assert fast.columns == general.columns, raw
        assert list(fast.columns) == list(general.columns), raw
        assert fast.children == general.children, raw
