"""A province's install at scale (issue 15), and its provincial pages timed beside the Django admin changelist.

`generate` fills the configured database (DATABASE_URL; migrate and `seed` first) with a province after 2025 beside
the seeds, from a seeded random generator: "Tỉnh Hưng Yên" (load_province: its ~20 bodies), --communes (100) communes
each with its People's Committee and military command, --programmes programmes (the province's, a tenth departments'
plans, the rest communes' plans carrying the province's out, each task linked to the province task it carries out),
50 tasks each, reports over the past four quarters (a tenth of the communes never report), and about 1,000 accounts
(password ptds-demo): tinh_lanhdao, tinh_chqs, and per commune xaNNN_lanhdao, xaNNN_chqs and officers.

`measure` prints each provincial page's SQL queries, median and p95 over --runs requests (Django test Client, DEBUG
off, pages in turn) beside the admin changelist of the same tasks. Without a command, both run on two throw-away
SQLite databases, of 10 and of --programmes programmes, and the query counts of the two are compared: the pages
must cost the same queries whatever the number of programmes. Not a test.

    .venv/bin/python bench/province.py [--programmes 100] [--runs 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ptds_province .venv/bin/python bench/province.py generate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ptds_province .venv/bin/python bench/province.py measure
"""

import argparse
import datetime
import json
import os
import random
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
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-throw-away-key")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_BEHIND_PROXY", "1")
PROXIED = {"X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1"}
warnings.filterwarnings("ignore", "No directory at", UserWarning)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from words import ACTIONS, DELIVERABLES, OBJECTS, RESULTS, SCOPES  # noqa: E402

from agencies.models import AdministrativeUnit, Agency, Profile  # noqa: E402
from agencies.province import load_province  # noqa: E402
from agencies.text import fold_name  # noqa: E402
from tasks.documents.timeframe import ScheduleKind  # noqa: E402
from tasks.models import Assignment, Programme, ProgressReport, Section, Task  # noqa: E402
from tasks.periods import quarter_of  # noqa: E402
from tasks.roles import COMMAND_STAFF, LEADERSHIP, OFFICER  # noqa: E402
from tasks.status import Progress  # noqa: E402

PASSWORD = "ptds-demo"
PROVINCE = "Hưng Yên"
DEPARTMENT_PLANS, TASKS_EACH, OFFICERS_EACH = 10, 50, 7
BATCH = 1000


def generate(programmes, communes, seed):
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0, stdout=open(os.devnull, "w"))
    if AdministrativeUnit.objects.filter(name=f"Tỉnh {PROVINCE}").exists():
        sys.exit("This database already holds the bench province: generate into an empty one.")
    with transaction.atomic():
        Province(random.Random(seed), programmes, communes, timezone.localdate()).build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {Programme.objects.count()} programmes, {Task.objects.count():,} tasks, "
        f"{Agency.objects.count()} agencies, {get_user_model().objects.count():,} accounts, "
        f"{ProgressReport.objects.count():,} reports; generated in {time.perf_counter() - started:.1f} s"
    )


