"""The review page of /import/ lets command staff complete or correct the document's header before saving: number,
date, kind, title, issuer, signer, coordinating agency (the parent programme has its own choice)."""

import datetime

from django.urls import reverse

from agencies.models import Agency
from tasks.models import ImportDraft, Programme, Task
from tests.documents.test_office_import import build_xlsx
from tests.views.conftest import confirm
from tests.views.test_import import new_plan_lines, upload


def header_post(client, draft, **changes):
    data = {f"header-{key}": value for key, value in draft_header(draft).items()}
    data.update({f"header-{key}": value for key, value in changes.items()})
    return client.post(reverse("tasks:import_header", args=[draft.pk]), data)


def draft_header(draft):
    document = draft.document
    return {
        "number": document["number"],
        "kind": document["kind"],
        "title": document["title"],
        "issuer": document["issuer"],
        "place": document["place"],
        "issued_on": document["issued_on"] or "",
        "year": document["year"],
        "signer_title": document["signer"]["title"],
        "signer_name": document["signer"]["name"],
        "coordinating_agency": document["coordinating_agency"],
    }


def uploaded(chqs):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    return ImportDraft.objects.get()


def test_the_header_as_read_is_shown_for_correction(chqs):
    draft = uploaded(chqs)
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    form = review.context["header_form"]
    assert form["number"].initial == "15/KH-KHCN"
    assert form["year"].initial == draft.document["year"]
    assert form.missing == []
    assert 'id="header"' in review.content.decode()


def test_a_corrected_header_is_what_is_saved(chqs):
    draft = uploaded(chqs)
    agency = Agency.objects.exclude(kind=Agency.Kind.GROUP).order_by("name").first()
    response = header_post(
        chqs, draft, number="16 / KH-KHCN", issued_on="2024-03-05", year=2024, coordinating_agency=agency.name
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.document["number"] == "16/KH-KHCN"  # stored without spaces
    confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new"})
    programme = Programme.objects.get(number="16/KH-KHCN")
    assert programme.issued_on == datetime.date(2024, 3, 5)
    assert programme.coordinating_agency == agency
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()


def test_a_wrong_header_is_refused_with_its_reason_and_changes_nothing(chqs):
    draft = uploaded(chqs)
    before = dict(draft.document)
    group = Agency.objects.filter(kind=Agency.Kind.GROUP).first()
    for changes, reason in [
        ({"number": "  "}, "Cần ghi số, ký hiệu"),
        ({"issued_on": "2024-03-05", "year": 2023}, "Năm ban hành phải là năm của ngày ban hành (2024)"),
        ({"year": "99999"}, "Năm ban hành"),
        ({"coordinating_agency": group.name if group else "Không có cơ quan này"}, "Cơ quan thường trực"),
        ({"issued_on": "2024-02-30"}, "Ngày ban hành"),
    ]:
        response = header_post(chqs, draft, **changes)
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.document == before, changes
        page = chqs.get(reverse("tasks:import_review", args=[draft.pk])).content.decode()
        assert reason in page and "Chưa lưu gì." in page


def test_a_header_without_a_number_must_be_completed_before_saving(chqs):
    draft = uploaded(chqs)
    stored = Programme.objects.count()
    draft.document = {**draft.document, "number": ""}  # as a bare Excel appendix reads
    draft.save()
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    assert [str(label) for label in review.context["header_form"].missing] == ["Số, ký hiệu"]
    refused = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new"})
    assert refused.status_code == 400
    assert "Văn bản chưa có số, ký hiệu" in refused.content.decode()
    assert Programme.objects.count() == stored


def test_only_the_uploader_corrects_the_draft(chqs, admin, congan):
    draft = uploaded(chqs)
    assert header_post(admin, draft, number="99/KH").status_code == 404
    assert header_post(congan, draft, number="99/KH").status_code == 403
    assert chqs.get(reverse("tasks:import_header", args=[draft.pk])).status_code == 405
    draft.refresh_from_db()
    assert draft.document["number"] == "15/KH-KHCN"


def test_an_appendix_sent_alone_asks_for_its_number_and_date_then_saves(chqs):
    """Issue 12: a bare Excel appendix (no number, place or date) imports to the review page, which opens the
    header with what is missing, saves nothing until the number is given, then saves as corrected."""
    lines = new_plan_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    end = next(i for i, line in enumerate(lines) if line.startswith("III."))
    bare = ["PHỤ LỤC", "(Kèm theo Kế hoạch của Sở Khoa học và Công nghệ năm 2024)", *lines[start:end]]
    assert upload(chqs, build_xlsx(bare), "phu-luc.xlsx").status_code == 302
    draft = ImportDraft.objects.get()
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    form = review.context["header_form"]
    assert [str(label) for label in form.missing][:3] == ["Số, ký hiệu", "Địa danh", "Ngày ban hành"]
    assert [str(label) for label in form.blocking] == ["Số, ký hiệu"]
    stored = Programme.objects.count()
    refused = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new"})
    assert refused.status_code == 400 and Programme.objects.count() == stored

    header_post(chqs, draft, number="20/KH-KHCN", place="Bắc Giang", issued_on="2024-03-12", year=2024)
    draft.refresh_from_db()
    assert draft.document["missing"] == []
    saved = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new"})
    assert saved.status_code == 302
    programme = Programme.objects.get(number="20/KH-KHCN")
    assert programme.issued_on == datetime.date(2024, 3, 12)
    assert Task.objects.filter(section__programme=programme).count() == 5


def test_choosing_another_agency_to_follow_warns_that_the_tasks_will_not_be_seen(chqs):
    draft = uploaded(chqs)
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    assert review.context["header_form"]["coordinating_agency"].initial == "Ban Chỉ huy quân sự thành phố Thái Nguyên"
    assert 'id="hidden-after-save"' not in review.content.decode()
    other = Agency.objects.get(name="Văn phòng Sở Khoa học và Công nghệ tỉnh Bắc Giang")
    assert header_post(chqs, draft, coordinating_agency=other.name).status_code == 302
    html = chqs.get(reverse("tasks:import_review", args=[draft.pk])).content.decode()
    assert f"Chương trình sẽ do {other.name} theo dõi" in html
