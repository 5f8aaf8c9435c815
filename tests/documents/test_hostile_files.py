"""Files built to keep a reader busy are refused by the limit they go over (documents/limits.py), with its message,
through read_programme_file() and through the offline sheet reader, before the library builds what they declare.

Each message is what shows the limit was hit: the readers stop there instead of reading on. Time is not asserted
here (bench/hostile.py prints it, with the memory); issue 13's measurements are in tests/documents/hostile.py.
"""

import re
import zipfile
from unittest import mock

import pytest
from django.core.management import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.documents import ProgrammeFormatError, limits, read_programme_file
from tasks.documents.excel import xlsx_to_text
from tasks.documents.word import docx_to_text
from tasks.models import Programme
from tasks.offline import SheetError, read_filled
from tests.conftest import CITY_SEED, run
from tests.documents import hostile
from tests.documents.test_office_import import seed_lines
from tests.documents.test_pdf_import import build_pdf

SHEET_ROWS = "có trang tính có dữ liệu sau hàng 5.000, quá giới hạn đọc."
REFUSED = {
    "far-rows": (hostile.far_rows, SHEET_ROWS),
    "shared-strings": (hostile.shared_strings, "phần «xl/sharedStrings.xml» giải nén ra hơn 50 MB"),
    "compressed-strings": (lambda: hostile.shared_strings(250_000), "phần «xl/sharedStrings.xml» nén hơn 200 lần"),
    "distinct-strings": (
        lambda: hostile.shared_strings(200_001, distinct=True),
        "có hơn 200.000 chuỗi chữ dùng chung, quá giới hạn đọc.",
    ),
    "columns": (lambda: hostile.sheet(2, 61), "có trang tính có dữ liệu sau cột 60, quá giới hạn đọc."),
    "blank-rows": (lambda: hostile.blank_rows(10_001), "có trang tính hơn 10.000 hàng trống được định dạng"),
    "styles": (lambda: hostile.cell_formats(100_000), "có hơn 100.000 phần tử định dạng (styles), quá giới hạn đọc."),
    "sheets": (lambda: hostile.xlsx(f"<row>{hostile.cell('A1', 'x')}</row>", entries=21), "hơn 20 trang tính"),
    "cells": (  # stored, not compressed: under the ratio limit
        lambda: hostile.sheet(1, 1, blank_cells=300_000, compression=zipfile.ZIP_STORED),
        "có trang tính hơn 300.000 ô, quá giới hạn đọc.",
    ),
}
WORD = {
    "grid-span": (hostile.grid_span, "bảng 1 có hàng rộng hơn 60 cột (kể cả ô gộp), quá giới hạn đọc."),
    "tall-merge": (lambda: hostile.tall_merge(502), "bảng 1 có ô gộp dọc hơn 500 hàng, quá giới hạn đọc."),
    "paragraphs": (lambda: hostile.paragraphs(20_001), "có hơn 20.000 đoạn văn, quá giới hạn đọc."),
    "runs": (lambda: hostile.runs(100_001), "có hơn 100.000 đoạn chữ định dạng riêng, quá giới hạn đọc."),
    "long-table": (lambda: hostile.long_table(5001), "bảng 1 có hơn 5.000 hàng, quá giới hạn đọc."),
}


@pytest.mark.parametrize("kind", REFUSED)
def test_a_hostile_workbook_is_refused_by_its_limit_as_a_programme(kind):
    build, message = REFUSED[kind]
    with pytest.raises(ProgrammeFormatError, match=re.escape(message)):
        read_programme_file(build(), "ke-hoach.xlsx")


@pytest.mark.parametrize("kind", REFUSED)
def test_a_hostile_workbook_is_refused_by_its_limit_as_an_offline_sheet(kind):
    build, message = REFUSED[kind]
    with pytest.raises(SheetError, match=re.escape(message)):
        read_filled(build(), "bao-cao.xlsx")


@pytest.mark.parametrize("kind", WORD)
def test_a_hostile_word_file_is_refused_by_its_limit(kind):
    build, message = WORD[kind]
    with pytest.raises(ProgrammeFormatError, match=re.escape(message)):
        read_programme_file(build(), "ke-hoach.docx")


@pytest.mark.parametrize(
    "name, build, message", [("far.xlsx", *REFUSED["far-rows"]), ("span.docx", *WORD["grid-span"])]
)
def test_the_import_command_refuses_a_hostile_file_and_writes_nothing(agency_directory, tmp_path, name, build, message):
    path = tmp_path / name
    path.write_bytes(build())
    with pytest.raises(CommandError, match=re.escape(message)):
        run("import_programme", str(path))
    assert not Programme.objects.exists()


