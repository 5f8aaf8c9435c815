import datetime
from contextlib import nullcontext

from django.conf import settings
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from tasks import reminders
from tasks.periods import PeriodError

NO_SENDING = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = _(
        "Gửi thư nhắc việc trong ngày: cán bộ mỗi cơ quan nhận danh sách nhiệm vụ quá hạn và sắp đến hạn (và thông báo "
        "trên cổng), Ban CHQS nhận danh sách cơ quan chủ trì chưa báo cáo trong quý, mỗi người nhận thư tổng hợp thông "
        "báo mới theo loại đã chọn. Chạy lại trong cùng ngày không gửi lại."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Chỉ cho biết sẽ gửi gì; không gửi, không ghi gì.")
        )
        parser.add_argument(
            "--days",
            type=int,
            help=_("Nhắc nhiệm vụ đến hạn trong bấy nhiêu ngày tới (mặc định %(days)d, PTDS_REMINDER_DAYS).")
            % {"days": settings.PTDS_REMINDER_DAYS},
        )
        parser.add_argument("--date", help=_("Ngày nhắc, dạng YYYY-MM-DD (mặc định hôm nay), để gửi bù hoặc chạy thử."))

    def handle(self, dry_run, days, date, **options):
        day = self._day(date) if date else None
        if days is not None and days < 0:
            raise CommandError(_("Số ngày (--days) phải từ 0 trở lên."))
        # A dry run takes the same path to a backend that sends nothing, and is rolled back. A real run is not
        # wrapped: each message commits its record as it goes, so a crash midway does not send the others twice.
        with transaction.atomic() if dry_run else nullcontext():
            try:
                raised = reminders.raise_daily(day, days)
                found = reminders.plan(day, days)
            except PeriodError as error:  # a year outside 2000–2100
                raise CommandError(str(error)) from error
            self.stdout.write(_("Thông báo quá hạn, sắp đến hạn trong ngày: %(count)d.") % {"count": raised})
            failed = self._send(found, get_connection(NO_SENDING) if dry_run else None, dry_run)
            if dry_run:
                transaction.set_rollback(True)
        if failed:
            raise CommandError(_("%(count)d thư không gửi được; chạy lại lệnh để gửi lại.") % {"count": failed})

    def _send(self, found, connection, dry_run):
        for note in found.notes:
            self.stdout.write(note)
        sent = again = failed = 0
        verb = _("Sẽ gửi (chạy thử)") if dry_run else _("Đã gửi")
        for reminder in found.reminders:
            try:
                if not reminder.send(found.day, connection):
                    again += 1
                    self.stdout.write(
                        _("Đã gửi trước đó trong ngày, không gửi lại: %(agency)s.") % {"agency": reminder.agency}
                    )
                    continue
            except reminders.ReminderFailed as error:
                failed += 1
                self.stderr.write(str(error))
                continue
            sent += 1
            self.stdout.write(
                _("%(verb)s tới %(agency)s (%(what)s): %(recipients)s – “%(subject)s”")
                % {
                    "verb": verb,
                    "agency": reminder.agency,
                    "what": reminder.what,
                    "recipients": ", ".join(reminder.recipients),
                    "subject": reminder.subject,
                }
            )
        self.stdout.write(
            _("Ngày %(day)s: %(verb)s %(sent)d thư; %(again)d thư đã gửi trước đó; %(failed)d thư lỗi.")
            % {
                "day": found.day.strftime("%d/%m/%Y"),
                "verb": verb.lower(),
                "sent": sent,
                "again": again,
                "failed": failed,
            }
        )
        return failed

    def _day(self, text):
        try:
            return datetime.datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError as error:
            raise CommandError(
                _("Ngày “%(text)s” không đúng; hãy ghi một ngày có thật theo mẫu YYYY-MM-DD, ví dụ 2025-12-01.")
                % {"text": text}
            ) from error
