"""An extension request in a real browser: the lead agency's officer asks on a phone with a reason and a PDF; command
staff open the task on a desk and approve another date; the task page shows the new deadline and the history, and
the officer sees the decision; command staff then change the deadline directly, and the same history shows it."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tasks.models import ExtensionRequest
from tests.browser.conftest import login, screenshot
from tests.browser.test_flows import PDF, city_task
from tests.browser.test_thread_flow import DESK, PHONE

pytestmark = pytest.mark.usefixtures("site")


def test_an_officer_asks_and_command_staff_approve_another_date(open_context, tmp_path):
    task = city_task("V", "5")  # led by Công an thành phố
    today = datetime.date.today()
    asked, granted = today + datetime.timedelta(days=60), today + datetime.timedelta(days=45)

    officer = open_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(officer, "congan")
    officer.goto(f"/tasks/{task.pk}/")
    officer.locator("#ask-extension").click()
    expect(officer.locator("h1")).to_contain_text("Đề xuất gia hạn · V.5")
    officer.locator("#id_requested_due").fill(asked.isoformat())
    officer.locator("#id_reason").fill("Chờ phân bổ kinh phí bổ sung để tổ chức diễn tập.")
    letter = tmp_path / "cong-van-de-xuat.pdf"
    letter.write_bytes(PDF)
    officer.locator("#id_file").set_input_files(letter)
    screenshot(officer, "extension-phone-congan-asking")
    officer.get_by_role("button", name="Gửi đề xuất").click()
    expect(officer).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    expect(officer.get_by_role("alert")).to_contain_text("Đã gửi đề xuất gia hạn")
    history = officer.locator("#extensions")
    expect(history).to_contain_text("Chờ quyết định")
    expect(history.get_by_role("link", name="cong-van-de-xuat.pdf")).to_have_count(1)
    expect(officer.locator("#ask-extension")).to_have_count(0)  # one request waits at a time
    screenshot(officer, "extension-phone-congan-asked")

    request = ExtensionRequest.objects.get(task=task)
    staff = open_context(viewport=DESK).new_page()
    login(staff, "chqs")
    staff.goto(f"/tasks/{task.pk}/")
    decision = staff.locator("#decide-extension")
    decision.locator(f"#id_ext{request.pk}-state").select_option("amended")
    decision.locator(f"#id_ext{request.pk}-granted_due").fill(granted.isoformat())
    decision.locator(f"#id_ext{request.pk}-reason").fill("Đồng ý gia hạn ngắn hơn để kịp sơ kết năm.")
    screenshot(staff, "extension-desk-chqs-deciding")
    decision.get_by_role("button", name="Lưu quyết định").click()
    expect(staff.get_by_role("alert")).to_contain_text("Đã đồng ý gia hạn đến hạn khác.")
    expect(staff.locator("#deadline")).to_contain_text(f"{granted:%d/%m/%Y}")
    expect(staff.locator("#deadline")).to_contain_text("Gia hạn theo đề xuất của")
    expect(staff.locator("#extensions")).to_contain_text("Đồng ý hạn khác")
    expect(staff.locator("#extensions")).to_contain_text(f"Gia hạn đến {granted:%d/%m/%Y}")
    expect(staff.locator("#decide-extension")).to_have_count(0)
    screenshot(staff, "extension-desk-chqs-decided")

    officer.reload()
    expect(officer.locator("#deadline")).to_contain_text(f"{granted:%d/%m/%Y}")
    expect(officer.locator("#extensions")).to_contain_text("Đồng ý gia hạn ngắn hơn để kịp sơ kết năm.")
    expect(officer.locator("#ask-extension")).to_be_visible()  # decided: the agency may ask again
    screenshot(officer, "extension-phone-congan-decided")
    request.refresh_from_db()
    assert (request.state, request.granted_due, request.kind) == (ExtensionRequest.State.AMENDED, granted, "pdf")

    # Command staff later change the deadline themselves: the same history shows it, marked as theirs.
    direct = granted + datetime.timedelta(days=10)
    staff.get_by_role("link", name="Phân công, điều chỉnh hạn").click()
    staff.locator("#id_due_override").fill(direct.isoformat())
    staff.locator("#id_due_override_reason").fill("Điều chỉnh theo chỉ đạo của Chủ tịch UBND thành phố.")
    staff.get_by_role("button", name="Lưu phân công").click()
    expect(staff.get_by_role("alert")).to_contain_text("Đã lưu phân công nhiệm vụ.")
    expect(staff.locator("#deadline")).to_contain_text(f"{direct:%d/%m/%Y}")
    latest = staff.locator("#extensions > li").first
    expect(latest).to_contain_text("Ban CHQS điều chỉnh hạn trực tiếp")
    expect(latest).to_contain_text(f"Hạn mới {direct:%d/%m/%Y} (hạn trước đó: {granted:%d/%m/%Y})")
    screenshot(staff, "extension-desk-chqs-direct-change")
