"""/import/: upload a Word or Excel programme, review every row and the unknown agencies, save on confirmation."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from agencies.models import Agency, AgencyAlias
from ptds import jobs
from tasks.documents.data import ProgrammeDoc
from tasks.documents.store import save_programme
from tasks.forms.imports import NEW_AGENCY, AgencyMappingForm
from tasks.jobs import save_draft
from tasks.models import ImportDraft, Programme, Task
from tests.conftest import BAC_GIANG_SEED, run_queued_jobs
from tests.documents.test_office_import import build_docx, build_xlsx, seed_lines
from tests.html import by_id, text
from tests.views.conftest import BAN_CHQS, confirm, queued_report, refusal_of

UPLOAD = reverse("tasks:import")


def new_plan_lines():
    """The Bắc Giang plan as another department's: a new number, and an agency written another way."""
    lines = seed_lines(BAC_GIANG_SEED)
    lines = [line.replace("/KH-KHCN", "15/KH-KHCN").replace("Thanh tra Sở", "Thanh tra Sở KH&CN") for line in lines]
    return lines


def upload(client, data, name):
    """Upload as a person would, and let the worker read the file (the page then shows what it read)."""
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})
    run_queued_jobs()
    return response


def test_only_command_staff_import(congan, lanhdao, anonymous):
    assert congan.get(UPLOAD).status_code == 403
    assert lanhdao.post(UPLOAD, {"file": SimpleUploadedFile("x.docx", b"")}).status_code == 403
    assert anonymous.get(UPLOAD).status_code == 302
    assert not ImportDraft.objects.exists()


def test_review_shows_every_row_and_flags_the_unknown_agency_with_suggestions(chqs):
    response = upload(chqs, build_docx(new_plan_lines()), "ke-hoach.docx")
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("tasks:import_review", args=[draft.pk])
    review = chqs.get(response["Location"])
    page = review.content.decode()
    doc = review.context["doc"]
    assert len(doc.tasks) == 5 and all(task.content in page for task in doc.tasks)
    assert review.context["unknown"] == {"Thanh tra Sở KH&CN"}
    field = review.context["form"]["agency_0"]
    assert field.label == "Thanh tra Sở KH&CN"
    # "Thanh tra Sở KH&CN" may or may not be Bắc Giang's: suggested first, never chosen for the user.
    inspector = Agency.objects.get(name__startswith="Thanh tra Sở")
    assert field.initial == NEW_AGENCY
    assert [label for label, _options in field.field.choices[1:]] == ["Gợi ý", "Các cơ quan khác"]
    assert field.field.choices[1][1][0] == (str(inspector.pk), inspector.name)
    assert field.help_text == f"Gợi ý: {inspector.name}"
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()  # nothing saved before confirmation


def test_a_cell_longer_than_its_column_is_refused_at_upload(chqs):
    lines = [line.replace("Thanh tra Sở", "Thanh tra Sở" + " rất dài" * 40) for line in new_plan_lines()]
    response = upload(chqs, build_docx(lines), "ke-hoach.docx")
    assert "quá giới hạn 255 ký tự" in refusal_of(chqs, response)
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()


def test_confirming_maps_the_name_saves_everything_and_remembers_the_alias(chqs):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    inspector = Agency.objects.get(name__startswith="Thanh tra Sở")
    response = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": inspector.pk})
    programme = Programme.objects.get(number="15/KH-KHCN")
    assert response.status_code == 302
    task = Task.objects.get(section__programme=programme, section__numeral="I", number="1")
    assert [a.agency for a in task.assignments.filter(role="lead")] == [inspector]
    assert task.lead_as_written == "Thanh tra Sở KH&CN"  # the words stay as written
    assert AgencyAlias.objects.filter(name="Thanh tra Sở KH&CN", agency=inspector).exists()
    assert not ImportDraft.objects.exists()


def test_confirming_twice_saves_once_by_the_worker(chqs, admin):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    url = reverse("tasks:import_review", args=[ImportDraft.objects.get().pk])
    assert chqs.post(url, {"agency_0": "new"})["Location"] == url
    again = chqs.post(url, {"agency_0": "new"})  # a second click, another tab: the same waiting page, no second job
    assert again.status_code == 200 and "Đang lưu" in text(by_id(again, "draft-saving"))
    assert DBTaskResult.objects.filter(task_path=save_draft.module_path).count() == 1
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()  # the worker saves, not the request
    assert admin.get(url).status_code == 404 and admin.post(url, {"agency_0": "new"}).status_code == 404
    run_queued_jobs()
    programme = Programme.objects.get(number="15/KH-KHCN")
    landed = chqs.get(url)
    assert landed["Location"] == f"{reverse('tasks:list')}?programme={programme.pk}"
    told = [str(message) for message in chqs.get(landed["Location"]).context["messages"]]
    assert told == [f"Đã nhập {programme}: 5 nhiệm vụ; 1 cơ quan mới cần rà soát."]
    assert not ImportDraft.objects.exists() and chqs.get(url).status_code == 404


