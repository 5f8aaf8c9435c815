"""The task list and its Excel export, a task's page, and what is done on it: assign, report, confirm, evidence."""

import datetime
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_tables2 import RequestConfig
from openpyxl import Workbook

from .. import access, rollup
from ..audit import audit_trail
from ..filters import TaskFilter
from ..forms.assignment import AssignmentForm, ChildProgrammeForm
from ..forms.extension import ExtensionDecisionForm
from ..forms.progress import ProgressForm
from ..models import Evidence, Task, ThreadEntry
from ..models.thread import with_open_flags
from ..periods import quarters_between
from ..search import SEARCHED
from ..spreadsheet import cell, xlsx_download
from ..status import AWAITING, Status
from ..tables import TaskTable
from .thread import entry_form

PAGE_SIZE = 50


MAX_PAGE_SIZE = 200


class CappedPaginator(Paginator):
    """?per_page= may ask for more rows per page, up to a bound the server can afford; below one, the default."""

    def __init__(self, object_list, per_page, **kwargs):
        per_page = int(per_page)
        super().__init__(object_list, min(per_page, MAX_PAGE_SIZE) if per_page > 0 else PAGE_SIZE, **kwargs)

    def _get_page(self, rows, number, paginator):
        # The page's ids in a subquery, then the status and the rest for those rows only: in one query, SQLite
        # computes every row's status before sorting and cutting (x2.5 on page 1 of 10,000 tasks, x7 on page 100).
        page = rows.data  # the table's rows, sliced to this page
        everything = page._chain()
        everything.query.clear_limits()
        rows.data = everything.filter(pk__in=page.values("pk"))
        return super()._get_page(rows, number, paginator)


def _filtered_tasks(request):
    # The search columns are matched in SQL, never shown: not read back (2 ms a page of 50).
    tasks = Task.objects.visible_to(request.user).with_status().with_document().defer(*SEARCHED.values())
    return TaskFilter(request.GET or None, queryset=tasks, request=request)


@require_GET
def task_list(request):
    task_filter = _filtered_tasks(request)
    tasks, search = task_filter.qs, task_filter.query
    # A search orders its own rows (tasks with the words side by side first); a column's sort still wins.
    table = TaskTable(tasks, order_by=() if len(search.all_words) > 1 else None, search=search)
    RequestConfig(request, paginate={"per_page": PAGE_SIZE, "paginator_class": CappedPaginator}).configure(table)
    context = {"filter": task_filter, "table": table, "managed_programme": _managed_programme(request, task_filter)}
    return render(request, "tasks/list.html", context)


def _managed_programme(request, task_filter):
    """The programme the list is filtered to, if the user manages it: the page then offers a subordinate plan."""
    programme = task_filter.form.cleaned_data.get("programme") if task_filter.form.is_valid() else None
    return programme if programme and access.may_manage(request.user, programme) else None


