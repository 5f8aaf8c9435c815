"""Uploads waiting for review expire after PTDS_DRAFT_HOURS: their pages answer 404 with why, clean_drafts deletes."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tasks.documents import read_programme_file
from tasks.models import ImportDraft
from tests.conftest import BAC_GIANG_SEED

from .conftest import user

HOURS = 48


@pytest.fixture(autouse=True)
def _draft_hours(settings):
    settings.PTDS_DRAFT_HOURS = HOURS


def draft(username, hours_ago, kind=ImportDraft.Kind.PROGRAMME, file_name="ke-hoach.json"):
    if kind == ImportDraft.Kind.PROGRAMME:
        document = read_programme_file(BAC_GIANG_SEED.read_bytes(), "kh.txt").to_dict()
        document["number"] = "77/KH-KHCN"
    else:
        document = {"rows": []}
    made = ImportDraft.objects.create(uploaded_by=user(username), file_name=file_name, kind=kind, document=document)
    ImportDraft.objects.filter(pk=made.pk).update(created_at=timezone.now() - datetime.timedelta(hours=hours_ago))
    return made


def expired_page(response, file_name):
    assert response.status_code == 404
    html = response.content.decode()
    assert 'id="draft-expired"' in html and file_name in html and f"quá {HOURS} giờ" in html
    return html


def test_an_expired_import_draft_answers_404_saying_why(chqs):
    fresh, old = draft("chqs", HOURS - 1), draft("chqs", HOURS + 1, file_name="cu.json")
    assert chqs.get(reverse("tasks:import_review", args=[fresh.pk])).status_code == 200
    review = reverse("tasks:import_review", args=[old.pk])
    assert reverse("tasks:import") in expired_page(chqs.get(review), "cu.json")  # upload it again
    expired_page(chqs.post(review, {"confirm": "1"}), "cu.json")
    for name in ("tasks:import_header", "tasks:import_agencies"):
        expired_page(chqs.post(reverse(name, args=[old.pk]), {"number": "1/KH"}), "cu.json")
    assert ImportDraft.objects.get(pk=old.pk).document == old.document  # unchanged (jsonb orders keys its own way)


def test_another_user_s_expired_draft_is_a_plain_404(admin, seeded):
    old = draft("chqs", HOURS + 1, file_name="bi-mat.json")
    response = admin.get(reverse("tasks:import_review", args=[old.pk]))
    assert response.status_code == 404 and "bi-mat.json" not in response.content.decode()


def test_an_expired_offline_draft_answers_404_saying_why(congan):
    old = draft("congan", HOURS + 1, kind=ImportDraft.Kind.PROGRESS, file_name="bao-cao.xlsx")
    url = reverse("tasks:my_upload_review", args=[old.pk])
    assert reverse("tasks:my_upload") in expired_page(congan.get(url), "bao-cao.xlsx")
    expired_page(congan.post(url, {}), "bao-cao.xlsx")
    fresh = draft("congan", 1, kind=ImportDraft.Kind.PROGRESS)
    assert congan.get(reverse("tasks:my_upload_review", args=[fresh.pk])).status_code == 200


def test_clean_drafts_deletes_the_expired_ones_only(seeded):
    kept = draft("chqs", HOURS - 1)
    old = [draft("chqs", HOURS + 1), draft("congan", HOURS * 3, kind=ImportDraft.Kind.PROGRESS, file_name="b.xlsx")]
    out = StringIO()
    call_command("clean_drafts", "--dry-run", stdout=out)
    assert "Sẽ xoá 2 bản nhập quá 48 giờ" in out.getvalue() and "b.xlsx" in out.getvalue()
    assert ImportDraft.objects.count() == 3
    out = StringIO()
    call_command("clean_drafts", stdout=out)
    assert "Đã xoá 2 bản nhập quá 48 giờ" in out.getvalue()
    assert list(ImportDraft.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not ImportDraft.objects.filter(pk__in=[d.pk for d in old]).exists()
    out = StringIO()
    call_command("clean_drafts", stdout=out)
    assert "Đã xoá 0 bản nhập" in out.getvalue()
