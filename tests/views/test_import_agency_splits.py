"""The review page of /import/ shows how each agency cell was split into agencies and lets command staff correct it;
the cell stays as written, the corrected names decide the assignments."""

from django.urls import reverse

from agencies.models import Agency
from tasks.models import ImportDraft, Programme, Task
from tests.documents.test_office_import import build_xlsx
from tests.views.conftest import confirm
from tests.views.test_import import new_plan_lines, upload

COLLECTIVE = "Các phòng, đơn vị thuộc Sở"


def uploaded(chqs):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    return ImportDraft.objects.get()


def split_post(client, draft, corrections):
    form = client.get(reverse("tasks:import_review", args=[draft.pk])).context["split_form"]
    data = {f"split-{name}": form[name].initial for name in form.fields}
    for name in form.fields:
        if form.fields[name].label in corrections:
            data[f"split-{name}"] = corrections[form.fields[name].label]
    return client.post(reverse("tasks:import_agencies", args=[draft.pk]), data)


def test_each_cell_with_several_names_or_a_separator_is_shown_as_split(chqs):
    draft = uploaded(chqs)
    form = chqs.get(reverse("tasks:import_review", args=[draft.pk])).context["split_form"]
    cells = {field.label: field.initial for field in form.fields.values()}
    assert COLLECTIVE in cells
    # A collective phrase is one name, commas and all: the group the directory knows it as.
    assert len(cells[COLLECTIVE].splitlines()) == 1
    assert cells[COLLECTIVE].startswith(COLLECTIVE)


def test_a_corrected_split_decides_the_assignments_and_keeps_the_words(chqs):
    draft = uploaded(chqs)
    inspector = Agency.objects.get(name__startswith="Thanh tra Sở")
    response = split_post(chqs, draft, {COLLECTIVE: f"{inspector.name}\nPhòng Mới Thành Lập"})
    assert response.status_code == 302
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    assert "Phòng Mới Thành Lập" in review.context["unknown"]
    confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new", "agency_1": "new"})
    programme = Programme.objects.get(number="15/KH-KHCN")
    task = Task.objects.filter(section__programme=programme, support_as_written=COLLECTIVE).first()
    assert task is not None
    assert {a.agency.name for a in task.assignments.filter(role="support")} == {inspector.name, "Phòng Mới Thành Lập"}
    assert task.support_as_written == COLLECTIVE  # the words stay as written


def test_a_blank_or_overlong_correction_is_refused_and_changes_nothing(chqs):
    draft = uploaded(chqs)
    before = draft.document
    for value, reason in [(" \n ", "bắt buộc"), ("Sở " + "rất dài " * 40, "quá dài")]:
        response = split_post(chqs, draft, {COLLECTIVE: value})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.document == before
        page = chqs.get(reverse("tasks:import_review", args=[draft.pk])).content.decode()
        assert reason in page and "Chưa lưu gì." in page


def test_only_the_uploader_corrects_the_splits(chqs, admin, yte):
    draft = uploaded(chqs)
    url = reverse("tasks:import_agencies", args=[draft.pk])
    forged = {"split-cell_0": "Cơ quan giả mạo"}
    assert admin.post(url, forged).status_code == 404
    assert yte.post(url, forged).status_code == 403
    draft.refresh_from_db()
    assert "Cơ quan giả mạo" not in str(draft.document)
