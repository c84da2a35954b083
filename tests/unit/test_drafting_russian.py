"""The Russian extractor (services/drafting/russian.py, natasha offline): names and titles in the nominative,
institutions with their genitive place, coordination, meetings in order, follow-ups."""

from __future__ import annotations

from pathlib import Path

from organizer.services.drafting import draft_from_text

REPORT = Path(__file__).parent.parent / "data" / "reports" / "visit-article-ru.txt"


def test_people_in_the_nominative_with_titles_and_institutions() -> None:
    draft = draft_from_text(REPORT.read_text(encoding="utf-8"))
    assert draft.language == "ru"
    people = {p.full_name: (p.title, p.institution, p.side) for p in draft.people}
    assert people == {
        "Евгений Коржиков": ("первый заместитель председателя правления", "АО «Узкимёсаноат»", "guest"),
        "Абдухомид Саломов": ("начальник управления локализации", "АО «Узкимёсаноат»", "guest"),
        "Дмитрий Пашин": ("проректор по цифровой трансформации и инновациям", "Казанский федеральный университет",
                          "host"),
        "Михаил Варфоломеев": ("директор", "технопарк «Малотоннажная химия»", "host"),
        "Рифкат Минниханов": ("президент", "Академия наук Татарстана", "host")}


def test_institutions_meetings_followups() -> None:
    draft = draft_from_text(REPORT.read_text(encoding="utf-8"))
    assert "Химический институт имени А.М. Бутлерова" in [i.name for i in draft.institutions]
    assert [m.title for m in draft.meetings][1:] == ["Встреча с руководством университета",
                                                     "Встреча с президентом Академии наук Татарстана Рифкатом "
                                                     "Миннихановым"]
    assert draft.meetings[2].participants[-1] == "Рифкат Минниханов"
    assert [f.description for f in draft.followups] == [
        "трансферу технологий в Узбекистан и созданию совместных научных лабораторий"]


def test_instrumental_name_unknown_to_the_dictionary() -> None:
    draft = draft_from_text("Гости провели встречу с ректором Казанского федерального университета Ленаром Сафиным.")
    assert [(p.full_name, p.title, p.institution) for p in draft.people] == [
        ("Ленар Сафин", "ректор", "Казанский федеральный университет")]


def test_delegation_head_and_members_take_the_delegations_institution() -> None:
    draft = draft_from_text("Делегация Ташкентского государственного технического университета во главе с ректором "
                            "Баходиром Мухиддиновым посетила Томский политехнический университет. В состав делегации "
                            "вошли проректор по международным связям Нодира Усмонова.")
    assert {p.full_name: (p.title, p.institution) for p in draft.people} == {
        "Баходир Мухиддинов": ("ректор", "Ташкентский государственный технический университет"),
        "Нодира Усмонова": ("проректор по международным связям", "Ташкентский государственный технический университет")}


def test_genitive_place_in_title_and_where_clause() -> None:
    draft = draft_from_text("6 ноября 2024 года министр здравоохранения Республики Татарстан Марат Садыков принял "
                            "гостей. Гости посетили Республиканскую клиническую больницу, где встретились с главным "
                            "врачом Маратом Хабировым.")
    assert {p.full_name: (p.title, p.institution) for p in draft.people} == {
        "Марат Садыков": ("министр здравоохранения Республики Татарстан", ""),
        "Марат Хабиров": ("главный врач", "Республиканская клиническая больница")}


def _people(text: str) -> list[tuple[str, str, str]]:
    return [(p.full_name, p.title, p.institution) for p in draft_from_text(text).people]


def test_genitive_and_accusative_names_go_to_the_nominative_and_a_meeting_noun_ends_the_title() -> None:
    assert _people("Состоялась встреча главы Министерства образования и науки России Валерия Фалькова с гостями.") \
        == [("Валерий Фальков", "глава", "Министерство образования и науки России")]
    assert _people("Министр поздравила по телефону президента РАН Александра Сергеева с назначением.") == [
        ("Александр Сергеев", "президент", "РАН")]


def test_instrumental_first_name_the_dictionary_guesses_and_a_title_before_a_comma() -> None:
    assert _people("Университет посетила делегация во главе с ректором Вилаятом Валиевым.")[0][0] == "Вилаят Валиев"
    assert _people("Гости встретились с министром высшего образования, инноваций, науки и развития технологий "
                   "Республики Зимбабве, Амоном Мурвирой.") == [
        ("Амон Мурвира", "министр высшего образования, инноваций, науки и развития технологий Республики Зимбабве",
         "")]


def test_initials_patronymics_honorifics_and_dates_around_names() -> None:
    assert _people("Во время беседы ректор А.В. Рогачев рассказал о вузе.") == [("А.В. Рогачев", "ректор", "")]
    assert _people("В завершение директор филиала Альбина Алексеевна Власенко вручила подарки.")[0][0] == \
        "Альбина Алексеевна Власенко"
    assert _people("15 сентября первый проректор Доможир Владимир Викторович провёл экскурсию.") == [
        ("Доможир Владимир Викторович", "первый проректор", "")]
    assert _people("Гостей встречал проректор по экономике профессор ВГУ Олег Беленов.") == [
        ("Олег Беленов", "проректор по экономике", "ВГУ")]


def test_institution_natasha_misses_and_a_bracket_after_it() -> None:
    draft = draft_from_text("ВГУ посетила делегация Чунцинского технологического университета (КНР). Делегацию "
                            "во главе с директором международного центра университета профессором Ван Юе "
                            "встречал ректор.")
    assert "Чунцинский технологический университет" in [i.name for i in draft.institutions]
    assert [(p.full_name, p.title, p.institution) for p in draft.people] == [
        ("Ван Юе", "директор международного центра", "Чунцинский технологический университет")]


