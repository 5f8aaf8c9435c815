"""Agency lists as written: a comma or "và" separates agencies only where each part names a body."""

import time

import pytest

from agencies.directory import AgencyDirectory
from agencies.models import Agency, AgencyAlias
from agencies.text import fold_name
from tasks.documents import read_programme_file
from tasks.documents.store import resolve_agencies, unknown_agencies

from .conftest import BAC_GIANG_SEED, CITY_SEED


def directory(*entries):
    """A directory built here, without the database: (name, short name, aliases) per agency."""
    agencies, aliases = [], []
    for name, short_name, alias_names in entries:
        agency = Agency(name=name, short_name=short_name)
        agencies.append(agency)
        aliases += [AgencyAlias(agency=agency, name=alias, folded_name=fold_name(alias)) for alias in alias_names]
    return AgencyDirectory(agencies, aliases)


EMPTY = directory()


@pytest.mark.parametrize(
    "cell, parts",
    [
        # the brief's cases
        ("Sở Tài chính, Sở Xây dựng, các địa phương", ["Sở Tài chính", "Sở Xây dựng", "các địa phương"]),
        ("Sở Tài chính và cơ quan, địa phương liên quan", ["Sở Tài chính", "cơ quan, địa phương liên quan"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Bộ Nông nghiệp và Môi trường", ["Bộ Nông nghiệp và Môi trường"]),
        ("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"]),
        ("Các sở, ban, ngành tỉnh", ["Các sở, ban, ngành tỉnh"]),
        ("Các phòng, ban, cơ quan, đơn vị, địa phương", ["Các phòng, ban, cơ quan, đơn vị, địa phương"]),
        # from real plans
        ("UBND các xã, phường", ["UBND các xã, phường"]),
        ("Sở Nội vụ; Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
        (
            "Công an tỉnh, Bộ Chỉ huy quân sự tỉnh và các sở, ngành liên quan",
            ["Công an tỉnh", "Bộ Chỉ huy quân sự tỉnh", "các sở, ngành liên quan"],
        ),
        ("Sở Giáo dục và Đào tạo, Sở Y tế", ["Sở Giáo dục và Đào tạo", "Sở Y tế"]),
        ("Sở Y tế, Sở Giáo dục và Đào tạo", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", ["Phòng Kinh tế, Hạ tầng và Đô thị"]),
        ("Sở Dân tộc và Tôn giáo", ["Sở Dân tộc và Tôn giáo"]),
        ("Sở Tư pháp và Thanh tra tỉnh", ["Sở Tư pháp", "Thanh tra tỉnh"]),
        ("Bộ CHQS tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh", ["Bộ CHQS tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]),
        ("UBND tỉnh, UBND cấp xã", ["UBND tỉnh", "UBND cấp xã"]),
        ("Sở KH&CN, Sở NN&MT", ["Sở KH&CN", "Sở NN&MT"]),
        ("Văn phòng HĐND và UBND tỉnh", ["Văn phòng HĐND và UBND tỉnh"]),
        ("Văn phòng UBND tỉnh và Công an tỉnh", ["Văn phòng UBND tỉnh", "Công an tỉnh"]),
        ("Các đơn vị Quân đội, Công an trên địa bàn", ["Các đơn vị Quân đội, Công an trên địa bàn"]),
        (
            "Các phòng, ban, cơ quan, đơn vị có lực lượng chuyên trách, kiêm nhiệm",
            ["Các phòng, ban, cơ quan, đơn vị có lực lượng chuyên trách, kiêm nhiệm"],
        ),
        ("Sở Công Thương và các doanh nghiệp", ["Sở Công Thương", "các doanh nghiệp"]),
        ("Sở Công Thương, doanh nghiệp trên địa bàn", ["Sở Công Thương", "doanh nghiệp trên địa bàn"]),
        ("Các phòng, ban chuyên môn", ["Các phòng, ban chuyên môn"]),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội",
            ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội"],
        ),
        ("Báo và Phát thanh, Truyền hình Thái Nguyên", ["Báo và Phát thanh, Truyền hình Thái Nguyên"]),
        (
            "Sở Tài chính (cơ quan thường trực, tổng hợp), Sở Nội vụ",
            ["Sở Tài chính (cơ quan thường trực, tổng hợp)", "Sở Nội vụ"],
        ),
        ("Hội Liên hiệp Phụ nữ tỉnh, Tỉnh đoàn", ["Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn"]),
        (
            "Ban CHQS thành phố - Công an thành phố, Phòng Y tế",
            ["Ban CHQS thành phố", "Công an thành phố", "Phòng Y tế"],
        ),
        ("Sở Tài chính,Sở Xây dựng", ["Sở Tài chính", "Sở Xây dựng"]),
        ("Sở Tài chính, ", ["Sở Tài chính"]),
        ("Sở Tài chính, , Sở Xây dựng", ["Sở Tài chính", "Sở Xây dựng"]),
        (" ; , ;", []),
    ],
)
def test_a_cell_is_split_where_each_part_names_a_body(cell, parts):
    assert EMPTY.split(cell) == parts


def test_without_the_directory_an_unknown_kind_continues_the_name_before_it():
    assert EMPTY.split("Sở Tài chính, Đội Phòng cháy, chữa cháy số 1") == [
        "Sở Tài chính, Đội Phòng cháy, chữa cháy số 1"
    ]


def test_a_cell_of_two_thousand_pieces_is_read_in_linear_time():
    cell = ", ".join(["Sở Tài chính", "Thể thao và Du lịch"] * 1000)
    started = time.perf_counter()
    parts = KNOWN.split(cell)
    assert len(parts) == 1000 and parts[0] == "Sở Tài chính, Thể thao và Du lịch"
    assert time.perf_counter() - started < 5


TAI_CHINH = "Sở Tài chính tỉnh Thái Nguyên"
PHONG_QLCN = "Phòng Quản lý công nghệ và Thị trường công nghệ, Sở KHCN Bắc Giang"
KNOWN = directory(
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên", "Sở VHTTDL", ["Sở Văn hóa, Thể thao và Du lịch"]),
    (TAI_CHINH, "Sở Tài chính", []),
    ("Văn phòng HĐND và UBND thành phố Thái Nguyên", "", ["Văn phòng HĐND và UBND thành phố"]),
    ("Ban Chỉ huy quân sự thành phố Thái Nguyên", "Ban CHQS thành phố", []),
    ("Ủy ban nhân dân các xã, phường", "UBND các xã, phường", ["Các địa phương"]),
    ("Các sở, ban, ngành tỉnh Thái Nguyên", "", ["Các sở, ngành", "Các sở, ngành liên quan"]),
    (PHONG_QLCN, "", []),
    ("Đội Phòng cháy, chữa cháy số 1", "", ["Đội PCCC số 1"]),
)


@pytest.mark.parametrize(
    "cell, expected",
    [
        (
            "Sở Văn hóa, Thể thao và Du lịch, Sở Tài chính",
            [
                ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên"),
                ("Sở Tài chính", TAI_CHINH),
            ],
        ),
        (
            "Ban CHQS thành phố và Văn phòng HĐND và UBND thành phố",
            [
                ("Ban CHQS thành phố", "Ban Chỉ huy quân sự thành phố Thái Nguyên"),
                ("Văn phòng HĐND và UBND thành phố", "Văn phòng HĐND và UBND thành phố Thái Nguyên"),
            ],
        ),
        # a known name wins over the kinds: "Sở KHCN Bắc Giang" would otherwise start a body
        (
            PHONG_QLCN,
            [(PHONG_QLCN, PHONG_QLCN)],
        ),
        # a known alias ends a collective phrase that would otherwise run on
        (
            "Các sở, ngành, Các địa phương",
            [
                ("Các sở, ngành", "Các sở, ban, ngành tỉnh Thái Nguyên"),
                ("Các địa phương", "Ủy ban nhân dân các xã, phường"),
            ],
        ),
        (
            "Sở Tài chính và các sở, ngành liên quan",
            [
                ("Sở Tài chính", TAI_CHINH),
                ("các sở, ngành liên quan", "Các sở, ban, ngành tỉnh Thái Nguyên"),
            ],
        ),
        # a known name opens a part even where its kind ("Đội") is not one the rule knows
        (
            "Sở Tài chính, Đội Phòng cháy, chữa cháy số 1",
            [("Sở Tài chính", TAI_CHINH), ("Đội Phòng cháy, chữa cháy số 1", "Đội Phòng cháy, chữa cháy số 1")],
        ),
        (
            "Sở Tài chính và Đội PCCC số 1",
            [("Sở Tài chính", TAI_CHINH), ("Đội PCCC số 1", "Đội Phòng cháy, chữa cháy số 1")],
        ),
        ("Sở Tài chính, Sở Ngoại vụ", [("Sở Tài chính", TAI_CHINH), ("Sở Ngoại vụ", None)]),
        ("UBND các xã, phường", [("UBND các xã, phường", "Ủy ban nhân dân các xã, phường")]),
    ],
)
def test_resolve_names_each_part_by_the_directory(cell, expected):
    assert [(n.as_written, n.agency.name if n.agency else None) for n in KNOWN.resolve(cell)] == expected


@pytest.mark.parametrize(
    "path, group",
    [
        (CITY_SEED, "Các phòng, ban, cơ quan, đơn vị, địa phương"),
        (BAC_GIANG_SEED, "Các phòng, đơn vị thuộc Sở Khoa học và Công nghệ tỉnh Bắc Giang"),
    ],
    ids=["04-CTr-UBND", "KH-KHCN"],
)
def test_every_agency_of_the_seed_programmes_is_known(agency_directory, path, group):
    """The seeds name lists with commas and "và" the directory knows whole; none may come apart."""
    doc = read_programme_file(path)
    resolve_agencies(doc, AgencyDirectory.load())
    assert unknown_agencies(doc, AgencyDirectory.load()) == []
    assert group in {name for task in doc.tasks for name in task.lead + task.support}
