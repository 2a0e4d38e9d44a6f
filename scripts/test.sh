#!/usr/bin/env bash
# Everything, in the order that fails fastest: types, lint, unit/property/CLI tests, then the
# production build driven by Playwright in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$1"; }
step "typecheck"; npm run --silent typecheck
step "lint"; npx eslint .
step "format"; npx prettier --check . --log-level warn
step "unit, property and CLI tests"; npx vitest run
step "e2e"; bash scripts/e2e.sh
