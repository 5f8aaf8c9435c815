from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency

from . import roles
from .document import ProgrammeFormatError
from .evidence import check_evidence
from .importer import suggestions
from .models import Assignment, Evidence, ProgressReport, Task
from .office_reader import read_programme_file
from .periods import PeriodError, parse_period, quarter_of
from .status import Progress

STALE = gettext_lazy(
    "Nhiệm vụ này vừa được người khác cập nhật sau khi anh/chị mở trang. Thay đổi của anh/chị chưa được lưu; "
    "hãy tải lại trang để xem bản mới nhất rồi sửa lại."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def style_fields(form):
    """Bootstrap classes on every visible widget: selects look like selects, the rest like inputs."""
    for field in form.fields.values():
        widget = field.widget
        if not widget.is_hidden:
            widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")


class VersionedForm(forms.Form):
    """Refuses a save when the task changed since the form was opened (no lost updates)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, task, **kwargs):
        self.task = task
        kwargs.setdefault("initial", {})["version"] = task.version
        super().__init__(*args, **kwargs)
        style_fields(self)

    def lock_task(self):
        """Inside a transaction: the task, locked, or a ValidationError if it moved on."""
        current = Task.objects.select_for_update().get(pk=self.task.pk)
        if current.version != self.cleaned_data["version"]:
            raise ValidationError(STALE, code="stale")
        current.version += 1
        return current


class AssignmentForm(VersionedForm):
    lead = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Cơ quan chủ trì"), queryset=Agency.objects.all(),
        error_messages={"required": gettext_lazy("Cần ít nhất một cơ quan chủ trì.")},
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    support = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Cơ quan phối hợp"), queryset=Agency.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    due_override = forms.DateField(label=gettext_lazy("Hạn hoàn thành mới"), required=False, widget=DateInput)
    due_override_reason = forms.CharField(
        label=gettext_lazy("Lý do điều chỉnh hạn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_officer = forms.ModelChoiceField(
        label=gettext_lazy("Cán bộ phụ trách"), queryset=get_user_model().objects.filter(is_active=True), required=False
    )

    def __init__(self, *args, task, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.update(
            lead=task.lead_agencies, support=task.support_agencies, due_override=task.due_override,
            due_override_reason=task.due_override_reason, responsible_officer=task.responsible_officer,
        )  # fmt: skip
        super().__init__(*args, task=task, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("due_override") != self.task.due_override and not data.get("due_override_reason", "").strip():
            self.add_error("due_override_reason", _("Cần ghi lý do khi thay đổi hạn hoàn thành."))
        return data

    @transaction.atomic
    def save(self):
        task = self.lock_task()
        data = self.cleaned_data
        task.due_override = data["due_override"]
        task.due_override_reason = data["due_override_reason"].strip() if data["due_override"] else ""
        task.responsible_officer = data["responsible_officer"]
        task.save()
        for role, agencies in ((Assignment.Role.LEAD, data["lead"]), (Assignment.Role.SUPPORT, data["support"])):
            current = [a.agency for a in task.assignments.filter(role=role).select_related("agency")]
            # Agencies that stay keep the order written; new ones go last.
            wanted = [a for a in current if a in agencies] + [a for a in agencies if a not in current]
            if wanted != current:
                for assignment in task.assignments.filter(role=role):
                    assignment.delete()  # one by one, so the audit trail records each
                for position, agency in enumerate(wanted, 1):
                    Assignment.objects.create(task=task, role=role, agency=agency, position=position)
        return task


class ProgressForm(VersionedForm, forms.ModelForm):
    files = MultipleFileField(
        label=gettext_lazy("Tệp minh chứng"), required=False,
        help_text=gettext_lazy("PDF, DOC/DOCX, XLS/XLSX, JPG/PNG; có thể chọn nhiều tệp."),
    )  # fmt: skip

    class Meta:
        model = ProgressReport
        fields = [
            "status", "percent", "result", "completed_on", "period",
            "document_kind", "document_number", "document_date",
        ]  # fmt: skip
        widgets = {
            "completed_on": DateInput,
            "document_date": DateInput,
            "result": forms.Textarea(attrs={"rows": 4}),
            "percent": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def __init__(self, *args, task, user, sets_status, **kwargs):
        self.user, self.sets_status = user, sets_status
        super().__init__(*args, task=task, **kwargs)
        self.fields["period"].help_text = _("Nhiệm vụ thường xuyên, định kỳ: kỳ báo cáo, ví dụ 2025-Q4.")
        self.fields["percent"].required = False  # a done report is 100% whatever was typed
        if task.is_recurring:
            self.fields["period"].required = True
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
        report.save()
        for upload, kind in self.cleaned_data["files"]:
            Evidence.objects.create(
                report=report, file=upload, original_name=upload.name[:255], kind=kind, size=upload.size
            )
        return report


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp chương trình, kế hoạch"),
        help_text=gettext_lazy("Word (.docx), Excel (.xlsx), văn bản UTF-8 (.txt) hoặc JSON xuất từ cổng."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            # One byte over the limit is enough for the reader to refuse it: a huge upload is never held whole.
            head = upload.read(settings.PTDS_MAX_UPLOAD_MB * 1024 * 1024 + 1)
            self.document = read_programme_file(head, upload.name)
        except ProgrammeFormatError as error:
            raise ValidationError(str(error), code="unreadable") from error
        return upload


NEW_AGENCY = "new"


class AgencyMappingForm(forms.Form):
    """One choice per agency name the directory does not know: create it, or say which known agency it is."""

    def __init__(self, *args, unknown, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {str(agency.pk): agency for agency in agencies}
        self.names = {}
        for index, name in enumerate(unknown):
            suggested = suggestions(name, agencies)
            rest = [a for a in agencies if a not in suggested]
            choices = [(NEW_AGENCY, _("Tạo cơ quan mới «%(name)s» (cần rà soát)") % {"name": name})]
            if suggested:
                choices.append((_("Gợi ý"), [(str(a.pk), a.name) for a in suggested]))
            choices.append((_("Các cơ quan khác"), [(str(a.pk), a.name) for a in rest]))
            field_name = f"agency_{index}"
            self.fields[field_name] = forms.ChoiceField(
                label=name, choices=choices, initial=str(suggested[0].pk) if suggested else NEW_AGENCY
            )
            self.fields[field_name].widget.attrs["class"] = "form-select form-select-sm"
            self.names[field_name] = name

    def mapping(self):
        """{written name: Agency} for the names mapped to a known agency."""
        return {
            self.names[field]: self.by_pk[value] for field, value in self.cleaned_data.items() if value != NEW_AGENCY
        }
