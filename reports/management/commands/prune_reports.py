from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import ProducedReport


class Command(BaseCommand):
    help = _(
        "Xoá tệp của các báo cáo đã lập quá PTDS_REPORT_RETENTION_DAYS ngày; bản ghi vẫn giữ và ghi rõ tệp đã xoá. "
        "Chạy theo lịch."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ cho biết sẽ xoá gì; không xoá gì."))

    def handle(self, dry_run, **options):
        limit = timezone.now() - timedelta(days=settings.PTDS_REPORT_RETENTION_DAYS)
        with transaction.atomic():
            old = ProducedReport.objects.filter(created_at__lt=limit, file_removed_at=None).exclude(file="")
            reports = list(old.select_related("programme").order_by("created_at"))
            for report in reports:
                self.stdout.write(f"{report.pk}\t{report.created_at:%Y-%m-%d}\t{report.file.name}")
                if not dry_run:
                    report.remove_file()
        counted = {"count": len(reports), "days": settings.PTDS_REPORT_RETENTION_DAYS}
        if dry_run:
            self.stdout.write(
                _("Sẽ xoá tệp của %(count)d báo cáo quá %(days)d ngày (chạy thử, chưa xoá gì).") % counted
            )
        else:
            self.stdout.write(_("Đã xoá tệp của %(count)d báo cáo quá %(days)d ngày.") % counted)
