import os
import shutil
import signal
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from agencies.directory import sync_fixtures

FIXTURES = settings.BASE_DIR / "fixtures"
CITY_SEED = FIXTURES / "programmes" / "04-CTr-UBND-thai-nguyen.txt"
BAC_GIANG_SEED = FIXTURES / "programmes" / "KH-KHCN-bac-giang-2024.txt"


ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")
TEST_DATABASE = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}
BROWSER = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    """`make test` runs the suite on SQLite, then on PostgreSQL. The second pass keeps what PostgreSQL can change:
    the tests on Django's test database and those marked every_database. A test that never touches it (a reader,
    a script making its own databases) answers the same in both; so does the browser, which drives pages whose
    every query the view tests run on both databases. Those run once, in the SQLite pass."""
    if not ON_POSTGRESQL:
        return
    kept, once = [], []
    for item in items:
        on_database = item.get_closest_marker("django_db") or TEST_DATABASE & set(item.fixturenames)
        in_browser = BROWSER in Path(item.path).resolve().parents
        every = item.get_closest_marker("every_database")
        (kept if every or (on_database and not in_browser) else once).append(item)
    if once:
        config.hook.pytest_deselected(items=once)
        items[:] = kept


def pytest_configure(config):
    # `seed --demo-users` makes five users: with PBKDF2's deliberate slowness that was 1.5 s of every seeded test
    # (and of the browser tests' session). The passwords stay real; only their hashing is cheap.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Files a test stores land in a folder of this run's own, not in the checkout's media/ (the two passes of
    # `make test` run side by side).
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ptds-test-media-"))


def pytest_unconfigure(config):
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def agency_directory(db):
    """The agency directory of fixtures/agencies.json, without any programme."""
    sync_fixtures(FIXTURES)


@pytest.fixture
def seeded(db):
    """Both seed programmes, the agency directory, role groups and the demo accounts, without the demo province
    (tests/test_demo_province.py builds it)."""
    call_command("seed", "--demo-users", "--without-province", stdout=StringIO())


def run(*args):
    """Run a management command; returns what it printed."""
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    """The worker closes stale connections between jobs, as a request does; Django's test case turns that off for
    requests, and this for the worker run in the test's process, which would otherwise close the test's own."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_queued_jobs():
    """Run what is queued with the real worker (`db_worker --batch`) in this process, inside the test's transaction.

    The worker takes SIGINT and SIGTERM for its graceful stop; they are given back to the test run afterwards, or a
    Ctrl+C later in the run would end a test with SystemExit instead of stopping pytest."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0, stdout=StringIO())
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


@pytest.fixture
def run_jobs():
    return run_queued_jobs
