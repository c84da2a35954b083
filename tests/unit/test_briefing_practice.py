"""What protocol practice asks of the documents (issue 18), read back from the demo's PDFs with pypdf: the
briefing opens with a one-page summary, its programme is one timeline of meetings and other items (arrival,
transfers) in time order, agreements are in the history of relations and the report, the report lists each
follow-up once, dossiers are in time order and an institution's dossier has its visits' follow-ups."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pypdf

from organizer.briefing import BriefingOptions, render_institution_dossier, render_person_dossier, render_visit_briefing
from organizer.domain.briefing import BriefInstitution, VisitBriefing
from organizer.domain.enums import Side, VisitDirection, VisitStatus
from organizer.services import briefing, institutions, people
from organizer.store import Database

NOW = datetime(2025, 3, 1, 9, 0)


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _briefing(db: Database, *, report: bool = False) -> list[str]:
    data = briefing.visit_briefing(db, 1, now=NOW, prepared_by="Protocol office")
    return _pages(render_visit_briefing(data, BriefingOptions(report=report)))


def _section(text: str, heading: str, following: str) -> str:
    """The section from its heading to the next (not their lines on the contents page)."""
    start = text.rindex(heading)
    return text[start:text.index(following, start)]


def test_the_briefing_opens_with_a_one_page_summary(demo_db: Database) -> None:
    pages = _briefing(demo_db)
    summary = pages[1]  # after the cover
    for part in ("1. At a glance", "Purpose", "To discuss prospects", "Desired outcomes",
                 "A memorandum of understanding on scientific and technological cooperation signed",
                 "Key messages", "We are ready to transfer technology", "Sensitivities: what not to raise",
                 "Do not raise prices", "Leave questions for the Academy of Sciences", "11–12 March 2025",
                 "Evgeny Korzhikov", "Rifkat Minnikhanov", "4 meetings, 6 other items"):
        assert part in summary, part
    assert "Contents" in pages[2] and "Contents" not in summary, "the summary has its page, the contents follow"


def test_the_cover_names_who_prepared_it_its_version_and_distribution_without_a_page_number(
        demo_db: Database) -> None:
    cover = _briefing(demo_db)[0]
    assert "Prepared by: Protocol office" in cover and "Version: 1 March 2025, 09:00" in cover
    assert "Distribution: Rifkat Minnikhanov; D. Pashin; Ilnur Khairullin; Mikhail Varfolomeyev" in cover
    assert not re.search(r"page \d+ of \d+", cover)


def test_the_programme_is_one_timeline_of_meetings_and_other_items(demo_db: Database) -> None:
    text = " ".join(_briefing(demo_db))
    programme = _section(text, "4. Programme of the visit", "5. Biographies")
    order = ["10 March 2025", "21:40–22:10 Arrival of the delegation in Kazan", "22:10–22:50 Transfer to the hotel",
             "11 March 2025", "09:30–10:00 Transfer to the A.M. Butlerov Chemical Institute",
             "10:00–11:15 Tour of the laboratories", "11:30–13:00 Meeting with the university's leadership",
             "13:00–14:15 Working lunch", "14:30–15:30 Visit to the Pharmaceutical", "12 March 2025",
             "09:30–10:00 Transfer to the Academy of Sciences", "10:00–11:00 Meeting with the President",
             "15:30 Departure of the delegation to Tashkent"]
    positions = [programme.index(part) for part in order]
    assert positions == sorted(positions)
    assert "Escort: D. Pashin" in programme and "Transport: Car of Kazan Federal University" in programme
    assert " Time " not in programme, "a meeting's time heads it, no row repeats it"


def test_the_history_of_relations_and_the_report_carry_the_agreement(demo_db: Database) -> None:
    mou = "Memorandum of understanding on scientific and technological cooperation"
    text = " ".join(_briefing(demo_db))
    history = _section(text, "8. History of relations", "9. Open follow-ups")
    assert "Agreements in force" in history and mou in history and "Valid until 11 March 2030" in history
    report = " ".join(_briefing(demo_db, report=True))
    signed = _section(report, "3. Agreements of the visit", "4. Agreed follow-ups")
    assert mou in signed and "Signed 11 March 2025, Kazan" in signed and "D. Pashin; Evgeny Korzhikov" in signed


def test_the_report_lists_each_follow_up_once_and_no_purpose_as_its_summary(demo_db: Database) -> None:
    report = " ".join(_briefing(demo_db, report=True))
    for description in ("Work out technology transfer to Uzbekistan", "Prepare a proposal for joint scientific",
                        "Draft cooperation on educational programmes"):
        assert report.count(description) == 1, description
    data = briefing.visit_briefing(demo_db, 1, now=NOW)
    from dataclasses import replace
    bare = " ".join(_pages(render_visit_briefing(replace(data, summary=""), BriefingOptions(report=True))))
    assert "No summary of the visit recorded yet." in bare and "To discuss prospects" not in bare


def test_interpretation_prints_once(demo_db: Database) -> None:
    assert " ".join(_briefing(demo_db)).count("None: the talks were held in Russian.") == 1


def test_host_biographies_and_an_institution_without_data_says_so(demo_db: Database) -> None:
    text = " ".join(_briefing(demo_db))
    hosts = _section(text, "6. Host participants", "7. Institutions")
    assert hosts.count("Position Vice-Rector for Digital Transformation and Innovation") == 1  # Pashin's biography
    bare = VisitBriefing(visit_id=1, title="Bare", direction=VisitDirection.INCOMING, status=VisitStatus.PLANNED,
                         start_date=None, end_date=None, place="", purpose="", summary="", issuing_office="",
                         institutions=(BriefInstitution(id=7, name="Nameless Institute", side=None),))
    assert "No details recorded." in " ".join(_pages(render_visit_briefing(bare, BriefingOptions(
        sections=("institutions",)))))


def test_dossiers_are_in_time_order_and_the_institution_has_its_visits_follow_ups(demo_db: Database) -> None:
    korzhikov = next(p.id for p in people.list_people(demo_db) if p.full_name == "Evgeny Korzhikov")
    text = " ".join(_pages(render_person_dossier(briefing.person_dossier(demo_db, korzhikov, now=NOW))))
    # same day: the 10:00 tour before the 11:30 meeting (sorted by title, "Meeting" came first)
    assert text.index("Tour of the laboratories") < text.index("Meeting with the university's leadership") \
        < text.index("Visit to the Pharmaceutical") < text.index("Meeting with the President")
    assert "Agreements signed" in text and "Memorandum of understanding on scientific" in text
    company = next(r.id for r in institutions.list_institutions(demo_db) if r.name == 'JSC "Uzkhimyosanoat"')
    dossier = briefing.institution_dossier(demo_db, company, now=NOW)
    assert len(dossier.open_followups) == 3, "the follow-ups of its visit, though others own them"
    text = " ".join(_pages(render_institution_dossier(dossier)))
    for description in ("Work out technology transfer to Uzbekistan", "Prepare a proposal for joint scientific",
                        "Draft cooperation on educational programmes", "Memorandum of understanding"):
        assert description in text, description
    assert [a.title for a in dossier.agreements] == [
        "Memorandum of understanding on scientific and technological cooperation"]


def test_the_side_of_an_institution_is_kept(demo_db: Database) -> None:
    data = briefing.visit_briefing(demo_db, 1, now=NOW)
    assert {i.side for i in data.institutions} >= {Side.GUEST, Side.HOST}
    assert [i.kind.value for i in data.programme][:2] == ["arrival", "transfer"]


def test_a_two_language_programme_has_the_other_items_too(demo_db: Database) -> None:
    from organizer.services.documents import DocumentRequest, render

    pdf = render(demo_db, DocumentRequest("visit", 1, lang="ru+en")).pdf
    text = " ".join(_pages(pdf))
    programme = text[text.rindex("4. Программа визита"):text.rindex("5. ")]
    for first, second in (("Прибытие делегации в Казань", "Arrival of the delegation in Kazan"),
                          ("Рабочий обед", "Working lunch"), ("Осмотр лабораторий", "Tour of the laboratories")):
        assert first in programme and second in programme, first
    assert programme.index("Прибытие делегации") < programme.index("Осмотр лабораторий") \
        < programme.index("Рабочий обед")


def test_a_summary_text_of_many_lines_flows_instead_of_a_paragraph_per_line(demo_db: Database) -> None:
    """A few lines are bullets; a megabyte of short lines made a Paragraph per line (900 MB for a briefing
    with a megabyte in every field): a long text is one first piece and a ``LongText`` laid out lazily."""
    from dataclasses import replace

    from reportlab.platypus import Paragraph

    from organizer.briefing import practice
    from organizer.briefing.common import LongText
    from organizer.briefing.visit import _Writer

    data = briefing.visit_briefing(demo_db, 1, now=NOW, prepared_by="Protocol office")

    def parts(purpose: str) -> list[object]:
        flow = practice.summary_page(_Writer(replace(data, purpose=purpose), BriefingOptions(), 400.0))
        return [f for f in flow if isinstance(f, (Paragraph, LongText))
                and ("line" in getattr(f, "text", "") or isinstance(f, LongText))]

    few = parts("one line\nanother line\nthird line")
    assert len(few) == 3 and all("•" in getattr(f, "text", "") for f in few)
    many = parts("line\n" * 100_000)
    assert len(many) <= 3 and any(isinstance(f, LongText) for f in many)
