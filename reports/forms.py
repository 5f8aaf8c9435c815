from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import AdministrativeUnit, Agency
from ptds.forms import DateInput, searchable, style_fields
from tasks import access, roles
from tasks.models import Programme, Section, Task
from tasks.periods import Period, PeriodError, parse_period, period_choices, quarter_of

from .consolidated import tasks_of_unit
from .content import not_begun, tasks_in_scope
from .models import ProducedReport, ReportSetup

CUSTOM = "custom"  # the period choice that takes the two dates


def offered_periods(asked):
    """The periods offered in words, grouped by year; an old link's key ("2025-03") among them while it is asked."""
    choices = period_choices(timezone.localdate())
    known = {key for _year, periods in choices for key, _label in periods} | {"", CUSTOM}
    if asked not in known:
        try:
            choices.insert(0, ("", [(asked, parse_period(asked).label)]))
        except PeriodError:
            pass  # refused with its message by read_period
    return choices


def read_period(key):
    try:
        return parse_period(key)
    except PeriodError as error:
        raise ValidationError(str(error), code="period") from error


def begun_period(value):
    """The period a consolidated page or the scores ask for, read from its key; refused if it has not begun."""
    period = read_period(value)
    if reason := not_begun(period, period.cutoff(settings.PTDS_CUTOFF_RULE)):
        raise ValidationError(reason, code="not_begun")
    return period


class PeriodForm(forms.Form):
    """The period of a unit's consolidated page; the current quarter unless another is asked."""

    period = forms.CharField(label=_("Kỳ"), max_length=30, widget=forms.Select)

    def __init__(self, data):
        asked = data.get("period") or quarter_of(timezone.localdate()).key
        super().__init__({"period": asked})
        self.fields["period"].widget.choices = offered_periods(asked)
        self.fields["period"].widget.attrs["data-submit-on-change"] = ""
        style_fields(self)

    def clean_period(self):
        return begun_period(self.cleaned_data["period"])

    @property
    def window(self):
        return self.cleaned_data["period"].cutoff(settings.PTDS_CUTOFF_RULE)


