"""No text is cut at 1366x768: every visible label, button, check box, group title, combo box, placeholder,
tab title, table header and enum cell of the main window, each of its tabs and each editor (a stored record
and a new one, page by page) fits its room, in English and Russian, at 100 % and 125 % scaling.

Each case runs ``tests/gui/textfit.py`` in a subprocess on a 1366x768 offscreen screen (the screen size and
the scale factor are fixed when the application starts). The walk measures with the widgets' own font
metrics; ``test_the_walk_finds_a_cut_text`` shows it does report what does not fit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from tests.gui.textfit import SCREEN, clipped

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("lang", "scale"), [("en", "1"), ("ru", "1"), ("en", "1.25"), ("ru", "1.25")])
def test_every_text_of_the_window_tabs_and_editors_fits_at_1366x768(tmp_path: Path, lang: str, scale: str) -> None:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps(SCREEN), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "QT_SCALE_FACTOR": scale,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "tests.gui.textfit", lang], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    cut = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert not cut, f"{len(cut)} text(s) cut at 1366x768, {lang}, scale {scale}:\n" + "\n".join(
        f"{c['place']}: {c['text']!r} needs {c['need']} px, has {c['room']} ({c['where']})" for c in cut)


def test_the_walk_finds_a_cut_text(qtbot: Any) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    row = QHBoxLayout(root)
    label = QLabel("Любой ответственный за поручение")
    label.setFixedWidth(60)
    field = QLineEdit()
    field.setPlaceholderText("Фильтр по содержанию поручения…")
    field.setFixedWidth(60)
    combo = QComboBox()
    combo.addItem("Любой ответственный")
    combo.setFixedWidth(60)
    button = QPushButton("Сохранить и закрыть")
    button.setFixedWidth(40)
    fits = QLabel("Да")
    for widget in (label, field, combo, button, fits):
        row.addWidget(widget)
    root.show()
    qtbot.waitExposed(root)
    found = {text for _where, text, _need, _room in clipped(root)}
    assert found == {"Любой ответственный за поручение", "Фильтр по содержанию поручения…", "Любой ответственный",
                     "Сохранить и закрыть"}