class Province:
    def __init__(self, rng, programmes, communes, today):
        self.rng, self.wanted, self.communes_wanted, self.today = rng, programmes, communes, today

    def build(self):
        load_province(PROVINCE)
        self.unit = AdministrativeUnit.objects.get(name=f"Tỉnh {PROVINCE}")
        self.bodies = {a.short_name or a.name: a for a in Agency.objects.filter(unit=self.unit)}
        self.make_communes()
        self.make_programmes()
        self.make_accounts()
        self.make_reports()

    def make_communes(self):
        units = AdministrativeUnit.objects.bulk_create(
            AdministrativeUnit(
                name=f"{'Phường' if i % 4 == 0 else 'Xã'} Thử {i:03}",
                place_name=f"Thử {i:03}",
                kind=AdministrativeUnit.Kind.COMMUNE,
                parent=self.unit,
            )
            for i in range(1, self.communes_wanted + 1)
        )
        units = list(AdministrativeUnit.objects.filter(parent=self.unit).order_by("name"))
        rows = []
        for unit in units:
            for kind, prefix, short in (
                (Agency.Kind.COMMITTEE, "Ủy ban nhân dân", "UBND"),
                (Agency.Kind.MILITARY, "Ban Chỉ huy quân sự", "Ban CHQS"),
            ):
                name = f"{prefix} {unit.name.lower().replace('thử', 'Thử')}"
                rows.append(
                    Agency(
                        name=name,
                        short_name=short,
                        kind=kind,
                        unit=unit,
                        oversees_unit=True,
                        folded_name=fold_name(name),
                    )
                )
        Agency.objects.bulk_create(rows, batch_size=BATCH)
        self.communes = [(unit, *unit.agencies.order_by("kind")) for unit in units]  # (unit, committee, military)

    def make_programmes(self):
        command = self.bodies["Bộ CHQS tỉnh"]
        departments = [a for a in self.bodies.values() if a.kind == Agency.Kind.DEPARTMENT]
        province = self.programme("100/KH-UBND", self.unit, command, None, departments + [command])
        self.province_tasks = list(province.sections.get().tasks.order_by("position"))
        count = self.wanted - 1
        plans = departments[: min(DEPARTMENT_PLANS, count // 10)]  # a tenth: most plans are the communes'
        for i, department in enumerate(plans, 1):
            self.programme(f"{i}/KH-S", self.unit, department, province, [department])
        for i, (unit, committee_x, military_x) in enumerate(self.communes[: count - len(plans)], 1):
            self.programme(f"{i}/KH-UBND", unit, military_x, province, [committee_x, military_x])

    def programme(self, number, unit, coordinator, parent, leads):
        rng = self.rng
        programme = Programme.objects.create(
            kind="Kế hoạch",
            number=number,
            title=f"Kế hoạch thực hiện công tác phòng thủ dân sự năm {self.today.year} ({unit.name})",
            issuer=f"Ủy ban nhân dân {unit.name.lower()}",
            year=self.today.year,
            issued_on=datetime.date(self.today.year - 1, 3, 1),
            unit=unit,
            coordinating_agency=coordinator,
            parent=parent,
        )
        section = Section.objects.create(programme=programme, position=1, numeral="I", title="Nhiệm vụ cụ thể")
        tasks = []
        for position in range(1, TASKS_EACH + 1):
            recurring = position > 2 and rng.random() < 0.15
            task = Task(
                section=section,
                position=position,
                number=str(position),
                content=f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)} {rng.choice(SCOPES)}",
                deliverable=rng.choice(DELIVERABLES),
                lead_as_written="",
                schedule_kind=ScheduleKind.ONGOING if recurring else ScheduleKind.DUE_DATE,
                due_on=None if recurring else self.due(position),
                timeframe_as_written=["Thường xuyên" if recurring else "Năm nay"],
                parent_task=self.province_tasks[position - 1] if parent else None,
            )
            task.index_words()
            tasks.append(task)
        tasks = Task.objects.bulk_create(tasks)
        if not all(t.pk for t in tasks):
            tasks = list(section.tasks.order_by("position"))
        Assignment.objects.bulk_create(
            Assignment(task=t, agency=rng.choice(leads), role=Assignment.Role.LEAD, position=1) for t in tasks
        )
        return programme

    def due(self, position):
        """A deadline around today; the first two of every plan due soon and overdue, whatever the size, so that the
        pages' lists of both have rows (an empty list costs its page no prefetch query)."""
        days = {1: 10, 2: -10}.get(position) or self.rng.randint(-300, 300)
        return self.today + datetime.timedelta(days=days)

    def make_reports(self):
        """One to three reports per task over the past four quarters; a tenth of the communes never report."""
        rng, reports = self.rng, []
        silent = {unit.pk for unit, *_agencies in self.communes[::10]}
        tasks = (
            Task.objects.filter(Q(section__programme__unit=self.unit) | Q(section__programme__unit__parent=self.unit))
            .exclude(section__programme__unit__in=silent)
            .prefetch_related("assignments")
        )
        quarter = quarter_of(self.today)
        for task in tasks:
            lead = task.assignments.all()[0].agency
            for _i in range(rng.randint(0, 3)):
                day = self.today - datetime.timedelta(days=rng.randint(0, 360))
                done = rng.random() < 0.25
                reports.append(
                    ProgressReport(
                        task=task,
                        agency=lead,
                        author=self.author_of[lead.pk],
                        reported_on=max(day, quarter.start - datetime.timedelta(days=360)),
                        status=Progress.DONE if done else Progress.IN_PROGRESS,
                        percent=100 if done else rng.randint(10, 90),
                        completed_on=day if done else None,
                        result=rng.choice(RESULTS),
                        sets_status=True,
                    )
                )
        ProgressReport.objects.bulk_create(reports, batch_size=BATCH)

    def make_accounts(self):
        """tinh_lanhdao, tinh_chqs; per commune xaNNN_lanhdao, xaNNN_chqs and officers; one hashed password."""
        plan = [
            ("tinh_lanhdao", LEADERSHIP, self.bodies["UBND tỉnh"]),
            ("tinh_chqs", COMMAND_STAFF, self.bodies["Bộ CHQS tỉnh"]),
        ]
        for i, (_unit, committee, military) in enumerate(self.communes, 1):
            plan += [(f"xa{i:03}_lanhdao", LEADERSHIP, committee), (f"xa{i:03}_chqs", COMMAND_STAFF, military)]
            agencies = (committee, military) * OFFICERS_EACH
            plan += [(f"xa{i:03}_canbo{j}", OFFICER, agency) for j, agency in enumerate(agencies[:OFFICERS_EACH], 1)]
        bodies = [body for body in self.bodies.values() if body.kind != Agency.Kind.GROUP]
        for k, body in enumerate(bodies, 1):
            plan += [(f"tinh_coquan{k:02}_{j}", OFFICER, body) for j in range(1, 6)]
        User = get_user_model()
        password = make_password(PASSWORD)
        users = User.objects.bulk_create(User(username=name, password=password) for name, _role, _agency in plan)
        if not all(u.pk for u in users):
            users = list(User.objects.filter(username__in=[name for name, *_rest in plan]).order_by("pk"))
        groups = {g.name: g for g in Group.objects.all()}
        User.groups.through.objects.bulk_create(
            User.groups.through(user=u, group=groups[role]) for u, (_n, role, _a) in zip(users, plan, strict=True)
        )
        Profile.objects.bulk_create(Profile(user=u, agency=a) for u, (_n, _r, a) in zip(users, plan, strict=True))
        self.author_of = {a.pk: u for u, (_n, role, a) in zip(users, plan, strict=True) if role == OFFICER}
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@example.invalid", PASSWORD)


