"""Administrative units: a programme belongs to the unit its issuer line names, and the short names and aliases in
its cells are read within that unit and the units above it."""

import pytest

from agencies.directory import AgencyDirectory
from agencies.models import Agency
from tasks.documents.store import programme_unit, save_programme
from tasks.documents.text import read_programme_text
from tests.documents.test_text_reader import TABLE_HEADER

from .province import Province

pytestmark = pytest.mark.django_db


def commune_plan(issuer_lines, number, rows, year=2026):
    header = f"{issuer_lines}\n\nSố: {number}\nMột, ngày 01 tháng 02 năm {year}\n\nKẾ HOẠCH\nPhòng thủ dân sự\n\n"
    return read_programme_text(header + TABLE_HEADER + "\n".join(rows) + "\n")


@pytest.fixture
def province():
    place = Province()
    for key, short in (("congan_xa1", "Công an xã"), ("chqs_xa1", "Ban CHQS xã"), ("so_yte", "Sở Y tế")):
        place.agencies[key].short_name = short
        place.agencies[key].save()
    # Phường Hai has a police of the same short name as Xã Một's.
    Agency.objects.create(name="Công an phường Hai", short_name="Công an xã", unit=place.units["xa2"])
    return place


def test_the_issuer_line_names_the_unit(province, agency_directory):
    doc = commune_plan("ỦY BAN NHÂN DÂN\nXÃ MỘT", "5/KH-UBND", ["1\tViệc\tCông an xã\t\tNăm 2026"])
    assert programme_unit(doc) == province.units["xa1"]
    doc = commune_plan("ỦY BAN NHÂN DÂN\nPHƯỜNG HAI", "5/KH-UBND", ["1\tViệc\tCông an xã\t\tNăm 2026"])
    assert programme_unit(doc) == province.units["xa2"]
    # The city level ended on 30/6/2025: its 2024 plan is the city's; a plan of 2026 written so names the province.
    rows = ["1\tViệc\tBan CHQS thành phố\t\tNăm 2026"]
    city = commune_plan("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ THÁI NGUYÊN", "4/CTr", rows, year=2024)
    assert programme_unit(city).name == "Thành phố Thái Nguyên"
    later = commune_plan("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ THÁI NGUYÊN", "4/CTr", rows, year=2026)
    assert programme_unit(later).name == "Tỉnh Thái Nguyên"


def test_names_resolve_within_the_unit_and_above(province):
    def resolved(cell, unit):
        return [n.agency.name if n.agency else None for n in AgencyDirectory.load(province.units[unit]).resolve(cell)]

    assert resolved("Công an xã; Sở Y tế", "xa1") == ["Công an xã Một", "Sở Y tế tỉnh Thử Nghiệm"]
    assert resolved("Công an xã; Sở Y tế", "xa2") == ["Công an phường Hai", "Sở Y tế tỉnh Thử Nghiệm"]
    assert resolved("Công an xã", "tinh") == [None]  # a commune's short name means nothing at the province
    assert resolved("Ban Chỉ huy quân sự xã Một", "xa2") == ["Ban Chỉ huy quân sự xã Một"]  # an official name does


def test_a_plan_is_stored_in_its_unit_and_its_new_agencies_with_it(province):
    rows = ["1\tViệc một\tCông an xã\tTổ bảo vệ dân phố\tNăm 2026", "2\tViệc hai\tSở Y tế\t\tNăm 2026"]
    first, _new = save_programme(commune_plan("ỦY BAN NHÂN DÂN\nXÃ MỘT", "5/KH-UBND", rows))
    second, _new = save_programme(commune_plan("ỦY BAN NHÂN DÂN\nPHƯỜNG HAI", "6/KH-UBND", rows))
    assert (first.unit, second.unit) == (province.units["xa1"], province.units["xa2"])
    leads = [
        [a.agency.name for a in programme.sections.get().tasks.get(number="1").assignments.filter(role="lead")]
        for programme in (first, second)
    ]
    assert leads == [["Công an xã Một"], ["Công an phường Hai"]]
    # The same unknown name in two communes: two agencies, each in its unit, each flagged for review.
    created = Agency.objects.filter(name="Tổ bảo vệ dân phố", needs_review=True)
    assert sorted(created.values_list("unit__name", flat=True)) == ["Phường Hai", "Xã Một"]
