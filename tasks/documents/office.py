"""What Word and Excel files share: the size limit, the real kind of the file, and a table row as a text line.

Word and Excel files are both turned into the text form that documents/text.py reads, a line per paragraph and a
tab-separated line per table row, so that one reader holds the rules for headers, sections, continued tasks and
columns. Merged cells become empty cells after the first, which is how a text copy of the signed document shows
them: "Thời gian thực hiện" over three phase columns, "TT" over two header rows.
"""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from agencies.text import nfc

from .data import ProgrammeFormatError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls, and also any password-protected Office file
MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def check_size(size, name):
    """Refuses a file of `size` bytes over the upload limit (PTDS_MAX_UPLOAD_MB)."""
    if size > settings.PTDS_MAX_UPLOAD_MB * 1024 * 1024:
        raise ProgrammeFormatError(
            _("Tệp «%(name)s» vượt giới hạn %(limit)d MB.") % {"name": name, "limit": settings.PTDS_MAX_UPLOAD_MB}
        )


def has_macros(part_names):
    """A package with a VBA project: a .docm or .xlsm, whatever its name says."""
    return any(part.lower().endswith("vbaproject.bin") for part in part_names)


def office_kind(raw, name):
    """The file's real kind ("docx" or "xlsx"), or one clear message: encrypted, legacy, macros, corrupt."""
    if raw.startswith(OLE2):
        raise ProgrammeFormatError(
            _(
                "Tệp «%(name)s» được đặt mật khẩu hoặc là định dạng Office cũ (.doc/.xls). Hãy bỏ mật khẩu và lưu "
                "lại dạng .docx hoặc .xlsx."
            )
            % {"name": name}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise ProgrammeFormatError(_("Tệp «%(name)s» bị hỏng, không mở được.") % {"name": name}) from error
    if has_macros(names):
        raise ProgrammeFormatError(
            _("Tệp «%(name)s» có macro; hãy lưu lại dạng .docx/.xlsx không có macro.") % {"name": name}
        )
    found = next((found for found, part in MAIN_PART.items() if part in names), None)
    if found is None:
        raise ProgrammeFormatError(_("Tệp «%(name)s» không phải tài liệu Word hay Excel.") % {"name": name})
    return found


def row_line(cells):
    return "\t".join(nfc(" ".join(cell.split())) for cell in cells)
