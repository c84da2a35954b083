"""Issue 18 acceptance: every document in its reader's language and script.

A Russian document of the demo holds only Cyrillic words, numbers and the few words of ``ALLOWED_RU``
(abbreviations a Russian text writes in Latin letters, e-mail addresses and web addresses); an English
document of a visit entered in Russian holds only Latin words (stored variants, else the automatic
romanization). Words are read from pypdf's text of the PDF (and python-docx's of the .docx).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pypdf
import pytest

from organizer.cli.main import main
from organizer.store import Database

ALLOWED_RU = frozenset({"JSC", "KFU", "PDF", "ID"})
"""Latin words a Russian document may hold: abbreviations that Russian texts keep in Latin letters."""
ALLOWED_EN: frozenset[str] = frozenset()
"""Cyrillic words an English document may hold: none."""

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\b[\w.-]+\.(?:ru|uz|com|org|net|edu|cn|info)\b(?:/\S*)?",
                  re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:[\u02bb\u02bc'’][^\W\d_]+)*")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _script(word: str) -> str:
    scripts = set()
    for ch in word:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        scripts.add("Cyrl" if "CYRILLIC" in name else "Latn" if "LATIN" in name else
                    "mod" if "MODIFIER" in name else name.split()[0] if name else "?")
    scripts.discard("mod")
    return scripts.pop() if len(scripts) == 1 else "mixed" if scripts else "mod"


def foreign_words(text: str, lang: str) -> list[str]:
    """The words of ``text`` not in ``lang``'s script and not allowed (addresses and numbers are fine)."""
    allowed, script = (ALLOWED_RU, "Cyrl") if lang == "ru" else (ALLOWED_EN, "Latn")
    text = _URL.sub(" ", text)
    found = []
    for word in _WORD.findall(text):
        if _script(word) in (script, "mod") or word in allowed:
            continue
        found.append(word)
    return found


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for sec in document.sections:
        parts += [p.text for p in sec.header.paragraphs]
    return "\n".join(parts)


def _assert_one_script(texts: Iterable[tuple[str, str]], lang: str) -> None:
    bad = {name: sorted(set(words))[:30] for name, text in texts if (words := foreign_words(text, lang))}
    assert not bad, f"words not in the {lang} script: {bad}"


def test_the_word_check_itself() -> None:
    assert foreign_words("Визит АО «Узкимёсаноат» 11 марта 2025 г., kfu@kpfu.ru, https://kpfu.ru/a, JSC", "ru") == []
    assert foreign_words("Визит Academy of Sciences", "ru") == ["Academy", "of", "Sciences"]
    assert foreign_words("Oʻzkimyosanoat visit, 10:00–11:15", "en") == []
    assert foreign_words("Dear Евгений", "en") == ["Евгений"]


@pytest.fixture
def demo_args(db: Database, db_args: list[str]) -> list[str]:
    assert run(*db_args, "demo")[0] == 0
    return db_args


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_russian_documents_of_the_demo_are_russian_throughout(demo_args: list[str], tmp_path: Path,
                                                              fmt: str) -> None:
    texts: list[tuple[str, str]] = []
    read = pdf_text if fmt == "pdf" else docx_text
    for name, args in (("briefing", ["briefing", "1"]), ("report", ["briefing", "1", "--report"]),
                       ("person", ["dossier", "person", "1"]), ("institution", ["dossier", "institution", "1"])):
        out = tmp_path / f"{name}.{fmt}"
        code, _, err = run(*demo_args, *args, "--lang", "ru", "--format", fmt, "--out", str(out))
        assert code == 0, err
        texts.append((name, read(out)))
    folder = tmp_path / f"letters-{fmt}"
    code, _, err = run(*demo_args, "letters", "1", "--lang", "ru", "--format", fmt, "--out", str(folder))
    assert code == 0, err
    letters = sorted(folder.iterdir())
    assert letters and all(p.suffix == f".{fmt}" for p in letters)
    texts += [(p.name, read(p)) for p in letters]
    _assert_one_script(texts, "ru")


