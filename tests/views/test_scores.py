"""Agency scores (/scores/): the figures against a Python count of the same tasks, the task lists behind them, who
may see them, the sort, and a constant number of queries."""

import datetime
import io
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import ProducedReport
from tasks.documents.timeframe import ScheduleKind
from tasks.models import Assignment, ExtensionRequest, Task
from tasks.periods import quarter_of
from tasks.status import Progress, Status, is_recurring
from tests.status_rules import classify

from ..province import Province
from .conftest import CITY, CONG_AN, agency, programme, report, synthetic_tasks, user

pytestmark = pytest.mark.django_db

URL = reverse("reports:scores")


def scores_page(client, **params):
    params.setdefault("period", quarter_of(timezone.localdate()).key)
    return client.get(URL, params)


def by_agency(response):
    return {row.agency_id: row for row, _links in response.context["rows"]}


def python_count(tasks, as_of):
    """Per lead agency named directly: led, done on time, done late, overdue, due by `as_of`, due and done on time."""
    counts = {}
    for t in tasks:
        latest = t.progress_reports.filter(sets_status=True, reported_on__lte=as_of).order_by(
            "-reported_on", "-created_at", "-pk"
        )
        latest = latest.first()
        due = t.due_override or t.due_on
        status = classify(
            latest.status if latest else None,
            due,
            latest.completed_on if latest else None,
            as_of,
            is_recurring(t.schedule_kind),
            latest.acceptance if latest else "",
        )
        is_due = not is_recurring(t.schedule_kind) and due is not None and due <= as_of
        for a in t.assignments.filter(role=Assignment.Role.LEAD):
            c = counts.setdefault(a.agency_id, Counter())
            c["led"] += 1
            c[status.value] += 1
            c["overdue"] += status.is_overdue
            c["due"] += is_due
            c["due_done_on_time"] += is_due and status == Status.DONE_ON_TIME
    return counts


@pytest.fixture
def worked(seeded):
    """A few city tasks done on time, done late and in progress, so every column has something to count."""
    today = timezone.localdate()
    city_tasks = list(Task.objects.filter(section__programme__number=CITY).exclude(schedule_kind__in=["ongoing"]))
    for t in city_tasks[:12:3]:
        report(t, status=Progress.DONE, completed_on=today)
    for t in city_tasks[1:12:3]:
        t.due_override, t.due_override_reason = today - datetime.timedelta(days=3), "Thử"
        t.save()
        report(t, status=Progress.DONE, completed_on=today)  # after the deadline: done late
    for t in city_tasks[2:12:3]:
        t.due_override, t.due_override_reason = today - datetime.timedelta(days=3), "Thử"
        t.save()
        report(t)  # in progress after the deadline: overdue


def test_figures_match_a_python_count_of_the_same_tasks(chqs, worked):
    response = scores_page(chqs, programme=programme(CITY).pk)
    assert response.status_code == 200
    rows = by_agency(response)
    expected = python_count(
        Task.objects.filter(section__programme__number=CITY).prefetch_related("assignments"), timezone.localdate()
    )
    assert set(rows) == set(expected)
    assert sum(c["done_late"] for c in expected.values()) and sum(c["overdue"] for c in expected.values())
    for pk, c in expected.items():
        row = rows[pk]
        assert (row.led, row.done_on_time, row.done_late, row.overdue, row.due) == (
            c["led"],
            c[Status.DONE_ON_TIME.value],
            c[Status.DONE_LATE.value],
            c["overdue"],
            c["due"],
        )
        assert row.rate == (round(c["due_done_on_time"] * 100 / c["due"], 1) if c["due"] else None)
    assert "Chấm điểm cơ quan" in response.content.decode()


def test_each_figure_links_to_a_task_list_of_that_many_tasks(chqs, worked):
    response = scores_page(chqs, programme=programme(CITY).pk)
    checked = 0
    for row, links in response.context["rows"]:
        for column, link in links.items():
            listed = chqs.get(link)
            assert listed.status_code == 200
            assert listed.context["table"].paginator.count == getattr(row, column), (row.name, column)
            checked += 1
    assert checked >= 4 * len(response.context["rows"]) > 0


