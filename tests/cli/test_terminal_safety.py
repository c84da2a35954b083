"""Nothing a terminal would act on reaches it, from any command (issue 15 point 4, 17 last item; scope 3).

A database holds a hostile record: names, notes, topics, tags, a visit, a meeting, an institution, a
follow-up and an agreement whose text carries BEL, BS, ESC, DEL, CR, TAB, the C1 CSI (0x9b) and NEL,
the bidi override U+202E and isolate U+2066 (and U+200F, U+061C), and a newline followed by ``FAKE``
(a line the data must not be able to start). Such text cannot be typed into Organizer (the services
refuse controls in names) but arrives from other tools writing to the database, so it is written with
SQL. Then every command the parser knows runs in its plain form and, where it has one, its ``--json``
form, with hostile file names too; the walk fails when the parser gains a command it does not run.

Plain output: no control character at all but the newline, no line begins with the data's ``FAKE``.
JSON output: no raw C0, DEL, C1 or bidi character, and the values read back are the stored strings.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from organizer.cli.main import build_parser, main
from organizer.store import Database

HOSTILE = "\x07\x08\x1b[2J\x1b]0;pwned\x07\x7f\x9b31m\x85\u202eevil\u2066\u200f\u061c\t\r\nFAKE"
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MARK = "QQZ"
"""Written in the archive where the hostile text goes; replaced by SQL afterwards."""


def unsafe_characters(text: str, *, layout: str = "\n") -> list[str]:
    """Characters a terminal would act on (every C0 control but ``layout``, DEL, C1, bidi, surrogates)."""
    return sorted({c for c in text if (ord(c) < 0x20 and c not in layout) or 0x7F <= ord(c) <= 0x9F or c in BIDI
                   or 0xD800 <= ord(c) <= 0xDFFF})


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def has_json(parser: argparse.ArgumentParser) -> bool:
    return "--json" in parser._option_string_actions


class Runner:
    """Runs ``organizer`` in this process, capturing its streams and whatever reaches sys.stdout/stderr."""

    def __init__(self, db_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        self.db_args = db_args
        self.capsys = capsys
        self.ran: set[str] = set()

    def __call__(self, *args: str, json_out: bool = False, ok: bool = True) -> str:
        out, err = io.StringIO(), io.StringIO()
        self.capsys.readouterr()
        code = main([*self.db_args, *args], out=out, err=err)
        captured = self.capsys.readouterr()
        stdout, stderr = out.getvalue() + captured.out, err.getvalue() + captured.err
        self.ran.add(args[0])
        where = f"organizer {' '.join(args)!r}"
        if ok:
            assert code == 0, f"{where}: {stderr}"
        assert not unsafe_characters(stderr), f"{where} stderr: {stderr!r}"
        assert not any(line.startswith("FAKE") for line in stderr.split("\n")), f"{where} stderr: {stderr!r}"
        if json_out:
            assert not unsafe_characters(stdout), f"{where}: {stdout[:2000]!r}"
            json.loads(stdout)
        else:
            assert not unsafe_characters(stdout), f"{where}: {stdout[:2000]!r}"
            assert not any(line.startswith("FAKE") for line in stdout.split("\n")), f"{where}: {stdout[:2000]!r}"
        return stdout

    def both(self, *args: str) -> Any:
        """The plain form, then the --json form; the JSON value read back."""
        self(*args)
        return json.loads(self(*args, "--json", json_out=True))


@pytest.fixture
def demo_args(db: Database, db_args: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    Runner(db_args, capsys)("demo")
    return db_args


def hostile_archive(path: Path) -> Path:
    m = MARK
    data = {
        "format": "organizer-archive", "version": 1,
        "topics": [{"name": f"Topic {m}", "description": f"About {m}"}],
        "institutions": [
            {"uid": "h:inst", "name": f"Institute {m}", "short_name": f"Inst {m}", "kind": "company",
             "country": f"Country {m}", "city": f"City {m}", "profile": f"Profile {m}", "topics": [f"Topic {m}"],
             "name_variants": [{"name": f"Variant {m}", "script": "Latn", "language": "en"}]},
            {"uid": "h:unit", "name": f"Unit {m}", "kind": "department", "parent": "h:inst"},
        ],
        "people": [
            {"uid": "h:person", "given_name": f"Given {m}", "family_name": f"Family {m}", "honorific": f"Dr {m}",
             "notes": f"Notes {m}", "biography": f"Biography {m}", "dietary_needs": f"Diet {m}",
             "topics": [f"Topic {m}"], "tags": [f"tag {m}"], "languages": ["en"],
             "name_variants": [{"name": f"Variant {m}", "script": "Latn", "language": "en"}],
             "positions": [{"title": f"Title {m}", "institution": "h:inst", "current": True}]},
            {"uid": "h:twin", "given_name": f"Given {m}", "family_name": f"Family {m}",
             "positions": [{"title": f"Title {m}", "institution": "h:inst", "current": True}]},
            {"uid": "h:erased", "given_name": f"Gone {m}", "family_name": f"Person {m}", "notes": f"Notes {m}"},
        ],
        "visits": [
            {"uid": "h:visit", "title": f"Visit {m}", "direction": "incoming", "start_date": "2025-05-01",
             "end_date": "2025-05-02", "place": f"Place {m}", "status": "done", "purpose": f"Purpose {m}",
             "summary": f"Summary {m}", "topics": [f"Topic {m}"],
             "institutions": [{"institution": "h:inst", "side": "guest"},
                              {"institution": "demo:institution:kfu", "side": "host"}],
             "participants": [{"person": "h:person", "side": "guest", "role": "head_of_delegation"},
                              {"person": "h:erased", "side": "guest", "role": "member"},
                              {"person": "demo:person:minnikhanov", "side": "host", "role": "host"}]},
        ],
        "meetings": [
            {"uid": "h:meeting", "visit": "h:visit", "title": f"Meeting {m}", "kind": "meeting",
             "starts_at": "2025-05-01T10:00", "ends_at": "2025-05-01T11:00", "room": f"Room {m}",
             "objectives": f"Objectives {m}", "notes": f"Notes {m}", "outcomes": f"Outcomes {m}",
             "participants": [{"person": "h:person", "side": "guest", "role": "head_of_delegation"}],
             "topics": [f"Topic {m}"]},
        ],
        "followups": [
            {"uid": "h:followup", "description": f"Follow-up {m}", "status": "open", "due_date": "2025-06-30",
             "owner_person": "h:person", "visit": "h:visit", "meeting": "h:meeting"},
            {"uid": "h:followup-done", "description": f"Follow-up done {m}", "status": "done",
             "done_on": "2025-06-01", "done_note": f"Done note {m}", "visit": "h:visit"},
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def make_hostile(db: Database) -> None:
    """Replace the mark by the hostile text in every text column of the data tables (not the search index)."""
    from sqlalchemy import String, Text, inspect, text

    with db.write_engine.begin() as conn:
        inspector = inspect(conn)
        for table in inspector.get_table_names():
            if table.startswith(("search", "alembic")) or "fts" in table:
                continue
            for column in inspector.get_columns(table):
                if isinstance(column["type"], String | Text):
                    name = column["name"]
                    conn.execute(text(f'UPDATE "{table}" SET "{name}" = replace("{name}", :mark, :hostile) '
                                      f'WHERE "{name}" LIKE :like'),
                                 {"mark": MARK, "hostile": HOSTILE, "like": f"%{MARK}%"})


def ident(items: list[dict[str, Any]], uid: str) -> str:
    return str(next(i["id"] for i in items if i.get("uid") == uid))


def test_every_command_keeps_control_characters_off_the_terminal(db: Database, db_args: list[str], tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    run = Runner(db_args, capsys)
    run("demo")
    run.both("import", str(hostile_archive(tmp_path / "hostile.json")))
    make_hostile(db)
    run("gui", ok=False)  # no window in this process: one clean line
    bad_name = tmp_path / f"archive {HOSTILE}.json"
    bad_name.write_text("{not json", encoding="utf-8")
    run("import", str(bad_name), ok=False)

    people = run.both("list", "people")
    assert any(HOSTILE in s for s in strings(people)), "the JSON gives back the stored text"
    person, twin, erased = (ident(people, u) for u in ("h:person", "h:twin", "h:erased"))
    institution = str(next(i["id"] for i in run.both("list", "institutions") if HOSTILE in i["name"]))
    visit = str(next(v["id"] for v in run.both("list", "visits") if HOSTILE in v["title"]))
    for kind in ("meetings", "followups", "agreements"):
        assert any(HOSTILE in s for s in strings(run.both("list", kind))) or kind == "agreements"
    meeting = str(next(m["id"] for m in json.loads(run("list", "meetings", "--json", json_out=True))
                       if HOSTILE in m["title"]))
    followups = run.both("list", "followups")
    assert any(HOSTILE in f["done_note"] for f in followups), "a stored completion note is listed"
    hostile_followup = str(next(f["id"] for f in followups if HOSTILE in f["description"] and f["status"] == "open"))
    clean_followup = str(next(f["id"] for f in followups if f["status"] == "open" and HOSTILE not in f["description"]))
    run("done", hostile_followup, "--note", f"Called {HOSTILE}", ok=False)  # refused; the error names characters
    run("done", clean_followup, "--on", HOSTILE, ok=False)  # the refused date is echoed in the error, escaped
    assert "done on 2025-07-01" in run("done", clean_followup, "--on", "2025-07-01", "--note", "Called")
    for kind, number in (("person", person), ("institution", institution), ("visit", visit), ("meeting", meeting)):
        shown = run.both("show", kind, number)
        assert any(HOSTILE in s for s in strings(shown)), kind
        run.both("history", kind, number)

    # the stored texts hold control characters a new record may not: the copy is refused in one escaped line
    run("duplicate", "visit", visit, "--start", "2027-03-10", "--json", ok=False)
    run("duplicate", "visit", visit, "--title", f"Return {HOSTILE}", ok=False)

    run("search", "--rebuild", "Given")
    for query in ("Given", "Family", "Notes", "Topic", "Meeting", "Follow-up", "Institute", "Biography", "Outcomes",
                  f"Given {HOSTILE}"):
        hits = run.both("search", query)
        if query != f"Given {HOSTILE}":
            assert hits, query
    pairs = run.both("duplicates")
    assert any(HOSTILE in s for s in strings(pairs))

    out_name = f"out {HOSTILE}"
    for args in (["briefing", visit, "--out", str(tmp_path / f"{out_name}.pdf")],
                 ["briefing", visit, "--report", "--out", str(tmp_path / f"report {out_name}.pdf")],
                 ["dossier", "person", person, "--out", str(tmp_path / f"person {out_name}.pdf")],
                 ["dossier", "institution", institution, "--out", str(tmp_path / f"inst {out_name}.pdf")],
                 ["letters", visit, "--out", str(tmp_path / f"letters {out_name}")],
                 ["export", str(tmp_path / f"{out_name}.json")]):
        assert "wrote" in run(*args) or args[0] == "export"
    rtl = tmp_path / "briefing-\u202efdp.exe"  # the case: shows as ...exe.pdf without the escape
    assert "\\u202e" in run("briefing", visit, "--out", str(rtl))

    merged = json.loads(run("merge", "person", person, twin, "--json", json_out=True))
    run.both("unmerge", "--list")
    run("unmerge", str(merged["undo_token"]))
    plain = run("merge", "person", person, twin)
    run("unmerge", plain.rsplit(" ", 1)[-1].strip(), "--json", json_out=True)
    run("erase", "person", erased)

    if db.path is not None:
        backup = tmp_path / f"backup {HOSTILE}.sqlite"
        run("backup", "--out", str(backup))
        run("backup", "--purge-erased")
        run("restore", str(backup))
    else:  # PostgreSQL: both commands refuse, in one clean line
        run("backup", "--out", str(tmp_path / f"backup {HOSTILE}.sqlite"), ok=False)
        run("restore", str(tmp_path / f"backup {HOSTILE}.sqlite"), ok=False)

    assert run.ran == set(commands()), f"commands the walk does not run: {set(commands()) - run.ran}"


def test_hostile_arguments_to_every_command_are_escaped_in_the_error(db: Database, db_args: list[str], tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command with hostile text in every argument (and an argument it does not know): the
    errors that echo them, argparse's own included, stay clean and on one line each."""
    monkeypatch.chdir(tmp_path)  # `export HOSTILE` writes a file of that name
    run = Runner(db_args, capsys)
    for name, parser in commands().items():
        args = [name]
        for action in parser._actions:
            if action.option_strings:
                continue
            args.append(str(action.choices and next(iter(action.choices))) if action.choices else HOSTILE)
        run(*args, ok=False)
        run(*args, f"--{HOSTILE}", ok=False)
        run(name, HOSTILE, HOSTILE, HOSTILE, ok=False)
    run("list", HOSTILE, ok=False)
    run(HOSTILE, ok=False)


