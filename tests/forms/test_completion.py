"""Completion acceptance (tasks.views.completion): the lead agency sends finished work, the programme's command staff
accept it (optionally graded) or return it with a reason; every forbidden move changes nothing."""

import pytest
from django.urls import reverse

from tasks.models import Notification, ProgressReport, Task
from tasks.status import Acceptance, Grade, Progress, Status

from .conftest import CSRF_PAGE, PDF, assert_refused, detail_url, open_form, page, progress_url, snapshot, upload

DECIDE_BUTTON = "Xác nhận hoặc trả lại"


def completion_url(task):
    return reverse("tasks:completion", args=[task.pk])


def decide_url(report):
    return reverse("tasks:completion_decide", args=[report.task_id, report.pk])


def status_of(task):
    return Task.objects.with_status().get(pk=task.pk).status


def ask(client, task, **fields):
    """Send the task's finished work through the completion form; the response."""
    data = {"version": open_form(client, completion_url(task))["version"], "result": "Đã ban hành kế hoạch."}
    data.setdefault("completed_on", "2025-12-20")
    return client.post(completion_url(task), {**data, **fields})


def sent(client, task):
    assert ask(client, task).status_code == 302
    return ProgressReport.objects.filter(task=task).latest("pk")


def decide(client, report, decision, grade="", note=""):
    prefix = f"done{report.pk}"
    data = {f"{prefix}-decision": decision, f"{prefix}-grade": grade, f"{prefix}-note": note}
    return client.post(decide_url(report), data)


def test_the_lead_agency_sends_finished_work_with_evidence_and_it_waits(login, v5):
    officer = login("congan")
    response = ask(officer, v5, files=[upload("Ke-hoach.pdf", PDF)])
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=v5)
    assert (report.status, report.percent, report.acceptance, report.sets_status) == (
        Progress.DONE,
        100,
        Acceptance.AWAITING,
        True,
    )
    assert report.evidence.count() == 1
    # V.5 is due 31/12/2025; finished on the 20th, it waits "on time", whatever today is.
    assert status_of(v5) == Status.AWAITING_ON_TIME
    html = page(officer.get(detail_url(v5)))
    assert "Đã gửi báo cáo; kết quả đang chờ Ban CHQS xác nhận." in html
    assert "Chờ xác nhận hoàn thành (trong hạn)" in html
    assert 'id="ask-completion"' not in html  # nothing more to send while it waits
    assert DECIDE_BUTTON not in html


def test_finished_after_the_deadline_it_waits_overdue(login, v5):
    assert ask(login("congan"), v5, completed_on="2026-01-05").status_code == 302
    assert status_of(v5) == Status.AWAITING_OVERDUE


def test_command_staff_accept_with_a_grade_and_the_task_is_done_from_the_day_finished(login, v5):
    report = sent(login("congan"), v5)
    staff = login("chqs")
    assert DECIDE_BUTTON in page(staff.get(detail_url(v5)))
    response = decide(staff, report, Acceptance.ACCEPTED, Grade.GOOD, "Đạt yêu cầu.")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.acceptance, report.grade, report.decided_by.username) == (Acceptance.ACCEPTED, Grade.GOOD, "chqs")
    assert status_of(v5) == Status.DONE_ON_TIME  # finished 20/12/2025, due 31/12/2025
    html = page(staff.get(detail_url(v5)))
    assert "Đã xác nhận hoàn thành nhiệm vụ." in html
    assert "Xếp loại: Tốt" in html and DECIDE_BUTTON not in html
    trail = [(entry["action"], entry["detail"]) for entry in staff.get(detail_url(v5)).context["history"]]
    assert ("Ban CHQS xác nhận hoàn thành", "Xếp loại: Tốt · Đạt yêu cầu.") in trail
    assert ProgressReport.history.filter(id=report.pk).latest("history_id").history_user.username == "chqs"


