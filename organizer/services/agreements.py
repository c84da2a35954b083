"""Agreements: memoranda, cooperation agreements, contracts and protocols of intent that visits lead to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Row, select

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import AgreementKind, AgreementStatus, RecordKind, parse_enum
from organizer.domain.fields import AGREEMENT
from organizer.domain.records import AgreementData, AgreementDetail, AgreementRow, SignatoryData
from organizer.domain.variants import from_mapping
from organizer.domain.variants import shown as shown_text
from organizer.services import shown
from organizer.services._checks import Checker
from organizer.services._records import Writes, meta_of, replace_children, require_exists, stored_row
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = RecordKind.AGREEMENT


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
    for key, value in checker.variants(AGREEMENT, data.variants).items():
        setattr(obj, key, value)
    require_exists(session, m.Visit, data.visit_id, "visit_id", RecordKind.VISIT, checker)
    require_exists(session, m.Meeting, data.meeting_id, "meeting_id", RecordKind.MEETING, checker)
    obj.visit_id = data.visit_id
    obj.meeting_id = data.meeting_id
    parties = []
    for i, pid in enumerate(dict.fromkeys(data.party_ids)):
        require_exists(session, m.Institution, pid, f"party_ids[{i}]", RecordKind.INSTITUTION, checker)
        parties.append(m.AgreementParty(institution_id=pid))
    signatories = []
    seen: set[int] = set()
    for i, sig in enumerate(data.signatories):
        require_exists(session, m.Person, sig.person_id, f"signatories[{i}].person_id", RecordKind.PERSON, checker)
        require_exists(session, m.Institution, sig.institution_id, f"signatories[{i}].institution_id",
                       RecordKind.INSTITUTION, checker)
        if sig.person_id in seen:
            checker.add(f"signatories[{i}].person_id", f"person {sig.person_id} is listed twice",
                        "listed_twice", kind="person", id=sig.person_id)
        seen.add(sig.person_id)
        signatories.append(m.AgreementSignatory(person_id=sig.person_id, institution_id=sig.institution_id))
    checker.check()
    replace_children(session, obj, "parties", parties, fields=("institution_id",), pair_leftovers=False)
    replace_children(session, obj, "signatories", signatories, fields=("person_id", "institution_id"),
                     key=("person_id",), pair_leftovers=False)


def _snapshot(_session: Session, obj: m.Agreement) -> Snapshot:
    return Snapshot(RecordKind.AGREEMENT, obj.id, to_data(obj))


WRITES: Writes[m.Agreement, AgreementData, AgreementDetail] = Writes(
    KIND, lambda: m.Agreement, lambda data: f"agreement {data.title!r}", _apply,
    lambda db, ident: get_agreement(db, ident), visit_of=lambda detail: detail.data.visit_id, snapshot=_snapshot,
    also_deleted=frozenset({RecordKind.VISIT}))
"""An agreement's create, update and delete (``_records.Writes``); its visit's view shows each of them."""


def create_in(session: Session, data: AgreementData, *, flush: bool = True, ident: int | None = None) -> m.Agreement:
    return WRITES.create_in(session, data, flush=flush, ident=ident)


def create_agreement(db: Database, data: AgreementData) -> AgreementDetail:
    return WRITES.create(db, data)


def update_agreement(db: Database, ident: int, data: AgreementData,
                     expected_version: int | None = None) -> AgreementDetail:
    return WRITES.update(db, ident, data, expected_version)


def delete_agreement(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    return WRITES.delete(db, ident, expected_version)


def to_data(obj: m.Agreement) -> AgreementData:
    return AgreementData(
        title=obj.title, kind=AgreementKind(obj.kind), status=AgreementStatus(obj.status),
        party_ids=tuple(p.institution_id for p in obj.parties),
        signatories=tuple(SignatoryData(sig.person_id, sig.institution_id) for sig in obj.signatories),
        signed_date=obj.signed_date, signed_place=obj.signed_place, valid_until=obj.valid_until,
        visit_id=obj.visit_id, meeting_id=obj.meeting_id, summary=obj.summary, uid=obj.uid,
        variants=from_mapping(obj.variants),
    )


def _data_of(conn: Connection, row: Row[Any]) -> AgreementData:
    """``to_data`` from a row of ``s.agreement``: its parties and signatories in two statements."""
    ap, sg = s.agreement_party.c, s.agreement_signatory.c
    parties = conn.scalars(select(ap.institution_id).where(ap.agreement_id == row.id).order_by(ap.id))
    signatories = conn.execute(select(sg.person_id, sg.institution_id).where(sg.agreement_id == row.id)
                               .order_by(sg.id))
    return AgreementData(
        title=row.title, kind=AgreementKind(row.kind), status=AgreementStatus(row.status),
        party_ids=tuple(parties), signatories=tuple(SignatoryData(p, i) for p, i in signatories),
        signed_date=row.signed_date, signed_place=row.signed_place, valid_until=row.valid_until,
        visit_id=row.visit_id, meeting_id=row.meeting_id, summary=row.summary, uid=row.uid,
        variants=from_mapping(row.variants),
    )


def get_agreement(db: Database, ident: int) -> AgreementDetail:
    with db.read_connection() as conn:
        row = stored_row(conn, select(s.agreement).where(s.agreement.c.id == ident), ident, KIND)
        return AgreementDetail(meta=meta_of(row), data=_data_of(conn, row),
                               row=agreement_rows(conn, s.agreement.c.id == ident)[0])


def agreement_rows(conn: Connection, *where: ColumnElement[bool]) -> list[AgreementRow]:
    """Rows of the agreements that ``where`` selects, newest signed first (unsigned last), with their
    parties' names: two statements (one more for the parties' names in the display language, when set)."""
    a, ap, i = s.agreement.c, s.agreement_party.c, s.institution.c
    parties: dict[int, list[tuple[int, str]]] = {}
    for agreement_id, institution_id, name in conn.execute(
        select(ap.agreement_id, i.id, i.name).join(s.institution, i.id == ap.institution_id)
        .where(ap.agreement_id.in_(select(a.id).where(*where))).order_by(ap.id)
    ):
        parties.setdefault(agreement_id, []).append((institution_id, name))
    found = shown.lookup(conn, [(RecordKind.INSTITUTION, iid) for named in parties.values() for iid, _ in named])
    q = (select(a.id, a.title, a.kind, a.status, a.signed_date, a.valid_until, a.variants).where(*where)
         .order_by(a.signed_date.is_(None), a.signed_date.desc(), a.id))
    return [
        AgreementRow(id=ident, title=shown_text(title, stored, "title"), kind=AgreementKind(kind),
                     status=AgreementStatus(status), signed_date=signed, valid_until=valid,
                     parties=tuple(found(RecordKind.INSTITUTION, iid, name) or ""
                                   for iid, name in parties.get(ident, ())),
                     variants=from_mapping(stored))
        for ident, title, kind, status, signed, valid, stored in conn.execute(q)
    ]


def list_agreements(db: Database) -> list[AgreementRow]:
    with db.read_connection() as conn:
        return agreement_rows(conn)
