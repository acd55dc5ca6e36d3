#!/usr/bin/env bash
# Set up a fresh machine: Python virtualenv, bun (from the npm registry), and with --test Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
BUN_VERSION=1.4.5

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import reflex, sqlmodel, alembic, babel, pydantic_settings, playwright, pytest, mypy" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e ".[test,lint]"
  touch .venv/.installed
fi
# The UI texts: compile the gettext catalogues (.po -> .mo); the app also recompiles a stale one.
.venv/bin/pybabel -q compile -d stafett_app/i18n/locale -D messages
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
# The picture tests check every icon against the lucide-react that Reflex bundles, without a build.
LUCIDE_VERSION="$(.venv/bin/python -c "from reflex_components_lucide.icon import LUCIDE_LIBRARY as L; print(L.rsplit('@', 1)[1])")"
if ! grep -qs "\"version\": \"$LUCIDE_VERSION\"" .tools/node_modules/lucide-react/package.json; then
  npm install --silent --prefix .tools "lucide-react@$LUCIDE_VERSION"
fi
if [ "${1:-}" = "--test" ] && [ ! -f .tools/node_modules/axe-core/axe.min.js ]; then
  # The accessibility tests inject axe-core into the pages.
  npm install --silent --prefix .tools axe-core@4
fi
if [ "${1:-}" = "--test" ] && [ ! -f .tools/node_modules/oidc-provider/package.json ]; then
  # The sign-in tests start a real OpenID provider set up like ID-porten (tests/oidc/provider.mjs).
  npm install --silent --prefix .tools oidc-provider@9
fi
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  fi
fi
