"""Every URL for every persona: who gets the page, who is refused (403), who is told nothing exists (404).

The expectations are derived from the rules, not copied from the responses:

- anonymous users are sent to the login page, except for /healthz and the login page itself;
- officers see the tasks naming their agency, directly or through a group phrase it belongs to, 404 for others;
- leadership sees every task and gets 403 on every write;
- command staff see and change the tasks of the programmes their agency coordinates, 404 for the others;
- the superuser sees and changes everything.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse

from tasks.models import Assignment, Evidence, ProgressReport, Task
from tasks.status import Acceptance, Grade, Progress

from .conftest import (
    CONG_AN,
    PERSONAS,
    Y_TE,
    agency,
    evidence,
    listed_pks,
    names_agency,
    report,
    user,
    visible_by_the_rules,
)

TASKS = ["police_task", "group_task", "unnamed_task", "bac_giang_task"]
CITY_TASKS = {"police_task", "group_task", "unnamed_task"}
# Read off the seeded programmes: V.5 names Công an as lead and the group (Y tế among its members) as support;
# I.5 names only the group; IX.2 names neither agency; the Bắc Giang plan is not coordinated by Ban CHQS thành phố.
SEES = {
    "chqs": CITY_TASKS,
    "congan": {"police_task", "group_task"},
    "yte": {"police_task", "group_task"},
    "lanhdao": set(TASKS),
    "admin": set(TASKS),
    "anonymous": set(),
}
REPORTS_ON = {**SEES, "lanhdao": set()}
MANAGES = {"chqs": CITY_TASKS, "admin": set(TASKS)}
HAS_AGENCY = {"chqs", "congan", "yte"}
OFFICER_AGENCIES = {"congan": CONG_AN, "yte": Y_TE}

LOGIN = "302 → /accounts/login/"


def outcome(response):
    """ "200", "404", or "302 → /path/" for a redirect (query string left out)."""
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response['Location'].split('?')[0]}"
    return str(response.status_code)


@pytest.fixture
def persona(request, seeded):
    return request.getfixturevalue(request.param)


def task_urls(task):
    done = task.progress_reports.get()
    file = done.evidence.get()
    return {
        "detail": ("get", reverse("tasks:detail", args=[task.pk])),
        "assign": ("get", reverse("tasks:assign", args=[task.pk])),
        "progress": ("get", reverse("tasks:progress", args=[task.pk])),
        "evidence": ("get", reverse("tasks:evidence", args=[task.pk, file.pk])),
        "completion": ("get", reverse("tasks:completion", args=[task.pk])),
        "decide (GET)": ("get", reverse("tasks:completion_decide", args=[task.pk, done.pk])),
        "decide": ("post", reverse("tasks:completion_decide", args=[task.pk, done.pk])),
    }


def decision(report):
    return {f"done{report.pk}-decision": Acceptance.ACCEPTED, f"done{report.pk}-grade": Grade.GOOD}


def sets_status(name, task_name, task):
    """Whether the persona's report decides the task's status: command staff of its programme, or its lead agency."""
    if task_name in MANAGES.get(name, ()):
        return True
    return name in OFFICER_AGENCIES and names_agency(task, agency(OFFICER_AGENCIES[name]), Assignment.Role.LEAD)


def expected_task_outcomes(name, task_name, task):
    if name == "anonymous":
        return dict.fromkeys(task_urls(task), LOGIN)
    if task_name not in SEES[name]:
        # Strangers learn nothing, not even that the task exists; only the method check comes first.
        return dict.fromkeys(task_urls(task), "404")
    manages = task_name in MANAGES.get(name, ())
    return {
        "detail": "200",
        "assign": "200" if manages else "403",
        "progress": "200" if task_name in REPORTS_ON[name] else "403",
        "evidence": "200",
        # Finished work is sent by those who set the status, on a task that can be finished (not a recurring one).
        "completion": "200" if sets_status(name, task_name, task) and not task.is_recurring else "403",
        "decide (GET)": "200" if manages else "403",
        "decide": f"302 → {task.get_absolute_url()}" if manages else "403",
    }


@pytest.mark.parametrize("task_name", TASKS)
@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_task_pages(request, persona, task_name):
    name = request.node.callspec.params["persona"]
    task = request.getfixturevalue(task_name)
    done = report(task, "congan", Progress.DONE, acceptance=Acceptance.AWAITING)
    evidence(done)
    urls = task_urls(task)
    data = {"decide": decision(done)}
    actual = {label: outcome(getattr(persona, method)(url, data.get(label))) for label, (method, url) in urls.items()}
    assert actual == expected_task_outcomes(name, task_name, task)
    done.refresh_from_db()
    assert (done.acceptance == Acceptance.ACCEPTED) == (task_name in MANAGES.get(name, ()))


def expected_site_outcomes(name):
    if name == "anonymous":
        return {
            "dashboard": LOGIN,
            "list": LOGIN,
            "export": LOGIN,
            "my": LOGIN,
            "healthz": "200",
            "login": "200",
            "admin": "302 → /admin/login/",
        }
    return {
        "dashboard": "200",
        "list": "200",
        "export": "200",
        "my": "200" if name in HAS_AGENCY else "403",
        "healthz": "200",
        "login": "302 → /",  # already logged in: straight to the dashboard
        "admin": "200" if name == "admin" else "302 → /admin/login/",
    }


SITE_URLS = {
    "dashboard": "/",
    "list": "/tasks/",
    "export": "/tasks/export.xlsx",
    "my": "/my/",
    "healthz": "/healthz",
    "login": "/accounts/login/",
    "admin": "/admin/",
}


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_site_pages(request, persona):
    name = request.node.callspec.params["persona"]
    actual = {label: outcome(persona.get(url)) for label, url in SITE_URLS.items()}
    assert actual == expected_site_outcomes(name)


@pytest.mark.parametrize("path", ["/", "/tasks/", "/tasks/export.xlsx", "/my/", "/tasks/19/", "/tasks/1/assign/"])
def test_anonymous_users_come_back_where_they_were_going(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(path)}"


@pytest.mark.parametrize(
    ("persona", "count"),
    [("chqs", 37), ("congan", 33), ("yte", 33), ("lanhdao", 42), ("admin", 42)],
    indirect=["persona"],
)
def test_the_task_list_shows_exactly_what_the_persona_may_see(request, persona, count):
    name = request.node.callspec.params["persona"]
    shown = set(listed_pks(persona.get("/tasks/")))
    assert shown == {t.pk for t in visible_by_the_rules(name)}
    assert len(shown) == count


def test_refusals_explain_themselves_in_vietnamese(congan, lanhdao, police_task, bac_giang_task):
    refused = lanhdao.get(reverse("tasks:assign", args=[police_task.pk]))
    assert refused.status_code == 403
    assert "Anh/chị không có quyền thực hiện thao tác này." in refused.content.decode()
    hidden = congan.get(reverse("tasks:detail", args=[bac_giang_task.pk]))
    assert hidden.status_code == 404
    html = hidden.content.decode()
    assert "Không tìm thấy trang hoặc nhiệm vụ này." in html
    assert bac_giang_task.content[:40] not in html  # nothing of the task leaks


def test_command_staff_see_only_their_programme_on_the_dashboard(chqs, bac_giang_task):
    response = chqs.get("/", {"programme": bac_giang_task.section.programme.pk})
    assert response.status_code == 200
    assert [p.number for p in response.context["programmes"]] == ["04/CTr-UBND"]
    assert response.context["programme"].number == "04/CTr-UBND"


# Forbidden writes must change nothing at all.


def snapshot(task):
    return {
        "assignments": sorted(Assignment.objects.values_list("task", "role", "position", "agency")),
        "reports": sorted(ProgressReport.objects.values_list("pk", flat=True)),
        "evidence": Evidence.objects.count(),
        "task": Task.objects.filter(pk=task.pk).values().get(),
        "task history": Task.history.count(),
        "accepted": list(ProgressReport.objects.filter(acceptance=Acceptance.ACCEPTED).values_list("pk", flat=True)),
    }


def payload(action, task):
    if action == "assign":
        return {
            "version": task.version,
            "lead": [agency(Y_TE).pk],
            "support": [agency(CONG_AN).pk],
            "due_override": "2027-06-30",
            "due_override_reason": "Theo chỉ đạo của UBND thành phố",
            "responsible_officer": user("congan").pk,
        }
    if action == "progress":
        return {"version": task.version, "status": Progress.IN_PROGRESS, "percent": "60", "result": "Đã họp triển khai"}
    return {}


def post(client, action, task):
    data = payload(action, task)
    if action == "decide":
        done = report(task, "congan", Progress.DONE, acceptance=Acceptance.AWAITING)
        url, data = reverse("tasks:completion_decide", args=[task.pk, done.pk]), decision(done)
    else:
        url = reverse(f"tasks:{action}", args=[task.pk])
    before = snapshot(task)
    response = client.post(url, data)
    return response, before, snapshot(task)


@pytest.mark.parametrize(
    ("persona", "action", "task_name", "status"),
    [
        ("congan", "assign", "police_task", 403),
        ("lanhdao", "assign", "police_task", 403),
        ("chqs", "assign", "bac_giang_task", 404),
        ("lanhdao", "progress", "police_task", 403),
        ("yte", "progress", "bac_giang_task", 404),
        ("congan", "progress", "unnamed_task", 404),
        ("congan", "decide", "police_task", 403),
        ("lanhdao", "decide", "police_task", 403),
        ("anonymous", "assign", "police_task", 302),
        ("anonymous", "progress", "police_task", 302),
    ],
    indirect=["persona"],
)
def test_forbidden_posts_change_nothing(request, persona, action, task_name, status):
    task = request.getfixturevalue(task_name)
    response, before, after = post(persona, action, task)
    assert response.status_code == status
    assert after == before


@pytest.mark.parametrize(
    ("persona", "action", "changed"),
    [
        ("chqs", "assign", {"assignments", "task", "task history"}),
        # A report bumps the task's version (against lost updates) but is no change to the task's history.
        ("congan", "progress", {"reports", "task"}),
        ("yte", "progress", {"reports", "task"}),
        ("chqs", "decide", {"accepted", "task"}),
    ],
    indirect=["persona"],
)
def test_the_same_posts_by_someone_allowed_do_change_things(persona, police_task, action, changed):
    """The control for the test above: its payloads are valid, so "nothing changed" means "refused"."""
    response, before, after = post(persona, action, police_task)
    assert response.status_code == 302
    assert response["Location"] == police_task.get_absolute_url()
    assert {key for key in before if before[key] != after[key]} == changed
