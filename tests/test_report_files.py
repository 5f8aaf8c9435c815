"""The produced files, opened as a reader would: the PDF's text, fonts and pages; the workbook read back."""

import datetime
import io
import re
import shutil
import subprocess
import unicodedata

import pytest
from django.conf import settings
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.content import gather
from reports.excel import render_xlsx
from reports.models import ReportSetup
from reports.pdf import FontsOnly, render_pdf
from tasks.models import Task
from tasks.periods import parse_period
from tasks.status import Progress
from tests.views.conftest import CITY, programme, report, task

PAGES_DIR = settings.BASE_DIR / "test-output" / "report-pages"


def city_report(period_key="2025-Q4", **document):
    period = parse_period(period_key)
    return gather(Task.objects.all(), programme(CITY), period, period.cutoff(), **document)


@pytest.fixture
def content(seeded):
    city = programme(CITY)
    ReportSetup.objects.create(
        programme=city,
        parent_body="ỦY BAN NHÂN DÂN THÀNH PHỐ THÁI NGUYÊN",
        issuing_body="BAN CHỈ HUY QUÂN SỰ THÀNH PHỐ",
        number_suffix="BC-BCH",
        place="Thái Nguyên",
        signer_authority="TM. BAN CHỈ HUY",
        signer_title="CHỈ HUY TRƯỞNG",
        signer_name="Trần Văn Bình",
        recipients="UBND thành phố (b/c);\nLưu: VT, TM.",
    )
    trap = task(CITY, "I", "1")
    trap.content = '=HYPERLINK("http://evil.invalid","bấm") ' + trap.content  # formula injection attempt
    trap.save()
    report(
        task(CITY, "V", "5"),
        "congan",
        Progress.DONE,
        completed_on=datetime.date(2025, 11, 3),
        result="Đã tổ chức diễn tập phương án",
        reported_on=datetime.date(2025, 11, 5),
    )
    return city_report(number="5", report_date=datetime.date(2026, 1, 5))


@pytest.fixture
def pdf_bytes(content):
    return render_pdf(content)


@pytest.fixture
def pdf(pdf_bytes):
    return PdfReader(io.BytesIO(pdf_bytes))


def page_text(page):
    return unicodedata.normalize("NFC", page.extract_text())


def flat(text):
    return " ".join(text.split())


def test_the_first_page_carries_the_decree_30_header_and_the_counts_as_of_the_cut_off(pdf, content):
    first = flat(page_text(pdf.pages[0]))
    for words in [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ THÁI NGUYÊN",
        "BAN CHỈ HUY QUÂN SỰ THÀNH PHỐ",
        "Số: 05/BC-BCH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Thái Nguyên, ngày 05 tháng 01 năm 2026",
        "BÁO CÁO",
    ]:
        assert words in first
    assert flat(content.subject) in first
    assert "quý IV năm 2025" in content.subject and "04/CTr-UBND" in content.subject

    text = flat(" ".join(page_text(p) for p in pdf.pages[:3]))
    total = content.total
    assert total.total == 37 and total.done_on_time == 1  # V.5 done on 03/11, within the quarter
    assert flat(total.summary_line()) in text
    assert "Nơi nhận:" in text and "TM. BAN CHỈ HUY" in text and "Trần Văn Bình" in text


def test_every_task_appears_in_the_appendix_in_correct_vietnamese_in_the_embedded_font(pdf, content):
    text = flat(" ".join(page_text(p) for p in pdf.pages))
    assert "Phụ lục I" in text
    assert "(Kèm theo Báo cáo số 05/BC-BCH ngày 05/01/2026 của Ban Chỉ huy quân sự thành phố Thái Nguyên)" in text
    for row in content.rows:
        assert flat(row.content) in text, row.ref
    assert "Đã tổ chức diễn tập phương án" in text

    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(font.get_object()["/BaseFont"].split("+", 1)[-1])
    assert fonts and all(name.startswith("PTDS-Serif") for name in fonts), fonts


