"""Reads an Excel (.xlsx) file as the text form of documents/text.py (see documents/office.py)."""

import io
import re

from django.utils.translation import gettext as _

from .data import ProgrammeFormatError
from .limits import damaged
from .office import row_line
from .package import scan_package
from .text import is_closing

NUMBERED = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)\.?(?:\s|$)")


def open_workbook(raw, name=""):
    """(the workbook, read-only with the values as last shown, and its `extent` function), once the package is
    within documents/limits.py; the caller closes the workbook. `extent(sheet)` is the last row and column of the
    sheet with content (0, 0 for an empty sheet): read no further, whatever the sheet's <dimension> declares."""
    from openpyxl import load_workbook

    sheets = scan_package(raw, name)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds on a damaged package
        raise ProgrammeFormatError(_("Tệp «%(name)s» bị hỏng, không mở được.") % {"name": name}) from error

    def extent(sheet):
        found = sheets.get(getattr(sheet, "_worksheet_path", None))
        if found is None:
            raise damaged(name)
        return found

    return workbook, extent


def xlsx_to_text(raw, name="", places=None):
    """The text form of a .xlsx, a line per sheet row; `places`, if given, gets the sheet and row of each line."""
    workbook, extent = open_workbook(raw, name)
    lines = []
    places = [] if places is None else places
    try:
        for sheet in workbook.worksheets:
            rows, (last_row, last_column) = [], extent(sheet)
            for row in sheet.iter_rows(max_row=last_row, max_col=last_column, values_only=True) if last_row else ():
                cells = ["" if value is None else str(value) for value in row]
                while cells and not cells[-1].strip():
                    cells.pop()
                rows.append(cells)
            lines.extend(_sheet_lines(rows))
            where = _("trang tính «%(sheet)s», hàng %(row)d")
            places.extend(where % {"sheet": sheet.title, "row": row} for row in range(1, len(rows) + 1))
    finally:
        workbook.close()
    return "\n".join(lines)


def _sheet_lines(rows):
    """Table rows tab-separated; a title, header or closing line (one filled cell) as a plain line. Above the table
    (the header block: issuer and motto side by side, then the number and the place and date) and below it (from
    "Nơi nhận", the signer's "KT. CHỦ TỊCH" or a note on), every filled cell is a line of its own, left to right, so
    that nothing there reads as a table row or joins the last task."""
    lines, in_table, after_table = [], False, False
    filled = [[cell for cell in cells if cell.strip()] for cells in rows]
    for index, cells in enumerate(rows):
        in_table = in_table or (bool(cells) and cells[0].strip().lower() in ("tt", "stt"))
        after_table = after_table or (in_table and is_closing(cells))
        if not in_table or after_table:
            lines.extend([row_line([cell]) for cell in filled[index]] or [""])
        elif len(filled[index]) > 1 or (cells and not cells[0].strip()):
            lines.append(row_line(cells))
        elif in_table and cells and NUMBERED.match(cells[0]) and _tasks_follow(filled, index):
            lines.append(row_line([*cells, ""]))  # a section row whose title shares the TT cell
        else:
            lines.append(row_line(filled[index]))
    return lines


def _tasks_follow(filled, index):
    following = next((cells for cells in filled[index + 1 :] if cells), [])
    return len(following) > 1
