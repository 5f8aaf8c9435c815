"""How much work a reader of an uploaded file may do, in one place, and the messages that name each limit.

The upload limit (PTDS_MAX_UPLOAD_MB) bounds only the compressed file: a 2 KB .xlsx may declare a million rows,
a 200 KB one five million shared strings, a .docx cell a span of a million columns. So each reader of a Word,
Excel or PDF file is bounded by what it will read, checked before the library builds anything (package.py scans the
zip's member list and every XML part as a stream) and while it reads (pdf.py, page by page). Each value is large
enough for a real province plan, whose appendix has a few hundred tasks in about ten columns.
"""

from django.utils.translation import gettext as _

from .data import ProgrammeFormatError

# The zip package (Word and Excel), from its member list, before any part is opened.
MAX_MEMBERS = 1000  # parts in the package; a real .docx or .xlsx has tens, a few hundred with many images
MAX_MEMBER_MB = 50  # uncompressed size of one part; a 5,000-row sheet is about 5 MB of XML
MAX_RATIO = 200  # uncompressed / compressed size of one part; real XML compresses 5 to 30 times
RATIO_FROM_BYTES = 1024 * 1024  # a small part may compress better (an empty sheet of styled cells) and costs nothing
MAX_ELEMENTS = 1_000_000  # XML elements in one part: what the XML library builds; a 5,000-row Word table has ~600,000

# Excel workbooks: the sheets, and what one sheet may hold (its declared <dimension> is ignored).
MAX_SHEETS = 20  # a plan has one to a few sheets (appendices); each sheet costs a read
MAX_ROWS = 5000  # the last row with content; a province plan has a few hundred task rows
MAX_COLUMNS = 60  # the last column with content; plans have 5 to 15, the offline sheet 17
MAX_BLANK_ROWS = 10_000  # <row> elements with no content (formatted rows): Excel writes one per row styled by hand
MAX_CELLS = 300_000  # <c> elements in a sheet, blank ones too (styled cells): 5,000 rows of 60 columns
MAX_STYLE_ELEMENTS = 100_000  # XML elements of the styles part, each an object openpyxl builds (60,000 formats: 2 s);
# Excel itself allows 64,000 cell formats, and a plan uses a few dozen
MAX_SHARED_STRINGS = 200_000  # distinct texts of a workbook, all held in memory when it is opened

# Word documents: python-docx reads each paragraph and run in Python (about 50 µs each, and more in a big document).
MAX_PARAGRAPHS = 20_000  # <w:p> elements, table cells' too: a 100-page plan with a 3,000-cell appendix has ~5,000
MAX_RUNS = 100_000  # <w:r> elements (runs of one formatting): a real paragraph has one to a few

# Word tables: the cell grid python-docx builds repeats a merged cell for each grid column and row it covers.
MAX_TABLE_ROWS = MAX_ROWS
MAX_TABLE_COLUMNS = MAX_COLUMNS  # grid columns of a row, counting each cell's gridSpan
MAX_MERGED_ROWS = 500  # rows of one vertical merge: a lead agency over a few dozen tasks, not a whole province

# PDF: pages are counted before reading, time and characters checked page by page.
MAX_PAGES = 200  # a plan with its appendices is under 100 pages
TIME_LIMIT = 60  # seconds; gunicorn's worker timeout (deploy/gunicorn.conf.py) is 120
MAX_PDF_CHARS = 2_000_000  # characters of the text layer; a dense A4 page has about 5,000


def number(value):
    """A count as Vietnamese writes it: 5.000, 1.000.000."""
    return f"{value:,}".replace(",", ".")


def refuse(message, **values):
    """A ProgrammeFormatError with the message, counts written as numbers (the offline reader turns it into a
    SheetError with the same words)."""
    shown = {key: number(value) if isinstance(value, int) else value for key, value in values.items()}
    return ProgrammeFormatError(message % shown)


def too_many_members(name):
    return refuse(_("Tệp «%(name)s» có hơn %(limit)s phần, quá giới hạn đọc."), name=name, limit=MAX_MEMBERS)


