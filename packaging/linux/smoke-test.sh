#!/usr/bin/env bash
# Smoke test of the built Debian package: install it, use it as a user would, uninstall it.
#
#   bash packaging/linux/smoke-test.sh                 builds the .deb first (build-deb.sh)
#   bash packaging/linux/smoke-test.sh --deb FILE      tests an existing package
#
# As root it installs with `dpkg -i` and removes with `dpkg -r` (CI and these machines run as root);
# otherwise it unpacks the package into a throw-away root (no maintainer scripts) and says so.
# With a throw-away HOME and a PATH holding nothing but the installed `organizer` (no Python), it
# checks: the program on PATH, --version, demo + list on a temporary database, a briefing PDF whose
# fonts are all embedded (pdffonts), a screenshot of the window (offscreen), the desktop entry, icons
# and AppStream file, and that removing the package leaves the user's data folder alone.
# Prints one line per check and a summary; exits non-zero if any check failed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

DEB=""
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) DEB="$(realpath "$2")"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "smoke-test: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

meta() { python3 packaging/metadata.py "$1"; }
VERSION="$(meta version)"; APP_ID="$(meta app_id)"; PACKAGE="$(meta package)"; EXE="$(meta executable)"
if [ -z "$DEB" ]; then
  bash packaging/linux/build-deb.sh || { echo "smoke-test: FAIL building the package" >&2; exit 1; }
  DEB="$ROOT/dist/${PACKAGE}_${VERSION}_$(dpkg --print-architecture).deb"
