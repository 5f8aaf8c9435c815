import django_tables2 as tables
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class TaskTable(tables.Table):
    """The task list's headers, sorting and pages; tasks/_task_table.html writes the rows.

    django-tables2 renders a cell through accessors, signature inspection and attributes worked out anew each
    time: at 50 rows that was a third of the page. A row of the template costs a fraction of it.
    """

    ref = tables.Column(_("TT"), accessor="number", order_by=("section__programme", "section__position", "position"))
    content = tables.Column(_("Nội dung nhiệm vụ"))
    lead = tables.Column(_("Cơ quan chủ trì"), orderable=False)
    timeframe = tables.Column(_("Thời gian thực hiện"), orderable=False)
    deadline = tables.Column(_("Hạn"))
    status = tables.Column(_("Tình trạng"))
    percent = tables.Column(_("%"), attrs={"th": {"class": "d-none d-sm-table-cell"}})

    class Meta:
        template_name = "tasks/_task_table.html"
        attrs = {"class": "table table-sm table-hover align-middle stack-table"}
        order_by = "ref"
        empty_text = _("Không có nhiệm vụ nào khớp điều kiện lọc.")

    def __init__(self, *args, search, **kwargs):
        super().__init__(*args, **kwargs)
        self.search = search  # the rows mark its words

    def order_deadline(self, queryset, is_descending):
        """Tasks without a deadline (ongoing, awaiting one) last both ways; equal deadlines in document order."""
        deadline = F("deadline").desc(nulls_last=True) if is_descending else F("deadline").asc(nulls_last=True)
        return queryset.order_by(deadline, "section__programme", "section__position", "position"), True
