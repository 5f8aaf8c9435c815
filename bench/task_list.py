"""Times the task list beside the Django admin changelist of the same tasks, in the same run.

Prints SQL query counts and median times for N synthetic tasks (default 5,000) in a throw-away
SQLite database, so the figures are comparable from one machine to the next. Not a test.

    .venv/bin/python bench/task_list.py [--tasks 5000] [--runs 15]
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptds.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from agencies.models import Agency  # noqa: E402
from tasks.models import Assignment, Section, Task  # noqa: E402


def build(count):
    call_command("migrate", verbosity=0)
    call_command("seed", "--demo-users", "--without-province", verbosity=0, stdout=open(os.devnull, "w"))
    section = Section.objects.get(programme__number="04/CTr-UBND", numeral="X")
    agencies = list(Agency.objects.exclude(kind=Agency.Kind.GROUP))
    tasks = [
        Task(
            section=section,
            position=100 + i,
            number=str(100 + i),
            content=f"Nhiệm vụ thử phòng thủ dân sự số {i}",
            lead_as_written=agencies[i % len(agencies)].name,
            timeframe_as_written=["x", "", ""],
            schedule_kind="phase",
            due_on=f"{2025 + i % 6}-12-31",
        )
        for i in range(count)
    ]
    for task in tasks:
        task.index_words()
    Task.objects.bulk_create(tasks, batch_size=500)
    Assignment.objects.bulk_create(
        [Assignment(task=t, agency=agencies[i % len(agencies)], role="lead", position=1) for i, t in enumerate(tasks)],
        batch_size=500,
    )


def measure(client, url, runs):
    times = []
    before = len(connection.queries_log)
    response = client.get(url)
    queries = len(connection.queries_log) - before
    assert response.status_code == 200, (url, response.status_code)
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return queries, statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    try:
        run(args)
    finally:
        shutil.rmtree(DB.parent, ignore_errors=True)  # the throw-away database


def run(args):
    build(args.tasks)
    # Count every query of a request: keep the log across requests and log even with DEBUG off.
    request_started.disconnect(reset_queries)
    connection.force_debug_cursor = True
    total = Task.objects.count()
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    pages = [
        ("task list /tasks/", "/tasks/"),
        ("task list, search", "/tasks/?q=phong+thu"),
        ("task list, overdue filter", "/tasks/?deadline=overdue"),
        ("dashboard /", "/"),
        ("my tasks /my/ (as congan)", None),
        ("admin changelist", "/admin/tasks/task/"),
    ]
    print(f"{total} tasks, SQLite, {args.runs} runs each, median of warm requests")
    print(f"{'page':32} {'queries':>8} {'median ms':>10}")
    for label, url in pages:
        if url is None:
            officer = Client()
            officer.force_login(get_user_model().objects.get(username="congan"))
            queries, median = measure(officer, "/my/", args.runs)
        else:
            queries, median = measure(client, url, args.runs)
        print(f"{label:32} {queries:>8} {median:>10.1f}")


if __name__ == "__main__":
    main()
