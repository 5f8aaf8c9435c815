"""My tasks (/my/): an officer's tasks grouped as overdue, due soon, in progress, ongoing and done."""

import pytest
from django.urls import reverse

from tasks.models import Assignment, Task
from tasks.status import AWAITING, Acceptance, Progress, Status
from tests.html import by_id, contains_html, find, find_all, outer_html, same_html, text

from .conftest import (
    BAN_CHQS,
    CITY,
    CONG_AN,
    Y_TE,
    agency,
    child_plan,
    due_soon_by_the_rules,
    names_agency,
    report,
    status_by_the_rules,
    synthetic_tasks,
    task,
)

GROUPS = ["overdue", "due_soon", "in_progress", "awaiting", "ongoing", "done"]
# Measured; the same for 10 and 200 extra tasks: session, user, profile, agency, the due-soon tasks,
# the tasks, their assignments with agencies, their phases, the user's role for the menu, and the agency's groups
# (asked once: may the officer report on each row?), and the explanation requests awaiting the agency's reply.
MY_QUERIES = 12  # and the bell's unread notifications


def my(client):
    response = client.get(reverse("tasks:my"))
    assert response.status_code == 200
    return response


def grouped(response):
    return {key: [t.pk for t in tasks] for key, _label, tasks in response.context["sections"]}


def counts(response):
    return {
        element.get("id").removeprefix("count-"): int(text(element))
        for element in find_all(response, '//div[@class="stat"][starts-with(@id, "count-")]')
    }


def group_by_the_rules(t):
    status = status_by_the_rules(t)
    if due_soon_by_the_rules(t):
        return "due_soon"
    if status in AWAITING:  # sent as done: the command's move, whether or not it came late
        return "awaiting"
    if status.is_overdue:
        return "overdue"
    if status in (Status.IN_PROGRESS_ON_TIME, Status.NOT_STARTED_ON_TIME):
        return "in_progress"
    return "ongoing" if status is Status.ONGOING else "done"


def expected_groups(agency_name):
    """The agency's tasks (named directly or through a group), grouped by the status rules, in Python."""
    mine = agency(agency_name)
    tasks = (
        Task.objects.prefetch_related("assignments__agency__members", "progress_reports")
        .select_related("section__programme")
        .order_by("section__programme", "section__position", "position")
    )
    groups = {key: [] for key in GROUPS}
    for t in tasks:
        if names_agency(t, mine):
            groups[group_by_the_rules(t)].append(t.pk)
    return groups


def test_an_officer_s_tasks_by_group_with_counts(congan, varied_progress):
    response = my(congan)
    expected = expected_groups(CONG_AN)
    assert grouped(response) == expected
    assert counts(response) == {key: len(pks) for key, pks in expected.items()}
    assert all(expected.values()), "the fixture gives Công an a task in every group"
    html = response.content.decode()
    heading = find(html, "//h1")
    agency_name = '<small class="text-muted">Công an thành phố Thái Nguyên</small>'
    assert same_html(outer_html(heading), f'<h1 class="h4">Việc của tôi {agency_name}</h1>')
    for key, label in [("overdue", "Quá hạn"), ("due_soon", "Sắp đến hạn"), ("done", "Đã hoàn thành")]:
        section = by_id(html, key)
        assert (section.tag, section.get("class")) == ("section", "card mb-3")
        header = section[0]
        assert (header.tag, header.get("class")) == ("div", "card-header fw-semibold")
        assert text(header).startswith(f"{label} ({len(expected[key])})")


def test_groups_put_each_task_where_the_rules_say(congan, varied_progress):
    groups = grouped(my(congan))
    assert varied_progress["done_on_time"].pk in groups["done"]
    assert varied_progress["done_late"].pk in groups["done"]
    assert varied_progress["in_progress_overdue"].pk in groups["overdue"]
    assert varied_progress["due_soon"].pk in groups["due_soon"]  # through the support group
    assert varied_progress["in_progress_on_time"].pk in groups["due_soon"]  # due today: due soon, not just on time
    assert varied_progress["ongoing"].pk in groups["ongoing"]
    assert task(CITY, "II", "2").pk in groups["in_progress"]  # due 2030


def test_no_task_is_in_two_groups(congan, varied_progress):
    pks = [pk for group in grouped(my(congan)).values() for pk in group]
    assert len(pks) == len(set(pks)) == 33


def test_yte_sees_the_tasks_of_phong_y_te(yte):
    response = my(yte)
    assert contains_html(response, '<small class="text-muted">Phòng Y tế thành phố Thái Nguyên</small>')
    groups = grouped(response)
    assert groups == expected_groups(Y_TE)
    assert task(CITY, "VIII", "5").pk in groups["ongoing"]  # Phòng Y tế leads it
    assert task(CITY, "I", "5").pk in groups["in_progress"]  # through the group phrase
    assert task(CITY, "IX", "2").pk not in [pk for g in groups.values() for pk in g]


def test_command_staff_see_the_tasks_naming_their_own_agency(chqs):
    groups = grouped(my(chqs))
    assert groups == expected_groups(BAN_CHQS)
    assert task(CITY, "I", "1").pk in groups["overdue"]