def test_a_past_period_counts_recurring_tasks_reported_on_time_and_extensions_in_its_window(chqs, police_task):
    last = quarter_of(quarter_of(timezone.localdate()).cutoff()[0] - datetime.timedelta(days=1))
    start, end = last.cutoff()
    police = agency(CONG_AN)
    led = Task.objects.filter(assignments__agency=police, assignments__role=Assignment.Role.LEAD)
    on_time, late = led.exclude(pk=police_task.pk).order_by("pk")[:2]
    for t in (on_time, late):
        t.schedule_kind = ScheduleKind.ONGOING
        t.save()
    report(on_time, username="congan", period=last.key, reported_on=end)
    report(late, username="congan", period=last.key, reported_on=end + datetime.timedelta(days=1))
    asked = ExtensionRequest.objects.create(
        task=police_task,
        agency=police,
        asked_by=user("congan"),
        requested_due=end + datetime.timedelta(days=60),
        reason="Chờ kinh phí",
    )
    inside = timezone.make_aware(datetime.datetime.combine(start + datetime.timedelta(days=5), datetime.time(9)))
    ExtensionRequest.objects.filter(pk=asked.pk).update(
        asked_at=inside, state=ExtensionRequest.State.APPROVED, decided_at=inside, granted_due=asked.requested_due
    )
    outside = ExtensionRequest.objects.create(
        task=police_task, agency=police, asked_by=user("congan"), requested_due=end, reason="Sau kỳ"
    )
    assert outside.asked_at.date() > end
    rows = by_agency(scores_page(chqs, programme=programme(CITY).pk, period=last.key))
    row = rows[police.pk]
    assert row.recurring == len([t for t in led if is_recurring(t.schedule_kind)]) >= 2
    assert row.reported_on_time == 1
    assert (row.extensions_asked, row.extensions_granted) == (1, 1)
    past = scores_page(chqs, programme=programme(CITY).pk, period=last.key).context["rows"]
    assert past and not any(links for _row, links in past)  # judged at the period's end; the task list judges today


@pytest.mark.parametrize("persona,status", [("congan", 403), ("yte", 403), ("lanhdao", 200), ("admin", 200)])
def test_only_leadership_and_command_staff_see_scores(request, persona, status):
    client = request.getfixturevalue(persona)
    assert scores_page(client, programme=programme(CITY).pk).status_code == status
    assert ("Chấm điểm cơ quan" in client.get(reverse("reports:dashboard")).content.decode()) == (status == 200)


def test_a_forged_programme_or_period_is_a_form_error(chqs):
    response = scores_page(chqs, programme="999999")
    assert response.status_code == 200 and response.context["figures"] is None
    assert "Không có chương trình này" in response.content.decode()
    response = scores_page(chqs, programme=programme(CITY).pk, period="quý 9 năm 2026")
    assert response.context["figures"] is None and response.context["form"].errors["period"]


def test_a_forged_sort_is_ignored_and_a_column_sorts(chqs, worked):
    default = scores_page(chqs, programme=programme(CITY).pk)
    forged = scores_page(chqs, programme=programme(CITY).pk, sort="agency__password")
    assert forged.status_code == 200
    assert [r.agency_id for r, _l in forged.context["rows"]] == [r.agency_id for r, _l in default.context["rows"]]
    led = [r.led for r, _l in scores_page(chqs, programme=programme(CITY).pk, sort="-led").context["rows"]]
    assert led == sorted(led, reverse=True) and len(set(led)) > 1
    names = [r.name for r, _l in scores_page(chqs, programme=programme(CITY).pk, sort="name").context["rows"]]
    assert names == sorted(names)


def test_the_average_grade_counts_work_graded_in_the_window_only(chqs, police_task):
    """Công an: Xuất sắc (4) and Đạt (2) this quarter average 3, "Tốt (3,0)"; a grade given last quarter, an ungraded
    acceptance and work still waiting do not count; an agency with nothing graded shows "—" and sorts last."""
    now = timezone.now()
    earlier = now - datetime.timedelta(days=120)
    city_tasks = Task.objects.filter(section__programme__number=CITY, assignments__agency=agency(CONG_AN))
    decisions = [("excellent", now), ("pass", now), ("fail", earlier), ("", now)]
    for t, (grade, at) in zip(city_tasks[: len(decisions)], decisions, strict=True):
        report(t, "congan", Progress.DONE, acceptance="accepted", grade=grade, decided_at=at)
    report(city_tasks[len(decisions)], "congan", Progress.DONE, acceptance="awaiting")
    response = scores_page(chqs, programme=programme(CITY).pk)
    rows = by_agency(response)
    assert rows[agency(CONG_AN).pk].grade == 3.0
    assert rows[agency(CONG_AN).pk].grade_text == "Tốt (3,0)"
    assert "Tốt (3,0)" in response.content.decode()
    others = [row for pk, row in rows.items() if pk != agency(CONG_AN).pk]
    assert others and all(row.grade_text == "—" for row in others)
    by_grade = scores_page(chqs, programme=programme(CITY).pk, sort="-grade").context["rows"]
    assert by_grade[0][0].agency_id == agency(CONG_AN).pk


