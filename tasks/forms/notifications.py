"""The notification centre's forms: the list's filters, and which kinds also come by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy

from ..models import Notification, NotificationSettings
from .base import CheckboxList


class NotificationFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại thông báo"),
        choices=[("", gettext_lazy("Tất cả")), *Notification.Kind.choices],
        required=False,
    )
    unread = forms.BooleanField(label=gettext_lazy("Chỉ thông báo chưa đọc"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["unread"].widget.attrs["class"] = "form-check-input"

    def filter(self, notifications):
        """The user's notifications the filters keep; a filter that does not validate (a forged kind) keeps all."""
        if not self.is_valid():
            return notifications
        if kind := self.cleaned_data["kind"]:
            notifications = notifications.filter(kind=kind)
        if self.cleaned_data["unread"]:
            notifications = notifications.unread()
        return notifications


class NotificationSettingsForm(forms.ModelForm):
    email_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Loại thông báo gửi cả qua thư điện tử"),
        choices=Notification.Kind.choices,
        required=False,
        widget=CheckboxList(attrs={"class": "list-unstyled"}),
        help_text=gettext_lazy(
            "Mọi thông báo đều hiện trên cổng. Các loại được chọn còn được gửi qua thư, gộp trong một thư mỗi ngày; "
            "quá hạn và sắp đến hạn đi trong thư nhắc việc của cơ quan."
        ),
        error_messages={"invalid_choice": gettext_lazy("Loại thông báo “%(value)s” không có.")},
    )

    class Meta:
        model = NotificationSettings
        fields = ["email_kinds"]
