"""Likely duplicate people and institutions: candidates for a merge, each with its reasons.

Candidates (``find_duplicates``), each with the reasons it was proposed:

- people: the same name in another script or romanization (``namekeys`` keys of family + given name,
  in either order, from the name fields and every name variant: ``Евгений Коржиков`` = ``Evgeny
  Korzhikov`` = ``Korjikov Evgeniy``); the same e-mail address; the same phone number (digits only,
  the last ten); near-identical names among the staff of one institution (family names one typo
  apart or equal, given names equal or one an initial of the other: ``D. Pashin`` / ``Dmitry Pashin``);
- institutions: the same name in another script or romanization; the same website; near-identical
  names (rapidfuzz ``token_sort_ratio`` >= 92) under the same parent or in the same city.

Merging two of them and undoing a merge is ``services.merging``'s job.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from organizer.domain.enums import RecordKind
from organizer.domain.errors import ValidationError
from organizer.domain.kinds import parse_kind
from organizer.domain.namekeys import fold, name_keys
from organizer.domain.records import compose_full_name
from organizer.domain.search import DuplicateCandidate
from organizer.services import shown
from organizer.store import models as m
from organizer.store.database import Database

KINDS = (RecordKind.PERSON, RecordKind.INSTITUTION)
BLOCK_LIMIT = 40
"""Records sharing one name signature beyond this are common namesakes, not duplicates: skipped."""
_SCORES = {"name": 60.0, "email": 60.0, "phone": 50.0, "website": 50.0, "similar": 45.0, "together": 25.0}
"""Points per reason (a pair's score is their sum, at most 100): a name alone may be a namesake."""
_PHONE_DIGITS = 10
_STOP = frozenset({"the", "of", "and", "for", "jsc", "llc", "ao", "oao", "pao", "zao", "ooo", "aj", "im", "named"})


# --- finding candidates --------------------------------------------------------------------------

class _Pairs:
    def __init__(self) -> None:
        self.reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
        self.scores: dict[tuple[int, int], float] = defaultdict(float)

    def add(self, a: int, b: int, kind: str, reason: str) -> None:
        if a == b:
            return
        key = (min(a, b), max(a, b))
        if reason not in self.reasons[key]:
            self.reasons[key].append(reason)
            self.scores[key] = min(100.0, self.scores[key] + _SCORES[kind])

    def add_block(self, ids: Iterable[int], kind: str, reason: str) -> None:
        unique = sorted(set(ids))
        if 1 < len(unique) <= BLOCK_LIMIT:
            for a, b in combinations(unique, 2):
                self.add(a, b, kind, reason)


_fold_word = lru_cache(maxsize=200_000)(fold)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-–—,.;:()«»\"/]+", name)
            if len(_fold_word(w)) >= 2 and _fold_word(w) not in _STOP]


@lru_cache(maxsize=200_000)
def _pair_signatures(name: str) -> frozenset[frozenset[str]]:
    """Unordered pairs of word keys of a two- or three-word name (family + given, in any order)."""
    ws = _words(name)
    if not 2 <= len(ws) <= 3:
        return frozenset()
    keyed = [name_keys(w)[:2] for w in ws]
    out: set[frozenset[str]] = set()
    for a, b in combinations(keyed, 2):
        out.update(frozenset((x, y)) for x in a for y in b if x != y)
    return frozenset(out)


def phone_digits(number: str) -> str:
    """The last ten digits of a phone number: how two numbers are compared (here and by a merge)."""
    return re.sub(r"\D", "", number)[-_PHONE_DIGITS:]


def _people_candidates(session: Session, pairs: _Pairs) -> dict[int, str]:
    p = m.Person
    titles: dict[int, str] = {}
    by_signature: dict[frozenset[str], list[int]] = defaultdict(list)
    family_key: dict[int, str] = {}
    given: dict[int, str] = {}
    for r in session.execute(select(p.id, p.given_name, p.middle_name, p.family_name, p.display_name)):
        titles[r.id] = compose_full_name(r.given_name, r.middle_name, r.family_name, r.display_name)
        for sig in _pair_signatures(f"{r.given_name} {r.family_name}") | _pair_signatures(r.display_name):
            by_signature[sig].append(r.id)
        keys = name_keys(r.family_name) if r.family_name else ()
        family_key[r.id] = keys[0] if keys else _fold_word(r.family_name).replace(" ", "")
        given[r.id] = _fold_word(r.given_name)
    for pid, name in session.execute(select(m.PersonName.person_id, m.PersonName.name)):
        for sig in _pair_signatures(name):
            by_signature[sig].append(pid)
    for ids in by_signature.values():
        pairs.add_block(ids, "name", "same name in another spelling or script")
    emails: dict[str, list[int]] = defaultdict(list)
    for pid, address in session.execute(select(m.PersonEmail.person_id, m.PersonEmail.address)):
        emails[address.strip().casefold()].append(pid)
    for address, ids in emails.items():
        pairs.add_block(ids, "email", f"same e-mail {address}")
    phones: dict[str, list[int]] = defaultdict(list)
    for pid, number in session.execute(select(m.PersonPhone.person_id, m.PersonPhone.number)):
        digits = phone_digits(number)
        if len(digits) >= 7:
            phones[digits].append(pid)
    for digits, ids in phones.items():
        pairs.add_block(ids, "phone", f"same phone number …{digits[-7:]}")
    staff: dict[int, set[int]] = defaultdict(set)
    for pid, iid in session.execute(select(m.Position.person_id, m.Position.institution_id)):
        staff[iid].add(pid)
    inst_names = {r[0]: r[1] for r in session.execute(select(m.Institution.id, m.Institution.name))}
    works_at: dict[int, set[int]] = defaultdict(set)
    for iid, members in staff.items():
        for pid in members:
            works_at[pid].add(iid)
    for a, b in list(pairs.reasons):  # a name alone may be a namesake; at the same institution it is likelier one
        shared = works_at.get(a, set()) & works_at.get(b, set())
        if shared:
            pairs.add(a, b, "together", f"both at {inst_names.get(min(shared), '?')}")
    for iid, members in staff.items():
        blocks: dict[str, list[int]] = defaultdict(list)
        for pid in members:
            blocks[family_key[pid][:3]].append(pid)
        for block in blocks.values():
            if len(block) > 4 * BLOCK_LIMIT:
                continue
            for a, b in combinations(sorted(block), 2):
                if _similar_people(family_key[a], family_key[b], given[a], given[b]):
                    pairs.add(a, b, "similar", f"similar names at {inst_names.get(iid, '?')}")
    return titles


