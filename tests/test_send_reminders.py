"""manage.py send_reminders: one e-mail per agency a day, officers about due tasks, command staff about silent agencies.

Deadlines that matter are set relative to today (and the rest are checked against the status rules in Python), so
the results do not drift with the date.
"""

import datetime
import re
import smtplib
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Profile
from tasks import reminders
from tasks.models import Notification, ReminderLog, Task
from tasks.periods import quarter_of
from tasks.roles import OFFICER
from tasks.status import AWAITING
from tests.conftest import run
from tests.views import conftest as views
from tests.views.conftest import (
    BAN_CHQS,
    CITY,
    CONG_AN,
    Y_TE,
    agency,
    names_agency,
    report,
    status_by_the_rules,
    synthetic_tasks,
    task,
)

# The view tests' seeded tasks, as fixtures here too (their conftest only reaches tests/views/).
varied_progress, police_task, group_task = views.varied_progress, views.police_task, views.group_task
unnamed_task = views.unnamed_task

SITE = "http://127.0.0.1:8000"
FAILING = "yte@ptds.example.vn"


class FailingForOneBackend(EmailBackend):
    """The test outbox, except that the server refuses every message to FAILING, as a broken mailbox would."""

    def send_messages(self, messages):
        for message in messages:
            if FAILING in message.to:
                raise smtplib.SMTPRecipientsRefused({FAILING: (550, b"Mailbox unavailable")})
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def _site_and_reminder_days(settings):
    settings.PTDS_SITE_URL = SITE
    settings.PTDS_REMINDER_DAYS = 7


@pytest.fixture
def emails(seeded):
    """The demo accounts have no e-mail address: give the two officers and command staff one."""
    for username in ("congan", "yte", "chqs"):
        get_user_model().objects.filter(username=username).update(email=f"{username}@ptds.example.vn")


def due_in(t, days):
    t.due_override, t.due_override_reason = timezone.localdate() + datetime.timedelta(days=days), "Ban CHQS ấn định"
    t.save()
    return t


def mail_to(outbox, username):
    """The one message sent to the user (more than one would break the one-a-day rule)."""
    found = [m for m in outbox if f"{username}@ptds.example.vn" in m.to]
    assert len(found) == 1, [m.to for m in outbox]
    return found[0]


def linked(message):
    """The ids of the tasks whose pages the message links to, in order."""
    return [int(pk) for pk in re.findall(rf"{re.escape(SITE)}/tasks/(\d+)/", message.body)]


def listed_agencies(message):
    return re.findall(r"^  - (.+)$", message.body, re.MULTILINE)


def due_by_the_rules(agency_name, days=7):
    """The current tasks naming the agency that are open and overdue, or due within `days` days (in Python)."""
    today, mine = timezone.localdate(), agency(agency_name)
    found = set()
    for t in Task.objects.current().prefetch_related("assignments__agency__members", "progress_reports"):
        status = status_by_the_rules(t)
        due = t.effective_due
        soon = due is not None and not status.is_done and not status.is_overdue and 0 <= (due - today).days <= days
        waits = status in AWAITING  # sent as done: command staff's move, no reminder to the agency
        if names_agency(t, mine) and status.value != "ongoing" and not waits and (status.is_overdue or soon):
            found.add(t.pk)
    return found


def test_one_email_per_agency_with_its_overdue_and_due_soon_tasks(varied_progress, emails, mailoutbox):
    far = due_in(task(CITY, "VI", "2"), 60)  # Công an leads it: on time, far off
    run("send_reminders")
    assert sorted(to for m in mailoutbox for to in m.to) == sorted(
        ["congan@ptds.example.vn", "yte@ptds.example.vn", "chqs@ptds.example.vn"]
    )
    police = mail_to(mailoutbox, "congan")
    shown = linked(police)
    assert len(shown) == len(set(shown)), "each task once"
    assert set(shown) == due_by_the_rules(CONG_AN)
    assert varied_progress["in_progress_overdue"].pk in shown  # the day after the deadline
    assert varied_progress["in_progress_on_time"].pk in shown  # the deadline is today
    for not_due in ("done_on_time", "done_late", "due_soon", "ongoing"):  # due_soon is 10 days off: beyond 7
        assert varied_progress[not_due].pk not in shown, not_due
    assert far.pk not in shown
    assert "Hạn: " + timezone.localdate().strftime("%d/%m/%Y") + " (hạn là hôm nay)" in police.body
    assert "(quá hạn 1 ngày)" in police.body


def test_lead_tasks_come_first(varied_progress, emails, mailoutbox):
    led = due_in(task(CITY, "VI", "2"), 2)  # Công an leads it with Ban CHQS
    run("send_reminders")
    body = mail_to(mailoutbox, "congan").body
    lead_part, support_part = body.split("NHIỆM VỤ CƠ QUAN PHỐI HỢP")
    assert "NHIỆM VỤ CƠ QUAN CHỦ TRÌ" in lead_part and f"/tasks/{led.pk}/" in lead_part
    assert f"/tasks/{varied_progress['in_progress_overdue'].pk}/" in support_part  # Ban CHQS leads V.6


