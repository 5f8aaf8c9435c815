"""The notification centre in a real browser: an officer of the lead agency asks for an extension, the command staff's
bell counts it, the list shows it, and opening it leads to the task and takes it off the count."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tasks.models import Notification
from tests.browser.conftest import login, screenshot
from tests.browser.test_flows import city_task

pytestmark = pytest.mark.usefixtures("site")
DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def bell(page):
    return page.locator("#notification-count")


@pytest.mark.parametrize("viewport", ["desk", "phone"])
def test_an_extension_request_rings_the_command_staffs_bell(open_context, viewport):
    task = city_task("V", "5")  # led by Công an thành phố
    size = DESK if viewport == "desk" else PHONE
    staff = open_context(viewport=size, is_mobile=viewport == "phone", has_touch=viewport == "phone").new_page()
    login(staff, "chqs")
    staff.goto("/")
    before = int(bell(staff).inner_text())

    officer = open_context(viewport=DESK).new_page()
    login(officer, "congan")
    officer.goto(f"/tasks/{task.pk}/extension/")
    due = datetime.date.today() + datetime.timedelta(days=60)
    officer.locator("#id_requested_due").fill(due.isoformat())
    officer.locator("#id_reason").fill("Chờ kinh phí bổ sung.")
    officer.get_by_role("button", name="Gửi đề xuất").click()
    expect(officer.get_by_role("alert")).to_contain_text("Đã gửi đề xuất gia hạn")

    staff.reload()
    expect(bell(staff)).to_have_text(str(before + 1))
    screenshot(staff, f"notifications-{viewport}-chqs-bell")
    staff.locator("#notification-bell").click()
    expect(staff).to_have_url(re.compile(r"/notifications/$"))
    newest = staff.locator(".notification-list tbody tr").first
    expect(newest).to_contain_text("Đề xuất gia hạn")
    expect(newest).to_contain_text(f"Công an thành phố Thái Nguyên đề xuất hạn {due:%d/%m/%Y}")
    screenshot(staff, f"notifications-{viewport}-chqs-list")
    newest.get_by_role("link").click()
    expect(staff).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    expect(bell(staff)).to_have_text(str(before))
    assert Notification.objects.get(kind=Notification.Kind.EXTENSION_ASKED).read_at is not None
