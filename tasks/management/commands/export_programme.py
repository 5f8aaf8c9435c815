import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tasks.importer import programme_to_doc
from tasks.models import Programme


class Command(BaseCommand):
    help = _("In một chương trình đã nhập dưới dạng JSON (cùng dạng với import_programme --json).")

    def add_arguments(self, parser):
        parser.add_argument("number", help=_("Số, ký hiệu, ví dụ 04/CTr-UBND"))
        parser.add_argument("--year", type=int)
        parser.add_argument("--issuer")

    def handle(self, number, year, issuer, **options):
        programmes = Programme.objects.filter(number="".join(number.split()))
        if year:
            programmes = programmes.filter(year=year)
        if issuer:
            programmes = programmes.filter(issuer=issuer)
        found = list(programmes[:2])
        if not found:
            raise CommandError(_("Không có chương trình số %(number)s.") % {"number": number})
        if len(found) > 1:
            raise CommandError(
                _("Có nhiều chương trình số %(number)s; hãy chọn bằng --year hoặc --issuer.") % {"number": number}
            )
        data = programme_to_doc(found[0]).to_dict()
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
