"""Shared ground for the form tests: real personas posting through the test client, and snapshots
proving that a refused form changed nothing, neither in the database nor under MEDIA_ROOT."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tasks.models import Assignment, Evidence, ProgressReport, Task
from tests.html import find_all

CITY = "04/CTr-UBND"
PASSWORD = "ptds-demo"

POLICE = "Công an thành phố Thái Nguyên"
HEALTH = "Phòng Y tế thành phố Thái Nguyên"
COMMAND = "Ban Chỉ huy quân sự thành phố Thái Nguyên"

CSRF_PAGE = "thiếu mã bảo vệ CSRF"
STALE = "vừa được người khác cập nhật"
RELOAD = "Tải lại trang"

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(16) + b"\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program cannot be run in DOS mode." * 4


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    """Uploads land in tmp_path; the upload limit is the default 20 MB."""
    settings.MEDIA_ROOT = tmp_path
    settings.PTDS_MAX_UPLOAD_MB = 20
    return settings


@pytest.fixture
def login(seeded):
    """login("congan") -> a test client signed in with the demo password, as a person would."""

    def sign_in(username, *, enforce_csrf_checks=False):
        client = Client(enforce_csrf_checks=enforce_csrf_checks)
        token = client.get(reverse("login")).context["csrf_token"]
        credentials = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": str(token)}
        assert client.post(reverse("login"), credentials).status_code == 302, username  # the form, past django-axes
        return client

    return sign_in


def city_task(numeral, number):
    return Task.objects.get(section__programme__number=CITY, section__numeral=numeral, number=number)


@pytest.fixture
def v5(seeded):
    """V.5: lead Công an thành phố; Y tế supports only through «Các phòng, ban, cơ quan, đơn vị, địa phương»."""
    return city_task("V", "5")


@pytest.fixture
def viii2(seeded):
    """VIII.2: «Thường xuyên», lead Ban CHQS and Công an thành phố."""
    return city_task("VIII", "2")


def progress_url(task):
    return reverse("tasks:progress", args=[task.pk])


def assign_url(task):
    return reverse("tasks:assign", args=[task.pk])


def detail_url(task):
    return reverse("tasks:detail", args=[task.pk])


def open_form(client, url):
    """GET the form as the browser does; its hidden fields (version, CSRF token) by name."""
    response = client.get(url)
    assert response.status_code == 200
    return {i.get("name"): i.get("value", "") for i in find_all(response, '//input[@type="hidden"][@name]')}


def page(response):
    return response.content.decode()


def media_files():
    """Every file under MEDIA_ROOT, relative to it."""
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def office_zip(*parts):
    """A minimal Office Open XML package holding the given parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        for part in parts:
            archive.writestr(part, b"\x00\x01 binary macros" if part.endswith(".bin") else "<?xml version='1.0'?><x/>")
    return buffer.getvalue()


def snapshot(task):
    """What a refused form must leave alone: the task's fields and version, its assignments,
    every report, evidence, audit record, and the files under MEDIA_ROOT."""
    task = Task.objects.get(pk=task.pk)
    return {
        "task": {f.attname: getattr(task, f.attname) for f in Task._meta.concrete_fields},
        "assignments": list(task.assignments.order_by("role", "position").values_list("role", "agency_id", "position")),
        "all_assignments": Assignment.objects.count(),
        "reports": list(ProgressReport.objects.values_list("pk", "status", "percent", "acceptance", "decided_at")),
        "evidence": Evidence.objects.count(),
        "history": (
            Task.history.count(),
            Assignment.history.count(),
            ProgressReport.history.count(),
        ),
        "media": media_files(),
    }


def assert_refused(response, message, field=None):
    """A 400 page that shows the Vietnamese message (on `field` when given)."""
    assert response.status_code == 400
    assert message in page(response)
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in error for error in errors), form.errors
