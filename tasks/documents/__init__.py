"""The programme-document pipeline: reading a signed programme or plan into plain data, and storing it.

`read_programme_file()` is the one entry point for reading: Word, Excel, PDF with a text layer (a scanned one by OCR,
ocr.py, for the review page only), UTF-8 text and the portal's own JSON all become a `ProgrammeDoc`
(documents/data.py), or raise `ProgrammeFormatError` with a message for the user. Each reader is a module of its own
(text.py holds the rules; word.py, excel.py, pdf.py and ocr.py turn a file into that text); store.py writes a
ProgrammeDoc to the database and amendment.py compares it with what is stored. Nothing here knows of views or forms.
"""

import json
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .data import ProgrammeDoc, ProgrammeFormatError
from .excel import xlsx_to_text
from .ocr import ocr_available, ocr_to_text
from .office import MAIN_PART, OLE2, check_size, office_kind
from .pdf import SCANNED_UNREAD, ScannedPdf, is_pdf, pdf_to_text
from .text import decode, read_programme_text
from .word import docx_to_text

__all__ = ["ProgrammeDoc", "ProgrammeFormatError", "read_programme_file", "head_of"]


def head_of(source, name=None):
    """(bytes, name) of a path, an uploaded file or bytes: at most one byte over the upload limit, which is
    enough for check_size() to refuse the file, so a huge upload is never held whole."""
    limit = settings.PTDS_MAX_UPLOAD_MB * 1024 * 1024 + 1
    if isinstance(source, bytes):
        return source, name or ""
    if isinstance(source, str | Path):
        try:
            with open(source, "rb") as file:
                return file.read(limit), name or Path(source).name
        except OSError as error:
            raise ProgrammeFormatError(
                _("Không đọc được tệp %(path)s: %(error)s") % {"path": source, "error": error.strerror}
            ) from error
    return source.read(limit), name or source.name


def read_programme_file(source, name=None, columns=None, ocr=False) -> ProgrammeDoc:
    """A ProgrammeDoc from a .docx, .xlsx, .pdf (with a text layer), text or export_programme JSON file: a path, an
    uploaded file, or the file's bytes with its name. A PDF is known by its "%PDF-" signature, whatever its name.
    `columns` (a ColumnRole per task-table column, left to right) overrides what the header words say. With `ocr`
    (only where the result is reviewed before it is saved), a scanned PDF is read by OCR when the machine has it."""
    raw, name = head_of(source, name)
    check_size(len(raw), name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    places = []  # where each line of the text form stands in a Word, Excel or PDF file, for messages
    if is_pdf(raw, name):
        try:
            return _read_located(pdf_to_text(raw, name, places), places, columns)
        except ScannedPdf:
            if not ocr or not ocr_available():
                raise
        doc = _read_located(_by_ocr(raw, name, places), places, columns)
        doc.read_by_ocr = True
        return doc
    if extension in MAIN_PART or raw.startswith((b"PK\x03\x04", OLE2)):
        to_text = docx_to_text if office_kind(raw, name) == "docx" else xlsx_to_text
        return _read_located(to_text(raw, name, places), places, columns)
    text = decode(raw)
    if text.lstrip().startswith("{"):
        try:
            return ProgrammeDoc.from_dict(json.loads(text))
        except json.JSONDecodeError as error:
            raise ProgrammeFormatError(
                _("Dòng %(line)d: JSON không hợp lệ (%(error)s).") % {"line": error.lineno, "error": error.msg},
                error.lineno,
            ) from error
        except RecursionError as error:  # "[[[[...": the decoder gives up before the text ends
            message = _("JSON lồng nhau quá nhiều tầng, không phải chương trình xuất từ cổng.")
            raise ProgrammeFormatError(message) from error
    return read_programme_text(text, columns)


def _by_ocr(raw, name, places):
    """The text OCR reads, or the scanned PDF's message with why OCR could not read it."""
    try:
        return ocr_to_text(raw, name, places)
    except ProgrammeFormatError as error:
        raise ProgrammeFormatError(SCANNED_UNREAD % {"reason": error}) from error


def _read_located(text, places, columns):
    try:
        return read_programme_text(text, columns)
    except ProgrammeFormatError as error:
        raise error.located(places) from error
