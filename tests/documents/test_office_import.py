"""Programmes read from Word and Excel files built here from the seed tables: the same programme as the text.

The builders lay the seeds out as a clerk would: the document header as paragraphs (or cells above the table),
"TT" merged over the two header rows, "Thời gian thực hiện" merged over the three phase columns, section rows
merged across, the table split where the signed document breaks its pages (several tables, the header repeated,
a task continued on the next page).
"""

import io
import json
import random
import re
import zipfile

import pytest
from django.core.management import CommandError
from docx import Document
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from tasks.documents import ProgrammeFormatError, read_programme_file
from tasks.documents.office import OLE2
from tasks.documents.text import read_programme_text
from tasks.models import Programme
from tests.conftest import BAC_GIANG_SEED, CITY_SEED, run

ROMAN = re.compile(r"^[IVXLC]+$")
VARIANTS = {
    "TT": "STT",
    "Nội dung": "Nội dung nhiệm vụ",
    "Cơ quan chủ trì": "Đơn vị chủ trì",
    "Thời gian thực hiện": "Thời gian hoàn thành",
    "Sản phẩm nhiệm vụ": "Kết quả, sản phẩm",
    "Sản phẩm": "Sản phẩm nhiệm vụ",
}


def seed_lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def blocks(lines):
    """("text", line) and ("table", rows) in document order; a table ends at the first line without tabs."""
    table = []
    for line in lines:
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            yield "table", table
            table = []
        yield "text", line
    if table:
        yield "table", table