fi
[ -f "$DEB" ] || { echo "smoke-test: no package $DEB" >&2; exit 2; }
command -v pdffonts >/dev/null || { echo "smoke-test: needs pdffonts (Debian: poppler-utils)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/organizer-smoke.XXXXXX)"
FAILED=0; PASSED=0
pass() { PASSED=$((PASSED + 1)); printf '  PASS  %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$1"; [ -z "${2:-}" ] || sed 's/^/        | /' "$2" | tail -n 15; }

PREFIX=""          # where the package's files are: "" when installed, the throw-away root otherwise
if [ "$(id -u)" -eq 0 ]; then
  MODE="dpkg"
  # Only one install of the package at a time on this machine (several checkouts may run this).
  exec 9>/tmp/organizer-deb-smoke.lock
  flock 9
  if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
    echo "smoke-test: $PACKAGE is already installed ($(dpkg-query -W -f='${Version}' "$PACKAGE")); removing it first"
    dpkg -r "$PACKAGE" >/dev/null
  fi
  if dpkg -i "$DEB" >"$WORK/install.log" 2>&1; then pass "dpkg -i $(basename "$DEB")"
  else fail "dpkg -i $(basename "$DEB")" "$WORK/install.log"; MODE="none"; fi
else
  MODE="unpacked"
  PREFIX="$WORK/root"
  echo "smoke-test: not root, so the package is unpacked into $PREFIX (maintainer scripts not run)"
  dpkg-deb -x "$DEB" "$PREFIX" && pass "dpkg-deb -x (throw-away root)" || { fail "dpkg-deb -x"; MODE="none"; }
fi
cleanup() {
  if [ "$MODE" = "dpkg" ] && dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok"; then
    dpkg -r "$PACKAGE" >/dev/null 2>&1
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$MODE" != "none" ]; then
  # A PATH with nothing but the installed program: no Python, no other tool the bundle could lean on.
  mkdir -p "$WORK/bin" "$WORK/home" "$WORK/data"
  if [ "$MODE" = "dpkg" ]; then
    [ "$(command -v "$EXE")" = "/usr/bin/$EXE" ] && pass "$EXE on PATH is /usr/bin/$EXE" \
      || fail "$EXE on PATH is /usr/bin/$EXE (found: $(command -v "$EXE"))"
    ln -s "/usr/bin/$EXE" "$WORK/bin/$EXE"
  else
    ln -s "$PREFIX/opt/$PACKAGE/$EXE" "$WORK/bin/$EXE"
  fi
  run() {  # run NAME LOG ARGS...: the installed program as a user with a clean environment
    local log="$1"; shift
    env -i PATH="$WORK/bin" HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$EXE" "$@" >"$log" 2>&1
  }
  has_command() { run "$WORK/help.log" "$@" --help && return 0; return 1; }

  data="$PREFIX/opt/$PACKAGE/_internal/organizer"
  missing_data=""
  for want in _resources/demo _resources/icons/organizer.svg _resources/translations/organizer_ru.qm \
              store/migrations/env.py store/migrations/versions; do
    [ -e "$data/$want" ] || missing_data+=" $want"
  done
  for dir in "$ROOT"/resources/*/; do  # every resource folder of the checkout ships
    [ -d "$data/_resources/$(basename "$dir")" ] || missing_data+=" _resources/$(basename "$dir")"
  done
  ls "$PREFIX/opt/$PACKAGE/_internal/PySide6/Qt/translations/qtbase_ru.qm" >/dev/null 2>&1 || missing_data+=" qtbase_ru.qm"
  [ -z "$missing_data" ] && pass "bundled data: resources ($(ls "$data/_resources" | xargs)), migrations, Qt's Russian" \
    || fail "bundled data missing:$missing_data"
  if ls "$PREFIX/opt/$PACKAGE/_internal/PySide6/" | grep -Eq 'Qt(WebEngine|Qml|Quick|Network)'; then
    fail "unused Qt modules in the bundle: $(ls "$PREFIX/opt/$PACKAGE/_internal/PySide6/" | grep -E 'Qt(WebEngine|Qml|Quick|Network)' | tr '\n' ' ')"
  else pass "no WebEngine/QML/Quick/Network Python modules in the bundle"; fi

  if run "$WORK/version.log" --version && grep -qx "organizer $VERSION" "$WORK/version.log"; then
    pass "organizer --version prints 'organizer $VERSION'"
  else fail "organizer --version prints 'organizer $VERSION'" "$WORK/version.log"; fi

  DB="$WORK/data/visits.sqlite"
  if run "$WORK/demo.log" --db "$DB" demo && grep -q "imported demo visit" "$WORK/demo.log" \
     && run "$WORK/list.log" --db "$DB" list visits --json && grep -q "Uzkhimyosanoat" "$WORK/list.log"; then
    pass "organizer --db TMP demo, then list visits --json shows the demo visit"
  else fail "organizer --db TMP demo, then list visits --json shows the demo visit" "$WORK/demo.log"; fi

  # An import that checks an e-mail address and formats a phone number (phonenumbers loads its
  # per-country data by module name, which a frozen bundle must have collected).
  printf '%s' '{"format": "organizer-archive", "version": 1, "people": [{"uid": "smoke:person:1",
    "given_name": "Ильнур", "family_name": "Oʻzbekov", "phones": [{"value": "+78432337109", "label": "work"}],
    "emails": [{"value": "Ilnur.K@KPFU.ru", "label": "work"}]}]}' \
    >"$WORK/data/phone.json"
  if run "$WORK/import.log" --db "$DB" import "$WORK/data/phone.json" \
     && run "$WORK/people.log" --db "$DB" list people --json && grep -q '"+7 843 233-71-09"' "$WORK/people.log" \
     && grep -q 'Ильнур Oʻzbekov' "$WORK/people.log" && grep -q '"Ilnur.K@kpfu.ru"' "$WORK/people.log"; then
    pass "organizer import: a Cyrillic/Uzbek name, an e-mail, a phone number formatted as +7 843 233-71-09"
  else fail "organizer import of a person with a phone number" "$WORK/import.log"; fi

  # Spelling-insensitive search: its transliteration tables (anyascii, iuliia) are data files the
  # bundle must carry; a Cyrillic query finds the Latin record.
  if run "$WORK/search.log" --db "$DB" search "Коржиков" --json && grep -q '"Evgeny Korzhikov"' "$WORK/search.log"; then
    pass "organizer search Коржиков finds Evgeny Korzhikov"
  else fail "organizer search Коржиков finds Evgeny Korzhikov" "$WORK/search.log"; fi

  if ! has_command briefing; then
    echo "  N/A   organizer briefing: not yet available in this build"
  elif run "$WORK/briefing.log" --db "$DB" briefing Uzkhimyosanoat --out "$WORK/data/b.pdf" \
       && [ -s "$WORK/data/b.pdf" ]; then
    pdffonts "$WORK/data/b.pdf" >"$WORK/fonts.log" 2>&1
    # Columns: name type encoding emb sub uni object ID; every font must say emb=yes.
    fonts="$(tail -n +3 "$WORK/fonts.log" | wc -l)"
    not_embedded="$(tail -n +3 "$WORK/fonts.log" | awk '{ if ($(NF-4) != "yes") print $1 }')"
    if [ "$fonts" -gt 0 ] && [ -z "$not_embedded" ]; then
      pass "organizer briefing Uzkhimyosanoat: PDF with $fonts fonts, all embedded ($(tail -n +3 "$WORK/fonts.log" | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' '))"
    else fail "organizer briefing: fonts not embedded: ${not_embedded:-no fonts at all}" "$WORK/fonts.log"; fi
  else fail "organizer briefing Uzkhimyosanoat --out TMP/b.pdf" "$WORK/briefing.log"; fi

  if ! run "$WORK/help.log" gui --help || ! grep -q -- "--screenshot" "$WORK/help.log"; then
    echo "  N/A   organizer gui --screenshot: not yet available in this build"
  elif run "$WORK/shot.log" --db "$DB" gui --screenshot "$WORK/data/s.png" && [ -s "$WORK/data/s.png" ] \
       && [ "$(head -c 8 "$WORK/data/s.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
    size="$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$WORK/data/s.png")"
    pass "QT_QPA_PLATFORM=offscreen organizer gui --screenshot: a $size PNG"
    [ -z "${SMOKE_KEEP_SCREENSHOT:-}" ] || cp "$WORK/data/s.png" "$SMOKE_KEEP_SCREENSHOT"
  else fail "QT_QPA_PLATFORM=offscreen organizer gui --screenshot TMP/s.png" "$WORK/shot.log"; fi

  # The menu entry, its icons and the software-centre data.
  desktop="$PREFIX/usr/share/applications/$APP_ID.desktop"
  if [ -f "$desktop" ] && grep -q "^Exec=$EXE " "$desktop" && grep -q "^Icon=$APP_ID$" "$desktop" \
     && { ! command -v desktop-file-validate >/dev/null || desktop-file-validate "$desktop" >"$WORK/desktop.log" 2>&1; }; then
    pass "desktop entry $APP_ID.desktop (valid, runs $EXE, icon $APP_ID)"
  else fail "desktop entry $APP_ID.desktop" "$WORK/desktop.log"; fi
  missing_icons=""
  for size in $(meta icon_sizes); do
    [ -s "$PREFIX/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png" ] || missing_icons+=" $size"
  done
  [ -s "$PREFIX/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" ] || missing_icons+=" scalable"
  [ -z "$missing_icons" ] && pass "hicolor icons $(meta icon_sizes | tr ' ' ',') px and scalable SVG" \
    || fail "hicolor icons missing:$missing_icons"
  metainfo="$PREFIX/usr/share/metainfo/$APP_ID.metainfo.xml"
  if [ -f "$metainfo" ] && grep -q "release version=\"$VERSION\"" "$metainfo" \
     && { ! command -v appstreamcli >/dev/null || appstreamcli validate --no-net "$metainfo" >"$WORK/as.log" 2>&1; }; then
    pass "AppStream metainfo (valid, release $VERSION)"
  else fail "AppStream metainfo" "$WORK/as.log"; fi

  # User data in the default place (the throw-away HOME), then uninstall: it must stay.
  userdb="$WORK/home/.local/share/Organizer/organizer.sqlite"
  run "$WORK/userdata.log" demo
  [ -s "$userdb" ] && grep -q "imported demo visit" "$WORK/userdata.log" \
    && pass "organizer demo without --db writes ~/.local/share/Organizer/organizer.sqlite" \
    || fail "organizer demo without --db writes ~/.local/share/Organizer/organizer.sqlite" "$WORK/userdata.log"
  if [ "$MODE" = "dpkg" ]; then
    before="$(sha256sum "$userdb" | cut -c1-64)"
    if dpkg -r "$PACKAGE" >"$WORK/remove.log" 2>&1 && dpkg --purge "$PACKAGE" >>"$WORK/remove.log" 2>&1; then
      left="$(ls -A "/opt/$PACKAGE" 2>/dev/null; ls "/usr/bin/$EXE" "/usr/share/applications/$APP_ID.desktop" 2>/dev/null)"
      [ -z "$left" ] && pass "dpkg -r and --purge remove /opt/$PACKAGE, /usr/bin/$EXE and the menu entry" \
        || fail "after dpkg -r, left behind: $left"
    else fail "dpkg -r $PACKAGE" "$WORK/remove.log"; fi
    [ "$(sha256sum "$userdb" 2>/dev/null | cut -c1-64)" = "$before" ] \
      && pass "the user's data (~/.local/share/Organizer) is untouched after removal" \
      || fail "the user's data (~/.local/share/Organizer) changed or vanished on removal"
  fi
fi

echo "smoke-test: $PASSED passed, $FAILED failed ($MODE, $(basename "$DEB"))"
[ "$FAILED" -eq 0 ]
