import json
import signal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from agencies.directory import sync_agencies

FIXTURES = settings.BASE_DIR / "fixtures"
CITY_SEED = FIXTURES / "programmes" / "04-CTr-UBND-thai-nguyen.txt"
BAC_GIANG_SEED = FIXTURES / "programmes" / "KH-KHCN-bac-giang-2024.txt"


@pytest.fixture
def agency_directory(db):
    """The agency directory of fixtures/agencies.json, without any programme."""
    sync_agencies(json.loads((FIXTURES / "agencies.json").read_text(encoding="utf-8")))


@pytest.fixture
def seeded(db):
    """Both seed programmes, the agency directory, role groups and the demo accounts."""
    call_command("seed", "--demo-users", stdout=StringIO())


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