def test_a_programme_stored_before_the_worker_saves_it_is_refused_and_nothing_is_saved(chqs):
    """The same programme stored meanwhile (another tab, the command line): the worker's transaction is undone, the
    alias of the agency mapped included, and the review page says why."""
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    inspector = Agency.objects.get(name__startswith="Thanh tra Sở")
    url = reverse("tasks:import_review", args=[draft.pk])
    assert chqs.post(url, {"agency_0": inspector.pk}).status_code == 302
    stored, _new = save_programme(ProgrammeDoc.from_dict(draft.document))
    tasks = Task.objects.count()
    run_queued_jobs()
    review = chqs.get(url)
    assert review.status_code == 200 and review.context["existing"] == stored  # now offered as its new version
    assert f"{stored} của {stored.issuer} năm 2024 đã có trong hệ thống" in text(by_id(review, "save-refused"))
    assert Task.objects.count() == tasks and Programme.objects.filter(number="15/KH-KHCN").count() == 1
    assert not AgencyAlias.objects.filter(name="Thanh tra Sở KH&CN").exists()


def test_a_save_whose_worker_was_lost_says_so_and_may_be_confirmed_again(
    chqs, settings, django_capture_on_commit_callbacks
):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    url = reverse("tasks:import_review", args=[ImportDraft.objects.get().pk])
    assert chqs.post(url, {"agency_0": "new"}).status_code == 302
    # Its worker killed at every attempt: the job is failed for good by the next tick.
    started = timezone.now() - datetime.timedelta(
        seconds=settings.PTDS_JOB_SECONDS + settings.PTDS_JOB_GRACE_SECONDS + 60
    )
    DBTaskResult.objects.filter(task_path=save_draft.module_path).update(
        status=TaskResultStatus.RUNNING, started_at=started, worker_ids=["w"] * settings.PTDS_JOB_ATTEMPTS
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.reap() == 1
    review = chqs.get(url)
    assert review.status_code == 200 and "bị dừng đột ngột" in text(by_id(review, "save-refused"))
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()
    assert confirm(chqs, url, {"agency_0": "new"}).status_code == 302  # tried again, by a worker that stays
    assert Programme.objects.filter(number="15/KH-KHCN").exists()


def test_a_confirmation_when_the_queue_is_full_is_refused_and_may_be_sent_again(chqs, settings):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    url = reverse("tasks:import_review", args=[ImportDraft.objects.get().pk])
    settings.PTDS_QUEUE_LIMIT = 1
    queued_report()  # someone else's report waiting for the one place
    response = chqs.post(url, {"agency_0": "new"})
    assert response.status_code == 429 and "quá nhiều việc chờ xử lý" in response.content.decode()
    assert ImportDraft.objects.get().state == ImportDraft.State.READY
    assert not DBTaskResult.objects.filter(task_path=save_draft.module_path).exists()
    settings.PTDS_QUEUE_LIMIT = 500
    assert confirm(chqs, url, {"agency_0": "new"}).status_code == 302
    assert Programme.objects.filter(number="15/KH-KHCN").exists()


def test_choosing_to_create_the_agency_flags_it_for_review(chqs):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new"})
    assert Agency.objects.get(name="Thanh tra Sở KH&CN").needs_review


def test_a_forged_choice_saves_nothing(chqs):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    response = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "999999"})
    assert response.status_code == 400 and "agency_0" in response.context["form"].errors
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()
    assert ImportDraft.objects.exists()


def test_a_programme_another_agency_follows_is_not_amended(chqs):
    upload(chqs, build_docx(seed_lines(BAC_GIANG_SEED)), "ke-hoach.docx")
    draft = ImportDraft.objects.get()
    before = Task.objects.count()
    response = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {})
    stored = Programme.objects.get(number=draft.document["number"], year=draft.document["year"])
    html = response.content.decode()
    assert response.status_code == 400
    assert f"{stored} của {stored.issuer} đã có trong hệ thống." in html
    assert f"Chương trình do {stored.coordinating_agency.name} theo dõi" in html
    assert Task.objects.count() == before


def test_a_stored_programme_without_issuer_or_coordinator_is_named_as_it_is(chqs):
    upload(chqs, build_docx(seed_lines(BAC_GIANG_SEED)), "ke-hoach.docx")
    draft = ImportDraft.objects.get()
    stored = Programme.objects.get(number=draft.document["number"], year=draft.document["year"])
    Programme.objects.filter(pk=stored.pk).update(coordinating_agency=None)
    html = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {}).content.decode()
    assert "chưa có cơ quan thường trực theo dõi" in html and "Chương trình do" not in html
    assert f"{stored} của {stored.issuer} đã có trong hệ thống." in html


