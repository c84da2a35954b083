"""The Russian window writes Russian dates even where the system locale names ru_RU but formats by LC_TIME=C."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_language_from_LANGUAGE_with_LANG_C_gives_russian_month_names() -> None:
    code = ("from datetime import date\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from organizer.gui.i18n import choose_language, install_language\n"
            "install_language(app, choose_language(None, None))\n"
            "from organizer.gui.formatting import fmt_date\n"
            "print(fmt_date(date(2025, 9, 1)))\n")
    env = {**os.environ, "LANGUAGE": "ru", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    env.pop("LC_ALL", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "1 сент. 2025"
