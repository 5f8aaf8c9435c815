"""What a periodic progress report says: the tasks in scope, each judged as of the period's cut-off, or as of today
for a report made before its period ends (so nothing is called late before its deadline).

One plain structure feeds the HTML preview, the PDF and the spreadsheet, so the three always agree. The
tasks come from the caller's queryset (what the user may see), filtered to the programme and scope.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import islice

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from tasks.models import (
    Assignment,
    ExtensionRequest,
    Handover,
    Programme,
    ProgressReport,
    Section,
    ThreadEntry,
    agencies_on,
)
from tasks.periods import Period
from tasks.rollup import report_note, rollup
from tasks.status import AWAITING, Status, StatusCount

from .models import ReportSetup
from .scores import Scores

# Tasks read (with their assignments, phases, reports and their children's roll-up) per round trip: memory stays
# flat for large reports (a 10,000-task workbook peaks near 50 MB) at the cost of 5 queries per 1,000 tasks.
CHUNK = 1000


def vietnamese_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2026": Decree 30/2020 pads days below 10 and the months January and February."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("ngày %(day)02d tháng %(month)s năm %(year)d") % {"day": day.day, "month": month, "year": day.year}


def short_date(day: date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""


@dataclass(slots=True)
class ReportRow:
    """One task as the report prints it: plain text, no model instance, so 10,000 rows stay small."""

    pk: int
    ref: str  # "V.5": section numeral and task number
    number: str
    content: str
    lead: str  # as written in the programme
    support: str
    timeframe: str
    deliverable: str
    deadline: date | None
    percent: int | None
    lead_agencies: list[str]  # the agencies read from `lead`, for the count by lead agency
    status: Status
    results: list[str]  # progress recorded in the period: "Kết quả thực hiện"
    notes: list[str]
    rollup: str = ""  # how the subordinate levels' tasks carrying this one out stand: "Cấp dưới: 2/3 hoàn thành"

    @property
    def result_lines(self) -> list[str]:
        """The "Kết quả thực hiện" cell: the period's results, then the children's roll-up if any."""
        return [*self.results, self.rollup] if self.rollup else self.results

    @property
    def status_text(self) -> str:
        if self.status in (Status.IN_PROGRESS_ON_TIME, Status.IN_PROGRESS_OVERDUE) and self.percent:
            return f"{self.status.label} ({self.percent}%)"
        return str(self.status.label)


@dataclass(slots=True)
class DirectiveRow:
    """A directive given within the period ("Ý kiến chỉ đạo"), on the programme or on a task in scope."""

    day: date
    ref: str  # the task's "V.5", or "" for the whole programme
    author: str  # the leader, and their agency if any
    text: str


class ReportDocument:
    """What every kind of report puts in its heading (Decree 30/2020): the number, the place and date, the window.
    The reports built on it hold `setup`, `window`, `judged_on`, `number` and `report_date`."""

    @property
    def as_of(self) -> date:
        return self.judged_on or self.window[1]

    @property
    def document_number(self) -> str:
        return self.setup.document_number(self.number)

    @property
    def place_and_date(self) -> str:
        return f"{self.setup.place}, {vietnamese_date(self.report_date)}"

    @property
    def window_text(self) -> str:
        start, end = self.window
        dates = {"start": short_date(start), "end": short_date(end), "judged": short_date(self.as_of)}
        if self.as_of < end:  # made before the period ends: nothing is called late before its deadline
            return (
                _(
                    "Số liệu tính từ ngày %(start)s đến ngày %(end)s; kỳ báo cáo chưa kết thúc nên tình trạng nhiệm vụ "
                    "tính đến ngày lập báo cáo %(judged)s."
                )
                % dates
            )
        return _("Số liệu tính từ ngày %(start)s đến ngày %(end)s; tình trạng nhiệm vụ tính đến ngày %(end)s.") % dates


@dataclass
class ReportContent(ReportDocument):
    programme: Programme
    setup: ReportSetup
    period: Period
    window: tuple[date, date]
    agency: Agency | None = None
    section: Section | None = None
    number: str = ""
    report_date: date | None = None
    proposals: str = ""
    sections: list[tuple[Section, list[ReportRow]]] = field(default_factory=list)
    directives: list[DirectiveRow] = field(default_factory=list)
    scores: Scores | None = None  # when the PDF carries the agency scores

    judged_on: date | None = None  # the day statuses are judged: the cut-off, or today if that comes first

    # The counts below are read several times by each layout; they are worked out once, after gather() is done.
    @cached_property
    def rows(self) -> list[ReportRow]:
        return [row for _section, rows in self.sections for row in rows]

    @property
    def row_count(self) -> int:
        return sum(len(rows) for _section, rows in self.sections)

    def first_rows(self, limit) -> list[tuple[Section, list[ReportRow]]]:
        """The sections cut after `limit` task rows, for a preview."""
        kept, left = [], limit
        for section, rows in self.sections:
            if left <= 0:
                break
            kept.append((section, rows[:left]))
            left -= len(rows)
        return kept

    @cached_property
    def total(self) -> StatusCount:
        return StatusCount.from_statuses(row.status for row in self.rows)

    @cached_property
    def _section_counts(self) -> list[tuple[Section, StatusCount]]:
        return [(section, StatusCount.from_statuses(row.status for row in rows)) for section, rows in self.sections]

    @property
    def by_section(self) -> list[tuple[str, StatusCount]]:
        return [(str(section), count) for section, count in self._section_counts]

    @property
    def chart_rows(self) -> list[tuple[str, StatusCount]]:
        """By section, labelled by numeral: the table beside the chart names the sections in full."""
        return [(_("Mục %(numeral)s") % {"numeral": section.numeral}, count) for section, count in self._section_counts]

    @cached_property
    def by_lead(self) -> list[tuple[str, StatusCount]]:
        """A task with two lead agencies counts under each; one with none under its own heading."""
        groups = defaultdict(StatusCount)
        for row in self.rows:
            for label in row.lead_agencies or [_("Chưa xác định cơ quan chủ trì")]:
                groups[label].add(row.status)
        return sorted(groups.items(), key=lambda item: (-item[1].total, item[0]))

    @cached_property
    def overdue(self) -> list[ReportRow]:
        return [row for row in self.rows if row.status.is_overdue]

    @property
    def proposals_numeral(self) -> str:
        """The section of difficulties and proposals comes after the directives' section when there is one."""
        return "IV" if self.directives else "III"

    @property
    def issuer_name(self) -> str:
        """The reporting body as a sentence names it ("của Ban Chỉ huy quân sự thành phố Thái Nguyên")."""
        agency = self.programme.coordinating_agency
        return agency.name if agency else self.setup.issuing_body

    @property
    def scope_phrase(self) -> str:
        if self.section:
            return _("Mục %(numeral)s. %(title)s") % {"numeral": self.section.numeral, "title": self.section.title}
        if self.agency:
            return _("nhiệm vụ của %(agency)s") % {"agency": self.agency.name}
        return ""

    @property
    def subject(self) -> str:
        """The subject line under "BÁO CÁO": the programme as cited, the scope, the period."""
        programme = self.programme
        cited = f"{programme.kind} số {programme.number}"
        if programme.issued_on_as_written:
            cited += f" {programme.issued_on_as_written}"
        if programme.issuer:
            cited += f" của {programme.issuer}"
        scope = f" ({self.scope_phrase})" if self.scope_phrase else ""
        return _("Kết quả thực hiện %(programme)s%(scope)s, %(period)s") % {
            "programme": cited,
            "scope": scope,
            "period": self.period.label[:1].lower() + self.period.label[1:],  # "quý IV năm 2025" mid-sentence
        }


