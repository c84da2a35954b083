#!/usr/bin/env bash
# README screenshots: the demo visit in every view, in English and Russian, through the app's own
# `organizer gui --screenshot` (offscreen, a 1366x768 screen, first record of each view selected).
# Writes packaging/screenshots/<view>.png (English) and <view>-ru.png (Russian).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=packaging/screenshots
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen ORGANIZER_SETTINGS="$WORK/settings.ini"
.venv/bin/organizer --db "$WORK/demo.sqlite" demo >/dev/null
mkdir -p "$OUT"
for view in ${VIEWS:-people institutions visits meetings programme followups agreements topics}; do
  for lang in en ru; do
    suffix=""; [ "$lang" = en ] || suffix="-$lang"
    if QT_QPA_PLATFORM="offscreen:configfile=$PWD/packaging/screen-1366x768.json" \
        .venv/bin/organizer --db "$WORK/demo.sqlite" gui --lang "$lang" --view "$view" \
        --screenshot "$OUT/$view$suffix.png" 2>"$WORK/err"; then
      echo "$OUT/$view$suffix.png"
    else
      echo "make-screenshots: $view ($lang): $(grep -v propagateSizeHints "$WORK/err" | tail -1)" >&2
    fi
  done
done
# Every editor, page by page, on a 1366x768 screen: editor-<kind>-<page>.png and editor-<kind>-<page>-ru.png.
QT_QPA_PLATFORM="offscreen:configfile=$PWD/packaging/screen-1366x768.json" \
  .venv/bin/python packaging/make-editor-screenshots.py "$OUT"
# A page of the demo's Russian briefing book (topics, delegation, programme: page 4, after the summary) for the README.
if command -v pdftoppm >/dev/null; then
  .venv/bin/organizer --db "$WORK/demo.sqlite" briefing 1 --lang ru --out "$WORK/briefing-ru.pdf" >/dev/null
  pdftoppm -png -r 80 -f 4 -l 4 -singlefile "$WORK/briefing-ru.pdf" "$OUT/briefing-ru" && echo "$OUT/briefing-ru.png"
fi
