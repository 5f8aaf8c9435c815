# The README's commands and CI call these targets; nothing here is needed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres lint migrations-check check

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## Run the portal on http://127.0.0.1:8000 with both seed programmes and demo accounts (SQLite).
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed --demo-users
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole test suite: SQLite, then PostgreSQL when a server answers on 127.0.0.1:5432.
test: check test-sqlite test-postgres

test-sqlite: $(VENV)/.installed
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: $(VENV)/.installed
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "PostgreSQL answers: running the suite against it"; \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest; \
	else \
		echo "No PostgreSQL on 127.0.0.1:5432: skipped the PostgreSQL run"; \
	fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

check: lint migrations-check