@require_GET
def task_export(request):
    task_filter = _filtered_tasks(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Nhiệm vụ"))
    headers = [
        _("Chương trình"),
        _("Mục"),
        _("TT"),
        _("Nội dung nhiệm vụ"),
        _("Cơ quan chủ trì"),
        _("Cơ quan phối hợp"),
        _("Thời gian thực hiện"),
        _("Hạn"),
        _("Sản phẩm"),
        _("Tình trạng"),
        _("%"),
    ]
    sheet.append([cell(sheet, h, bold=True) for h in headers])
    for task in task_filter.qs.order_by("section__programme", "section__position", "position"):
        sheet.append(
            [
                cell(sheet, task.section.programme.number),
                cell(sheet, task.section.numeral),
                cell(sheet, task.number),
                cell(sheet, task.content, wrap=True),
                cell(sheet, task.lead_as_written, wrap=True),
                cell(sheet, task.support_as_written, wrap=True),
                cell(sheet, "; ".join(c for c in task.timeframe_as_written if c)),
                cell(sheet, task.deadline, number_format="DD/MM/YYYY"),
                cell(sheet, task.deliverable, wrap=True),
                cell(sheet, task.status_label),
                cell(sheet, task.percent or 0),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return xlsx_download(buffer.getvalue(), "nhiem-vu")


@require_GET
def task_detail(request, pk):
    task = access.task_or_404(request.user, pk, archived=True)
    reports = task.progress_reports.select_related("agency", "author", "decided_by").prefetch_related("evidence")
    children = rollup.child_tasks(task, request.user)
    manages = access.may_manage_task(request.user, task)
    extensions = list(task.extension_requests.select_related("agency", "asked_by", "decided_by"))
    handovers = task.handovers.select_related("from_agency", "to_agency", "reorganisation")
    pending = next((e for e in extensions if e.is_pending), None)
    may_decide = pending and access.may_decide_extension(request.user, task)
    context = {
        "task": task,
        "back": _list_url(request),
        "reports": reports,
        "children": children,
        "children_line": rollup.summary_line(children),
        # An archived task is kept for the record: nothing more is assigned or reported on it.
        "can_manage": manages and not task.archived_at,
        "can_report": not task.archived_at and access.reporting_role(request.user, task).may_report,
        "periods": _period_rows(task, reports) if task.is_recurring else None,
        "extensions": extensions,
        "handovers": handovers,
        "can_request_extension": not pending and access.may_request_extension(request.user, task),
        "can_ask_completion": task.status not in FINISHED and access.may_ask_completion(request.user, task),
        "may_decide_completion": access.may_decide_completion(request.user, task),
        "decision_form": ExtensionDecisionForm(request=pending, user=request.user) if may_decide else None,
        "entries": with_open_flags(list(ThreadEntry.objects.of(task))),
        "thread_form": entry_form(request, task),
    }
    if manages:
        context["history"] = audit_trail(task)
    return render(request, "tasks/detail.html", context)


FINISHED = AWAITING | {Status.DONE_ON_TIME, Status.DONE_LATE}  # nothing more to send for acceptance


def _list_url(request):
    """The list the task was opened from, with its filters (?back=), if it is this site's task list."""
    back, listed = request.GET.get("back", ""), reverse("tasks:list")
    local = url_has_allowed_host_and_scheme(back, allowed_hosts=None)  # a path only: no host, no scheme
    return back if local and back.split("?")[0] == listed else listed


def _period_rows(task, reports):
    """Each quarter from the programme's start to today: reported on time, late, or not yet."""
    programme = task.section.programme
    start = programme.issued_on or datetime.date(programme.year, 1, 1)
    rows = []
    for period in quarters_between(start, timezone.localdate()):
        own = [r for r in reports if r.period == period.key and r.sets_status]  # newest first
        first = min(own, key=lambda r: r.reported_on, default=None)
        late = bool(first and first.reported_on > period.end)
        rows.append({"period": period, "report": first, "late": late, "latest": own[0] if own else None})
    return rows


@require_http_methods(["GET", "POST"])
def child_programme(request, pk):
    """Command staff draw up a subordinate level's plan from chosen tasks of a programme they coordinate."""
    parent = access.managed_programme(request.user, pk)
    form = ChildProgrammeForm(request.POST or None, parent=parent, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = form.save()
        except ValidationError as error:  # e.g. the same number saved meanwhile by someone else
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã tạo %(programme)s gồm %(count)d nhiệm vụ thực hiện %(parent)s.")
                % {"programme": programme, "count": len(form.cleaned_data["tasks"]), "parent": parent},
            )
            return redirect(f"{reverse('tasks:list')}?programme={programme.pk}")
    status = 400 if form.errors else 200
    return render(request, "tasks/child_programme.html", {"parent": parent, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def task_assign(request, pk):
    task = access.managed_task(request.user, pk)
    form = AssignmentForm(request.POST or None, task=task, user=request.user)
    return task_form_page(request, task, form, "tasks/assign.html", _("Đã lưu phân công nhiệm vụ."))


@require_http_methods(["GET", "POST"])
def task_progress(request, pk):
    task = access.reportable_task(request.user, pk)
    sets_status = access.reporting_role(request.user, task).sets_status
    accepts = access.may_decide_completion(request.user, task)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        task=task,
        user=request.user,
        sets_status=sets_status,
        accepts=accepts,
    )
    # What the reporter needs to see before writing: the last report (the lead's or any agency's), newest first.
    last_report = task.progress_reports.select_related("agency", "author").first()
    context = {"sets_status": sets_status, "last_report": last_report}
    return task_form_page(request, task, form, "tasks/progress.html", saved_message, context)


def saved_message(report):
    """What the reporter is told: whether the report now waits for the command's acceptance."""
    if report.is_awaiting:
        return _("Đã gửi báo cáo; kết quả đang chờ Ban CHQS xác nhận.")
    return _("Đã ghi báo cáo tiến độ.")


def task_form_page(request, task, form, template, success, context=()):
    """Save a valid POST and go back to the task; otherwise show the form (400 with its errors). `success`: the
    message, or a function of what was saved that gives it."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save()
        except ValidationError as error:  # the version check: someone saved the task meanwhile
            form.add_error(None, error)
        else:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(task)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"task": task, "form": form, **dict(context)}, status=status)


@require_GET
def evidence_download(request, pk, evidence_pk):
    task = access.task_or_404(request.user, pk, archived=True)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, report__task=task)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)
