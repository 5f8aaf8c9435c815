"""The notification centre: who is told of each event, the bell, the list and its filters, opening and marking read,
the e-mail settings, and the daily run's notifications and digest."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tasks import reminders
from tasks.models import ExtensionRequest, Notification, NotificationSettings, Task, ThreadEntry
from tasks.notifications import notify
from tests.conftest import run
from tests.test_send_reminders import FAILING

from .conftest import CITY, CONG_AN, agency, assignment_payload, programme, task, user
from .test_extensions import ask, decide
from .test_thread import ask_explanation, write

Kind = Notification.Kind
today = timezone.localdate()
LIST = reverse("tasks:notifications")
# Session, user, role groups, profile and agency (the menu), the bell's unread count, the paginator's count, the page.
LIST_QUERIES = 8


def told(kind):
    """The usernames of those told of this kind of event."""
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def assign(client, t, **changes):
    return client.post(reverse("tasks:assign", args=[t.pk]), assignment_payload(t, **changes))


def raise_for(username, count, kind=Kind.DIRECTIVE, task=None):
    notifications = [
        Notification(recipient=user(username), kind=kind, task=task, text=f"Thông báo số {n}", link="/tasks/")
        for n in range(count)
    ]
    return Notification.objects.bulk_create(notifications)


# Who is told of what


def test_an_extension_request_reaches_the_command_staff_and_the_decision_the_agency(chqs, congan, police_task):
    assert ask(congan, police_task).status_code == 302
    assert told(Kind.EXTENSION_ASKED) == {"chqs"}  # not the officer who asked, not leadership, not Phòng Y tế
    notification = Notification.objects.get(kind=Kind.EXTENSION_ASKED)
    assert notification.text.startswith("Đề xuất gia hạn: 04/CTr-UBND, nhiệm vụ V.5: ")
    assert "Công an thành phố Thái Nguyên đề xuất hạn" in notification.text
    assert (notification.link, notification.actor, notification.task) == (
        police_task.get_absolute_url(),
        user("congan"),
        police_task,
    )
    request = police_task.extension_requests.get()
    assert decide(chqs, police_task, request, ExtensionRequest.State.REFUSED, "Chưa đủ căn cứ").status_code == 302
    assert told(Kind.EXTENSION_DECIDED) == {"congan"}
    assert "Không đồng ý: Chưa đủ căn cứ" in Notification.objects.get(kind=Kind.EXTENSION_DECIDED).text


def test_agencies_added_to_a_task_are_told_and_the_others_not(chqs, unnamed_task):
    response = assign(chqs, unnamed_task, support=[a.pk for a in unnamed_task.support_agencies] + [agency(CONG_AN).pk])
    assert response.status_code == 302
    assert told(Kind.ASSIGNED) == {"congan"}
    assert "Phối hợp: Công an thành phố Thái Nguyên" in Notification.objects.get().text
    assign(chqs, unnamed_task, due_override="")  # nothing changes: nobody is told again
    assert Notification.objects.count() == 1


def test_an_officer_put_in_charge_is_told(chqs, police_task):
    assert assign(chqs, police_task, responsible_officer=user("congan").pk).status_code == 302
    assert told(Kind.ASSIGNED) == {"congan"}
    assert "cán bộ phụ trách" in Notification.objects.get().text


def test_a_new_deadline_reaches_every_agency_of_the_task_through_its_groups(chqs, police_task):
    later = today + datetime.timedelta(days=45)
    assert assign(chqs, police_task, due_override=later, due_override_reason="Theo chỉ đạo").status_code == 302
    # Công an leads V.5; Phòng Y tế supports it as a member of a group phrase; the actor is not told.
    assert told(Kind.DEADLINE_CHANGED) == {"congan", "yte"}
    assert f"hạn mới {later:%d/%m/%Y}: Theo chỉ đạo" in Notification.objects.first().text


def test_an_explanation_request_reaches_the_lead_agency_only_and_its_reply_the_asker(chqs, congan, police_task):
    assert ask_explanation(chqs, police_task).status_code == 302
    assert told(Kind.EXPLANATION_REQUESTED) == {"congan"}  # not Phòng Y tế, which only supports
    request = police_task.thread_entries.get()
    assert Notification.objects.get().link == f"{police_task.get_absolute_url()}#entry-{request.pk}"
    write(congan, police_task, ThreadEntry.Kind.REPLY, "Đang chờ kinh phí", answers=request.pk)
    assert told(Kind.EXPLANATION_ANSWERED) == {"chqs"}


def test_a_reply_to_leadership_reaches_the_leader_who_asked(lanhdao, congan, police_task):
    ask_explanation(lanhdao, police_task)
    write(congan, police_task, ThreadEntry.Kind.REPLY, "Đã xong", answers=police_task.thread_entries.get().pk)
    assert told(Kind.EXPLANATION_ANSWERED) == {"lanhdao", "chqs"}


def test_directives_reach_the_agencies_and_the_command_staff_not_the_leader(lanhdao, police_task):
    write(lanhdao, police_task, ThreadEntry.Kind.DIRECTIVE, "Khẩn trương")
    assert told(Kind.DIRECTIVE) == {"chqs", "congan", "yte"}
    Notification.objects.all().delete()
    city = programme(CITY)
    write(lanhdao, city, ThreadEntry.Kind.DIRECTIVE, "Rà soát toàn bộ chương trình")
    assert told(Kind.DIRECTIVE) == {"chqs", "congan", "yte"}  # both lead city tasks
    entry = city.thread_entries.get()
    assert Notification.objects.first().link == f"{reverse('tasks:programme_thread', args=[city.pk])}#entry-{entry.pk}"


def test_a_note_tells_nobody(congan, police_task):
    write(congan, police_task, ThreadEntry.Kind.NOTE, "Đã họp triển khai")
    assert not Notification.objects.exists()


def test_a_returned_completion_reaches_the_lead_agency(seeded, police_task):
    count = notify(Kind.COMPLETION_RETURNED, task=police_task, actor=user("chqs"), detail="Thiếu biên bản")
    assert count == 1 and told(Kind.COMPLETION_RETURNED) == {"congan"}
    assert Notification.objects.get().text.startswith("Trả lại, chưa xác nhận hoàn thành: 04/CTr-UBND, nhiệm vụ V.5")
    assert notify(Kind.COMPLETION_ASKED, task=police_task, actor=user("congan")) == 1
    assert told(Kind.COMPLETION_ASKED) == {"chqs"}


def test_command_staff_of_another_programme_are_not_told(seeded, bac_giang_task):
    notify(Kind.EXTENSION_ASKED, task=bac_giang_task)
    assert "chqs" not in told(Kind.EXTENSION_ASKED)


def test_inactive_accounts_are_not_told(seeded, police_task):
    get_user_model().objects.filter(username="congan").update(is_active=False)
    assert notify(Kind.COMPLETION_RETURNED, task=police_task, actor=user("chqs")) == 0


def test_an_event_is_one_select_and_one_insert(seeded, police_task):
    task, actor = Task.objects.select_related("section__programme").get(pk=police_task.pk), user("lanhdao")
    with CaptureQueriesContext(connection) as queries:
        notify(Kind.DIRECTIVE, task=task, actor=actor)
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SELECT", "INSERT"]


# The daily run


def test_the_daily_run_raises_due_notifications_once_a_day(seeded, police_task, mailoutbox):
    police_task.due_override, police_task.due_override_reason = today + datetime.timedelta(days=2), "Ấn định"
    police_task.save()
    run("send_reminders")
    run("send_reminders")
    due = Notification.objects.filter(kind=Kind.DUE_SOON, task=police_task)
    assert sorted(due.values_list("recipient__username", flat=True)) == ["congan", "yte"]
    assert "còn 2 ngày" in due.first().text
    run("send_reminders", "--date", (today + datetime.timedelta(days=3)).isoformat())  # a day later: overdue
    assert told(Kind.OVERDUE) == {"congan", "yte"}
    assert due.count() == 2


def digests(outbox):
    return [m for m in outbox if m.subject.startswith("[PTDS] Thông báo ngày")]


def test_the_digest_mails_the_chosen_kinds_once_a_day(chqs, congan, police_task, mailoutbox):
    get_user_model().objects.filter(username="congan").update(email="congan@ptds.example.vn")
    ask_explanation(chqs, police_task)
    write(chqs, police_task, ThreadEntry.Kind.NOTE, "Ghi chú")  # no notification
    printed = run("send_reminders")
    [message] = digests(mailoutbox)
    assert message.subject.startswith(f"[PTDS] Thông báo ngày {today:%d/%m/%Y}: 1 thông báo mới")
    assert "Yêu cầu giải trình: 04/CTr-UBND, nhiệm vụ V.5" in message.body
    assert f"/tasks/{police_task.pk}/#entry-" in message.body
    assert "Đã gửi tới congan (1 thông báo)" in printed
    assert Notification.objects.get(kind=Kind.EXPLANATION_REQUESTED).emailed_on == today
    ask_explanation(chqs, police_task, text="Hỏi thêm")  # later the same day: tomorrow's digest
    run("send_reminders")
    assert len(digests(mailoutbox)) == 1
    run("send_reminders", "--date", (today + datetime.timedelta(days=1)).isoformat())
    assert len(digests(mailoutbox)) == 2 and "Hỏi thêm" in mailoutbox[-1].body


def test_a_digest_the_server_refused_marks_nothing_and_goes_next_time(seeded, mailoutbox, settings):
    get_user_model().objects.filter(username="yte").update(email=FAILING)
    notify(Kind.EXPLANATION_REQUESTED, task=task(CITY, "VIII", "5"), actor=user("chqs"))  # Phòng Y tế leads it
    settings.EMAIL_BACKEND = "tests.test_send_reminders.FailingForOneBackend"
    with pytest.raises(CommandError):
        call_command("send_reminders", stdout=StringIO(), stderr=StringIO())
    assert Notification.objects.get(kind=Kind.EXPLANATION_REQUESTED).emailed_on is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run("send_reminders")
    assert len(digests(mailoutbox)) == 1


@pytest.mark.parametrize("more", [0, 60])
def test_the_digests_take_the_same_queries_for_any_number(seeded, police_task, more):
    get_user_model().objects.filter(username__in=["congan", "chqs"]).update(email="x@ptds.example.vn")
    notify(Kind.EXPLANATION_REQUESTED, task=police_task)
    notify(Kind.EXTENSION_ASKED, task=police_task)
    with CaptureQueriesContext(connection) as few:
        reminders.plan()
    for _ in range(more):
        notify(Kind.EXPLANATION_REQUESTED, task=police_task)
    with CaptureQueriesContext(connection) as many:
        found = reminders.plan()
    assert len(many) == len(few)
    assert sum(r.count for r in found.reminders if isinstance(r, reminders.Digest)) == 1 + more


def test_kinds_not_chosen_are_not_mailed(chqs, congan, police_task, mailoutbox):
    get_user_model().objects.filter(username="congan").update(email="congan@ptds.example.vn")
    NotificationSettings.objects.create(user=user("congan"), email_kinds=[Kind.DIRECTIVE])
    police_task.due_override, police_task.due_override_reason = today, "Ấn định"
    police_task.save()
    ask_explanation(chqs, police_task)
    run("send_reminders")
    assert not [m for m in mailoutbox if "congan@ptds.example.vn" in m.to]  # neither the digest nor the reminder
    assert not Notification.objects.filter(emailed_on__isnull=False).exists()


def test_the_agency_reminder_marks_the_daily_notifications_mailed(seeded, police_task, mailoutbox):
    get_user_model().objects.filter(username="congan").update(email="congan@ptds.example.vn")
    police_task.due_override, police_task.due_override_reason = today, "Ấn định"
    police_task.save()
    run("send_reminders")
    mailed = Notification.objects.filter(kind=Kind.DUE_SOON, recipient__username="congan")
    assert mailed.get().emailed_on == today
    assert Notification.objects.get(kind=Kind.DUE_SOON, recipient__username="yte").emailed_on is None  # no address


# The pages


@pytest.mark.parametrize("persona", ["chqs", "congan", "yte", "lanhdao", "admin"])
def test_everyone_sees_their_own_notifications_only(request, persona):
    client = request.getfixturevalue(persona)
    raise_for(persona, 2)
    raise_for("congan" if persona != "congan" else "yte", 3)
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2
    assert 'id="notification-count">2<' in response.content.decode()


def test_anonymous_is_sent_to_the_login_and_the_login_page_counts_nothing(anonymous):
    assert anonymous.get(LIST).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        assert anonymous.get(reverse("login")).status_code == 200
    assert not any("notification" in q["sql"] for q in queries.captured_queries)


def test_the_bell_counts_unread_on_every_page(congan, police_task):
    raise_for("congan", 3)
    html = congan.get(police_task.get_absolute_url()).content.decode()
    assert 'id="notification-count">3<' in html
    Notification.objects.filter(pk=Notification.objects.first().pk).mark_read()
    assert 'id="notification-count">2<' in congan.get(reverse("tasks:my")).content.decode()


def test_filters_by_kind_and_unread(congan):
    raise_for("congan", 2, kind=Kind.OVERDUE)
    raise_for("congan", 3, kind=Kind.DIRECTIVE)
    read = Notification.objects.filter(kind=Kind.DIRECTIVE).first()
    Notification.objects.filter(pk=read.pk).mark_read()
    assert congan.get(LIST, {"kind": "overdue"}).context["page"].paginator.count == 2
    assert congan.get(LIST, {"kind": "directive", "unread": "on"}).context["page"].paginator.count == 2
    assert congan.get(LIST, {"kind": "không có"}).context["page"].paginator.count == 5  # a forged kind filters nothing


def test_the_list_is_newest_first_and_paginated(congan):
    raise_for("congan", 35)
    first = congan.get(LIST).context["page"]
    assert [n.text for n in first.object_list[:2]] == ["Thông báo số 34", "Thông báo số 33"]
    assert len(first.object_list) == 30
    second = congan.get(LIST, {"page": 2, "kind": "directive"})
    assert len(second.context["page"].object_list) == 5
    assert "kind=directive&amp;page=1" in second.content.decode()


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_takes_the_same_queries_for_any_number(congan, django_assert_num_queries, count):
    raise_for("congan", count)
    with django_assert_num_queries(LIST_QUERIES):
        response = congan.get(LIST)
    assert len(response.context["page"].object_list) == min(count, 30)


def test_opening_marks_it_read_and_goes_to_its_page(congan, police_task):
    notify(Kind.EXPLANATION_REQUESTED, task=police_task, actor=user("chqs"))
    notification = Notification.objects.get()
    response = congan.get(reverse("tasks:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == police_task.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_off_the_site_is_not_followed(congan):
    [notification] = raise_for("congan", 1)
    for link in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        Notification.objects.filter(pk=notification.pk).update(link=link)
        response = congan.get(reverse("tasks:notification_open", args=[notification.pk]))
        assert response.url == LIST


def test_another_users_notification_does_not_exist(congan, yte):
    [notification] = raise_for("yte", 1)
    assert congan.get(reverse("tasks:notification_open", args=[notification.pk])).status_code == 404
    assert congan.get(reverse("tasks:notification_open", args=[987654])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_marks_only_ones_own(congan):
    raise_for("congan", 4)
    raise_for("yte", 2)
    assert congan.get(reverse("tasks:notifications_read")).status_code == 405
    response = congan.post(reverse("tasks:notifications_read"), follow=True)
    assert "Đã đánh dấu 4 thông báo là đã đọc." in response.content.decode()
    assert 'id="notification-count">0<' in response.content.decode()
    assert Notification.objects.unread().count() == 2


def test_mark_all_read_needs_the_csrf_token(seeded):
    raise_for("congan", 1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("congan"))
    assert client.post(reverse("tasks:notifications_read")).status_code == 403
    assert Notification.objects.unread().count() == 1


SETTINGS = reverse("tasks:notification_settings")


def test_the_email_settings_default_and_change(congan):
    form = congan.get(SETTINGS).context["form"]
    assert set(form["email_kinds"].value()) == {
        "overdue",
        "due_soon",
        "explanation_requested",
        "extension_decided",
        "completion_returned",
    }
    assert congan.post(SETTINGS, {"email_kinds": ["directive", "overdue"]}).status_code == 302
    assert NotificationSettings.objects.get(user=user("congan")).email_kinds == ["directive", "overdue"]
    assert congan.post(SETTINGS, {}).status_code == 302  # nothing by e-mail
    assert NotificationSettings.objects.get(user=user("congan")).email_kinds == []


def test_a_forged_kind_is_refused_in_vietnamese(congan):
    response = congan.post(SETTINGS, {"email_kinds": ["overdue", "tất cả"]})
    assert response.status_code == 400
    assert "Loại thông báo “tất cả” không có." in response.content.decode()
    assert not NotificationSettings.objects.exists()
