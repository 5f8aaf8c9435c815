"""A Word or Excel package checked against documents/limits.py before openpyxl or python-docx opens it.

First the zip's member list (how many parts, each part's uncompressed size and compression ratio, as declared:
zipfile never inflates a member past its declared size), then every part as a stream of XML events (expat, with
no document type or entity allowed, as no Office part has one), counting what the libraries would build: elements
per part; the sheets of a workbook, its styles and shared strings, the rows and columns of a sheet that hold
content, its blank rows and its cells; a Word document's paragraphs and runs, the rows of each table, the grid
columns of a row (each cell's gridSpan) and the height of vertical merges. Parts that are not XML (images) end
their scan at the first byte. Nothing is kept but counts.

`scan_package()` returns the last row and column with content of each worksheet part, by the part's path in the
zip, so that excel.py reads a sheet up to there and no further, whatever its <dimension> declares.
"""

import io
import re
import zipfile
import zlib
from xml.parsers import expat

from . import limits

CHUNK = 64 * 1024
CELL_REFERENCE = re.compile(r"([A-Z]{1,3})(\d+)$")


class _Stop(Exception):
    """The end of a part's scan: not XML, or a limit's error (in .error)."""

    def __init__(self, error=None):
        self.error = error


def scan_package(raw, name):
    """{worksheet part path: (last row, last column) with content} of a .xlsx (empty for a .docx), or a
    ProgrammeFormatError naming the limit the package goes over."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as error:
        raise limits.damaged(name) from error
    with archive:
        members = archive.infolist()
        if len(members) > limits.MAX_MEMBERS:
            raise limits.too_many_members(name)
        for member in members:
            if member.file_size > limits.MAX_MEMBER_MB * 1024 * 1024:
                raise limits.member_too_big(name, member.filename)
            ratio_of = max(member.compress_size, 1)
            if member.file_size > limits.RATIO_FROM_BYTES and member.file_size / ratio_of > limits.MAX_RATIO:
                raise limits.member_too_compressed(name, member.filename)
        sheets = {}
        for member in members:
            if not member.is_dir():
                scan = _PartScan(name, member.filename)
                scan.run(archive, member)
                if scan.root == "worksheet":
                    sheets[member.filename] = (scan.last_row, scan.last_column)
    return sheets


def _local(tag):
    return tag.rpartition(" ")[2]


def _attribute(attributes, wanted):
    return next((value for key, value in attributes.items() if _local(key) == wanted), None)


class _PartScan:
    """The counts of one XML part, checked as its elements arrive."""

    def __init__(self, name, part):
        self.name, self.part = name, part
        self.root, self.elements, self.sheets, self.strings = None, 0, 0, 0
        # a worksheet: the row and column being read, the last ones with content, the cells
        self.row, self.column, self.last_row, self.last_column, self.cells = 0, 0, 0, 0, 0
        self.in_cell, self.cell_filled, self.row_filled, self.blank_rows = False, False, False, 0
        # a Word document: the open tables (innermost last) and how many top-level tables so far
        self.tables, self.table_count, self.paragraphs, self.runs = [], 0, 0, 0

    def run(self, archive, member):
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(CHUNK):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except _Stop as stop:
            if stop.error is not None:
                raise stop.error from None
        except expat.ExpatError:
            return  # not XML (an image) or damaged: the library that reads it says so
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as error:
            raise limits.damaged(self.name) from error  # a damaged or encrypted member

    def doctype(self, *_args):
        raise _Stop(limits.damaged(self.name))

    def start(self, tag, attributes):
        self.elements += 1
        if self.elements > limits.MAX_ELEMENTS:
            raise _Stop(limits.too_many_elements(self.name, self.part))
        tag = _local(tag)
        if self.root is None:
            self.root = tag
        if self.root == "worksheet":
            self.sheet_start(tag, attributes)
        elif self.root == "document":
            self.word_start(tag, attributes)
        elif self.root == "workbook" and tag == "sheet":
            self.sheets += 1
            if self.sheets > limits.MAX_SHEETS:
                raise _Stop(limits.too_many_sheets(self.name))
        elif self.root == "styleSheet" and self.elements > limits.MAX_STYLE_ELEMENTS:
            raise _Stop(limits.too_many_styles(self.name))
        elif self.root == "sst" and tag == "si":
            self.strings += 1
            if self.strings > limits.MAX_SHARED_STRINGS:
                raise _Stop(limits.too_many_strings(self.name))

    def end(self, tag):
        tag = _local(tag)
        if self.root == "worksheet" and tag == "c":
            self.cell_end()
        elif self.root == "worksheet" and tag == "row" and not self.row_filled:
            self.blank_rows += 1
            if self.blank_rows > limits.MAX_BLANK_ROWS:
                raise _Stop(limits.too_many_blank_rows(self.name))
        elif self.root == "document" and self.tables:
            self.word_end(tag)

    def text(self, data):
        if self.in_cell and data.strip():
            self.cell_filled = True

    # Excel: rows and cells are numbered as openpyxl numbers them (r, else one after the previous).

    def sheet_start(self, tag, attributes):
        if tag == "row":
            reference = attributes.get("r")
            number = self._integer(reference) if reference is not None else self.row + 1
            if number <= self.row:  # Excel writes rows in order; openpyxl would read a repeated row again
                raise _Stop(limits.damaged(self.name))
            self.row, self.column, self.row_filled = number, 0, False
        elif tag == "c":
            self.cells += 1
            if self.cells > limits.MAX_CELLS:
                raise _Stop(limits.too_many_cells(self.name))
            reference = attributes.get("r")
            self.column = self._column(reference) if reference is not None else self.column + 1
            self.in_cell, self.cell_filled = True, False

    def cell_end(self):
        self.in_cell = False
        if not self.cell_filled:
            return
        if self.row > limits.MAX_ROWS:
            raise _Stop(limits.too_many_rows(self.name))
        if self.column > limits.MAX_COLUMNS:
            raise _Stop(limits.too_many_columns(self.name))
        self.row_filled = True
        self.last_row = max(self.last_row, self.row)
        self.last_column = max(self.last_column, self.column)

    def _column(self, reference):
        found = CELL_REFERENCE.match(reference)
        if found is None:
            raise _Stop(limits.damaged(self.name))
        column = 0
        for letter in found[1]:
            column = column * 26 + ord(letter) - ord("A") + 1
        return column

    def _integer(self, value):
        if not value.isascii() or not value.isdigit():
            raise _Stop(limits.damaged(self.name))
        return int(value)

    # Word: paragraphs and runs; each table's rows, each row's grid columns, each grid column's run of
    # vertically merged cells.

    def word_start(self, tag, attributes):
        if tag == "p":
            self.paragraphs += 1
            if self.paragraphs > limits.MAX_PARAGRAPHS:
                raise _Stop(limits.too_many_paragraphs(self.name))
            return
        if tag == "r":
            self.runs += 1
            if self.runs > limits.MAX_RUNS:
                raise _Stop(limits.too_many_runs(self.name))
            return
        if tag == "tbl":
            if not self.tables:
                self.table_count += 1
            self.tables.append({"rows": 0, "offset": 0, "above": {}, "runs": {}, "cell": None})
        elif not self.tables:
            return
        table = self.tables[-1]
        if tag == "tr":
            table["rows"] += 1
            if table["rows"] > limits.MAX_TABLE_ROWS:
                raise _Stop(limits.table_too_long(self.name, self.table_count))
            table["offset"] = 0
        elif tag == "gridBefore" and table["cell"] is None:
            self._widen(table, self._integer(_attribute(attributes, "val") or "0"))
        elif tag == "tc":
            table["cell"] = {"offset": table["offset"], "span": 1, "merge": None}
        elif tag == "gridSpan" and table["cell"] is not None:
            table["cell"]["span"] = self._integer(_attribute(attributes, "val") or "1")
        elif tag == "vMerge" and table["cell"] is not None:
            table["cell"]["merge"] = _attribute(attributes, "val") or "continue"

    def word_end(self, tag):
        table = self.tables[-1]
        if tag == "tbl":
            self.tables.pop()
        elif tag == "tc" and table["cell"] is not None:
            cell, table["cell"] = table["cell"], None
            self._widen(table, cell["span"])
            if cell["merge"] == "continue":
                run = table["above"].get(cell["offset"], 0) + 1
                if run > limits.MAX_MERGED_ROWS:
                    raise _Stop(limits.merge_too_tall(self.name, self.table_count))
                table["runs"][cell["offset"]] = run
        elif tag == "tr":
            table["above"], table["runs"] = table["runs"], {}

    def _widen(self, table, span):
        table["offset"] += span
        if table["offset"] > limits.MAX_TABLE_COLUMNS:
            raise _Stop(limits.table_too_wide(self.name, self.table_count))
