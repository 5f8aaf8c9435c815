"""A unit's consolidated figures: every programme of the unit and of the units below it, counted by status.

One row per unit that has programmes (a department's plan counts under the unit it belongs to) and, under it, one
per programme; the units none of whose tasks got a progress report within the period are named. Status is judged
as gather() judges it (as of the window's last day, or today if that comes first), from the tasks the caller's
queryset holds (start from Task.objects.visible_to(user)), in a constant number of queries however many units.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import AdministrativeUnit, Agency, units_at_or_below
from tasks import roles
from tasks.models import Programme, ProgressReport
from tasks.periods import Period
from tasks.status import StatusCount

from .content import ReportContent, ReportDocument, gather
from .models import ProducedReport, ReportSetup


@dataclass
class ProgrammeFigures:
    programme: Programme
    count: StatusCount = field(default_factory=StatusCount)
    # One of its tasks got a progress report dated within the period (up to the day judged), by any agency named on
    # it: the unit's work was reported, a supporting agency's part included.
    reported: bool = False


@dataclass
class UnitFigures:
    unit: AdministrativeUnit
    programmes: list[ProgrammeFigures] = field(default_factory=list)

    @cached_property
    def count(self) -> StatusCount:
        return sum((p.count for p in self.programmes), StatusCount())

    @property
    def reported(self) -> bool:
        return any(p.reported for p in self.programmes)


@dataclass
class Consolidated:
    unit: AdministrativeUnit
    period: Period
    window: tuple[date, date]
    judged_on: date
    units: list[UnitFigures]

    @cached_property
    def total(self) -> StatusCount:
        return sum((u.count for u in self.units), StatusCount())

    @property
    def not_reported(self) -> list[UnitFigures]:
        return [u for u in self.units if not u.reported]

    @property
    def programmes(self) -> list[ProgrammeFigures]:
        return [p for u in self.units for p in u.programmes]


def tasks_of_unit(tasks, unit):
    """The tasks of the programmes of the unit and of the units below it."""
    return tasks.filter(section__programme__unit__in=units_at_or_below(unit))


def consolidate(tasks, unit, period, window) -> Consolidated:
    """The figures of `unit` and the units below it for the period's window: three queries (the tree, the counts
    grouped by programme and status, the programmes with their units)."""
    start, end = window
    judged = min(end, timezone.localdate())
    reported = ProgressReport.objects.filter(task=OuterRef("pk"), reported_on__range=(start, judged))
    groups = (
        tasks_of_unit(tasks, unit)
        .with_status(as_of=judged)
        .annotate(reported=Exists(reported))
        .values("section__programme", "status", "reported")
        .annotate(n=Count("pk"))
        .order_by()  # the model's ordering would split the groups
    )
    counts, reporting = defaultdict(StatusCount), set()
    for row in groups:
        programme = row["section__programme"]
        for _i in range(row["n"]):
            counts[programme].add(row["status"])
        if row["reported"]:
            reporting.add(programme)
    by_unit = {}
    programmes = Programme.objects.filter(pk__in=counts).select_related("unit").order_by("number", "pk")
    for programme in programmes:
        row = by_unit.setdefault(programme.unit_id, UnitFigures(programme.unit))
        row.programmes.append(ProgrammeFigures(programme, counts[programme.pk], programme.pk in reporting))
    units = sorted(by_unit.values(), key=lambda u: (u.unit.pk != unit.pk, u.unit.level, u.unit.name))
    return Consolidated(unit, period, window, judged, units)


ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
    (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    """Appendices are numbered I, II, III... (Decree 30/2020); a province has about a hundred units."""
    numeral = ""
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        numeral += letters * count
    return numeral


@dataclass
class Appendix:
    """One unit's tasks, programme by programme, as each programme's own report shows them."""

    numeral: str
    figures: UnitFigures
    reports: list[ReportContent]


@dataclass
class UnitReport(ReportDocument):
    """A unit's consolidated periodic report: the figures in the body, then an appendix per unit or the overdue
    tasks alone (ProducedReport.Appendix)."""

    figures: Consolidated
    setup: ReportSetup
    issuer_name: str
    appendix: str
    appendices: list[Appendix]
    number: str = ""
    report_date: date | None = None
    proposals: str = ""

    @property
    def period(self) -> Period:
        return self.figures.period

    @property
    def window(self) -> tuple[date, date]:
        return self.figures.window

    @property
    def judged_on(self) -> date:
        return self.figures.judged_on

    @property
    def total(self) -> StatusCount:
        return self.figures.total

    @property
    def row_count(self) -> int:
        return sum(report.row_count for appendix in self.appendices for report in appendix.reports)

    @property
    def by_unit_only(self) -> bool:
        return self.appendix == ProducedReport.Appendix.UNITS

    @cached_property
    def overdue(self) -> list[tuple[UnitFigures, ReportContent, object]]:
        """(unit, programme's report, row) of every overdue task, unit by unit."""
        return [(a.figures, report, row) for a in self.appendices for report in a.reports for row in report.overdue]

    @property
    def overdue_line(self) -> str:
        where = _("các phụ lục theo đơn vị") if self.by_unit_only else _("Phụ lục I")
        return _("Có %(count)d nhiệm vụ quá hạn tính đến ngày chốt số liệu, nêu tại %(where)s.") % {
            "count": len(self.overdue),
            "where": where,
        }

    @property
    def subject(self) -> str:
        unit = str(self.figures.unit)
        return (
            _("Kết quả thực hiện các chương trình, kế hoạch phòng thủ dân sự trên địa bàn %(unit)s, %(period)s")
            % {
                "unit": unit[:1].lower() + unit[1:],  # "tỉnh Thái Nguyên" mid-sentence
                "period": self.period.label[:1].lower() + self.period.label[1:],
            }
        )


def reporting_agency(unit, author=None):
    """Who signs a unit's report: the author's agency, or (a report made by the command line) the unit's committee."""
    if author and (agency := roles.agency_of(author)):
        return agency
    return Agency.objects.filter(unit=unit, kind=Agency.Kind.COMMITTEE, oversees_unit=True).first()


def gather_unit(tasks, unit, period, window, appendix, author=None, **document) -> UnitReport:
    """The consolidated report of `unit` from `tasks` (start from Task.objects.visible_to(author)): the figures in
    their constant number of queries, then each programme's tasks as gather() reads them (for the worker only)."""
    figures = consolidate(tasks, unit, period, window)
    appendices = [
        Appendix(
            roman(index), row, [gather(tasks, p.programme, period, window, directives=False) for p in row.programmes]
        )
        for index, row in enumerate(figures.units, 1)
    ]
    agency = reporting_agency(unit, author)
    setup = ReportSetup.drawn_from(agency, str(unit), unit.place_name or unit.name)
    report = UnitReport(figures, setup, agency.name if agency else str(unit), appendix, appendices, **document)
    report.report_date = report.report_date or timezone.localdate()
    return report
