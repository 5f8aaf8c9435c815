"""`make backup` and `make restore` round trip on a real PostgreSQL server: a throw-away database is seeded with both
programmes, progress reports with evidence files and a produced report; its fingerprint (every table's rows, the
JSON export of both programmes, every file under the media folder) is taken; the backup is made; the database is
dropped and the media folder deleted; the restore must bring back the same fingerprint, and the portal must go on
writing afterwards. Runs only where PostgreSQL answers on 127.0.0.1:5432 (PG_URL, as `make test` uses)."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/test")


def postgres_answers():
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return False
    import psycopg

    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PTDS_")) and k != "DATABASE_URL"}
    return {**env, "DJANGO_CONN_MAX_AGE": "0", **extra}


def run(env, *args):
    done = subprocess.run(args, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def manage(env, *args):
    return run(env, sys.executable, "manage.py", *args)


def django_python(env, code):
    return run(
        {**env, "DJANGO_SETTINGS_MODULE": "ptds.settings"},
        sys.executable,
        "-c",
        "import django\ndjango.setup()\n" + textwrap.dedent(code),
    )


# Progress reports with evidence files and a kept report file, made as the portal would (the ORM, its storage).
REPORTS = """
    import datetime
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from tasks.models import Evidence, ProgressReport, Task

    users = get_user_model().objects
    for position, (username, numeral, number, status) in enumerate([
        ("congan", "V", "5", "done"), ("chqs", "I", "1", "in_progress"), ("yte", "I", "2", "in_progress"),
    ]):
        task = Task.objects.get(section__programme__number="04/CTr-UBND", section__numeral=numeral, number=number)
        author = users.get(username=username)
        done = status == "done"
        report = ProgressReport.objects.create(
            task=task, agency=author.profile.agency, author=author, status=status, percent=100 if done else 40,
            result=f"Kết quả số {position}: đã triển khai, đã kiểm tra.", sets_status=username != "yte",
            completed_on=datetime.date(2025, 11, 20) if done else None, reported_on=datetime.date(2025, 11, 25),
        )
        content = f"%PDF-1.4 biên bản số {position} ".encode() + bytes(range(256)) * 40
        Evidence.objects.create(report=report, file=ContentFile(content, name="Biên bản.pdf"),
                                original_name=f"Biên bản {position}.pdf", kind="pdf", size=len(content))
"""

# Every table's rows (PostgreSQL's own text of each row, sorted), each sequence's position, the JSON export of both
# programmes, and every file under the media folder with a hash of its bytes.
FINGERPRINT = """
    import hashlib, io, json
    from pathlib import Path
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from tasks.models import Evidence

    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), \\'\\')) '
                           f'FROM "{table}" t')
            tables[table] = list(cursor.fetchone())
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
        sequences = dict(cursor.fetchall())
    exports = {}
    for number in ["04/CTr-UBND", "/KH-KHCN"]:
        out = io.StringIO()
        call_command("export_programme", number, stdout=out)
        exports[number] = hashlib.sha256(out.getvalue().encode()).hexdigest()
    root = Path(settings.MEDIA_ROOT)
    files = {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in root.rglob("*") if p.is_file()}
    evidence = {e.original_name: hashlib.sha256(e.file.read()).hexdigest() for e in Evidence.objects.all()}
    print(json.dumps({"tables": tables, "sequences": sequences, "exports": exports, "files": files,
                      "evidence": evidence}))
"""


def fingerprint(env):
    return json.loads(django_python(env, FINGERPRINT).strip().splitlines()[-1])


@pytest.fixture
def throwaway_database():
    """A new database on the server of PG_URL, named ptds_backup_check_*, dropped whatever happens."""
    import psycopg
    from psycopg import sql

    name = f"ptds_backup_check_{secrets.token_hex(4)}"
    server = psycopg.connect(PG_URL, autocommit=True)

    def recreate():
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    recreate()
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    try:
        yield url, recreate
    finally:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        server.close()


@pytest.mark.skipif(not postgres_answers(), reason=f"no PostgreSQL answers at {PG_URL} (set PG_URL to use another)")
def test_a_backup_restores_the_same_data_and_files(throwaway_database, tmp_path):
    url, recreate = throwaway_database
    media, backups = tmp_path / "media", tmp_path / "backups"
    env = clean_env(DATABASE_URL=url, DJANGO_MEDIA_ROOT=str(media), BACKUP_DIR=str(backups))
    manage(env, "migrate", "--noinput")
    manage(env, "seed", "--demo-users", "--without-province")
    django_python(env, REPORTS)
    manage(
        env,
        "progress_report",
        "--programme",
        "04/CTr-UBND",
        "--period",
        "2025-Q4",
        "--format",
        "xlsx",
        "--output",
        str(tmp_path / "bao-cao.xlsx"),
    )
    before = fingerprint(env)
    assert before["tables"]["tasks_progressreport"][0] == 3 and before["tables"]["tasks_task"][0] == 42
    assert len(before["evidence"]) == 3 and len(before["files"]) == 4  # three evidence files and the kept report

    output = run(env, "make", "-s", "backup")
    (dump,) = backups.glob("ptds-*.dump")
    assert dump.name[len("ptds-") : -len(".dump")].replace("-", "").isdigit()  # ptds-YYYYmmdd-HHMM.dump
    assert dump.with_name(dump.name.replace(".dump", ".media.tar.gz")).exists()
    assert f"backup: {dump}" in output
    assert oct(dump.stat().st_mode & 0o777) == "0o600"

    # The disaster: the database and every evidence file gone.
    recreate()
    shutil.rmtree(media)
    refused = subprocess.run(
        ["make", "-s", "restore", f"FILE={dump}"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "CONFIRM=yes" in refused.stderr
    assert not media.exists()

    run(env, "make", "-s", "restore", f"FILE={dump}", "CONFIRM=yes")
    after = fingerprint(env)
    assert after == before

    # The restored portal works on: new rows take new ids (the sequences came back too); migrate has nothing to do.
    django_python(env, REPORTS)
    assert "No migrations to apply." in manage(env, "migrate", "--noinput")


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", BACKUP_DIR=str(tmp_path / "backups"))
    done = subprocess.run(["make", "-s", "backup"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "DATABASE_URL must name the portal's PostgreSQL database" in done.stderr
    assert "it is a sqlite: URL" in done.stderr
    assert not (tmp_path / "backups").exists()


def test_restore_asks_for_confirmation_and_shows_no_password(tmp_path):
    dump = tmp_path / "ptds-20260105-0200.dump"
    dump.write_bytes(b"")
    (tmp_path / "ptds-20260105-0200.media.tar.gz").write_bytes(b"")
    env = clean_env(DATABASE_URL="postgres://ptds:mat-khau@db.example.vn:5432/ptds")
    done = subprocess.run(
        ["make", "-s", "restore", f"FILE={dump}"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "replaces the portal's data in db.example.vn:5432/ptds" in done.stderr and "CONFIRM=yes" in done.stderr
    assert "mat-khau" not in done.stderr
    missing = subprocess.run(["make", "-s", "restore"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert "make restore FILE=backups/ptds-YYYYmmdd-HHMM.dump CONFIRM=yes" in missing.stderr
