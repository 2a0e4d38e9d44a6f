#!/usr/bin/env bash
# Builds the app and runs the Playwright specs against the production build in Debian's Chromium.
# Browsers are never downloaded: Chromium comes from apt (installed here when running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Chromium is missing at $CHROMIUM; installing Debian's chromium package..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "error: Chromium is missing at $CHROMIUM. Install it with 'sudo apt-get install -y chromium'" >&2
    echo "       (or set CHROMIUM_PATH to a Chromium binary). Browsers are never downloaded by these tests." >&2
    exit 2
  fi
fi
export CHROMIUM_PATH="$CHROMIUM"
npx vite build --logLevel warn
npx playwright test "$@"
