#!/usr/bin/env bash
# Builds Organizer.app and a disk image on macOS (12 or newer, Xcode command line tools for hdiutil):
#
#   bash packaging/macos/build-dmg.sh        -> dist/Organizer-VERSION.dmg
#
# Mirrors packaging/linux/build-deb.sh: packaging/build-bundle.sh makes the PyInstaller bundle, and on
# macOS packaging/organizer.spec also wraps it as build/bundle/dist/Organizer.app with
# packaging/macos/Info.plist (version filled in from organizer/__init__.py) and organizer.icns.
# The image holds the app and a link to /Applications to drag it onto. Users' data
# (~/Library/Application Support/Organizer) is not in the app, so replacing or deleting it keeps them.
# Not signed: for distribution outside your office, sign and notarize (see packaging/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
[ "$(uname -s)" = "Darwin" ] || { echo "build-dmg: run this on macOS (PyInstaller cannot cross-build)" >&2; exit 1; }

VERSION="$(python3 packaging/metadata.py version)"
APP_NAME="$(python3 packaging/metadata.py app_name)"
bash packaging/build-bundle.sh
APP="${ORGANIZER_BUILD_DIR:-$ROOT/build/bundle}/dist/$APP_NAME.app"
[ -d "$APP" ] || { echo "build-dmg: $APP was not built" >&2; exit 1; }
plutil -lint "$APP/Contents/Info.plist"
[ "$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$APP/Contents/Info.plist")" = "$VERSION" ]

STAGE="$ROOT/build/dmg"
rm -rf "$STAGE" && mkdir -p "$STAGE" dist
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="dist/$APP_NAME-$VERSION.dmg"
rm -f "$DMG"
hdiutil create -volname "$APP_NAME $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
echo "build-dmg: $DMG ($(du -h "$DMG" | cut -f1)); app size $(du -sh "$APP" | cut -f1)"
