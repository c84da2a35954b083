"""The English extractor's rules for names marked by an honorific, lists of people and titles written without a
comma (services/drafting/english.py), one test per pattern. The sentences are shaped like the real tuning reports
(``tests/data/reports/tune-real-*``) they were found in."""

from __future__ import annotations

from organizer.services.drafting.english import extract


def _people(text: str) -> dict[str, tuple[str, str]]:
    return {p.full_name: (p.title, p.institution) for p in extract(text).people}


def test_an_honorific_is_where_the_name_starts() -> None:
    text = "Deans of various faculties, Director External Linkages Dr Sobia Khurram and other officials were present."
    assert _people(text) == {"Sobia Khurram": ("Director External Linkages", "")}


def test_a_lower_case_title_before_stacked_honorifics() -> None:
    text = ("Vice Chancellor Professor Dr Mujahid Kamran, Director external linkages Professor Dr Maria I Maldonado "
            "and others welcomed the delegation.")
    assert _people(text) == {"Mujahid Kamran": ("Vice Chancellor", ""),
                             "Maria I Maldonado": ("Director external linkages", "")}


def test_military_ranks_and_initials_without_dots_after_an_honorific() -> None:
    text = ("Present were the Vice Chancellor Major General Milinda Peiris, the Director International Relations "
            "Dr KMGP Premadasa, Dean R&D Prof CL Goonasekara and the Deputy Registrar Lt Cdr (C) DMS Dissanayke.")
    assert _people(text) == {"Milinda Peiris": ("Vice Chancellor", ""),
                             "KMGP Premadasa": ("Director International Relations", ""),
                             "CL Goonasekara": ("Dean R&D", ""),
                             "DMS Dissanayke": ("Deputy Registrar", "")}


def test_title_and_institution_then_an_honorific_in_a_semicolon_list() -> None:
    text = ("The delegation included Deputy High Commissioner for Malawi Mission (New Delhi) Ms Grace Tiyanjane "
            "Chupa; Second Secretary, Zambia High Commission, Mr Lubinda N. Mwitumwa; and others.")
    assert _people(text) == {"Grace Tiyanjane Chupa": ("Deputy High Commissioner", "Malawi Mission"),
                             "Lubinda N. Mwitumwa": ("Second Secretary", "Zambia High Commission")}


def test_a_title_after_the_name_ends_at_the_next_honorific_or_the_predicate() -> None:
    text = ("His Excellency M. Ashraf Haidari the Ambassador of Afghanistan to Sri Lanka and Mr. Rasik Alham, "
            "the First Secretary visited KDU.")
    assert _people(text) == {"M. Ashraf Haidari": ("Ambassador of Afghanistan to Sri Lanka", ""),
                             "Rasik Alham": ("First Secretary", "")}


def test_a_list_of_name_title_institution_keeps_each_title_with_the_name_before_it() -> None:
    text = ("Dr. Akbar Zaidi, Vice Chancellor IBA Karachi, Dr. Mansoor Sarwar, Vice Chancellor University of "
            "Engineering and Technology Lahore, Dr. Sajida Noreen, Vice Chancellor, Women University Quetta and "
            "others participated in the luncheon.")
    assert _people(text) == {"Akbar Zaidi": ("Vice Chancellor", "IBA Karachi"),
                             "Mansoor Sarwar": ("Vice Chancellor", "University of Engineering and Technology Lahore"),
                             "Sajida Noreen": ("Vice Chancellor", "Women University Quetta")}


def test_a_title_does_not_pass_to_the_next_name_after_an_honorific() -> None:
    text = ("The meeting was attended by Prof. Huifen Yu, Director of International Office, Prof. Chao Ban, "
            "Director of Jinan University, and Prof. Ma Yue, Chinese Dean of the Confucius Institute.")
    assert _people(text) == {"Huifen Yu": ("Director of International Office", ""),
                             "Chao Ban": ("Director", "Jinan University"),
                             "Ma Yue": ("Chinese Dean", "Confucius Institute")}


def test_a_person_named_after_an_honorific_with_no_title_and_a_country_is_no_person() -> None:
    text = ("A delegation headed by Prof. Peter Clayton, Deputy Vice Chancellor of Rhodes University, South Africa "
            "visited Jinan University. The delegation also included Prof. Marius Vermaak, Dean of the International "
            "Office, RU and Prof. Chris Whitely.")
    people = _people(text)
    assert people["Peter Clayton"] == ("Deputy Vice Chancellor", "Rhodes University")
    assert people["Marius Vermaak"][0] == "Dean of the International Office"
    assert people["Chris Whitely"][0] == ""
    assert set(people) == {"Peter Clayton", "Marius Vermaak", "Chris Whitely"}


