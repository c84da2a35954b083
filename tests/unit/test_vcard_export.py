"""vCard export: files an independent library (vobject) reads, and a round trip that keeps every field we model;
the ``organizer import``/``export vcard`` commands; random and mutated vCards never crash or half-write."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organizer.cli.main import main
from organizer.domain.enums import Gender
from organizer.domain.errors import OrganizerError
from organizer.domain.records import (
    ContactEntry,
    InstitutionData,
    NameVariant,
    PersonData,
    PositionData,
    TextVariant,
)
from organizer.services import institutions, people
from organizer.services.interop.contacts import import_vcards
from organizer.services.interop.export import chosen_people, export_vcard_file
from organizer.store import Database, open_database, sqlite_url

EXPORTERS = Path(__file__).parent.parent / "data" / "vcard" / "exporters"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf"
                    "c0f01f0005000201e0f4a7be0000000049454e44ae426082")


def _everything(db: Database) -> int:
    kfu = institutions.create_institution(db, InstitutionData(name="Kazan Federal University"))
    chem = institutions.create_institution(db, InstitutionData(name="Institute of Chemistry; Lab, 2",
                                                               parent_id=kfu.meta.id))
    person = people.create_person(db, PersonData(
        given_name="Evgeny", family_name="Korzhikov", middle_name="A.", honorific="Prof.",
        form_of_address="Dear Professor", display_name="Korzhikov E. A., PhD",
        name_variants=(NameVariant("Коржиков Евгений", "Cyrl", "ru"), NameVariant("Korjikov", "Latn", "fr")),
        languages=("ru", "en"), biography="Born in Kazan.\nChemist; dean.", dietary_needs="halal",
        interpreter_needs="Russian-English", photo=PNG, gender=Gender.MALE, academic_title="Professor",
        variants=(TextVariant("academic_title", "ru", "профессор"), TextVariant("biography", "ru", "Родился в Казани."),
                  TextVariant("honorific", "ru", "проф.")),
        emails=(ContactEntry("e.k@example.ru", "work"), ContactEntry("ek@home.example", "Приёмная")),
        phones=(ContactEntry("+7 917 123-45-67", "work mobile"), ContactEntry("+7 843 292-00-00", "fax")),
        tags=("delegation, 2025", "VIP"), notes="Line one\nline; two, with \\ backslash", topics=("Chemistry",),
        positions=(PositionData("Dean", chem.meta.id, date(2020, 1, 1), None, True,
                                variants=(TextVariant("title", "ru", "Декан"),)),
                   PositionData("Professor", kfu.meta.id, date(2010, 9, 1), date(2019, 12, 31), False,
                                variants=(TextVariant("title", "ru", "Профессор"),
                                          TextVariant("title", "uz", "Professor"))),
                   PositionData("", kfu.meta.id, date(2005, 9, 1), date(2009, 12, 31), False)),
        uid="person-uid-1"))
    return person.meta.id


def _comparable(detail: people.PersonDetail) -> tuple[object, ...]:
    """Every field of the person's ``PersonData`` (so a field added to the model is compared too), the
    positions by institution name (ids differ between databases)."""
    d = detail.data
    positions = sorted((p.title, p.institution_name, p.start_date, p.end_date, p.current, p.variants)
                       for p in detail.positions)
    fields = {f.name: getattr(d, f.name) for f in dataclasses.fields(d) if f.name != "positions"}
    return detail.meta.uid, detail.full_name, fields, detail.has_photo, positions


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_round_trip_keeps_every_field_and_vobject_reads_the_file(db: Database, tmp_path: Path, version: str) -> None:
    ident = _everything(db)
    out = tmp_path / "out.vcf"
    assert export_vcard_file(db, out, chosen_people(db), version) == 1
    (card,) = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert card.fn.value == "Korzhikov E. A., PhD"
    assert card.n.value.family == "Korzhikov" and card.n.value.given == "Evgeny"
    assert [e.value for e in card.contents["email"]] == ["e.k@example.ru", "ek@home.example"]
    assert card.org.value == ["Institute of Chemistry; Lab, 2"] or "Kazan Federal University" in card.org.value
    assert sorted(card.categories.value) == ["VIP", "delegation, 2025"]
    assert card.note.value == "Line one\nline; two, with \\ backslash"
    fresh = open_database(sqlite_url(tmp_path / "fresh.sqlite"), create=True)
    try:
        report = import_vcards(fresh, [out])
        assert report.created == 1 and not report.left_out
        (back,) = people.list_people_details(fresh)
        assert _comparable(back) == _comparable(people.get_person(db, ident))
        assert people.person_photo(fresh, back.meta.id) == (PNG, "image/png")
        # and what came back exports to the same text
        again = tmp_path / "again.vcf"
        export_vcard_file(fresh, again, chosen_people(fresh), version)
        assert again.read_bytes() == out.read_bytes()
    finally:
        fresh.close()
    assert import_vcards(db, [out]).skipped == 1  # into the database it came from: nothing new


def test_exported_samples_read_back_with_vobject(db: Database, tmp_path: Path) -> None:
    import_vcards(db, sorted(EXPORTERS.glob("*.vcf")))
    for version in ("4.0", "3.0"):
        out = tmp_path / f"all{version}.vcf"
        export_vcard_file(db, out, chosen_people(db), version)
        cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
        assert sorted(c.fn.value for c in cards) == sorted(p.full_name for p in people.list_people_details(db))


@pytest.mark.skipif(shutil.which("abook") is None, reason="abook (a command-line address book) is not installed")
@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_a_real_address_book_reads_the_export(db: Database, tmp_path: Path, version: str) -> None:
    import_vcards(db, sorted(EXPORTERS.glob("*.vcf")))
    out = tmp_path / "all.vcf"
    export_vcard_file(db, out, chosen_people(db), version)
    result = subprocess.run(["abook", "--convert", "--informat", "vcard", "--infile", str(out), "--outformat",
                             "csv"], capture_output=True, check=True, timeout=60, cwd=tmp_path,
                            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    rows = list(csv.reader(io.StringIO(result.stdout.decode("utf-8"))))
    expected = people.list_people_details(db)
    assert sorted(r[0] for r in rows) == sorted(p.full_name for p in expected)
    by_name = {r[0]: r[1] for r in rows}
    for person in expected:
        assert by_name[person.full_name].split(",") == [e.value for e in person.data.emails]


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_command_line_import_and_export(db: Database, db_args: list[str], tmp_path: Path) -> None:
    renamed = tmp_path / "contacts.txt"  # told by its content, not its name
    renamed.write_bytes((EXPORTERS / "gmail.vcf").read_bytes())
    code, out, err = _run([*db_args, "import", str(renamed), str(EXPORTERS / "iphone.vcf"), "--dry-run"])
    assert (code, err) == (0, "") and out.startswith("would import") and "2 people created" in out
    assert people.count_people(db) == 0
    code, out, _ = _run([*db_args, "import", str(renamed), str(EXPORTERS / "iphone.vcf"), "--json"])
    assert code == 0 and '"created": 2' in out
    target = tmp_path / "out.vcf"
    code, out, err = _run([*db_args, "export", "vcard", "--version", "3.0", "--out", str(target)])
    assert (code, err) == (0, "") and "exported 2 people as vCard 3.0" in out
    assert len(list(vobject.readComponents(target.read_text(encoding="utf-8")))) == 2
    code, _, err = _run([*db_args, "export", "vcard"])
    assert code == 1 and "--out" in err
    archive = tmp_path / "a.json"
    assert _run([*db_args, "export", str(archive)])[0] == 0
    code, _, err = _run([*db_args, "import", str(archive), str(renamed)])
    assert code == 1 and "separate" in err
    code, out, _ = _run([*db_args, "import", str(archive)])  # an archive as before
    assert code == 0 and "already present" in out


VALID = (EXPORTERS / "iphone.vcf").read_bytes() + (EXPORTERS / "outlook2003.vcf").read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=400),
    st.tuples(st.integers(0, len(VALID)), st.integers(0, len(VALID)), st.binary(max_size=20)).map(
        lambda t: VALID[:min(t[0], t[1])] + t[2] + VALID[max(t[0], t[1]):]),
    st.text(alphabet=st.sampled_from(list("BEGIN:VCARDEND;=,\\\r\n .:QUOTED-PRINTABLEab9ж\"")), max_size=300).map(
        lambda s: ("BEGIN:VCARD\r\n" + s + "\r\nEND:VCARD\r\n").encode("utf-8")),
))
def test_random_and_mutated_input_never_crashes_nor_half_writes(db: Database, data: bytes) -> None:
    before = [(p.full_name, p.data) for p in people.list_people_details(db)]
    try:
        import_vcards(db, [("fuzz.vcf", data)])
    except OrganizerError as err:
        assert "\n" not in str(err)
        assert [(p.full_name, p.data) for p in people.list_people_details(db)] == before
