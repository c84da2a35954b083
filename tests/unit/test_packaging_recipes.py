"""The installer recipes agree with each other and with the code (no build needed).

The Linux package (packaging/linux), the Windows installer (packaging/windows/organizer.nsi), the macOS
bundle (packaging/macos/Info.plist) and the PyInstaller spec are written separately but must say the
same things: the version (only ever read from organizer/__init__.py), the app id, the name, the
program, the bundled data and the Qt modules. Windows and macOS cannot be built here, so this test is
their check; makensis (Debian's nsis) compiles the NSIS script when it is installed.
"""

from __future__ import annotations

import importlib.util
import plistlib
import re
import shutil
import subprocess
import sys
import tomllib
from configparser import ConfigParser
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from PIL import Image

import organizer

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


meta = _load("organizer_packaging_metadata", PACKAGING / "metadata.py")
APP_ID = meta.APP_ID
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
NSI = PACKAGING / "windows" / "organizer.nsi"
PLIST = PACKAGING / "macos" / "Info.plist"
SPEC = PACKAGING / "organizer.spec"
RECIPES = [SPEC, PACKAGING / "build-bundle.sh", LINUX / "build-deb.sh", LINUX / "smoke-test.sh", DESKTOP,
           METAINFO, NSI, PLIST, PACKAGING / "macos" / "build-dmg.sh", LINUX / "postinst", LINUX / "postrm"]


def desktop_entry() -> dict[str, str]:
    parser = ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def nsi_defines() -> dict[str, str]:
    return dict(re.findall(r'^!define (\w+) "([^"]*)"', NSI.read_text(encoding="utf-8"), re.MULTILINE))


def info_plist(version: str = "9.8.7") -> dict[str, object]:
    return plistlib.loads(PLIST.read_text(encoding="utf-8").replace("@VERSION@", version).encode())


def test_version_is_read_from_organizer_init_only() -> None:
    assert meta.version() == organizer.__version__
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "organizer.__version__"}
    for recipe in RECIPES:
        text = recipe.read_text(encoding="utf-8")
        assert not re.search(rf"(?<![\d.]){re.escape(organizer.__version__)}(?![\d.])", text), \
            f"{recipe.relative_to(ROOT)} hard-codes the version"
    # The NSIS script parses the version out of organizer/__init__.py with !searchparse: the same
    # text pattern must find it there.
    match = re.search(r'!searchparse /file "([^"]+)" `([^`]*)` VERSION `([^`]*)`', NSI.read_text(encoding="utf-8"))
    assert match, "organizer.nsi must read VERSION from organizer/__init__.py"
    source = (NSI.parent / match.group(1).replace("\\", "/")).resolve()
    assert source == ROOT / "organizer" / "__init__.py"
    text = source.read_text(encoding="utf-8")
    start = text.index(match.group(2)) + len(match.group(2))
    assert text[start:text.index(match.group(3), start)] == organizer.__version__
    assert "@VERSION@" in METAINFO.read_text(encoding="utf-8")
    assert info_plist("9.8.7")["CFBundleShortVersionString"] == "9.8.7"


def test_app_id_is_the_same_everywhere() -> None:
    assert re.fullmatch(r"[a-z]+(\.[a-z]+)+\.[A-Z][A-Za-z]+", APP_ID)
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    metainfo = METAINFO.read_text(encoding="utf-8")
    assert re.search(rf"<id>{re.escape(APP_ID)}</id>", metainfo)
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in metainfo
    assert nsi_defines()["APP_ID"] == APP_ID
    assert info_plist()["CFBundleIdentifier"] == APP_ID
    gui_app = (ROOT / "organizer" / "gui" / "app.py").read_text(encoding="utf-8")
    assert f'DESKTOP_FILE_NAME = "{APP_ID}"' in gui_app, "Wayland finds the desktop entry by this name"