def test_a_shortened_name_after_an_honorific_is_the_same_person() -> None:
    text = ("The delegation called on Vice Chancellor Prof Niaz Ahmad Akhtar on Thursday. Talking to the delegates, "
            "Prof Niaz Ahmad said the university was old.")
    assert _people(text) == {"Niaz Ahmad Akhtar": ("Vice Chancellor", "")}


def test_titled_names_after_a_name_and_title_are_a_list() -> None:
    text = ("The delegation was received by Guo Guihai, Party Committee Secretary of NCWU's College of International "
            "Education, Dean Li Shengji, Deputy Secretary Wang Shijia, and Vice Dean Yan Jun during the symposium.")
    people = _people(text)
    assert people["Guo Guihai"] == ("Party Committee Secretary", "College of International Education")
    assert {name: title for name, (title, _inst) in people.items()} == {
        "Guo Guihai": "Party Committee Secretary", "Li Shengji": "Dean", "Wang Shijia": "Deputy Secretary",
        "Yan Jun": "Vice Dean"}


def test_a_possessive_before_a_title_is_its_owner_not_the_title() -> None:
    assert _people("Indonesia's Ambassador Adam Mulawarman Tugio on Tuesday visited Punjab University.") == {
        "Adam Mulawarman Tugio": ("Ambassador", "")}
    assert _people("Mr. Masood Khan, Pakistan's ambassador to USA, welcomed all guests.") == {
        "Masood Khan": ("ambassador to USA", "")}


def test_a_bare_institution_word_before_a_head_is_part_of_the_title() -> None:
    text = "The ambassador visited the college where College Principal ProfDr Sumera Jawad welcomed him."
    assert _people(text) == {"Sumera Jawad": ("College Principal", "")}


def test_a_title_after_the_name_drops_its_gloss_in_brackets() -> None:
    text = "It was signed by Dra (Professor) Maria Irene Balbin Rector (Vice-Chancellor) who represented her school."
    assert _people(text)["Maria Irene Balbin"][0] == "Rector"


def test_a_title_with_its_unit_university_and_country_before_the_name() -> None:
    text = ("He received the Deputy Dean, Faculty of Health Sciences, North West University, South Africa, "
            "Professor Ushotanefe Efe Useh, on a courtesy visit.")
    assert _people(text) == {"Ushotanefe Efe Useh": ("Deputy Dean", "Faculty of Health Sciences")}


def test_a_place_before_the_comma_is_no_name_and_named_after_stays_in_the_title() -> None:
    assert _people("At the Owa Oyibu Campus, the Vice Chancellor commended the staff.") == {}
    text = ("The guests met with Umida Teshabaeva, Director of the National Library of Uzbekistan named after "
            "Alisher Navoi.")
    assert _people(text) == {"Umida Teshabaeva": ("Director",
                                                  "National Library of Uzbekistan named after Alisher Navoi")}


def test_an_institution_leading_a_title_before_an_honorific() -> None:
    text = ("University of Palermo Rector Prof Fabrizio Micari and Centre for International Studies Italy Director "
            "Gabriele Icovino were present.")
    assert _people(text) == {"Fabrizio Micari": ("Rector", "University of Palermo"),
                             "Gabriele Icovino": ("Director", "Centre for International Studies Italy")}


def test_an_institution_name_stops_at_an_honorific() -> None:
    text = ("Director of the Institute of Modern Languages Prof. Dr. Shishir Bhattacharjee and Director of DU "
            "Confucius Institute Dr. Zhou Mingdong were present.")
    assert _people(text) == {"Shishir Bhattacharjee": ("Director", "Institute of Modern Languages"),
                             "Zhou Mingdong": ("Director", "DU Confucius Institute")}


def test_professor_before_an_institution_is_a_title_not_an_honorific() -> None:
    text = "Dr. Aslam Chaudhry, Professor University of UTAH USA, and others attended."
    assert _people(text) == {"Aslam Chaudhry": ("Professor", "University of UTAH USA")}


def test_a_semicolon_ends_a_title_and_initials_take_two_words() -> None:
    text = ("He met Dr. B. Bala Bhaskar, Joint Secretary, Sudan-South Sudan, MEA (New Delhi); Pankaj Kumar, Additional "
            "Secretary, Ministry of Electronics and Information Technology (New Delhi); Prof. Yogesh Tyagi, Vice "
            "Chancellor University of Delhi.")
    assert _people(text) == {
        "B. Bala Bhaskar": ("Joint Secretary, Sudan-South Sudan", "MEA"),
        "Pankaj Kumar": ("Additional Secretary", "Ministry of Electronics and Information Technology"),
        "Yogesh Tyagi": ("Vice Chancellor", "University of Delhi")}


