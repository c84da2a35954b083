"""Fill an Organizer database with synthetic, realistic-looking data for benchmarks.

    python bench/generate.py --db FILE --people N [--visits V] [--seed S] [--append]

The database is opened with ``open_database`` (so it is created and migrated like the app does), then
filled with SQLAlchemy Core bulk inserts into the real tables, in one transaction. Per-record service
calls would validate every field and take minutes at 100,000 people; here the generator itself keeps
the invariants the services enforce (one current position per person, a person once per visit or
meeting, end dates not before start dates, ``sort_name`` computed by ``sort_key_of``).

Scale, for N people: institutions ≈ N/50 (universities and academies with institutes, faculties,
departments, laboratories, technoparks and centres below them), visits ≈ N/100, meetings ≈ 4 per
visit (plus a few standalone ones), follow-ups ≈ 2 per visit, agreements ≈ 1 per 5 visits, each person
1-3 positions, name variants in other scripts (see ``synthdata.py``), e-mails, phones, tags and topics.

The same ``--seed`` gives the same records (``created_at``/``updated_at`` are the time of the run).
A database that already holds people is refused (exit status 2) unless ``--append`` is given.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthdata as sd
from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from organizer.domain.enums import (
    AgreementKind,
    AgreementStatus,
    FollowUpStatus,
    GiftDirection,
    MeetingKind,
    ParticipantRole,
    Side,
    VisitDirection,
    VisitStatus,
)
from organizer.domain.errors import DatabaseError
from organizer.domain.records import PersonData
from organizer.services._checks import format_phone
from organizer.services.people import sort_key_of
from organizer.store import models as m
from organizer.store.database import Database, open_database, sqlite_url

BATCH = 5_000
"""Rows per executemany call."""
PEOPLE_CHUNK = 10_000
"""People generated and inserted at a time (with their names, contacts, positions): bounds memory."""
REFERENCE_DAY = date(2025, 9, 1)
""""Today" for statuses (visits done or planned, follow-ups overdue): fixed so a seed is reproducible."""
FIRST_VISIT_DAY = date(2015, 1, 1)
LAST_VISIT_DAY = date(2026, 12, 31)

Row = dict[str, Any]
Progress = Callable[[str], None]


@dataclass(slots=True)
class Inst:
    """What the generator remembers of an institution it created."""

    id: int
    name: str
    kind: str
    country: str
    city: sd.City
    root: int
    domain: str


@dataclass(slots=True)
class VisitInfo:
    """What later tables (meetings, follow-ups, agreements) need of a generated visit."""

    id: int
    start: date | None
    end: date | None
    status: str
    guest_roots: list[int]
    host_roots: list[int]
    guests: list[tuple[int, str]]
    """(person id, role) in order of precedence."""
    hosts: list[tuple[int, str]]
    topics: list[int]
    meetings: list[tuple[int, str]] = field(default_factory=list)
    """(meeting id, kind)."""


@dataclass(slots=True)
class Report:
    counts: dict[str, int]
    seconds: dict[str, float]

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


class Generator:
    """Makes rows for every table and inserts them; ``run`` is the whole job."""

    def __init__(self, session: Session, people: int, seed: int, progress: Progress,
                 visits: int | None = None) -> None:
        self.session = session
        self.people = people
        self.visit_count = visits if visits is not None else max(1, people // 100)
        self.rng = random.Random(seed)
        self.progress = progress
        self.now = m.utcnow()
        self.next_id = {t: (session.scalar(select(func.max(t.c.id))) or 0) + 1
                        for t in m.Base.metadata.sorted_tables if "id" in t.c}
        self.counts: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self.topic_ids: list[int] = []
        self.insts: list[Inst] = []
        self.roots_by_country: dict[str, list[Inst]] = {}
        self.insts_by_staff_country: dict[str, list[Inst]] = {}
        self.units_by_root: dict[int, list[Inst]] = {}
        self.staff_by_root: dict[int, list[int]] = {}
        self.people_by_country: dict[str, list[int]] = {}
        self.all_people: list[int] = []
        self.used_names: set[str] = set()

    # --- plumbing --------------------------------------------------------------------------------

    def _id(self, table: Table) -> int:
        ident = self.next_id[table]
        self.next_id[table] = ident + 1
        return ident

    def _uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _record(self, table: Table) -> Row:
        """The columns every top-level record has (``RecordMixin``)."""
        return {"id": self._id(table), "uid": self._uid(), "created_at": self.now, "updated_at": self.now,
                "version": 1}

    def _insert(self, table: Table, rows: Sequence[Row]) -> None:
        for start in range(0, len(rows), BATCH):
            self.session.execute(insert(table), rows[start:start + BATCH])
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)

    def _insert_all(self, tables: dict[Table, list[Row]]) -> None:
        """Insert in the order given: parents before children (foreign keys are checked per row)."""
        for table, rows in tables.items():
            self._insert(table, rows)

    def _phase(self, name: str, work: Callable[[], None]) -> None:
        started = time.perf_counter()
        work()
        self.seconds[name] = time.perf_counter() - started
        self.progress(f"  {name:<13} {self.seconds[name]:7.1f} s")

    def run(self) -> Report:
        self._phase("topics", self._topics)
        self._phase("institutions", self._institutions)
        self._phase("people", self._people)
        visits: list[VisitInfo] = []
        self._phase("visits", lambda: visits.extend(self._visits()))
        self._phase("meetings", lambda: self._meetings(visits))
        self._phase("follow-ups", lambda: self._followups(visits))
        self._phase("agreements", lambda: self._agreements(visits))
        return Report(counts=self.counts, seconds=self.seconds)

    # --- small random helpers --------------------------------------------------------------------

    def _phone(self, country: str) -> str:
        """A number of the right length for the country, formatted as the services store it."""
        lead, length = sd.PHONE_NATIONAL[country]
        digits = lead + "".join(str(self.rng.randint(0, 9)) for _ in range(length - len(lead)))
        return format_phone(f"{sd.PHONE_PREFIX[country]}{digits}")

    def _chance(self, p: float) -> bool:
        return self.rng.random() < p

    def _pick_weighted(self, options: Sequence[Any], weights: Sequence[float]) -> Any:
        return self.rng.choices(options, weights)[0]

    def _day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def _some_topics(self, most: int) -> list[int]:
        return self.rng.sample(self.topic_ids, self.rng.randint(0, min(most, len(self.topic_ids))))

    # --- topics ----------------------------------------------------------------------------------

    def _topics(self) -> None:
        t = _t(m.Topic)
        existing = {name: ident for name, ident in self.session.execute(select(t.c.name, t.c.id))}
        rows = [{**self._record(t), "name": name, "description": f"Cooperation in {name.lower()}."}
                for name in sd.TOPICS if name not in existing]
        self._insert(t, rows)
        self.topic_ids = [*existing.values(), *(r["id"] for r in rows)]

    # --- institutions ----------------------------------------------------------------------------

    def _institutions(self) -> None:
        target = max(5, self.people // 50)
        inst_rows: list[Row] = []
        name_rows: list[Row] = []
        topic_rows: list[Row] = []
        countries = list(sd.COUNTRY_WEIGHTS)
        weights = list(sd.COUNTRY_WEIGHTS.values())
        # Make sure every country has something, so every origin of people has employers.
        # First one bare top-level institution per country, so every origin of people has employers.
        for country in countries:
            self._top_level(country, target, inst_rows, name_rows, topic_rows, with_units=False)
        while len(inst_rows) < target:
            country = self._pick_weighted(countries, weights)
            self._top_level(country, target, inst_rows, name_rows, topic_rows, with_units=True)
        t = _t(m.Institution)
        self._insert_all({t: inst_rows, _t(m.InstitutionName): name_rows,
                          m.institution_topic: topic_rows})

    def _unique(self, name: str) -> str:
        candidate, k = name, 2
        while candidate in self.used_names:
            candidate, k = f"{name} No. {k}", k + 1
        self.used_names.add(candidate)
        return candidate

    def _variants(self, country: str, ru: str, local: str) -> list[tuple[str, str, str]]:
        out = []
        if ru:
            out.append((ru, "Cyrl", "ru"))
        if local and country == "Uzbekistan":
            out += [(local, "Latn", "uz"), (sd.uz_latin_to_cyrillic(local), "Cyrl", "uz")]
        elif local and country == "China":
            out.append((local, "Hans", "zh"))
        return out

    def _top_level(self, country: str, target: int, inst_rows: list[Row], name_rows: list[Row],
                   topic_rows: list[Row], *, with_units: bool) -> None:
        rng = self.rng
        kind = self._pick_weighted(
            ["university", "company", "government_body", "academy", "centre", "association", "embassy"],
            [30, 25, 12, 4, 12, 7, 10],
        )
        city = rng.choice(sd.CITIES[country])
        staff_country = country
        en, ru, local = self._top_level_names(kind, country, city)
        if kind == "embassy":
            sender = rng.choice([c for c in sd.EMBASSY_COUNTRIES if c != country])
            city = next((c for c in sd.CITIES[country] if c.en == sd.CAPITALS[country]),
                        sd.City(sd.CAPITALS[country], "", ""))
            en = f"Embassy of {_with_article(sender)} in {_with_article(country)}"
            ru = f"Посольство {sd.COUNTRY_RU[sender][0]} в {sd.COUNTRY_RU[country][1]}"
            local = ""
            staff_country = sender if sender in sd.COUNTRY_WEIGHTS else country
        en = self._unique(en)
        short = _acronym(en) if kind in ("university", "academy") else ""
        tld = {"China": "edu.cn", "United Kingdom": "ac.uk", "United States": "edu"}.get(country, "")
        tld = tld if kind == "university" and tld else sd.TLD[country]
        domain = f"{sd.ascii_slug(short or en)[:24] or 'org'}.{tld}"
        root = self._add_inst(inst_rows, name_rows, topic_rows, en, kind, country, city, None, domain,
                              self._variants(country, ru, local), short=short, staff_country=staff_country)
        self.roots_by_country.setdefault(country, []).append(root)
        if not with_units:
            return

        def unit(parent: Inst, kind: str, en: str, ru: str, local: str) -> Inst | None:
            if len(inst_rows) >= target:
                return None
            return self._add_inst(inst_rows, name_rows, topic_rows, en, kind, country, city, parent, domain,
                                  self._variants(country, ru, local), root=root.id)

        fields = rng.sample(sd.FIELDS, len(sd.FIELDS))
        if kind in ("university", "academy"):
            n_units = rng.randint(2, 6) if kind == "university" else rng.randint(2, 4)
            for f in fields[:n_units]:
                unit_kind = "faculty" if kind == "university" and self._chance(0.4) else "institute"
                made = unit(root, unit_kind, *_unit_names(unit_kind, f, country))
                for f2 in rng.sample(sd.FIELDS, self._pick_weighted([0, 1, 2, 3], [30, 35, 25, 10])):
                    sub_kind = "department" if unit_kind == "faculty" else "laboratory"
                    if made is not None:
                        unit(made, sub_kind, *_unit_names(sub_kind, f2, country))
            if kind == "university" and self._chance(0.4):
                unit(root, "technopark", *_unit_names("technopark", fields[-1], country))
            if kind == "university" and self._chance(0.3):
                unit(root, "centre", *_unit_names("centre", fields[-2], country))
        elif kind == "company":
            if self._chance(0.4):
                unit(root, "centre", "Research and Development Centre", "Научно-технический центр",
                     {"Uzbekistan": "Ilmiy-texnik markaz", "China": "研发中心"}.get(country, ""))
            if self._chance(0.3):
                unit(root, "department", "International Cooperation Department",
                     "Департамент международного сотрудничества",
                     {"Uzbekistan": f"Xalqaro hamkorlik bo{sd.OK}limi", "China": "国际合作部"}.get(country, ""))
        elif kind == "government_body" and self._chance(0.3):
            unit(root, "department", "Department of International Cooperation",
                 "Управление международного сотрудничества",
                 {"Uzbekistan": "Xalqaro hamkorlik boshqarmasi", "China": "国际合作处"}.get(country, ""))

    def _top_level_names(self, kind: str, country: str, city: sd.City) -> tuple[str, str, str]:
        """(English, Russian, local) names of a new top-level institution; Russian or local may be ""."""
        rng = self.rng
        f = rng.choice(sd.FIELDS)
        fmt = {"city": city.en, "adj": city.ru_adj, "local": city.local}
        if kind == "university":
            patterns = {"China": sd.CHINA_UNIVERSITY_PATTERNS, "United Kingdom": sd.WEST_UNIVERSITY_PATTERNS,
                        "United States": sd.WEST_UNIVERSITY_PATTERNS}.get(country, sd.UNIVERSITY_PATTERNS)
            en, ru, local = rng.choice(patterns)
            return en.format(**fmt), ru.format(**fmt), local.format(**fmt) if country != "Russia" else ""
        if kind == "company":
            if country == "Russia":
                stem = rng.choice(sd.RU_COMPANY_PREFIXES) + rng.choice(sd.RU_COMPANY_SUFFIXES)
                return f'JSC "{sd.ru_to_latin(stem)}"', f"АО «{stem}»", ""
            if country == "Uzbekistan":
                stem = rng.choice(sd.UZ_COMPANY_PREFIXES) + rng.choice(sd.UZ_COMPANY_SUFFIXES)
                ru_stem = sd.uz_cyrillic_to_ru(sd.uz_latin_to_cyrillic(stem))
                return f'JSC "{sd.uz_plain(stem)}"', f"АО «{ru_stem}»", f'"{stem}" AJ'
            industry, industry_zh = rng.choice(sd.INDUSTRIES)
            if country == "China":
                return f"{city.en} {industry} Co., Ltd.", "", f"{city.local}{industry_zh}有限公司"
            family = rng.choice(sd.EN_FAMILY)[0]
            return f"{family} {industry} {'Ltd' if country == 'United Kingdom' else 'Inc.'}", "", ""
        if kind == "government_body":
            if country == "Russia":
                (area, area_ru), (region, region_ru) = rng.choice(sd.RU_MINISTRIES), rng.choice(sd.RU_REGIONS)
                return (f"Ministry of {area} of the Republic of {region}",
                        f"Министерство {area_ru} Республики {region_ru}", "")
            if country == "Uzbekistan":
                if self._chance(0.5):
                    area, area_uz, area_ru = rng.choice(sd.UZ_MINISTRIES)
                    return (f"Ministry of {area} of the Republic of Uzbekistan",
                            f"Министерство {area_ru} Республики Узбекистан",
                            f"O{sd.OK}zbekiston Respublikasi {area_uz} vazirligi")
                return f"{city.en} Region Khokimiyat", "", f"{city.local} viloyati hokimligi"
            if country == "China":
                area, area_zh = rng.choice(sd.ZH_BUREAUS)
                return f"{city.en} Municipal Bureau of {area}", "", f"{city.local}市{area_zh}局"
            return f"{city.en} Office of {rng.choice(sd.WEST_OFFICES)}", "", ""
        if kind == "academy":
            if country == "Russia":
                region, region_ru = rng.choice(sd.RU_REGIONS)
                return f"Academy of Sciences of the Republic of {region}", f"Академия наук Республики {region_ru}", ""
            if country == "Uzbekistan":
                return ("Academy of Sciences of the Republic of Uzbekistan", "Академия наук Республики Узбекистан",
                        f"O{sd.OK}zbekiston Respublikasi Fanlar akademiyasi")
            if country == "China":
                return (f"Chinese Academy of Sciences, {city.en} Branch",
                        f"Отделение Китайской академии наук в городе {city.ru}", f"中国科学院{city.local}分院")
            return f"{city.en} Academy of {f.en}", "", ""
        if kind == "centre":
            local = {"Uzbekistan": f"{city.local} {f.uz.lower()} markazi",
                     "China": f"{city.local}{f.zh}中心"}.get(country, "")
            return f"{city.en} Centre for {f.en}", f"{city.ru_adj} центр {f.ru_gen}", local
        # association
        industry, industry_zh = rng.choice(sd.INDUSTRIES)
        local = f"{city.local}{industry_zh}企业协会" if country == "China" else ""
        return f"Association of {industry} Enterprises of {city.en}", "", local

    def _add_inst(self, inst_rows: list[Row], name_rows: list[Row], topic_rows: list[Row], name: str, kind: str,
                  country: str, city: sd.City, parent: Inst | None, domain: str,
                  variants: Iterable[tuple[str, str, str]], *, short: str = "", root: int | None = None,
                  staff_country: str | None = None) -> Inst:
        rng = self.rng
        t = _t(m.Institution)
        row = self._record(t)
        ident = row["id"]
        f1, f2 = rng.sample(sd.FIELDS, 2)
        profile = (f"{kind.replace('_', ' ').capitalize()} working in {f1.en.lower()} and {f2.en.lower()}."
                   if self._chance(0.7 if parent is None else 0.2) else "")
        row.update(
            name=name[: m.NAME_LEN], short_name=short, kind=kind, parent_id=parent.id if parent else None,
            country=country, city=city.en,
            address=f"{rng.randint(1, 200)} {rng.choice(sd.STREETS[country])}, {city.en}" if parent is None else "",
            website=f"https://{domain}" if parent is None else "", profile=profile,
        )
        inst_rows.append(row)
        for variant, script, language in variants:
            name_rows.append({"id": self._id(_t(m.InstitutionName)), "institution_id": ident,
                              "name": sd.nfc(variant)[: m.NAME_LEN], "script": script, "language": language})
        if parent is None and self._chance(0.5):
            topic_rows += [{"institution_id": ident, "topic_id": tid} for tid in self._some_topics(3)]
        inst = Inst(id=ident, name=name, kind=kind, country=country, city=city, root=root or ident, domain=domain)
        self.insts.append(inst)
        self.insts_by_staff_country.setdefault(staff_country or country, []).append(inst)
        if parent is not None:
            self.units_by_root.setdefault(inst.root, []).append(inst)
        return inst

    # --- people ----------------------------------------------------------------------------------

    def _people(self) -> None:
        done = 0
        while done < self.people:
            n = min(PEOPLE_CHUNK, self.people - done)
            self._people_chunk(n)
            done += n
            if self.people > PEOPLE_CHUNK:
                self.progress(f"    {done:,} people")

    def _people_chunk(self, n: int) -> None:
        rng = self.rng
        pt, post = _t(m.Person), _t(m.Position)
        people: list[Row] = []
        names: list[Row] = []
        emails: list[Row] = []
        phones: list[Row] = []
        tags: list[Row] = []
        topics: list[Row] = []
        positions: list[Row] = []
        for _ in range(n):
            origin = self._pick_weighted(sd.ORIGINS, sd.ORIGIN_WEIGHTS)
            name = sd.make_name(rng, origin)
            row = self._record(pt)
            pid = row["id"]
            country = sd.ORIGIN_COUNTRY[origin] or rng.choice(["United Kingdom", "United States"])
            pool = self.insts_by_staff_country.get(country) or self.insts
            employer = rng.choice(pool)
            f1, f2 = rng.sample(sd.FIELDS, 2)
            row.update(
                given_name=name.given, family_name=name.family, middle_name=name.middle,
                honorific=rng.choice(sd.HONORIFICS) if self._chance(0.15) else "",
                form_of_address=f"Dear Professor {name.family}" if self._chance(0.05) else "",
                display_name=name.display,
                sort_name=sort_key_of(PersonData(given_name=name.given, family_name=name.family,
                                                 middle_name=name.middle,
                                                 display_name=name.display))[: m.NAME_LEN * 2],
                languages=list(sd.ORIGIN_LANGUAGES[origin]),
                biography=(f"Works at {employer.name}. Research interests: {f1.en.lower()}, {f2.en.lower()}."
                           if self._chance(0.3) else ""),
                photo=None, photo_type="",
                notes="Prefers to be contacted through the international office." if self._chance(0.1) else "",
            )
            people.append(row)
            for variant, script, language in name.variants:
                names.append({"id": self._id(_t(m.PersonName)), "person_id": pid,
                              "name": variant[: m.NAME_LEN], "script": script, "language": language})
            given, family = sd.ascii_slug(name.given), sd.ascii_slug(name.family)
            if self._chance(0.65):
                emails.append({"id": self._id(_t(m.PersonEmail)), "person_id": pid,
                               "address": f"{given[:1]}.{family}@{employer.domain}", "label": "work"})
                if self._chance(0.15):
                    provider = {"Russia": "mail.ru", "China": "qq.com"}.get(country, "gmail.com")
                    emails.append({"id": self._id(_t(m.PersonEmail)), "person_id": pid,
                                   "address": f"{given}.{family}{rng.randint(1, 99)}@{provider}",
                                   "label": "personal"})
            if self._chance(0.45):
                phones.append({"id": self._id(_t(m.PersonPhone)), "person_id": pid,
                               "number": self._phone(country),
                               "label": rng.choice(["work", "mobile"])})
            for tag in rng.sample(sd.TAGS, self._pick_weighted([0, 1, 2, 3], [40, 35, 18, 7])):
                tags.append({"person_id": pid, "tag": tag})
            if self._chance(0.25):
                topics += [{"person_id": pid, "topic_id": tid} for tid in self._some_topics(2)]
            positions += self._positions(pid, employer, pool)
            self.staff_by_root.setdefault(employer.root, []).append(pid)
            self.people_by_country.setdefault(country, []).append(pid)
            self.all_people.append(pid)
        self._insert_all({pt: people, _t(m.PersonName): names, _t(m.PersonEmail): emails,
                          _t(m.PersonPhone): phones, _t(m.PersonTag): tags,
                          m.person_topic: topics, post: positions})

    def _positions(self, pid: int, employer: Inst, pool: Sequence[Inst]) -> list[Row]:
        """1-3 positions, newest first; exactly one (the newest, open-ended) is current."""
        rng = self.rng
        t = _t(m.Position)
        count = self._pick_weighted([1, 2, 3], [50, 35, 15])
        start: date | None = None if self._chance(0.1) else self._day_between(date(2008, 1, 1), date(2025, 6, 1))
        rows = [{**self._record(t), "person_id": pid, "institution_id": employer.id,
                 "title": rng.choice(sd.TITLES[employer.kind]), "start_date": start, "end_date": None,
                 "is_current": True}]
        boundary = start or date(2008, 1, 1)
        for _ in range(count - 1):
            end = boundary - timedelta(days=rng.randint(0, 60))
            begin = end - timedelta(days=rng.randint(365, 8 * 365))
            inst = rng.choice(pool) if self._chance(0.8) else rng.choice(self.insts)
            rows.append({**self._record(t), "person_id": pid, "institution_id": inst.id,
                         "title": rng.choice(sd.TITLES[inst.kind]), "start_date": begin, "end_date": end,
                         "is_current": False})
            boundary = begin
        return rows

    # --- visits ----------------------------------------------------------------------------------

    def _roots_with_staff(self, country: str) -> list[Inst]:
        roots = [r for r in self.roots_by_country.get(country, []) if self.staff_by_root.get(r.id)]
        return roots or [r for c in self.roots_by_country.values() for r in c if self.staff_by_root.get(r.id)]

    def _staff(self, roots: Sequence[Inst], country: str, count: int, taken: set[int]) -> list[int]:
        """``count`` people not yet taken: staff of ``roots`` first, then of the country, then anyone."""
        chosen: list[int] = []
        pools = [pid for r in roots for pid in self.staff_by_root.get(r.id, [])]
        for pool in (pools, self.people_by_country.get(country, []), self.all_people):
            for _ in range(count * 4):
                if len(chosen) >= count or not pool:
                    break
                pid = self.rng.choice(pool)
                if pid not in taken:
                    taken.add(pid)
                    chosen.append(pid)
            if len(chosen) >= count:
                break
        return chosen

    def _visits(self) -> list[VisitInfo]:
        rng = self.rng
        vt = _t(m.Visit)
        visits: list[Row] = []
        vinsts: list[Row] = []
        parts: list[Row] = []
        gifts: list[Row] = []
        topic_rows: list[Row] = []
        infos: list[VisitInfo] = []
        foreign = [c for c in sd.COUNTRY_WEIGHTS if c != "Russia"]
        for _ in range(self.visit_count):
            row = self._record(vt)
            vid = row["id"]
            incoming = self._chance(0.65)
            other = rng.choice(foreign) if self._chance(0.8) else "Russia"
            guest_country, host_country = (other, "Russia") if incoming else ("Russia", other)
            guest_roots = rng.sample(self._roots_with_staff(guest_country), 1)
            host_candidates = [r for r in self._roots_with_staff(host_country) if r not in guest_roots]
            host_roots = rng.sample(host_candidates, 1) if host_candidates else []
            if self._chance(0.3):
                extra = [r for r in self._roots_with_staff(guest_country) if r not in guest_roots + host_roots]
                guest_roots += rng.sample(extra, 1) if extra else []
            if self._chance(0.4):
                extra = [r for r in host_candidates if r not in guest_roots + host_roots]
                host_roots += rng.sample(extra, 1) if extra else []
            institutions = [(r, "guest") for r in guest_roots] + [(r, "host") for r in host_roots]
            units = self.units_by_root.get(host_roots[0].id, []) if host_roots else []
            if units and self._chance(0.3):
                institutions.append((rng.choice(units), "host"))
            vinsts += [{"id": self._id(_t(m.VisitInstitution)), "visit_id": vid, "institution_id": i.id,
                        "side": side} for i, side in institutions]
            taken: set[int] = set()
            guest_ids = self._staff(guest_roots, guest_country, rng.randint(2, 8), taken)
            host_ids = self._staff(host_roots, host_country, rng.randint(2, 6), taken)
            guests = [(pid, ParticipantRole.HEAD_OF_DELEGATION if i == 0 else ParticipantRole.MEMBER)
                      for i, pid in enumerate(guest_ids)]
            if len(guests) > 2 and self._chance(0.3):
                guests[-1] = (guests[-1][0], ParticipantRole.INTERPRETER)
            hosts = [(pid, ParticipantRole.HOST_LEAD if i == 0 else ParticipantRole.HOST)
                     for i, pid in enumerate(host_ids)]
            if len(hosts) > 1 and self._chance(0.4):
                hosts[1] = (hosts[1][0], ParticipantRole.PRESENTER)
            if len(hosts) > 2 and self._chance(0.2):
                hosts[-1] = (hosts[-1][0], ParticipantRole.ESCORT)
            for side, members in ((Side.GUEST, guests), (Side.HOST, hosts)):
                for i, (pid, role) in enumerate(members):
                    unranked = role in (ParticipantRole.INTERPRETER, ParticipantRole.ESCORT)
                    parts.append({"id": self._id(_t(m.VisitParticipant)), "visit_id": vid, "person_id": pid,
                                  "side": side.value, "role": role.value, "precedence": 0 if unranked else i + 1})

            start: date | None = None if self._chance(0.03) else self._day_between(FIRST_VISIT_DAY, LAST_VISIT_DAY)
            end = start + timedelta(days=rng.choice([0, 1, 1, 2, 2, 3, 4])) if start else None
            if start is None or end is None or start > REFERENCE_DAY:
                status = VisitStatus.CANCELLED if self._chance(0.05) else VisitStatus.PLANNED
            elif end < REFERENCE_DAY:
                status = VisitStatus.CANCELLED if self._chance(0.1) else VisitStatus.DONE
            else:
                status = VisitStatus.UNDER_WAY
            guest_inst, host_inst = guest_roots[0], host_roots[0] if host_roots else guest_roots[0]
            # The services refuse a departure before the arrival: on a one-day visit leave after arriving.
            arrival_hour = rng.randint(6, 20)
            departure_hour = rng.randint(max(14, arrival_hour + 1) if end == start else 14, 23)
            arrival_at = datetime.combine(start, datetime.min.time()) + timedelta(hours=arrival_hour) if start else None
            departure_at = datetime.combine(end, datetime.min.time()) + timedelta(hours=departure_hour) if end else None
            f1, f2 = rng.sample(sd.FIELDS, 2)
            title = (f"Delegation of {guest_inst.name} to {host_inst.name}" if incoming
                     else f"Visit of the {guest_inst.name} delegation to {host_inst.name}")
            row.update(
                title=title[: m.NAME_LEN], direction=(VisitDirection.INCOMING if incoming
                                                      else VisitDirection.OUTGOING).value,
                start_date=start, end_date=end, place=f"{host_inst.city.en}, {host_inst.country}",
                purpose=f"To discuss cooperation in {f1.en.lower()} and {f2.en.lower()}.",
                status=status.value,
                summary=(f"The delegation met the leadership of {host_inst.name}, toured its laboratories and "
                         f"discussed joint projects in {f1.en.lower()}. The sides agreed to prepare a "
                         f"memorandum and to exchange researchers in {f2.en.lower()}."
                         if status is VisitStatus.DONE else ""),
                arrival_at=arrival_at,
                arrival_details=f"Flight {rng.choice(['SU', 'HY', 'CZ', 'BA', 'UA'])} {rng.randint(100, 999)}"
                if start else "",
                departure_at=departure_at,
                departure_details="Transfer to the airport by the host" if start else "",
                lodging=f"Hotel {rng.choice(['Grand', 'Central', 'Riviera', 'Korston', 'Hyatt'])}, "
                        f"{len(guests)} single rooms",
                transport=rng.choice(["Minibus of the host", "Two cars with drivers", "Own transport", ""]),
                interpreter_needs=("Consecutive interpreting, Russian and English" if guest_country
                                   in ("China", "United Kingdom", "United States") else ""),
                dietary_needs=rng.choice(["", "", "", "Halal", "Vegetarian (1 person)", "No pork"]),
            )
            visits.append(row)
            for _ in range(self._pick_weighted([0, 1, 2], [50, 35, 15])):
                given = self._chance(0.5)
                gifts.append({"id": self._id(_t(m.Gift)), "visit_id": vid,
                              "direction": (GiftDirection.GIVEN if given else GiftDirection.RECEIVED).value,
                              "description": rng.choice(["Book about Kazan", "Porcelain vase", "Silk carpet",
                                                         "Framed photograph", "Chess set", "Tea set"]),
                              "person_id": (guests[0][0] if guests else None)})
            topics = rng.sample(self.topic_ids, rng.randint(1, min(3, len(self.topic_ids))))
            topic_rows += [{"visit_id": vid, "topic_id": tid} for tid in topics]
            infos.append(VisitInfo(id=vid, start=start, end=end, status=status.value,
                                   guest_roots=[r.id for r in guest_roots], host_roots=[r.id for r in host_roots],
                                   guests=[(p, r.value) for p, r in guests], hosts=[(p, r.value) for p, r in hosts],
                                   topics=topics))
        self._insert_all({vt: visits, _t(m.VisitInstitution): vinsts, _t(m.VisitParticipant): parts,
                          _t(m.Gift): gifts, m.visit_topic: topic_rows})
        return infos

    # --- meetings --------------------------------------------------------------------------------

    def _meetings(self, visits: list[VisitInfo]) -> None:
        rng = self.rng
        mt = _t(m.Meeting)
        meetings: list[Row] = []
        parts: list[Row] = []
        topic_rows: list[Row] = []
        insts = {i.id: i for i in self.insts}
        kinds = [k.value for k in MeetingKind]
        kind_weights = [40, 15, 15, 7, 10, 8, 5]
        for visit in visits:
            for _ in range(rng.randint(2, 6)):
                row = self._record(mt)
                kind = self._pick_weighted(kinds, kind_weights)
                venue_pool = [insts[r] for r in visit.host_roots]
                venue_pool += [u for r in visit.host_roots for u in self.units_by_root.get(r, [])]
                venue = rng.choice(venue_pool) if venue_pool else None
                starts_at = ends_at = None
                if visit.start and visit.end:
                    day = self._day_between(visit.start, visit.end)
                    starts_at = datetime.combine(day, datetime.min.time()) + timedelta(
                        minutes=15 * rng.randint(36, 72))
                    ends_at = starts_at + timedelta(minutes=15 * rng.randint(2, 10))
                row.update(self._meeting_text(kind, venue, visit.status == VisitStatus.DONE.value),
                           visit_id=visit.id, kind=kind, starts_at=starts_at, ends_at=ends_at,
                           venue_institution_id=venue.id if venue else None)
                meetings.append(row)
                visit.meetings.append((row["id"], kind))
                chosen = visit.guests[:1] + rng.sample(visit.guests[1:], rng.randint(0, max(0, len(visit.guests) - 1)))
                chosen += rng.sample(visit.hosts, rng.randint(min(1, len(visit.hosts)), len(visit.hosts)))
                parts += self._meeting_parts(row["id"], chosen, {p for p, _ in visit.guests})
                topic_rows += [{"meeting_id": row["id"], "topic_id": t}
                               for t in rng.sample(visit.topics, rng.randint(0, min(2, len(visit.topics))))]
        for _ in range(len(visits) // 10):  # standalone meetings, e.g. with an embassy
            row = self._record(mt)
            country = rng.choice(list(sd.COUNTRY_WEIGHTS))
            roots = rng.sample(self._roots_with_staff(country), 1)
            taken: set[int] = set()
            guests = self._staff(roots, country, rng.randint(1, 3), taken)
            hosts = self._staff(rng.sample(self._roots_with_staff("Russia"), 1), "Russia", rng.randint(1, 3),
                                taken)
            starts_at = datetime.combine(self._day_between(FIRST_VISIT_DAY, LAST_VISIT_DAY),
                                         datetime.min.time()) + timedelta(hours=rng.randint(9, 17))
            row.update(self._meeting_text("meeting", roots[0], starts_at.date() < REFERENCE_DAY),
                       visit_id=None, kind="meeting", starts_at=starts_at, ends_at=starts_at + timedelta(hours=1),
                       venue_institution_id=roots[0].id)
            meetings.append(row)
            members = [(p, "member") for p in guests] + [(p, "host") for p in hosts]
            parts += self._meeting_parts(row["id"], members, set(guests))
        self._insert_all({mt: meetings, _t(m.MeetingParticipant): parts, m.meeting_topic: topic_rows})

    def _meeting_parts(self, meeting_id: int, members: Iterable[tuple[int, str]], guests: set[int]) -> list[Row]:
        return [{"id": self._id(_t(m.MeetingParticipant)), "meeting_id": meeting_id, "person_id": pid,
                 "side": (Side.GUEST if pid in guests else Side.HOST).value, "role": role}
                for pid, role in members]

    def _meeting_text(self, kind: str, venue: Inst | None, done: bool) -> Row:
        rng = self.rng
        f = rng.choice(sd.FIELDS)
        where = venue.name if venue else "the host"
        title = {
            "meeting": f"Meeting with the leadership of {where}",
            "lab_tour": f"Tour of {where}",
            "presentation": f"Presentation of projects in {f.en.lower()}",
            "signing": "Signing of a memorandum of understanding",
            "reception": "Official reception",
            "tour": "Cultural programme: city tour",
            "other": "Working lunch",
        }[kind]
        return {
            "title": title[: m.NAME_LEN],
            "room": rng.choice(["", "", "Conference hall", "Rector's meeting room", f"Room {rng.randint(100, 520)}"]),
            "objectives": f"Agree areas of cooperation in {f.en.lower()}." if self._chance(0.7) else "",
            "talking_points": ("Our strengths in this field.\nJoint laboratories.\nStudent and staff exchange."
                               if self._chance(0.3) else ""),
            "agenda": ("1. Welcome.\n2. Presentations.\n3. Discussion.\n4. Next steps." if self._chance(0.4)
                       else ""),
            "notes": "Gifts exchanged at the end." if self._chance(0.3) else "",
            "outcomes": (f"The sides agreed to prepare joint proposals in {f.en.lower()}."
                         if done and self._chance(0.6) else ""),
        }

    # --- follow-ups and agreements ---------------------------------------------------------------

    def _followups(self, visits: list[VisitInfo]) -> None:
        rng = self.rng
        ft = _t(m.FollowUp)
        rows: list[Row] = []
        insts = {i.id: i for i in self.insts}
        for visit in visits:
            for _ in range(rng.randint(0, 4)):
                f = rng.choice(sd.FIELDS)
                people = visit.hosts or visit.guests
                owner = rng.choice(people)[0] if people and self._chance(0.9) else None
                owner_inst = rng.choice(visit.host_roots or visit.guest_roots) if self._chance(0.7) else None
                partner = insts[visit.guest_roots[0]].name
                due = visit.end + timedelta(days=rng.randint(14, 180)) if visit.end else None
                if due is not None and due < REFERENCE_DAY:
                    status = self._pick_weighted(
                        [FollowUpStatus.DONE, FollowUpStatus.OPEN, FollowUpStatus.DROPPED], [60, 30, 10])
                else:
                    status = FollowUpStatus.OPEN
                meeting = rng.choice(visit.meetings)[0] if visit.meetings and self._chance(0.6) else None
                rows.append({
                    **self._record(ft),
                    "description": rng.choice([
                        f"Send the draft memorandum to {partner}",
                        f"Prepare a proposal for a joint laboratory in {f.en.lower()}",
                        f"Arrange an internship for {rng.randint(2, 10)} students of {partner}",
                        f"Send the presentation materials on {f.en.lower()}",
                        "Agree the programme of the return visit",
                        "Send letters of thanks to the delegation",
                    ]),
                    "status": status.value, "due_date": due, "owner_person_id": owner,
                    "owner_institution_id": owner_inst, "visit_id": visit.id, "meeting_id": meeting,
                    "notes": "Reminder sent." if self._chance(0.2) else "",
                })
        self._insert(ft, rows)

    def _agreements(self, visits: list[VisitInfo]) -> None:
        rng = self.rng
        at = _t(m.Agreement)
        rows: list[Row] = []
        parties: list[Row] = []
        signatories: list[Row] = []
        insts = {i.id: i for i in self.insts}
        candidates = [v for v in visits if v.host_roots and v.status == VisitStatus.DONE.value]
        for visit in rng.sample(candidates, min(len(candidates), len(visits) // 5)):
            row = self._record(at)
            guest, host = insts[visit.guest_roots[0]], insts[visit.host_roots[0]]
            status = self._pick_weighted([AgreementStatus.SIGNED, AgreementStatus.DRAFT, AgreementStatus.NEGOTIATING,
                                          AgreementStatus.EXPIRED], [60, 15, 15, 10])
            signed = visit.end if status in (AgreementStatus.SIGNED, AgreementStatus.EXPIRED) else None
            signing = [mid for mid, kind in visit.meetings if kind == MeetingKind.SIGNING.value]
            row.update(
                title=f"Memorandum of understanding between {guest.name} and {host.name}"[: m.NAME_LEN],
                kind=self._pick_weighted([AgreementKind.MOU, AgreementKind.COOPERATION_AGREEMENT,
                                          AgreementKind.PROTOCOL_OF_INTENT], [60, 30, 10]).value,
                status=status.value, signed_date=signed, signed_place=host.city.en if signed else "",
                valid_until=signed + timedelta(days=5 * 365) if signed else None, visit_id=visit.id,
                meeting_id=signing[0] if signing else None,
                summary="Cooperation in research, education and technology transfer.",
            )
            rows.append(row)
            parties += [{"id": self._id(_t(m.AgreementParty)), "agreement_id": row["id"], "institution_id": i}
                        for i in (guest.id, host.id)]
            if signed and visit.guests and visit.hosts:
                signatories += [{"id": self._id(_t(m.AgreementSignatory)), "agreement_id": row["id"],
                                 "person_id": pid, "institution_id": inst}
                                for pid, inst in ((visit.guests[0][0], guest.id), (visit.hosts[0][0], host.id))]
        self._insert_all({at: rows, _t(m.AgreementParty): parties,
                          _t(m.AgreementSignatory): signatories})


def _t(model: type[m.Base]) -> Table:
    """The table of a mapped class, typed as a Table."""
    return cast(Table, model.__table__)


def _with_article(country: str) -> str:
    return f"the {country}" if country.startswith("United ") else country


def _acronym(name: str) -> str:
    words = [w for w in name.replace('"', "").split() if w[:1].isupper() and w not in ("Of", "The", "And")]
    return "".join(w[0] for w in words).upper()


def _unit_names(kind: str, f: sd.Field, country: str) -> tuple[str, str, str]:
    """(English, Russian, local) names of a unit; the local name is Uzbek Latin, Chinese or ""."""
    en, ru, uz, zh = {
        "institute": (f"Institute of {f.en}", f"Институт {f.ru_gen}", f"{f.uz} instituti", f"{f.zh}学院"),
        "faculty": (f"Faculty of {f.en}", f"Факультет {f.ru_gen}", f"{f.uz} fakulteti", f"{f.zh}系"),
        "department": (f"Department of {f.en}", f"Кафедра {f.ru_gen}", f"{f.uz} kafedrasi", f"{f.zh}教研室"),
        "laboratory": (f"Laboratory of {f.en}", f"Лаборатория {f.ru_gen}", f"{f.uz} laboratoriyasi",
                       f"{f.zh}实验室"),
        "technopark": (f'"{f.en}" Technopark', f"Технопарк «{f.ru_nom}»", f'"{f.uz}" texnoparki', f"{f.zh}科技园"),
        "centre": (f"Centre for {f.en}", f"Центр {f.ru_gen}", f"{f.uz} markazi", f"{f.zh}中心"),
    }[kind]
    return en, ru, {"Uzbekistan": uz, "China": zh}.get(country, "")


# --- entry points --------------------------------------------------------------------------------


def count_people(db: Database) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(m.Person)) or 0


def generate(db: Database, people: int, seed: int = 1, progress: Progress = print,
             visits: int | None = None) -> Report:
    """Add ``people`` people and the scaled records around them to ``db``, in one transaction.

    ``visits`` overrides the number of visits (default ``people // 100``); meetings, follow-ups and
    agreements scale with the visits (about 4, 2 and 0.2 a visit).
    """
    with db.unit_of_work() as session:
        if db.is_sqlite:
            session.execute(text("PRAGMA cache_size=-262144"))  # 256 MB page cache for this connection
        return Generator(session, people, seed, progress, visits).run()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fill an Organizer database with synthetic data.")
    parser.add_argument("--db", required=True, type=Path, help="SQLite file (created if missing)")
    parser.add_argument("--people", required=True, type=int, help="number of people to create")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--append", action="store_true", help="add to a database that already has people")
    parser.add_argument("--visits", type=int, metavar="N",
                        help="number of visits (default: people/100); meetings are about 4.1 per visit")
    parser.add_argument("--quiet", action="store_true", help="print only the summary line")
    args = parser.parse_args(argv)
    if args.people < 1:
        parser.error("--people must be at least 1")
    if args.visits is not None and args.visits < 1:
        parser.error("--visits must be at least 1")

    say: Progress = (lambda _msg: None) if args.quiet else print
    started = time.perf_counter()
    try:
        db = open_database(sqlite_url(args.db))
    except DatabaseError as err:
        print(f"generate: {err}", file=sys.stderr)
        return 2
    try:
        existing = count_people(db)
        if existing and not args.append:
            print(f"generate: {args.db} already has {existing:,} people; use --append to add more",
                  file=sys.stderr)
            return 2
        say(f"Generating {args.people:,} people (seed {args.seed}) into {args.db}")
        report = generate(db, args.people, args.seed, say, args.visits)
    finally:
        db.close()
    elapsed = time.perf_counter() - started
    if not args.quiet:
        print()
        print(f"{'table':<22} {'rows':>10}")
        for name, n in sorted(report.counts.items(), key=lambda kv: -kv[1]):
            print(f"{name:<22} {n:>10,}")
        print(f"{'total':<22} {report.total_rows:>10,}")
        print()
    size_mb = args.db.stat().st_size / 1e6
    print(f"Created {report.total_rows:,} rows ({report.counts.get('person', 0):,} people) in {elapsed:.1f} s; "
          f"{args.db} is {size_mb:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
