from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from agencies.province import OPTIONAL, load_province
from agencies.text import nfc


class Command(BaseCommand):
    help = _(
        "Nạp các cơ quan chuẩn của một tỉnh sau sắp xếp năm 2025 (Nghị định 45/2025/NĐ-CP) cùng tên viết tắt; "
        "chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help=_('Tên tỉnh, thành phố, ví dụ "Thái Nguyên".'))
        parser.add_argument(
            "--with",
            dest="extras",
            action="append",
            default=[],
            choices=sorted(OPTIONAL),
            help=_("Thêm sở đặc thù hoặc Bộ Chỉ huy Bộ đội Biên phòng; dùng nhiều lần được."),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ cho biết sẽ tạo gì, không ghi."))

    def handle(self, province, extras, dry_run, **options):
        province = nfc(province).removeprefix("tỉnh ").removeprefix("Tỉnh ")
        if not province:
            raise CommandError(_("Cần tên tỉnh, thành phố."))
        result = load_province(province, extras, dry_run=dry_run)
        for alias, holder in result.aliases_left:
            self.stdout.write(
                _("Bỏ qua tên gọi “%(alias)s”: đã dùng cho %(agency)s.") % {"alias": alias, "agency": holder}
            )
        summary = _(
            "%(province)s: %(bodies)d cơ quan, nhóm trong mẫu; %(created)d mới, %(aliases)d tên gọi khác mới."
        ) % {
            "province": province,
            "bodies": result.bodies,
            "created": result.created,
            "aliases": result.aliases_created,
        }
        self.stdout.write(summary + (" " + _("Chạy thử: không ghi gì.") if dry_run else ""))
