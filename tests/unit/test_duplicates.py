"""Duplicates: candidates with reasons; merge keeps every linked row once; undo restores both exactly."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from sqlalchemy import insert, select

from organizer.cli.main import main
from organizer.domain.enums import RecordKind
from organizer.domain.errors import ConflictError, NotFoundError, ValidationError
from organizer.domain.records import ContactEntry, NameVariant, PersonData, PositionData
from organizer.services import briefing, duplicates, merging, people, search, visits
from organizer.services.archive import importer as interchange
from organizer.store import Database
from organizer.store import models as m

PERSON_TABLES = ("person_name", "person_email", "person_phone", "person_tag", "person_topic", "position",
                 "visit_participant", "meeting_participant", "gift", "followup", "attachment", "agreement_signatory")


def _pid(db: Database, family: str) -> int:
    return next(r.id for r in people.list_people(db) if r.full_name.endswith(family))


def _iid(db: Database, name: str) -> int:
    with db.reader() as s:
        return s.scalar(select(m.Institution.id).where(m.Institution.name == name))  # type: ignore[return-value]


def _linked(db: Database, ids: tuple[int, ...]) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table that points at these people, as plain dicts, in a stable order."""
    out: dict[str, list[dict[str, Any]]] = {}
    with db.reader() as s:
        for name in ("person", *PERSON_TABLES):
            t = m.Base.metadata.tables[name]
            col = t.c.id if name == "person" else (t.c.owner_person_id if name == "followup" else t.c.person_id)
            rows = [dict(r._mapping) for r in s.execute(select(t).where(col.in_(ids)))]
            for r in rows:
                r.pop("updated_at", None)
                if name == "person":
                    r.pop("version")
            out[name] = sorted(rows, key=lambda r: json.dumps(r, default=str, sort_keys=True))
    return out


@pytest.fixture
def twin(demo_db: Database) -> int:
    """A second record of Evgeny Korzhikov, in Cyrillic, with links of its own and some shared ones."""
    kfu = _iid(demo_db, "Kazan Federal University")
    other = people.create_person(demo_db, PersonData(
        uid="test:korzhikov-cyrillic", given_name="Евгений", family_name="Коржиков", middle_name="Иванович",
        honorific="Mr.", biography="Chemical engineer.",
        name_variants=(NameVariant("Korjikov Evgeniy", "Latn", "uz"),),
        emails=(ContactEntry("e.korzhikov@uzkimyosanoat.uz", "work"),), phones=(ContactEntry("+998 71 239-00-00"),),
        tags=("delegation", "vip"), topics=("Petrochemicals", "Composite materials"), notes="Prefers tea.",
        positions=(PositionData("Visiting professor", kfu),),
    )).meta.id
    with demo_db.unit_of_work() as s:
        visit_id = s.scalar(select(m.Visit.id))
        tour = s.scalar(select(m.Meeting.id).where(m.Meeting.kind == "lab_tour"))
        s.execute(insert(m.VisitParticipant).values(visit_id=visit_id, person_id=other, side="guest", role="member",
                                                    precedence=9))
        s.execute(insert(m.MeetingParticipant).values(meeting_id=tour, person_id=other, side="guest", role="member"))
        s.execute(insert(m.Gift).values(visit_id=visit_id, direction="given", description="Book about Kazan",
                                        person_id=other))
        s.execute(insert(m.FollowUp).values(uid="test:fu", description="Send the catalysis papers", status="open",
                                            owner_person_id=other, visit_id=visit_id, notes="",
                                            created_at=m.utcnow(), updated_at=m.utcnow(), version=1))
    return other


def test_the_twin_is_proposed_with_its_reasons(demo_db: Database, twin: int) -> None:
    keep = _pid(demo_db, "Korzhikov")
    pairs = [c for c in duplicates.find_duplicates(demo_db, "person") if {c.first_id, c.second_id} == {keep, twin}]
    assert len(pairs) == 1
    assert "same name in another spelling or script" in pairs[0].reasons
    assert pairs[0].score >= 60


