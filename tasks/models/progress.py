"""What agencies report on their tasks, and the evidence files that prove it."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from ptds.files import random_path

from .. import roles
from ..periods import label_of
from ..status import Acceptance, Grade, Progress

DECIDED_TWICE = _(
    "Báo cáo này vừa được người khác xác nhận hoặc trả lại sau khi anh/chị mở trang; ý kiến của anh/chị chưa được "
    "lưu. Hãy tải lại trang để xem quyết định đó."
)


class ProgressReportQuerySet(models.QuerySet):
    def awaiting_decision(self, user):
        """The work waiting for this user's acceptance: command staff, on the programmes their agency coordinates
        (what they oversee below is accepted by its own command staff), as extension requests are decided."""
        if roles.role_of(user) != roles.COMMAND_STAFF:
            return self.none()
        tasks = apps.get_model("tasks", "Task").objects.visible_to(user)  # task.py imports this module
        return self.filter(
            acceptance=Acceptance.AWAITING,
            task__in=tasks,
            task__section__programme__coordinating_agency=roles.agency_of(user),
        )


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
    # The lead agency's finished work waits for the assigning command's acceptance (status.Acceptance).
    acceptance = models.CharField(_("xác nhận của Ban CHQS"), max_length=10, choices=Acceptance.choices, blank=True)
    grade = models.CharField(_("xếp loại"), max_length=10, choices=Grade.choices, blank=True)
    decision_note = models.TextField(_("ý kiến của Ban CHQS"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_reports",
    )
    decided_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)

    objects = ProgressReportQuerySet.as_manager()
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
            # One piece of work waits at a time (per period on a recurring task): the form says so first.
            models.UniqueConstraint(
                fields=["task", "period"], condition=Q(acceptance="awaiting"), name="report_one_awaiting"
            ),
            models.CheckConstraint(condition=Q(grade="") | Q(acceptance="accepted"), name="report_grade_if_accepted"),
            models.CheckConstraint(
                condition=~Q(acceptance="returned") | ~Q(decision_note=""), name="report_returned_with_reason"
            ),
        ]

    def __str__(self):
        return f"{self.task} – {self.get_status_display()} ({self.reported_on:%d/%m/%Y})"

    @property
    def is_awaiting(self):
        return self.acceptance == Acceptance.AWAITING

    @property
    def is_finished_work(self):
        """What the lead sends for acceptance: its "done" on a task, each period's report on a recurring one."""
        return self.sets_status and (self.status == Progress.DONE or bool(self.period))

    def settle_acceptance(self, accepted_by=None, at=None):
        """Before the first save: finished work waits for the command's acceptance, unless written by the command
        itself (`accepted_by`), whose own report is accepted as written."""
        if not self.is_finished_work:
            return
        if accepted_by is None:
            self.acceptance = Acceptance.AWAITING
        else:
            self.acceptance, self.decided_by, self.decided_at = Acceptance.ACCEPTED, accepted_by, at or timezone.now()

    @transaction.atomic
    def decide(self, user, acceptance, grade="", note=""):
        """Accept (optionally graded) or return the work, once: of two command staff deciding at once (the row
        locked), the second is told. Status follows by itself: with_status() reads the acceptance."""
        current = ProgressReport.objects.select_for_update().get(pk=self.pk)
        if not current.is_awaiting:
            raise ValidationError(DECIDED_TWICE, code="decided")
        current.acceptance, current.grade, current.decision_note = acceptance, grade, note
        current.decided_by, current.decided_at = user, timezone.now()
        current.save(update_fields=["acceptance", "grade", "decision_note", "decided_by", "decided_at"])
        # A form opened on the task before the decision must not be saved over it.
        apps.get_model("tasks", "Task").objects.filter(pk=current.task_id).update(version=F("version") + 1)
        return current

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
