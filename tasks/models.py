import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from agencies.text import fold

from . import roles
from .documents.timeframe import Recurrence, ScheduleKind
from .status import RECURRING_KINDS, Progress, Status, is_recurring


class ProgrammeNotFound(LookupError):
    """No programme, or several, have the number asked for; the message is for the user."""


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The programmes in which the user may see at least one task."""
        return self.filter(pk__in=Task.objects.visible_to(user).values("section__programme"))

    def by_number(self, number, year=None, issuer=None):
        """The one programme numbered so ("04/CTr-UBND"; spaces ignored), narrowed by year or issuer if needed."""
        programmes = self.filter(number="".join(number.split()))
        if year:
            programmes = programmes.filter(year=year)
        if issuer:
            programmes = programmes.filter(issuer=issuer)
        found = list(programmes[:2])
        if not found:
            raise ProgrammeNotFound(_("Không có chương trình số %(number)s.") % {"number": number})
        if len(found) > 1:
            raise ProgrammeNotFound(
                _("Có nhiều chương trình số %(number)s; hãy chọn bằng --year hoặc --issuer.") % {"number": number}
            )
        return found[0]


class Programme(models.Model):
    """An action programme or plan as issued: the signed document's own words."""

    kind = models.CharField(_("loại văn bản"), max_length=120)
    number = models.CharField(_("số, ký hiệu"), max_length=64)
    title = models.TextField(_("trích yếu"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_on_as_written = models.CharField(_("ngày ban hành (như văn bản)"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("năm ban hành"))
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện chương trình cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    coordinating_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thường trực, theo dõi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_programmes",
    )
    imported_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("chương trình, kế hoạch")
        verbose_name_plural = _("chương trình, kế hoạch")
        ordering = ["-year", "number"]
        constraints = [
            # Numbers restart every year at every issuer, so all three make the document's identity.
            models.UniqueConstraint(fields=["number", "issuer", "year"], name="programme_unique_number"),
        ]

    def __str__(self):
        return f"{self.kind} số {self.number}"

    def lead_agencies(self):
        """Agencies leading a current task of the programme, named directly or as members of a lead group phrase.

        The group phrases themselves are left out: only a member agency can report.
        """
        leads = Assignment.objects.filter(
            task__in=Task.objects.current().filter(section__programme=self), role=Assignment.Role.LEAD
        ).values("agency")
        return (
            Agency.objects.exclude(kind=Agency.Kind.GROUP).filter(Q(pk__in=leads) | Q(member_of__in=leads)).distinct()
        )


class LegalBasis(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="legal_bases")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("căn cứ"))

    class Meta:
        verbose_name = _("căn cứ ban hành")
        verbose_name_plural = _("căn cứ ban hành")
        ordering = ["programme", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "position"], name="legal_basis_unique_position")]

    def __str__(self):
        return self.text[:80]


class Phase(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("giai đoạn số"))
    name = models.CharField(_("tên"), max_length=120)
    label_as_written = models.CharField(_("tiêu đề cột (như văn bản)"), max_length=255, blank=True)
    start = models.DateField(_("từ ngày"), null=True, blank=True)
    end = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Để trống nếu không có thời hạn."))

    class Meta:
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="phase_unique_number"),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="phase_valid_range",
            ),
        ]

    def __str__(self):
        return self.name


