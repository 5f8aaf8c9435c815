"""Importing in a real browser: a Word amendment of the city programme, reviewed as a diff and applied."""

import pytest
from playwright.sync_api import expect

from tasks.documents import read_programme_file
from tasks.models import Task
from tests.browser.conftest import login, screenshot
from tests.conftest import CITY_SEED
from tests.documents.test_office_import import build_docx, seed_lines
from tests.views.conftest import CITY, report, task

pytestmark = pytest.mark.usefixtures("site")


def amended_docx():
    """The city programme's Word file re-issued with a new deliverable for I.1."""
    before = read_programme_file(CITY_SEED.read_bytes(), "04.txt").sections[0].tasks[0].deliverable
    lines = [
        line.replace(f"\t{before}", f"\t{before} kèm Quy chế") if line.startswith("1\tTổ chức lại Ban") else line
        for line in seed_lines(CITY_SEED)
    ]
    return build_docx(lines), before


def test_command_staff_review_an_amendment_and_keep_the_progress(page, tmp_path):
    first = task(CITY, "I", "1")
    report(first, percent=40)
    data, before = amended_docx()
    path = tmp_path / "04-CTr-UBND-sua-doi.docx"
    path.write_bytes(data)

    login(page, "chqs")
    page.goto("/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Đọc tệp").click()

    changed = page.locator("#amendment #changed")
    expect(changed).to_contain_text("Sản phẩm")
    expect(changed.locator("del")).to_have_text(before)
    expect(changed.locator("ins")).to_have_text(f"{before} kèm Quy chế")
    screenshot(page, "12-import-amendment")
    page.get_by_role("button", name="Xác nhận cập nhật theo bản sửa đổi").click()

    expect(page.locator(".alert-success")).to_contain_text("1 sửa")
    first.refresh_from_db()
    assert first.deliverable == f"{before} kèm Quy chế"
    assert first.progress_reports.get().percent == 40
    assert Task.objects.current().filter(section__programme__number=CITY).count() == 37


def test_an_officer_reports_offline_through_the_excel_template(page, tmp_path):
    from tests.views.test_offline_progress import fill

    police = task(CITY, "V", "5")
    other = task(CITY, "IX", "2")  # another agency's task, slipped into the sheet
    login(page, "congan")
    page.goto("/my/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải mẫu Excel").click()
    template = tmp_path / "mau.xlsx"
    info.value.save_as(template)
    filled = tmp_path / "da-dien.xlsx"
    filled.write_bytes(
        fill(
            template.read_bytes(),
            {
                police: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 70, "Kết quả thực hiện": "Đã diễn tập 2 đợt"},
                other: {
                    "Tình trạng": "Đang thực hiện",
                    "Tỷ lệ (%)": 10,
                    "Kết quả thực hiện": "Không phải việc của tôi",
                },
            },
        )
    )

    page.get_by_role("link", name="Nộp báo cáo từ Excel").click()
    page.set_input_files("#id_file", str(filled))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page.get_by_text("nhiệm vụ này không thuộc cơ quan của anh/chị")).to_be_visible()
    screenshot(page, "13-offline-review")
    page.get_by_role("button", name="Ghi 1 báo cáo").click()

    expect(page.locator(".alert-success")).to_contain_text("Đã ghi 1 báo cáo tiến độ; 1 dòng lỗi không được ghi.")
    assert police.progress_reports.get().percent == 70
    assert not other.progress_reports.exists()
