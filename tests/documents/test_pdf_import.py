"""Programmes read from PDFs with a text layer, printed here by WeasyPrint from the seed tables: the same programme
as the text, cell for cell.

The builder lays a seed out as the document system prints it: the header and body as paragraphs, the appendix as a
ruled table ("TT" over both header rows, "Thời gian thực hiện" over the phase columns, section rows merged across)
whose header rows are a <thead>, repeated on every page, and whose rows break over a page where the page ends.
"""

import base64
import html
import io
import re
import time

import pytest
from django.core.management import CommandError
from PIL import Image
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from tasks.documents import ProgrammeFormatError, read_programme_file
from tasks.documents.pdf import pdf_to_text
from tasks.models import Programme
from tests.conftest import BAC_GIANG_SEED, CITY_SEED, run
from tests.documents.test_office_import import as_text, blocks, merges, seed_lines

CSS = """
@page { size: A4 landscape; margin: 2cm 1.5cm; }
body { font-family: "Liberation Serif"; font-size: 13pt; }
p { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.75pt solid black; padding: 2pt 4pt; vertical-align: top; font-size: 11pt; }
"""


def _header_rows(rows):
    """The leading header rows: "TT ..." and the phase row under it."""
    count = 0
    while count < len(rows) and (
        rows[count][0].strip().upper() in ("TT", "STT")
        or (count and not rows[count][0] and any("Giai đoạn" in cell for cell in rows[count]))
    ):
        count += 1
    return count


def table_html(seed_rows):
    rows, spans = merges(seed_rows)
    size, covered = {}, set()
    for (r1, c1), (r2, c2) in spans:
        size[r1, c1] = (r2 - r1 + 1, c2 - c1 + 1)
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    head = _header_rows(rows)
    parts = ["<table><thead>"]
    for r, row in enumerate(rows):
        if r == head:
            parts.append("</thead><tbody>")
        tag = "th" if r < head else "td"
        cells = [
            '<{0} rowspan="{1}" colspan="{2}">{3}</{0}>'.format(tag, *size.get((r, c), (1, 1)), html.escape(text))
            for c, text in enumerate(row)
            if (r, c) not in covered
        ]
        parts.append(f"<tr>{''.join(cells)}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def build_pdf(lines, css=CSS):
    body = [
        f"<p>{html.escape(value) or '&nbsp;'}</p>" if kind == "text" else table_html(value)
        for kind, value in blocks(lines)
    ]
    return HTML(string=f'<html lang="vi"><style>{css}</style><body>{"".join(body)}</body></html>').write_pdf()


@pytest.fixture(scope="module")
def city_pdf():
    return build_pdf(seed_lines(CITY_SEED))


@pytest.fixture(scope="module")
def bac_giang_pdf():
    return build_pdf(seed_lines(BAC_GIANG_SEED))


def test_a_pdf_reads_as_the_text_does_cell_for_cell(city_pdf, bac_giang_pdf):
    for raw, seed, tasks in ((city_pdf, CITY_SEED, 37), (bac_giang_pdf, BAC_GIANG_SEED, 5)):
        doc = read_programme_file(raw, "chuong-trinh.pdf").to_dict()
        assert doc == as_text(seed)
        assert sum(len(s["tasks"]) for s in doc["sections"]) == tasks


def test_the_pdf_really_repeats_its_header_and_breaks_a_task_over_a_page(city_pdf):
    assert len(PdfReader(io.BytesIO(city_pdf)).pages) > 5
    lines = pdf_to_text(city_pdf, "04.pdf").splitlines()
    seed = seed_lines(CITY_SEED)
    headers = [line for line in lines if line.startswith("TT\t")]
    assert len(headers) > sum(line.startswith("TT\t") for line in seed)  # WeasyPrint's repeated <thead>
    # A task whose TT cell ended one page and whose text went on the next: a row with only its number, the header
    # repeated, and a row with an empty TT cell; none of them in the seed.
    broken = [i for i, line in enumerate(lines) if line.split("\t")[0].isdigit() and line not in seed]
    assert broken and lines[broken[0] + 1].startswith("TT\t") and lines[broken[0] + 3].startswith("\t")


def test_a_pdf_is_known_by_its_signature_whatever_its_name(bac_giang_pdf, tmp_path):
    path = tmp_path / "ke-hoach.bin"
    path.write_bytes(bac_giang_pdf)
    assert read_programme_file(path).to_dict() == as_text(BAC_GIANG_SEED)


def test_the_command_imports_a_pdf(agency_directory, tmp_path, bac_giang_pdf):
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(bac_giang_pdf)
    assert "5 nhiệm vụ" in run("import_programme", str(path))


def test_a_pdf_is_read_in_bounded_time(city_pdf):
    started = time.monotonic()
    read_programme_file(city_pdf, "04.pdf")
    assert time.monotonic() - started < 10  # about a second here for 12 landscape pages


def scanned_pdf():
    """A page that is only a picture of text, as a scanner makes it."""
    image = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(image, "PNG")
    page = '<img style="width: 100%" src="data:image/png;base64,{}">'
    return HTML(string=page.format(base64.b64encode(image.getvalue()).decode())).write_pdf()


def encrypted_pdf():
    writer = PdfWriter(clone_from=io.BytesIO(build_pdf(seed_lines(BAC_GIANG_SEED))))
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("quet.pdf", scanned_pdf, "Tệp PDF chỉ có ảnh quét, chưa có lớp chữ"),
        ("mat-khau.pdf", encrypted_pdf, "được đặt mật khẩu"),
        ("cut.pdf", lambda: build_pdf(seed_lines(BAC_GIANG_SEED))[:3000], "bị hỏng"),
        ("ngau-nhien.pdf", lambda: bytes(range(256)) * 40, "bị hỏng"),
        ("trang.pdf", lambda: HTML(string="<p></p>").write_pdf(), "không có chữ nào"),
        ("khong-bang.pdf", lambda: build_pdf([x for x in seed_lines(BAC_GIANG_SEED) if "\t" not in x]), "bảng"),
    ],
)
def test_a_bad_pdf_gets_one_clear_message_and_writes_nothing(agency_directory, tmp_path, name, make, message):
    raw = make()
    with pytest.raises(ProgrammeFormatError, match=message):
        read_programme_file(raw, name)
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(CommandError, match=message):
        run("import_programme", str(path))
    assert not Programme.objects.exists()


def test_too_many_pages_are_refused_before_they_are_read(monkeypatch, bac_giang_pdf):
    monkeypatch.setattr("tasks.documents.pdf.MAX_PAGES", 1)
    with pytest.raises(ProgrammeFormatError, match="có hơn 1 trang"):
        read_programme_file(bac_giang_pdf, "ke-hoach.pdf")


def test_a_pdf_error_names_the_page():
    from tests.documents.test_office_import import duplicated_task_lines

    with pytest.raises(ProgrammeFormatError) as error:
        read_programme_file(build_pdf(duplicated_task_lines()), "ke-hoach.pdf")
    assert re.fullmatch(r"Trang \d+: mục I có hai nhiệm vụ số 1 \(lần đầu ở trang \d+\)\.", str(error.value))
