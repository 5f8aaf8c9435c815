from html import escape

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from ptds.forms import searchable

from . import roles
from .documents.timeframe import ScheduleKind
from .models import Assignment, Phase, Programme, Section, Task
from .search import MAX_WORDS, Query
from .status import Status, StatusGroup, statuses_of


def few_words(value):
    if len(Query(value).all_words) > MAX_WORDS:
        raise ValidationError(_("Tìm tối đa %(count)d từ; hãy bỏ bớt."), params={"count": MAX_WORDS})


DEADLINE_CHOICES = [("overdue", _("Quá hạn")), ("due_soon", _("Sắp đến hạn")), ("extended", _("Đã gia hạn"))]
# How the agency chosen as lead or support is named: a dashboard bar counts the tasks naming it itself.
NAMED_CHOICES = [("direct", _("Chỉ ghi đích danh cơ quan"))]
# A group of statuses (what a dashboard count or chart bar links to), then each status.
STATUS_CHOICES = [(_("Nhóm tình trạng"), StatusGroup.choices), (_("Từng tình trạng"), Status.choices)]


class QuickSelect(forms.Select):
    """A select of flat choices written in one go, without the widget templates' include and dict per option.

    The filters offer every section, phase and agency the user sees (over a thousand with 50 programmes): through
    the templates they took 40% of the task list's time. Same markup; an option carries only `selected`.
    """

    choices = ()  # a plain attribute: Django's setter normalises every pair anew (10 ms for the agencies' 300)

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = "".join(  # html.escape: format_html's checks and SafeStrings per option were half the time
            f'<option value="{escape(str(v))}"{" selected" * (str(v) in chosen)}>{escape(str(label))}</option>'
            for v, label in self.choices
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attrs}>{options}</select>')  # every value escaped above


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="filter_q",
        max_length=200,
        validators=[few_words],
        widget=forms.TextInput(
            attrs={
                "title": _(
                    "Tìm từng từ trọn vẹn, mọi từ trong cùng một cột; gõ không dấu để tìm mọi dấu, gõ có dấu để "
                    "tìm đúng dấu đó; đặt cụm từ trong ngoặc kép để giữ nguyên cụm."
                )
            }
        ),
    )
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
    named = django_filters.ChoiceFilter(
        label=_("Cơ quan được giao"),
        choices=NAMED_CHOICES,
        empty_label=_("Đích danh hoặc qua cụm từ chung"),
        method="filter_named",
        widget=QuickSelect,
    )
    # A group of statuses, or one (a small list in groups: the default select draws it).
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=STATUS_CHOICES, method="filter_status")
    deadline = django_filters.ChoiceFilter(
        label=_("Thời hạn"), choices=DEADLINE_CHOICES, method="filter_deadline", widget=QuickSelect
    )
    schedule_kind = django_filters.ChoiceFilter(
        label=_("Loại thời hạn"), choices=ScheduleKind.choices, widget=QuickSelect
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.query = Query("")  # what filter_q was given, for the highlights
        offered = visible_choices(request.user)
        for name, queryset in offered.items():
            self.filters[name].queryset = queryset

    def filter_q(self, queryset, name, value):
        self.query = Query(value)
        if len(self.query.all_words) > 1:  # then the tasks with the words side by side, as typed, come first
            queryset = queryset.phrase_first(value).order_by("-phrase", *Task._meta.ordering)
        return queryset.search(value)

    def filter_lead(self, queryset, name, value):
        return queryset.assigned_to(value, Assignment.Role.LEAD, directly=self._directly)

    def filter_support(self, queryset, name, value):
        return queryset.assigned_to(value, Assignment.Role.SUPPORT, directly=self._directly)

    def filter_named(self, queryset, name, value):
        return queryset  # how filter_lead and filter_support read the agency chosen

    @property
    def _directly(self):
        return self.form.cleaned_data.get("named") == "direct"

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=statuses_of(value))

    def filter_deadline(self, queryset, name, value):
        chosen = {"overdue": queryset.overdue, "due_soon": queryset.due_soon, "extended": queryset.extended}
        return chosen[value]()

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
        # What the selects offer was most of the page's cost: the sections and phases of the programme chosen only
        # (a section or phase chosen alone offers itself), plain pairs, and one list of agencies for both selects.
        programme = _number(self.data, "programme")
        offered = {"programme": form.fields["programme"].queryset.only("pk", "kind", "number")}
        for name in ("section", "phase"):
            chosen = _number(self.data, name)
            within = {"programme": programme} if programme else {"pk": chosen}
            offered[name] = form.fields[name].queryset.filter(**within) if programme or chosen else []
        offered["lead"] = offered["support"] = list(form.fields["lead"].queryset.values_list("pk", "name"))
        for name, choices in offered.items():
            field = form.fields[name]
            field.widget.choices = [("", field.empty_label), *_pairs(choices)]
        searchable(form.fields["lead"], form.fields["support"])  # hundreds of agencies: searched, not scrolled
        return form


def _number(data, name):
    value = (data or {}).get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _pairs(choices):
    return [choice if isinstance(choice, tuple) else (choice.pk, str(choice)) for choice in choices]


def visible_choices(user):
    """What the filters may offer: the programmes, sections and phases of the tasks the user sees, and the agencies
    named on them (with the members of the group phrases named), each one query whatever the number of tasks."""
    programmes = Programme.objects.visible_to(user)
    # Per agency, whether one visible task names it (or a group it belongs to): a few hundred short probes, where a
    # list of every agency named on the visible tasks read all their assignments (3x slower at 10,000 tasks). An
    # officer's few tasks are listed once. Everyone else sees whole programmes: their ids are read first (one short
    # query), since a probe that carried the scope's own subqueries (a province's units, the parents of their
    # programmes) had PostgreSQL work them out again for each agency (10x slower for a province's leadership).
    if roles.role_of(user) == roles.OFFICER:
        on_visible = Q(task__in=Task.objects.visible_to(user))
    else:
        ids = list(programmes.values_list("pk", flat=True))
        on_visible = Q(task__archived_at__isnull=True, task__section__programme__in=ids)

    def naming(agency):
        return Exists(Assignment.objects.filter(on_visible, agency=agency))

    in_group = Agency.members.through.objects.filter(naming(OuterRef("from_agency")), to_agency=OuterRef("pk"))
    agencies = Agency.objects.filter(naming(OuterRef("pk")) | Exists(in_group))
    return {
        "programme": programmes,
        "section": Section.objects.filter(programme__in=programmes).order_by("programme", "position"),
        "phase": Phase.objects.filter(programme__in=programmes),
        "lead": agencies,
        "support": agencies,
    }