def member_too_big(name, part):
    message = _("Tệp «%(name)s»: phần «%(part)s» giải nén ra hơn %(limit)s MB, quá giới hạn đọc.")
    return refuse(message, name=name, part=part, limit=MAX_MEMBER_MB)


def member_too_compressed(name, part):
    message = _("Tệp «%(name)s»: phần «%(part)s» nén hơn %(limit)s lần, quá giới hạn đọc.")
    return refuse(message, name=name, part=part, limit=MAX_RATIO)


def too_many_elements(name, part):
    message = _("Tệp «%(name)s»: phần «%(part)s» có hơn %(limit)s phần tử XML, quá giới hạn đọc.")
    return refuse(message, name=name, part=part, limit=MAX_ELEMENTS)


def too_many_sheets(name):
    return refuse(_("Tệp «%(name)s» có hơn %(limit)s trang tính, quá giới hạn đọc."), name=name, limit=MAX_SHEETS)


def too_many_rows(name):
    message = _("Tệp «%(name)s» có trang tính có dữ liệu sau hàng %(limit)s, quá giới hạn đọc.")
    return refuse(message, name=name, limit=MAX_ROWS)


def too_many_columns(name):
    message = _("Tệp «%(name)s» có trang tính có dữ liệu sau cột %(limit)s, quá giới hạn đọc.")
    return refuse(message, name=name, limit=MAX_COLUMNS)


def too_many_blank_rows(name):
    message = _(
        "Tệp «%(name)s» có trang tính hơn %(limit)s hàng trống được định dạng, quá giới hạn đọc; hãy xoá các hàng "
        "trống thừa rồi lưu lại."
    )
    return refuse(message, name=name, limit=MAX_BLANK_ROWS)


def too_many_cells(name):
    message = _("Tệp «%(name)s» có trang tính hơn %(limit)s ô, quá giới hạn đọc.")
    return refuse(message, name=name, limit=MAX_CELLS)


def too_many_styles(name):
    message = _("Tệp «%(name)s» có hơn %(limit)s phần tử định dạng (styles), quá giới hạn đọc.")
    return refuse(message, name=name, limit=MAX_STYLE_ELEMENTS)


def too_many_strings(name):
    message = _("Tệp «%(name)s» có hơn %(limit)s chuỗi chữ dùng chung, quá giới hạn đọc.")
    return refuse(message, name=name, limit=MAX_SHARED_STRINGS)


def too_many_paragraphs(name):
    return refuse(_("Tệp «%(name)s» có hơn %(limit)s đoạn văn, quá giới hạn đọc."), name=name, limit=MAX_PARAGRAPHS)


def too_many_runs(name):
    message = _("Tệp «%(name)s» có hơn %(limit)s đoạn chữ định dạng riêng, quá giới hạn đọc.")
    return refuse(message, name=name, limit=MAX_RUNS)


def table_too_long(name, table):
    message = _("Tệp «%(name)s»: bảng %(table)s có hơn %(limit)s hàng, quá giới hạn đọc.")
    return refuse(message, name=name, table=table, limit=MAX_TABLE_ROWS)


def table_too_wide(name, table):
    message = _("Tệp «%(name)s»: bảng %(table)s có hàng rộng hơn %(limit)s cột (kể cả ô gộp), quá giới hạn đọc.")
    return refuse(message, name=name, table=table, limit=MAX_TABLE_COLUMNS)


def merge_too_tall(name, table):
    message = _("Tệp «%(name)s»: bảng %(table)s có ô gộp dọc hơn %(limit)s hàng, quá giới hạn đọc.")
    return refuse(message, name=name, table=table, limit=MAX_MERGED_ROWS)


def sheet_merges_too_tall(name):
    message = _("Tệp «%(name)s» có ô gộp dọc hơn %(limit)s hàng, hoặc quá nhiều ô gộp dọc, quá giới hạn đọc.")
    return refuse(message, name=name, limit=MAX_MERGED_ROWS)


def too_many_chars(name, limit=MAX_PDF_CHARS):
    return refuse(_("Tệp «%(name)s» có hơn %(limit)s ký tự, quá giới hạn đọc."), name=name, limit=limit)


def damaged(name):
    return refuse(_("Tệp «%(name)s» bị hỏng, không mở được."), name=name)
