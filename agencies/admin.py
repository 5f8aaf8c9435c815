from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AdministrativeUnit, Agency, AgencyAlias, Profile, Reorganisation
from .text import fold, nfc


def agency_link(agency):
    return format_html('<a href="{}">{}</a>', reverse("admin:agencies_agency_change", args=[agency.pk]), agency)


class ValidityFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return [("current", _("Còn hiệu lực")), ("ended", _("Đã giải thể, sáp nhập"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "ended":
            return queryset.exclude(pk__in=Agency.objects.current().values("pk"))
        return queryset


class AgencyAliasInline(admin.StackedInline):  # stacked: its one field labelled
    model = AgencyAlias
    fields = ["name"]
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "kind",
        "unit",
        "parent",
        "valid_from",
        "valid_to",
        "successor",
        "needs_review",
    ]
    list_filter = ["kind", "needs_review", ValidityFilter, "unit"]
    list_select_related = ["parent", "successor", "unit"]
    search_fields = ["name", "short_name", "aliases__name"]
    inlines = [AgencyAliasInline]
    filter_horizontal = ["members"]
    autocomplete_fields = ["parent", "successor", "unit", "area"]
    readonly_fields = ["predecessor_list", "current_successor"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "kind", "unit", "oversees_unit", "parent", "note", "needs_review"]}),
        (_("Ban Chỉ huy Phòng thủ khu vực"), {"fields": ["area"], "classes": ["collapse"]}),
        (
            _("Hiệu lực, sáp nhập"),
            {"fields": ["valid_from", "valid_to", "successor", "current_successor", "predecessor_list"]},
        ),
        (_("Nhóm cơ quan"), {"fields": ["members"], "classes": ["collapse"]}),
    ]
    actions = ["mark_reviewed"]

    def get_search_results(self, request, queryset, search_term):
        """A search typed without diacritics also matches with them: "so khoa hoc" finds "Sở Khoa học"."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if not words or " ".join(words) != nfc(search_term).lower():
            return results, may_have_duplicates
        folded = queryset
        for word in words:
            folded = folded.filter(Q(folded_name__contains=word) | Q(aliases__folded_name__contains=word))
        return queryset.filter(Q(pk__in=results.values("pk")) | Q(pk__in=folded.values("pk"))), False

    @admin.display(description=_("cơ quan tiền thân (đã sáp nhập vào)"))
    def predecessor_list(self, obj):
        if obj.pk is None:
            return "-"
        return format_html_join(", ", "{}", ((agency_link(a),) for a in obj.predecessors.all())) or "-"

    @admin.display(description=_("cơ quan đảm nhận hiện nay"))
    def current_successor(self, obj):
        current = obj.current_successor()
        return agency_link(current) if current != obj else "-"

    @admin.action(description=_("Đánh dấu đã rà soát"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = queryset.update(needs_review=False)
        self.message_user(request, gettext("Đã đánh dấu %(count)d cơ quan là đã rà soát.") % {"count": count})


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    list_select_related = ["parent", "successor"]
    search_fields = ["name", "place_name"]
    autocomplete_fields = ["parent", "successor"]


@admin.register(Reorganisation)
class ReorganisationAdmin(admin.ModelAdmin):
    list_display = ["basis", "kind", "effective_on"]
    list_filter = ["kind"]
    search_fields = ["basis", "former__name", "successors__name"]
    autocomplete_fields = ["former", "successors", "former_units", "successor_unit"]

    def save_related(self, request, form, formsets, change):
        """The former agencies end the day before, and take their single successor, once the links are saved."""
        super().save_related(request, form, formsets, change)
        form.instance.apply()


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["account", "agency", "position"]
    list_select_related = ["user", "agency"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "agency__name", "position"]
    autocomplete_fields = ["user", "agency"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["label"] = _("Tài khoản")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("tài khoản"), ordering="user__username")
    def account(self, obj):
        full_name = obj.user.get_full_name()
        return f"{full_name} ({obj.user.username})" if full_name else obj.user.username


class ProfileInline(admin.StackedInline):
    model = Profile
    fields = ["agency", "position"]
    autocomplete_fields = ["agency"]
    can_delete = False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class ProfileUserAdmin(UserAdmin):
    inlines = [ProfileInline]
