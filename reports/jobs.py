"""Producing a report's file, as a job that a worker (`manage.py db_worker`) takes: never on the web process."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from ptds import jobs
from tasks.models import Task
from tasks.periods import parse_period

from .consolidated import gather_unit
from .content import gather, tasks_in_scope
from .excel import render_unit_xlsx, render_xlsx
from .models import ProducedReport
from .pdf import render_pdf, report_html, unit_report_html
from .scores import score


def _progress(report, percent):
    report.progress, report.state = percent, ProducedReport.State.RUNNING
    report.save(update_fields=["progress", "state"])


def produce(report):
    """Gather, render and keep the report's file. An error is raised: the job tries again, the command says so.

    The tasks are those the report's author may see; all of them for a report made by progress_report.
    """
    _progress(report, 5)
    tasks = Task.objects.visible_to(report.created_by) if report.created_by else Task.objects.current()
    period, window = parse_period(report.period_key), (report.window_start, report.window_end)
    document = {"number": report.number, "report_date": report.report_date, "proposals": report.proposals}
    if report.unit_id:
        content = gather_unit(tasks, report.unit, period, window, report.appendix, report.created_by, **document)
        to_html, to_xlsx = unit_report_html, render_unit_xlsx
    else:
        scope = {"agency": report.agency, "section": report.section, "directives": report.with_directives}
        content = gather(tasks, report.programme, period, window, **scope, **document)
        to_html, to_xlsx = report_html, render_xlsx
        if report.with_scores:
            scoped = tasks_in_scope(tasks, report.programme, report.agency, report.section, as_of=window[1])
            content.scores = score(scoped, period, window)
    report.row_count = content.row_count
    _progress(report, 20)
    if report.format == ProducedReport.Format.PDF:
        html = to_html(content)
        _progress(report, 40)
        data = render_pdf(content, html)
    else:
        data = to_xlsx(content, on_progress=lambda done: _progress(report, 20 + int(75 * done)))
    report.file.save(report.download_name, ContentFile(data), save=False)
    report.size, report.progress, report.state = len(data), 100, ProducedReport.State.DONE
    report.finished_at = timezone.now()
    report.save()
    return report


@jobs.job
def produce_report(report_pk, owner=None):
    report = ProducedReport.objects.select_related("created_by", "programme", "unit", "agency", "section").get(
        pk=report_pk
    )
    if report.state != ProducedReport.State.DONE:  # a retry after the file was kept
        produce(report)


def request(report_form, report_format):
    """The report the form asks for, queued; or the same one already queued or running (one job, one file).

    QueueFull (ptds.jobs) when the person or the portal has too many jobs waiting: nothing is written then.
    """
    report = report_form.new_report(report_format)
    same = ProducedReport.objects.active().filter(fingerprint=report.fingerprint)
    try:
        with transaction.atomic():
            if existing := same.first():
                return existing
            report.save()
            jobs.enqueue(produce_report, report.pk, owner=report.created_by)
    except IntegrityError:  # the same request, saved by a second click meanwhile
        return same.get()
    return report


@receiver(task_finished)
def record_failure(sender, task_result, **kwargs):
    """A report whose job failed for good says why on its page."""
    if task_result.status != TaskResultStatus.FAILED or task_result.task.module_path != produce_report.module_path:
        return
    ProducedReport.objects.filter(pk=task_result.args[0]).exclude(state=ProducedReport.State.DONE).update(
        state=ProducedReport.State.FAILED, error=jobs.failed_because(task_result), finished_at=timezone.now()
    )
