"""Report jobs on one worker against two: how long queued PDF reports of a large programme take to be made.

In a throw-away SQLite database (bench/reports.py's synthetic programme of --tasks tasks, built first), it queues
the PDF report of that programme --reports times over (as separate requests: different report numbers), starts
1 then 2 `manage.py db_worker` processes, and prints the wall time from the first job taken to the last report done.
A report is one job: two workers make two reports side by side, not one report twice as fast (a report is not split
into parts). Not a test.

    .venv/bin/python bench/workers.py [--tasks 2000] [--reports 1 2]

A quick check of the script itself (tests/test_bench_scripts.py): --tasks 5 --reports 2.
"""

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
MEDIA = Path(tempfile.mkdtemp(prefix="ptds-bench-media-"))  # the report files, thrown away with the database
os.environ["DJANGO_MEDIA_ROOT"] = str(MEDIA)
# bench/reports.py makes the throw-away database (its module sets DATABASE_URL and Django up); loaded under
# another name than the portal's reports app.
_spec = importlib.util.spec_from_file_location("bench_reports", Path(__file__).resolve().parent / "reports.py")
bench_reports = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_reports)

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from ptds.jobs import enqueue  # noqa: E402
from reports.jobs import produce_report  # noqa: E402
from reports.models import ProducedReport  # noqa: E402
from tasks.models import Programme, Task  # noqa: E402
from tasks.periods import parse_period  # noqa: E402
from tasks.roles import LEADERSHIP  # noqa: E402


def queue(programme, count, asker):
    """`count` reports of the programme, queued as the report page queues them (numbers 1..count)."""
    with transaction.atomic():
        for number in range(1, count + 1):
            report = ProducedReport.begin(
                programme,
                parse_period(bench_reports.PERIOD),
                "calendar",
                "pdf",
                created_by=asker,
                number=str(number),
                report_date=timezone.localdate(),
            )
            report.save()
            enqueue(produce_report, report.pk, owner=asker)


def run(workers, count, programme, asker, programme_tasks):
    ProducedReport.objects.all().delete()
    DBTaskResult.objects.all().delete()
    queue(programme, count, asker)
    env = {**os.environ, "PTDS_JOBS_PER_USER": str(count)}
    command = [sys.executable, ROOT / "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.05"]
    started = time.perf_counter()
    processes = [
        subprocess.Popen([*command, "--no-reload", "--batch"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        for _i in range(workers)
    ]
    for process in processes:
        process.wait()
    seconds = time.perf_counter() - started
    states = sorted(ProducedReport.objects.values_list("state", "row_count"))
    if states != [("done", programme_tasks)] * count:  # every report done, and with every task in its appendix
        sys.exit(f"{workers} worker(s), {count} report(s) of {programme_tasks} tasks: {states}")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--reports", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    try:
        bench_reports.build([args.tasks])
        programme = Programme.objects.get(number=bench_reports.programme_number(args.tasks))
        # Leadership, who ask for reports and see every task (a report holds the tasks its author may see).
        asker = get_user_model().objects.get(username="bench")
        asker.groups.add(Group.objects.get_or_create(name=LEADERSHIP)[0])
        programme_tasks = Task.objects.filter(section__programme=programme).count()
        print(
            f"PDF reports of a {args.tasks}-task programme by db_worker processes ({os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, SQLite); wall time from start to the last report done"
        )
        print(f"\n| {'reports':>7} | {'1 worker s':>10} | {'2 workers s':>11} | {'2 / 1':>5} |")
        print(f"|{'-' * 8}:|{'-' * 11}:|{'-' * 12}:|{'-' * 6}:|")
        for count in args.reports:
            one, two = (run(workers, count, programme, asker, programme_tasks) for workers in (1, 2))
            print(f"| {count:>7} | {one:>10.1f} | {two:>11.1f} | {two / one:>5.2f} |")
    finally:
        shutil.rmtree(bench_reports.DB.parent, ignore_errors=True)
        shutil.rmtree(MEDIA, ignore_errors=True)


if __name__ == "__main__":
    main()