def test_a_part_of_a_name_after_an_honorific_is_no_second_person() -> None:
    text = ("The delegation visited the university, where Pro Vice-Chancellor Professor Dr. Mian Ghulam Yasin and "
            "Director of External Linkages Professor Dr. Ijaz Asghar Bhatti gave a briefing.")
    assert _people(text) == {"Mian Ghulam Yasin": ("Pro Vice-Chancellor", ""),
                             "Ijaz Asghar Bhatti": ("Director of External Linkages", "")}


def test_md_is_no_sentence_end_and_a_gloss_in_brackets_is_no_part_of_the_title() -> None:
    text = "The delegation called on Dhaka University (DU) Vice-Chancellor (VC) Professor Dr. Md. Akhtaruzzaman today."
    assert _people(text) == {"Md. Akhtaruzzaman": ("Vice-Chancellor", "Dhaka University")}


def test_two_names_then_two_titles_respectively() -> None:
    text = ("The delegates, accompanied by Yang Hong and Ding Chuan, Party Secretary and deputy director of Jilin "
            "Provincial Office of Hanban, visited the college.")
    assert _people(text) == {"Yang Hong": ("Party Secretary", "Jilin Provincial Office of Hanban"),
                             "Ding Chuan": ("deputy director", "Jilin Provincial Office of Hanban")}


def test_names_before_who_are_people_without_a_title() -> None:
    text = "Jong Hyeong Kim and Walter Richard Huber, who head academic disciplines at the college, spoke."
    assert _people(text) == {"Jong Hyeong Kim": ("", ""), "Walter Richard Huber": ("", "")}


def test_a_name_in_a_list_before_the_next_title_and_name_has_no_title() -> None:
    text = ("Rector Prof Fabrizio Micari, Prof Salvatore Casabona, Human Resource Manager Giuseppa Lenzo and others "
            "were present.")
    assert _people(text) == {"Fabrizio Micari": ("Rector", ""), "Salvatore Casabona": ("", ""),
                             "Giuseppa Lenzo": ("Human Resource Manager", "")}


def test_rector_of_our_university_and_minister_of_state() -> None:
    assert _people("The Rector of our university Petro Kulikov is visiting Italy.") == {"Petro Kulikov": ("Rector", "")}
    text = "The meeting was attended by the Minister of State for Education, Dr. Yusuf Sununu."
    assert _people(text) == {"Yusuf Sununu": ("Minister of State for Education", "")}


def test_a_lower_case_vice_chancellor_and_a_city_after_an_institution() -> None:
    text = ("The committee, led by the Vice-chancellor, University of Benin, Prof. Lilian Salami, met the group "
            "leader Dr R R Singh, Director, National Institute for Small Business Development, New Delhi, today.")
    assert _people(text) == {"Lilian Salami": ("Vice-chancellor", "University of Benin"),
                             "R R Singh": ("Director", "National Institute for Small Business Development")}


def test_of_the_university_names_the_one_named_before_or_none() -> None:
    text = ("At a meeting with the ambassador, the rector of the university, Professor S.N. Glagolev told the guest "
            "about the opportunities.")
    assert _people(text) == {"S.N. Glagolev": ("rector", "")}
    text = ("They visited the Institute of Microbiology. Panah Muradov, General Director of the institute, "
            "corresponding member of ANAS, introduced the guests.")
    assert _people(text)["Panah Muradov"] == ("General Director", "Institute of Microbiology")


def test_lower_case_titles_before_initialled_names() -> None:
    text = ("The delegation was welcomed by the vice rector for international activities R.V. Lesovik and director of "
            "the Center for International Education and Cooperation E.V. Kapustin.")
    assert _people(text) == {"R.V. Lesovik": ("vice rector for international activities", ""),
                             "E.V. Kapustin": ("director", "Center for International Education and Cooperation")}
    text = "They met with the ambassador and the representative of Rossotrudnichestvo A.M. Pakhomov."
    assert _people(text) == {"A.M. Pakhomov": ("representative", "Rossotrudnichestvo")}


def test_a_lower_case_title_after_a_possessive_before_a_name_ending_the_clause() -> None:
    text = "The Deputy Minister met with the Academy's president Xuelin Li."
    assert _people(text)["Xuelin Li"][0] == "president"


def test_a_title_after_its_name_is_not_the_next_names() -> None:
    text = ("Its members include Professor Ye Miao, Director of the Foreign Affairs Office, Prof. Chen Jun, Assistant "
            "Dean of the College of International Cooperation, and others.")
    assert _people(text) == {"Ye Miao": ("Director of the Foreign Affairs Office", ""),
                             "Chen Jun": ("Assistant Dean", "College of International Cooperation")}


