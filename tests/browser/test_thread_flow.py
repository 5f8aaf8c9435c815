"""Directives and conversation in a real browser: leadership gives a directive and asks the lead agency for an
explanation; the agency's officer finds it in "Việc của tôi" on a phone and answers it with a file."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tasks.models import ThreadEntry
from tests.browser.conftest import login, screenshot
from tests.browser.test_flows import PDF, city_task

pytestmark = pytest.mark.usefixtures("site")
DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def post_entry(page, kind, text, **fields):
    form = page.locator("#thread-form")
    form.locator("#id_kind").select_option(kind)
    form.locator("#id_text").fill(text)
    for selector, value in fields.items():
        if selector == "file":
            form.locator("#id_file").set_input_files(value)
        elif selector == "answers":
            form.locator("#id_answers").select_option(index=1)
        else:
            form.locator(f"#id_{selector}").fill(value)
    form.get_by_role("button", name="Gửi").click()


def test_a_directive_and_an_explanation_request_are_answered(open_context, tmp_path):
    task = city_task("V", "5")  # led by Công an thành phố
    due = datetime.date.today() + datetime.timedelta(days=7)

    leader = open_context(viewport=DESK).new_page()
    login(leader, "lanhdao")
    leader.goto(f"/tasks/{task.pk}/")
    post_entry(leader, "directive", "Khẩn trương hoàn thành kế hoạch trong quý.")
    expect(leader).to_have_url(re.compile(rf"/tasks/{task.pk}/#thread$"))
    expect(leader.get_by_role("alert")).to_contain_text("Đã ghi ý kiến chỉ đạo.")
    post_entry(leader, "explanation_request", "Đề nghị giải trình vì sao chưa ban hành.", reply_due=due.isoformat())
    expect(leader.get_by_role("alert")).to_contain_text("Đã gửi yêu cầu giải trình đến cơ quan chủ trì.")
    expect(leader.locator("#thread-entries")).to_contain_text("chờ cơ quan chủ trì trả lời")
    screenshot(leader, "thread-desk-lanhdao-asked")

    officer = open_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(officer, "congan")
    officer.goto("/my/")
    waiting = officer.locator("#explanations-to-answer")
    expect(waiting).to_contain_text("Đề nghị giải trình vì sao chưa ban hành.")
    expect(waiting).to_contain_text(f"hạn trả lời {due:%d/%m/%Y}")
    screenshot(officer, "thread-phone-congan-my")
    waiting.get_by_role("link", name=f"{task.section.programme.number} · V.5").click()
    expect(officer.locator("#id_kind option")).to_have_count(2)  # a reply or a note: no directive, no request
    answer = tmp_path / "giai-trinh.pdf"
    answer.write_bytes(PDF)
    post_entry(officer, "reply", "Đang chờ kinh phí; dự kiến ban hành tháng sau.", answers=True, file=answer)
    expect(officer.get_by_role("alert")).to_contain_text("Đã gửi giải trình, trả lời.")
    entries = officer.locator("#thread-entries")
    expect(entries).to_contain_text("đã trả lời")
    expect(entries.get_by_role("link", name="giai-trinh.pdf")).to_have_count(1)
    screenshot(officer, "thread-phone-congan-answered")
    officer.goto("/my/")
    expect(officer.locator("#explanations-to-answer")).to_have_count(0)

    leader.reload()
    expect(leader.locator("#thread-entries > li")).to_have_count(3)
    expect(leader.locator("#thread-entries")).to_contain_text("Đang chờ kinh phí; dự kiến ban hành tháng sau.")
    screenshot(leader, "thread-desk-lanhdao-answered")
    reply = ThreadEntry.objects.get(kind=ThreadEntry.Kind.REPLY)
    assert (reply.answers.text, reply.file_kind) == ("Đề nghị giải trình vì sao chưa ban hành.", "pdf")
