"""Reading the two seed documents, cell by cell, and refusing malformed text."""

from datetime import date

import pytest

from tasks.documents import ProgrammeFormatError
from tasks.documents.text import decode, read_programme_text
from tasks.documents.timeframe import ScheduleKind
from tests.conftest import BAC_GIANG_SEED, CITY_SEED


@pytest.fixture(scope="module")
def city():
    return read_programme_text(CITY_SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bac_giang():
    return read_programme_text(BAC_GIANG_SEED.read_text(encoding="utf-8"))


def task(doc, numeral, number):
    section = next(s for s in doc.sections if s.numeral == numeral)
    return next(t for t in section.tasks if t.number == number)


def test_city_header(city):
    assert city.number == "04/CTr-UBND"
    assert city.kind == "Chương trình hành động"
    assert city.title == (
        "Thực hiện Chiến lược quốc gia phòng thủ dân sự đến năm 2030 "
        "và những năm tiếp theo trên địa bàn thành phố Thái Nguyên"
    )
    assert city.place == "TP. Thái Nguyên"
    assert city.issued_on == date(2024, 12, 31)
    assert city.issuer == "UBND thành phố Thái Nguyên"
    assert (city.signer_title, city.signer_name) == ("CHỦ TỊCH", "Nguyễn Linh")
    assert len(city.legal_bases) == 3
    assert city.legal_bases[0].startswith("Căn cứ Chương trình số 7398/CTr-UBND ngày 13/11/2024")


def test_city_phases_and_objectives(city):
    assert [p.name for p in city.phases] == ["Giai đoạn 1", "Giai đoạn 2", "Giai đoạn 3"]
    assert [p.label_as_written for p in city.phases] == [
        "Giai đoạn (đến năm 2025)",
        "Giai đoạn 2 (2026 - 2030)",
        "Giai đoạn 3 (sau năm 2030)",
    ]
    assert [(p.start, p.end) for p in city.phases] == [
        (None, date(2025, 12, 31)),
        (date(2026, 1, 1), date(2030, 12, 31)),
        (date(2031, 1, 1), None),
    ]
    assert [len(p.objectives) for p in city.phases] == [9, 9, 0]
    assert city.phases[0].objectives[0].startswith("Tổ chức lại Ban Chỉ huy phòng thủ dân sự các cấp")
    assert city.phases[1].objectives[-1] == (
        "Sơ kết, tổng kết và nghiên cứu bổ sung, tham gia ý kiến phát triển lý luận về phòng thủ dân sự."
    )


def test_city_table_counts(city):
    assert [s.numeral for s in city.sections] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    assert [len(s.tasks) for s in city.sections] == [6, 2, 3, 3, 6, 2, 4, 5, 4, 2]
    assert len(city.tasks) == 37
    assert city.sections[0].title == "KIỆN TOÀN, HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ"


@pytest.mark.parametrize(
    "numeral, number, content",
    [
        (
            "I",
            "5",
            "Rà soát, bổ sung, điều chỉnh quy chế phối hợp giữa các phòng, ban, ngành, địa phương, các đơn vị "
            "Quân đội, Công an trên địa bàn thành phố trong phòng thủ dân sự",
        ),
        (
            "III",
            "1",
            "Triển khai, hướng dẫn, lồng ghép nội dung kiến thức phòng thủ dân sự vào chương trình, môn học giáo "
            "dục quốc phòng và an ninh trong các nhà trường, cơ sở giáo dục từ cấp trung học phổ thông trở lên.",
        ),
        (
            "IV",
            "2",
            "Kiện toàn đội xung kích phòng chống thiên tai cơ sở; phát triển lực lượng tình nguyện viên trong "
            "công tác tuyên truyền, khắc phục hậu quả sự cố, thảm họa, thiên tai, dịch bệnh.",
        ),
        (
            "VIII",
            "3",
            "Tham mưu chỉ đạo và tổ chức diễn tập phòng thủ dân sự lồng ghép trong diễn tập khu vực phòng thủ cấp "
            "thành phố, cấp xã.",
        ),
    ],
)
def test_rows_continued_after_a_page_break_are_joined_with_one_space(city, numeral, number, content):
    assert task(city, numeral, number).content == content


def test_city_cells_as_written(city):
    first = task(city, "I", "1")
    assert first.content == "Tổ chức lại Ban Chỉ huy phòng thủ dân sự cấp thành phố theo đúng Luật Phòng thủ dân sự."
    assert first.lead_as_written == "Ban CHQS thành phố"
    assert first.support_as_written == "Các phòng, ban, cơ quan, đơn vị, địa phương"
    assert first.timeframe_as_written == ["Quý I năm 2025", "", ""]
    assert first.deliverable == "Quyết định của Chủ tịch UBND thành phố"

    fund = task(city, "VII", "1")
    assert (fund.content, fund.lead_as_written) == ("Thành lập Quỹ phòng thủ dân sự", "Phòng Tài chính - Kế hoạch")
    assert fund.deliverable == "Sau khi có văn bản chỉ đạo của cấp trên"

    drill = task(city, "VIII", "4")
    assert drill.timeframe_as_written == ["", "Thường xuyên", ""]
    assert task(city, "VII", "2").timeframe_as_written == ["Hàng năm hoặc đột xuất", "", ""]
    assert task(city, "X", "1").lead_as_written == "Ban CHQS thành phố Thái Nguyên"
    assert task(city, "V", "3").lead_as_written == "Ban CHQS thành phố; phòng Tài nguyên & Môi trường"

    unassigned = task(city, "X", "2")
    assert (unassigned.lead_as_written, unassigned.support_as_written) == ("", "")


def test_city_schedules(city):
    assert task(city, "I", "1").schedule.due == date(2025, 3, 31)
    phase_two = task(city, "II", "2").schedule
    assert (phase_two.kind, phase_two.due, phase_two.phases) == (ScheduleKind.PHASE, date(2030, 12, 31), (2,))
    ongoing = task(city, "III", "2").schedule
    assert (ongoing.kind, ongoing.due) == (ScheduleKind.ONGOING, None)
    assert task(city, "VII", "1").schedule.conditional == "Sau khi có văn bản chỉ đạo của cấp trên"
    assert task(city, "X", "1").schedule.recurrence == "periodic"
    assert not any(t.schedule.needs_review for t in city.tasks)


def test_bac_giang_plan(bac_giang):
    assert (bac_giang.number, bac_giang.kind) == ("/KH-KHCN", "Kế hoạch")
    assert bac_giang.title == "Thực hiện công tác phòng thủ dân sự năm 2024"
    assert (bac_giang.place, bac_giang.issued_on, bac_giang.year) == ("Bắc Giang", None, 2024)
    assert bac_giang.issued_on_as_written == "ngày tháng 3 năm 2024"
    assert bac_giang.issuer == "Sở Khoa học và Công nghệ"
    assert (bac_giang.signer_title, bac_giang.signer_name) == ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Phúc Thương")
    assert bac_giang.phases == []
    assert [(s.numeral, len(s.tasks)) for s in bac_giang.sections] == [("I", 3), ("II", 2)]
    assert bac_giang.sections[1].title == "Chỉ đạo tuyên truyền, giáo dục pháp luật về phòng thủ dân sự"
    first = bac_giang.sections[0].tasks[0]
    assert first.content == (
        "Rà soát các văn bản QPPL liên quan đến phòng thủ dân sự (theo Quyết định số 1217/QĐ-TTg ngày "
        "20/10/2023 của Thủ tướng Chính phủ phê duyệt Kế hoạch triển khai Luật Phòng thủ dân sự)."
    )
    assert (first.lead_as_written, first.timeframe_as_written, first.deliverable) == (
        "Thanh tra Sở",
        ["Thường xuyên"],
        "",
    )
    assert bac_giang.sections[0].tasks[1].support_as_written == "Các phòng, đơn vị thuộc Sở;"
    assert all(t.schedule.kind == ScheduleKind.ONGOING for t in bac_giang.tasks)


def test_a_bare_line_continues_the_task_above_and_notes_are_skipped():
    text = CITY_SEED.read_text(encoding="utf-8").replace(
        "\tghép trong diễn tập khu vực phòng thủ cấp thành phố, cấp xã.\t\t\t\t\t\t",
        "[Handwritten signature]\nghép trong diễn tập khu vực phòng thủ cấp thành phố, cấp xã.",
    )
    doc = read_programme_text(text)
    assert task(doc, "VIII", "3").content.endswith("lồng ghép trong diễn tập khu vực phòng thủ cấp thành phố, cấp xã.")
    assert len(doc.tasks) == 37


MINIMAL_HEADER = "Số: 12/KH-UBND\nHà Nội, ngày 01 tháng 02 năm 2025\n\nKẾ HOẠCH\nThử nghiệm\n\n"
TABLE_HEADER = "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"


@pytest.mark.parametrize(
    "raw, message, line",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "nhị phân", 3),
        (b"S\xe1 ngay\n\xff\xfe", "không phải văn bản UTF-8", 1),
        (b"", "Tệp rỗng", None),
        (b"   \n\n", "Tệp rỗng", None),
    ],
)
def test_binary_and_empty_files_are_refused(raw, message, line):
    with pytest.raises(ProgrammeFormatError, match=message) as error:
        decode(raw)
    assert error.value.line == line


