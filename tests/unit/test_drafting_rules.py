"""The English extractor's rules (services/drafting/english.py), one test per pattern, and the acceptance
draft of ``visit-article.txt`` (six people, three units under the university, four meetings in order)."""

from __future__ import annotations

from pathlib import Path

import pytest

from organizer.domain.errors import ImportFormatError
from organizer.services import drafting
from organizer.services.drafting.english import extract
from organizer.services.drafting.english_text import sentences, split_list
from organizer.services.interop.filekind import kind_of_content

ARTICLE = Path(__file__).parent.parent / "data" / "reports" / "visit-article.txt"


def _people(text: str) -> dict[str, tuple[str, str]]:
    return {p.full_name: (p.title, p.institution) for p in extract(text).people}


def test_sentences_keep_initials_and_abbreviations() -> None:
    got = sentences("They toured the A.M. Butlerov Institute. Dr. Smith and D. Pashin spoke. Then they left.")
    assert got == ["They toured the A.M. Butlerov Institute.", "Dr. Smith and D. Pashin spoke.", "Then they left."]


def test_name_then_title_with_institution_of() -> None:
    text = 'Evgeny Korzhikov, First Deputy Chairman of the Management Board of JSC "Uzkhimyosanoat," arrived.'
    assert _people(text) == {"Evgeny Korzhikov": ("First Deputy Chairman of the Management Board",
                                                  'JSC "Uzkhimyosanoat"')}


def test_title_then_name_with_possessive_owner() -> None:
    text = ("He visited Kazan Federal University. The university's Vice-Rector for Digital Transformation and "
            "Innovation, D. Pashin, spoke.")
    assert _people(text)["D. Pashin"] == ("Vice-Rector for Digital Transformation and Innovation",
                                          "Kazan Federal University")


def test_title_then_name_with_institution() -> None:
    text = "They held a meeting with the President of the Academy of Sciences of Tatarstan, Rifkat Minnikhanov."
    assert _people(text) == {"Rifkat Minnikhanov": ("President", "Academy of Sciences of Tatarstan")}


def test_quoted_institution_name_before_its_head() -> None:
    text = ('At the meeting, Mikhail Varfolomeyev, Director of the "Small-scale Chemical Technologies" Technopark, '
            'spoke.')
    assert _people(text) == {"Mikhail Varfolomeyev": ("Director", '"Small-scale Chemical Technologies" Technopark')}


def test_coordination_shares_the_institution_and_keeps_commas_in_titles() -> None:
    text = ('John Smith, Director of Acme University, and Jane Doe, Head of the Department for Sales, Marketing, '
            'and Import Optimization, visited Kazan.')
    assert _people(text) == {"John Smith": ("Director", "Acme University"),
                             "Jane Doe": ("Head of the Department for Sales, Marketing, and Import Optimization",
                                          "Acme University")}


def test_institution_nesting_at_and_within() -> None:
    draft = extract("They toured the A.M. Butlerov Chemical Institute at Kazan Federal University. They saw the "
                    "Pharmaceutical Scientific-Educational Center within Kazan Federal University.")
    parents = {i.name: i.parent for i in draft.institutions}
    assert parents == {"A.M. Butlerov Chemical Institute": "Kazan Federal University",
                       "Kazan Federal University": None,
                       "Pharmaceutical Scientific-Educational Center": "Kazan Federal University"}


def test_meetings_in_order_with_participants() -> None:
    draft = extract("During their visit to Kazan, John Smith, Director of Acme University, visited Kazan Federal "
                    "University. The delegation toured the laboratories. Subsequently, a meeting with the "
                    "university's leadership took place. At the meeting, Anna Lee, Dean of the Law School, spoke. "
                    "They held a meeting with the Rector of Kazan Federal University, Lenar Safin.")
    assert [m.title for m in draft.meetings] == ["Tour of the laboratories", "Meeting with the university's leadership",
                                                 "Meeting with the Rector of Kazan Federal University, Lenar Safin"]
    assert [m.participants for m in draft.meetings] == [["John Smith"], ["John Smith", "Anna Lee"],
                                                        ["John Smith", "Lenar Safin"]]


