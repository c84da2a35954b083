"""Small screens (issue 17, scope 9): on a 1366x768 laptop at 100 % and at 125 % scaling, in English and
Russian, the main window opens within the screen (also when it was last closed larger than the screen)
and every editor (a stored record's and a new one's) opens within it with no page cut at the side, no
table scrolling sideways (the participants' Role column, the positions' dates in view) and no column
title cut (``gui.editors.sizes.fit_problems``); so does the review of a visit drafted from text, with its list
not scrolling sideways.

Each case runs ``fit_probe.py`` in a subprocess: the offscreen screen's size and the scale factor are
fixed when the application starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from organizer.services.demo import load_demo
from organizer.store import open_database, sqlite_url

ROOT = Path(__file__).resolve().parents[2]
SCREEN = ROOT / "packaging" / "screen-1366x768.json"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fit") / "demo.sqlite"
    db = open_database(sqlite_url(path))
    load_demo(db)
    db.close()
    return path


@pytest.mark.parametrize("scale", ["1", "1.25"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_editor_and_the_window_fit_1366x768(demo_file: Path, tmp_path: Path, scale: str,
                                                  language: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={SCREEN}", "QT_SCALE_FACTOR": scale,
           "ORGANIZER_SETTINGS": str(tmp_path / "settings.ini"), "ORGANIZER_DRAFTS": str(tmp_path / "drafts"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           # at 125 %, the window was last closed larger than the screen: it is brought back within it
           "FIT_REMEMBERED": "1" if scale != "1" else ""}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "gui" / "fit_probe.py"), str(demo_file), language],
                          env=env, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    width, height = report["screen"]
    assert (width, height) == ((1366, 768) if scale == "1" else (1093, 614))
    assert report["window"][0] <= width and report["window"][1] <= height, "the main window fits the screen"
    assert report["window_minimum"][0] <= width and report["window_minimum"][1] <= height
    kinds = {name.split()[0] for name in report["editors"]}
    assert kinds == {"person", "institution", "visit", "meeting", "followup", "agreement", "programme_item"}
    assert len(report["editors"]) >= 11, "a stored record's editor and a new one's (no agreement in the demo)"
    problems = {name: found["problems"] for name, found in report["editors"].items() if found["problems"]}
    assert problems == {}
    for name, found in report["editors"].items():
        assert found["size"][0] <= width and found["size"][1] <= height, name
    review = report["draft_review"]  # File > New visit from text's review
    assert review["problems"] == [] and review["size"][0] <= width and review["size"][1] <= height
