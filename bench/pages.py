"""Times the portal's pages on the generated data beside the Django admin changelist of the same tasks, in one run.

Runs against the configured database (DATABASE_URL) once bench/generate.py has filled it. For each page it prints
the SQL queries of one request (CaptureQueriesContext), then the median and p95 of --runs timed requests through the
Django test Client, logged in (force_login) as the user named, and the median CPU time this process spent on them.
The pages take turns, run after run, so a burst of load from elsewhere on the machine falls on all of them alike.
Production's settings (DEBUG off, so HTTPS only): the requests come as nginx hands them over in production, with
DJANGO_BEHIND_PROXY=1 and X-Forwarded-Proto: https, so they are served, not redirected to https://.

Then the task list's queries with 10 tasks, in a throw-away SQLite database generated at scale 0.001 (the seed's
42 tasks archived, so out of the list), beside the same pages here: the list costs the same queries whatever the
number of tasks. Not a test.

    DATABASE_URL=sqlite:///path/bench.sqlite3 .venv/bin/python bench/pages.py [--runs 30]

Without DATABASE_URL it generates a throw-away SQLite database first (about a minute; --scale 0.001 for a quick
check) and removes it at the end.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptds.settings")
THROWAWAY = None if "DATABASE_URL" in os.environ else Path(tempfile.mkdtemp(prefix="ptds-pages-"))
if THROWAWAY:
    os.environ["DATABASE_URL"] = f"sqlite:///{THROWAWAY / 'bench.sqlite3'}"
# Production's settings: DEBUG off (no query log, no template debug, HTTPS only); the key signs only this run's
# sessions. Behind nginx, as deployed (README, Deployment): the portal trusts the proxy's X-Forwarded-Proto, which
# every request below carries (PROXIED), so SECURE_SSL_REDIRECT serves them instead of answering 301.
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-throw-away-key")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_BEHIND_PROXY", "1")
PROXIED = {"X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1"}  # what deploy/nginx.conf.example sets
warnings.filterwarnings("ignore", "No directory at", UserWarning)  # WhiteNoise: static files are not collected here

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from tasks.models import Programme, Task  # noqa: E402

SEARCH = "phong thu"
TARGET = 0.5  # the task list's median at most half the admin changelist's
# Pages whose query count must not grow with the number of tasks (compared with a 10-task database).
CONSTANT = ["task list /tasks/", "task list, search", "task list as command staff", "admin changelist"]


def users():
    User = get_user_model()
    officer = (  # the officer whose agency has the most tasks: the heaviest /my/
        User.objects.filter(groups__name="Cán bộ cơ quan")
        .annotate(n=Count("profile__agency__assignments"))
        .order_by("-n", "username")
        .first()
    )
    return {
        "admin": User.objects.get(username="admin"),
        "chqs": User.objects.get(username="chqs"),
        "lanhdao": User.objects.get(username="lanhdao"),
        "officer": officer,
    }


def pages(counts_only=False):
    """(label, user key, url); the first are the pages the 10-task database has too."""
    search = SEARCH.replace(" ", "+")
    listed = [
        ("task list /tasks/", "admin", "/tasks/"),
        ("task list, search", "admin", f"/tasks/?q={search}"),
        ("task list as command staff", "chqs", "/tasks/"),
        ("admin changelist", "admin", "/admin/tasks/task/"),
    ]
    if counts_only:
        return listed
    chqs = users()["chqs"]
    busiest = (  # a task of chqs's programmes with the most reports: the heaviest task page
        Task.objects.visible_to(chqs).annotate(n=Count("progress_reports")).order_by("-n", "pk").first()
    )
    largest = Programme.objects.annotate(n=Count("sections__tasks")).order_by("-n").first()
    return listed + [
        ("admin changelist, search", "admin", f"/admin/tasks/task/?q={search}"),
        ("task list, page 100", "admin", "/tasks/?page=100"),
        ("task list, status filter", "admin", "/tasks/?status=in_progress_overdue"),
        ("task list, sorted by status", "admin", "/tasks/?sort=status"),
        (f"task page ({busiest.n} reports)", "chqs", f"/tasks/{busiest.pk}/"),
        ("dashboard / (newest programme)", "lanhdao", "/"),
        (f"dashboard, largest ({largest.n} tasks)", "lanhdao", f"/?programme={largest.pk}"),
        ("my tasks /my/ (busiest officer)", "officer", "/my/"),
    ]


def clients():
    logged_in = {}
    for key, user in users().items():
        logged_in[key] = Client(headers=PROXIED)
        logged_in[key].force_login(user)
    return logged_in


def count_queries(client, url):
    client.get(url)  # warm: first-request caches (content types, templates) are not what a page costs
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def measure(runs):
    """Per page: label, user, url, queries, wall times and CPU times (ms) of this process."""
    logged_in = clients()
    rows = [(label, user, url, count_queries(logged_in[user], url), [], []) for label, user, url in pages()]
    for _run in range(runs):
        for _label, user, url, _queries, walls, cpus in rows:
            wall, cpu = time.perf_counter(), time.process_time()
            logged_in[user].get(url)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    return rows


def p95(times):
    return statistics.quantiles(times, n=20)[-1]


def child(database, *command):
    """Run a script of this folder on the database given; its output."""
    env = {**os.environ, "DATABASE_URL": database}
    done = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return done.stdout


def small_counts():
    """The same pages' query counts in a throw-away SQLite database holding 10 tasks in the list."""
    folder = Path(tempfile.mkdtemp(prefix="ptds-pages-"))
    database = f"sqlite:///{folder / 'small.sqlite3'}"
    try:
        child(database, "bench/generate.py", "--scale", "0.001")
        return json.loads(child(database, __file__, "--counts-only").strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder)


