"""Rules of the Russian extractor's titles and institutions (services/drafting/russian_titles.py and
russian_names.py), one test per pattern: missions as institutions, "в городе X", a dash or a non-breaking hyphen
before a name, "связи с общественностью", "заведующий отделом" before an institution, a ministry's list of
genitives, a span natasha runs over a dash into a name, a title natasha calls a person, initials with a man's
genitive surname, the text's "е" for the dictionary's "ё"."""

from __future__ import annotations

from organizer.services.drafting import draft_from_text


def _people(text: str) -> list[tuple[str, str, str]]:
    return [(p.full_name, p.title, p.institution) for p in draft_from_text(text).people]


def test_an_embassy_with_its_country_and_city_is_an_institution() -> None:
    draft = draft_from_text("Ульяновский госуниверситет посетил советник посольства Германии в Москве Карстен Хайнц.")
    assert [(p.full_name, p.title, p.institution) for p in draft.people] == [
        ("Карстен Хайнц", "советник", "Посольство Германии в Москве")]
    assert "Посольство Германии в Москве" in [i.name for i in draft.institutions]


def test_a_head_of_a_unit_keeps_the_unit_and_the_capitalised_embassy_is_the_institution() -> None:
    people = _people("Делегация включала заведующего Консульским отделом Посольства Кыргызской Республики в РФ "
                     "М.М. Жолдошбекова, Советника Посольства Н.К. Кубенова.")
    assert people == [("М.М. Жолдошбеков", "заведующий Консульским отделом", "Посольство Кыргызской Республики в РФ"),
                      ("Н.К. Кубенов", "советник", "Посольство")]


def test_a_city_inside_a_title_and_a_mans_initialled_genitive_surname() -> None:
    people = _people("Делегация включала Почетного Консула Кыргызской Республики в городе Воронеж Т.Н. Намазбекова, "
                     "помощника Почетного Консула Кыргызской Республики в городе Воронеж С.В. Казанкова.")
    assert people == [
        ("Т.Н. Намазбеков", "Почетный Консул Кыргызской Республики в городе Воронеж", ""),
        ("С.В. Казанков", "помощник Почетного Консула Кыргызской Республики в городе Воронеж", "")]


def test_a_womans_initialled_genitive_surname_is_not_cut() -> None:
    assert _people("На встрече были проректор по учебной работе Н.М. Дерканосова и ректор А.В. Агибалов.")[0][0] \
        == "Н.М. Дерканосова"
    assert _people("Встреча прошла с участием проректора по учебной работе Н.М. Дерканосовой.")[0][0] \
        == "Н.М. Дерканосова"


def test_a_ministrys_name_goes_on_over_a_list_of_genitives() -> None:
    people = _people("Делегация включала руководителя представительства Министерства труда, социального обеспечения "
                     "и миграции Кыргызской Республики К.А. Акматбекова.")
    assert people == [("К.А. Акматбеков", "руководитель представительства",
                       "Министерство труда, социального обеспечения и миграции Кыргызской Республики")]


def test_a_second_title_after_a_comma_is_the_persons_own() -> None:
    people = _people("Делегация включала Члена Национальной Палаты при губернаторе Воронежской области, председателя "
                     "Воронежской общественной организации киргизов «Мурас» К.А. Назарбаева.")
    assert people[0][:2] == ("К.А. Назарбаев", "председатель")


def test_a_dash_and_a_non_breaking_hyphen_before_the_name_and_the_texts_e_for_yo() -> None:
    people = _people("В СахГУ с визитом прибыли Генеральный консул Германии г‑н Рихтер (г. Новосибирск) и почетный "
                     "представитель Немецкого генерального консульства Ярослав Котык. Гостей поприветствовал ректор "
                     "СахГУ – Игорь Минервин.")
    assert [p[:2] for p in people] == [("Рихтер", "Генеральный консул Германии"),
                                       ("Ярослав Котык", "почетный представитель"), ("Игорь Минервин", "ректор")]
    assert people[1][2] == "Немецкое генеральное консульство"


def test_public_relations_is_one_title() -> None:
    assert _people("Гостя встретили проректор по информации и связи с общественностью Леонид Сумароков.") == [
        ("Леонид Сумароков", "проректор по информации и связи с общественностью", "")]


def test_a_place_natasha_runs_into_a_name_is_cut_at_the_dash_and_an_honorific_alone_is_the_title() -> None:
    people = _people("В переговорах приняли участие Первый Секретарь Посольства КНР в Москве Мэй Ханьчэн, а также "
                     "профессора Пекинского Университета Языка и Культуры - Цао Чжиюнь.")
    assert people[0] == ("Мэй Ханьчэн", "Первый Секретарь", "Посольство КНР в Москве")
    assert people[1][:2] == ("Цао Чжиюнь", "профессор")


def test_a_title_that_may_be_plural_is_shared_by_the_list_of_names_after_it() -> None:
    people = _people("В переговорах приняли участие профессора Пекинского Университета Языка и Культуры - Цао "
                     "Чжиюнь, Тянь Синь, Ван Лян и Сюн Лэпин.")
    assert [p[:2] for p in people] == [("Цао Чжиюнь", "профессор"), ("Тянь Синь", "профессор"),
                                       ("Ван Лян", "профессор"), ("Сюн Лэпин", "профессор")]


