"""The review of a drafted visit (services/drafting/review.py): what a dropped or renamed proposal does to the
references to it, the refusals before writing, and where a proposal's words stand in its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from organizer.domain.enums import RecordKind
from organizer.domain.errors import ValidationError
from organizer.services import browse, visits
from organizer.services.drafting import review
from organizer.services.drafting.writing import write_draft
from organizer.store import Database

ARTICLE = (Path(__file__).resolve().parents[1] / "data" / "reports" / "visit-article.txt").read_text(encoding="utf-8")


def test_dropping_a_person_and_an_institution_leaves_no_reference_to_them(demo_db: Database) -> None:
    drafted = review.draft_for_review(demo_db, ARTICLE)
    draft = drafted.draft
    assert drafted.label(RecordKind.PERSON, draft.people[0].existing_id).startswith("Evgeny Korzhikov")
    kfu = next(n for n, i in enumerate(draft.institutions) if i.name == "Kazan Federal University")
    pashin = next(n for n, p in enumerate(draft.people) if p.full_name == "D. Pashin")
    out = review.accepted(draft, [("people", pashin), ("institutions", kfu), ("topics", 0)])
    assert "D. Pashin" not in {p.full_name for p in out.people}
    assert all("D. Pashin" not in m.participants for m in out.meetings)
    assert "Kazan Federal University" not in {i.name for i in out.institutions}
    assert {i.parent for i in out.institutions} == {None}  # its units now stand alone
    assert "Kazan Federal University" not in out.visit.host_institutions
    assert {p.institution for p in out.people if p.full_name == "Ilnur Khairullin"} == {""}
    assert out.visit.topics == draft.visit.topics[1:]
    assert len(draft.people) == 6  # the reviewed draft itself is left as it was


def test_renames_follow_into_meetings_parents_and_people(demo_db: Database) -> None:
    draft = review.draft_for_review(demo_db, ARTICLE).draft
    review.rename_person(draft, 0, "Yevgeny Korzhikov")
    assert all("Evgeny Korzhikov" not in m.participants for m in draft.meetings)
    assert "Yevgeny Korzhikov" in draft.meetings[0].participants
    kfu = next(n for n, i in enumerate(draft.institutions) if i.name == "Kazan Federal University")
    review.rename_institution(draft, kfu, "Kazan (Volga Region) Federal University")
    assert {i.parent for i in draft.institutions if i.parent} == {"Kazan (Volga Region) Federal University"}
    assert "Kazan (Volga Region) Federal University" in draft.visit.host_institutions


def test_refusals_write_nothing(demo_db: Database) -> None:
    before = browse.record_counts(demo_db)
    draft = review.draft_for_review(demo_db, ARTICLE).draft
    draft.visit.start_date = "11.03.2025"
    draft.people[1].full_name = " "
    with pytest.raises(ValidationError) as refused:
        review.import_reviewed(demo_db, draft)
    assert {p.code for p in refused.value.issues.values()} == {"not_a_date", "empty_person"}
    assert browse.record_counts(demo_db) == before


def test_a_new_visit_chosen_in_review_gets_every_meeting(demo_db: Database) -> None:
    draft = review.draft_for_review(demo_db, ARTICLE).draft
    assert draft.visit.existing_id is not None and all(m.existing_id for m in draft.meetings)
    review.relink_visit(demo_db, draft, None)
    assert draft.visit.existing_id is None and not any(m.existing_id for m in draft.meetings)
    before = browse.record_counts(demo_db)
    written = review.import_reviewed(demo_db, draft)
    after = browse.record_counts(demo_db)
    assert after["visit"] == before["visit"] + 1 and after["meeting"] == before["meeting"] + 4
    assert after["person"] == before["person"]  # the people stay linked
    assert written.visit_id is not None
    relinked = review.relink_visit(demo_db, draft, written.visit_id)
    assert all(m.existing_id for m in relinked.draft.meetings)


def test_highlights_find_inflected_names_and_bridge_linking_words() -> None:
    sentence = "Встреча с президентом Академии наук Татарстана Рифкатом Миннихановым."
    spans = review.highlights(sentence, "Рифкат Минниханов", "президент", "Академия наук Татарстана")
    assert [sentence[a:b] for a, b in spans] == ["президентом Академии наук Татарстана Рифкатом Миннихановым"]
    english = 'Evgeny Korzhikov, First Deputy Chairman of the Management Board of JSC "Uzkhimyosanoat," visited.'
    marked = [english[a:b] for a, b in review.highlights(english, "Evgeny Korzhikov", "First Deputy Chairman")]
    assert marked == ["Evgeny Korzhikov, First Deputy Chairman"]
    assert review.highlights("", "x") == [] and review.highlights("The visit.", "") == []


def test_a_stored_visit_takes_the_accepted_topics_it_lacks(demo_db: Database) -> None:
    drafted = review.draft_for_review(demo_db, ARTICLE)
    draft = drafted.draft
    visit_id = draft.visit.existing_id
    assert visit_id is not None
    new = [t for t in draft.visit.topics if not drafted.topic_held(t)]
    assert new and drafted.topic_held("Petrochemicals")
    before = visits.get_visit(demo_db, visit_id).data.topics
    review.import_reviewed(demo_db, draft, [("topics", draft.visit.topics.index(t)) for t in new[1:]])
    assert visits.get_visit(demo_db, visit_id).data.topics == (*before, new[0])
    written = write_draft(demo_db, review.draft_for_review(demo_db, ARTICLE).draft)  # the CLI's writer: no topics
    assert sum(written.created.values()) == 0
    assert visits.get_visit(demo_db, visit_id).data.topics == (*before, new[0])


def test_a_report_file_is_read_as_its_prose(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text("<html><head><style>p {color: red}</style></head><body><h1>Delegation visits Kazan</h1>"
                    "<p>Evgeny Korzhikov, First Deputy Chairman of JSC &quot;Uzkhimyosanoat&quot;, visited.</p>"
                    "</body></html>", encoding="utf-8")
    text = review.report_text(page)
    assert "color" not in text and "<" not in text
    assert 'Evgeny Korzhikov, First Deputy Chairman of JSC "Uzkhimyosanoat", visited.' in text
    notes = tmp_path / "report.md"
    notes.write_text("# Delegation visits Kazan\n\n**Evgeny Korzhikov** met [the rector](https://kpfu.ru).\n",
                     encoding="utf-8")
    assert review.report_text(notes) == "Delegation visits Kazan\n\nEvgeny Korzhikov met the rector."
