"""JSON shapes of the command line (``--json``): a contract that scripts and outside checks rely on.

Field names spelled out in the issues (``id``, ``full_name``, ``name_variants``, ``positions`` with
``title``/``institution``/``current``, ...) must never be renamed; new fields may be added.
Dates are ISO 8601 (``YYYY-MM-DD``), times ``YYYY-MM-DDTHH:MM:SS`` (local time at the venue).
A person's fields are written from the field table (``domain.fields.PERSON``: its JSON keys, in its order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from organizer.domain.records import (
        AgreementRow,
        FollowUpRow,
        InstitutionDetail,
        InstitutionRow,
        MeetingDetail,
        MeetingRow,
        ParticipantView,
        PersonDetail,
        PersonHistory,
        PersonListing,
        PositionView,
        ProgrammeItemDetail,
        ProgrammeItemRow,
        TextVariant,
        VisitDetail,
        VisitRow,
    )


def to_mapping(variants: Iterable[TextVariant] | None) -> dict[str, dict[str, str]]:
    """``domain.variants.to_mapping``, imported on first use (with the field table it imports: see
    ``_person_plan``)."""
    from organizer.domain.variants import to_mapping as mapping

    return mapping(variants)


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def position(p: PositionView) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "institution": p.institution_name,
        "institution_id": p.institution_id,
        "start_date": iso(p.start_date),
        "end_date": iso(p.end_date),
        "current": p.current,
    }


Getter = Callable[[Any], Any]


@cache
def _person_plan(*, listing: bool) -> tuple[tuple[str, Getter], ...]:
    """(JSON key, value of a person) for each field of the person's field table (``domain.fields.PERSON``)
    that the short JSON carries, in the table's order: from a ``PersonDetail`` or, with ``listing``, from a
    ``PersonListing``. Rows are read by the row table's names: on a detail by attribute, on a listing's
    named rows (``ListedName``, ``ListedContact``, ``ListedText``) at the place of that name in the row,
    found once here (the listing writes hundreds of thousands of rows). Made on first use: the field table
    (and the record classes it imports) cost a command that writes no person, such as ``list visits``, a
    good part of its start-up."""
    from organizer.domain.fields import PERSON, FieldType
    from organizer.domain.records import ListedContact, ListedName, ListedText

    listed_rows: dict[str, type[tuple[Any, ...]]] = {"names": ListedName, "emails": ListedContact,
                                                     "phones": ListedContact}
    """The named rows a ``PersonListing`` holds for each field of rows (by its attribute)."""
    plan: list[tuple[str, Getter]] = []
    for fld in PERSON.json_fields:
        if not fld.listed:
            continue
        key = str(fld.json)
        if fld.name == "positions":  # the held posts as read (PositionView / listing rows), with institution names
            plan.append((key, _listing_positions if listing else _detail_positions))
            continue
        if listing and fld.page:  # a generic field: the listing holds it by name (``PersonListing.more``)
            plan.append((key, _more(fld.name)))
            continue
        value = attrgetter(fld.attr) if listing else attrgetter(f"data.{fld.name}")
        if fld.type is FieldType.ROWS:
            columns = fld.row_table.names
            keys = tuple(str(c.json) for c in fld.row_table)
            if listing:
                places = _places(listed_rows[fld.attr], columns)
                plan.append((key, _at(value, places[0])))
                if fld.details:
                    plan.append((fld.details, _objects_at(value, tuple(zip(places, keys, strict=True)))))
            else:
                plan.append((key, _each(value, attrgetter(columns[0]))))
                if fld.details:
                    plan.append((fld.details, _objects(value, columns, keys)))
        elif fld.type is FieldType.TEXTS:
            if listing and fld.stored_in:
                plan.append((key, _at(value, _places(ListedText, ("text",))[0])))
            else:
                plan.append((key, _listed(value)))
        else:
            plan.append((key, value))
    return tuple(plan)


def _places(shape: type[tuple[Any, ...]], columns: tuple[str, ...]) -> tuple[int, ...]:
    """Where each of these columns is in the named tuple ``shape`` (KeyError-like ValueError if missing)."""
    fields: tuple[str, ...] = shape._fields  # type: ignore[attr-defined]
    return tuple(fields.index(c) for c in columns)


def _more(name: str) -> Getter:
    return lambda p: p.more[name]


def _each(rows: Getter, part: Getter) -> Getter:
    return lambda x: [part(r) for r in rows(x)]


def _at(rows: Getter, place: int) -> Getter:
    return lambda x: [r[place] for r in rows(x)]


def _objects(rows: Getter, columns: tuple[str, ...], keys: tuple[str, ...]) -> Getter:
    parts = attrgetter(*columns)
    return lambda x: [dict(zip(keys, parts(r), strict=True)) for r in rows(x)]


def _objects_at(rows: Getter, places: tuple[tuple[int, str], ...]) -> Getter:
    return lambda x: [{k: r[i] for i, k in places} for r in rows(x)]


def _listed(value: Getter) -> Getter:
    return lambda x: list(value(x))


def _detail_positions(d: PersonDetail) -> list[dict[str, Any]]:
    return [position(p) for p in d.positions]


def _listing_positions(p: PersonListing) -> list[dict[str, Any]]:
    return [{"id": q.id, "title": q.title, "institution": q.institution, "institution_id": q.institution_id,
             "start_date": q.start_date, "end_date": q.end_date, "current": q.current} for q in p.positions]


def person(d: PersonDetail) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.meta.id, "uid": d.meta.uid, "full_name": d.full_name}
    for key, get in _person_plan(listing=False):
        out[key] = get(d)
    out["version"] = d.meta.version
    return out


def person_listing(p: PersonListing) -> dict[str, Any]:
    """The same object as ``person()`` for the same person (a test holds them equal), from a listing row."""
    out: dict[str, Any] = {"id": p.id, "uid": p.uid, "full_name": p.full_name}
    for key, get in _person_plan(listing=True):
        out[key] = get(p)
    out["version"] = p.version
    return out


def person_full(d: PersonDetail, history: PersonHistory) -> dict[str, Any]:
    out = person(d)
    out.update(
        biography=d.data.biography,
        notes=d.data.notes,
        has_photo=d.has_photo,
        variants=to_mapping(d.data.variants),
        position_variants={str(p.id): to_mapping(p.variants) for p in d.positions if p.variants},
        created_at=iso(d.meta.created_at),
        updated_at=iso(d.meta.updated_at),
        history=[
            {"kind": a.kind, "id": a.id, "title": a.title, "date": iso(a.when), "side": a.side.value,
             "role": a.role.value, "visit_id": a.visit_id}
            for a in history.attended
        ],
    )
    return out


def institution(r: InstitutionRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "short_name": r.short_name,
        "parent": r.parent_name,
        "parent_id": r.parent_id,
        "kind": r.kind.value,
        "country": r.country,
        "city": r.city,
    }


def institution_full(d: InstitutionDetail) -> dict[str, Any]:
    data = d.data
    return {
        "id": d.meta.id,
        "uid": d.meta.uid,
        "name": data.name,
        "short_name": data.short_name,
        "parent": d.parent_name,
        "parent_id": data.parent_id,
        "path": list(d.path),
        "kind": data.kind.value,
        "name_variants": [v.name for v in data.name_variants],
        "country": data.country,
        "city": data.city,
        "address": data.address,
        "website": data.website,
        "profile": data.profile,
        "topics": list(data.topics),
        "units": [institution(c) for c in d.children],
        "people": [
            {"person_id": p.person_id, "full_name": p.person_name, "title": p.title, "current": p.current}
            for p in d.people
        ],
        "variants": to_mapping(data.variants),
        "version": d.meta.version,
    }


def visit(r: VisitRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "start_date": iso(r.start_date),
        "end_date": iso(r.end_date),
        "status": r.status.value,
        "direction": r.direction.value,
        "place": r.place,
        "meeting_count": r.meeting_count,
    }


def participant(p: ParticipantView) -> dict[str, Any]:
    return {
        "person_id": p.person_id,
        "full_name": p.full_name,
        "title": p.title,
        "institution": p.institution,
        "side": p.side.value,
        "role": p.role.value,
        "precedence": p.precedence,
    }


def meeting(r: MeetingRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "kind": r.kind.value,
        "visit_id": r.visit_id,
        "starts_at": iso(r.starts_at),
        "ends_at": iso(r.ends_at),
        "venue": r.venue,
        "room": r.room,
        "participants": list(r.participants),
    }


def followup(r: FollowUpRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "description": r.description,
        "status": r.status.value,
        "due_date": iso(r.due_date),
        "owner": r.owner,
        "visit_id": r.visit_id,
        "meeting_id": r.meeting_id,
        "visit": r.visit_title,
        "meeting": r.meeting_title,
        "done_on": iso(r.done_on),
        "done_note": r.done_note,
        "variants": to_mapping(r.variants),
    }


def agreement(r: AgreementRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "kind": r.kind.value,
        "status": r.status.value,
        "signed_date": iso(r.signed_date),
        "valid_until": iso(r.valid_until),
        "parties": list(r.parties),
        "variants": to_mapping(r.variants),
    }


def programme_item(r: ProgrammeItemRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "visit_id": r.visit_id,
        "kind": r.kind.value,
        "starts_at": iso(r.starts_at),
        "ends_at": iso(r.ends_at),
        "title": r.title,
        "place": r.place,
        "escort_person_id": r.escort_person_id,
        "escort": r.escort,
        "transport": r.transport,
        "notes": r.notes,
        "visit": r.visit_title,
        "variants": to_mapping(r.variants),
    }


def programme_item_full(d: ProgrammeItemDetail) -> dict[str, Any]:
    """``show programme_item ID --json``: the listing's fields with the uid and version."""
    return {**programme_item(d.row), "uid": d.meta.uid, "version": d.meta.version}


