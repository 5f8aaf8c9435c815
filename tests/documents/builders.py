"""Word, Excel and PDF files built from the text form of a document, laid out as clerks lay out real ones.

The seeds' builders (test_office_import.py, test_pdf_import.py) put every header line in a paragraph or a cell of
its own. Real documents put the header block in a borderless layout table: the issuer ("ỦY BAN NHÂN DÂN" / "TỈNH
HẢI DƯƠNG") on the left beside the State's motto, the number on the left beside the place and date; and Word files
often separate paragraphs by spacing instead of empty paragraphs. These builders do that; scan_of() makes a scan
of a PDF.
"""

import io
import re
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from PIL import Image

from tests.documents.test_office_import import add_table, blocks, build_docx

NUMBER = re.compile(r"^Số\s*:")
PLACE_DATE = re.compile(r",\s*ngày\b.*\bnăm\s*\d{4}\s*$")


def header_block(lines):
    """(left and right cells of the header's two rows, index of the first line after the block), or None when the
    document has no number line (then there is no block to lay out)."""
    number = next((i for i, line in enumerate(lines) if NUMBER.match(line)), None)
    if number is None:
        return None
    dated = next((i for i in range(number, min(number + 3, len(lines))) if PLACE_DATE.search(lines[i])), number)
    top = [line for line in lines[:number] if line.strip()]
    motto = next((i for i, line in enumerate(top) if "CỘNG HÒA" in line and i), len(top))
    rows = [(top[:motto], top[motto:]), ([lines[number]], [line for line in lines[number + 1 : dated + 1] if line])]
    return rows, dated + 1


def build_layout_docx(lines, spacing=False):
    """A .docx whose header block is a borderless 2 x 2 table; with `spacing`, no empty paragraph anywhere (blocks
    are separated by the space after each paragraph, as most clerks do)."""
    found = header_block(lines)
    if found is None:
        return build_docx([line for line in lines if line.strip()] if spacing else lines)
    rows, rest = found
    document = Document()
    table = document.add_table(rows=2, cols=2)  # python-docx's default table style has no borders
    for r, cells in enumerate(rows):
        for c, texts in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = texts[0] if texts else ""
            for text in texts[1:]:
                cell.add_paragraph(text)
    for kind, value in blocks(lines[rest:]):
        if kind == "text":
            if spacing and not value.strip():
                continue
            paragraph = document.add_paragraph(value)
            if spacing:
                paragraph.paragraph_format.space_after = Pt(6)
            continue
        add_table(document, value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_layout_xlsx(lines):
    """A sheet whose header block sits side by side (issuer in A, motto in D; number in A, place and date in D),
    the rest one line a row in A, tables cell by cell."""
    workbook = Workbook()
    sheet = workbook.active
    found = header_block(lines)
    r, rest = 0, 0
    if found:
        rows, rest = found
        for left, right in rows:
            for i in range(max(len(left), len(right))):
                r += 1
                sheet.cell(r, 1, left[i] if i < len(left) else None)
                sheet.cell(r, 4, right[i] if i < len(right) else None)
    for kind, value in blocks(lines[rest:]):
        if kind == "text":
            r += 1
            sheet.cell(r, 1, value or None)
            continue
        for row in value:
            r += 1
            for c, text in enumerate(row):
                sheet.cell(r, c + 1, text or None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def scan_of(pdf, dpi=150):
    """A scan of the PDF as a scanner makes it: each page a grey picture (poppler's pdftoppm), no text layer."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "printed.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", source, Path(folder) / "p"], check=True)
        pages = sorted(Path(folder).glob("p-*.png"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))
        pictures = [Image.open(page).convert("L") for page in pages]
        buffer = io.BytesIO()
        pictures[0].save(buffer, "PDF", save_all=True, append_images=pictures[1:], resolution=dpi)
    return buffer.getvalue()
