"""Reads a programme from a Word (.docx) or Excel (.xlsx) file.

Both are turned into the text form of tasks/text_reader.py, a line per paragraph and a tab-separated line per
table row, so that one reader holds the rules for headers, sections, continued tasks and columns. Merged cells
become empty cells after the first, which is how a text copy of the signed document shows them: "Thời gian
thực hiện" over three phase columns, "TT" over two header rows.
"""

import io
import json
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from agencies.text import nfc

from .document import ProgrammeDoc, ProgrammeFormatError
from .evidence import OLE2  # legacy .doc/.xls, and also any password-protected Office file
from .text_reader import decode, read_programme_text

MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
NUMBERED = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)\.?(?:\s|$)")


def read_programme_file(raw: bytes, name: str) -> ProgrammeDoc:
    """A ProgrammeDoc from the bytes of a .docx, .xlsx, text or export_programme JSON file."""
    check_size(raw, name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in MAIN_PART or raw.startswith((b"PK\x03\x04", OLE2)):
        text = docx_to_text(raw, name) if office_kind(raw, name) == "docx" else xlsx_to_text(raw, name)
        return read_programme_text(text)
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
    return read_programme_text(text)


def check_size(raw, name):
    """Refuses a file over the upload limit (PTDS_MAX_UPLOAD_MB)."""
    if len(raw) > settings.PTDS_MAX_UPLOAD_MB * 1024 * 1024:
        raise ProgrammeFormatError(
            _("Tệp «%(name)s» vượt giới hạn %(limit)d MB.") % {"name": name, "limit": settings.PTDS_MAX_UPLOAD_MB}
        )


def office_kind(raw, name):
    """The file's real kind ("docx" or "xlsx"), or one clear message: encrypted, legacy, macros, corrupt."""
    if raw.startswith(OLE2):
        raise ProgrammeFormatError(
            _("Tệp «%(name)s» được đặt mật khẩu hoặc là định dạng Office cũ (.doc/.xls). Hãy bỏ mật khẩu và lưu "
              "lại dạng .docx hoặc .xlsx.") % {"name": name}
        )  # fmt: skip
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise ProgrammeFormatError(_("Tệp «%(name)s» bị hỏng, không mở được.") % {"name": name}) from error
    if any(part.lower().endswith("vbaproject.bin") for part in names):
        raise ProgrammeFormatError(
            _("Tệp «%(name)s» có macro; hãy lưu lại dạng .docx/.xlsx không có macro.") % {"name": name}
        )
    found = next((found for found, part in MAIN_PART.items() if part in names), None)
    if found is None:
        raise ProgrammeFormatError(_("Tệp «%(name)s» không phải tài liệu Word hay Excel.") % {"name": name})
    return found


def _row_line(cells):
    return "\t".join(nfc(" ".join(cell.split())) for cell in cells)


def docx_to_text(raw, name=""):
    from docx import Document  # python-docx is only needed here
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(raw))
    except Exception as error:  # python-docx raises several kinds on a damaged package
        raise ProgrammeFormatError(_("Tệp «%(name)s» bị hỏng, không mở được.") % {"name": name}) from error
    lines, in_tasks = [], False
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.extend(Paragraph(child, document).text.splitlines() or [""])
        elif child.tag.endswith("}tbl"):
            table = Table(child, document)
            rows = [row.cells for row in table.rows]
            first = nfc(rows[0][0].text).strip().lower() if rows and rows[0] else ""
            # A task table starts with "TT"; a table right after one is its continuation on the next page.
            in_tasks = first in ("tt", "stt") or (in_tasks and len(rows[0]) > 2)
            lines.extend(_task_rows(rows) if in_tasks else _plain_lines(rows))
    return "\n".join(lines)


def _plain_lines(rows):
    """A table that holds no tasks (the two-column header block): its paragraphs, one a line."""
    return [nfc(p.text) for row in rows for cell in _distinct(row) for p in cell.paragraphs]


def _task_rows(rows):
    lines, above = [], []
    for cells in rows:
        texts, previous = [], None
        for column, cell in enumerate(cells):
            merged_left = previous is not None and cell._tc is previous._tc
            merged_up = column < len(above) and cell._tc is above[column]._tc
            texts.append("" if merged_left or merged_up else "\n".join(p.text for p in cell.paragraphs))
            previous = cell
        lines.append(_row_line(texts))
        above = cells
    return lines


def _distinct(cells):
    seen = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


def open_workbook(raw, name=""):
    """The workbook, read-only with the values as last shown; the caller closes it."""
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds on a damaged package
        raise ProgrammeFormatError(_("Tệp «%(name)s» bị hỏng, không mở được.") % {"name": name}) from error


def xlsx_to_text(raw, name=""):
    workbook = open_workbook(raw, name)
    lines = []
    try:
        for sheet in workbook.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if value is None else str(value) for value in row]
                while cells and not cells[-1].strip():
                    cells.pop()
                rows.append(cells)
            lines.extend(_sheet_lines(rows))
    finally:
        workbook.close()
    return "\n".join(lines)


def _sheet_lines(rows):
    """Table rows tab-separated; a title, header or closing line (one filled cell) as a plain line."""
    lines, in_table = [], False
    filled = [[cell for cell in cells if cell.strip()] for cells in rows]
    for index, cells in enumerate(rows):
        in_table = in_table or (bool(cells) and cells[0].strip().lower() in ("tt", "stt"))
        if len(filled[index]) > 1 or (cells and not cells[0].strip()):
            lines.append(_row_line(cells))
        elif in_table and cells and NUMBERED.match(cells[0]) and _tasks_follow(filled, index):
            lines.append(_row_line([*cells, ""]))  # a section row whose title shares the TT cell
        else:
            lines.append(_row_line(filled[index]))
    return lines


def _tasks_follow(filled, index):
    following = next((cells for cells in filled[index + 1 :] if cells), [])
    return len(following) > 1
