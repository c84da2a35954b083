#!/usr/bin/env bash
# Sets up a development checkout on Debian 12 / Ubuntu 22.04 or newer: the Debian libraries Qt needs,
# a virtual environment in .venv and Organizer installed into it (editable) with the test tools.
# Safe to run again: it only installs what is missing. Used by packaging/run-demo.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt offscreen + xcb (Xvfb) libraries, fonts, Xvfb itself, pdftoppm (PDF checks), python venv.
DEB_PACKAGES=(
  python3-venv python3-pip
  libglib2.0-0 libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
  fonts-dejavu-core
  xvfb xauth libx11-xcb1 libxcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
  libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
  poppler-utils
  nsis desktop-file-utils appstream   # tests/unit/test_packaging_recipes.py: makensis, validators
  abook                               # tests/unit/test_vcard_export.py: a real address book reads our vCards
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "setup: Organizer needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# A venv made before the Qt pin has PySide6-Pdf 6.12 next to Addons 6.11 (they share the QtPdf files):
# remove it and restore Addons' copy. See the Qt comment in pyproject.toml.
if .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info < (3, 12) else 1)' \
   && .venv/bin/python -m pip show -q PySide6-Pdf >/dev/null 2>&1; then
  .venv/bin/python -m pip uninstall -q -y PySide6-Pdf
  .venv/bin/python -m pip install -q --force-reinstall --no-deps "PySide6-Addons==6.11.3"
fi
echo "setup: ready (.venv/bin/organizer)"
