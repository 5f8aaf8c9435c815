import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from ptds.forms import searchable

from .documents.timeframe import ScheduleKind
from .models import Assignment, Phase, Programme, Section, Task
from .status import Status, StatusGroup, statuses_of

DEADLINE_CHOICES = [("overdue", _("Quá hạn")), ("due_soon", _("Sắp đến hạn"))]
# A group of statuses (what a dashboard count or chart bar links to), then each status.
STATUS_CHOICES = [(_("Nhóm tình trạng"), StatusGroup.choices), (_("Từng tình trạng"), Status.choices)]


class QuickSelect(forms.Select):
    """A select of flat choices written in one go, without the widget templates' include and dict per option.

    The filters offer every section, phase and agency the user sees (over a thousand with 50 programmes): through
    the templates they took 40% of the task list's time. Same markup; an option carries only `selected`.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, " selected" * (str(v) in chosen), label) for v, label in self.choices),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    programme = django_filters.ModelChoiceFilter(
        label=_("Chương trình"), field_name="section__programme", queryset=Programme.objects.all(), widget=QuickSelect
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Mục"), queryset=Section.objects.order_by("programme", "position"), widget=QuickSelect
    )
    phase = django_filters.ModelChoiceFilter(
        label=_("Giai đoạn"), field_name="phases", queryset=Phase.objects.all(), widget=QuickSelect
    )
    lead = django_filters.ModelChoiceFilter(
        label=_("Cơ quan chủ trì"), queryset=Agency.objects.all(), method="filter_lead", widget=QuickSelect
    )
    support = django_filters.ModelChoiceFilter(
        label=_("Cơ quan phối hợp"), queryset=Agency.objects.all(), method="filter_support", widget=QuickSelect
    )
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=STATUS_CHOICES, method="filter_status")
    deadline = django_filters.ChoiceFilter(label=_("Thời hạn"), choices=DEADLINE_CHOICES, method="filter_deadline")
    schedule_kind = django_filters.ChoiceFilter(
        label=_("Loại thời hạn"),
        choices=ScheduleKind.choices,
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        offered = visible_choices(request.user)
        for name, queryset in offered.items():
            self.filters[name].queryset = queryset

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_lead(self, queryset, name, value):
        return queryset.assigned_to(value, Assignment.Role.LEAD)

    def filter_support(self, queryset, name, value):
        return queryset.assigned_to(value, Assignment.Role.SUPPORT)

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=statuses_of(value))

    def filter_deadline(self, queryset, name, value):
        return queryset.overdue() if value == "overdue" else queryset.due_soon()

    @property
    def form(self):
        if hasattr(self, "_form"):
            return self._form
        form = super().form
        for field in form.fields.values():
            field.widget.attrs.setdefault(
                "class",
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm",
            )
        searchable(form.fields["lead"], form.fields["support"])  # hundreds of agencies: searched, not scrolled
        # Lead and supporting agency offer the same agencies: read them once, not once per select.
        agencies = list(iter(form.fields["lead"].choices))  # iter(): list() would ask its len(), a COUNT query
        form.fields["lead"].widget.choices = form.fields["support"].widget.choices = agencies
        return form


def visible_choices(user):
    """What the filters may offer: the programmes, sections and phases of the tasks the user sees, and the agencies
    named on them (with the members of the group phrases named), each one query whatever the number of tasks."""
    programmes = Programme.objects.visible_to(user)
    named = Assignment.objects.filter(task__in=Task.objects.visible_to(user)).values("agency")
    members = Agency.members.through.objects.filter(from_agency__in=named).values("to_agency")
    agencies = Agency.objects.filter(Q(pk__in=named) | Q(pk__in=members))
    return {
        "programme": programmes,
        "section": Section.objects.filter(programme__in=programmes).order_by("programme", "position"),
        "phase": Phase.objects.filter(programme__in=programmes),
        "lead": agencies,
        "support": agencies,
    }
