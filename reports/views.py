from collections import defaultdict

from django.db.models import Count, F
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tasks.models import Assignment, Programme, Task
from tasks.status import StatusCount

from .charts import stacked_bars

LIST_LIMIT = 20


def _counts(rows, key):
    """StatusCount per group from values(... "status").annotate(n=Count) rows."""
    groups = defaultdict(StatusCount)
    for row in rows:
        for _i in range(row["n"]):
            groups[key(row)].add(row["status"])
    return list(groups.items())


@require_GET
def dashboard(request):
    visible = Task.objects.visible_to(request.user)
    programmes = Programme.objects.filter(pk__in=visible.values("section__programme")).order_by(
        "-year", F("issued_on").desc(nulls_last=True), "number"
    )
    try:
        programme = programmes.filter(pk=int(request.GET.get("programme", ""))).first()
    except ValueError:  # absent or not a number: the newest programme
        programme = None
    programme = programme or programmes.first()
    if programme is None:
        return render(request, "reports/dashboard.html", {"programmes": programmes})
    tasks = visible.filter(section__programme=programme).with_status()
    total = StatusCount.from_statuses(tasks.values_list("status", flat=True))
    by_section = _counts(
        tasks.values("section__position", "section__numeral", "section__title", "status")
        .annotate(n=Count("pk"))
        .order_by("section__position"),
        lambda row: f"{row['section__numeral']}. {row['section__title'].capitalize()}",
    )
    by_lead = sorted(
        _counts(
            tasks.filter(assignments__role=Assignment.Role.LEAD)
            .values("assignments__agency__name", "assignments__agency__short_name", "status")
            .annotate(n=Count("pk")),
            lambda row: row["assignments__agency__short_name"] or row["assignments__agency__name"],
        ),
        key=lambda item: -item[1].total,
    )
    by_phase = _counts(
        tasks.values("phases__number", "phases__name", "status").annotate(n=Count("pk")).order_by("phases__number"),
        lambda row: row["phases__name"] or _("Không gắn giai đoạn"),
    )
    context = {
        "programmes": programmes,
        "programme": programme,
        "total": total,
        "by_section": by_section,
        "by_lead": by_lead,
        "by_phase": by_phase,
        "section_chart": stacked_bars(by_section, _("Theo mục")),
        "lead_chart": stacked_bars(by_lead, _("Theo cơ quan chủ trì")),
        # The most urgent few; the task list shows them all (same filter).
        "overdue": tasks.overdue().with_document().order_by("deadline")[:LIST_LIMIT],
        "due_soon": tasks.due_soon().with_document().order_by("deadline")[:LIST_LIMIT],
        "due_soon_count": tasks.due_soon().count(),
    }
    return render(request, "reports/dashboard.html", context)
