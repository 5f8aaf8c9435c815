"""/reports/: choose, preview, produce, download, find again; who may report on what; bad input changes nothing."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import ProducedReport, ReportSetup
from tests.html import find_all, text

from .conftest import BAC_GIANG, CITY, CONG_AN, Y_TE, agency, programme, section, synthetic_tasks, user

INDEX = reverse("reports:index")
# Session and user (3), the form's programmes, agencies, sections and units (5), the scope check (1), the report:
# setup, tasks and their assignments, handovers, phases and reports of the period, their children's roll-up, the
# directives of the period (8), the reports produced before (1), the bell's unread notifications (1).
PREVIEW_QUERIES = 21
PRODUCE = reverse("reports:produce")


def choice(client, **fields):
    data = {"programme": programme(CITY).pk, "period": "2025-Q4", "cutoff_rule": "calendar", **fields}
    return {key: value for key, value in data.items() if value is not None}


def produce(client, fmt="pdf", **fields):
    return client.post(PRODUCE, {**choice(client, **fields), "format": fmt})


def test_anonymous_users_are_sent_to_log_in(anonymous):
    for url in [INDEX, PRODUCE, reverse("reports:detail", args=[1]), reverse("reports:download", args=[1])]:
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_page_offers_what_the_user_may_report_on(chqs, congan, lanhdao):
    assert {p.number for p in chqs.get(INDEX).context["form"].fields["programme"].queryset} == {CITY}
    assert {p.number for p in lanhdao.get(INDEX).context["form"].fields["programme"].queryset} == {CITY, BAC_GIANG}
    officer_form = congan.get(INDEX).context["form"]
    assert list(officer_form.fields["agency"].queryset) == [agency(CONG_AN)]
    assert officer_form.fields["agency"].required


def test_the_period_is_chosen_from_a_list_in_words(lanhdao):
    """Quarters, halves, nine months and years in words, grouped by year, the current quarter chosen; a date range."""
    response = lanhdao.get(INDEX)
    today = timezone.localdate()
    options = {o.get("value"): text(o) for o in find_all(response, '//select[@id="id_period"]//option')}
    quarter = (today.month - 1) // 3 + 1
    assert options[f"{today.year}-Q{quarter}"] == f"Quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm {today.year}"
    assert options[f"{today.year - 1}-H2"] == f"6 tháng cuối năm {today.year - 1}"
    assert options[f"{today.year - 1}-9M"] == f"9 tháng năm {today.year - 1}"
    assert options[str(today.year - 1)] == f"Năm {today.year - 1}"
    assert options["custom"] == "Khoảng ngày tùy chọn…"
    assert not any(key.startswith(str(today.year + 1)) for key in options)  # nothing that has not begun
    chosen = find_all(response, '//select[@id="id_period"]//option[@selected]')
    assert [o.get("value") for o in chosen] == [f"{today.year}-Q{quarter}"]
    assert "---------" not in response.content.decode()


@pytest.mark.parametrize("period", ["2025-Q4", "Quý IV/2025", "quý IV năm 2025"])
def test_a_period_given_as_a_key_or_in_words_makes_the_same_report(lanhdao, period):
    response = lanhdao.get(INDEX, choice(lanhdao, period=period))
    assert response.status_code == 200
    assert "quý IV năm 2025" in response.context["content"].subject


def test_a_key_of_an_old_link_stays_chosen_in_words(lanhdao):
    response = lanhdao.get(INDEX, choice(lanhdao, period="2025-11"))
    assert response.context["content"].window == (datetime.date(2025, 11, 1), datetime.date(2025, 11, 30))
    chosen = find_all(response, '//select[@id="id_period"]//option[@selected]')
    assert [(o.get("value"), text(o)) for o in chosen] == [("2025-11", "Tháng 11 năm 2025")]


def test_a_date_range_is_read_from_its_two_dates(lanhdao):
    response = lanhdao.get(INDEX, choice(lanhdao, period="custom", period_start="2025-10-15", period_end="2025-12-14"))
    assert response.context["content"].window == (datetime.date(2025, 10, 15), datetime.date(2025, 12, 14))
    refused = lanhdao.get(INDEX, choice(lanhdao, period="custom", period_start="2025-10-15"))
    assert refused.context["content"] is None
    assert "cần cả ngày bắt đầu và ngày kết thúc" in " ".join(refused.context["form"].errors["period_end"])


def test_the_preview_shows_the_subject_and_the_summary(lanhdao):
    response = lanhdao.get(INDEX, choice(lanhdao))
    assert response.status_code == 200
    content = response.context["content"]
    assert content.row_count == 37
    page = response.content.decode()
    assert "quý IV năm 2025" in content.subject and content.subject in page
    assert content.total.summary_line() in page
    assert all(row.content in page for row in content.rows)


def test_the_preview_is_posted_so_no_csrf_token_goes_into_an_address(seeded):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("lanhdao"))
    page = client.get(INDEX)
    [form] = find_all(page, '//form[@id="report-form"]')
    assert form.get("method") == "post"
    assert not find_all(page, '//form[@method="get"]//input[@name="csrfmiddlewaretoken"]')
    assert not [b for b in form.xpath(".//button") if b.get("formmethod") == "get"]
    token = form.xpath('.//input[@name="csrfmiddlewaretoken"]')[0].get("value")
    response = client.post(INDEX, {**choice(client), "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and response.context["content"].row_count == 37
    assert not ProducedReport.objects.exists()  # a preview writes nothing
    assert client.post(INDEX, choice(client)).status_code == 403  # and, being a POST, needs the token


def test_the_preview_needs_a_constant_number_of_queries(lanhdao, django_assert_max_num_queries):
    synthetic_tasks(300)
    query = choice(lanhdao)
    with django_assert_max_num_queries(PREVIEW_QUERIES) as queries:
        response = lanhdao.get(INDEX, query)
    assert response.context["content"].row_count == 337
    small = len(queries.captured_queries)
    programme(CITY).sections.get(numeral="XI").tasks.filter(position__gt=10).delete()
    with django_assert_max_num_queries(small):
        lanhdao.get(INDEX, query)


def test_a_pdf_is_produced_by_a_worker_kept_and_downloaded(chqs, run_jobs):
    response = produce(chqs, "pdf", number="7")
    kept = ProducedReport.objects.get()
    assert response.status_code == 302 and response["Location"] == kept.get_absolute_url()
    assert kept.state == "queued"  # nothing is rendered on the web process
    waiting = chqs.get(kept.get_absolute_url())
    assert find_all(waiting, '//meta[@http-equiv="refresh"]') and "chờ đến lượt" in waiting.content.decode()
    run_jobs()
    kept.refresh_from_db()
    assert (kept.created_by, kept.state, kept.row_count, kept.period_key) == (user("chqs"), "done", 37, "2025-Q4")
    page = chqs.get(kept.get_absolute_url())
    assert b'http-equiv="refresh"' not in page.content and find_all(page, '//a[@id="download"]')
    download = chqs.get(reverse("reports:download", args=[kept.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="bao-cao-04-CTr-UBND-2025-Q4.pdf"'
    body = b"".join(download.streaming_content)
    assert len(body) == kept.size
    first_page = PdfReader(io.BytesIO(body)).pages[0].extract_text()
    assert "Số: 07/BC-BCH" in first_page  # Ban Chỉ huy's symbol after "BC-", by default
    # The place of each body's name is kept on one line: "THÀNH PHỐ THÁI NGUYÊN", never "THÀNH" / "PHỐ".
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in first_page.splitlines()]
    assert "THÀNH" not in [line.split()[-1] for line in lines if line.split()]
    listed = chqs.get(INDEX).context["recent"]
    assert [r.pk for r in listed] == [kept.pk]


def test_an_officer_gets_the_spreadsheet_of_their_own_agency(congan, run_jobs):
    produce(congan, "xlsx", agency=agency(CONG_AN).pk)
    run_jobs()
    kept = ProducedReport.objects.get()
    assert kept.agency == agency(CONG_AN) and kept.row_count < 37
    download = congan.get(reverse("reports:download", args=[kept.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.sheetnames == ["Tổng hợp", "Chi tiết", "Quá hạn"]
    assert workbook["Tổng hợp"]["A5"].value.startswith(f"Tổng số {kept.row_count} nhiệm vụ")


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"period": "2025-Q5"}, "period", "Quý phải từ 1 đến 4"),
        ({"period": "quý 4"}, "period", "Không đọc được kỳ báo cáo"),
        ({"period": "2025-02-30..2025-03-31"}, "period", "Không đọc được kỳ báo cáo"),
        ({"period": "2025-03-31..2025-01-01"}, "period", "trước ngày bắt đầu"),
        ({"number": "15/BC"}, "number", "Số báo cáo chỉ gồm chữ số"),
        ({"cutoff_rule": "lunar"}, "cutoff_rule", "Hãy chọn một lựa chọn hợp lệ"),
        ({"programme": "999999"}, "programme", "Hãy chọn một lựa chọn hợp lệ"),
        ({"period": "2099-Q1"}, "period", "Kỳ Quý I năm 2099 chưa bắt đầu (từ ngày 01/01/2099)"),
    ],
)
def test_bad_choices_get_a_vietnamese_message_and_produce_nothing(chqs, fields, field, message):
    response = produce(chqs, **fields)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not ProducedReport.objects.exists()


def test_a_section_of_another_programme_is_refused(lanhdao):
    response = produce(lanhdao, section=section(BAC_GIANG, "I").pk)
    assert "không thuộc" in " ".join(response.context["form"].errors["section"])
    assert not ProducedReport.objects.exists()


def test_a_programme_the_user_cannot_see_is_not_offered_nor_accepted(chqs):
    response = produce(chqs, programme=programme(BAC_GIANG).pk)
    assert response.status_code == 400 and "programme" in response.context["form"].errors
    assert not ProducedReport.objects.exists()


def test_an_officer_cannot_forge_another_agency_or_the_whole_programme(congan):
    for forged in [agency(Y_TE).pk, ""]:
        response = produce(congan, agency=forged)
        assert response.status_code == 400 and "agency" in response.context["form"].errors
    assert not ProducedReport.objects.exists()


def test_an_unknown_format_is_refused(chqs):
    response = produce(chqs, "docx")
    assert response.status_code == 400
    assert "PDF hoặc Excel" in response.content.decode()
    assert not ProducedReport.objects.exists()


def test_a_scope_without_tasks_says_so(chqs):
    response = produce(chqs, agency=agency("Ủy ban nhân dân các xã, phường").pk, section=section(CITY, "II").pk)
    assert response.context["form"].errors == {"__all__": ["Không có nhiệm vụ nào trong phạm vi đã chọn."]}
    assert "Không có nhiệm vụ nào trong phạm vi đã chọn." in response.content.decode()
    assert not ProducedReport.objects.exists()


def test_producing_needs_post_and_a_csrf_token(seeded):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("chqs"))
    assert client.get(PRODUCE, choice(client)).status_code == 405
    assert produce(client).status_code == 403
    assert not ProducedReport.objects.exists()


def test_reports_are_found_again_only_by_those_who_may_see_them(chqs, congan, yte, lanhdao, run_jobs):
    produce(chqs)
    produce(congan, "xlsx", agency=agency(CONG_AN).pk)
    run_jobs()
    city, police = ProducedReport.objects.order_by("pk")
    assert {r.pk for r in lanhdao.get(INDEX).context["recent"]} == {city.pk, police.pk}
    assert {r.pk for r in chqs.get(INDEX).context["recent"]} == {city.pk, police.pk}  # their programme's
    assert {r.pk for r in congan.get(INDEX).context["recent"]} == {police.pk}
    assert not yte.get(INDEX).context["recent"]
    for url in [reverse("reports:detail", args=[city.pk]), reverse("reports:download", args=[city.pk])]:
        assert congan.get(url).status_code == 404  # another agency's report does not exist for them
    assert yte.get(reverse("reports:download", args=[police.pk])).status_code == 404
    assert lanhdao.get(reverse("reports:download", args=[police.pk])).status_code == 200


def test_the_report_list_needs_a_constant_number_of_queries(chqs, django_assert_max_num_queries, run_jobs):
    produce(chqs, "xlsx")
    run_jobs()
    with django_assert_max_num_queries(13) as one:  # 12, and the bell's unread notifications
        chqs.get(INDEX)
    first = len(one.captured_queries)
    for number in range(5):
        produce(chqs, "xlsx", number=str(number + 1))
    with django_assert_max_num_queries(first):
        assert len(chqs.get(INDEX).context["recent"]) == 6


def test_command_staff_set_how_their_reports_are_headed_and_signed(chqs, lanhdao, congan):
    url = reverse("reports:setup", args=[programme(CITY).pk])
    form = chqs.get(url).context["form"]
    assert form.initial["issuing_body"] == "BAN CHỈ HUY QUÂN SỰ THÀNH PHỐ THÁI NGUYÊN"
    data = {**form.initial, "number_suffix": "BC-BCH", "signer_title": "CHỈ HUY TRƯỞNG", "signer_name": "Trần Văn B"}
    data = {key: value for key, value in data.items() if key in form.fields}
    assert chqs.post(url, data).status_code == 302
    assert ReportSetup.objects.get().signer_name == "Trần Văn B"
    assert lanhdao.get(url).status_code == 403  # reads everything, changes nothing
    assert lanhdao.post(url, {**data, "signer_name": "X"}).status_code == 403
    assert congan.get(url).status_code == 403
    assert chqs.get(reverse("reports:setup", args=[programme(BAC_GIANG).pk])).status_code == 404
    assert ReportSetup.objects.get().signer_name == "Trần Văn B"


def test_the_form_starts_from_the_issuing_body_s_symbol(chqs):
    form = chqs.get(reverse("reports:setup", args=[programme(CITY).pk])).context["form"]
    assert form.initial["number_suffix"] == "BC-BCH"


def signature_warning(client, **fields):
    return find_all(client.get(INDEX, choice(client, **fields)), '//div[@id="signature-missing"]')


def test_an_empty_signature_block_is_pointed_out_before_the_report_is_made(chqs, lanhdao):
    [warning] = signature_warning(chqs)
    assert "Khối chữ ký của báo cáo đang trống" in "".join(warning.itertext())
    assert warning.xpath(".//a")[0].get("href") == reverse("reports:setup", args=[programme(CITY).pk])
    [warning] = signature_warning(lanhdao)
    assert not warning.xpath(".//a")  # leadership may not set it up: told who can
    setup = ReportSetup.for_programme(programme(CITY))
    setup.signer_title, setup.signer_name = "CHỈ HUY TRƯỞNG", "Trần Văn B"
    setup.save()
    assert signature_warning(chqs) == [] and signature_warning(lanhdao) == []


def test_a_setup_without_the_issuing_body_is_refused(chqs):
    url = reverse("reports:setup", args=[programme(CITY).pk])
    response = chqs.post(url, {"issuing_body": "", "place": "Thái Nguyên", "number_suffix": "BC"})
    assert response.status_code == 200 and "issuing_body" in response.context["form"].errors
    assert not ReportSetup.objects.exists()


def test_the_report_page_shows_the_progress_of_its_job(lanhdao, run_jobs):
    produce(lanhdao, "xlsx")
    kept = ProducedReport.objects.get()
    ProducedReport.objects.update(state=ProducedReport.State.RUNNING, progress=40)
    page = lanhdao.get(kept.get_absolute_url())
    assert find_all(page, '//meta[@http-equiv="refresh"]')
    assert [p.get("value") for p in find_all(page, '//progress[@class="report-progress"]')] == ["40"]
    assert "Đang lập báo cáo" in page.content.decode()


def test_the_same_report_asked_twice_while_queued_is_one_job(chqs, run_jobs):
    first, second = produce(chqs, "pdf", number="7"), produce(chqs, "pdf", number="7")
    kept = ProducedReport.objects.get()
    assert first["Location"] == second["Location"] == kept.get_absolute_url()
    assert DBTaskResult.objects.count() == 1
    produce(chqs, "pdf", number="8")  # another number: another report
    assert ProducedReport.objects.count() == 2
    run_jobs()
    produce(chqs, "pdf", number="7")  # asked again once made: made again (the data may have changed)
    assert ProducedReport.objects.count() == 3


def test_a_person_has_a_bounded_number_of_jobs_waiting(chqs, lanhdao, settings):
    settings.PTDS_JOBS_PER_USER = 2
    for number in ["1", "2"]:
        assert produce(chqs, number=number).status_code == 302
    response = produce(chqs, number="3")
    assert response.status_code == 429
    assert "đang có 2 việc chờ xử lý" in response.content.decode()
    assert ProducedReport.objects.count() == 2 and DBTaskResult.objects.count() == 2
    assert produce(lanhdao, number="3").status_code == 302  # another person's place


def test_the_whole_queue_is_bounded(chqs, lanhdao, settings):
    settings.PTDS_QUEUE_LIMIT = 1
    assert produce(chqs).status_code == 302
    response = produce(lanhdao, number="2")
    assert response.status_code == 429 and "quá nhiều việc chờ xử lý" in response.content.decode()
    assert ProducedReport.objects.count() == 1


def test_a_report_not_finished_cannot_be_downloaded(chqs):
    produce(chqs)
    kept = ProducedReport.objects.get()
    kept.state = ProducedReport.State.RUNNING
    kept.save()
    assert chqs.get(reverse("reports:download", args=[kept.pk])).status_code == 404


def test_a_report_just_started_is_waited_for(chqs):
    produce(chqs)
    ProducedReport.objects.update(state=ProducedReport.State.QUEUED)
    page = chqs.get(ProducedReport.objects.get().get_absolute_url())
    assert b'http-equiv="refresh"' in page.content