def _similar_people(fam_a: str, fam_b: str, given_a: str, given_b: str) -> bool:
    if not fam_a or Levenshtein.distance(fam_a, fam_b) > 1:
        return False
    if not given_a or not given_b:
        return True
    if given_a[0] != given_b[0]:
        return False
    short, long_ = sorted((given_a, given_b), key=len)
    return len(short) <= 2 or long_.startswith(short) or bool(set(name_keys(given_a)) & set(name_keys(given_b)))


def _institution_candidates(session: Session, pairs: _Pairs) -> dict[int, str]:
    i = m.Institution
    titles: dict[int, str] = {}
    by_signature: dict[tuple[str, ...], list[int]] = defaultdict(list)
    by_site: dict[str, list[int]] = defaultdict(list)
    groups: dict[tuple[str, Any], list[tuple[int, str]]] = defaultdict(list)
    names: list[tuple[int, str]] = [(r.id, r.name) for r in session.execute(select(i.id, i.name))]
    for r in session.execute(select(i.id, i.name, i.website, i.parent_id, i.city)):
        titles[r.id] = r.name
        site = re.sub(r"^(https?://)?(www\.)?", "", r.website.strip().casefold()).split("/")[0]
        if site:
            by_site[site].append(r.id)
        groups[("parent", r.parent_id) if r.parent_id else ("city", fold(r.city))].append((r.id, fold(r.name)))
    names += [(r[0], r[1]) for r in session.execute(select(m.InstitutionName.institution_id, m.InstitutionName.name))]
    for iid, name in names:
        sig = tuple(sorted(k[0] for k in (name_keys(w) for w in _words(name)) if k))
        if len(sig) >= 2:
            by_signature[sig].append(iid)
    for ids in by_signature.values():
        pairs.add_block(ids, "name", "same name in another spelling or script")
    for site, ids in by_site.items():
        pairs.add_block(ids, "website", f"same website {site}")
    for members in groups.values():
        if len(members) > 4 * BLOCK_LIMIT:
            continue
        for (a, na), (b, nb) in combinations(members, 2):
            if na and nb and fuzz.token_sort_ratio(na, nb) >= 92:
                pairs.add(a, b, "similar", "near-identical names")
    return titles


def find_duplicates(db: Database, kind: RecordKind | None = None, limit: int | None = None) -> list[DuplicateCandidate]:
    """Likely duplicates, surest first (see the module docstring)."""
    kinds = merge_kinds(kind)
    out: list[DuplicateCandidate] = []
    with db.reader() as session:
        for k in kinds:
            pairs = _Pairs()
            titles = (_people_candidates if k == RecordKind.PERSON else _institution_candidates)(session, pairs)
            out += [DuplicateCandidate(k, a, b, titles.get(a, ""), titles.get(b, ""), tuple(pairs.reasons[(a, b)]),
                                       pairs.scores[(a, b)]) for a, b in pairs.reasons]
    out.sort(key=lambda c: (-c.score, KINDS.index(c.kind), c.first_id, c.second_id))
    out = out[:limit] if limit else out
    shown_titles = shown.titles(db, {(c.kind, i) for c in out for i in (c.first_id, c.second_id)})
    if not shown_titles:  # no display language (the command line): the names as stored
        return out
    return [replace(c, first_title=shown_titles.get((c.kind, c.first_id), c.first_title),
                    second_title=shown_titles.get((c.kind, c.second_id), c.second_title)) for c in out]


def merge_kinds(kind: RecordKind | str | None) -> tuple[RecordKind, ...]:
    """The kinds ``kind`` names (a kind, or ``people``, ``person``... as typed: ``domain.kinds.parse_kind``;
    every kind for None); ValidationError for a kind that is not merged."""
    if kind is None:
        return KINDS
    k = parse_kind(kind)
    if k is None or k not in KINDS:
        raise ValidationError({"kind": f"{str(kind)!r}: only people and institutions are merged (person, institution)"})
    return (k,)
