"""Daily reminders by e-mail (manage.py send_reminders): one message per agency and kind, at most once a day.

- To each agency's officers: its current tasks, as lead or supporting agency (through group phrases too), that are
  overdue or due within `days` days (PTDS_REMINDER_DAYS, 7): open tasks whose deadline is before the day, or from
  the day to `days` days after it, both ends counted. Done, ongoing and recurring tasks and tasks without a deadline
  are never named. Lead tasks come first, then by deadline.
- Officers who chose neither "due soon" nor "overdue" by e-mail (/notifications/settings/) are left out of it; when it
  goes, the day's notifications of those kinds (raise_daily) of its recipients are marked e-mailed.
- To the command staff of each programme's coordinating agency: the agencies leading a current task of the programme
  (directly or as a member of a lead group phrase) that have not reported for the current quarter. An agency has
  reported when it has at least one status-setting progress report (a lead's report, not a supporting agency's
  contribution) on a current task of that programme, dated (reported_on) from the quarter's first day up to the
  day of the run, both counted.
- To each user, a digest: the notifications of the past week not read nor e-mailed yet, of the kinds they chose (the
  daily kinds apart: the agency's reminder above carries them), at most one a day.

The words are in templates/emails/, so they can change without code. Each message is recorded (ReminderLog) in the
transaction it is sent in: a second run the same day sends nothing, and one that failed is not recorded, so the next
run tries it again.
"""

import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

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
from .models import Notification, NotificationSettings, Programme, ProgressReport, ReminderLog, Task
from .notifications import text_of
from .periods import quarter_of
from .status import AWAITING

DIGEST_DAYS = 7  # how far back a digest looks for notifications not yet e-mailed


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
    user_ids: list = field(default_factory=list)  # whose daily notifications it carries

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
                Notification.objects.filter(
                    recipient__in=self.user_ids, kind__in=Notification.DAILY, day=day, emailed_on__isnull=True
                ).update(emailed_on=day)
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
class Digest(Reminder):
    """A user's notifications by e-mail (`agency` holds the user: the command's output names the recipient by it);
    marking them e-mailed is its record, in the transaction it is sent in (a failed send marks nothing)."""

    KIND = "digest"
    notification_ids: list = field(default_factory=list)

    @property
    def what(self):
        return _("%(count)d thông báo") % {"count": self.count}

    def send(self, day, connection=None):
        with transaction.atomic():
            marked = Notification.objects.filter(pk__in=self.notification_ids, emailed_on__isnull=True)
            marked = marked.update(emailed_on=day)
            if marked:
                self._deliver(connection)
        return bool(marked)


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
    reminders = [*_agency_reminders(day, days, notes), *_staff_reminders(day, notes), *_digests(day, notes)]
    return Plan(day, reminders, notes)


def raise_daily(day=None, days=None):
    """The day's "due soon" and "overdue" notifications: to each agency's officers, for the tasks its reminder names
    (the rule of tasks/notifications.py: the officers of the task's agencies, group phrases included), in one INSERT;
    a rerun the same day adds nothing (the constraint notification_daily_once). Returns how many the day holds."""
    day = day or timezone.localdate()
    days = settings.PTDS_REMINDER_DAYS if days is None else days
    raised = []
    for agency, officers in _by_agency(roles.OFFICER).items():
        for line in due_lines(agency, day, days):
            kind = Notification.Kind.OVERDUE if line.overdue else Notification.Kind.DUE_SOON
            text = text_of(kind, line.task, line.task.section.programme, _due_detail(line))
            raised += [
                Notification(
                    recipient=officer,
                    kind=kind,
                    task=line.task,
                    programme=line.task.section.programme,
                    text=text,
                    link=line.task.get_absolute_url(),
                    day=day,
                )
                for officer in officers
            ]
    Notification.objects.bulk_create(raised, ignore_conflicts=True)
    return Notification.objects.filter(day=day, kind__in=Notification.DAILY).count()


def _due_detail(line):
    due = line.task.deadline.strftime("%d/%m/%Y")
    if line.overdue:
        return _("hạn %(due)s, quá hạn %(days)d ngày") % {"due": due, "days": line.days_late}
    return _("hạn %(due)s, còn %(days)d ngày") % {"due": due, "days": line.days_left}


def due_lines(agency, day, days):
    """The agency's current tasks overdue or due within `days` days of `day`: lead tasks first, then by deadline."""
    # Work sent as done waits for command staff, not for the agency: no reminder while it waits.
    tasks = Task.objects.current().assigned_to(agency).with_status(day).exclude(status__in=AWAITING)
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
    by_agency = _by_agency(roles.OFFICER)
    chosen = NotificationSettings.objects.email_kinds([user.pk for users in by_agency.values() for user in users])
    for agency, officers in by_agency.items():
        officers = [user for user in officers if chosen[user.pk] & set(Notification.DAILY)]
        lines = due_lines(agency, day, days) if officers else []
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
        reminder = _render(ReminderLog.Kind.AGENCY_DUE, agency, recipients, "agency_due", context, len(lines))
        reminder.user_ids = [user.pk for user in officers]
        yield reminder


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


def _digests(day, notes):
    """Each user's digest: the notifications of the past DIGEST_DAYS days, not read nor e-mailed yet, of the kinds
    they chose by e-mail, the daily kinds apart; none to a user who had one this day (the schedule runs hourly)."""
    recent = Notification.objects.exclude(kind__in=Notification.DAILY).filter(
        day__range=(day - timedelta(days=DIGEST_DAYS), day)
    )
    had = set(recent.filter(emailed_on=day).values_list("recipient", flat=True))
    waiting = (
        recent.unread()
        .filter(emailed_on__isnull=True, recipient__is_active=True)
        .exclude(recipient__in=had)
        .select_related("recipient")
        .order_by("recipient", "created_at", "pk")
    )
    by_user = [(user, list(items)) for user, items in groupby(waiting, key=lambda n: n.recipient)]
    chosen = NotificationSettings.objects.email_kinds([user.pk for user, _items in by_user])
    for user, items in by_user:
        items, address = [item for item in items if item.kind in chosen[user.pk]], user.email.strip()
        if items and not address:
            notes.append(_("Không gửi thư thông báo cho %(user)s: chưa có địa chỉ email.") % {"user": user.username})
        if not items or not address:
            continue
        context = {
            "user": user,
            "day": day,
            "items": items,
            "count": len(items),
            "site": settings.PTDS_SITE_URL,
            "list_url": _link(reverse("tasks:notifications")),
        }
        digest = _render(Digest.KIND, user, [address], "digest", context, len(items), Digest)
        digest.notification_ids = [item.pk for item in items]
        yield digest


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


def _render(kind, agency, recipients, template, context, count, message=Reminder):
    # A subject is one line: the template may wrap, the header may not.
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    return message(kind, agency, recipients, subject, body, count)


def _link(path):
    return f"{settings.PTDS_SITE_URL}{path}"


def _task_list_link(programme, agency):
    return _link(f"{reverse('tasks:list')}?programme={programme.pk}&lead={agency.pk}")
