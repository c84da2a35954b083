"""Thank-you letters: who signs for the issuing office, who gets which letter, names in the letter's language,
salutations from the stored form of address, honorific and patronymic (never guessed from names)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pypdf
import pytest

from organizer.briefing import render_thank_you_letters
from organizer.briefing.letters import gender_of, mid_sentence, quoted, salutation
from organizer.domain.briefing import LetterRecipient, ThankYouLetters, localized
from organizer.domain.enums import ParticipantRole, Side
from organizer.domain.errors import ValidationError
from organizer.domain.records import (
    InstitutionData,
    MeetingData,
    MeetingParticipantData,
    NameVariant,
    ParticipantData,
    PersonData,
    PositionData,
    VisitData,
    VisitInstitutionData,
)
from organizer.services import briefing, institutions, meetings, people, visits
from organizer.store import Database

RU = "ru"


def _r(given: str = "Ivan", family: str = "Petrov", patronymic: str = "", honorific: str = "", foa: str = "",
       gender: str = "") -> LetterRecipient:
    """A recipient as the assembly gives it: the name parts already in the letter's language."""
    return LetterRecipient(f"{given} {family}", foa, honorific, None, None, Side.GUEST, (), given_name=given,
                           family_name=family, patronymic=patronymic, gender=gender)


@pytest.mark.parametrize(("recipient", "lang", "text"), [
    # Russian: name and patronymic when known, else господин/госпожа (or the rank) with the family name
    (_r("Евгений", "Коржиков", gender="male"), "ru", "Уважаемый господин Коржиков!"),
    (_r("Евгений", "Коржиков", "Александрович"), "ru", "Уважаемый Евгений Александрович!"),
    (_r("Анна", "Петрова", "Сергеевна"), "ru", "Уважаемая Анна Сергеевна!"),
    (_r("Алсу", "Галиева", gender="female"), "ru", "Уважаемая госпожа Галиева!"),
    (_r("Алсу", "Галиева", honorific="г-жа"), "ru", "Уважаемая госпожа Галиева!"),
    (_r("Вэй", "Ван", honorific="профессор", gender="male"), "ru", "Уважаемый профессор Ван!"),
    (_r("Рифкат", "Минниханов", honorific="академик", gender="male", foa="Господин Президент"), "ru",
     "Уважаемый господин Президент!"),
    (_r("Иван", "Петров", foa="Уважаемый коллега"), "ru", "Уважаемый коллега!"),
    # nothing known of the gender: the neutral greeting, the name in natural order
    (_r("Евгений", "Коржиков"), "ru", "Здравствуйте, Евгений Коржиков!"),
    # a surname in -ич before the given name is not taken for the patronymic: the parts say which is which
    (_r("Иван", "Карпович", "Петрович"), "ru", "Уважаемый Иван Петрович!"),
    # English: honorific or rank with the family name, never the full name when either is known
    (_r("Evgeny", "Korzhikov", gender="male"), "en", "Dear Mr Korzhikov,"),
    (_r("Evgeny", "Korzhikov", honorific="Mr."), "en", "Dear Mr Korzhikov,"),
    (_r("Alsu", "Galieva", gender="female"), "en", "Dear Ms Galieva,"),
    (_r("Wei", "Wang", honorific="Prof.", gender="male"), "en", "Dear Professor Wang,"),
    (_r("Wei", "Wang", honorific="Professor"), "en", "Dear Professor Wang,"),
    (_r("Rifkat", "Minnikhanov", honorific="Academician", foa="Mr. President"), "en", "Dear Mr. President,"),
    (_r(foa="Dear Rector"), "en", "Dear Rector,"),
    (_r(honorific="His Excellency"), "en", "Your Excellency,"),
    (_r("Evgeny", "Korzhikov"), "en", "Dear Evgeny Korzhikov,"),
    # a form of address in the other script is not used
    (_r("Evgeny", "Korzhikov", gender="male", foa="Господин Президент"), "en", "Dear Mr Korzhikov,"),
])
def test_salutations(recipient: LetterRecipient, lang: str, text: str) -> None:
    assert salutation(recipient, lang) == text


