"""Importing a programme: the upload, its parent programme, and the agencies the directory does not know."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.text import fold_long
from ptds.forms import style_fields

from ..documents.store import suggestions
from ..models import Programme
from .base import UploadForm


class ImportUploadForm(UploadForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp chương trình, kế hoạch"),
        help_text=gettext_lazy(
            "Word (.docx), Excel (.xlsx), PDF (in từ Word hay hệ thống văn bản; bản quét được nhận dạng chữ, cần "
            "rà soát kỹ), văn bản UTF-8 (.txt) hoặc JSON xuất từ cổng."
        ),
    )


class ParentProgrammeForm(forms.Form):
    """Which stored programme the imported one carries out; the one its legal bases cite is offered first."""

    parent = forms.ModelChoiceField(
        label=gettext_lazy("Thực hiện chương trình, kế hoạch cấp trên"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=gettext_lazy("(Không có trong hệ thống)"),
        error_messages={"invalid_choice": gettext_lazy("Chỉ chọn được chương trình, kế hoạch mà anh/chị xem được.")},
    )

    def __init__(self, *args, doc, user, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a programme the user may see: its tasks' text is offered on the assign page of the new one.
        others = Programme.objects.visible_to(user).exclude(number=doc.number, issuer=doc.issuer, year=doc.year)
        self.fields["parent"].queryset = others
        cited = " ".join(doc.legal_bases)
        if existing is not None:
            self.initial["parent"] = existing.parent_id
        else:
            self.initial["parent"] = next((p.pk for p in others if p.number and f"số {p.number}" in cited), None)
        style_fields(self)


NEW_AGENCY = "new"


def _long_names(agency):
    return {fold_long(name) for name in (agency.name, agency.short_name) if name}


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
            # A look-alike is offered, never chosen for the user: "Trung tâm Y tế thành phố" is not "Phòng Y tế
            # thành phố". Only the same name written another way (case, accents, spacing, short forms) is chosen.
            same = next((a for a in suggested if fold_long(name) in _long_names(a)), None)
            self.fields[field_name] = forms.ChoiceField(
                label=name,
                choices=choices,
                initial=str(same.pk) if same else NEW_AGENCY,
                help_text=_("Gợi ý: %(name)s") % {"name": suggested[0].name} if suggested and not same else "",
            )
            self.fields[field_name].widget.attrs["class"] = "form-select form-select-sm"
            self.names[field_name] = name

    def mapping(self):
        """{written name: Agency} for the names mapped to a known agency."""
        return {
            self.names[field]: self.by_pk[value] for field, value in self.cleaned_data.items() if value != NEW_AGENCY
        }
