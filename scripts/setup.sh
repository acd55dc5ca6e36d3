#!/usr/bin/env bash
# Set up a fresh machine: Python virtualenv, bun (from the npm registry), and with --test Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
BUN_VERSION=1.4.5

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import reflex, sqlmodel, alembic, playwright, pytest" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e ".[test]"
  touch .venv/.installed
fi
# WeasyPrint (the PDFs and archive copies) needs Pango from Debian, and the archive copies embed
# the DejaVu fonts.
PDF_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
missing=""
for package in $PDF_PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing >/dev/null
fi
if [ ! -x .tools/node_modules/.bin/bun ] || ! .tools/node_modules/.bin/bun --version | grep -qx "$BUN_VERSION"; then
  # Reflex's own bun download needs the internet; the npm package works from the registry.
  npm install --silent --prefix .tools "bun@$BUN_VERSION"
fi
if [ "${1:-}" = "--test" ] && [ ! -f .tools/node_modules/axe-core/axe.min.js ]; then
  # The accessibility tests inject axe-core into the pages.
  npm install --silent --prefix .tools axe-core@4
fi
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  fi
fi
