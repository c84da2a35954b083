"""Thank-you letters: who signs for the issuing office, who gets which letter, names in the letter's language,
salutations from the stored form of address, honorific and patronymic (never guessed from names)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pypdf
import pytest

from organizer.briefing import render_thank_you_letters
from organizer.briefing.letters import gender_of, salutation
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


def _r(name: str = "Ivan Petrov", ru: str = "", honorific: str = "", foa: str = "", family: str = "Petrov",
       **kw: object) -> LetterRecipient:
    variants = (NameVariant(ru, "Cyrl", "ru"),) if ru else ()
    return LetterRecipient(name, foa, honorific, None, None, Side.GUEST, variants, family_name=family,
                           **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("recipient", "ru_text", "en_text"), [
    (_r(ru="Петров Иван Сергеевич"), "Уважаемый Иван Сергеевич!", "Dear Ivan Petrov,"),
    (_r("Anna Petrova", ru="Анна Сергеевна Петрова", family="Petrova"), "Уважаемая Анна Сергеевна!",
     "Dear Anna Petrova,"),
    # a surname in -ич before the given name is not taken for the patronymic
    (_r("Ivan Karpovich", ru="Карпович Иван Петрович", family="Karpovich"), "Уважаемый Иван Петрович!",
     "Dear Ivan Karpovich,"),
    (_r(ru="Петров Иван", honorific="Prof."), "Здравствуйте, Петров Иван!", "Dear Prof. Petrov,"),
    (_r(ru="Петров Иван", foa="Mr. President"), "Здравствуйте, Петров Иван!", "Dear Mr. President,"),
    (_r(ru="Петров Иван", foa="Dear Rector"), "Здравствуйте, Петров Иван!", "Dear Rector,"),
    (_r(ru="Петров Иван", foa="Господин Президент", honorific="Mr"), "Уважаемый Господин Президент!",
     "Dear Mr Petrov,"),
    (_r(ru="Петров Иван", foa="Уважаемый коллега"), "Уважаемый коллега!", "Dear Ivan Petrov,"),
    (_r(honorific="His Excellency"), "Здравствуйте, Ivan Petrov!", "Your Excellency,"),
])
def test_salutations(recipient: LetterRecipient, ru_text: str, en_text: str) -> None:
    assert salutation(recipient, "ru") == ru_text
    assert salutation(recipient, "en") == en_text


def test_gender_comes_from_the_data_never_from_name_endings() -> None:
    assert gender_of(_r(ru="Иванова Мария")) is None  # a feminine-looking surname is not read
    assert gender_of(_r(ru="Иванова Мария Петровна")) == "f"
    assert gender_of(_r(honorific="Ms")) == "f" and gender_of(_r(foa="Mr. Chairman")) == "m"
    assert gender_of(_r(honorific="госпожа")) == "f"


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
    return {lt.recipient.name: " ".join(pypdf.PdfReader(io.BytesIO(lt.pdf)).pages[0].extract_text().split())
            for lt in letters}


def test_the_office_signs_and_each_recipient_gets_the_fitting_letter(db: Database) -> None:
    ids = _visit(db)
    default = briefing.thank_you_letters(db, ids["visit"], lang=RU)
    # by default only the guests are thanked: our own staff get a letter only when ticked
    assert [r.name for r in default.recipients] == ["Ivan Petrov"]
    assert [(c.name, c.ours, c.recipient) for c in default.candidates] == [
        ("Ivan Petrov", False, True), ("Olga Academic", True, False), ("Anna Rector", True, False),
        ("Boris Dean", True, False)]
    chosen = [ids["guest"], ids["president"], ids["dean"]]
    data = briefing.thank_you_letters(db, ids["visit"], lang=RU, recipient_ids=chosen)
    # office: the top-level institution of our first listed unit; the President of the Academy is more
    # senior but works elsewhere, so the Rector signs
    assert data.issuing_office == "Университет" and data.signatory == "Anna Rector"
    assert data.signatory_id == ids["rector"]
    kinds = {r.name: r.kind for r in data.recipients}
    assert kinds == {"Ivan Petrov": "visit", "Olga Academic": "hosting", "Boris Dean": "colleague"}
    assert data.guest_office == "АО «Фирма»"
    ru = _texts(data, RU)
    assert ru["Ivan Petrov"].startswith("Университет")
    assert "Уважаемый Иван Сергеевич!" in ru["Ivan Petrov"] and "АО «Фирма»" in ru["Ivan Petrov"]
    assert "Ректорова Анна Павловна" in ru["Ivan Petrov"] and "Firm" not in ru["Ivan Petrov"]
    assert "за визит (11–12 марта 2025 г.)" in ru["Ivan Petrov"] and "Kazan" not in ru["Ivan Petrov"]
    assert "радушный приём делегации (АО «Фирма»" in ru["Olga Academic"]
    assert "Здравствуйте, Olga Academic!" in ru["Olga Academic"]  # no Russian variant: the primary name
    assert "Химлаборатория" in ru["Boris Dean"] and "подготовке и проведении визита" in ru["Boris Dean"]
    en = _texts(briefing.thank_you_letters(db, ids["visit"], recipient_ids=chosen), "en")
    assert "Dear Mr Petrov," in en["Ivan Petrov"] and "On behalf of Uni, allow me" in en["Ivan Petrov"]
    assert "your visit to Kazan on 11–12 March 2025" in en["Ivan Petrov"] and "Catalysis" in en["Ivan Petrov"]
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
    assert [v.name for v in lab.name_variants] == ["Chem Lab"]  # "also written": the primary name
    assert {p.institution for p in b.hosts} == {"Химлаборатория", "Университет", "Academy"}
    assert briefing.visit_briefing(db, ids["visit"]).issuing_office == "Uni"
    mid = meetings.create_meeting(db, MeetingData("Talks", visit_id=ids["visit"], venue_institution_id=ids["uni"],
                                                  participants=(MeetingParticipantData(ids["dean"], Side.HOST),
                                                                MeetingParticipantData(ids["president"], Side.HOST),
                                                                ))).meta.id
    talks = next(mt for mt in briefing.visit_briefing(db, ids["visit"], lang=RU).meetings if mt.id == mid)
    assert talks.venue == "Университет" and {a.name for a in talks.attendees} == {"Деканов Борис", "Olga Academic"}
    d = briefing.person_dossier(db, ids["dean"], lang=RU)
    assert d.person.institution == "Химлаборатория" and d.positions[0].institution == "Химлаборатория"
    assert briefing.institution_dossier(db, ids["uni"], lang=RU).units == ("Химлаборатория",)