def test_body_pages_are_portrait_a4_and_the_appendix_landscape_a4_numbered_from_page_2(pdf, pdf_bytes):
    sizes = [
        (round(float(p.mediabox.width) * 25.4 / 72), round(float(p.mediabox.height) * 25.4 / 72)) for p in pdf.pages
    ]
    assert sizes[0] == (210, 297)
    appendix_start = next(i for i, p in enumerate(pdf.pages) if "Phụ lục I" in page_text(p))
    assert set(sizes[:appendix_start]) == {(210, 297)}
    assert set(sizes[appendix_start:]) == {(297, 210)}
    assert len(pdf.pages) - appendix_start >= 3  # 37 tasks do not fit one landscape page
    lines = [page_text(p).strip().split("\n") for p in pdf.pages]
    # The top margin box is drawn last, so its number is the page's last line of text.
    assert lines[0][-1].strip() != "1"
    assert [page[-1].strip() for page in lines[1:]] == [str(n) for n in range(2, len(lines) + 1)]
    appendix = [page for page in lines if any("Nội dung nhiệm vụ" in line for line in page)]
    assert len(appendix) >= 3  # the header row on every appendix page
    # The pages as pictures, to look at (test-output/report-pages/), and their orientation once more.
    shutil.rmtree(PAGES_DIR, ignore_errors=True)
    PAGES_DIR.mkdir(parents=True)
    source = PAGES_DIR / "bao-cao-quy-iv-2025.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(source), str(PAGES_DIR / "trang")], check=True)
    pictures = sorted(PAGES_DIR.glob("trang-*.png"))
    assert len(pictures) == len(pdf.pages)
    width, height = (int.from_bytes(pictures[-1].read_bytes()[at : at + 4], "big") for at in (16, 20))
    assert width > height  # PNG header: the last page, in the appendix, is landscape


def test_rendering_fetches_nothing_but_the_fonts(tmp_path):
    fetcher = FontsOnly()
    font = fetcher.fetch((settings.PTDS_PDF_FONT_DIR + "/LiberationSerif-Regular.ttf").join(["file://", ""]))
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    secret = tmp_path / "secret.txt"
    secret.write_text("không được đọc")
    for url in [
        "http://127.0.0.1:9/x.png",
        "https://example.com/a.css",
        secret.as_uri(),
        "file:///etc/passwd",
        f"file://{settings.PTDS_PDF_FONT_DIR}/../../../../etc/passwd",
    ]:
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(url)


def test_an_image_in_task_text_is_escaped_not_fetched(seeded):
    trap = task(CITY, "II", "1")
    trap.content = '<img src="http://127.0.0.1:9/track.png"> Rà soát văn bản'
    trap.save()
    text = flat(" ".join(page_text(p) for p in PdfReader(io.BytesIO(render_pdf(city_report()))).pages))
    assert "<img src=" in text and "track.png" in text


@pytest.fixture
def workbook(content):
    return load_workbook(io.BytesIO(render_xlsx(content)))


def test_the_workbook_has_the_three_sheets(workbook):
    assert workbook.sheetnames == ["Tổng hợp", "Chi tiết", "Quá hạn"]


def test_the_summary_sheet_holds_real_numbers_that_add_up(workbook, content):
    sheet = workbook["Tổng hợp"]
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[4][0] == content.total.summary_line()
    section_rows = [row for row in values if isinstance(row[0], int) and str(row[1]).startswith(("I.", "V.", "X."))]
    assert sum(row[2] for row in section_rows[:10]) <= 37
    totals = [row for row in values if row[1] == "Tổng cộng"]
    assert len(totals) == 2 and all(row[2] == 37 for row in totals)
    assert all(isinstance(n, int) for n in totals[0][2:8])


def test_the_detail_sheet_is_laid_out_like_the_appendix(workbook, content):
    sheet = workbook["Chi tiết"]
    header = [c.value for c in sheet[3]]
    assert header[:5] == ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == f"A3:K{3 + 10 + 37}"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    merged = {str(r) for r in sheet.merged_cells.ranges}
    section_rows = [r for r in range(4, sheet.max_row + 1) if re.fullmatch(r"[IVX]+", str(sheet.cell(r, 1).value))]
    assert len(section_rows) == 10
    assert all(f"B{r}:K{r}" in merged for r in section_rows)
    assert sheet.cell(section_rows[0], 2).font.bold


def test_dates_are_dates_and_percentages_numbers(workbook):
    sheet = workbook["Chi tiết"]
    first_task = [c.value for c in sheet[5]]
    assert first_task[5] == datetime.datetime(2025, 3, 31)  # "Quý I năm 2025"
    assert sheet.cell(5, 6).number_format == "DD/MM/YYYY"
    done = next(row for row in sheet.iter_rows(min_row=4, values_only=True) if row[8] == "Đã hoàn thành đúng hạn")
    assert done[9] == 100


def test_a_cell_that_begins_with_equals_stays_text(workbook):
    sheet = workbook["Chi tiết"]
    cell = sheet.cell(5, 2)
    assert cell.value.startswith("=HYPERLINK(")
    assert cell.data_type == "s"  # text, not a formula ("f")
    overdue = workbook["Quá hạn"]
    injected = next(c for c in overdue["B"] if str(c.value).startswith("="))
    assert injected.data_type == "s"


def test_the_overdue_sheet_lists_each_overdue_task_with_its_days_late(workbook, content):
    rows = list(workbook["Quá hạn"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(content.overdue) > 0
    first = rows[0]
    assert isinstance(first[3], datetime.datetime) and first[4] == (content.as_of - first[3].date()).days