def pages():
    """(label, username, url) of the provincial pages and the admin's changelist of the same tasks."""
    unit = AdministrativeUnit.objects.get(name=f"Tỉnh {PROVINCE}")
    province = Programme.objects.get(unit=unit, parent=None)
    listed = [
        ("dashboard, the province's programme", "tinh_lanhdao", f"/?programme={province.pk}"),
        ("task list as provincial leadership", "tinh_lanhdao", "/tasks/"),
        ("task list as a commune's leadership", "xa002_lanhdao", "/tasks/"),
        ("admin changelist", "admin", "/admin/tasks/task/"),
    ]
    for label, name, args, query in (
        ("consolidated dashboard of the province", "reports:unit", [unit.pk], ""),
        (
            "consolidated report preview",
            "reports:index",
            [],
            f"?unit={unit.pk}&period={quarter_of(timezone.localdate()).key}&cutoff_rule=calendar",
        ),
    ):
        try:
            listed.append((label, "tinh_lanhdao", reverse(name, args=args) + query))
        except NoReverseMatch:
            print(f"(no page {name} yet: {label} not measured)")
    return listed


def measure(runs):
    User = get_user_model()
    clients = {}
    rows = []
    for label, username, url in pages():
        if username not in clients:
            clients[username] = Client(headers=PROXIED)
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        rows.append((label, username, url, len(queries), []))
    for _run in range(runs):
        for _label, username, url, _queries, walls in rows:
            started = time.perf_counter()
            clients[username].get(url)
            walls.append((time.perf_counter() - started) * 1000)
    return rows


def report(rows):
    print(f"{'page':42} {'user':14} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for label, username, _url, queries, walls in rows:
        p95 = statistics.quantiles(walls, n=20)[-1] if len(walls) > 1 else walls[0]
        print(f"{label:42} {username:14} {queries:>7} {statistics.median(walls):>10.1f} {p95:>8.1f}")


def child(database, *arguments):
    env = {**os.environ, "DATABASE_URL": database}
    done = subprocess.run([sys.executable, __file__, *arguments], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(arguments)} failed:\n{done.stderr}")
    return done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", choices=["generate", "measure", "counts"])
    parser.add_argument("--programmes", type=int, default=100)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    override_settings(
        STORAGES={
            **django.conf.settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    if args.command == "generate":
        generate(args.programmes, args.communes, args.seed)
    elif args.command == "measure":
        report(measure(args.runs))
    elif args.command == "counts":
        print(json.dumps({label: queries for label, _u, _url, queries, _w in measure(0)}))
    else:
        compare(args)


def compare(args):
    """Both sizes on throw-away SQLite databases: the big one timed, the query counts of both side by side."""
    folder = Path(tempfile.mkdtemp(prefix="ptds-province-"))
    try:
        small, big = (f"sqlite:///{folder / f'{n}.sqlite3'}" for n in (10, args.programmes))
        communes = ("--communes", str(args.communes))
        print(child(small, "generate", "--programmes", "10", *communes), end="")
        print(child(big, "generate", "--programmes", str(args.programmes), *communes), end="")
        print(child(big, "measure", "--runs", str(args.runs)), end="")
        few = json.loads(child(small, "counts").splitlines()[-1])
        many = json.loads(child(big, "counts").splitlines()[-1])
        print(f"\nQueries with 10 and with {args.programmes} programmes:")
        for label, count in few.items():
            verdict = "same" if count == many[label] else "DIFFERENT"
            print(f"  {label:42} {count:>3} vs {many[label]:>3}: {verdict}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
