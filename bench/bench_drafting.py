"""Precision and recall of the report extractor (issue 21) on the annotated reports in tests/data/reports.

Each ``NAME.txt`` has ``NAME.json``: the people (``full_name``, ``title``, ``institution``), the institutions
(``name``, ``parent``) and the meetings (a word each expected meeting title holds, in order) an attentive reader
finds. An annotation with a ``source`` is an excerpt of a real public news item (its address); the others were
written for the corpus. Scores, per language, over all reports not marked ``tuned_on`` (and, apart, the ones that
are), the real ones apart from the written ones:

- people: a proposed person whose name is an annotated one;
- people with title: a person proposed with the annotated name and title (compared without "the" and case;
  an annotated empty title wants none). This is what issue 21's acceptance names ("people-with-title
  extraction"); the institution is scored on its own in the next row, because the import matches a drafted
  person's institution against the database's institutions (and the reviewer picks one) rather than taking
  its text as written;
- people with title and institution: as above, and the institution as annotated too (an annotated empty
  institution wants none) -- the row named "titles" before;
- institutions: a proposed institution name that is annotated (and, for "nesting", with its annotated parent);
- meetings: a proposed meeting whose title holds the next expected word.

    .venv/bin/python bench/bench_drafting.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from organizer.services.drafting import draft_from_text  # noqa: E402

REPORTS = ROOT / "tests" / "data" / "reports"


def _key(text: str | None) -> str:
    return re.sub(r"^the\s", "", (text or "").replace("’", "'").casefold().strip())


def _score(expected: set[tuple[str, ...]], got: set[tuple[str, ...]], tally: dict[str, list[int]], what: str) -> None:
    hits = len(expected & got)
    tally.setdefault(what, [0, 0, 0])
    tally[what][0] += hits
    tally[what][1] += len(got)
    tally[what][2] += len(expected)


def _meetings(expected: list[str], titles: list[str]) -> int:
    hits, at = 0, 0
    for word in expected:
        for k in range(at, len(titles)):
            if word.casefold() in titles[k].casefold():
                hits, at = hits + 1, k + 1
                break
    return hits


def evaluate(path: Path, tally: dict[str, list[int]], verbose: bool) -> None:
    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    draft = draft_from_text(path.read_text(encoding="utf-8"))
    _score({(_key(p["full_name"]),) for p in want["people"]}, {(_key(p.full_name),) for p in draft.people},
           tally, "people")
    _score({(_key(p["full_name"]), _key(p["title"])) for p in want["people"]},
           {(_key(p.full_name), _key(p.title)) for p in draft.people}, tally, "with title")
    _score({(_key(p["full_name"]), _key(p["title"]), _key(p["institution"])) for p in want["people"]},
           {(_key(p.full_name), _key(p.title), _key(p.institution)) for p in draft.people}, tally, "with title+inst")
    _score({(_key(i["name"]),) for i in want["institutions"]}, {(_key(i.name),) for i in draft.institutions},
           tally, "institutions")
    _score({(_key(i["name"]), _key(i["parent"])) for i in want["institutions"] if i["parent"]},
           {(_key(i.name), _key(i.parent)) for i in draft.institutions if i.parent}, tally, "nesting")
    titles = [m.title for m in draft.meetings]
    hits = _meetings(want["meetings"], titles)
    tally.setdefault("meetings", [0, 0, 0])
    tally["meetings"][0] += hits
    tally["meetings"][1] += len(titles)
    tally["meetings"][2] += len(want["meetings"])
    if verbose:
        print(f"--- {path.name}")
        for p in draft.people:
            print(f"  person: {p.full_name} | {p.title} | {p.institution}")
        for i in draft.institutions:
            print(f"  institution: {i.name} (under {i.parent})")
        for t in titles:
            print(f"  meeting: {t}")


def _print(label: str, tally: dict[str, list[int]]) -> None:
    print(f"{label}:")
    for what, (hits, got, expected) in tally.items():
        precision = hits / got if got else 1.0
        recall = hits / expected if expected else 1.0
        print(f"  {what:16} precision {precision:.2f} ({hits}/{got})  recall {recall:.2f} ({hits}/{expected})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each report's draft")
    args = parser.parse_args()
    tallies: dict[tuple[str, bool, bool], dict[str, list[int]]] = {}
    counts: dict[tuple[str, bool, bool], int] = {}
    files = sorted(p for p in REPORTS.glob("*.txt") if p.with_suffix(".json").exists())
    for path in files:
        annotation = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        marked, real = annotation.get("tuned_on", False), "source" in annotation
        language = "Russian" if re.search(r"[\u0400-\u04FF]", path.read_text(encoding="utf-8")[:200]) else "English"
        key = (language, bool(marked), real)
        evaluate(path, tallies.setdefault(key, {}), args.verbose)
        counts[key] = counts.get(key, 0) + 1
    for (language, marked, real), tally in sorted(tallies.items()):
        what = "tuned on (tuned_on in the annotation)" if marked else "held out (the rules were not tuned on them)"
        kind = "real news items" if real else "written for the corpus"
        _print(f"{language} reports, {kind}, {what}: {counts[(language, marked, real)]}", tally)


if __name__ == "__main__":
    main()