def counts_only():
    """Child of small_counts(): leave only the generated tasks in the list, count each page's queries."""
    generated = Programme.objects.latest("pk")  # made after the seed's two
    Task.objects.exclude(section__programme=generated).update(archived_at=timezone.now())
    logged_in = clients()
    result = {"tasks": Task.objects.current().count()}
    for label, user, url in pages(counts_only=True):
        result[label] = count_queries(logged_in[user], url)
    print(json.dumps(result))


def database_version():
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="size of the throw-away database (without DATABASE_URL), default 1"
    )
    parser.add_argument("--counts-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # The manifest of collected static files is not needed to time the pages: plain static storage.
    override_settings(
        STORAGES={
            **django.conf.settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    if args.counts_only:
        counts_only()
        return
    try:
        if THROWAWAY:
            print("No DATABASE_URL: generating a throw-away SQLite database", flush=True)
            child(os.environ["DATABASE_URL"], "bench/generate.py", "--scale", str(args.scale))
        report(args.runs)
    finally:
        if THROWAWAY:
            shutil.rmtree(THROWAWAY)


def report(runs):
    load_before = os.getloadavg()[0]
    print(
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, Django {django.get_version()}, {database_version()} "
        f"({connection.settings_dict['NAME']}); "
        f"{Task.objects.count():,} tasks in {Programme.objects.count()} programmes; load average {load_before:.2f}"
    )
    rows = measure(runs)
    print(
        f"DEBUG off; {runs} timed requests per page after 2 untimed, pages taken in turn. Wall time, and the CPU\n"
        "time of this process (steadier on a busy machine; it holds SQLite's work but not PostgreSQL's)."
    )
    print(f"{'page':36} {'user':8} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7}")
    wall, cpu = {}, {}
    for label, user, _url, queries, walls, cpus in rows:
        wall[label], cpu[label] = statistics.median(walls), statistics.median(cpus)
        print(f"{label:36} {user:8} {queries:>7} {wall[label]:>10.1f} {p95(walls):>8.1f} {cpu[label]:>7.1f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")

    print("\nTask list beside the admin changelist of the same tasks (medians, ms):")
    for ours, theirs in [("task list /tasks/", "admin changelist"), ("task list, search", "admin changelist, search")]:
        ratio = wall[ours] / wall[theirs]
        verdict = "at most half" if ratio <= TARGET else "MORE THAN HALF"  # the target of issue 14
        print(
            f"  {ours}: {wall[ours]:.1f} vs {theirs}: {wall[theirs]:.1f}, ratio {ratio:.2f}: {verdict} "
            f"(CPU {cpu[ours]:.1f} vs {cpu[theirs]:.1f}, ratio {cpu[ours] / cpu[theirs]:.2f})"
        )

    small = small_counts()
    big = {label: queries for label, _user, _url, queries, _walls, _cpus in rows}
    print(f"\nQueries with {small['tasks']} tasks in the list (throw-away SQLite) and here:")
    for label in CONSTANT:
        verdict = "same" if small[label] == big[label] else "DIFFERENT"
        print(f"  {label:30} {small[label]:>3} vs {big[label]:>3}: {verdict}")


if __name__ == "__main__":
    main()