class ReportForm(forms.Form):
    """What to report on: a programme, a period, optionally one agency or one section."""

    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        required=False,  # a unit's consolidated report has none: clean() asks for one or the other
        label=_("Chương trình, kế hoạch"),
        empty_label=_("Chọn chương trình"),
    )
    unit = forms.ModelChoiceField(
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        label=_("Báo cáo tổng hợp theo đơn vị"),
        empty_label=_("Không (báo cáo một chương trình)"),
        help_text=_("Chọn một đơn vị thay cho chương trình: mọi chương trình của đơn vị và các đơn vị trực thuộc."),
    )
    appendix = forms.ChoiceField(
        label=_("Phụ lục của báo cáo tổng hợp"),
        choices=ProducedReport.Appendix.choices,
        required=False,
        initial=ProducedReport.Appendix.UNITS,
    )
    # A key of tasks.periods chosen from a list in words; any key parse_period reads is taken too (old links).
    period = forms.CharField(label=_("Kỳ báo cáo"), max_length=30, widget=forms.Select)
    period_start = forms.DateField(
        label=_("Từ ngày"), required=False, widget=DateInput(attrs={"data-only-when": f"id_period={CUSTOM}"})
    )
    period_end = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=DateInput(attrs={"data-only-when": f"id_period={CUSTOM}"}),
        help_text=_("Khi chọn “Khoảng ngày tùy chọn”."),
    )
    cutoff_rule = forms.ChoiceField(
        label=_("Cách tính số liệu"), choices=ProducedReport._meta.get_field("cutoff_rule").choices
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        label=_("Cơ quan"),
        empty_label=_("Tất cả cơ quan (cả chương trình)"),
        help_text=_("Để trống: cả chương trình. Chọn một cơ quan: các nhiệm vụ cơ quan đó chủ trì hoặc phối hợp."),
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.none(), required=False, label=_("Mục"), empty_label=_("Tất cả các mục")
    )
    number = forms.RegexField(
        regex=r"^\d{1,6}$",
        required=False,
        label=_("Số báo cáo"),
        help_text=_("Để trống để văn thư ghi số khi đăng ký văn bản."),
        error_messages={"invalid": _("Số báo cáo chỉ gồm chữ số, ví dụ 15.")},
    )
    report_date = forms.DateField(label=_("Ngày báo cáo"), required=False, widget=DateInput())
    proposals = forms.CharField(
        label=_("Khó khăn, vướng mắc, đề xuất"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    with_scores = forms.BooleanField(
        label=_("Kèm bảng chấm điểm cơ quan (PDF)"),
        required=False,
        help_text=_("Bảng chấm điểm các cơ quan chủ trì trong phạm vi báo cáo, ở mục I của bản PDF."),
    )
    with_directives = forms.BooleanField(
        label=_("Kèm mục Ý kiến chỉ đạo"),
        required=False,
        initial=True,
        help_text=_("Các ý kiến chỉ đạo trong kỳ về chương trình và các nhiệm vụ trong phạm vi báo cáo (PDF, Excel)."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {}).update(
            {"cutoff_rule": settings.PTDS_CUTOFF_RULE, "period": quarter_of(timezone.localdate()).key}
        )
        super().__init__(*args, **kwargs)
        self.tasks = Task.objects.visible_to(user)
        programmes = Programme.objects.visible_to(user)
        self.fields["programme"].queryset = programmes.select_related("coordinating_agency__parent").order_by(
            "-year", "number"
        )
        self.fields["section"].queryset = Section.objects.filter(programme__in=programmes).select_related("programme")
        self.own_agency = access.officer_agency(user)
        if self.own_agency:  # officers report on their own agency's tasks only
            field = self.fields["agency"]
            field.queryset = Agency.objects.filter(pk=self.own_agency.pk)
            field.required, field.empty_label, field.initial = True, None, self.own_agency.pk
            field.help_text = _("Các nhiệm vụ cơ quan anh/chị chủ trì hoặc phối hợp.")
        else:
            named = Agency.objects.filter(assignments__task__section__programme__in=programmes)
            self.fields["agency"].queryset = Agency.objects.filter(pk__in=named.values("pk")).order_by("name")
        if roles.oversees_units(user):
            self.fields["unit"].queryset = roles.units_overseen(user).order_by("name")
        else:  # officers, a department's leadership: no unit to consolidate
            del self.fields["unit"], self.fields["appendix"]
        self.fields["period"].widget.choices = self._period_choices()
        searchable(self.fields["agency"])
        style_fields(self)

    def _period_choices(self):
        asked = self.data.get("period", "") if self.is_bound else ""
        return [*offered_periods(asked), ("", [(CUSTOM, _("Khoảng ngày tùy chọn…"))])]

    def clean_period(self):
        if self.cleaned_data["period"] == CUSTOM:
            return CUSTOM  # the dates below make it, in clean()
        return read_period(self.cleaned_data["period"])

    def clean(self):
        data = super().clean()
        if data.get("period") == CUSTOM:
            del data["period"]
            start, end = data.get("period_start"), data.get("period_end")
            if not (start and end):
                self.add_error("period_end", _("Khoảng ngày tùy chọn cần cả ngày bắt đầu và ngày kết thúc."))
            else:
                try:
                    data["period"] = Period.custom(start, end)
                except PeriodError as error:
                    self.add_error("period_end", str(error))
        programme, section = data.get("programme"), data.get("section")
        self._check_subject(data)
        if programme and section and section.programme_id != programme.pk:
            self.add_error(
                "section",
                _("Mục %(numeral)s không thuộc %(programme)s.") % {"numeral": section.numeral, "programme": programme},
            )
        if "period" in data and data.get("cutoff_rule") and not self.errors:
            if reason := not_begun(data["period"], self.window):
                self.add_error("period", reason)
        if (programme or data.get("unit")) and "period" in data and not self.errors:
            if not self.scoped_tasks().exists():
                raise ValidationError(_("Không có nhiệm vụ nào trong phạm vi đã chọn."), code="empty")
        return data

    def _check_subject(self, data):
        """A report is of one programme, or of a unit with every programme below it (its scope is then the unit)."""
        unit = data.get("unit")
        if unit and data.get("programme"):
            self.add_error("unit", _("Chọn một chương trình hoặc một đơn vị để tổng hợp, không chọn cả hai."))
        elif unit and (data.get("section") or data.get("agency")):
            self.add_error("unit", _("Báo cáo tổng hợp theo đơn vị gồm mọi nhiệm vụ: bỏ chọn cơ quan và mục."))
        elif not unit and not data.get("programme") and not self.has_error("programme") and not self.has_error("unit"):
            self.add_error("programme", _("Hãy chọn chương trình, kế hoạch (hoặc một đơn vị để báo cáo tổng hợp)."))
        data["appendix"] = (data.get("appendix") or ProducedReport.Appendix.UNITS) if unit else ""

    @property
    def window(self):
        return self.cleaned_data["period"].cutoff(self.cleaned_data["cutoff_rule"])

    def scoped_tasks(self):
        data = self.cleaned_data
        if data.get("unit"):
            return tasks_of_unit(self.tasks, data["unit"])
        return tasks_in_scope(self.tasks, data["programme"], data.get("agency"), data.get("section"))

    def document(self):
        """The fields a ReportContent and a ProducedReport share."""
        data = self.cleaned_data
        return {
            "agency": data.get("agency"),
            "section": data.get("section"),
            "number": data.get("number", ""),
            "report_date": data.get("report_date") or timezone.localdate(),
            "proposals": data.get("proposals", ""),
        }

    def new_report(self, format):
        data = self.cleaned_data
        return ProducedReport.begin(
            data.get("programme"),
            data["period"],
            data["cutoff_rule"],
            format,
            created_by=self.user,
            row_count=self.scoped_tasks().count(),
            unit=data.get("unit"),
            appendix=data.get("appendix", ""),
            with_scores=bool(data.get("with_scores")) and format == ProducedReport.Format.PDF and not data.get("unit"),
            with_directives=bool(data.get("with_directives")) and not data.get("unit"),
            **self.document(),
        )


class ReportSetupForm(forms.ModelForm):
    class Meta:
        model = ReportSetup
        fields = [
            "parent_body",
            "issuing_body",
            "number_suffix",
            "place",
            "signer_authority",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class ScoresForm(forms.Form):
    """What to score: a programme or a unit (with every programme below it), and a period (the current quarter)."""

    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        required=False,
        label=_("Chương trình, kế hoạch"),
        empty_label=_("Chọn chương trình"),
        error_messages={"invalid_choice": _("Không có chương trình này trong phạm vi anh/chị được xem.")},
    )
    unit = forms.ModelChoiceField(
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        label=_("Hoặc đơn vị"),
        empty_label=_("Không chọn đơn vị"),
        error_messages={"invalid_choice": _("Không có đơn vị này trong phạm vi anh/chị theo dõi.")},
    )
    period = forms.CharField(label=_("Kỳ"), max_length=30, widget=forms.Select)

    def __init__(self, data, user):
        data = data.copy()
        data.setdefault("period", quarter_of(timezone.localdate()).key)
        super().__init__(data)
        self.tasks = Task.objects.visible_to(user)
        self.fields["programme"].queryset = Programme.objects.visible_to(user).order_by("-year", "number")
        self.fields["unit"].queryset = roles.units_overseen(user).order_by("name")
        self.fields["period"].widget.choices = offered_periods(data["period"])
        style_fields(self)

    def clean_period(self):
        return begun_period(self.cleaned_data["period"])

    def clean(self):
        data = super().clean()
        if data.get("programme") and data.get("unit"):
            self.add_error("unit", _("Chọn một chương trình hoặc một đơn vị, không chọn cả hai."))
        elif not data.get("programme") and not data.get("unit") and not self.errors:
            self.add_error("programme", _("Hãy chọn chương trình, kế hoạch hoặc một đơn vị."))
        return data

    @property
    def window(self):
        return self.cleaned_data["period"].cutoff(settings.PTDS_CUTOFF_RULE)

    def scoped_tasks(self):
        data = self.cleaned_data
        if data.get("unit"):
            return tasks_of_unit(self.tasks, data["unit"])
        return tasks_in_scope(self.tasks, data["programme"])
