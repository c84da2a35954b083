"""Agreements: memoranda, cooperation agreements, contracts and protocols of intent that visits lead to."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import AgreementKind, AgreementStatus, RecordKind, parse_enum
from organizer.domain.records import AgreementData, AgreementDetail, AgreementRow, SignatoryData
from organizer.services._common import (
    Checker,
    delete_record,
    edited,
    fetch,
    meta_of,
    new_record,
    replace_children,
    require_exists,
)
from organizer.store import models as m
from organizer.store.database import Database

KIND = "agreement"


def _apply(session: Session, obj: m.Agreement, data: AgreementData, checker: Checker) -> None:
    obj.title = checker.text("title", data.title, required=True)
    obj.kind = parse_enum(AgreementKind, data.kind, "kind").value
    obj.status = parse_enum(AgreementStatus, data.status, "status").value
    checker.date_order("valid_until", data.signed_date, data.valid_until, what="signing date")
    if obj.status == AgreementStatus.SIGNED and data.signed_date is None:
        checker.add("signed_date", "a signed agreement needs its signing date", "signed_needs_date")
    obj.signed_date = data.signed_date
    obj.valid_until = data.valid_until
    obj.signed_place = checker.text("signed_place", data.signed_place)
    obj.summary = checker.long_text("summary", data.summary)
    require_exists(session, m.Visit, data.visit_id, "visit_id", "visit", checker)
    require_exists(session, m.Meeting, data.meeting_id, "meeting_id", "meeting", checker)
    obj.visit_id = data.visit_id
    obj.meeting_id = data.meeting_id
    parties = []
    for i, pid in enumerate(dict.fromkeys(data.party_ids)):
        require_exists(session, m.Institution, pid, f"party_ids[{i}]", "institution", checker)
        parties.append(m.AgreementParty(institution_id=pid))
    signatories = []
    seen: set[int] = set()
    for i, s in enumerate(data.signatories):
        require_exists(session, m.Person, s.person_id, f"signatories[{i}].person_id", "person", checker)
        require_exists(session, m.Institution, s.institution_id, f"signatories[{i}].institution_id",
                       "institution", checker)
        if s.person_id in seen:
            checker.add(f"signatories[{i}].person_id", f"person {s.person_id} is listed twice",
                        "listed_twice", kind="person", id=s.person_id)
        seen.add(s.person_id)
        signatories.append(m.AgreementSignatory(person_id=s.person_id, institution_id=s.institution_id))
    checker.check()
    replace_children(session, obj, "parties", parties, fields=("institution_id",), pair_leftovers=False)
    replace_children(session, obj, "signatories", signatories, fields=("person_id", "institution_id"),
                     key=("person_id",), pair_leftovers=False)


def create_in(session: Session, data: AgreementData, *, flush: bool = True, ident: int | None = None) -> m.Agreement:
    return new_record(session, m.Agreement, data.uid, f"agreement {data.title!r}",
                      lambda obj, checker: _apply(session, obj, data, checker), flush=flush,
                      ident=ident)


def _row_of(session: Session, ident: int) -> AgreementRow:
    return agreement_rows(session, select(m.Agreement).where(m.Agreement.id == ident))[0]


def create_agreement(db: Database, data: AgreementData) -> AgreementDetail:
    with db.unit_of_work() as session:
        ident = create_in(session, data).id
    return replace(get_agreement(db, ident),
                   changes=ChangeSet.of_create(RecordKind.AGREEMENT, ident, visit=data.visit_id))


def update_agreement(db: Database, ident: int, data: AgreementData,
                     expected_version: int | None = None) -> AgreementDetail:
    with edited(db, m.Agreement, KIND, ident, expected_version) as (session, obj, checker):
        _apply(session, obj, data, checker)
    return replace(get_agreement(db, ident),
                   changes=ChangeSet.of_update(RecordKind.AGREEMENT, ident, visit=data.visit_id))


def _snapshot(_session: Session, obj: m.Agreement) -> Snapshot:
    return Snapshot(RecordKind.AGREEMENT, obj.id, to_data(obj))


def delete_agreement(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    changes = delete_record(db, m.Agreement, KIND, ident, expected_version, snapshot=_snapshot)
    return replace(changes, also=changes.also | {RecordKind.VISIT})


def to_data(obj: m.Agreement) -> AgreementData:
    return AgreementData(
        title=obj.title, kind=AgreementKind(obj.kind), status=AgreementStatus(obj.status),
        party_ids=tuple(p.institution_id for p in obj.parties),
        signatories=tuple(SignatoryData(s.person_id, s.institution_id) for s in obj.signatories),
        signed_date=obj.signed_date, signed_place=obj.signed_place, valid_until=obj.valid_until,
        visit_id=obj.visit_id, meeting_id=obj.meeting_id, summary=obj.summary, uid=obj.uid,
    )


def get_agreement(db: Database, ident: int) -> AgreementDetail:
    with db.reader() as session:
        obj = fetch(session, m.Agreement, ident, KIND)
        return AgreementDetail(meta=meta_of(obj), data=to_data(obj), row=_row_of(session, ident))


def agreement_rows(session: Session, query: Select[Any]) -> list[AgreementRow]:
    q = query.options(selectinload(m.Agreement.parties).selectinload(m.AgreementParty.institution)) \
        .order_by(m.Agreement.signed_date.is_(None), m.Agreement.signed_date.desc(), m.Agreement.id)
    return [
        AgreementRow(id=a.id, title=a.title, kind=AgreementKind(a.kind), status=AgreementStatus(a.status),
                     signed_date=a.signed_date, valid_until=a.valid_until,
                     parties=tuple(p.institution.name for p in a.parties))
        for a in session.scalars(q)
    ]


def list_agreements(db: Database) -> list[AgreementRow]:
    with db.reader() as session:
        return agreement_rows(session, select(m.Agreement))