def test_tasks_of_another_agency_are_absent(seeded, emails, mailoutbox, unnamed_task):
    due_in(unnamed_task, -3)  # overdue, but Phòng Tài nguyên và Môi trường has no officer here
    run("send_reminders")
    for username in ("congan", "yte"):
        assert unnamed_task.pk not in linked(mail_to(mailoutbox, username))


def test_tasks_named_through_a_group_phrase_are_included(seeded, emails, mailoutbox, group_task):
    due_in(group_task, 3)  # led by "Các phòng, ban, cơ quan, đơn vị, địa phương" only
    run("send_reminders")
    body = mail_to(mailoutbox, "yte").body
    lead_part = body.split("NHIỆM VỤ CƠ QUAN PHỐI HỢP")[0]
    assert f"{SITE}/tasks/{group_task.pk}/" in lead_part  # the group leads it, so Phòng Y tế does
    assert "(còn 3 ngày)" in body


def test_the_subject_and_text_are_vietnamese_and_link_to_the_task(seeded, emails, mailoutbox, settings, police_task):
    settings.PTDS_SITE_URL = "https://ptds.thainguyen.example.vn"
    police_task.content = 'Diễn tập "Phòng thủ dân sự" & ứng phó sự cố'  # plain text: nothing escaped
    police_task.save()
    due_in(police_task, 1)
    run("send_reminders")
    message = mail_to(mailoutbox, "congan")
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert message.subject.startswith(f"[PTDS] Nhắc việc ngày {today}: Công an thành phố có ")
    assert "nhiệm vụ quá hạn" in message.subject and "sắp đến hạn" in message.subject
    assert message.body.startswith("Kính gửi: Công an thành phố Thái Nguyên.")
    assert f"https://ptds.thainguyen.example.vn/tasks/{police_task.pk}/" in message.body
    assert '04/CTr-UBND, nhiệm vụ V.5: Diễn tập "Phòng thủ dân sự" & ứng phó sự cố' in message.body
    assert "Tình trạng: Chưa thực hiện (trong hạn)." in message.body
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_command_staff_get_the_agencies_that_have_not_reported_this_quarter(seeded, emails, mailoutbox, police_task):
    today = timezone.localdate()
    report(police_task, "congan", reported_on=today)  # Công an reported this quarter
    health = task(CITY, "VIII", "5")  # led by Phòng Y tế
    report(health, "yte", reported_on=quarter_of(today).start - datetime.timedelta(days=1))  # last quarter: not now
    report(task(CITY, "I", "1"), "yte", sets_status=False, reported_on=today)  # a supporting contribution: not now
    run("send_reminders")
    staff = mail_to(mailoutbox, "chqs")
    assert f"chưa báo cáo tiến độ {quarter_of(today).label}" in staff.subject
    listed = listed_agencies(staff)
    assert CONG_AN not in listed
    assert Y_TE in listed and BAN_CHQS in listed
    # Every member of the group phrases that lead city tasks is a lead; the phrases themselves never report.
    assert listed == sorted(a.name for a in programme_leads()) and len(listed) == 7
    assert not any(name.startswith("Các ") for name in listed)
    assert f"{SITE}/tasks/?programme={police_task.section.programme_id}&lead={agency(Y_TE).pk}" in staff.body
    log = ReminderLog.objects.get(kind=ReminderLog.Kind.STAFF_UNREPORTED)
    assert (log.agency.name, log.item_count, log.recipients) == (BAN_CHQS, 7, "chqs@ptds.example.vn")


def programme_leads():
    city = task(CITY, "I", "1").section.programme
    return [a for a in city.lead_agencies() if a.name != CONG_AN]


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(varied_progress, emails, mailoutbox):
    run("send_reminders")
    assert len(mailoutbox) == 3 and ReminderLog.objects.count() == 3
    again = run("send_reminders")
    assert len(mailoutbox) == 3 and ReminderLog.objects.count() == 3
    assert "Đã gửi trước đó trong ngày, không gửi lại: Công an thành phố Thái Nguyên." in again
    assert "đã gửi 0 thư; 3 thư đã gửi trước đó" in again
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    run("send_reminders", "--date", tomorrow.isoformat())
    assert len(mailoutbox) == 6
    assert ReminderLog.objects.filter(day=tomorrow).count() == 3


def test_a_dry_run_sends_and_writes_nothing(varied_progress, emails, mailoutbox):
    printed = run("send_reminders", "--dry-run")
    assert mailoutbox == [] and not ReminderLog.objects.exists() and not Notification.objects.exists()
    count = len(due_by_the_rules(CONG_AN))
    assert (
        f"Sẽ gửi (chạy thử) tới Công an thành phố Thái Nguyên ({count} nhiệm vụ): congan@ptds.example.vn – “[PTDS]"
        in printed
    )
    assert "Ban Chỉ huy quân sự thành phố Thái Nguyên (" in printed and "cơ quan chưa báo cáo): chqs@" in printed
    assert "sẽ gửi (chạy thử) 3 thư" in printed
    run("send_reminders")  # and the real run afterwards still sends everything
    assert len(mailoutbox) == 3


