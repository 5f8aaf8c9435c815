from django import forms
from django.contrib import admin
from django.db import models
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .models import (
    Assignment,
    Evidence,
    Handover,
    LegalBasis,
    Notification,
    Objective,
    Phase,
    Programme,
    ProgressReport,
    ReminderLog,
    Section,
    Task,
    ThreadEntry,
)

admin.site.site_header = _("Cổng theo dõi nhiệm vụ phòng thủ dân sự")
admin.site.site_title = _("Cổng PTDS")
admin.site.index_title = _("Quản trị dữ liệu chương trình, nhiệm vụ")

# Tabular inlines hold long Vietnamese sentences: keep each row to a couple of lines.
COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}}


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose every input carries its column's name: the table's header cells are not labels, and
    a screen reader (and axe-core, tests/browser/test_accessibility.py) would find the inputs nameless."""

    def get_formset(self, request, obj=None, **kwargs):
        class LabelledFormSet(super().get_formset(request, obj, **kwargs)):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    field.widget.attrs.setdefault("aria-label", str(field.label))

        return LabelledFormSet


def short(text, words=16):
    return Truncator(text).words(words)


class ParentLabels:
    """Label foreign keys declared without a verbose name (programme, section) with their model's Vietnamese name."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.verbose_name == db_field.name.replace("_", " "):
            kwargs.setdefault("label", capfirst(db_field.related_model._meta.verbose_name))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProgrammeFilter(admin.RelatedFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = Programme._meta.verbose_name


@admin.display(description=Programme._meta.verbose_name, ordering="programme")
def programme_column(obj):
    return obj.programme


class LegalBasisInline(LabelledTabularInline):
    model = LegalBasis
    fields = ["position", "text"]
    formfield_overrides = COMPACT_TEXT
    extra = 0


class PhaseInline(LabelledTabularInline):
    model = Phase
    fields = ["number", "name", "label_as_written", "start", "end"]
    show_change_link = True  # objectives are edited on the phase's own page
    extra = 0


class SectionInline(LabelledTabularInline):
    model = Section
    fields = ["position", "numeral", "title"]
    formfield_overrides = COMPACT_TEXT
    show_change_link = True  # tasks are edited on the section's own page
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "short_title", "issuer", "year", "coordinating_agency", "task_count"]
    list_filter = ["year", "kind"]
    list_select_related = ["coordinating_agency"]
    search_fields = ["number", "title", "issuer"]
    autocomplete_fields = ["parent", "coordinating_agency"]
    inlines = [LegalBasisInline, PhaseInline, SectionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(task_count=models.Count("sections__tasks"))

    @admin.display(description=_("trích yếu"), ordering="title")
    def short_title(self, obj):
        return short(obj.title)

    @admin.display(description=_("số nhiệm vụ"), ordering="task_count")
    def task_count(self, obj):
        return obj.task_count


class ObjectiveInline(LabelledTabularInline):
    model = Objective
    fields = ["position", "text"]
    formfield_overrides = COMPACT_TEXT
    extra = 0


@admin.register(Phase)
class PhaseAdmin(ParentLabels, admin.ModelAdmin):
    list_display = ["name", programme_column, "start", "end"]
    list_filter = [("programme", ProgrammeFilter)]
    list_select_related = ["programme"]
    search_fields = ["name", "programme__number"]
    inlines = [ObjectiveInline]


class TaskInline(LabelledTabularInline):
    model = Task
    fields = ["position", "number", "content", "due_on", "schedule_kind"]
    formfield_overrides = COMPACT_TEXT
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")  # each row's title names its section


@admin.register(Section)
class SectionAdmin(ParentLabels, admin.ModelAdmin):
    list_display = ["__str__", programme_column, "task_count"]
    list_filter = [("programme", ProgrammeFilter)]
    list_select_related = ["programme"]
    search_fields = ["numeral", "title", "programme__number"]
    inlines = [TaskInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(task_count=models.Count("tasks"))

    @admin.display(description=_("số nhiệm vụ"), ordering="task_count")
    def task_count(self, obj):
        return obj.task_count


class AssignmentInline(LabelledTabularInline):
    model = Assignment
    fields = ["role", "position", "agency"]
    autocomplete_fields = ["agency"]
    ordering = ["role", "position"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency")


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("cần rà soát")
    parameter_name = "can_ra_soat"

    def lookups(self, request, model_admin):
        return [("yes", _("Có")), ("no", _("Không"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.needing_review()
        if self.value() == "no":
            return queryset.filter(review_note="")
        return queryset


class LeadAgencyFilter(admin.SimpleListFilter):
    title = _("cơ quan chủ trì")
    parameter_name = "chu_tri"

    def lookups(self, request, model_admin):
        leads = Agency.objects.filter(assignments__role=Assignment.Role.LEAD).distinct()
        return [(agency.pk, agency.short_name or agency.name) for agency in leads]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(assignments__role=Assignment.Role.LEAD, assignments__agency=self.value())
        return queryset


@admin.register(Task)
class TaskAdmin(ParentLabels, admin.ModelAdmin):
    list_display = [
        "reference",
        "short_content",
        "lead_agency_names",
        "schedule_kind",
        "due_on",
        "needs_review",
        "programme_number",
    ]
    list_display_links = ["reference", "short_content"]
    list_filter = [
        ("section__programme", ProgrammeFilter),
        "schedule_kind",
        "recurrence",
        NeedsReviewFilter,
        LeadAgencyFilter,
        ("archived_at", admin.EmptyFieldListFilter),  # tasks an amendment removed after work was reported
    ]
    search_fields = ["content", "lead_as_written", "support_as_written", "deliverable", "number"]
    autocomplete_fields = ["section"]
    raw_id_fields = ["responsible_officer"]
    inlines = [AssignmentInline]
    fieldsets = [
        (None, {"fields": ["section", "position", "number"]}),
        (
            _("Như văn bản"),
            {"fields": ["content", "lead_as_written", "support_as_written", "timeframe_as_written", "deliverable"]},
        ),
        (
            _("Cách hiểu của hệ thống"),
            {
                "fields": [
                    "schedule_kind",
                    "starts_on",
                    "due_on",
                    "phases",
                    "recurrence",
                    "period_months",
                    "conditional",
                ]
            },
        ),
        (_("Phân công"), {"fields": ["due_override", "due_override_reason", "responsible_officer"]}),
        (_("Rà soát"), {"fields": ["review_note"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_document()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "phases" in form.base_fields:
            # A task can only fall in the phases of its own programme.
            form.base_fields["phases"].queryset = Phase.objects.filter(programme_id=obj.section.programme_id)
        return form

    def get_search_results(self, request, queryset, search_term):
        # The same search as the portal's task list: whole syllables, accents optional, words in one field.
        return queryset.search(search_term), False

    @admin.display(description=_("TT"), ordering="section__position")
    def reference(self, obj):
        return obj.reference

    @admin.display(description=_("nội dung nhiệm vụ"))
    def short_content(self, obj):
        return short(obj.content)

    @admin.display(description=_("cơ quan chủ trì"))
    def lead_agency_names(self, obj):
        return obj.lead_names or "-"

    @admin.display(description=_("cần rà soát"), boolean=True)
    def needs_review(self, obj):
        return obj.needs_review

    @admin.display(description=Programme._meta.verbose_name, ordering="section__programme")
    def programme_number(self, obj):
        return obj.section.programme.number


class EvidenceInline(LabelledTabularInline):
    model = Evidence
    fields = ["original_name", "kind", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class WrittenByThePortalAdmin(admin.ModelAdmin):
    """What the portal writes itself: read in the admin, never added nor changed there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RecordAdmin(WrittenByThePortalAdmin):
    """Records kept as history: not deleted either."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(RecordAdmin):
    """Read-only: reports are history, never edited (corrections are new reports)."""

    list_display = ["task", "agency", "sets_status", "status", "percent", "reported_on", "acceptance", "grade"]
    list_filter = ["status", "sets_status", "task__section__programme"]
    list_select_related = ["task__section", "agency"]
    search_fields = ["result", "document_number", "agency__name"]
    inlines = [EvidenceInline]


@admin.register(ReminderLog)
class ReminderLogAdmin(WrittenByThePortalAdmin):
    """What send_reminders sent. Deleting an entry lets the same day's reminder go again on the next run."""

    list_display = ["day", "kind", "agency", "item_count", "recipients", "sent_at"]
    list_filter = ["kind", "day"]
    list_select_related = ["agency"]
    search_fields = ["agency__name", "recipients"]
    date_hierarchy = "day"


@admin.register(Notification)
class NotificationAdmin(WrittenByThePortalAdmin):
    """What each user was told, whether they read it and when it was e-mailed; raised by the portal, never by hand."""

    list_display = ["created_at", "recipient", "kind", "text", "read_at", "emailed_on"]
    list_filter = ["kind", "day"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "text"]
    date_hierarchy = "day"


@admin.register(Handover)
class HandoverAdmin(RecordAdmin):
    """What was handed over and when: written by the handover page and command, kept as the reports' record."""

    list_display = ["__str__", "part", "task", "programme", "made_by", "made_at"]
    list_filter = ["part", "reorganisation"]
    list_select_related = ["task__section", "programme", "from_agency", "to_agency", "reorganisation", "made_by"]
    search_fields = ["from_agency__name", "to_agency__name"]


@admin.register(ThreadEntry)
class ThreadEntryAdmin(RecordAdmin):
    """Directives and conversation: append-only, as on the pages."""

    list_display = ["kind", "task", "programme", "author", "agency", "reply_due", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["task__section", "programme", "author", "agency"]
    search_fields = ["text", "agency__name"]
