"""The pickers in a real browser: agencies found by typing without accents (Tom Select, served by the portal under
its Content Security Policy), and the report period chosen in words, its two dates shown only for a date range."""

import pytest
from playwright.sync_api import expect

from agencies.models import Agency
from tasks.models import Assignment, Programme, Task
from tests.browser.conftest import login, screenshot

HEALTH = "Phòng Y tế thành phố Thái Nguyên"
EDUCATION = "Phòng Giáo dục và Đào tạo thành phố Thái Nguyên"

pytestmark = pytest.mark.usefixtures("site")


@pytest.mark.parametrize("width", [390, 1366])
def test_agencies_are_found_without_accents_and_saved(open_context, width):
    task = Task.objects.get(section__programme__number="04/CTr-UBND", section__numeral="V", number="5")
    page = open_context(viewport={"width": width, "height": 900}).new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else 0)
    login(page, "chqs")
    page.goto(f"/tasks/{task.pk}/assign/")

    search = page.get_by_role("combobox", name="Cơ quan phối hợp")
    search.click()
    search.fill("y te")  # typed without accents
    option = page.get_by_role("option", name=HEALTH)
    expect(option).to_be_visible()
    search.fill("dao tao")  # "đ" found by "d"
    expect(page.get_by_role("option", name=EDUCATION)).to_be_visible()
    search.fill("khong co co quan nao nhu the")
    expect(page.get_by_text("Không tìm thấy lựa chọn nào khớp.")).to_be_visible()
    search.fill("y te")
    option.click()
    page.keyboard.press("Escape")
    screenshot(page, f"pickers-assign-{width}")
    page.get_by_role("button", name="Lưu phân công").click()
    expect(page.locator("#task-status")).to_be_visible()  # back on the task's page

    supports = Assignment.objects.filter(task=task, role=Assignment.Role.SUPPORT).values_list("agency", flat=True)
    assert Agency.objects.get(name=HEALTH).pk in supports
    assert refused == []


def test_the_report_period_is_chosen_in_words_and_a_range_shows_its_dates(page):
    login(page, "lanhdao")
    page.goto("/reports/")
    start = page.get_by_label("Từ ngày")
    expect(start).to_be_hidden()  # no date range chosen
    page.locator("#id_programme").select_option(label=str(Programme.objects.get(number="04/CTr-UBND")))
    page.locator("#id_period").select_option(label="Quý IV năm 2025")
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator("#preview-subject")).to_contain_text("quý IV năm 2025")
    expect(page.locator("#id_period")).to_have_value("2025-Q4")

    page.locator("#id_period").select_option("custom")
    expect(start).to_be_visible()
    start.fill("2025-10-15")
    page.get_by_label("Đến ngày").fill("2025-12-14")
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator("#preview")).to_contain_text("15/10/2025")
