"""`seed --demo-users` builds the demo province around the two seed programmes (tasks/demo_province.py).

The province is built once for the module, on top of the flat seed with its history (`--without-province`), so that
the tests can compare what the city's officers saw and what was reported before the handover with what is there
after it. Each test runs in its own savepoint, the module in a transaction rolled back at its end.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from agencies.models import AdministrativeUnit, Agency, Reorganisation
from tasks import access
from tasks.demo_province import ACCOUNTS, DEMO_NOTE, REGIONAL_COMMAND
from tasks.models import Evidence, Handover, Programme, ProgressReport, Task
from tasks.periods import quarter_of
from tasks.roles import COMMAND_STAFF, LEADERSHIP, OFFICER
from tasks.status import Status

from .conftest import run
from .test_seed import authenticate, snapshot

CITY = "04/CTr-UBND"
PROVINCE_PLAN = "01/KH-UBND"


def user(username):
    return get_user_model().objects.get(username=username)


def city_tasks_seen_by(username):
    return set(Task.objects.visible_to(user(username)).filter(section__programme__number=CITY).values_list("pk"))


def city_reports():
    reports = ProgressReport.objects.filter(task__section__programme__number=CITY)
    return (
        sorted(reports.values_list("pk", "task", "agency", "author", "status", "percent", "result", "reported_on")),
        sorted(Evidence.objects.filter(report__in=reports).values_list("pk", "report", "file", "size")),
    )


def plan_of(unit_name):
    return Programme.objects.get(unit__name=unit_name)


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        run("seed", "--demo-history", "--without-province")
        before = SimpleNamespace(
            seen={name: city_tasks_seen_by(name) for name in ("congan", "yte")}, reports=city_reports()
        )
        output = run("seed", "--demo-history")
        yield SimpleNamespace(before=before, output=output)
        transaction.set_rollback(True)


@pytest.fixture
def built(province, db):
    return province


@pytest.mark.parametrize(
    "username, role, agency",
    [
        *((name, role, agency) for name, (role, agency, _full_name) in ACCOUNTS.items()),
        ("chqs", COMMAND_STAFF, REGIONAL_COMMAND),
        ("congan", OFFICER, "Công an tỉnh Thái Nguyên"),
        ("yte", OFFICER, "Sở Y tế tỉnh Thái Nguyên"),
        ("lanhdao", LEADERSHIP, "Ủy ban nhân dân thành phố Thái Nguyên"),
    ],
)
def test_accounts_have_their_role_and_agency(built, username, role, agency):
    account = authenticate(username=username, password="ptds-demo")
    assert account is not None and account.first_name
    assert list(account.groups.values_list("name", flat=True)) == [role]
    assert account.profile.agency.name == agency


def test_the_output_names_the_new_accounts(built):
    assert "Tỉnh mẫu Thái Nguyên: 20 xã, phường" in built.output
    assert "tinh_chqs, tinh_lanhdao, xa1_chqs, xa1_lanhdao, xa2_chqs, xa2_lanhdao" in built.output


def test_leadership_sees_the_plans_of_its_unit_and_below(built):
    communes = set(Programme.objects.filter(unit__kind=AdministrativeUnit.Kind.COMMUNE).values_list("pk", flat=True))
    assert len(communes) == 20
    province = set(Programme.objects.visible_to(user("tinh_lanhdao")).values_list("pk", flat=True))
    assert communes | {plan_of("Tỉnh Thái Nguyên").pk, Programme.objects.get(number=CITY).pk} <= province
    commune = set(Programme.objects.visible_to(user("xa1_lanhdao")).values_list("pk", flat=True))
    assert commune == {plan_of("Phường Phan Đình Phùng").pk, plan_of("Tỉnh Thái Nguyên").pk}
    assert plan_of("Xã Tân Cương").pk not in commune
    # The city programme's leadership stays its own: the city programme and the province's plan it carries out.
    city = set(Programme.objects.visible_to(user("lanhdao")).values_list("number", flat=True))
    assert city == {CITY, PROVINCE_PLAN}


def test_command_staff_manage_their_own_plans(built):
    city = Programme.objects.get(number=CITY)
    assert access.may_manage(user("chqs"), city)
    assert city.coordinating_agency.name == REGIONAL_COMMAND and city.parent == plan_of("Tỉnh Thái Nguyên")
    assert access.may_manage(user("tinh_chqs"), plan_of("Tỉnh Thái Nguyên"))
    assert access.may_manage(user("xa1_chqs"), plan_of("Phường Phan Đình Phùng"))
    assert not access.may_manage(user("xa1_chqs"), plan_of("Xã Tân Cương"))
    # The regional command follows the plans of the wards that took over the city, not the others.
    seen = Programme.objects.visible_to(user("chqs"))
    assert seen.filter(unit__name="Phường Quan Triều").exists() and not seen.filter(unit__name="Xã Đại Từ").exists()
    # Their committees are those the city programme names as "UBND các xã, phường".
    wards = Agency.objects.get(name="Ủy ban nhân dân các xã, phường").members.values_list("name", flat=True)
    assert "Ủy ban nhân dân phường Quan Triều" in wards and "Ủy ban nhân dân xã Đại Từ" not in wards


def test_officers_see_and_report_on_the_same_city_tasks(built):
    for name in ("congan", "yte"):
        assert city_tasks_seen_by(name) == built.before.seen[name]
    police_task = Task.objects.get(section__programme__number=CITY, section__numeral="V", number="5")
    assert access.reporting_role(user("congan"), police_task) == access.ReportingRole.SETS_STATUS
    assert access.reporting_role(user("yte"), police_task) == access.ReportingRole.CONTRIBUTES


def test_the_handover_is_recorded_and_the_reports_are_untouched(built):
    city = Programme.objects.get(number=CITY)
    coordination = Handover.objects.get(programme=city, part=Handover.Part.COORDINATOR)
    assert coordination.from_agency.name == "Ban Chỉ huy quân sự thành phố Thái Nguyên"
    assert coordination.to_agency.name == REGIONAL_COMMAND
    police = Handover.objects.filter(task__section__programme=city, from_agency__name="Công an thành phố Thái Nguyên")
    assert police.exists() and {h.to_agency.name for h in police} == {"Công an tỉnh Thái Nguyên"}
    assert police.first().reorganisation.note == DEMO_NOTE
    health = Handover.objects.get(task__section__programme=city, from_agency__name="Phòng Y tế thành phố Thái Nguyên")
    assert health.to_agency.name == "Sở Y tế tỉnh Thái Nguyên"
    # Nothing a city agency still held on an open task is left; the reports and their files are as they were.
    former = Agency.objects.filter(unit__name="Thành phố Thái Nguyên").exclude(kind=Agency.Kind.GROUP)
    open_tasks = (
        Task.objects.filter(section__programme=city)
        .with_status()
        .exclude(status__in=[Status.DONE_ON_TIME, Status.DONE_LATE])
    )
    assert not open_tasks.filter(assignments__agency__in=former).exists()
    assert city_reports() == built.before.reports and built.before.reports[1]


def test_demo_records_are_marked(built):
    communes = AdministrativeUnit.objects.filter(kind=AdministrativeUnit.Kind.COMMUNE)
    assert communes.count() == 20 and set(communes.values_list("note", flat=True)) == {DEMO_NOTE}
    assert Agency.objects.filter(unit__in=communes).count() == 60
    assert set(Agency.objects.filter(unit__in=communes).values_list("note", flat=True)) == {DEMO_NOTE}
    assert Agency.objects.get(name=REGIONAL_COMMAND).note == DEMO_NOTE
    assert Reorganisation.objects.filter(note=DEMO_NOTE).count() == 1
    demo_plans = Programme.objects.exclude(number__in=[CITY, "/KH-KHCN"])
    assert demo_plans.count() == 21 and all(DEMO_NOTE in title for title in demo_plans.values_list("title", flat=True))


def test_communes_report_over_the_past_quarters(built):
    this_quarter = quarter_of(timezone.localdate())
    reported = ProgressReport.objects.filter(sets_status=True, reported_on__gte=this_quarter.start)
    communes = Programme.objects.filter(unit__kind=AdministrativeUnit.Kind.COMMUNE)
    silent = communes.exclude(pk__in=reported.values("task__section__programme"))
    assert set(silent.values_list("unit__name", flat=True)) == {"Xã Tân Cương", "Phường Phúc Thuận"}
    done = Task.objects.filter(section__programme__in=communes).with_status()
    assert done.filter(status=Status.DONE_ON_TIME).exists() and done.filter(status=Status.DONE_LATE).exists()
    days = ProgressReport.objects.values_list("reported_on", flat=True)
    assert max(days) <= timezone.localdate() and min(days) < this_quarter.start - datetime.timedelta(days=270)


def test_a_second_run_changes_nothing(built):
    before = snapshot()
    output = run("seed", "--demo-history")
    assert "Tỉnh mẫu Thái Nguyên đã có, giữ nguyên." in output
    assert snapshot() == before


@pytest.mark.parametrize("username", [*ACCOUNTS, "chqs", "congan", "yte", "lanhdao"])
def test_the_demo_accounts_pages_answer(built, client, username):
    """Every persona of the demo province can work: dashboard, task list, "Việc của tôi"; a commune's task is for its
    own people and those above them."""
    client.force_login(user(username))
    for url in ("/", "/tasks/", "/my/", "/reports/"):
        assert client.get(url).status_code == 200, url
    commune_task = Task.objects.filter(section__programme=plan_of("Phường Phan Đình Phùng")).first()
    seen = {"tinh_chqs", "tinh_lanhdao", "xa1_chqs", "xa1_lanhdao", "chqs"}
    assert client.get(commune_task.get_absolute_url()).status_code == (200 if username in seen else 404)