def test_every_person_and_institution_dossier_of_the_demo_is_russian(demo_args: list[str], tmp_path: Path) -> None:
    texts = []
    for kind, count in (("person", 6), ("institution", 6)):
        for ident in range(1, count + 1):
            out = tmp_path / f"{kind}-{ident}.pdf"
            code, _, err = run(*demo_args, "dossier", kind, str(ident), "--lang", "ru", "--out", str(out))
            assert code == 0, err
            texts.append((out.name, pdf_text(out)))
    _assert_one_script(texts, "ru")


def _outline(reader: pypdf.PdfReader) -> list[str]:
    found: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    return found


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("report", [False, True])
def test_docx_briefing_has_the_pdfs_headings_and_participants(db: Database, demo_args: list[str], tmp_path: Path,
                                                              lang: str, report: bool) -> None:
    import docx

    from organizer.services import briefing

    extra = ["--report"] if report else []
    pdf, editable = tmp_path / "b.pdf", tmp_path / "b.docx"
    assert run(*demo_args, "briefing", "1", "--lang", lang, *extra, "--out", str(pdf))[0] == 0
    code, out, err = run(*demo_args, "briefing", "1", "--lang", lang, *extra, "--format", "docx", "--out",
                         str(editable))
    assert code == 0 and "wrote" in out, err
    document = docx.Document(str(editable))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    outline = _outline(pypdf.PdfReader(pdf))
    # the same sections, days, meetings and people, in order (the .docx also makes headings of the PDF's
    # small sub-headings, such as "Guest side", which the PDF leaves out of its outline)
    assert len(outline) > 10 and [h for h in headings if h in set(outline)] == outline
    assert set(headings) - set(outline) <= {"Guest side", "Host side", "Earlier visits and meetings with us",
                                            "Гостевая сторона", "Принимающая сторона",
                                            "Прежние визиты и встречи с нами"}
    pdf_flat, docx_flat = " ".join(pdf_text(pdf).split()), " ".join(docx_text(editable).split())
    data = briefing.visit_briefing(db, 1, lang=lang)
    names = [p.full_name for p in (*data.guests, *data.hosts)]
    assert len(names) == 6
    for name in names:
        assert name in pdf_flat and name in docx_flat, name


def test_docx_dossier_and_letters_open(demo_args: list[str], tmp_path: Path) -> None:
    import docx

    out = tmp_path / "p.docx"
    assert run(*demo_args, "dossier", "person", "1", "--out", str(out))[0] == 0  # the extension chooses
    text = docx_text(out)
    assert "Personal dossier" in text and "Evgeny Korzhikov" in text
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Contents", "Evgeny Korzhikov"] and "Biography" in headings
    folder = tmp_path / "letters"
    assert run(*demo_args, "letters", "1", "--format", "docx", "--lang", "ru", "--number", "7/15",
               "--out", str(folder))[0] == 0
    letter = docx_text(next(folder.glob("01-*.docx")))
    assert "№ 7/15-1" in letter and "Д. Пашин" in letter and "С уважением," in letter


