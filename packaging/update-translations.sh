#!/usr/bin/env bash
# Translations: extract every translatable string of organizer/gui into the .ts sources, then build
# the .qm files the application loads. Run after changing GUI strings, translate what is new in
# resources/translations/organizer_ru.ts (Qt Linguist: .venv/bin/pyside6-linguist, or any editor:
# fill <translation>, drop type="unfinished"; plural messages need all <numerusform>s), run again.
#   organizer_ru.ts  every string, Russian (three plural forms: 1 визит, 2 визита, 5 визитов)
#   organizer_en.ts  only the plural messages (%n visit(s) -> 1 visit / 2 visits), English
# Both .ts and .qm are committed; tests/gui/test_translations.py fails, naming the strings, when a
# string is missing or unfinished or a .qm is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PYSIDE_BIN:-.venv/bin}"
DIR=resources/translations
mapfile -t SOURCES < <(find organizer/gui -name '*.py' | LC_ALL=C sort)

"$BIN/pyside6-lupdate" -silent -locations none -no-obsolete "${SOURCES[@]}" -ts "$DIR/organizer_ru.ts"
"$BIN/pyside6-lupdate" -silent -locations none -no-obsolete -pluralonly "${SOURCES[@]}" -ts "$DIR/organizer_en.ts"
for lang in ru en; do
  "$BIN/pyside6-lrelease" -silent "$DIR/organizer_$lang.ts" -qm "$DIR/organizer_$lang.qm"
done

unfinished=$(grep -c 'type="unfinished"' "$DIR/organizer_ru.ts" "$DIR/organizer_en.ts" || true)
echo "$unfinished" | while IFS=: read -r file count; do
  [ "$count" = "0" ] || echo "update-translations: $file has $count unfinished translation(s)"
done
