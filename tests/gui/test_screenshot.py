"""``organizer gui --screenshot FILE.png --view VIEW``: through the real command line in a subprocess, for every
view, in English and Russian, offscreen; the picture is the whole window and not blank."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from organizer.gui.main_window import MainWindow
from organizer.gui.screenshot import VIEWS, ScreenshotError, take_screenshot, view_tab
from organizer.services.demo import load_demo
from organizer.store import Database, open_database, sqlite_url


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shots") / "demo.sqlite"
    db = open_database(sqlite_url(path))
    load_demo(db)
    db.close()
    return path


def _screenshot(db_file: Path, out: Path, *args: str,
                lang_env: str = "en_GB.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": lang_env, "LC_ALL": "", "LANGUAGE": "",
           "ORGANIZER_SETTINGS": str(out.parent / "settings.ini")}
    return subprocess.run([sys.executable, "-m", "organizer", "--db", str(db_file), "gui", "--screenshot", str(out),
                           *args], env=env, capture_output=True, text=True, timeout=120, check=False)


def _distinct_colours(image: QImage) -> int:
    step = 7
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.mark.parametrize("view", VIEWS)
def test_screenshot_of_every_view_through_the_command_line(tmp_path: Path, demo_file: Path, view: str,
                                                           qtbot: Any, gui_db: Database) -> None:
    probe = MainWindow(gui_db)  # which views this version has
    qtbot.addWidget(probe)
    available = hasattr(probe, f"{view}_tab")
    out = tmp_path / f"{view}.png"
    done = _screenshot(demo_file, out, "--view", view)
    if not available:
        assert done.returncode == 1 and f"no {view} view" in done.stderr
        assert not out.exists()
        return
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert _distinct_colours(image) > 30, "the screenshot looks blank"
    assert out.stat().st_size > 20_000


def test_screenshot_respects_lang_and_the_lang_option(tmp_path: Path, demo_file: Path) -> None:
    english = tmp_path / "en.png"
    russian_env = tmp_path / "ru-env.png"
    russian_opt = tmp_path / "ru-opt.png"
    assert _screenshot(demo_file, english, "--view", "visits").returncode == 0
    assert _screenshot(demo_file, russian_env, "--view", "visits", lang_env="ru_RU.UTF-8").returncode == 0
    assert _screenshot(demo_file, russian_opt, "--view", "visits", "--lang", "ru").returncode == 0
    assert QImage(str(russian_env)) == QImage(str(russian_opt))
    assert QImage(str(english)) != QImage(str(russian_env))


def test_screenshot_selects_the_first_record_so_the_detail_is_filled(qtbot: Any, gui_demo_db: Database,
                                                                     tmp_path: Path) -> None:
    window = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(window)
    for view in VIEWS:
        if not hasattr(window, f"{view}_tab"):
            continue
        take_screenshot(window, tmp_path / f"{view}.png", view)
        tab: Any = view_tab(window, view)
        assert window.centralWidget().currentWidget() is tab
        if tab.view.model().rowCount() == 0:  # the demo has no agreement: the pane says so
            assert tab.current_id() is None and len(tab.detail.toPlainText()) > 40
            continue
        assert tab.current_id() is not None
        assert len(tab.detail.toPlainText()) > 40


def test_unknown_view_and_bad_options_are_refused(tmp_path: Path, demo_file: Path) -> None:
    done = _screenshot(demo_file, tmp_path / "x.png", "--view", "nonsense")
    assert done.returncode == 2 and "invalid choice" in done.stderr
    done = _screenshot(demo_file, tmp_path / "x.png", "--lang", "de")
    assert done.returncode == 2 and "invalid choice" in done.stderr
    with pytest.raises(ScreenshotError, match="unknown view"):
        view_tab(None, "nonsense")  # type: ignore[arg-type]


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="Xvfb is not installed")
def test_screenshot_under_xvfb(tmp_path: Path, demo_file: Path) -> None:
    out = tmp_path / "xvfb.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "ORGANIZER_SETTINGS": str(tmp_path / "s.ini")}
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m", "organizer",
                           "--db", str(demo_file), "gui", "--screenshot", str(out), "--view", "visits"],
                          env=env, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert _distinct_colours(image) > 30


def test_high_dpi_screens_get_a_sharp_window_at_twice_the_pixels(tmp_path: Path, demo_file: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_SCALE_FACTOR", "2")
    out = tmp_path / "hidpi.png"
    done = _screenshot(demo_file, out, "--view", "visits")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (2732, 1536)
    assert _distinct_colours(image) > 30