def test_command_staff_do_not_see_tasks_of_programmes_they_do_not_coordinate(chqs):
    """A plan coordinated by UBND thành phố names Ban CHQS on its copy of I.1: not theirs to see (its page is 404)."""
    plan = child_plan([task(CITY, "I", "1")])
    copy = Task.objects.get(section__programme=plan)
    assert chqs.get(copy.get_absolute_url()).status_code == 404
    response = my(chqs)
    assert copy.pk not in {pk for pks in grouped(response).values() for pk in pks}
    assert plan.number not in response.content.decode()
    assert task(CITY, "I", "1").pk in grouped(response)["overdue"]


def send_report(client, t, status, **extra):
    t.refresh_from_db()
    data = {"version": t.version, "status": status, "percent": "100", "result": "Đã ban hành kế hoạch.", **extra}
    response = client.post(reverse("tasks:progress", args=[t.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_task_waits_after_a_done_report_and_is_done_once_accepted(congan, chqs, police_task):
    assert police_task.pk in grouped(my(congan))["overdue"]
    send_report(congan, police_task, Progress.DONE)
    groups = grouped(my(congan))
    assert police_task.pk in groups["awaiting"]
    assert police_task.pk not in groups["overdue"]
    sent = police_task.progress_reports.get()
    assert sent.completed_on is not None
    # Command staff find it in their own "Việc của tôi", and accept it from there.
    staff_page = my(chqs)
    assert [r.pk for r in staff_page.context["to_accept"]] == [sent.pk]
    decide = reverse("tasks:completion_decide", args=[police_task.pk, sent.pk])
    assert f'href="{decide}"' in staff_page.content.decode()
    assert chqs.post(decide, {f"done{sent.pk}-decision": "accepted"}).status_code == 302
    assert police_task.pk in grouped(my(congan))["done"]
    assert not my(chqs).context["to_accept"]


def test_a_supporting_agency_s_done_report_does_not_close_the_task(congan, yte, police_task):
    send_report(yte, police_task, Progress.DONE)
    assert not police_task.progress_reports.get().sets_status
    assert police_task.pk in grouped(my(congan))["overdue"]
    assert police_task.pk in grouped(my(yte))["overdue"]


@pytest.mark.parametrize("persona", ["lanhdao", "admin"])
def test_users_without_an_agency_are_refused(request, persona):
    client = request.getfixturevalue(persona)
    response = client.get(reverse("tasks:my"))
    assert response.status_code == 403
    assert "Anh/chị không có quyền thực hiện thao tác này." in response.content.decode()


def test_the_menu_offers_my_tasks_only_to_users_with_an_agency(congan, lanhdao):
    assert 'href="/my/"' in congan.get("/tasks/").content.decode()
    assert 'href="/my/"' not in lanhdao.get("/tasks/").content.decode()


@pytest.mark.parametrize("extra", [10, 200])
def test_query_count_does_not_grow_with_the_tasks(congan, django_assert_max_num_queries, extra):
    synthetic_tasks(extra)
    with django_assert_max_num_queries(MY_QUERIES) as queries:
        response = my(congan)
    assert len(queries.captured_queries) == MY_QUERIES
    assert sum(counts(response).values()) == 33 + extra


@pytest.mark.parametrize("waiting", [1, 40])
def test_command_staff_s_page_does_not_grow_with_the_work_waiting_for_them(chqs, django_assert_num_queries, waiting):
    for t in synthetic_tasks(waiting):
        report(t, "congan", Progress.DONE, acceptance=Acceptance.AWAITING)
    with django_assert_num_queries(MY_QUERIES + 1):  # measured: command staff also get the work waiting for them
        response = my(chqs)
    assert len(response.context["to_accept"]) == waiting


def rows(response, key):
    """Each row of a group: (task id from its link, the role badge, the report button's address or None)."""
    found = []
    for li in find_all(response, f'//section[@id="{key}"]//li'):
        [link] = li.xpath("./a[1]")
        [role] = [text(badge) for badge in li.xpath('.//span[contains(@class, "role")]')]
        button = li.xpath('.//a[contains(@class, "report")]')
        found.append((int(link.get("href").strip("/").split("/")[-1]), role, button[0].get("href") if button else None))
    return found


def test_each_row_says_lead_or_support_and_offers_a_report(congan, varied_progress):
    response = my(congan)
    every = [row for key in GROUPS for row in rows(response, key)]
    assert len(every) == 33
    led = set(Task.objects.assigned_to(agency(CONG_AN), Assignment.Role.LEAD).values_list("pk", flat=True))
    assert {pk for pk, role, _button in every if role == "Chủ trì"} == led
    assert {pk for pk, role, _button in every if role == "Phối hợp"} == {pk for pk, *_ in every} - led
    assert led and len(led) < 33, "the fixture gives Công an tasks of both roles"
    assert all(button == reverse("tasks:progress", args=[pk]) for pk, _role, button in every)
    # The button leads to a form that accepts this officer.
    assert congan.get(every[0][2]).status_code == 200


def test_the_counts_lead_to_their_group(congan, varied_progress):
    response = my(congan)
    for key in GROUPS:
        [count] = find_all(response, f'//div[@id="count-{key}"]')
        link = count.getparent()
        assert (link.tag, link.get("href")) == ("a", f"#{key}")
        assert by_id(response.content.decode(), key).tag == "section"
