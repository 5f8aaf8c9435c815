"""Daily reminders by e-mail (manage.py send_reminders): one message per agency and kind, at most once a day.

- To each agency's officers: its current tasks, as lead or supporting agency (through group phrases too), that are
  overdue or due within `days` days (PTDS_REMINDER_DAYS, 7): open tasks whose deadline is before the day, or from
  the day to `days` days after it, both ends counted. Done, ongoing and recurring tasks and tasks without a deadline
  are never named. Lead tasks come first, then by deadline.
- To the command staff of each programme's coordinating agency: the agencies leading a current task of the programme
  (directly or as a member of a lead group phrase) that have not reported for the current quarter. An agency has
  reported when it has at least one status-setting progress report (a lead's report, not a supporting agency's
  contribution) on a current task of that programme, dated (reported_on) from the quarter's first day up to the
  day of the run, both counted.

The words are in templates/emails/, so they can change without code. Each message is recorded (ReminderLog) in the
transaction it is sent in: a second run the same day sends nothing, and one that failed is not recorded, so the next
run tries it again.
"""

import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency

from . import roles
from .models import Programme, ProgressReport, ReminderLog, Task
from .periods import quarter_of


class ReminderFailed(Exception):
    """A message that could not be sent (and was not recorded); the message is for the user."""


@dataclass
class Reminder:
    kind: str
    agency: Agency
    recipients: list[str]
    subject: str
    body: str
    count: int  # tasks named, or agencies that have not reported

    @property
    def what(self):
        if self.kind == ReminderLog.Kind.STAFF_UNREPORTED:
            return _("%(count)d cơ quan chưa báo cáo") % {"count": self.count}
        return _("%(count)d nhiệm vụ") % {"count": self.count}

    def send(self, day, connection=None):
        """Send and record it in one transaction; False if it already went that day. A failed send records nothing."""
        with transaction.atomic():
            _log, created = ReminderLog.objects.get_or_create(
                day=day,
                kind=self.kind,
                agency=self.agency,
                defaults={"recipients": ", ".join(self.recipients), "item_count": self.count},
            )
            if created:
                self._deliver(connection)  # raising here rolls the record back
        return created

    def _deliver(self, connection):
        message = EmailMessage(self.subject, self.body, to=self.recipients, connection=connection)
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:  # OSError: the server cannot be reached at all
            raise ReminderFailed(
                _(
                    "Không gửi được thư tới %(agency)s (%(recipients)s): %(error)s. "
                    "Chưa ghi nhận; lần chạy sau sẽ gửi lại."
                )
                % {"agency": self.agency, "recipients": ", ".join(self.recipients), "error": error}
            ) from error


@dataclass
class TaskLine:
    """A task in an agency's reminder (the task carries `deadline`, `status` and `led` from its query)."""

    task: Task
    days_left: int  # negative when overdue
    url: str

    @property
    def overdue(self):
        return self.days_left < 0

    @property
    def days_late(self):
        return -self.days_left


@dataclass
class Plan:
    day: date
    reminders: list[Reminder]
    notes: list[str]  # who was left out, and why


def plan(day=None, days=None):
    """The reminders of a day (today by default), built but not sent."""
    day = day or timezone.localdate()
    days = settings.PTDS_REMINDER_DAYS if days is None else days
    notes = []
    reminders = [*_agency_reminders(day, days, notes), *_staff_reminders(day, notes)]
    return Plan(day, reminders, notes)


def due_lines(agency, day, days):
    """The agency's current tasks overdue or due within `days` days of `day`: lead tasks first, then by deadline."""
    tasks = Task.objects.current().assigned_to(agency).with_status(day)
    tasks = (
        (tasks.overdue() | tasks.due_soon(day, days))
        .with_lead_flag(agency)
        .select_related("section__programme")
        .order_by("-led", "deadline", "section__programme", "section__position", "position")
    )
    return [TaskLine(task, (task.deadline - day).days, _link(task.get_absolute_url())) for task in tasks]


def unreported_leads(programme, since, until):
    """Agencies leading a current task of the programme without a status-setting report dated since..until."""
    reported = ProgressReport.objects.filter(
        agency=OuterRef("pk"),
        sets_status=True,
        task__section__programme=programme,
        task__archived_at__isnull=True,
        reported_on__range=(since, until),
    )
    return programme.lead_agencies().exclude(Exists(reported)).order_by("name")


def _agency_reminders(day, days, notes):
    for agency, officers in _by_agency(roles.OFFICER).items():
        lines = due_lines(agency, day, days)
        recipients = _addresses(agency, officers, notes) if lines else []
        if not recipients:
            continue
        overdue = sum(line.overdue for line in lines)
        context = {
            "agency": agency,
            "day": day,
            "days": days,
            "overdue_count": overdue,
            "due_soon_count": len(lines) - overdue,
            "lead_lines": [line for line in lines if line.task.led],
            "support_lines": [line for line in lines if not line.task.led],
            "my_url": _link(reverse("tasks:my")),
        }
        yield _render(ReminderLog.Kind.AGENCY_DUE, agency, recipients, "agency_due", context, len(lines))


def _staff_reminders(day, notes):
    quarter = quarter_of(day)
    staff = _by_agency(roles.COMMAND_STAFF)
    programmes = defaultdict(list)
    for programme in Programme.objects.filter(coordinating_agency__in=list(staff)).order_by("number", "year"):
        programmes[programme.coordinating_agency_id].append(programme)
    for agency, users in staff.items():
        missing = []
        for programme in programmes[agency.pk]:
            leads = [
                (lead, _task_list_link(programme, lead)) for lead in unreported_leads(programme, quarter.start, day)
            ]
            if leads:
                missing.append({"programme": programme, "leads": leads})
        recipients = _addresses(agency, users, notes) if missing else []
        if not recipients:
            continue
        count = sum(len(item["leads"]) for item in missing)
        context = {"agency": agency, "day": day, "quarter": quarter, "programmes": missing, "count": count}
        yield _render(ReminderLog.Kind.STAFF_UNREPORTED, agency, recipients, "staff_unreported", context, count)


def _by_agency(role):
    """The role's users by agency, in agency name order."""
    found = defaultdict(list)
    for user in roles.members(role):
        found[user.profile.agency].append(user)
    return found


def _addresses(agency, users, notes):
    """The users' e-mail addresses; anyone without one is named in the notes."""
    addresses = []
    for user in users:
        if user.email.strip():
            addresses.append(user.email.strip())
        else:
            notes.append(
                _("Bỏ qua %(user)s (%(agency)s): chưa có địa chỉ email.") % {"user": user.username, "agency": agency}
            )
    if not addresses:
        notes.append(_("Không gửi thư cho %(agency)s: không ai nhận có địa chỉ email.") % {"agency": agency})
    return addresses


def _render(kind, agency, recipients, template, context, count):
    # A subject is one line: the template may wrap, the header may not.
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    return Reminder(kind, agency, recipients, subject, body, count)


def _link(path):
    return f"{settings.PTDS_SITE_URL}{path}"


def _task_list_link(programme, agency):
    return _link(f"{reverse('tasks:list')}?programme={programme.pk}&lead={agency.pk}")
