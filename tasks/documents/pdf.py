"""Reads a PDF with a text layer (printed from Word or a document system, or digitally signed) as the text form of
documents/text.py, as word.py does for the .docx it came from (see documents/office.py).

Each page gives its ruled tables (pdfplumber's "lines" strategy: cells are the rectangles the rulings close) and the
text outside them, in order from the top. A table row becomes a tab-separated line, a cell merged over others
(pdfplumber leaves the cells it covers empty) an empty cell after the first, a cell's wrapped lines one (a line
ending in a hyphen joined by what the layout and the words tell, _join_wrapped); a table continued on the next page
simply follows, its repeated header and a task's continuation row (an empty TT cell) left to the text reader, as in
a text copy. Outside the tables the lines of a paragraph wrapped by the layout are joined (a line is the wrap of the
one above when the first word of it would not have fitted there), a vertical gap of about a line is an empty line,
and a line split by a wide gap (the number and the date side by side) becomes two lines.

The file is bounded (documents/limits.py) before it is read: its size (check_size), its pages (MAX_PAGES, counted
without reading them); and while it is read, page by page: the time spent (TIME_LIMIT) and the characters of the
text layer (MAX_PDF_CHARS). A PDF of scanned images only (ScannedPdf), an encrypted or a damaged one each get one
message.
"""

import io
import itertools
import re
import time
from operator import itemgetter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from agencies.text import nfc

from .data import ProgrammeFormatError
from .limits import MAX_PAGES, MAX_PDF_CHARS, TIME_LIMIT, too_many_chars
from .office import row_line

SIGNATURE = b"%PDF-"
TEXT_SETTINGS = {"x_tolerance_ratio": 0.15}  # a gap over 0.15 of the letters' size is a space, at any font size
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "text_settings": TEXT_SETTINGS}
EMPTY_LINE_GAP = 0.8  # a gap over this many line heights between two lines is an empty paragraph
COLUMN_GAP = 2.5  # a gap over this many line heights between two words splits the line
FIT_SLACK = 0.5  # points: a word "would have fitted" only with this much to spare, for rounding in the layout
SYMBOL_PART = re.compile(r"^(?=(?:[^A-ZĐ]*[A-ZĐ]){2})[0-9A-Za-zĐđ&]+$")


SCANNED = _lazy(
    "Tệp PDF chỉ có ảnh quét, chưa có lớp chữ; cổng chưa nhận dạng chữ từ ảnh. Hãy tải lên bản Word (.docx) hoặc "
    "bản PDF in ra từ Word hay hệ thống quản lý văn bản."
)
SCANNED_UNREAD = _lazy(  # where OCR ran and could not read it
    "Tệp PDF chỉ có ảnh quét, chưa có lớp chữ; nhận dạng chữ từ ảnh không đọc được: %(reason)s Hãy tải lên bản Word "
    "(.docx) hoặc bản PDF in ra từ Word hay hệ thống quản lý văn bản."
)


class ScannedPdf(ProgrammeFormatError):
    """A PDF of scanned pages only: read by OCR (documents/ocr.py) where the upload is reviewed, refused elsewhere."""


def is_pdf(raw, name=""):
    return raw[:1024].lstrip().startswith(SIGNATURE) or name.lower().endswith(".pdf")


