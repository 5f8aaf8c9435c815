"""Who may see and change a task. Views ask here; strangers get 404, read-only users 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from agencies.models import Agency

from . import roles
from .models import Assignment, Task


def can_manage(user, task):
    """Assign, reschedule and confirm: command staff of the task's programme."""
    return roles.coordinates(user, task.section.programme)


def reporting_role(user, task):
    """None if the user may not report on the task, else whether their report sets its status."""
    if can_manage(user, task):
        return True
    agency = roles.agency_of(user)
    if roles.role_of(user) != roles.OFFICER or agency is None:
        return None
    mine = _own_agencies(user, agency)
    named = {a.agency_id: a.role for a in task.assignments.all() if a.agency_id in mine}
    if not named:
        return None
    return Assignment.Role.LEAD in named.values()


def _own_agencies(user, agency):
    """The agency and the group phrases it belongs to, asked once per request (a sheet of rows asks per row)."""
    cached = getattr(user, "_ptds_own_agencies", None)
    if cached is None or cached[0] != agency.pk:
        cached = (agency.pk, frozenset(Agency.objects.with_groups_of(agency).values_list("pk", flat=True)))
        user._ptds_own_agencies = cached
    return cached[1]


def task_or_404(user, pk, archived=False):
    """The task if the user may see it; an archived one only where asked (its page, its evidence)."""
    queryset = (
        Task.objects.visible_to(user, archived=archived)
        .with_document()
        .with_status()
        .select_related("parent_task__section__programme")
    )
    return get_object_or_404(queryset, pk=pk)


def managed_task(user, pk):
    task = task_or_404(user, pk)
    if not can_manage(user, task):
        raise PermissionDenied
    return task


def reportable_task(user, pk):
    task = task_or_404(user, pk)
    if reporting_role(user, task) is None:
        raise PermissionDenied
    return task
