"""PDF layouts from hand-made data objects: literal user text, long notes, any Unicode, photos."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from organizer.briefing import (
    BriefingOptions,
    render_person_dossier,
    render_thank_you_letters,
    render_visit_briefing,
)
from organizer.domain.briefing import (
    Attendee,
    BriefFollowUp,
    BriefMeeting,
    BriefPerson,
    PersonDossier,
    ThankYouLetters,
    VisitBriefing,
)
from organizer.domain.enums import FollowUpStatus, ParticipantRole, Side, VisitDirection, VisitStatus
from organizer.domain.records import NameVariant, PersonData
from organizer.services import briefing, people
from organizer.store import Database

MARKUP = "<b>Tom & Jerry</b> <font size=99>"


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_markup_prints_literally_and_a_200k_note_flows_over_pages(db: Database) -> None:
    words = " ".join(f"word{i}" for i in range(40_000))
    note = (words[:100_000] + "\n\n" + words)[:200_000]
    assert len(note) == 200_000
    pid = people.create_person(db, PersonData(given_name="Tom", family_name="Jerry & Co", biography=MARKUP,
                                              notes=note)).meta.id
    pdf = render_person_dossier(briefing.person_dossier(db, pid))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 20
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert MARKUP in text
    assert "Tom Jerry & Co" in text
    flat = re.sub(r"\s+", " ", text)
    last = " ".join(note.split()[-3:-1])
    assert "word0 word1" in flat and last in flat  # the note's end made it onto the last pages


def _person(i: int, name: str, note: str, side: Side = Side.GUEST) -> BriefPerson:
    return BriefPerson(id=i, full_name=name, side=side, role=ParticipantRole.MEMBER, precedence=i, title=name,
                       institution=note[:50], name_variants=(NameVariant(name[::-1]),), biography=note,
                       form_of_address=name, languages=(name[:5],))


def _visit(name: str, note: str) -> VisitBriefing:
    meeting = BriefMeeting(id=1, title=name or "m", starts_at=datetime(2025, 1, 1, 9), venue=name, notes=note,
                           objectives=note, talking_points=note, outcomes=note,
                           attendees=(Attendee(name, note[:40], Side.GUEST, ParticipantRole.MEMBER),))
    follow = BriefFollowUp(id=1, description=note or "x", status=FollowUpStatus.OPEN, owner=name, notes=note)
    return VisitBriefing(visit_id=1, title=name, direction=VisitDirection.INCOMING, status=VisitStatus.PLANNED,
                         start_date=date(2025, 1, 1), end_date=date(2025, 1, 2), place=name, purpose=note,
                         summary=note, issuing_office=name, topics=(name,), guests=(_person(1, name, note),),
                         hosts=(_person(2, name, note, Side.HOST),), meetings=(meeting,), agreed=(follow,),
                         open_followups=(follow,))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(max_size=80), note=st.text(max_size=400), lang=st.sampled_from(["en", "ru"]))
def test_any_unicode_in_names_and_notes(name: str, note: str, lang: str) -> None:
    data = _visit(name, note)
    for report in (False, True):
        pdf = render_visit_briefing(data, BriefingOptions(lang=lang, report=report, marking=name))
        assert pdf.startswith(b"%PDF")
    letters = ThankYouLetters(visit_title=name, direction=VisitDirection.INCOMING, start_date=None, end_date=None,
                              place=note, issuing_office=name, signatory=name, signatory_title=note,
                              topics=(note,), recipients=(briefing.LetterRecipient(
                                  name, note, name, note, name, Side.GUEST),))
    assert render_thank_you_letters(letters, lang)[0].pdf.startswith(b"%PDF")
    render_person_dossier(PersonDossier(person=_person(1, name, note), notes=note))


def test_user_text_in_every_field_prints_literally() -> None:
    pdf = render_visit_briefing(_visit(MARKUP, MARKUP + "\nsecond line"), BriefingOptions())
    text = text_of(pdf)
    assert text.count(MARKUP) >= 10
    assert "second line" in text


def test_photo_is_turned_upright_and_scaled_down() -> None:
    # A 1200x600 landscape picture whose EXIF says "rotate 90°": upright it is portrait.
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (1200, 600), (200, 30, 30)).save(buffer, "JPEG", exif=exif)
    person = BriefPerson(id=1, full_name="Photo Person", side=Side.GUEST, photo=buffer.getvalue())
    data = VisitBriefing(visit_id=1, title="T", direction=VisitDirection.INCOMING, status=VisitStatus.PLANNED,
                         start_date=None, end_date=None, place="", purpose="", summary="", issuing_office="",
                         guests=(person,))
    pdf = render_visit_briefing(data, BriefingOptions(sections=("biographies",)))
    images = [img for page in pypdf.PdfReader(io.BytesIO(pdf)).pages for img in page.images]
    assert len(images) == 1
    width, height = images[0].image.size
    assert height > width  # upright
    assert height <= 400  # 40 mm at 200 dpi is 315 px, far below the original 1200
    # a broken photo is left out, not an error
    broken = render_visit_briefing(
        VisitBriefing(**{**{f: getattr(data, f) for f in data.__slots__}, "guests": (
            BriefPerson(id=1, full_name="X", side=Side.GUEST, photo=b"not an image"),)}), BriefingOptions())
    assert broken.startswith(b"%PDF")


def test_the_largest_values_the_store_accepts_still_lay_out() -> None:
    """Names and titles at their length limit, many of them, text without spaces: no LayoutError."""
    from organizer.domain.briefing import BriefInstitution

    person = BriefPerson(id=1, full_name="X" * 300, side=Side.GUEST, title="T" * 300, institution="I" * 300,
                         name_variants=tuple(NameVariant("Вариант имени " * 20) for _ in range(150)),
                         form_of_address="F" * 300, languages=tuple("ru" for _ in range(200)))
    follow = BriefFollowUp(id=1, description="y" * 10_000, status=FollowUpStatus.OPEN, owner="o" * 600)
    inst = BriefInstitution(id=1, name="N" * 300, path=tuple("P" * 300 for _ in range(40)),
                            key_people=tuple(("n" * 300, "t" * 300) for _ in range(100)))
    data = VisitBriefing(visit_id=1, title="T" * 300, direction=VisitDirection.INCOMING, status=VisitStatus.PLANNED,
                         start_date=date(2025, 1, 1), end_date=None, place="", purpose="", summary="",
                         issuing_office="O" * 300, guests=(person,), hosts=(person,), open_followups=(follow,),
                         agreed=(follow,), institutions=(inst,))
    for report in (False, True):
        reader = pypdf.PdfReader(io.BytesIO(render_visit_briefing(data, BriefingOptions(report=report,
                                                                                        marking="M" * 200))))
        assert len(reader.pages) > 3
    assert render_person_dossier(PersonDossier(person=person)).startswith(b"%PDF")


def test_markdown_in_notes_prints_bold_italic_and_bullets_without_the_marks() -> None:
    from organizer.briefing.common import marked

    note = "**Решено:** продлить *меморандум*\n- первый пункт\n- второй <b>&"
    assert marked(note) == ("<b>Решено:</b> продлить <i>меморандум</i><br/>•\u00a0первый пункт<br/>"
                            "•\u00a0второй &lt;b&gt;&amp;")
    text = text_of(render_visit_briefing(_visit("Talks", note), BriefingOptions(lang="ru", report=True)))
    # the notes, objectives and outcomes print without the marks (names and cells print literally)
    assert text.count("Решено: продлить меморандум") >= 3 and "• первый пункт" in text
    assert "второй <b>&" in text  # user text still escaped
    assert marked("snake_case and 2*3*4 stay") == "snake_case and 2*3*4 stay"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="*_-+ \nab<>&", max_size=60))
def test_markdown_marks_give_balanced_markup(note: str) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from organizer.briefing.common import marked

    Paragraph(marked(note), ParagraphStyle("x"))  # unbalanced tags would raise


def test_the_report_shows_when_a_follow_up_was_done_and_how() -> None:
    from dataclasses import replace

    data = _visit("Talks", "notes")
    done = BriefFollowUp(id=2, description="Send the memorandum", status=FollowUpStatus.DONE,
                         done_on=date(2025, 3, 14), done_note="Sent by **courier**")
    data = replace(data, agreed=(*data.agreed, done))
    text = re.sub(r"\s+", " ", text_of(render_visit_briefing(data, BriefingOptions(lang="ru", report=True))))
    assert "Выполнено: 14 марта 2025 г." in text and "Sent by courier" in text
    text = re.sub(r"\s+", " ", text_of(render_visit_briefing(data, BriefingOptions(report=True))))
    assert "Done on: 14 March 2025" in text