def test_the_importer_s_agency_follows_the_programme_and_sees_its_tasks(chqs):
    upload(chqs, build_docx(new_plan_lines()), "ke-hoach.docx")
    draft = ImportDraft.objects.get()
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    assert review.context["header_form"]["coordinating_agency"].initial == draft.document["coordinating_agency"]
    inspector = Agency.objects.get(name__startswith="Thanh tra Sở")
    response = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": inspector.pk})
    programme = Programme.objects.get(number="15/KH-KHCN")
    assert programme.coordinating_agency.name == BAN_CHQS
    listed = chqs.get(response["Location"])
    assert len(listed.context["table"].rows) == Task.objects.filter(section__programme=programme).count() == 5


def test_a_bad_file_gets_its_message_and_nothing_is_saved(chqs):
    programmes = Programme.objects.count()
    response = upload(chqs, b"PK\x03\x04 not really a zip", "ke-hoach.docx")
    assert "bị hỏng" in refusal_of(chqs, response)
    assert Programme.objects.count() == programmes


def test_another_users_draft_does_not_exist_for_them(chqs, admin):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    assert admin.get(reverse("tasks:import_review", args=[draft.pk])).status_code == 404


def test_the_menu_offers_import_to_command_staff_only(chqs, congan, lanhdao):
    assert f'href="{UPLOAD}"'.encode() in chqs.get("/").content
    assert f'href="{UPLOAD}"'.encode() not in congan.get("/my/").content
    assert f'href="{UPLOAD}"'.encode() not in lanhdao.get("/").content


def citing_the_city_programme():
    """The new plan, whose legal basis cites the city programme 04/CTr-UBND."""
    return [
        line.replace(
            "Thực hiện Kế hoạch số 42/KH-UBND",
            "Thực hiện Chương trình số 04/CTr-UBND của UBND thành phố; Kế hoạch số 42/KH-UBND",
        )
        for line in new_plan_lines()
    ]


def test_the_parent_programme_cited_in_the_legal_basis_is_offered_and_saved(chqs):
    city = Programme.objects.get(number="04/CTr-UBND")
    upload(chqs, build_docx(citing_the_city_programme()), "ke-hoach.docx")
    draft = ImportDraft.objects.get()
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    assert "04/CTr-UBND" in " ".join(review.context["doc"].legal_bases)
    assert review.context["parent_form"]["parent"].initial == city.pk
    confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new", "parent-parent": city.pk})
    assert Programme.objects.get(number="15/KH-KHCN").parent == city


def test_a_forged_parent_programme_saves_nothing(chqs):
    upload(chqs, build_docx(new_plan_lines()), "ke-hoach.docx")
    draft = ImportDraft.objects.get()
    response = confirm(
        chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new", "parent-parent": "999999"}
    )
    assert response.status_code == 400 and "parent" in response.context["parent_form"].errors
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()


def test_only_programmes_the_user_sees_are_offered_as_the_parent(chqs):
    """The Bắc Giang plan, coordinated by another agency, is neither offered nor accepted as the parent."""
    bac_giang = Programme.objects.get(number="/KH-KHCN")
    upload(chqs, build_docx(citing_the_city_programme()), "ke-hoach.docx")
    draft = ImportDraft.objects.get()
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    offered = [value for value, _label in review.context["parent_form"].fields["parent"].choices if value]
    assert offered == [Programme.objects.get(number="04/CTr-UBND").pk]
    assert str(bac_giang) not in review.content.decode()
    response = confirm(
        chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new", "parent-parent": bac_giang.pk}
    )
    assert response.status_code == 400
    assert response.context["parent_form"].errors["parent"] == [
        "Chỉ chọn được chương trình, kế hoạch mà anh/chị xem được."
    ]
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()


def test_only_the_same_name_written_another_way_is_chosen_for_the_user(seeded):
    agencies = list(Agency.objects.order_by("name"))
    written = ["Trung tâm Y tế thành phố", "UBND TP. Thái Nguyên", "ban chỉ huy  QUÂN SỰ thành phố thai nguyen"]
    form = AgencyMappingForm(unknown=written, agencies=agencies)
    chosen = {form[f"agency_{i}"].label: form[f"agency_{i}"].initial for i in range(len(written))}
    health = Agency.objects.get(name="Phòng Y tế thành phố Thái Nguyên")
    assert chosen == {
        "Trung tâm Y tế thành phố": NEW_AGENCY,  # a different body, only suggested
        "UBND TP. Thái Nguyên": str(Agency.objects.get(name="Ủy ban nhân dân thành phố Thái Nguyên").pk),
        "ban chỉ huy  QUÂN SỰ thành phố thai nguyen": str(Agency.objects.get(name=BAN_CHQS).pk),
    }
    suggested = dict(form.fields["agency_0"].choices)["Gợi ý"]
    assert (str(health.pk), health.name) in suggested