def test_days_widens_the_window(varied_progress, emails, mailoutbox):
    run("send_reminders", "--days", "10")
    assert varied_progress["due_soon"].pk in linked(mail_to(mailoutbox, "congan"))


def test_an_officer_without_email_is_skipped_with_a_note(seeded, emails, mailoutbox, police_task):
    due_in(police_task, 2)
    second = get_user_model().objects.create_user("congan2", first_name="Đỗ Văn Hai")  # no address
    second.groups.add(*get_user_model().objects.get(username="congan").groups.filter(name=OFFICER))
    Profile.objects.create(user=second, agency=agency(CONG_AN))
    get_user_model().objects.filter(username="yte").update(email="")
    printed = run("send_reminders")
    assert "Bỏ qua congan2 (Công an thành phố Thái Nguyên): chưa có địa chỉ email." in printed
    assert "Không gửi thư cho Phòng Y tế thành phố Thái Nguyên: không ai nhận có địa chỉ email." in printed
    assert mail_to(mailoutbox, "congan").to == ["congan@ptds.example.vn"]
    assert not any("yte@" in to for m in mailoutbox for to in m.to)
    assert not ReminderLog.objects.filter(agency=agency(Y_TE)).exists()


def test_a_failed_send_is_not_recorded_and_the_others_still_go(varied_progress, emails, mailoutbox, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingForOneBackend"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 thư không gửi được; chạy lại lệnh để gửi lại."):
        call_command("send_reminders", stdout=out, stderr=err)
    assert "Không gửi được thư tới Phòng Y tế thành phố Thái Nguyên (yte@ptds.example.vn)" in err.getvalue()
    assert "Chưa ghi nhận; lần chạy sau sẽ gửi lại." in err.getvalue()
    assert sorted(to for m in mailoutbox for to in m.to) == ["chqs@ptds.example.vn", "congan@ptds.example.vn"]
    assert not ReminderLog.objects.filter(agency=agency(Y_TE)).exists()
    assert ReminderLog.objects.count() == 2
    # The server is back: the rerun sends only what failed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    printed = run("send_reminders")
    assert "đã gửi 1 thư; 2 thư đã gửi trước đó; 0 thư lỗi" in printed
    assert mailoutbox[-1].to == ["yte@ptds.example.vn"] and len(mailoutbox) == 3


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "2025-13-01"], "Ngày “2025-13-01” không đúng; hãy ghi một ngày có thật theo mẫu YYYY-MM-DD"),
        (["--date", "22/11/2026"], "Ngày “22/11/2026” không đúng"),
        (["--date", "1999-12-31"], "Năm 1999 nằm ngoài khoảng 2000–2100."),
        (["--days", "-1"], r"Số ngày \(--days\) phải từ 0 trở lên."),
    ],
)
def test_bad_arguments_get_one_vietnamese_message(seeded, emails, mailoutbox, args, message):
    with pytest.raises(CommandError, match=message):
        run("send_reminders", *args)
    assert mailoutbox == [] and not ReminderLog.objects.exists()


def test_queries_do_not_grow_with_the_tasks(seeded, emails, django_assert_max_num_queries):
    soon = timezone.localdate() + datetime.timedelta(days=2)
    synthetic_tasks(3, numeral="XI", due_on=soon)
    with CaptureQueriesContext(connection) as few:
        reminders.plan()
    synthetic_tasks(200, numeral="XII", due_on=soon)
    with django_assert_max_num_queries(len(few)):
        found = reminders.plan()
    police = next(r for r in found.reminders if r.agency.name == CONG_AN)
    assert police.count >= 203 and police.body.count(f"{SITE}/tasks/") == police.count


def mail_settings(**env):
    """EMAIL_BACKEND, EMAIL_PORT and DEFAULT_FROM_EMAIL as ptds/settings.py reads them from this environment."""
    code = "from ptds import settings as s; print(s.EMAIL_BACKEND, getattr(s, 'EMAIL_PORT', '-'), s.DEFAULT_FROM_EMAIL)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split(" ", 2)


def test_mail_goes_to_the_console_unless_an_smtp_server_is_named():
    assert mail_settings() == ["django.core.mail.backends.console.EmailBackend", "-", "PTDS <no-reply@localhost>\n"]
    named = mail_settings(
        DJANGO_EMAIL_HOST="smtp.example.vn", DJANGO_EMAIL_PORT="465", DJANGO_DEFAULT_FROM_EMAIL="a@b.vn"
    )
    assert named == ["django.core.mail.backends.smtp.EmailBackend", "465", "a@b.vn\n"]
