"""The detail HTML builders, without Qt: escaping of user text and the order of what they list."""

from __future__ import annotations

import re
from typing import Any

from organizer.domain.records import PersonData
from organizer.gui.details import esc, institution_html, link, person_html, visit_html
from organizer.services.browse import people_rows
from organizer.services.institutions import institution_tree
from organizer.services.people import create_person, get_person, person_history, person_ids
from organizer.services.visits import get_visit, list_visits
from organizer.store import Database

MARKUP = "<b>&amp;"


def _text(body: str) -> str:
    """Crude tag stripping, enough to check what order things appear in."""
    return re.sub(r"<[^>]+>", " ", body)


def test_user_text_is_escaped_everywhere(gui_db: Database) -> None:
    person = create_person(gui_db, PersonData(given_name=MARKUP, family_name='"Q" & <i>', notes="a<b\nc>d",
                                              tags=("<script>",)))
    body = person_html(person, person_history(gui_db, person.meta.id))
    assert "&lt;b&gt;&amp;amp; &quot;Q&quot; &amp; &lt;i&gt;" in body
    assert "<b>&amp;" not in body and "<i>" not in body and "<script>" not in body
    assert "a&lt;b<br>c&gt;d" in body


def test_esc_escapes_as_html_escape_does() -> None:
    import html

    for text in (MARKUP, '"Q" & <i>', "it's", "&amp;&lt;", "Коржиков <Е.> & «Ко»", "", "a\nb", 12):
        assert esc(text) == html.escape(str(text), quote=True)


def test_links_carry_only_the_numeric_id() -> None:
    assert link("person", 7, "<x>") == '<a href="person:7">&lt;x&gt;</a>'
    assert link("person", None, "<x>") == esc("<x>")


def test_person_html_lists_scripts_positions_and_history(gui_demo_db: Database) -> None:
    ident = next(r.id for r in people_rows(gui_demo_db, person_ids(gui_demo_db))
                 if r.full_name == "Evgeny Korzhikov")
    body = person_html(get_person(gui_demo_db, ident), person_history(gui_demo_db, ident))
    assert "Коржиков" in body
    assert "First Deputy Chairman of the Management Board" in body
    assert "Head of delegation" in body
    assert 'href="visit:' in body
    assert "(Russian, Cyrillic)" in body and "Cyrl" not in body  # names, not codes


def test_languages_and_scripts_are_named_in_the_interface_language(qapp: Any, gui_db: Database) -> None:
    from organizer.domain.records import NameVariant
    from organizer.gui.i18n import install_language

    person = create_person(gui_db, PersonData(given_name="Ali", family_name="Karimov", languages=("uz", "ru", "xx"),
                                              name_variants=(NameVariant("Алиев", "Cyrl", "uz"),)))
    body = person_html(person, person_history(gui_db, person.meta.id))
    assert "Uzbek, Russian, xx" in body and "(Uzbek, Cyrillic)" in body
    install_language(qapp, "ru")
    try:
        body = person_html(person, person_history(gui_db, person.meta.id))
    finally:
        install_language(qapp, "en")
    assert "узбекский, русский, xx" in body and "(узбекский, кириллица)" in body


def test_institution_html_shows_units_and_people(gui_demo_db: Database) -> None:
    from organizer.services.institutions import get_institution

    kfu = next(n for n in institution_tree(gui_demo_db) if n.row.name == "Kazan Federal University")
    body = institution_html(get_institution(gui_demo_db, kfu.row.id))
    for child in kfu.children:
        assert esc(child.row.name) in body
    assert "D. Pashin" in body and "One of the oldest universities" in body
    unit = get_institution(gui_demo_db, kfu.children[0].row.id)
    assert "Kazan Federal University" in institution_html(unit)


def test_visit_html_lists_the_programme_in_time_order(gui_demo_db: Database) -> None:
    detail = get_visit(gui_demo_db, list_visits(gui_demo_db)[0].id)
    text = _text(visit_html(detail))
    positions = [text.index(esc(m.title)) for m in detail.meetings]
    assert len(positions) == 4 and positions == sorted(positions)
    participants = text[text.index("Participants"):text.index("Programme")]
    assert participants.index("Guests") < participants.index("Evgeny Korzhikov") < participants.index("Hosts")
    programme = text[text.index("Programme"):]
    assert programme.index("Tue 11 Mar 2025") < programme.index("10:00–11:15") < programme.index("Wed 12 Mar 2025")