def test_same_email_phone_and_similar_names_at_one_institution(demo_db: Database) -> None:
    kfu = _iid(demo_db, "Kazan Federal University")
    a = people.create_person(demo_db, PersonData(given_name="Dmitry", family_name="Pashin",
                                                 positions=(PositionData("Vice-Rector", kfu),))).meta.id
    b = people.create_person(demo_db, PersonData(given_name="Anna", family_name="Smith",
                                                 emails=(ContactEntry("a.smith@example.org"),),
                                                 phones=(ContactEntry("+7 843 233-71-09"),))).meta.id
    c = people.create_person(demo_db, PersonData(given_name="Ann", family_name="Smyth",
                                                 emails=(ContactEntry("A.Smith@Example.org"),),
                                                 phones=(ContactEntry("8 (843) 233 71 09"),))).meta.id
    found = {frozenset((p.first_id, p.second_id)): p for p in duplicates.find_duplicates(demo_db)}
    pashin = found[frozenset((a, _pid(demo_db, "D. Pashin")))]
    assert pashin.reasons == ("similar names at Kazan Federal University",)
    smiths = found[frozenset((b, c))]
    assert any(r.startswith("same e-mail") for r in smiths.reasons)
    assert any(r.startswith("same phone number") for r in smiths.reasons)
    assert frozenset((a, b)) not in found


def test_merge_keeps_every_linked_row_once_and_undo_restores_both(demo_db: Database, twin: int) -> None:
    keep = _pid(demo_db, "Korzhikov")
    before = _linked(demo_db, (keep, twin))
    visit_id = visits.list_visits(demo_db)[0].id
    assert [p.person_id for p in visits.get_visit(demo_db, visit_id).participants].count(twin) == 1
    assert {keep, twin} <= {g.id for g in briefing.visit_briefing(demo_db, visit_id).guests}  # twice, before

    result = merging.merge(demo_db, "person", keep, twin)

    assert result.kept_id == keep and result.merged_uid == "test:korzhikov-cyrillic"
    assert result.changes is not None and result.changes.deleted == (twin,) and result.changes.changed == (keep,)
    after = _linked(demo_db, (keep, twin))
    assert [r["id"] for r in after["person"]] == [keep]
    for table in PERSON_TABLES:  # every row survives, under the kept person, unless it would be a double
        added = 1 if table == "person_name" else 0  # the other's own name, now a variant
        assert len(after[table]) == len(before[table]) - result.dropped.get(table, 0) + added, table
    assert result.dropped == {"person_tag": 1, "person_topic": 1, "visit_participant": 1,
                              "meeting_participant": 1}
    assert all(r.get("person_id", keep) == keep and r.get("owner_person_id", keep) == keep
               for t in PERSON_TABLES for r in after[t])
    detail = people.get_person(demo_db, keep)
    variants = [v.name for v in detail.data.name_variants]
    assert {"Коржиков Евгений", "Yevgeniy Korjikov", "Korjikov Evgeniy", "Евгений Иванович Коржиков"} <= set(variants)
    assert "e.korzhikov@uzkimyosanoat.uz" in [e.value for e in detail.data.emails]
    assert {"Petrochemicals", "Import substitution", "Composite materials"} <= set(detail.data.topics)
    assert [(p.title, p.current) for p in detail.positions if p.title == "Visiting professor"] == [
        ("Visiting professor", False)]  # kept, but one current position per person
    # the other's notes are kept; the merge is recorded in the history, not written into the notes in English
    assert detail.data.notes == "Prefers tea." and "Merged with" not in detail.data.notes
    from organizer.services.audit import record_history

    merged = next(e for e in record_history(demo_db, RecordKind.PERSON, keep) if e.action == "merge")
    assert merged.detail["merged_uid"] == "test:korzhikov-cyrillic" and merged.detail["merged_id"] == twin
    assert detail.data.middle_name == ""  # not filled from a name in another script (it is in the variant)
    assert (detail.data.honorific, detail.data.biography) == ("Mr.", "Chemical engineer.")  # empty ones filled
    # The visit's briefing lists him once, among the guests and at the laboratory tour.
    brief = briefing.visit_briefing(demo_db, visit_id)
    assert [g.id for g in brief.guests].count(keep) == 1 and twin not in [g.id for g in brief.guests]
    tour = next(mt for mt in brief.meetings if mt.kind.value == "lab_tour")
    assert [a.name for a in tour.attendees].count("Evgeny Korzhikov") == 1
    assert not [a for a in tour.attendees if "Коржиков" in a.name]
    visit = visits.get_visit(demo_db, visit_id)
    assert [p.person_id for p in visit.participants].count(keep) == 1
    assert twin not in [p.person_id for p in visit.participants]
    assert [h.id for h in search.search(demo_db, "Коржиков", kinds=["person"]).hits] == [keep]
    # The merged uid is an alias now: importing it again does not bring the twin back.
    report = interchange.import_archive(demo_db, {"format": "organizer-archive", "version": 1, "people": [
        {"uid": "test:korzhikov-cyrillic", "given_name": "Евгений", "family_name": "Коржиков"}]})
    assert report.added["people"] == 0 and people.count_people(demo_db) == 6

    undone = merging.undo_merge(demo_db, result.undo_token)

    assert undone.changes is not None and undone.changes.created == (twin,)
    assert _linked(demo_db, (keep, twin)) == before
    assert people.get_person(demo_db, twin).meta.uid == "test:korzhikov-cyrillic"
    assert sorted(h.id for h in search.search(demo_db, "Коржиков", kinds=["person"]).hits) == sorted([keep, twin])
    with pytest.raises(ConflictError, match="already undone"):
        merging.undo_merge(demo_db, result.undo_token)


