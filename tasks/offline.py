"""Progress reports on paper-like terms: an agency's tasks as an Excel sheet to fill, and the filled sheet read back.

The sheet is guidance, not security: it is protected without a password so that only the report columns take
input, and every value read back is checked again by the web form (tasks.forms.ProgressForm) before it is saved.
Reading gives plain, JSON-ready rows (dates as ISO text) with what could not be read noted per cell; which task
a row may report on is decided by the caller, who knows the user.
"""

import datetime
import io
import re
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from agencies.text import nfc
from ptds.forms import MAX_ID

from .documents import ProgrammeFormatError
from .documents.excel import open_workbook
from .documents.office import OLE2, check_size, office_kind
from .periods import quarter_of
from .spreadsheet import cell
from .status import Progress


class SheetError(Exception):
    """An uploaded file that is not a filled template of ours; the message says why, for the officer."""


SHEET_TITLE = gettext_lazy("Nhiệm vụ")
TASK_ID = "task"
# (key, header, width): what the portal shows, locked; the task id first, to read the rows back.
SHOWN_COLUMNS = [
    (TASK_ID, gettext_lazy("Mã"), 8),
    ("programme", gettext_lazy("Chương trình"), 14),
    ("section", gettext_lazy("Mục"), 6),
    ("number", gettext_lazy("TT"), 6),
    ("content", gettext_lazy("Nội dung nhiệm vụ"), 60),
    ("lead", gettext_lazy("Cơ quan chủ trì"), 28),
    ("deadline", gettext_lazy("Hạn"), 12),
    ("current_status", gettext_lazy("Tình trạng hiện tại"), 22),
    ("current_percent", gettext_lazy("Tỷ lệ hiện tại (%)"), 10),
]
# What the officer fills: the keys are the fields of ProgressForm.
INPUT_COLUMNS = [
    ("status", gettext_lazy("Tình trạng"), 18),
    ("percent", gettext_lazy("Tỷ lệ (%)"), 10),
    ("result", gettext_lazy("Kết quả thực hiện"), 50),
    ("completed_on", gettext_lazy("Ngày hoàn thành"), 14),
    ("document_kind", gettext_lazy("Loại văn bản"), 16),
    ("document_number", gettext_lazy("Số, ký hiệu"), 16),
    ("document_date", gettext_lazy("Ngày văn bản"), 14),
    ("period", gettext_lazy("Kỳ báo cáo"), 12),
]
INPUT_FIELDS = [key for key, _header, _width in INPUT_COLUMNS]
DATE_FIELDS = ("completed_on", "document_date")
# The period is filled in advance on recurring tasks: alone it is no report.
REPORT_FIELDS = [key for key in INPUT_FIELDS if key != "period"]
HEADER_ROW = 3
MAX_ROWS = 2000  # far more than an agency's tasks; a sheet beyond it is not our template

MAX_COLUMNS = 50  # the template has 17; columns further right are not read
DATE_FORMAT = "DD/MM/YYYY"
SHOWN_FILL = PatternFill("solid", fgColor="E9ECEF")
INPUT_FILL = PatternFill("solid", fgColor="FFF3CD")
UNLOCKED = Protection(locked=False)
TOP = Alignment(wrap_text=True, vertical="top")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def headers():
    """{field: header} of every column, in the words of the sheet."""
    return {key: str(header) for key, header, _width in SHOWN_COLUMNS + INPUT_COLUMNS}


