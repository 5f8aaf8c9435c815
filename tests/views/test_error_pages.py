"""Error pages in Vietnamese in the portal's layout, with DEBUG on (make run) or off; superusers keep Django's
debug pages with DEBUG on."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.html import find

from .conftest import user

NOT_FOUND = "Không tìm thấy trang hoặc nhiệm vụ này."
SERVER_ERROR = "Đã xảy ra lỗi trong hệ thống."
BAD_REQUEST = "Yêu cầu không hợp lệ."
CSRF = "thiếu mã bảo vệ CSRF"


def client_of(username, **kwargs):
    client = Client(raise_request_exception=False, **kwargs)
    client.force_login(user(username))
    return client


def heading(response):
    return " ".join(find(response.content.decode(), "//main//h1").itertext()).strip()


def in_layout(response, username="congan"):
    """The portal's menu bar with the user's name: the page is the portal's, not Django's."""
    html = response.content.decode()
    return 'class="navbar-brand"' in html and user(username).get_full_name() in html


@pytest.mark.parametrize("debug", [True, False])
def test_another_agency_s_task_is_the_portal_s_404(settings, congan, bac_giang_task, debug):
    settings.DEBUG = debug
    response = congan.get(reverse("tasks:detail", args=[bac_giang_task.pk]))
    assert response.status_code == 404
    assert heading(response) == NOT_FOUND and in_layout(response)


@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_address_is_the_portal_s_404(settings, congan, debug):
    settings.DEBUG = debug
    response = congan.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert heading(response) == NOT_FOUND and in_layout(response)


def test_superusers_keep_django_s_debug_page(settings, admin, bac_giang_task):
    settings.DEBUG = True
    response = admin.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "URLconf" in response.content.decode()


@pytest.mark.urls("tests.views.error_urls")
@pytest.mark.parametrize("debug", [True, False])
def test_a_server_error_is_the_portal_s_500(settings, seeded, debug, caplog):
    settings.DEBUG = debug
    response = client_of("congan").get("/broken/")
    assert response.status_code == 500
    assert heading(response) == SERVER_ERROR
    assert "RuntimeError" not in response.content.decode()
    assert any(record.exc_info and "a bug" in str(record.exc_info[1]) for record in caplog.records)  # logged


@pytest.mark.urls("tests.views.error_urls")
def test_a_server_error_with_debug_on_shows_the_traceback_to_superusers(settings, seeded):
    settings.DEBUG = True
    response = client_of("admin").get("/broken/")
    assert response.status_code == 500 and "RuntimeError" in response.content.decode()


@pytest.mark.urls("tests.views.error_urls")
@pytest.mark.parametrize("debug", [True, False])
def test_a_bad_request_is_the_portal_s_400(settings, seeded, debug):
    settings.DEBUG = debug
    response = client_of("congan").get("/suspicious/")
    assert response.status_code == 400
    assert heading(response) == BAD_REQUEST and in_layout(response)


@pytest.mark.parametrize("debug", [True, False])
def test_a_form_without_its_csrf_token_is_the_portal_s_page(settings, seeded, police_task, debug):
    settings.DEBUG = debug
    client = client_of("congan", enforce_csrf_checks=True)
    response = client.post(reverse("tasks:progress", args=[police_task.pk]), {"status": "in_progress"})
    assert response.status_code == 403
    assert CSRF in heading(response) and in_layout(response)
    assert not police_task.progress_reports.exists()