class Objective(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nhiệm vụ trọng tâm"))

    class Meta:
        verbose_name = _("mục tiêu giai đoạn")
        verbose_name_plural = _("mục tiêu giai đoạn")
        ordering = ["phase", "position"]
        constraints = [models.UniqueConstraint(fields=["phase", "position"], name="objective_unique_position")]

    def __str__(self):
        return self.text[:80]


class Section(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    numeral = models.CharField(_("số La Mã"), max_length=10)
    title = models.TextField(_("tên mục"))

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "numeral"], name="section_unique_numeral"),
            models.UniqueConstraint(fields=["programme", "position"], name="section_unique_position"),
        ]

    def __str__(self):
        return f"{self.numeral}. {self.title}"


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user, archived=False):
        """Start every task query here: what this user may see. Archived tasks only when asked (their own page)."""
        tasks = self if archived else self.current()
        return roles.scoped(
            tasks,
            user,
            coordinated=lambda agency: tasks.filter(section__programme__coordinating_agency=agency),
            own=tasks.assigned_to,
        )

    def current(self):
        """Tasks of the programme as it now stands: not removed by an amendment."""
        return self.filter(archived_at__isnull=True)

    def assigned_to(self, agency, role=None):
        """Tasks naming the agency, directly or through a group phrase it belongs to."""
        return self.filter(_naming(agency, role))

    def with_lead_flag(self, agency):
        """Annotate `led`: whether the agency leads the task, directly or through a group phrase it belongs to."""
        return self.annotate(led=_naming(agency, Assignment.Role.LEAD))

    def with_document(self):
        """Everything a task row shows, in a constant number of queries."""
        return self.select_related("section__programme", "responsible_officer").prefetch_related(
            models.Prefetch("assignments", queryset=Assignment.objects.select_related("agency")),
            "phases",
        )

    def with_status(self, as_of=None):
        """Annotate progress (from the latest status-setting report up to as_of) and the computed status.

        The same rules as tasks.status.classify, in SQL so lists can filter and count by status.
        """
        as_of = as_of or timezone.localdate()
        latest = ProgressReport.objects.filter(task=OuterRef("pk"), sets_status=True, reported_on__lte=as_of).order_by(
            "-reported_on", "-created_at", "-pk"
        )
        done = Q(progress=Progress.DONE)
        overdue = Q(deadline__lt=as_of)
        started = Q(progress__in=[Progress.IN_PROGRESS, Progress.PAUSED])
        return self.annotate(
            deadline=Coalesce("due_override", "due_on"),
            progress=Subquery(latest.values("status")[:1]),
            percent=Subquery(latest.values("percent")[:1]),
            done_on=Subquery(latest.values("completed_on")[:1]),
            last_report_on=Subquery(latest.values("reported_on")[:1]),
        ).annotate(
            status=Case(
                When(schedule_kind__in=RECURRING_KINDS, then=Value(Status.ONGOING)),
                When(done & Q(deadline__isnull=False, done_on__gt=F("deadline")), then=Value(Status.DONE_LATE)),
                When(done, then=Value(Status.DONE_ON_TIME)),
                When(started & overdue, then=Value(Status.IN_PROGRESS_OVERDUE)),
                When(started, then=Value(Status.IN_PROGRESS_ON_TIME)),
                When(overdue, then=Value(Status.NOT_STARTED_OVERDUE)),
                default=Value(Status.NOT_STARTED_ON_TIME),
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

    def overdue(self):
        return self.filter(status__in=[Status.IN_PROGRESS_OVERDUE, Status.NOT_STARTED_OVERDUE])

    def needing_review(self):
        return self.exclude(review_note="")

    def search(self, text):
        """Every word must appear, ignoring accents and case."""
        for word in fold(text).split():
            self = self.filter(search_text__contains=word)
        return self


def _naming(agency, role=None):
    """Whether a task (the outer query's row) names the agency, directly or through a group phrase it belongs to."""
    assignments = Assignment.objects.filter(task=OuterRef("pk"), agency__in=Agency.objects.with_groups_of(agency))
    if role:
        assignments = assignments.filter(role=role)
    return Exists(assignments)


class Task(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    number = models.CharField(_("TT"), max_length=20)
    content = models.TextField(_("nội dung nhiệm vụ"))
    deliverable = models.TextField(_("sản phẩm"), blank=True)
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
        choices=[
            (ScheduleKind.DUE_DATE, _("Có hạn cụ thể")),
            (ScheduleKind.PHASE, _("Theo giai đoạn")),
            (ScheduleKind.ONGOING, _("Thường xuyên")),
            (ScheduleKind.RECURRING, _("Định kỳ, hằng năm")),
            (ScheduleKind.UNSPECIFIED, _("Không ghi thời gian")),
            (ScheduleKind.UNREADABLE, _("Chưa đọc được, cần rà soát")),
        ],
    )
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    phases = models.ManyToManyField(Phase, verbose_name=_("giai đoạn"), blank=True, related_name="tasks")
    recurrence = models.CharField(
        _("chu kỳ"),
        max_length=20,
        blank=True,
        choices=[
            (Recurrence.YEARLY, _("Hằng năm")),
            (Recurrence.YEARLY_OR_AD_HOC, _("Hằng năm hoặc đột xuất")),
            (Recurrence.PERIODIC, _("Định kỳ")),
        ],
    )
    period_months = models.PositiveSmallIntegerField(
        _("chu kỳ định kỳ (tháng)"),
        null=True,
        blank=True,
        help_text=_("Với nhiệm vụ \u201cĐịnh kỳ\u201d: số tháng giữa hai lần thực hiện."),
    )
    conditional = models.CharField(
        _("điều kiện thực hiện"),
        max_length=255,
        blank=True,
        help_text=_("Nhiệm vụ chờ chỉ đạo của cấp trên, như ghi ở cột sản phẩm."),
    )
    review_note = models.TextField(_("cần rà soát"), blank=True)
    due_override = models.DateField(_("hạn do Ban CHQS ấn định"), null=True, blank=True)
    due_override_reason = models.TextField(_("lý do điều chỉnh hạn"), blank=True)
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ phụ trách"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="responsible_tasks",
    )  # fmt: skip
    parent_task = models.ForeignKey(
        "self", verbose_name=_("thực hiện nhiệm vụ cấp trên"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="child_tasks",
    )  # fmt: skip
    # A task an amendment removed after work was reported on it: kept with its history, out of every list.
    archived_at = models.DateTimeField(_("bãi bỏ lúc"), null=True, blank=True, editable=False)
    archived_reason = models.TextField(_("lý do bãi bỏ"), blank=True, editable=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    # Folded words of the task (accents and case removed) so "phong thu" finds "phòng thủ" on any database.
    search_text = models.TextField(editable=False, blank=True)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

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
        return f"{self.section.numeral}.{self.number} {self.content[:60]}"

    def save(self, *args, **kwargs):
        self.search_text = self.folded_words()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("tasks:detail", args=[self.pk])

    def folded_words(self):
        parts = [self.number, self.content, self.lead_as_written, self.support_as_written, self.deliverable]
        return fold(" ".join(parts))

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
    def timeframe_text(self):
        """The timeframe cells in one line; an "x" under a phase column reads as that phase's heading."""
        phases = {phase.number: phase for phase in self.phases.all()}
        words = []
        for column, cell in enumerate(self.timeframe_as_written, 1):
            phase = phases.get(column) if cell.strip().lower() == "x" else None
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


class ProgressReport(models.Model):
    """One report of progress on a task; never edited, so the history stays as reported."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="progress_reports")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan báo cáo"), on_delete=models.PROTECT)
    sets_status = models.BooleanField(
        _("báo cáo của cơ quan chủ trì"), default=False,
        help_text=_("Báo cáo của cơ quan chủ trì (hoặc Ban CHQS) quyết định tình trạng nhiệm vụ; "
                    "báo cáo của cơ quan phối hợp được ghi nhận là phần đóng góp."),
    )  # fmt: skip
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người báo cáo"), on_delete=models.PROTECT)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Progress.choices)
    percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"), validators=[MaxValueValidator(100)])
    result = models.TextField(_("kết quả thực hiện"))
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    period = models.CharField(_("kỳ báo cáo"), max_length=30, blank=True)
    document_kind = models.CharField(_("loại văn bản"), max_length=60, blank=True)
    document_number = models.CharField(_("số, ký hiệu văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày ban hành văn bản"), null=True, blank=True)
    reported_on = models.DateField(_("ngày báo cáo"), default=timezone.localdate)
    created_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Ban CHQS xác nhận"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="confirmed_reports",
    )  # fmt: skip
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-reported_on", "-created_at"]
        indexes = [
            # with_status() looks up each listed task's latest status-setting report: one index step, no sort.
            models.Index(
                fields=["task", "-reported_on", "-created_at", "-id"],
                condition=Q(sets_status=True),
                name="report_latest_status",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="report_percent_at_most_100"),
            models.CheckConstraint(
                condition=~Q(status=Progress.DONE) | Q(completed_on__isnull=False), name="report_done_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.task} – {self.get_status_display()} ({self.reported_on:%d/%m/%Y})"

    @property
    def document(self):
        """The proving document the way it is cited: "Quyết định số 12/QĐ-UBND ngày 15/3/2025"."""
        parts = [self.document_kind]
        if self.document_number:
            parts.append(f"số {self.document_number}")
        if self.document_date:
            parts.append(f"ngày {self.document_date.day}/{self.document_date.month}/{self.document_date.year}")
        return " ".join(p for p in parts if p)


def evidence_path(evidence, filename):
    # Stored under a random name: the original name is kept in the database, never trusted as a path.
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{evidence.extension}"


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=evidence_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=10)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        return f".{self.kind}"


class ImportDraft(models.Model):
    """An uploaded file, read and waiting for its uploader to review it; nothing else is saved until then."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Chương trình, kế hoạch")
        PROGRESS = "progress", _("Báo cáo tiến độ từ Excel")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    document = models.JSONField(_("nội dung đọc được"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bản nhập chờ duyệt")
        verbose_name_plural = _("bản nhập chờ duyệt")

    def __str__(self):
        return self.file_name


class ReminderLog(models.Model):
    """A reminder e-mail that went out (tasks/reminders.py): one per day, kind and agency, so a rerun sends nothing."""

    class Kind(models.TextChoices):
        AGENCY_DUE = "agency_due", _("Nhắc cơ quan: nhiệm vụ quá hạn, sắp đến hạn")
        STAFF_UNREPORTED = "staff_unreported", _("Nhắc Ban CHQS: cơ quan chưa báo cáo trong quý")

    day = models.DateField(_("ngày nhắc"))
    kind = models.CharField(_("loại thư"), max_length=20, choices=Kind.choices)
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan nhận"), on_delete=models.PROTECT, related_name="+",
        help_text=_("Cơ quan có cán bộ nhận thư nhắc việc, hoặc cơ quan thường trực nhận danh sách chưa báo cáo."),
    )  # fmt: skip
    recipients = models.TextField(_("địa chỉ nhận"))
    item_count = models.PositiveIntegerField(
        _("số mục"), help_text=_("Số nhiệm vụ (thư nhắc cơ quan) hoặc số cơ quan chưa báo cáo (thư nhắc Ban CHQS).")
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        verbose_name = _("thư nhắc việc đã gửi")
        verbose_name_plural = _("thư nhắc việc đã gửi")
        ordering = ["-day", "kind", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "agency"], name="reminder_once_a_day"),
        ]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} – {self.get_kind_display()} – {self.agency}"