def test_topics_in_the_fields_of() -> None:
    draft = extract("John Smith, Director of Acme University, came to discuss cooperation in the fields of "
                    "composite materials, petrochemicals, and import-substituting products.")
    assert draft.visit.topics == ["composite materials", "petrochemicals", "import-substituting products"]


def test_followups() -> None:
    draft = extract("John Smith, Director of Acme University, came. Special attention was paid to technology transfer "
                    "to Uzbekistan and the establishment of joint scientific laboratories. Cooperation on "
                    "educational programs was discussed with him.")
    assert [f.description for f in draft.followups] == ["Technology transfer to Uzbekistan",
                                                        "Establishment of joint scientific laboratories",
                                                        "Cooperation on educational programs"]


def test_split_list_keeps_adjective_coordination() -> None:
    assert split_list("scientific and technological cooperation, and joint research") == [
        "scientific and technological cooperation", "joint research"]


def test_visit_dates_place_purpose() -> None:
    draft = extract("Delegation Visits Kazan\nOn 12-14 March 2025, during their visit to the Republic of Tatarstan, "
                    "John Smith, Director of Acme University, visited Kazan. The main purpose of the visit was to "
                    "discuss cooperation in the fields of chemistry.")
    v = draft.visit
    assert (v.title, v.place, v.start_date, v.end_date, v.purpose) == (
        "Delegation Visits Kazan", "Republic of Tatarstan", "2025-03-12", "2025-03-14", "discuss cooperation")


def test_html_and_markdown_become_prose() -> None:
    assert drafting.plain_text("<html><body><h1>Visit</h1><p>A &amp; B met.</p></body></html>").split() == [
        "Visit", "A", "&", "B", "met."]
    assert drafting.plain_text("# Visit\n**John Smith** met [Acme](http://x).") == "Visit\nJohn Smith met Acme."


def test_text_without_people_or_institutions_is_refused_clearly() -> None:
    with pytest.raises(ImportFormatError, match="no people or institutions"):
        drafting.draft_from_text("It rained all day. Nobody came, and the shops were closed early.")


def test_report_kind_told_from_csv() -> None:
    assert kind_of_content(ARTICLE.read_bytes()[:4096]) == "report"
    assert kind_of_content(b"# Visit\nText.") == "report"
    assert kind_of_content(b"Name,Email\r\nAnna, a@x.org\r\nBob, b@x.org\r\n") == "csv"
    assert kind_of_content(b'["x"]') == "archive"


def test_visit_article_acceptance() -> None:
    draft = extract(ARTICLE.read_text(encoding="utf-8"))
    people = {p.full_name: (p.title, p.institution, p.side) for p in draft.people}
    assert people == {
        "Evgeny Korzhikov": ("First Deputy Chairman of the Management Board", 'JSC "Uzkhimyosanoat"', "guest"),
        "Abduhomid Salomov": ("Head of the Department for Localization, Expansion of Cooperation Relations, and "
                              "Import Optimization", 'JSC "Uzkhimyosanoat"', "guest"),
        "D. Pashin": ("Vice-Rector for Digital Transformation and Innovation", "Kazan Federal University", "host"),
        "Mikhail Varfolomeyev": ("Director", '"Small-scale Chemical Technologies" Technopark', "host"),
        "Ilnur Khairullin": ("Vice-Rector for Continuing Education and Professional Retraining",
                             "Kazan Federal University", "host"),
        "Rifkat Minnikhanov": ("President", "Academy of Sciences of Tatarstan", "host")}
    parents = {i.name: i.parent for i in draft.institutions}
    assert {n for n, p in parents.items() if p == "Kazan Federal University"} == {
        "A.M. Butlerov Chemical Institute", '"Small-scale Chemical Technologies" Technopark',
        "Pharmaceutical Scientific-Educational Center"}
    assert parents["Academy of Sciences of Tatarstan"] is None
    assert [m.title.split()[0] for m in draft.meetings] == ["Tour", "Meeting", "Visit", "Meeting"]
    assert "Butlerov" in draft.meetings[0].title and "Pharmaceutical" in draft.meetings[2].title
    assert draft.meetings[3].participants[-1] == "Rifkat Minnikhanov"
    assert {"D. Pashin", "Mikhail Varfolomeyev"} <= set(draft.meetings[1].participants)
    assert draft.visit.topics == ["small-scale chemical developments", "composite materials", "petrochemicals",
                                  "pharmaceuticals", "import-substituting products"]
    assert [f.description for f in draft.followups] == ["Technology transfer to Uzbekistan",
                                                        "Establishment of joint scientific laboratories",
                                                        "Cooperation on educational programs"]


