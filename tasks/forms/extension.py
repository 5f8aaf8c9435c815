"""Extension requests: the lead agency's request, and command staff's decision on it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ptds.forms import DateInput, style_fields

from .. import roles
from ..evidence import check_evidence
from ..models import ExtensionRequest, Notification
from ..notifications import notify
from .base import save_with_file

ONE_PENDING = gettext_lazy(
    "Nhiệm vụ này đã có một đề xuất gia hạn đang chờ Ban CHQS quyết định; chỉ gửi đề xuất mới sau khi có quyết định."
)


def check_new_deadline(day, task):
    """A new deadline is after today and differs from the deadline in force."""
    if day <= timezone.localdate():
        raise ValidationError(_("Hạn mới phải sau ngày hôm nay."))
    if day == task.effective_due:
        raise ValidationError(
            _("Hạn mới trùng hạn hiện hành (%(due)s).") % {"due": date_format(task.effective_due, "d/m/Y")}
        )
    return day


class ExtensionRequestForm(forms.Form):
    requested_due = forms.DateField(label=gettext_lazy("Hạn hoàn thành đề xuất"), widget=DateInput)
    reason = forms.CharField(
        label=gettext_lazy("Lý do đề xuất gia hạn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Cần ghi lý do đề xuất gia hạn.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp kèm theo"),
        required=False,
        help_text=gettext_lazy("Không bắt buộc. PDF, DOC/DOCX, XLS/XLSX, JPG/PNG."),
    )

    def __init__(self, *args, task, user, **kwargs):
        self.task, self.user = task, user
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean_requested_due(self):
        return check_new_deadline(self.cleaned_data["requested_due"], self.task)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        return (upload, check_evidence(upload)) if upload else None

    def clean(self):
        data = super().clean()
        if self.task.extension_requests.filter(state=ExtensionRequest.State.PENDING).exists():
            raise ValidationError(ONE_PENDING, code="pending")
        return data

    def save(self):
        data = self.cleaned_data
        upload, kind = data["file"] or (None, "")
        request = ExtensionRequest(
            task=self.task,
            agency=roles.agency_of(self.user),
            asked_by=self.user,
            previous_due=self.task.effective_due,
            requested_due=data["requested_due"],
            reason=data["reason"],
            original_name=upload.name[:255] if upload else "",
            kind=kind,
        )
        request = save_with_file(request, upload, ONE_PENDING, "pending")  # the second of two requests sent at once
        detail = _("%(agency)s đề xuất hạn %(due)s: %(reason)s") % {
            "agency": request.agency,
            "due": date_format(request.requested_due, "d/m/Y"),
            "reason": request.reason,
        }
        notify(Notification.Kind.EXTENSION_ASKED, task=self.task, actor=self.user, detail=detail)
        return request


class ExtensionDecisionForm(forms.Form):
    State = ExtensionRequest.State
    state = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[
            ("", gettext_lazy("Chọn quyết định")),
            *[(s.value, s.label) for s in (State.APPROVED, State.AMENDED, State.REFUSED)],
        ],
    )
    granted_due = forms.DateField(
        label=gettext_lazy("Hạn khác"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy("Chỉ khi đồng ý hạn khác với hạn đề xuất."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Ý kiến, lý do"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Cần ghi ý kiến, lý do của quyết định.")},
    )

    def __init__(self, *args, request, user, **kwargs):
        self.request, self.user = request, user
        kwargs.setdefault("prefix", f"ext{request.pk}")
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean(self):
        data = super().clean()
        day = data.get("granted_due")
        if data.get("state") == self.State.APPROVED and self.request.requested_due <= timezone.localdate():
            self.add_error("state", _("Hạn đề xuất đã qua; hãy đồng ý một hạn khác hoặc không đồng ý."))
        if data.get("state") == self.State.AMENDED:
            if day is None:
                self.add_error("granted_due", _("Cần ghi hạn khác được chấp thuận."))
            else:
                try:
                    check_new_deadline(day, self.request.task)
                except ValidationError as error:
                    self.add_error("granted_due", error)
                if day == self.request.requested_due:
                    self.add_error("granted_due", _("Hạn này trùng hạn đề xuất: hãy chọn «Đồng ý như đề xuất»."))
        return data

    def save(self):
        data = self.cleaned_data
        decided = self.request.decide(self.user, data["state"], data["reason"], data.get("granted_due"))
        detail = decided.get_state_display()
        if decided.granted_due:
            detail += _(", hạn %(due)s") % {"due": date_format(decided.granted_due, "d/m/Y")}
        notify(
            Notification.Kind.EXTENSION_DECIDED,
            task=self.request.task,
            actor=self.user,
            agencies=[decided.agency_id],
            user_ids=[decided.asked_by_id],
            detail=f"{detail}: {decided.decision_reason}",
        )
        return decided