def test_a_place_in_the_locative_a_unit_named_before_and_a_director_is_no_rector() -> None:
    assert _people("Вуз посетил посол Российской Федерации в Республике Беларусь А.А. Суриков.") == [
        ("А.А. Суриков", "посол Российской Федерации в Республике Беларусь", "")]
    draft = draft_from_text("Делегация Казанского федерального университета посетила филиал ВГУЭС в г. Артеме. "
                            "В завершении встречи директор филиала Альбина Алексеевна Власенко вручила подарки.")
    assert "филиал ВГУЭС" in [i.name for i in draft.institutions]
    assert [(p.full_name, p.title, p.institution) for p in draft.people] == [
        ("Альбина Алексеевна Власенко", "директор", "филиал ВГУЭС")]


def test_a_title_natasha_puts_in_an_org_another_delegation_and_soft_sign_names() -> None:
    draft = draft_from_text("Договор подписали с Дэчжоуским университетом. Китайскую сторону представляли Ректор "
                            "университета Чжао ШенЧень и проректор Ли Юн Пин.")
    assert [(p.full_name, p.title, p.institution) for p in draft.people] == [
        ("Чжао ШенЧень", "ректор", "Дэчжоуский университет"), ("Ли Юн Пин", "проректор", "Дэчжоуский университет")]
    assert "ректор университета" not in [i.name.lower() for i in draft.institutions]
    assert _people("Делегация ЧГУ прибыла в Китай. Программа включала переговоры с делегацией Аньхойского "
                   "политехнического университета во главе с вице-президентом И Чаньлинем.")[-1] == (
        "И Чаньлинь", "вице-президент", "Аньхойский политехнический университет")


def test_chinese_names_keep_their_form_and_only_the_given_name_declines() -> None:
    assert _people("В ноябре ЮУрГУ посетила делегация Сюйчанского университета (КНР) в составе проректора по "
                   "учебной работе Гу Лин и секретаря учебного отдела Ню Чичэн.")[0][:2] == (
        "Гу Лин", "проректор по учебной работе")
    assert _people("Делегация встретилась с заместителем директора Лу Юцинем.")[0][:2] == (
        "Лу Юцинь", "заместитель директора")


def test_an_adjective_natasha_takes_for_a_place_and_a_title_about_what_natasha_takes_for_an_org() -> None:
    assert _people("Университет посетил Чрезвычайный и Полномочный посол Российской Федерации в Республике "
                   "Беларусь А.А. Суриков.")[0][:2] == (
        "А.А. Суриков", "Чрезвычайный и Полномочный посол Российской Федерации в Республике Беларусь")
    assert _people("МГУ посетила делегация МИД Великобритании во главе с министром иностранных дел и по делам "
                   "Содружества Элизабет Трасс.")[0][:2] == (
        "Элизабет Трасс", "министр иностранных дел и по делам Содружества")


def test_new_is_no_part_of_a_title() -> None:
    assert _people("Министр поздравила по телефону нового президента РАН Александра Сергеева с назначением.")[-1][:2] \
        == ("Александр Сергеев", "президент")


def test_participation_honorific_before_a_comma_plural_titles_and_an_unknown_surname_after_a_mans_first_name() -> None:
    people = _people("В ходе встречи с делегацией, возглавляемой ректором Пекинского университета языка и культуры, "
                     "г-ном Лю Ли, стороны обсудили сотрудничество. В переговорах приняли участие представители "
                     "Министерства образования Китайской Народной Республики Чэнь Лися и Ли Цян. С российской стороны "
                     "во встрече приняли участие проректор по международному сотрудничеству В.И. Заботкина.")
    assert [p[:2] for p in people] == [("Лю Ли", "ректор"), ("Чэнь Лися", "представитель"),
                                       ("Ли Цян", "представитель"),
                                       ("В.И. Заботкина", "проректор по международному сотрудничеству")]
    assert people[1][2] == people[2][2]
    assert _people("В повестку встречи ректора Николая Кропачева и секретаря партийного комитета Университета "
                   "Цинхуа профессора Чэнь Сюй вошли вопросы сотрудничества.")[0][:2] == ("Николай Кропачев", "ректор")


def test_v_litse_ends_a_title_a_lecturer_of_a_chair_and_a_person_named_by_one_word_then_in_full() -> None:
    assert _people("Делегация встретилась с руководством Южного федерального университета в лице ректора Марины "
                   "Боровской.")[0][:2] == ("Марина Боровская", "ректор")
    assert _people("На встрече присутствовал доцент кафедры истории Китая Д.А. Худяков.") == [
        ("Д.А. Худяков", "доцент", "кафедра истории Китая")]
    draft = draft_from_text("Новости\nПосле встречи ректора Ли с ректором В.А. Садовничим, на которой присутствовал "
                            "директор Института стран Азии и Африки А.А. Маслов, Ли Хэчжан посетил и наш факультет.")
    people = {p.full_name: p.title for p in draft.people}
    assert people["Ли Хэчжан"] == "ректор"
    assert "Ли" not in people


def test_s_uchastiem_ends_a_title_and_a_head_of_department_is_in_the_nominative() -> None:
    people = _people("Программа включала круглый стол с участием ректора А.В. Агибалова, проректора по учебной работе "
                     "Н.М. Дерканосовой и заведующего отделом по международным связям Т.Н. Лысак.")
    assert people[0][:2] == ("А.В. Агибалов", "ректор")
    assert people[-1][:2] == ("Т.Н. Лысак", "заведующий отделом по международным связям")
