"""What a periodic report says: each task judged as of the period's cut-off, from the progress history."""

import datetime
import io

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import load_workbook

from reports.content import gather, vietnamese_date
from reports.excel import render_xlsx
from reports.models import ReportSetup
from tasks.models import Task
from tasks.periods import CutoffRule, parse_period, quarter_of
from tasks.status import Progress, Status
from tests.html import contains_html
from tests.views.conftest import CITY, CONG_AN, Y_TE, agency, child_plan, programme, report, task

D = datetime.date


def content_for(period_key, rule=CutoffRule.CALENDAR, **scope):
    period = parse_period(period_key)
    return gather(Task.objects.all(), programme(CITY), period, period.cutoff(rule), **scope)


def row_of(content, target):
    return next(row for row in content.rows if row.pk == target.pk)


@pytest.fixture
def history(seeded):
    """V.5 (led by Công an, due at the end of Q1 2025 by Ban CHQS's decision) with reports before and after Q1.

    10/02: the lead reports work under way; 20/03: a supporting agency adds its part; 20/05: the lead reports
    it done on 15/05, after the deadline.
    """
    target = task(CITY, "V", "5")
    target.due_override, target.due_override_reason = D(2025, 3, 31), "Theo chỉ đạo của Ban CHQS"
    target.save()
    report(
        target,
        "congan",
        Progress.IN_PROGRESS,
        percent=40,
        result="Đã xây dựng dự thảo phương án",
        reported_on=D(2025, 2, 10),
    )
    report(
        target,
        "yte",
        Progress.IN_PROGRESS,
        sets_status=False,
        result="Phòng Y tế góp ý dự thảo",
        reported_on=D(2025, 3, 20),
    )
    report(
        target,
        "congan",
        Progress.DONE,
        completed_on=D(2025, 5, 15),
        result="Đã ban hành phương án",
        document_kind="Quyết định",
        document_number="12/QĐ-CAT",
        document_date=D(2025, 5, 15),
        reported_on=D(2025, 5, 20),
    )
    return target


def test_a_q1_report_made_later_says_what_was_true_at_the_end_of_q1(history):
    row = row_of(content_for("2025-Q1"), history)
    assert row.status == Status.IN_PROGRESS_ON_TIME  # the deadline day itself is on time
    assert row.status_text == "Đang thực hiện trong hạn (40%)"
    assert row.results == [
        "10/02/2025, Công an thành phố: Đã xây dựng dự thảo phương án",
        "20/03/2025, Phòng Y tế: Phòng Y tế góp ý dự thảo",
    ]
    assert "Hạn: 31/03/2025" in row.notes


def test_the_q2_report_counts_the_task_done_late_with_the_document_that_proves_it(history):
    row = row_of(content_for("2025-Q2"), history)
    assert row.status == Status.DONE_LATE
    assert row.results == [
        "20/05/2025, Công an thành phố: Đã ban hành phương án (Quyết định số 12/QĐ-CAT ngày 15/5/2025)"
    ]


def test_the_decree_09_cut_off_ends_on_the_14th_so_the_supporting_report_of_the_20th_is_left_out(history):
    content = content_for("2025-Q1", CutoffRule.DECREE_09)
    assert content.window == (D(2024, 12, 15), D(2025, 3, 14))
    row = row_of(content, history)
    assert row.status == Status.IN_PROGRESS_ON_TIME
    assert [r.split(",")[0] for r in row.results] == ["10/02/2025"]


def test_a_task_overdue_at_the_cut_off_is_in_the_overdue_list(history):
    content = content_for("2025-Q2")
    overdue_before = {row.pk for row in content.overdue}
    assert history.pk not in overdue_before  # done by 30/06
    q1_ended_open = content_for("2025-Q1").overdue
    assert all(row.status.is_overdue for row in q1_ended_open)
    # Tasks due "Quý I năm 2025" and never reported are overdue from the Q2 report on, not in Q1's.
    first = task(CITY, "I", "1")
    assert row_of(content_for("2025-Q1"), first).status == Status.NOT_STARTED_ON_TIME
    assert row_of(content, first).status == Status.NOT_STARTED_OVERDUE


