"""The report's "Ý kiến chỉ đạo" section: the directives given within the period on the programme or on its tasks
in scope, the same in the PDF and in the workbook."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.content import gather
from reports.excel import render_xlsx
from reports.models import ProducedReport
from reports.pdf import report_html
from tasks.models import Task, ThreadEntry
from tasks.periods import CutoffRule, quarter_of
from tests.html import find_all
from tests.views.conftest import CITY, Y_TE, agency, logged_in, programme, task, user

Kind = ThreadEntry.Kind


def content_now(**scope):
    period = quarter_of(timezone.localdate())
    return gather(Task.objects.all(), programme(CITY), period, period.cutoff(CutoffRule.CALENDAR), **scope)


def entry(kind=Kind.DIRECTIVE, text="Chỉ đạo", days_ago=0, **subject):
    made = ThreadEntry.objects.create(kind=kind, author=user("lanhdao"), text=text, **subject)
    if days_ago:  # created_at is set on save: move it back afterwards
        ThreadEntry.objects.filter(pk=made.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    return made


@pytest.fixture
def directives(seeded):
    entry(text="Tổng kết chương trình trước 15/12", programme=programme(CITY))
    entry(text='=HYPERLINK("http://x")', task=task(CITY, "V", "5"))  # led by Công an, Y tế supports through a group
    entry(text="Chỉ đạo về IX.2", task=task(CITY, "IX", "2"))  # Phòng Y tế is not named on it
    entry(text="Chỉ đạo năm ngoái", days_ago=400, task=task(CITY, "V", "5"))
    entry(Kind.NOTE, "Ghi chú, không phải chỉ đạo", task=task(CITY, "V", "5"))


def test_the_period_holds_its_directives_on_the_programme_and_its_tasks(directives):
    content = content_now()
    assert [(d.ref, d.text) for d in content.directives] == [
        ("", "Tổng kết chương trình trước 15/12"),
        ("V.5", '=HYPERLINK("http://x")'),
        ("IX.2", "Chỉ đạo về IX.2"),
    ]
    assert content.directives[0].day == timezone.localdate()


def test_an_agency_scope_holds_the_programme_and_its_own_tasks(directives):
    refs = [d.ref for d in content_now(agency=agency(Y_TE)).directives]
    assert refs == ["", "V.5"]


def test_the_pdf_numbers_the_sections_after_the_directives(directives):
    content = content_now()
    content.proposals = "Đề nghị bổ sung kinh phí"
    html = report_html(content)
    assert "III. Ý KIẾN CHỈ ĐẠO" in html and "IV. KHÓ KHĂN, VƯỚNG MẮC, ĐỀ XUẤT" in html
    assert "Toàn chương trình" in html and "Tổng kết chương trình trước 15/12" in html
    content.directives = []
    html = report_html(content)
    assert "Ý KIẾN CHỈ ĐẠO" not in html and "III. KHÓ KHĂN, VƯỚNG MẮC, ĐỀ XUẤT" in html


def test_the_workbook_lists_them_formula_safe(directives):
    workbook = load_workbook(io.BytesIO(render_xlsx(content_now())))
    sheet = workbook["Ý kiến chỉ đạo"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == ["Toàn chương trình", "V.5", "IX.2"]
    formula_like = sheet.cell(row=3, column=4)
    assert formula_like.data_type == "s" and formula_like.value == '=HYPERLINK("http://x")'


def test_a_period_without_directives_has_no_such_sheet(seeded):
    entry(text="Chỉ đạo năm ngoái", days_ago=400, programme=programme(CITY))
    content = content_now()
    assert content.directives == []
    assert "Ý kiến chỉ đạo" not in load_workbook(io.BytesIO(render_xlsx(content))).sheetnames


def test_the_report_form_makes_the_section_optional(directives, run_jobs):
    """Offered checked; a PDF or a workbook asked with it has the section, one asked without it has none."""
    chqs = logged_in("chqs")
    box = find_all(chqs.get(reverse("reports:index")), '//input[@name="with_directives"]')
    assert [b.get("checked") is not None for b in box] == [True]
    asked = {"programme": programme(CITY).pk, "period": quarter_of(timezone.localdate()).key, "cutoff_rule": "calendar"}
    for report_format in ("pdf", "xlsx"):
        chqs.post(reverse("reports:produce"), {**asked, "format": report_format, "with_directives": "on"})
        chqs.post(reverse("reports:produce"), {**asked, "format": report_format})
    produced = list(ProducedReport.objects.order_by("pk"))
    assert [r.with_directives for r in produced] == [True, False, True, False]
    run_jobs()
    pdf_with, pdf_without, xlsx_with, xlsx_without = (
        b"".join(chqs.get(reverse("reports:download", args=[r.pk])).streaming_content) for r in produced
    )
    assert "III. Ý KIẾN CHỈ ĐẠO" in pdf_text(pdf_with) and "Tổng kết chương trình trước 15/12" in pdf_text(pdf_with)
    assert "Ý KIẾN CHỈ ĐẠO" not in pdf_text(pdf_without) and "Tổng kết chương trình" not in pdf_text(pdf_without)
    assert "Ý kiến chỉ đạo" in load_workbook(io.BytesIO(xlsx_with)).sheetnames
    assert "Ý kiến chỉ đạo" not in load_workbook(io.BytesIO(xlsx_without)).sheetnames


def pdf_text(data):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)
