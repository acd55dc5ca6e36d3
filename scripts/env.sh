# Environment for running Reflex here: bun from the npm registry, no telemetry, no update checks.
# Sourced by the Makefile targets and by the browser tests' server fixture.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$here/.tools/node_modules/.bin:$here/.venv/bin:$PATH"
export REFLEX_USE_SYSTEM_BUN=1
export REFLEX_TELEMETRY_ENABLED=false
export REFLEX_CHECK_LATEST_VERSION=false
