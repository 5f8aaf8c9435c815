"""A body's name in the report's header: its symbol after "BC-" and where a line may break."""

import pytest

from reports.bodies import NBSP, symbol, unbroken


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BAN CHỈ HUY QUÂN SỰ THÀNH PHỐ THÁI NGUYÊN", "BCH"),
        ("Ủy ban nhân dân thành phố Thái Nguyên", "UBND"),
        ("Công an thành phố Thái Nguyên", "CA"),
        ("Sở Khoa học và Công nghệ tỉnh Bắc Giang", "SKHCN"),
        ("Phòng Y tế thành phố Thái Nguyên", "PYT"),
        ("Đoàn Thanh niên", "ĐTN"),
        ("", ""),
    ],
)
def test_the_symbol_of_a_body(name, expected):
    assert symbol(name) == expected


def test_a_line_never_ends_inside_a_word_or_the_place():
    name = "ỦY BAN NHÂN DÂN THÀNH PHỐ THÁI NGUYÊN"
    # The only places a line may break: between the words of the body's name, and before its place.
    assert unbroken(name).split(" ") == [f"ỦY{NBSP}BAN", f"NHÂN{NBSP}DÂN", f"THÀNH{NBSP}PHỐ{NBSP}THÁI{NBSP}NGUYÊN"]
    assert unbroken(name).replace(NBSP, " ") == name
