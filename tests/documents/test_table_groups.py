"""A table numbered in two columns under a merged "Stt" ("TT" for tasks, "Chi tiết" for groups and their items):
a group of one task writes its heading and its task in one cell; the group is a section titled with the heading,
its task the whole cell as written."""

import pytest

from tasks.documents.table import heading_of
from tasks.documents.text import read_programme_text

TABLE = [
    "Phụ lục",
    "DANH MỤC NHIỆM VỤ",
    "",
    "Stt\t\tTên nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tThời hạn",
    "TT\tChi tiết\t\t\t\t\t",
    "\t1\tLàm sạch dữ liệu dùng chung của Thành phố.\t\tSở Khoa học và Công nghệ\tDữ liệu sạch\t30/8/2026",
    "1\ta)\tDữ liệu y tế\tSở Y tế\t\t\t",
    "2\tb)\tDữ liệu giáo dục\tSở Giáo dục và Đào tạo\t\t\t",
    "3\t2\tPhát triển mô hình du lịch số Phát triển mô hình du lịch số gắn với sản phẩm địa phương\tSở Du lịch"
    "\tSở Khoa học và Công nghệ\t10 điểm du lịch số\t100 ngày",
    "4\t3\tTriển khai hệ thống HanoiCheck Triển khai hệ thống tại các trường học\tSở Giáo dục và Đào tạo"
    "\t\tHệ thống vận hành\t100 ngày",
]


@pytest.mark.parametrize(
    ("cell", "heading"),
    [
        ("Phát triển kinh tế đêm sáng tạo Triển khai thí điểm 02 mô hình", "Phát triển kinh tế đêm sáng tạo"),
        ("Triển khai mô hình thôn, tổ dân phố số Mô hình được triển khai", "Triển khai mô hình thôn, tổ dân phố số"),
        # a name inside the heading, written in one word with capitals inside, does not start a sentence
        ("Triển khai hệ thống HanoiCheck Triển khai “Hệ thống cơ sở dữ liệu”", "Triển khai hệ thống HanoiCheck"),
        # a capitalised word after "của", "tại" … begins a name, not a sentence
        ("Số hóa dữ liệu của Thành phố và tại Sở Y tế", "Số hóa dữ liệu của Thành phố và tại Sở Y tế"),
        # no sentence begins in the cell: it is all heading
        ("Giải quyết dứt điểm việc phân bổ kinh phí", "Giải quyết dứt điểm việc phân bổ kinh phí"),
    ],
)
def test_the_heading_of_a_group_of_one_task_is_the_words_before_the_first_sentence(cell, heading):
    assert heading_of(cell) == heading


def test_a_group_of_one_task_is_a_section_titled_with_its_heading_and_its_task_keeps_the_cell():
    doc = read_programme_text("\n".join(TABLE))
    assert [(s.numeral, s.title) for s in doc.sections] == [
        ("1", "Làm sạch dữ liệu dùng chung của Thành phố."),
        ("2", "Phát triển mô hình du lịch số"),
        ("3", "Triển khai hệ thống HanoiCheck"),
    ]
    assert [(s.numeral, t.number, t.content, t.lead_as_written) for s in doc.sections for t in s.tasks] == [
        ("1", "1", "Dữ liệu y tế", "Sở Y tế"),
        ("1", "2", "Dữ liệu giáo dục", "Sở Giáo dục và Đào tạo"),
        ("2", "3", TABLE[8].split("\t")[2], "Sở Du lịch"),
        ("3", "4", TABLE[9].split("\t")[2], "Sở Giáo dục và Đào tạo"),
    ]
