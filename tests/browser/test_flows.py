"""The portal's main flows in a real browser, one role at a time."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from agencies.models import Agency
from tasks.models import Assignment, ProgressReport, Task
from tests.browser.conftest import login, screenshot

CITY = "04/CTr-UBND"
BAC_GIANG = "/KH-KHCN"
POLICE = "Công an thành phố Thái Nguyên"
HEALTH = "Phòng Y tế thành phố Thái Nguyên"
# Smallest PDF a viewer opens: one empty page, with its cross-reference table.
PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n166\n%%EOF\n"
)

pytestmark = pytest.mark.usefixtures("site")


def city_task(numeral, number):
    return Task.objects.get(section__programme__number=CITY, section__numeral=numeral, number=number)


def status_label(task):
    return str(Task.objects.with_status().get(pk=task.pk).status_label)


def agency_names(task, role):
    return {a.agency.name for a in Assignment.objects.filter(task=task, role=role).select_related("agency")}


def test_command_staff_adds_supporting_agency_and_moves_deadline(page):
    task = city_task("I", "1")
    health = Agency.objects.get(name=HEALTH)
    leads_before = agency_names(task, Assignment.Role.LEAD)
    supports_before = agency_names(task, Assignment.Role.SUPPORT)
    assert HEALTH not in supports_before and supports_before
    version = task.version

    page.goto("/accounts/login/")
    screenshot(page, "01-login")
    login(page, "chqs")
    expect(page.locator("#total-tasks")).to_have_text(str(Task.objects.filter(section__programme__number=CITY).count()))
    screenshot(page, "02-dashboard")

    page.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Danh sách nhiệm vụ"))).to_be_visible()
    screenshot(page, "03-task-list")
    row = page.locator("tbody tr").filter(has=page.get_by_role("cell", name="I.1", exact=True))
    expect(row).to_have_count(1)
    row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/\?back=%2Ftasks%2F$"))  # the way back to the list
    expect(page.locator("#task-status")).to_contain_text("Chưa thực hiện (quá hạn)")
    expect(page.locator("#deadline")).to_have_text("31/03/2025")
    screenshot(page, "04-task-page")

    page.get_by_role("link", name="Phân công, điều chỉnh hạn").click()
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/assign/$"))
    screenshot(page, "05-assign-form")
    selected = page.eval_on_selector("#id_support", "s => Array.from(s.selectedOptions, o => o.value)")
    assert selected, "the form should start from the current supporting agencies"
    picker = page.get_by_role("combobox", name="Cơ quan phối hợp")  # Tom Select: searched, accents optional
    picker.fill("phong y te")
    page.get_by_role("option", name=HEALTH).click()
    page.keyboard.press("Escape")
    page.fill("#id_due_override", "2027-06-30")
    page.fill("#id_due_override_reason", "Chờ hướng dẫn mới của Bộ Quốc phòng")
    page.get_by_role("button", name="Lưu phân công").click()

    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    expect(page.get_by_role("alert")).to_contain_text("Đã lưu phân công nhiệm vụ.")
    expect(page.locator("#deadline")).to_contain_text("30/06/2027")
    expect(page.locator("#deadline")).to_contain_text("điều chỉnh từ 31/03/2025: Chờ hướng dẫn mới của Bộ Quốc phòng")
    # The new deadline is ahead, so the task is no longer overdue.
    expect(page.locator("#task-status")).to_contain_text("Chưa thực hiện (trong hạn)")
    supports = page.locator("dt", has_text="Cơ quan phối hợp (đã xác định)").locator("+ dd")
    expect(supports).to_contain_text(HEALTH)

    task.refresh_from_db()
    assert task.due_override == datetime.date(2027, 6, 30)
    assert task.due_override_reason == "Chờ hướng dẫn mới của Bộ Quốc phòng"
    assert task.version == version + 1
    assert task.assignments.filter(role=Assignment.Role.SUPPORT, agency=health).exists()
    assert agency_names(task, Assignment.Role.SUPPORT) == supports_before | {HEALTH}
    assert agency_names(task, Assignment.Role.LEAD) == leads_before


def test_agency_officer_sees_only_its_tasks_and_reports_done_with_evidence(page, tmp_path):
    officer = get_user_model().objects.get(username="congan")
    query = "xây dựng kế hoạch"
    bac_giang = Task.objects.search(query).get(section__programme__number=BAC_GIANG)  # the words match it...
    own = Task.objects.visible_to(officer).search(query)
    assert bac_giang not in own and own.count() > 1  # ...but it is not the police's task

    login(page, "congan")
    page.goto("/tasks/")
    page.fill("#id_q", query)
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"[?&]q=x"))
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(own.count())
    expect(rows.filter(has_text="Xây dựng kế hoạch sự cố an ninh mạng")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text(bac_giang.content[:60])

    response = page.goto(f"/tasks/{bac_giang.pk}/")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("Không tìm thấy")
    expect(page.locator("main")).not_to_contain_text(bac_giang.content[:60])

    task = city_task("V", "5")
    assert POLICE in agency_names(task, Assignment.Role.LEAD)
    page.goto(f"/tasks/{task.pk}/")
    page.get_by_role("link", name="Báo cáo tiến độ").click()
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/progress/$"))
    screenshot(page, "06-progress-form")

    evidence = tmp_path / "quyet-dinh-12.pdf"
    evidence.write_bytes(PDF)
    page.select_option("#id_status", "done")
    page.fill("#id_percent", "100")
    page.fill("#id_result", "Đã ban hành kế hoạch ứng phó sự cố an ninh mạng.")
    page.fill("#id_document_kind", "Quyết định")
    page.fill("#id_document_number", "12/QĐ-UBND")
    page.fill("#id_document_date", "2025-03-15")
    page.set_input_files("#id_files", evidence)
    page.get_by_role("button", name="Gửi báo cáo").click()

    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    expect(page.get_by_role("alert")).to_contain_text("Đã gửi báo cáo; kết quả đang chờ Ban CHQS xác nhận.")
    label = status_label(task)  # done today, after the 31/12/2025 deadline, waiting for command staff
    assert label == "Chờ xác nhận hoàn thành (quá hạn)"
    expect(page.locator("#task-status")).to_contain_text(label)
    expect(page.locator("#task-status")).to_contain_text("100%")
    reports = page.locator("#reports")
    expect(reports).to_contain_text("Đã ban hành kế hoạch ứng phó sự cố an ninh mạng.")
    expect(reports).to_contain_text("Quyết định số 12/QĐ-UBND ngày 15/3/2025")
    link = reports.get_by_role("link", name=re.compile("quyet-dinh-12.pdf"))
    expect(link).to_have_count(1)

    download = page.request.get(link.get_attribute("href"))
    assert download.status == 200
    assert download.body() == PDF
    assert "attachment" in download.headers["content-disposition"]
    assert "quyet-dinh-12.pdf" in download.headers["content-disposition"]

    report = ProgressReport.objects.get(task=task)
    assert (report.status, report.percent, report.sets_status) == ("done", 100, True)
    assert report.document_date == datetime.date(2025, 3, 15)
    assert report.evidence.get().kind == "pdf"

    page.get_by_role("link", name="Việc của tôi").click()
    expect(page.locator("#count-awaiting")).to_have_text("1")
    expect(page.locator("section#awaiting")).to_contain_text(f"{CITY} · V.5")
    screenshot(page, "07-my-tasks")


def test_leadership_sees_dashboard_change_and_cannot_act(page, open_context):
    programme_pk = Task.objects.filter(section__programme__number=CITY).values_list("section__programme", flat=True)[0]
    task = city_task("V", "4")  # the police lead it; it has a due date, so it can be done
    assert not task.is_recurring

    login(page, "lanhdao")
    page.select_option("select[name=programme]", str(programme_pk))  # submits itself on change
    expect(page).to_have_url(re.compile(rf"\?programme={programme_pk}$"))
    done_before = int(page.locator("#total-done").inner_text())
    summary_before = page.locator("#summary-line").inner_text()
    assert f"đã hoàn thành {done_before}," in summary_before

    police = open_context().new_page()
    login(police, "congan")
    police.goto(f"/tasks/{task.pk}/progress/")
    police.select_option("#id_status", "done")
    police.fill("#id_percent", "100")
    police.fill("#id_result", "Đã xây dựng xong kế hoạch ứng phó thảm hoạ cháy.")
    police.get_by_role("button", name="Gửi báo cáo").click()
    expect(police.get_by_role("alert")).to_contain_text("Đã gửi báo cáo; kết quả đang chờ Ban CHQS xác nhận.")
    police.close()

    page.reload()  # sent as done is not done yet: it waits for command staff
    expect(page.locator("#total-done")).to_have_text(str(done_before))
    expect(page.locator("#summary-line")).to_contain_text("trong đó chờ xác nhận hoàn thành: 1")
    page.goto(f"/tasks/{task.pk}/")
    expect(page.get_by_role("link", name="Xác nhận hoặc trả lại")).to_have_count(0)  # not leadership's to accept

    staff = open_context().new_page()
    login(staff, "chqs")
    staff.goto(f"/tasks/{task.pk}/")
    staff.get_by_role("link", name="Xác nhận hoặc trả lại").click()
    staff.get_by_label("Ý kiến của Ban CHQS").select_option(label="Xác nhận hoàn thành")
    staff.get_by_role("button", name="Lưu ý kiến").click()
    expect(staff.get_by_role("alert")).to_contain_text("Đã xác nhận hoàn thành nhiệm vụ.")
    staff.close()

    page.goto(f"/?programme={programme_pk}")
    expect(page.locator("#total-done")).to_have_text(str(done_before + 1))
    expect(page.locator("#summary-line")).not_to_have_text(summary_before)
    expect(page.locator("#summary-line")).to_contain_text(f"đã hoàn thành {done_before + 1},")

    page.goto(f"/tasks/{task.pk}/")
    expect(page.locator("#reports")).to_contain_text("Đã xây dựng xong kế hoạch ứng phó thảm hoạ cháy.")
    expect(page.get_by_role("link", name="Báo cáo tiến độ")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("Phân công"))).to_have_count(0)
    expect(page.get_by_role("button", name="Xác nhận hoàn thành")).to_have_count(0)
    sent = ProgressReport.objects.get(task=task)
    for action in ("progress", "assign", "completion", f"reports/{sent.pk}/decide"):
        response = page.goto(f"/tasks/{task.pk}/{action}/")
        assert response.status == 403
        expect(page.locator("main")).to_contain_text("Anh/chị không có quyền thực hiện thao tác này.")
    assert ProgressReport.objects.filter(task=task).count() == 1


def test_task_list_fits_a_phone(open_context):
    page = open_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True).new_page()
    login(page, "lanhdao")
    page.goto("/tasks/")
    expect(page.locator("tbody tr")).to_have_count(min(Task.objects.count(), 50))
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[1] <= 375, f"the page does not use the phone's width (viewport meta tag?): {width}"
    assert width[0] <= width[1] + 1, f"the page scrolls sideways on a phone: scrollWidth, clientWidth = {width}"
    screenshot(page, "08-task-list-phone")
    screenshot(page, "08-task-list-phone-first-screen", full_page=False)
