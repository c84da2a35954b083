"""Documents from huge texts: time and peak memory of `briefing`, `briefing --report` and `dossier` when the
free-text fields hold up to a megabyte each, in the three shapes that stress a layout differently.

    python bench/bench_long_text.py [--shape lines words word] [--case three report-notes briefing-8 every]
                                    [--size 950000] [--timeout 300] [--src PATH]

Shapes of one field's text (``--size`` characters; 950,000 is what issue 15 used, the store takes 1,000,000):

- ``lines``: ``"line\\n" * (size // 5)``, 190,000 short lines;
- ``words``: ``"word " * (size // 5)``, one line of 190,000 words;
- ``word``: ``"x" * size``, one word.

Cases (the reproductions of issue 15 points 5 and 13, and scope 10's "1 MB in every field"):

- ``three``: a person's biography and notes and the visit's purpose hold the text; the briefing, the report
  and the person's dossier are written;
- ``report-notes``: one meeting's notes hold it; the report is written;
- ``briefing-8``: eight fields hold it (purpose, a meeting's objectives, talking points and agenda, the
  people's biographies, the institutions' profiles, the visit's lodging and transport); the briefing is written;
- ``every``: every free-text field of every record holds it; the briefing, the report and both dossiers.

Each document is written by the CLI in its own process (``python -m organizer --db ... briefing ...``) with
``PYTHONPATH=--src`` (default: this checkout), so the same data can be timed against an older checkout.
Prints wall and CPU seconds and the peak RSS (``ru_maxrss`` of that process) per document; a document that
takes longer than ``--timeout`` seconds is killed and shown as such. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

SHAPES: dict[str, Callable[[int], str]] = {
    "lines": lambda size: "line\n" * (size // 5),
    "words": lambda size: "word " * (size // 5),
    "word": lambda size: "x" * size,
}


def archive(fields: set[str], text: str) -> dict[str, Any]:
    """One visit with a guest and a host, one meeting, one follow-up, two institutions; ``text`` in ``fields``
    (``"*"`` for every free-text field)."""
    def t(name: str) -> str:
        return text if "*" in fields or name in fields else f"Short {name.replace('_', ' ')}."

    insts = [{"uid": "g", "name": "Guest Company", "kind": "company", "profile": t("profile"),
              "address": t("address")},
             {"uid": "h", "name": "Host University", "kind": "university", "profile": t("profile")}]
    people = [{"uid": f"p{i}", "given_name": name, "family_name": "Long", "biography": t("biography"),
               "notes": t("notes"), "dietary_needs": t("dietary_needs"), "interpreter_needs": t("interpreter_needs"),
               "positions": [{"title": "Director", "institution": inst, "current": True}]}
              for i, (name, inst) in enumerate((("Guest", "g"), ("Host", "h")))]
    logistics = {k: t(k) for k in ("arrival_details", "departure_details", "lodging", "transport",
                                    "interpreter_needs", "dietary_needs")}
    visit = {"uid": "v", "title": "Long texts", "direction": "incoming", "start_date": "2025-03-11",
             "end_date": "2025-03-12", "place": "Kazan", "status": "done", "purpose": t("purpose"),
             "summary": t("summary"), "institutions": [{"institution": "g", "side": "guest"},
                                                       {"institution": "h", "side": "host"}],
             "participants": [{"person": "p0", "side": "guest", "precedence": 1},
                              {"person": "p1", "side": "host", "precedence": 1}],
             "logistics": logistics}
    meeting = {"uid": "m", "visit": "v", "title": "Talks", "starts_at": "2025-03-11T10:00:00",
               "ends_at": "2025-03-11T11:00:00", "venue": "h",
               "participants": [{"person": "p0", "side": "guest"}, {"person": "p1", "side": "host"}],
               "notes": t("meeting_notes"), **{k: t(k) for k in ("objectives", "talking_points", "agenda", "outcomes")}}
    followup = {"uid": "f", "description": "Send the papers", "status": "open", "due_date": "2025-06-30",
                "owner_person": "p1", "visit": "v", "meeting": "m", "notes": t("followup_notes")}
    return {"format": "organizer-archive", "version": 1, "institutions": insts, "people": people,
            "visits": [visit], "meetings": [meeting], "followups": [followup]}


CASES: dict[str, tuple[set[str], list[list[str]]]] = {
    "three": ({"biography", "notes", "purpose"},
              [["briefing", "1"], ["briefing", "1", "--report"], ["dossier", "person", "1"]]),
    "report-notes": ({"meeting_notes"}, [["briefing", "1", "--report"]]),
    "briefing-8": ({"purpose", "objectives", "talking_points", "agenda", "biography", "profile", "lodging",
                    "transport"}, [["briefing", "1"]]),
    "every": ({"*"}, [["briefing", "1"], ["briefing", "1", "--report"], ["dossier", "person", "1"],
                      ["dossier", "institution", "1"]]),
}


def run(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds, peak RSS MB, outcome) of one command in its own process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    seconds = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    outcome = "ok" if code == 0 else ("killed at timeout" if code < 0 else f"exit {code}: {err[-120:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, outcome


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shape", nargs="+", choices=sorted(SHAPES), default=sorted(SHAPES))
    ap.add_argument("--case", nargs="+", choices=list(CASES), default=list(CASES))
    ap.add_argument("--size", type=int, default=950_000, help="characters of each long field")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds before a document is killed")
    ap.add_argument("--src", type=Path, default=ROOT, help="checkout whose organizer package is run")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src.resolve()), "QT_QPA_PLATFORM": "offscreen"}
    print(f"source: {args.src.resolve()}   field size: {args.size:,} characters")
    print(f"{'case':<13} {'shape':<6} {'document':<28} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.case:
            for shape in args.shape:
                db, src = Path(tmp, f"{case}-{shape}.sqlite"), Path(tmp, f"{case}-{shape}.json")
                src.write_text(json.dumps(archive(CASES[case][0], SHAPES[shape](args.size))), encoding="utf-8")
                organizer = [sys.executable, "-m", "organizer", "--db", str(db)]
                seconds, _cpu, _rss, outcome = run([*organizer, "--create", "import", str(src)], env, args.timeout)
                if outcome != "ok":
                    print(f"{case:<13} {shape:<6} import failed: {outcome}")
                    continue
                for doc in CASES[case][1]:
                    out = Path(tmp, "out.pdf")
                    seconds, cpu, rss, outcome = run([*organizer, *doc, "--out", str(out)], env, args.timeout)
                    print(f"{case:<13} {shape:<6} {' '.join(doc):<28} {seconds:7.1f} {cpu:7.1f} {rss:8,}  {outcome}",
                          flush=True)
                db.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