def pdf_to_text(raw, name="", places=None):
    """The text form of a PDF with a text layer; `places`, if given, gets the page of each line."""
    import pdfplumber  # only needed here
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage

    started = time.monotonic()
    damaged = _("Tệp «%(name)s» bị hỏng, không mở được.") % {"name": name}
    try:
        pdf = pdfplumber.open(io.BytesIO(raw), unicode_norm="NFC")
    except Exception as error:  # pdfminer raises several kinds on a damaged file
        # pdfplumber wraps pdfminer's exception as the first argument of its own
        if any(isinstance(cause, PDFPasswordIncorrect) for cause in (error, error.__cause__, *error.args[:1])):
            raise ProgrammeFormatError(
                _("Tệp «%(name)s» được đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lên lại.") % {"name": name}
            ) from error
        raise ProgrammeFormatError(damaged) from error
    lines, any_text, any_image, chars = [], False, False, 0
    try:
        try:
            count = sum(1 for _page in itertools.islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1))
        except Exception as error:
            raise ProgrammeFormatError(damaged) from error
        if count > MAX_PAGES:
            raise ProgrammeFormatError(
                _("Tệp «%(name)s» có hơn %(limit)d trang, quá giới hạn đọc.") % {"name": name, "limit": MAX_PAGES}
            )
        if count == 0:
            raise ProgrammeFormatError(damaged)
        pages = []
        for page in pdf.pages:
            if time.monotonic() - started > TIME_LIMIT:
                raise ProgrammeFormatError(
                    _("Tệp «%(name)s» đọc quá %(limit)d giây, dừng lại.") % {"name": name, "limit": TIME_LIMIT}
                )
            try:
                chars += len(page.chars)  # before the tables are looked for, the costly part
                if chars > MAX_PDF_CHARS:
                    raise too_many_chars(name, MAX_PDF_CHARS)
                pages.append((round(page.width), *_page_parts(page)))
                any_text = any_text or bool(page.chars)
                any_image = any_image or bool(page.images)
            except ProgrammeFormatError:
                raise
            except Exception as error:  # a broken content stream
                raise ProgrammeFormatError(damaged) from error
            finally:
                page.close()  # drop the page's parsed objects before the next one
    finally:
        pdf.close()
    if not any_text:
        if any_image:
            raise ScannedPdf(SCANNED)
        raise ProgrammeFormatError(_("Tệp «%(name)s» không có chữ nào.") % {"name": name})
    # The margins of the text, per page width (portrait and landscape pages), from every page of that width.
    margins = {}
    for width, tables, segments in pages:
        edges = [(s["x0"], s["x1"]) for s in segments] + [(t[0][0], t[0][2]) for t in tables]
        if edges:
            left, right = margins.get(width, (edges[0][0], edges[0][1]))
            margins[width] = (min(left, *(e[0] for e in edges)), max(right, *(e[1] for e in edges)))
    places = [] if places is None else places
    for number, (width, tables, segments) in enumerate(pages, 1):
        placed = [(box[1], rows) for box, rows in tables] + _paragraphs(segments, *margins.get(width, (0, 0)))
        placed.sort(key=lambda item: item[0])
        lines.extend(line for _top, group in placed for line in group)
        places.extend([_("trang %(page)d") % {"page": number}] * (len(lines) - len(places)))
    return "\n".join(lines)


def _page_parts(page):
    """The page's ruled tables as (bounding box, text lines) and the line segments of the text outside them."""
    found = page.find_tables({**TABLE_SETTINGS, "explicit_horizontal_lines": _closing_lines(page)})
    tables = []
    for table in found:
        rows = ((row, _within(page.chars, row.bbox)) for row in table.rows)
        tables.append((table.bbox, [row_line(_cell_text(chars, cell) for cell in row.cells) for row, chars in rows]))
    boxes = [box for box, _rows in tables]

    def outside(obj):
        return obj.get("object_type") != "char" or not any(_inside(obj, box) for box in boxes)

    text_lines = page.filter(outside).extract_text_lines(return_chars=True, **TEXT_SETTINGS)
    return tables, [segment for line in text_lines for segment in _split_wide_gaps(line)]


def _closing_lines(page):
    """A horizontal line across the ends of the vertical rulings where no ruling runs: a row broken by the page end
    has no bottom border on the first page (nor a top one on the next when the header is not repeated), so it would
    close no cell. Where a ruling does run (under "Thời gian thực hiện"), the rulings ending there are a merged cell's
    inner borders, and a line across would split the cells merged over both header rows."""
    ruled = {round(edge["top"]) for edge in page.edges if edge["orientation"] == "h"}
    ends = {}
    for edge in page.edges:
        if edge["orientation"] == "v" and edge["height"] > 3:
            for y in (round(edge["top"]), round(edge["bottom"])):
                x0, x1 = ends.get(y, (edge["x0"], edge["x0"]))
                ends[y] = (min(x0, edge["x0"]), max(x1, edge["x0"]))
    return [
        {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0}
        for y, (x0, x1) in ends.items()
        if x1 > x0 and not ruled & {y - 1, y, y + 1}
    ]


def _cell_text(chars, cell):
    """A cell's lines as one: the characters whose middle is in the cell (as pdfplumber's own extraction takes
    them), in words and lines, each line joined to the one above (_join_wrapped)."""
    from pdfplumber.utils import DEFAULT_Y_TOLERANCE, cluster_objects, extract_words

    if cell is None:
        return ""
    lines = cluster_objects(extract_words(_within(chars, cell)), itemgetter("top"), DEFAULT_Y_TOLERANCE)
    if not lines:
        return ""
    # The cell's text box: its left padding is where its lines start, and the right padding is taken to be the same
    # (Word's and LibreOffice's default cell margins, CSS padding); a centred cell only makes the room look smaller.
    right = cell[2] - (min(line[0]["x0"] for line in lines) - cell[0])
    joined = " ".join(word["text"] for word in lines[0])
    for above, line in itertools.pairwise(lines):
        fits = above[-1]["x1"] + _width(line[0]) <= right - FIT_SLACK
        joined = _join_wrapped(joined, " ".join(word["text"] for word in line), fits)
    return joined


