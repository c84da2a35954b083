"""Word pools and transliteration tables for the synthetic data generator (``generate.py``).

Names come from five origins, each written the way a protocol office meets it:

- Russian: canonical Cyrillic; the record holds an English transliteration, a ``ru`` Cyrillic variant;
- Tatar: canonical Tatar Cyrillic (ә ө ү җ ң һ) paired with the Russian spelling; the record holds the
  transliterated Russian spelling, with ``ru`` and ``tt`` variants;
- Uzbek: canonical Uzbek Latin (with oʻ and gʻ, U+02BB); the record holds the plain Latin spelling,
  with ``uz`` Latin, ``uz`` Cyrillic and ``ru`` Cyrillic variants;
- English: Latin with a Russian rendering;
- Chinese: pinyin with the Palladius Cyrillic rendering and the characters (``Hans``).

The tables are deliberately small and simple: they make plausible names, not linguistically perfect ones.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

OK = "\u02bb"  # ʻ MODIFIER LETTER TURNED COMMA, as in Oʻzbekiston and Gʻulom
TUTUQ = "\u02bc"  # ʼ MODIFIER LETTER APOSTROPHE, the Uzbek tutuq belgisi (taʼlim)

# --- transliteration -----------------------------------------------------------------------------

_RU_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
_RU_VOWELS = set("аеёиоуыэюяьъ")


def _cased(chunk: str, like: str) -> str:
    """``chunk`` capitalised if the source letter ``like`` is upper case."""
    return chunk[:1].upper() + chunk[1:] if like.isupper() else chunk


def ru_to_latin(text: str) -> str:
    """Russian Cyrillic to an English-style Latin spelling (Евгений → Evgeny, Сергеев → Sergeyev)."""
    return " ".join(_ru_word_to_latin(word) for word in text.split(" "))


@lru_cache(maxsize=4096)
def _ru_word_to_latin(word: str) -> str:
    lower = word.lower()
    if lower.endswith(("ий", "ый")):
        word, lower = word[:-2] + "y", lower[:-2] + "y"
    latin = []
    for i, ch in enumerate(lower):
        chunk = "ye" if ch == "е" and i > 0 and lower[i - 1] in _RU_VOWELS else _RU_LATIN.get(ch, ch)
        latin.append(_cased(chunk, word[i]))
    return "".join(latin)


_UZ_CYRILLIC_MULTI = (
    (f"yo{OK}", "йў"), (f"o{OK}", "ў"), (f"g{OK}", "ғ"), ("sh", "ш"), ("ch", "ч"),
    ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"),
)
_UZ_CYRILLIC = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у",
    "v": "в", "x": "х", "y": "й", "z": "з", TUTUQ: "ъ",
}


def uz_latin_to_cyrillic(text: str) -> str:
    """Uzbek Latin to Uzbek Cyrillic (Oʻktam Yoʻldoshev → Ўктам Йўлдошев, Eldor → Элдор)."""
    return " ".join(_uz_word_to_cyrillic(word) for word in text.split(" "))


@lru_cache(maxsize=4096)
def _uz_word_to_cyrillic(word: str) -> str:
    lower, i, cyr = word.lower(), 0, []
    while i < len(lower):
        for latin, cyrillic in _UZ_CYRILLIC_MULTI:
            if lower.startswith(latin, i):
                cyr.append(_cased(cyrillic, word[i]))
                i += len(latin)
                break
        else:
            ch = lower[i]
            initial = not any(c.isalpha() for c in lower[:i])
            cyr.append(_cased("э" if ch == "e" and initial else _UZ_CYRILLIC.get(ch, ch), word[i]))
            i += 1
    return "".join(cyr)


_UZ_TO_RU = str.maketrans({"ў": "у", "Ў": "У", "ғ": "г", "Ғ": "Г", "қ": "к", "Қ": "К", "ҳ": "х", "Ҳ": "Х",
                           "ъ": ""})


def uz_cyrillic_to_ru(text: str) -> str:
    """Uzbek Cyrillic to a Russian spelling (Абдуҳомид → Абдухомид)."""
    return text.translate(_UZ_TO_RU)


def uz_plain(text: str) -> str:
    """Uzbek Latin without the modifier letters, as in passports and most English texts."""
    return text.replace(OK, "").replace(TUTUQ, "")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- people's names ------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    """Space-separated words, with ʻ spelled as the proper U+02BB."""
    return tuple(text.replace("ʻ", OK).split())


RU_MALE = _words(
    "Александр Алексей Анатолий Андрей Антон Артём Борис Вадим Валерий Василий Виктор Виталий Владимир "
    "Вячеслав Геннадий Георгий Григорий Денис Дмитрий Евгений Егор Иван Игорь Илья Кирилл Константин "
    "Леонид Максим Михаил Никита Николай Олег Павел Пётр Роман Сергей Станислав Степан Тимофей Фёдор "
    "Юрий Ярослав"
)
RU_FEMALE = _words(
    "Александра Алина Анастасия Анна Валентина Вера Виктория Галина Дарья Екатерина Елена Елизавета "
    "Ирина Ксения Лариса Людмила Марина Мария Надежда Наталья Нина Ольга Полина Светлана Софья Татьяна "
    "Юлия Яна"
)
RU_FAMILY = _words(
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков "
    "Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин "
    "Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Дмитриев "
    "Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов "
    "Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев "
    "Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков "
    "Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров "
    "Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв "
    "Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков "
    "Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев "
    "Покровский Никольский Преображенский Вознесенский Толстой Трубецкой Коржиков Пашин Варфоломеев"
)
RU_PATRONYMIC = _words(
    "Александрович Алексеевич Анатольевич Андреевич Борисович Валерьевич Викторович Владимирович "
    "Геннадьевич Дмитриевич Евгеньевич Иванович Игоревич Михайлович Николаевич Олегович Павлович "
    "Петрович Сергеевич Юрьевич"
)

# (Tatar spelling, Russian spelling)
TT_MALE = (
    ("Илнур", "Ильнур"), ("Рифкать", "Рифкат"), ("Рөстәм", "Рустам"), ("Айдар", "Айдар"),
    ("Ринат", "Ринат"), ("Марат", "Марат"), ("Радик", "Радик"), ("Фәрит", "Фарит"), ("Илдар", "Ильдар"),
    ("Айрат", "Айрат"), ("Булат", "Булат"), ("Рамил", "Рамиль"), ("Азат", "Азат"), ("Ленар", "Ленар"),
    ("Ирек", "Ирек"), ("Нияз", "Нияз"), ("Җәлил", "Джалиль"), ("Шамил", "Шамиль"), ("Рәис", "Раис"),
    ("Әнвәр", "Анвар"), ("Зөфәр", "Зуфар"), ("Наил", "Наиль"), ("Илһам", "Ильхам"), ("Тимерхан", "Тимерхан"),
)
TT_FEMALE = (
    ("Гөлнара", "Гульнара"), ("Әлфия", "Альфия"), ("Ләйсән", "Ляйсан"), ("Алсу", "Алсу"),
    ("Гүзәл", "Гузель"), ("Резеда", "Резеда"), ("Зөлфия", "Зульфия"), ("Айгөл", "Айгуль"),
    ("Динара", "Динара"), ("Рузилә", "Рузиля"), ("Гөлшат", "Гульшат"), ("Фәридә", "Фарида"),
    ("Чулпан", "Чулпан"), ("Ләйлә", "Ляйля"), ("Әминә", "Амина"), ("Сәрия", "Сария"),
)
TT_FAMILY = (
    ("Хәйруллин", "Хайруллин"), ("Миңнеханов", "Минниханов"), ("Габдуллин", "Габдуллин"),
    ("Сафин", "Сафин"), ("Гарипов", "Гарипов"), ("Хәбибуллин", "Хабибуллин"), ("Нуриев", "Нуриев"),
    ("Фәйзуллин", "Файзуллин"), ("Вәлиев", "Валиев"), ("Гыйниятуллин", "Гиниятуллин"),
    ("Ситдыйков", "Ситдиков"), ("Закиров", "Закиров"), ("Шәрипов", "Шарипов"), ("Галиев", "Галиев"),
    ("Мөхәммәтов", "Мухаметов"), ("Әхмәтов", "Ахметов"), ("Зарипов", "Зарипов"), ("Сабиров", "Сабиров"),
    ("Юнысов", "Юнусов"), ("Камалов", "Камалов"), ("Исхаков", "Исхаков"), ("Хөснетдинов", "Хуснутдинов"),
    ("Гатауллин", "Гатауллин"), ("Шәймиев", "Шаймиев"), ("Җәләлетдинов", "Джалалетдинов"),
    ("Шәкүров", "Шакуров"), ("Мәрдәнов", "Марданов"), ("Ибраһимов", "Ибрагимов"), ("Һадиев", "Хадиев"),
    ("Миңнуллин", "Миннуллин"), ("Нәбиуллин", "Набиуллин"), ("Сәлахов", "Салахов"), ("Үтәшев", "Утешев"),
)
TT_PATRONYMIC = _words(
    "Рустамович Маратович Ринатович Радикович Фаритович Айдарович Рашидович Равилевич Наилевич "
    "Ильдарович Мансурович Азатович"
)

UZ_MALE = _words(
    "Abduhomid Akmal Alisher Anvar Azizbek Bahodir Botir Davron Dilshod Doniyor Farrux Gʻayrat Gʻulom "
    "Ibrohim Islom Jahongir Jamshid Javlon Laziz Mansur Nodir Oʻtkir Oʻktam Otabek Qodir Rustam Sanjar "
    "Sardor Sherzod Shuhrat Temur Ulugʻbek Xurshid Zafar Shavkat Baxtiyor Eldor Umid Elyor"
)
UZ_FEMALE = _words(
    "Dilnoza Dilfuza Feruza Gulnora Gulchehra Kamola Lola Madina Malika Mohira Munisa Nargiza Nigora "
    "Nilufar Oʻgʻiloy Oydin Sevara Shahnoza Shoira Umida Yulduz Zarina Zuhra Mohinur Gulbahor Moʻtabar"
)
UZ_FAMILY = _words(
    "Salomov Karimov Rahimov Yusupov Qodirov Tursunov Ismoilov Mirzayev Abdullayev Nazarov Xoʻjayev "
    "Gʻulomov Toshmatov Ergashev Rashidov Sultonov Usmonov Hamidov Xolmatov Joʻrayev Saidov Murodov "
    "Norboyev Sobirov Qosimov Alimov Shukurov Mahmudov Oʻrinov Yoʻldoshev Azimov Baxromov Tojiyev "
    "Nematov Sodiqov Umarov Valiyev Fayzullayev Ahmedov Gʻaniyev"
)

# (English, Russian)
EN_MALE = (
    ("James", "Джеймс"), ("John", "Джон"), ("Robert", "Роберт"), ("Michael", "Майкл"), ("William", "Уильям"),
    ("David", "Дэвид"), ("Richard", "Ричард"), ("Thomas", "Томас"), ("Daniel", "Дэниел"),
    ("Matthew", "Мэтью"), ("Andrew", "Эндрю"), ("Peter", "Питер"), ("George", "Джордж"),
    ("Edward", "Эдвард"), ("Christopher", "Кристофер"), ("Mark", "Марк"), ("Paul", "Пол"),
    ("Steven", "Стивен"),
)
EN_FEMALE = (
    ("Mary", "Мэри"), ("Elizabeth", "Элизабет"), ("Sarah", "Сара"), ("Emily", "Эмили"),
    ("Jennifer", "Дженнифер"), ("Susan", "Сьюзен"), ("Margaret", "Маргарет"), ("Catherine", "Кэтрин"),
    ("Anna", "Анна"), ("Helen", "Хелен"), ("Rachel", "Рэйчел"), ("Laura", "Лора"), ("Emma", "Эмма"),
    ("Olivia", "Оливия"), ("Charlotte", "Шарлотта"),
)
EN_FAMILY = (
    ("Smith", "Смит"), ("Johnson", "Джонсон"), ("Williams", "Уильямс"), ("Brown", "Браун"),
    ("Jones", "Джонс"), ("Miller", "Миллер"), ("Davis", "Дэвис"), ("Wilson", "Уилсон"),
    ("Taylor", "Тейлор"), ("Anderson", "Андерсон"), ("Moore", "Мур"), ("Martin", "Мартин"),
    ("Clark", "Кларк"), ("Lewis", "Льюис"), ("Walker", "Уокер"), ("Hall", "Холл"), ("Young", "Янг"),
    ("King", "Кинг"), ("Wright", "Райт"), ("Scott", "Скотт"), ("Green", "Грин"), ("Baker", "Бейкер"),
    ("Adams", "Адамс"), ("Campbell", "Кэмпбелл"), ("Mitchell", "Митчелл"), ("Roberts", "Робертс"),
    ("Evans", "Эванс"), ("Turner", "Тёрнер"), ("Parker", "Паркер"), ("Collins", "Коллинз"),
    ("Edwards", "Эдвардс"), ("Stewart", "Стюарт"), ("Morris", "Моррис"), ("Murphy", "Мёрфи"),
    ("Cook", "Кук"), ("Bell", "Белл"), ("Cooper", "Купер"), ("Ward", "Уорд"), ("Hughes", "Хьюз"),
    ("Fletcher", "Флетчер"), ("O'Brien", "О’Брайен"), ("McDonald", "Макдональд"),
)

# (pinyin, Palladius Cyrillic, characters)
ZH_FAMILY = (
    ("Wang", "Ван", "王"), ("Li", "Ли", "李"), ("Zhang", "Чжан", "张"), ("Liu", "Лю", "刘"),
    ("Chen", "Чэнь", "陈"), ("Yang", "Ян", "杨"), ("Huang", "Хуан", "黄"), ("Zhao", "Чжао", "赵"),
    ("Wu", "У", "吴"), ("Zhou", "Чжоу", "周"), ("Xu", "Сюй", "徐"), ("Sun", "Сунь", "孙"), ("Ma", "Ма", "马"),
    ("Zhu", "Чжу", "朱"), ("Hu", "Ху", "胡"), ("Guo", "Го", "郭"), ("He", "Хэ", "何"), ("Gao", "Гао", "高"),
    ("Lin", "Линь", "林"), ("Luo", "Ло", "罗"), ("Zheng", "Чжэн", "郑"), ("Liang", "Лян", "梁"),
    ("Xie", "Се", "谢"), ("Song", "Сун", "宋"), ("Tang", "Тан", "唐"), ("Han", "Хань", "韩"),
    ("Feng", "Фэн", "冯"), ("Deng", "Дэн", "邓"), ("Cao", "Цао", "曹"), ("Peng", "Пэн", "彭"),
)
ZH_GIVEN = (
    ("Wei", "Вэй", "伟"), ("Fang", "Фан", "芳"), ("Na", "На", "娜"), ("Min", "Минь", "敏"),
    ("Jing", "Цзин", "静"), ("Li", "Ли", "丽"), ("Qiang", "Цян", "强"), ("Lei", "Лэй", "磊"),
    ("Jun", "Цзюнь", "军"), ("Yang", "Ян", "洋"), ("Yong", "Юн", "勇"), ("Yan", "Янь", "艳"),
    ("Jie", "Цзе", "杰"), ("Juan", "Цзюань", "娟"), ("Tao", "Тао", "涛"), ("Ming", "Мин", "明"),
    ("Chao", "Чао", "超"), ("Xiuying", "Сюин", "秀英"), ("Xia", "Ся", "霞"), ("Ping", "Пин", "平"),
    ("Gang", "Ган", "刚"), ("Hui", "Хуэй", "辉"), ("Jianguo", "Цзяньго", "建国"), ("Haiyan", "Хайянь", "海燕"),
    ("Zhiqiang", "Чжицян", "志强"), ("Xiaoming", "Сяомин", "小明"), ("Yuting", "Юйтин", "雨婷"),
    ("Hao", "Хао", "浩"), ("Yifan", "Ифань", "一凡"), ("Zihan", "Цзыхань", "子涵"),
)

ORIGINS = ("ru", "tt", "uz", "en", "zh")
ORIGIN_WEIGHTS = (45, 15, 20, 12, 8)
ORIGIN_COUNTRY = {"ru": "Russia", "tt": "Russia", "uz": "Uzbekistan", "en": "", "zh": "China"}
"""Where people of each origin usually work ("" = the United Kingdom or the United States)."""
ORIGIN_LANGUAGES = {"ru": ("ru",), "tt": ("tt", "ru"), "uz": ("uz", "ru"), "en": ("en",), "zh": ("zh", "en")}
HONORIFICS = ("Prof.", "Dr.", "Academician", "H.E.", "Mr.", "Ms.")


@dataclass(frozen=True, slots=True)
class SynthName:
    given: str
    family: str
    middle: str = ""
    display: str = ""
    variants: tuple[tuple[str, str, str], ...] = field(default=())
    """(name, script, language)"""


def feminine_ru(family: str) -> str:
    """The feminine form of a Russian or Tatar family name (Иванов → Иванова, Толстой → Толстая)."""
    if family.endswith("ский"):
        return family[:-2] + "ая"
    if family.endswith(("ой", "ый")):
        return family[:-2] + "ая"
    if family.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return family + "а"
    return family


def _ru_name(rng: random.Random) -> SynthName:
    female = rng.random() < 0.45
    given = rng.choice(RU_FEMALE if female else RU_MALE)
    family = rng.choice(RU_FAMILY)
    family = feminine_ru(family) if female else family
    patronymic = rng.choice(RU_PATRONYMIC)
    if female:
        patronymic = patronymic[:-2] + "на"
    with_middle = rng.random() < 0.35
    return SynthName(
        given=ru_to_latin(given), family=ru_to_latin(family),
        middle=ru_to_latin(patronymic) if with_middle else "",
        variants=((f"{family} {given} {patronymic}", "Cyrl", "ru"),),
    )


def _tt_name(rng: random.Random) -> SynthName:
    female = rng.random() < 0.45
    given_tt, given_ru = rng.choice(TT_FEMALE if female else TT_MALE)
    family_tt, family_ru = rng.choice(TT_FAMILY)
    if female:
        family_tt, family_ru = feminine_ru(family_tt), feminine_ru(family_ru)
    patronymic = rng.choice(TT_PATRONYMIC)
    if female:
        patronymic = patronymic[:-2] + "на"
    return SynthName(
        given=ru_to_latin(given_ru), family=ru_to_latin(family_ru),
        variants=((f"{family_ru} {given_ru} {patronymic}", "Cyrl", "ru"), (f"{family_tt} {given_tt}", "Cyrl", "tt")),
    )


def _uz_name(rng: random.Random) -> SynthName:
    female = rng.random() < 0.45
    given = rng.choice(UZ_FEMALE if female else UZ_MALE)
    family = rng.choice(UZ_FAMILY)
    if female:
        family += "a"
    father = rng.choice(UZ_MALE)
    patronymic = f"{father} {'qizi' if female else f'o{OK}g{OK}li'}" if rng.random() < 0.6 else ""
    latin = " ".join(p for p in (given, family, patronymic) if p)
    cyrillic = uz_latin_to_cyrillic(latin)
    variants = [(f"{uz_cyrillic_to_ru(uz_latin_to_cyrillic(family))} "
                 f"{uz_cyrillic_to_ru(uz_latin_to_cyrillic(given))}", "Cyrl", "ru")]
    if latin != f"{uz_plain(given)} {uz_plain(family)}":
        variants.append((latin, "Latn", "uz"))
    variants.append((cyrillic, "Cyrl", "uz"))
    return SynthName(given=uz_plain(given), family=uz_plain(family), variants=tuple(variants))


def _en_name(rng: random.Random) -> SynthName:
    female = rng.random() < 0.45
    given_en, given_ru = rng.choice(EN_FEMALE if female else EN_MALE)
    family_en, family_ru = rng.choice(EN_FAMILY)
    middle = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.3 else ""
    return SynthName(given=given_en, family=family_en, middle=middle,
                     variants=((f"{family_ru} {given_ru}", "Cyrl", "ru"),))


def _zh_name(rng: random.Random) -> SynthName:
    family_py, family_ru, family_zh = rng.choice(ZH_FAMILY)
    given_py, given_ru, given_zh = rng.choice(ZH_GIVEN)
    if rng.random() < 0.4:  # a two-syllable given name
        extra_py, extra_ru, extra_zh = rng.choice(ZH_GIVEN[:17])
        given_py, given_ru, given_zh = given_py + extra_py.lower(), given_ru + extra_ru.lower(), given_zh + extra_zh
    display = f"{family_py} {given_py}" if rng.random() < 0.6 else ""
    return SynthName(given=given_py, family=family_py, display=display,
                     variants=((f"{family_ru} {given_ru}", "Cyrl", "ru"), (family_zh + given_zh, "Hans", "zh")))


_MAKERS = {"ru": _ru_name, "tt": _tt_name, "uz": _uz_name, "en": _en_name, "zh": _zh_name}


def make_name(rng: random.Random, origin: str) -> SynthName:
    made = _MAKERS[origin](rng)
    return SynthName(
        given=nfc(made.given), family=nfc(made.family), middle=nfc(made.middle), display=nfc(made.display),
        variants=tuple((nfc(n), script, lang) for n, script, lang in made.variants),
    )


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters only, for e-mail addresses and web sites."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if "a" <= ch <= "z")


# --- places and institutions ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class City:
    en: str
    ru: str
    ru_adj: str
    """Russian adjective, masculine (Казанский): "Казанский государственный университет"."""
    local: str = ""
    """Uzbek Latin name (Uzbekistan) or characters (China)."""


CITIES: dict[str, tuple[City, ...]] = {
    "Russia": (
        City("Kazan", "Казань", "Казанский"), City("Moscow", "Москва", "Московский"),
        City("Saint Petersburg", "Санкт-Петербург", "Санкт-Петербургский"),
        City("Novosibirsk", "Новосибирск", "Новосибирский"), City("Yekaterinburg", "Екатеринбург", "Уральский"),
        City("Nizhny Novgorod", "Нижний Новгород", "Нижегородский"), City("Samara", "Самара", "Самарский"),
        City("Ufa", "Уфа", "Уфимский"), City("Tomsk", "Томск", "Томский"), City("Perm", "Пермь", "Пермский"),
        City("Naberezhnye Chelny", "Набережные Челны", "Набережночелнинский"),
        City("Almetyevsk", "Альметьевск", "Альметьевский"), City("Innopolis", "Иннополис", "Иннопольский"),
    ),
    "Uzbekistan": (
        City("Tashkent", "Ташкент", "Ташкентский", "Toshkent"),
        City("Samarkand", "Самарканд", "Самаркандский", "Samarqand"),
        City("Bukhara", "Бухара", "Бухарский", "Buxoro"), City("Namangan", "Наманган", "Наманганский", "Namangan"),
        City("Andijan", "Андижан", "Андижанский", "Andijon"),
        City("Fergana", "Фергана", "Ферганский", f"Farg{OK}ona"), City("Nukus", "Нукус", "Нукусский", "Nukus"),
        City("Karshi", "Карши", "Каршинский", "Qarshi"), City("Navoi", "Навои", "Навоийский", "Navoiy"),
        City("Urgench", "Ургенч", "Ургенчский", "Urganch"), City("Termez", "Термез", "Термезский", "Termiz"),
        City("Kokand", "Коканд", "Кокандский", f"Qo{OK}qon"),
    ),
    "China": (
        City("Beijing", "Пекин", "Пекинский", "北京"), City("Shanghai", "Шанхай", "Шанхайский", "上海"),
        City("Wuhan", "Ухань", "Уханьский", "武汉"), City("Harbin", "Харбин", "Харбинский", "哈尔滨"),
        City("Nanjing", "Нанкин", "Нанкинский", "南京"), City("Tianjin", "Тяньцзинь", "Тяньцзиньский", "天津"),
        City("Xi'an", "Сиань", "Сианьский", "西安"), City("Dalian", "Далянь", "Даляньский", "大连"),
        City("Hangzhou", "Ханчжоу", "Ханчжоуский", "杭州"), City("Chengdu", "Чэнду", "Чэндуский", "成都"),
    ),
    "United Kingdom": (
        City("Manchester", "Манчестер", "Манчестерский"), City("Edinburgh", "Эдинбург", "Эдинбургский"),
        City("Cambridge", "Кембридж", "Кембриджский"), City("Oxford", "Оксфорд", "Оксфордский"),
        City("Bristol", "Бристоль", "Бристольский"), City("Birmingham", "Бирмингем", "Бирмингемский"),
    ),
    "United States": (
        City("Boston", "Бостон", "Бостонский"), City("Chicago", "Чикаго", "Чикагский"),
        City("Houston", "Хьюстон", "Хьюстонский"), City("Pittsburgh", "Питтсбург", "Питтсбургский"),
        City("Denver", "Денвер", "Денверский"), City("Princeton", "Принстон", "Принстонский"),
    ),
}
COUNTRY_WEIGHTS = {"Russia": 50, "Uzbekistan": 20, "China": 12, "United Kingdom": 9, "United States": 9}
TLD = {"Russia": "ru", "Uzbekistan": "uz", "China": "cn", "United Kingdom": "uk", "United States": "us"}
PHONE_PREFIX = {"Russia": "+7", "Uzbekistan": "+998", "China": "+86", "United Kingdom": "+44",
                "United States": "+1"}
PHONE_NATIONAL = {"Russia": ("9", 10), "Uzbekistan": ("9", 9), "China": ("13", 11), "United Kingdom": ("7", 10),
                  "United States": ("2", 10)}
"""Leading digits and length of a (mobile) national number, so generated numbers pass the phone check."""
COUNTRY_RU = {"Russia": ("России", "России"), "Uzbekistan": ("Узбекистана", "Узбекистане"),
              "China": ("Китая", "Китае"), "United Kingdom": ("Великобритании", "Великобритании"),
              "United States": ("США", "США"), "Kazakhstan": ("Казахстана", "Казахстане"),
              "Turkey": ("Турции", "Турции"), "India": ("Индии", "Индии"), "Germany": ("Германии", "Германии")}
CAPITALS = {"Russia": "Moscow", "Uzbekistan": "Tashkent", "China": "Beijing", "United Kingdom": "London",
            "United States": "Washington"}


@dataclass(frozen=True, slots=True)
class Field:
    en: str
    ru_gen: str
    """Russian genitive: "Институт химии"."""
    ru_nom: str
    uz: str
    zh: str


FIELDS = (
    Field("Chemistry", "химии", "Химия", "Kimyo", "化学"),
    Field("Physics", "физики", "Физика", "Fizika", "物理"),
    Field("Mathematics", "математики", "Математика", "Matematika", "数学"),
    Field("Biology", "биологии", "Биология", "Biologiya", "生物"),
    Field("Medicine", "медицины", "Медицина", "Tibbiyot", "医学"),
    Field("Economics", "экономики", "Экономика", "Iqtisodiyot", "经济"),
    Field("Petroleum Engineering", "нефтегазового дела", "Нефтегазовое дело", "Neft-gaz ishi", "石油工程"),
    Field("Computer Science", "информатики", "Информатика", "Informatika", "计算机科学"),
    Field("Materials Science", "материаловедения", "Материаловедение", "Materialshunoslik", "材料科学"),
    Field("Ecology", "экологии", "Экология", "Ekologiya", "生态"),
    Field("Geology", "геологии", "Геология", "Geologiya", "地质"),
    Field("Energy", "энергетики", "Энергетика", "Energetika", "能源"),
    Field("Pharmacy", "фармации", "Фармация", "Farmatsiya", "药学"),
    Field("Agriculture", "сельского хозяйства", "Сельское хозяйство", f"Qishloq xo{OK}jaligi", "农业"),
    Field("Linguistics", "лингвистики", "Лингвистика", "Tilshunoslik", "语言学"),
    Field("International Relations", "международных отношений", "Международные отношения",
          "Xalqaro munosabatlar", "国际关系"),
    Field("Mechanical Engineering", "машиностроения", "Машиностроение", "Mashinasozlik", "机械工程"),
    Field("Polymer Technology", "технологии полимеров", "Технологии полимеров", "Polimer texnologiyasi",
          "高分子技术"),
)

# University names (English, Russian, local) with {city}, {adj} (Russian adjective) and {local}
UNIVERSITY_PATTERNS = (
    ("{city} State University", "{adj} государственный университет", "{local} davlat universiteti"),
    ("{city} State Technical University", "{adj} государственный технический университет",
     "{local} davlat texnika universiteti"),
    ("{city} National Research Technological University",
     "{adj} национальный исследовательский технологический университет",
     "{local} milliy tadqiqot texnologiya universiteti"),
    ("{city} State Medical University", "{adj} государственный медицинский университет",
     "{local} davlat tibbiyot universiteti"),
    ("{city} State Agrarian University", "{adj} государственный аграрный университет",
     "{local} davlat agrar universiteti"),
    ("{city} University of Economics", "{adj} экономический университет", "{local} iqtisodiyot universiteti"),
    ("{city} Institute of Chemical Technology", "{adj} химико-технологический институт",
     "{local} kimyo-texnologiya instituti"),
)
CHINA_UNIVERSITY_PATTERNS = (
    ("{city} University", "{adj} университет", "{local}大学"),
    ("{city} University of Technology", "{adj} технологический университет", "{local}理工大学"),
    ("{city} Normal University", "{adj} педагогический университет", "{local}师范大学"),
    ("{city} Medical University", "{adj} медицинский университет", "{local}医科大学"),
    ("{city} University of Science and Technology", "{adj} университет науки и технологий", "{local}科技大学"),
)
WEST_UNIVERSITY_PATTERNS = (
    ("University of {city}", "{adj} университет", ""),
    ("{city} Institute of Technology", "{adj} технологический институт", ""),
    ("{city} School of Medicine", "{adj} медицинская школа", ""),
    ("{city} Polytechnic University", "{adj} политехнический университет", ""),
)

RU_COMPANY_PREFIXES = ("Кама", "Волга", "Урал", "Нева", "Сибирь", "Казань", "Татар", "Ока", "Алабуга", "Идел")
RU_COMPANY_SUFFIXES = ("химпром", "нефтехим", "оргсинтез", "энерго", "фарм", "полимер", "маш", "синтез",
                       "каучук", "газ")
UZ_COMPANY_PREFIXES = (f"O{OK}z", "Navoiy", "Olmaliq", f"Farg{OK}ona", "Qizilqum", "Sirdaryo", "Buxoro",
                       "Toshkent", "Chirchiq", "Angren")
UZ_COMPANY_SUFFIXES = ("kimyosanoat", "neftgaz", "azot", "energo", "farm", "sement", "metall", "tekstil")
INDUSTRIES = (("Chemical", "化工"), ("Petrochemical", "石化"), ("Pharmaceutical", "制药"),
              ("New Materials", "新材料"), ("Energy", "能源"), ("Machinery", "机械"), ("Electronics", "电子"))

RU_REGIONS = (("Tatarstan", "Татарстан"), ("Bashkortostan", "Башкортостан"), ("Mordovia", "Мордовия"),
              ("Mari El", "Марий Эл"), ("Sakha (Yakutia)", "Саха (Якутия)"))
RU_MINISTRIES = (
    ("Education and Science", "образования и науки"), ("Industry and Trade", "промышленности и торговли"),
    ("Economy", "экономики"), ("Health", "здравоохранения"), ("Digital Development", "цифрового развития"),
    ("Agriculture and Food", "сельского хозяйства и продовольствия"),
    ("Ecology and Natural Resources", "экологии и природных ресурсов"), ("Culture", "культуры"),
)
UZ_MINISTRIES = (
    ("Higher Education, Science and Innovation", f"Oliy ta{TUTUQ}lim, fan va innovatsiyalar",
     "высшего образования, науки и инноваций"),
    ("Economy and Finance", "Iqtisodiyot va moliya", "экономики и финансов"),
    ("Health", f"Sog{OK}liqni saqlash", "здравоохранения"), ("Energy", "Energetika", "энергетики"),
    ("Agriculture", f"Qishloq xo{OK}jaligi", "сельского хозяйства"),
    ("Foreign Affairs", "Tashqi ishlar", "иностранных дел"),
    ("Investment, Industry and Trade", "Investitsiyalar, sanoat va savdo", "инвестиций, промышленности и торговли"),
    ("Digital Technologies", "Raqamli texnologiyalar", "цифровых технологий"),
)
ZH_BUREAUS = (("Science and Technology", "科学技术"), ("Commerce", "商务"), ("Education", "教育"),
              ("Industry and Information Technology", "工业和信息化"))
WEST_OFFICES = ("Economic Development", "International Affairs", "Education", "Innovation", "Trade")
EMBASSY_COUNTRIES = tuple(COUNTRY_RU)

STREETS = {
    "Russia": ("Kremlyovskaya St", "Lenin Ave", "Pushkin St", "Butlerov St", "Universitetskaya St",
               "Pobedy Ave", "Gagarin St", "Tukay St"),
    "Uzbekistan": ("Amir Temur Ave", "Navoi St", "Mustaqillik Ave", "Universitet St", "Bunyodkor Ave"),
    "China": ("Zhongshan Rd", "Renmin Rd", "Jiefang Ave", "Xueyuan Rd", "Keji Rd"),
    "United Kingdom": ("High St", "Oxford Rd", "Park Lane", "Station Rd", "Church St"),
    "United States": ("Main St", "Broadway", "University Ave", "Park Ave", "Washington St"),
}

TITLES = {
    "university": ("Rector", "Vice-Rector for Research", "Vice-Rector for International Affairs", "Professor",
                   "Associate Professor", "Head of the International Office", "Senior Lecturer"),
    "institute": ("Director", "Deputy Director for Research", "Professor", "Leading Researcher",
                  "Senior Researcher", "Research Fellow"),
    "faculty": ("Dean", "Deputy Dean", "Professor", "Associate Professor", "Lecturer"),
    "department": ("Head of Department", "Professor", "Associate Professor", "Assistant Professor"),
    "laboratory": ("Head of Laboratory", "Leading Researcher", "Senior Researcher", "Junior Researcher",
                   "Engineer"),
    "company": ("Chairman of the Management Board", "First Deputy Chairman of the Management Board",
                "Chief Executive Officer", "Chief Engineer", "Head of International Cooperation",
                "Head of Department", "Leading Specialist"),
    "government_body": ("Minister", "Deputy Minister", "Head of Division", "Chief Specialist", "Adviser"),
    "academy": ("President", "Vice-President", "Academic Secretary", "Academician", "Corresponding Member"),
    "technopark": ("Director", "Project Manager", "Resident Engineer"),
    "centre": ("Director", "Deputy Director", "Coordinator", "Researcher"),
    "embassy": ("Ambassador", "Minister-Counsellor", "Counsellor", "First Secretary", "Attaché"),
    "association": ("President", "Executive Director", "Board Member"),
    "other": ("Director", "Specialist"),
}

TAGS = ("delegation", "vip", "rector", "scientist", "press", "interpreter", "alumni", "partner", "speaker",
        "government", "industry", "invited", "protocol", "newsletter", "christmas-card")

TOPICS = (
    "Small-scale chemistry", "Composite materials", "Petrochemicals", "Pharmaceuticals", "Import substitution",
    "Technology transfer", "Heterogeneous catalysis", "Education programmes", "Student exchange",
    "Joint laboratories", "Artificial intelligence", "Renewable energy", "Oil recovery", "Biotechnology",
    "Medical research", "Agricultural technology", "Water management", "Digital economy", "Cultural heritage",
    "Language teaching", "Space research", "Nuclear medicine", "Materials testing", "Environmental monitoring",
    "Geothermal energy", "Polymer recycling", "Academic mobility", "Dual degrees", "Start-up incubation",
    "Industrial automation",
)
