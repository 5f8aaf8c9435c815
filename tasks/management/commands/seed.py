from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.directory import sync_fixtures
from agencies.models import Agency
from tasks.demo import DEMO_PASSWORD, demo_account, write_history
from tasks.demo_province import ACCOUNTS, PROVINCE, build_province
from tasks.documents import ProgrammeFormatError, read_programme_file
from tasks.documents.store import existing_programme, save_programme
from tasks.roles import COMMAND_STAFF, LEADERSHIP, OFFICER, ensure_role_groups

FIXTURES = settings.BASE_DIR / "fixtures"
# username: (role group, agency, full name)
DEMO_USERS = {
    "chqs": (COMMAND_STAFF, "Ban Chỉ huy quân sự thành phố Thái Nguyên", "Trần Văn Chỉ Huy"),
    "congan": (OFFICER, "Công an thành phố Thái Nguyên", "Lê Thị Công An"),
    "yte": (OFFICER, "Phòng Y tế thành phố Thái Nguyên", "Phạm Văn Y Tế"),
    "lanhdao": (LEADERSHIP, None, "Nguyễn Văn Lãnh Đạo"),
}


class Command(BaseCommand):
    help = _("Nạp danh mục cơ quan và hai chương trình mẫu; chạy lại không thay đổi gì.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users", action="store_true", help=_("Tạo thêm tài khoản mẫu cho từng vai trò (mật khẩu ptds-demo).")
        )
        parser.add_argument(
            "--demo-history",
            action="store_true",
            help=_("Cùng tài khoản mẫu, ghi thêm quá trình báo cáo mẫu (các quý trước, minh chứng, quá hạn, bỏ kỳ)."),
        )
        parser.add_argument(
            "--without-province",
            action="store_true",
            help=_("Không dựng tỉnh mẫu: chỉ hai chương trình mẫu và tài khoản của chúng."),
        )

    @transaction.atomic
    def handle(self, demo_users, demo_history, without_province, **options):
        total, created = sync_fixtures(FIXTURES)
        self.stdout.write(
            _("Danh mục cơ quan: %(total)d cơ quan, %(created)d mới.") % {"total": total, "created": created}
        )
        for path in sorted((FIXTURES / "programmes").glob("*.txt")):
            try:
                doc = read_programme_file(path)
                if existing_programme(doc):
                    self.stdout.write(_("%(number)s đã có, giữ nguyên.") % {"number": doc.number})
                    continue
                save_programme(doc)
            except ProgrammeFormatError as error:
                raise CommandError(f"{path.name}: {error}") from error
            self.stdout.write(
                _("Đã nạp %(kind)s số %(number)s: %(tasks)d nhiệm vụ.")
                % {"kind": doc.kind, "number": doc.number, "tasks": len(doc.tasks)}
            )
        groups = ensure_role_groups()
        if demo_users or demo_history:
            self.create_demo_users(groups)
            if not without_province:
                self.build_province(groups)
        if demo_history:
            written = write_history()
            self.stdout.write(
                _("Quá trình báo cáo mẫu: %(count)d báo cáo.") % {"count": written}
                if written
                else _("Quá trình báo cáo mẫu đã có, giữ nguyên.")
            )

    def create_demo_users(self, groups):
        users = get_user_model().objects
        for username, (role, agency_name, full_name) in DEMO_USERS.items():
            agency = Agency.objects.get(name=agency_name) if agency_name else None
            demo_account(username, groups[role], agency, full_name)
        if not users.filter(username="admin").exists():
            users.create_superuser("admin", "admin@example.invalid", DEMO_PASSWORD)
        self.stdout.write(
            _("Tài khoản mẫu: chqs, congan, yte, lanhdao, admin (mật khẩu %(password)s).") % {"password": DEMO_PASSWORD}
        )

    def build_province(self, groups):
        communes = build_province(groups)
        if not communes:
            self.stdout.write(_("Tỉnh mẫu %(province)s đã có, giữ nguyên.") % {"province": PROVINCE})
            return
        self.stdout.write(
            _(
                "Tỉnh mẫu %(province)s: %(communes)d xã, phường có kế hoạch thực hiện kế hoạch của tỉnh; chương trình "
                "04/CTr-UBND đã bàn giao theo sắp xếp năm 2025. Tài khoản: %(accounts)s (mật khẩu %(password)s)."
            )
            % {"province": PROVINCE, "communes": communes, "accounts": ", ".join(ACCOUNTS), "password": DEMO_PASSWORD}
        )
