"""Reviewing a draft before it is written (File > New visit from text in the app; issue 21, scope 3).

``draft_for_review(db, text)`` extracts and matches a report's text as ``organizer import`` does and adds the
labels of the records it was matched to. The reviewer then edits the draft (plain data): ``rename_person``
and ``rename_institution`` keep the references to a renamed proposal (a meeting's participants, a person's
institution, a unit's parent, the visit's sides) in step; ``relink_visit`` matches the meetings and
follow-ups again once another visit (or a new one) is chosen. ``import_reviewed`` writes what was accepted:
``accepted`` leaves out the dropped proposals and every reference to them, ``check`` refuses a draft the
writer could not write (an empty name, a date that is no date), then ``write_draft`` writes it in one
transaction, as the CLI does (and a stored visit takes the accepted topics it lacks). ``highlights`` tells
where a proposal's words stand in its source sentence.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date

from organizer.domain.enums import RecordKind
from organizer.domain.errors import Problem, ValidationError
from organizer.services import picking, visits
from organizer.services.drafting import draft_from_text, read_report
from organizer.services.drafting.matching import link_meetings, match
from organizer.services.drafting.model import Draft
from organizer.services.drafting.writing import DraftWritten, write_draft
from organizer.store.database import Database

SECTIONS = ("people", "institutions", "meetings", "topics", "followups")
"""The kinds of proposal a reviewer can drop: ``(section, index)`` names one (index into the draft's list;
``topics`` are the visit's)."""

_SHORT_WORDS = frozenset(("the", "of", "and", "for", "with", "at", "in", "on", "to", "a", "an", "by", "from",
                          "within", "и", "в", "во", "на", "по", "с", "со", "к", "о", "об", "из", "за", "для", "при",
                          "у"))


@dataclass
class ReviewDraft:
    """A matched draft and the labels of the stored records it names (``labels[kind][id]``)."""

    draft: Draft
    labels: dict[RecordKind, dict[int, str]] = field(default_factory=dict)
    visit_topics: frozenset[str] = frozenset()
    """The topics the stored visit (``draft.visit.existing_id``) holds, case-folded: an accepted topic it lacks
    is added to it."""

    def topic_held(self, topic: str) -> bool:
        return topic.strip().casefold() in self.visit_topics

    def label(self, kind: RecordKind, ident: int | None) -> str:
        return "" if ident is None else self.labels.get(kind, {}).get(ident, f"#{ident}")


def report_text(path: object) -> str:
    """A report file's prose (.txt, .md, .html): what the app shows to be drafted from."""
    from pathlib import Path

    from organizer.services.drafting import plain_text

    return plain_text(read_report(Path(str(path)))).strip()


def draft_for_review(db: Database, text: str, check: Callable[[], None] | None = None) -> ReviewDraft:
    """The matched draft of ``text`` with the labels of the records matched (nothing written).
    ``check()`` is called between the steps (a worker's cancel raises there)."""
    draft = draft_from_text(text)
    if check is not None:
        check()
    match(db, draft)
    if check is not None:
        check()
    return ReviewDraft(draft, labels_of(db, draft), topics_of(db, draft.visit.existing_id))


def topics_of(db: Database, visit_id: int | None) -> frozenset[str]:
    """The topics of the stored visit ``visit_id``, case-folded (none for a new visit)."""
    return frozenset() if visit_id is None else frozenset(
        t.casefold() for t in visits.get_visit(db, visit_id).data.topics)


def labels_of(db: Database, draft: Draft) -> dict[RecordKind, dict[int, str]]:
    """How the pickers name each stored record the draft is matched to."""
    wanted = {RecordKind.PERSON: [p.existing_id for p in draft.people],
              RecordKind.INSTITUTION: [i.existing_id for i in draft.institutions],
              RecordKind.VISIT: [draft.visit.existing_id],
              RecordKind.MEETING: [m.existing_id for m in draft.meetings]}
    return {kind: picking.labels(db, kind, [i for i in ids if i is not None]) for kind, ids in wanted.items()}


def relink_visit(db: Database, draft: Draft, visit_id: int | None) -> ReviewDraft:
    """The draft going into the visit ``visit_id`` (None: a new visit), its meetings and follow-ups matched
    to that visit's (a new visit: all new)."""
    draft.visit.existing_id = visit_id
    for meeting in draft.meetings:
        meeting.existing_id = None
    for followup in draft.followups:
        followup.existing_id = None
    if visit_id is not None:
        link_meetings(db, draft)
    return ReviewDraft(draft, labels_of(db, draft), topics_of(db, visit_id))


# --- edits that keep the references in step -------------------------------------------------------

def rename_person(draft: Draft, index: int, name: str) -> None:
    """The person ``index`` is called ``name`` now, in the meetings' participants too."""
    person = draft.people[index]
    old, person.full_name = person.full_name, name
    for meeting in draft.meetings:
        meeting.participants = [name if p == old else p for p in meeting.participants]


def rename_institution(draft: Draft, index: int, name: str) -> None:
    """The institution ``index`` is called ``name`` now, wherever the draft names it."""
    inst = draft.institutions[index]
    old, inst.name = inst.name, name
    _replace_institution(draft, old, name)


def _same(a: str | None, b: str) -> bool:
    return a is not None and a.casefold() == b.casefold()


def _replace_institution(draft: Draft, old: str, new: str | None) -> None:
    for person in draft.people:
        if _same(person.institution, old):
            person.institution = new or ""
    for inst in draft.institutions:
        if _same(inst.parent, old):
            inst.parent = new
    for meeting in draft.meetings:
        if _same(meeting.institution, old):
            meeting.institution = new
    visit = draft.visit
    if _same(visit.guest_institution, old):
        visit.guest_institution = new
    hosts = [new if _same(h, old) else h for h in visit.host_institutions]
    visit.host_institutions = [h for h in dict.fromkeys(hosts) if h]


# --- what is written -------------------------------------------------------------------------------

def accepted(draft: Draft, dropped: Collection[tuple[str, int]]) -> Draft:
    """A copy of ``draft`` without the ``dropped`` proposals: a dropped person leaves the meetings, a dropped
    institution's units go under its parent and the people at it get no position, a dropped topic leaves
    the meetings' topics too."""
    out = copy.deepcopy(draft)
    gone = {section: {i for s, i in dropped if s == section} for section in SECTIONS}
    names = {p.full_name for n, p in enumerate(out.people) if n in gone["people"]}
    out.people = [p for n, p in enumerate(out.people) if n not in gone["people"]]
    for meeting in out.meetings:
        meeting.participants = [p for p in meeting.participants if p not in names]
    for n in sorted(gone["institutions"]):
        inst = draft.institutions[n]
        _replace_institution(out, inst.name, inst.parent)
    out.institutions = [i for n, i in enumerate(out.institutions) if n not in gone["institutions"]]
    topics = {t for n, t in enumerate(out.visit.topics) if n in gone["topics"]}
    out.visit.topics = [t for t in out.visit.topics if t not in topics]
    for meeting in out.meetings:
        meeting.topics = [t for t in meeting.topics if t not in topics]
    out.meetings = [m for n, m in enumerate(out.meetings) if n not in gone["meetings"]]
    out.followups = [f for n, f in enumerate(out.followups) if n not in gone["followups"]]
    return out


def _date(value: str | None) -> bool:
    try:
        return value is None or bool(date.fromisoformat(value))
    except ValueError:
        return False


def check(draft: Draft) -> None:
    """Refuse (``ValidationError``; each problem's code names it) a draft the writer cannot write as the
    reviewer meant it."""
    problems: dict[str, Problem] = {}
    visit = draft.visit
    if not visit.title.strip() and visit.existing_id is None:
        problems["title"] = Problem("visit_title", "the visit needs a title")
    for name, value in (("start_date", visit.start_date), ("end_date", visit.end_date)):
        if not _date(value):
            problems[name] = Problem("not_a_date", f"{value!r} is not a date (YYYY-MM-DD)", {"value": value})
    if visit.start_date and visit.end_date and _date(visit.start_date) and _date(visit.end_date) \
            and visit.end_date < visit.start_date:
        problems["end_date"] = Problem("visit_ends_early", "the visit ends before it starts")
    if any(not p.full_name.strip() for p in draft.people):
        problems["people"] = Problem("empty_person", "a person's name is empty")
    elif len({p.full_name for p in draft.people}) < len(draft.people):
        problems["people"] = Problem("same_person", "two people have the same name: drop one")
    if any(not i.name.strip() for i in draft.institutions):
        problems["institutions"] = Problem("empty_institution", "an institution's name is empty")
    if any(not m.title.strip() for m in draft.meetings):
        problems["meetings"] = Problem("empty_meeting", "a meeting's title is empty")
    if any(not f.description.strip() for f in draft.followups):
        problems["followups"] = Problem("empty_followup", "a follow-up's description is empty")
    if problems:
        raise ValidationError(problems)


def import_reviewed(db: Database, draft: Draft, dropped: Collection[tuple[str, int]] = ()) -> DraftWritten:
    """Write the reviewed draft without its dropped proposals, in one transaction (nothing on a refusal)."""
    final = accepted(draft, dropped)
    final.visit.topics = [t.strip() for t in final.visit.topics if t.strip()]
    check(final)
    return write_draft(db, final, add_topics=True)  # each topic was accepted: a stored visit takes it too


# --- the source sentence -------------------------------------------------------------------------

def _stem(word: str) -> str:
    """A word without an ending it may take in the sentence (Russian cases: Коржиков/Коржикова)."""
    return word if len(word) <= 4 else word[:max(4, len(word) - 2)]


def highlights(sentence: str, *texts: str) -> list[tuple[int, int]]:
    """(start, end) of the words of ``sentence`` that the proposal's ``texts`` hold (by stem, so an inflected
    name counts; short linking words do not), merged where they touch, in order."""
    stems = {_stem(w) for text in texts for w in re.findall(r"\w+", text.casefold())
             if w not in _SHORT_WORDS and len(w) > 1}
    spans: list[tuple[int, int]] = []
    for found in re.finditer(r"\w+", sentence):
        word = found.group().casefold()
        if word in _SHORT_WORDS or not any(word.startswith(s) for s in stems if len(s) <= len(word)):
            continue
        start, end = found.span()
        gap = sentence[spans[-1][1]:start] if spans else "x"
        if len(gap) <= 12 and all(w.casefold() in _SHORT_WORDS for w in re.findall(r"\w+", gap)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