def _russian_visit(db: Database) -> int:
    """A visit entered in Russian: English variants for some texts and names, none for others (those are
    romanized)."""
    from datetime import date, datetime

    from organizer.domain.enums import Gender, ParticipantRole, Side
    from organizer.domain.records import (
        FollowUpData,
        InstitutionData,
        MeetingData,
        MeetingParticipantData,
        NameVariant,
        ParticipantData,
        PersonData,
        PositionData,
        TextVariant,
        VisitData,
        VisitInstitutionData,
    )
    from organizer.services import followups, institutions, meetings, people, visits

    def en(**texts: str) -> tuple[TextVariant, ...]:
        return tuple(TextVariant(field, "en", text) for field, text in texts.items())

    kfu = institutions.create_institution(db, InstitutionData(
        name="Казанский федеральный университет", city="Казань", address="ул. Кремлёвская, 18",
        name_variants=(NameVariant("Kazan Federal University", "Latn", "en"),),
        variants=en(city="Kazan", address="18 Kremlyovskaya St"))).meta.id
    firm = institutions.create_institution(db, InstitutionData(name="АО «Химпром»", city="Ташкент")).meta.id
    host = people.create_person(db, PersonData(
        given_name="Ильнур", family_name="Хайруллин", middle_name="Рафаэлевич", gender=Gender.MALE,
        honorific="г-н", name_variants=(NameVariant("Ilnur Khairullin", "Latn", "en"),),
        positions=(PositionData("Проректор", kfu, current=True, variants=en(title="Vice-Rector")),))).meta.id
    guest = people.create_person(db, PersonData(
        given_name="Евгений", family_name="Коржиков", middle_name="Александрович", gender=Gender.MALE,
        biography="Родился в Ташкенте.", languages=("ru", "uz"), variants=en(biography="Born in Tashkent."),
        positions=(PositionData("Председатель правления", firm, current=True,
                                variants=en(title="Chairman of the Board")),))).meta.id
    vid = visits.create_visit(db, VisitData(
        title="Визит делегации АО «Химпром»", place="Казань", purpose="Обсудить сотрудничество.",
        start_date=date(2025, 3, 11), end_date=date(2025, 3, 12),
        variants=en(title="Visit of the Khimprom delegation", place="Kazan", purpose="To discuss cooperation."),
        institutions=(VisitInstitutionData(firm, Side.GUEST), VisitInstitutionData(kfu, Side.HOST)),
        participants=(ParticipantData(guest, Side.GUEST, ParticipantRole.HEAD_OF_DELEGATION, 1),
                      ParticipantData(host, Side.HOST, ParticipantRole.HOST_LEAD, 1)))).meta.id
    mid = meetings.create_meeting(db, MeetingData(
        "Переговоры", visit_id=vid, starts_at=datetime(2025, 3, 11, 10), ends_at=datetime(2025, 3, 11, 11),
        venue_institution_id=kfu, objectives="Договориться о лаборатории.",
        variants=en(title="Talks", objectives="Agree on a joint laboratory."),
        participants=(MeetingParticipantData(guest, Side.GUEST), MeetingParticipantData(host, Side.HOST)))).meta.id
    followups.create_followup(db, FollowUpData("Подготовить соглашение", owner_person_id=host, meeting_id=mid,
                                               variants=en(description="Prepare the agreement")))
    return vid


def test_english_documents_of_a_visit_entered_in_russian_are_latin(db: Database, db_args: list[str],
                                                                   tmp_path: Path) -> None:
    vid = _russian_visit(db)
    texts = []
    for name, args in (("briefing", ["briefing", str(vid)]), ("report", ["briefing", str(vid), "--report"]),
                       ("person", ["dossier", "person", "2"]), ("institution", ["dossier", "institution", "1"])):
        for fmt in ("pdf", "docx"):
            out = tmp_path / f"{name}.{fmt}"
            code, _, err = run(*db_args, *args, "--lang", "en", "--out", str(out))
            assert code == 0, err
            texts.append((out.name, (pdf_text if fmt == "pdf" else docx_text)(out)))
    folder = tmp_path / "letters"
    assert run(*db_args, "letters", str(vid), "--lang", "en", "--to", "1", "2", "--signatory", "1",
               "--out", str(folder))[0] == 0
    letters = sorted(folder.iterdir())
    texts += [(p.name, pdf_text(p)) for p in letters]
    _assert_one_script(texts, "en")
    flat = " ".join(texts[0][1].split())
    assert "Yevgeny Korzhikov" in flat and "Aleksandrovich" not in flat  # automatic romanization, no patronymic
    assert "Ilnur Khairullin" in flat and "Kazan Federal University" in flat and "AO «Khimprom»" in flat
    assert "Visit of the Khimprom delegation" in flat and "Agree on a joint laboratory." in flat
    assert "Born in Tashkent." in flat and "Tashkent" in flat  # a variant; a city romanized
    letter = " ".join(pdf_text(letters[0]).split())
    assert "Dear Mr Korzhikov," in letter and "Kazan Federal University" in letter