def test_command_staff_return_it_with_a_reason_and_the_task_is_in_progress_again(login, v5):
    report = sent(login("congan"), v5)
    staff = login("chqs")
    assert decide(staff, report, Acceptance.RETURNED, note="Chưa kèm biên bản nghiệm thu.").status_code == 302
    report.refresh_from_db()
    assert (report.acceptance, report.decision_note) == (Acceptance.RETURNED, "Chưa kèm biên bản nghiệm thu.")
    assert status_of(v5) == Status.IN_PROGRESS_OVERDUE  # due 31/12/2025 and not done: overdue today
    assert Task.objects.with_status().get(pk=v5.pk).percent is None  # not the returned report's 100%
    # The agency reads why, and may send its work again.
    officer = login("congan")
    html = page(officer.get(detail_url(v5)))
    assert "Trả lại" in html and "Chưa kèm biên bản nghiệm thu." in html
    assert 'id="ask-completion"' in html
    again = sent(officer, v5)
    assert again.acceptance == Acceptance.AWAITING and again.pk != report.pk


def test_a_return_needs_a_reason_and_takes_no_grade(login, v5):
    report = sent(login("congan"), v5)
    staff = login("chqs")
    before = snapshot(v5)
    assert_refused(decide(staff, report, Acceptance.RETURNED), "Cần ghi lý do trả lại", "note")
    assert_refused(
        decide(staff, report, Acceptance.RETURNED, Grade.FAIL, "Chưa đạt."), "Chỉ xếp loại khi xác nhận", "grade"
    )
    assert decide(staff, report, "forged").status_code == 400
    assert_refused(decide(staff, report, ""), "Hãy chọn xác nhận hoàn thành hoặc trả lại", "decision")
    assert snapshot(v5) == before


def test_a_second_decision_says_it_was_made_and_keeps_the_first(login, v5):
    report = sent(login("congan"), v5)
    assert decide(login("chqs"), report, Acceptance.ACCEPTED).status_code == 302
    before = snapshot(v5)
    response = login("admin").post(
        decide_url(report), {f"done{report.pk}-decision": Acceptance.RETURNED, f"done{report.pk}-note": "Không."}
    )
    assert response.status_code == 302
    follow = login("admin").get(detail_url(v5))
    assert follow.status_code == 200
    assert snapshot(v5) == before


def test_while_work_waits_no_status_setting_report_is_written_over_it(login, v5):
    sent(login("congan"), v5)
    before = snapshot(v5)
    for username in ("congan", "chqs"):
        client = login(username)
        version = open_form(client, progress_url(v5))["version"]
        data = {"version": version, "status": Progress.IN_PROGRESS, "percent": 80, "result": "Tiếp tục."}
        assert_refused(client.post(progress_url(v5), data), "đang chờ Ban CHQS xác nhận")
    assert snapshot(v5) == before


def test_command_staff_s_own_completion_is_accepted_as_written(login, v5):
    staff = login("chqs")
    html = page(staff.get(detail_url(v5)))
    assert "Ghi hoàn thành" in html
    report = sent(staff, v5)
    assert (report.acceptance, report.decided_by.username) == (Acceptance.ACCEPTED, "chqs")
    assert status_of(v5) == Status.DONE_ON_TIME


@pytest.mark.parametrize("username", ["yte", "lanhdao"])
def test_a_supporting_agency_and_leadership_may_not_send_it(login, v5, username):
    client = login(username)
    before = snapshot(v5)
    assert client.get(completion_url(v5)).status_code == 403
    assert client.post(completion_url(v5), {"result": "Xong.", "completed_on": "2025-12-20"}).status_code == 403
    assert snapshot(v5) == before


def test_a_recurring_task_is_accepted_per_period_not_sent_as_done(login, viii2):
    assert login("congan").get(completion_url(viii2)).status_code == 403
    officer = login("congan")
    version = open_form(officer, progress_url(viii2))["version"]
    data = {
        "version": version,
        "status": Progress.IN_PROGRESS,
        "percent": 100,
        "result": "Quý này đã làm.",
        "period": "2026-Q1",
    }
    assert officer.post(progress_url(viii2), data).status_code == 302
    report = ProgressReport.objects.get(task=viii2)
    assert report.acceptance == Acceptance.AWAITING
    assert status_of(viii2) == Status.ONGOING
    # Another period may be reported meanwhile; the same period waits for the decision.
    version = open_form(officer, progress_url(viii2))["version"]
    assert officer.post(progress_url(viii2), {**data, "version": version, "period": "2026-Q2"}).status_code == 302
    version = open_form(officer, progress_url(viii2))["version"]
    assert_refused(officer.post(progress_url(viii2), {**data, "version": version}), "đang chờ Ban CHQS xác nhận")
    assert decide(login("chqs"), report, Acceptance.ACCEPTED, Grade.EXCELLENT).status_code == 302
    report.refresh_from_db()
    assert (report.acceptance, report.grade) == (Acceptance.ACCEPTED, Grade.EXCELLENT)


