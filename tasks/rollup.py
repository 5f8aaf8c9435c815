"""Plans that implement plans: how the tasks a subordinate level carries out stand, seen from the parent task.

Only current child tasks count: an amendment that archived a child took it out of the work.
"""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from .models import Assignment, Task
from .status import StatusCount


def rollup(parent_tasks, as_of=None) -> dict[int, StatusCount]:
    """StatusCount of the current child tasks per parent task id (tasks or ids), in one query."""
    rows = (
        Task.objects.current()
        .filter(parent_task__in=parent_tasks)
        .with_status(as_of)
        .values("parent_task", "status")
        .annotate(n=Count("pk"))
        .order_by()  # the model's ordering would split the groups
    )
    counts = defaultdict(StatusCount)
    for row in rows:
        for _i in range(row["n"]):
            counts[row["parent_task"]].add(row["status"])
    return dict(counts)


def child_tasks(task, user):
    """The task's current child tasks as rows to show, each with `visible`: may this user open it?"""
    visible = Task.objects.visible_to(user).filter(pk=OuterRef("pk"))
    return list(
        Task.objects.current()
        .filter(parent_task=task)
        .with_status()
        .select_related("section__programme")
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("agency")))
        .annotate(visible=Exists(visible))
    )


def summary_line(children) -> str:
    """The task page's line over child_tasks(): "3 nhiệm vụ cấp dưới: 1 hoàn thành, 2 đang thực hiện, 0 quá hạn"."""
    count = StatusCount.from_statuses(child.status for child in children)
    return _("%(total)d nhiệm vụ cấp dưới: %(done)d hoàn thành, %(open)d đang thực hiện, %(overdue)d quá hạn") % {
        "total": count.total,
        "done": count.done,
        "open": count.total - count.done - count.overdue,  # on time, ongoing work included
        "overdue": count.overdue,
    }


def report_note(count: StatusCount | None) -> str:
    """A report row's note, "Cấp dưới: 2/3 hoàn thành, 1 quá hạn"; empty for a task without children."""
    if count is None or not count.total:
        return ""
    note = _("Cấp dưới: %(done)d/%(total)d hoàn thành") % {"done": count.done, "total": count.total}
    if count.overdue:
        note += _(", %(overdue)d quá hạn") % {"overdue": count.overdue}
    return note
