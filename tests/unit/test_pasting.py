"""A table pasted from a spreadsheet, Word or a web page becomes people (issue 17, scope 5): each row found
among the people stored (any script, with their institution) or created, nothing written before the
confirmation (the dry run is the preview), the person of every row known for a delegation."""

from __future__ import annotations

import pytest

from organizer.domain.errors import ValidationError
from organizer.services import pasting, people
from organizer.store.database import Database

TWELVE = "\n".join([
    "Evgeny Korzhikov\tFirst Deputy Chairman of the Management Board\tJSC \"Uzkhimyosanoat\"",
    "Abduhomid Salomov\tHead of the Department for Localization\tJSC \"Uzkhimyosanoat\"",
    "Д. Пашин\tПроректор по цифровой трансформации\tКазанский федеральный университет",
    "Mikhail Varfolomeyev\tDirector\t\"Small-scale Chemical Technologies\" Technopark",
    "Aziz Karimov\tChief Engineer\tJSC \"Uzkhimyosanoat\"",
    "Dilnoza Rahimova\tHead of International Relations\tJSC \"Uzkhimyosanoat\"",
    "Sherzod Tursunov\tInterpreter\tJSC \"Uzkhimyosanoat\"",
    "Jasur Nazarov\tDeputy Director\tNavoiyazot",
    "Гульнара Галиева\tНачальник отдела международных связей\tКазанский федеральный университет",
    "Алексей Смирнов\tДиректор института\tХимический институт им. А.М. Бутлерова",
    "Ольга Петрова\tВедущий научный сотрудник\tАкадемия наук Республики Татарстан",
    "Рустам Хабибуллин\tЗаместитель директора\tТехнопарк",
]) + "\n"


def _names(db: Database) -> set[str]:
    return {r.full_name for r in people.list_people(db)}


def test_a_pasted_twelve_row_table_links_the_stored_people_and_creates_the_rest(demo_db: Database) -> None:
    before = _names(demo_db)
    rows = pasting.read_pasted(TWELVE)
    assert len(rows) == 12 and all(len(r) == 3 for r in rows)

    preview = pasting.paste_people(demo_db, rows, dry_run=True)
    assert _names(demo_db) == before  # nothing written before the confirmation
    assert preview.actions[:4] == ("skipped",) * 4  # the four stored people, "Д. Пашин" found as D. Pashin
    assert preview.actions[4:] == ("created",) * 8
    assert preview.person_ids[4:] == (None,) * 8

    done = pasting.paste_people(demo_db, rows)
    stored = {r.full_name: r.id for r in people.list_people(demo_db)}
    assert done.person_ids[:4] == (stored["Evgeny Korzhikov"], stored["Abduhomid Salomov"], stored["D. Pashin"],
                                   stored["Mikhail Varfolomeyev"])
    assert len(_names(demo_db)) == len(before) + 8
    karimov = people.get_person(demo_db, stored["Aziz Karimov"]).data
    assert [(p.title, p.current) for p in karimov.positions] == [("Chief Engineer", True)]
    assert all(isinstance(i, int) for i in done.person_ids)

    again = pasting.paste_people(demo_db, rows)  # the same table again adds nothing
    assert again.person_ids == done.person_ids and set(again.actions) == {"skipped"}
    assert len(_names(demo_db)) == len(before) + 8


def test_a_header_row_and_an_html_table_are_read(demo_db: Database) -> None:
    html = ("<meta charset='utf-8'><table><tr><th>ФИО</th><th>Должность</th><th>Организация</th></tr>"
            "<tr><td>Иванов <b>Иван</b></td><td>Декан<br>химфака</td><td>КФУ</td></tr>"
            "<tr><td></td><td></td><td></td></tr></table>")
    rows = pasting.read_pasted("ignored when there is HTML", html)
    assert rows == [["ФИО", "Должность", "Организация"], ["Иванов Иван", "Декан химфака", "КФУ"]]
    result = pasting.paste_people(demo_db, rows)
    assert result.header == ("ФИО", "Должность", "Организация") and result.actions == ("created",)
    ivanov = people.get_person(demo_db, result.person_ids[0] or 0)
    assert ivanov.data.positions[0].title == "Декан химфака"


def test_bad_pastes_say_why_and_write_nothing(demo_db: Database) -> None:
    before = _names(demo_db)
    with pytest.raises(ValidationError, match="nothing to paste"):
        pasting.paste_people(demo_db, pasting.read_pasted("\n \n\t\n"))
    with pytest.raises(ValidationError, match="only a header"):
        pasting.paste_people(demo_db, [["Name", "Title"]])
    rows = pasting.read_pasted("A\x00B <b>&amp;\x1b[31m\tTitle" + "x" * 5000 + "\n")
    assert rows[0][0] == "A B <b>&amp; [31m" and len(rows[0][1]) == pasting.MAX_CELL
    assert _names(demo_db) == before
