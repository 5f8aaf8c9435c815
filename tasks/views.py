import datetime
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig
from openpyxl import Workbook

from agencies.directory import AgencyDirectory
from agencies.models import Agency

from . import access, offline, roles, rollup
from .documents.amendment import apply_amendment, compare
from .documents.data import ProgrammeDoc, ProgrammeFormatError
from .documents.store import apply_mapping, existing_programme, save_programme, unknown_agencies
from .filters import TaskFilter
from .forms import (
    AgencyMappingForm,
    AssignmentForm,
    ChildProgrammeForm,
    ImportUploadForm,
    ParentProgrammeForm,
    ProgressForm,
    ProgressUploadForm,
)
from .models import Assignment, Evidence, ImportDraft, Programme, ProgressReport, Task
from .periods import quarters_between
from .sheet_rows import check_rows, reportable
from .spreadsheet import cell
from .status import Progress, Status
from .tables import TaskTable

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class CappedPaginator(Paginator):
    """?per_page= may ask for more rows per page, up to a bound the server can afford; below one, the default."""

    def __init__(self, object_list, per_page, **kwargs):
        per_page = int(per_page)
        super().__init__(object_list, min(per_page, MAX_PAGE_SIZE) if per_page > 0 else PAGE_SIZE, **kwargs)


@login_not_required
@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a login refused after too many wrong passwords (HTTP 429, as axes would)."""
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def client_address(request):
    """Who sent a login attempt, behind nginx (DJANGO_BEHIND_PROXY): the proxy's X-Real-IP, set from the peer."""
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")


def _filtered_tasks(request):
    tasks = Task.objects.visible_to(request.user).with_status().with_document()
    return TaskFilter(request.GET or None, queryset=tasks, request=request)


@require_GET
def task_list(request):
    task_filter = _filtered_tasks(request)
    table = TaskTable(task_filter.qs)
    RequestConfig(request, paginate={"per_page": PAGE_SIZE, "paginator_class": CappedPaginator}).configure(table)
    context = {"filter": task_filter, "table": table, "managed_programme": _managed_programme(request, task_filter)}
    return render(request, "tasks/list.html", context)


def _managed_programme(request, task_filter):
    """The programme the list is filtered to, if the user manages it: the page then offers a subordinate plan."""
    programme = task_filter.form.cleaned_data.get("programme") if task_filter.form.is_valid() else None
    return programme if programme and roles.coordinates(request.user, programme) else None


@require_GET
def task_export(request):
    task_filter = _filtered_tasks(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Nhiệm vụ"))
    headers = [
        _("Chương trình"), _("Mục"), _("TT"), _("Nội dung nhiệm vụ"), _("Cơ quan chủ trì"), _("Cơ quan phối hợp"),
        _("Thời gian thực hiện"), _("Hạn"), _("Sản phẩm"), _("Tình trạng"), _("%"),
    ]  # fmt: skip
    sheet.append([cell(sheet, h, bold=True) for h in headers])
    for task in task_filter.qs.order_by("section__programme", "section__position", "position"):
        sheet.append([
            cell(sheet, task.section.programme.number), cell(sheet, task.section.numeral), cell(sheet, task.number),
            cell(sheet, task.content, wrap=True), cell(sheet, task.lead_as_written, wrap=True),
            cell(sheet, task.support_as_written, wrap=True),
            cell(sheet, "; ".join(c for c in task.timeframe_as_written if c)),
            cell(sheet, task.deadline, number_format="DD/MM/YYYY"), cell(sheet, task.deliverable, wrap=True),
            cell(sheet, task.status_label), cell(sheet, task.percent or 0),
        ])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _workbook_download(buffer.getvalue(), "nhiem-vu")


def _workbook_download(data, name):
    """An .xlsx file to save, named for today: nhiem-vu-20261122.xlsx."""
    return HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.xlsx"'},
    )


@require_GET
def task_detail(request, pk):
    task = access.task_or_404(request.user, pk, archived=True)
    reports = task.progress_reports.select_related("agency", "author", "confirmed_by").prefetch_related("evidence")
    children = rollup.child_tasks(task, request.user)
    manages = access.can_manage(request.user, task)
    context = {
        "task": task,
        "reports": reports,
        "children": children,
        "children_line": rollup.summary_line(children),
        # An archived task is kept for the record: nothing more is assigned or reported on it.
        "can_manage": manages and not task.archived_at,
        "can_report": not task.archived_at and access.reporting_role(request.user, task) is not None,
        "periods": _period_rows(task, reports) if task.is_recurring else None,
    }
    if manages:
        context["history"] = _audit_trail(task)
    return render(request, "tasks/detail.html", context)