def test_delegation_headed_by_title_name_and_members_share_its_institution() -> None:
    draft = extract("On 14 October 2024, a delegation of Tashkent State Technical University headed by Rector Bakhodir "
                    "Mukhiddinov visited Tomsk. The delegation included Nodira Usmonova, Vice-Rector for "
                    "International Relations.")
    people = {p.full_name: (p.title, p.institution, p.side) for p in draft.people}
    assert people == {"Bakhodir Mukhiddinov": ("Rector", "Tashkent State Technical University", "guest"),
                      "Nodira Usmonova": ("Vice-Rector for International Relations",
                                          "Tashkent State Technical University", "guest")}


def test_capitalised_words_before_a_title_head_belong_to_the_title() -> None:
    assert _people('Shukhrat Rakhimov, Technical Director of JSC "Navoiyazot", arrived.') == {
        "Shukhrat Rakhimov": ("Technical Director", 'JSC "Navoiyazot"')}


def test_headline_capitals_are_no_institution() -> None:
    draft = extract("Ambassador of France Visits Samarkand State University\nJohn Smith, Rector of Samarkand State "
                    "University, met the guests.")
    assert [i.name for i in draft.institutions] == ["Samarkand State University"]


def test_of_a_named_institution_is_nesting() -> None:
    draft = extract("They toured the Center for Quantum Technologies of Kazan Federal University.")
    assert {i.name: i.parent for i in draft.institutions} == {
        "Center for Quantum Technologies": "Kazan Federal University", "Kazan Federal University": None}


def test_its_title_names_the_institution_just_named() -> None:
    draft = extract("John Smith, Rector of Acme University, arrived. The guests visited the Republican Clinical "
                    "Hospital and met with its Chief Physician, Marat Khabirov.")
    chief = draft.person("Marat Khabirov")
    assert chief is not None and (chief.title, chief.institution) == ("Chief Physician", "Republican Clinical Hospital")
    assert [m.title for m in draft.meetings] == ["Visit to the Republican Clinical Hospital"]


def test_minister_of_names_the_ministry() -> None:
    assert _people("The Minister of Health of the Republic of Tatarstan, Marat Sadykov, received the guests.") == {
        "Marat Sadykov": ("Minister", "Ministry of Health of the Republic of Tatarstan")}


def test_department_of_a_field_is_an_institution_department_for_stays_in_the_title() -> None:
    assert _people("Pavel Vlasov, Head of the Department of Hydraulic Engineering, spoke.") == {
        "Pavel Vlasov": ("Head", "Department of Hydraulic Engineering")}
    assert _people("Anna Lee, Head of the Department for Sales, spoke.") == {
        "Anna Lee": ("Head of the Department for Sales", "")}


