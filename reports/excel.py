"""The report as a workbook: "Tổng hợp" (the counts), "Chi tiết" (the appendix) and "Quá hạn".

Written in openpyxl's write-only mode so memory stays flat however many tasks there are. Every text cell
goes through tasks.spreadsheet.cell, which keeps "=..." as text, never a formula.
"""

import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tasks.spreadsheet import cell

DATE_FORMAT = "DD/MM/YYYY"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP = Alignment(vertical="top", wrap_text=True)

DETAIL_COLUMNS = [  # (heading, width in characters)
    (gettext_lazy("TT"), 6),
    (gettext_lazy("Nội dung nhiệm vụ"), 50),
    (gettext_lazy("Cơ quan chủ trì"), 22),
    (gettext_lazy("Cơ quan phối hợp"), 26),
    (gettext_lazy("Thời gian thực hiện"), 18),
    (gettext_lazy("Hạn hoàn thành"), 12),
    (gettext_lazy("Sản phẩm"), 26),
    (gettext_lazy("Kết quả thực hiện"), 40),
    (gettext_lazy("Tình trạng"), 18),
    (gettext_lazy("Tỷ lệ (%)"), 8),
    (gettext_lazy("Ghi chú"), 20),
]
COUNT_HEADINGS = [
    gettext_lazy("TT"),
    "",
    gettext_lazy("Tổng số"),
    gettext_lazy("Hoàn thành đúng hạn"),
    gettext_lazy("Hoàn thành quá hạn"),
    gettext_lazy("Chưa hoàn thành, trong hạn"),
    gettext_lazy("Chưa hoàn thành, quá hạn"),
    gettext_lazy("Thường xuyên"),
    gettext_lazy("Tỷ lệ hoàn thành (%)"),
]


def _boxed(sheet, value, bold=False, align=TOP, number_format=None):
    result = cell(sheet, value, bold=bold, number_format=number_format)
    result.border = BOX
    result.alignment = align
    return result


def _landscape_a4(sheet, title_rows=None):
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows


def _widths(sheet, widths):
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _summary_sheet(workbook, content):
    sheet = workbook.create_sheet(_("Tổng hợp"))
    _widths(sheet, [6, 48, 10, 12, 12, 14, 14, 12, 12])
    _landscape_a4(sheet)
    sheet.append([cell(sheet, content.setup.issuing_body, bold=True)])
    sheet.append([cell(sheet, _("BÁO CÁO"), bold=True)])
    sheet.append([cell(sheet, content.subject, bold=True)])
    sheet.append([cell(sheet, content.window_text)])
    sheet.append([cell(sheet, content.total.summary_line())])
    for heading, rows in ((_("Mục"), content.by_section), (_("Cơ quan chủ trì"), content.by_lead)):
        sheet.append([])
        sheet.append([_boxed(sheet, text or heading, bold=True, align=CENTRE) for text in COUNT_HEADINGS])
        for index, (label, count) in enumerate(rows, 1):
            sheet.append([_boxed(sheet, index), _boxed(sheet, label), *_count_cells(sheet, count)])
        sheet.append([_boxed(sheet, ""), _boxed(sheet, _("Tổng cộng"), bold=True), *_count_cells(sheet, content.total)])


def _count_cells(sheet, count):
    numbers = [
        count.total,
        count.done_on_time,
        count.done_late,
        count.not_done_on_time,
        count.not_done_overdue,
        count.ongoing,
    ]
    return [_boxed(sheet, n) for n in numbers] + [_boxed(sheet, count.completion_rate, number_format="0.0")]


HEADER_ROW = 3  # of a sheet of tasks: under its two title lines
LAST_COLUMN = get_column_letter(len(DETAIL_COLUMNS))