def not_begun(period, window):
    """Why a report of this period cannot be made yet, or None: a period that has not begun has nothing to report."""
    start, _end = window
    if start <= timezone.localdate():
        return None
    return _("Kỳ %(period)s chưa bắt đầu (từ ngày %(start)s); chưa có gì để báo cáo.") % {
        "period": period.label,
        "start": short_date(start),
    }


def tasks_in_scope(tasks, programme, agency=None, section=None, as_of=None):
    """The report's tasks; an agency's are those naming it as they stood on `as_of` (before later handovers)."""
    tasks = tasks.filter(section__programme=programme)
    if section is not None:
        tasks = tasks.filter(section=section)
    if agency is not None:
        tasks = tasks.assigned_to(agency, as_of=as_of)  # lead and supporting, directly or through a group phrase
    return tasks


def gather(tasks, programme, period, window, agency=None, section=None, directives=True, **document) -> ReportContent:
    """Build the report from `tasks` (start from Task.objects.visible_to(user)) in a constant number of queries.

    Status is judged as of the window's last day, or today if that comes first, from the reports recorded up to
    then; the reports recorded within the window are the period's results.
    """
    start, end = window
    judged = min(end, timezone.localdate())  # a report made before its cut-off judges as of today
    in_period = (
        ProgressReport.objects.filter(reported_on__range=(start, end))
        .select_related("agency")
        .order_by("reported_on", "created_at", "pk")
    )
    in_scope = tasks_in_scope(tasks, programme, agency, section, as_of=judged)
    queryset = (
        in_scope.with_status(as_of=judged)
        .annotate(**_last_change(judged))
        .select_related("section")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("agency")),
            Prefetch(
                "handovers", queryset=Handover.objects.select_related("from_agency", "to_agency", "reorganisation")
            ),
            "phases",
            Prefetch("progress_reports", queryset=in_period, to_attr="reports_in_period"),
        )
        .order_by("section__position", "position")
    )
    content = ReportContent(
        programme=programme,
        setup=ReportSetup.for_programme(programme),
        period=period,
        window=window,
        agency=agency,
        section=section,
        judged_on=judged,
        **document,
    )
    content.report_date = content.report_date or timezone.localdate()
    current, rows = None, []
    stream = queryset.iterator(chunk_size=CHUNK)
    while chunk := list(islice(stream, CHUNK)):
        children = rollup([task.pk for task in chunk], as_of=judged)  # one query per chunk, as of the same day
        for task in chunk:
            if task.section != current:
                if rows:
                    content.sections.append((current, rows))
                current, rows = task.section, []
            rows.append(_row(task, judged, report_note(children.get(task.pk))))
    if rows:
        content.sections.append((current, rows))
    if directives:  # a unit's report lists its programmes' tasks in appendices, without their directives
        content.directives = _directives(programme, in_scope, window)
    return content


