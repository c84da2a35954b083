"""vCard export (4.0, or 3.0 for old clients) of chosen people, a visit's participants, or everyone.

Each person becomes one card with the properties ``services.interop.cards`` reads back (its docstring
has the table), so a round trip vCard -> Organizer -> vCard keeps every field we model:

- ``UID`` (the person's uid), ``N`` (family; given; middle; honorific), ``FN`` (the display name, else the
  name from the parts; a display name also as ``X-ORGANIZER-DISPLAY-NAME``), name variants as
  ``X-ORGANIZER-NAME;LANGUAGE=<lang>-<Script>``: 4.0 could carry them as further ``FN;ALTID=`` (the reader
  takes those too), but address books show the last FN of a card (abook does), not the first;
- ``EMAIL``/``TEL`` with ``TYPE`` from a label made of known words (``work mobile`` -> ``work,cell``),
  else a ``X-ORGANIZER-LABEL=`` parameter (Apple's grouped ``itemN.X-ABLabel`` would say it to Apple's
  clients, but address books that ignore groups then drop the address itself: abook does);
- each position: ``ORG`` (the institution's path from the top) with ``X-START``/``X-END``/``X-CURRENT``
  parameters and ``TITLE``, the current one first and ungrouped, the others grouped (``posN.``);
- language variants (``domain.variants``): ``X-ORGANIZER-VARIANT;X-ORGANIZER-FIELD=<field>;LANGUAGE=<lang>``
  for the person's translatable fields, ``X-ORGANIZER-TITLE-VARIANT;LANGUAGE=<lang>`` beside a position's TITLE;
- ``CATEGORIES`` (tags), ``NOTE`` (notes), ``LANG`` (4.0) / ``X-ORGANIZER-LANG`` (3.0), ``GENDER`` (4.0) /
  ``X-GENDER`` (3.0), ``PHOTO`` (``data:`` URI in 4.0, ``ENCODING=b`` in 3.0), and ``X-ORGANIZER-*`` for the
  fields vCard has no property for (academic title, form of address, dietary and interpreter needs, biography, topics).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import Connection, select

from organizer.domain.enums import Gender, RecordKind
from organizer.domain.errors import NotFoundError, ValidationError
from organizer.domain.records import ContactEntry, PersonDetail
from organizer.services import people, visits
from organizer.services.institutions import MAX_DEPTH
from organizer.services.interop.cards import (
    EMAIL_TYPE_OF_LABEL,
    FIELD_PARAM,
    LABEL_PARAM,
    TITLE_VARIANT,
    TYPE_OF_LABEL,
    VARIANT,
)
from organizer.services.interop.vcard import content_line, escape
from organizer.store import models as m
from organizer.store.database import Database
from organizer.store.files import write_file

VERSIONS = ("4.0", "3.0")


def _types(label: str, known: dict[str, str]) -> list[str] | None:
    words = label.split()
    if not words or not all(w in known for w in words):
        return None
    return [known[w] for w in words]


def _contacts(name: str, entries: Sequence[ContactEntry], known: dict[str, str]) -> list[str]:
    out: list[str] = []
    for entry in entries:
        if not entry.label:
            out.append(content_line(name, escape(entry.value)))
            continue
        types = _types(entry.label, known)
        if types is not None:
            out.append(content_line(name, escape(entry.value), [("TYPE", ",".join(types))]))
        else:  # not Apple's grouped X-ABLabel: address books that ignore groups lose the value (abook)
            out.append(content_line(name, escape(entry.value), [(LABEL_PARAM, entry.label)]))
    return out


def _tag(language: str, script: str) -> str:
    if script:
        return f"{language or 'und'}-{script}"
    return language


def card_of(person: PersonDetail, paths: dict[int, tuple[str, ...]], version: str = "4.0",
            photo: tuple[bytes, str] | None = None) -> str:
    """The vCard text of one person (CRLF lines, folded). ``paths``: institution id -> names from the top."""
    if version not in VERSIONS:
        raise ValidationError({"version": f"{version!r}: vCard {' or '.join(VERSIONS)} is written"})
    d = person.data
    v4 = version == "4.0"
    lines = ["BEGIN:VCARD\r\n", f"VERSION:{version}\r\n", "PRODID:-//Organizer//Organizer vCard export//EN\r\n",
             content_line("UID", escape(person.meta.uid))]
    lines.append(content_line("FN", escape(person.full_name)))
    for variant in d.name_variants:  # not further FNs: address books show the last FN (abook, measured)
        tag = _tag(variant.language, variant.script)
        lines.append(content_line("X-ORGANIZER-NAME", escape(variant.name), [("LANGUAGE", tag)] if tag else []))
    if d.display_name:
        lines.append(content_line("X-ORGANIZER-DISPLAY-NAME", escape(d.display_name)))
    lines.append(content_line("N", ";".join(escape(x) for x in (d.family_name, d.given_name, d.middle_name,
                                                                  d.honorific, ""))))
    if d.gender is not Gender.UNSPECIFIED and d.gender:
        lines.append(content_line("GENDER", "M" if d.gender == Gender.MALE else "F") if v4
                     else content_line("X-GENDER", "Male" if d.gender == Gender.MALE else "Female"))
    lines += _contacts("EMAIL", d.emails, EMAIL_TYPE_OF_LABEL)
    lines += _contacts("TEL", d.phones, TYPE_OF_LABEL)
    ordered = sorted(person.positions, key=lambda p: not p.current)
    for n, position in enumerate(ordered):
        group = "" if n == 0 else f"pos{n}"
        params = [("X-CURRENT", "TRUE" if position.current else "FALSE")]
        if position.start_date:
            params.append(("X-START", position.start_date.isoformat()))
        if position.end_date:
            params.append(("X-END", position.end_date.isoformat()))
        path = paths.get(position.institution_id, (position.institution_name,))
        lines.append(content_line("ORG", ";".join(escape(x) for x in path), params, group))
        if position.title:
            lines.append(content_line("TITLE", escape(position.title), group=group))
        for v in position.variants:  # the title in other languages
            if v.field == "title":
                lines.append(content_line(TITLE_VARIANT, escape(v.text), [("LANGUAGE", v.lang)], group))
    if d.tags:
        lines.append(content_line("CATEGORIES", ",".join(escape(t) for t in d.tags)))
    if d.topics:
        lines.append(content_line("X-ORGANIZER-TOPICS", ",".join(escape(t) for t in d.topics)))
    for lang in d.languages:
        lines.append(content_line("LANG" if v4 else "X-ORGANIZER-LANG", escape(lang)))
    for name, value in (("X-ORGANIZER-ACADEMIC-TITLE", d.academic_title),
                        ("X-ORGANIZER-FORM-OF-ADDRESS", d.form_of_address), ("X-ORGANIZER-BIOGRAPHY", d.biography),
                        ("X-ORGANIZER-DIETARY-NEEDS", d.dietary_needs),
                        ("X-ORGANIZER-INTERPRETER-NEEDS", d.interpreter_needs), ("NOTE", d.notes)):
        if value:
            lines.append(content_line(name, escape(value)))
    for v in d.variants or ():  # translatable fields in other languages
        lines.append(content_line(VARIANT, escape(v.text), [(FIELD_PARAM, v.field), ("LANGUAGE", v.lang)]))
    if photo is not None:
        content, media = photo
        encoded = base64.b64encode(content).decode("ascii")
        if v4:
            lines.append(content_line("PHOTO", f"data:{media};base64,{encoded}"))
        else:
            lines.append(content_line("PHOTO", encoded, [("ENCODING", "b"),
                                                         ("TYPE", media.split("/")[-1].upper())]))
    lines.append("END:VCARD\r\n")
    return "".join(lines)


def chosen_people(db: Database, *, person_ids: Iterable[int] = (), visit_id: int | None = None) -> list[int]:
    """The ids to export: these people, a visit's participants (in order of precedence), or everyone."""
    ids = list(dict.fromkeys(person_ids))
    for ident in ids:
        people.get_person(db, ident)  # NotFoundError for an unknown id
    if visit_id is not None:
        ids += [p.person_id for p in visits.get_visit(db, visit_id).participants if p.person_id not in ids]
    elif not ids:
        ids = people.person_ids(db)
    return ids