def merges(rows):
    """Cell ranges a Word or Excel author would merge: header spans, "TT" over two header rows, section rows."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    spans = []
    for r, row in enumerate(rows):
        is_header = row[0].strip().upper() in ("TT", "STT")
        has_sub = is_header and r + 1 < len(rows) and not rows[r + 1][0] and any("Giai đoạn" in c for c in rows[r + 1])
        if is_header and has_sub:
            c = 0
            while c < width:
                end = c
                while end + 1 < width and not row[end + 1] and rows[r + 1][end + 1]:
                    end += 1
                if end > c:
                    spans.append(((r, c), (r, end)))  # "Thời gian thực hiện" over the phase columns
                elif not rows[r + 1][c]:
                    spans.append(((r, c), (r + 1, c)))  # TT, Nội dung, ... over both header rows
                c = end + 1
        elif ROMAN.match(row[0]) and any(row[1:]):
            spans.append(((r, 1), (r, width - 1)))
    return rows, spans


def add_table(document, rows):
    """The rows (tab-separated lines) as a Word table, merged as an author would (merges())."""
    rows, spans = merges(rows)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for (r1, c1), (r2, c2) in spans:
        origin = table.cell(r1, c1)
        text = origin.text
        origin.merge(table.cell(r2, c2)).text = text


def build_docx(lines):
    document = Document()
    for kind, value in blocks(lines):
        if kind == "text":
            document.add_paragraph(value)
        else:
            add_table(document, value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_xlsx(lines, order=None, header_row_words=None):
    workbook = Workbook()
    sheet = workbook.active
    r = 0
    for kind, value in blocks(lines):
        if kind == "text":
            r += 1
            sheet.cell(r, 1, value or None)
            continue
        rows, spans = merges(value)
        order_ = order or list(range(len(rows[0])))
        for row in rows:
            r += 1
            for c, source in enumerate(order_):
                text = row[source]
                if header_row_words and row[0].strip().upper() in ("TT", "STT"):
                    text = header_row_words.get(text, text)
                sheet.cell(r, c + 1, text or None)
        top = r - len(rows)
        for (r1, c1), (r2, c2) in spans:
            if order is None:
                sheet.merge_cells(
                    f"{get_column_letter(c1 + 1)}{top + r1 + 1}:{get_column_letter(c2 + 1)}{top + r2 + 1}"
                )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_text(path):
    return read_programme_text(path.read_text(encoding="utf-8")).to_dict()


@pytest.mark.parametrize("seed", [CITY_SEED, BAC_GIANG_SEED], ids=["04-CTr-UBND", "KH-KHCN"])
def test_a_word_file_reads_as_the_text_does_cell_for_cell(seed):
    doc = read_programme_file(build_docx(seed_lines(seed)), "chuong-trinh.docx").to_dict()
    assert doc == as_text(seed)
    assert sum(len(s["tasks"]) for s in doc["sections"]) in (37, 5)


@pytest.mark.parametrize("seed", [CITY_SEED, BAC_GIANG_SEED], ids=["04-CTr-UBND", "KH-KHCN"])
def test_an_excel_file_with_the_header_above_the_table_reads_as_the_text_does(seed):
    assert read_programme_file(build_xlsx(seed_lines(seed)), "chuong-trinh.xlsx").to_dict() == as_text(seed)


def test_the_word_file_really_has_merged_cells_and_several_tables():
    document = Document(io.BytesIO(build_docx(seed_lines(CITY_SEED))))
    assert len(document.tables) >= 5  # the appendix broken at every page, its header repeated
    header = document.tables[0].rows[0].cells
    assert header[4]._tc is header[5]._tc is header[6]._tc  # "Thời gian thực hiện" over three columns
    assert document.tables[0].rows[1].cells[0]._tc is header[0]._tc  # "TT" over both header rows
    continued = [t for t in document.tables if len(t.rows) > 2 and not t.rows[2].cells[0].text]
    assert continued, "a task continued on the next page: a row with an empty TT cell"


def test_shuffled_columns_and_header_variants_read_the_same():
    lines = seed_lines(BAC_GIANG_SEED)
    width = max(len(line.split("\t")) for line in lines if "\t" in line)
    order = [0, *random.Random(4).sample(range(1, width), width - 1)]
    assert order != list(range(width))
    doc = read_programme_file(build_xlsx(lines, order=order, header_row_words=VARIANTS), "ke-hoach.xlsx")
    assert doc.to_dict() == as_text(BAC_GIANG_SEED)


def test_a_table_without_a_deliverable_column_is_read():
    lines = [line.rsplit("\t", 1)[0] if "\t" in line else line for line in seed_lines(BAC_GIANG_SEED)]
    doc = read_programme_file(build_xlsx(lines), "ke-hoach.xlsx")
    text = as_text(BAC_GIANG_SEED)
    assert [t["content"] for s in doc.to_dict()["sections"] for t in s["tasks"]] == [
        t["content"] for s in text["sections"] for t in s["tasks"]
    ]
    assert all(not task.deliverable for task in doc.tasks)


def test_arabic_sections_with_dotted_task_numbers():
    lines = [line for line in seed_lines(BAC_GIANG_SEED) if "\t" not in line or line.startswith(("TT", "STT"))]
    header = next(line for line in seed_lines(BAC_GIANG_SEED) if line.startswith("TT")).split("\t")
    width = len(header)
    table = [
        ["1", "Công tác chỉ đạo"] + [""] * (width - 2),
        ["1.1", "Xây dựng kế hoạch phòng thủ dân sự năm 2025", "Văn phòng Sở", "", "Quý I năm 2025"][:width],
        ["1.2", "Kiểm tra việc thực hiện", "Thanh tra Sở", "", "Quý IV năm 2025"][:width],
        ["2", "Công tác huấn luyện"] + [""] * (width - 2),
        ["2.1", "Tập huấn cho cán bộ", "Văn phòng Sở", "", "Hàng năm"][:width],
    ]
    at = lines.index(next(line for line in lines if line.startswith("TT"))) + 1
    lines[at:at] = ["\t".join(row + [""] * (width - len(row))) for row in table]
    doc = read_programme_file(build_xlsx(lines), "ke-hoach.xlsx")
    assert [(s.numeral, s.title, [t.number for t in s.tasks]) for s in doc.sections][:2] == [
        ("1", "Công tác chỉ đạo", ["1.1", "1.2"]),
        ("2", "Công tác huấn luyện", ["2.1"]),
    ]


def test_the_command_imports_word_and_excel_files(agency_directory, tmp_path):
    path = tmp_path / "04-CTr-UBND.docx"
    path.write_bytes(build_docx(seed_lines(CITY_SEED)))
    assert "37 nhiệm vụ" in run("import_programme", str(path))
    from_word = json.loads(run("export_programme", "04/CTr-UBND"))
    text_path = tmp_path / "04.txt"
    text_path.write_bytes(CITY_SEED.read_bytes())
    assert "Không có gì thay đổi." in run("import_programme", str(text_path), "--amend")
    assert json.loads(run("export_programme", "04/CTr-UBND")) == from_word
    xlsx = tmp_path / "ke-hoach.xlsx"
    xlsx.write_bytes(build_xlsx(seed_lines(BAC_GIANG_SEED)))
    assert "5 nhiệm vụ" in run("import_programme", str(xlsx))


def docm():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(build_docx(seed_lines(BAC_GIANG_SEED)))) as source,
        zipfile.ZipFile(buffer, "w") as out,
    ):
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr("word/vbaProject.bin", b'Attribute VB_Name = "AutoOpen"')
    return buffer.getvalue()


def no_table_docx():
    return build_docx([line for line in seed_lines(BAC_GIANG_SEED) if "\t" not in line])


def no_content_column_xlsx():
    lines = [line.replace("Nội dung nhiệm vụ", "Ghi chú") for line in seed_lines(BAC_GIANG_SEED)]
    return build_xlsx(lines)


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("khong-co-bang.docx", no_table_docx, "Không tìm thấy bảng nhiệm vụ"),
        ("mat-khau.xlsx", lambda: OLE2 + b"\x00" * 504 + b"EncryptedPackage", "được đặt mật khẩu"),
        ("hong.xlsx", lambda: build_xlsx(seed_lines(BAC_GIANG_SEED))[:4000], "bị hỏng"),
        ("macro.docx", docm, "có macro"),
        ("qua-lon.docx", lambda: b"PK\x03\x04" + b"\x00" * (20 * 1024 * 1024 + 1), "vượt giới hạn 20 MB"),
        ("khong-phai.docx", lambda: zipfile_with({"hello.txt": b"xin chao"}), "không phải tài liệu Word hay Excel"),
    ],
)
def test_a_bad_file_gets_one_clear_message_and_writes_nothing(agency_directory, tmp_path, name, make, message):
    with pytest.raises(ProgrammeFormatError, match=message):
        read_programme_file(make(), name)
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(CommandError, match=message):
        run("import_programme", str(path))
    assert not Programme.objects.exists()


def long_numeral_docx():
    return build_docx(
        [("IIIIIIIIIIIIIII" + line[1:]) if line.startswith("I\t") else line for line in seed_lines(BAC_GIANG_SEED)]
    )


def long_agency_xlsx():
    return build_xlsx(
        [line.replace("Thanh tra Sở", "Thanh tra Sở" + " rất dài" * 40) for line in seed_lines(BAC_GIANG_SEED)]
    )


@pytest.mark.parametrize(
    "name, make, message",
    [
        (
            "so-la-ma.docx",
            long_numeral_docx,
            "Dòng 26, Mục IIIIIIIIIIIIIII: số La Mã «IIIIIIIIIIIIIII» dài 15 ký tự, quá giới hạn 10",
        ),
        (
            "co-quan.xlsx",
            long_agency_xlsx,
            "Nhiệm vụ I.1: tên chính thức «Thanh tra Sở rất dài.*dài 332 ký tự, quá giới hạn 255",
        ),
    ],
)
def test_a_cell_longer_than_its_column_is_refused_naming_it(agency_directory, tmp_path, name, make, message):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(CommandError, match=message):
        run("import_programme", str(path))
    assert not Programme.objects.exists()


def zipfile_with(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return buffer.getvalue()


def test_a_table_without_a_content_header_is_read_with_a_guess_to_confirm(agency_directory, tmp_path, capsys):
    """Issue 12: an unknown header is not a refusal: the first column the words do not name is taken for the
    content, the mapping is marked as guessed (the review page asks), and the command line says what it used."""
    doc = read_programme_file(no_content_column_xlsx(), "thieu-cot.xlsx")
    expected = read_programme_text(BAC_GIANG_SEED.read_text(encoding="utf-8"))
    assert doc.columns_guessed
    assert doc.columns[:2] == [["TT", "number"], ["Ghi chú", "content"]]
    assert [t.content for t in doc.tasks] == [t.content for t in expected.tasks]
    path = tmp_path / "thieu-cot.xlsx"
    path.write_bytes(no_content_column_xlsx())
    out = run("import_programme", str(path), "--dry-run")
    assert "«Ghi chú» → Nội dung nhiệm vụ" in out
    assert "Cột nội dung được đoán" in out
    out = run("import_programme", str(path), "--dry-run", "--columns", "number,content,lead,support,time")
    assert "Cột nội dung được đoán" not in out
    assert "5 nhiệm vụ" in out


def test_a_word_cell_merged_down_over_several_tasks_belongs_to_each(agency_directory):
    """Issue 12: one lead agency written once, its cell merged down over three task rows, leads all three."""
    lines = seed_lines(BAC_GIANG_SEED)
    header = lines.index(next(line for line in lines if line.startswith("TT\t")))
    section_ii = lines.index(next(line for line in lines if line.startswith("II. Chỉ đạo")))
    tasks = ["1\tViệc một\tPhòng Quản lý\t\tNăm 2024", "2\tViệc hai\t\tVăn phòng Sở\tNăm 2024", "3\tViệc ba\t\t\t"]
    lines = [*lines[: header + 2], *tasks, *lines[section_ii:]]
    document = Document(io.BytesIO(build_docx(lines)))
    table = next(t for t in document.tables if t.cell(0, 0).text.strip() == "TT")
    first = next(r for r, row in enumerate(table.rows) if row.cells[0].text.strip() == "1")
    table.cell(first, 2).merge(table.cell(first + 2, 2)).text = "Phòng Quản lý"
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_programme_file(buffer.getvalue(), "gop-o.docx")
    assert [(t.number, t.lead_as_written, t.support_as_written) for t in doc.sections[0].tasks] == [
        ("1", "Phòng Quản lý", ""),
        ("2", "Phòng Quản lý", "Văn phòng Sở"),
        ("3", "Phòng Quản lý", ""),
    ]
    assert [t.content for t in doc.sections[0].tasks] == ["Việc một", "Việc hai", "Việc ba"]


def duplicated_task_lines():
    """The Bắc Giang plan with task I.2 numbered 1 again."""
    lines = seed_lines(BAC_GIANG_SEED)
    second = next(i for i, line in enumerate(lines) if line.startswith("2\tRà soát, điều chỉnh"))
    return [*lines[:second], "1" + lines[second][1:], *lines[second + 1 :]]


def test_a_word_error_names_the_table_and_row_not_a_line_of_the_text_form():
    """Issue 12: «bảng 2, hàng 5», as the user sees the file, instead of «Dòng 29» of an internal text."""
    with pytest.raises(ProgrammeFormatError) as error:
        read_programme_file(build_docx(duplicated_task_lines()), "ke-hoach.docx")
    message = str(error.value)
    assert re.fullmatch(r"Bảng \d+, hàng \d+: mục I có hai nhiệm vụ số 1 \(lần đầu ở bảng \d+, hàng \d+\)\.", message)
    assert "Dòng" not in message and "dòng" not in message


def test_an_excel_error_names_the_sheet_and_row():
    with pytest.raises(ProgrammeFormatError) as error:
        read_programme_file(build_xlsx(duplicated_task_lines()), "ke-hoach.xlsx")
    sheet = load_workbook(io.BytesIO(build_xlsx(duplicated_task_lines()))).active
    rows = [r for r, row in enumerate(sheet.iter_rows(values_only=True), 1) if row[0] in (1, "1")]
    first, second = rows[0], rows[1]
    assert str(error.value) == (
        f"Trang tính «{sheet.title}», hàng {second}: mục I có hai nhiệm vụ số 1 "
        f"(lần đầu ở trang tính «{sheet.title}», hàng {first})."
    )


def test_an_excel_cell_merged_down_over_several_tasks_belongs_to_each(agency_directory):
    """Issue 12: as in Word, one lead agency written once in a cell merged down over three task rows leads all three."""
    lines = seed_lines(BAC_GIANG_SEED)
    header = lines.index(next(line for line in lines if line.startswith("TT\t")))
    section_ii = lines.index(next(line for line in lines if line.startswith("II. Chỉ đạo")))
    tasks = ["1\tViệc một\tPhòng Quản lý\t\tNăm 2024", "2\tViệc hai\t\tVăn phòng Sở\tNăm 2024", "3\tViệc ba\t\t\t"]
    lines = [*lines[: header + 2], *tasks, *lines[section_ii:]]
    workbook = load_workbook(io.BytesIO(build_xlsx(lines)))
    sheet = workbook.active
    first = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value in (1, "1"))
    sheet.merge_cells(start_row=first, start_column=3, end_row=first + 2, end_column=3)
    workbook.create_sheet("Ghi chú").merge_cells("B2:B9")  # another sheet's merges stay on that sheet
    workbook.move_sheet("Ghi chú", offset=-1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    doc = read_programme_file(buffer.getvalue(), "gop-o.xlsx")
    assert [(t.number, t.lead_as_written, t.support_as_written) for t in doc.sections[0].tasks] == [
        ("1", "Phòng Quản lý", ""),
        ("2", "Phòng Quản lý", "Văn phòng Sở"),
        ("3", "Phòng Quản lý", ""),
    ]


def test_excel_merges_taller_than_the_limit_are_refused():
    from tasks.documents import limits

    workbook = load_workbook(io.BytesIO(build_xlsx(seed_lines(BAC_GIANG_SEED))))
    workbook.active.merge_cells(start_row=1, start_column=3, end_row=limits.MAX_MERGED_ROWS + 2, end_column=3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ProgrammeFormatError, match="ô gộp dọc hơn 500 hàng"):
        read_programme_file(buffer.getvalue(), "gop.xlsx")