def test_name_and_program_are_the_same_everywhere() -> None:
    entry = desktop_entry()
    defines = nsi_defines()
    plist = info_plist()
    assert entry["Name"] == defines["APP_NAME"] == plist["CFBundleName"] == meta.APP_NAME
    assert f"<name>{meta.APP_NAME}</name>" in METAINFO.read_text(encoding="utf-8")
    main_window = (ROOT / "organizer" / "gui" / "main_window.py").read_text(encoding="utf-8")
    assert f'APP_NAME = "{meta.APP_NAME}"' in main_window, "the window title uses the same name"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert meta.EXECUTABLE in scripts
    assert entry["Exec"].split()[0] == entry["TryExec"] == defines["EXECUTABLE"] == plist["CFBundleExecutable"] \
        == meta.EXECUTABLE
    assert f"<binary>{meta.EXECUTABLE}</binary>" in METAINFO.read_text(encoding="utf-8")


def test_licence_is_the_same_everywhere() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert pyproject["license"] == meta.LICENSE
    assert f"<project_license>{meta.LICENSE}</project_license>" in METAINFO.read_text(encoding="utf-8")
    assert re.search(rf"^Files: \*\n.*\nLicense: {re.escape(meta.LICENSE)}$",
                     (LINUX / "copyright").read_text(encoding="utf-8"), re.MULTILINE)
    assert meta.LICENSE in str(info_plist()["NSHumanReadableCopyright"])


def test_desktop_entry_looks_finished_in_english_and_russian() -> None:
    entry = desktop_entry()
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert entry[key] and entry[f"{key}[ru]"], f"{key} needs an English and a Russian text"
    assert re.search("[а-яё]", entry["GenericName[ru]"] + entry["Comment[ru]"])
    assert "Office" in entry["Categories"].split(";")
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Exec"] == f"{meta.EXECUTABLE} gui"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_is_valid() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_is_valid(tmp_path: Path) -> None:
    filled = tmp_path / METAINFO.name
    text = METAINFO.read_text(encoding="utf-8")
    filled.write_text(text.replace("@VERSION@", "1.2.3").replace("@DATE@", "2026-01-31"), encoding="utf-8")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(filled)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bundled_data_is_what_the_code_looks_for() -> None:
    bundled = dict(meta.BUNDLED_DATA)
    # resources/ -> organizer/_resources, the same mapping as the wheel's, which assets.py looks for.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["organizer._resources"] == "resources"
    assert bundled["resources"] == "organizer/_resources"
    assets = (ROOT / "organizer" / "assets.py").read_text(encoding="utf-8")
    assert '_PACKAGE_DIR / "_resources"' in assets
    # The whole resources folder goes in, so fonts, icons, translations and demo data added later ship too.
    assert {p.name for p in (ROOT / "resources").iterdir() if p.is_dir()} >= {"demo", "icons", "translations"}
    # Alembic reads the migrations from files next to organizer/store/database.py.
    from organizer.store import database

    assert ROOT / bundled["organizer/store/migrations"] == database.MIGRATIONS_DIR
    assert any((ROOT / "organizer/store/migrations/versions").glob("0001_*.py"))
    # The spec takes exactly these folders; the installers take the spec's whole output folder.
    spec = SPEC.read_text(encoding="utf-8")
    assert "for src, dest in meta.BUNDLED_DATA" in spec
    assert 'File /r "${DIST}\\*.*"' in NSI.read_text(encoding="utf-8")
    assert 'cp -a "$BUNDLE" "$STAGE/opt/$PACKAGE"' in (LINUX / "build-deb.sh").read_text(encoding="utf-8")