def _within(chars, box):
    x0, top, x1, bottom = box
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]


def _width(word):
    return word["x1"] - word["x0"]


def _join_wrapped(before, after, fits=False):
    """Two lines of a wrapped text as one: joined by a space, or by nothing where the layout broke a word without a
    space, after "/" ("1217/" "QĐ-TTg") or after a hyphen inside a word ("QĐ-" "TTg").

    A line that ends in a hyphen is ambiguous: "QĐ-TTg" broken after its hyphen and "TT- BTC" broken at the space
    after it print alike. A line breaker fills a line with all that fits, so when the next line's first word would
    have fitted after the hyphen without a space (`fits`), the break was at a space. Otherwise the words around the
    hyphen decide: the parts of a document symbol or a range are written joined ("QĐ-TTg", "2021-2025"); between
    other words the hyphen is taken as a dash, which administrative writing sets off by spaces ("2025- Quý")."""
    if before.endswith("/"):
        return before + after
    if before.endswith("-") and len(before) > 1 and not before[-2].isspace() and not fits:
        if _symbol_parts(re.split(r"[\s/]", before[:-1])[-1], re.split(r"[\s/,;.:)-]", after)[0]):
            return before + after
    return f"{before} {after}"


def _symbol_parts(left, right):
    """Both sides of a hyphen are parts of a document symbol (abbreviations: two capitals or more, no Vietnamese
    tone marks, "QĐ", "TTg", "UBND") or both numbers."""
    return all(part.isdigit() for part in (left, right)) or all(SYMBOL_PART.match(part) for part in (left, right))


def _inside(obj, box):
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _paragraphs(segments, left, right):
    """(top, lines) of each paragraph outside the tables: wrapped lines joined, empty lines for the gaps."""
    placed, previous = [], None
    for segment in segments:
        text = nfc(" ".join(segment["text"].split()))
        height = segment["bottom"] - segment["top"]
        if previous is not None and segment["top"] - previous["bottom"] > EMPTY_LINE_GAP * height:
            placed.append((previous["bottom"], [""]))
        if previous is not None and _wraps(previous, segment, left, right):
            top, [before] = placed.pop()
            fits = previous["x1"] + _first_word_end(segment) - segment["x0"] <= right - FIT_SLACK
            placed.append((top, [_join_wrapped(before, text, fits)]))
        else:
            placed.append((segment["top"], [text]))
        previous = segment
    return placed


def _split_wide_gaps(line):
    """A line's runs of characters split where the gap between two is wider than COLUMN_GAP line heights."""
    chars = line["chars"]
    height = line["bottom"] - line["top"]
    runs, run = [], []
    for char in chars:
        if run and char["x0"] - run[-1]["x1"] > COLUMN_GAP * height:
            runs.append(run)
            run = []
        run.append(char)
    if run:
        runs.append(run)
    if len(runs) == 1:
        return [line]
    return [
        {
            "text": "".join(c["text"] for c in run),
            "x0": run[0]["x0"],
            "x1": run[-1]["x1"],
            "top": line["top"],
            "bottom": line["bottom"],
            "chars": run,
        }
        for run in runs
    ]


def _wraps(previous, segment, left, right):
    """The segment is the wrap of the line above: it starts at the left margin, right below, and its first word
    would not have fitted at the end of the line above."""
    height = previous["bottom"] - previous["top"]
    if segment["top"] - previous["bottom"] > EMPTY_LINE_GAP * height or segment["top"] < previous["bottom"] - 1:
        return False
    if segment["x0"] - left > 1 or not segment["text"].strip():
        return False
    return previous["x1"] + height / 4 + (_first_word_end(segment) - segment["x0"]) > right - 1


def _first_word_end(segment):
    """Where the first word of a line ends: at its first space, or a gap of an eighth of the line's height."""
    chars = segment["chars"]
    space = (segment["bottom"] - segment["top"]) / 4
    gaps = (a["x1"] for a, b in itertools.pairwise(chars) if not b["text"].strip() or b["x0"] - a["x1"] > space / 2)
    return next(gaps, chars[-1]["x1"])
