"""Spreadsheet cells that are safe to open: text stays text, never a formula, and never breaks the file."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(sheet, value, bold=False, wrap=False, number_format=None):
    if isinstance(value, Promise):  # lazy translations
        value = str(value)
    if isinstance(value, str):  # XML has no control characters but tab and line ends: "\x01" would fail the file
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    result = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        # openpyxl would store "=..." as a formula; a text cell with a quote prefix shows it as typed.
        result.data_type = "s"
        result.quotePrefix = True
    if bold:
        result.font = Font(bold=True)
    if wrap:
        result.alignment = Alignment(wrap_text=True, vertical="top")
    if number_format:
        result.number_format = number_format
    return result


def xlsx_download(data, name):
    """An .xlsx file to save, named for today: nhiem-vu-20261122.xlsx."""
    return HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.xlsx"'},
    )
