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

from agencies.models import AdministrativeUnit, units_at_or_below
from tasks.models import Programme, ProgressReport
from tasks.periods import Period
from tasks.status import StatusCount


@dataclass
class ProgrammeFigures:
    programme: Programme
    count: StatusCount = field(default_factory=StatusCount)
    reported: bool = False  # one of its tasks got a progress report dated within the period


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


def consolidate(tasks, unit, period, window) -> Consolidated:
    """The figures of `unit` and the units below it for the period's window: three queries (the tree, the counts
    grouped by programme and status, the programmes with their units)."""
    start, end = window
    judged = min(end, timezone.localdate())
    reported = ProgressReport.objects.filter(task=OuterRef("pk"), reported_on__range=(start, judged))
    groups = (
        tasks.filter(section__programme__unit__in=units_at_or_below(unit))
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
