"""Real programmes and plans issued by the Prime Minister, a ministry, provinces and a Government steering committee
(tests/documents/corpus/, where each comes from in SOURCES.md): their headers read the same from the text form, from
Word (the header block in a borderless layout table, paragraphs separated by empty paragraphs or by spacing), from
Excel (the block side by side) and from PDF, field by field against what the document says, written here by hand.

Only the headers: the stored copies the corpus was gathered from give each document's opening page and not its
appendix, so no task table of these documents is here (see SOURCES.md); the tables are tested with the seeds.
"""

from datetime import date
from pathlib import Path

import pytest

from tasks.documents import read_programme_file
from tasks.documents.excel import xlsx_to_text
from tasks.documents.header import read_header
from tasks.documents.pdf import pdf_to_text
from tasks.documents.text import read_programme_text
from tasks.documents.word import docx_to_text
from tasks.models import Programme
from tests.conftest import BAC_GIANG_SEED, CITY_SEED, run
from tests.documents.builders import build_layout_docx, build_layout_xlsx
from tests.documents.test_corpus_tables import DOCUMENTS as TABLES
from tests.documents.test_office_import import as_text, build_docx, build_xlsx, seed_lines
from tests.documents.test_pdf_import import build_pdf

CORPUS = Path(__file__).parent / "corpus"

TTG_BASIS_1 = (
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức "
    "Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"
)

