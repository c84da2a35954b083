#!/usr/bin/env bash
# Builds the Debian package of Organizer on Debian 12 / Ubuntu 22.04 or newer:
#
#   bash packaging/linux/build-deb.sh                 -> dist/organizer_VERSION_ARCH.deb
#   bash packaging/linux/build-deb.sh --bundle DIR    -> package an already built bundle folder
#
# Installs what the build needs from Debian if missing (sudo unless root), builds the frozen bundle
# (packaging/build-bundle.sh: PyInstaller in a throw-away virtual environment) and lays out
#   /opt/organizer/                  the bundle (its own Python and Qt; no Python needed on the system)
#   /usr/bin/organizer               -> /opt/organizer/organizer
#   /usr/share/applications/APP_ID.desktop, /usr/share/metainfo/APP_ID.metainfo.xml
#   /usr/share/icons/hicolor/{16..512}/apps/APP_ID.png and scalable/apps/APP_ID.svg
#   /usr/share/doc/organizer/copyright
# The version comes from organizer/__init__.py, Depends from the bundle's ELF files
# (deb_depends.py). Removing the package leaves users' data (~/.local/share/Organizer) alone.
# Prints the installed size and the package size at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
HERE=packaging/linux

BUNDLE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "build-deb: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

# Build tools, and the libraries the bundled Qt plugins link to (so deb_depends.py can name their
# packages; the bundle does not carry them).
BUILD_PACKAGES=(dpkg-dev binutils python3 python3-venv libc-bin
  libgl1 libegl1 libxcb1 libwayland-client0 libwayland-cursor0 libwayland-egl1 libcups2
  libglib2.0-0 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 fonts-dejavu-core)
missing=()
for pkg in "${BUILD_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "build-deb: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

meta() { python3 packaging/metadata.py "$1"; }
VERSION="$(meta version)"
APP_ID="$(meta app_id)"
PACKAGE="$(meta package)"
EXECUTABLE="$(meta executable)"
ARCH="$(dpkg --print-architecture)"
ICONS="${ORGANIZER_BUILD_DIR:-$ROOT/build/bundle}/icons"

if [ -z "$BUNDLE" ]; then
  bash packaging/build-bundle.sh
  BUNDLE="${ORGANIZER_BUILD_DIR:-$ROOT/build/bundle}/dist/$EXECUTABLE"
fi
[ -x "$BUNDLE/$EXECUTABLE" ] || { echo "build-deb: $BUNDLE/$EXECUTABLE is missing" >&2; exit 1; }
[ -d "$ICONS/hicolor" ] || { echo "build-deb: no rendered icons in $ICONS (run packaging/build-bundle.sh)" >&2; exit 1; }

STAGE="$ROOT/build/deb/${PACKAGE}_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/metainfo" "$STAGE/usr/share/icons" "$STAGE/usr/share/doc/$PACKAGE"
cp -a "$BUNDLE" "$STAGE/opt/$PACKAGE"
ln -s "/opt/$PACKAGE/$EXECUTABLE" "$STAGE/usr/bin/$EXECUTABLE"
install -m 644 "$HERE/$APP_ID.desktop" "$STAGE/usr/share/applications/$APP_ID.desktop"
RELEASE_DATE="$(git log -1 --format=%cs -- organizer/__init__.py 2>/dev/null || true)"
[ -n "$RELEASE_DATE" ] || RELEASE_DATE="$(date -u +%F)"
sed -e "s/@VERSION@/$VERSION/g" -e "s/@DATE@/$RELEASE_DATE/g" "$HERE/$APP_ID.metainfo.xml" \
  > "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
cp -r "$ICONS/hicolor" "$STAGE/usr/share/icons/hicolor"
install -m 644 "$HERE/copyright" "$STAGE/usr/share/doc/$PACKAGE/copyright"
install -m 755 "$HERE/postinst" "$HERE/postrm" "$STAGE/DEBIAN/"
chmod -R u+rwX,go+rX,go-w "$STAGE"

deps="$(python3 "$HERE/deb_depends.py" "$STAGE/opt/$PACKAGE" --recommend libcups.so.2)"
DEPENDS="$(sed -n 's/^Depends: //p' <<<"$deps")"
RECOMMENDS="$(sed -n 's/^Recommends: //p' <<<"$deps")"
RECOMMENDS="${RECOMMENDS:+$RECOMMENDS, }fontconfig, fonts-dejavu-core, hicolor-icon-theme"
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $PACKAGE
Version: $VERSION
Architecture: $ARCH
Maintainer: ${DEBFULLNAME:-$(meta publisher)} <${DEBEMAIL:-organizer@localhost}>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: $RECOMMENDS
Section: misc
Priority: optional
Description: $(meta summary)
 Organizer keeps the people, institutions, visits, meetings, follow-ups and
 agreements of an international-relations or protocol office, and prints PDF
 briefings for a visit. It is a desktop application with the same jobs on the
 command line (organizer --help). It carries its own Python and Qt in
 /opt/$PACKAGE.
CONTROL

mkdir -p dist
DEB="dist/${PACKAGE}_${VERSION}_${ARCH}.deb"
dpkg-deb --build --root-owner-group -Zxz "$STAGE" "$DEB" >/dev/null
echo "build-deb: $DEB"
echo "build-deb: installed size $(( INSTALLED_KB / 1024 )) MB (aim: under 150 MB), package $(du -m "$DEB" | cut -f1) MB"
