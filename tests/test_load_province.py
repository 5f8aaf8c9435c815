"""`manage.py load_province`: a province's standard bodies after 2025 and the short names plans use."""

import pytest

from agencies.directory import AgencyDirectory
from agencies.models import AdministrativeUnit, Agency, AgencyAlias
from tasks.documents import read_programme_file
from tasks.documents.store import resolve_agencies

from .conftest import BAC_GIANG_SEED, CITY_SEED, run

pytestmark = pytest.mark.django_db

TN = "tỉnh Thái Nguyên"


def everything():
    return (
        list(Agency.objects.values()),
        list(AgencyAlias.objects.values()),
        list(Agency.members.through.objects.values()),
    )


def resolved(cell, unit=None):
    return [(n.as_written, n.agency.name if n.agency else None) for n in AgencyDirectory.load(unit).resolve(cell)]


def test_a_second_run_changes_nothing():
    first = run("load_province", "--province", "Thái Nguyên")
    assert "21 mới" in first
    before = everything()
    second = run("load_province", "--province", "Thái Nguyên")
    assert "0 mới, 0 tên gọi khác mới" in second
    assert everything() == before


def test_a_dry_run_writes_nothing():
    output = run("load_province", "--province", "Thái Nguyên", "--dry-run")
    assert "21 mới" in output and "Chạy thử" in output
    assert not Agency.objects.exists() and not AgencyAlias.objects.exists()


@pytest.mark.parametrize(
    "written, agency",
    [
        ("Sở KH&CN", f"Sở Khoa học và Công nghệ {TN}"),
        ("Sở NN&MT", f"Sở Nông nghiệp và Môi trường {TN}"),
        ("Sở VHTTDL", f"Sở Văn hóa, Thể thao và Du lịch {TN}"),
        ("Sở Văn hóa, Thể thao và Du lịch", f"Sở Văn hóa, Thể thao và Du lịch {TN}"),
        ("Sở GD&ĐT", f"Sở Giáo dục và Đào tạo {TN}"),
        ("Sở Tài chính tỉnh", f"Sở Tài chính {TN}"),
        ("Sở Nội vụ Thái Nguyên", f"Sở Nội vụ {TN}"),
        ("Bộ CHQS tỉnh", f"Bộ Chỉ huy quân sự {TN}"),
        ("Bộ Chỉ huy quân sự tỉnh", f"Bộ Chỉ huy quân sự {TN}"),
        ("Công an tỉnh", f"Công an {TN}"),
        ("Thanh tra tỉnh", f"Thanh tra {TN}"),
        ("Văn phòng UBND tỉnh", f"Văn phòng Ủy ban nhân dân {TN}"),
        ("UBND tỉnh", f"Ủy ban nhân dân {TN}"),
        ("UBND cấp xã", f"Ủy ban nhân dân cấp xã {TN}"),
        ("Ban CHQS cấp xã", f"Ban Chỉ huy quân sự cấp xã {TN}"),
        ("Các sở, ngành liên quan", f"Các sở, ban, ngành {TN}"),
    ],
)
def test_short_names_resolve_to_the_province_bodies(written, agency):
    run("load_province", "--province", "Thái Nguyên")
    assert resolved(written) == [(written, agency)]


def test_a_province_plan_resolves_without_new_agencies():
    run("load_province", "--province", "Thái Nguyên")
    cells = [
        "Bộ CHQS tỉnh; Công an tỉnh",
        "Công an tỉnh, Bộ Chỉ huy quân sự tỉnh và các sở, ngành liên quan",
        "Sở KH&CN, Sở NN&MT, UBND cấp xã",
        "Sở Tài chính và Sở Xây dựng",
        "Sở Y tế, Sở Giáo dục và Đào tạo",
        "Sở Văn hóa, Thể thao và Du lịch; Sở Công Thương",
        "Văn phòng UBND tỉnh, Thanh tra tỉnh",
        "Sở Nội vụ và Sở Tư pháp",
        "Bộ Chỉ huy quân sự tỉnh, các Ban Chỉ huy Phòng thủ khu vực và Ban CHQS cấp xã",
    ]
    parts = [part for cell in cells for part in resolved(cell)]
    assert len(parts) == 21
    assert [written for written, agency in parts if agency is None] == []


def test_the_group_of_departments_lists_them_so_their_officers_see_its_tasks():
    run("load_province", "--province", "Thái Nguyên")
    group = Agency.objects.get(name=f"Các sở, ban, ngành {TN}")
    members = set(group.members.values_list("name", flat=True))
    assert len(members) == 15
    assert {f"Sở Tài chính {TN}", f"Công an {TN}", f"Bộ Chỉ huy quân sự {TN}"} <= members
    police = Agency.objects.get(name=f"Công an {TN}")
    assert group in Agency.objects.with_groups_of(police)
    assert Agency.objects.get(name=f"Sở Y tế {TN}").parent.name == f"Ủy ban nhân dân {TN}"


