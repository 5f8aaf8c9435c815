"""Forms and widgets the whole site shares: the login form, the date input, Bootstrap classes on fields."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


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
    """Bootstrap classes on every visible widget: selects look like selects, tick boxes like tick boxes (a
    form-control one is drawn as an empty bar), the rest like inputs."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif not widget.is_hidden:
            widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")


def searchable(*fields):
    """Selects people search in (static/js/ptds.js makes them Tom Select ones), with its few words in Vietnamese."""
    for field in fields:
        field.widget.attrs.update(
            {"data-picker": "", "data-no-results": _("Không tìm thấy lựa chọn nào khớp."), "data-remove": _("Bỏ chọn")}
        )


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


class LoginForm(AuthenticationForm):
    """Django's login form, with its username length enforced and not only shown: a longer name would reach the
    login-attempt records of django-axes, whose column PostgreSQL would refuse (a 500 instead of a message)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
