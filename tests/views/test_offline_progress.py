"""Reporting offline: "my tasks" as an Excel template, filled, uploaded, reviewed row by row, saved on confirmation."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook, load_workbook

from tasks import access
from tasks.evidence import OLE2
from tasks.jobs import save_draft
from tasks.models import ImportDraft, ProgressReport, Task
from tasks.offline import headers
from tasks.periods import quarter_of
from tasks.status import Acceptance, Progress, Status
from tests.conftest import run_queued_jobs
from tests.documents.hostile import far_rows
from tests.html import by_id, find_all, text

from .conftest import CITY, CONG_AN, agency, confirm, refusal_of, report, synthetic_tasks, task, user

TEMPLATE = reverse("tasks:my_template")
UPLOAD = reverse("tasks:my_upload")
FIRST_ROW = 4  # title, guide, header
NOT_OURS = "Dòng %d: nhiệm vụ này không thuộc cơ quan của anh/chị; dòng bị từ chối."
# Measured, the same for 10 and 200 extra tasks / 3 and 40 rows: session, user, profile, agency and role; the tasks,
# their assignments with agencies and phases (the review also: the draft and the agency's groups).
TEMPLATE_QUERIES = 8
REVIEW_QUERIES = 11  # the review page also counts the bell's unread notifications

COLUMN = {header: index for index, header in enumerate(headers().values(), 1)}


def officer_tasks(name=CONG_AN):
    return list(
        Task.objects.current().assigned_to(agency(name)).order_by("section__programme", "section__position", "position")
    )


def download(client):
    response = client.get(TEMPLATE)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-tien-do-')
    return response.content


def sheet_of(content):
    return load_workbook(io.BytesIO(content))["Nhiệm vụ"]


def row_of(sheet, t):
    return next(r for r in range(FIRST_ROW, sheet.max_row + 1) if sheet.cell(r, 1).value == t.pk)


def fill(content, rows):
    """The template with {task or raw id: {header: value}} written into the rows of those tasks (appended if absent)."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Nhiệm vụ"]
    for key, values in rows.items():
        if isinstance(key, Task) and any(sheet.cell(r, 1).value == key.pk for r in range(FIRST_ROW, sheet.max_row + 1)):
            r = row_of(sheet, key)
        else:
            r = sheet.max_row + 1
            sheet.cell(r, 1, key.pk if isinstance(key, Task) else key)
        for header, value in values.items():
            sheet.cell(r, COLUMN[header], value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data, name="bao-cao.xlsx"):
    """Upload as a person would, and let the worker read the file (the page then shows what it read)."""
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})
    run_queued_jobs()
    return response


def uploaded(client, rows):
    """Download, fill, upload: the review page of the new draft."""
    response = upload(client, fill(download(client), rows))
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = ImportDraft.objects.get()
    assert response["Location"] == reverse("tasks:my_upload_review", args=[draft.pk])
    assert draft.kind == ImportDraft.Kind.PROGRESS and draft.uploaded_by == user("congan")
    return client.get(response["Location"])


def review_url():
    return reverse("tasks:my_upload_review", args=[ImportDraft.objects.get().pk])


def errors_by_row(review):
    return {row.number: row.errors for row in review.context["rows"]}


def status_of(t):
    return Task.objects.with_status().get(pk=t.pk).status


def support_only_task(username="congan"):
    """A current task naming the officer's agency only as support: its reports do not set the status."""
    officer = user(username)
    return next(
        t
        for t in Task.objects.current().assigned_to(officer.profile.agency).prefetch_related("assignments")
        if access.reporting_role(officer, t) is access.ReportingRole.CONTRIBUTES and not t.is_recurring
    )


def recurring_task():
    return next(t for t in officer_tasks() if t.is_recurring)


# The template