def _task_sheet(workbook, title, lines):
    """A sheet of task rows: two title lines, then the header row, frozen and repeated on every printed page."""
    sheet = workbook.create_sheet(title)
    _widths(sheet, [width for _heading, width in DETAIL_COLUMNS])
    _landscape_a4(sheet, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    first, second = lines
    sheet.append([cell(sheet, first, bold=True)])
    sheet.append([cell(sheet, second)])
    sheet.append([_boxed(sheet, heading, bold=True, align=CENTRE) for heading, _width in DETAIL_COLUMNS])
    return sheet


def _heading_row(sheet, row_number, numeral, text):
    """A bold row across the table: a section ("I", its title), or a programme over its sections."""
    sheet.append(
        [_boxed(sheet, numeral, bold=True, align=CENTRE), _boxed(sheet, text, bold=True)]
        + [_boxed(sheet, "") for _i in range(len(DETAIL_COLUMNS) - 2)]
    )
    sheet.merged_cells.add(f"B{row_number}:{LAST_COLUMN}{row_number}")


def _task_rows(sheet, sections, row_number, tick):
    """The sections' rows from below `row_number`; returns the last row written."""
    for section, rows in sections:
        row_number += 1
        _heading_row(sheet, row_number, section.numeral, section.title)
        for row in rows:
            row_number += 1
            sheet.append(
                [
                    _boxed(sheet, row.number, align=CENTRE),
                    _boxed(sheet, row.content),
                    _boxed(sheet, row.lead),
                    _boxed(sheet, row.support),
                    _boxed(sheet, row.timeframe),
                    _boxed(sheet, row.deadline, number_format=DATE_FORMAT),
                    _boxed(sheet, row.deliverable),
                    _boxed(sheet, "\n".join(row.result_lines)),
                    _boxed(sheet, str(row.status.label)),
                    _boxed(sheet, row.percent),
                    _boxed(sheet, "\n".join(row.notes)),
                ]
            )
            tick()
    return row_number


def _ticker(total, on_progress):
    """A function to call once per task row written: tells on_progress the share done every 500 rows."""
    done = 0

    def tick():
        nonlocal done
        done += 1
        if on_progress and done % 500 == 0:
            on_progress(done / max(total, 1))

    return tick


def _detail_sheet(workbook, content, on_progress):
    title = _("KẾT QUẢ THỰC HIỆN NHIỆM VỤ %(period)s") % {"period": content.period.label.upper()}
    sheet = _task_sheet(workbook, _("Chi tiết"), [title, content.subject])
    last = _task_rows(sheet, content.sections, HEADER_ROW, _ticker(content.row_count, on_progress))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{LAST_COLUMN}{last}"


def _overdue_sheet(workbook, content):
    sheet = workbook.create_sheet(_("Quá hạn"))
    headings = [
        (_("TT"), 8),
        (_("Nội dung nhiệm vụ"), 60),
        (_("Cơ quan chủ trì"), 26),
        (_("Hạn hoàn thành"), 14),
        (_("Số ngày quá hạn"), 10),
        (_("Tình trạng"), 22),
    ]
    _widths(sheet, [width for _heading, width in headings])
    _landscape_a4(sheet, title_rows="1:1")
    sheet.freeze_panes = "A2"
    sheet.append([_boxed(sheet, heading, bold=True, align=CENTRE) for heading, _width in headings])
    for row in content.overdue:
        sheet.append(
            [
                _boxed(sheet, row.ref),
                _boxed(sheet, row.content),
                _boxed(sheet, row.lead),
                _boxed(sheet, row.deadline, number_format=DATE_FORMAT),
                _boxed(sheet, (content.as_of - row.deadline).days),
                _boxed(sheet, str(row.status.label)),
            ]
        )
    sheet.auto_filter.ref = f"A1:F{len(content.overdue) + 1}"


def _directives_sheet(workbook, content):
    sheet = workbook.create_sheet(_("Ý kiến chỉ đạo"))
    headings = [(_("Ngày"), 12), (_("Nhiệm vụ"), 14), (_("Người chỉ đạo"), 30), (_("Nội dung chỉ đạo"), 70)]
    _widths(sheet, [width for _heading, width in headings])
    _landscape_a4(sheet, title_rows="1:1")
    sheet.freeze_panes = "A2"
    sheet.append([_boxed(sheet, heading, bold=True, align=CENTRE) for heading, _width in headings])
    for directive in content.directives:
        sheet.append(
            [
                _boxed(sheet, directive.day, number_format=DATE_FORMAT),
                _boxed(sheet, directive.ref or _("Toàn chương trình")),
                _boxed(sheet, directive.author),
                _boxed(sheet, directive.text),
            ]
        )


def render_xlsx(content, on_progress=None) -> bytes:
    workbook = Workbook(write_only=True)
    _summary_sheet(workbook, content)
    _detail_sheet(workbook, content, on_progress)
    _overdue_sheet(workbook, content)
    if content.directives:
        _directives_sheet(workbook, content)
    return _saved(workbook)


UNIT_HEADINGS = [  # (heading, width): the consolidated table of a unit's report
    (gettext_lazy("TT"), 6),
    (gettext_lazy("Đơn vị, chương trình"), 44),
    (gettext_lazy("Tổng số"), 9),
    (gettext_lazy("Hoàn thành đúng hạn"), 11),
    (gettext_lazy("Hoàn thành quá hạn"), 11),
    (gettext_lazy("Chờ xác nhận hoàn thành"), 11),
    (gettext_lazy("Đang thực hiện trong hạn"), 11),
    (gettext_lazy("Đang thực hiện quá hạn"), 11),
    (gettext_lazy("Chưa thực hiện, trong hạn"), 11),
    (gettext_lazy("Chưa thực hiện, quá hạn"), 11),
    (gettext_lazy("Thường xuyên"), 11),
    (gettext_lazy("Tỷ lệ hoàn thành (%)"), 11),
    (gettext_lazy("Báo cáo trong kỳ"), 11),
]
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")  # what Excel refuses in a sheet's name


def _unit_cells(sheet, number, label, count, reported, bold=False):
    cells = [_boxed(sheet, number, bold=bold, align=CENTRE), _boxed(sheet, label, bold=bold)]
    cells += [
        _boxed(sheet, n, bold=bold)
        for n in (
            count.total,
            count.done_on_time,
            count.done_late,
            count.awaiting,
            count.in_progress_on_time,
            count.in_progress_overdue,
            count.not_started_on_time,
            count.not_started_overdue,
            count.ongoing,
        )
    ]
    cells.append(_boxed(sheet, count.completion_rate, bold=bold, number_format="0.0"))
    yes_no = "" if reported is None else (_("Có") if reported else _("Chưa"))
    return [*cells, _boxed(sheet, yes_no, bold=bold, align=CENTRE)]


def _unit_summary_sheet(workbook, content):
    sheet = workbook.create_sheet(_("Tổng hợp"))
    _widths(sheet, [width for _heading, width in UNIT_HEADINGS])
    _landscape_a4(sheet)
    for line, bold in (
        (content.setup.issuing_body, True),
        (_("BÁO CÁO"), True),
        (content.subject, True),
        (content.window_text, False),
        (content.total.summary_line(), False),
    ):
        sheet.append([cell(sheet, line, bold=bold)])
    sheet.append([])
    sheet.append([_boxed(sheet, heading, bold=True, align=CENTRE) for heading, _width in UNIT_HEADINGS])
    for appendix in content.appendices:
        unit = appendix.figures
        sheet.append(_unit_cells(sheet, appendix.numeral, unit.unit.name, unit.count, unit.reported, bold=True))
        for index, programme in enumerate(unit.programmes, 1):
            sheet.append(_unit_cells(sheet, index, str(programme.programme), programme.count, programme.reported))
    sheet.append(_unit_cells(sheet, "", _("Tổng cộng"), content.total, None, bold=True))
    sheet.append([])
    sheet.append([cell(sheet, _("Đơn vị chưa báo cáo tiến độ trong kỳ:"), bold=True)])
    for unit in content.figures.not_reported:
        sheet.append([cell(sheet, ""), cell(sheet, unit.unit.name)])
    if not content.figures.not_reported:
        sheet.append([cell(sheet, ""), cell(sheet, _("Không có; các đơn vị đều đã báo cáo trong kỳ."))])


def render_unit_xlsx(content, on_progress=None) -> bytes:
    """A unit's consolidated report: "Tổng hợp", then a sheet per unit with its tasks, programme by programme."""
    workbook = Workbook(write_only=True)
    _unit_summary_sheet(workbook, content)
    tick = _ticker(content.row_count, on_progress)
    for appendix in content.appendices:
        unit = appendix.figures.unit
        title = _("KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA %(unit)s %(period)s") % {
            "unit": unit.name.upper(),
            "period": content.period.label.upper(),
        }
        # Excel caps a sheet's name at 31 characters; the numeral keeps two long names apart.
        name = SHEET_NAME.sub(" ", f"{appendix.numeral}. {unit.name}")[:31]
        sheet = _task_sheet(workbook, name, [title, content.subject])
        last = HEADER_ROW
        for report in appendix.reports:
            last += 1
            _heading_row(sheet, last, "", f"{report.programme}: {report.programme.title}")
            last = _task_rows(sheet, report.sections, last, tick)
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{LAST_COLUMN}{last}"
    return _saved(workbook)


def _saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