def visit_full(d: VisitDetail) -> dict[str, Any]:
    data = d.data
    lg = data.logistics
    return {
        "id": d.meta.id,
        "uid": d.meta.uid,
        "title": data.title,
        "direction": data.direction.value,
        "start_date": iso(data.start_date),
        "end_date": iso(data.end_date),
        "status": data.status.value,
        "place": data.place,
        "purpose": data.purpose,
        "summary": data.summary,
        "desired_outcomes": data.desired_outcomes,
        "key_messages": data.key_messages,
        "sensitivities": data.sensitivities,
        "topics": list(data.topics),
        "institutions": [{"id": i, "name": n, "side": s.value} for i, n, s in d.institutions],
        "participants": [participant(p) for p in d.participants],
        "meetings": [meeting(mt) for mt in d.meetings],
        "followups": [followup(f) for f in d.followups],
        "agreements": [agreement(a) for a in d.agreements],
        "programme": [programme_item(p) for p in d.programme],
        "logistics": {
            "arrival_at": iso(lg.arrival_at),
            "arrival_details": lg.arrival_details,
            "departure_at": iso(lg.departure_at),
            "departure_details": lg.departure_details,
            "lodging": lg.lodging,
            "transport": lg.transport,
            "interpreter_needs": lg.interpreter_needs,
            "dietary_needs": lg.dietary_needs,
        },
        "gifts": [
            {"direction": g.direction.value, "description": g.description, "person_id": g.person_id,
             "variants": to_mapping(g.variants)}
            for g in data.gifts
        ],
        "variants": to_mapping(data.variants),
        "version": d.meta.version,
    }


def meeting_full(d: MeetingDetail) -> dict[str, Any]:
    data = d.data
    return {
        "id": d.meta.id,
        "uid": d.meta.uid,
        "title": data.title,
        "kind": data.kind.value,
        "visit_id": data.visit_id,
        "visit": d.visit_title,
        "starts_at": iso(data.starts_at),
        "ends_at": iso(data.ends_at),
        "venue": d.venue,
        "room": data.room,
        "participants": [p.full_name for p in d.participants],
        "participant_details": [participant(p) for p in d.participants],
        "objectives": data.objectives,
        "talking_points": data.talking_points,
        "agenda": data.agenda,
        "notes": data.notes,
        "outcomes": data.outcomes,
        "topics": list(data.topics),
        "followups": [followup(f) for f in d.followups],
        "variants": to_mapping(data.variants),
        "version": d.meta.version,
    }