def test_gender_comes_from_the_data_never_from_name_endings() -> None:
    assert gender_of(_r("Мария", "Иванова")) is None  # a feminine-looking surname is not read
    assert gender_of(_r("Мария", "Иванова", "Петровна")) == "f"
    assert gender_of(_r(honorific="Ms")) == "f" and gender_of(_r(foa="Mr. Chairman")) == "m"
    assert gender_of(_r(honorific="госпожа")) == "f" and gender_of(_r(gender="female")) == "f"


def test_russian_typography() -> None:
    assert quoted("Визит АО «Фирма»", "ru") == "«Визит АО „Фирма“»"
    assert quoted('Firm "Star" visit', "en") == "“Firm ‘Star’ visit”"
    assert mid_sentence("Импортозамещение") == "импортозамещение"
    assert mid_sentence("КФУ и химия") == "КФУ и химия" and mid_sentence("ИТ-технологии") == "ИТ-технологии"


def test_localized_picks_the_language_then_the_script_else_the_primary_name() -> None:
    variants = (NameVariant("Казан университеты", "Cyrl", "tt"), NameVariant("Казанский университет", "Cyrl", "ru"))
    assert localized("Kazan University", variants, "ru") == "Казанский университет"
    assert localized("Kazan University", variants[:1], "ru") == "Kazan University"  # Tatar is not Russian
    assert localized("Kazan University", (NameVariant("Казанский", "Cyrl", ""),), "ru") == "Казанский"
    assert localized("Kazan University", (), "ru") == "Kazan University"


def _visit(db: Database) -> dict[str, int]:
    uni = institutions.create_institution(db, InstitutionData(
        name="Uni", name_variants=(NameVariant("Университет", "Cyrl", "ru"),))).meta.id
    lab = institutions.create_institution(db, InstitutionData(
        name="Chem Lab", parent_id=uni, name_variants=(NameVariant("Химлаборатория", "Cyrl", "ru"),))).meta.id
    academy = institutions.create_institution(db, InstitutionData(name="Academy")).meta.id
    firm = institutions.create_institution(db, InstitutionData(
        name="Firm JSC", name_variants=(NameVariant("АО «Фирма»", "Cyrl", "ru"),))).meta.id

    def person(given: str, family: str, title: str, inst: int, ru: str = "", **kw: object) -> int:
        return people.create_person(db, PersonData(
            given_name=given, family_name=family, positions=(PositionData(title, inst, current=True),),
            name_variants=(NameVariant(ru, "Cyrl", "ru"),) if ru else (), **kw)).meta.id  # type: ignore[arg-type]

    ids = {
        "president": person("Olga", "Academic", "President", academy),
        "rector": person("Anna", "Rector", "Rector", uni, "Ректорова Анна Павловна"),
        "dean": person("Boris", "Dean", "Dean", lab, "Деканов Борис"),
        "guest": person("Ivan", "Petrov", "Director", firm, "Петров Иван Сергеевич", honorific="Mr"),
    }
    vid = visits.create_visit(db, VisitData(
        title="Firm to Uni", start_date=date(2025, 3, 11), end_date=date(2025, 3, 12), place="Kazan",
        topics=("Catalysis",),
        institutions=(VisitInstitutionData(firm, Side.GUEST), VisitInstitutionData(lab, Side.HOST),
                      VisitInstitutionData(academy, Side.HOST)),
        participants=(ParticipantData(ids["guest"], Side.GUEST, precedence=1),
                      ParticipantData(ids["president"], Side.HOST, precedence=1),
                      ParticipantData(ids["rector"], Side.HOST, precedence=2),
                      ParticipantData(ids["dean"], Side.HOST, precedence=3)))).meta.id
    return {**ids, "visit": vid, "uni": uni, "academy": academy, "firm": firm}


def _texts(data: ThankYouLetters, lang: str) -> dict[str, str]:
    letters = render_thank_you_letters(data, lang)
    # one line per text: pypdf breaks lines where the layout wrapped them
    return {lt.recipient.file_name: " ".join(pypdf.PdfReader(io.BytesIO(lt.pdf)).pages[0].extract_text().split())
            for lt in letters}


