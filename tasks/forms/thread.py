"""An entry in the thread of a task or a programme: a directive, an explanation request, a reply or a note."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ptds.forms import DateInput, style_fields

from .. import roles
from ..evidence import check_evidence
from ..models import Notification, Task, ThreadEntry
from ..notifications import notify, subject_url
from .base import save_with_file

Kind = ThreadEntry.Kind
# The notification each kind of entry raises (a note raises none).
RAISED = {
    Kind.DIRECTIVE: Notification.Kind.DIRECTIVE,
    Kind.EXPLANATION_REQUEST: Notification.Kind.EXPLANATION_REQUESTED,
    Kind.REPLY: Notification.Kind.EXPLANATION_ANSWERED,
}
ANSWERED = gettext_lazy(
    "Yêu cầu giải trình này vừa được trả lời sau khi anh/chị mở trang; ý kiến của anh/chị chưa được lưu. Hãy tải lại "
    "trang để xem câu trả lời đó, rồi ghi chú thêm nếu cần."
)


class OpenRequestField(forms.ModelChoiceField):
    def label_from_instance(self, entry):
        return _("Yêu cầu ngày %(day)s, hạn trả lời %(due)s: %(text)s") % {
            "day": date_format(timezone.localtime(entry.created_at), "d/m/Y"),
            "due": date_format(entry.reply_due, "d/m/Y"),
            "text": Truncator(entry.text).words(12),
        }


class ThreadEntryForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại ý kiến"))
    text = forms.CharField(
        label=gettext_lazy("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Cần ghi nội dung.")},
    )
    reply_due = forms.DateField(
        label=gettext_lazy("Hạn trả lời"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy("Chỉ với yêu cầu giải trình."),
    )
    answers = OpenRequestField(
        label=gettext_lazy("Trả lời yêu cầu giải trình"),
        queryset=ThreadEntry.objects.none(),
        required=False,
        empty_label=gettext_lazy("Chọn yêu cầu"),
        help_text=gettext_lazy("Chỉ với giải trình, trả lời."),
        error_messages={"invalid_choice": gettext_lazy("Yêu cầu giải trình này không còn chờ trả lời.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp kèm theo"),
        required=False,
        help_text=gettext_lazy("Không bắt buộc. PDF, DOC/DOCX, XLS/XLSX, JPG/PNG."),
    )

    def __init__(self, *args, subject, user, kinds, **kwargs):
        self.subject, self.user = subject, user
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        if Kind.EXPLANATION_REQUEST not in kinds:
            del self.fields["reply_due"]
        if Kind.REPLY in kinds:
            self.fields["answers"].queryset = ThreadEntry.objects.of(subject).open_requests()
        else:
            del self.fields["answers"]
        style_fields(self)

    def clean_reply_due(self):
        day = self.cleaned_data["reply_due"]
        if day and day <= timezone.localdate():
            raise ValidationError(_("Hạn trả lời phải sau ngày hôm nay."))
        return day

    def clean_file(self):
        upload = self.cleaned_data["file"]
        return (upload, check_evidence(upload)) if upload else None

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Kind.EXPLANATION_REQUEST and not data.get("reply_due") and "reply_due" not in self.errors:
            self.add_error("reply_due", _("Cần ghi hạn trả lời của yêu cầu giải trình."))
        if kind == Kind.REPLY and not data.get("answers") and "answers" not in self.errors:
            self.add_error("answers", _("Cần chọn yêu cầu giải trình được trả lời."))
        return data

    def save(self):
        data = self.cleaned_data
        kind = data["kind"]
        upload, file_kind = data["file"] or (None, "")
        on_task = isinstance(self.subject, Task)
        entry = ThreadEntry(
            task=self.subject if on_task else None,
            programme=None if on_task else self.subject,
            kind=kind,
            author=self.user,
            agency=roles.agency_of(self.user),
            text=data["text"],
            reply_due=data.get("reply_due") if kind == Kind.EXPLANATION_REQUEST else None,
            answers=data.get("answers") if kind == Kind.REPLY else None,
            original_name=upload.name[:255] if upload else "",
            file_kind=file_kind,
            size=upload.size if upload else None,
        )
        entry = save_with_file(entry, upload, ANSWERED, "answered")  # the second of two replies sent at once
        self._notify(entry)
        return entry

    def _notify(self, entry):
        """Directives, explanation requests and replies are news to those concerned; a note is not."""
        raised = RAISED.get(entry.kind)
        if raised is None:
            return
        detail = Truncator(entry.text).chars(200)
        if entry.reply_due:
            detail = _("hạn trả lời %(due)s: %(text)s") % {"due": date_format(entry.reply_due, "d/m/Y"), "text": detail}
        notify(
            raised,
            task=entry.task,
            programme=entry.programme,
            actor=self.user,
            user_ids=[entry.answers.author_id] if entry.answers else (),
            detail=detail,
            link=f"{subject_url(entry.task, entry.programme)}#entry-{entry.pk}",
        )
