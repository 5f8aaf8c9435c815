"""/import/ never answers 500: what the database could not hold is refused at upload (or at confirmation), named."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.documents import read_programme_file
from tasks.models import ImportDraft, Programme
from tests.conftest import BAC_GIANG_SEED, CITY_SEED, run_queued_jobs
from tests.html import by_id, text

from .conftest import confirm, refusal_of, user

UPLOAD = reverse("tasks:import")


def new_plan():
    """The city programme under a number not stored yet, as its JSON form."""
    doc = read_programme_file(CITY_SEED.read_bytes(), "04.txt").to_dict()
    doc["number"] = "99/CTr-UBND"
    return doc


def upload(client, data, name="ct.json"):
    """Upload as a person would, and let the worker read the file (the page then shows what it read)."""
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})
    run_queued_jobs()
    return response


def refused(client, response):
    programmes = Programme.objects.count()
    message = refusal_of(client, response)
    assert Programme.objects.count() == programmes
    return message


def test_a_date_line_without_a_month_is_read_with_its_year(chqs):
    text = BAC_GIANG_SEED.read_text(encoding="utf-8").replace("ngày tháng 3 năm 2024", "ngày năm 2024")
    text = text.replace("Số: /KH-KHCN", "Số: 77/KH-KHCN")  # a new plan, not the stored one
    response = upload(chqs, text.encode(), "kh.txt")
    assert response.status_code == 302
    page = chqs.get(response["Location"])
    assert page.status_code == 200
    doc = page.context["doc"]
    assert (doc.issued_on, doc.issued_on_as_written, doc.year) == (None, "ngày năm 2024", 2024)


def test_a_lone_surrogate_is_refused_at_upload(chqs):
    doc = new_plan()
    doc["sections"][1]["tasks"][0]["content"] = "Rà soát \ud800 văn bản"
    message = refused(chqs, upload(chqs, json.dumps(doc).encode()))  # ensure_ascii: the JSON says "\ud800"
    assert "«sections[1].tasks[0].content» có ký tự không hợp lệ (U+D800 ở vị trí 9)" in message


def test_a_section_numeral_twice_is_refused_naming_it(chqs):
    doc = new_plan()
    doc["sections"][2]["numeral"] = doc["sections"][0]["numeral"]
    assert "Số mục trùng nhau: «I»" in refused(chqs, upload(chqs, json.dumps(doc).encode()))


def test_a_task_number_twice_is_refused_naming_it(chqs):
    doc = new_plan()
    doc["sections"][0]["tasks"][2]["number"] = "1"
    doc["sections"][0]["tasks"][3]["number"] = "2"
    message = refused(chqs, upload(chqs, json.dumps(doc).encode()))
    assert "Số nhiệm vụ trùng nhau trong mục I: «I.1», «I.2»" in message


@pytest.mark.parametrize("amend", [False, True])
def test_a_draft_kept_from_before_the_check_is_refused_at_confirmation(chqs, amend):
    """A draft stored before uploads were checked: the worker saving it names the duplicates, saves nothing, and its
    review page says so."""
    doc = read_programme_file(CITY_SEED.read_bytes(), "04.txt").to_dict() if amend else new_plan()
    doc["sections"][0]["tasks"][1]["number"] = "1"
    draft = ImportDraft.objects.create(uploaded_by=user("chqs"), file_name="x.json", document=doc)
    page = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    data = {"digest": page.context["amendment"].digest()} if amend else {"confirm": "1"}  # a bound form
    response = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), data)
    assert response.status_code == 200 and response.context["draft"].state == ImportDraft.State.READY
    assert "Số nhiệm vụ trùng nhau trong mục I: «I.1»" in text(by_id(response, "save-refused"))
    assert not Programme.objects.filter(number="99/CTr-UBND").exists()
