# The README's commands and CI call these targets; nothing here is needed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres lint migrations-check check messages system-packages bench bench-load backup restore lock

# Debian packages: Liberation 2 fonts (version 1 lacks Vietnamese) and Pango for the PDF reports;
# Chromium drives the browser tests; poppler-utils renders the PDF pages the tests look at, and the pages of a scanned
# plan that Tesseract (tesseract-ocr, with its Vietnamese model tesseract-ocr-vie) reads on /import/.
DEBIAN_PACKAGES := fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils tesseract-ocr tesseract-ocr-vie

# The Python packages come from the locks in requirements/ (exact versions with their hashes, made by `make lock`
# from pyproject.toml's ranges): prod.txt for production, dev.txt (prod + the dev extra) here, bench.txt (dev + the
# bench extra) for the load test. A changed lock rebuilds the virtualenv from nothing, so it holds the lock and no
# leftovers; the project itself (no packages of its own) is then installed without dependencies, and `pip check`
# fails if pyproject.toml asks for a package the lock lacks (then run `make lock`).
$(VENV)/.locked: requirements/dev.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

$(VENV)/.installed: $(VENV)/.locked pyproject.toml
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pip check || { echo "requirements/*.txt do not satisfy pyproject.toml: run make lock"; exit 1; }
	touch $@

## Refresh the locks after a change to pyproject.toml's dependencies (PyPI, for Linux x86_64 and Python 3.11):
## a version already locked stays unless the new ranges exclude it; `make lock LOCK_FLAGS=--upgrade` moves every
## package to the newest version the ranges allow. The dev lock keeps the production versions, the bench lock the dev
## ones, so the three never disagree.
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command 'make lock' $(LOCK_FLAGS) \
	pyproject.toml requirements/build.in

lock: $(VENV)/.locked
	$(UV_COMPILE) -o requirements/prod.txt
	$(UV_COMPILE) --extra dev -c requirements/prod.txt -o requirements/dev.txt
	$(UV_COMPILE) --extra dev --extra bench -c requirements/dev.txt -o requirements/bench.txt

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

## Run the portal on http://127.0.0.1:8000 with both seed programmes and demo accounts (SQLite), and one worker
## for its jobs (reports, scheduled work); Ctrl+C stops both.
run: $(VENV)/.installed node_modules/.installed system-packages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed --demo-history
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole test suite: on SQLite and, when a server answers on 127.0.0.1:5432, on PostgreSQL, the two passes side
## by side (one core each); each prints its report when it ends. The PostgreSQL pass keeps the tests that use the
## database (tests/conftest.py says which).
test: check
	@echo "The SQLite and PostgreSQL passes run side by side; each prints its report when it ends."
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

# The suite smoke-tests every bench script (tests/test_bench_scripts.py), the load test too: the bench lock's packages.
test-sqlite: $(VENV)/.bench-installed node_modules/.installed system-packages
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: $(VENV)/.bench-installed node_modules/.installed system-packages
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "PostgreSQL answers: running the suite against it"; \
		DATABASE_URL=$(PG_URL) DJANGO_CONN_MAX_AGE=0 $(BIN)/pytest; \
	else \
		echo "No PostgreSQL on 127.0.0.1:5432: skipped the PostgreSQL run"; \
	fi

## The checks of .pre-commit-config.yaml; only the two whitespace hooks change a file (repairing what they find, and
## failing all the same).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates/
	$(BIN)/lint-imports
	$(BIN)/pre-commit run --all-files trailing-whitespace
	$(BIN)/pre-commit run --all-files end-of-file-fixer

migrations-check: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

check: lint migrations-check

## The Vietnamese for third-party texts (locale/vi/LC_MESSAGES/django.po), compiled after editing it.
messages:
	msgfmt --check -o locale/vi/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/django.po

## Benchmarks: print figures (not part of the test suite).
bench: $(VENV)/.installed system-packages
	$(BIN)/python bench/task_list.py
	env -u DATABASE_URL $(BIN)/python bench/pages.py
	$(BIN)/python bench/reports.py
	env -u DATABASE_URL $(BIN)/python bench/hostile.py

$(VENV)/.bench-installed: requirements/bench.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements/bench.txt
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