def test_the_template_lists_the_officer_s_current_tasks_with_their_state(congan, police_task):
    archived = task(CITY, "II", "2")
    archived.archived_at = timezone.now()
    archived.save()
    content = download(congan)
    sheet = sheet_of(content)
    expected = officer_tasks()
    assert archived not in expected
    assert [sheet.cell(r, 1).value for r in range(FIRST_ROW, sheet.max_row + 1)] == [t.pk for t in expected]
    title = sheet["A1"].value
    assert "Công an thành phố Thái Nguyên" in title and timezone.localdate().strftime("%d/%m/%Y") in title
    assert [c.value for c in sheet[3]] == list(headers().values())
    assert list(headers().values())[:1] == ["Mã"] and list(headers().values())[-8:] == [
        "Tình trạng",
        "Tỷ lệ (%)",
        "Kết quả thực hiện",
        "Ngày hoàn thành",
        "Loại văn bản",
        "Số, ký hiệu",
        "Ngày văn bản",
        "Kỳ báo cáo",
    ]
    r = row_of(sheet, police_task)
    shown = {header: sheet.cell(r, index).value for header, index in COLUMN.items()}
    assert shown["Chương trình"] == CITY and shown["Mục"] == "V" and shown["TT"] == "5"
    assert shown["Nội dung nhiệm vụ"] == police_task.content
    assert shown["Cơ quan chủ trì"] == police_task.lead_as_written
    assert isinstance(shown["Hạn"], datetime.datetime) and shown["Hạn"].date() == police_task.effective_due
    assert shown["Tình trạng hiện tại"] == Status(status_of(police_task)).label and shown["Tỷ lệ hiện tại (%)"] == 0
    assert shown["Tình trạng"] is None and shown["Kết quả thực hiện"] is None


def test_the_sheet_is_protected_but_the_report_cells_take_input(congan, police_task):
    sheet = sheet_of(download(congan))
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet.freeze_panes == "A4"
    r = row_of(sheet, police_task)
    for header in ["Mã", "Chương trình", "Nội dung nhiệm vụ", "Hạn", "Tình trạng hiện tại", "Kỳ báo cáo"]:
        assert sheet.cell(r, COLUMN[header]).protection.locked, header  # V.5 has a deadline: no period
    for header in ["Tình trạng", "Tỷ lệ (%)", "Kết quả thực hiện", "Ngày hoàn thành", "Ngày văn bản"]:
        assert not sheet.cell(r, COLUMN[header]).protection.locked, header
    assert sheet.cell(r, COLUMN["Nội dung nhiệm vụ"]).alignment.wrap_text
    recurring = row_of(sheet, recurring_task())
    period = sheet.cell(recurring, COLUMN["Kỳ báo cáo"])
    assert not period.protection.locked and period.value == quarter_of(timezone.localdate()).key


def test_the_status_column_offers_the_four_progress_labels(congan):
    sheet = sheet_of(download(congan))
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"Chưa thực hiện,Đang thực hiện,Đã hoàn thành,Tạm dừng"'
    column = sheet.cell(3, COLUMN["Tình trạng"]).column_letter
    assert str(lists[0].sqref) == f"{column}{FIRST_ROW}:{column}{sheet.max_row}"
    percent = next(dv for dv in sheet.data_validations.dataValidation if dv.type == "whole")
    assert (percent.formula1, percent.formula2) == ("0", "100")


def test_a_formula_in_a_task_stays_text(congan, police_task):
    police_task.content = '=HYPERLINK("http://evil.example","bấm vào đây")'
    police_task.save()
    sheet = sheet_of(download(congan))
    content = sheet.cell(row_of(sheet, police_task), COLUMN["Nội dung nhiệm vụ"])
    assert content.data_type == "s" and content.value == police_task.content


@pytest.mark.parametrize(("persona", "status"), [("chqs", 403), ("lanhdao", 403), ("admin", 403), ("yte", 200)])
def test_only_officers_download_and_upload(request, persona, status):
    client = request.getfixturevalue(persona)
    assert client.get(TEMPLATE).status_code == status
    assert client.get(UPLOAD).status_code == status


def test_anonymous_users_are_sent_to_log_in(anonymous):
    for url in (TEMPLATE, UPLOAD, reverse("tasks:my_upload_review", args=[1])):
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_my_tasks_links_the_template_for_officers_only(congan, chqs):
    page = congan.get(reverse("tasks:my")).content.decode()
    assert f'href="{TEMPLATE}">Tải mẫu Excel</a>' in page and f'href="{UPLOAD}">Nộp báo cáo từ Excel</a>' in page
    assert TEMPLATE not in chqs.get(reverse("tasks:my")).content.decode()


# Upload, review, confirm


