"""Jobs in real worker processes (`manage.py db_worker`), on a database of their own that the test and the workers
share (a file for SQLite; a new database on the PostgreSQL server of DATABASE_URL): a worker killed with SIGKILL in
the middle of a report leaves a job that another worker takes again, or fails with a clear message once out of
attempts; never "running" for ever. The steps on that database are tests/worker_process.py's."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

ROOT = Path(settings.BASE_DIR)
pytestmark = [
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.every_database,
]


@pytest.fixture(scope="module")
def live_env(tmp_path_factory):
    """The environment of the test's workers: their own database, prepared with the seeds and 100 more tasks."""
    folder = tmp_path_factory.mktemp("live")
    url = os.environ.get("DATABASE_URL", "")
    name = None
    if url.startswith("postgres"):
        name = f"ptds_live_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{name}"')
        live_url = url.rsplit("/", 1)[0] + "/" + name
    else:
        live_url = f"sqlite:///{folder / 'live.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": live_url,
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_CONN_MAX_AGE": "0",
        "PTDS_JOB_GRACE_SECONDS": "0",
        "PTDS_TICK_SECONDS": "1",  # the reaper runs in the tick: a second worker finds the lost job at once
    }
    step(env, "prepare", "100")
    yield env
    if name:
        with psycopg.connect(url, autocommit=True) as server:
            server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def step(env, *args):
    done = subprocess.run(
        [sys.executable, "-m", "tests.worker_process", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def worker(env, **settings_env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.1", "--no-reload"],
        cwd=ROOT,
        env={**env, **settings_env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def state_of(env, report):
    """(report state, its job's status, the job's attempts, the report's error), read with plain SQL: quick enough
    to see a report while it is being produced. The job is the newest report job: each test asks for one report."""
    url = env["DATABASE_URL"]
    queries = [
        f"SELECT state, error FROM reports_producedreport WHERE id = {int(report)}",
        f"SELECT status, worker_ids FROM {DBTaskResult._meta.db_table} WHERE task_path = 'reports.jobs.produce_report' "
        "ORDER BY enqueued_at DESC",
    ]
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"), timeout=20)) as database:
            (state, error), (status, worker_ids) = [database.execute(query).fetchone() for query in queries]
    else:
        with psycopg.connect(url) as database:
            (state, error), (status, worker_ids) = [database.execute(query).fetchone() for query in queries]
    if isinstance(worker_ids, str):
        worker_ids = json.loads(worker_ids)
    return state, status, len(worker_ids), error


def wait_for(env, report, wanted, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = state_of(env, report)
        if state[0] in wanted:
            return state
        time.sleep(0.05)
    raise AssertionError(f"report {report} still {state} after {seconds} s")


def stop(process):
    process.send_signal(signal.SIGTERM)  # finishes the job in hand, then stops
    process.wait(timeout=60)


def killed_midway(env):
    """A PDF of 137 tasks asked for, its worker killed with SIGKILL while producing it: the report's number."""
    report = step(env, "request", "pdf")
    first = worker(env)
    try:
        assert wait_for(env, report, {"running", "done", "failed"})[0] == "running"
    finally:
        first.kill()
        first.wait()
    time.sleep(1)
    assert state_of(env, report)[:3] == ("running", "RUNNING", 1)  # nobody says otherwise
    step(env, "age", str(settings.PTDS_JOB_SECONDS + 1))  # the job's time limit has passed: it is lost
    return report


def test_a_report_whose_worker_was_killed_is_produced_by_another_worker(live_env):
    report = killed_midway(live_env)
    second = worker(live_env)
    try:
        wait_for(live_env, report, {"done", "failed"})
    finally:
        stop(second)
    # Read once the worker has stopped: the job's own result is saved just after the report it made.
    state = state_of(live_env, report)
    assert state[:3] == ("done", "SUCCESSFUL", 2)  # taken again: a second attempt, by another worker


def test_a_report_whose_worker_was_killed_with_no_attempt_left_fails_clearly(live_env):
    report = killed_midway(live_env)
    second = worker(live_env, PTDS_JOB_ATTEMPTS="1")
    try:
        wait_for(live_env, report, {"done", "failed"})
    finally:
        stop(second)
    state = state_of(live_env, report)
    assert state[:3] == ("failed", "FAILED", 1)
    assert "bị dừng đột ngột" in state[3]