def _period_rows(task, reports):
    """Each quarter from the programme's start to today: reported on time, late, or not yet."""
    programme = task.section.programme
    start = programme.issued_on or datetime.date(programme.year, 1, 1)
    rows = []
    for period in quarters_between(start, timezone.localdate()):
        first = min((r for r in reports if r.period == period.key and r.sets_status),
                    key=lambda r: r.reported_on, default=None)  # fmt: skip
        rows.append({"period": period, "report": first, "late": bool(first and first.reported_on > period.end)})
    return rows


HISTORY_ACTIONS = {"+": gettext_lazy("Tạo mới"), "~": gettext_lazy("Sửa"), "-": gettext_lazy("Xoá")}


def _audit_trail(task):
    """Changes to the task, its assignments and its reports, newest first."""

    def entry(record, subject, detail):
        return {"when": record.history_date, "who": record.history_user, "subject": subject,
                "action": HISTORY_ACTIONS[record.history_type], "detail": detail}  # fmt: skip

    entries = []
    records = list(task.history.select_related("history_user").order_by("history_date", "history_id"))
    for previous, record in zip([None, *records], records, strict=False):
        changes = record.diff_against(previous, excluded_fields=["search_text"]).changes if previous else []
        fields = ", ".join(str(Task._meta.get_field(change.field).verbose_name) for change in changes)
        entries.append(entry(record, _("Nhiệm vụ"), fields))
    for record in Assignment.history.filter(task_id=task.pk).select_related("history_user", "agency"):
        entries.append(entry(record, _("Phân công"), f"{record.get_role_display()}: {record.agency}"))
    for record in ProgressReport.history.filter(task_id=task.pk).select_related("history_user"):
        entries.append(entry(record, _("Báo cáo tiến độ"), record.get_status_display()))
    return sorted(entries, key=lambda e: e["when"], reverse=True)


@require_http_methods(["GET", "POST"])
def child_programme(request, pk):
    """Command staff draw up a subordinate level's plan from chosen tasks of a programme they coordinate."""
    parent = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    if not roles.coordinates(request.user, parent):
        raise PermissionDenied
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
    form = AssignmentForm(request.POST or None, task=task)
    return _task_form_page(request, task, form, "tasks/assign.html", _("Đã lưu phân công nhiệm vụ."))


@require_http_methods(["GET", "POST"])
def task_progress(request, pk):
    task = access.reportable_task(request.user, pk)
    sets_status = access.reporting_role(request.user, task)
    form = ProgressForm(
        request.POST or None, request.FILES or None, task=task, user=request.user, sets_status=sets_status
    )
    context = {"sets_status": sets_status}
    return _task_form_page(request, task, form, "tasks/progress.html", _("Đã ghi báo cáo tiến độ."), context)


def _task_form_page(request, task, form, template, success, context=()):
    """Save a valid POST and go back to the task; otherwise show the form (400 with its errors)."""
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError as error:  # the version check: someone saved the task meanwhile
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(task)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"task": task, "form": form, **dict(context)}, status=status)


@require_POST
def report_confirm(request, pk, report_pk):
    task = access.managed_task(request.user, pk)
    report = get_object_or_404(task.progress_reports, pk=report_pk, status=Progress.DONE, sets_status=True)
    if report.confirmed_at:
        messages.info(request, _("Báo cáo này đã được xác nhận trước đó."))
    else:
        report.confirmed_by, report.confirmed_at = request.user, timezone.now()
        report.save(update_fields=["confirmed_by", "confirmed_at"])
        messages.success(request, _("Đã xác nhận hoàn thành nhiệm vụ."))
    return redirect(task)


@require_GET
def evidence_download(request, pk, evidence_pk):
    task = access.task_or_404(request.user, pk, archived=True)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, report__task=task)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)


