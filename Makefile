# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
ENV := source scripts/env.sh &&

.PHONY: run test setup test-setup demo-data unit browser lint

# The gates every change passes before the tests run: ruff's rules, ruff's format, mypy.
LINT := ruff check . && ruff format --check . && mypy

setup:
	bash scripts/setup.sh

test-setup:
	bash scripts/setup.sh --test

demo-data: setup
	$(ENV) python -m stafett_app.seed

## Set up everything, migrate, seed the demo, and serve http://localhost:3000 (production build).
run: demo-data
	$(ENV) reflex run --env prod --single-port

## Set up what the tests need (Chromium included), lint, and run the whole suite: the tests without
## a browser on every core (pytest-xdist), then the browser tests in one process (one app server,
## one Chromium, which keep the cores busy themselves).
test: test-setup
	$(ENV) $(LINT)
	$(ENV) python -m pytest -q -n auto -m "not browser"
	$(ENV) python -m pytest -q -m browser

lint: setup
	$(ENV) $(LINT)

## Quick loops while developing. `unit` needs neither PostgreSQL nor a browser.
unit: setup
	$(ENV) $(LINT)
	$(ENV) python -m pytest -q -n auto -m "not browser and not postgres"

browser: test-setup
	$(ENV) python -m pytest -q -m browser
