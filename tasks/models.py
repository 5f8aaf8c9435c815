from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .timeframe import Recurrence, ScheduleKind


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
    def with_document(self):
        """Everything a task row shows, in a constant number of queries."""
        return self.select_related("section__programme").prefetch_related(
            models.Prefetch("assignments", queryset=Assignment.objects.select_related("agency")),
            "phases",
        )

    def needing_review(self):
        return self.exclude(review_note="")


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

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["section__programme", "section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="task_unique_number"),
            models.UniqueConstraint(fields=["section", "position"], name="task_unique_position"),
            models.CheckConstraint(
                condition=Q(period_months__isnull=True) | Q(period_months__gte=1), name="task_period_positive"
            ),
        ]

    def __str__(self):
        return f"{self.section.numeral}.{self.number} {self.content[:60]}"

    @property
    def needs_review(self):
        return bool(self.review_note)

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

    def __str__(self):
        return f"{self.get_role_display()}: {self.agency}"