EXPECTED = {
    "444-QD-TTg-2024": {
        "number": "444/QĐ-TTg",
        "place": "Hà Nội",
        "issued_on": date(2024, 5, 23),
        "issued_on_as_written": "ngày 23 tháng 5 năm 2024",
        "kind": "Quyết định",
        "title": "BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG THỰC HIỆN CHIẾN LƯỢC QUỐC GIA PHÒNG THỦ DÂN SỰ ĐẾN NĂM 2030 VÀ NHỮNG NĂM "
        "TIẾP THEO",
        "issuer": "Thủ tướng Chính phủ",
        "legal_bases": [TTG_BASIS_1, "Căn cứ Luật Phòng thủ dân sự ngày 20 tháng 6 năm 2023;"],
        "signer_title": "",
        "signer_name": "",
    },
    "170-KH-UBND-ninh-binh-2024": {
        "number": "170/KH-UBND",
        "place": "Ninh Bình",
        "issued_on": date(2024, 9, 11),
        "issued_on_as_written": "ngày 11 tháng 9 năm 2024",
        "kind": "Kế hoạch",
        "title": "THỰC HIỆN CHIẾN LƯỢC QUỐC GIA PHÒNG THỦ DÂN SỰ ĐẾN NĂM 2030 VÀ NHỮNG NĂM TIẾP THEO TRÊN ĐỊA BÀN "
        "TỈNH NINH BÌNH",
        # The copy's header block lost "TỈNH NINH BÌNH" under "ỦY BAN NHÂN DÂN": the preamble names the issuer.
        "issuer": "Ủy ban nhân dân tỉnh",
        "legal_bases": [
            "Thực hiện Quyết định số 444/QĐ-TTg ngày 23/5/2024 của Thủ tướng Chính phủ về ban hành Kế hoạch hành động "
            "thực hiện Chiến lược quốc gia phòng thủ dân sự đến năm 2030 và những năm tiếp theo. Ủy ban nhân dân tỉnh "
            "ban hành Kế hoạch hành động thực hiện Chiến lược quốc gia phòng thủ dân sự đến năm 2030 và những năm tiếp "
            "theo trên địa bàn tỉnh Ninh Bình như sau:"
        ],
        "signer_title": "",
        "signer_name": "",
    },
    "1013-KH-UBND-hai-duong-2025": {
        "number": "1013/KH-UBND",
        "place": "Hải Dương",
        "issued_on": date(2025, 3, 7),
        "issued_on_as_written": "ngày 07 tháng 3 năm 2025",
        "kind": "Kế hoạch",
        "title": "PHÒNG, CHỐNG THIÊN TAI NĂM 2025 TRÊN ĐỊA BÀN TỈNH HẢI DƯƠNG",
        "issuer": "Ủy ban nhân dân tỉnh Hải Dương",
        "legal_bases": [
            "Thực hiện Luật phòng, chống thiên tai và các văn bản hướng dẫn thi hành; Quyết định số 342/QĐ-TTg ngày "
            "15/3/2022 của Thủ tướng Chính phủ Ban hành Kế hoạch phòng, chống thiên tai Quốc gia đến năm 2025; Kế "
            "hoạch Phòng, chống thiên tai tỉnh Hải Dương đến năm 2025, UBND tỉnh ban hành Kế hoạch phòng, chống thiên "
            "tai năm 2025 với các nội dung sau:"
        ],
        "signer_title": "",
        "signer_name": "",
    },
    "971-QD-BNV-2024": {
        "number": "971/QĐ-BNV",
        "place": "Hà Nội",
        "issued_on": date(2024, 12, 30),
        "issued_on_as_written": "ngày 30 tháng 12 năm 2024",
        "kind": "Quyết định",
        "title": "BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA BỘ NỘI VỤ",
        "issuer": "Bộ Nội vụ",
        "legal_bases": [
            "Căn cứ Nghị định số 63/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ quy định chức năng, nhiệm vụ, "
            "quyền hạn và cơ cấu tổ chức của Bộ Nội vụ;",
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải "
            "cách hành chính nhà nước giai đoạn 2021 - 2030;",
            "Căn cứ Chỉ thị số 23/CT-TTg ngày 02 tháng 9 năm 2021 của Thủ tướng Chính phủ về việc đẩy mạnh thực hiện "
            "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2023;",
            "Căn cứ Quyết định số 1091/QĐ-BNV ngày 06 tháng 10 năm 2021 của Bộ trưởng Bộ Nội vụ ban hành Kế hoạch cải "
            "cách hành chính giai đoạn 2021 - 2025;",
            "Theo đề nghị của Vụ trưởng Vụ Cải cách hành chính.",
        ],
        "signer_title": "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
        "signer_name": "Trương Hải Long",
    },
    "126-QD-BCDCP-2025": {
        "number": "126/QĐ-BCĐCP",
        "place": "Hà Nội",
        "issued_on": date(2025, 9, 11),
        "issued_on_as_written": "ngày 11 tháng 09 năm 2025",
        "kind": "Quyết định",
        "title": "VỀ VIỆC BAN HÀNH KẾ HOẠCH HOẠT ĐỘNG NĂM 2025 CỦA BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI "
        "MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06",
        # Upper-case in the block; "Đề án 06" is a proper name the casing rules do not know.
        "issuer": "Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và "
        "đề án 06",
        "legal_bases": [
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
            "Căn cứ Nghị quyết số 57-NQ/TW, ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa "
            "học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
            "Căn cứ Quyết định số 929/QĐ-TTg ngày 15 tháng 5 năm 2025 của Thủ tướng Chính phủ về việc thành lập Ban "
            "Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06;",
            "Căn cứ Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ sửa đổi, bổ sung cập nhật Chương "
            "trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính "
            "trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
            "Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ.",
        ],
        "signer_title": "",
        "signer_name": "",
    },
    "14084-KH-UBND-khanh-hoa-2024": {
        "number": "14084/KH-UBND",
        "place": "Khánh Hòa",
        "issued_on": date(2024, 12, 9),
        "issued_on_as_written": "ngày 09 tháng 12 năm 2024",
        "kind": "Kế hoạch",
        "title": "TRIỂN KHAI DỊCH VỤ CÔNG TRỰC TUYẾN TRÊN ĐỊA BÀN TỈNH KHÁNH HÒA",
        "issuer": "Ủy ban nhân dân tỉnh Khánh Hòa",
        # Under the heading "I. CĂN CỨ PHÁP LÝ", without the word "Căn cứ".
        "legal_bases": [
            "Luật Giao dịch điện tử (sửa đổi) ngày 22/6/2023;",
            "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định việc cung cấp thông tin và dịch vụ công "
            "trực tuyến của cơ quan nhà nước trên môi trường mạng;",
            "Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường "
            "điện tử;",
            "Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
            "61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải "
            "quyết thủ tục hành chính;",
            "Nghị định số 69/2024/NĐ-CP ngày 25/6/2024 của Chính phủ quy định về định danh và xác thực điện tử;",
            "Thông tư số 01/2023/TT-VPCP ngày 05/4/2023 của Văn phòng Chính phủ quy định một số nội dung và biện pháp "
            "thi hành trong số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và thực hiện thủ tục hành chính trên "
            "môi trường điện tử;",
            "Thông tư số 21/2023/TT-BTTTT ngày 31/12/2023 của Bộ Thông tin và Truyền thông quy định về chức năng, tính "
            "năng kỹ thuật của Hệ thống thông tin giải quyết thủ tục hành chính cấp bộ, cấp tỉnh;",
            "Công văn số 4338/BTTTT-CĐSQG ngày 14/10/2024 của Bộ Thông tin và Truyền thông về việc Khung triển khai "
            "dịch vụ công trực tuyến.",
        ],
        "signer_title": "",
        "signer_name": "",
    },
    "8124-KH-UBND-lam-dong-2023": {
        "number": "8124/KH-UBND",
        "place": "Lâm Đồng",
        "issued_on": date(2023, 9, 18),
        "issued_on_as_written": "ngày 18 tháng 9 năm 2023",
        "kind": "Kế hoạch",
        "title": "PHÁT TRIỂN HẠ TẦNG SỐ TRÊN ĐỊA BÀN TỈNH LÂM ĐỒNG GIAI ĐOẠN 2023 - 2025",
        "issuer": "Ủy ban nhân dân tỉnh Lâm Đồng",
        # Not the closing sentence "Ủy ban nhân dân tỉnh ban hành Kế hoạch ..., cụ thể như sau:".
        "legal_bases": [
            "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ về việc phê duyệt Chương trình "
            "chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;",
            "Căn cứ Quyết định số 411/QĐ-TTg ngày 31/3/2022 của Thủ tướng Chính phủ phê duyệt Chiến lược quốc gia "
            "phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030;",
            "Căn cứ Quyết định số 885/QĐ-BTTTT ngày 25/5/2023 của Bộ Thông tin và Truyền thông ban hành Bộ tiêu chí "
            "đánh giá phát triển hạ tầng số của các tỉnh, thành phố trực thuộc Trung ương;",
            "Căn cứ Nghị quyết số 12-NQ/TU ngày 25/5/2022 của Tỉnh ủy về Chuyển đổi số tỉnh Lâm Đồng đến năm 2025, "
            "định hướng đến năm 2030;",
            "Căn cứ Kế hoạch số 5731/KH-UBND ngày 03/8/2022 của UBND tỉnh thực hiện Chuyển đổi số tỉnh Lâm Đồng đến "
            "năm 2025, định hướng đến năm 2030;",
            "Căn cứ văn bản số 3115/BTTTT-CVT ngày 02/8/2023 của Bộ Thông tin và Truyền thông về việc xây dựng Kế "
            "hoạch phát triển hạ tầng số giai đoạn 2023 - 2025 của địa phương.",
        ],
        "signer_title": "",
        "signer_name": "",
    },
    "2169-QD-TTg-2021": {
        "number": "2169/QĐ-TTg",
        "place": "Hà Nội",
        "issued_on": date(2021, 12, 22),
        "issued_on_as_written": "ngày 22 tháng 12 năm 2021",
        "kind": "Quyết định",
        "title": "BAN HÀNH KẾ HOẠCH PHÒNG THỦ DÂN SỰ QUỐC GIA GIAI ĐOẠN 2021 - 2025",
        "issuer": "Thủ tướng Chính phủ",
        "legal_bases": [
            TTG_BASIS_1,
            "Căn cứ Nghị định số 02/2019/NĐ-CP ngày 02 tháng 01 năm 2019 của Chính phủ về phòng thủ dân sự;",
            "Căn cứ Quyết định số 1042/QĐ-TTg ngày 19 tháng 8 năm 2019 của Thủ tướng Chính phủ ban hành Kế hoạch "
            "triển khai thực hiện Nghị định số 02/2019/NĐ-CP ngày 02 tháng 01 năm 2019 của Chính phủ về phòng thủ dân "
            "sự;",
            "Theo đề nghị của Bộ trưởng Bộ Quốc phòng tại Tờ trình số 4894/TTr-BQP ngày 07 tháng 12 năm 2021.",
        ],
        # The stored copy ends inside "Nơi nhận", before the signature.
        "signer_title": "",
        "signer_name": "",
    },
}
FIELDS = list(next(iter(EXPECTED.values())))