def test_every_qt_module_the_gui_imports_is_bundled() -> None:
    used = set()
    for path in (ROOT / "organizer").rglob("*.py"):
        used |= set(re.findall(r"(?:from|import) PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used, "the GUI imports Qt"
    missing = used - set(meta.QT_MODULES)
    assert not missing, f"add to metadata.QT_MODULES (or the spec excludes them): {missing}"
    assert not {"QtWebEngineCore", "QtQml", "QtQuick", "QtNetwork"} & set(meta.QT_MODULES)


def test_qt_translations_kept_match_the_interface_languages() -> None:
    languages = {p.stem.split("_", 1)[1] for p in (ROOT / "resources" / "translations").glob("organizer_*.ts")}
    assert set(meta.QT_TRANSLATION_LANGUAGES) == languages - {"en"}


def test_build_pins_match_the_project_pins() -> None:
    """PyInstaller, its hooks and Qt are pinned together, and Qt to the same versions as pyproject's."""
    def pins(lines: list[str]) -> dict[tuple[str, str], str]:
        found = {}
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            req = Requirement(line)
            for python in ("3.11", "3.12", "3.13"):
                if req.marker is None or req.marker.evaluate({"python_version": python}):
                    spec = str(req.specifier)
                    assert spec.startswith("=="), f"{line}: build requirements are exact pins"
                    found[(req.name.lower().replace("_", "-"), python)] = spec[2:]
        return found

    build = pins((PACKAGING / "requirements-build.txt").read_text(encoding="utf-8").splitlines())
    project = pins([d for d in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
                    ["dependencies"] if d.lower().startswith("pyside6")])
    for key, version in project.items():
        assert build.get(key) == version, f"{key}: pyproject pins {version}, requirements-build.txt {build.get(key)}"
    for python in ("3.11", "3.12", "3.13"):
        assert ("pyinstaller", python) in build and ("pyinstaller-hooks-contrib", python) in build
        qt = {v for (name, py), v in build.items()
              if py == python and name.startswith(("pyside6-essentials", "shiboken6"))}
        assert len(qt) == 1, f"one Qt version per Python: {qt}"
        if python == "3.11":
            assert qt != {"6.12.0"}, "PySide6 6.12.0 leaks references on Python 3.11 (PITFALLS.md)"


def test_spec_compiles_and_refuses_the_leaking_pairing() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    compile(spec, str(SPEC), "exec")
    assert 'PySide6.__version__.startswith("6.12.0") and sys.version_info < (3, 12)' in spec


def test_installer_icons(tmp_path: Path) -> None:
    icons = _load("organizer_installer_icons", PACKAGING / "installer_icons.py")
    icons.build(tmp_path)
    for size in meta.ICON_SIZES:
        with Image.open(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            assert image.getpixel((size // 2, size // 2))[3] == 255, "the icon is opaque in the middle"
    assert (tmp_path / "hicolor/scalable/apps" / f"{APP_ID}.svg").read_bytes() == meta.ICON_SVG.read_bytes()
    with Image.open(tmp_path / "organizer.ico") as ico:
        assert ico.info["sizes"] == {(s, s) for s in meta.ICON_SIZES if s <= 256}
    with Image.open(tmp_path / "organizer.icns") as icns:
        assert (512, 512, 1) in icns.info["sizes"]


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis not installed (Debian package nsis)")
def test_nsis_script_compiles(tmp_path: Path) -> None:
    """The Windows installer compiles (warnings are errors) over a stand-in of the bundle folder."""
    icons = _load("organizer_installer_icons", PACKAGING / "installer_icons.py")
    icons.build(tmp_path / "icons")
    dist = tmp_path / "dist"
    (dist / "_internal" / "organizer" / "_resources").mkdir(parents=True)
    for name in ("organizer.exe", "organizer-gui.exe", "_internal/organizer/_resources/marker.txt"):
        (dist / name).write_bytes(b"stand-in")
    out = tmp_path / "organizer-installer.exe"
    result = subprocess.run(
        ["makensis", "-WX", "-V2", f"-DDIST={dist}", f"-DICON={tmp_path / 'icons' / 'organizer.ico'}",
         f"-DOUTFILE={out}", str(NSI)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.stat().st_size > 50_000 and out.read_bytes()[:2] == b"MZ"
    nsi = NSI.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in nsi and "$LOCALAPPDATA\\Programs" in nsi
    assert 'CreateShortcut "$SMPROGRAMS\\' in nsi and "WriteUninstaller" in nsi
    assert "RMDir /r \"$INSTDIR\"" not in nsi, "the uninstaller must not wipe a folder the user chose"