def test_russian_letters_of_a_visit_entered_in_russian(db: Database, db_args: list[str], tmp_path: Path) -> None:
    vid = _russian_visit(db)
    folder = tmp_path / "letters"
    code, _, err = run(*db_args, "letters", str(vid), "--lang", "ru", "--number", "01-12/7", "--out", str(folder))
    assert code == 0, err
    text = " ".join(pdf_text(next(folder.iterdir())).split())
    assert "Уважаемый Евгений Александрович!" in text  # name and patronymic
    assert "И.Р. Хайруллин" in text  # initials before the family name
    assert "№ 01-12/7" in text and "ул. Кремлёвская, 18" in text  # number, letterhead from the office's record
    assert "за визит делегации АО «Химпром» (11–12 марта 2025 г., Казань)" in text  # no «визита «Визит…»»
    _assert_one_script([("letter", text)], "ru")


def test_a_long_text_with_no_variant_in_the_readers_language_is_marked(db: Database) -> None:
    from organizer.domain.records import MeetingData
    from organizer.services import briefing, meetings

    vid = _russian_visit(db)
    meetings.create_meeting(db, MeetingData("Ужин", visit_id=vid, objectives="Только по-русски."))
    shown = {mt.title: mt.objectives for mt in briefing.visit_briefing(db, vid, lang="en").meetings}
    assert shown["Talks"] == "Agree on a joint laboratory."  # the variant
    assert shown["Ужин"] == "[in Russian] Только по-русски."  # no variant: as entered, marked
    ru = {mt.title: mt.objectives for mt in briefing.visit_briefing(db, vid, lang="ru").meetings}
    assert ru == {"Переговоры": "Договориться о лаборатории.", "Ужин": "Только по-русски."}


