"""A unit's consolidated page (/units/<pk>/) in the small province of tests/province.py: its table by unit and by
programme, the drill-down links, who may open which unit, and a query count that does not grow with the units."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import ProducedReport
from tasks.periods import quarter_of

from ..province import Province
from .test_province_access import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return Province()


def unit_page(province, unit_key, **query):
    return reverse("reports:unit", args=[province.units[unit_key].pk]) + (
        f"?period={query['period']}" if "period" in query else ""
    )


def test_the_province_page_has_a_row_per_unit_and_per_programme_with_their_links(province):
    response = client_of(province, "tinh_lanhdao").get(unit_page(province, "tinh"))
    assert response.status_code == 200
    page = response.content.decode()
    key = quarter_of(timezone.localdate()).key
    for unit in ("xa1", "xa2"):  # each unit leads to its own page, for the same period
        assert f'href="{unit_page(province, unit)}?period={key}"' in page
    for programme in province.programmes.values():
        assert f'href="{reverse("reports:dashboard")}?programme={programme.pk}"' in page
    figures = response.context["figures"]
    assert [row.unit for row in figures.units] == [province.units[k] for k in ("tinh", "xa2", "xa1")]
    assert figures.total.total == 7 and "Tổng số 7 nhiệm vụ" in page


def test_a_unit_link_drills_down_to_that_unit_s_own_figures(province):
    client = client_of(province, "tinh_lanhdao")
    response = client.get(unit_page(province, "xa1", period="2026-Q4"))
    figures = response.context["figures"]
    assert [p.programme for p in figures.programmes] == [province.programmes["xa1"]]
    assert figures.period.key == "2026-Q4"


@pytest.mark.parametrize(
    "username, unit, status",
    [
        ("xa1_lanhdao", "tinh", 404),  # the province is above the commune
        ("xa1_lanhdao", "xa2", 404),  # another commune
        ("xa1_chqs", "xa1", 200),
        ("soyte_lanhdao", "tinh", 404),  # a department oversees no unit
        ("xa1_congan", "xa1", 404),  # officers oversee nothing
        ("tinh_chqs", "xa2", 200),
    ],
)
def test_a_unit_the_user_does_not_oversee_does_not_exist_for_them(province, username, unit, status):
    assert client_of(province, username).get(unit_page(province, unit)).status_code == status


def test_a_forged_unit_id_answers_404(province):
    client = client_of(province, "tinh_lanhdao")
    assert client.get(reverse("reports:unit", args=[999999])).status_code == 404
    assert client.get(reverse("reports:units"), {"unit": "abc"}).status_code == 404
    assert client.get(reverse("reports:units"), {"unit": "999999"}).status_code == 404


@pytest.mark.parametrize("period, message", [("2025-Q7", "không có quý 7"), ("2099", "Kỳ Năm 2099 chưa bắt đầu")])
def test_a_bad_period_gets_a_vietnamese_message(province, period, message):
    response = client_of(province, "tinh_lanhdao").get(unit_page(province, "tinh", period=period))
    assert response.status_code == 200 and response.context["figures"] is None
    assert message in response.content.decode()


def test_units_opens_the_user_s_own_unit_and_the_switcher_goes_to_the_one_chosen(province):
    client = client_of(province, "xa1_lanhdao")
    response = client.get(reverse("reports:units"))
    assert response.status_code == 302 and response["Location"] == unit_page(province, "xa1")
    chosen = client_of(province, "tinh_lanhdao").get(
        reverse("reports:units"), {"unit": province.units["xa2"].pk, "period": "2026-Q3"}
    )
    assert chosen["Location"] == unit_page(province, "xa2", period="2026-Q3")


@pytest.mark.parametrize("username", ["soyte_lanhdao", "xa1_congan"])
def test_a_user_with_no_unit_is_told_why(province, username):
    response = client_of(province, username).get(reverse("reports:units"))
    assert response.status_code == 200
    assert "không thuộc Ủy ban nhân dân hay cơ quan quân sự" in response.content.decode()


def test_the_menu_offers_the_page_to_those_who_oversee_a_unit(province):
    link = f'href="{reverse("reports:units")}"'
    assert link in client_of(province, "xa1_lanhdao").get(reverse("tasks:list")).content.decode()
    assert link not in client_of(province, "soyte_lanhdao").get(reverse("tasks:list")).content.decode()
    assert link not in client_of(province, "xa1_congan").get(reverse("tasks:list")).content.decode()


def test_the_units_not_reported_are_listed(province):
    response = client_of(province, "tinh_lanhdao").get(unit_page(province, "tinh"))
    listed = re.search(r'id="not-reported".*?</section>', response.content.decode(), re.S).group(0)
    assert all(str(province.units[key]) in listed for key in ("tinh", "xa1", "xa2"))


def test_the_table_stacks_on_a_phone(province):
    page = client_of(province, "tinh_lanhdao").get(unit_page(province, "tinh")).content.decode()
    assert "stack-table" in page and 'data-label="Hoàn thành quá hạn"' in page


def test_the_query_count_does_not_grow_from_2_to_12_programmes(province, django_assert_num_queries):
    for key in ("soyte", "xa2"):
        province.programmes[key].delete()
    client = client_of(province, "tinh_lanhdao")
    url = unit_page(province, "tinh")
    response = client.get(url)
    assert len(response.context["figures"].programmes) == 2
    with django_assert_num_queries(QUERIES):
        client.get(url)
    for i in range(10):
        province.add_commune(f"xa{i + 3}", f"Xã Thêm {i}", tasks=2)
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert len(response.context["figures"].programmes) == 12


QUERIES = 12  # with the bell's unread notifications


def produce(client, unit, report_format="pdf", **fields):
    data = {"unit": unit.pk, "period": "2026-Q4", "cutoff_rule": "calendar", "format": report_format, **fields}
    return client.post(reverse("reports:produce"), data)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_worker_produces_a_unit_s_pdf_with_an_appendix_per_unit(province, run_jobs):
    client = client_of(province, "tinh_chqs")
    response = produce(client, province.units["tinh"], number="3")
    report = ProducedReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert (report.unit, report.programme, report.appendix) == (province.units["tinh"], None, "units")
    run_jobs()
    report.refresh_from_db()
    assert report.state == "done" and report.row_count == 7
    text = pdf_text(client.get(reverse("reports:download", args=[report.pk])))
    assert "trên địa bàn tỉnh Thử Nghiệm" in text and "Số: 03/BC-BCHQS" in text
    for numeral, unit in (("I", "TỈNH THỬ NGHIỆM"), ("II", "PHƯỜNG HAI"), ("III", "XÃ MỘT")):
        assert f"Phụ lục {numeral} KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA {unit}" in text
    assert "Nhiệm vụ 1 của 30/KH-UBND" in text  # a commune's task, as its own report shows it
    assert report.download_name == "bao-cao-tong-hop-tinh-thu-nghiem-2026-Q4.pdf"


def test_the_overdue_appendix_lists_only_the_overdue_tasks(province, run_jobs):
    overdue = province.tasks["xa2"][0]
    overdue.due_on = timezone.localdate() - datetime.timedelta(days=1)
    overdue.save()
    client = client_of(province, "tinh_lanhdao")
    produce(client, province.units["tinh"], appendix="overdue")
    run_jobs()
    report = ProducedReport.objects.get()
    text = pdf_text(client.get(reverse("reports:download", args=[report.pk])))
    assert "NHIỆM VỤ QUÁ HẠN" in text and "Nhiệm vụ 1 của 40/KH-UBND" in text
    assert "Nhiệm vụ 1 của 30/KH-UBND" not in text and "Phụ lục II" not in text


def test_the_worker_produces_a_workbook_with_a_sheet_per_unit(province, run_jobs):
    client = client_of(province, "tinh_lanhdao")
    province.tasks["xa1"][0].content = '=HYPERLINK("http://evil.invalid","bấm")'
    province.tasks["xa1"][0].save()
    produce(client, province.units["tinh"], "xlsx")
    run_jobs()
    report = ProducedReport.objects.get()
    data = b"".join(client.get(reverse("reports:download", args=[report.pk])).streaming_content)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Tổng hợp", "I. Tỉnh Thử Nghiệm", "II. Phường Hai", "III. Xã Một"]
    summary = [row for row in workbook["Tổng hợp"].iter_rows(values_only=True) if row and row[0] is not None]
    total = next(row for row in workbook["Tổng hợp"].iter_rows(values_only=True) if row[1] == "Tổng cộng")
    assert total[2] == 7 and summary
    commune = [row[1] for row in workbook["III. Xã Một"].iter_rows(min_row=4, values_only=True)]
    assert commune[0].startswith("Kế hoạch số 30/KH-UBND") and len(commune) == 4  # programme, section, 2 tasks
    cell = next(
        c for row in workbook["III. Xã Một"].iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s"  # the formula stays text


def test_the_form_offers_the_units_overseen_and_refuses_a_forged_one(province):
    client = client_of(province, "xa1_lanhdao")
    form = client.get(reverse("reports:index")).context["form"]
    assert list(form.fields["unit"].queryset) == [province.units["xa1"]]
    for forged in (province.units["tinh"].pk, province.units["xa2"].pk, 999999, "abc"):
        response = client.post(reverse("reports:produce"), {**FORM, "unit": forged, "format": "pdf"})
        assert response.status_code == 400
        assert "Hãy chọn một lựa chọn hợp lệ" in " ".join(response.context["form"].errors["unit"])
    assert not ProducedReport.objects.exists()


def test_officers_and_departments_are_not_offered_units(province):
    for username in ("xa1_congan", "soyte_lanhdao"):
        form = client_of(province, username).get(reverse("reports:index")).context["form"]
        assert "unit" not in form.fields


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"programme": "xa1"}, "unit", "không chọn cả hai"),
        ({"section": True}, "unit", "bỏ chọn cơ quan và mục"),
        ({"unit": ""}, "programme", "Hãy chọn chương trình"),
    ],
)
def test_a_unit_report_is_of_the_unit_alone(province, fields, field, message):
    data = {**FORM, "unit": province.units["xa1"].pk, "format": "pdf"}
    if "programme" in fields:
        data["programme"] = province.programmes["xa1"].pk
    if "section" in fields:
        data["section"] = province.programmes["xa1"].sections.get().pk
    data.update({k: v for k, v in fields.items() if k == "unit"})
    response = client_of(province, "xa1_chqs").post(reverse("reports:produce"), data)
    assert response.status_code == 400 and message in " ".join(response.context["form"].errors[field])


def test_the_preview_of_a_unit_report_shows_its_consolidated_table(province):
    response = client_of(province, "tinh_lanhdao").post(
        reverse("reports:index"), {**FORM, "unit": province.units["tinh"].pk}
    )
    assert response.status_code == 200 and response.context["figures"].total.total == 7
    assert 'id="consolidated"' in response.content.decode()
    assert not ProducedReport.objects.exists()


FORM = {"period": "2026-Q4", "cutoff_rule": "calendar"}


def pdf_text(response):
    data = b"".join(response.streaming_content)
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_a_unit_s_report_is_found_again_by_those_who_oversee_the_unit_only(province, run_jobs):
    produce(client_of(province, "tinh_chqs"), province.units["tinh"], "xlsx")
    run_jobs()
    report = ProducedReport.objects.get()
    detail = reverse("reports:detail", args=[report.pk])
    page = client_of(province, "tinh_lanhdao").get(detail)
    assert page.status_code == 200 and "Tổng hợp theo đơn vị: phụ lục từng đơn vị" in page.content.decode()
    for username in ("xa1_lanhdao", "xa1_chqs", "soyte_lanhdao", "xa1_congan"):
        assert client_of(province, username).get(detail).status_code == 404, username
    listed = client_of(province, "tinh_lanhdao").get(reverse("reports:index")).context["recent"]
    assert [r.subject for r in listed] == [province.units["tinh"]]
