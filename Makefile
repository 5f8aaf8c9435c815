# The README's commands and CI call these targets; nothing here is needed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres lint migrations-check check system-packages bench bench-load backup restore

# Debian packages: Liberation 2 fonts (version 1 lacks Vietnamese) and Pango for the PDF reports;
# Chromium drives the browser tests; poppler-utils renders the PDF pages the tests look at.
DEBIAN_PACKAGES := fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Bootstrap comes from the npm registry; Django serves it from node_modules.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

system-packages:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing from Debian:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## Run the portal on http://127.0.0.1:8000 with both seed programmes and demo accounts (SQLite).
run: $(VENV)/.installed node_modules/.installed system-packages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed --demo-users
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole test suite: SQLite, then PostgreSQL when a server answers on 127.0.0.1:5432.
test: check test-sqlite test-postgres

test-sqlite: $(VENV)/.installed node_modules/.installed system-packages
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: $(VENV)/.installed node_modules/.installed system-packages
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "PostgreSQL answers: running the suite against it"; \
		DATABASE_URL=$(PG_URL) DJANGO_CONN_MAX_AGE=0 $(BIN)/pytest; \
	else \
		echo "No PostgreSQL on 127.0.0.1:5432: skipped the PostgreSQL run"; \
	fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

check: lint migrations-check

## Benchmarks: print figures (not part of the test suite).
bench: $(VENV)/.installed system-packages
	$(BIN)/python bench/task_list.py
	env -u DATABASE_URL $(BIN)/python bench/pages.py
	$(BIN)/python bench/reports.py

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@

## Load test: locust, 20 users for 60 s, against gunicorn (2 workers, 127.0.0.1:8011) on PostgreSQL; creates,
## fills and drops the database ptds_bench on 127.0.0.1:5432.
bench-load: $(VENV)/.bench-installed node_modules/.installed
	$(BIN)/python bench/load.py --drop

## Production backup (README, Deployment): the PostgreSQL database of DATABASE_URL and the evidence files under
## DJANGO_MEDIA_ROOT, into backups/ptds-YYYYmmdd-HHMM.dump and .media.tar.gz. Needs no virtualenv, only pg_dump.
backup:
	deploy/backup.sh

## Put a backup back: make restore FILE=backups/ptds-YYYYmmdd-HHMM.dump CONFIRM=yes (stop the portal first).
restore:
	CONFIRM="$(CONFIRM)" deploy/restore.sh "$(FILE)"
