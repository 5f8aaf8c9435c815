"""A table cell's line that ends in a hyphen, in a PDF: the word broken after its hyphen ("QĐ-" "TTg") is joined
without a space, a hyphen the text writes before a space ("2025- Quý") keeps it. Each text is printed by WeasyPrint
in cells of one width at every font size from 8 to 17 points in steps of a quarter, so that the line breaks fall
everywhere, after the hyphen among them. (One width for all: pdfplumber snaps rulings less than 3 points apart into
one, which would move the borders of cells of different widths on a page.)"""

import html
import io

import pdfplumber
import pytest
from weasyprint import HTML

from tasks.documents.pdf import TABLE_SETTINGS, _join_wrapped, pdf_to_text

CSS = """
@page { size: A4; margin: 1cm; }
body { font-family: "Liberation Serif"; font-size: 11pt; }
table { border-collapse: collapse; page-break-inside: avoid; }
p { margin: 0 0 12pt; }
td { border: 0.75pt solid black; padding: 2pt 4pt; vertical-align: top; }
td + td { width: 100pt; }
"""
SIZES = [8 + step / 4 for step in range(37)]


def at_every_size(text):
    """(the cell's lines as printed, the cell as read) at each font size."""
    tables = "".join(
        f'<table><tr><td>1</td><td style="font-size: {size}pt">{html.escape(text)}</td></tr></table><p>{size}</p>'
        for size in SIZES
    )
    raw = HTML(string=f'<html lang="vi"><style>{CSS}</style><body>{tables}</body></html>').write_pdf()
    read = [line.split("\t", 1)[1] for line in pdf_to_text(raw, "o.pdf").splitlines() if line.startswith("1\t")]
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        found = [table for page in pdf.pages for table in page.find_tables(TABLE_SETTINGS)]
        printed = [table.extract()[0][1].splitlines() for table in found]
    assert len(printed) == len(read) == len(SIZES)
    return list(zip(printed, read, strict=True))


def broken_after_hyphen(lines):
    return any(line.endswith("-") for line in lines[:-1])


@pytest.mark.parametrize(
    "text",
    [
        "Thông tư số 92/2009/TT-BTC ngày 12/5/2009",  # a document symbol
        "Quyết định số 1217/QĐ-TTg ngày 01/7/2024",
        "Quý IV/2025- Quý II/2026",  # a hyphen before a space, between words that are no symbol
    ],
)
def test_a_cell_reads_as_written_wherever_its_lines_break(text):
    cells = at_every_size(text)
    assert sum(broken_after_hyphen(lines) for lines, _read in cells) >= 3
    assert [read for _lines, read in cells] == [text] * len(SIZES)


def test_a_space_after_a_symbols_hyphen_is_kept_where_the_next_word_would_have_fitted_without_it():
    """ "TT- BTC" broken at its space prints as "TT-BTC" broken after its hyphen, unless "BTC" would have fitted
    on the line after "TT-" (then the line breaker, which fills a line with all that fits, broke at a space). The
    other sizes read the symbol as the document means it."""
    text = "Thông tư số 92/2009/TT- BTC ngày 12/5/2009"
    cells = at_every_size(text)
    at_hyphen = [read for lines, read in cells if broken_after_hyphen(lines)]
    assert text in at_hyphen and set(at_hyphen) == {text, text.replace("TT- BTC", "TT-BTC")}
    assert all(read == text for lines, read in cells if not broken_after_hyphen(lines))


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("số 1217/", "QĐ-TTg", "số 1217/QĐ-TTg"),
        ("số 1217/QĐ-", "TTg ngày", "số 1217/QĐ-TTg ngày"),
        ("Kế hoạch số 38/KH-", "UBND, ngày", "Kế hoạch số 38/KH-UBND, ngày"),
        ("giai đoạn 2021-", "2025", "giai đoạn 2021-2025"),
        ("Quý IV/2025-", "Quý II/2026", "Quý IV/2025- Quý II/2026"),
        ("Sở Quy hoạch -", "Kiến trúc", "Sở Quy hoạch - Kiến trúc"),
        ("UBND xã-", "phường", "UBND xã- phường"),
    ],
)
def test_the_words_around_a_line_end_hyphen_decide_when_the_layout_cannot(before, after, joined):
    assert _join_wrapped(before, after) == joined


def test_a_next_word_that_would_have_fitted_means_a_space_whatever_the_words():
    assert _join_wrapped("số 92/2009/TT-", "BTC ngày", fits=True) == "số 92/2009/TT- BTC ngày"
