"""vCard import: real files in, people with names, e-mails, phones, institutions and titles out; all or nothing.

Data: ``tests/data/vcard/kcontacts/`` are KDE kcontacts' real test files (see the README there).
``tests/data/vcard/exporters/`` are small samples HAND-WRITTEN in the style of each exporter named by the file
(Outlook 2003: vCard 2.1 quoted-printable in windows-1251 with soft line breaks; Outlook 2007: UTF-8
quoted-printable; iPhone: 3.0 with ``itemN.`` groups, ``X-ABLabel`` and a folded base64 PHOTO; Android:
2.1 with bare parameters and ``ENCODING=BASE64``; Gmail: 3.0 with a Cyrillic FN next to a Latin N;
Thunderbird: 4.0 with a ``data:`` photo; Evolution: 3.0 with ``X-EVOLUTION-*`` and a UTF-8 character
split by folding), not files exported by those programs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from organizer.domain.errors import ImportFormatError, OrganizerError
from organizer.services import people
from organizer.services.interop import vcard
from organizer.services.interop.contacts import import_vcards
from organizer.store import Database
from organizer.store import models as m

DATA = Path(__file__).parent.parent / "data" / "vcard"
KCONTACTS = sorted((DATA / "kcontacts").glob("*.vcf"))
EXPORTERS = DATA / "exporters"


def _people(db: Database) -> dict[str, people.PersonDetail]:
    return {d.full_name: d for d in people.list_people_details(db)}


def _counts(db: Database) -> tuple[int, ...]:
    with db.reader() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0 for t in (
            m.Person, m.Institution, m.PersonEmail, m.PersonPhone, m.Position, m.PersonName, m.PersonTag,
            m.AuditEntry))


def test_every_kcontacts_file_imports_with_its_names_emails_phones_and_organisations(db: Database) -> None:
    assert len(KCONTACTS) == 19
    report = import_vcards(db, KCONTACTS)
    found = _people(db)
    holmes = found["Sherlock Holmes"]
    assert [e.value for e in holmes.data.emails] == ["sherlock.holmes@gmail.com", "detective@sherlockholmes.com"]
    assert [p.label for p in holmes.data.phones] == ["home", "mobile", "work"]
    assert "+44 55 5555 5555" in holmes.data.phones[0].value
    assert holmes.data.honorific == "Mr" and holmes.data.tags == ("FICTION", "LITERATURE")
    assert "Title: Detective" in holmes.data.notes and "Birthday: 1953-10-15" in holmes.data.notes
    assert holmes.meta.uid == "urn:uuid:b8767877-b4a1-4c70-9acc-505d3819e519"
    dawson = found["Frank Dawson"]  # lower-case "BEGIN:vCard", ADR folded
    assert dawson.positions[0].institution_name == "Lotus Development Corporation"
    assert [e.value for e in dawson.data.emails] == ["Frank_Dawson@lotus.com", "fdawson@earthlink.net"]
    assert [p.label for p in dawson.data.phones] == ["work", "work fax"]
    geiser = found["ian geiser"]  # every name in lower case, version 2.1 "email;internet:"
    assert (geiser.positions[0].title, geiser.positions[0].institution_name) == ("VP of Engineering", "Source eXtreme")
    assert geiser.data.emails[0].value == "geiseri@yahoo.com"
    greek = next(d for name, d in found.items() if name.startswith("βγδεαβγδ1"))  # UTF-8 split by folding
    assert greek.data.family_name.startswith("123ㄓㄕㄖbcdeαβγδ") and greek.data.family_name.endswith("ㄤㄓㄕㄖ")
    assert "\ufffd" not in greek.full_name and greek.data.notes.startswith("Длинный комментарий на русском")
    assert found["Heiko Mustermann"].positions[0].title == "Developer"
    assert found["Good Looking"].has_photo  # Evolution's ENCODING=b PHOTO
    apple = found["Name of Broken Card"]
    assert apple.positions[0].institution_name == "SOME COMPANY" and apple.data.phones[0].value == "(111) 111-1111"
    assert found["Ximian, Inc."].data.emails[0].value == "hello@ximian.com"  # a bare "FN" line, empty N
    assert "Sprechzeiten:\nMo   8–12, 15–18" in found["Surname Name"].data.notes  # QP soft line breaks
    assert found["Surname Name"].data.honorific == "Dr. med."
    assert report.created == len(people.list_people_details(db)) == 19
    # vcard7.vcf has no name at all; vcard15's "+1-800-123456" is not a possible number: both reported
    assert any("vcard7.vcf: card 1 (line 1)" in line and "no name" in line for line in report.left_out)
    assert any("vcard15.vcf" in line and "+1-800-123456" in line and "line 8" in line for line in report.left_out)


def test_exporter_samples_keep_cyrillic_groups_photos_and_units(db: Database) -> None:
    import_vcards(db, sorted(EXPORTERS.glob("*.vcf")))
    found = _people(db)
    karimova = found["Дилноза Рустамовна Каримова"]  # Outlook 2003, windows-1251
    assert (karimova.data.family_name, karimova.data.middle_name) == ("Каримова", "Рустамовна")
    assert karimova.positions[0].title == "Начальник отдела"
    assert karimova.positions[0].institution_name == "Департамент протокола"
    assert karimova.data.notes.startswith("Заместитель директора по международным связям, отвечает за приём")
    assert [p.label for p in karimova.data.phones] == ["work", "mobile", "work fax"]
    assert karimova.data.phones[1].value == "+998 90 123 45 67"
    rector = found["Рияз Мансурович Нургалиев"]  # Outlook 2007, UTF-8 QP title with soft breaks
    assert rector.positions[0].title == "Проректор по международной деятельности"
    minnikhanov = found["Rustam Nurgalievich Minnikhanov"]  # iPhone
    assert minnikhanov.data.emails[0].label == "Приёмная" and minnikhanov.data.phones[0].label == "assistant"
    assert minnikhanov.has_photo and minnikhanov.positions[0].institution_name == "Presidium"
    assert "Birthday: 1957-03-01" in minnikhanov.data.notes
    gayrat = found["Gʻayrat Oʻrinboyev"]  # Android
    assert gayrat.has_photo and gayrat.positions[0].title == "Deputy Chairman"
    korzhikov = found["Evgeny Korzhikov"]  # Gmail: the Cyrillic FN is a name variant
    assert [(v.name, v.script) for v in korzhikov.data.name_variants] == [("Коржиков Евгений", "Cyrl")]
    assert korzhikov.data.tags == ("Delegation 2025", "myContacts")
    assert korzhikov.data.notes == "Met at the Kazan forum, 2024.\nPrefers Russian."
    pashin = found["Dmitry Pashin"]  # Thunderbird 4.0: same university, matched whatever its case
    assert pashin.has_photo and pashin.data.languages == ("ru", "en") and pashin.data.honorific == "Prof."
    chem = pashin.positions[0]
    assert chem.institution_name == "Institute of Chemistry"
    assert korzhikov.positions[0].institution_name == "Kazan Federal University"
    from organizer.services import institutions

    assert institutions.get_institution(db, chem.institution_id).path == ("Kazan Federal University",
                                                                          "Institute of Chemistry")
    khairullin = found["Ильдар Хайруллин"]  # Evolution: UTF-8 split by the fold in NOTE
    assert khairullin.data.notes == ("Учёный секретарь; ведёт переписку с зарубежными партнёрами и готовит "
                                     "программы визитов")


def test_reimport_adds_nothing_and_dry_run_writes_nothing(db: Database) -> None:
    files = KCONTACTS + sorted(EXPORTERS.glob("*.vcf"))
    preview = import_vcards(db, files, dry_run=True)
    assert _counts(db) == (0, 0, 0, 0, 0, 0, 0, 0)
    first = import_vcards(db, files)
    assert (preview.created, preview.updated, preview.skipped) == (first.created, first.updated, first.skipped)
    before = _counts(db)
    again = import_vcards(db, files)
    assert (again.created, again.updated, again.institutions_created) == (0, 0, 0)
    assert again.skipped == first.created + first.updated + first.skipped
    assert _counts(db)[:-1] == before[:-1]


def test_a_card_matched_by_email_gets_what_it_adds(db: Database) -> None:
    import_vcards(db, [("a.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Pashin;Dmitry\r\nEMAIL:pashin@example.org\r\n"
                                 b"END:VCARD\r\n")])
    report = import_vcards(db, [EXPORTERS / "thunderbird.vcf"])
    assert (report.created, report.updated) == (0, 1)
    (person,) = people.list_people_details(db)
    assert [e.value for e in person.data.emails] == ["pashin@example.org", "dp@home.example"]
    assert person.has_photo and person.positions[0].title == "Director"


@pytest.mark.parametrize(("content", "says"), [
    (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nN:B;A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut",
     "card 2 (line 6): no END:VCARD"),
    (b"BEGIN:VCARD\r\nFN:A B\r\nEND:VCARD\r\n\x00\x01garbage\r\n", "line 4: expected BEGIN:VCARD"),
    (b"BEGIN:VCARD\r\nFN:A B\r\n<<<>>> what\r\nEND:VCARD\r\n", "card 1 (line 1), line 3: not a vCard property"),
    (b"BEGIN:VCARD\r\nFN:\xff\xfe B\r\nEND:VCARD\r\n", "card 1 (line 1), line 2: the text is not UTF-8"),
    (b"BEGIN:VCARD\r\nFN;CHARSET=klingon:B\xe9\r\nEND:VCARD\r\n", "unknown CHARSET"),
    (b"BEGIN:VCARD\r\nN:" + b"x" * 400 + b";A\r\nEND:VCARD\r\n", "card 1 (line 1): family_name: is too long"),
])
def test_a_bad_file_changes_nothing_and_says_where(db: Database, content: bytes, says: str) -> None:
    import_vcards(db, [EXPORTERS / "gmail.vcf"])
    before = _counts(db), people.list_people_details(db)
    good = ("good.vcf", (EXPORTERS / "iphone.vcf").read_bytes())
    with pytest.raises(OrganizerError) as caught:
        import_vcards(db, [good, ("bad.vcf", content)])
    message = str(caught.value)
    assert message.startswith("bad.vcf: ") and says in message and "\n" not in message
    assert (_counts(db), people.list_people_details(db)) == before


def test_a_file_is_told_by_its_content() -> None:
    assert vcard.is_vcard(b"\xef\xbb\xbf\r\nbegin:vcard\r\n")
    assert vcard.is_vcard("BEGIN:VCARD\r\n".encode("utf-16"))
    assert not vcard.is_vcard(b'{"format": "organizer-archive"}')


def test_utf16_files_and_escapes() -> None:
    text = "BEGIN:VCARD\r\nN:Ли\\;Мин;;;\r\nNOTE:a\\,b\\nc\\\\d\r\nEND:VCARD\r\n"
    (card,) = vcard.parse(text.encode("utf-16"))
    name = card.first("N")
    assert name is not None and name.parts()[:2] == ["Ли;Мин", ""]
    note = card.first("NOTE")
    assert note is not None and note.text() == "a,b\nc\\d"


def test_import_format_error_is_an_organizer_error() -> None:
    assert issubclass(vcard.VCardError, ImportFormatError)


def test_folds_and_soft_line_breaks_join_as_written() -> None:
    """Folded lines (a space or tab) and quoted-printable soft breaks (``=`` at the end, even on a line of
    its own, or an empty line after it) join into one property; the next property starts where they stop."""
    text = (b"BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\r\nb==\r\n\r\nc=\r\n=\r\nd\r\n"
            b"FN:Ivan\r\n  Petrov\r\n\tOvich\r\nnote;quoted-printable;charset=utf-8:=D0=98=\r\n=D0=B2\r\n"
            b"TEL:+7 917 123-45-67\r\nEND:VCARD\r\n")
    (card,) = vcard.parse(text)
    assert [(p.name, p.value, p.line) for p in card.properties] == [
        ("NOTE", "abcd", 2), ("FN", "Ivan Petrov" + "Ovich", 8), ("NOTE", "Ив", 11), ("TEL", "+7 917 123-45-67", 13)]
