"""Who may do what: one named rule each, and the lookups views start from.

Views state the rule they need: a stranger to an object gets 404 (`task_or_404`, `programme_or_404`), a user who
may see it but not do this gets 403 (`require`). The roles themselves, and what each sees, are in roles.py.
"""

import enum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from agencies.models import Agency

from . import roles
from .models import Assignment, ImportDraft, Notification, Programme, Task, ThreadEntry


class ReportingRole(enum.Enum):
    """What a user's progress report on a task counts as."""

    NONE = "none"  # may not report on it
    CONTRIBUTES = "contributes"  # a supporting agency: recorded as its part of the work
    SETS_STATUS = "sets_status"  # the lead agency, or the programme's command staff: decides the task's status

    @property
    def may_report(self):
        return self is not ReportingRole.NONE

    @property
    def sets_status(self):
        return self is ReportingRole.SETS_STATUS


def may_import(user):
    """Importing a programme (or its amendment) is for administrators and command staff."""
    return roles.role_of(user) in (roles.ADMIN, roles.COMMAND_STAFF)


def may_manage(user, programme):
    """Assign, reschedule, confirm, set up reports, draw up subordinate plans: administrators, and command staff
    of the programme's coordinating agency."""
    role = roles.role_of(user)
    if role == roles.ADMIN:
        return True
    agency = roles.agency_of(user)
    return role == roles.COMMAND_STAFF and agency is not None and programme.coordinating_agency_id == agency.pk


def managed_programmes(user):
    """The programmes `may_manage` allows, as a queryset: all for administrators, those their agency coordinates
    for command staff, none for anyone else."""
    role = roles.role_of(user)
    agency = roles.agency_of(user)
    if role == roles.ADMIN:
        return Programme.objects.all()
    if role == roles.COMMAND_STAFF and agency is not None:
        return Programme.objects.filter(coordinating_agency=agency)
    return Programme.objects.none()


def may_hand_over(user):
    """Handing over the work of agencies a reorganisation ended: administrators and command staff, each on the
    programmes they manage."""
    return roles.role_of(user) in (roles.ADMIN, roles.COMMAND_STAFF)


def may_manage_task(user, task):
    return may_manage(user, task.section.programme)


def officer_agency(user):
    """An officer's own agency, for whom reporting is their work; None for anyone else."""
    return roles.agency_of(user) if roles.role_of(user) == roles.OFFICER else None


def reporting_role(user, task):
    """Whether the user may report on the task, and whether that report decides its status."""
    if may_manage_task(user, task):
        return ReportingRole.SETS_STATUS
    agency = officer_agency(user)
    if agency is None:
        return ReportingRole.NONE
    mine = roles.cached_on(user, ("own_agencies", agency.pk), lambda: _with_groups(agency))
    # Roles, not a map from agency to role: a phrase may name the same agency (or group) as lead and as support.
    named = {a.role for a in task.assignments.all() if a.agency_id in mine}
    if not named:
        return ReportingRole.NONE
    return ReportingRole.SETS_STATUS if Assignment.Role.LEAD in named else ReportingRole.CONTRIBUTES


def may_request_extension(user, task):
    """Asking for a new deadline: officers of the task's lead agency (directly or through a group phrase it
    belongs to), on a current task."""
    return not task.archived_at and officer_agency(user) is not None and reporting_role(user, task).sets_status


def may_decide_extension(user, task):
    """Deciding on a request: those who may change the deadline directly, the programme's command staff."""
    return not task.archived_at and may_manage_task(user, task)


def may_ask_completion(user, task):
    """Sending finished work for acceptance: those whose report sets the task's status (the lead agency's officers;
    the command staff's own report is accepted as written), on a current task that can be finished at all."""
    return not task.archived_at and not task.is_recurring and reporting_role(user, task).sets_status


def may_decide_completion(user, task):
    """Accepting or returning finished work: the programme's command staff, who assigned it (leadership directs,
    and does not accept in their place)."""
    return not task.archived_at and may_manage_task(user, task)


