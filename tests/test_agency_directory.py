"""Agency names in table cells: one cell, several agencies; one hyphen, sometimes one agency."""

from datetime import date

import pytest

from agencies.directory import AgencyDirectory, sync_fixtures
from agencies.models import Agency, AgencyAlias

from .conftest import FIXTURES

pytestmark = pytest.mark.usefixtures("agency_directory")

BAN_CHQS = "Ban Chỉ huy quân sự thành phố Thái Nguyên"
CONG_AN = "Công an thành phố Thái Nguyên"
ALL_OFFICES = "Các phòng, ban, cơ quan, đơn vị, địa phương"


def names(cell):
    return [(n.as_written, n.agency.name if n.agency else None) for n in AgencyDirectory.load().resolve(cell)]


@pytest.mark.parametrize(
    "cell, expected",
    [
        (
            "Ban CHQS thành phố; Công an thành phố; Các phòng, ban, cơ quan, đơn vị, địa phương",
            [("Ban CHQS thành phố", BAN_CHQS), ("Công an thành phố", CONG_AN), (ALL_OFFICES, ALL_OFFICES)],
        ),
        ("Ban CHQS thành phố - Công an thành phố", [("Ban CHQS thành phố", BAN_CHQS), ("Công an thành phố", CONG_AN)]),
        (
            "Phòng Tài chính - Kế hoạch",
            [("Phòng Tài chính - Kế hoạch", "Phòng Tài chính - Kế hoạch thành phố Thái Nguyên")],
        ),
        (
            "Phòng Tài nguyên & Môi trường",
            [("Phòng Tài nguyên & Môi trường", "Phòng Tài nguyên và Môi trường thành phố Thái Nguyên")],
        ),
        (
            "Ban CHQS thành phố - Phòng Tài chính - Kế hoạch",
            [
                ("Ban CHQS thành phố", BAN_CHQS),
                ("Phòng Tài chính - Kế hoạch", "Phòng Tài chính - Kế hoạch thành phố Thái Nguyên"),
            ],
        ),
        ("ban chqs THANH PHO", [("ban chqs THANH PHO", BAN_CHQS)]),
        (
            "Các phòng, đơn vị thuộc Sở;",
            [("Các phòng, đơn vị thuộc Sở", "Các phòng, đơn vị thuộc Sở Khoa học và Công nghệ tỉnh Bắc Giang")],
        ),
        ("Phòng Nội vụ - Lao động", [("Phòng Nội vụ - Lao động", None)]),
        ("Phòng Văn hóa - Thông tin", [("Phòng Văn hóa - Thông tin", None)]),
        ("Công an thành phố - Phòng Nội vụ", [("Công an thành phố", CONG_AN), ("Phòng Nội vụ", None)]),
        ("", []),
        (" ; ;", []),
    ],
)
def test_cells_resolve_to_agencies_in_the_order_written(cell, expected):
    assert names(cell) == expected


def test_an_agency_is_found_by_the_first_name_a_sentence_mentions():
    directory = AgencyDirectory.load()
    sentence = "3. Ban Chỉ huy quân sự thành phố chủ trì, phối hợp với Văn phòng HĐND&UBND thành phố tổng hợp, theo dõi"
    assert directory.mentioned_in(sentence).name == BAN_CHQS
    assert directory.mentioned_in("Không nhắc đến ai") is None


def test_groups_list_their_member_agencies():
    group = Agency.objects.get(name=ALL_OFFICES)
    assert group.is_group
    assert {BAN_CHQS, CONG_AN, "Phòng Y tế thành phố Thái Nguyên"} <= set(group.members.values_list("name", flat=True))
    police = Agency.objects.get(name=CONG_AN)
    assert ALL_OFFICES in set(Agency.objects.with_groups_of(police).values_list("name", flat=True))
    assert "Các phòng, đơn vị thuộc Sở Khoa học và Công nghệ tỉnh Bắc Giang" not in set(
        Agency.objects.with_groups_of(police).values_list("name", flat=True)
    )


def test_succession_after_the_2025_reorganisation():
    old = Agency.objects.get(name="Sở Khoa học và Công nghệ tỉnh Bắc Giang")
    assert old.current_successor().name == "Sở Khoa học và Công nghệ tỉnh Bắc Ninh"
    current = set(Agency.objects.current(on=date(2026, 1, 1)).values_list("name", flat=True))
    assert "Sở Khoa học và Công nghệ tỉnh Bắc Ninh" in current
    assert old.name not in current
    assert old.name in set(Agency.objects.current(on=date(2024, 6, 1)).values_list("name", flat=True))


def test_loading_the_directory_twice_changes_nothing():
    before = (list(Agency.objects.values()), list(AgencyAlias.objects.values()))
    assert sync_fixtures(FIXTURES)[1] == 0
    assert (list(Agency.objects.values()), list(AgencyAlias.objects.values())) == before
