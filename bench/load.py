"""Load test: locust, headless, against gunicorn with 2 workers on 127.0.0.1:8011 and one job worker (db_worker),
on PostgreSQL. Not a test.

    .venv/bin/python bench/load.py [--users 20] [--spawn-rate 5] [--time 60s] [--database URL] [--drop] [--scale 1]
    .venv/bin/python bench/load.py --province --users 200 --spawn-rate 5 --time 5m --database URL_OF_ANOTHER_DB

The database is --database, by default postgres://postgres@127.0.0.1:5432/ptds_bench (never DATABASE_URL, which may
name a real one): created and filled by bench/generate.py (at --scale, default 1), or with --province by
bench/province.py generate, when it does not exist yet; --drop
drops it at the end. The static files are collected into a temporary folder and gunicorn serves the portal with
production's settings (DEBUG off, a throw-away key, DJANGO_ALLOWED_HOSTS=127.0.0.1; bench/load_settings.py only
turns off what is for HTTPS). locust runs bench/locustfile.py: officers, command staff and leadership, each
simulated user logged in as an account of the generated data. Then gunicorn is stopped and the figures printed per
endpoint: requests, failures, requests per second, p50 and p95 (locust's), and the status codes gunicorn logged. The
officers' reports stay in the database.
"""

import argparse
import collections
import csv
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import metadata
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ptds_bench"
HOST = "127.0.0.1"
PORT = 8011


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--time", default="60s")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=PORT, help=f"gunicorn's port on {HOST}, default {PORT}")
    parser.add_argument("--database", default=DEFAULT_DATABASE, help=f"default {DEFAULT_DATABASE}")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--scale", type=float, default=1.0, help="size of the data generated, default 1")
    parser.add_argument(
        "--province",
        action="store_true",
        help="generate a province (bench/province.py: 100 programmes, 5,000 tasks, ~1,000 accounts) instead",
    )
    args = parser.parse_args()
    database = args.database
    work = Path(tempfile.mkdtemp(prefix="ptds-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        # The project first: bench/reports.py must not hide the reports app; bench/ for load_settings.
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
        "PTDS_LOAD_STATIC_ROOT": str(work / "static"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "load-test-only-throw-away-key",
        "DJANGO_ALLOWED_HOSTS": HOST,
    }
    try:
        if create_database(database):
            print(f"Created {dj_database_url.parse(database)['NAME']}; generating the data (about a minute)")
            generate = {**os.environ, "DATABASE_URL": database}
            script = (
                ["bench/province.py", "generate"]
                if args.province
                else ["bench/generate.py", "--scale", str(args.scale)]
            )
            subprocess.run([sys.executable, ROOT / script[0], *script[1:]], env=generate, check=True)
        accounts, before = read_database(database)
        run(args, env, work, database, accounts, before)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.drop:
            drop_database(database)


def maintenance(database):
    """A connection to the server's `postgres` database, to create or drop the benchmark's."""
    settings = dj_database_url.parse(database)
    connection = psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        autocommit=True,
    )
    return connection, settings["NAME"]


def create_database(database):
    connection, name = maintenance(database)
    with connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(f'CREATE DATABASE "{name}"')
        return True


def drop_database(database):
    connection, name = maintenance(database)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"Dropped {name}.")


def read_database(database):
    """The accounts of each role, and what the database holds, read with plain SQL."""
    with psycopg.connect(database) as connection:

        def usernames(group):
            rows = connection.execute(
                "SELECT u.username FROM auth_user u JOIN auth_user_groups ug ON ug.user_id = u.id "
                "JOIN auth_group g ON g.id = ug.group_id WHERE g.name = %s ORDER BY u.username",
                [group],
            )
            return ",".join(row[0] for row in rows)

        accounts = {
            "PTDS_LOAD_OFFICERS": usernames("Cán bộ cơ quan"),
            "PTDS_LOAD_STAFF": usernames("Ban CHQS"),
            "PTDS_LOAD_LEADERS": usernames("Lãnh đạo"),
        }
    counts = {table: count(database, table) for table in ("tasks_programme", "tasks_task", "tasks_progressreport")}
    if counts["tasks_programme"] <= 2:  # the seed's two
        sys.exit(f"{database} holds only the seed: fill it with bench/generate.py first.")
    return accounts, counts


