"""Ban CHQS confirms a done report (tasks.views.report_confirm): only a lead agency's «done» report, once."""

import pytest
from django.urls import reverse

from tasks.models import ProgressReport, Task
from tasks.status import Progress

from .conftest import CSRF_PAGE, detail_url, open_form, page, progress_url, snapshot

CONFIRM_BUTTON = "Xác nhận hoàn thành"


def confirm_url(report):
    return reverse("tasks:confirm", args=[report.task_id, report.pk])


def file_report(client, task, status=Progress.DONE):
    """Post a report through the form as the persona of `client`; the saved report."""
    version = open_form(client, progress_url(task))["version"]
    data = {"version": version, "status": status, "percent": 100 if status == Progress.DONE else 50, "result": "Xong."}
    assert client.post(progress_url(task), data).status_code == 302
    return ProgressReport.objects.filter(task=task).latest("pk")


def test_command_staff_confirm_a_done_lead_report(login, v5):
    done = file_report(login("congan"), v5)
    assert done.sets_status and done.confirmed_at is None
    staff = login("chqs")
    assert CONFIRM_BUTTON in page(staff.get(detail_url(v5)))

    response = staff.post(confirm_url(done), follow=True)
    assert response.redirect_chain == [(detail_url(v5), 302)]
    assert "Đã xác nhận hoàn thành nhiệm vụ." in page(response)
    assert CONFIRM_BUTTON not in page(response)
    assert "Ban CHQS đã xác nhận" in page(response)
    done.refresh_from_db()
    assert done.confirmed_by.username == "chqs"
    assert done.confirmed_at is not None
    assert ProgressReport.history.filter(id=done.pk).latest("history_id").history_user.username == "chqs"


def test_a_second_confirmation_says_already_confirmed_and_keeps_the_first(login, v5):
    done = file_report(login("congan"), v5)
    first = login("chqs")
    assert first.post(confirm_url(done)).status_code == 302
    done.refresh_from_db()
    confirmed_by, confirmed_at = done.confirmed_by, done.confirmed_at

    response = login("admin").post(confirm_url(done), follow=True)
    assert "Báo cáo này đã được xác nhận trước đó." in page(response)
    assert "Đã xác nhận hoàn thành nhiệm vụ." not in page(response)
    done.refresh_from_db()
    assert (done.confirmed_by, done.confirmed_at) == (confirmed_by, confirmed_at)
    assert confirmed_by.username == "chqs"


def test_a_report_not_done_cannot_be_confirmed(login, v5):
    open_report = file_report(login("congan"), v5, status=Progress.IN_PROGRESS)
    before = snapshot(v5)
    assert login("chqs").post(confirm_url(open_report)).status_code == 404
    assert snapshot(v5) == before
    open_report.refresh_from_db()
    assert open_report.confirmed_at is None and open_report.confirmed_by is None


def test_a_support_agency_report_cannot_be_confirmed(login, v5):
    support = file_report(login("yte"), v5)
    assert (support.status, support.sets_status) == (Progress.DONE, False)
    staff = login("chqs")
    assert CONFIRM_BUTTON not in page(staff.get(detail_url(v5)))
    before = snapshot(v5)
    assert staff.post(confirm_url(support)).status_code == 404
    assert snapshot(v5) == before


def test_a_report_confirmed_through_another_task_is_not_found(login, v5, viii2):
    done = file_report(login("congan"), v5)
    before = snapshot(v5)
    wrong = reverse("tasks:confirm", args=[viii2.pk, done.pk])
    assert login("chqs").post(wrong).status_code == 404
    assert snapshot(v5) == before


@pytest.mark.parametrize("username", ["congan", "yte", "lanhdao"])
def test_only_command_staff_may_confirm(login, v5, username):
    done = file_report(login("congan"), v5)
    before = snapshot(v5)
    assert login(username).post(confirm_url(done)).status_code == 403
    assert snapshot(v5) == before


def test_confirm_is_post_only(login, v5):
    done = file_report(login("congan"), v5)
    before = snapshot(v5)
    assert login("chqs").get(confirm_url(done)).status_code == 405
    assert snapshot(v5) == before


def test_missing_csrf_token_is_refused(login, v5):
    done = file_report(login("congan"), v5)
    staff = login("chqs", enforce_csrf_checks=True)
    before = snapshot(v5)
    response = staff.post(confirm_url(done))
    assert response.status_code == 403
    assert CSRF_PAGE in page(response)
    assert snapshot(v5) == before
    done.refresh_from_db()
    assert done.confirmed_at is None
    assert Task.objects.get(pk=v5.pk).version == 2  # only the report itself moved it
