"""Every file path of the portal through a second storage backend, Django's InMemoryStorage, beside the local folder:
evidence saved and downloaded, a report made by the worker, downloaded and pruned. Nothing may assume the local disk
(no .path(), no MEDIA_ROOT joins), or web and worker processes on several machines could not share files."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reports.models import ProducedReport
from tasks.models import Evidence

from .conftest import PDF, media_files, upload
from .test_evidence import post_report

BACKENDS = {
    "local": "django.core.files.storage.FileSystemStorage",
    "memory": "django.core.files.storage.InMemoryStorage",
}


@pytest.fixture(params=list(BACKENDS))
def storage(request, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": BACKENDS[request.param]}}
    return request.param


def test_evidence_and_reports_go_through_the_configured_storage(storage, login, v5, run_jobs):
    officer = login("congan")
    assert post_report(officer, v5, upload("Biên bản.pdf", PDF)).status_code == 302
    kept = Evidence.objects.get()
    assert default_storage.exists(kept.file.name)
    download = officer.get(reverse("tasks:evidence", args=[v5.pk, kept.pk]))
    assert b"".join(download.streaming_content) == PDF

    leader = login("lanhdao")
    choice = {"programme": v5.section.programme.pk, "period": "2025-Q4", "cutoff_rule": "calendar", "format": "pdf"}
    assert leader.post(reverse("reports:produce"), choice).status_code == 302
    run_jobs()
    report = ProducedReport.objects.get()
    assert report.state == "done" and default_storage.exists(report.file.name)
    body = b"".join(leader.get(reverse("reports:download", args=[report.pk])).streaming_content)
    assert "BÁO CÁO" in PdfReader(io.BytesIO(body)).pages[0].extract_text()

    ProducedReport.objects.update(created_at=timezone.now().replace(year=2000))
    name = report.file.name
    call_command("prune_reports", verbosity=0)
    assert not default_storage.exists(name)
    assert media_files() == ([] if storage == "memory" else [kept.file.name])  # nothing on disk but what is stored