def test_each_province_keeps_its_own_short_names():
    """A plan of Bắc Ninh reading "Sở Tài chính" means Bắc Ninh's department, one of Thái Nguyên the other's: the
    short names are meant within the province's unit."""
    run("load_province", "--province", "Thái Nguyên")
    output = run("load_province", "--province", "Bắc Ninh", "--with", "bien-phong")
    assert "Bỏ qua" not in output
    thai_nguyen = AdministrativeUnit.objects.get(name="Tỉnh Thái Nguyên")
    bac_ninh = AdministrativeUnit.objects.get(name="Tỉnh Bắc Ninh")
    assert resolved("Sở Tài chính", thai_nguyen) == [("Sở Tài chính", f"Sở Tài chính {TN}")]
    assert resolved("Sở Tài chính", bac_ninh) == [("Sở Tài chính", "Sở Tài chính tỉnh Bắc Ninh")]
    assert resolved("Bộ CHBĐBP tỉnh", bac_ninh) == [("Bộ CHBĐBP tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Bắc Ninh")]
    assert resolved("Bộ CHBĐBP tỉnh", thai_nguyen) == [("Bộ CHBĐBP tỉnh", None)]
    assert Agency.objects.get(name="Sở Tài chính tỉnh Bắc Ninh").short_name == "Sở Tài chính"
    assert set(Agency.objects.filter(name__startswith="Sở Tài chính").values_list("unit__name", flat=True)) == {
        "Tỉnh Thái Nguyên",
        "Tỉnh Bắc Ninh",
    }


def test_within_a_unit_an_alias_already_given_is_left_to_its_agency():
    run("load_province", "--province", "Thái Nguyên")
    sport = Agency.objects.get(name=f"Sở Văn hóa, Thể thao và Du lịch {TN}")
    Agency.objects.get(name=f"Sở Tài chính {TN}").aliases.filter(name="Sở Tài chính tỉnh").delete()
    assert sport.add_alias("Sở Tài chính tỉnh")[1]  # a clerk's mistake the loader must not undo
    output = run("load_province", "--province", "Thái Nguyên")
    assert f"Bỏ qua tên gọi “Sở Tài chính tỉnh”: đã dùng cho Sở Văn hóa, Thể thao và Du lịch {TN}." in output


def test_an_agency_already_in_the_directory_keeps_what_it_has(agency_directory):
    seeded = Agency.objects.get(name="Sở Khoa học và Công nghệ tỉnh Bắc Ninh")
    run("load_province", "--province", "Bắc Ninh")
    again = Agency.objects.get(pk=seeded.pk)
    assert (again.short_name, again.valid_from, again.parent, again.note) == (
        seeded.short_name,
        seeded.valid_from,
        None,
        seeded.note,
    )
    assert resolved("Sở KH&CN") == [("Sở KH&CN", "Sở Khoa học và Công nghệ tỉnh Bắc Ninh")]


def test_special_departments_and_cities():
    run("load_province", "--province", "Hà Nội", "--with", "du-lich", "--with", "quy-hoach-kien-truc")
    assert resolved("Sở Du lịch, Sở Văn hóa và Thể thao, Sở QH-KT") == [
        ("Sở Du lịch", "Sở Du lịch thành phố Hà Nội"),
        ("Sở Văn hóa và Thể thao", "Sở Văn hóa và Thể thao thành phố Hà Nội"),
        ("Sở QH-KT", "Sở Quy hoạch - Kiến trúc thành phố Hà Nội"),
    ]
    assert not Agency.objects.filter(name__startswith="Sở Văn hóa, Thể thao và Du lịch").exists()
    assert resolved("Công an thành phố") == [("Công an thành phố", "Công an thành phố Hà Nội")]


def test_the_seed_programmes_resolve_as_before_beside_a_province(agency_directory):
    def agencies_of(path):
        doc = read_programme_file(path)
        resolve_agencies(doc, AgencyDirectory.load())
        return [(task.lead, task.support) for task in doc.tasks]

    before = [agencies_of(path) for path in (CITY_SEED, BAC_GIANG_SEED)]
    run("load_province", "--province", "Thái Nguyên")
    assert [agencies_of(path) for path in (CITY_SEED, BAC_GIANG_SEED)] == before


def test_an_unknown_special_department_is_refused():
    with pytest.raises(Exception, match="invalid choice"):
        run("load_province", "--province", "Thái Nguyên", "--with", "so-khong-co")
    assert not Agency.objects.exists()
