"""The dashboard (/): totals, the summary line and the charts of one programme, cross-checked in Python.

The view counts statuses in SQL (TaskQuerySet.with_status); the expectations here are built task by task with
tests.status_rules.classify on the task's effective deadline and latest status-setting report, so the two
implementations of the rules check each other.
"""

from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.formats import localize

from agencies.models import Profile
from tasks.models import Assignment, Programme, Task
from tasks.roles import OFFICER
from tasks.status import StatusCount
from tests.html import by_id, find_all, text

from .conftest import (
    BAC_GIANG,
    CITY,
    agency,
    due_soon_by_the_rules,
    programme,
    status_by_the_rules,
    synthetic_tasks,
    visible_by_the_rules,
)

# Measured; the same for 10 and 200 extra tasks: session, user, role groups, profile, agency, the programmes (once:
# the switcher lists them too), their open tasks (which one to show first), the total, by section, by lead agency,
# by phase, and for each of the
# overdue and due-soon lists its tasks, their assignments with agencies and their phases; the bell's unread count.
DASHBOARD_QUERIES = 20  # and the count of due-soon tasks (the lists show the first 20)


def dashboard(client, **params):
    response = client.get("/", params)
    assert response.status_code == 200
    return response


def expected_total(username, number):
    return StatusCount.from_statuses(
        status_by_the_rules(t) for t in visible_by_the_rules(username) if t.section.programme.number == number
    )


def stat(html, name):
    element = by_id(html, f"total-{name}")
    assert "stat" in element.get("class").split() and element.tag == "div"
    return text(element)


@pytest.mark.parametrize(
    ("persona", "number"),
    [("chqs", CITY), ("congan", CITY), ("yte", CITY), ("lanhdao", CITY), ("lanhdao", BAC_GIANG)],
)
def test_totals_and_summary_line_follow_the_status_rules(request, varied_progress, persona, number):
    client = request.getfixturevalue(persona)
    response = dashboard(client, programme=programme(number).pk)
    expected = expected_total(persona, number)
    assert response.context["programme"].number == number
    assert response.context["total"] == expected
    html = response.content.decode()
    assert stat(html, "tasks") == str(expected.total)
    assert stat(html, "done") == str(expected.done)
    assert stat(html, "rate") == f"{localize(expected.completion_rate)}%"
    assert stat(html, "on-time") == str(expected.not_done_on_time)
    assert stat(html, "overdue") == str(expected.not_done_overdue)
    assert stat(html, "ongoing") == str(expected.ongoing)
    summary = by_id(html, "summary-line")
    assert (summary.tag, len(summary), text(summary)) == ("p", 0, expected.summary_line())


def test_the_city_totals_in_figures(chqs, varied_progress):
    """The same check with the numbers written out, so a bug shared by both implementations shows too."""
    total = dashboard(chqs).context["total"]
    assert (total.total, total.ongoing) == (37, 18 + 2)  # ongoing and recurring tasks of the city
    assert (total.done_on_time, total.done_late) == (1, 1)
    # V.6 and I.2 (and I.4, whose last report of the day says in progress) are late; V.2 is paused on its deadline.
    assert (total.in_progress_overdue, total.in_progress_on_time) == (3, 1)
    assert total.total == total.done + total.not_done + total.ongoing
    # Not started: I.3 (its one report is dated tomorrow) and V.1 are late; I.1 and 6 tasks due 2030 are not.
    assert (total.not_started_overdue, total.not_started_on_time) == (2, 7)
    # Sent as done, waiting for command staff: VI.1 finished before its deadline, VII.1 after it.
    assert (total.awaiting_on_time, total.awaiting_overdue) == (1, 1)
    assert total.summary_line() == (
        "Tổng số 37 nhiệm vụ; đã hoàn thành 2, đạt 11,8% (đúng hạn: 1, quá hạn: 1); "
        "chưa hoàn thành: 15 (trong hạn: 9, quá hạn: 6; trong đó chờ xác nhận hoàn thành: 2); thường xuyên: 20"
    )


