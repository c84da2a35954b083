"""Briefing assembly: everything a briefing, a dossier or a thank-you letter prints, gathered in one read.

Each public call opens one read-only session and returns a plain data object from
``organizer.domain.briefing``; the PDF layouts in ``organizer.briefing`` never see the database.

Queries are batched by kind, not by participant: a visit with 30 participants and hundreds of earlier
meetings costs a fixed dozen queries (people with their names, positions and topics; their visit and
meeting history; the meetings with attendees; institutions and their parents level by level; key
people; follow-ups; earlier visits of the institutions).

Longer than 500 lines: finding a visit, the shared batched reads, and the three document kinds
(visit briefing, dossiers, thank-you letters) each in a section; the reads are shared by all three, and
issue 16 scope 5 (one service that assembles, renders and writes a document) is where it gets split.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, time
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, selectinload, undefer

from organizer.domain.briefing import (
    Attendee,
    BriefAgreement,
    BriefFollowUp,
    BriefGift,
    BriefInstitution,
    BriefMeeting,
    BriefPerson,
    BriefProgrammeItem,
    Encounter,
    HeldPosition,
    InstitutionDossier,
    LetterCandidate,
    LetterRecipient,
    PersonDossier,
    ThankYouLetters,
    VisitBriefing,
    localized,
)
from organizer.domain.enums import (
    AgreementKind,
    AgreementStatus,
    FollowUpStatus,
    GiftDirection,
    InstitutionKind,
    MeetingKind,
    ParticipantRole,
    ProgrammeItemKind,
    RecordKind,
    Side,
    VisitDirection,
    VisitStatus,
)
from organizer.domain.errors import AmbiguousError, NotFoundError, Problem, ValidationError, excerpt
from organizer.domain.fields import PERSON, from_column
from organizer.domain.records import ContactEntry, Logistics, NameVariant
from organizer.domain.scripts import NameParts, honorific_in, in_script, language_mark, name_parts, romanize
from organizer.domain.variants import from_mapping, text_in, variant
from organizer.services._checks import MAX_ID, valid_id
from organizer.services._records import fetch
from organizer.services.institutions import MAX_DEPTH as MAX_INSTITUTION_DEPTH
from organizer.services.positions import sorted_positions
from organizer.store import models as m
from organizer.store.database import Database

_ROLE_RANK = {
    ParticipantRole.HEAD_OF_DELEGATION: 0,
    ParticipantRole.HOST_LEAD: 0,
    ParticipantRole.MEMBER: 1,
    ParticipantRole.HOST: 1,
    ParticipantRole.PRESENTER: 2,
    ParticipantRole.ESCORT: 3,
    ParticipantRole.INTERPRETER: 4,
}


# --- finding a visit -----------------------------------------------------------------------------


def _as_id(ref: str) -> int | None:
    """``ref`` as a record id if it is written as one (ASCII digits, within the ids' integer range): a
    5,000-digit number is a title to look for, not an int to convert."""
    if not (ref.isascii() and ref.isdigit()) or len(ref) > len(str(MAX_ID)):
        return None
    number = int(ref)
    return number if valid_id(number) else None


def resolve_visit(db: Database, ref: str) -> int:
    """A visit id from an id or a unique part of the title (case-insensitive).

    Raises NotFoundError when nothing matches and AmbiguousError (with the candidates) when several do;
    an exact title match wins over partial ones.
    """
    ref = ref.strip()
    with db.reader() as session:
        ident = _as_id(ref)
        if ident is not None and session.get(m.Visit, ident) is not None:
            return ident
        rows = session.execute(select(m.Visit.id, m.Visit.title, m.Visit.start_date).order_by(m.Visit.id)).all()
    needle = ref.casefold()
    exact = [r for r in rows if r.title.casefold() == needle]
    if len(exact) == 1:
        return int(exact[0].id)
    found = [r for r in rows if needle and needle in r.title.casefold()]
    if not found:
        err = NotFoundError(RecordKind.VISIT, ref)
        err.args = (f"no visit has the id or a title containing {excerpt(ref, 80)!r}",)
        raise err
    if len(found) > 1:
        raise AmbiguousError(RecordKind.VISIT, ref, [
            (int(r.id), f"{r.title} ({r.start_date.isoformat() if r.start_date else 'no date'})") for r in found
        ])
    return int(found[0].id)


# --- shared pieces -------------------------------------------------------------------------------


def position_at(positions: Iterable[m.Position], when: date | None) -> m.Position | None:
    """The position held on ``when``: one whose dates cover the day (the latest start if several),
    else the current one, else the newest. Without a date, the current one."""
    ordered = sorted_positions(positions)
    if not ordered:
        return None
    if when is not None:
        covering = [
            p for p in ordered
            if (p.start_date is None or p.start_date <= when) and (p.end_date is None or p.end_date >= when)
            and (p.start_date is not None or p.end_date is not None or p.is_current)
        ]
        if covering:
            return max(covering, key=lambda p: (p.start_date or date.min, p.is_current))
        started = [p for p in ordered if p.start_date is not None and p.start_date <= when]
        if started and not any(p.is_current and p.start_date is None for p in ordered):
            return max(started, key=lambda p: p.start_date or date.min)
    return ordered[0]


def _variants(names: Iterable[m.PersonName | m.InstitutionName]) -> tuple[NameVariant, ...]:
    return tuple(NameVariant(n.name, n.script, n.language) for n in names)


def _other_names(inst: m.Institution, lang: str) -> tuple[NameVariant, ...]:
    """The other names of the institution in the reader's script (a one-language document shows no other
    script): the primary name first when a variant is shown."""
    shown = _iname(inst, lang)
    variants = _variants(inst.names)
    if shown != inst.name:
        variants = (NameVariant(inst.name), *variants)
    return _same_script(variants, shown, lang)


def _iname(inst: m.Institution, lang: str) -> str:
    """The institution's name in the document's language (a stored variant), else its primary name;
    a Cyrillic name with no Latin variant is romanized for a Latin reader (``domain.scripts``), while a
    Russian reader gets a Latin name as it is (Russian texts cite foreign organizations in Latin).

    Callers load ``Institution.names`` with the institution (``selectinload``) so this costs no query."""
    if lang == "en" and in_script(inst.name, lang):
        return inst.name
    shown = localized(inst.name, _variants(inst.names), lang)
    return romanize(shown) if lang == "en" else shown


def _txt(text: str | None, variants: object, field: str, lang: str) -> str:
    """A short text (title, place, topic...) for a reader of ``lang``: its variant in ``lang``, else the
    text as entered (``domain.variants.text_in``)."""
    return text_in(text or "", from_mapping(variants if isinstance(variants, dict) else None), field, lang).text


def _tx(row: object, field: str, lang: str) -> str:
    """``row.field`` for a reader of ``lang`` (a row with a ``variants`` column)."""
    return _txt(getattr(row, field), getattr(row, "variants", None), field, lang)


def _place(row: object, field: str, lang: str) -> str:
    """A place name (city, country) for a reader of ``lang``: its variant, else as entered, romanized for a
    Latin reader when it is Cyrillic (a proper name, like people's)."""
    text = _tx(row, field, lang)
    return romanize(text) if lang == "en" else text


def _lt(row: object, field: str, lang: str) -> str:
    """A long text (objectives, biography...) for a reader of ``lang``: its variant, else the text as
    entered, marked with its language when that is another one ("[in Russian] ...")."""
    return _long(getattr(row, field), getattr(row, "variants", None), field, lang)


def _logistics(v: m.Visit, name: str, lang: str) -> str:
    """A visit's logistics text for a reader of ``lang``: its variants are the visit's, by path
    (``logistics.lodging``)."""
    return _long(getattr(v, name), v.variants, f"logistics.{name}", lang)


def _long(text: str | None, variants: object, field: str, lang: str) -> str:
    found = text_in(text or "", from_mapping(variants if isinstance(variants, dict) else None), field, lang)
    if not found.fallback or not found.text.strip():
        return found.text
    return f"[{language_mark(found.lang, lang)}] {found.text}"


def _pname(p: m.Person, lang: str) -> str:
    """The person's name for a reader of ``lang``, in that script (``domain.scripts.name_parts``): as
    entered when it is in that script (Russian lists: «Фамилия Имя Отчество»), else a stored variant,
    else the automatic spelling. Callers load ``Person.names``."""
    return _parts(p, lang).listed()


def _parts(p: m.Person, lang: str) -> NameParts:
    return name_parts(lang, p.given_name, p.family_name, p.middle_name, _variants(p.names), p.display_name,
                      from_mapping(p.variants if isinstance(p.variants, dict) else None))


def _honorific(p: m.Person, lang: str, *, courtesy: bool = True) -> str:
    """What is said before the name in ``lang``: the academic title («академик», "Professor"), else the
    honorific («господин», "Mr"; with ``courtesy``), each from its variant or the table of known ones."""
    for field, allow in (("academic_title", True), ("honorific", courtesy)):
        stored = getattr(p, field, "") or ""
        own = variant(from_mapping(p.variants if isinstance(p.variants, dict) else None), field, lang)
        if own:
            return own
        found = honorific_in(stored, lang, courtesy=allow) if stored.strip() else ""
        if found:
            return found
    return ""


def _same_script(variants: Iterable[NameVariant], shown: str, lang: str) -> tuple[NameVariant, ...]:
    """The other spellings a one-language document may show: those in the reader's script."""
    return tuple(v for v in variants if v.name.strip() and v.name.strip() != shown and in_script(v.name, lang))


def _load_people(session: Session, ids: Sequence[int]) -> dict[int, m.Person]:
    if not ids:
        return {}
    q = select(m.Person).where(m.Person.id.in_(ids)).options(
        undefer(m.Person.photo),
        selectinload(m.Person.names),
        selectinload(m.Person.topics),
        selectinload(m.Person.positions).selectinload(m.Position.institution).selectinload(m.Institution.names),
    )
    return {p.id: p for p in session.scalars(q)}


def _history(session: Session, ids: Sequence[int], exclude_visit: int | None,
             before: date | None, lang: str = "en") -> dict[int, list[Encounter]]:
    """Earlier visits and meetings of each person, oldest first (two queries for all of them)."""
    result: dict[int, list[Encounter]] = defaultdict(list)
    if not ids:
        return result
    vq = (select(m.VisitParticipant.person_id, m.Visit.id, m.Visit.title, m.Visit.start_date, m.Visit.summary,
                 m.Visit.variants)
          .join(m.Visit, m.Visit.id == m.VisitParticipant.visit_id)
          .where(m.VisitParticipant.person_id.in_(ids)))
    for pid, vid, title, start, summary, variants in session.execute(vq):
        if vid == exclude_visit or (before is not None and start is not None and start >= before):
            continue
        result[pid].append(Encounter(RecordKind.VISIT, _txt(title, variants, "title", lang), start,
                                     _long(summary, variants, "summary", lang),
                                     at=datetime.combine(start, time.min) if start else None))
    parent = m.Visit.__table__.alias("parent_visit")
    mq = (select(m.MeetingParticipant.person_id, m.Meeting.visit_id, m.Meeting.title, m.Meeting.starts_at,
                 m.Meeting.outcomes, m.Meeting.variants, parent.c.title, parent.c.variants)
          .join(m.Meeting, m.Meeting.id == m.MeetingParticipant.meeting_id)
          .outerjoin(parent, parent.c.id == m.Meeting.visit_id)
          .where(m.MeetingParticipant.person_id.in_(ids)))
    for pid, vid, title, starts, outcomes, variants, vtitle, vvariants in session.execute(mq):
        when = starts.date() if starts else None
        if (exclude_visit is not None and vid == exclude_visit) or (
                before is not None and when is not None and when >= before):
            continue
        result[pid].append(Encounter(RecordKind.MEETING, _txt(title, variants, "title", lang), when,
                                     _long(outcomes, variants, "outcomes", lang),
                                     _txt(vtitle, vvariants, "title", lang) if vtitle else None, at=starts))
    for items in result.values():
        items.sort(key=chronological)
    return result


def chronological(e: Encounter) -> tuple[date, bool, datetime, str]:
    """Oldest first; on one day the visit before its meetings, the meetings by their time (then title)."""
    return (e.when or date.min, e.kind != RecordKind.VISIT, e.at or datetime.min, e.title.casefold())


def _brief_person(p: m.Person, when: date | None, *, side: Side | None = None, role: ParticipantRole | None = None,
                  precedence: int = 0, history: Sequence[Encounter] = (), lang: str = "en") -> BriefPerson:
    pos = position_at(p.positions, when)
    shown = _pname(p, lang)
    foa = _tx(p, "form_of_address", lang)
    return BriefPerson(
        id=p.id, full_name=shown, side=side, role=role, precedence=precedence,
        honorific=_honorific(p, lang, courtesy=lang == "en"),
        form_of_address=foa if in_script(foa, lang) else "",
        facts=tuple((f.name, from_column(f, getattr(p, f.attr))) for f in PERSON.briefed),
        title=_tx(pos, "title", lang) if pos else None, institution=_iname(pos.institution, lang) if pos else None,
        name_variants=_same_script(_variants(p.names), shown, lang), languages=tuple(p.languages or ()),
        biography=_lt(p, "biography", lang),
        dietary_needs=p.dietary_needs, interpreter_needs=p.interpreter_needs,
        photo=p.photo, topics=tuple(_tx(t, "name", lang) for t in p.topics), history=tuple(history),
    )


def _precedence_key(p: BriefPerson) -> tuple[int, int, str]:
    return (p.precedence or 10**6, _ROLE_RANK.get(p.role, 5) if p.role else 5, p.full_name.casefold())


def _institutions(session: Session, wanted: dict[int, Side | None], lang: str = "en") -> list[BriefInstitution]:
    """The institutions with their whole parent chain, in tree order (each parent before its units)."""
    loaded: dict[int, m.Institution] = {}
    todo = set(wanted)
    while todo:
        q = select(m.Institution).where(m.Institution.id.in_(todo)).options(
            selectinload(m.Institution.names), selectinload(m.Institution.topics))
        batch = list(session.scalars(q))
        loaded.update((i.id, i) for i in batch)
        todo = {i.parent_id for i in batch if i.parent_id is not None and i.parent_id not in loaded}
    key_people: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if loaded:
        kq = (select(m.Position).where(m.Position.institution_id.in_(loaded), m.Position.is_current.is_(True))
              .options(selectinload(m.Position.person).selectinload(m.Person.names)).order_by(m.Position.id))
        for pos in session.scalars(kq):
            key_people[pos.institution_id].append((_pname(pos.person, lang), _tx(pos, "title", lang)))

    def path(inst: m.Institution) -> tuple[str, ...]:
        names: list[str] = []
        cur: m.Institution | None = inst
        while cur is not None and len(names) <= MAX_INSTITUTION_DEPTH:
            names.append(_iname(cur, lang))
            cur = loaded.get(cur.parent_id) if cur.parent_id is not None else None
        return tuple(reversed(names))

    # Side of a parent that was not itself listed: the side of its listed units.
    sides: dict[int, Side | None] = dict(wanted)
    for ident in wanted:
        cur = loaded.get(ident)
        seen = {ident}
        while cur is not None and cur.parent_id is not None and cur.parent_id not in seen:  # a cycle ends it
            seen.add(cur.parent_id)
            sides.setdefault(cur.parent_id, wanted[ident])
            cur = loaded.get(cur.parent_id)

    children: dict[int | None, list[m.Institution]] = defaultdict(list)
    for inst in loaded.values():
        children[inst.parent_id if inst.parent_id in loaded else None].append(inst)
    side_rank = {Side.GUEST: 0, Side.HOST: 1, None: 2}
    ordered: list[BriefInstitution] = []

    def units(parent: int | None) -> list[m.Institution]:
        return sorted(children.get(parent, ()), key=lambda i: (side_rank[sides.get(i.id)], i.name.casefold()))

    stack = units(None)[::-1]  # tree order without recursion: a chain of any depth
    while stack:
        inst = stack.pop()
        ordered.append(BriefInstitution(
            id=inst.id, name=_iname(inst, lang), kind=InstitutionKind(inst.kind), short_name=inst.short_name,
            side=sides.get(inst.id), path=path(inst), parent_id=inst.parent_id,
            name_variants=_other_names(inst, lang), country=_place(inst, "country", lang),
            city=_place(inst, "city", lang),
            website=inst.website, profile=_lt(inst, "profile", lang),
            topics=tuple(_tx(t, "name", lang) for t in inst.topics),
            key_people=tuple(key_people.get(inst.id, ())),
        ))
        stack.extend(units(inst.id)[::-1])
    return ordered


def _followups(session: Session, *conditions: object, open_only: bool, lang: str = "en") -> list[BriefFollowUp]:
    conds = [c for c in conditions if c is not None]
    if not conds:
        return []
    q = select(m.FollowUp).where(or_(*conds)).options(  # type: ignore[arg-type]
        selectinload(m.FollowUp.owner_person).selectinload(m.Person.names),
        selectinload(m.FollowUp.owner_institution).selectinload(m.Institution.names),
        selectinload(m.FollowUp.visit), selectinload(m.FollowUp.meeting))
    if open_only:
        q = q.where(m.FollowUp.status == FollowUpStatus.OPEN.value)
    q = q.order_by(m.FollowUp.due_date.is_(None), m.FollowUp.due_date, m.FollowUp.id)
    result = []
    for f in session.scalars(q):
        owners = [_pname(f.owner_person, lang) if f.owner_person else None,
                  _iname(f.owner_institution, lang) if f.owner_institution else None]
        result.append(BriefFollowUp(
            id=f.id, description=_tx(f, "description", lang), status=FollowUpStatus(f.status), due_date=f.due_date,
            owner=", ".join(o for o in owners if o) or None,
            visit_title=_tx(f.visit, "title", lang) if f.visit else None,
            meeting_title=_tx(f.meeting, "title", lang) if f.meeting else None,
            notes=_lt(f, "notes", lang), done_on=f.done_on, done_note=_tx(f, "done_note", lang),
        ))
    return result


def _meetings(session: Session, visit_id: int, lang: str = "en") -> list[BriefMeeting]:
    q = (select(m.Meeting).where(m.Meeting.visit_id == visit_id)
         .options(selectinload(m.Meeting.venue).selectinload(m.Institution.names), selectinload(m.Meeting.topics),
                  selectinload(m.Meeting.participants).selectinload(m.MeetingParticipant.person)
                  .selectinload(m.Person.positions).selectinload(m.Position.institution),
                  selectinload(m.Meeting.participants).selectinload(m.MeetingParticipant.person)
                  .selectinload(m.Person.names))
         .order_by(m.Meeting.starts_at.is_(None), m.Meeting.starts_at, m.Meeting.id))
    result = []
    for mt in session.scalars(q):
        when = mt.starts_at.date() if mt.starts_at else None
        attendees = []
        for mp in mt.participants:
            pos = position_at(mp.person.positions, when)
            attendees.append(Attendee(_pname(mp.person, lang), _tx(pos, "title", lang) if pos else None, Side(mp.side),
                                      ParticipantRole(mp.role)))
        attendees.sort(key=lambda a: (a.side is not Side.GUEST, _ROLE_RANK.get(a.role, 5)))
        result.append(BriefMeeting(
            id=mt.id, title=_tx(mt, "title", lang), kind=MeetingKind(mt.kind), starts_at=mt.starts_at,
            ends_at=mt.ends_at, venue=_iname(mt.venue, lang) if mt.venue else None, room=_tx(mt, "room", lang),
            attendees=tuple(attendees), objectives=_lt(mt, "objectives", lang),
            talking_points=_lt(mt, "talking_points", lang), agenda=_lt(mt, "agenda", lang),
            notes=_lt(mt, "notes", lang), outcomes=_lt(mt, "outcomes", lang),
            topics=tuple(_tx(t, "name", lang) for t in mt.topics),
        ))
    return result


def _agreements(session: Session, *conditions: object, lang: str = "en") -> list[BriefAgreement]:
    """The agreements any of ``conditions`` selects, newest signed first (unsigned last), with their parties'
    and signatories' names in ``lang``: one statement and its loads."""
    conds = [c for c in conditions if c is not None]
    if not conds:
        return []
    q = (select(m.Agreement).where(or_(*conds))  # type: ignore[arg-type]
         .options(selectinload(m.Agreement.parties).selectinload(m.AgreementParty.institution)
                  .selectinload(m.Institution.names),
                  selectinload(m.Agreement.signatories).selectinload(m.AgreementSignatory.person)
                  .selectinload(m.Person.names))
         .order_by(m.Agreement.signed_date.is_(None), m.Agreement.signed_date.desc(), m.Agreement.id))
    found = list(session.scalars(q))
    visits = {v.id: v for v in session.scalars(select(m.Visit).where(
        m.Visit.id.in_({a.visit_id for a in found if a.visit_id is not None})))} if found else {}
    return [BriefAgreement(
        id=a.id, title=_tx(a, "title", lang), kind=AgreementKind(a.kind), status=AgreementStatus(a.status),
        signed_date=a.signed_date, signed_place=_place(a, "signed_place", lang), valid_until=a.valid_until,
        parties=tuple(_iname(p.institution, lang) for p in a.parties),
        signatories=tuple(_pname(s.person, lang) for s in a.signatories), summary=_lt(a, "summary", lang),
        visit_title=_tx(visits[a.visit_id], "title", lang) if a.visit_id in visits else None,
    ) for a in found]


def _in_force(when: date | None, until: date | None) -> list[ColumnElement[bool]]:
    """Signed agreements not expired at ``when`` (signed by ``until``, when known)."""
    a = m.Agreement
    cond = [a.status == AgreementStatus.SIGNED.value]
    if when is not None:
        cond.append(or_(a.valid_until.is_(None), a.valid_until >= when))
    if until is not None:
        cond.append(or_(a.signed_date.is_(None), a.signed_date <= until))
    return cond


def _programme(session: Session, visit_id: int, lang: str = "en") -> list[BriefProgrammeItem]:
    """The visit's programme items that are not meetings, in time order, with their escorts' names."""
    q = (select(m.ProgrammeItem).where(m.ProgrammeItem.visit_id == visit_id)
         .order_by(m.ProgrammeItem.starts_at.is_(None), m.ProgrammeItem.starts_at, m.ProgrammeItem.id))
    items = list(session.scalars(q))
    escorts = _load_people(session, sorted({i.escort_person_id for i in items if i.escort_person_id is not None}))
    return [BriefProgrammeItem(
        id=i.id, kind=ProgrammeItemKind(i.kind), title=_tx(i, "title", lang), starts_at=i.starts_at,
        ends_at=i.ends_at, place=_tx(i, "place", lang),
        escort=_pname(escorts[i.escort_person_id], lang) if i.escort_person_id in escorts else None,
        transport=_lt(i, "transport", lang), notes=_lt(i, "notes", lang)) for i in items]


def _our_side(direction: VisitDirection) -> Side:
    return Side.HOST if direction is VisitDirection.INCOMING else Side.GUEST


def _office(v: m.Visit, institutions: Sequence[BriefInstitution]) -> str:
    """Our side's first listed institution, named by its top-level institution."""
    ours = _our_side(VisitDirection(v.direction))
    by_id = {i.id: i for i in institutions}
    for vi in v.institutions:
        if Side(vi.side) is ours and vi.institution_id in by_id:
            return by_id[vi.institution_id].path[0]
    return ""


# --- the visit briefing --------------------------------------------------------------------------


def visit_briefing(db: Database, visit_id: int, *, issuing_office: str | None = None,
                   now: datetime | None = None, lang: str = "en", prepared_by: str = "") -> VisitBriefing:
    """Everything the pre-visit briefing and the post-visit report of one visit print.

    Institution names (also in positions, paths, venues and follow-up owners) are given in ``lang`` where
    the data has a name variant in that language, else as stored."""
    with db.reader() as session:
        v = fetch(session, m.Visit, visit_id, RecordKind.VISIT)
        when = v.start_date
        direction = VisitDirection(v.direction)
        parts = list(v.participants)
        ids = [p.person_id for p in parts]
        people = _load_people(session, ids)
        history = _history(session, ids, v.id, when, lang)
        guests: list[BriefPerson] = []
        hosts: list[BriefPerson] = []
        for part in parts:
            side = Side(part.side)
            bp = _brief_person(people[part.person_id], when, side=side, role=ParticipantRole(part.role),
                               precedence=part.precedence, history=history.get(part.person_id, ()), lang=lang)
            (guests if side is Side.GUEST else hosts).append(bp)
        guests.sort(key=_precedence_key)
        hosts.sort(key=_precedence_key)

        meetings = _meetings(session, v.id, lang)
        wanted: dict[int, Side | None] = {vi.institution_id: Side(vi.side) for vi in v.institutions}
        venue_ids = session.scalars(select(m.Meeting.venue_institution_id).where(
            m.Meeting.visit_id == v.id, m.Meeting.venue_institution_id.is_not(None))).all()
        for vid in venue_ids:
            if vid is not None:
                wanted.setdefault(vid, Side.HOST if direction is VisitDirection.INCOMING else Side.GUEST)
        for part in parts:  # the participants' own institutions (at the time of the visit) are involved too
            pos = position_at(people[part.person_id].positions, when)
            if pos is not None:
                wanted.setdefault(pos.institution_id, Side(part.side))
        institutions = _institutions(session, wanted, lang)
        inst_ids = [i.id for i in institutions]
        meeting_ids = [mt.id for mt in meetings]

        agreed = _followups(
            session, m.FollowUp.visit_id == v.id,
            m.FollowUp.meeting_id.in_(meeting_ids) if meeting_ids else None, open_only=False, lang=lang)
        open_followups = _followups(
            session,
            m.FollowUp.owner_person_id.in_(ids) if ids else None,
            m.FollowUp.owner_institution_id.in_(inst_ids) if inst_ids else None,
            m.FollowUp.visit_id == v.id,
            m.FollowUp.meeting_id.in_(meeting_ids) if meeting_ids else None,
            open_only=True, lang=lang)

        relations: list[Encounter] = []
        if inst_ids:
            involved = select(m.VisitInstitution.visit_id).where(m.VisitInstitution.institution_id.in_(inst_ids))
            rq = select(m.Visit).where(m.Visit.id.in_(involved), m.Visit.id != v.id)  # no DISTINCT over JSON
            for earlier in session.scalars(rq):
                start = earlier.start_date
                if when is None or start is None or start < when:
                    relations.append(Encounter(RecordKind.VISIT, _tx(earlier, "title", lang), start,
                                               _lt(earlier, "summary", lang)))
            relations.sort(key=chronological)
        last_day = v.end_date or v.start_date
        party = m.Agreement.parties.any(m.AgreementParty.institution_id.in_(inst_ids)) if inst_ids else None
        agreements = _agreements(session, m.Agreement.visit_id == v.id, lang=lang)
        in_force = _agreements(session, and_(party, *_in_force(when, last_day)) if party is not None else None,
                               lang=lang)
        ours = hosts if _our_side(direction) is Side.HOST else guests

        names = {p.id: _pname(p, lang) for p in people.values()}
        gift_people = [g.person_id for g in v.gifts if g.person_id is not None and g.person_id not in names]
        if gift_people:
            names.update({p.id: _pname(p, lang) for p in session.scalars(
                select(m.Person).where(m.Person.id.in_(gift_people)).options(selectinload(m.Person.names)))})
        gifts = tuple(BriefGift(GiftDirection(g.direction), _tx(g, "description", lang),
                                names.get(g.person_id) if g.person_id is not None else None) for g in v.gifts)
        office = issuing_office or _office(v, institutions)
        return VisitBriefing(
            visit_id=v.id, title=_tx(v, "title", lang), direction=direction, status=VisitStatus(v.status),
            start_date=v.start_date, end_date=v.end_date, place=_tx(v, "place", lang),
            purpose=_lt(v, "purpose", lang), summary=_lt(v, "summary", lang),
            issuing_office=office, topics=tuple(_tx(t, "name", lang) for t in v.topics), guests=tuple(guests),
            hosts=tuple(hosts), institutions=tuple(institutions), meetings=tuple(meetings), agreed=tuple(agreed),
            open_followups=tuple(open_followups), relations=tuple(relations),
            logistics=Logistics(
                arrival_at=v.arrival_at, arrival_details=_logistics(v, "arrival_details", lang),
                departure_at=v.departure_at, departure_details=_logistics(v, "departure_details", lang),
                lodging=_logistics(v, "lodging", lang), transport=_logistics(v, "transport", lang),
                interpreter_needs=_logistics(v, "interpreter_needs", lang),
                dietary_needs=_logistics(v, "dietary_needs", lang)),
            gifts=gifts, generated_at=now or datetime.now(),
            desired_outcomes=_lt(v, "desired_outcomes", lang), key_messages=_lt(v, "key_messages", lang),
            sensitivities=_lt(v, "sensitivities", lang), programme=tuple(_programme(session, v.id, lang)),
            agreements=tuple(agreements), agreements_in_force=tuple(in_force),
            distribution=tuple(p.full_name for p in ours), prepared_by=prepared_by or db.user,
        )


# --- dossiers ------------------------------------------------------------------------------------


def person_dossier(db: Database, person_id: int, *, now: datetime | None = None, lang: str = "en") -> PersonDossier:
    with db.reader() as session:
        fetch(session, m.Person, person_id, RecordKind.PERSON)
        p = _load_people(session, [person_id])[person_id]
        history = _history(session, [person_id], None, None, lang).get(person_id, [])
        person = _brief_person(p, None, history=history, lang=lang)
        positions = tuple(HeldPosition(_tx(pos, "title", lang), _iname(pos.institution, lang), pos.institution_id,
                                       pos.start_date, pos.end_date, pos.is_current)
                          for pos in sorted_positions(p.positions))
        return PersonDossier(
            person=person, positions=positions,
            emails=tuple(ContactEntry(e.address, e.label) for e in p.emails),
            phones=tuple(ContactEntry(ph.number, ph.label) for ph in p.phones),
            notes=_lt(p, "notes", lang),
            open_followups=tuple(_followups(session, m.FollowUp.owner_person_id == person_id, open_only=True,
                                            lang=lang)),
            generated_at=now or datetime.now(),
            agreements=tuple(_agreements(session, m.Agreement.signatories.any(
                m.AgreementSignatory.person_id == person_id), lang=lang)),
        )


def institution_dossier(db: Database, institution_id: int, *, now: datetime | None = None,
                        lang: str = "en") -> InstitutionDossier:
    with db.reader() as session:
        obj = fetch(session, m.Institution, institution_id, RecordKind.INSTITUTION)
        brief = next(i for i in _institutions(session, {institution_id: None}, lang) if i.id == institution_id)
        units = tuple(sorted((_iname(c, lang) for c in session.scalars(
            select(m.Institution).where(m.Institution.parent_id == institution_id)
            .options(selectinload(m.Institution.names)))), key=str.casefold))
        pq = (select(m.Position).where(m.Position.institution_id == institution_id)
              .options(selectinload(m.Position.person).selectinload(m.Person.names)))
        people = tuple(
            HeldPosition(_tx(pos, "title", lang), _pname(pos.person, lang), pos.person_id, pos.start_date, pos.end_date,
                         pos.is_current)
            for pos in sorted_positions(session.scalars(pq)))
        its_visits = select(m.VisitInstitution.visit_id).where(m.VisitInstitution.institution_id == institution_id)
        vq = (select(m.Visit.title, m.Visit.start_date, m.Visit.summary, m.Visit.variants)
              .where(m.Visit.id.in_(its_visits)))
        visits = [Encounter(RecordKind.VISIT, _txt(t, vv, "title", lang), s, _long(summ, vv, "summary", lang),
                            at=datetime.combine(s, time.min) if s else None)
                  for t, s, summ, vv in session.execute(vq)]
        parent = m.Visit.__table__.alias("parent_visit")
        mq = (select(m.Meeting.title, m.Meeting.starts_at, m.Meeting.outcomes, m.Meeting.variants, parent.c.title,
                     parent.c.variants)
              .outerjoin(parent, parent.c.id == m.Meeting.visit_id)
              .where(m.Meeting.venue_institution_id == institution_id))
        visits += [Encounter(RecordKind.MEETING, _txt(t, mv, "title", lang), s.date() if s else None,
                             _long(o, mv, "outcomes", lang), _txt(vt, vv, "title", lang) if vt else None, at=s)
                   for t, s, o, mv, vt, vv in session.execute(mq)]
        visits.sort(key=chronological)
        return InstitutionDossier(
            institution=brief, address=_tx(obj, "address", lang), units=units, people=people, visits=tuple(visits),
            open_followups=tuple(_followups(session, m.FollowUp.owner_institution_id == institution_id,
                                            m.FollowUp.visit_id.in_(its_visits), open_only=True, lang=lang)),
            generated_at=now or datetime.now(),
            agreements=tuple(_agreements(session, m.Agreement.parties.any(
                m.AgreementParty.institution_id == institution_id), lang=lang)),
        )


# --- thank-you letters ---------------------------------------------------------------------------


class _Named(NamedTuple):
    """An institution as ``resolve_institution`` matches it: by any of its names."""

    id: int
    name: str
    names: set[str]


def resolve_institution(db: Database, ref: str) -> int:
    """An institution id from an id or its name, short name or a name variant (case-insensitive): an exact
    match first, else a unique partial one. NotFoundError / AmbiguousError otherwise."""
    ref = ref.strip()
    with db.reader() as session:
        ident = _as_id(ref)
        if ident is not None and session.get(m.Institution, ident) is not None:
            return ident
        rows = [_Named(i.id, i.name, {i.name, i.short_name, *(n.name for n in i.names)}) for i in session.scalars(
            select(m.Institution).options(selectinload(m.Institution.names)).order_by(m.Institution.id))]
    needle = ref.casefold()
    exact = [r for r in rows if any(n.casefold() == needle for n in r.names if n)]
    found = exact or [r for r in rows if needle and any(needle in n.casefold() for n in r.names if n)]
    if not found:
        err = NotFoundError(RecordKind.INSTITUTION, ref)
        err.args = (f"no institution has the id or a name containing {excerpt(ref, 80)!r}",)
        raise err
    if len(found) > 1:
        raise AmbiguousError(RecordKind.INSTITUTION, ref, [(r.id, r.name) for r in found])
    return found[0].id


def _check_letter_choice(participants: Collection[int], recipient_ids: Sequence[int] | None,
                         signatory_id: int | None) -> None:
    """Recipients and the signatory must take part in the visit (one clear error naming the ids)."""
    problems: dict[str, Problem] = {}
    strangers = [i for i in recipient_ids or () if i not in participants]
    if strangers:
        problems["recipients"] = Problem("not_a_participant", f"person {strangers[0]} does not take part in the "
                                         "visit", {"person": strangers[0]})
    if signatory_id is not None and signatory_id not in participants:
        problems["signatory"] = Problem("not_a_participant", f"person {signatory_id} does not take part in the "
                                        "visit", {"person": signatory_id})
    if problems:
        raise ValidationError(problems)


def thank_you_letters(db: Database, visit_id: int, *, letter_date: date | None = None,
                      office_id: int | None = None, lang: str = "en", recipient_ids: Sequence[int] | None = None,
                      signatory_id: int | None = None, number: str = "") -> ThankYouLetters:
    """The thank-you letters one office sends after a visit.

    The issuing office is ``office_id`` or, by default, the top-level institution of our side's first
    listed institution. The signatory is ``signatory_id`` (a participant of our side) or, by default, the
    most senior participant (our side first, then precedence) whose position at the time of the visit is
    at the office or one of its units; without one the letters are signed with the office name only.
    The letters go to ``recipient_ids`` (participants of the visit) or, by default, to the participants
    of the side the signatory is not on (the other side than ours without one) but their interpreters: our
    own staff and interpreters get one only when named. The
    other side gets a "visit" letter (they came to us) or a "hosting" one (they received us); our own
    side a "hosting" letter when they belong to another institution that co-hosted the guests, else a
    "colleague" letter. Names, titles and institutions are given in ``lang`` (stored variants, else the
    automatic spelling of names); ``number`` is the outgoing number.
    ``candidates`` lists every participant with the choice made, for a front end to offer.
    """
    with db.reader() as session:
        v = fetch(session, m.Visit, visit_id, RecordKind.VISIT)
        direction = VisitDirection(v.direction)
        ours = _our_side(direction)
        when = v.start_date
        people = _load_people(session, [p.person_id for p in v.participants])
        held = {pid: position_at(p.positions, when) for pid, p in people.items()}
        wanted: dict[int, Side | None] = {vi.institution_id: Side(vi.side) for vi in v.institutions}
        for part in v.participants:
            pos = held.get(part.person_id)
            if pos is not None:
                wanted.setdefault(pos.institution_id, Side(part.side))
        if office_id is not None:
            fetch(session, m.Institution, office_id, RecordKind.INSTITUTION)
            wanted.setdefault(office_id, None)
        insts = _institutions(session, wanted, lang)
        by_id = {i.id: i for i in insts}

        def chain(ident: int | None) -> list[int]:
            """The institution and its parents, up to the top-level one."""
            ids: list[int] = []
            while ident is not None and ident in by_id and ident not in ids:
                ids.append(ident)
                ident = by_id[ident].parent_id
            return ids

        if office_id is None:
            firsts = [vi.institution_id for vi in v.institutions if Side(vi.side) is ours]
            firsts += [pos.institution_id for part in sorted(v.participants, key=lambda x: x.precedence or 10**6)
                       if Side(part.side) is ours and (pos := held.get(part.person_id)) is not None]
            office_id = chain(firsts[0])[-1] if firsts and chain(firsts[0]) else None
        office = by_id[office_id].name if office_id is not None and office_id in by_id else ""

        briefs = sorted(
            (_brief_person(people[p.person_id], when, side=Side(p.side), role=ParticipantRole(p.role),
                           precedence=p.precedence, lang=lang) for p in v.participants),
            key=lambda b: (b.side is not Side.GUEST, *_precedence_key(b)))

        def at_office(b: BriefPerson) -> bool:
            pos = held.get(b.id)
            return office_id is not None and pos is not None and office_id in chain(pos.institution_id)

        taking_part = {b.id: b for b in briefs}
        roles = {p.person_id: ParticipantRole(p.role) for p in v.participants}
        _check_letter_choice(taking_part, recipient_ids, signatory_id)
        signatory = taking_part[signatory_id] if signatory_id is not None else min(
            (b for b in briefs if at_office(b)), default=None, key=lambda b: (b.side is not ours, *_precedence_key(b)))
        issuing = signatory.side if signatory is not None and signatory.side is not None else ours
        chosen = ({b.id for b in briefs if b.side is not issuing and roles[b.id] is not ParticipantRole.INTERPRETER}
                  if recipient_ids is None else set(recipient_ids))
        if signatory is not None:
            chosen.discard(signatory.id)
        guest_firsts = [vi.institution_id for vi in v.institutions if Side(vi.side) is Side.GUEST]
        guest_office = by_id[chain(guest_firsts[0])[-1]].name if guest_firsts and chain(guest_firsts[0]) else ""

        def kind(b: BriefPerson) -> str:
            if b.side is not issuing:
                return "visit" if issuing is Side.HOST else "hosting"
            if not at_office(b) and issuing is Side.HOST:
                return "hosting"
            return "colleague"

        def recipient(b: BriefPerson) -> LetterRecipient:
            p = people[b.id]
            parts = _parts(p, lang)
            natural = parts.natural()
            latin = _parts(p, "en").natural()
            return LetterRecipient(
                natural, b.form_of_address, _honorific(p, lang), b.title, b.institution,
                b.side or Side.GUEST, b.name_variants, kind(b), parts.given, parts.family, b.id,
                patronymic=parts.patronymic, gender=p.gender or "", file_name=latin)

        office_row = session.get(m.Institution, office_id) if office_id is not None else None
        letterhead = tuple(x for x in (
            " ".join(_tx(office_row, "address", lang).split()) if office_row is not None else "",
            office_row.website.strip() if office_row is not None else "") if x and in_script(x, lang))
        return ThankYouLetters(
            visit_title=_tx(v, "title", lang), direction=direction, start_date=v.start_date, end_date=v.end_date,
            place=_tx(v, "place", lang), issuing_office=office,
            signatory=signatory.full_name if signatory else "",
            signatory_title=signatory.title if signatory else None,
            topics=tuple(_tx(t, "name", lang) for t in v.topics),
            recipients=tuple(recipient(b) for b in briefs if b.id in chosen),
            letter_date=letter_date or date.today(),
            signatory_variants=signatory.name_variants if signatory else (),
            guest_office=guest_office,
            signatory_id=signatory.id if signatory is not None else None,
            candidates=tuple(LetterCandidate(b.id, b.full_name, b.side or Side.GUEST, roles[b.id], b.institution,
                                             b.side is issuing, b.id in chosen) for b in briefs),
            signature=_parts(people[signatory.id], lang).signature() if signatory is not None else "",
            letterhead=letterhead, number=number.strip(),
        )
