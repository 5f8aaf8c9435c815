"""The assignment form (tasks.forms.AssignmentForm via tasks.views.task_assign), posted by Ban CHQS:
leads, supports, a moved deadline with its reason; refusals change nothing; saves are audited."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from agencies.models import Agency
from tasks.models import Assignment, Task
from tasks.status import Progress
from tests.html import contains_html, find_all, text
from tests.views.conftest import assignment_payload

from .conftest import (
    COMMAND,
    CSRF_PAGE,
    POLICE,
    RELOAD,
    STALE,
    assert_refused,
    assign_url,
    city_task,
    detail_url,
    open_form,
    page,
    progress_url,
    snapshot,
)

REASON = "Theo Kết luận số 15/KL-UBND của Chủ tịch UBND thành phố."


@pytest.fixture
def iii3(seeded):
    """III.3: leads written «Trung tâm Văn hóa và Truyền thông …» first, then a group, out of alphabetical order."""
    return city_task("III", "3")


def agency(name):
    return Agency.objects.get(name=name)


def names(task, role):
    return [a.agency.name for a in Task.objects.get(pk=task.pk).assignments.filter(role=role).order_by("position")]


def test_moving_the_deadline_needs_a_reason(login, v5):
    before = snapshot(v5)
    response = login("chqs").post(assign_url(v5), assignment_payload(v5, due_override="2026-12-31"))
    assert_refused(response, "Cần ghi lý do khi thay đổi hạn hoàn thành.", field="due_override_reason")
    assert snapshot(v5) == before


def test_a_blank_reason_is_no_reason(login, v5):
    before = snapshot(v5)
    data = assignment_payload(v5, due_override="2026-12-31", due_override_reason="   \n ")
    response = login("chqs").post(assign_url(v5), data)
    assert_refused(response, "Cần ghi lý do khi thay đổi hạn hoàn thành.", field="due_override_reason")
    assert snapshot(v5) == before


def test_moved_deadline_is_saved_with_its_reason_and_audited(login, v5):
    staff = login("chqs")
    versions = Task.history.filter(id=v5.pk).count()
    response = staff.post(
        assign_url(v5), assignment_payload(v5, due_override="2026-12-31", due_override_reason=f" {REASON} ")
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(v5)
    task = Task.objects.with_status().get(pk=v5.pk)
    assert (task.due_override, task.due_override_reason) == (datetime.date(2026, 12, 31), REASON)
    assert task.deadline == datetime.date(2026, 12, 31)
    assert task.version == 2
    records = Task.history.filter(id=v5.pk).order_by("-history_id")
    assert records.count() == versions + 1
    latest = records.first()
    assert latest.history_user.username == "chqs"
    assert latest.history_type == "~"
    assert (latest.due_override, latest.due_override_reason) == (datetime.date(2026, 12, 31), REASON)
    html = page(staff.get(detail_url(v5)))
    assert "31/12/2026" in html and REASON in html


def test_at_least_one_lead_is_required(login, iii3):
    before = snapshot(iii3)
    response = login("chqs").post(assign_url(iii3), assignment_payload(iii3, lead=[]))
    assert_refused(response, "Cần ít nhất một cơ quan chủ trì.", field="lead")
    assert snapshot(iii3) == before


@pytest.mark.parametrize("field", ["lead", "support"])
def test_an_id_beyond_any_id_column_is_an_invalid_choice(login, iii3, field):
    before = snapshot(iii3)
    response = login("chqs").post(assign_url(iii3), assignment_payload(iii3, **{field: [2**63, 10**20]}))
    assert response.status_code == 400 and field in response.context["form"].errors
    assert snapshot(iii3) == before


def test_an_added_lead_goes_last_and_the_written_order_stays(login, iii3):
    written = names(iii3, Assignment.Role.LEAD)
    assert written == [
        "Trung tâm Văn hóa và Truyền thông thành phố Thái Nguyên",
        "Các phòng, ban, cơ quan, đơn vị, địa phương",
    ]
    supports = names(iii3, Assignment.Role.SUPPORT)
    data = assignment_payload(iii3)
    # Posted in the order of the select box (alphabetical), the newcomer sorting first.
    data["lead"] = sorted([*data["lead"], agency(COMMAND).pk, agency(POLICE).pk])
    response = login("chqs").post(assign_url(iii3), data)
    assert response.status_code == 302
    leads = Task.objects.get(pk=iii3.pk).assignments.filter(role=Assignment.Role.LEAD).order_by("position")
    assert [a.agency.name for a in leads][:2] == written
    assert {a.agency.name for a in leads[2:]} == {COMMAND, POLICE}
    assert [a.position for a in leads] == [1, 2, 3, 4]
    assert names(iii3, Assignment.Role.SUPPORT) == supports
    assert Task.objects.get(pk=iii3.pk).version == 2


def test_a_removed_lead_keeps_the_order_of_the_others(login, seeded):
    task = city_task("V", "3")  # leads: Ban CHQS, then Phòng Tài nguyên và Môi trường
    written = names(task, Assignment.Role.LEAD)
    data = assignment_payload(task)
    data["lead"] = [agency(POLICE).pk, *data["lead"][1:]]  # Ban CHQS out, Công an in
    assert login("chqs").post(assign_url(task), data).status_code == 302
    assert names(task, Assignment.Role.LEAD) == [written[1], POLICE]


def test_assignment_changes_are_recorded_with_the_staff_member(login, iii3):
    before = Assignment.history.filter(task_id=iii3.pk).count()
    data = assignment_payload(iii3)
    data["lead"] = [*data["lead"], agency(POLICE).pk]
    assert login("chqs").post(assign_url(iii3), data).status_code == 302
    records = Assignment.history.filter(task_id=iii3.pk).order_by("history_id")[before:]
    assert records, "no audit record"
    chqs = get_user_model().objects.get(username="chqs")
    assert {r.history_user for r in records} == {chqs}
    added = [r for r in records if r.history_type == "+" and r.agency.name == POLICE]
    assert len(added) == 1 and added[0].role == Assignment.Role.LEAD
    # The task page's audit trail shows it too.
    html = page(login("chqs").get(detail_url(iii3)))
    assert f"Cơ quan chủ trì: {POLICE}" in html


def test_stale_version_is_refused_with_a_reload_link(login, v5):
    staff = login("chqs")
    opened = open_form(staff, assign_url(v5))
    # Meanwhile Công an reports on the same task, which moves its version on.
    officer_form = open_form(login("congan"), progress_url(v5))
    reported = login("congan").post(
        progress_url(v5),
        {"version": officer_form["version"], "status": Progress.IN_PROGRESS, "percent": 30, "result": "Đang làm."},
    )
    assert reported.status_code == 302

    before = snapshot(v5)
    data = assignment_payload(v5, version=opened["version"], due_override="2026-12-31", due_override_reason=REASON)
    data["lead"] = [*data["lead"], agency(COMMAND).pk]
    response = staff.post(assign_url(v5), data)
    assert_refused(response, STALE)
    assert contains_html(page(response), f'<a class="alert-link" href="{assign_url(v5)}">{RELOAD}</a>')
    assert snapshot(v5) == before
    assert names(v5, Assignment.Role.LEAD) == [POLICE]
    assert Task.objects.get(pk=v5.pk).due_override is None


def test_missing_csrf_token_is_refused(login, v5):
    staff = login("chqs", enforce_csrf_checks=True)
    before = snapshot(v5)
    response = staff.post(assign_url(v5), assignment_payload(v5, due_override="2026-12-31", due_override_reason=REASON))
    assert response.status_code == 403
    assert CSRF_PAGE in page(response)
    assert snapshot(v5) == before


@pytest.mark.parametrize("username", ["congan", "lanhdao"])
def test_only_command_staff_may_assign(login, v5, username):
    client = login(username)
    assert client.get(assign_url(v5)).status_code == 403
    before = snapshot(v5)
    data = assignment_payload(v5, due_override="2026-12-31", due_override_reason=REASON)
    assert client.post(assign_url(v5), data).status_code == 403
    assert snapshot(v5) == before


def test_the_audit_trail_speaks_vietnamese(login, iii3):
    staff = login("chqs")
    data = assignment_payload(iii3)
    data["lead"] = [*data["lead"], agency(POLICE).pk]
    assert staff.post(assign_url(iii3), data).status_code == 302
    html = page(staff.get(detail_url(iii3)))
    trail = html[html.index("Nhật ký thay đổi") :]
    assert f"Cơ quan chủ trì: {POLICE}" in trail
    for english in ("Created", "Changed", "Deleted"):
        assert english not in trail


# What the pickers offer


def options(response, field):
    return [(o.get("value"), text(o)) for o in find_all(response, f'//select[@name="{field}"]//option')]


def test_agencies_offered_are_the_programmes_own_the_tasks_first(login, v5):
    response = login("chqs").get(assign_url(v5))
    offered = [label for value, label in options(response, "lead")]
    own = [a.agency.name for a in v5.assignments.all()]
    assert offered[: len(own)] == sorted(own)  # the task's agencies first
    named = Agency.objects.filter(assignments__task__section__programme=v5.section.programme).distinct()
    assert {a.name for a in named} <= set(offered)
    # Bắc Giang's department is named only in the other programme, outside this one's jurisdiction.
    assert "Sở Khoa học và Công nghệ tỉnh Bắc Giang" not in offered
    assert offered == [label for _value, label in options(response, "support")]
    select = find_all(response, '//select[@name="lead"]')[0]
    assert select.get("data-picker") == "" and select.get("multiple") is not None  # Tom Select takes it over


def test_an_agency_outside_the_programme_is_refused(login, v5):
    before = snapshot(v5)
    elsewhere = Agency.objects.get(name="Sở Khoa học và Công nghệ tỉnh Bắc Giang")
    data = assignment_payload(v5, support=[a.pk for a in v5.support_agencies] + [elsewhere.pk])
    response = login("chqs").post(assign_url(v5), data)
    assert_refused(response, "Hãy chọn một lựa chọn hợp lệ", field="support")
    assert snapshot(v5) == before


def test_officers_are_listed_by_name_and_agency_only_for_the_tasks_agencies(login, v5):
    response = login("chqs").get(assign_url(v5))
    # Công an leads V.5; Y tế belongs to the group phrase that supports it. No leadership, command staff or admin.
    assert options(response, "responsible_officer") == [
        ("", "Chưa giao cán bộ"),
        (str(get_user_model().objects.get(username="congan").pk), "Lê Thị Công An – Công an thành phố"),
        (str(get_user_model().objects.get(username="yte").pk), "Phạm Văn Y Tế – Phòng Y tế"),
    ]
    chqs = get_user_model().objects.get(username="chqs")
    refused = login("chqs").post(assign_url(v5), assignment_payload(v5, responsible_officer=chqs.pk))
    assert_refused(refused, "Hãy chọn một lựa chọn hợp lệ", field="responsible_officer")


def test_the_current_deadline_is_shown_beside_the_new_one_and_no_dashes(login, v5):
    html = page(login("chqs").get(assign_url(v5)))
    assert f"Hạn hiện hành: {v5.effective_due:%d/%m/%Y}" in html
    assert "---------" not in html
