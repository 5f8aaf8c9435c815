"""Logging in and out: the login page speaks Vietnamese, wrong passwords are refused politely, logout is a POST,
and five wrong passwords for one username from one address lock that pair out for 15 minutes (django-axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.db.models import F
from django.test import Client

from tests.html import contains_html, document, find_all

from .conftest import PASSWORD, user


def test_the_login_page_is_in_vietnamese(anonymous):
    response = anonymous.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert document(html).tag == "html" and document(html).get("lang") == "vi"
    assert contains_html(html, "<title>Đăng nhập · Cổng theo dõi nhiệm vụ PTDS</title>")
    assert contains_html(html, '<label class="form-label" for="id_username">Tên đăng nhập</label>')
    assert contains_html(html, '<label class="form-label" for="id_password">Mật khẩu</label>')
    assert contains_html(html, '<button class="btn btn-success w-100" type="submit">Đăng nhập</button>')
    assert "Đăng xuất" not in html  # no menu for anonymous users


def test_a_wrong_password_is_refused_in_vietnamese(anonymous):
    response = anonymous.post("/accounts/login/", {"username": "congan", "password": "sai-mat-khau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng. Xin nhập lại." in html
    assert 'value="congan"' in html  # the username is kept, the password is not
    assert "sai-mat-khau" not in html
    assert SESSION_KEY not in anonymous.session
    assert anonymous.get("/").status_code == 302


def test_an_unknown_user_gets_the_same_message(anonymous):
    response = anonymous.post("/accounts/login/", {"username": "khongco", "password": PASSWORD})
    assert "Tên đăng nhập hoặc mật khẩu không đúng. Xin nhập lại." in response.content.decode()


def test_an_inactive_user_cannot_log_in(anonymous):
    congan = user("congan")
    congan.is_active = False
    congan.save()
    response = anonymous.post("/accounts/login/", {"username": "congan", "password": PASSWORD})
    assert response.status_code == 200
    assert SESSION_KEY not in anonymous.session


def test_logging_in_goes_to_the_dashboard(anonymous):
    response = anonymous.post("/accounts/login/", {"username": "congan", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert anonymous.session[SESSION_KEY] == str(user("congan").pk)
    assert anonymous.get("/").status_code == 200


def test_logging_in_returns_to_the_page_asked_for(anonymous, police_task):
    path = police_task.get_absolute_url()
    login_url = anonymous.get(path)["Location"]
    form = anonymous.get(login_url)
    assert contains_html(form, f'<input type="hidden" name="next" value="{path}">')
    response = anonymous.post(login_url, {"username": "congan", "password": PASSWORD, "next": path})
    assert response["Location"] == path


def test_logging_in_never_sends_users_to_another_site(anonymous):
    response = anonymous.post(
        "/accounts/login/", {"username": "congan", "password": PASSWORD, "next": "https://example.invalid/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_login_form_carries_a_csrf_token(seeded):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/accounts/login/", {"username": "congan", "password": PASSWORD}).status_code == 403
    page = client.get("/accounts/login/")
    token = page.context["csrf_token"]
    assert f'name="csrfmiddlewaretoken" value="{token}"' in page.content.decode()
    response = client.post(
        "/accounts/login/", {"username": "congan", "password": PASSWORD, "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 302


def test_logout_is_a_post(congan):
    html = congan.get("/").content.decode()
    assert [f.get("method") for f in find_all(html, '//form[@action="/accounts/logout/"]')] == ["post"]
    assert congan.get("/accounts/logout/").status_code == 405  # a link or a prefetch cannot log anyone out
    assert congan.get("/").status_code == 200
    response = congan.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert SESSION_KEY not in congan.session
    assert congan.get("/").status_code == 302


@pytest.mark.parametrize("persona", ["chqs", "congan", "lanhdao"])
def test_the_menu_shows_who_is_logged_in(request, persona):
    html = request.getfixturevalue(persona).get("/").content.decode()
    expected = {
        "chqs": "Trần Văn Chỉ Huy · Ban CHQS thành phố",
        "congan": "Lê Thị Công An · Công an thành phố",
        "lanhdao": "Nguyễn Văn Lãnh Đạo</span>",
    }[persona]
    assert expected in html


LOCKED = "Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút."


def attempt(client, password, username="congan", **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def fail_five_times(client, username="congan", **extra):
    for _ in range(4):
        response = attempt(client, "sai-mat-khau", username, **extra)
        assert response.status_code == 200  # a wrong password, said politely, not yet a lockout
        assert "Đăng nhập sai quá nhiều lần" not in response.content.decode()
    response = attempt(client, "sai-mat-khau", username, **extra)
    assert response.status_code == 429  # the fifth locks the pair out at once
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


def test_five_wrong_passwords_lock_the_username_out_even_with_the_right_one(anonymous):
    fail_five_times(anonymous)
    response = attempt(anonymous, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert document(html).tag == "html" and document(html).get("lang") == "vi"
    assert SESSION_KEY not in anonymous.session
    assert anonymous.get("/").status_code == 302


def test_the_admin_login_is_locked_out_too(anonymous):
    fail_five_times(anonymous, "admin")
    response = anonymous.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_the_lockout_ends_after_the_cool_off(anonymous):
    fail_five_times(anonymous)
    assert attempt(anonymous, PASSWORD).status_code == 429
    # Trying during the lockout does not start the 15 minutes over; once they have passed, the right password works.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=15, seconds=1))
    response = attempt(anonymous, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert anonymous.session[SESSION_KEY] == str(user("congan").pk)


def test_a_shorter_cool_off_is_a_setting(anonymous, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=1)
    fail_five_times(anonymous)
    response = attempt(anonymous, PASSWORD)
    assert "Đăng nhập sai quá nhiều lần; hãy thử lại sau 1 phút." in response.content.decode()
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=1, seconds=1))
    assert attempt(anonymous, PASSWORD).status_code == 302


def test_a_right_password_clears_the_count(anonymous):
    for _ in range(4):
        attempt(anonymous, "sai-mat-khau")
    assert attempt(anonymous, PASSWORD).status_code == 302
    anonymous.post("/accounts/logout/")
    for _ in range(4):
        attempt(anonymous, "sai-mat-khau")
    assert attempt(anonymous, PASSWORD).status_code == 302


def test_the_lockout_is_per_username_and_address(anonymous):
    fail_five_times(anonymous)
    assert attempt(Client(), PASSWORD, "yte").status_code == 302  # another officer at the same office
    assert attempt(Client(REMOTE_ADDR="10.1.2.3"), PASSWORD).status_code == 302  # the same officer elsewhere
    assert attempt(Client(), PASSWORD).status_code == 429


def test_behind_the_proxy_the_address_is_the_one_nginx_saw(anonymous, settings):
    # deploy/nginx.conf.example sets X-Real-IP; gunicorn itself sees every request come from 127.0.0.1.
    settings.AXES_CLIENT_IP_CALLABLE = "ptds.views.client_address"
    fail_five_times(anonymous, HTTP_X_REAL_IP="203.0.113.7")
    assert attempt(Client(), PASSWORD, HTTP_X_REAL_IP="203.0.113.7").status_code == 429
    assert attempt(Client(), PASSWORD, HTTP_X_REAL_IP="203.0.113.8").status_code == 302


def test_force_login_in_tests_is_not_throttled(anonymous):
    fail_five_times(anonymous)
    client = Client()
    client.force_login(user("congan"))  # what the other view tests do: no password, no lockout check
    assert client.get("/").status_code == 200


def test_a_username_longer_than_any_account_gets_a_message_not_a_record(anonymous):
    # Longer than the 255 letters of axes' attempt records: PostgreSQL refused to store it, a 500 (hypothesis).
    response = anonymous.post("/accounts/login/", {"username": "0" * 300, "password": PASSWORD})
    assert response.status_code == 200 and "username" in response.context["form"].errors
    assert "Tên đăng nhập hoặc mật khẩu không đúng. Xin nhập lại." in response.content.decode()
    assert not AccessAttempt.objects.exists()
