from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.directory import AgencyDirectory
from agencies.models import AdministrativeUnit
from reports.consolidated import tasks_of_unit
from reports.content import not_begun, tasks_in_scope
from reports.jobs import produce
from reports.models import ProducedReport
from tasks.models import Programme, ProgrammeNotFound, Task
from tasks.periods import CutoffRule, PeriodError, parse_period


class Command(BaseCommand):
    help = _(
        "Lập báo cáo tiến độ định kỳ (PDF hoặc Excel) của một chương trình, hoặc báo cáo tổng hợp của một đơn vị hành "
        "chính, cho lịch chạy tự động."
    )

    def add_arguments(self, parser):
        subject = parser.add_mutually_exclusive_group(required=True)
        subject.add_argument("--programme", help=_("Số, ký hiệu, ví dụ 04/CTr-UBND"))
        subject.add_argument("--unit", help=_("Tên đơn vị hành chính, cho báo cáo tổng hợp, ví dụ “Tỉnh Thái Nguyên”"))
        parser.add_argument(
            "--appendix",
            choices=ProducedReport.Appendix.values,
            default=ProducedReport.Appendix.UNITS,
            help=_("Phụ lục của báo cáo tổng hợp: units (từng đơn vị) hoặc overdue (chỉ nhiệm vụ quá hạn)"),
        )
        parser.add_argument("--year", type=int, help=_("Năm ban hành, khi nhiều chương trình cùng số"))
        parser.add_argument(
            "--period", required=True, help=_("2025-Q4, 2026-H1, 2026-9M, 2025, 2025-03 hoặc 2025-01-01..2025-03-31")
        )
        parser.add_argument("--agency", help=_("Tên cơ quan: các nhiệm vụ cơ quan đó chủ trì hoặc phối hợp"))
        parser.add_argument("--section", help=_("Số La Mã của mục, ví dụ I"))
        parser.add_argument("--format", required=True, choices=ProducedReport.Format.values)
        parser.add_argument("--output", required=True, type=Path, help=_("Tệp sẽ ghi"))
        parser.add_argument("--cutoff-rule", choices=[CutoffRule.CALENDAR, CutoffRule.DECREE_09])
        parser.add_argument("--number", default="", help=_("Số báo cáo (để trống để văn thư ghi)"))

    def handle(self, *, period, format, output, cutoff_rule, number, **options):
        try:
            period = parse_period(period)
        except PeriodError as error:
            raise CommandError(str(error)) from error
        if reason := not_begun(period, period.cutoff(cutoff_rule or settings.PTDS_CUTOFF_RULE)):
            raise CommandError(reason)
        if not number.isdigit() and number:
            raise CommandError(_("Số báo cáo chỉ gồm chữ số, ví dụ 15."))
        if not output.parent.is_dir():
            raise CommandError(_("Không có thư mục %(folder)s để ghi báo cáo.") % {"folder": output.parent})
        programme, scope, rows = self._unit(**options) if options["unit"] else self._programme(**options)
        if not rows:
            raise CommandError(_("Không có nhiệm vụ nào trong phạm vi đã chọn."))
        report = ProducedReport.begin(
            programme,
            period,
            cutoff_rule or settings.PTDS_CUTOFF_RULE,
            format,
            number=number,
            report_date=timezone.localdate(),
            row_count=rows,
            **scope,
        )
        report.save()
        try:
            produce(report)
        except Exception as error:
            ProducedReport.objects.filter(pk=report.pk).update(state=ProducedReport.State.FAILED, error=str(error))
            raise CommandError(_("Không lập được báo cáo: %(error)s") % {"error": error}) from error
        with report.file.open("rb") as produced:
            output.write_bytes(produced.read())
        self.stdout.write(
            _("Đã lập báo cáo %(period)s của %(subject)s: %(rows)d nhiệm vụ, ghi vào %(output)s.")
            % {"period": period.label, "subject": report.subject, "rows": report.row_count, "output": output}
        )

    def _programme(self, *, programme, year, agency, section, **options):
        """The programme, the scope within it and the number of its tasks."""
        try:
            programme = Programme.objects.by_number(programme, year)
        except ProgrammeNotFound as error:
            raise CommandError(str(error)) from error
        agency = self._agency(agency) if agency else None
        section = self._section(programme, section) if section else None
        rows = tasks_in_scope(Task.objects.current(), programme, agency, section).count()
        return programme, {"agency": agency, "section": section}, rows

    def _unit(self, *, unit, appendix, agency, section, **options):
        """No programme, the unit with the appendix asked, and the number of tasks below it."""
        if agency or section:
            raise CommandError(_("--agency và --section chỉ dùng với --programme; báo cáo tổng hợp gồm mọi nhiệm vụ."))
        found = AdministrativeUnit.objects.by_name(unit)
        if found is None:
            raise CommandError(_("Không có đơn vị hành chính “%(name)s”.") % {"name": unit})
        rows = tasks_of_unit(Task.objects.current(), found).count()
        return None, {"unit": found, "appendix": appendix}, rows

    def _agency(self, name):
        found = AgencyDirectory.load().find(name)
        if found is None:
            raise CommandError(_("Không có cơ quan “%(name)s” trong danh mục.") % {"name": name})
        return found

    def _section(self, programme, numeral):
        found = programme.sections.filter(numeral__iexact=numeral.strip()).first()
        if found is None:
            numerals = ", ".join(programme.sections.values_list("numeral", flat=True))
            raise CommandError(
                _("%(programme)s không có mục %(numeral)s (các mục: %(numerals)s).")
                % {"programme": programme, "numeral": numeral, "numerals": numerals}
            )
        return found
