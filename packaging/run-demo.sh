#!/usr/bin/env bash
# Sets everything up (packaging/setup-dev.sh), loads the demo visit into ./demo.sqlite (idempotent)
# and opens the desktop app on it. Extra arguments go to `organizer`, e.g. `list people`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup-dev.sh
.venv/bin/organizer --db demo.sqlite demo
exec .venv/bin/organizer --db demo.sqlite "$@"
