"""Importing in a real browser: a Word amendment of the city programme, reviewed as a diff and applied; a scanned plan
read by OCR and shown for review. A worker reads each upload and saves each confirmation (`run_jobs`, once the page
shows it waits)."""

import pytest
from playwright.sync_api import expect

from tasks.documents import read_programme_file
from tasks.models import ImportDraft, Programme, Task
from tests.browser.axe import too_wide, violations
from tests.browser.conftest import login, screenshot
from tests.conftest import CITY_SEED
from tests.documents.builders import scan_of
from tests.documents.test_office_import import build_docx, seed_lines
from tests.documents.test_pdf_import import build_pdf
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


def test_command_staff_review_an_amendment_and_keep_the_progress(page, run_jobs, tmp_path):
    first = task(CITY, "I", "1")
    report(first, percent=40)
    data, before = amended_docx()
    path = tmp_path / "04-CTr-UBND-sua-doi.docx"
    path.write_bytes(data)

    login(page, "chqs")
    page.goto("/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page.locator("#draft-reading")).to_be_visible()  # the page waits for the worker, refreshing itself
    run_jobs()

    changed = page.locator("#amendment #changed")
    expect(changed).to_contain_text("Sản phẩm")
    expect(changed.locator("del")).to_have_text(before)
    expect(changed.locator("ins")).to_have_text(f"{before} kèm Quy chế")
    screenshot(page, "12-import-amendment")
    assert not violations(page) + too_wide(page)
    page.get_by_role("button", name="Xác nhận cập nhật theo bản sửa đổi").click()
    expect(page.locator("#draft-saving")).to_be_visible()  # a worker saves it; the page waits, refreshing itself
    run_jobs()

    expect(page.locator(".alert-success")).to_contain_text("1 sửa")
    first.refresh_from_db()
    assert first.deliverable == f"{before} kèm Quy chế"
    assert first.progress_reports.get().percent == 40
    assert Task.objects.current().filter(section__programme__number=CITY).count() == 37


def test_a_scanned_plan_is_read_by_ocr_and_shown_for_review_with_a_warning(page, run_jobs, tmp_path):
    from tests.views.test_import_scan import short_plan

    path = tmp_path / "ke-hoach-quet.pdf"
    path.write_bytes(scan_of(build_pdf(short_plan())))
    programmes = Programme.objects.count()
    login(page, "chqs")
    page.goto("/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page.locator("#draft-reading")).to_be_visible()  # the page waits for the worker, refreshing itself
    run_jobs()  # OCR takes a while: up to ocr.OCR_TIME_LIMIT

    expect(page.locator(".alert-warning")).to_contain_text("nhận dạng chữ (OCR)")
    expect(page.locator("main")).to_contain_text("Rà soát, điều chỉnh Kế hoạch phòng thủ dân sự")
    screenshot(page, "12b-import-scan")
    assert Programme.objects.count() == programmes  # nothing saved before the review is confirmed
    doc = ImportDraft.objects.get().document
    assert doc["read_by_ocr"] is True and doc["number"] == "77/KH-KHCN"
    rows = [line.split("\t") for line in short_plan() if "\t" in line][1:]
    read = [(t["number"], t["lead_as_written"]) for s in doc["sections"] for t in s["tasks"]]
    assert read == [(row[0], row[2]) for row in rows if row[0].isdigit()]
    assert [s["numeral"] for s in doc["sections"]] == ["I", "II"]


def test_an_officer_reports_offline_through_the_excel_template(page, run_jobs, tmp_path):
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
    expect(page.locator("#draft-reading")).to_be_visible()  # the page waits for the worker, refreshing itself
    run_jobs()
    expect(page.get_by_text("nhiệm vụ này không thuộc cơ quan của anh/chị")).to_be_visible()
    screenshot(page, "13-offline-review")
    assert not violations(page) + too_wide(page)
    page.get_by_role("button", name="Ghi 1 báo cáo").click()
    expect(page.locator("#draft-saving")).to_be_visible()
    run_jobs()

    expect(page.locator(".alert-success")).to_contain_text("Đã ghi 1 báo cáo tiến độ; 1 dòng lỗi không được ghi.")
    assert police.progress_reports.get().percent == 70
    assert not other.progress_reports.exists()


def test_command_staff_map_the_columns_of_a_table_the_reader_could_not_name(page, run_jobs, open_context, tmp_path):
    """Issue 12: a plan whose content column is headed with words no reader knows is read with a guess; the review
    page opens the column-mapping step, the table is read again as mapped, and only then saved."""
    from tests.documents.test_office_import import build_xlsx
    from tests.views.test_import import new_plan_lines

    path = tmp_path / "ke-hoach.xlsx"
    lines = [
        line.replace("Nội dung nhiệm vụ", "Diễn giải").replace("\tThời gian thực hiện", "\tGhi chú")
        for line in new_plan_lines()
    ]
    path.write_bytes(build_xlsx(lines))
    login(page, "chqs")
    page.goto("/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page.locator("#draft-reading")).to_be_visible()  # the page waits for the worker, refreshing itself
    run_jobs()

    columns = page.locator("#columns")
    expect(columns.locator("summary")).to_contain_text("Không nhận ra cột nội dung")
    expect(page.get_by_label("Diễn giải")).to_have_value("content")
    page.get_by_label("Ghi chú").select_option("time")
    screenshot(page, "14-import-columns")
    assert not violations(page) + too_wide(page)
    columns.get_by_role("button", name="Đọc lại theo các cột đã chọn").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đọc lại bảng nhiệm vụ")
    expect(page.locator("#columns summary")).to_contain_text("Các cột của bảng nhiệm vụ")

    phone = open_context(viewport={"width": 390, "height": 800}).new_page()
    login(phone, "chqs")
    phone.goto(page.url)
    phone.locator("#header summary").click()
    screenshot(phone, "14-import-review-phone")
    assert not violations(phone) + too_wide(phone)

    page.get_by_role("button", name="Xác nhận và lưu").click()
    expect(page.locator("#draft-saving")).to_be_visible()
    run_jobs()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhập")
    saved = Task.objects.get(section__programme__number="15/KH-KHCN", section__numeral="I", number="1")
    assert saved.timeframe_as_written and saved.schedule_kind != "unspecified"
