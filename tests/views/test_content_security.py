"""The Content Security Policy (django-csp): every page says where scripts, styles and images may come from, and
no page needs an exception to it, no inline script, event handler, <style> element or style="" attribute (the
browser test tests/browser/test_content_security.py checks the same in Chromium itself)."""

import re

import pytest
from django.urls import reverse

from reports.models import ProducedReport
from tasks.models import ImportDraft
from tasks.status import Progress
from tests.documents.test_office_import import build_docx

from .conftest import CITY, PASSWORD, evidence, programme, report
from .test_import import new_plan_lines
from .test_import import upload as upload_programme
from .test_offline_progress import uploaded

INLINE = {
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style[\s>]", re.I),
    "an inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>(?!\s*</script>)", re.I),
    "an event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "a javascript: link": re.compile(r"javascript:", re.I),
}


def pages(chqs, congan, police_task):
    """(url, query, expected status) for each persona: every template of the portal, and the admin's."""
    city = programme(CITY)
    done = report(police_task, "congan", Progress.DONE)
    evidence(done)
    preview = {"programme": city.pk, "period": "2025-Q4", "cutoff_rule": "calendar"}
    chqs.post(reverse("reports:produce"), {**preview, "format": "pdf"})
    produced = ProducedReport.objects.get()
    ProducedReport.objects.update(state=ProducedReport.State.RUNNING, progress=40)  # as a background report shows
    filled = {"Tình trạng": "Đang thực hiện", "Tỷ lệ (%)": 40, "Kết quả thực hiện": "Một.\nHai."}
    uploaded(congan, {police_task: filled})
    progress_draft = ImportDraft.objects.get()
    upload_programme(chqs, build_docx(new_plan_lines()), "ke-hoach.docx")
    programme_draft = ImportDraft.objects.exclude(pk=progress_draft.pk).get()
    return {
        "chqs": [
            ("/", {}, 200),
            ("/", {"programme": city.pk}, 200),
            (reverse("tasks:list"), {"q": "phong thu"}, 200),
            (police_task.get_absolute_url(), {}, 200),
            (reverse("tasks:assign", args=[police_task.pk]), {}, 200),
            (reverse("tasks:progress", args=[police_task.pk]), {}, 200),
            (reverse("tasks:child_programme", args=[city.pk]), {}, 200),
            (reverse("tasks:import"), {}, 200),
            (reverse("tasks:import_review", args=[programme_draft.pk]), {}, 200),
            (reverse("reports:index"), preview, 200),  # the HTML preview with the SVG chart
            (reverse("reports:setup", args=[city.pk]), {}, 200),
            (reverse("reports:detail", args=[produced.pk]), {}, 200),  # the progress of a background report
            ("/tasks/999999/", {}, 404),
        ],
        "congan": [
            (reverse("tasks:my"), {}, 200),
            (reverse("tasks:my_upload"), {}, 200),
            (reverse("tasks:my_upload_review", args=[progress_draft.pk]), {}, 200),
            (reverse("tasks:notifications"), {}, 200),
            (reverse("tasks:notification_settings"), {}, 200),
        ],
        "admin": [
            (reverse("admin:index"), {}, 200),
            (reverse("admin:tasks_task_changelist"), {}, 200),
            (reverse("admin:tasks_task_change", args=[police_task.pk]), {}, 200),
            (reverse("admin:axes_accessattempt_changelist"), {}, 200),
        ],
        "lanhdao": [(reverse("tasks:assign", args=[police_task.pk]), {}, 403)],
    }


def assert_policed(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src" not in directives and "style-src" not in directives  # both fall back to 'self'


def test_every_page_is_policed_and_needs_no_inline_code(request, chqs, congan, police_task):
    for persona, urls in pages(chqs, congan, police_task).items():
        client = request.getfixturevalue(persona)
        for url, query, status in urls:
            response = client.get(url, query)
            assert response.status_code == status, (persona, url)
            assert_policed(response)
            html = response.content.decode()
            for what, pattern in INLINE.items():
                found = pattern.search(html)
                assert not found, f"{url} as {persona}: {what}: {html[max(found.start() - 80, 0) : found.end() + 80]}"


@pytest.mark.parametrize("persona", ["anonymous"])
def test_the_login_and_lockout_pages_are_policed(request, persona):
    client = request.getfixturevalue(persona)
    assert_policed(client.get("/accounts/login/"))
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "congan", "password": "sai"})
    assert response.status_code == 429
    assert_policed(response)
    assert not any(pattern.search(response.content.decode()) for pattern in INLINE.values())
    assert client.post("/accounts/login/", {"username": "congan", "password": PASSWORD}).status_code == 429


def test_the_charts_are_drawn_with_presentation_attributes(lanhdao):
    html = lanhdao.get("/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'fill="#212529"' in svg
    assert "<style" not in svg and "style=" not in svg