@pytest.mark.parametrize(
    "text, message, line",
    [
        (MINIMAL_HEADER + "Không có bảng nào.\n", "không có dòng tiêu đề bắt đầu bằng «TT»", None),
        (
            MINIMAL_HEADER + TABLE_HEADER + "I\tMục\t\t\t\n1\tViệc\tA\tB\tNăm 2025\nI\tLại mục I\t\t\t\n",
            "Dòng 10: mục I xuất hiện lần thứ hai \\(lần đầu ở dòng 8\\)",
            10,
        ),
        (
            MINIMAL_HEADER + TABLE_HEADER + "I\tMục\t\t\t\n1\tViệc\tA\tB\tNăm 2025\n1\tViệc khác\tA\tB\t\n",
            "Dòng 10: mục I có hai nhiệm vụ số 1",
            10,
        ),
        (MINIMAL_HEADER + "TT\tCơ quan chủ trì\tThời gian\n", "Bảng nhiệm vụ không có nhiệm vụ nào", 7),
        (MINIMAL_HEADER + TABLE_HEADER + "\tdòng mồ côi\t\t\t\n", "Dòng 8: dòng tiếp nối", 8),
        (
            MINIMAL_HEADER + "TT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\t\n"
            "\t\t\tGiai đoạn 1 (2025 - 2026)\tGiai đoạn 2 (2027 - 2030)\nI\tMục\t\t\t\n1\tViệc\tA\tx\t\n"
            + TABLE_HEADER
            + "\tcòn tiếp\t\t\t\n",
            "Dòng 12: dòng tiếp nối nhiệm vụ 1 nằm dưới tiêu đề bảng có 1 cột thời gian, còn dòng đầu .* có 2",
            12,
        ),
        (MINIMAL_HEADER + TABLE_HEADER + "Ghi chú\tViệc\t\t\t\n", "ô TT «Ghi chú»", 8),
        (MINIMAL_HEADER + TABLE_HEADER + "I\tMục\t\t\t\n", "không có nhiệm vụ nào", 7),
        ("Số: 1/KH\nHà Nội, ngày 31 tháng 02 năm 2025\nKẾ HOẠCH\nX\n", "không có thật", 2),
        ("Số: 1/KH\nHà Nội, ngày tháng năm 0000\nKẾ HOẠCH\nX\n", "không có thật", 2),
    ],
)
def test_malformed_documents_name_the_line(text, message, line):
    with pytest.raises(ProgrammeFormatError, match=message) as error:
        read_programme_text(text)
    assert error.value.line == line


