"""Who is told of what: the recipient rules of each kind of notification, and notify(), which raises an event.

- Officers of the task's agencies (lead and support, directly or as members of a group phrase named on it): a task
  assigned (only the agencies just added), its deadline changed, a directive on it, due soon, overdue.
- Officers of the task's lead agencies (those who answer for it): an extension decided (the agency that asked), an
  explanation requested, completion accepted or returned.
- Command staff of the programme's coordinating agency: an extension asked, completion asked, an explanation
  answered (and whoever asked it), a directive (on a programme: with the officers of its lead agencies).

Never the actor himself, and only active users in the role. One event is one SELECT of its recipients and one INSERT.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agencies.models import Agency

from . import roles
from .models import Assignment, Notification

Kind = Notification.Kind

TASK_OFFICERS = {Kind.ASSIGNED, Kind.DEADLINE_CHANGED, Kind.DIRECTIVE, Kind.DUE_SOON, Kind.OVERDUE}
LEAD_OFFICERS = {
    Kind.EXTENSION_DECIDED,
    Kind.EXPLANATION_REQUESTED,
    Kind.COMPLETION_ACCEPTED,
    Kind.COMPLETION_RETURNED,
}
COMMAND_STAFF = {Kind.EXTENSION_ASKED, Kind.COMPLETION_ASKED, Kind.EXPLANATION_ANSWERED, Kind.DIRECTIVE}


def notify(kind, *, task=None, programme=None, actor=None, agencies=None, user_ids=(), detail="", link=None):
    """Raise one event on a task (or a whole programme): a notification to each person concerned by the kind's rule
    and to the users of `user_ids`; `agencies` narrows the officers told to those agencies' (the agencies just added,
    the one that asked). Returns how many were created."""
    programme = programme or task.section.programme
    recipients = _recipients(kind, task, programme, agencies, user_ids)
    if actor is not None:
        recipients = recipients.exclude(pk=actor.pk)
    fields = {
        "kind": kind,
        "task": task,
        "programme": programme,
        "actor": actor,
        "text": text_of(kind, task, programme, detail),
        "link": link or subject_url(task, programme),
    }
    created = Notification.objects.bulk_create([Notification(recipient_id=pk, **fields) for pk in recipients])
    return len(created)


def subject_url(task, programme):
    """The page of the task, or of the programme's thread (a programme has no page of its own)."""
    return task.get_absolute_url() if task else reverse("tasks:programme_thread", args=[programme.pk])


def text_of(kind, task, programme, detail=""):
    """What the notification says, written once when it is raised: the kind, the task or programme, the detail."""
    if task is None:
        subject = str(programme)
    else:
        subject = _("%(programme)s, nhiệm vụ %(reference)s: %(content)s") % {
            "programme": programme.number,
            "reference": task.reference,
            "content": Truncator(task.content).chars(120),
        }
    return Truncator(f"{Kind(kind).label}: {subject}{f' – {detail}' if detail else ''}").chars(500)


def officers_of(agencies):
    """Who answers for these agencies (ids, agencies or a query of ids): their officers, and those of the agencies
    that are members of the group phrases among them."""
    members = Agency.members.through.objects.filter(from_agency__in=agencies).values("to_agency")
    return Q(groups__name=roles.OFFICER) & (Q(profile__agency__in=agencies) | Q(profile__agency__in=members))


def _recipients(kind, task, programme, agencies, user_ids):
    who = Q(pk__in=list(user_ids))
    if kind in COMMAND_STAFF and programme.coordinating_agency_id:
        who |= Q(groups__name=roles.COMMAND_STAFF, profile__agency=programme.coordinating_agency_id)
    if kind in TASK_OFFICERS | LEAD_OFFICERS:
        if agencies is None and task is None:
            agencies = programme.lead_agencies().values("pk")
        elif agencies is None:
            named = Assignment.objects.filter(task=task)
            agencies = (named.filter(role=Assignment.Role.LEAD) if kind in LEAD_OFFICERS else named).values("agency")
        who |= officers_of(agencies)
    found = get_user_model().objects.filter(who, is_active=True)
    return found.order_by().values_list("pk", flat=True).distinct()