def count(database, table):
    with psycopg.connect(database) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def run(args, env, work, database, accounts, before):
    subprocess.run(
        [sys.executable, ROOT / "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True
    )
    load_before = os.getloadavg()[0]
    gunicorn = subprocess.Popen(
        [
            BIN / "gunicorn",
            "ptds.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"{HOST}:{args.port}",
            "--access-logfile",
            work / "access.log",
            "--error-logfile",
            work / "error.log",
            "--no-control-socket",
        ],  # gunicorn 27's socket in ~/.gunicorn would clash with another gunicorn's
        cwd=ROOT,
        env=env,
    )
    # The job worker beside gunicorn, as in production: it makes the reports the leadership users ask for.
    worker = subprocess.Popen(
        [sys.executable, ROOT / "manage.py", "db_worker", "--no-reload", "--verbosity", "0"], cwd=ROOT, env=env
    )
    try:
        wait_for_server(args.port)
        started = time.monotonic()
        locust = subprocess.run(
            [
                BIN / "locust",
                "-f",
                ROOT / "bench/locustfile.py",
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                args.time,
                "--host",
                f"http://{HOST}:{args.port}",
                "--csv",
                work / "locust",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, **accounts},
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
    finally:
        gunicorn.terminate()  # SIGTERM: the master lets its workers finish and exits
        gunicorn.wait(timeout=60)
        worker.terminate()  # SIGTERM: the job in hand is finished first
        worker.wait(timeout=660)
    load_after = os.getloadavg()[0]
    if not (work / "locust_stats.csv").exists():
        sys.exit(f"locust did not run:\n{locust.stdout}\n{locust.stderr}")
    after = count(database, "tasks_progressreport")
    print_figures(args, work, accounts, (before, after), seconds, (load_before, load_after))
    with psycopg.connect(database) as connection:
        states = connection.execute("SELECT state, count(*) FROM reports_producedreport GROUP BY state").fetchall()
    print("Report files asked for during the run, by state when the worker stopped:", dict(states) or "none")
    if locust.returncode not in (0, 1):  # 1: some requests failed, as the table says
        print(f"\nlocust exited with {locust.returncode}:\n{locust.stderr.strip()[-3000:]}")


def wait_for_server(port):
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("gunicorn did not answer /healthz within 30 s")
            time.sleep(0.3)


def versions():
    with open("/proc/meminfo") as meminfo:
        ram_kb = int(next(line for line in meminfo if line.startswith("MemTotal:")).split()[1])
    packages = ", ".join(f"{name} {metadata.version(name)}" for name in ("Django", "gunicorn", "locust", "psycopg"))
    return f"{os.cpu_count()} CPUs, {ram_kb / 2**20:.1f} GB RAM; Python {platform.python_version()}, {packages}"


def print_figures(args, work, accounts, counts, seconds, loads):
    before, after = counts
    roles = {key: len(value.split(",")) for key, value in accounts.items()}
    print(
        f"Load test {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}: {args.users} users "
        f"(officers : command staff : leadership = 6 : 3 : 1), spawn {args.spawn_rate}/s, {args.time} "
        f"({seconds:.0f} s with start and stop), think time 1-3 s; gunicorn {args.workers} sync workers on "
        f"{HOST}:{args.port}, PostgreSQL; {versions()}; load average {loads[0]:.2f} before, {loads[1]:.2f} after"
    )
    print(
        f"Accounts: {roles['PTDS_LOAD_OFFICERS']} officers, {roles['PTDS_LOAD_STAFF']} command staff, "
        f"{roles['PTDS_LOAD_LEADERS']} leadership; {before['tasks_task']:,} tasks; progress reports "
        f"{before['tasks_progressreport']:,} before, {after:,} after"
    )
    with open(work / "locust_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    print(
        f"\n| {'endpoint':32} | {'method':6} | {'requests':>8} | {'failures':>8} | {'req/s':>6} | {'p50 ms':>6} | "
        f"{'p95 ms':>6} | {'max ms':>6} |"
    )
    print(f"|{'-' * 34}|{'-' * 8}|{'-' * 9}:|{'-' * 9}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|")
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "**all**" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"| {name:32} | {row['Type']:6} | {row['Request Count']:>8} | {row['Failure Count']:>8} | "
            f"{float(row['Requests/s']):>6.2f} | {row['50%']:>6} | {row['95%']:>6} | "
            f"{float(row['Max Response Time']):>6.0f} |"
        )
    with open(work / "locust_failures.csv", newline="") as failures:
        for row in csv.DictReader(failures):
            print(f"FAILURE {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']} times)")
    with open(work / "locust_exceptions.csv", newline="") as exceptions:
        for row in csv.DictReader(exceptions):
            print(f"EXCEPTION ({row['Count']} times): {row['Message']}")
    codes = collections.Counter(status_code(line) for line in (work / "access.log").read_text().splitlines())
    print("gunicorn's access log, responses by status: " + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items())))


def status_code(line):
    """The status in gunicorn's default access log line: '... "GET /my/ HTTP/1.1" 200 1234 "-" "..."'."""
    return line.split('" ', 1)[1].split(" ", 1)[0]


if __name__ == "__main__":
    main()
