"""The progress report form (tasks.forms.ProgressForm via tasks.views.task_progress), posted by real personas:
refused input answers 400 in Vietnamese and changes nothing; accepted input sets the task's status."""

import datetime

import pytest
from django.utils import timezone

from tasks.models import ProgressReport, Task
from tasks.status import Acceptance, Progress, Status
from tests.html import Markup, contains_html, find_all, text

from .conftest import (
    CSRF_PAGE,
    HEALTH,
    PDF,
    POLICE,
    RELOAD,
    STALE,
    assert_refused,
    assign_url,
    detail_url,
    media_files,
    open_form,
    page,
    progress_url,
    snapshot,
    upload,
)


def report(task, **fields):
    data = {"status": Progress.IN_PROGRESS, "percent": 40, "result": "Đã xây dựng dự thảo kế hoạch.", "version": 1}
    data["version"] = Task.objects.get(pk=task.pk).version
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def state(task):
    return Task.objects.with_status().get(pk=task.pk)


def test_percent_over_100_is_refused(login, v5):
    before = snapshot(v5)
    response = login("congan").post(progress_url(v5), report(v5, percent=150))
    assert_refused(response, "Tỷ lệ hoàn thành phải từ 0 đến 100%.", field="percent")
    assert snapshot(v5) == before


@pytest.mark.parametrize("days_ahead", [1, 400], ids=["tomorrow", "over-a-year-ahead"])
def test_document_issued_in_the_future_is_refused(login, v5, days_ahead):
    issued = timezone.localdate() + datetime.timedelta(days=days_ahead)
    before = snapshot(v5)
    data = report(v5, document_kind="Kế hoạch", document_number="12/KH-CA", document_date=issued.isoformat())
    response = login("congan").post(progress_url(v5), data)
    assert_refused(response, "Ngày ban hành văn bản không thể sau ngày hôm nay.", field="document_date")
    assert snapshot(v5) == before


def test_document_issued_today_is_accepted(login, v5):
    today = timezone.localdate()
    data = report(v5, document_kind="Kế hoạch", document_number="12/KH-CA", document_date=today.isoformat())
    response = login("congan").post(progress_url(v5), data)
    assert response.status_code == 302
    saved = ProgressReport.objects.get(task=v5)
    assert saved.document_date == today
    assert saved.document == f"Kế hoạch số 12/KH-CA ngày {today.day}/{today.month}/{today.year}"


def test_completed_in_the_future_is_refused(login, v5):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    before = snapshot(v5)
    data = report(v5, status=Progress.DONE, percent=100, completed_on=tomorrow.isoformat())
    response = login("congan").post(progress_url(v5), data)
    assert_refused(response, "Ngày hoàn thành không thể sau ngày hôm nay.", field="completed_on")
    assert snapshot(v5) == before


def test_completion_date_needs_the_done_status(login, v5):
    before = snapshot(v5)
    data = report(v5, completed_on=timezone.localdate().isoformat())
    response = login("congan").post(progress_url(v5), data)
    assert_refused(response, "Chỉ ghi ngày hoàn thành khi tình trạng là «Đã hoàn thành».", field="completed_on")
    assert snapshot(v5) == before


def test_done_without_a_date_is_done_today_at_100_percent(login, v5):
    response = login("congan").post(progress_url(v5), report(v5, status=Progress.DONE, percent=40))
    assert response.status_code == 302
    assert response["Location"] == detail_url(v5)
    saved = ProgressReport.objects.get(task=v5)
    today = timezone.localdate()
    assert (saved.status, saved.completed_on, saved.percent, saved.sets_status) == (Progress.DONE, today, 100, True)
    assert saved.acceptance == Acceptance.AWAITING  # the lead's "done" waits for command staff
    task = state(v5)
    assert (task.progress, task.percent, task.done_on) == (Progress.DONE, 100, today)
    assert task.status == (Status.AWAITING_OVERDUE if today > task.deadline else Status.AWAITING_ON_TIME)


def test_done_on_a_recurring_task_is_refused(login, viii2):
    before = snapshot(viii2)
    data = report(viii2, status=Progress.DONE, percent=100, period="2025-Q4")
    response = login("congan").post(progress_url(viii2), data)
    assert_refused(
        response, "Nhiệm vụ thường xuyên, định kỳ không «hoàn thành» hẳn; hãy báo cáo theo kỳ.", field="status"
    )
    assert snapshot(viii2) == before
    assert state(viii2).status == Status.ONGOING


def test_recurring_task_needs_a_period(login, viii2):
    before = snapshot(viii2)
    response = login("congan").post(progress_url(viii2), report(viii2))
    assert_refused(response, "Trường này là bắt buộc.", field="period")
    assert snapshot(viii2) == before


