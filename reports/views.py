from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count, F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ptds.jobs import QueueFull
from tasks import access, roles
from tasks.models import Assignment, Programme, Task
from tasks.spreadsheet import xlsx_download
from tasks.status import Status, StatusCount

from . import jobs
from .charts import stacked_bars
from .consolidated import consolidate
from .content import gather
from .forms import PeriodForm, ReportForm, ReportSetupForm, ScoresForm
from .models import ProducedReport, ReportSetup
from .scores import headings, score

LIST_LIMIT = 20


def _counts(rows, key):
    """StatusCount per group from values(... "status").annotate(n=Count) rows."""
    groups = defaultdict(StatusCount)
    for row in rows:
        for _i in range(row["n"]):
            groups[key(row)].add(row["status"])
    return list(groups.items())


def _main_programme(programmes, visible):
    """Without a choice, the programme with the most open tasks the user sees (an officer's: the one with most of
    their agency's work), the newest of equals; not simply the newest, which may be a small plan just imported."""
    programmes = list(programmes)  # fills the queryset's cache: the switcher lists them without a second query
    if not programmes:
        return None
    open_tasks = dict(
        visible.with_status()
        .exclude(status__in=[Status.DONE_ON_TIME, Status.DONE_LATE])
        .order_by()
        .values_list("section__programme")
        .annotate(n=Count("pk"))
    )
    return max(programmes, key=lambda p: open_tasks.get(p.pk, 0))


@require_GET
def dashboard(request):
    visible = Task.objects.visible_to(request.user)
    programmes = Programme.objects.visible_to(request.user).order_by(
        "-year", F("issued_on").desc(nulls_last=True), "number"
    )
    try:
        programme = programmes.filter(pk=int(request.GET.get("programme", ""))).first()
    except ValueError:  # absent or not a number
        programme = None
    programme = programme or _main_programme(programmes, visible)
    if programme is None:
        return render(request, "reports/dashboard.html", {"programmes": programmes})
    tasks = visible.filter(section__programme=programme).with_status()
    total = StatusCount.from_statuses(tasks.values_list("status", flat=True))
    by_section = _counts(
        tasks.values("section__position", "section", "section__numeral", "section__title", "status")
        .annotate(n=Count("pk"))
        .order_by("section__position"),
        lambda row: (f"{row['section__numeral']}. {row['section__title'].capitalize()}", row["section"]),
    )
    by_lead = sorted(
        _counts(
            tasks.filter(assignments__role=Assignment.Role.LEAD)
            .values("assignments__agency", "assignments__agency__name", "assignments__agency__short_name", "status")
            .annotate(n=Count("pk")),
            lambda row: (
                row["assignments__agency__short_name"] or row["assignments__agency__name"],
                row["assignments__agency"],
            ),
        ),
        key=lambda item: -item[1].total,
    )
    by_phase = _counts(
        tasks.values("phases__number", "phases__name", "status").annotate(n=Count("pk")).order_by("phases__number"),
        lambda row: row["phases__name"] or _("Không gắn giai đoạn"),
    )
    task_list = f"{reverse('tasks:list')}?programme={programme.pk}"
    section_link = f"{task_list}&section="
    # A bar counts the tasks naming the agency itself (a group phrase has a bar of its own): so does its list.
    lead_link = f"{task_list}&named=direct&lead="
    by_section = [(label, count, key) for (label, key), count in by_section]
    by_lead = [(label, count, key) for (label, key), count in by_lead]
    context = {
        "programmes": programmes,
        "programme": programme,
        "total": total,
        "by_section": by_section,
        "by_lead": by_lead,
        "by_phase": by_phase,
        "task_list": task_list,
        "section_link": section_link,
        "lead_link": lead_link,
        "section_chart": stacked_bars(by_section, _("Theo mục"), link=_filtered(section_link)),
        "lead_chart": stacked_bars(by_lead, _("Theo cơ quan chủ trì"), link=_filtered(lead_link)),
        # The most urgent few; the task list shows them all (same filter).
        "overdue": tasks.overdue().with_document().order_by("deadline")[:LIST_LIMIT],
        "due_soon": tasks.due_soon().with_document().order_by("deadline")[:LIST_LIMIT],
        "due_soon_count": tasks.due_soon().count(),
    }
    return render(request, "reports/dashboard.html", context)


def _filtered(prefix):
    """The task list's address for a chart's bar (one section, one lead agency) or one status group of it."""

    def link(key, group):
        return f"{prefix}{key}" + (f"&status={group}" if group else "")

    return link


PREVIEW_ROWS = 200
RECENT_REPORTS = 20


def _report_page(request, form, status=200):
    content = figures = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data.get("unit"):  # the consolidated table; the units' appendices are for the file
            figures = consolidate(form.tasks, data["unit"], data["period"], form.window)
        else:
            content = gather(form.tasks, data["programme"], data["period"], form.window, **form.document())
    context = {
        "form": form,
        "content": content,
        "figures": figures,
        "preview_rows": PREVIEW_ROWS,
        "preview_sections": content.first_rows(PREVIEW_ROWS) if content else None,
        "recent": ProducedReport.objects.visible_to(request.user).select_related(
            "programme", "unit", "agency", "section", "created_by"
        )[:RECENT_REPORTS],
        "can_set_up": [p for p in form.fields["programme"].queryset if access.may_manage(request.user, p)],
    }
    return render(request, "reports/index.html", context, status=status)


