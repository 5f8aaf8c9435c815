"""Reads a Word (.docx) file as the text form of documents/text.py (see documents/office.py)."""

import io

from django.utils.translation import gettext as _

from agencies.text import nfc

from .data import ProgrammeFormatError
from .office import row_line
from .package import scan_package


def docx_to_text(raw, name="", places=None):
    """The text form of a .docx; `places`, if given, gets the place in the file of each line ("bảng 2, hàng 14")."""
    from docx import Document  # python-docx is only needed here
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    scan_package(raw, name)  # its tables' rows, grid columns and merges within documents/limits.py
    try:
        document = Document(io.BytesIO(raw))
    except Exception as error:  # python-docx raises several kinds on a damaged package
        raise ProgrammeFormatError(_("Tệp «%(name)s» bị hỏng, không mở được.") % {"name": name}) from error
    lines, in_tasks, tables, paragraphs = [], False, 0, 0
    places = [] if places is None else places
    paragraph_place = _("đoạn văn thứ %(number)d")  # translated once: gettext costs as much as the paragraph
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraphs += 1
            lines.extend(Paragraph(child, document).text.splitlines() or [""])
            places.extend([paragraph_place % {"number": paragraphs}] * (len(lines) - len(places)))
        elif child.tag.endswith("}tbl"):
            tables += 1
            rows = _grid_rows(Table(child, document))
            first = nfc(rows[0][0].text).strip().lower() if rows and rows[0] else ""
            # A task table starts with "TT"; a table right after one is its continuation on the next page.
            in_tasks = first in ("tt", "stt") or (in_tasks and len(rows[0]) > 2)
            if in_tasks:
                lines.extend(_task_rows(rows))
                where = _("bảng %(table)d, hàng %(row)d")
                places.extend(where % {"table": tables, "row": row} for row in range(1, len(rows) + 1))
            else:
                lines.extend(_plain_lines(rows))
                places.extend([_("bảng %(table)d") % {"table": tables}] * (len(lines) - len(places)))
    return "\n".join(lines)


def _grid_rows(table):
    """Each row's cells as python-docx's row.cells gives them (a cell once per grid column it spans, a cell merged
    down as the one it continues), found in the row above instead of walked back up the table from each row: the
    walk made a merge over n rows cost n * n XPath queries (501 rows: 17 s)."""
    from docx.table import _Cell

    rows, above = [], {}
    for tr in table._tbl.tr_lst:
        cells, by_offset, offset = [], {}, tr.grid_before
        for tc in tr.tc_lst:
            span = tc.grid_span
            # python-docx finds a continued cell by its exact grid offset in the row above, else fails
            cell = above.get(offset) if tc.vMerge == "continue" else None
            by_offset[offset] = cell = cell or _Cell(tc, table)
            cells.extend([cell] * span)
            offset += span
        rows.append(cells)
        above = by_offset
    return rows


def _plain_lines(rows):
    """A table that holds no tasks (the two-column header block): its paragraphs, one a line."""
    return [nfc(p.text) for row in rows for cell in _distinct(row) for p in cell.paragraphs]


def _task_rows(rows):
    lines, above = [], []
    for cells in rows:
        texts, previous = [], None
        # A row with a TT cell of its own and a number in it is a task; under a TT cell merged down, it continues
        # the row above (a header's second row, a task over two rows).
        own_number = bool(cells) and not (above and cells[0]._tc is above[0]._tc) and cells[0].text.strip()
        for column, cell in enumerate(cells):
            merged_left = previous is not None and cell._tc is previous._tc
            merged_up = column < len(above) and cell._tc is above[column]._tc
            # A cell merged down over several tasks (one lead agency for three tasks) belongs to each of them.
            shown = not merged_left and (not merged_up or own_number)
            texts.append("\n".join(p.text for p in cell.paragraphs) if shown else "")
            previous = cell
        lines.append(row_line(texts))
        above = cells
    return lines


def _distinct(cells):
    seen = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen
