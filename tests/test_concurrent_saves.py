"""Twenty parallel saves of the same task's progress, on a real file database (SQLite) and on PostgreSQL: one is
saved, nineteen are told the task changed meanwhile, none fails (issue 13: SQLite answered 15 × 500, "database is
locked"). The race runs in a process of its own (tests/concurrency_probe.py)."""

import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings

PG = "postgres://postgres@127.0.0.1:5432"


def race(database_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_CONN_MAX_AGE": "0", "DJANGO_MEDIA_ROOT": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "tests.concurrency_probe"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_on_a_sqlite_file_one_save_wins_and_the_others_are_told(tmp_path):
    counts = race(f"sqlite:///{tmp_path / 'race.sqlite3'}", tmp_path)
    assert counts == {"saved": 1, "stale": 19, "reports": 1}


def test_on_postgresql_one_save_wins_and_the_others_are_told(tmp_path):
    name = f"ptds_race_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    try:
        counts = race(f"{PG}/{name}", tmp_path)
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert counts == {"saved": 1, "stale": 19, "reports": 1}
