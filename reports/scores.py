"""Agency scores for a period (issue 16): per lead agency, the tasks it leads and how they stand as of the period.

Tasks come from the caller's queryset (start from Task.objects.visible_to(user)), scoped to a programme or to a
unit and the units below it, and are judged as gather() judges them: as of the window's last day, or today if that
comes first. An agency's tasks are those naming it directly as lead (Assignment role lead, as assigned now; a group
phrase scores under its own row). Three queries whatever the number of tasks or agencies. The rules are in README,
"Chấm điểm cơ quan".
"""

import io
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from tasks.models import Assignment, ExtensionRequest, ProgressReport
from tasks.periods import Period
from tasks.spreadsheet import cell
from tasks.status import RECURRING_KINDS, Acceptance, Grade, Status, StatusGroup, percent_text

# The table's columns, which it may be sorted by (`?sort=`, a leading "-" for descending); anything else is ignored.
COLUMNS = {
    "name": _("Cơ quan chủ trì"),
    "led": _("Số nhiệm vụ chủ trì"),
    "done_on_time": _("Hoàn thành đúng hạn"),
    "done_late": _("Hoàn thành quá hạn"),
    "overdue": _("Quá hạn chưa hoàn thành"),
    "rate": _("Tỷ lệ hoàn thành đúng hạn (%)"),
    "recurring": _("Nhiệm vụ thường xuyên, định kỳ"),
    "reported_on_time": _("Kỳ báo cáo đúng hạn"),
    "extensions_asked": _("Đề xuất gia hạn"),
    "extensions_granted": _("Được gia hạn"),
    "grade": _("Điểm đánh giá bình quân"),
}
SORTS = list(COLUMNS)
DEFAULT_SORT = "-rate"
# The figures the task list can show the tasks of, and the status (or group) it filters by.
LINKED = {
    "led": None,
    "done_on_time": Status.DONE_ON_TIME,
    "done_late": Status.DONE_LATE,
    "overdue": StatusGroup.NOT_DONE_OVERDUE,
}


@dataclass
class AgencyScore:
    agency_id: int
    name: str
    led: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0  # still open (in progress or not started) after the deadline in force on the day judged
    due: int = 0  # non-recurring tasks whose deadline came by the day judged: the rate's denominator
    due_done_on_time: int = 0  # of those, the ones done on time: the rate's numerator
    recurring: int = 0  # ongoing and recurring tasks led
    reported_on_time: int = 0  # of those, the ones reported for this period by its end
    extensions_asked: int = 0
    extensions_granted: int = 0
    grade: float | None = None  # the average points (status.Grade) of the work accepted with a grade in the window

    @property
    def grade_text(self) -> str:
        """ "Tốt (3,2)": the grade the average rounds to, and the average; "—" with nothing graded."""
        if self.grade is None:
            return "—"
        points = f"{self.grade:.1f}".replace(".", ",")
        return f"{Grade.nearest(self.grade).label} ({points})"

    @property
    def rate(self) -> float | None:
        """Percent of the tasks due by the day judged that were done on time; None (shown "—") with none due."""
        return round(self.due_done_on_time * 100 / self.due, 1) if self.due else None

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else percent_text(self.rate)


@dataclass
class Scores:
    period: Period
    window: tuple[date, date]
    judged_on: date
    rows: list[AgencyScore]

    def sorted_by(self, sort: str) -> list[AgencyScore]:
        """The rows by a whitelisted column (ties by name); a forged column sorts by the default."""
        sort = sort if sort.lstrip("-") in SORTS else DEFAULT_SORT
        key, descending = sort.lstrip("-"), sort.startswith("-")
        rows = sorted(self.rows, key=lambda row: row.name)
        missing = -1.0  # an agency with no rate (or grade) comes last when sorted by it, descending
        return sorted(
            rows,
            key=lambda row: getattr(row, key) if getattr(row, key) is not None else missing,
            reverse=descending,
        )

    def values(self, row: AgencyScore) -> list:
        """The row's cells in the columns' order, as the spreadsheet writes them: no rate is "—", a grade in words."""
        return [
            row.grade_text
            if column == "grade"
            else "—"
            if column == "rate" and row.rate is None
            else getattr(row, column)
            for column in COLUMNS
        ]

    @property
    def labels(self) -> list[str]:
        return list(COLUMNS.values())

    @property
    def table(self) -> list[list]:
        """The rows as the PDF prints them, in the default order, the rate written as a percent."""
        rate = list(COLUMNS).index("rate")
        table = []
        for row in self.sorted_by(DEFAULT_SORT):
            values = self.values(row)
            values[rate] = row.rate_text
            table.append(values)
        return table

    def workbook(self, sort: str) -> bytes:
        """The table as an .xlsx file, sorted as the page is; every text cell formula-safe (agency names are typed)."""
        book = Workbook(write_only=True)
        sheet = book.create_sheet(str(_("Chấm điểm cơ quan")))
        sheet.append([cell(sheet, str(self.period.label), bold=True)])
        sheet.append([cell(sheet, label, bold=True, wrap=True) for label in COLUMNS.values()])
        for row in self.sorted_by(sort):
            sheet.append([cell(sheet, value) for value in self.values(row)])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def links(self, row: AgencyScore, programme) -> dict[str, str]:
        """The task list behind each figure of the row: only for a programme judged as of today, since the task list
        filters by programme (not by unit) and judges status as of today."""
        if programme is None or self.judged_on != timezone.localdate():
            return {}
        base = {"programme": programme.pk, "lead": row.agency_id, "named": "direct"}
        return {
            column: f"{reverse('tasks:list')}?{urlencode(base | ({'status': status} if status else {}))}"
            for column, status in LINKED.items()
        }