def test_capitals_name_and_the_university_resolve_the_institution() -> None:
    draft = extract("Kazan National Research Technical University named after A.N. Tupolev hosted guests. They met "
                    "Irek Gumerov, Deputy Director General of KAMAZ, and the Rector of the university, Alexey "
                    "Dmitriev.")
    people = {p.full_name: (p.title, p.institution) for p in draft.people}
    assert people == {"Irek Gumerov": ("Deputy Director General", "KAMAZ"),
                      "Alexey Dmitriev": ("Rector", "Kazan National Research Technical University named after "
                                                    "A.N. Tupolev")}


def test_possessive_names_the_parent() -> None:
    draft = extract("John Smith, Rector of Urgench State University, met them. The guests toured the university's "
                    "Agrobiotechnology Center.")
    centre = draft.institution("Agrobiotechnology Center")
    assert centre is not None and centre.parent == "Urgench State University"


def test_coordinated_title_name_pairs_share_the_institution() -> None:
    assert _people("The guests held a meeting with the Rector of Ferghana State University, Shokirjon Ergashev, and "
                   "the First Vice-Rector, Dilmurod Khodjaev.") == {
        "Shokirjon Ergashev": ("Rector", "Ferghana State University"),
        "Dilmurod Khodjaev": ("First Vice-Rector", "Ferghana State University")}


def test_hyphenated_head_and_on_tail_in_institution_names() -> None:
    draft = extract("Sergey Ivanov, Chairman of the State Committee of the Republic of Tatarstan on Tourism, met them. "
                    "They visited the Kazan Kremlin Museum-Reserve.")
    assert [i.name for i in draft.institutions] == ["State Committee of the Republic of Tatarstan on Tourism",
                                                    "Kazan Kremlin Museum-Reserve"]


def test_honorifics_are_not_part_of_names() -> None:
    text = "The delegation met the President of the Academy, Prof. Dr. John Smith, and Mr Peter Brown, Registrar."
    assert _people(text) == {"John Smith": ("President", "Academy"), "Peter Brown": ("Registrar", "")}
    opened = "It was opened by Prof.A. Salokhov, who spoke."
    assert sentences(opened) == [opened]


def test_title_then_name_without_a_comma_and_a_rector_of_the_university_visited() -> None:
    text = ("The delegation visited Samarkand State University. Vice-Rector for International Affairs Akmal Sattarov "
            "presented its programmes. The Head of the Department of Rare Books was absent.")
    assert _people(text) == {"Akmal Sattarov": ("Vice-Rector for International Affairs", "Samarkand State University")}


def test_lower_case_titles_and_abbreviations_in_brackets() -> None:
    text = ("Lucknow University (LU) and the University of Science and Technology Meghalaya (USTM) met. "
            "G D Sharma, vice chancellor, USTM, signed it. Then vice chancellor, Lucknow University (LU), "
            "Prof Alok Kumar Rai on Tuesday signed an MoU with Gabon-based International University of Libreville.")
    draft = extract(text)
    assert {p.full_name: (p.title, p.institution) for p in draft.people} == {
        "G D Sharma": ("vice chancellor", "University of Science and Technology Meghalaya"),
        "Alok Kumar Rai": ("vice chancellor", "Lucknow University")}
    assert draft.institution("International University of Libreville") is not None


def test_abbreviation_with_a_place_in_brackets_names_the_institution_in_a_title() -> None:
    text = ("GUIMC hosted a delegation of Tianjin University of Technology (TJUT, Tianjin, PRC) headed by Vice "
            "President of the University, Professor Zheng Qingchun. Chen Minfang, Head of TJUT International "
            "Cooperation Department, spoke.")
    assert _people(text) == {
        "Zheng Qingchun": ("Vice President", "Tianjin University of Technology"),
        "Chen Minfang": ("Head of TJUT International Cooperation Department", "Tianjin University of Technology")}


