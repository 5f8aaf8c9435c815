"""The periodic report page (/reports/) in a real browser: preview, PDF and Excel downloads, background production."""

import re
import zipfile

import pytest
from playwright.sync_api import Page, expect

from agencies.models import Agency
from reports.models import ProducedReport
from tasks.models import Programme
from tests.browser.conftest import login, screenshot

CITY = "04/CTr-UBND"
POLICE = "Công an thành phố Thái Nguyên"
PERIOD = "2025-Q4"

pytestmark = pytest.mark.usefixtures("site")


def choose(page: Page, period: str = PERIOD) -> None:
    """On /reports/: the city programme and a period, the rest left as the form offers them."""
    page.goto("/reports/")
    page.select_option("#id_programme", label=str(Programme.objects.get(number=CITY)))
    page.select_option("#id_period", period)  # the list's value; it shows the period in words


def download_made(page: Page, button: str, run_jobs):
    """Ask for the report, let the worker make it, and download it from its page once the page shows the link."""
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    run_jobs()  # the worker's part
    with page.expect_download() as info:
        page.locator("a#download").click()  # the page refreshes itself until the report is ready
    return info.value


def test_leadership_previews_and_downloads_pdf(page, tmp_path, run_jobs):
    login(page, "lanhdao")
    choose(page)
    page.get_by_role("button", name="Xem trước").click()

    preview = page.locator("section#preview")
    expect(preview).to_be_visible()
    # The preview is posted: the CSRF token of the download buttons never lands in the address bar or history.
    assert "csrfmiddlewaretoken" not in page.url and page.url.endswith("/reports/")
    expect(page.locator("#preview-subject")).to_contain_text(CITY)
    expect(page.locator("#preview-subject")).to_contain_text("quý IV năm 2025")
    expect(page.locator("#preview-summary")).to_have_text(re.compile(r"^\s*Tổng số 37 nhiệm vụ"))
    screenshot(page, "09-report-preview")

    download = download_made(page, "Tải PDF", run_jobs)
    assert download.failure() is None
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    report = ProducedReport.objects.get()
    assert (report.format, report.state, report.period_key) == ("pdf", "done", PERIOD)
    page.goto("/reports/")
    row = page.locator("section#produced tbody tr").filter(has_text=CITY)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Quý IV năm 2025")
    expect(row).to_contain_text("Toàn chương trình")
    expect(row.get_by_role("link", name="PDF")).to_have_attribute("href", f"/reports/{report.pk}/download/")
    expect(row.get_by_role("link", name="Đã xong")).to_have_attribute("href", f"/reports/{report.pk}/")


def test_officer_reports_on_own_agency_in_excel(page, tmp_path, run_jobs):
    police = Agency.objects.get(name=POLICE)
    login(page, "congan")
    choose(page)

    offered = page.eval_on_selector("#id_agency", "s => Array.from(s.options, o => [o.value, o.text.trim()])")
    assert [text for value, text in offered if value] == [POLICE], offered
    expect(page.locator("#id_agency")).to_have_value(str(police.pk))
    screenshot(page, "10-report-form-officer")

    download = download_made(page, "Tải Excel", run_jobs)
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"PK")
    assert "xl/workbook.xml" in zipfile.ZipFile(saved).namelist()

    report = ProducedReport.objects.get()
    assert (report.format, report.state, report.agency) == ("xlsx", "done", police)


def test_a_report_is_produced_by_a_worker_while_its_page_waits(page, tmp_path, run_jobs):
    login(page, "lanhdao")
    choose(page)
    page.get_by_role("button", name="Tải PDF").click()

    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    report = ProducedReport.objects.get()
    assert page.url.endswith(f"/reports/{report.pk}/")
    assert report.row_count == 37
    link = page.locator("a#download")
    expect(page.get_by_role("progressbar")).to_be_visible()
    screenshot(page, "11-report-queued")
    run_jobs()  # the worker's part
    expect(link).to_be_visible(timeout=60_000)  # the page refreshes itself every 2 s until the report is ready
    expect(page.get_by_role("progressbar")).to_have_count(0)
    expect(link).to_contain_text("Tải PDF")
    screenshot(page, "12-report-ready")

    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "bao-cao-04-CTr-UBND-2025-Q4.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    report.refresh_from_db()
    assert (report.state, report.progress) == ("done", 100)
