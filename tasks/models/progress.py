"""What agencies report on their tasks, and the evidence files that prove it."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from ptds.files import random_path

from ..periods import label_of
from ..status import Progress


class ProgressReport(models.Model):
    """One report of progress on a task; never edited, so the history stays as reported."""

    task = models.ForeignKey("Task", on_delete=models.PROTECT, related_name="progress_reports")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan báo cáo"), on_delete=models.PROTECT)
    sets_status = models.BooleanField(
        _("báo cáo của cơ quan chủ trì"),
        default=False,
        help_text=_(
            "Báo cáo của cơ quan chủ trì (hoặc Ban CHQS) quyết định tình trạng nhiệm vụ; "
            "báo cáo của cơ quan phối hợp được ghi nhận là phần đóng góp."
        ),
    )
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
        settings.AUTH_USER_MODEL,
        verbose_name=_("Ban CHQS xác nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirmed_reports",
    )
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
    def period_label(self):
        return label_of(self.period) if self.period else ""

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
    return random_path("evidence", evidence.extension)


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
