"""Merges and unmerges that cannot race (issue 15 point 3): clients merging or unmerging the same records at
the same moment, on one SQLite file and on one PostgreSQL database (the PostgreSQL pass of the suite).

Each client is a thread running the command line (``organizer.cli.main.main``) with its own database
connection, all released together by a barrier: real concurrency on the database, the user's messages.
Exactly one merge of a pair wins; the others are refused with one line that names the winning merge, and
the database holds one merge record. Undoing that merge brings back every linked row with its id and uid.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import replace
from io import StringIO
from typing import Any

from sqlalchemy import select

from organizer.cli.main import main
from organizer.domain.records import ContactEntry
from organizer.services import merging, people
from organizer.store import Database
from organizer.store import models as m

KEEP, OTHER, THIRD = 1, 2, 3
"""Demo people: Evgeny Korzhikov, Abduhomid Salomov (a position, a visit, meetings, a tag, a topic, name
variants) and D. Pashin."""


def _run_together(db_args: list[str], commands: list[list[str]]) -> list[tuple[int, str, str]]:
    """Run the commands at once, one thread each (released by a barrier); (exit code, stdout, stderr) each."""
    barrier = threading.Barrier(len(commands))
    results: list[tuple[int, str, str]] = [(-1, "", "")] * len(commands)

    def client(i: int, command: list[str]) -> None:
        out, err = StringIO(), StringIO()
        barrier.wait()
        code = main([*db_args, *command], out=out, err=err)
        results[i] = (code, out.getvalue(), err.getvalue())

    threads = [threading.Thread(target=client, args=(i, c)) for i, c in enumerate(commands)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def _show(db_args: list[str], ident: int) -> dict[str, Any]:
    out = StringIO()
    assert main([*db_args, "show", "person", str(ident), "--json"], out=out) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def _linked(db: Database, ids: tuple[int, ...]) -> dict[str, list[dict[str, Any]]]:
    """The people's own rows and every row of every table that refers to them (found in the schema)."""
    out: dict[str, list[dict[str, Any]]] = {}
    person = m.Base.metadata.tables["person"]
    with db.reader() as s:
        out["person"] = [dict(r._mapping) for r in s.execute(select(person).where(person.c.id.in_(ids)))]
        for table in m.Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table is person:
                    rows = [dict(r._mapping) for r in s.execute(select(table).where(fk.parent.in_(ids)))]
                    out[f"{table.name}.{fk.parent.name}"] = sorted(rows, key=lambda r: json.dumps(r, default=str,
                                                                                                  sort_keys=True))
    for row in out["person"]:
        row.pop("version")  # the kept person's version goes up, so a stale editor gets a conflict
    out["person"].sort(key=lambda r: r["id"])
    return out


def _merge_entries(db: Database) -> list[tuple[str, int | None, dict[str, object]]]:
    with db.reader() as s:
        return [(e.action, e.record_id, e.detail) for e in s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action.in_(("merge", "unmerge"))).order_by(m.AuditEntry.id))]


def _refusals(results: list[tuple[int, str, str]]) -> list[str]:
    """The refused clients' messages, after checking each is one clean line and exit code 1."""
    lines = []
    for code, out, err in results:
        if code == 0:
            continue
        assert code == 1, err
        assert out == "" and err.count("\n") == 1 and err.startswith("organizer: "), err
        assert "Traceback" not in err and "unexpected" not in err and "IntegrityError" not in err, err
        lines.append(err.strip())
    return lines