def test_recurring_task_refuses_a_fifth_quarter(login, viii2):
    before = snapshot(viii2)
    response = login("congan").post(progress_url(viii2), report(viii2, period="2025-Q5"))
    assert_refused(response, "Quý phải từ 1 đến 4 (Q1–Q4), không có quý 5.", field="period")
    assert snapshot(viii2) == before


def test_recurring_task_refuses_an_unreadable_period(login, viii2):
    before = snapshot(viii2)
    response = login("congan").post(progress_url(viii2), report(viii2, period="quý 4"))
    assert_refused(
        response, "Không đọc được kỳ báo cáo “quý 4”. Hãy ghi theo mẫu: Quý IV/2025 hoặc 2025-Q4 (quý)", field="period"
    )
    assert snapshot(viii2) == before


def period_cell(html, label):
    found = [tr for tr in find_all(html, "//tr[count(td) = 2]") if text(tr[0]) == label and not len(tr[0])]
    assert len(found) == 1, f"no row for {label}"
    return Markup(found[0][1])


@pytest.mark.parametrize("typed", ["2025-Q4", " 2025-q4 "])
def test_recurring_report_for_2025_q4_is_shown_in_the_period_table(login, viii2, typed):
    client = login("congan")
    response = client.post(progress_url(viii2), report(viii2, percent=70, period=typed))
    assert response.status_code == 302
    saved = ProgressReport.objects.get(task=viii2)
    assert (saved.period, saved.sets_status) == ("2025-Q4", True)

    html = page(client.get(detail_url(viii2)))
    today = timezone.localdate()
    cell = period_cell(html, "Quý IV năm 2025")
    assert today.strftime("%d/%m/%Y") in cell
    late = today > datetime.date(2025, 12, 31)
    assert ("nộp muộn" in cell) is late and ("đúng hạn" in cell) is not late
    assert "chưa báo cáo" in period_cell(html, "Quý III năm 2025")
    assert state(viii2).status == Status.ONGOING


def test_support_agency_report_is_recorded_without_setting_the_status(login, v5):
    supporter = login("yte")
    assert "Cơ quan anh/chị là cơ quan phối hợp" in page(supporter.get(progress_url(v5)))
    before = state(v5)
    response = supporter.post(progress_url(v5), report(v5, status=Progress.DONE, percent=100))
    assert response.status_code == 302
    saved = ProgressReport.objects.get(task=v5)
    assert (saved.agency.name, saved.sets_status, saved.author.username) == (HEALTH, False, "yte")
    after = state(v5)
    assert (after.progress, after.percent, after.status) == (None, None, before.status)
    assert after.status in (Status.NOT_STARTED_ON_TIME, Status.NOT_STARTED_OVERDUE)


def test_lead_agency_report_sets_the_status_and_a_later_support_report_does_not(login, v5):
    lead = login("congan")
    assert "Báo cáo của anh/chị cập nhật tình trạng nhiệm vụ." in page(lead.get(progress_url(v5)))
    assert lead.post(progress_url(v5), report(v5, percent=60)).status_code == 302
    lead_report = ProgressReport.objects.get(task=v5)
    assert (lead_report.agency.name, lead_report.sets_status) == (POLICE, True)
    task = state(v5)
    expected = Status.IN_PROGRESS_OVERDUE if timezone.localdate() > task.deadline else Status.IN_PROGRESS_ON_TIME
    assert (task.progress, task.percent, task.status) == (Progress.IN_PROGRESS, 60, expected)

    assert login("yte").post(progress_url(v5), report(v5, status=Progress.DONE, percent=40)).status_code == 302
    assert ProgressReport.objects.filter(task=v5).count() == 2
    task = state(v5)
    assert (task.progress, task.percent, task.status) == (Progress.IN_PROGRESS, 60, expected)


def test_stale_version_is_refused_with_a_reload_link(login, v5):
    officer, staff = login("congan"), login("chqs")
    opened = open_form(officer, progress_url(v5))
    assert opened["version"] == "1"

    # Meanwhile Ban CHQS moves the deadline: another save of the same task.
    new_due = "2026-12-31"
    form = open_form(staff, assign_url(v5))
    lead = v5.lead_agencies[0].pk
    support = [a.pk for a in v5.support_agencies]
    moved = staff.post(
        assign_url(v5),
        {
            "version": form["version"],
            "lead": [lead],
            "support": support,
            "due_override": new_due,
            "due_override_reason": "Theo chỉ đạo của UBND thành phố.",
        },
    )
    assert moved.status_code == 302
    assert Task.objects.get(pk=v5.pk).version == 2

    before = snapshot(v5)
    evidence = upload("bien-ban.pdf", PDF, "application/pdf")
    response = officer.post(progress_url(v5), report(v5, version=opened["version"], percent=80, files=[evidence]))
    assert_refused(response, STALE)
    html = page(response)
    assert "Thay đổi của anh/chị chưa được lưu" in html
    assert contains_html(html, f'<a class="alert-link" href="{progress_url(v5)}">{RELOAD}</a>')
    assert snapshot(v5) == before
    assert not ProgressReport.objects.exists()
    assert media_files() == []
    assert Task.objects.get(pk=v5.pk).due_override.isoformat() == new_due


