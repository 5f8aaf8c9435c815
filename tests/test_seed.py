"""`manage.py seed`: both programmes, the directory, roles and demo accounts; a second run changes nothing."""

from io import StringIO

import pytest
from django.contrib import auth
from django.core.management import call_command
from django.test import RequestFactory

from tasks.models import Programme, Task
from tasks.roles import COMMAND_STAFF, LEADERSHIP, OFFICER

from .conftest import run


def authenticate(**credentials):
    """As the login form does: django-axes needs the request to know who is trying."""
    return auth.authenticate(RequestFactory().post("/accounts/login/"), **credentials)


def snapshot():
    out = StringIO()
    call_command("dumpdata", "agencies", "tasks", "auth.group", "auth.user", stdout=out)
    return out.getvalue()


def test_seed_loads_both_programmes(seeded):
    assert sorted(Programme.objects.values_list("number", flat=True)) == ["/KH-KHCN", "04/CTr-UBND"]
    assert Task.objects.count() == 42


def test_a_second_run_changes_nothing(seeded):
    before = snapshot()
    output = run("seed", "--demo-users", "--without-province")
    assert "04/CTr-UBND đã có, giữ nguyên" in output
    assert snapshot() == before


@pytest.mark.parametrize(
    "username, role, agency",
    [
        ("chqs", COMMAND_STAFF, "Ban Chỉ huy quân sự thành phố Thái Nguyên"),
        ("congan", OFFICER, "Công an thành phố Thái Nguyên"),
        ("yte", OFFICER, "Phòng Y tế thành phố Thái Nguyên"),
        ("lanhdao", LEADERSHIP, None),
    ],
)
def test_demo_accounts_have_their_role_and_agency(seeded, username, role, agency):
    user = authenticate(username=username, password="ptds-demo")
    assert user is not None
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert (user.profile.agency.name if user.profile.agency else None) == agency


def test_admin_is_a_superuser(seeded):
    assert authenticate(username="admin", password="ptds-demo").is_superuser


def test_roles_carry_their_permissions(seeded):
    staff = authenticate(username="chqs", password="ptds-demo")
    leader = authenticate(username="lanhdao", password="ptds-demo")
    assert staff.has_perm("tasks.change_task") and staff.has_perm("tasks.add_assignment")
    assert leader.has_perm("tasks.view_task") and not leader.has_perm("tasks.change_task")


def test_seed_without_demo_users_creates_no_accounts(db):
    run("seed")
    assert Programme.objects.count() == 2
    assert authenticate(username="chqs", password="ptds-demo") is None