# Labels are lazy: this list is built at import time, the words are needed per request.
MY_GROUPS = [
    ("overdue", gettext_lazy("Quá hạn"), {Status.IN_PROGRESS_OVERDUE, Status.NOT_STARTED_OVERDUE}),
    ("due_soon", gettext_lazy("Sắp đến hạn"), None),
    ("in_progress", gettext_lazy("Đang, chưa thực hiện (trong hạn)"),
     {Status.IN_PROGRESS_ON_TIME, Status.NOT_STARTED_ON_TIME}),
    ("ongoing", gettext_lazy("Thường xuyên, định kỳ"), {Status.ONGOING}),
    ("done", gettext_lazy("Đã hoàn thành"), {Status.DONE_ON_TIME, Status.DONE_LATE}),
]  # fmt: skip


@require_GET
def my_tasks(request):
    agency = roles.agency_of(request.user)
    if agency is None:
        raise PermissionDenied
    tasks = (
        Task.objects.current()
        .assigned_to(agency)
        .with_status()
        .with_document()
        .order_by("section__programme", "section__position", "position")
    )
    due_soon = {t.pk for t in tasks.due_soon()}
    groups = {key: [] for key, _label, _statuses in MY_GROUPS}
    for task in tasks:
        if task.pk in due_soon:
            groups["due_soon"].append(task)
            continue
        key = next(key for key, _label, statuses in MY_GROUPS if statuses and task.status in statuses)
        groups[key].append(task)
    sections = [(key, label, groups[key]) for key, label, _statuses in MY_GROUPS]
    context = {"agency": agency, "sections": sections, "reports_offline": roles.role_of(request.user) == roles.OFFICER}
    return render(request, "tasks/my.html", context)


def _officer_agency(user):
    """Reporting from a sheet is an officer's, for their own agency; anyone else is refused."""
    agency = roles.agency_of(user)
    if roles.role_of(user) != roles.OFFICER or agency is None:
        raise PermissionDenied
    return agency


@require_GET
def my_template(request):
    """The officer's current tasks as an Excel sheet with the report columns to fill offline."""
    agency = _officer_agency(request.user)
    tasks = reportable(agency).order_by("section__programme", "section__position", "position")
    return _workbook_download(offline.write_template(tasks, agency), "bao-cao-tien-do")


