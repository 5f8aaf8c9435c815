"""Heavy work off the web process: Django's tasks framework (the django-tasks backport of Django 6.0's
`django.tasks`) with its database backend, so jobs are rows and any number of `manage.py db_worker` processes on
any number of machines take them.

What the framework leaves to us lives here, once for every job of the portal:
- `job`: a task with a time limit (an unforeseen slow input cannot hold a worker for ever) and bounded retries;
- `enqueue`: a bound per person and for the whole queue, refused with a message instead of an endless queue;
- `reap`: a job whose worker died (SIGKILL, a lost machine) is taken again, or failed when out of attempts;
- `tick`: the scheduled work (reaping, the commands of PTDS_SCHEDULE), a job that enqueues its own next run.
"""

import functools
import logging
import signal
import threading
import uuid
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

PENDING = [TaskResultStatus.READY, TaskResultStatus.RUNNING]


class JobTimeout(BaseException):
    """The job ran past PTDS_JOB_SECONDS. A BaseException, so that no reader's `except Exception` swallows it."""

    def __init__(self, seconds):
        super().__init__(f"The job ran past its time limit of {seconds} s")
        self.seconds = seconds


class WorkerLost(Exception):
    """The worker running the job stopped answering (killed, or its machine lost) and no attempt is left."""


class QueueFull(Exception):
    """Too many jobs waiting, the person's own or everyone's; the message says which and what to do."""


@contextmanager
def time_limit(seconds):
    """Raise JobTimeout in the job after `seconds` (a worker runs its jobs on its main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise JobTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _again(result_id, delay):
    """A copy of the job, ready after `delay`, that keeps its worker ids: its attempts go on counting."""
    row = DBTaskResult.objects.get(id=result_id)
    return DBTaskResult.objects.create(
        id=uuid.uuid4(),
        args_kwargs=row.args_kwargs,
        priority=row.priority,
        task_path=row.task_path,
        queue_name=row.queue_name,
        backend_name=row.backend_name,
        run_after=timezone.now() + delay,
        worker_ids=row.worker_ids,
    )


def job(function):
    """A task of the portal: stopped after PTDS_JOB_SECONDS; an unexpected error is tried again, up to
    PTDS_JOB_ATTEMPTS attempts in all, a minute apart. The function's own refusals (bad input) are its results,
    not errors. A final failure reaches `task_finished` receivers, which record it where the person looks."""

    def run(context, *args, **kwargs):
        with time_limit(settings.PTDS_JOB_SECONDS):
            try:
                return function(*args, **kwargs)
            except Exception:
                if context.attempt >= settings.PTDS_JOB_ATTEMPTS:
                    raise
                logger.exception("Job %s failed (attempt %d); trying again", context.task_result.id, context.attempt)
                _again(context.task_result.id, timedelta(seconds=settings.PTDS_JOB_RETRY_SECONDS))
                return "retried"

    functools.update_wrapper(run, function)  # its name: the job's row names the function to import
    del run.__wrapped__  # and its own signature, which the framework checks for `context`
    return task(run, takes_context=True)


def enqueue(job_task, *args, owner):
    """Queue the job for `owner` (a user, passed to it as `owner=pk`), inside the caller's transaction.

    QueueFull when the person already has PTDS_JOBS_PER_USER jobs waiting or running, or the whole queue holds
    PTDS_QUEUE_LIMIT. The person's row is locked meanwhile (PostgreSQL; SQLite writes one at a time anyway), so
    two requests at once cannot both take the last place.
    """
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
        pending = DBTaskResult.objects.filter(status__in=PENDING)
        if pending.filter(args_kwargs__kwargs__owner=owner.pk).count() >= settings.PTDS_JOBS_PER_USER:
            raise QueueFull(
                _(
                    "Anh/chị đang có %(count)d việc chờ xử lý (báo cáo, tệp đang đọc hay đang lưu). Hãy đợi chúng "
                    "xong rồi gửi thêm."
                )
                % {"count": settings.PTDS_JOBS_PER_USER}
            )
        if pending.count() >= settings.PTDS_QUEUE_LIMIT:
            raise QueueFull(_("Hệ thống đang có quá nhiều việc chờ xử lý. Hãy thử lại sau ít phút."))
        return job_task.enqueue(*args, owner=owner.pk)


def failed_because(task_result):
    """Why a finished job failed, as the person is told it: its time limit, a lost worker, or an error."""
    path = task_result.errors[-1].exception_class_path if task_result.errors else ""
    if path.endswith(".JobTimeout"):
        return _(
            "Việc này cần quá %(seconds)d giây nên đã bị dừng. Nếu là tệp tải lên, hãy kiểm tra tệp (có thể quá lớn "
            "hoặc hỏng); nếu là báo cáo, hãy thu hẹp phạm vi hoặc báo quản trị viên."
        ) % {"seconds": settings.PTDS_JOB_SECONDS}
    if path.endswith(".WorkerLost"):
        return _(
            "Tiến trình xử lý bị dừng đột ngột nhiều lần khi làm việc này. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên."
        )
    return _("Không làm xong do lỗi của hệ thống. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên.")


def reap(now=None):
    """Jobs left running past their time limit (their worker died): taken again, or failed with no attempt left."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.PTDS_JOB_SECONDS + settings.PTDS_JOB_GRACE_SECONDS)
    reaped = 0
    with transaction.atomic():
        for row in DBTaskResult.objects.running().filter(started_at__lt=limit).select_for_update(skip_locked=True):
            reaped += 1
            if len(row.worker_ids) < settings.PTDS_JOB_ATTEMPTS:
                logger.warning("Job %s lost its worker %s; queued again", row.id, row.worker_ids[-1:])
                row.status, row.run_after = TaskResultStatus.READY, now
                row.save(update_fields=["status", "run_after"])
            else:
                logger.error("Job %s lost its worker %s; no attempt left", row.id, row.worker_ids[-1:])
                row.set_failed(WorkerLost(f"No answer from worker {row.worker_ids[-1:]}"))
                transaction.on_commit(functools.partial(_finished, row.pk))
    return reaped