def test_a_title_does_not_run_over_a_verb_and_university_officers_take_the_university() -> None:
    text = ("The Management of the University of Delta Agbor visited the campuses. The Vice Chancellor was accompanied "
            "by the Deputy Vice Chancellor, Prof. Patricia Mbah, the Registrar Barrister Richmond Omagbemi, the Bursar "
            "Mr. Sunny Ikeogwu and the Librarian, Dr. (Mrs.)Vera Okonoko.")
    assert _people(text) == {name: (title, "University of Delta Agbor") for name, title in [
        ("Patricia Mbah", "Deputy Vice Chancellor"), ("Richmond Omagbemi", "Registrar"),
        ("Sunny Ikeogwu", "Bursar"), ("Vera Okonoko", "Librarian")]}


def test_an_institution_before_the_title_and_the_x_delegation() -> None:
    assert _people("The envoy called on Dhaka University (DU) Vice-Chancellor Prof Dr Md Akhtaruzzaman on Tuesday.") \
        == {"Md Akhtaruzzaman": ("Vice-Chancellor", "Dhaka University")}
    text = ("On February 22, the UNN delegation comprising Rector E.V. Chuprunov, Vice-Rector for Research V.B. "
            "Kazantsev and Head of the International Office I.S. Leonova visited the Embassy.")
    assert _people(text) == {"E.V. Chuprunov": ("Rector", "UNN"), "V.B. Kazantsev": ("Vice-Rector for Research", "UNN"),
                             "I.S. Leonova": ("Head of the International Office", "UNN")}


def test_honorific_inside_an_institution_name_and_coordinated_titles_without_commas() -> None:
    text = ("Governor Harichandan is the Dr. Abdul Haq Urdu University Chancellor. University Vice-Chancellor "
            "P. Fazul Rahman and Registrar Balineni Srinivasulu met the Governor.")
    people = _people(text)
    assert people["P. Fazul Rahman"] == ("Vice-Chancellor", "Dr. Abdul Haq Urdu University")
    assert people["Balineni Srinivasulu"] == ("Registrar", "Dr. Abdul Haq Urdu University")


def test_a_longer_name_after_a_title_head_or_an_institution_already_named() -> None:
    text = ("The delegation visited the University of Guadalajara. Governor Biswa Bhusan Harichandan met them, and "
            "they held talks with Vice-Rector of the University of Guadalajara Rebeca Vanessa Garcia Corso.")
    people = _people(text)
    assert people["Biswa Bhusan Harichandan"] == ("Governor", "")
    assert people["Rebeca Vanessa Garcia Corso"] == ("Vice-Rector", "University of Guadalajara")


def test_a_title_with_a_colon_and_commas_and_a_lower_case_field_after_a_comma() -> None:
    people = _people("VUT's Acting Deputy Vice Chancellor: Research, Innovation, Commercialisation and "
                     "Internationalisation, Dr Simphiwe Nelana, said the two have been close. \"It is a step,\" said "
                     "Prof Poonam Tandon, dean, students' welfare, LU.")
    assert people["Simphiwe Nelana"][0] == ("Acting Deputy Vice Chancellor: Research, Innovation, Commercialisation "
                                            "and Internationalisation")
    assert people["Poonam Tandon"][0] == "dean, students' welfare"


def test_a_plural_title_names_one_person_a_field() -> None:
    people = _people("The Vice Chancellor commended the Deans of Law, Prof. C. Okubor, and Social Sciences, Prof. Ben "
                     "Nwanne for the smooth kick off of lectures.")
    assert people["C. Okubor"][0] == "Dean of Law"
    assert people["Ben Nwanne"][0] == "Dean of Social Sciences"


def test_a_title_with_a_place_in_it_before_a_long_or_initialled_name() -> None:
    people = _people("Cultural Counselor of the Iranian Embassy in Dhaka Seyed Reza Mir Mohammadi called on the "
                     "Vice-Chancellor. They met with the Ambassador of the Russian Federation in the United Mexican "
                     "States E.R. Malayan.")
    assert people["Seyed Reza Mir Mohammadi"][0] == "Cultural Counselor"
    assert people["E.R. Malayan"][0] == "Ambassador of the Russian Federation in the United Mexican States"
