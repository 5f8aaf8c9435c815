""" "Việc của tôi": an agency's tasks by urgency, and reporting on them offline through the Excel sheet."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ptds.jobs import QueueFull

from .. import access, offline, roles
from ..forms.progress import ProgressUploadForm
from ..jobs import NO_VALID_ROWS, request_reading, request_saving
from ..models import ExtensionRequest, ImportDraft, ProgressReport, Task, ThreadEntry
from ..sheet_rows import check_rows, reportable
from ..spreadsheet import xlsx_download
from ..status import DUE_SOON_LABEL, Status, StatusGroup
from .drafts import expired_drafts_answer_404, waiting_for

# Labels are lazy: this list is built at import time, the words are needed per request.
MY_GROUPS = [
    ("overdue", gettext_lazy("Quá hạn"), {Status.IN_PROGRESS_OVERDUE, Status.NOT_STARTED_OVERDUE}),
    ("due_soon", DUE_SOON_LABEL, None),
    (
        "in_progress",
        gettext_lazy("Đang, chưa thực hiện (trong hạn)"),
        {Status.IN_PROGRESS_ON_TIME, Status.NOT_STARTED_ON_TIME},
    ),
    ("awaiting", StatusGroup.AWAITING.label, set(StatusGroup.AWAITING.statuses)),
    ("ongoing", gettext_lazy("Thường xuyên, định kỳ"), {Status.ONGOING}),
    ("done", gettext_lazy("Đã hoàn thành"), {Status.DONE_ON_TIME, Status.DONE_LATE}),
]


@require_GET
def my_tasks(request):
    agency = access.require(roles.agency_of(request.user))  # staff and officers of an agency
    tasks = (
        Task.objects.visible_to(request.user)  # command staff: only the programmes their agency coordinates
        .assigned_to(agency)
        .with_lead_flag(agency)
        .with_status()
        .with_document()
        .order_by("section__programme", "section__position", "position")
    )
    due_soon = {t.pk for t in tasks.due_soon()}
    groups = {key: [] for key, _label, _statuses in MY_GROUPS}
    for task in tasks:
        task.may_report = access.reporting_role(request.user, task).may_report
        if task.pk in due_soon:
            groups["due_soon"].append(task)
            continue
        key = next(key for key, _label, statuses in MY_GROUPS if statuses and task.status in statuses)
        groups[key].append(task)
    sections = [(key, label, groups[key]) for key, label, _statuses in MY_GROUPS]
    reports_offline = access.officer_agency(request.user) is not None
    awaiting = ExtensionRequest.objects.awaiting(request.user).select_related("task__section", "agency")
    to_answer = ThreadEntry.objects.awaiting_reply(request.user)
    to_accept = ProgressReport.objects.awaiting_decision(request.user).select_related("task__section", "agency")
    context = {
        "agency": agency,
        "sections": sections,
        "reports_offline": reports_offline,
        "awaiting": awaiting,
        "to_answer": to_answer,
        "to_accept": to_accept,
    }
    return render(request, "tasks/my.html", context)


@require_GET
def my_template(request):
    """The officer's current tasks as an Excel sheet with the report columns to fill offline."""
    agency = access.require(access.officer_agency(request.user))  # reporting from a sheet is an officer's
    tasks = reportable(agency).order_by("section__programme", "section__position", "position")
    return xlsx_download(offline.write_template(tasks, agency), "bao-cao-tien-do")


@require_http_methods(["GET", "POST"])
def my_upload(request):
    """The filled sheet is read and kept as a draft for review; no report is saved yet."""
    access.require(access.officer_agency(request.user))
    form = ProgressUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = request_reading(ImportDraft.Kind.PROGRESS, form.cleaned_data["file"], request.user)
        except QueueFull as full:
            form.add_error("file", str(full))
            return render(request, "tasks/my_upload.html", {"form": form}, status=429)
        return redirect("tasks:my_upload_review", draft.pk)
    return render(request, "tasks/my_upload.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@expired_drafts_answer_404
def my_upload_review(request, pk):
    """Every row, what it will record and what is wrong with it; the valid rows are saved in one go on confirmation,
    by a worker (tasks/jobs.py save_draft) while this page waits."""
    agency = access.require(access.officer_agency(request.user))  # reporting from a sheet is an officer's
    draft = access.draft_or_404(request.user, pk, ImportDraft.Kind.PROGRESS, ImportDraft.objects.all())
    if draft.state != ImportDraft.State.READY:
        return waiting_for(request, draft)
    rows = check_rows(request.user, agency, draft.document.get("rows") or [])
    valid = [row for row in rows if row.valid]
    status = 200
    if request.method == "POST" and not valid:
        messages.error(request, NO_VALID_ROWS)
        status = 400
    elif request.method == "POST":
        try:
            request_saving(draft, {}, request.user)
        except QueueFull as full:
            messages.error(request, str(full))
            status = 429
        else:
            return redirect("tasks:my_upload_review", draft.pk)  # the page waits for the worker
    context = {"draft": draft, "agency": agency, "rows": rows, "valid": len(valid), "failed": len(rows) - len(valid)}
    return render(request, "tasks/my_upload_review.html", context, status=status)