def test_the_counts_add_up_by_section_and_by_lead_agency(seeded):
    content = content_for("2025-Q4")
    total = content.total
    assert total.total == content.row_count == 37
    assert sum(count.total for _label, count in content.by_section) == 37
    assert [label.split(".")[0] for label, _count in content.by_section] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
    ]
    # A task without a lead (X.2) is counted under its own heading, not dropped.
    leads = dict(content.by_lead)
    assert "Chưa xác định cơ quan chủ trì" in leads
    assert sum(count.total for count in leads.values()) >= 37


def test_an_agency_scope_holds_its_lead_and_supporting_tasks_through_groups(seeded):
    police = content_for("2025-Q4", agency=agency(CONG_AN))
    health = content_for("2025-Q4", agency=agency(Y_TE))
    police_tasks = {row.pk for row in police.rows}
    assert task(CITY, "V", "5").pk in police_tasks  # lead
    assert task(CITY, "IX", "2").pk not in police_tasks  # led by another agency alone
    assert task(CITY, "I", "5").pk in {row.pk for row in health.rows}  # named through the group phrase
    assert police.subject.endswith("(nhiệm vụ của Công an thành phố Thái Nguyên), quý IV năm 2025")


def test_a_section_scope_holds_that_section_only(seeded):
    content = content_for("2025-Q4", section=programme(CITY).sections.get(numeral="III"))
    assert [section.numeral for section, _rows in content.sections] == ["III"]
    assert content.row_count == 3


def test_the_preview_cuts_after_the_first_rows_across_sections(seeded):
    content = content_for("2025-Q4")
    head = content.first_rows(8)
    assert sum(len(rows) for _section, rows in head) == 8
    assert [section.numeral for section, _rows in head] == ["I", "II"]


def test_the_query_count_does_not_depend_on_the_tasks(seeded, django_assert_max_num_queries, history):
    # The programme, the setup (with two agencies), the tasks, their assignments, handovers, phases, reports of the
    # period, and their children's roll-up: one query per 1,000 tasks; then the directives of the period.
    with django_assert_max_num_queries(11):
        content = content_for("2025-Q1")
        assert content.row_count == 37


