"""Cache-Control: no-store on every page and download, so nothing stays in a shared browser's cache."""

import pytest
from django.urls import reverse

from .conftest import evidence, report


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("persona", ["chqs", "congan", "lanhdao", "admin"])
def test_pages_are_not_stored(request, persona):
    client = request.getfixturevalue(persona)
    for url in ("/", reverse("tasks:list"), reverse("tasks:export")):
        response = client.get(url)
        assert response.status_code == 200 and no_store(response), url


def test_the_task_page_my_tasks_and_an_evidence_download_are_not_stored(congan, police_task):
    shown = evidence(report(police_task, "congan"))
    for url in (
        police_task.get_absolute_url(),
        reverse("tasks:my"),
        reverse("tasks:evidence", args=[police_task.pk, shown.pk]),
    ):
        response = congan.get(url)
        assert response.status_code == 200 and no_store(response), url


def test_refusals_the_login_page_and_the_health_check_are_not_stored_either(congan, bac_giang_task, anonymous):
    assert no_store(congan.get(bac_giang_task.get_absolute_url()))  # 404
    assert no_store(anonymous.get(reverse("tasks:list")))  # the redirect to the login page
    assert no_store(anonymous.get(reverse("login")))
    assert no_store(anonymous.get("/healthz"))
