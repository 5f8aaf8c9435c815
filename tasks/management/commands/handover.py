from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Reorganisation
from tasks.handover import hand_over, proposals
from tasks.models import Programme


class Command(BaseCommand):
    help = _(
        "Bàn giao việc còn dở của các cơ quan cũ sau một lần sắp xếp tổ chức cho cơ quan kế thừa đề xuất; phần việc "
        "chưa có đề xuất (chia tách, giải thể) được liệt kê để chọn trên trang Bàn giao. Không ghi --reorganisation: "
        "liệt kê các lần sắp xếp."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reorganisation", type=int, help=_("Số (id) của lần sắp xếp tổ chức."))
        parser.add_argument("--move-accounts", action="store_true", help=_("Chuyển cả tài khoản của cơ quan cũ."))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ cho biết sẽ chuyển gì, không ghi."))

    def handle(self, reorganisation, move_accounts, dry_run, **options):
        if reorganisation is None:
            for item in Reorganisation.objects.all():
                self.stdout.write(f"{item.pk}\t{item}")
            return
        item = Reorganisation.objects.filter(pk=reorganisation).first()
        if item is None:
            raise CommandError(_("Không có lần sắp xếp tổ chức số %(pk)d.") % {"pk": reorganisation})
        with transaction.atomic():
            found = proposals(item, Programme.objects.all())
            chosen = [(proposal, proposal.proposed) for proposal in found if proposal.proposed]
            for proposal in found:
                where = f"{proposal.programme}: {proposal.task.reference if proposal.task else _('cả chương trình')}"
                to = proposal.proposed.name if proposal.proposed else _("(chọn trên trang Bàn giao)")
                self.stdout.write(f"{where}\t{proposal.part.label}\t{proposal.former.name} → {to}")
            count = hand_over(item, chosen, move_accounts=move_accounts) if chosen else 0
            left = len(found) - len(chosen)
            if dry_run:
                transaction.set_rollback(True)
        figures = {"count": count, "left": left}
        if dry_run:
            self.stdout.write(
                _("Sẽ bàn giao %(count)d phần việc; %(left)d phần chờ chọn (chạy thử, chưa ghi gì).") % figures
            )
        else:
            self.stdout.write(_("Đã bàn giao %(count)d phần việc; %(left)d phần chờ chọn.") % figures)
