"""Translations: every GUI string is in the .ts with a finished translation, the .qm files are built from
the .ts as committed, plurals and dates follow the language, and the language is chosen as documented.

When ``test_every_gui_string_has_a_finished_translation`` fails, run ``bash packaging/update-translations.sh``,
translate the strings it names in ``resources/translations/organizer_ru.ts`` (and the English plural forms
in ``organizer_en.ts``), and run the script again to rebuild the .qm files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from organizer.domain import enums
from organizer.gui import formatting
from organizer.gui.i18n import (
    SUPPORTED_LANGUAGES,
    choose_language,
    install_language,
    qt_translations_dir,
    system_language,
    translations_dir,
)

ROOT = Path(__file__).resolve().parents[2]
BIN = next((d for d in (Path(sys.executable).parent, ROOT / ".venv" / "bin") if (d / "pyside6-lupdate").exists()),
           Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate").parent)
GUI_SOURCES = sorted(str(p) for p in (ROOT / "organizer" / "gui").rglob("*.py"))


def _run(tool: str, *args: str) -> None:
    exe = BIN / tool
    if not exe.exists():
        pytest.fail(f"{tool} not found next to {BIN}: install PySide6 (bash packaging/setup-dev.sh)")
    subprocess.run([str(exe), *args], check=True, capture_output=True, timeout=120)


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", msg.findtext("source") or "", msg)
            for ctx in root.iter("context") for msg in ctx.iter("message")]


def _problem(msg: ET.Element) -> str | None:
    """Why a message of a .ts file is not ready to ship, or None."""
    translation = msg.find("translation")
    if translation is None:
        return "no translation"
    kind = translation.get("type")
    if kind in ("vanished", "obsolete"):
        return None
    if kind == "unfinished":
        return "not translated"
    if msg.get("numerus") == "yes":
        forms = [f.text or "" for f in translation.findall("numerusform")]
        return None if forms and all(f.strip() for f in forms) else "a plural form is empty"
    return None if (translation.text or "").strip() else "empty translation"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_gui_string_has_a_finished_translation(tmp_path: Path, language: str) -> None:
    committed = ROOT / "resources" / "translations" / f"organizer_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    extra = ["-pluralonly"] if language == "en" else []
    _run("pyside6-lupdate", "-silent", "-locations", "none", "-no-obsolete", *extra, *GUI_SOURCES, "-ts", str(fresh))
    bad = [f"  [{context}] {source!r}: {problem}" for context, source, msg in _messages(fresh)
           if (problem := _problem(msg))]
    assert not bad, (f"{len(bad)} GUI string(s) lack a finished {language} translation in {committed.name}; "
                     "run `bash packaging/update-translations.sh`, translate, run it again:\n" + "\n".join(bad))


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_the_ts_has_no_strings_the_code_no_longer_uses(tmp_path: Path, language: str) -> None:
    committed = ROOT / "resources" / "translations" / f"organizer_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    extra = ["-pluralonly"] if language == "en" else []
    _run("pyside6-lupdate", "-silent", "-locations", "none", "-no-obsolete", *extra, *GUI_SOURCES, "-ts", str(fresh))
    stale = {(c, s) for c, s, _ in _messages(committed)} - {(c, s) for c, s, _ in _messages(fresh)}
    assert not stale, f"run `bash packaging/update-translations.sh`: {committed.name} keeps unused strings {stale}"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_the_qm_files_are_built_from_the_committed_ts(tmp_path: Path, language: str) -> None:
    directory = ROOT / "resources" / "translations"
    built = tmp_path / f"organizer_{language}.qm"
    _run("pyside6-lrelease", "-silent", str(directory / f"organizer_{language}.ts"), "-qm", str(built))
    assert built.read_bytes() == (directory / built.name).read_bytes(), (
        f"{built.name} is out of date: run `bash packaging/update-translations.sh` and commit the .qm")


def test_translations_are_found_through_assets() -> None:
    for language in SUPPORTED_LANGUAGES:
        assert (translations_dir() / f"organizer_{language}.qm").is_file()


def test_every_enum_value_has_a_translated_label(qapp: QApplication) -> None:
    enum_types = [e for e in vars(enums).values()
                  if isinstance(e, type) and issubclass(e, enums.StrEnum) and e is not enums.StrEnum]
    assert len(enum_types) >= 10
    missing = [f"{e.__name__}.{m.name}" for e in enum_types for m in e
               if m.value not in formatting.ENUM_LABELS.get(e, {})]
    assert not missing, f"add labels to organizer/gui/formatting.py ENUM_LABELS: {missing}"
    install_language(qapp, "ru")
    untranslated = [f"{e.__name__}.{m.name}" for e in enum_types for m in e
                    if not any("а" <= ch.lower() <= "я" for ch in formatting.enum_label(m))]
    assert not untranslated, untranslated
    # Equal English words of different enums may differ in Russian (gender of the noun they describe).
    assert formatting.enum_label(enums.VisitStatus.DONE) == "Завершён"
    assert formatting.enum_label(enums.FollowUpStatus.DONE) == "Выполнено"


@pytest.mark.parametrize(("count", "russian", "english"), [
    (0, "0 визитов", "0 visits"), (1, "1 визит", "1 visit"), (2, "2 визита", "2 visits"),
    (4, "4 визита", "4 visits"), (5, "5 визитов", "5 visits"), (11, "11 визитов", "11 visits"),
    (21, "21 визит", "21 visits"), (22, "22 визита", "22 visits"), (1000, "1 000 визитов", "1,000 visits"),
])
def test_plurals_are_grammatical_in_both_languages(qapp: QApplication, count: int, russian: str,
                                                  english: str) -> None:
    install_language(qapp, "ru")
    assert QCoreApplication.translate("MainWindow", "%Ln visit(s)", None, count).replace("\u00a0", " ") == russian
    install_language(qapp, "en")
    QLocale.setDefault(QLocale("en_US"))
    assert QCoreApplication.translate("MainWindow", "%Ln visit(s)", None, count) == english


def test_dates_and_numbers_follow_the_language(qapp: QApplication) -> None:
    install_language(qapp, "ru")
    assert formatting.fmt_date(date(2025, 3, 11)) == "11 мар. 2025"
    assert formatting.fmt_period(date(2019, 9, 1), None) == "с 1 сент. 2019"
    assert formatting.fmt_time_span(datetime(2025, 3, 11, 10, 0), datetime(2025, 3, 11, 11, 15)) == \
        "вт 11 мар. 2025, 10:00–11:15"
    assert formatting.fmt_number(12345).replace("\u00a0", " ") == "12 345"
    install_language(qapp, "en")
    QLocale.setDefault(QLocale("en_US"))
    assert formatting.fmt_date(date(2025, 3, 11)) == "11 Mar 2025"
    assert formatting.fmt_period(date(2019, 9, 1), None) == "since 1 Sep 2019"
    assert formatting.fmt_date_range(date(2025, 3, 30), date(2025, 4, 2)) == "30 Mar – 2 Apr 2025"
    assert formatting.fmt_number(12345) == "12,345"


def test_the_language_comes_from_the_command_line_then_preferences_then_the_system() -> None:
    russian, german, english = QLocale("ru_RU"), QLocale("de_DE"), QLocale("en_GB")
    assert choose_language(None, None, russian) == "ru"
    assert choose_language(None, "system", russian) == "ru"
    assert choose_language(None, None, german) == "en"  # not translated: English
    assert choose_language(None, "ru", english) == "ru"
    assert choose_language("en", "ru", russian) == "en"
    assert system_language(english) == "en"


def test_lang_env_starts_the_app_in_russian(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "ru_RU.UTF-8", "LC_ALL": "", "LANGUAGE": "",
           "ORGANIZER_SETTINGS": str(tmp_path / "s.ini"), "QT_QPA_PLATFORM": "offscreen"}
    code = ("from PySide6.QtCore import QCoreApplication\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from organizer.gui.i18n import choose_language, install_language\n"
            "app = QApplication([])\n"
            "lang = choose_language(None, None)\n"
            "install_language(app, lang)\n"
            "print(lang, QCoreApplication.translate('MainWindow', '&File'))\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                          check=True)
    assert done.stdout.split() == ["ru", "&Файл"]


def test_qt_own_russian_translation_is_loaded_when_present(qapp: QApplication) -> None:
    loaded = install_language(qapp, "ru")
    if not (qt_translations_dir() / "qtbase_ru.qm").is_file():
        pytest.skip("this Qt has no qtbase_ru.qm")
    assert any(p.name == "qtbase_ru.qm" for p in loaded)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


def test_counted_messages_are_plural_messages() -> None:
    """``%n`` in a message lupdate did not mark as plural means it was written with ``translate(..., n)``,
    which lupdate does not understand: Russian would get one form for every count."""
    ts = ROOT / "resources" / "translations" / "organizer_ru.ts"
    wrong = [f"[{context}] {source!r}" for context, source, msg in _messages(ts)
             if ("%n" in source or "%Ln" in source) and msg.get("numerus") != "yes"]
    assert not wrong, ("write these counts as self.tr(source, '', count) in a QObject subclass "
                       f"(lupdate only sees plurals in tr() calls): {wrong}")