def test_filled_rows_are_reviewed_then_saved_as_the_web_form_would(congan, police_task, group_task):
    supported, recurring = support_only_task(), recurring_task()
    today = timezone.localdate()
    review = uploaded(
        congan,
        {
            police_task: {
                "Tình trạng": "Đã hoàn thành",
                "Kết quả thực hiện": "Đã tổ chức diễn tập.\nĐã sơ kết.",
                "Ngày hoàn thành": datetime.datetime(2025, 3, 20),
                "Loại văn bản": "Báo cáo",
                "Số, ký hiệu": "12/BC-CAT",
                "Ngày văn bản": "25/03/2025",
            },
            group_task: {
                "Tình trạng": "Đang thực hiện",
                "Tỷ lệ (%)": 40,
                "Kết quả thực hiện": "Đang xây dựng kế hoạch.",
            },
            supported: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": "30%", "Kết quả thực hiện": "Đã góp ý dự thảo."},
            recurring: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 50, "Kết quả thực hiện": "Đã kiểm tra định kỳ."},
        },
    )
    assert review.status_code == 200
    rows = review.context["rows"]
    assert [row.task for row in rows] == sorted(
        [police_task, group_task, supported, recurring], key=lambda t: officer_tasks().index(t)
    )
    assert all(row.valid for row in rows), errors_by_row(review)
    page = review.content.decode()
    assert "4 dòng hợp lệ sẽ được ghi, 0 dòng lỗi không được ghi." in page
    assert "Báo cáo số 12/BC-CAT ngày 25/3/2025" in page and "Đã tổ chức diễn tập." in page
    assert not ProgressReport.objects.exists()  # nothing saved before confirmation

    response = confirm(congan, review_url())
    assert response.status_code == 302 and response["Location"] == reverse("tasks:my")
    assert "Đã ghi 4 báo cáo tiến độ; 0 dòng lỗi không được ghi." in congan.get(response["Location"]).content.decode()
    assert not ImportDraft.objects.exists()
    reports = {r.task_id: r for r in ProgressReport.objects.all()}
    assert len(reports) == 4
    assert all(r.agency == agency(CONG_AN) and r.author == user("congan") for r in reports.values())
    done = reports[police_task.pk]
    assert (done.status, done.percent, done.completed_on, done.sets_status) == (
        Progress.DONE,
        100,
        datetime.date(2025, 3, 20),
        True,
    )
    assert (done.document_kind, done.document_number, done.document_date) == (
        "Báo cáo",
        "12/BC-CAT",
        datetime.date(2025, 3, 25),
    )
    assert done.result == "Đã tổ chức diễn tập.\nĐã sơ kết." and done.reported_on == today
    officer = user("congan")
    assert all(r.sets_status == access.reporting_role(officer, r.task).sets_status for r in reports.values())
    assert reports[group_task.pk].percent == 40
    assert (reports[supported.pk].percent, reports[supported.pk].sets_status) == (30, False)
    assert reports[recurring.pk].period == quarter_of(today).key  # as filled in advance in the sheet
    assert status_of(police_task) == Status.AWAITING_ON_TIME  # done 20/3/2025, due 31/12/2025: waits for Ban CHQS
    assert done.acceptance == Acceptance.AWAITING and reports[recurring.pk].acceptance == Acceptance.AWAITING
    police_task.refresh_from_db()
    assert police_task.version == 2  # saved through the form: the version moves on


def test_rows_for_tasks_the_agency_may_not_report_on_are_refused(congan, police_task, unnamed_task):
    archived = task(CITY, "II", "2")
    archived.archived_at = timezone.now()
    archived.save()
    filled = {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 20, "Kết quả thực hiện": "Đã triển khai."}
    review = uploaded(
        congan,
        {
            police_task: filled,
            unnamed_task: filled,
            archived: filled,
            999999: filled,
            "abc": filled,
            str(10**30): filled,
            "=1+1": filled,
        },
    )
    rows = {row.data["task_ref"]: row for row in review.context["rows"]}
    assert rows[str(police_task.pk)].valid
    page = review.content.decode()
    for ref in (str(unnamed_task.pk), str(archived.pk), "999999"):
        assert rows[ref].errors == [NOT_OURS % rows[ref].number] and NOT_OURS % rows[ref].number in page
    assert rows["abc"].errors == [f"Dòng {rows['abc'].number}: không đọc được mã nhiệm vụ «abc»; dòng bị từ chối."]
    big = str(10**30)
    assert rows[big].errors == [f"Dòng {rows[big].number}: không đọc được mã nhiệm vụ «{big}»; dòng bị từ chối."]
    # A formula has no value until Excel computes it: no id at all.
    assert rows[""].errors == [f"Dòng {rows[''].number}: không có mã nhiệm vụ; dòng bị từ chối."]
    response = confirm(congan, review_url())
    assert response.status_code == 302
    assert "Đã ghi 1 báo cáo tiến độ; 6 dòng lỗi không được ghi." in congan.get(reverse("tasks:my")).content.decode()
    assert list(ProgressReport.objects.values_list("task_id", flat=True)) == [police_task.pk]