def test_eight_merges_of_one_pair_at_once_one_wins_and_its_undo_restores_everything(
        demo_db: Database, db_args: list[str]) -> None:
    # Contacts too (the demo people have none): one e-mail both have (dropped by the merge, back after the
    # undo) and a phone only person 2 has (moved, then moved back).
    for ident, phones in ((KEEP, ()), (OTHER, (ContactEntry("+998 71 239-11-22", "work"),))):
        data = people.get_person(demo_db, ident).data
        people.update_person(demo_db, ident, replace(data, emails=(ContactEntry("office@uzkimyosanoat.uz"),),
                                                     phones=phones))
    before_people = {i: _show(db_args, i) for i in (KEEP, OTHER)}
    before_rows = _linked(demo_db, (KEEP, OTHER))
    assert all(before_people[OTHER][k] for k in ("positions", "tags", "topics", "name_variants", "emails", "phones"))
    assert before_rows["visit_participant.person_id"] and before_rows["meeting_participant.person_id"]

    results = _run_together(db_args, [["merge", "person", str(KEEP), str(OTHER), "--json"]] * 8)

    winners = [json.loads(out) for code, out, _ in results if code == 0]
    assert len(winners) == 1, results
    token = winners[0]["undo_token"]
    assert winners[0]["dropped"]["person_email"] == 1 and winners[0]["moved"]["person_phone"] == 1
    refused = _refusals(results)
    assert len(refused) == 7
    for line in refused:
        assert line == f"organizer: person {OTHER} was merged into person {KEEP} (undo token {token}); " \
                       "nothing was changed"
    history = merging.merge_history(demo_db)
    assert [h["token"] for h in history] == [token]
    assert _merge_entries(demo_db) == [  # one merge in the audit trail: both records' entries, one token
        # The kept record's entry names the merged one (title, uid) for the History since the merge stopped
        # writing 'Merged with ... (uid ...)' into the notes (ac890f3): intended.
        ("merge", KEEP, {"merged_id": OTHER, "merged_title": before_people[OTHER]["full_name"],
                         "merged_uid": before_people[OTHER]["uid"], "token": token}),
        ("merge", OTHER, {"into_id": KEEP, "token": token})]

    out = StringIO()
    assert main([*db_args, "unmerge", token], out=out) == 0

    after_people = {i: _show(db_args, i) for i in (KEEP, OTHER)}
    assert after_people[KEEP].pop("version") == before_people[KEEP].pop("version") + 2  # merge, undo
    assert after_people == before_people  # positions, participations, tags, topics, names, contacts, uids
    assert _linked(demo_db, (KEEP, OTHER)) == before_rows  # every linked row, with its id


def test_two_merges_taking_the_same_record_at_once_one_wins(demo_db: Database, db_args: list[str]) -> None:
    results = _run_together(db_args, [["merge", "person", str(KEEP), str(OTHER), "--json"],
                                      ["merge", "person", str(THIRD), str(OTHER), "--json"]])

    winners = [(i, json.loads(out)) for i, (code, out, _) in enumerate(results) if code == 0]
    assert len(winners) == 1, results
    index, won = winners[0]
    kept = (KEEP, THIRD)[index]
    (refused,) = _refusals(results)
    assert refused == (f"organizer: person {OTHER} was merged into person {kept} (undo token {won['undo_token']}); "
                       "nothing was changed")
    assert len(merging.merge_history(demo_db)) == 1
    with demo_db.reader() as s:
        assert s.get(m.Person, OTHER) is None and s.get(m.Person, KEEP) and s.get(m.Person, THIRD)


def test_four_unmerges_of_one_merge_at_once_one_restores(demo_db: Database, db_args: list[str]) -> None:
    before = _linked(demo_db, (KEEP, OTHER))
    token = merging.merge(demo_db, "person", KEEP, OTHER).undo_token

    results = _run_together(db_args, [["unmerge", token]] * 4)

    assert [code for code, _, _ in results].count(0) == 1, results
    refused = _refusals(results)
    assert len(refused) == 3
    assert all(re.fullmatch(rf"organizer: merge {token} was already undone on \S+ \S+", line) for line in refused)
    assert _linked(demo_db, (KEEP, OTHER)) == before
    assert [a for a, _, _ in _merge_entries(demo_db)] == ["merge", "merge", "unmerge", "unmerge"]


def test_a_refused_merge_of_a_merged_record_names_the_merge(demo_db: Database, db_args: list[str]) -> None:
    token = merging.merge(demo_db, "person", KEEP, OTHER).undo_token
    out, err = StringIO(), StringIO()
    args = db_args
    assert main([*args, "merge", "person", str(THIRD), str(OTHER)], out=out, err=err) == 1
    assert err.getvalue() == f"organizer: person {OTHER} was merged into person {KEEP} (undo token {token}); " \
                             "nothing was changed\n"
    later = merging.merge(demo_db, "person", THIRD, KEEP).undo_token
    err = StringIO()
    assert main([*args, "unmerge", token], out=out, err=err) == 1
    assert err.getvalue() == (f"organizer: merge {token} cannot be undone yet: person {KEEP} was merged into person "
                              f"{THIRD} after it (undo token {later}); undo that merge first\n")
    assert main([*args, "unmerge", later], out=out, err=StringIO()) == 0
    assert main([*args, "unmerge", token], out=out, err=StringIO()) == 0


