"""A scanned plan (pages that are pictures only) uploaded on /import/ is read by OCR (Tesseract, Vietnamese) and only
shown for review, with a warning to check every cell; without OCR on the machine it gets the scanned PDF's message.
The scan is made here: a one-page plan printed by WeasyPrint, rasterised (tests/documents/builders.py, scan_of)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.models import ImportDraft, Programme
from tests.conftest import BAC_GIANG_SEED
from tests.documents.builders import scan_of
from tests.documents.test_pdf_import import build_pdf

UPLOAD = reverse("tasks:import")


def short_plan():
    """The Bắc Giang plan under a new number, cut to one page: its header, its table without task I.1, its signer."""
    lines = BAC_GIANG_SEED.read_text(encoding="utf-8").replace("Số: /KH-KHCN", "Số: 77/KH-KHCN").splitlines()
    table = [line for line in lines if "\t" in line and not line.startswith(("1\tRà soát các", "\t20/10"))]
    signer = lines[lines.index("Nơi nhận:") :]
    return lines[:10] + table + [""] + signer


@pytest.fixture(scope="module")
def scan():
    return scan_of(build_pdf(short_plan()))


def test_a_scanned_plan_is_read_by_ocr_and_only_shown_for_review(chqs, scan):
    programmes = Programme.objects.count()
    response = chqs.post(UPLOAD, {"file": SimpleUploadedFile("ke-hoach-quet.pdf", scan)})
    assert response.status_code == 302
    page = chqs.get(response["Location"])
    assert "đọc từ bản quét bằng nhận dạng chữ (OCR)" in page.content.decode()
    doc = page.context["doc"]
    assert doc.read_by_ocr and ImportDraft.objects.get().document["read_by_ocr"] is True
    assert Programme.objects.count() == programmes  # nothing saved before the review is confirmed
    assert (doc.number, doc.kind) == ("77/KH-KHCN", "Kế hoạch")
    rows = [line.split("\t") for line in short_plan() if "\t" in line][1:]
    expected = [(row[0], row[2]) for row in rows if row[0].isdigit()]
    assert [(t.number, t.lead_as_written) for t in doc.tasks] == expected
    assert [s.numeral for s in doc.sections] == ["I", "II"]


def test_without_ocr_a_scan_gets_the_scanned_pdf_message(chqs, scan, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no tesseract, no pdftoppm: as on a machine without them
    response = chqs.post(UPLOAD, {"file": SimpleUploadedFile("ke-hoach-quet.pdf", scan)})
    assert response.status_code == 400
    assert "Tệp PDF chỉ có ảnh quét, chưa có lớp chữ" in " ".join(response.context["form"].errors["file"])
    assert not ImportDraft.objects.exists()
