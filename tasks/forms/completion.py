"""Completion acceptance: the lead agency asks the command to accept its finished work, which accepts it (graded or
not) or returns it with a reason."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ptds.forms import style_fields

from ..models import Notification
from ..notifications import notify
from ..status import Acceptance, Grade, Progress
from .progress import ProgressForm


class CompletionForm(ProgressForm):
    """A "done" report with its evidence: the progress form with the status fixed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.status = Progress.DONE
        for name in ("status", "percent"):
            del self.fields[name]
        self.fields["result"].label = _("Kết quả, sản phẩm hoàn thành")
        self.fields["completed_on"].required = True
        self.fields["completed_on"].error_messages["required"] = _("Cần ghi ngày hoàn thành.")

    def clean(self):
        self.cleaned_data["status"] = Progress.DONE
        return super().clean()


class CompletionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Ý kiến của Ban CHQS"),
        choices=[
            ("", gettext_lazy("Chọn xác nhận hoặc trả lại")),
            (Acceptance.ACCEPTED, gettext_lazy("Xác nhận hoàn thành")),
            (Acceptance.RETURNED, gettext_lazy("Trả lại, yêu cầu tiếp tục thực hiện")),
        ],
        error_messages={"required": gettext_lazy("Hãy chọn xác nhận hoàn thành hoặc trả lại.")},
    )
    grade = forms.ChoiceField(
        label=gettext_lazy("Xếp loại"),
        required=False,
        choices=[("", gettext_lazy("Không xếp loại")), *Grade.choices],
        help_text=gettext_lazy("Chỉ khi xác nhận; dùng cho bình xét thi đua cuối năm."),
    )
    note = forms.CharField(
        label=gettext_lazy("Nhận xét, lý do"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Bắt buộc khi trả lại: điều cơ quan chủ trì cần làm tiếp."),
    )

    def __init__(self, *args, report, user, **kwargs):
        self.report, self.user = report, user
        kwargs.setdefault("prefix", f"done{report.pk}")
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean(self):
        data = super().clean()
        returned = data.get("decision") == Acceptance.RETURNED
        data["note"] = data.get("note", "").strip()
        if returned and not data["note"]:
            self.add_error("note", _("Cần ghi lý do trả lại để cơ quan chủ trì biết cần làm tiếp gì."))
        if returned and data.get("grade"):
            self.add_error("grade", _("Chỉ xếp loại khi xác nhận hoàn thành."))
        return data

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        decided = self.report.decide(self.user, data["decision"], data.get("grade", ""), data["note"])
        kind = KINDS[decided.acceptance]
        detail = " · ".join(part for part in (decided.get_grade_display(), decided.decision_note) if part)
        notify(kind, task=self.report.task, actor=self.user, agencies=[decided.agency_id], detail=detail)
        return decided


KINDS = {
    Acceptance.ACCEPTED: Notification.Kind.COMPLETION_ACCEPTED,
    Acceptance.RETURNED: Notification.Kind.COMPLETION_RETURNED,
}
