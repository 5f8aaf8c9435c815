"""The task list's search in a real browser: the words marked, and back from a task to the same list."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.usefixtures("site")


def test_search_marks_the_words_and_the_task_page_leads_back_to_the_same_list(page):
    login(page, "chqs")
    page.goto("/tasks/")
    page.fill("#id_q", "phong thu")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"[?&]q=phong\+thu"))
    marks = page.locator("tbody mark")
    expect(marks.first).to_be_visible()
    assert {text.lower() for text in marks.all_inner_texts()} <= {"phòng", "thủ", "thu", "phong", "thú"}
    screenshot(page, "03b-task-list-search")

    first = page.locator("tbody tr a").first
    content = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/tasks/\d+/\?back="))
    page.get_by_role("link", name="Danh sách nhiệm vụ").click()
    expect(page).to_have_url(re.compile(r"/tasks/\?q=phong\+thu(&|$)"))
    expect(page.locator("#id_q")).to_have_value("phong thu")
    expect(page.locator("tbody tr a").first).to_have_text(content)
