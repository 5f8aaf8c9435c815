from django.contrib import admin

from .models import ProducedReport, ReportSetup


@admin.register(ReportSetup)
class ReportSetupAdmin(admin.ModelAdmin):
    list_display = ["programme", "issuing_body", "number_suffix", "signer_title", "signer_name"]
    list_select_related = ["programme"]


@admin.register(ProducedReport)
class ProducedReportAdmin(admin.ModelAdmin):
    """The record of what was sent: looked up, never edited."""

    list_display = ["created_at", "programme", "unit", "period_label", "format", "state", "row_count", "created_by"]
    list_filter = ["format", "state", "cutoff_rule"]
    list_select_related = ["programme", "unit", "created_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