def test_an_institution_merged_with_its_parent_takes_its_place(demo_db: Database, db_args: list[str]) -> None:
    """``merge institution 4 2`` where 2 is 4's parent failed with "FOREIGN KEY constraint failed"."""
    inst = m.Base.metadata.tables["institution"]

    def tree() -> list[tuple[int, int | None, str]]:
        with demo_db.reader() as s:
            return [tuple(r) for r in s.execute(select(inst.c.id, inst.c.parent_id, inst.c.name).order_by(inst.c.id))]

    before = tree()
    parent = {i: p for i, p, _ in before}
    unit, university = 4, 2
    assert parent[unit] == university and [i for i, p in parent.items() if p == university] == [4, 5, 6]
    out, err = StringIO(), StringIO()
    assert main([*db_args, "merge", "institution", str(unit), str(university), "--json"], out=out, err=err) == 0, \
        err.getvalue()
    token = json.loads(out.getvalue())["undo_token"]
    after = {i: p for i, p, _ in tree()}
    assert university not in after
    assert after[unit] is None and after[5] == after[6] == unit  # the unit took the university's place
    assert main([*db_args, "unmerge", token], out=StringIO(), err=err) == 0, err.getvalue()
    assert tree() == before


def test_an_undo_that_cannot_bring_back_every_row_changes_nothing_and_says_why(
        demo_db: Database, db_args: list[str]) -> None:
    from organizer.services import meetings

    with demo_db.reader() as s:
        meeting = s.scalar(select(m.MeetingParticipant.meeting_id).where(m.MeetingParticipant.person_id == OTHER))
    token = merging.merge(demo_db, "person", KEEP, OTHER).undo_token
    meetings.delete_meeting(demo_db, meeting)
    merged = _linked(demo_db, (KEEP, OTHER))
    err = StringIO()
    assert main([*db_args, "unmerge", token], out=StringIO(), err=err) == 1
    line = err.getvalue()
    assert line.startswith(f"organizer: merge {token} cannot be undone: a meeting_participant row it would bring "
                           "back refers to a record deleted after the merge (") and line.count("\n") == 1, line
    assert line.endswith("; nothing was changed\n"), line
    assert _linked(demo_db, (KEEP, OTHER)) == merged  # nothing of person 2 came back, nothing of 1 changed
    assert [h["undone_at"] for h in merging.merge_history(demo_db)] == [None]


def test_institution_merges_of_one_pair_at_once_one_wins(demo_db: Database, db_args: list[str]) -> None:
    university, park = 2, 5  # the technopark is a unit of the university
    results = _run_together(db_args, [["merge", "institution", str(university), str(park), "--json"]] * 4)

    winners = [json.loads(out) for code, out, _ in results if code == 0]
    assert len(winners) == 1, results
    token = winners[0]["undo_token"]
    assert _refusals(results) == [f"organizer: institution {park} was merged into institution {university} "
                                  f"(undo token {token}); nothing was changed"] * 3
    assert [h["token"] for h in merging.merge_history(demo_db, "institution")] == [token]


def test_an_unmerge_and_a_merge_of_its_kept_record_at_once(demo_db: Database, db_args: list[str]) -> None:
    before = _linked(demo_db, (KEEP, OTHER, THIRD))
    token = merging.merge(demo_db, "person", KEEP, OTHER).undo_token

    results = _run_together(db_args, [["unmerge", token], ["merge", "person", str(THIRD), str(KEEP), "--json"]])

    (unmerged, _, _), (merged, out, _) = results
    assert merged == 0, results  # merging into person 3 is possible either way
    later = json.loads(out)["undo_token"]
    if unmerged == 0:  # the undo came first: person 2 is back, then 1 went into 3
        assert _refusals(results) == []
        assert merging.undo_merge(demo_db, later).kept_id == THIRD
        assert _linked(demo_db, (KEEP, OTHER, THIRD)) == before
    else:  # the merge came first: the undo waits for it, and is told so
        assert _refusals(results) == [f"organizer: merge {token} cannot be undone yet: person {KEEP} was merged "
                                      f"into person {THIRD} after it (undo token {later}); undo that merge first"]
        merging.undo_merge(demo_db, later)
        merging.undo_merge(demo_db, token)
        assert _linked(demo_db, (KEEP, OTHER, THIRD)) == before


def test_an_erase_and_a_merge_into_the_same_person_at_once_leave_no_copy_of_the_erased_names(
        demo_db: Database, db_args: list[str]) -> None:
    """Issue 15 (noticed by the merge work): the erase locks the person before it reads the merge records
    to delete, so a merge into that person either waits for the erase (and copies only erased data) or
    is seen by it (and its record, holding the person's names, is deleted). Never a copy left behind."""
    names = {n for n in (people.get_person(demo_db, KEEP).full_name, "Korzhikov", "Коржиков")}
    results = _run_together(db_args, [["erase", "person", str(KEEP)],
                                      ["merge", "person", str(KEEP), str(OTHER)]])
    assert results[0][0] == 0, results
    with demo_db.reader() as session:
        snapshots = [r.snapshot for r in session.scalars(select(m.MergeRecord))]
    assert not [n for n in names for s in snapshots if n in (s or "")], "a merge record kept the erased names"
