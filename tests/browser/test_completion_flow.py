"""Completion acceptance in a real browser: Công an's officer sends V.5 as done with its evidence on a phone; command
staff return it with a reason at a desk; the officer reads why, sends it again; command staff accept it, graded."""

import re

import pytest
from playwright.sync_api import expect

from tasks.models import ProgressReport, Task
from tasks.status import Status
from tests.browser.conftest import login, screenshot
from tests.browser.test_flows import PDF, city_task

pytestmark = pytest.mark.usefixtures("site")
DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def send_completion(page, task, result, evidence):
    page.goto(f"/tasks/{task.pk}/")
    page.locator("#ask-completion").click()
    expect(page.locator("h1")).to_contain_text("Đề nghị xác nhận hoàn thành")
    page.fill("#id_result", result)
    page.fill("#id_completed_on", "2025-12-20")
    page.locator("#id_files").set_input_files(evidence)
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã gửi báo cáo; kết quả đang chờ Ban CHQS xác nhận.")


def decide(page, task, decision, note="", grade=""):
    page.goto(f"/tasks/{task.pk}/")
    page.get_by_role("link", name="Xác nhận hoặc trả lại").click()
    form = page.locator("#decide-completion")
    form.get_by_label("Ý kiến của Ban CHQS").select_option(label=decision)
    if grade:
        form.get_by_label("Xếp loại").select_option(label=grade)
    form.get_by_label("Nhận xét, lý do").fill(note)
    form.get_by_role("button", name="Lưu ý kiến").click()


def status_of(task):
    return Task.objects.with_status().get(pk=task.pk).status


def test_work_is_sent_as_done_returned_then_accepted(open_context, tmp_path):
    task = city_task("V", "5")  # led by Công an thành phố, due 31/12/2025
    evidence = tmp_path / "ke-hoach-an-ninh-mang.pdf"
    evidence.write_bytes(PDF)

    officer = open_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(officer, "congan")
    send_completion(officer, task, "Đã ban hành Kế hoạch số 45/KH-CAT.", evidence)
    expect(officer.locator("#task-status")).to_contain_text("Chờ xác nhận hoàn thành (trong hạn)")
    expect(officer.locator("#ask-completion")).to_have_count(0)
    screenshot(officer, "completion-phone-congan-sent")
    assert status_of(task) == Status.AWAITING_ON_TIME

    staff = open_context(viewport=DESK).new_page()
    login(staff, "chqs")
    staff.goto("/my/")
    expect(staff.locator("#completions-awaiting")).to_contain_text("Đã ban hành Kế hoạch số 45/KH-CAT.")
    decide(staff, task, "Trả lại, yêu cầu tiếp tục thực hiện", note="Chưa kèm biên bản thông qua kế hoạch.")
    expect(staff.get_by_role("alert")).to_contain_text("Đã trả lại; nhiệm vụ trở lại tình trạng đang thực hiện.")
    expect(staff.locator("#task-status")).to_contain_text("Đang thực hiện quá hạn")
    screenshot(staff, "completion-desk-chqs-returned")

    officer.goto(f"/tasks/{task.pk}/")
    expect(officer.locator("#reports")).to_contain_text("Chưa kèm biên bản thông qua kế hoạch.")
    screenshot(officer, "completion-phone-congan-returned")
    send_completion(officer, task, "Đã ban hành Kế hoạch 45/KH-CAT, kèm biên bản thông qua.", evidence)

    decide(staff, task, "Xác nhận hoàn thành", note="Đạt yêu cầu.", grade="Tốt")
    expect(staff.get_by_role("alert")).to_contain_text("Đã xác nhận hoàn thành nhiệm vụ.")
    expect(staff.locator("#task-status")).to_contain_text("Đã hoàn thành đúng hạn")
    expect(staff.locator("#reports")).to_contain_text("Xếp loại: Tốt")
    expect(staff).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    screenshot(staff, "completion-desk-chqs-accepted")
    assert status_of(task) == Status.DONE_ON_TIME
    decisions = list(ProgressReport.objects.filter(task=task).order_by("pk").values_list("acceptance", "grade"))
    assert decisions == [("returned", ""), ("accepted", "good")]
