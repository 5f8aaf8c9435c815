import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import AdministrativeUnit, Agency
from agencies.text import fold
from ptds.files import random_path
from tasks import roles
from tasks.models import Programme, Section
from tasks.periods import CutoffRule

from .bodies import symbol

# The space a clerk fills by hand when the report is registered (en spaces keep their width in print).
BLANK_NUMBER = "\u2002" * 6


class ReportSetup(models.Model):
    """How a programme's progress reports are headed and signed (Decree 30/2020): set once per programme."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="report_setup")
    parent_body = models.CharField(
        _("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Ví dụ: ỦY BAN NHÂN DÂN THÀNH PHỐ THÁI NGUYÊN")
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành báo cáo"), max_length=255, help_text=_("Ví dụ: BAN CHỈ HUY QUÂN SỰ THÀNH PHỐ")
    )
    number_suffix = models.CharField(
        _("ký hiệu báo cáo"), max_length=40, default="BC", help_text=_("Phần sau dấu “/” của số: BC-BCH")
    )
    place = models.CharField(_("địa danh"), max_length=120, help_text=_("Ví dụ: Thái Nguyên"))
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=120, blank=True, help_text=_("TM. BAN CHỈ HUY, KT. CHỈ HUY TRƯỞNG…")
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    recipients = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận; dòng cuối thường là “Lưu: VT.”")
    )

    class Meta:
        verbose_name = _("mẫu trình bày báo cáo")
        verbose_name_plural = _("mẫu trình bày báo cáo")

    def __str__(self):
        return str(self.programme)

    @classmethod
    def for_programme(cls, programme):
        """The saved setup, or one drawn from the programme and its coordinating agency (not saved)."""
        try:
            return programme.report_setup
        except cls.DoesNotExist:
            return cls.drawn_from(programme.coordinating_agency, programme.issuer, programme.place, programme=programme)

    @classmethod
    def drawn_from(cls, agency, name, place, **fields):
        """A setup (not saved) for a report of the agency (else of the body named): the body above it, its symbol."""
        parent = agency.parent if agency else None
        issuing_body = agency.name if agency else name
        return cls(
            parent_body=parent.name.upper() if parent else "",
            issuing_body=issuing_body.upper(),
            number_suffix=f"BC-{code}" if (code := symbol(issuing_body)) else "BC",
            place=place,
            recipients="Như trên;\nLưu: VT.",
            **fields,
        )

    @property
    def signature_missing(self):
        """Whether the signature block would be empty: a report leaves here unsigned and unnamed."""
        return not (self.signer_title.strip() and self.signer_name.strip())

    @property
    def recipient_lines(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    def document_number(self, number=""):
        """ "05/BC-BCH" (a leading 0 below 10), or a blank for the clerk to fill when the report is registered."""
        number = number.strip()
        if number.isdigit() and int(number) < 10:
            number = f"{int(number):02d}"
        return f"{number or BLANK_NUMBER}/{self.number_suffix}"


class ProducedReportQuerySet(models.QuerySet):
    def active(self):
        """Queued or being produced."""
        return self.filter(state__in=[ProducedReport.State.QUEUED, ProducedReport.State.RUNNING])

    def visible_to(self, user):
        """Leadership and command staff see the reports of the programmes and units they oversee and their agency's,
        officers their own agency's (tasks/roles.py scoped)."""
        return roles.scoped(
            self,
            user,
            overseen=lambda agency, units: self.filter(
                Q(programme__in=Programme.objects.overseen(agency, units)) | Q(agency=agency) | Q(unit__in=units)
            ),
            own=lambda agency: self.filter(agency=agency),
        )


def report_path(report, filename):
    return random_path("reports", f".{report.format}")


