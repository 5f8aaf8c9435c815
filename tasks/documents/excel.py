"""Reads an Excel (.xlsx) file as the text form of documents/text.py (see documents/office.py)."""

import io
import re
import zipfile

from django.utils.translation import gettext as _

from . import limits
from .data import ProgrammeFormatError
from .limits import damaged
from .office import row_line
from .package import scan_package
from .text import is_closing

MAX_PART_READ = 50 * 1024 * 1024  # bytes of a workbook part read for its merged cells
SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"')
RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
ATTRIBUTE = re.compile(rb'\b(Id|Target)="([^"]*)"')
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
    merges = _merged_down(raw)
    try:
        for index, sheet in enumerate(workbook.worksheets):
            rows, (last_row, last_column) = [], extent(sheet)
            for row in sheet.iter_rows(max_row=last_row, max_col=last_column, values_only=True) if last_row else ():
                cells = ["" if value is None else str(value) for value in row]
                while cells and not cells[-1].strip():
                    cells.pop()
                rows.append(cells)
            _fill_merged_down(rows, merges.get(index, []), name)
            where = _("trang tính «%(sheet)s», hàng %(row)d")
            for number, line in _sheet_lines(rows):
                lines.append(line)
                places.append(where % {"sheet": sheet.title, "row": number})
    finally:
        workbook.close()
    return "\n".join(lines)


MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _merged_down(raw):
    """{sheet index: [(column, first row, last row)]} of the cells merged over several rows, read from the sheets'
    XML in the workbook's order (openpyxl's read-only mode does not give them)."""
    from openpyxl.utils import column_index_from_string

    merges = {}
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = set(archive.namelist())
        relationships = RELATIONSHIP.findall(_part(archive, names, "xl/_rels/workbook.xml.rels"))
        attributes = [dict(ATTRIBUTE.findall(element)) for element in relationships]
        targets = {found.get(b"Id"): found.get(b"Target", b"") for found in attributes}
        for index, rid in enumerate(SHEET.findall(_part(archive, names, "xl/workbook.xml"))):
            target = targets.get(rid, b"").decode().lstrip("/").removeprefix("xl/")
            found = MERGE.findall(_part(archive, names, f"xl/{target}"))
            merges[index] = [
                (column_index_from_string(left.decode()) - 1, int(top), int(bottom))
                for left, top, _right, bottom in found
                if int(bottom) > int(top)
            ]
    return merges


def _part(archive, names, name):
    if name not in names:
        return b""
    with archive.open(name) as part:
        return part.read(MAX_PART_READ)


def _fill_merged_down(rows, merges, name=""):
    """A cell merged down over several task rows (one lead agency for three tasks) belongs to each of them: the
    rows below the first get its words where their own TT cell starts a new task."""
    filled = 0
    for column, top, bottom in merges:
        filled += max(0, min(bottom, len(rows)) - top)
        if bottom - top > limits.MAX_MERGED_ROWS or filled > limits.MAX_CELLS:
            raise limits.sheet_merges_too_tall(name)
        if column == 0 or top > len(rows) or column >= len(rows[top - 1]):
            continue
        for number in range(top + 1, min(bottom, len(rows)) + 1):
            row = rows[number - 1]
            if row and row[0].strip():
                row.extend([""] * (column + 1 - len(row)))
                row[column] = rows[top - 1][column]


def _sheet_lines(rows):
    """(sheet row, line) of the text form: table rows tab-separated; a title, header or closing line (one filled
    cell) as a plain line. Above the table
    (the header block: issuer and motto side by side, then the number and the place and date) and below it (from
    "Nơi nhận", the signer's "KT. CHỦ TỊCH" or a note on), every filled cell is a line of its own, left to right, so
    that nothing there reads as a table row or joins the last task."""
    lines, in_table, after_table = [], False, False
    filled = [[cell for cell in cells if cell.strip()] for cells in rows]
    for index, cells in enumerate(rows):
        number = index + 1  # the sheet row each line comes from
        in_table = in_table or (bool(cells) and cells[0].strip().lower() in ("tt", "stt"))
        after_table = after_table or (in_table and is_closing(cells))
        if not in_table or after_table:
            lines.extend([(number, row_line([cell])) for cell in filled[index]] or [(number, "")])
        elif len(filled[index]) > 1 or (cells and not cells[0].strip()):
            lines.append((number, row_line(cells)))
        elif in_table and cells and NUMBERED.match(cells[0]) and _tasks_follow(filled, index):
            lines.append((number, row_line([*cells, ""])))  # a section row whose title shares the TT cell
        else:
            lines.append((number, row_line(filled[index])))
    return lines


def _tasks_follow(filled, index):
    following = next((cells for cells in filled[index + 1 :] if cells), [])
    return len(following) > 1