def test_the_office_signs_and_each_recipient_gets_the_fitting_letter(db: Database) -> None:
    ids = _visit(db)
    default = briefing.thank_you_letters(db, ids["visit"], lang=RU)
    # by default only the guests are thanked: our own staff get a letter only when ticked
    assert [r.name for r in default.recipients] == ["Иван Сергеевич Петров"]
    assert [(c.name, c.ours, c.recipient) for c in default.candidates] == [
        ("Петров Иван Сергеевич", False, True), ("Академик Олга", True, False),
        ("Ректорова Анна Павловна", True, False), ("Деканов Борис", True, False)]
    chosen = [ids["guest"], ids["president"], ids["dean"]]
    data = briefing.thank_you_letters(db, ids["visit"], lang=RU, recipient_ids=chosen)
    # office: the top-level institution of our first listed unit; the President of the Academy is more
    # senior but works elsewhere, so the Rector signs
    assert data.issuing_office == "Университет" and data.signatory == "Ректорова Анна Павловна"
    assert data.signatory_id == ids["rector"]
    assert data.signature == "А.П. Ректорова"  # initials before the family name
    kinds = {r.name: r.kind for r in data.recipients}
    assert kinds == {"Иван Сергеевич Петров": "visit", "Олга Академик": "hosting", "Борис Деканов": "colleague"}
    assert data.guest_office == "АО «Фирма»"
    ru = _texts(data, RU)
    assert ru["Ivan Petrov"].startswith("Университет")
    assert "Уважаемый Иван Сергеевич!" in ru["Ivan Petrov"] and "АО «Фирма»" in ru["Ivan Petrov"]
    assert "А.П. Ректорова" in ru["Ivan Petrov"] and "Firm" not in ru["Ivan Petrov"]
    assert "за визит (11–12 марта 2025 г.)" in ru["Ivan Petrov"] and "Kazan" not in ru["Ivan Petrov"]
    assert "радушный приём делегации (АО «Фирма»" in ru["Olga Academic"]
    # no Russian variant: the automatic Cyrillic spelling, and no gender known: the neutral greeting
    assert "Здравствуйте, Олга Академик!" in ru["Olga Academic"]
    assert "№ ______" in ru["Olga Academic"] and "г. №" in ru["Olga Academic"]  # date line, number to fill in
    assert "Химлаборатория" in ru["Boris Dean"] and "подготовке и проведении визита" in ru["Boris Dean"]
    en = _texts(briefing.thank_you_letters(db, ids["visit"], recipient_ids=chosen), "en")
    assert "Dear Mr Petrov," in en["Ivan Petrov"] and "On behalf of Uni, allow me" in en["Ivan Petrov"]
    assert "your visit to Kazan on 11–12 March 2025" in en["Ivan Petrov"]  # no quoted title after "your visit"
    assert "discussion of catalysis," in en["Ivan Petrov"]  # a topic is lower-case inside the sentence
    assert en["Ivan Petrov"].endswith("Rector Uni Anna Rector")  # English signs with the full name
    assert "warm welcome you gave the delegation of Firm JSC" in en["Olga Academic"]
    assert "Dear Boris Dean," in en["Boris Dean"] and "contribution to the programme" in en["Boris Dean"]


def test_another_office_and_an_office_nobody_represents(db: Database) -> None:
    ids = _visit(db)
    everyone = [ids["guest"], ids["president"], ids["rector"], ids["dean"]]
    data = briefing.thank_you_letters(db, ids["visit"], office_id=ids["academy"], recipient_ids=everyone)
    assert (data.issuing_office, data.signatory) == ("Academy", "Olga Academic")
    assert {r.name: r.kind for r in data.recipients}["Anna Rector"] == "hosting"
    firm = briefing.thank_you_letters(db, ids["visit"], office_id=ids["firm"])  # the guests' own letters
    assert firm.signatory == "Ivan Petrov" and {r.kind for r in firm.recipients} == {"hosting"}
    assert briefing.resolve_institution(db, "АО «Фирма»") == ids["firm"]
    lonely = institutions.create_institution(db, InstitutionData(name="Ministry")).meta.id
    data = briefing.thank_you_letters(db, ids["visit"], office_id=lonely, recipient_ids=everyone)
    assert data.signatory == "" and len(data.recipients) == 4
    text = _texts(data, "en")["Ivan Petrov"]
    assert text.startswith("Ministry") and text.rstrip().endswith("Ministry")  # signed by the office itself


