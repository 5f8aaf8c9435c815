"""Producing a report's file: directly for small reports, on a background thread for large ones."""

import logging
import threading

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from tasks.models import Task
from tasks.periods import parse_period

from .content import gather
from .excel import render_xlsx
from .models import ProducedReport
from .pdf import render_pdf, report_html

logger = logging.getLogger(__name__)


def _progress(report, percent):
    report.progress, report.state = percent, ProducedReport.State.RUNNING
    report.save(update_fields=["progress", "state"])


def produce(report):
    """Gather, render and keep the report's file. A failure is recorded on the report, never raised.

    The tasks are those the report's author may see; all of them for a report made by progress_report.
    """
    _progress(report, 5)
    tasks = Task.objects.visible_to(report.created_by) if report.created_by else Task.objects.current()
    try:
        content = gather(
            tasks,
            report.programme,
            parse_period(report.period_key),
            (report.window_start, report.window_end),
            agency=report.agency,
            section=report.section,
            number=report.number,
            report_date=report.report_date,
            proposals=report.proposals,
        )
        report.row_count = content.row_count
        _progress(report, 20)
        if report.format == ProducedReport.Format.PDF:
            html = report_html(content)
            _progress(report, 40)
            data = render_pdf(content, html)
        else:
            data = render_xlsx(content, on_progress=lambda done: _progress(report, 20 + int(75 * done)))
        report.file.save(report.download_name, ContentFile(data), save=False)
        report.size, report.progress, report.state = len(data), 100, ProducedReport.State.DONE
    except Exception:  # the user sees a failed report and can try again; the log has the cause
        logger.exception("Report %s failed", report.pk)
        report.state = ProducedReport.State.FAILED
        report.error = _("Không lập được báo cáo do lỗi của hệ thống. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên.")
    report.finished_at = timezone.now()
    report.save()
    return report


def _run_in_background(report_pk):
    try:
        produce(ProducedReport.objects.select_related("created_by").get(pk=report_pk))
    finally:
        connection.close()  # the thread's own connection


def start_in_background(report):
    """Produce on a thread of the web process; the report page shows its progress."""
    thread = threading.Thread(target=_run_in_background, args=[report.pk], name=f"report-{report.pk}", daemon=True)
    thread.start()
    return thread