def _finished(result_id):
    task_finished.send(sender=DatabaseBackend, task_result=DBTaskResult.objects.get(id=result_id).task_result)


@task()
def run_command(name):
    """One command of PTDS_SCHEDULE (they are written to be run again safely); what it printed goes to the log."""
    output = StringIO()
    call_command(name, stdout=output, stderr=output)
    logger.info("%s: %s", name, output.getvalue().strip())


def _due(name, every, now):
    runs = DBTaskResult.objects.filter(task_path=run_command.module_path, args_kwargs__args=[name])
    if runs.filter(status__in=PENDING).exists():
        return False
    last = runs.exclude(finished_at=None).order_by("-finished_at").values_list("finished_at", flat=True).first()
    return last is None or last <= now - timedelta(seconds=every)


@task(takes_context=True)
def tick(context):
    """Reap lost jobs, queue the scheduled commands that are due, and queue the next tick."""
    now = timezone.now()
    reap(now)
    for name, every, from_hour in settings.PTDS_SCHEDULE:
        if timezone.localtime(now).hour >= from_hour and _due(name, every, now):
            run_command.enqueue(name)
    schedule_tick(now + timedelta(seconds=settings.PTDS_TICK_SECONDS), this_tick=context.task_result.id)


def schedule_tick(when=None, this_tick=None):
    """One tick waiting at a time: a second worker starting, or a tick running late, adds none."""
    ticks = DBTaskResult.objects.filter(task_path=tick.module_path).exclude(id=this_tick)
    alive = timezone.now() - timedelta(seconds=settings.PTDS_JOB_SECONDS)
    if (
        not ticks.filter(status=TaskResultStatus.READY).exists()
        and not ticks.running().filter(started_at__gt=alive).exists()
    ):
        tick.using(run_after=when or timezone.now()).enqueue()
