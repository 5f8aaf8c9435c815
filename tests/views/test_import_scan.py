"""A scanned plan (pages that are pictures only) uploaded on /import/: without OCR on the machine it gets the scanned
PDF's message and nothing is kept. Read by OCR, it is shown for review in a real browser
(tests/browser/test_import_flows.py). The scan is made here: a one-page plan printed by WeasyPrint, rasterised
(tests/documents/builders.py, scan_of)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import BAC_GIANG_SEED, run_queued_jobs
from tests.documents.builders import scan_of
from tests.documents.test_pdf_import import build_pdf
from tests.views.conftest import refusal_of

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


def test_without_ocr_a_scan_gets_the_scanned_pdf_message(chqs, scan, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no tesseract, no pdftoppm: as on a machine without them
    response = chqs.post(UPLOAD, {"file": SimpleUploadedFile("ke-hoach-quet.pdf", scan)})
    run_queued_jobs()  # the worker, without OCR
    assert "Tệp PDF chỉ có ảnh quét, chưa có lớp chữ" in refusal_of(chqs, response)