def corpus_lines(name):
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines()


def header_of(text):
    header = read_header(text.splitlines())
    return {name: getattr(header, name) for name in FIELDS} | {"missing": header.missing}


def expected(name):
    return EXPECTED[name] | {"missing": []}


def test_the_corpus_and_its_sources_match():
    assert sorted(path.stem for path in CORPUS.glob("*.txt")) == sorted([*EXPECTED, *TABLES])
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(name in sources for name in EXPECTED)


@pytest.mark.parametrize("name", EXPECTED)
def test_the_header_reads_from_the_text(name):
    assert header_of("\n".join(corpus_lines(name))) == expected(name)


@pytest.mark.parametrize("name", EXPECTED)
@pytest.mark.parametrize("spacing", [False, True], ids=["empty-paragraphs", "spacing"])
def test_the_header_reads_from_word_with_the_block_in_a_layout_table(name, spacing):
    raw = build_layout_docx(corpus_lines(name), spacing=spacing)
    assert header_of(docx_to_text(raw, f"{name}.docx")) == expected(name)


@pytest.mark.parametrize("name", EXPECTED)
def test_the_header_reads_from_excel_with_the_block_side_by_side(name):
    assert header_of(xlsx_to_text(build_layout_xlsx(corpus_lines(name)), f"{name}.xlsx")) == expected(name)


