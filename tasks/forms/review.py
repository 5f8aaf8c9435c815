"""Corrections made on the review page before a programme is saved: its columns, and its header as signed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from ptds.forms import DateInput, style_fields

from ..documents import ProgrammeFormatError
from ..documents.columns import ColumnRole, check_roles
from ..documents.data import ProgrammeDoc
from ..documents.store import directory_for, existing_programme, prepared
from ..documents.text import read_programme_text


class ColumnMappingForm(forms.Form):
    """The column-mapping step: what each column of the task table holds, prefilled with how it was read."""

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        for position, (header, role) in enumerate(draft.columns):
            field = forms.ChoiceField(
                label=header or _("(cột %(number)d, không có tên)") % {"number": position + 1},
                choices=ColumnRole.choices,
                initial=role,
            )
            field.widget.attrs["class"] = "form-select form-select-sm"
            self.fields[f"column_{position}"] = field

    def clean(self):
        data = super().clean()
        roles = [data.get(f"column_{position}") for position in range(len(self.draft.columns))]
        if all(roles):
            try:
                check_roles(roles)
                self.document = prepared(read_programme_text(self.draft.source_text, columns=roles))
            except ProgrammeFormatError as error:
                raise ValidationError(str(error)) from error
        return data

    def save(self):
        """The draft, read again with the chosen columns."""
        doc = self.document
        self.draft.document, self.draft.columns, self.draft.columns_guessed = doc.to_dict(), doc.columns, False
        self.draft.save(update_fields=["document", "columns", "columns_guessed"])
        return self.draft


class DocumentHeaderForm(forms.Form):
    """The document's header as read, for command staff to complete or correct: a bare Excel appendix has no number
    or date, and a reader can take the wrong line for the title."""

    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64, required=False)
    kind = forms.CharField(label=gettext_lazy("Loại văn bản"), max_length=120)
    title = forms.CharField(label=gettext_lazy("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255, required=False)
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=120, required=False)
    issued_on = forms.DateField(label=gettext_lazy("Ngày ban hành"), required=False, widget=DateInput)
    year = forms.IntegerField(label=gettext_lazy("Năm ban hành"), min_value=1945, max_value=2100)
    signer_title = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=255, required=False)
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=120, required=False)
    coordinating_agency = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan thường trực, theo dõi"),
        queryset=Agency.objects.exclude(kind=Agency.Kind.GROUP).order_by("name"),
        to_field_name="name",
        required=False,
        help_text=gettext_lazy(
            "Mặc định là cơ quan của người nhập. Ban CHQS chỉ thấy nhiệm vụ của chương trình do cơ quan mình theo dõi."
        ),
    )
    prefix = "header"  # its fields share the review page with the agency choices
    # What a programme cannot be saved without; the review page asks for it first.
    REQUIRED = ("number", "kind", "title", "year")

    def __init__(self, *args, draft, **kwargs):
        self.draft = draft
        data = draft.document
        signer = data.get("signer") or {}
        initial = {key: data.get(key) for key in ("number", "kind", "title", "issuer", "place", "issued_on", "year")}
        initial.update(
            signer_title=signer.get("title"),
            signer_name=signer.get("name"),
            coordinating_agency=data.get("coordinating_agency") or None,
        )
        super().__init__(*args, initial=initial, **kwargs)
        style_fields(self)

    @property
    def missing(self):
        """The labels of what the document did not say (the reader's list) or a programme needs and is empty."""
        keys = [key for key in self.draft.document.get("missing", []) if key in self.fields]
        keys += [key for key in self.REQUIRED if not self.initial.get(key) and key not in keys]
        return [self.fields[key].label for key in keys]

    @property
    def blocking(self):
        """The labels of what must be given before the programme is saved."""
        return [self.fields[key].label for key in self.REQUIRED if not self.initial.get(key)]

    def clean_number(self):
        number = "".join(self.cleaned_data["number"].split())  # stored without spaces, as by_number looks it up
        if not number:
            raise ValidationError(_("Cần ghi số, ký hiệu của văn bản."))
        return number

    def clean(self):
        data = super().clean()
        day, year = data.get("issued_on"), data.get("year")
        if day and year and day.year != year:
            self.add_error("year", _("Năm ban hành phải là năm của ngày ban hành (%(year)d).") % {"year": day.year})
        if not self.errors:
            self.document = self._corrected(data)
        return data

    def _corrected(self, data):
        """The draft's document with the header as corrected; the words of a date stay as written unless the
        document had none."""
        document = dict(self.draft.document)
        for key in ("number", "kind", "title", "issuer", "place", "year"):
            document[key] = data[key]
        day = data["issued_on"]
        document["issued_on"] = day.isoformat() if day else None
        if day and not document.get("issued_on_as_written"):
            document["issued_on_as_written"] = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
        document["signer"] = {"name": data["signer_name"], "title": data["signer_title"]}
        agency = data["coordinating_agency"]
        document["coordinating_agency"] = agency.name if agency else ""
        document["missing"] = [key for key in document.get("missing", []) if not document.get(key)]
        try:
            ProgrammeDoc.from_dict(document)  # nothing the fields let through, but the draft must stay readable
        except ProgrammeFormatError as error:
            raise ValidationError(str(error)) from error
        return document

    def save(self):
        self.draft.document = self.document
        self.draft.save(update_fields=["document"])
        return self.draft


class AgencySplitForm(forms.Form):
    """How each lead or supporting agency cell was split into agencies, one name a line, for command staff to
    correct: "Sở Văn hóa, Thể thao và Du lịch" is one body, "Sở Tài chính, Sở Xây dựng" two. The cells stay as
    written; the names decide who is assigned."""

    prefix = "split"

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.doc = ProgrammeDoc.from_dict(draft.document)
        self.cells = _agency_cells(self.doc)
        for index, (written, names) in enumerate(self.cells.items()):
            self.fields[f"cell_{index}"] = forms.CharField(
                label=written,
                initial="\n".join(names),
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": max(2, len(names)), "class": "form-control form-control-sm"}),
            )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        directory = directory_for(self.doc, existing_programme(self.doc))
        names_of = {}
        for index, written in enumerate(self.cells):
            names = [" ".join(line.split()) for line in data[f"cell_{index}"].splitlines() if line.strip()]
            if any(len(name) > Agency._meta.get_field("name").max_length for name in names):
                raise ValidationError(_("Tên cơ quan «%(cell)s» quá dài.") % {"cell": written[:60]})
            known = (directory.find(name) for name in names)
            names_of[written] = list(dict.fromkeys(a.name if a else n for a, n in zip(known, names, strict=True)))
        for task in self.doc.tasks:
            task.lead = names_of.get(task.lead_as_written, task.lead)
            task.support = names_of.get(task.support_as_written, task.support)
        if any(not task.lead for task in self.doc.tasks if task.lead_as_written):
            raise ValidationError(_("Mỗi ô cơ quan chủ trì cần ít nhất một cơ quan."))
        return data

    def save(self):
        self.draft.document = self.doc.to_dict()
        self.draft.save(update_fields=["document"])
        return self.draft


def _agency_cells(doc):
    """{cell as written: names read from it} for each distinct agency cell that lists more than one name or has a
    separator in it, in the order of the table."""
    cells = {}
    for task in doc.tasks:
        for written, names in ((task.lead_as_written, task.lead), (task.support_as_written, task.support)):
            if written and (len(names) > 1 or any(mark in written for mark in (",", ";", " và ", " - "))):
                cells.setdefault(written, names)
    return cells