def test_two_language_briefing_lists_the_delegation_and_programme_side_by_side(demo_args: list[str],
                                                                              tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    code, _, err = run(*demo_args, "briefing", "1", "--lang", "ru+en", "--out", str(out))
    assert code == 0, err
    reader = pypdf.PdfReader(out)
    outline = _outline(reader)
    assert "3. Состав делегации" in outline and "11 марта 2025 г. / 11 March 2025" in outline
    flat = " ".join(pdf_text(out).split())
    delegation = flat[flat.rindex("3. Состав делегации"):flat.rindex("4. Программа визита")]
    assert "Русский English" in delegation
    assert "Коржиков Евгений" in delegation and "Evgeny Korzhikov" in delegation
    assert "Руководитель делегации" in delegation and "Head of delegation" in delegation
    programme = flat[flat.rindex("4. Программа визита"):flat.rindex("5. Биографии")]
    assert "10:00–11:15" in programme and "Principal attendees: Evgeny Korzhikov" in programme
    code, _, err = run(*demo_args, "dossier", "person", "1", "--lang", "ru+en", "--out", str(out))
    assert code == 2 and "invalid choice" in err  # two columns are the briefing's


def test_english_documents_of_the_demo_are_latin_throughout(demo_args: list[str], tmp_path: Path) -> None:
    texts = []
    for name, args in (("briefing", ["briefing", "1"]), ("report", ["briefing", "1", "--report"]),
                       ("person", ["dossier", "person", "2"]), ("institution", ["dossier", "institution", "1"])):
        out = tmp_path / f"{name}.pdf"
        assert run(*demo_args, *args, "--lang", "en", "--out", str(out))[0] == 0
        texts.append((name, pdf_text(out)))
    assert run(*demo_args, "letters", "1", "--lang", "en", "--to", "1", "6", "--out", str(tmp_path / "l"))[0] == 0
    texts += [(p.name, pdf_text(p)) for p in sorted((tmp_path / "l").iterdir())]
    _assert_one_script(texts, "en")
    letter = " ".join(texts[-2][1].split())
    assert "Dear Mr Korzhikov," in letter and "D. Pashin" in letter
    assert "Dear Mr. President," in " ".join(texts[-1][1].split())


def test_russian_letters_of_the_demo_greet_by_protocol(demo_args: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "l"
    assert run(*demo_args, "letters", "1", "--lang", "ru", "--to", "1", "6", "--out", str(folder))[0] == 0
    korzhikov, president = (" ".join(pdf_text(p).split()) for p in sorted(folder.iterdir()))
    assert "Уважаемый господин Коржиков!" in korzhikov and "Д. Пашин" in korzhikov and "Пашин Д." not in korzhikov
    assert "Уважаемый господин Президент!" in president and "академик Рифкат Минниханов" in president
    assert "визита «Визит" not in korzhikov + president  # the title runs on: «за визит делегации АО …»


def test_nested_quotes_in_a_russian_letter() -> None:
    from datetime import date

    from organizer.briefing.labels import Labels
    from organizer.briefing.letters import body
    from organizer.domain.briefing import LetterRecipient, ThankYouLetters
    from organizer.domain.enums import Side, VisitDirection

    data = ThankYouLetters("Делегация АО «Фирма» в КФУ", VisitDirection.INCOMING, date(2025, 3, 11), None, "Казань",
                           "КФУ", "Д. Пашин", None, ("Импортозамещение", "КФУ-проекты"),
                           (LetterRecipient("Рифкат Минниханов", "", "", None, None, Side.HOST, kind="hosting"),))
    text = " ".join(body(data, data.recipients[0], "ru", Labels("ru")))
    assert "в программе визита «Делегация АО „Фирма“ в КФУ»." in text  # „…“ inside «…»
    assert "(импортозамещение и КФУ-проекты)" in text  # lower-case mid-sentence, an abbreviation kept


def test_one_date_style_per_language() -> None:
    from datetime import datetime

    from organizer.briefing.labels import Labels

    ru, en = Labels("ru"), Labels("en")
    moment = datetime(2025, 3, 10, 21, 40)
    assert ru.datetime(moment) == "10 марта 2025 г., 21:40" and en.datetime(moment) == "10 March 2025, 21:40"
    night = ru.time_span(datetime(2025, 3, 11, 22, 0), datetime(2025, 3, 12, 1, 30))
    assert night == "22:00–12 марта 2025 г., 01:30"  # never "12.03 01:30" beside «11 марта 2025 г.»
    assert ru.languages(["uz", "ru"]) == "узбекский, русский" and en.languages(["uz", "ru"]) == "Uzbek, Russian"


def test_names_written_per_language_win_over_the_automatic_spelling(db: Database) -> None:
    from organizer.domain.enums import Gender, Side
    from organizer.domain.records import ParticipantData, PersonData, TextVariant, VisitData
    from organizer.services import briefing, people, visits

    written = (TextVariant("family_name", "en", "Korjikov"), TextVariant("given_name", "en", "Evgueni"))
    guest = people.create_person(db, PersonData(given_name="Евгений", family_name="Коржиков", gender=Gender.MALE,
                                                middle_name="Александрович", variants=written)).meta.id
    vid = visits.create_visit(db, VisitData(title="Визит", participants=(ParticipantData(guest, Side.GUEST),)))
    assert [p.full_name for p in briefing.visit_briefing(db, vid.meta.id, lang="en").guests] == ["Evgueni Korjikov"]
    assert [p.full_name for p in briefing.visit_briefing(db, vid.meta.id, lang="ru").guests] == [
        "Коржиков Евгений Александрович"]
