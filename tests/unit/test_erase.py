"""``erase person``: a data-protection request removes the person's personal data everywhere, keeps their
participations as an anonymous participant, and leaves every other record as it was."""

from __future__ import annotations

import io
import json

from organizer.cli.main import main
from organizer.services import erase, meetings, people, visits
from organizer.services.archive import export as archive_export
from organizer.store import Database


def _korzhikov(db: Database) -> int:
    return next(p.id for p in people.list_people(db) if p.full_name == "Evgeny Korzhikov")


def test_erase_removes_personal_data_and_keeps_anonymous_participation(demo_db: Database) -> None:
    ident = _korzhikov(demo_db)
    others_before = [people.get_person(demo_db, p.id) for p in people.list_people(demo_db) if p.id != ident]
    visit_id = visits.list_visits(demo_db)[0].id
    participants_before = [(p.person_id, p.side, p.role, p.precedence)
                           for p in visits.get_visit(demo_db, visit_id).participants]
    meetings_with = [mt.id for mt in meetings.list_meetings(demo_db)
                     if ident in [p.person_id for p in meetings.get_meeting(demo_db, mt.id).participants]]
    assert meetings_with

    report = erase.erase_person(demo_db, ident)
    assert report.removed["positions"] >= 1 and report.removed["name variants"] >= 1

    erased = people.get_person(demo_db, ident)
    assert erased.full_name == f"Erased person {ident}"
    data = erased.data
    assert (data.name_variants, data.emails, data.phones, data.tags, data.topics, erased.positions) == (
        (), (), (), (), (), ())
    assert (data.biography, data.notes, data.honorific, data.middle_name) == ("", "", "", "")
    assert people.person_photo(demo_db, ident) is None
    # Participations stay, with the same side, role and precedence.
    after = [(p.person_id, p.side, p.role, p.precedence) for p in visits.get_visit(demo_db, visit_id).participants]
    assert after == participants_before
    for mid in meetings_with:
        assert ident in [p.person_id for p in meetings.get_meeting(demo_db, mid).participants]
    # Nobody else changed.
    assert [people.get_person(demo_db, p.meta.id) for p in others_before] == others_before
    # Nothing of the name is left in the people section of an export.
    exported = json.dumps(archive_export.export_archive(demo_db)["people"], ensure_ascii=False)
    assert "Korzhikov" not in exported and "Коржиков" not in exported and "korzhikov" not in exported


def test_erase_command(demo_db: Database) -> None:
    ident = _korzhikov(demo_db)
    url = demo_db.url
    out, err = io.StringIO(), io.StringIO()
    assert main(["--db-url", url, "erase", "person", str(ident)], out=out, err=err) == 0, err.getvalue()
    assert f"erased person {ident}" in out.getvalue()
    out = io.StringIO()
    assert main(["--db-url", url, "list", "people", "--json"], out=out, err=err) == 0
    assert "Korzhikov" not in out.getvalue()
    err = io.StringIO()
    assert main(["--db-url", url, "erase", "person", "999999"], out=io.StringIO(), err=err) == 1
    assert "no person with id 999999" in err.getvalue()


def test_erase_deletes_the_merge_records_holding_copies_of_the_person(demo_db: Database) -> None:
    """A merge keeps a full copy of the merged record so it can be undone; erasing the person it was
    merged into (also through a chain of merges) must delete those copies, and nothing else's."""
    from sqlalchemy import func, select

    from organizer.domain.records import PersonData
    from organizer.services import merging
    from organizer.store import schema

    def add(family: str) -> int:
        return people.create_person(demo_db, PersonData(given_name="Evgeniy", family_name=family,
                                                        notes=f"secret of {family}")).meta.id

    ident = _korzhikov(demo_db)
    copy_a, copy_b, unrelated_keep, unrelated = add("Korzhikoff"), add("Korschikow"), add("Other"), add("Otherr")
    merging.merge(demo_db, "person", copy_a, copy_b)      # a chain: b into a, then a into the person
    merging.merge(demo_db, "person", ident, copy_a)
    merging.merge(demo_db, "person", unrelated_keep, unrelated)
    table = schema.table("merge_record")

    def snapshots() -> list[str]:
        with demo_db.read_connection() as conn:
            return [row[0] for row in conn.execute(select(table.c.snapshot))]

    assert any("secret of Korschikow" in s for s in snapshots())
    report = erase.erase_person(demo_db, ident)
    assert report.removed["merge records"] == 2
    left = snapshots()
    assert not any("Korzhikoff" in s or "Korschikow" in s or "Korzhikov" in s for s in left)
    assert len(left) == 1 and "secret of Otherr" in left[0]  # another person's merge is untouched
    with demo_db.read_connection() as conn:
        assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 1