def test_sections_and_lead_agencies_add_up_by_the_rules(chqs, varied_progress):
    response = dashboard(chqs)
    tasks = visible_by_the_rules("chqs")
    by_section, by_lead = defaultdict(StatusCount), defaultdict(StatusCount)
    for t in tasks:
        status = status_by_the_rules(t)
        by_section[f"{t.section.numeral}. {t.section.title.capitalize()}"].add(status)
        for a in t.assignments.all():
            if a.role == Assignment.Role.LEAD:
                by_lead[a.agency.short_name or a.agency.name].add(status)
    assert {label: count for label, count, _pk in response.context["by_section"]} == dict(by_section)
    assert {label: count for label, count, _pk in response.context["by_lead"]} == dict(by_lead)
    # Each row carries what the task list filters it by: the section's and the agency's id.
    sections = {f"{t.section.numeral}. {t.section.title.capitalize()}": t.section.pk for t in tasks}
    assert {label: pk for label, _count, pk in response.context["by_section"]} == sections
    # Sections in document order, their upper-case titles written as a sentence.
    labels = [label for label, _count, _pk in response.context["by_section"]]
    assert len(labels) == 10
    assert labels[0] == "I. Kiện toàn, hoàn thiện cơ chế chỉ đạo, điều hành phòng thủ dân sự"
    assert labels[-1].startswith("X. Sơ kết, tổng kết")
    totals = [count.total for _label, count, _pk in response.context["by_lead"]]
    assert totals == sorted(totals, reverse=True)  # busiest lead agency first


def test_overdue_and_due_soon_lists_follow_the_rules(chqs, varied_progress):
    response = dashboard(chqs)
    tasks = visible_by_the_rules("chqs")
    assert {t.pk for t in response.context["overdue"]} == {t.pk for t in tasks if status_by_the_rules(t).is_overdue}
    assert {t.pk for t in response.context["due_soon"]} == {t.pk for t in tasks if due_soon_by_the_rules(t)}
    deadlines = [t.deadline for t in response.context["overdue"]]
    assert deadlines == sorted(deadlines)  # most overdue first
    html = response.content.decode()
    assert f"Quá hạn ({len(response.context['overdue'])})" in html
    assert f"Sắp đến hạn ({len(response.context['due_soon'])})" in html
    assert varied_progress["due_soon"].get_absolute_url() in html


# Programme switcher


def test_the_switcher_lists_the_visible_programmes_and_shows_the_chosen_one(lanhdao):
    default = dashboard(lanhdao)
    assert {p.number for p in default.context["programmes"]} == {CITY, BAC_GIANG}
    bac_giang = programme(BAC_GIANG)
    response = dashboard(lanhdao, programme=bac_giang.pk)
    assert response.context["programme"] == bac_giang
    assert response.context["total"] == StatusCount(total=5, ongoing=5)
    options = find_all(response, f'//select[@name="programme"]/option[@value="{bac_giang.pk}"]')
    assert options and all(o.get("selected") is not None for o in options)
    assert "Tổng số 5 nhiệm vụ; đã hoàn thành 0, đạt 0%" in response.content.decode()


def test_the_first_programme_shown_is_the_one_with_most_open_tasks_not_the_newest(lanhdao, varied_progress):
    Programme.objects.filter(number=BAC_GIANG).update(year=2099)  # the newest by far, with 5 tasks
    open_tasks = defaultdict(int)
    for t in Task.objects.select_related("section__programme").prefetch_related("progress_reports"):
        open_tasks[t.section.programme.number] += not status_by_the_rules(t).is_done
    expected = max(open_tasks, key=open_tasks.get)
    assert expected == CITY and open_tasks[CITY] > open_tasks[BAC_GIANG] > 0
    assert dashboard(lanhdao).context["programme"].number == expected


@pytest.mark.parametrize("value", ["abc", "", "99999", "-1", "1.0", "1 OR 1=1", "9" * 30])
def test_a_bad_programme_falls_back_to_the_first_one(lanhdao, value):
    fallback = dashboard(lanhdao).context["programme"]
    assert dashboard(lanhdao, programme=value).context["programme"] == fallback


def test_a_programme_the_user_may_not_see_falls_back_too(chqs):
    response = dashboard(chqs, programme=programme(BAC_GIANG).pk)
    assert response.context["programme"].number == CITY
    assert response.context["total"].total == 37


def test_a_superscript_digit_falls_back_too(lanhdao):
    fallback = dashboard(lanhdao).context["programme"]
    assert dashboard(lanhdao, programme="²").context["programme"] == fallback