def test_pod_rukovodstvom_and_a_plural_instrumental_end_a_title() -> None:
    assert _people("Он прибыл на совет под руководством Полномочного представителя Президента в СФО Сергея "
                   "Меняйло.")[0][:2] == ("Сергей Меняйло", "Полномочный представитель Президента в СФО")
    assert _people("После беседы со студентами проректор по научно-исследовательской работе В. В. Хахинов пригласил "
                   "гостей.")[0][:2] == ("В. В. Хахинов", "проректор по научно-исследовательской работе")


def test_an_abbreviated_title_stays_as_written_and_the_name_after_it_is_not_cut() -> None:
    assert _people("Зам.директора Научной библиотеки Н. А. Москвитина рассказала о трудах.") == [
        ("Н. А. Москвитина", "Зам.директора", "Научная библиотека")]


def test_a_lower_case_ministry_with_its_genitives_is_an_institution() -> None:
    draft = draft_from_text("Президент Татарстана Рустам Минниханов встретился с замглавы министерства науки и "
                            "высшего образования России Андреем Омельчуком.")
    assert [(p.full_name, p.title, p.institution) for p in draft.people] == [
        ("Рустам Минниханов", "президент Татарстана", ""),
        ("Андрей Омельчук", "замглавы", "Министерство науки и высшего образования России")]


def test_a_title_noun_after_an_institution_starts_the_title_and_a_place_runs_into_a_name_at_a_bracket() -> None:
    people = _people("Направления сотрудничества обсудили 21 ноября на встрече в здании Президиума РАН президент "
                     "Российской академии наук Геннадий Красников и глава Республики Саха (Якутия) Айсен Николаев.")
    assert people == [("Геннадий Красников", "президент", "Российская академия наук"),
                      ("Айсен Николаев", "глава Республики Саха (Якутия)", "")]


def test_an_adverb_of_time_ends_a_title_and_an_acting_minister_is_in_the_nominative() -> None:
    assert _people("Сегодня Председатель Правительства Абдусамад Гамидов встретился с гостями.")[0][:2] == (
        "Абдусамад Гамидов", "председатель Правительства")
    assert _people("Республику на встрече также представляли исполняющий обязанности министра по национальной "
                   "политике Зикрула Ильясов.")[0][:2] == (
        "Зикрула Ильясов", "исполняющий обязанности министра по национальной политике")
    assert _people("Гостей принял временно исполняющий обязанности ректора Иван Петров.")[0][:2] == (
        "Иван Петров", "временно исполняющий обязанности ректора")


def test_a_rank_after_a_title_and_an_abbreviated_professor_are_no_titles() -> None:
    assert _people("Гостей встречал первый проректор-проректор по научной работе, чл. корр. Российской академии наук "
                   "В.И. Лысак.")[0][:2] == ("В.И. Лысак", "первый проректор-проректор по научной работе")
    assert _people("Директор ИМБИ проф. А.В. Грибанов рассказал об истории Института.") == [
        ("А.В. Грибанов", "директор", "ИМБИ")]


def test_a_participle_agreeing_with_its_noun_is_in_the_title() -> None:
    assert _people("Делегацию представляли начальник управления закупок и централизованного снабжения Елена "
                   "Владимировна Матвеева.")[0][:2] == (
        "Елена Владимировна Матвеева", "начальник управления закупок и централизованного снабжения")
    assert _people("Делегацией, возглавляемой ректором Иваном Петровым, осмотрен музей.")[0][:2] == (
        "Иван Петров", "ректор")


def test_a_lower_case_agency_is_an_institution() -> None:
    assert _people("Соглашение подпишет руководитель агентства профессионального образования и науки Ольга "
                   "Никитина.") == [
        ("Ольга Никитина", "руководитель", "Агентство профессионального образования и науки")]


def test_a_name_after_a_nominative_title_stays_nominative() -> None:
    assert _people("В мероприятии приняли участие первый заместитель Министра образования и науки ДНР Л.Н. Волкова, "
                   "ректор ДОННУЭТ С.В. Дрожжина.")[0][:2] == (
        "Л.Н. Волкова", "первый заместитель Министра образования и науки ДНР")


def test_a_mans_three_part_genitive_name_and_one_person_by_initials_then_in_full() -> None:
    draft = draft_from_text("Гостей встречал первый проректор В.И. Лысак. В сопровождении первого проректора "
                            "Владимира Ильича Лысака и начальника управления науки и инноваций Николая Алексеевича "
                            "Кидалова гости осмотрели зал.")
    assert [(p.full_name, p.title) for p in draft.people] == [
        ("В.И. Лысак", "первый проректор"), ("Николай Алексеевич Кидалов", "начальник управления науки и инноваций")]


def test_whom_an_institution_is_named_after_is_no_one_present_and_an_abbreviation_is_no_name() -> None:
    draft = draft_from_text("Новости\n17 октября состоялась рабочая поездка ректора УдГУ Г. В. Мерзляковой в "
                            "университет им. Этвёша Лоранда и университет им. Константина Философа.")
    assert [(p.full_name, p.title, p.institution) for p in draft.people] == [("Г. В. Мерзлякова", "ректор", "УдГУ")]
