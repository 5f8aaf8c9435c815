"""Checks an uploaded evidence file by its content, not only by its name."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .documents.office import MAIN_PART, OLE2, has_macros

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "doc": (OLE2,),
    "xls": (OLE2,),
}
EXTENSIONS = {
    "pdf": "pdf",
    "png": "png",
    "jpg": "jpg",
    "jpeg": "jpg",
    "doc": "doc",
    "xls": "xls",
    "docx": "docx",
    "xlsx": "xlsx",
}


def check_evidence(upload):
    """The file's kind ("pdf", "docx", ...) or a ValidationError in Vietnamese."""
    limit = settings.PTDS_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("Tệp «%(name)s» nặng %(size)s MB, vượt giới hạn %(limit)d MB.")
            % {
                "name": upload.name,
                "size": number_format(upload.size / 1024 / 1024, 1),
                "limit": settings.PTDS_MAX_UPLOAD_MB,
            }
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    kind = EXTENSIONS.get(extension)
    if kind is None:
        raise ValidationError(
            _("Tệp «%(name)s» không thuộc loại được nhận (PDF, DOC/DOCX, XLS/XLSX, JPG/PNG).") % {"name": upload.name}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if kind in MAIN_PART:
        matches = _is_office_open_xml(upload, MAIN_PART[kind])
    else:
        matches = head.startswith(SIGNATURES[kind])
    if not matches:
        raise ValidationError(
            _("Nội dung tệp «%(name)s» không phải tệp %(kind)s thật (có thể đã bị đổi tên).")
            % {"name": upload.name, "kind": kind.upper()}
        )
    return kind


def _is_office_open_xml(upload, required_part):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    # Macros are refused: a .docm renamed .docx must not pass.
    return required_part in names and not has_macros(names)