def test_a_task_carried_out_below_shows_its_children_in_the_results(seeded):
    """V.5 is carried out by two plans of the level below: one done by the Q4 cut-off, the other overdue then."""
    parent = task(CITY, "V", "5")
    done, late = (Task.objects.get(section__programme=child_plan([parent], number=n)) for n in ("15/KH", "16/KH"))
    for child, due in ((done, D(2025, 12, 31)), (late, D(2025, 10, 31))):
        child.due_override, child.due_override_reason = due, "Theo kế hoạch cấp dưới"
        child.save()
    report(done, "congan", Progress.DONE, completed_on=D(2025, 11, 20), reported_on=D(2025, 11, 20))
    # Done after the cut-off: not yet true at it.
    report(late, "congan", Progress.DONE, completed_on=D(2026, 1, 5), reported_on=D(2026, 1, 5))
    content = content_for("2025-Q4")
    row = row_of(content, parent)
    assert row.rollup == "Cấp dưới: 1/2 hoàn thành, 1 quá hạn"
    assert row.result_lines == ["Cấp dưới: 1/2 hoàn thành, 1 quá hạn"]  # no report of its own in the quarter
    assert [r.pk for r in content.rows if r.rollup] == [parent.pk]  # the others read as before
    html = render_to_string("reports/_appendix_table.html", {"sections": content.sections})
    assert contains_html(html, "<td><p>Cấp dưới: 1/2 hoàn thành, 1 quá hạn</p></td>")
    assert html.count("Cấp dưới") == 1
    sheet = load_workbook(io.BytesIO(render_xlsx(content)))["Chi tiết"]
    results = {cells[1]: cells[7] for cells in sheet.iter_rows(min_row=4, values_only=True)}  # content → results
    assert results[parent.content] == "Cấp dưới: 1/2 hoàn thành, 1 quá hạn"
    assert [text for text in results.values() if text and "Cấp dưới" in text] == [results[parent.content]]


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (D(2025, 1, 15), "ngày 15 tháng 01 năm 2025"),
        (D(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (D(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    ],
)
def test_dates_follow_decree_30(day, expected):
    assert vietnamese_date(day) == expected


@pytest.mark.parametrize("number, expected", [("5", "05/BC-BCH"), ("15", "15/BC-BCH"), ("", "\u2002" * 6 + "/BC-BCH")])
def test_the_number_line_pads_below_ten_and_leaves_a_blank_for_the_clerk(number, expected):
    assert ReportSetup(number_suffix="BC-BCH").document_number(number) == expected


def test_the_setup_is_drawn_from_the_coordinating_agency_until_it_is_saved(seeded):
    city = programme(CITY)
    setup = ReportSetup.for_programme(city)
    assert setup.pk is None
    assert setup.issuing_body == "BAN CHỈ HUY QUÂN SỰ THÀNH PHỐ THÁI NGUYÊN"
    assert setup.parent_body == "ỦY BAN NHÂN DÂN THÀNH PHỐ THÁI NGUYÊN"
    setup.signer_name = "Nguyễn Văn A"
    setup.save()
    city.refresh_from_db()
    assert ReportSetup.for_programme(city).signer_name == "Nguyễn Văn A"


def test_a_report_made_before_its_period_ends_judges_as_of_today(seeded):
    """Issue 14: a task due in ten days was called overdue by the report of the current quarter, judged as of the
    quarter's last day; it is judged as of today, and the report says so."""
    today = timezone.localdate()
    target = task(CITY, "V", "5")
    target.due_override, target.due_override_reason = today + datetime.timedelta(days=10), "Theo chỉ đạo"
    target.save()
    period = quarter_of(today)
    window = (period.cutoff(CutoffRule.CALENDAR)[0], today + datetime.timedelta(days=30))  # its cut-off still ahead
    content = gather(Task.objects.all(), programme(CITY), period, window)
    assert content.as_of == today
    assert row_of(content, target).status == Status.NOT_STARTED_ON_TIME
    assert f"tính đến ngày lập báo cáo {today:%d/%m/%Y}" in content.window_text
    past = parse_period("2025-Q4")
    assert gather(Task.objects.all(), programme(CITY), past, past.cutoff(CutoffRule.CALENDAR)).as_of == D(2025, 12, 31)


def test_a_report_of_the_quarter_before_an_extension_keeps_the_old_deadline(seeded):
    """V.5 was due in the last quarter and missed it; an extension granted today moves it past today. The last
    quarter's report judges it against the old deadline (overdue, no extension in its notes); this quarter's against
    the new one, and says so."""
    from django.contrib.auth import get_user_model

    from tasks.models import ExtensionRequest

    today = timezone.localdate()
    last = quarter_of(quarter_of(today).start - datetime.timedelta(days=1))
    target = task(CITY, "V", "5")
    old, new = last.end - datetime.timedelta(days=10), today + datetime.timedelta(days=40)
    Task.objects.filter(pk=target.pk).update(due_on=old, due_override=None)
    users = get_user_model().objects
    request = ExtensionRequest.objects.create(
        task=target,
        agency=agency(CONG_AN),
        asked_by=users.get(username="congan"),
        previous_due=old,
        requested_due=new,
        reason="Chờ kinh phí",
    )
    request.decide(users.get(username="chqs"), ExtensionRequest.State.APPROVED, "Đồng ý")

    def row(key):
        period = parse_period(key)
        content = gather(Task.objects.all(), programme(CITY), period, period.cutoff(CutoffRule.CALENDAR))
        return row_of(content, target)

    before, after = row(last.key), row(quarter_of(today).key)
    assert (before.deadline, before.status) == (old, Status.NOT_STARTED_OVERDUE)
    assert not any("Gia hạn" in note or "điều chỉnh" in note for note in before.notes)
    assert (after.deadline, after.status) == (new, Status.NOT_STARTED_ON_TIME)
    assert f"Gia hạn đến {new:%d/%m/%Y}" in after.notes