@require_http_methods(["GET", "POST"])
def my_upload(request):
    """The filled sheet is read and kept as a draft for review; no report is saved yet."""
    _officer_agency(request.user)
    form = ProgressUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        draft = ImportDraft.objects.create(
            kind=ImportDraft.Kind.PROGRESS,
            uploaded_by=request.user,
            file_name=form.cleaned_data["file"].name[:255],
            document={"rows": form.rows},
        )
        return redirect("tasks:my_upload_review", draft.pk)
    return render(request, "tasks/my_upload.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def my_upload_review(request, pk):
    """Every row, what it will record and what is wrong with it; the valid rows are saved in one go on confirmation."""
    agency = _officer_agency(request.user)
    draft = get_object_or_404(ImportDraft, pk=pk, uploaded_by=request.user, kind=ImportDraft.Kind.PROGRESS)
    rows = check_rows(request.user, agency, draft.document.get("rows") or [])
    valid = [row for row in rows if row.valid]
    status = 200
    if request.method == "POST" and not valid:
        messages.error(request, _("Không có dòng hợp lệ nào; không có gì được ghi. Hãy sửa tệp rồi tải lên lại."))
        status = 400
    elif request.method == "POST":
        try:
            with transaction.atomic():
                if not ImportDraft.objects.filter(pk=draft.pk).delete()[0]:
                    raise Http404  # confirmed meanwhile, in another tab
                for row in valid:
                    row.form.save()
        except ValidationError as error:  # a task saved by someone else meanwhile: nothing is written
            messages.error(request, " ".join(error.messages))
            status = 400
        else:
            messages.success(
                request,
                _("Đã ghi %(saved)d báo cáo tiến độ; %(failed)d dòng lỗi không được ghi.")
                % {"saved": len(valid), "failed": len(rows) - len(valid)},
            )
            return redirect("tasks:my")
    context = {"draft": draft, "agency": agency, "rows": rows, "valid": len(valid), "failed": len(rows) - len(valid)}
    return render(request, "tasks/my_upload_review.html", context, status=status)


def _imported(request, programme, doc, new_agencies):
    messages.success(
        request,
        _("Đã nhập %(programme)s: %(tasks)d nhiệm vụ; %(new)d cơ quan mới cần rà soát.")
        % {"programme": programme, "tasks": len(doc.tasks), "new": len(new_agencies)},
    )
    return redirect(f"{reverse('tasks:list')}?programme={programme.pk}")


def _may_import(user):
    if roles.role_of(user) not in (roles.ADMIN, roles.COMMAND_STAFF):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Command staff upload a programme; it is read and shown for review, nothing is saved yet."""
    _may_import(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        draft = ImportDraft.objects.create(
            uploaded_by=request.user, file_name=form.cleaned_data["file"].name[:255], document=form.document.to_dict()
        )
        return redirect("tasks:import_review", draft.pk)
    return render(request, "tasks/import_upload.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def import_review(request, pk):
    """Every row as read, the agencies it names and what needs a decision; saved in one go on confirmation.

    A programme already stored is shown as the changes its new version makes, and updated on confirmation.
    """
    _may_import(request.user)
    draft = get_object_or_404(ImportDraft, pk=pk, uploaded_by=request.user, kind=ImportDraft.Kind.PROGRAMME)
    doc = ProgrammeDoc.from_dict(draft.document)
    directory = AgencyDirectory.load()
    unknown = unknown_agencies(doc, directory)
    agencies = list(Agency.objects.order_by("name"))
    form = AgencyMappingForm(request.POST or None, unknown=unknown, agencies=agencies)
    existing = existing_programme(doc)
    parent_form = ParentProgrammeForm(request.POST or None, doc=doc, existing=existing, prefix="parent")
    amendment = compare(existing, doc) if existing else None
    may_amend = existing is None or roles.coordinates(request.user, existing)
    if request.method == "POST" and form.is_valid() and parent_form.is_valid() and may_amend:
        parent = parent_form.cleaned_data["parent"]
        try:
            with transaction.atomic():
                apply_mapping(doc, form.mapping())
                if existing:
                    return _amended(request, draft, compare(existing, doc), parent)
                programme, new_agencies = save_programme(doc)
                Programme.objects.filter(pk=programme.pk).update(parent=parent)
                draft.delete()
        except ProgrammeFormatError as error:  # e.g. the same programme saved meanwhile by someone else
            form.add_error(None, str(error))
        else:
            return _imported(request, programme, doc, new_agencies)
    kinds = dict(Task._meta.get_field("schedule_kind").choices)
    for task in doc.tasks:
        task.kind_label = kinds.get(task.schedule.kind, "") if task.schedule else ""
    context = {
        "draft": draft,
        "doc": doc,
        "form": form,
        "parent_form": parent_form,
        "unknown": set(unknown),
        "existing": existing,
        "amendment": amendment,
        "may_amend": may_amend,
        "unreadable": [task for task in doc.tasks if task.schedule and task.schedule.needs_review],
    }
    failed = form.errors or parent_form.errors or not may_amend
    return render(request, "tasks/import_review.html", context, status=400 if failed else 200)


def _amended(request, draft, amendment, parent):
    """Apply the changes the user saw (the digest says so), inside the caller's transaction."""
    if request.POST.get("digest") != amendment.digest():
        raise ProgrammeFormatError(
            _("Chương trình vừa được thay đổi sau khi anh/chị mở trang này; hãy xem lại các thay đổi rồi xác nhận.")
        )
    amendment.programme.parent = parent  # saved with the rest of the programme
    new_agencies = apply_amendment(
        amendment,
        reason=_("Sửa đổi, bổ sung theo tệp %(file)s do %(user)s nhập.")
        % {"file": draft.file_name, "user": request.user.get_full_name() or request.user.get_username()},
    )
    draft.delete()
    messages.success(
        request,
        _(
            "Đã cập nhật %(programme)s theo văn bản sửa đổi, bổ sung: %(added)d nhiệm vụ thêm, %(changed)d sửa, "
            "%(removed)d bỏ (%(archived)d được lưu trữ vì đã có báo cáo); %(new)d cơ quan mới cần rà soát."
        )
        % {
            "programme": amendment.programme,
            "added": len(amendment.added),
            "changed": len(amendment.changed),
            "removed": len(amendment.removed),
            "archived": len(amendment.archived),
            "new": len(new_agencies),
        },
    )
    return redirect(f"{reverse('tasks:list')}?programme={amendment.programme.pk}")