def vcards(db: Database, ids: Sequence[int], version: str = "4.0") -> Iterator[str]:
    """The cards of these people, one string each, read ``people.BATCH`` at a time in one read transaction
    (``people.details_in``: a few statements a batch, not a transaction per person)."""
    paths: dict[int, tuple[str, ...]] = {}
    with db.read_connection() as conn:
        for start in range(0, len(ids), people.BATCH):
            batch = ids[start:start + people.BATCH]
            found = {p.meta.id: p for p in people.details_in(conn, batch)}
            with_photo = [i for i in batch if i in found and found[i].has_photo]
            photos: dict[int, tuple[bytes, str]] = {}
            if with_photo:
                photos = {row.id: (row.photo, row.photo_type) for row in conn.execute(
                    select(m.Person.id, m.Person.photo, m.Person.photo_type).where(m.Person.id.in_(with_photo)))
                    if row.photo is not None}
            _add_paths(conn, paths, {q.institution_id for p in found.values() for q in p.positions})
            for ident in batch:
                person = found.get(ident)
                if person is None:
                    raise NotFoundError(RecordKind.PERSON, ident)
                yield card_of(person, paths, version, photos.get(ident))


def _add_paths(conn: Connection, paths: dict[int, tuple[str, ...]], wanted: set[int]) -> None:
    """Put the path (names from the top) of each of ``wanted`` into ``paths``: the institutions and their
    parents read a level at a time (a few statements for a whole batch, not one per institution)."""
    i = m.Institution
    rows: dict[int, tuple[int | None, str]] = {}
    missing = wanted - paths.keys()
    todo = set(missing)
    for _ in range(MAX_DEPTH + 1):
        if not todo:
            break
        found = conn.execute(select(i.id, i.parent_id, i.name).where(i.id.in_(todo))).all()
        rows.update((ident, (parent, name)) for ident, parent, name in found)
        todo = {parent for _, parent, _ in found if parent is not None and parent not in rows}
    for ident in missing:
        path: list[str] = []
        seen: set[int] = set()
        current: int | None = ident
        while current is not None and current in rows and current not in seen:  # a cycle stops where it closes
            seen.add(current)
            parent, name = rows[current]
            path.insert(0, name)
            current = parent
        paths[ident] = tuple(path)


def export_vcard_file(db: Database, path: Path, ids: Sequence[int], version: str = "4.0") -> int:
    """Write these people's cards to ``path`` (atomically, through the output guard); returns how many."""
    if version not in VERSIONS:
        raise ValidationError({"version": f"{version!r}: vCard {' or '.join(VERSIONS)} is written"})
    count = 0

    def write(fh: object) -> None:
        nonlocal count
        for card in vcards(db, ids, version):
            fh.write(card.encode("utf-8"))  # type: ignore[attr-defined]
            count += 1

    write_file(path, write, database=db.path)
    return count
