"""The time zone of a visit: meetings are stored in the local time of the visit's place, and the iCalendar
export and import (``services.interop.ical``) need its IANA name.

``zone_of_place(place)``: an IANA name written in the place (``Kazan (Europe/Moscow)``), else the zone of the
first city of ``ZONES`` it names as a whole word (Russian cities, Central Asian and other capitals, in
Latin and Cyrillic letters, ``ё`` read as ``е``), else ``DEFAULT_ZONE``, Europe/Moscow.
"""

from __future__ import annotations

import re
from zoneinfo import available_timezones

DEFAULT_ZONE = "Europe/Moscow"
ZONES: dict[str, str] = {
    **dict.fromkeys(("moscow", "москва", "kazan", "казань", "saint petersburg", "st. petersburg",
                     "санкт-петербург", "nizhnekamsk", "нижнекамск", "naberezhnye chelny", "набережные челны",
                     "nizhny novgorod", "нижний новгород", "sochi", "сочи", "minsk", "минск", "simferopol",
                     "симферополь", "yelabuga", "елабуга", "innopolis", "иннополис"), "Europe/Moscow"),
    **dict.fromkeys(("samara", "самара", "ulyanovsk", "ульяновск", "izhevsk", "ижевск"), "Europe/Samara"),
    **dict.fromkeys(("yekaterinburg", "екатеринбург", "ufa", "уфа", "perm", "пермь", "chelyabinsk",
                     "челябинск", "tyumen", "тюмень"), "Asia/Yekaterinburg"),
    **dict.fromkeys(("novosibirsk", "новосибирск", "tomsk", "томск"), "Asia/Novosibirsk"),
    **dict.fromkeys(("krasnoyarsk", "красноярск"), "Asia/Krasnoyarsk"),
    **dict.fromkeys(("irkutsk", "иркутск"), "Asia/Irkutsk"),
    **dict.fromkeys(("vladivostok", "владивосток"), "Asia/Vladivostok"),
    **dict.fromkeys(("kaliningrad", "калининград"), "Europe/Kaliningrad"),
    **dict.fromkeys(("tashkent", "ташкент", "toshkent", "samarkand", "самарканд", "samarqand", "bukhara", "бухара",
                     "buxoro", "navoi", "навои", "navoiy", "chirchiq", "чирчик", "fergana", "фергана"),
                    "Asia/Tashkent"),
    **dict.fromkeys(("almaty", "алматы", "astana", "астана"), "Asia/Almaty"),
    **dict.fromkeys(("bishkek", "бишкек"), "Asia/Bishkek"), **dict.fromkeys(("dushanbe", "душанбе"), "Asia/Dushanbe"),
    **dict.fromkeys(("ashgabat", "ашхабад"), "Asia/Ashgabat"), **dict.fromkeys(("baku", "баку"), "Asia/Baku"),
    **dict.fromkeys(("tbilisi", "тбилиси"), "Asia/Tbilisi"), **dict.fromkeys(("yerevan", "ереван"), "Asia/Yerevan"),
    **dict.fromkeys(("beijing", "пекин", "shanghai", "шанхай"), "Asia/Shanghai"),
    **dict.fromkeys(("istanbul", "стамбул", "ankara", "анкара"), "Europe/Istanbul"),
    **dict.fromkeys(("berlin", "берлин", "frankfurt", "франкфурт", "ludwigshafen", "людвигсхафен"), "Europe/Berlin"),
    **dict.fromkeys(("paris", "париж", "strasbourg", "страсбург"), "Europe/Paris"),
    **dict.fromkeys(("london", "лондон"), "Europe/London"),
    **dict.fromkeys(("dubai", "дубай", "abu dhabi", "абу-даби"), "Asia/Dubai"),
}
"""City (folded) -> IANA zone, for the places of visits this office records."""


def zone_of_place(place: str) -> str:
    """The IANA time zone of a visit's place (see the module docstring)."""
    for word in re.findall(r"[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?", place):
        if word in available_timezones():
            return str(word)
    folded = " ".join(re.sub(r"[^\w.\- ]", " ", place.casefold().replace("ё", "е")).split())
    for city, zone in ZONES.items():
        if re.search(rf"(^|[\s,(]){re.escape(city.replace('ё', 'е'))}($|[\s,)])", folded):
            return zone
    return DEFAULT_ZONE