def test_stale_check_passes_with_the_current_version(login, v5):
    """The control for the stale test: the same post, with the version the page now shows, is saved."""
    officer = login("congan")
    assert officer.post(progress_url(v5), report(v5, version=1)).status_code == 302
    assert Task.objects.get(pk=v5.pk).version == 2
    assert officer.post(progress_url(v5), report(v5, version=1)).status_code == 400
    opened = open_form(officer, progress_url(v5))
    assert opened["version"] == "2"
    assert officer.post(progress_url(v5), report(v5, version=opened["version"])).status_code == 302
    assert Task.objects.get(pk=v5.pk).version == 3
    assert ProgressReport.objects.filter(task=v5).count() == 2


def test_missing_csrf_token_is_refused(login, v5):
    officer = login("congan", enforce_csrf_checks=True)
    before = snapshot(v5)
    response = officer.post(progress_url(v5), report(v5, percent=55))
    assert response.status_code == 403
    assert CSRF_PAGE in page(response)
    assert "Không có gì được lưu." in page(response)
    assert snapshot(v5) == before

    # The same person with the token the page gives is let through.
    token = open_form(officer, progress_url(v5))["csrfmiddlewaretoken"]
    response = officer.post(progress_url(v5), report(v5, percent=55, csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert ProgressReport.objects.get(task=v5).percent == 55


@pytest.mark.parametrize("username, expected", [("lanhdao", 403), ("chqs", 200), ("yte", 200)])
def test_who_may_open_the_form(login, v5, username, expected):
    assert login(username).get(progress_url(v5)).status_code == expected


def test_leadership_may_not_report(login, v5):
    before = snapshot(v5)
    assert login("lanhdao").post(progress_url(v5), report(v5)).status_code == 403
    assert snapshot(v5) == before


def test_a_browser_asking_for_english_still_gets_vietnamese_errors(login, viii2):
    before = snapshot(viii2)
    response = login("congan").post(progress_url(viii2), report(viii2), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 400
    assert snapshot(viii2) == before
    assert "Tỷ lệ hoàn thành (%)" in page(response)  # the app's own words stay Vietnamese either way
    assert_refused(response, "Trường này là bắt buộc.", field="period")


def test_a_report_does_not_log_the_officer_as_changing_the_task(login, v5):
    records = Task.history.filter(id=v5.pk).count()
    assert login("congan").post(progress_url(v5), report(v5)).status_code == 302
    assert ProgressReport.objects.filter(task=v5, author__username="congan").exists()
    assert Task.objects.get(pk=v5.pk).version == 2  # the lost-update guard still moves on
    assert Task.history.filter(id=v5.pk).count() == records


def test_the_form_shows_the_deadline_the_status_and_the_last_report(login, v5):
    lead = login("congan")
    html = page(lead.get(progress_url(v5)))
    task = state(v5)
    facts = {text(dt): text(dt.getnext()) for dt in find_all(html, '//dl[@id="task-facts"]/dt')}
    assert facts == {
        "Hạn hoàn thành": task.deadline.strftime("%d/%m/%Y"),
        "Tình trạng": task.status_label,
        "Báo cáo gần nhất": "Chưa có báo cáo.",
    }
    assert lead.post(progress_url(v5), report(v5, percent=60)).status_code == 302
    assert login("yte").post(progress_url(v5), report(v5, percent=20, result="Phối hợp rà soát.")).status_code == 302
    html = page(lead.get(progress_url(v5)))
    facts = {text(dt): text(dt.getnext()) for dt in find_all(html, '//dl[@id="task-facts"]/dt')}
    assert facts["Tình trạng"] == f"{state(v5).status_label} · 60%"  # the lead's report sets it
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert facts["Báo cáo gần nhất"].startswith(f"{today} · Phòng Y tế") and "20%" in facts["Báo cáo gần nhất"]
    assert "Phối hợp rà soát." in facts["Báo cáo gần nhất"]
