"""The other side of tests/test_worker_process.py: run as `python -m tests.worker_process STEP ...` with the live
database in DATABASE_URL, it prepares that database, asks for a report as a person would, and says how things stand.

    prepare TASKS        migrate, seed, and TASKS more tasks in the city programme
    request FORMAT       a report of the city programme asked for by lanhdao (queued, as the page queues it)
    age SECONDS          every running job started SECONDS earlier (time passing while nobody looks)
"""

import os
import sys
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptds.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from ptds.jobs import enqueue  # noqa: E402
from reports.jobs import produce_report  # noqa: E402
from reports.models import ProducedReport  # noqa: E402
from tasks.models import Programme  # noqa: E402
from tasks.periods import parse_period  # noqa: E402
from tests.views.conftest import CITY, synthetic_tasks, user  # noqa: E402


def prepare(count):
    call_command("migrate", verbosity=0)
    call_command("seed", "--demo-users", verbosity=0)
    with transaction.atomic():
        synthetic_tasks(int(count))


def request(report_format):
    asker = user("lanhdao")
    report = ProducedReport.begin(
        Programme.objects.get(number=CITY),
        parse_period("2025-Q4"),
        "calendar",
        report_format,
        created_by=asker,
        report_date=timezone.localdate(),
    )
    with transaction.atomic():
        report.save()
        enqueue(produce_report, report.pk, owner=asker)
    print(report.pk)


def age(seconds):
    running = DBTaskResult.objects.running()
    running.update(started_at=F("started_at") - timedelta(seconds=float(seconds)))


if __name__ == "__main__":
    {"prepare": prepare, "request": request, "age": age}[sys.argv[1]](*sys.argv[2:])
