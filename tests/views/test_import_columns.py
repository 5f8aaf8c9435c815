"""The column-mapping step of /import/: a table whose header words do not say which column is the content is read
with a guess, shown with a choice per column, and saved only once the user has confirmed the columns."""

from django.urls import reverse

from tasks.models import ImportDraft, Programme, Task
from tests.documents.test_office_import import build_xlsx
from tests.views.conftest import confirm
from tests.views.test_import import new_plan_lines, upload

COLUMNS = ["number", "content", "lead", "support", "time"]


def unnamed_content_lines():
    """The plan with its content column headed "Diễn giải", which no header word names."""
    return [line.replace("Nội dung nhiệm vụ", "Diễn giải") for line in new_plan_lines()]


def columns_post(client, draft, roles):
    data = {f"column_{i}": role for i, role in enumerate(roles)}
    return client.post(reverse("tasks:import_columns", args=[draft.pk]), data)


def test_a_guessed_content_column_is_asked_for_before_anything_is_saved(chqs):
    upload(chqs, build_xlsx(unnamed_content_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    assert draft.columns_guessed and draft.columns[1] == ["Diễn giải", "content"]
    review = chqs.get(reverse("tasks:import_review", args=[draft.pk]))
    form = review.context["columns_form"]
    assert [form[f"column_{i}"].initial for i in range(5)] == COLUMNS  # prefilled with the guess
    assert 'id="columns"' in review.content.decode()

    refused = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new"})
    assert refused.status_code == 400
    assert "Hãy xác nhận các cột" in refused.content.decode()
    assert not Programme.objects.filter(number="15/KH-KHCN").exists()

    assert columns_post(chqs, draft, COLUMNS).status_code == 302
    draft.refresh_from_db()
    assert not draft.columns_guessed
    saved = confirm(chqs, reverse("tasks:import_review", args=[draft.pk]), {"agency_0": "new"})
    assert saved.status_code == 302
    programme = Programme.objects.get(number="15/KH-KHCN")
    assert Task.objects.filter(section__programme=programme).count() == 5


def test_remapping_reads_the_file_again_with_the_chosen_columns(chqs):
    upload(chqs, build_xlsx(new_plan_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    assert not draft.columns_guessed
    # The lead and support columns swapped, the time column kept as an other column.
    assert columns_post(chqs, draft, ["number", "content", "support", "lead", "extra"]).status_code == 302
    draft.refresh_from_db()
    first = draft.document["sections"][0]["tasks"][0]
    assert first["lead_as_written"] == "Các phòng, đơn vị thuộc Sở"
    assert first["support_as_written"] == "Thanh tra Sở KH&CN"
    assert first["timeframe_as_written"] == []
    assert first["extra_cells"][0][0] == "Thời gian thực hiện"


def test_a_mapping_without_content_or_with_two_is_refused_and_changes_nothing(chqs):
    upload(chqs, build_xlsx(unnamed_content_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    before = draft.document
    for roles in (["number", "extra", "lead", "support", "time"], ["number", "content", "content", "support", "time"]):
        response = columns_post(chqs, draft, roles)
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.document == before and draft.columns_guessed
    page = chqs.get(reverse("tasks:import_review", args=[draft.pk])).content.decode()
    assert "Chỉ chọn một cột «Nội dung nhiệm vụ»" in page


def test_a_forged_role_or_another_users_draft_changes_nothing(chqs, admin):
    upload(chqs, build_xlsx(unnamed_content_lines()), "ke-hoach.xlsx")
    draft = ImportDraft.objects.get()
    assert columns_post(admin, draft, COLUMNS).status_code == 404  # not the uploader's
    columns_post(chqs, draft, ["number", "content", "boss", "support", "time"])
    draft.refresh_from_db()
    assert draft.columns_guessed
    assert chqs.get(reverse("tasks:import_columns", args=[draft.pk])).status_code == 405
