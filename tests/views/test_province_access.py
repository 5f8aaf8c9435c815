"""Who sees what in a province after 2025: leadership and command staff follow the tree of administrative units.

- the province's committee and military command see every programme of the province and of its communes;
- a commune's sees its own plan and the province's programme it carries out, not another commune's;
- a department's leadership sees the plans its department coordinates and the programme they carry out;
- officers see the tasks naming their agency, as everywhere;
- command staff change only the programmes their agency coordinates: what they oversee below is read only.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tasks.models import Programme, Task

from ..province import Province

pytestmark = pytest.mark.django_db

ALL = ("tinh", "soyte", "xa1", "xa2")
# The programmes each persona reads (leadership and command staff) by the rules above.
READS = {
    "tinh_lanhdao": ALL,
    "tinh_chqs": ALL,
    "soyte_lanhdao": ("soyte", "tinh"),
    "xa1_lanhdao": ("xa1", "tinh"),
    "xa1_chqs": ("xa1", "tinh"),
    "xa2_lanhdao": ("xa2", "tinh"),
}
OFFICERS = {"soyte": "so_yte", "xa1_congan": "congan_xa1"}
MANAGES = {"tinh_chqs": ("tinh",), "xa1_chqs": ("xa1",)}


@pytest.fixture
def province(db):
    return Province()


def client_of(province, username):
    client = Client()
    client.force_login(province.users[username])
    return client


def expected_tasks(province, username):
    if username in OFFICERS:
        return province.tasks_naming(OFFICERS[username])
    return province.tasks_of(*READS[username])


@pytest.mark.parametrize("username", [*READS, *OFFICERS])
def test_each_persona_sees_exactly_the_tasks_of_its_place_in_the_tree(province, username):
    user = province.users[username]
    assert set(Task.objects.visible_to(user).values_list("pk", flat=True)) == expected_tasks(province, username)
    client = client_of(province, username)
    for key in ALL:
        for task in province.tasks[key]:
            visible = task.pk in expected_tasks(province, username)
            assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == (200 if visible else 404)


def test_a_commune_cannot_see_another_commune_s_plan_and_the_province_sees_both(province):
    def programmes(username):
        return set(Programme.objects.visible_to(province.users[username]).values_list("number", flat=True))

    assert "40/KH-UBND" not in programmes("xa1_lanhdao") and "30/KH-UBND" not in programmes("xa2_lanhdao")
    assert {"30/KH-UBND", "40/KH-UBND"} <= programmes("tinh_lanhdao")
    assert "20/KH-SYT" not in programmes("xa1_lanhdao")


@pytest.mark.parametrize("username", ["tinh_chqs", "xa1_chqs", "tinh_lanhdao", "xa1_lanhdao"])
def test_command_staff_change_only_their_own_programmes_and_read_the_rest(province, username):
    client = client_of(province, username)
    for key in ALL:
        task = province.tasks[key][0]
        status = client.get(reverse("tasks:assign", args=[task.pk])).status_code
        if key in MANAGES.get(username, ()):
            assert status == 200, key
        elif key in READS[username]:
            assert status == 403, key
        else:
            assert status == 404, key


def test_the_task_list_of_a_commune_lists_its_plan_and_the_province_s(province):
    response = client_of(province, "xa1_lanhdao").get(reverse("tasks:list"))
    listed = {row.record.pk for row in response.context["table"].page.object_list}
    assert listed == province.tasks_of("xa1", "tinh")


def test_a_merged_unit_is_overseen_by_its_successor(province):
    """A commune merged into another (its unit's successor): the successor's leadership reads its old plan."""
    province.units["xa2"].successor = province.units["xa1"]
    province.units["xa2"].save()
    visible = set(Task.objects.visible_to(province.users["xa1_lanhdao"]).values_list("pk", flat=True))
    assert province.tasks_of("xa2") <= visible
    assert not province.tasks_of("xa1") & set(
        Task.objects.visible_to(province.users["xa2_lanhdao"]).values_list("pk", flat=True)
    )


def test_a_regional_defence_command_oversees_only_the_communes_of_its_area(province):
    from agencies.models import Agency, Profile

    regional = Agency.objects.create(
        name="Ban Chỉ huy Phòng thủ khu vực 1",
        kind=Agency.Kind.MILITARY,
        unit=province.units["tinh"],
        oversees_unit=True,
    )
    regional.area.add(province.units["xa1"])
    Profile.objects.filter(user=province.users["tinh_chqs"]).update(agency=regional)
    user = type(province.users["tinh_chqs"]).objects.get(pk=province.users["tinh_chqs"].pk)
    assert set(Task.objects.visible_to(user).values_list("pk", flat=True)) == province.tasks_of("xa1", "tinh")


def test_a_plan_drawn_for_a_commune_belongs_to_it_and_its_leadership_sees_it(province):
    """The subordinate-plan page makes the plan the coordinating agency's unit's: Xã Một's leadership sees it."""
    from tasks.planning import create_child_programme

    plan = create_child_programme(
        province.programmes["tinh"],
        province.tasks["tinh"][:1],
        kind="Kế hoạch",
        number="50/KH-UBND",
        title="Kế hoạch thực hiện",
        issuer="UBND xã Một",
        year=2026,
        coordinating_agency=province.agencies["chqs_xa1"],
        user=province.users["tinh_chqs"],
    )
    assert plan.unit == province.units["xa1"]
    assert plan in Programme.objects.visible_to(province.users["xa1_lanhdao"])
    assert plan not in Programme.objects.visible_to(province.users["xa2_lanhdao"])