def write_template(tasks, agency):
    """The .xlsx bytes of the sheet: the tasks (annotated by with_status()) and empty report columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(SHEET_TITLE)
    columns = SHOWN_COLUMNS + INPUT_COLUMNS
    last_column = get_column_letter(len(columns))
    today = timezone.localdate()
    title = _("Báo cáo tiến độ thực hiện nhiệm vụ – %(agency)s – ngày %(date)s") % {
        "agency": agency.name,
        "date": today.strftime("%d/%m/%Y"),
    }
    guide = _(
        "Điền các cột nền vàng, mỗi nhiệm vụ một dòng; dòng để trống không được báo cáo. Không sửa cột «Mã». "
        "Tình trạng chọn trong danh sách; ngày ghi dd/mm/yyyy; kỳ báo cáo (nhiệm vụ thường xuyên, định kỳ) "
        "ghi như 2025-Q4. Tải tệp lên ở trang «Việc của tôi» để xem lại từng dòng trước khi ghi."
    )
    sheet.append([cell(sheet, title, bold=True)])
    sheet.append([cell(sheet, guide, wrap=True)])
    sheet.append([cell(sheet, header, bold=True, wrap=True) for _key, header, _width in columns])
    sheet.merge_cells(f"A1:{last_column}1")
    sheet.merge_cells(f"A2:{last_column}2")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.row_dimensions[2].height = 45
    for index, (key, _header, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(HEADER_ROW, index).fill = INPUT_FILL if key in INPUT_FIELDS else SHOWN_FILL
    period = quarter_of(today).key
    for task in tasks:
        shown = [
            cell(sheet, task.pk, number_format="0"),
            cell(sheet, task.section.programme.number),
            cell(sheet, task.section.numeral),
            cell(sheet, task.number),
            cell(sheet, task.content, wrap=True),
            cell(sheet, task.lead_as_written, wrap=True),
            cell(sheet, task.deadline, number_format=DATE_FORMAT),
            cell(sheet, task.status_label, wrap=True),
            cell(sheet, task.percent or 0),
        ]
        sheet.append(shown + [_input(sheet, key, task, period) for key in INPUT_FIELDS])
    first, last = HEADER_ROW + 1, sheet.max_row
    if last >= first:
        _add_validations(sheet, first, last)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    # Guidance, not security: no password; columns and rows may still be resized.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _input(sheet, key, task, period):
    """An empty report cell, unlocked; the period only on recurring tasks (prefilled with this quarter)."""
    if key == "period" and not task.is_recurring:
        locked = cell(sheet, None)  # the web form has no period for such a task
        locked.fill = SHOWN_FILL
        return locked
    result = cell(sheet, period if key == "period" else None)
    if key in DATE_FIELDS:
        result.number_format = DATE_FORMAT
    elif key == "percent":
        result.number_format = "0"
    elif key in ("document_number", "period"):
        result.number_format = "@"  # "12/QĐ" or "2025-03" must stay text, never become a date
    result.protection = UNLOCKED
    result.fill = INPUT_FILL
    result.alignment = TOP
    return result


def _add_validations(sheet, first, last):
    columns = {key: get_column_letter(index) for index, key in enumerate(headers(), 1)}

    def validation(key, **options):
        rule = DataValidation(allow_blank=True, showErrorMessage=True, showInputMessage=True, **options)
        rule.add(f"{columns[key]}{first}:{columns[key]}{last}")
        sheet.add_data_validation(rule)

    labels = ",".join(str(label) for label in Progress.labels)
    validation(
        "status",
        type="list",
        formula1=f'"{labels}"',
        errorTitle=_("Tình trạng"),
        error=_("Hãy chọn một tình trạng trong danh sách."),
    )
    validation(
        "percent",
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        errorTitle=_("Tỷ lệ (%)"),
        error=_("Tỷ lệ hoàn thành là số nguyên từ 0 đến 100."),
    )
    for key in DATE_FIELDS:
        # Not a date rule (a date typed as text would be refused); a hint shown on the cell instead.
        validation(key, promptTitle=headers()[key], prompt=_("Ngày dạng dd/mm/yyyy, ví dụ 15/03/2025."))
    validation(
        "period",
        promptTitle=_("Kỳ báo cáo"),
        prompt=_("Ví dụ 2025-Q4 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng), 2025 (năm), 2025-03 (tháng)."),
    )


def read_filled(raw, name="bao-cao.xlsx"):
    """The filled rows of a template: a dict per row with the report fields as form data and what was unreadable.

    Each row: {"row": sheet row number, "task": task id or None, "task_ref": the id cell as written,
    <field>: text as the web form takes it (status as its Progress value, dates as YYYY-MM-DD), ...,
    "errors": {field: message}}. Rows with no report cell filled are left out. A file that is not our
    template (or too big, corrupt, password-protected, with macros) raises SheetError.
    """
    try:
        check_size(len(raw), name)  # the checks of a programme file, and their messages
        if not raw.startswith((b"PK\x03\x04", OLE2)) or office_kind(raw, name) != "xlsx":
            raise SheetError(_("Tệp «%(name)s» không phải tệp Excel (.xlsx).") % {"name": name})
    except ProgrammeFormatError as error:
        raise SheetError(str(error)) from error
    found, missing = _find_header(_sheet_rows(raw, name))
    if found is None or missing:
        names = ", ".join(f"«{headers()[key]}»" for key in missing)
        raise SheetError(
            _(
                "Tệp «%(name)s» không phải mẫu báo cáo tiến độ của cổng: thiếu cột %(columns)s. Hãy bấm «Tải mẫu "
                "Excel» ở trang «Việc của tôi» và điền vào mẫu đó."
            )
            % {"name": name, "columns": names}
        )
    rows, header_number, columns = found
    result = []
    for number, values in rows:
        if number <= header_number:
            continue
        row = _read_row(number, values, columns)
        if row is None:
            continue
        if len(result) == MAX_ROWS:
            raise _too_many(name)
        result.append(row)
    return result


def _too_many(name):
    return SheetError(
        _("Tệp «%(name)s» có hơn %(count)d dòng được điền; hãy chia thành nhiều tệp.")
        % {"name": name, "count": MAX_ROWS}
    )


def _find_header(sheets):
    """(rows, header row number, {field: column index}) of the first sheet with our header row, and the columns
    missing from the closest header found (all of them when no sheet has a «Mã» column)."""
    wanted = {_header_key(str(header)): key for key, header, _width in [SHOWN_COLUMNS[0], *INPUT_COLUMNS]}
    found, missing = None, list(wanted.values())
    for rows in sheets:
        for number, values in rows[:20]:
            columns = {}
            for index, (value, _format) in enumerate(values):
                if isinstance(value, str) and _header_key(value) in wanted:
                    columns.setdefault(wanted[_header_key(value)], index)
            if TASK_ID not in columns:
                continue
            absent = [key for key in wanted.values() if key not in columns]
            if not absent:
                return (rows, number, columns), []
            if found is None or len(absent) < len(missing):
                found, missing = (rows, number, columns), absent
    return found, missing


def _sheet_rows(raw, name):
    """Every sheet's rows as (row number, [(value, number format), ...]); a damaged file says so."""
    try:
        workbook, extent = open_workbook(raw, name)
    except ProgrammeFormatError as error:
        raise SheetError(str(error)) from error
    sheets = []
    try:
        for sheet in workbook.worksheets:
            rows, (last_row, last_column) = [], extent(sheet)
            bounded = sheet.iter_rows(max_row=last_row, max_col=min(last_column, MAX_COLUMNS)) if last_row else ()
            for number, cells in enumerate(bounded, 1):
                values = [(c.value, getattr(c, "number_format", None) or "") for c in cells]
                if any(not _blank(value) for value, _format in values):
                    rows.append((number, values))
                if len(rows) > MAX_ROWS + HEADER_ROW:
                    raise _too_many(name)
            sheets.append(rows)
    except SheetError:
        raise
    except Exception as error:  # openpyxl reads lazily: a damaged sheet fails only here
        raise SheetError(_("Tệp «%(name)s» bị hỏng, không mở được.") % {"name": name}) from error
    finally:
        workbook.close()
    return sheets


