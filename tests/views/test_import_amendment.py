"""/import/ with a new version of the city programme: the diff, and an update that keeps the work reported."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tasks.documents import read_programme_file
from tasks.documents.data import TaskDoc
from tasks.models import Evidence, ImportDraft, ProgressReport, Task
from tasks.status import Progress
from tests.conftest import BAC_GIANG_SEED, CITY_SEED, run_queued_jobs
from tests.html import by_id, contains_html, text
from tests.views.conftest import BAC_GIANG, CITY, confirm, evidence, report, task, user

UPLOAD = reverse("tasks:import")
NEW_DELIVERABLE = "Quyết định của Chủ tịch UBND thành phố ban hành kèm Quy chế"
NEW_TASK = "Xây dựng cơ sở dữ liệu về phòng thủ dân sự của thành phố."


def amended_city():
    """The city programme as an amendment would re-issue it.

    I.1 gets a new deliverable; I.2 is dropped, so I.3–I.6 move up one number; a new I.6 is added at the end;
    II.2 is dropped.
    """
    doc = read_programme_file(CITY_SEED.read_bytes(), "04.txt")
    first, second = doc.sections[0], doc.sections[1]
    first.tasks[0].deliverable = NEW_DELIVERABLE
    del first.tasks[1]
    for number, row in enumerate(first.tasks, 1):
        row.number = str(number)
    first.tasks.append(
        TaskDoc(number="6", content=NEW_TASK, lead_as_written="Ban CHQS thành phố", timeframe_as_written=["Năm 2026"])
    )
    del second.tasks[1]
    return json.dumps(doc.to_dict(), ensure_ascii=False).encode()


@pytest.fixture
def worked_on(seeded):
    """Work reported on the tasks the amendment keeps, moves and drops, and an override Ban CHQS set."""
    kept, moved, dropped = task(CITY, "I", "1"), task(CITY, "I", "3"), task(CITY, "I", "2")
    kept.due_override, kept.due_override_reason = datetime.date(2025, 6, 30), "Lùi hạn theo chỉ đạo"
    kept.save()
    kept_report = report(kept, status=Progress.IN_PROGRESS, percent=60)
    evidence(kept_report)
    report(moved, status=Progress.IN_PROGRESS, percent=30)
    report(dropped, status=Progress.IN_PROGRESS, percent=10)
    return {"kept": kept, "moved": moved, "dropped": dropped, "untouched": task(CITY, "II", "2")}


def review(client):
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("04-sua-doi.json", amended_city())})
    assert response.status_code == 302, response.content.decode()[:2000]
    run_queued_jobs()  # the worker reads the file
    return client.get(response["Location"]), ImportDraft.objects.get().pk


def confirm_changes(client, pk, digest):
    return confirm(client, reverse("tasks:import_review", args=[pk]), {"digest": digest})


def test_the_review_shows_the_changes_cell_by_cell_and_saves_nothing(chqs, worked_on):
    page, _pk = review(chqs)
    amendment = page.context["amendment"]
    assert page.status_code == 200
    deliverable = next(c for c in amendment.changed if c.task == worked_on["kept"]).cells
    assert [(c.label, c.before, c.after) for c in deliverable] == [
        ("Sản phẩm", "Quyết định của Chủ tịch UBND thành phố", NEW_DELIVERABLE)
    ]
    html = page.content.decode()
    assert contains_html(html, "<del>Quyết định của Chủ tịch UBND thành phố</del>")
    assert contains_html(html, f"<ins>{NEW_DELIVERABLE}</ins>")
    moved = next(c for c in amendment.kept if c.task == worked_on["moved"])
    assert [(c.label, c.before, c.after) for c in moved.cells] == [("TT", "3", "2")]
    assert [doc.content for _numeral, doc in amendment.added] == [NEW_TASK]
    assert {t.pk for t in amendment.removed} == {worked_on["dropped"].pk, worked_on["untouched"].pk}
    assert amendment.archived == [worked_on["dropped"]]
    assert "Lưu trữ: đã có báo cáo tiến độ" in html and "Xoá: chưa có báo cáo" in html
    assert (
        Task.objects.get(pk=worked_on["kept"].pk).deliverable == "Quyết định của Chủ tịch UBND thành phố"
    )  # nothing saved yet


def test_confirming_keeps_progress_history_evidence_and_overrides(chqs, worked_on):
    page, pk = review(chqs)
    reports_before = ProgressReport.objects.count()
    response = confirm_changes(chqs, pk, page.context["amendment"].digest())
    assert response.status_code == 302
    told = [str(message) for message in chqs.get(response["Location"]).context["messages"]]
    assert told == [
        f"Đã cập nhật {worked_on['kept'].section.programme} theo văn bản sửa đổi, bổ sung: 1 nhiệm vụ thêm, 5 sửa, "
        "2 bỏ (1 được lưu trữ vì đã có báo cáo); 0 cơ quan mới cần rà soát."
    ]

    kept = Task.objects.get(pk=worked_on["kept"].pk)
    assert kept.deliverable == NEW_DELIVERABLE
    assert kept.due_override == datetime.date(2025, 6, 30)  # Ban CHQS's decision survives the new text
    assert kept.version == worked_on["kept"].version + 1
    assert kept.progress_reports.get().percent == 60
    assert Evidence.objects.filter(report__task=kept).count() == 1
    assert kept.history.first().history_change_reason.startswith("Sửa đổi, bổ sung theo tệp 04-sua-doi.json")

    moved = Task.objects.get(pk=worked_on["moved"].pk)
    assert (moved.number, moved.progress_reports.get().percent) == ("2", 30)  # progress follows the wording

    dropped = Task.objects.get(pk=worked_on["dropped"].pk)
    assert dropped.archived_at and "04-sua-doi.json" in dropped.archived_reason
    assert not Task.objects.filter(pk=worked_on["untouched"].pk).exists()
    assert ProgressReport.objects.count() == reports_before

    added = Task.objects.current().get(section__programme__number=CITY, section__numeral="I", number="6")
    assert added.content == NEW_TASK and [a.name for a in added.lead_agencies] == [
        "Ban Chỉ huy quân sự thành phố Thái Nguyên"
    ]
    numbers = list(
        Task.objects.current().filter(section__programme__number=CITY, section__numeral="I").values_list("number")
    )
    assert sorted(n for (n,) in numbers) == ["1", "2", "3", "4", "5", "6"]
    assert not ImportDraft.objects.exists()


def test_an_archived_task_leaves_the_lists_but_keeps_its_page(chqs, lanhdao, worked_on):
    page, pk = review(chqs)
    confirm_changes(chqs, pk, page.context["amendment"].digest())
    dropped = worked_on["dropped"]
    assert dropped.pk not in [row.record.pk for row in chqs.get("/tasks/?per_page=200").context["table"].rows]
    detail = lanhdao.get(dropped.get_absolute_url())
    assert detail.status_code == 200 and "Nhiệm vụ đã bị bãi bỏ" in detail.content.decode()
    assert chqs.get(reverse("tasks:progress", args=[dropped.pk])).status_code == 404  # no more work on it


def test_the_same_version_again_changes_nothing(chqs, worked_on):
    page, pk = review(chqs)
    confirm_changes(chqs, pk, page.context["amendment"].digest())
    again, _pk = review(chqs)
    assert again.context["amendment"].is_empty
    assert "không có gì thay đổi" in again.content.decode()


def test_a_programme_changed_since_the_review_is_not_updated(chqs, worked_on):
    page, pk = review(chqs)
    digest = page.context["amendment"].digest()
    meanwhile = Task.objects.get(pk=worked_on["kept"].pk)
    meanwhile.deliverable = "Sửa tay trong lúc chờ"
    meanwhile.save()
    response = confirm_changes(chqs, pk, digest)
    assert response.status_code == 400 and "vừa được thay đổi" in response.content.decode()
    assert Task.objects.get(pk=worked_on["dropped"].pk).archived_at is None
    assert Task.objects.filter(pk=worked_on["untouched"].pk).exists()


def test_a_programme_changed_before_the_worker_saves_is_not_updated(chqs, worked_on):
    page, pk = review(chqs)
    url = reverse("tasks:import_review", args=[pk])
    assert chqs.post(url, {"digest": page.context["amendment"].digest()})["Location"] == url
    meanwhile = Task.objects.get(pk=worked_on["kept"].pk)
    meanwhile.deliverable = "Sửa tay trong lúc chờ"
    meanwhile.save()
    run_queued_jobs()
    again = chqs.get(url)
    assert again.status_code == 200 and "vừa được thay đổi" in text(by_id(again, "save-refused"))
    assert Task.objects.get(pk=worked_on["dropped"].pk).archived_at is None
    assert Task.objects.filter(pk=worked_on["untouched"].pk).exists()
    # The page now shows the changes as they stand; confirming those applies them.
    assert confirm_changes(chqs, pk, again.context["amendment"].digest()).status_code == 302
    assert Task.objects.get(pk=worked_on["dropped"].pk).archived_at is not None


def test_only_the_programmes_command_staff_may_amend_it(admin, congan, worked_on):
    assert congan.post(UPLOAD, {"file": SimpleUploadedFile("x.json", amended_city())}).status_code == 403
    # The superuser may; another command staff's review is not theirs to open.
    page, pk = review(admin)
    assert page.status_code == 200 and page.context["may_amend"]
    chqs = Client()
    chqs.force_login(user("chqs"))
    assert confirm_changes(chqs, pk, page.context["amendment"].digest()).status_code == 404
    assert Task.objects.get(pk=worked_on["dropped"].pk).archived_at is None


def test_confirmation_needs_the_csrf_token(worked_on):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("chqs"))
    draft = ImportDraft.objects.create(
        uploaded_by=user("chqs"), file_name="x.json", document=json.loads(amended_city())
    )
    assert client.post(reverse("tasks:import_review", args=[draft.pk]), {}).status_code == 403
    assert Task.objects.filter(pk=worked_on["untouched"].pk).exists()


def test_another_agency_s_programme_is_named_but_never_shown(chqs, seeded):
    """An upload carrying the Bắc Giang plan's number, issuer and year: no diff, none of its tasks, no reports."""
    stored = task(BAC_GIANG, "I", "1")
    report(stored, status=Progress.IN_PROGRESS)
    doc = read_programme_file(BAC_GIANG_SEED.read_bytes(), "kh.txt")
    for section in doc.sections:
        for row in section.tasks:
            row.content, row.deliverable = f"Nội dung giả {row.number}", "Sản phẩm giả"
    response = chqs.post(UPLOAD, {"file": SimpleUploadedFile("kh.json", json.dumps(doc.to_dict()).encode())})
    run_queued_jobs()
    page = chqs.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 400 and page.context["amendment"] is None and not page.context["may_amend"]
    programme = stored.section.programme
    assert f"{programme} của {programme.issuer} đã có trong hệ thống." in html
    assert f"Chương trình do {programme.coordinating_agency.name} theo dõi" in html
    assert 'id="amendment"' not in html and "Lưu trữ: đã có báo cáo" not in html
    for stored_task in Task.objects.filter(section__programme=stored.section.programme):
        assert stored_task.content[:60] not in html
    assert page.context["parent_form"]["parent"].initial is None  # not the stored programme's parent either