def test_a_table_at_the_limits_is_still_read():
    assert docx_to_text(hostile.grid_span(span=59, rows=3)).splitlines()[0].startswith("TT\tNội dung")
    assert len(docx_to_text(hostile.tall_merge(501)).splitlines()) == 501
    assert len(docx_to_text(hostile.long_table(5000)).splitlines()) == 5000


def test_a_declared_dimension_is_ignored():
    """A1:XFD65536 with one cell: read as that cell, not as 65,536 rows of 16,384 cells."""
    assert xlsx_to_text(hostile.declared_dimension()) == "x"
    with pytest.raises(SheetError, match="không phải mẫu báo cáo tiến độ"):
        read_filled(hostile.declared_dimension(), "bao-cao.xlsx")


def test_blank_rows_after_the_content_are_not_read():
    blank = '<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    raw = hostile.xlsx(f"<row>{hostile.cell('A1', 'x')}</row>{blank}", "A1:XFD1048576", entries=10)
    assert xlsx_to_text(raw) == "\n".join(["x"] * 10)


@pytest.mark.parametrize(
    "part, message",
    [
        ('<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>', "bị hỏng"),
        ('<worksheet xmlns="x"><sheetData><row r="2"/><row r="2"/></sheetData></worksheet>', "bị hỏng"),
    ],
)
def test_a_sheet_with_a_doctype_or_rows_out_of_order_is_damaged(part, message):
    raw = hostile.package({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": part})
    with pytest.raises(ProgrammeFormatError, match=message):
        read_programme_file(raw, "ke-hoach.xlsx")


def test_too_many_parts_or_elements_are_refused(monkeypatch):
    parts = {f"x/{n}.xml": "<a/>" for n in range(limits.MAX_MEMBERS + 1)} | {"xl/workbook.xml": "<workbook/>"}
    with pytest.raises(ProgrammeFormatError, match="có hơn 1.000 phần, quá giới hạn đọc."):
        read_programme_file(hostile.package(parts), "ke-hoach.xlsx")
    monkeypatch.setattr(limits, "MAX_ELEMENTS", 100)
    with pytest.raises(ProgrammeFormatError, match="phần «word/document.xml» có hơn 100 phần tử XML"):
        read_programme_file(hostile.docx("<w:p/>" * 100), "ke-hoach.docx")


def test_too_many_pdf_characters_are_refused(monkeypatch):
    monkeypatch.setattr("tasks.documents.pdf.MAX_PDF_CHARS", 500)
    with pytest.raises(ProgrammeFormatError, match="có hơn 500 ký tự, quá giới hạn đọc."):
        read_programme_file(build_pdf(seed_lines(CITY_SEED)), "ke-hoach.pdf")


SMALL = {"MAX_ROWS": 12, "MAX_COLUMNS": 6, "MAX_CELLS": 20}
MESSAGES = {
    "MAX_ROWS": "có dữ liệu sau hàng 12,",
    "MAX_COLUMNS": "có dữ liệu sau cột 6,",
    "MAX_CELLS": "hơn 20 ô,",
}


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(1, 16),
    columns=st.integers(1, 9),
    blank_cells=st.integers(0, 24),
    dimension=st.sampled_from([None, "A1", "A1:XFD65536", "A1:XFD1048576"]),
)
def test_a_sheet_around_the_limits_is_read_or_refused_by_the_limit(rows, columns, blank_cells, dimension):
    """Read whole when within every limit; else refused with the message of a limit it goes over, by both readers."""
    raw = hostile.sheet(rows, columns, dimension, blank_cells)
    cells = 1 + blank_cells + (0 if rows == 1 and columns == 1 else 1)
    over = {
        "MAX_ROWS": rows > SMALL["MAX_ROWS"],
        "MAX_COLUMNS": columns > SMALL["MAX_COLUMNS"],
        "MAX_CELLS": cells > SMALL["MAX_CELLS"],
    }
    with mock.patch.multiple(limits, **SMALL):
        try:
            text = xlsx_to_text(raw)
        except ProgrammeFormatError as error:
            assert any(MESSAGES[limit] in str(error) for limit, hit in over.items() if hit), (str(error), over)
        else:
            assert not any(over.values()), over
            # a single row: each filled cell a line of its own (above any table)
            assert text.splitlines() == ["x", *[""] * (rows - 2), "y"] if (rows, columns) != (1, 1) else ["x"]
        try:
            read_filled(raw)
        except SheetError as error:
            if any(over.values()):
                assert any(MESSAGES[limit] in str(error) for limit, hit in over.items() if hit), (str(error), over)
            else:
                assert "không phải mẫu báo cáo tiến độ" in str(error)