def test_both_shares_a_title_and_a_name_inside_an_institution_is_no_person() -> None:
    text = ("Prof. Song Junhua, Deputy Director of Institute of Chinese Intangible Cultural Heritage, Xu Yao and Xu "
            "Jin, both Deputy Director of Office of International Cooperation and Exchange, attended the meeting.")
    assert _people(text) == {
        "Song Junhua": ("Deputy Director", "Institute of Chinese Intangible Cultural Heritage"),
        "Xu Yao": ("Deputy Director of Office of International Cooperation and Exchange", ""),
        "Xu Jin": ("Deputy Director of Office of International Cooperation and Exchange", "")}


def test_a_title_ends_before_and_relative_staff_and_an_employee_has_no_title() -> None:
    text = "The guests were received by Prof. Chen Guanjun, Vice President of SDUW and relative staff."
    assert _people(text) == {"Chen Guanjun": ("Vice President", "SDUW")}
    text = "Professor Akhan Abjalelov, an employee of the state enterprise, visited the institute."
    assert _people(text) == {"Akhan Abjalelov": ("", "")}


def test_names_with_letters_outside_ascii_and_surnames_in_capitals() -> None:
    text = ("The Vice President of the Council of Higher Education (YÖK), Prof. Dr. Yavuz ATAR, was welcomed. During "
            "the visit, the Rector of IBU, Prof. Dr. Şinasi Gündüz shared information, and IUS Rector, Prof. Dr. Özer "
            "Çınar, spoke.")
    people = _people(text)
    assert people["Yavuz ATAR"] == ("Vice President", "Council of Higher Education")
    assert people["Şinasi Gündüz"] == ("Rector", "IBU")
    assert people["Özer Çınar"] == ("Rector", "IUS")


def test_an_abbreviation_is_the_institution_with_those_initials() -> None:
    text = ("The diplomats visited Lovely Professional University. They were welcomed by LPU Pro Vice Chancellor "
            "Prof Dr Sanjay Modi.")
    assert _people(text) == {"Sanjay Modi": ("Pro Vice Chancellor", "Lovely Professional University")}


def test_pr_and_academician_are_honorifics_and_an_initial_with_the_surname_is_the_same_person() -> None:
    text = ("Academician Ibrahim Guliyev, vice-president of ANAS, met the President of the Russian Academy of "
            "Sciences, academician Alexander Sergeyev. Academician I.Guliyev thanked the hosts. He was received by the "
            "Rector, Pr Anaclet Fomethe, and the Secretary General, Pr Edande Abolo Marthe Isabelle.")
    assert _people(text) == {"Ibrahim Guliyev": ("vice-president", "ANAS"),
                             "Alexander Sergeyev": ("President", "Russian Academy of Sciences"),
                             "Anaclet Fomethe": ("Rector", ""),
                             "Edande Abolo Marthe Isabelle": ("Secretary General", "")}


def test_a_name_right_after_an_institution_ending_in_a_field() -> None:
    text = "The President Ilham Aliyev received President of the Russian Academy of Sciences Alexander Sergeyev."
    assert _people(text)["Alexander Sergeyev"] == ("President", "Russian Academy of Sciences")


def test_a_title_to_a_country_before_a_three_word_name() -> None:
    text = "British High Commissioner to Bangladesh Robert Chatterton Dickson on Monday called on the university."
    assert _people(text) == {"Robert Chatterton Dickson": ("British High Commissioner to Bangladesh", "")}


def test_lower_case_titles_in_a_list_joined_by_and() -> None:
    text = ("The delegation was comprising Xiaomei Wang, deputy secretary general of China Association of Higher "
            "Education, Xiaochang Ding, member of the committee and Mengjie Han, vice director of Research Centre on "
            "One Belt and One Road.")
    people = _people(text)
    assert people["Xiaomei Wang"] == ("deputy secretary general", "China Association of Higher Education")
    assert people["Mengjie Han"] == ("vice director", "Research Centre on One Belt and One Road")
    assert people["Xiaochang Ding"][0] == "member"  # "of the committee": the one named before, here none


def test_a_lower_case_title_after_the_before_a_name_and_others() -> None:
    text = ("The meeting was attended by the Vice President of the RAS, academician Talia Khabriyeva, the head of the "
            "Foreign Relations Department Olga Gluhovtseva and others.")
    assert _people(text) == {"Talia Khabriyeva": ("Vice President", "RAS"),
                             "Olga Gluhovtseva": ("head of the Foreign Relations Department", "")}
