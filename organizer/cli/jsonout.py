"""JSON shapes of the command line (``--json``): a contract that scripts and outside checks rely on.

Field names spelled out in the issues (``id``, ``full_name``, ``name_variants``, ``positions`` with
``title``/``institution``/``current``, ...) must never be renamed; new fields may be added.
Dates are ISO 8601 (``YYYY-MM-DD``), times ``YYYY-MM-DDTHH:MM:SS`` (local time at the venue).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

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
    VisitDetail,
    VisitRow,
)


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


def person(d: PersonDetail) -> dict[str, Any]:
    data = d.data
    return {
        "id": d.meta.id,
        "uid": d.meta.uid,
        "full_name": d.full_name,
        "given_name": data.given_name,
        "middle_name": data.middle_name,
        "family_name": data.family_name,
        "honorific": data.honorific,
        "form_of_address": data.form_of_address,
        "name_variants": [v.name for v in data.name_variants],
        "name_variant_details": [
            {"name": v.name, "script": v.script, "language": v.language} for v in data.name_variants
        ],
        "positions": [position(p) for p in d.positions],
        "emails": [e.value for e in data.emails],
        "email_details": [{"address": e.value, "label": e.label} for e in data.emails],
        "phones": [p.value for p in data.phones],
        "phone_details": [{"number": p.value, "label": p.label} for p in data.phones],
        "languages": list(data.languages),
        "dietary_needs": data.dietary_needs,
        "interpreter_needs": data.interpreter_needs,
        "tags": list(data.tags),
        "topics": list(data.topics),
        "version": d.meta.version,
    }


def person_listing(p: PersonListing) -> dict[str, Any]:
    """The same object as ``person()`` for the same person (a test holds them equal), from a listing row."""
    names, emails, phones = p.names, p.emails, p.phones
    return {
        "id": p.id,
        "uid": p.uid,
        "full_name": p.full_name,
        "given_name": p.given_name,
        "middle_name": p.middle_name,
        "family_name": p.family_name,
        "honorific": p.honorific,
        "form_of_address": p.form_of_address,
        "name_variants": [n[0] for n in names],
        "name_variant_details": [{"name": n[0], "script": n[1], "language": n[2]} for n in names],
        "positions": [
            {"id": q[0], "title": q[1], "institution": q[2], "institution_id": q[3],
             "start_date": q[4], "end_date": q[5], "current": q[6]}
            for q in p.positions
        ],
        "emails": [e[0] for e in emails],
        "email_details": [{"address": e[0], "label": e[1]} for e in emails],
        "phones": [ph[0] for ph in phones],
        "phone_details": [{"number": ph[0], "label": ph[1]} for ph in phones],
        "languages": list(p.languages),
        "dietary_needs": p.dietary_needs,
        "interpreter_needs": p.interpreter_needs,
        "tags": [t[0] for t in p.tags],
        "topics": [t[0] for t in p.topics],
        "version": p.version,
    }


def person_full(d: PersonDetail, history: PersonHistory) -> dict[str, Any]:
    out = person(d)
    out.update(
        biography=d.data.biography,
        notes=d.data.notes,
        has_photo=d.has_photo,
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
    }


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
        "topics": list(data.topics),
        "institutions": [{"id": i, "name": n, "side": s.value} for i, n, s in d.institutions],
        "participants": [participant(p) for p in d.participants],
        "meetings": [meeting(mt) for mt in d.meetings],
        "followups": [followup(f) for f in d.followups],
        "agreements": [agreement(a) for a in d.agreements],
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
            {"direction": g.direction.value, "description": g.description, "person_id": g.person_id}
            for g in data.gifts
        ],
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
        "version": d.meta.version,
    }