@pytest.fixture
def hostile(db: Database, db_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Runner:
    run = Runner(db_args, capsys)
    run("demo")
    run("import", str(hostile_archive(tmp_path / "hostile.json")))
    make_hostile(db)
    run("search", "--rebuild")
    return run


@pytest.mark.parametrize("query", ["Given", "Notes", "Topic", "Meeting", "Institute", "Follow-up"])
def test_search_hits_and_snippets_are_escaped(hostile: Runner, query: str) -> None:
    """The issue's case: names, notes and topics reached the terminal raw through search."""
    plain = hostile("search", query)
    assert "\\x1b" in plain and "\\u202e" in plain
    raw = hostile("search", query, "--json", json_out=True)
    assert "\\u202e" in raw and "\\u007f" in raw and "\\u009b" in raw
    assert any("\x07\x08\x1b[2J\x1b]0;pwned\x07\x7f\x9b31m" in s for s in strings(json.loads(raw)))  # read back


def test_the_wrote_line_of_a_briefing_escapes_a_right_to_left_override(hostile: Runner, tmp_path: Path) -> None:
    visit = str(next(v["id"] for v in json.loads(hostile("list", "visits", "--json", json_out=True))
                     if HOSTILE in v["title"]))
    target = tmp_path / "briefing-\u202efdp.exe"
    line = hostile("briefing", visit, "--out", str(target))
    assert line.startswith(f"wrote {tmp_path}/briefing-\\u202efdp.exe (briefing of visit {visit}: Visit ")
    assert target.is_file() and line.count("\n") == 1


def test_every_character_an_escape_changes_is_one_isprintable_rejects() -> None:
    """terminal_text, inline and the JSON stream skip their regex for printable text: that never skips a
    character to escape (U+202E is a format character, Cf: not printable)."""
    from organizer.cli import safety

    assert not "\u202e".isprintable() and not "\u2066".isprintable() and not "\x9b".isprintable()
    for pattern in (safety._UNSAFE, safety._UNSAFE_INLINE, safety._UNSAFE_JSON_STREAM):
        unsafe = [chr(c) for c in range(sys.maxunicode + 1) if pattern.match(chr(c))]
        assert len(unsafe) > 2000 and not [c for c in unsafe if c.isprintable()]
    for c in ["\x07", "\x1b", "\x7f", "\x9b", "\x85", *BIDI, "\t", "\r"]:
        assert safety.inline(c) != c and safety.terminal_text(c) != c and c not in safety.json_stream_text(c)
    assert safety.terminal_text("a\nb") == "a\nb" and safety.inline("a\nb") == "a\\x0ab"


def test_json_of_ordinary_text_is_byte_identical(demo_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """The escaping layer changes nothing for ordinary text: each --json form is exactly what json.dumps
    writes (indented for one value, one compact item a line for a list)."""
    run = Runner(demo_args, capsys)
    for args in (["search", "Korzhikov"], ["duplicates"], ["show", "person", "1"], ["history", "person", "1"],
                 ["unmerge", "--list"]):
        raw = run(*args, "--json", json_out=True)
        assert raw == json.dumps(json.loads(raw), ensure_ascii=False, indent=2) + "\n", args
    raw = run("list", "people", "--json", json_out=True)
    items = json.loads(raw)
    assert not raw.isascii()  # Cyrillic and Uzbek name variants, written as they are
    assert raw == "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n"