def test_a_minimal_document_reads():
    doc = read_programme_text(MINIMAL_HEADER + TABLE_HEADER + "I\tMục một\t\t\t\n1\tViệc\tA; B\t\tQuý II/2025\n")
    assert (doc.number, doc.issued_on, doc.kind, doc.title) == (
        "12/KH-UBND",
        date(2025, 2, 1),
        "Kế hoạch",
        "Thử nghiệm",
    )
    only = doc.tasks[0]
    assert (only.lead_as_written, only.timeframe_as_written, only.schedule.due) == (
        "A; B",
        ["Quý II/2025"],
        date(2025, 6, 30),
    )


def test_a_flat_table_is_one_section_without_a_name():
    """Issue 12: a table without section rows (tasks numbered 1, 2, 3) was refused; it is one unnamed section, and
    tasks above the first section of a table go into such a section too."""
    flat = read_programme_text(MINIMAL_HEADER + TABLE_HEADER + "1\tViệc\tA\tB\tNăm 2025\n2\tViệc hai\tA\t\t\n")
    assert [(s.numeral, s.title, [t.number for t in s.tasks]) for s in flat.sections] == [("", "", ["1", "2"])]
    mixed = read_programme_text(MINIMAL_HEADER + TABLE_HEADER + "1\tViệc\tA\tB\t\nI\tMục\t\t\t\n1\tViệc\tA\t\t\n")
    assert [(s.numeral, [t.number for t in s.tasks]) for s in mixed.sections] == [("", ["1"]), ("I", ["1"])]


