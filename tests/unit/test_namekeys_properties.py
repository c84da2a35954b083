"""Property tests: a name in Cyrillic and its romanization by any supported system find each other.

The end-to-end properties store a person under one spelling and search with the other, through the
real index. The key property checks the romanizations against each other (Latin to Latin), on
Russian-like names; ``CLUSTERS`` lists the letter pairs where two systems' digraphs collide (the
module docstring of ``organizer.domain.namekeys`` explains them).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import iuliia
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organizer.domain.namekeys import SCHEME_NAMES, fold, name_keys
from organizer.domain.records import PersonData
from organizer.services import people, search
from organizer.store import Database, open_database, sqlite_url

warnings.filterwarnings("ignore", category=DeprecationWarning, module="iuliia")

VOWELS = "аеёиоуыэюя"
CONSONANTS = "бвгджзклмнпрстфхцчшщ"
CLUSTERS = re.compile("т[сцчшщж]|ц[жчшщсз]|с[шщцч]|[цтсзшщжчкгп]х|щ.*щ|[жш]л|ч[шщ]")


@st.composite
def russian_names(draw: st.DrawFn) -> str:
    """A word shaped like a Russian name: consonant-vowel syllables, soft and hard signs where they occur."""
    out = ""
    for k in range(draw(st.integers(2, 4))):
        if k or draw(st.booleans()):
            out += draw(st.sampled_from(CONSONANTS))
            if draw(st.integers(0, 9)) == 0:
                out += draw(st.sampled_from("ьъ"))
        vowel_pool = VOWELS if k else "аеиоуэюя"
        out += draw(st.sampled_from("еёюя" if out.endswith("ъ") else vowel_pool))
        if draw(st.integers(0, 6)) == 0:
            out += "й"
        if draw(st.integers(0, 3)) == 0:
            out += draw(st.sampled_from(CONSONANTS))
    return out.capitalize()


def _romanize(name: str, scheme: str) -> str:
    return str(getattr(iuliia, scheme).translate(name))


@given(name=russian_names(), first=st.sampled_from(SCHEME_NAMES), second=st.sampled_from(SCHEME_NAMES))
@settings(max_examples=400, deadline=None)
def test_two_romanizations_share_a_key(name: str, first: str, second: str) -> None:
    if CLUSTERS.search(name.lower()) or len(fold(name)) < 3:
        return
    a, b = _romanize(name, first), _romanize(name, second)
    assert set(name_keys(a)) & set(name_keys(b)), (name, a, b, name_keys(a), name_keys(b))
    assert set(name_keys(a)) & set(name_keys(name)), (name, a)


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("props") / "organizer.sqlite"
    db = open_database(sqlite_url(path))
    yield db
    db.close()


@given(name=russian_names(), scheme=st.sampled_from(SCHEME_NAMES), cyrillic_stored=st.booleans())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_cyrillic_and_any_romanization_find_each_other(shared_db: Database, name: str, scheme: str,
                                                       cyrillic_stored: bool) -> None:
    latin = _romanize(name, scheme)
    if len(fold(latin)) < 2:
        return
    stored, query = (name, latin) if cyrillic_stored else (latin, name)
    person = people.create_person(shared_db, PersonData(given_name="Test", family_name=stored))
    hits = search.search(shared_db, query, kinds=["person"], limit=500).hits
    assert person.meta.id in [h.id for h in hits], (stored, query, scheme)
