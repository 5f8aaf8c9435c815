"""Production settings, as the server runs them: each test starts manage.py or Python in a subprocess with the
environment of a deployment (DJANGO_DEBUG=0, a real secret key, the host name, a database of its own), since
settings are read once at start-up and the test process itself runs with debug's defaults."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import textwrap
import time

import pytest
from django.conf import settings

HOST = "ptds.example.vn"
HSTS = "max-age=31536000; includeSubDomains"  # one year, no preload unless DJANGO_HSTS_PRELOAD is set


def production_env(tmp_path, **overrides):
    """The environment of a deployment: nothing inherited from the caller's DJANGO_*, PTDS_* or DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PTDS_")) and k != "DATABASE_URL"}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def probe(env, code):
    """Runs `code` with Django set up under `env`; returns what it put in `result`, through JSON."""
    script = "import json, django\ndjango.setup()\n" + textwrap.dedent(code) + "\nprint(json.dumps(result))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "ptds.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("behind_proxy", ["0", "1"])
def test_check_deploy_finds_nothing(tmp_path, behind_proxy):
    done = manage(
        production_env(tmp_path, DJANGO_BEHIND_PROXY=behind_proxy), "check", "--deploy", "--fail-level", "WARNING"
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output
    assert "System check identified no issues" in output


def test_check_deploy_would_see_a_weak_setting(tmp_path):
    # The same check fails the moment a production setting is weakened, so its silence above means something.
    done = manage(production_env(tmp_path, DJANGO_HSTS_SECONDS="0"), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    assert "security.W004" in done.stdout + done.stderr


@pytest.mark.parametrize(
    "missing, message",
    [
        ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."),
        ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off"),
    ],
)
def test_production_refuses_to_start_without(tmp_path, missing, message):
    done = manage(production_env(tmp_path, **{missing: None}), "check")
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and message in done.stderr


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """A deployment's database migrated and its static files collected, as the README's upgrade steps do."""
    tmp_path = tmp_path_factory.mktemp("deployed")
    env = production_env(tmp_path)
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        done = manage(env, *args)
        assert done.returncode == 0, done.stdout + done.stderr
    return env, tmp_path


def test_collectstatic_builds_the_manifest_with_bootstrap(deployed):
    env, tmp_path = deployed
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    for name in [
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "css/ptds.css",
        "js/ptds.js",
        "admin/css/base.css",
    ]:
        assert name in manifest
        hashed = tmp_path / "static" / manifest[name]
        assert hashed.exists() and hashed.name != name.rsplit("/", 1)[-1]  # a name that changes with the content
        assert hashed.with_name(hashed.name + ".gz").exists()  # WhiteNoise serves it compressed


PAGES = """
from django.test import Client
from django.contrib.auth import get_user_model
from django.utils import timezone

def described(response):
    return {"status": response.status_code, "headers": dict(response.headers),
            "cookies": {name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]), "max-age": c["max-age"]}
                        for name, c in response.cookies.items()}}

get_user_model().objects.filter(username="chqs").delete()
get_user_model().objects.create_user("chqs", password="mat-khau-dai-va-kho-doan")
client = Client(HTTP_HOST="ptds.example.vn")
result = {"plain": described(client.get("/accounts/login/")),
          "https": described(client.get("/accounts/login/", secure=True)),
          "proxied": described(client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")),
          "other_host": described(Client(HTTP_HOST="evil.example").get("/accounts/login/", secure=True))}
login = client.post("/accounts/login/", {"username": "chqs", "password": "mat-khau-dai-va-kho-doan"}, secure=True)
result["login"] = described(login)
result["session_seconds"] = round((client.session.get_expiry_date() - timezone.now()).total_seconds())
page = client.get("/", secure=True)
result["dashboard"] = described(page)
css = page.content.decode().split('<link rel="stylesheet" href="')[1].split('"')[0]
result["css"] = css
result["css_response"] = described(client.get(css, secure=True))
"""


def test_pages_under_production_settings(deployed):
    env, _tmp_path = deployed
    pages = probe(env, PAGES)
    assert pages["plain"]["status"] == 301  # HTTP is sent to HTTPS
    assert pages["plain"]["headers"]["Location"] == "https://ptds.example.vn/accounts/login/"
    assert pages["proxied"]["status"] == 301  # X-Forwarded-Proto is trusted only behind the proxy (see below)
    assert pages["other_host"]["status"] == 400

    https = pages["https"]
    assert https["status"] == 200
    headers = https["headers"]
    assert headers["Strict-Transport-Security"] == HSTS
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert https["cookies"]["csrftoken"]["secure"]

    assert pages["login"]["status"] == 302
    session = pages["login"]["cookies"]["sessionid"]
    assert session == {"secure": True, "httponly": True, "max-age": ""}  # gone when the browser closes
    assert 9 * 3600 - 60 <= pages["session_seconds"] <= 9 * 3600  # and at the latest after a working day

    assert pages["dashboard"]["status"] == 200
    assert pages["dashboard"]["headers"]["Content-Security-Policy"] == policy
    assert pages["css"].startswith("/static/vendor/bootstrap/css/bootstrap.min.")  # the hashed name
    assert pages["css_response"]["status"] == 200  # served by WhiteNoise from STATIC_ROOT, cached for good
    assert "immutable" in pages["css_response"]["headers"]["Cache-Control"]
    assert "no-store" not in pages["css_response"]["headers"]["Cache-Control"]  # static files keep their caching
    assert "no-store" in pages["dashboard"]["headers"]["Cache-Control"]  # pages do not stay in the browser


def test_behind_the_proxy_the_forwarded_scheme_counts(deployed):
    env, tmp_path = deployed
    env = {**env, "DJANGO_BEHIND_PROXY": "1", "DJANGO_SESSION_HOURS": "4"}
    pages = probe(env, PAGES)
    assert pages["proxied"]["status"] == 200
    assert pages["proxied"]["headers"]["Strict-Transport-Security"] == HSTS
    assert pages["plain"]["status"] == 301
    assert 4 * 3600 - 60 <= pages["session_seconds"] <= 4 * 3600


SECURITY_SETTINGS = """
from django.conf import settings as s
result = [s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.ALLOWED_HOSTS,
          s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["default-src"]]
"""


def test_debug_stays_free_of_https_rules(tmp_path):
    # Local use (make run) must keep working over plain HTTP; only the Content Security Policy applies there too.
    env = production_env(tmp_path, DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS=None, DJANGO_SECRET_KEY=None)
    found = probe(env, SECURITY_SETTINGS)
    assert found == [False, False, False, 0, ["127.0.0.1", "localhost", "[::1]"], ["'self'"]]


def free_port():
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


def test_gunicorn_serves_the_portal_with_the_deploy_config(deployed):
    env, tmp_path = deployed
    port = free_port()
    env = {**env, "DJANGO_BEHIND_PROXY": "1", "GUNICORN_BIND": f"127.0.0.1:{port}"}
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "ptds.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Real-IP": "203.0.113.9"}
        deadline = time.monotonic() + 30
        while True:  # until the workers have booted, for 30 s at most
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/healthz", headers=headers)
                response = connection.getresponse()
                break
            except ConnectionError:
                assert time.monotonic() < deadline and server.poll() is None, log.read_text()
                time.sleep(0.2)
        assert response.status == 200 and json.loads(response.read()) == {"status": "ok"}
        assert response.getheader("Strict-Transport-Security") == HSTS
        connection.request("GET", "/accounts/login/", headers=headers)
        login_page = connection.getresponse()
        assert login_page.status == 200 and "Đăng nhập" in login_page.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    logged = log.read_text()
    assert "Booting worker" in logged and logged.count("Booting worker") == 2  # GUNICORN_WORKERS' default
    assert "203.0.113.9 - - [" in logged and '"GET /healthz HTTP/1.1" 200' in logged  # the access log, nginx's address
