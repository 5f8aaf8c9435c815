"""The admin site on the seeded programmes and agency directory."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from agencies.models import Agency, Profile
from agencies.text import fold
from reports.models import ProducedReport
from tasks.documents.timeframe import ScheduleKind
from tasks.models import Assignment, Programme, Section, Task

# Measured: session, user, the programme and lead-agency filter choices, two counts,
# the page of tasks, their assignments with agencies, their phases.
TASK_CHANGELIST_QUERIES = 9

BAC_GIANG = "Sở Khoa học và Công nghệ tỉnh Bắc Giang"
BAC_NINH = "Sở Khoa học và Công nghệ tỉnh Bắc Ninh"


@pytest.fixture
def admin_client(db, client):
    call_command("seed", "--demo-users", "--without-province", stdout=StringIO())
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.fixture
def city_programme(db):
    return Programme.objects.get(number="04/CTr-UBND")


def changelist(client, model, **params):
    response = client.get(reverse(f"admin:{model}_changelist"), params)
    assert response.status_code == 200
    return response


def listed(response):
    return list(response.context["cl"].result_list)


def task(programme, numeral, number):
    return Task.objects.get(section__programme=programme, section__numeral=numeral, number=number)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("tasks_programme", "04/CTr-UBND"),
        ("tasks_section", "KIỆN TOÀN, HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO"),
        ("tasks_task", "Tổ chức lại Ban Chỉ huy phòng thủ dân sự cấp thành phố"),
        ("agencies_agency", BAC_NINH),
        ("agencies_profile", "Ban Chỉ huy quân sự thành phố Thái Nguyên"),
    ],
)
def test_changelists_show_the_seeded_data(admin_client, model, expected):
    response = changelist(admin_client, model)
    assert listed(response)
    assert expected in response.content.decode()


def test_site_header_is_vietnamese(admin_client):
    assert "Cổng theo dõi nhiệm vụ phòng thủ dân sự" in admin_client.get(reverse("admin:index")).content.decode()


def test_programme_changelist_counts_tasks(admin_client, city_programme):
    rows = {programme.pk: programme for programme in listed(changelist(admin_client, "tasks_programme"))}
    assert rows[city_programme.pk].task_count == 37


def test_change_pages_of_real_objects(admin_client, city_programme):
    first = task(city_programme, "I", "1")
    pages = [
        ("tasks_programme", city_programme, "Căn cứ Chương trình số 7398/CTr-UBND"),
        ("tasks_phase", city_programme.phases.get(number=1), "Tổ chức lại Ban Chỉ huy phòng thủ dân sự các cấp"),
        ("tasks_section", first.section, "Ban hành Quy chế tổ chức và hoạt động"),
        ("tasks_task", first, "Quyết định của Chủ tịch UBND thành phố"),
        ("agencies_profile", Profile.objects.get(user__username="chqs"), "Ban Chỉ huy quân sự thành phố Thái Nguyên"),
        ("auth_user", get_user_model().objects.get(username="yte"), "Phòng Y tế thành phố Thái Nguyên"),
    ]
    for model, obj, expected in pages:
        response = admin_client.get(reverse(f"admin:{model}_change", args=[obj.pk]))
        assert response.status_code == 200, model
        assert expected in response.content.decode(), model


def test_task_change_page_groups_the_document_and_its_reading(admin_client, city_programme):
    response = admin_client.get(reverse("admin:tasks_task_change", args=[task(city_programme, "I", "1").pk]))
    html = response.content.decode()
    assert html.index("Như văn bản") < html.index("Quý I năm 2025") < html.index("Cách hiểu của hệ thống")
    assert "Ban Chỉ huy quân sự thành phố Thái Nguyên" in html  # the lead assignment inline
    # Only the task's own programme's phases are offered.
    assert list(response.context["adminform"].form.fields["phases"].queryset) == list(city_programme.phases.all())


def test_agency_page_shows_merge_both_ways(admin_client):
    bac_giang, bac_ninh = Agency.objects.get(name=BAC_GIANG), Agency.objects.get(name=BAC_NINH)
    html = admin_client.get(reverse("admin:agencies_agency_change", args=[bac_ninh.pk])).content.decode()
    assert reverse("admin:agencies_agency_change", args=[bac_giang.pk]) in html  # its predecessor, linked
    assert BAC_GIANG in html
    html = admin_client.get(reverse("admin:agencies_agency_change", args=[bac_giang.pk])).content.decode()
    assert f'<a href="{reverse("admin:agencies_agency_change", args=[bac_ninh.pk])}">{BAC_NINH}</a>' in html


def test_agency_validity_filter(admin_client):
    ended = {a.name for a in listed(changelist(admin_client, "agencies_agency", hieu_luc="ended"))}
    current = {a.name for a in listed(changelist(admin_client, "agencies_agency", hieu_luc="current"))}
    assert BAC_GIANG in ended and BAC_NINH not in ended
    assert BAC_NINH in current and BAC_GIANG not in current


def test_agency_search_ignores_diacritics(admin_client):
    found = {a.name for a in listed(changelist(admin_client, "agencies_agency", q="so khoa hoc bac ninh"))}
    assert found == {BAC_NINH}


def test_agency_autocomplete_for_assignments(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "tasks", "model_name": "assignment", "field_name": "agency", "term": "cong an"},
    )
    assert "Công an thành phố Thái Nguyên" in [row["text"] for row in response.json()["results"]]


def test_task_search_with_or_without_diacritics(admin_client, city_programme):
    plain = listed(changelist(admin_client, "tasks_task", q="phong thu"))
    assert task(city_programme, "I", "1") in plain
    assert task(city_programme, "V", "5") not in plain  # a cyber-security plan: no "phòng thủ" in it
    assert 1 < len(plain) < Task.objects.count()
    assert plain == listed(changelist(admin_client, "tasks_task", q="PHÒNG THỦ"))
    # A quoted phrase: its words side by side in one field, punctuation between them being no word.
    phrase = listed(changelist(admin_client, "tasks_task", q='"Ban CHQS thanh pho - Cong an"'))
    led = [task(city_programme, "VIII", number) for number in ("1", "2")] + [task(city_programme, "IX", "4")]
    assert set(led) <= set(phrase)  # the lead agencies as written
    side_by_side = re.compile(r"\bban chqs thanh pho\W+cong an\b")
    assert all(side_by_side.search(fold(t.lead_as_written + "|" + t.support_as_written)) for t in phrase)


def test_task_search_needs_every_word(admin_client, city_programme):
    fund = task(city_programme, "VII", "1")  # "Thành lập Quỹ phòng thủ dân sự"
    assert listed(changelist(admin_client, "tasks_task", q="QUỸ thành lập")) == [fund]
    folded = listed(changelist(admin_client, "tasks_task", q="quy"))  # also "quy chế", "quy định"
    assert fund in folded and len(folded) > 1


def test_needs_review_filter(admin_client, city_programme):
    unled = task(city_programme, "X", "2")
    assert listed(changelist(admin_client, "tasks_task", can_ra_soat="yes")) == [unled]
    reviewed = listed(changelist(admin_client, "tasks_task", can_ra_soat="no"))
    assert unled not in reviewed
    assert len(reviewed) == Task.objects.count() - 1


def test_lead_agency_filter(admin_client, city_programme):
    police = Agency.objects.get(name="Công an thành phố Thái Nguyên")
    rows = listed(changelist(admin_client, "tasks_task", chu_tri=police.pk))
    assert task(city_programme, "V", "5") in rows  # police lead
    assert task(city_programme, "V", "1") not in rows  # police are not even named
    assert all(police in t.lead_agencies for t in rows)


def test_task_changelist_query_count_does_not_grow_with_tasks(admin_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(TASK_CHANGELIST_QUERIES):
        response = changelist(admin_client, "tasks_task")
    assert len(listed(response)) == 42

    section = Section.objects.get(programme__number__endswith="KH-KHCN", numeral="I")
    police = Agency.objects.get(name="Công an thành phố Thái Nguyên")
    command = Agency.objects.get(name="Ban Chỉ huy quân sự thành phố Thái Nguyên")
    extra = Task.objects.bulk_create(
        Task(
            section=section,
            position=100 + i,
            number=str(100 + i),
            content=f"Nhiệm vụ bổ sung {i}",
            schedule_kind=ScheduleKind.ONGOING,
        )
        for i in range(60)
    )
    Assignment.objects.bulk_create(
        Assignment(task=t, agency=agency, role=role, position=1)
        for t in extra
        for agency, role in [(police, Assignment.Role.LEAD), (command, Assignment.Role.SUPPORT)]
    )

    with django_assert_max_num_queries(TASK_CHANGELIST_QUERIES):
        response = changelist(admin_client, "tasks_task")
    assert len(listed(response)) == 100  # a full page
    assert "Nhiệm vụ bổ sung 59" in response.content.decode()
    assert "Công an thành phố" in response.content.decode()


def test_mark_reviewed_action(admin_client):
    flagged = Agency.objects.filter(name__in=[BAC_GIANG, BAC_NINH])
    flagged.update(needs_review=True)
    bac_giang = Agency.objects.get(name=BAC_GIANG)
    response = admin_client.post(
        reverse("admin:agencies_agency_changelist"),
        {"action": "mark_reviewed", "_selected_action": [bac_giang.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert dict(flagged.values_list("name", "needs_review")) == {BAC_GIANG: False, BAC_NINH: True}


def test_produced_reports_are_listed_but_never_edited_in_the_admin(admin_client, city_programme, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command(
        "progress_report",
        "--programme",
        city_programme.number,
        "--period",
        "2025-Q4",
        "--format",
        "xlsx",
        "--output",
        str(tmp_path / "q4.xlsx"),
        stdout=StringIO(),
    )
    response = changelist(admin_client, "reports_producedreport")
    assert "Quý IV năm 2025" in response.content.decode()
    kept = ProducedReport.objects.get()
    change = admin_client.post(reverse("admin:reports_producedreport_change", args=[kept.pk]), {"state": "failed"})
    assert change.status_code in (200, 403)
    assert ProducedReport.objects.get().state == "done"
    assert admin_client.get(reverse("admin:reports_producedreport_delete", args=[kept.pk])).status_code == 403
