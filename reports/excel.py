"""The report as a workbook: "Tổng hợp" (the counts), "Chi tiết" (the appendix) and "Quá hạn".

Written in openpyxl's write-only mode so memory stays flat however many tasks there are. Every text cell
goes through tasks.spreadsheet.cell, which keeps "=..." as text, never a formula.
"""

import io

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


def _detail_sheet(workbook, content, on_progress):
    sheet = workbook.create_sheet(_("Chi tiết"))
    _widths(sheet, [width for _heading, width in DETAIL_COLUMNS])
    header_row = 3
    _landscape_a4(sheet, title_rows=f"{header_row}:{header_row}")
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.append(
        [cell(sheet, _("KẾT QUẢ THỰC HIỆN NHIỆM VỤ %(period)s") % {"period": content.period.label.upper()}, bold=True)]
    )
    sheet.append([cell(sheet, content.subject)])
    sheet.append([_boxed(sheet, heading, bold=True, align=CENTRE) for heading, _width in DETAIL_COLUMNS])
    last_column = get_column_letter(len(DETAIL_COLUMNS))
    row_number, done, total = header_row, 0, max(content.row_count, 1)
    for section, rows in content.sections:
        row_number += 1
        sheet.append(
            [_boxed(sheet, section.numeral, bold=True, align=CENTRE), _boxed(sheet, section.title, bold=True)]
            + [_boxed(sheet, "") for _i in range(len(DETAIL_COLUMNS) - 2)]
        )
        sheet.merged_cells.add(f"B{row_number}:{last_column}{row_number}")
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
            done += 1
            if on_progress and done % 500 == 0:
                on_progress(done / total)
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{row_number}"


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


def render_xlsx(content, on_progress=None) -> bytes:
    workbook = Workbook(write_only=True)
    _summary_sheet(workbook, content)
    _detail_sheet(workbook, content, on_progress)
    _overdue_sheet(workbook, content)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
