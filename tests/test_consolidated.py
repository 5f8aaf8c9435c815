"""A unit's consolidated figures (reports/consolidated.py) in the small province of tests/province.py.

The issue's acceptance test: a unit's figures are the sum of its programmes' own single-programme reports (gather()),
each unit's row the sum of its own programmes', judged by the same as-of rules.
"""

import datetime

import pytest
from django.core.management import CommandError
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.consolidated import consolidate
from reports.content import gather
from reports.models import ProducedReport
from tasks.documents.timeframe import ScheduleKind
from tasks.models import ProgressReport, Task
from tasks.periods import Period, quarter_of
from tasks.status import Progress, StatusCount

from .conftest import run
from .province import Province

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def province():
    return Province()


def report(province, key, index, status, on, **fields):
    task = province.tasks[key][index]
    agency = task.assignments.get(role="lead").agency
    author = province.users["tinh_chqs"]
    return ProgressReport.objects.create(
        task=task, agency=agency, author=author, status=status, reported_on=on, sets_status=True, percent=50, **fields
    )


@pytest.fixture
def varied(province):
    """Every status somewhere in the tree; xa1 reported this quarter, xa2 only before it, the province never."""
    quarter = quarter_of(TODAY)
    tinh = province.tasks["tinh"]
    Task.objects.filter(pk=tinh[0].pk).update(due_on=TODAY - 5 * DAY)  # not started, overdue
    Task.objects.filter(pk=tinh[1].pk).update(schedule_kind=ScheduleKind.ONGOING, due_on=None)  # ongoing
    xa1 = province.tasks["xa1"]
    Task.objects.filter(pk=xa1[0].pk).update(due_on=quarter.start)
    report(province, "xa1", 0, Progress.DONE, TODAY, completed_on=TODAY)  # done late
    report(province, "xa1", 1, Progress.IN_PROGRESS, TODAY)  # in progress, on time
    report(province, "xa2", 0, Progress.DONE, quarter.start - DAY, completed_on=quarter.start - DAY)  # done on time
    return quarter


def figures_of(province, username, unit_key, period):
    tasks = Task.objects.visible_to(province.users[username])
    return consolidate(tasks, province.units[unit_key], period, period.cutoff())


def gathered(province, username, programme_key, period):
    tasks = Task.objects.visible_to(province.users[username])
    return gather(tasks, province.programmes[programme_key], period, period.cutoff()).total


@pytest.mark.parametrize("username", ["tinh_lanhdao", "tinh_chqs"])
def test_the_figures_are_the_sum_of_the_programmes_own_reports(province, varied, username):
    figures = figures_of(province, username, "tinh", varied)
    programmes = ("tinh", "soyte", "xa1", "xa2")
    reports = {key: gathered(province, username, key, varied) for key in programmes}
    assert figures.total == sum(reports.values(), StatusCount())
    by_unit = {row.unit.pk: row.count for row in figures.units}
    assert by_unit == {
        province.units["tinh"].pk: reports["tinh"] + reports["soyte"],  # a department's plan counts under its unit
        province.units["xa1"].pk: reports["xa1"],
        province.units["xa2"].pk: reports["xa2"],
    }
    by_programme = {p.programme.pk: p.count for p in figures.programmes}
    assert by_programme == {province.programmes[key].pk: reports[key] for key in programmes}
    # Every status of the taxonomy is counted where it belongs.
    assert (figures.total.done_on_time, figures.total.done_late, figures.total.in_progress_on_time) == (1, 1, 1)
    assert (figures.total.not_started_overdue, figures.total.ongoing, figures.total.total) == (1, 1, 7)
    assert figures.units[0].unit == province.units["tinh"]  # the unit itself first


def test_a_past_period_is_judged_at_its_end(province, varied):
    """A report made later says what was true at the period's end, as a single-programme report does."""
    before = Period.quarter(varied.start.year, 1) if varied.start.month > 3 else Period.year(varied.start.year - 1)
    figures = figures_of(province, "tinh_lanhdao", "tinh", before)
    assert figures.judged_on == before.end
    expected = sum((gathered(province, "tinh_lanhdao", key, before) for key in province.programmes), StatusCount())
    assert figures.total == expected and figures.total.done == 0


def test_the_units_that_have_not_reported_in_the_period_are_named(province, varied):
    figures = figures_of(province, "tinh_lanhdao", "tinh", varied)
    assert [row.unit for row in figures.not_reported] == [province.units["tinh"], province.units["xa2"]]
    xa1 = next(row for row in figures.units if row.unit == province.units["xa1"])
    assert xa1.reported  # one report within the period is enough


def test_a_commune_counts_its_own_plan_only_not_the_province_s_it_carries_out(province, varied):
    figures = figures_of(province, "xa1_lanhdao", "xa1", varied)
    assert [row.unit for row in figures.units] == [province.units["xa1"]]
    assert figures.total == gathered(province, "xa1_lanhdao", "xa1", varied)


def test_only_the_tasks_the_user_may_see_are_counted(province, varied):
    """A department's leadership sees its own plan and the province's programme, not the communes'."""
    figures = figures_of(province, "soyte_lanhdao", "tinh", varied)
    assert {p.programme.number for p in figures.programmes} == {"10/KH-UBND", "20/KH-SYT"}


def test_a_merged_commune_counts_below_its_successor(province, varied):
    province.units["xa2"].successor = province.units["xa1"]
    province.units["xa2"].save()
    figures = figures_of(province, "xa1_lanhdao", "xa1", varied)
    assert {row.unit for row in figures.units} == {province.units["xa1"], province.units["xa2"]}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("report_format", ["pdf", "xlsx"])
def test_the_command_writes_a_unit_s_report(province, media, tmp_path, report_format):
    output = tmp_path / f"tong-hop.{report_format}"
    printed = run(
        "progress_report", "--unit", "tinh thu nghiem", "--period", "2026-Q4", "--format", report_format,
        "--output", output,
    )  # fmt: skip
    assert "Tỉnh Thử Nghiệm: 7 nhiệm vụ" in printed and output.stat().st_size > 0
    kept = ProducedReport.objects.get()
    assert (kept.unit, kept.created_by, kept.state) == (province.units["tinh"], None, "done")
    if report_format == "xlsx":
        assert load_workbook(output).sheetnames == ["Tổng hợp", "I. Tỉnh Thử Nghiệm", "II. Phường Hai", "III. Xã Một"]
    else:
        text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(output).pages)
        assert "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM Số:" in text and "/BC-UBND" in text  # signed for the unit's committee


@pytest.mark.parametrize(
    "args, message",
    [
        (["--unit", "Xã Không Có"], "Không có đơn vị hành chính “Xã Không Có”."),
        (["--unit", "Xã Một", "--section", "I"], "--agency và --section chỉ dùng với --programme"),
        (["--unit", "Xã Một", "--programme", "30/KH-UBND"], "not allowed with argument"),
        ([], "one of the arguments --programme --unit is required"),
    ],
)
def test_bad_unit_arguments_are_named_and_nothing_is_kept(province, media, tmp_path, args, message):
    output = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match=message):
        run("progress_report", *args, "--period", "2026-Q4", "--format", "pdf", "--output", output)
    assert not ProducedReport.objects.exists() and not output.exists()