def test_invalid_rows_say_why_and_are_not_written(congan, police_task, group_task):
    tasks = officer_tasks()
    soon = timezone.localdate() + datetime.timedelta(days=5)
    base = {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 50, "Kết quả thực hiện": "Đã triển khai."}
    cases = {
        tasks[0]: ({**base, "Tỷ lệ (%)": 150}, "Tỷ lệ (%): Tỷ lệ hoàn thành phải từ 0 đến 100%."),
        tasks[1]: ({**base, "Ngày văn bản": soon}, "Ngày văn bản: Ngày ban hành văn bản không thể sau ngày hôm nay."),
        tasks[2]: ({**base, "Tình trạng": "Xong rồi"}, "Tình trạng: «Xong rồi» không có trong danh sách tình trạng"),
        tasks[3]: (
            {**base, "Ngày văn bản": "31/02/2025"},
            "Ngày văn bản: không đọc được ngày «31/02/2025»; hãy ghi dạng dd/mm/yyyy.",
        ),
        tasks[4]: ({**base, "Ngày hoàn thành": "hôm qua"}, "Ngày hoàn thành: không đọc được ngày «hôm qua»"),
        tasks[5]: (
            {**base, "Ngày hoàn thành": "01/03/2025"},
            "Ngày hoàn thành: Chỉ ghi ngày hoàn thành khi tình trạng là «Đã hoàn thành».",
        ),
        tasks[6]: ({"Kết quả thực hiện": "Chưa ghi tình trạng."}, "Tình trạng: "),
    }
    review = uploaded(congan, {t: values for t, (values, _message) in cases.items()})
    by_task = {row.task: row for row in review.context["rows"]}
    page = review.content.decode()
    for t, (_values, message) in cases.items():
        assert not by_task[t].valid
        assert any(error.startswith(message) for error in by_task[t].errors), (message, by_task[t].errors)
        assert message in page
    assert len(by_task[tasks[2]].errors) == 1  # an unreadable cell is said once, not also "required"
    assert "0 dòng hợp lệ sẽ được ghi, 7 dòng lỗi không được ghi." in page
    [button] = find_all(page, '//button[@type="submit"][@class="btn btn-success"]')
    assert button.get("disabled") is not None
    response = confirm(congan, review_url())
    assert response.status_code == 400
    assert "Không có dòng hợp lệ nào; không có gì được ghi." in response.content.decode()
    assert not ProgressReport.objects.exists() and ImportDraft.objects.exists()


def test_a_done_recurring_task_and_a_task_twice_are_refused(congan, police_task):
    recurring = recurring_task()
    filled = {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 10, "Kết quả thực hiện": "Đã làm."}
    review = uploaded(congan, {police_task: filled, recurring: {**filled, "Tình trạng": "Đã hoàn thành"}})
    response = upload(congan, fill(fill(download(congan), {police_task: filled}), {str(police_task.pk): filled}))
    second = congan.get(response["Location"])
    rows = {row.task: row for row in review.context["rows"]}
    assert rows[police_task].valid
    assert rows[recurring].errors == [
        "Tình trạng: Nhiệm vụ thường xuyên, định kỳ không «hoàn thành» hẳn; hãy báo cáo theo kỳ."
    ]
    first, again = second.context["rows"]
    assert first.valid and again.errors == [
        f"Dòng {again.number}: nhiệm vụ này đã có ở dòng {first.number}; mỗi nhiệm vụ chỉ báo cáo một dòng, "
        "dòng bị từ chối."
    ]