def headings(query, sort: str) -> list[tuple[str, str]]:
    """Each column's label and the address sorting by it (descending first for figures, again to flip); `query` is
    the page's query string without `sort`."""
    result = []
    for column, label in COLUMNS.items():
        if column not in SORTS:
            result.append((label, ""))
            continue
        first = column if column == "name" else f"-{column}"
        flipped = first.removeprefix("-") if first.startswith("-") else f"-{first}"
        chosen = flipped if sort == first else first
        result.append((label, f"?{query}&sort={chosen}" if query else f"?sort={chosen}"))
    return result


def score(tasks, period, window) -> Scores:
    """The scores of the lead agencies of `tasks` (already scoped) for the period's window, in two queries."""
    start, end = window
    judged = min(end, timezone.localdate())
    reported = ProgressReport.objects.filter(
        task=OuterRef("pk"), sets_status=True, period=period.key, reported_on__lte=end
    )
    recurring = Q(schedule_kind__in=RECURRING_KINDS)
    led = (
        tasks.with_status(as_of=judged)
        .annotate(reported_in_time=Exists(reported))
        .filter(assignments__role=Assignment.Role.LEAD)
        .values("assignments__agency", "assignments__agency__name", "assignments__agency__short_name")
        .annotate(
            led=Count("pk"),
            done_on_time=Count("pk", filter=Q(status=Status.DONE_ON_TIME)),
            done_late=Count("pk", filter=Q(status=Status.DONE_LATE)),
            overdue=Count("pk", filter=Q(status__in=StatusGroup.NOT_DONE_OVERDUE.statuses)),
            due=Count("pk", filter=~recurring & Q(deadline__lte=judged)),
            due_done_on_time=Count("pk", filter=~recurring & Q(deadline__lte=judged, status=Status.DONE_ON_TIME)),
            recurring=Count("pk", filter=recurring),
            reported_on_time=Count("pk", filter=recurring & Q(reported_in_time=True)),
        )
        .order_by()
    )
    rows = {
        row["assignments__agency"]: AgencyScore(
            agency_id=row["assignments__agency"],
            name=row["assignments__agency__short_name"] or row["assignments__agency__name"],
            **{k: v for k, v in row.items() if not k.startswith("assignments__")},
        )
        for row in led
    }
    asked = Q(asked_at__date__range=(start, end))
    granted = Q(state__in=ExtensionRequest.GRANTED, decided_at__date__range=(start, end))
    extensions = (
        ExtensionRequest.objects.asked()  # a direct change by command staff is no extension the agency asked for
        .filter(task__in=tasks.values("pk"), agency__in=list(rows))
        .filter(asked | granted)
        .values("agency")
        .annotate(asked=Count("pk", filter=asked), granted=Count("pk", filter=granted))
        .order_by()
    )
    for row in extensions:
        rows[row["agency"]].extensions_asked = row["asked"]
        rows[row["agency"]].extensions_granted = row["granted"]
    _average_grades(rows, tasks, window)
    return Scores(period=period, window=window, judged_on=judged, rows=list(rows.values()))


def _average_grades(rows, tasks, window):
    """Each agency's average grade of the work command staff accepted with a grade within the window."""
    graded = (
        ProgressReport.objects.filter(task__in=tasks.values("pk"), agency__in=list(rows))
        .filter(acceptance=Acceptance.ACCEPTED, decided_at__date__range=window)
        .exclude(grade="")
        .values("agency", "grade")
        .annotate(count=Count("pk"))
        .order_by()
    )
    totals = {}
    for row in graded:
        points, count = totals.get(row["agency"], (0, 0))
        totals[row["agency"]] = (points + Grade(row["grade"]).points * row["count"], count + row["count"])
    for agency, (points, count) in totals.items():
        rows[agency].grade = points / count
