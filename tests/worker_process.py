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
from django_tasks_db.models import DBTaskResult  # noqa: E402

from tests.views.conftest import queued_report, synthetic_tasks  # noqa: E402


def prepare(count):
    call_command("migrate", verbosity=0)
    call_command("seed", "--demo-users", "--without-province", verbosity=0)
    with transaction.atomic():
        synthetic_tasks(int(count))


def request(report_format):
    with transaction.atomic():
        print(queued_report(report_format).pk)


def age(seconds):
    running = DBTaskResult.objects.running()
    running.update(started_at=F("started_at") - timedelta(seconds=float(seconds)))


if __name__ == "__main__":
    {"prepare": prepare, "request": request, "age": age}[sys.argv[1]](*sys.argv[2:])