def test_a_row_for_work_waiting_for_command_staff_is_refused(congan, police_task):
    report(police_task, "congan", Progress.DONE, acceptance=Acceptance.AWAITING)
    filled = {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 90, "Kết quả thực hiện": "Bổ sung."}
    review = uploaded(congan, {police_task: filled})
    [row] = review.context["rows"]
    assert not row.valid
    assert any("đang chờ Ban CHQS xác nhận" in error for error in row.errors), row.errors


def test_values_as_excel_stores_them_are_read(congan, police_task, group_task):
    content = fill(
        download(congan),
        {
            police_task: {
                "Tình trạng": " đã HOÀN THÀNH ",
                "Ngày hoàn thành": "5-3-2025",
                "Ngày văn bản": "2025-03-06",
                "Kết quả thực hiện": "Xong.",
            },
            group_task: {"Tình trạng": "Tạm dừng", "Tỷ lệ (%)": 0.35, "Kết quả thực hiện": "Chờ kinh phí."},
        },
    )
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Nhiệm vụ"]
    sheet.cell(row_of(sheet, group_task), COLUMN["Tỷ lệ (%)"]).number_format = "0%"  # "35%" typed into Excel
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(congan, buffer.getvalue())
    rows = {row.task: row for row in congan.get(review_url()).context["rows"]}
    assert rows[police_task].data["completed_on"] == "2025-03-05"
    assert rows[police_task].data["document_date"] == "2025-03-06"
    assert rows[police_task].data["status"] == Progress.DONE and rows[police_task].valid
    assert rows[group_task].data["percent"] == "35" and rows[group_task].data["status"] == Progress.PAUSED


# Files that are not a filled template


def test_the_template_as_downloaded_has_nothing_to_report(congan):
    response = upload(congan, download(congan))  # the recurring tasks' periods alone are no report
    assert "chưa có dòng nào được điền" in refusal_of(congan, response)


def other_workbook():
    workbook = Workbook()
    workbook.active.append(["Mã", "Nội dung", "Tình trạng"])
    workbook.active.append([1, "Nhiệm vụ", "Đã hoàn thành"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_macro(content):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr("xl/vbaProject.bin", b'Attribute VB_Name = "AutoOpen"')
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (lambda content: b"Ma\tTinh trang\n1\tDa hoan thanh\n", "bao-cao.xlsx", "không phải tệp Excel (.xlsx)"),
        (
            lambda content: other_workbook(),
            "bao-cao.xlsx",
            "không phải mẫu báo cáo tiến độ của cổng: thiếu cột «Tỷ lệ (%)», «Kết quả thực hiện»",
        ),
        (lambda content: content[:3000], "bao-cao.xlsx", "bị hỏng"),
        (lambda content: OLE2 + b"\x00" * 504 + b"EncryptedPackage", "bao-cao.xlsx", "được đặt mật khẩu"),
        (with_macro, "bao-cao.xlsm", "có macro"),
    ],
    ids=["text", "other-workbook", "corrupt", "password", "macro"],
)
def test_a_file_that_is_not_a_filled_template_is_refused_with_its_message(congan, police_task, make, name, message):
    content = fill(download(congan), {police_task: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 10}})
    response = upload(congan, make(content), name)
    error = refusal_of(congan, response)
    assert message in error, error
    assert not ProgressReport.objects.filter(task=police_task).exists()


def test_an_empty_file_is_refused_as_it_arrives(congan):
    response = upload(congan, b"")
    assert response.status_code == 400  # by the form: no draft, no job
    assert "rỗng" in " ".join(response.context["form"].errors["file"])
    assert not ImportDraft.objects.exists()


def test_a_file_over_the_limit_is_refused(congan, police_task, settings):
    settings.PTDS_MAX_UPLOAD_MB = 1
    content = fill(download(congan), {police_task: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 10}})
    response = upload(congan, content + b"\x00" * (1024 * 1024))
    assert response.status_code == 400  # refused as it arrives: no draft, no job
    assert "vượt giới hạn 1 MB" in " ".join(response.context["form"].errors["file"])
    assert not ImportDraft.objects.exists()


def test_a_hostile_workbook_is_refused_by_its_limit(congan):
    """Ten sheet entries on one sheet with rows 1 and 1,048,576: once 75 s of a web worker (issue 13)."""
    response = upload(congan, far_rows())
    assert "có dữ liệu sau hàng 5.000, quá giới hạn đọc" in refusal_of(congan, response)