def test_lettered_parts_above_roman_sections_and_lettered_sub_items():
    """Issue 12: parts A., B. (C. after B.) above sections I, II that start again in each part; sub-items a), b)
    under a numbered task."""
    rows = [
        "A.\tCÁC NHIỆM VỤ CHUNG\t\t\t",
        "I\tTuyên truyền\t\t\t",
        "1\tViệc một\tA\t\t",
        "a)\tÝ thứ nhất\tA\t\t",
        "b)\tÝ thứ hai\tA\t\t",
        "B.\tCÁC NHIỆM VỤ CỤ THỂ\t\t\t",
        "I\tHuấn luyện\t\t\t",
        "1\tViệc hai\tA\t\t",
        "C\tKINH PHÍ\t\t\t",
        "1\tViệc ba\tA\t\t",
    ]
    doc = read_programme_text(MINIMAL_HEADER + TABLE_HEADER + "\n".join(rows) + "\n")
    assert [(s.numeral, s.title, [t.number for t in s.tasks]) for s in doc.sections] == [
        ("A", "CÁC NHIỆM VỤ CHUNG", []),
        ("A.I", "Tuyên truyền", ["1", "1.a", "1.b"]),
        ("B", "CÁC NHIỆM VỤ CỤ THỂ", []),
        ("B.I", "Huấn luyện", ["1"]),
        ("C", "KINH PHÍ", ["1"]),
    ]
    assert doc.sections[1].tasks[1].content == "Ý thứ nhất"


def test_a_lone_roman_letter_is_still_a_section():
    doc = read_programme_text(
        MINIMAL_HEADER + TABLE_HEADER + "I\tMục một\t\t\t\n1\tViệc\tA\t\t\nV\tMục năm\t\t\t\n1\tViệc\tA\t\t\n"
    )
    assert [s.numeral for s in doc.sections] == ["I", "V"]


@pytest.mark.parametrize("written", ["ngày năm 2024", "ngày 5 năm 2024", "ngày 5/3 năm 2024", "ngày tháng năm 2024"])
def test_a_date_line_without_day_and_month_keeps_its_words_and_year(written):
    doc = read_programme_text(
        MINIMAL_HEADER.replace("ngày 01 tháng 02 năm 2025", written) + TABLE_HEADER + "I\tMục\t\t\t\n1\tViệc\tA\t\t\n"
    )
    assert (doc.place, doc.issued_on, doc.issued_on_as_written, doc.year) == ("Hà Nội", None, written, 2024)
