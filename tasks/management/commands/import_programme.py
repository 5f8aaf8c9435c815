import argparse
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from tasks.documents import ProgrammeFormatError, read_programme_file
from tasks.documents.amendment import apply_amendment, compare
from tasks.documents.columns import ColumnRole, parse_roles
from tasks.documents.store import existing_programme, save_programme


def summary(doc, new_agencies):
    review = sum(1 for task in doc.tasks if task.schedule and task.schedule.needs_review)
    lines = [
        _(
            "%(kind)s số %(number)s (%(issuer)s, năm %(year)d): %(phases)d giai đoạn, %(objectives)d mục tiêu, "
            "%(sections)d mục, %(tasks)d nhiệm vụ."
        )
        % {
            "kind": doc.kind,
            "number": doc.number,
            "issuer": doc.issuer or "-",
            "year": doc.year,
            "phases": len(doc.phases),
            "objectives": sum(len(p.objectives) for p in doc.phases),
            "sections": len(doc.sections),
            "tasks": len(doc.tasks),
        },
    ]
    if new_agencies:
        lines.append(_("Cơ quan mới, cần rà soát: %(names)s.") % {"names": "; ".join(a.name for a in new_agencies)})
    if review:
        lines.append(_("%(count)d nhiệm vụ có thời gian thực hiện chưa đọc được, cần rà soát.") % {"count": review})
    return "\n".join(lines)


def _roles(text):
    try:
        return parse_roles(text)
    except ProgrammeFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


class Command(BaseCommand):
    help = _(
        "Nhập một chương trình, kế hoạch từ tệp Word (.docx), Excel (.xlsx), văn bản UTF-8 "
        "hoặc JSON của export_programme."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ cho biết sẽ tạo gì, không ghi gì."))
        parser.add_argument("--json", dest="as_json", action="store_true", help=_("In kết quả dạng JSON."))
        parser.add_argument(
            "--columns",
            type=_roles,
            help=_(
                "Vai trò của từng cột bảng nhiệm vụ, từ trái sang phải, khi tiêu đề cột không rõ: "
                "number,content,lead,support,time,deliverable,extra,ignore (ví dụ: number,content,lead,time,extra)."
            ),
        )
        parser.add_argument(
            "--amend",
            action="store_true",
            help=_(
                "Văn bản sửa đổi, bổ sung của chương trình đã nhập: cập nhật theo bản mới, giữ tiến độ, lịch sử và "
                "minh chứng; nhiệm vụ bị bỏ mà đã có báo cáo được lưu trữ."
            ),
        )

    def handle(self, path, dry_run, as_json, amend, columns, **options):
        try:
            doc = read_programme_file(path, columns=columns)
            self._say_columns(doc, self.stderr if as_json else self.stdout)
            with transaction.atomic():
                existing = existing_programme(doc) if amend else None
                if existing:
                    amendment = compare(existing, doc)
                    new_agencies = apply_amendment(
                        amendment, reason=_("Sửa đổi, bổ sung theo tệp %(file)s.") % {"file": Path(path).name}
                    )
                else:
                    _programme, new_agencies = save_programme(doc)
                if dry_run:
                    transaction.set_rollback(True)
        except ProgrammeFormatError as error:
            raise CommandError(str(error)) from error
        if as_json:
            self.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
            return
        if existing:
            verb = _("Sẽ cập nhật (chạy thử, không ghi gì)") if dry_run else _("Đã cập nhật")
            changes = amendment.lines() or [_("Không có gì thay đổi.")]
            self.stdout.write(f"{verb} {existing}: " + "\n".join([summary(doc, new_agencies), *changes]))
        else:
            verb = _("Sẽ nhập (chạy thử, không ghi gì)") if dry_run else _("Đã nhập")
            self.stdout.write(f"{verb}: {summary(doc, new_agencies)}")

    def _say_columns(self, doc, out):
        """The columns as read, so a wrong guess is seen; a table whose content column is unknown is refused."""
        if not doc.columns:
            return
        roles = [role for _header, role in doc.columns]
        used = "; ".join(f"«{header or '—'}» → {ColumnRole(role).label}" for header, role in doc.columns)
        out.write(_("Các cột của bảng nhiệm vụ: %(columns)s.") % {"columns": used})
        if ColumnRole.CONTENT not in roles:
            raise ProgrammeFormatError(_("Không nhận ra cột nội dung nhiệm vụ; hãy chỉ rõ các cột bằng --columns."))
        if doc.columns_guessed:
            out.write(_("Cột nội dung được đoán; nếu chưa đúng, hãy chỉ rõ các cột bằng --columns."))