def test_a_workbook_of_the_export_is_not_the_template(congan):
    response = upload(congan, congan.get(reverse("tasks:export")).content)
    assert "không phải mẫu báo cáo tiến độ của cổng" in refusal_of(congan, response)


# Whose draft, and only once


def test_other_users_cannot_open_or_confirm_the_draft(congan, yte, chqs, police_task):
    uploaded(congan, {police_task: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 10, "Kết quả thực hiện": "x"}})
    url = review_url()
    assert yte.get(url).status_code == 404
    assert yte.post(url).status_code == 404
    assert chqs.post(url).status_code == 403
    assert not ProgressReport.objects.exists() and ImportDraft.objects.exists()


def test_a_programme_draft_is_not_a_progress_draft(congan):
    draft = ImportDraft.objects.create(uploaded_by=user("congan"), file_name="ct.docx", document={"rows": []})
    assert congan.get(reverse("tasks:my_upload_review", args=[draft.pk])).status_code == 404


def test_confirming_needs_the_csrf_token(congan, police_task):
    uploaded(congan, {police_task: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 10, "Kết quả thực hiện": "x"}})
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user("congan"))
    assert strict.post(review_url()).status_code == 403
    assert not ProgressReport.objects.exists()


def test_confirming_twice_saves_once_by_the_worker(congan, yte, police_task):
    uploaded(congan, {police_task: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 10, "Kết quả thực hiện": "x"}})
    url = review_url()
    assert congan.post(url)["Location"] == url
    again = congan.post(url)  # a second click, another tab: the same waiting page, no second job
    assert again.status_code == 200 and "Đang lưu" in text(by_id(again, "draft-saving"))
    assert DBTaskResult.objects.filter(task_path=save_draft.module_path).count() == 1
    assert not ProgressReport.objects.exists()  # the worker saves, not the request
    assert yte.get(url).status_code == 404 and yte.post(url).status_code == 404  # still nobody else's
    run_queued_jobs()
    landed = congan.get(url)
    assert landed["Location"] == reverse("tasks:my")
    assert "Đã ghi 1 báo cáo tiến độ; 0 dòng lỗi không được ghi." in congan.get(landed["Location"]).content.decode()
    assert congan.post(url).status_code == 404  # the saved draft is gone
    assert ProgressReport.objects.count() == 1


def test_a_row_that_became_invalid_before_the_worker_saved_it_is_not_written(congan, police_task):
    uploaded(congan, {police_task: {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 10, "Kết quả thực hiện": "x"}})
    assert congan.post(review_url()).status_code == 302
    Task.objects.filter(pk=police_task.pk).update(archived_at=timezone.now())  # repealed meanwhile
    run_queued_jobs()
    review = congan.get(review_url())
    assert review.status_code == 200 and ImportDraft.objects.get().state == ImportDraft.State.READY
    assert "Không có dòng hợp lệ nào; không có gì được ghi." in text(by_id(review, "save-refused"))
    assert not ProgressReport.objects.exists()


# Query counts


@pytest.mark.parametrize("extra", [10, 200])
def test_the_template_takes_the_same_queries_for_any_number_of_tasks(congan, django_assert_max_num_queries, extra):
    synthetic_tasks(extra)
    with django_assert_max_num_queries(TEMPLATE_QUERIES) as queries:
        content = download(congan)
    assert len(queries.captured_queries) == TEMPLATE_QUERIES
    assert sheet_of(content).max_row == FIRST_ROW - 1 + 33 + extra


@pytest.mark.parametrize("count", [3, 40])
def test_the_review_takes_the_same_queries_for_any_number_of_rows(congan, django_assert_max_num_queries, count):
    tasks = synthetic_tasks(count)
    filled = {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 10, "Kết quả thực hiện": "Đã triển khai."}
    upload(congan, fill(download(congan), dict.fromkeys(tasks, filled)))
    url = review_url()
    with django_assert_max_num_queries(REVIEW_QUERIES) as queries:
        response = congan.get(url)
    assert len(queries.captured_queries) == REVIEW_QUERIES
    assert len(response.context["rows"]) == count and all(row.valid for row in response.context["rows"])