@pytest.fixture(scope="module")
def corpus_pdfs():
    return {name: build_pdf(corpus_lines(name)) for name in EXPECTED}


@pytest.mark.parametrize("name", EXPECTED)
def test_the_header_reads_from_pdf(name, corpus_pdfs):
    assert header_of(pdf_to_text(corpus_pdfs[name], f"{name}.pdf")) == expected(name)


# A real header above a seed's table: the whole document reads alike from every format.
def with_seed_table(name, seed=BAC_GIANG_SEED):
    table = seed_lines(seed)
    start = next(i for i, line in enumerate(table) if line.startswith("TT\t"))
    return [*corpus_lines(name), "", *table[start:]]


@pytest.mark.parametrize("name", ["1013-KH-UBND-hai-duong-2025", "971-QD-BNV-2024", "444-QD-TTg-2024"])
def test_a_real_header_above_a_table_reads_alike_from_word_excel_and_pdf(name):
    lines = with_seed_table(name)
    text = read_programme_text("\n".join(lines)).to_dict()
    assert text["number"] == EXPECTED[name]["number"] and text["issuer"] == EXPECTED[name]["issuer"]
    assert sum(len(s["tasks"]) for s in text["sections"]) == 5
    for raw, file in (
        (build_layout_docx(lines), "a.docx"),
        (build_layout_docx(lines, spacing=True), "b.docx"),
        (build_layout_xlsx(lines), "c.xlsx"),
        (build_pdf(lines), "d.pdf"),
    ):
        assert read_programme_file(raw, file).to_dict() == text, file


