"""Reporting progress: on a task's page, and row by row from the offline Excel sheet."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ptds.forms import DateInput, MultipleFileField

from .. import roles
from ..evidence import check_evidence
from ..models import Evidence, Notification, ProgressReport, Task
from ..notifications import notify
from ..periods import PeriodError, parse_period, period_choices, quarter_of
from ..status import AWAITING, Acceptance, Progress
from .base import UploadForm, VersionedForm

AWAITING_ALREADY = gettext_lazy(
    "Báo cáo trước của cơ quan chủ trì (báo cáo hoàn thành, hoặc báo cáo của kỳ này) đang chờ Ban CHQS xác nhận; "
    "chỉ ghi báo cáo mới sau khi Ban CHQS xác nhận hoặc trả lại báo cáo đó."
)


class ProgressForm(VersionedForm, forms.ModelForm):
    files = MultipleFileField(
        label=gettext_lazy("Tệp minh chứng"),
        required=False,
        help_text=gettext_lazy("PDF, DOC/DOCX, XLS/XLSX, JPG/PNG; có thể chọn nhiều tệp."),
    )

    class Meta:
        model = ProgressReport
        fields = [
            "status",
            "percent",
            "result",
            "completed_on",
            "period",
            "document_kind",
            "document_number",
            "document_date",
        ]
        widgets = {
            "completed_on": DateInput,
            "document_date": DateInput,
            "result": forms.Textarea(attrs={"rows": 4}),
            "percent": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def __init__(self, *args, task, user, sets_status, accepts=False, **kwargs):
        # accepts: the reporter is the command that accepts finished work, so its own report needs no acceptance.
        self.user, self.sets_status, self.accepts = user, sets_status, accepts
        super().__init__(*args, task=task, **kwargs)
        self.fields["percent"].required = False  # a done report is 100% whatever was typed
        self.fields["status"].choices = [("", _("Chọn tình trạng")), *Progress.choices]
        if task.is_recurring:
            field = self.fields["period"]
            field.help_text = _("Nhiệm vụ thường xuyên, định kỳ: kỳ mà báo cáo này nói đến.")
            field.widget = forms.Select(choices=period_choices(timezone.localdate()), attrs={"class": "form-select"})
            field.required = True
            self.initial.setdefault("period", quarter_of(timezone.localdate()).key)
        else:
            del self.fields["period"]

    def clean_percent(self):
        percent = self.cleaned_data["percent"]
        if percent is not None and not 0 <= percent <= 100:
            raise ValidationError(_("Tỷ lệ hoàn thành phải từ 0 đến 100%."))
        return percent

    def clean_document_date(self):
        day = self.cleaned_data["document_date"]
        if day and day > timezone.localdate():
            raise ValidationError(_("Ngày ban hành văn bản không thể sau ngày hôm nay."))
        return day

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day and day > timezone.localdate():
            raise ValidationError(_("Ngày hoàn thành không thể sau ngày hôm nay."))
        return day

    def clean_period(self):
        try:
            return parse_period(self.cleaned_data["period"]).key
        except PeriodError as error:
            raise ValidationError(str(error)) from error

    def clean_files(self):
        return [(upload, check_evidence(upload)) for upload in self.cleaned_data["files"]]

    def clean(self):
        data = super().clean()
        if data.get("status") == Progress.DONE:
            if self.task.is_recurring:
                self.add_error(
                    "status", _("Nhiệm vụ thường xuyên, định kỳ không «hoàn thành» hẳn; hãy báo cáo theo kỳ.")
                )
            data["completed_on"] = data.get("completed_on") or timezone.localdate()
            data["percent"] = 100
        else:
            if data.get("completed_on"):
                self.add_error("completed_on", _("Chỉ ghi ngày hoàn thành khi tình trạng là «Đã hoàn thành»."))
            if data.get("percent") is None and "percent" not in self.errors:
                self.add_error("percent", _("Cần ghi tỷ lệ hoàn thành (0–100%)."))
        # Said before anything is typed in vain (the status read with the task); save() checks it again, per period.
        if self.sets_status and getattr(self.task, "status", None) in AWAITING:
            self.add_error(None, AWAITING_ALREADY)
        return data

    @transaction.atomic
    def save(self):
        task = self.lock_task()
        # A report changes no field of the task: bump its version without a task history entry.
        Task.objects.filter(pk=task.pk).update(version=task.version)
        report = super().save(commit=False)
        report.task, report.author, report.sets_status = task, self.user, self.sets_status
        report.agency = roles.agency_of(self.user) or task.section.programme.coordinating_agency
        report.completed_on = self.cleaned_data.get("completed_on")
        report.percent = self.cleaned_data["percent"]
        if self.sets_status:
            self._settle_acceptance(report)
        report.save()
        if report.is_awaiting:
            detail = Truncator(report.result).chars(200)
            notify(Notification.Kind.COMPLETION_ASKED, task=task, actor=self.user, detail=detail)
        for upload, kind in self.cleaned_data["files"]:
            Evidence.objects.create(
                report=report, file=upload, original_name=upload.name[:255], kind=kind, size=upload.size
            )
        return report

    def _settle_acceptance(self, report):
        """While the lead's finished work waits (per period), no status-setting report is written over it: the command
        decides first. Then this report waits in turn, or is accepted as written by the command itself."""
        waiting = ProgressReport.objects.filter(task=report.task, period=report.period, acceptance=Acceptance.AWAITING)
        if waiting.exists():
            raise ValidationError(AWAITING_ALREADY, code="awaiting")
        report.settle_acceptance(accepted_by=self.user if self.accepts else None)


class ProgressUploadForm(UploadForm):
    """The Excel template of "my tasks", filled offline; a worker reads its rows, checked at review."""

    file = forms.FileField(
        label=gettext_lazy("Tệp Excel đã điền"),
        help_text=gettext_lazy("Mẫu .xlsx tải ở trang «Việc của tôi», đã điền các cột nền vàng."),
    )


class SheetProgressForm(ProgressForm):
    """ProgressForm for one row of an uploaded sheet: the same fields and rules, and the same save().

    Django would also check the model's CheckConstraints (percent at most 100, a done report has a date) with a
    query each, for every row of the review. They restate rules this form enforces itself (clean_percent, clean)
    and the database enforces them on save, so the row is checked without those queries.
    """

    def _post_clean(self):
        self.instance.validate_constraints = lambda exclude=None: None
        super()._post_clean()