def test_a_user_who_may_see_no_programme_gets_a_message(seeded):
    # An officer of Sở KHCN Bắc Ninh: no task of either programme names it.
    user = get_user_model().objects.create_user("bacninh", password="x")
    user.groups.add(Group.objects.get(name=OFFICER))
    Profile.objects.create(user=user, agency=agency("Sở Khoa học và Công nghệ tỉnh Bắc Ninh"))
    client = Client()
    client.force_login(user)
    response = dashboard(client)
    assert "Chưa có chương trình nào anh/chị được xem." in response.content.decode()
    assert "<svg" not in response.content.decode()


# Charts


def test_charts_are_inline_svg(chqs, varied_progress):
    html = dashboard(chqs).content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert 'aria-label="Theo mục"' in html
    assert 'aria-label="Theo cơ quan chủ trì"' in html
    # Section V holds the done tasks: one done on time, one done late; each segment names its section in full.
    section = varied_progress["done_on_time"].section
    label = f"{section.numeral}. {section.title.capitalize()}"
    assert f"<title>{label}: Hoàn thành đúng hạn: 1</title>" in html
    assert f"<title>{label}: Hoàn thành quá hạn: 1</title>" in html
    # Sans-serif, 14 units (12 px and more as the page shows them), no serif font.
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'font-size="14"' in svg and "sans-serif" in svg and "Serif" not in svg


def test_each_bar_segment_and_count_links_to_its_tasks(chqs, varied_progress):
    """Following a chart's link or a count card lists exactly the tasks it counted."""
    html = dashboard(chqs).content.decode()
    city = programme(CITY)
    section = varied_progress["done_late"].section
    by_section = {pk: count for _label, count, pk in dashboard(chqs).context["by_section"]}
    bar = f'href="/tasks/?programme={city.pk}&amp;section={section.pk}&amp;status=done_late"'
    assert bar in html
    listed = chqs.get("/tasks/", {"programme": city.pk, "section": section.pk, "status": "done_late"})
    assert listed.context["table"].paginator.count == by_section[section.pk].done_late == 1
    for card, status in [("total-done", "done"), ("total-overdue", "not_done_overdue"), ("total-ongoing", "ongoing")]:
        link = by_id(html, card).getparent().getparent()
        assert link.tag == "a" and link.get("href") == f"/tasks/?programme={city.pk}&status={status}"
        count = chqs.get(link.get("href")).context["table"].paginator.count
        assert str(count) == text(by_id(html, card)), card


def test_each_lead_agency_bar_lists_the_tasks_it_counted(chqs, varied_progress, group_task):
    """A bar counts the tasks naming the agency itself; a task led by a group phrase counts in the phrase's own bar,
    so the agency's list leaves it out too, where the lead filter alone takes it in."""
    response = dashboard(chqs)
    html = response.content.decode()
    wider = 0
    for _label, count, pk in response.context["by_lead"]:
        [link] = {a.get("href") for a in find_all(html, f'//details//th/a[contains(@href, "lead={pk}")]')}
        assert link.endswith(f"&named=direct&lead={pk}"), link
        assert chqs.get(link).context["table"].paginator.count == count.total, link
        overdue = chqs.get(f"{link}&status=not_done_overdue").context["table"].paginator.count
        assert overdue == count.not_done_overdue, link
        through_groups = link.replace("&named=direct", "")
        wider += chqs.get(through_groups).context["table"].paginator.count > count.total
    assert wider, "some agency of the group leading I.5 has a bar: the plain lead filter lists more than it counts"


# Query count


@pytest.mark.parametrize("extra", [10, 200])
def test_query_count_does_not_grow_with_the_tasks(chqs, varied_progress, django_assert_max_num_queries, extra):
    synthetic_tasks(extra, due_on=varied_progress["due_soon"].effective_due)  # all due soon: both lists are long
    with django_assert_max_num_queries(DASHBOARD_QUERIES) as queries:
        response = dashboard(chqs)
    assert len(queries.captured_queries) == DASHBOARD_QUERIES
    assert response.context["total"].total == 37 + extra
    assert response.context["due_soon_count"] == 2 + extra  # I.1 and V.2 (due today), and the new tasks
    assert len(response.context["due_soon"]) == min(20, 2 + extra)  # the list shows the most urgent 20
