"""The user interface language: which one to use, and loading its translations into the application.

Every user-visible string in ``organizer.gui`` goes through Qt's translation machinery
(``self.tr()`` in widgets, ``QCoreApplication.translate("Context", ...)`` elsewhere, and
``QT_TRANSLATE_NOOP`` for tables of labels translated later). The sources are
``resources/translations/organizer_<lang>.ts``; ``packaging/update-translations.sh`` extracts the
strings with ``pyside6-lupdate`` and builds the ``.qm`` files the application loads with
``pyside6-lrelease`` (both are committed, and a test checks they are complete and up to date).

English is the source language, but it has a ``.qm`` too: it holds only the plural forms
(``%n visit(s)`` -> ``1 visit`` / ``2 visits``); Russian has three plural forms. Write a count as
``self.tr("%Ln visit(s)", "", count)`` in a ``QObject`` subclass: lupdate marks a message as plural
only in ``tr()`` calls (``QCoreApplication.translate`` with a variable count is extracted as a plain
message; a test refuses ``%n`` in a message that is not plural).

The language is chosen, first match wins: ``organizer gui --lang``, the Preferences setting, the
system locale (``LANG=ru_RU.UTF-8``), English. Qt's own translations (``qtbase_<lang>.qm``: the
buttons of standard dialogs, the context menu of text fields) are loaded from the PySide6 install
when present. ``QLocale.setDefault`` makes every ``QLocale()`` (dates and numbers in
``organizer.gui.formatting``) follow the chosen language, and ``domain.variants.set_display_language`` the
records' names and texts that the services read for the window (a person's name in its Russian variant,
«Хайруллин Ильнур», in the Russian window; a title's variant).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from organizer.assets import resource
from organizer.domain.variants import set_display_language

SUPPORTED_LANGUAGES = ("en", "ru")
"""Language codes the interface is translated into (English is the source language)."""

DEFAULT_LANGUAGE = "en"
SYSTEM = "system"
"""The Preferences value meaning "follow the system locale"."""


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context`` without translating it now (lupdate finds the call
    by this name); translate it where it is shown, with ``QCoreApplication.translate(context, source)``.
    PySide6's own function is typed to return ``object``; this one keeps the ``str`` for mypy."""
    del context
    return source


def language_names() -> dict[str, str]:
    """Each supported language under its own name (``English``, ``Русский``), for choosers."""
    return {"en": "English", "ru": "Русский"}


def system_language(locale: QLocale | None = None) -> str:
    """The supported language of the system locale (``LANG``, ``LC_ALL``), or English."""
    name = (locale or QLocale.system()).name()  # e.g. "ru_RU"
    code = name.split("_", 1)[0].lower()
    return code if code in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def choose_language(explicit: str | None, preference: str | None, locale: QLocale | None = None) -> str:
    """The language to use: the command line's, else the saved preference, else the system's."""
    for candidate in (explicit, preference):
        if candidate and candidate != SYSTEM:
            code = candidate.lower()
            if code in SUPPORTED_LANGUAGES:
                return code
    return system_language(locale)


def translations_dir() -> Path:
    """Where Organizer's ``.qm`` (and ``.ts``) files are, frozen or from a source checkout."""
    return resource("translations")


def qt_translations_dir() -> Path:
    """Where Qt's own translations are (inside the PySide6 install, or the system's Qt)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The locale for dates and numbers: the system's own country variant if it speaks ``language`` (keeps
    en_GB dates for a British user), else the language's default locale. Built by name, not the system
    object itself: that one formats by ``LC_TIME``, so ``LANGUAGE=ru`` with ``LANG=C`` named itself ru_RU
    and wrote "1 Sep 2025" in the Russian window."""
    system = system or QLocale.system()
    if system_language(system) == language and system.name().lower().startswith(language):
        return QLocale(system.name())
    return QLocale(language)


class Translations:
    """The translators installed into one application; ``install`` replaces any installed before."""

    def __init__(self) -> None:
        self.language = DEFAULT_LANGUAGE
        self._translators: list[QTranslator] = []

    def install(self, app: QCoreApplication, language: str) -> list[Path]:
        """Load ``language`` (Organizer's and Qt's translations) into ``app``; returns the files loaded.

        A missing Qt translation is not an error (the standard buttons stay English); a missing
        Organizer translation for a supported language is, because the installation is broken.
        """
        if language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(SUPPORTED_LANGUAGES)}")
        self.remove(app)
        loaded: list[Path] = []
        own = translations_dir() / f"organizer_{language}.qm"
        candidates = [(own, True)]
        if language != DEFAULT_LANGUAGE:
            candidates.append((qt_translations_dir() / f"qtbase_{language}.qm", False))
        for path, required in candidates:
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                self._translators.append(translator)
                loaded.append(path)
            elif required:
                raise FileNotFoundError(f"cannot load the translation {path}: the installation is incomplete")
        self.language = language
        QLocale.setDefault(locale_for(language))
        set_display_language(language)  # names and texts of records in the same language (issue 18)
        return loaded

    def remove(self, app: QCoreApplication) -> None:
        for translator in self._translators:
            app.removeTranslator(translator)
            translator.deleteLater()
        self._translators.clear()


_installed = Translations()


def install_language(app: QCoreApplication, language: str) -> list[Path]:
    """Make ``language`` the application's interface language (see ``Translations.install``)."""
    return _installed.install(app, language)


def current_language() -> str:
    """The language installed by ``install_language`` (English before any was installed)."""
    return _installed.language
