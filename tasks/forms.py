from itertools import groupby
from operator import attrgetter

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.directory import AgencyDirectory
from agencies.models import Agency

from . import roles
from .documents import ProgrammeFormatError, read_programme_file
from .documents.store import check_fits, resolve_agencies, suggestions
from .evidence import check_evidence
from .models import Assignment, Evidence, Programme, ProgressReport, Task
from .offline import read_filled
from .periods import PeriodError, parse_period, quarter_of
from .planning import create_child_programme, default_title
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


def task_label(task):
    """A task as a choice reads "I.3 – content…" (its section comes with the queryset)."""
    return f"{task.section.numeral}.{task.number} – {Truncator(task.content).chars(100)}"


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return task_label(obj)


MAX_ID = 2**63 - 1  # BigAutoField


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing as an invalid choice an id no id column holds: the query would fail, not find nothing."""

    def clean(self, value):
        for item in value if isinstance(value, list | tuple) else []:
            try:
                number = int(str(item).strip())
            except ValueError:
                continue  # not a number: Django's own check says so
            if not -MAX_ID <= number <= MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super().clean(value)


class AssignmentForm(VersionedForm):
    lead = ModelMultipleChoiceField(
        label=gettext_lazy("Cơ quan chủ trì"), queryset=Agency.objects.all(),
        error_messages={"required": gettext_lazy("Cần ít nhất một cơ quan chủ trì.")},
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    support = ModelMultipleChoiceField(
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
    parent_task = TaskChoiceField(
        label=gettext_lazy("Thực hiện nhiệm vụ cấp trên"), queryset=Task.objects.none(), required=False,
        help_text=gettext_lazy("Nhiệm vụ của chương trình cấp trên mà nhiệm vụ này triển khai thực hiện."),
        error_messages={"invalid_choice": gettext_lazy("Nhiệm vụ cấp trên phải thuộc chương trình cấp trên.")},
    )  # fmt: skip

    def __init__(self, *args, task, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.update(
            lead=task.lead_agencies, support=task.support_agencies, due_override=task.due_override,
            due_override_reason=task.due_override_reason, responsible_officer=task.responsible_officer,
            parent_task=task.parent_task_id,
        )  # fmt: skip
        super().__init__(*args, task=task, **kwargs)
        parent = task.section.programme.parent_id
        if parent:  # only the parent programme's current tasks: the choice is also the server-side check
            self.fields["parent_task"].queryset = (
                Task.objects.current().filter(section__programme=parent).exclude(pk=task.pk).select_related("section")
            )
        else:
            del self.fields["parent_task"]

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
        if "parent_task" in self.fields:
            task.parent_task = data["parent_task"]
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


class CheckboxList(forms.CheckboxSelectMultiple):
    """Bootstrap's class on each box; the widget's own class goes on the list around them."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"]["class"] = "form-check-input me-1"
        return option


class TasksBySection(forms.models.ModelChoiceIterator):
    """Task choices grouped under their section's heading (the queryset comes in document order)."""

    def __iter__(self):
        for section, tasks in groupby(self.queryset, key=attrgetter("section")):
            yield str(section), [self.choice(task) for task in tasks]


class TaskMultipleChoiceField(ModelMultipleChoiceField):
    iterator = TasksBySection

    def label_from_instance(self, obj):
        return task_label(obj)