def may_write_entry(user, subject, kind):
    """Writing in the thread of a task or a programme (which the user sees): directives are leadership's, explanation
    requests leadership's and the programme's command staff's (on a task, to its lead agency), replies the lead
    agency's officers', notes theirs who report on the task or manage the programme. An archived task is closed."""
    Kind = ThreadEntry.Kind
    on_task = isinstance(subject, Task)
    if on_task and subject.archived_at:
        return False
    programme = subject.section.programme if on_task else subject
    leads = roles.role_of(user) in (roles.ADMIN, roles.LEADERSHIP)
    if kind == Kind.DIRECTIVE:
        return leads
    if kind == Kind.EXPLANATION_REQUEST:
        return on_task and (leads or may_manage(user, programme))
    if kind == Kind.REPLY:
        return on_task and officer_agency(user) is not None and reporting_role(user, subject).sets_status
    if kind == Kind.NOTE:
        return reporting_role(user, subject).may_report if on_task else may_manage(user, programme)
    return False


def entry_kinds(user, subject):
    """The kinds of entry `may_write_entry` allows the user on this task or programme."""
    return [kind for kind in ThreadEntry.Kind if may_write_entry(user, subject, kind)]


def _with_groups(agency):
    """The agency and the group phrases it belongs to: a sheet of rows asks for them once, not per row."""
    return frozenset(Agency.objects.with_groups_of(agency).values_list("pk", flat=True))


def require(allowed):
    """403 unless the rule allows it; returns what it was given, so `agency = require(officer_agency(user))`."""
    if not allowed:
        raise PermissionDenied
    return allowed


def task_or_404(user, pk, archived=False):
    """The task if the user may see it; an archived one only where asked (its page, its evidence)."""
    queryset = (
        Task.objects.visible_to(user, archived=archived)
        .with_document()
        .with_status()
        .select_related("parent_task__section__programme")
    )
    return get_object_or_404(queryset, pk=pk)


def programme_or_404(user, pk, queryset=None):
    """The programme if the user may see one of its tasks."""
    return get_object_or_404((Programme.objects if queryset is None else queryset).visible_to(user), pk=pk)


def unit_or_404(user, pk):
    """An administrative unit the user oversees; any other does not exist for them."""
    return get_object_or_404(roles.units_overseen(user), pk=pk)


def own_unit(user):
    """The unit of the user's agency when the user oversees it (the consolidated page's default), else None."""
    agency = roles.agency_of(user)
    if agency is None or agency.unit_id is None:
        return None
    return roles.units_overseen(user).filter(pk=agency.unit_id).first()


def managed_task(user, pk):
    task = task_or_404(user, pk)
    require(may_manage_task(user, task))
    return task


def managed_programme(user, pk, queryset=None):
    programme = programme_or_404(user, pk, queryset)
    require(may_manage(user, programme))
    return programme


def reportable_task(user, pk):
    task = task_or_404(user, pk)
    require(reporting_role(user, task).may_report)
    return task


class DraftExpired(Http404):
    """An upload left waiting longer than PTDS_DRAFT_HOURS: gone, as if deleted (clean_drafts deletes it)."""

    def __init__(self, draft):
        super().__init__(draft.file_name)
        self.draft = draft


def draft_or_404(user, pk, kind, drafts=None):
    """The user's own upload waiting for review (read, by default: `drafts` widens or narrows that); anyone else's
    does not exist for them, an expired one is gone."""
    drafts = drafts if drafts is not None else ImportDraft.objects.ready()
    draft = get_object_or_404(drafts, pk=pk, uploaded_by=user, kind=kind)
    if draft.is_expired:
        raise DraftExpired(draft)
    return draft


def notification_or_404(user, pk):
    """A notification is its recipient's alone: anyone else's does not exist for them."""
    return get_object_or_404(Notification, pk=pk, recipient=user)


def may_see_scores(user):
    """Agency scores rank agencies: for leadership and command staff (and administrators), not for officers."""
    return roles.role_of(user) in (roles.ADMIN, roles.LEADERSHIP, roles.COMMAND_STAFF)
