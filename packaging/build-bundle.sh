#!/usr/bin/env bash
# Builds the frozen Organizer bundle (PyInstaller, one folder) on Linux or macOS:
#
#   bash packaging/build-bundle.sh            -> build/bundle/dist/organizer/ (program: .../organizer)
#
# It makes a throw-away virtual environment under build/bundle/ from packaging/requirements-build.txt
# plus Organizer's dependencies from pyproject.toml (reused while those files and the Python stay the
# same; Organizer itself is frozen from this checkout, not installed there), lays out the icons
# (build/bundle/icons) and runs PyInstaller on packaging/organizer.spec.
#
# The bundle carries the Python it is built with. PYTHON=... chooses it; otherwise the first of
# python3.12, python3.13, pyenv's 3.12/3.13, python3 that runs. With Python 3.12+ the bundle gets
# Qt 6.12; with 3.11 it gets Qt 6.11.3 (see requirements-build.txt for why).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="${ORGANIZER_BUILD_DIR:-$ROOT/build/bundle}"

runs() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1; }
pick_python() {
  if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
  local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}" candidate
  for candidate in python3.12 python3.13 \
      $(ls -d "$pyenv_root"/versions/3.12*/bin/python 2>/dev/null | sort -rV) \
      $(ls -d "$pyenv_root"/versions/3.13*/bin/python 2>/dev/null | sort -rV) \
      python3; do
    if runs "$candidate"; then echo "$candidate"; return; fi
  done
  echo "build-bundle: no Python 3.11+ found; set PYTHON=/path/to/python3.12" >&2
  exit 1
}
PY="$(pick_python)"
runs "$PY" || { echo "build-bundle: $PY is not Python 3.11 or newer" >&2; exit 1; }
PYVER="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
VENV="$OUT/venv-py$PYVER"

# Reuse the environment only while the pins, the dependencies and the interpreter are unchanged.
STAMP="$( { cat packaging/requirements-build.txt pyproject.toml "$0"; "$PY" -c 'import sys; print(sys.version)'; } \
          | sha256sum | cut -c1-16)"
if [ "$(cat "$VENV/.stamp" 2>/dev/null)" != "$STAMP" ]; then
  echo "build-bundle: new build environment with $("$PY" --version) in $VENV"
  rm -rf "$VENV"
  mkdir -p "$OUT"
  "$PY" -m venv "$VENV"
  log="$OUT/pip-install.log"
  if ! { "$VENV/bin/python" -m pip install -q --upgrade pip &&
         "$VENV/bin/python" -c 'import tomllib; print("\n".join(
             tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' >"$OUT/requirements-project.txt" &&
         "$VENV/bin/python" -m pip install -q -c packaging/requirements-build.txt \
           -r packaging/requirements-build.txt -r "$OUT/requirements-project.txt"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "build-bundle: installing the build environment failed (whole log: $log)" >&2
    exit 1
  fi
  echo "$STAMP" > "$VENV/.stamp"
fi

"$VENV/bin/python" packaging/installer_icons.py "$OUT/icons"
export ORGANIZER_ICONS_DIR="$OUT/icons"
started=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/work" \
  packaging/organizer.spec
echo "build-bundle: $OUT/dist/organizer ($(du -sh "$OUT/dist/organizer" | cut -f1)) in $(( $(date +%s) - started )) s"