def _last_change(judged):
    """The latest change of the deadline by the day judged (an extension granted, or a direct change): its kind, the
    deadline it set and its reason, for the row's "Gia hạn đến" or "Hạn do Ban CHQS điều chỉnh"."""
    changes = ExtensionRequest.objects.filter(
        task=OuterRef("pk"), state__in=ExtensionRequest.MOVED, decided_at__date__lte=judged
    ).order_by("-decided_at", "-pk")
    return {
        "change_kind": Subquery(changes.values("state")[:1]),
        "changed_to": Subquery(changes.values("granted_due")[:1]),
        "change_reason": Subquery(changes.values("reason")[:1]),
    }


def _directives(programme, in_scope, window):
    """The directives given within the window on the programme as a whole or on its tasks in scope, in one query."""
    entries = (
        ThreadEntry.objects.filter(kind=ThreadEntry.Kind.DIRECTIVE, created_at__date__range=window)
        .filter(Q(programme=programme) | Q(task__in=in_scope.values("pk")))
        .select_related("task__section", "author", "agency")
        .order_by("created_at", "pk")
    )
    rows = []
    for entry in entries:
        author = entry.author.get_full_name() or entry.author.username
        if entry.agency:
            author += f" ({entry.agency.short_name or entry.agency.name})"
        ref = entry.task.reference if entry.task else ""
        rows.append(DirectiveRow(timezone.localtime(entry.created_at).date(), ref, author, entry.text))
    return rows


def _row(task, judged, children_note=""):
    results = []
    for report in task.reports_in_period:
        text = report.result.strip()
        if report.document:
            text += f" ({report.document})"
        agency = report.agency.short_name or report.agency.name
        results.append(f"{short_date(report.reported_on)}, {agency}: {text}")
    notes = []
    if task.deadline:
        notes.append(_("Hạn: %(date)s") % {"date": short_date(task.deadline)})
    if task.change_kind and task.changed_to == task.deadline:  # the change in force at the cut-off
        if task.change_kind == ExtensionRequest.State.DIRECT:
            notes.append(_("Hạn do Ban CHQS điều chỉnh: %(reason)s") % {"reason": task.change_reason})
        else:
            notes.append(_("Gia hạn đến %(date)s") % {"date": short_date(task.deadline)})
    elif not task.change_kind and task.due_override and task.due_override == task.deadline:
        # An override set before direct changes were recorded: its reason as it stands.
        notes.append(_("Hạn do Ban CHQS điều chỉnh: %(reason)s") % {"reason": task.due_override_reason})
    if task.status in AWAITING:
        notes.append(_("Báo cáo hoàn thành ngày %(date)s, chờ Ban CHQS xác nhận") % {"date": short_date(task.done_on)})
    if task.conditional:
        notes.append(task.conditional)
    return ReportRow(
        pk=task.pk,
        ref=task.reference,
        number=task.number,
        content=task.content,
        lead=task.lead_as_written,
        support=task.support_as_written,
        timeframe=task.timeframe_text,
        deliverable=task.deliverable,
        deadline=task.deadline,
        percent=task.percent,
        # Counted under the agencies in force on the day judged: a handover after it does not change the period.
        lead_agencies=[a.short_name or a.name for a in agencies_on(task, Assignment.Role.LEAD, judged)],
        status=Status(task.status),
        results=results,
        notes=notes,
        rollup=children_note,
    )
