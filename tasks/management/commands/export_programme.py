import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tasks.documents.store import programme_to_doc
from tasks.models import Programme, ProgrammeNotFound


class Command(BaseCommand):
    help = _("In một chương trình đã nhập dưới dạng JSON (cùng dạng với import_programme --json).")

    def add_arguments(self, parser):
        parser.add_argument("number", help=_("Số, ký hiệu, ví dụ 04/CTr-UBND"))
        parser.add_argument("--year", type=int)
        parser.add_argument("--issuer")

    def handle(self, number, year, issuer, **options):
        try:
            programme = Programme.objects.by_number(number, year, issuer)
        except ProgrammeNotFound as error:
            raise CommandError(str(error)) from error
        data = programme_to_doc(programme).to_dict()
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