class ProducedReport(models.Model):
    """Every report produced, kept with its file, so the one that was sent can be found again."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang lập")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Lỗi")

    class Appendix(models.TextChoices):
        """What follows a unit's consolidated report."""

        UNITS = "units", _("Phụ lục từng đơn vị (mọi nhiệm vụ)")
        OVERDUE = "overdue", _("Chỉ các nhiệm vụ quá hạn")

    # A report is of one programme, or consolidated over a unit and the units below it.
    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), null=True, blank=True, on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    appendix = models.CharField(_("phụ lục"), max_length=10, choices=Appendix.choices, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    section = models.ForeignKey(Section, verbose_name=_("mục"), null=True, blank=True, on_delete=models.PROTECT)
    period_key = models.CharField(_("kỳ báo cáo"), max_length=30)
    period_label = models.CharField(_("kỳ báo cáo"), max_length=120)
    cutoff_rule = models.CharField(
        _("cách tính số liệu"),
        max_length=20,
        choices=[
            (CutoffRule.CALENDAR, _("Theo kỳ dương lịch")),
            (CutoffRule.DECREE_09, _("Theo Nghị định 09/2019 (từ ngày 15 tháng trước đến ngày 14)")),
        ],
    )
    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("số liệu đến ngày"))
    number = models.CharField(_("số báo cáo"), max_length=20, blank=True)
    report_date = models.DateField(_("ngày báo cáo"))
    proposals = models.TextField(_("khó khăn, vướng mắc, đề xuất"), blank=True)
    # Agency scores (reports/scores.py) as item 4 of the PDF's results; a programme's report only.
    with_scores = models.BooleanField(_("kèm bảng chấm điểm cơ quan"), default=False)
    # The directives given within the period ("Ý kiến chỉ đạo", section III); a programme's report only.
    with_directives = models.BooleanField(_("kèm mục ý kiến chỉ đạo"), default=True)
    format = models.CharField(_("định dạng"), max_length=4, choices=Format.choices)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    row_count = models.PositiveIntegerField(_("số nhiệm vụ"), default=0)
    file = models.FileField(_("tệp"), upload_to=report_path, blank=True)
    file_removed_at = models.DateTimeField(_("tệp đã xoá lúc"), null=True, blank=True)
    # What was asked, by whom: the same request while one is queued or running is that one (one job, one file).
    fingerprint = models.CharField(max_length=64, editable=False, default="")
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Để trống khi lập bằng lệnh progress_report."),
    )
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    objects = ProducedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo đã lập")
        verbose_name_plural = _("báo cáo đã lập")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="produced_report_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(window_end__gte=models.F("window_start")), name="produced_report_window"
            ),
            models.CheckConstraint(
                condition=Q(programme__isnull=False, unit__isnull=True) | Q(programme__isnull=True, unit__isnull=False),
                name="produced_report_of_a_programme_or_a_unit",
            ),
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=Q(state__in=["queued", "running"]),
                name="produced_report_one_active_per_request",
            ),
        ]

    def __str__(self):
        return f"{self.subject} – {self.period_label} ({self.get_format_display()})"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def subject(self):
        """What the report is about: its programme, or the unit it consolidates."""
        return self.programme or self.unit

    @classmethod
    def begin(cls, programme, period, cutoff_rule, format, **fields):
        """The record (not saved yet) of a report to produce: its period as key and label, and the data window.
        `programme` None for a unit's consolidated report (`unit` in the fields)."""
        start, end = period.cutoff(cutoff_rule)
        report = cls(
            programme=programme,
            period_key=period.key,
            period_label=period.label,
            cutoff_rule=cutoff_rule,
            window_start=start,
            window_end=end,
            format=format,
            **fields,
        )
        asked = [
            report.created_by_id,
            report.programme_id,
            report.unit_id,
            report.appendix,
            report.agency_id,
            report.section_id,
            period.key,
            cutoff_rule,
            format,
            report.number,
            report.report_date.isoformat(),
            report.proposals,
            report.with_scores,
            report.with_directives,
        ]
        report.fingerprint = hashlib.sha256(json.dumps(asked).encode()).hexdigest()
        return report

    def remove_file(self):
        """Delete the file (retention), keeping the record, which then says the file was removed."""
        self.file.delete(save=False)
        self.file_removed_at = timezone.now()
        self.save(update_fields=["file", "file_removed_at"])

    @property
    def scope_label(self):
        if self.unit_id:
            return _("Tổng hợp theo đơn vị: %(appendix)s") % {"appendix": self.get_appendix_display().lower()}
        if self.section_id:
            return _("Mục %(numeral)s") % {"numeral": self.section.numeral}
        if self.agency_id:
            return self.agency.short_name or self.agency.name
        return _("Toàn chương trình")

    @property
    def download_name(self):
        """A file name that says what the report is: bao-cao-04-CTr-UBND-2025-Q4.pdf, or of a unit
        bao-cao-tong-hop-tinh-thai-nguyen-2025-Q4.pdf."""
        if self.unit_id:
            return f"bao-cao-tong-hop-{_slug(fold(self.unit.name))}-{self.period_key}.{self.format}"
        number = _slug(self.programme.number)
        scope = (
            f"-muc-{self.section.numeral}" if self.section_id else (f"-cq{self.agency_id}" if self.agency_id else "")
        )
        return f"bao-cao-{number}-{self.period_key}{scope}.{self.format}"


def _slug(text):
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")