@require_http_methods(["GET", "POST"])
def report_index(request):
    """Choose a programme and period, preview the report, download it; the reports produced before.

    The page's form posts its preview (nothing is written), so the CSRF token never goes into an address; a link
    with the choices in its query string still opens a preview."""
    form = ReportForm(request.POST or request.GET or None, user=request.user)
    return _report_page(request, form)


@require_POST
def report_produce(request):
    form = ReportForm(request.POST, user=request.user)
    report_format = request.POST.get("format")
    if report_format not in ProducedReport.Format.values:
        messages.error(request, _("Hãy chọn tải báo cáo dạng PDF hoặc Excel."))
        return _report_page(request, form, status=400)
    if not form.is_valid():
        return _report_page(request, form, status=400)
    try:
        report = jobs.request(form, report_format)
    except QueueFull as full:
        messages.error(request, str(full))
        return _report_page(request, form, status=429)
    return redirect(report)


def _report_or_404(user, pk):
    reports = ProducedReport.objects.visible_to(user).select_related(
        "programme", "unit", "agency", "section", "created_by"
    )
    return get_object_or_404(reports, pk=pk)


@require_GET
def report_detail(request, pk):
    report = _report_or_404(request.user, pk)
    return render(request, "reports/detail.html", {"report": report})


@require_GET
def report_download(request, pk):
    report = _report_or_404(request.user, pk)
    if report.state != ProducedReport.State.DONE or report.file_removed_at:
        raise Http404
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.download_name)


@require_http_methods(["GET", "POST"])
def report_setup(request, programme_pk):
    programme = access.managed_programme(
        request.user, programme_pk, Programme.objects.select_related("coordinating_agency__parent")
    )
    form = ReportSetupForm(request.POST or None, instance=ReportSetup.for_programme(programme))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu mẫu trình bày báo cáo của %(programme)s.") % {"programme": programme})
        return redirect("reports:index")
    return render(request, "reports/setup.html", {"form": form, "programme": programme})


@require_GET
def units(request):
    """The consolidated page of the unit chosen (the switcher's form), else of the user's own unit; without one, the
    units the user may choose from, or why there is none."""
    asked = request.GET.get("unit", "")
    if asked and not asked.isdigit():
        raise Http404
    unit = access.unit_or_404(request.user, int(asked)) if asked else access.own_unit(request.user)
    if unit:
        period = request.GET.get("period", "")
        query = f"?{urlencode({'period': period})}" if period else ""
        return redirect(reverse("reports:unit", args=[unit.pk]) + query)
    overseen = roles.units_overseen(request.user).order_by("name")
    return render(request, "reports/units.html", {"units": overseen})


@require_GET
def unit_dashboard(request, pk):
    """A unit's figures and its programmes', each unit leading to its own page, each programme to its dashboard."""
    unit = access.unit_or_404(request.user, pk)
    form = PeriodForm(request.GET)
    figures = None
    if form.is_valid():
        figures = consolidate(Task.objects.visible_to(request.user), unit, form.cleaned_data["period"], form.window)
    context = {
        "unit": unit,
        "units": roles.units_overseen(request.user).order_by("name"),
        "form": form,
        "figures": figures,
    }
    return render(request, "reports/unit_dashboard.html", context)


def _scores(request):
    """The scores form and, when a programme or unit is asked and valid, its figures (None otherwise)."""
    access.require(access.may_see_scores(request.user))
    form = ScoresForm(request.GET, request.user)
    if ("programme" in request.GET or "unit" in request.GET) and form.is_valid():
        return form, score(form.scoped_tasks(), form.cleaned_data["period"], form.window)
    return form, None


@require_GET
def scores(request):
    """Agency scores of a programme or a unit for a period, sorted by a column; each figure leads to its tasks."""
    return _scores_page(request, *_scores(request))


def _scores_page(request, form, figures, status=200):
    sort = request.GET.get("sort", "")
    programme = form.cleaned_data.get("programme") if figures else None
    rows = [(row, figures.links(row, programme)) for row in figures.sorted_by(sort)] if figures else []
    query = request.GET.copy()
    query.pop("sort", None)
    context = {
        "form": form,
        "figures": figures,
        "rows": rows,
        "headings": headings(query.urlencode(), sort),
        "export": f"{reverse('reports:scores_export')}?{request.GET.urlencode()}",
    }
    return render(request, "reports/scores.html", context, status=status)


@require_GET
def scores_export(request):
    """The same table as an .xlsx file; without a valid choice, the page with the form's errors."""
    form, figures = _scores(request)
    if figures is None:
        return _scores_page(request, form, figures, status=400)
    return xlsx_download(figures.workbook(request.GET.get("sort", "")), "cham-diem-co-quan")
