"""Every main page, for every demo account, on a phone (390 px) and a desk (1366 px): axe-core (from npm) finds no
serious or critical WCAG 2.1 AA violation, and nothing is wider than the screen. A screenshot of each page at each
width lands in test-output/screenshots/a11y-<width>-<account>-<page>.png, for review. The checks are axe.py's.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from agencies.models import Reorganisation
from reports.models import ProducedReport
from tasks import access, roles
from tasks.models import ExtensionRequest, Programme, ProgressReport, Task
from tasks.periods import quarter_of
from tests.browser.axe import too_wide, violations
from tests.browser.conftest import login, screenshot

WIDTHS = {"phone": 390, "desk": 1366}
ACCOUNTS = ["chqs", "congan", "yte", "lanhdao", "admin"]
CITY = "04/CTr-UBND"

pytestmark = pytest.mark.usefixtures("site")


def main_pages(username):
    """(name, path, status) of every main page this account opens, with one of its tasks (for officers, one their
    agency leads by name), the error pages it may meet and, for the administrator, the admin."""
    user = get_user_model().objects.get(username=username)
    city = Programme.objects.get(number=CITY)
    tasks = Task.objects.visible_to(user).filter(section__programme=city).with_document().order_by("section", "pk")
    agency = access.officer_agency(user)
    task = (tasks.assigned_to(agency, "lead", directly=True) if agency else tasks).first()
    period = quarter_of(city.issued_on).key
    pages = [
        ("dashboard", reverse("reports:dashboard")),
        ("task-list", reverse("tasks:list")),
        ("task", task.get_absolute_url()),
        ("reports", reverse("reports:index")),
        ("report-preview", f"{reverse('reports:index')}?programme={city.pk}&period={period}&cutoff_rule=calendar"),
        ("search", f"{reverse('tasks:list')}?q=ph%C3%B2ng+th%E1%BB%A7"),
        ("programme-thread", reverse("tasks:programme_thread", args=[city.pk])),
        ("notifications", reverse("tasks:notifications")),
        ("notification-settings", reverse("tasks:notification_settings")),
        ("not-found", reverse("tasks:detail", args=[Task.objects.order_by("pk").last().pk + 1]), 404),
    ]
    if access.reporting_role(user, task).may_report:
        pages.append(("progress", reverse("tasks:progress", args=[task.pk])))
    if access.may_request_extension(user, task):
        pages.append(("extension", reverse("tasks:extension", args=[task.pk])))
    if access.may_decide_extension(user, task):  # a request waits: the task page shows its decision form too
        lead = task.assignments.filter(role="lead").first().agency
        extension = ExtensionRequest.objects.create(
            task=task, agency=lead, asked_by=user, requested_due=date.today() + timedelta(days=60), reason="Chờ vốn."
        )
        pages.append(("extension-decide", reverse("tasks:extension_decide", args=[task.pk, extension.pk])))
    if access.may_ask_completion(user, task):
        pages.append(("completion", reverse("tasks:completion", args=[task.pk])))
    if access.may_decide_completion(user, task):  # work waits: the task page and "Việc của tôi" link to its decision
        lead = task.assignments.filter(role="lead").first().agency
        sent = ProgressReport.objects.create(
            task=task,
            agency=lead,
            author=user,
            status="done",
            percent=100,
            result="Đã ban hành kế hoạch.",
            completed_on=date.today(),
            sets_status=True,
            acceptance="awaiting",
        )
        pages.append(("completion-decide", reverse("tasks:completion_decide", args=[task.pk, sent.pk])))
    if access.may_manage_task(user, task):
        pages += [
            ("assign", reverse("tasks:assign", args=[task.pk])),
            ("report-setup", reverse("reports:setup", args=[city.pk])),
            ("child-programme", reverse("tasks:child_programme", args=[city.pk])),
        ]
    else:
        pages.append(("read-only", reverse("tasks:assign", args=[task.pk]), 403))
    if access.may_import(user):
        pages.append(("import", reverse("tasks:import")))
    if access.may_see_scores(user):
        pages.append(
            ("scores", f"{reverse('reports:scores')}?programme={city.pk}&period={quarter_of(date.today()).key}")
        )
    if access.may_hand_over(user):
        city_end = Reorganisation.objects.get(former__name="Ủy ban nhân dân thành phố Thái Nguyên")
        pages += [
            ("handovers", reverse("tasks:handover_list")),
            ("handover", reverse("tasks:handover", args=[city_end.pk])),
        ]
    if agency:
        pages += [("my", reverse("tasks:my")), ("my-upload", reverse("tasks:my_upload"))]
    if roles.oversees_units(user):  # the user's own unit's consolidated page, or the units to choose from
        pages += [("units", reverse("reports:units")), ("unit", reverse("reports:unit", args=[city.unit_id]))]
    report = ProducedReport.objects.visible_to(user).first()
    if report:
        pages.append(("report", report.get_absolute_url()))
    if user.is_superuser:
        pages += [
            ("admin", reverse("admin:index")),
            ("admin-tasks", reverse("admin:tasks_task_changelist")),
            ("admin-task", reverse("admin:tasks_task_change", args=[task.pk])),
        ]
    return [(name, path, *status) if status else (name, path, 200) for name, path, *status in pages]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_page_is_accessible_and_fits(open_context, username, width):
    context = open_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    login(page, username)
    found = {}
    for name, path, status in main_pages(username):
        response = page.goto(path)
        assert response.status == status, (path, response.status)
        page.wait_for_load_state("load")
        screenshot(page, f"a11y-{width}-{username}-{name}")
        problems = violations(page) + too_wide(page)
        if problems:
            found[name] = problems
    assert not found, "\n".join(f"{name}: {problem}" for name, problems in found.items() for problem in problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_login_page_is_accessible_and_fits_with_its_error_too(open_context, width):
    page = open_context(viewport={"width": WIDTHS[width], "height": 900}).new_page()
    page.goto(reverse("login"))
    found = violations(page) + too_wide(page)
    page.fill("#id_username", "chqs")
    page.fill("#id_password", "not-the-password")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("load")
    screenshot(page, f"a11y-{width}-anonymous-login-refused")
    assert page.locator(".alert, .errornote, .invalid-feedback").count(), "the refusal says why"
    found += violations(page) + too_wide(page)
    assert not found, "\n".join(found)
