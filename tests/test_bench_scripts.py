"""The benchmark scripts still run: each one on tiny data, in its own process, as `make bench` and `make bench-load`
run them (production's settings where the script uses them), must exit 0 and print its figures.

No figure is judged here (speed is for bench/RESULTS.md); a script that stops half way, or prints no table, fails.
The scripts make their own throw-away SQLite databases whatever DATABASE_URL says, so they run in the SQLite pass of
`make test` only. bench/load.py needs locust and gunicorn (the `bench` extra) and PostgreSQL on 127.0.0.1:5432; it
creates and drops a database of its own.
"""

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER = "postgres://postgres@127.0.0.1:5432"
NUMBER = r"\d[\d,]*(?:\.\d+)?"


def run(*command, **env):
    """Runs a script of bench/ with the environment of a shell without DATABASE_URL (plus env); its output."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env={**environment, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def row(label, *figures):
    """A line of a table: the label, then the figures given as patterns, separated by blanks (or |)."""
    return re.compile(r"^\s*" + re.escape(label) + r"".join(r"[\s|]+" + f for f in figures) + r"\s*$", re.M)


def test_task_list(tmp_path):
    out = run("bench/task_list.py", "--tasks", "50", "--runs", "2", TMPDIR=str(tmp_path))
    assert re.search(r"^\d+ tasks, SQLite, 2 runs each", out, re.M), out
    for label in ["task list /tasks/", "task list, search", "dashboard /", "my tasks /my/ (as congan)"]:
        assert row(label, r"\d+", NUMBER).search(out), (label, out)
    assert row("admin changelist", r"\d+", NUMBER).search(out), out
    assert list(tmp_path.iterdir()) == []  # its database is gone


def test_pages_with_production_settings(tmp_path):
    out = run("bench/pages.py", "--scale", "0.001", "--runs", "2", TMPDIR=str(tmp_path))
    assert "DEBUG off; 2 timed requests per page" in out, out
    for label, user in [
        ("task list /tasks/", "admin"),
        ("task list as command staff", "chqs"),
        ("admin changelist", "admin"),
        ("dashboard / (newest programme)", "lanhdao"),
        ("my tasks /my/ (busiest officer)", "officer"),
    ]:
        assert row(label, user, r"\d+", NUMBER, NUMBER, NUMBER).search(out), (label, out)
    assert re.search(rf"task list /tasks/: {NUMBER} vs admin changelist: {NUMBER}, ratio {NUMBER}", out), out
    assert re.search(r"task list /tasks/\s+\d+ vs\s+\d+: (same|DIFFERENT)", out), out
    assert list(tmp_path.iterdir()) == []  # both throw-away databases are gone


def test_province(tmp_path):
    out = run("bench/province.py", "--programmes", "12", "--communes", "11", "--runs", "2", TMPDIR=str(tmp_path))
    assert re.search(r"^sqlite: 14 programmes, [\d,]+ tasks", out, re.M), out  # and the two seeds
    for label, user in [("task list as provincial leadership", "tinh_lanhdao"), ("admin changelist", "admin")]:
        assert row(label, user, r"\d+", NUMBER, NUMBER).search(out), (label, out)
    assert re.search(r"admin changelist\s+\d+ vs\s+\d+: (same|DIFFERENT)", out), out
    assert list(tmp_path.iterdir()) == []


def test_workers(tmp_path):
    out = run("bench/workers.py", "--tasks", "5", "--reports", "2", TMPDIR=str(tmp_path))
    assert re.search(rf"\|\s+2 \|\s+{NUMBER} \|\s+{NUMBER} \|\s+{NUMBER} \|", out), out
    assert list(tmp_path.iterdir()) == []  # the database and the report files are gone


def test_reports(tmp_path):
    out = run(
        "bench/reports.py", "--pdf-sizes", "5", "--xlsx-size", "10", "--runs", "1", "--no-seed", TMPDIR=str(tmp_path)
    )
    pdf = [NUMBER] * 5  # s, RSS, tm, pages, KB
    assert row("synthetic 5", "5", *pdf, *pdf, NUMBER, NUMBER).search(out), out  # PDF | bare | ratios
    assert row("synthetic 10", "10", *[NUMBER] * 5).search(out), out  # the XLSX table
    assert re.search(rf"synthetic 5: report/bare time {NUMBER} \(target <= 1.2\)", out), out
    assert re.search(rf"XLSX 10 tasks: peak RSS growth {NUMBER} MB", out), out
    assert re.search(r"Whole run: \d+ s", out), out
    assert list(tmp_path.iterdir()) == []


def test_hostile():
    out = run("bench/hostile.py", "--only", "far-rows", "grid-span")
    assert "limit 5 s" in out, out
    for label in ["far-rows", "grid-span"]:
        assert row(label, "programme", NUMBER, NUMBER, NUMBER, NUMBER, "refused:.*").search(out), (label, out)
    assert "Every read within 5 s." in out, out


def test_ocr():
    out = run("bench/ocr.py", "--only", "KH-310-UBND-ha-noi-2025", "--pages", "2")
    assert "1 plans, scanned at 200 dpi, read by OCR (limit 90 s a plan)" in out, out
    figures = [NUMBER, r"\d+/\d+", r"\d+/\d+", r"\d+%", r"\d+/\d+"]
    assert row("KH-310-UBND-ha-noi-2025", r"2", *figures).search(out), out
    assert row("all", r"2", *figures).search(out), out


def test_generate(tmp_path):
    database = tmp_path / "generated.sqlite3"
    out = run("bench/generate.py", "--scale", "0.001", DATABASE_URL=f"sqlite:///{database}")
    assert re.search(rf"^sqlite database {re.escape(str(database))}, scale 0.001:$", out, re.M), out
    assert row("programmes", "3").search(out), out  # the seed's two and one generated
    tasks = int(row("tasks", r"(\d+)").search(out).group(1))
    assert tasks > 42, out  # the seed's 42 and some generated
    assert re.search(rf"^Generated in {NUMBER} s\.", out, re.M), out
    # A second run refuses the filled database instead of adding to it.
    again = subprocess.run(
        [sys.executable, "bench/generate.py", "--scale", "0.001"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and "already holds more than the seed" in again.stderr, again.stderr


def postgres_answers():
    try:
        import psycopg

        psycopg.connect(f"{SERVER}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(
    not ((BIN / "locust").exists() and (BIN / "gunicorn").exists()),
    reason="bench/load.py needs locust and gunicorn: the `bench` extra (make bench-load installs it)",
)
@pytest.mark.skipif(not postgres_answers(), reason=f"bench/load.py needs PostgreSQL at {SERVER}")
def test_load():
    database = f"{SERVER}/ptds_bench_smoke_{os.getpid()}"
    out = run(
        "bench/load.py",
        *["--scale", "0.01", "--users", "3", "--spawn-rate", "3", "--time", "4s", "--port", str(free_port())],
        *["--database", database, "--drop"],
    )
    assert re.search(r"^Load test .*: 3 users .*PostgreSQL", out, re.M), out
    # How many requests fit in the 4 s depends on the machine's load; what they got does not: no failure, no
    # exception, and only pages and redirects (logins, the reports officers save) in gunicorn's log.
    assert re.search(r"^\| \*\*all\*\* +\| +\| +\d+ \| +0 \|", out, re.M), out
    assert "FAILURE" not in out and "EXCEPTION" not in out, out
    codes = re.search(r"^gunicorn's access log, responses by status: (.*)$", out, re.M).group(1)
    assert {code.split(":")[0] for code in codes.split(", ") if code} <= {"200", "302"}, out
    assert f"Dropped ptds_bench_smoke_{os.getpid()}." in out, out