@pytest.mark.parametrize("extra", [5, 200])
def test_query_count_does_not_grow_with_the_tasks(chqs, django_assert_num_queries, extra):
    synthetic_tasks(extra)
    Task.objects.filter(section__numeral="XI").update(schedule_kind=ScheduleKind.ONGOING)
    city = programme(CITY).pk
    with django_assert_num_queries(SCORES_QUERIES):
        response = scores_page(chqs, programme=city)
    assert by_agency(response)[agency(CONG_AN).pk].recurring >= extra


SCORES_QUERIES = 13  # the user's session, role, agency and units; the form's programme; score()'s three; the
# selects; the bell's unread notifications


def test_a_unit_counts_every_programme_below_it_and_another_unit_is_a_form_error(db):
    province = Province()
    client = province_client(province, "tinh_lanhdao")
    rows = by_agency(scores_page(client, unit=province.units["tinh"].pk))
    leads = Counter(
        a.agency_id
        for key in province.tasks
        for t in province.tasks[key]
        for a in t.assignments.filter(role=Assignment.Role.LEAD)
    )
    assert {pk: row.led for pk, row in rows.items()} == dict(leads)
    assert all(links == {} for _row, links in scores_page(client, unit=province.units["tinh"].pk).context["rows"])
    other = scores_page(province_client(province, "xa1_lanhdao"), unit=province.units["xa2"].pk)
    assert other.context["figures"] is None and other.context["form"].errors["unit"]
    assert scores_page(province_client(province, "xa1_congan"), unit=province.units["xa1"].pk).status_code == 403


def province_client(province, username):
    client = Client()
    client.force_login(province.users[username])
    return client


def test_the_export_holds_the_page_rows_in_its_order_with_formula_safe_names(chqs, worked):
    police = agency(CONG_AN)
    police.short_name = "=HYPERLINK(1)"
    police.save()
    city = programme(CITY).pk
    page = scores_page(chqs, programme=city, sort="-led")
    response = chqs.get(reverse("reports:scores_export"), {**page.wsgi_request.GET.dict()})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="cham-diem-co-quan-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        (row.name, row.led, row.done_on_time, row.overdue) for row, _links in page.context["rows"]
    ]
    assert all(r[-1] == "—" for r in rows)
    police_cell = next(c for c in sheet["A"] if c.value == "=HYPERLINK(1)")
    assert police_cell.data_type == "s"


def test_an_export_without_a_valid_choice_is_the_page_with_its_error(chqs):
    response = chqs.get(reverse("reports:scores_export"), {"programme": "999999"})
    assert response.status_code == 400
    assert "Không có chương trình này" in response.content.decode()


def test_a_pdf_report_carries_the_scores_when_asked(chqs, run_jobs):
    produce = reverse("reports:produce")
    asked = {"programme": programme(CITY).pk, "period": "2025-Q4", "cutoff_rule": "calendar"}
    chqs.post(produce, {**asked, "format": "pdf", "with_scores": "on"})
    chqs.post(produce, {**asked, "format": "pdf"})
    chqs.post(produce, {**asked, "format": "xlsx", "with_scores": "on"})  # a spreadsheet has no such section
    assert list(ProducedReport.objects.order_by("pk").values_list("with_scores", flat=True)) == [True, False, False]
    run_jobs()
    texts = []
    for produced in ProducedReport.objects.filter(format="pdf").order_by("pk"):
        body = b"".join(chqs.get(reverse("reports:download", args=[produced.pk])).streaming_content)
        texts.append(" ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(body)).pages))
    with_scores, without = texts
    assert "4. Chấm điểm cơ quan chủ trì" in with_scores and "Chấm điểm cơ quan chủ trì" not in without
    assert "Được gia hạn" in with_scores