class ChildProgrammeForm(forms.Form):
    """A subordinate level's plan from chosen tasks of the parent programme; tasks.planning does the copying."""

    kind = forms.CharField(label=gettext_lazy("Loại văn bản"), max_length=120, initial=gettext_lazy("Kế hoạch"))
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64)
    title = forms.CharField(label=gettext_lazy("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255)
    year = forms.IntegerField(label=gettext_lazy("Năm ban hành"), min_value=2000, max_value=2100)
    coordinating_agency = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan thường trực, theo dõi"),
        queryset=Agency.objects.exclude(kind=Agency.Kind.GROUP).order_by("name"),  # a group phrase coordinates nothing
    )
    tasks = TaskMultipleChoiceField(
        label=gettext_lazy("Nhiệm vụ giao cấp dưới thực hiện"), queryset=Task.objects.none(),
        widget=CheckboxList(attrs={"class": "border rounded p-2 small"}),
        error_messages={
            "required": gettext_lazy("Hãy chọn ít nhất một nhiệm vụ của chương trình cấp trên."),
            "invalid_choice": gettext_lazy("Chỉ chọn được nhiệm vụ hiện hành của chương trình cấp trên."),
            "invalid_pk_value": gettext_lazy("Chỉ chọn được nhiệm vụ hiện hành của chương trình cấp trên."),
        },
    )  # fmt: skip

    def __init__(self, *args, parent, user, **kwargs):
        self.parent, self.user = parent, user
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = default_title(parent)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["coordinating_agency"].initial = roles.agency_of(user)
        self.fields["tasks"].queryset = (
            Task.objects.current()
            .filter(section__programme=parent)
            .select_related("section")
            .order_by("section__position", "position")
        )
        style_fields(self)

    def clean_number(self):
        return "".join(self.cleaned_data["number"].split())  # stored without spaces, as by_number looks it up

    def save(self):
        """The new programme; raises ValidationError (a number taken meanwhile) for the view to show."""
        data = self.cleaned_data
        return create_child_programme(
            self.parent, data["tasks"], kind=data["kind"], number=data["number"], title=data["title"],
            issuer=data["issuer"], year=data["year"], coordinating_agency=data["coordinating_agency"], user=self.user,
        )  # fmt: skip


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


class LoginForm(AuthenticationForm):
    """Django's login form, with its username length enforced and not only shown: a longer name would reach the
    login-attempt records of django-axes, whose column PostgreSQL would refuse (a 500 instead of a message)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class UploadForm(forms.Form):
    """One uploaded file, given to `read(head, name)`; a reader's format error becomes the field's message."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            # One byte over the limit is enough for the reader to refuse it: a huge upload is never held whole.
            self.read(upload.read(settings.PTDS_MAX_UPLOAD_MB * 1024 * 1024 + 1), upload.name)
        except ProgrammeFormatError as error:
            raise ValidationError(str(error), code="unreadable") from error
        return upload


class ImportUploadForm(UploadForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp chương trình, kế hoạch"),
        help_text=gettext_lazy("Word (.docx), Excel (.xlsx), văn bản UTF-8 (.txt) hoặc JSON xuất từ cổng."),
    )

    def read(self, head, name):
        self.document = read_programme_file(head, name)
        resolve_agencies(self.document, AgencyDirectory.load())
        check_fits(self.document)  # refused now, not when the reviewed draft is saved


class ProgressUploadForm(UploadForm):
    """The Excel template of "my tasks", filled offline; its rows are read here and checked at review."""

    file = forms.FileField(
        label=gettext_lazy("Tệp Excel đã điền"),
        help_text=gettext_lazy("Mẫu .xlsx tải ở trang «Việc của tôi», đã điền các cột nền vàng."),
    )

    def read(self, head, name):
        self.rows = read_filled(head, name)
        if not self.rows:
            raise ProgrammeFormatError(
                _("Tệp «%(name)s» chưa có dòng nào được điền; hãy điền các cột nền vàng rồi tải lên lại.")
                % {"name": name}
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


class ParentProgrammeForm(forms.Form):
    """Which stored programme the imported one carries out; the one its legal bases cite is offered first."""

    parent = forms.ModelChoiceField(
        label=gettext_lazy("Thực hiện chương trình, kế hoạch cấp trên"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=gettext_lazy("(Không có trong hệ thống)"),
    )

    def __init__(self, *args, doc, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any stored programme may be the parent: the province's programme is usually coordinated by another agency.
        others = Programme.objects.exclude(number=doc.number, issuer=doc.issuer, year=doc.year)
        self.fields["parent"].queryset = others
        cited = " ".join(doc.legal_bases)
        if existing is not None:
            self.initial["parent"] = existing.parent_id
        else:
            self.initial["parent"] = next((p.pk for p in others if p.number and f"số {p.number}" in cited), None)
        style_fields(self)


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