def _header_key(text):
    return nfc(text).casefold()


def _read_row(number, values, columns):
    def value(key):
        index = columns[key]
        return values[index] if index < len(values) else (None, "")

    if all(_blank(value(key)[0]) for key in REPORT_FIELDS):
        return None
    row = {"row": number, "errors": {}}
    raw_id = value(TASK_ID)[0]
    row["task_ref"] = _cell_text(raw_id)
    row["task"] = _task_id(raw_id)
    for key in INPUT_FIELDS:
        content, number_format = value(key)
        try:
            row[key] = _convert(key, content, number_format)
        except ValueError as error:
            row[key] = ""
            row["errors"][key] = str(error)
    return row


def _blank(content):
    return content is None or (isinstance(content, str) and not content.strip())


def _cell_text(content):
    if content is None:
        return ""
    if isinstance(content, float) and content.is_integer():
        content = int(content)
    if isinstance(content, datetime.datetime | datetime.date):
        return content.strftime("%d/%m/%Y")
    return nfc(str(content))


def _task_id(content):
    """The id in the first column, or None when it is not one (a bigger number than any id is not one either)."""
    if isinstance(content, bool):
        return None
    if isinstance(content, int | float) and float(content).is_integer():
        content = int(content)
    text = _cell_text(content)
    number = int(text) if text.isascii() and text.isdigit() else 0
    return number if 0 < number <= MAX_ID else None


def _convert(key, content, number_format):
    """One cell as the web form's data; ValueError with the message for the officer when it cannot be read."""
    if _blank(content):
        return ""
    if key == "status":
        return _status(content)
    if key == "percent":
        return _percent(content, number_format)
    if key in DATE_FIELDS:
        return _date(content)
    if key == "result":  # line breaks kept: several results, one a line
        return unicodedata.normalize("NFC", str(content)).strip()
    return _cell_text(content)


def _status(content):
    choices = {_header_key(str(label)): value for value, label in Progress.choices}
    choices.update({value: value for value in Progress.values})
    found = choices.get(_header_key(_cell_text(content)))
    if found is None:
        raise ValueError(
            _("«%(value)s» không có trong danh sách tình trạng (%(labels)s).")
            % {"value": _cell_text(content), "labels": ", ".join(str(label) for label in Progress.labels)}
        )
    return found


def _percent(content, number_format):
    if isinstance(content, bool):
        raise ValueError(_("phải là số từ 0 đến 100."))
    if isinstance(content, int | float):
        if "%" in number_format:  # "50%" typed into Excel is stored as 0.5
            content = round(content * 100, 6)
        return _cell_text(content)
    return _cell_text(content).removesuffix("%").strip()


def _date(content):
    if isinstance(content, datetime.datetime):
        return content.date().isoformat()
    if isinstance(content, datetime.date):
        return content.isoformat()
    text = _cell_text(content)
    try:
        if found := DAY_MONTH_YEAR.fullmatch(text):
            day, month, year = (int(part) for part in found.groups())
            return datetime.date(year, month, day).isoformat()
        if found := ISO_DATE.fullmatch(text):
            year, month, day = (int(part) for part in found.groups())
            return datetime.date(year, month, day).isoformat()
    except ValueError:
        pass  # "31/02/2025": the form of a date, not a day of the calendar
    raise ValueError(_("không đọc được ngày «%(value)s»; hãy ghi dạng dd/mm/yyyy.") % {"value": text})