def test_merge_refusals(demo_db: Database, twin: int) -> None:
    keep = _pid(demo_db, "Korzhikov")
    with pytest.raises(ValidationError):
        merging.merge(demo_db, "person", keep, keep)
    with pytest.raises(NotFoundError):
        merging.merge(demo_db, "person", keep, 9999)
    with pytest.raises(ValidationError, match="only people and institutions"):
        merging.merge(demo_db, "meeting", 1, 2)
    with pytest.raises(ValidationError, match="token"):
        merging.undo_merge(demo_db, "abc")
    before = _linked(demo_db, (keep, twin))
    with pytest.raises(NotFoundError):
        merging.merge(demo_db, "person", 9999, twin)
    assert _linked(demo_db, (keep, twin)) == before  # nothing half-done


def test_institution_merge_moves_staff_and_units_and_undoes(demo_db: Database) -> None:
    kfu = _iid(demo_db, "Kazan Federal University")
    park = _iid(demo_db, '"Small-scale Chemical Technologies" Technopark')
    varfolomeyev = _pid(demo_db, "Varfolomeyev")
    result = merging.merge(demo_db, "institution", kfu, park)
    assert result.moved.get("position") == 1 and result.moved.get("followup.owner_institution_id") == 1
    assert [p.institution_id for p in people.get_person(demo_db, varfolomeyev).positions] == [kfu]
    merging.undo_merge(demo_db, result.undo_token)
    assert [p.institution_id for p in people.get_person(demo_db, varfolomeyev).positions] == [park]
    # A unit cannot swallow its grandparent's other branches: merge the other way round.
    butlerov = _iid(demo_db, "A.M. Butlerov Chemical Institute")
    with demo_db.unit_of_work() as s:
        s.execute(insert(m.Institution).values(uid="t:lab", name="Catalysis Lab", parent_id=butlerov, short_name="",
                                               kind="laboratory", country="", city="", address="", website="",
                                               profile="", created_at=m.utcnow(), updated_at=m.utcnow(), version=1))
        lab = s.scalar(select(m.Institution.id).where(m.Institution.uid == "t:lab"))
    with pytest.raises(ValidationError, match="ancestor"):
        merging.merge(demo_db, "institution", lab, kfu)


def test_cli_duplicates_merge_unmerge(demo_db: Database, twin: int, db_args: list[str]) -> None:
    out = StringIO()
    assert main([*db_args, "duplicates", "--json"], out=out) == 0
    pairs = json.loads(out.getvalue())
    pair = next(p for p in pairs if twin in (p["first_id"], p["second_id"]))
    assert set(pair) >= {"kind", "first_id", "second_id", "first_title", "second_title", "reasons", "score"}
    keep = _pid(demo_db, "Korzhikov")
    out = StringIO()
    assert main([*db_args, "merge", "person", str(keep), str(twin), "--json"], out=out) == 0
    token = json.loads(out.getvalue())["undo_token"]
    out = StringIO()
    assert main([*db_args, "unmerge", "--list"], out=out) == 0
    assert "active" in out.getvalue()
    out = StringIO()
    assert main([*db_args, "unmerge", token], out=out) == 0
    assert "restored" in out.getvalue()
    err = StringIO()
    assert main([*db_args, "merge", "person", str(keep), "12345"], out=StringIO(), err=err) == 1
    assert "no person with id 12345" in err.getvalue()