def test_meeting_agreement_and_topic_html_escape_and_link(gui_demo_db: Database) -> None:
    from datetime import date

    from organizer.domain.enums import AgreementStatus
    from organizer.domain.records import AgreementData, MeetingData
    from organizer.gui.details import agreement_html, meeting_html, topic_html
    from organizer.services.agreements import create_agreement, get_agreement
    from organizer.services.institutions import list_institutions
    from organizer.services.meetings import create_meeting
    from organizer.services.related import topic_usage
    from organizer.services.topics import ensure_topic

    visit = list_visits(gui_demo_db)[0]
    meeting = create_meeting(gui_demo_db, MeetingData(title=MARKUP, visit_id=visit.id, notes="x<y\nz",
                                                      topics=("<t>",)))
    body = meeting_html(meeting)
    assert "<b>&amp;" not in body and esc(MARKUP) in body
    assert f'href="visit:{visit.id}"' in body and "x&lt;y<br>z" in body
    kfu = next(r for r in list_institutions(gui_demo_db) if r.name == "Kazan Federal University")
    row = create_agreement(gui_demo_db, AgreementData(title="<i>MoU</i>", status=AgreementStatus.SIGNED,
                                                      party_ids=(kfu.id,), signed_date=date(2025, 3, 12)))
    stored = get_agreement(gui_demo_db, row.id)
    body = agreement_html(stored.row, stored.data)
    assert "<i>" not in body and f'<a href="institution:{kfu.id}">' in body and "12 Mar 2025" in body
    topic = ensure_topic(gui_demo_db, "<t>")
    body = topic_html(topic_usage(gui_demo_db, topic.id))
    assert "<t>" not in body and f'href="meeting:{meeting.meta.id}"' in body


def test_visit_programme_lists_each_meetings_follow_ups_under_it(gui_demo_db: Database) -> None:
    detail = get_visit(gui_demo_db, list_visits(gui_demo_db)[0].id)
    body = visit_html(detail)
    programme = body[body.index("Programme"):body.index("<h3>Follow-ups")]
    for f in detail.followups:
        assert f'href="followup:{f.id}"' in programme
    assert 'href="add-meeting:' not in body
    assert f'href="add-meeting:{detail.meta.id}"' in visit_html(detail, {"add-meeting"})


def test_a_position_without_a_title_shows_the_institution_alone(gui_db: Database) -> None:
    # a vCard with ORG and no TITLE places the person at the institution with no title
    from organizer.domain.records import InstitutionData, PositionData
    from organizer.services.institutions import create_institution

    lotus = create_institution(gui_db, InstitutionData(name="Lotus"))
    person = create_person(gui_db, PersonData(given_name="Frank", family_name="Dawson",
                                              positions=(PositionData("", lotus.meta.id, current=True),)))
    body = person_html(person, person_history(gui_db, person.meta.id))
    assert f'<p>{link("institution", lotus.meta.id, "Lotus")}</p>' in body and "<p>, " not in body


def test_markdown_in_notes_is_rendered_as_a_safe_subset() -> None:
    from organizer.gui.details import para

    html = para("**Решено:** продлить *меморандум*\n- первый\n- второй <script>x</script>\n\n"
                "[ссылка](person:1) ![](file:///etc/passwd) # не заголовок")
    assert "<strong>Решено:</strong>" in html and "<em>меморандум</em>" in html
    assert "<li>первый</li>" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "<a " not in html and "<img" not in html and "<h1" not in html  # no links, images, headings
    assert "**" not in html


def test_a_persons_own_follow_ups_leave_out_the_owner_column(gui_demo_db: Database) -> None:
    """The person is the owner of every follow-up in their pane: no Owner column taking the width the
    description needs (a Russian description broke mid-word in «Что» beside a long «Ответственный»)."""
    from organizer.services.related import open_followups_owned
    from organizer.services.visits import get_visit as visit_of

    ident = next(r.id for r in people_rows(gui_demo_db, person_ids(gui_demo_db)) if r.full_name == "Ilnur Khairullin")
    owned = open_followups_owned(gui_demo_db, ident)
    assert owned
    body = person_html(get_person(gui_demo_db, ident), person_history(gui_demo_db, ident), owned)
    owned_part = body[body.index("Open follow-ups owned"):]
    assert owned[0].description.split()[0] in owned_part
    assert "<th" in owned_part and ">Owner</th>" not in owned_part
    visit = visit_of(gui_demo_db, list_visits(gui_demo_db)[0].id)
    assert ">Owner</th>" in visit_html(visit)  # a visit's follow-ups keep their owners


def test_a_one_word_cell_is_kept_whole_and_longer_texts_wrap(gui_demo_db: Database) -> None:
    """Qt squeezed a narrow pane's column below its longest word and broke «Принимающая» mid-word."""
    from organizer.gui.details import _cell

    assert 'nowrap">Принимающая</td>' in _cell("Принимающая")
    assert "nowrap" in _cell('<span class="overdue">Overdue</span>')  # the markup does not count
    assert "nowrap" not in _cell("Head of delegation") and "nowrap" not in _cell("x" * 40)
    ident = next(r.id for r in people_rows(gui_demo_db, person_ids(gui_demo_db)) if r.full_name == "Ilnur Khairullin")
    body = person_html(get_person(gui_demo_db, ident), person_history(gui_demo_db, ident))
    assert '<td valign="top" style="white-space: nowrap">Host</td>' in body  # his side at the visit