@pytest.mark.parametrize("seed", [CITY_SEED, BAC_GIANG_SEED], ids=["04-CTr-UBND", "KH-KHCN"])
def test_a_word_file_spaced_without_empty_paragraphs_reads_as_the_text_does(seed):
    lines = seed_lines(seed)
    start = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    lines = [line for line in lines[:start] if line.strip()] + lines[start:]  # the tables stay split at page ends
    assert read_programme_file(build_docx(lines), "spaced.docx").to_dict() == as_text(seed)


def test_lines_below_the_table_of_an_excel_sheet_never_join_the_last_task():
    lines = seed_lines(BAC_GIANG_SEED)
    start = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("III."))
    closing = [
        "Ghi chú: Các phòng, đơn vị báo cáo kết quả về Văn phòng Sở trước ngày 15/12.",
        "Nơi nhận:\t\t\tKT. GIÁM ĐỐC",
        "- Lưu: VT, VP.\t\t\tPHÓ GIÁM ĐỐC",
        "\t\t\t\tNguyễn Phúc Thương",
    ]
    sheet = build_xlsx([*lines[:end], *closing])
    doc = read_programme_file(sheet, "ke-hoach.xlsx")
    seed = read_programme_text("\n".join(lines))
    assert [t.to_dict() for t in doc.tasks] == [t.to_dict() for t in seed.tasks]
    assert (doc.signer_title, doc.signer_name) == ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Phúc Thương")


def test_an_appendix_sent_alone_imports_with_its_missing_header_flagged():
    lines = seed_lines(BAC_GIANG_SEED)
    start = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("III."))
    bare = ["PHỤ LỤC", "(Kèm theo Kế hoạch của Sở Khoa học và Công nghệ năm 2024)", *lines[start:end]]
    for raw, file in ((build_xlsx(bare), "phu-luc.xlsx"), ("\n".join(bare).encode(), "phu-luc.txt")):
        doc = read_programme_file(raw, file)
        assert (doc.number, doc.place, doc.issued_on, doc.issued_on_as_written) == ("", "", None, "")
        assert doc.missing == ["number", "place", "issued_on"]
        assert (doc.kind, doc.year, len(doc.tasks)) == ("Phụ lục", 2024, 5)
        again = type(doc).from_dict(doc.to_dict())
        assert again.missing == doc.missing


def test_a_header_side_by_side_on_one_line_as_a_pdf_text_layer_gives_it():
    header = read_header(
        [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH HẢI DƯƠNG Độc lập - Tự do - Hạnh phúc",
            "Số: 1013/KH-UBND Hải Dương, ngày 07 tháng 3 năm 2025",
            "KẾ HOẠCH",
            "PHÒNG, CHỐNG THIÊN TAI NĂM 2025 TRÊN ĐỊA BÀN TỈNH HẢI DƯƠNG",
        ]
    )
    assert (header.number, header.place, header.issued_on, header.issuer) == (
        "1013/KH-UBND",
        "Hải Dương",
        date(2025, 3, 7),
        "Ủy ban nhân dân tỉnh Hải Dương",
    )
    assert (header.kind, header.missing) == ("Kế hoạch", [])


def test_a_department_under_its_province_is_the_issuer():
    header = read_header(
        ["UBND TỈNH BẮC GIANG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: /KH-KHCN", "Bắc Giang, ngày tháng 3 năm 2024"]
    )
    assert (header.issuer, header.number, header.issued_on, header.year) == (
        "Sở Khoa học và Công nghệ",
        "/KH-KHCN",
        None,
        2024,
    )


def test_the_command_imports_an_appendix_sent_alone(agency_directory, tmp_path):
    lines = seed_lines(BAC_GIANG_SEED)
    start = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("III."))
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(build_xlsx(["PHỤ LỤC", "(Kèm theo Kế hoạch năm 2024)", *lines[start:end]]))
    assert "5 nhiệm vụ" in run("import_programme", str(path))
    programme = Programme.objects.get()
    assert (programme.number, programme.year, programme.issued_on) == ("", 2024, None)
