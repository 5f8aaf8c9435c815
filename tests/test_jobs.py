"""The job plumbing of ptds/jobs.py, run by the real worker (`db_worker --batch`) in this process: bounded retries,
the time limit, lost workers taken over, the schedule; and the retention of produced reports."""

import datetime
import time
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ptds import jobs
from reports.models import ProducedReport

from .views.conftest import queued_report, user

FAILURES = {"left": 0}


@jobs.job
def fails_at_first(owner=None):
    """Fails while FAILURES["left"] says so (a disk that was full, a database that restarted)."""
    if FAILURES["left"]:
        FAILURES["left"] -= 1
        raise RuntimeError("the disk is full")
    return "done"


@jobs.job
def sleeps(seconds, owner=None):
    time.sleep(seconds)


def user_for_jobs():
    return get_user_model().objects.get_or_create(username="nguoi-gui")[0]


@pytest.fixture
def quick_retries(settings):
    settings.PTDS_JOB_RETRY_SECONDS = 0
    settings.PTDS_JOB_ATTEMPTS = 3


def rows(job_task):
    return DBTaskResult.objects.filter(task_path=job_task.module_path).order_by("enqueued_at")


def test_an_unexpected_error_is_tried_again(db, quick_retries, run_jobs):
    FAILURES["left"] = 2
    jobs.enqueue(fails_at_first, owner=user_for_jobs())
    run_jobs()
    attempts = list(rows(fails_at_first))
    assert [row.status for row in attempts] == ["SUCCESSFUL", "SUCCESSFUL", "SUCCESSFUL"]
    assert [row.return_value for row in attempts] == ["retried", "retried", "done"]
    assert [len(row.worker_ids) for row in attempts] == [1, 2, 3]  # the attempts go on counting


def test_retries_are_bounded(db, quick_retries, run_jobs):
    FAILURES["left"] = 10
    jobs.enqueue(fails_at_first, owner=user_for_jobs())
    run_jobs()
    assert [row.status for row in rows(fails_at_first)] == ["SUCCESSFUL", "SUCCESSFUL", "FAILED"]
    assert FAILURES["left"] == 7
    assert rows(fails_at_first).last().exception_class_path == "builtins.RuntimeError"


def test_a_job_past_its_time_limit_is_stopped_and_says_why(db, settings, run_jobs):
    settings.PTDS_JOB_SECONDS = 1
    jobs.enqueue(sleeps, 30, owner=user_for_jobs())
    started = time.monotonic()
    run_jobs()
    assert time.monotonic() - started < 10
    row = rows(sleeps).get()
    assert (row.status, row.exception_class_path) == ("FAILED", "ptds.jobs.JobTimeout")  # not retried
    assert "cần quá 1 giây nên đã bị dừng" in jobs.failed_because(row.task_result)


def lost(started_minutes_ago, attempts):
    """The report's job, as a worker that died left it."""
    started = timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=started, worker_ids=["w"] * attempts)
    ProducedReport.objects.update(state=ProducedReport.State.RUNNING, progress=40)


def test_a_job_whose_worker_died_is_taken_again(seeded, settings, run_jobs):
    report = queued_report()
    lost(started_minutes_ago=settings.PTDS_JOB_SECONDS / 60 - 1, attempts=1)
    assert jobs.reap() == 0  # still within its time limit: its worker may be working
    lost(started_minutes_ago=settings.PTDS_JOB_SECONDS / 60 + 2, attempts=1)
    assert jobs.reap() == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY
    run_jobs()
    report.refresh_from_db()
    assert report.state == ProducedReport.State.DONE
    assert len(DBTaskResult.objects.get().worker_ids) == 2


def test_a_job_whose_worker_died_with_no_attempt_left_fails_clearly(
    seeded, settings, django_capture_on_commit_callbacks
):
    report = queued_report()
    lost(started_minutes_ago=settings.PTDS_JOB_SECONDS / 60 + 2, attempts=settings.PTDS_JOB_ATTEMPTS)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.reap() == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    report.refresh_from_db()
    assert report.state == ProducedReport.State.FAILED
    assert "bị dừng đột ngột" in report.error


def test_the_tick_runs_what_is_due_and_queues_itself_once(db, settings, run_jobs):
    settings.PTDS_SCHEDULE = [("clean_drafts", 3600, 0)]
    jobs.schedule_tick()
    jobs.schedule_tick()  # a second worker starting: still one tick
    assert rows(jobs.tick).count() == 1
    run_jobs()
    ticks = list(rows(jobs.tick))
    assert [t.status for t in ticks] == ["SUCCESSFUL", "READY"]
    assert ticks[1].run_after > timezone.now() + datetime.timedelta(seconds=settings.PTDS_TICK_SECONDS - 10)
    assert [r.status for r in rows(jobs.run_command)] == ["SUCCESSFUL"]
    jobs.schedule_tick()
    assert rows(jobs.tick).count() == 2  # the waiting one is enough
    DBTaskResult.objects.filter(task_path=jobs.tick.module_path, status="READY").update(run_after=timezone.now())
    run_jobs()
    assert rows(jobs.run_command).count() == 1  # ran within the hour: not due again


def test_old_report_files_are_deleted_and_the_record_says_so(seeded, run_jobs, client):
    report = queued_report()
    run_jobs()
    report.refresh_from_db()
    name = report.file.name
    assert report.file.storage.exists(name)
    ProducedReport.objects.update(created_at=timezone.now() - datetime.timedelta(days=400))
    out = StringIO()
    call_command("prune_reports", "--dry-run", stdout=out)
    assert "Sẽ xoá tệp của 1 báo cáo" in out.getvalue() and report.file.storage.exists(name)
    call_command("prune_reports", stdout=StringIO())
    report.refresh_from_db()
    assert not report.file.storage.exists(name) and report.file_removed_at
    client.force_login(user("lanhdao"))
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
    assert "đã được xoá" in client.get(report.get_absolute_url()).content.decode()
