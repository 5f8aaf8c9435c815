from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from tasks.models import ImportDraft


class Command(BaseCommand):
    help = _(
        "Xoá các bản nhập (chương trình, báo cáo tiến độ từ Excel) đã chờ xem lại quá PTDS_DRAFT_HOURS giờ; "
        "chạy theo lịch."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ cho biết sẽ xoá gì; không xoá gì."))

    def handle(self, dry_run, **options):
        with transaction.atomic():
            expired = ImportDraft.objects.expired().order_by("created_at")
            drafts = list(expired.values_list("pk", "file_name", "uploaded_by__username", "created_at"))
            for pk, file_name, username, created_at in drafts:
                self.stdout.write(f"{pk}\t{created_at:%Y-%m-%d %H:%M}\t{username}\t{file_name}")
            if not dry_run:
                for draft in ImportDraft.objects.filter(pk__in=[pk for pk, *_rest in drafts]):
                    draft.discard()  # with the uploaded file it may still hold
        counted = {"count": len(drafts), "hours": settings.PTDS_DRAFT_HOURS}
        if dry_run:
            self.stdout.write(_("Sẽ xoá %(count)d bản nhập quá %(hours)d giờ (chạy thử, chưa xoá gì).") % counted)
        else:
            self.stdout.write(_("Đã xoá %(count)d bản nhập quá %(hours)d giờ.") % counted)
