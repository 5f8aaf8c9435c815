"""The tasks of a programme's appendix, the agencies named on them, and the task queries every page starts from."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, LessThan
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency

from .. import roles, search
from ..documents.timeframe import Recurrence, ScheduleKind
from ..status import AWAITING, RECURRING_KINDS, Acceptance, Progress, Status, is_recurring
from .progress import ProgressReport


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user, archived=False):
        """Start every task query here: what this user may see. Archived tasks only when asked (their own page)."""
        tasks = self if archived else self.current()
        programmes = apps.get_model("tasks", "Programme").objects  # programme.py imports this module
        return roles.scoped(
            tasks,
            user,
            overseen=lambda agency, units: tasks.filter(section__programme__in=programmes.overseen(agency, units)),
            own=tasks.assigned_to,
        )

    def current(self):
        """Tasks of the programme as it now stands: not removed by an amendment."""
        return self.filter(archived_at__isnull=True)

    def assigned_to(self, agency, role=None, directly=False, as_of=None):
        """Tasks naming the agency, directly or (unless `directly`) through a group phrase it belongs to; `as_of`: as
        they stood on that day, before the handovers (models/handover.py) that took effect after it."""
        naming = _naming(agency, role, directly)
        if as_of is None:
            return self.filter(naming)
        later = apps.get_model("tasks", "Handover").objects.filter(
            task=OuterRef("pk"), reorganisation__effective_on__gt=as_of
        )
        if role:
            later = later.filter(part=role)
        received_later, handed_over_later = later.filter(to_agency=agency), later.filter(from_agency=agency)
        return self.filter((naming & ~Exists(received_later)) | Exists(handed_over_later))

    def with_lead_flag(self, agency):
        """Annotate `led`: whether the agency leads the task, directly or through a group phrase it belongs to."""
        return self.annotate(led=_naming(agency, Assignment.Role.LEAD))

    def with_document(self):
        """Everything a task row shows, in a constant number of queries."""
        # Ordered within the task only: the models' default orders join up to the programme for every row.
        assignments = Assignment.objects.select_related("agency").order_by("role", "position")
        phases = apps.get_model("tasks", "Phase").objects.order_by("number")  # programme.py imports this module
        return self.select_related("section__programme", "responsible_officer").prefetch_related(
            models.Prefetch("assignments", queryset=assignments), models.Prefetch("phases", queryset=phases)
        )

    def with_status(self, as_of=None):
        """Annotate progress (from the latest status-setting report up to as_of) and the computed status.

        The portal's one copy of the status rule, in SQL so lists can filter and count by status (the tests hold
        it against a Python oracle, tests/status_rules.py).
        """
        as_of = as_of or timezone.localdate()
        latest = ProgressReport.objects.filter(task=OuterRef("pk"), sets_status=True, reported_on__lte=as_of).order_by(
            "-reported_on", "-created_at", "-pk"
        )
        # The latest report judged in its own subquery: the rule reads its status and date once per task (a
        # CASE over the progress subquery evaluated it up to five times per row, for every row sorted or counted).
        reported = _reported_status(OuterRef("deadline"), as_of)
        not_started = Case(
            When(Q(deadline__lt=as_of), then=Value(Status.NOT_STARTED_OVERDUE)),
            default=Value(Status.NOT_STARTED_ON_TIME),
        )
        return self.annotate(
            deadline=_deadline_on(as_of),
            progress=Subquery(latest.values("status")[:1]),
            # Returned work does not show its 100%: the percent is the one reported before it, if any.
            percent=Subquery(latest.exclude(acceptance=Acceptance.RETURNED).values("percent")[:1]),
            done_on=Subquery(latest.values("completed_on")[:1]),
        ).annotate(
            status=Case(
                When(schedule_kind__in=RECURRING_KINDS, then=Value(Status.ONGOING)),
                # No report, or the latest says not started: judged by the deadline alone.
                default=Coalesce(Subquery(latest.annotate(judged=reported).values("judged")[:1]), not_started),
                output_field=models.CharField(),
            )
        )

    def due_soon(self, as_of=None, days=None):
        """Open tasks whose deadline falls within the next `days` days (the setting by default)."""
        as_of = as_of or timezone.localdate()
        days = settings.PTDS_DUE_SOON_DAYS if days is None else days
        return self.filter(
            deadline__gte=as_of,
            deadline__lte=as_of + datetime.timedelta(days=days),
            status__in=[Status.IN_PROGRESS_ON_TIME, Status.NOT_STARTED_ON_TIME],
        )

    def extended(self):
        """Tasks whose deadline in force was set by a granted extension request: the latest change of their deadline
        is a grant (a direct change by command staff since, back to the document's deadline or not, ends it)."""
        requests = apps.get_model("tasks", "ExtensionRequest")  # extension.py imports this module
        changes = requests.objects.filter(task=OuterRef("pk"), state__in=requests.MOVED)
        latest = Subquery(changes.order_by("-decided_at", "-pk").values("state")[:1])
        return self.alias(last_change=latest).filter(last_change__in=requests.GRANTED)

    def overdue(self):
        """Not done after the deadline, as the counts have it: in progress, not started, or waiting for acceptance."""
        return self.filter(status__in=[status for status in Status if status.is_overdue])

    def needing_review(self):
        return self.exclude(review_note="")

    def search(self, text):
        """Tasks holding every word and "phrase" searched within one field (tasks/search.py)."""
        query = search.Query(text)
        return self.filter(query.matches()) if query else self

    def phrase_first(self, text):
        """Annotate `phrase`: whether the words searched stand side by side, in the order typed, in one field."""
        phrase = search.Query(text).whole_phrase()
        return self.annotate(phrase=ExpressionWrapper(phrase, output_field=models.BooleanField()))


def _deadline_on(as_of):
    """The deadline in force on `as_of`: the one set now, unless a change after that day moved it (an extension
    granted, or command staff's direct change), in which case the deadline the first such change replaced (a report
    of the quarter before the change keeps the old one). Today nothing changed later: the plain columns, with no
    subquery."""
    deadline = Coalesce("due_override", "due_on")
    if as_of >= timezone.localdate():
        return deadline
    requests = apps.get_model("tasks", "ExtensionRequest")  # extension.py imports this module
    later = requests.objects.filter(task=OuterRef("pk"), state__in=requests.MOVED, decided_at__date__gt=as_of)
    replaced = Subquery(later.order_by("decided_at", "pk").values("previous_due")[:1])
    # Not Coalesce: a change from no deadline at all (previous_due empty) leaves none on that day.
    return Case(When(Exists(later), then=replaced), default=deadline, output_field=models.DateField())


def _reported_status(deadline, as_of):
    """The status a report's progress gives (on the report's row), None when it says not started.

    "Done" counts once the command accepts it, from the day the work was finished; until then it waits, overdue
    only if finished after the deadline; returned, the work is in progress again."""
    reported_done = Q(status=Progress.DONE)
    awaiting = reported_done & Q(acceptance=Acceptance.AWAITING)
    done = reported_done & ~Q(acceptance__in=[Acceptance.AWAITING, Acceptance.RETURNED])
    started = Q(status__in=[Progress.IN_PROGRESS, Progress.PAUSED]) | Q(acceptance=Acceptance.RETURNED)
    finished_late = Q(GreaterThan(F("completed_on"), deadline))
    overdue = Q(LessThan(deadline, as_of))
    return Case(
        When(done & finished_late, then=Value(Status.DONE_LATE)),
        When(done, then=Value(Status.DONE_ON_TIME)),
        When(awaiting & finished_late, then=Value(Status.AWAITING_OVERDUE)),
        When(awaiting, then=Value(Status.AWAITING_ON_TIME)),
        When(started & overdue, then=Value(Status.IN_PROGRESS_OVERDUE)),
        When(started, then=Value(Status.IN_PROGRESS_ON_TIME)),
        default=None,
        output_field=models.CharField(),
    )


def _naming(agency, role=None, directly=False):
    """Whether a task (the outer query's row) names the agency, directly or (unless `directly`) through a group phrase
    it belongs to."""
    named = {"agency": agency} if directly else {"agency__in": Agency.objects.with_groups_of(agency)}
    assignments = Assignment.objects.filter(task=OuterRef("pk"), **named)
    if role:
        assignments = assignments.filter(role=role)
    return Exists(assignments)


def task_reference(numeral, number):
    return f"{numeral}.{number}" if numeral else number


class Task(models.Model):
    section = models.ForeignKey("Section", on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    number = models.CharField(_("TT"), max_length=20)
    content = models.TextField(_("nội dung nhiệm vụ"))
    deliverable = models.TextField(_("sản phẩm"), blank=True)
    extra_cells = models.JSONField(
        _("các cột khác (như văn bản)"),
        default=list,
        blank=True,
        help_text=_("Các cột khác của bảng (Kinh phí, Ghi chú, ...): từng cặp [tên cột, nội dung] như văn bản."),
    )
    lead_as_written = models.TextField(_("cơ quan chủ trì (như văn bản)"), blank=True)
    support_as_written = models.TextField(_("cơ quan phối hợp (như văn bản)"), blank=True)
    timeframe_as_written = models.JSONField(
        _("thời gian thực hiện (như văn bản)"),
        default=list,
        blank=True,
        help_text=_("Một ô cho mỗi cột thời gian của bảng."),
    )
    schedule_kind = models.CharField(
        _("loại thời hạn"),
        max_length=20,
        choices=ScheduleKind.choices,
    )
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    starts_on = models.DateField(
        _("thời điểm bắt đầu"),
        null=True,
        blank=True,
        help_text=_(
            "Khi văn bản ghi cả thời điểm bắt đầu: \u201c2026 - 2030\u201d, \u201cTừ tháng 3 đến tháng 6/2026\u201d."
        ),
    )
    phases = models.ManyToManyField("Phase", verbose_name=_("giai đoạn"), blank=True, related_name="tasks")
    recurrence = models.CharField(
        _("chu kỳ"),
        max_length=20,
        blank=True,
        choices=Recurrence.choices,
    )
    period_months = models.PositiveSmallIntegerField(
        _("chu kỳ định kỳ (tháng)"),
        null=True,
        blank=True,
        help_text=_(
            "Số tháng giữa hai lần thực hiện: đọc từ văn bản (\u201cHằng quý\u201d, \u201c6 tháng/lần\u201d), "
            "do Ban CHQS ấn định với nhiệm vụ \u201cĐịnh kỳ\u201d."
        ),
    )
    conditional = models.CharField(
        _("điều kiện thực hiện"),
        max_length=255,
        blank=True,
        help_text=_(
            "Nhiệm vụ chờ một điều kiện (chỉ đạo, yêu cầu của cấp trên), như ghi ở cột thời gian hoặc sản phẩm."
        ),
    )
    review_note = models.TextField(_("cần rà soát"), blank=True)
    due_override = models.DateField(_("hạn do Ban CHQS ấn định"), null=True, blank=True)
    due_override_reason = models.TextField(_("lý do điều chỉnh hạn"), blank=True)
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_tasks",
    )
    parent_task = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện nhiệm vụ cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_tasks",
    )
    # A task an amendment removed after work was reported on it: kept with its history, out of every list.
    archived_at = models.DateTimeField(_("bãi bỏ lúc"), null=True, blank=True, editable=False)
    archived_reason = models.TextField(_("lý do bãi bỏ"), blank=True, editable=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    # The searched fields' words as codes (tasks/search.py): "phong thu" finds "phòng thủ" on any database.
    search_content = models.TextField(editable=False, blank=True)
    search_lead = models.TextField(editable=False, blank=True)
    search_support = models.TextField(editable=False, blank=True)
    search_deliverable = models.TextField(editable=False, blank=True)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", *search.SEARCHED.values()])

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["section__programme", "section__position", "position"]
        constraints = [
            # Archived tasks keep their old number and place; a current task may take them again.
            models.UniqueConstraint(
                fields=["section", "number"], condition=Q(archived_at__isnull=True), name="task_unique_number"
            ),
            models.UniqueConstraint(
                fields=["section", "position"], condition=Q(archived_at__isnull=True), name="task_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(period_months__isnull=True) | Q(period_months__gte=1), name="task_period_positive"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.content[:60]}"

    def save(self, *args, **kwargs):
        self.index_words()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("tasks:detail", args=[self.pk])

    @property
    def reference(self):
        """How the task is cited: "I.3", or "3" in a table without sections."""
        return task_reference(self.section.numeral, self.number)

    def index_words(self):
        """Fill the search columns from the fields they index; save() does it, bulk writers must call it."""
        for field, column in search.SEARCHED.items():
            setattr(self, column, search.index(getattr(self, field)))

    @property
    def needs_review(self):
        return bool(self.review_note)

    @property
    def status_label(self):
        """Label of the status annotated by TaskQuerySet.with_status()."""
        return Status(self.status).label

    @property
    def is_recurring(self):
        return is_recurring(self.schedule_kind)

    @property
    def is_awaiting_acceptance(self):
        """Whether the status annotated by with_status() is the lead's "done" waiting for the command."""
        return self.status in AWAITING

    @property
    def interval_months(self):
        """Months between two runs, shown beside a recurrence whose name does not say it: "Định kỳ", "6 tháng/lần"."""
        if self.recurrence in (Recurrence.PERIODIC, Recurrence.EVERY_N_MONTHS):
            return self.period_months
        return None

    @property
    def timeframe_text(self):
        """The timeframe cells in one line; an "x" under a phase column reads as that phase's heading."""
        marked = [cell.strip().lower() == "x" for cell in self.timeframe_as_written]
        # Most rows have no "x": they skip the phases (a list of 50 rows built a manager for each).
        phases = {phase.number: phase for phase in self.phases.all()} if any(marked) else {}
        words = []
        for column, (cell, x) in enumerate(zip(self.timeframe_as_written, marked, strict=True), 1):
            phase = phases.get(column) if x else None
            if phase:
                words.append(phase.label_as_written or phase.name)
            elif cell:
                words.append(cell)
        return "; ".join(words)

    @property
    def effective_due(self):
        return self.due_override or self.due_on

    def agencies(self, role):
        return [a.agency for a in self.assignments.all() if a.role == role]

    @property
    def lead_agencies(self):
        return self.agencies(Assignment.Role.LEAD)

    @property
    def support_agencies(self):
        return self.agencies(Assignment.Role.SUPPORT)

    @property
    def lead_names(self):
        """The lead agencies as a row names them: short names, "; " between."""
        return "; ".join(agency.short_name or agency.name for agency in self.lead_agencies)


class Assignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        SUPPORT = "support", _("Phối hợp")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"))

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["task", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "role", "position"], name="assignment_unique_position"),
            models.UniqueConstraint(fields=["task", "role", "agency"], name="assignment_unique_agency"),
        ]

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.get_role_display()}: {self.agency}"
