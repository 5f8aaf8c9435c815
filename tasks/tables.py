import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class TaskTable(tables.Table):
    ref = tables.Column(_("TT"), accessor="number", order_by=("section__programme", "section__position", "position"))
    content = tables.Column(_("Nội dung nhiệm vụ"), linkify=("tasks:detail", {"pk": tables.A("pk")}))
    lead = tables.Column(_("Cơ quan chủ trì"), accessor="pk", orderable=False)
    timeframe = tables.Column(_("Thời gian thực hiện"), accessor="timeframe_text", orderable=False, default="—")
    deadline = tables.Column(_("Hạn"))
    status = tables.Column(_("Tình trạng"))
    percent = tables.Column(_("%"), attrs={"td": {"class": "text-end"}})

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "ref"
        empty_text = _("Không có nhiệm vụ nào khớp điều kiện lọc.")

    def render_ref(self, record):
        return f"{record.section.numeral}.{record.number}"

    def render_content(self, value):
        return value if len(value) <= 160 else value[:157] + "…"

    def render_lead(self, record):
        return "; ".join(agency.short_name or agency.name for agency in record.lead_agencies) or "—"

    def render_deadline(self, value):
        return value.strftime("%d/%m/%Y")  # tables.DateColumn compiles a template for every cell

    def render_status(self, record):
        return format_html('<span class="badge status-{}">{}</span>', record.status, record.status_label)