@pytest.mark.parametrize("username", ["congan", "yte", "lanhdao"])
def test_only_command_staff_decide(login, v5, username):
    report = sent(login("congan"), v5)
    before = snapshot(v5)
    client = login(username)
    assert client.get(decide_url(report)).status_code == 403
    assert decide(client, report, Acceptance.ACCEPTED, Grade.EXCELLENT).status_code == 403
    assert snapshot(v5) == before


def test_a_report_decided_through_another_task_or_a_forged_id_is_not_found(login, v5, viii2):
    report = sent(login("congan"), v5)
    staff = login("chqs")
    before = snapshot(v5)
    assert staff.post(reverse("tasks:completion_decide", args=[viii2.pk, report.pk])).status_code == 404
    assert staff.post(reverse("tasks:completion_decide", args=[v5.pk, report.pk + 999])).status_code == 404
    assert staff.get(reverse("tasks:completion", args=[999999])).status_code == 404
    assert snapshot(v5) == before


def test_a_contribution_is_not_decided(login, v5):
    officer = login("yte")
    version = open_form(officer, progress_url(v5))["version"]
    data = {"version": version, "status": Progress.DONE, "result": "Phần phối hợp.", "completed_on": "2025-12-01"}
    assert officer.post(progress_url(v5), data).status_code == 302
    support = ProgressReport.objects.get(task=v5)
    assert (support.sets_status, support.acceptance) == (False, "")
    assert login("chqs").post(decide_url(support)).status_code == 404


def test_missing_csrf_token_is_refused(login, v5):
    report = sent(login("congan"), v5)
    staff = login("chqs", enforce_csrf_checks=True)
    before = snapshot(v5)
    response = decide(staff, report, Acceptance.ACCEPTED)
    assert response.status_code == 403
    assert CSRF_PAGE in page(response)
    assert snapshot(v5) == before


def told(kind):
    """Who got a notification of this kind (usernames)."""
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_each_step_tells_the_other_side_and_not_the_one_who_acted(login, v5):
    report = sent(login("congan"), v5)
    assert told(Notification.Kind.COMPLETION_ASKED) == ["chqs"]  # the programme's command staff, not Y tế
    asked = Notification.objects.get(kind=Notification.Kind.COMPLETION_ASKED)
    assert asked.link == detail_url(v5) and "Đã ban hành kế hoạch." in asked.text
    assert decide(login("chqs"), report, Acceptance.RETURNED, note="Thiếu biên bản.").status_code == 302
    returned = Notification.objects.get(kind=Notification.Kind.COMPLETION_RETURNED)
    assert (returned.recipient.username, returned.actor.username) == ("congan", "chqs")
    assert "Thiếu biên bản." in returned.text
    again = sent(login("congan"), v5)
    assert decide(login("chqs"), again, Acceptance.ACCEPTED, Grade.GOOD).status_code == 302
    assert told(Notification.Kind.COMPLETION_ACCEPTED) == ["congan"]
    assert "Tốt" in Notification.objects.get(kind=Notification.Kind.COMPLETION_ACCEPTED).text


def test_a_refused_decision_tells_no_one(login, v5):
    report = sent(login("congan"), v5)
    before = Notification.objects.count()
    assert decide(login("chqs"), report, Acceptance.RETURNED).status_code == 400  # no reason given
    assert decide(login("lanhdao"), report, Acceptance.ACCEPTED).status_code == 403
    assert Notification.objects.count() == before