def test_recipients_and_signatory_are_chosen_interpreters_only_when_ticked(db: Database) -> None:
    ids = _visit(db)
    visit = visits.get_visit(db, ids["visit"])
    interpreter = people.create_person(db, PersonData(given_name="Lena", family_name="Interpreter")).meta.id
    visits.update_visit(db, ids["visit"], replace(visit.data, participants=(
        *visit.data.participants, ParticipantData(interpreter, Side.GUEST, ParticipantRole.INTERPRETER, 2))))
    data = briefing.thank_you_letters(db, ids["visit"])
    assert [r.name for r in data.recipients] == ["Ivan Petrov"]  # never the interpreter unless ticked
    data = briefing.thank_you_letters(db, ids["visit"], recipient_ids=[interpreter, ids["rector"]],
                                      signatory_id=ids["dean"])
    assert data.signatory == "Boris Dean" and data.signatory_id == ids["dean"]
    assert sorted(r.name for r in data.recipients) == ["Anna Rector", "Lena Interpreter"]
    assert {r.person_id for r in data.recipients} == {interpreter, ids["rector"]}
    stranger = people.create_person(db, PersonData(given_name="Not", family_name="There")).meta.id
    with pytest.raises(ValidationError, match=f"recipients: person {stranger} does not take part"):
        briefing.thank_you_letters(db, ids["visit"], recipient_ids=[stranger])
    with pytest.raises(ValidationError, match=f"signatory: person {stranger} does not take part"):
        briefing.thank_you_letters(db, ids["visit"], signatory_id=stranger)


def test_russian_briefing_and_dossiers_use_the_russian_institution_names(db: Database) -> None:
    ids = _visit(db)
    b = briefing.visit_briefing(db, ids["visit"], lang=RU)
    assert b.issuing_office == "Университет"
    lab = next(i for i in b.institutions if i.name == "Химлаборатория")
    assert lab.path == ("Университет", "Химлаборатория")
    assert [v.name for v in lab.name_variants] == []  # "also written" holds no other script
    assert {p.institution for p in b.hosts} == {"Химлаборатория", "Университет", "Academy"}
    assert briefing.visit_briefing(db, ids["visit"]).issuing_office == "Uni"
    mid = meetings.create_meeting(db, MeetingData("Talks", visit_id=ids["visit"], venue_institution_id=ids["uni"],
                                                  participants=(MeetingParticipantData(ids["dean"], Side.HOST),
                                                                MeetingParticipantData(ids["president"], Side.HOST),
                                                                ))).meta.id
    talks = next(mt for mt in briefing.visit_briefing(db, ids["visit"], lang=RU).meetings if mt.id == mid)
    assert talks.venue == "Университет" and {a.name for a in talks.attendees} == {"Деканов Борис", "Академик Олга"}
    d = briefing.person_dossier(db, ids["dean"], lang=RU)
    assert d.person.institution == "Химлаборатория" and d.positions[0].institution == "Химлаборатория"
    assert briefing.institution_dossier(db, ids["uni"], lang=RU).units == ("Химлаборатория",)


def test_language_and_script_names_in_both_languages() -> None:
    from organizer.domain.languages import language_name, language_names, script_name

    assert language_names(["uz", "ru"], "en") == "Uzbek, Russian"
    assert language_names(["uz", "ru", " "], "ru") == "узбекский, русский"
    assert (language_name("pt-BR", "en"), language_name("xx", "ru")) == ("Portuguese", "xx")
    assert (script_name("Cyrl", "ru"), script_name("latn", "en"), script_name("Zzzz", "en")) == (
        "кириллица", "Latin", "Zzzz")
