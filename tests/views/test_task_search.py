"""The task list's search (tasks/search.py): whole syllables, accents optional, every word in one field, quoted
phrases, phrase matches first, the words marked in the rows, and the way back to the list from a task."""

import json

import pytest
from django.urls import reverse

from tasks.models import Section, Task
from tasks.search import SEARCHED
from tests.conftest import run
from tests.documents.test_amendment import city_doc

from ..html import by_id, find
from .conftest import CITY, listed, programme
from .test_task_list import get_list

# Each task below says "kappa" (a word of no other task) in its content, so a search for "kappa ..." sees only them.
CONTENTS = {
    "thu": "Kappa thu thập số liệu",
    "thủ": "Kappa phòng thủ dân sự",
    "thú": "Kappa chăm sóc thú y",
    "thực": "Kappa thực hiện diễn tập",
    "thuộc": "Kappa các đơn vị thuộc quyền",
    "hoà": "Kappa hoà giải ở cơ sở",
    "đó": "Kappa việc đó cần làm",
    "đo": "Kappa đo đạc địa chính",
    "do": "Kappa do cấp trên giao",
    "reversed": "Kappa thủ phòng",  # the words of "phòng thủ" the other way round
    "html": "<b>Kappa</b> & thu",
}


@pytest.fixture
def kappa(seeded):
    city = programme(CITY)
    section = Section.objects.create(programme=city, position=city.sections.count() + 1, numeral="XI", title="Thử")
    return {
        key: Task.objects.create(section=section, position=i, number=str(i), content=text, schedule_kind="ongoing")
        for i, (key, text) in enumerate(CONTENTS.items(), 1)
    }


def found(client, q):
    return {t.content for t in listed(get_list(client, q=q))}


def contents(kappa, *keys):
    return {kappa[key].content for key in keys}


def test_a_word_is_a_whole_syllable(lanhdao, kappa):
    # "thu" without accents is "thu", "thủ" or "thú", never the start of "thực" or "thuộc".
    assert found(lanhdao, "kappa thu") == contents(kappa, "thu", "thủ", "thú", "reversed", "html")


def test_a_word_typed_with_accents_wants_exactly_those(lanhdao, kappa):
    assert found(lanhdao, "kappa thủ") == contents(kappa, "thủ", "reversed")
    assert found(lanhdao, "KAPPA THÚ") == contents(kappa, "thú")
    assert found(lanhdao, "kappa thư") == set()


def test_the_tone_mark_may_sit_on_either_vowel(lanhdao, kappa):
    # "hoà" (old style) and "hòa" (new style) are the same word.
    assert found(lanhdao, "kappa hòa") == found(lanhdao, "kappa hoà") == contents(kappa, "hoà")


def test_the_letter_d_with_stroke(lanhdao, kappa):
    assert found(lanhdao, "kappa do") == contents(kappa, "đó", "đo", "do")
    assert found(lanhdao, "kappa đo") == contents(kappa, "đo")  # "đ" is a mark too: not "do", not "đó"
    assert found(lanhdao, "kappa đó") == contents(kappa, "đó")


def test_every_word_must_be_in_one_field(lanhdao, kappa):
    task = kappa["thực"]
    task.deliverable = "Báo cáo tổng kết"
    task.save()
    assert found(lanhdao, "kappa bao cao") == set()  # "kappa" in the content, "báo cáo" in the deliverable
    assert task.content in found(lanhdao, "tong ket bao cao")
    assert task.content in found(lanhdao, "kappa dien tap")


def test_a_quoted_phrase_keeps_its_words_together_and_in_order(lanhdao, kappa):
    assert found(lanhdao, '"kappa phong thu"') == contents(kappa, "thủ")
    assert found(lanhdao, "kappa “thu phong”") == contents(kappa, "reversed")  # typographic quotes too
    assert found(lanhdao, 'kappa "phong thu"') == contents(kappa, "thủ")
    assert found(lanhdao, "kappa phong thu") == contents(kappa, "thủ", "reversed")


def test_tasks_with_the_words_side_by_side_come_first(lanhdao, kappa):
    # In document order "thủ phòng" (position 10) follows "phòng thủ" (2); searched the other way round, it leads.
    shown = [t.content for t in listed(get_list(lanhdao, q="thu phong kappa"))]
    assert shown == [kappa["thủ"].content, kappa["reversed"].content]
    shown = [t.content for t in listed(get_list(lanhdao, q="kappa thu phong"))]
    assert shown == [kappa["reversed"].content, kappa["thủ"].content]
    # A column's sort still wins over it.
    shown = [t.content for t in listed(get_list(lanhdao, q="kappa thu phong", sort="-ref"))]
    assert shown == [kappa["reversed"].content, kappa["thủ"].content]
    shown = [t.content for t in listed(get_list(lanhdao, q="kappa thu phong", sort="ref"))]
    assert shown == [kappa["thủ"].content, kappa["reversed"].content]


def test_the_words_are_marked_in_the_rows_and_the_rest_escaped(lanhdao, kappa):
    html = get_list(lanhdao, q="kappa thu").content.decode()
    assert "<mark>Kappa</mark> phòng <mark>thủ</mark> dân sự" in html
    assert "<mark>Kappa</mark> <mark>thu</mark> thập" in html
    assert "&lt;b&gt;<mark>Kappa</mark>&lt;/b&gt; &amp; <mark>thu</mark>" in html
    assert "<b>Kappa</b>" not in html
    assert "diễn tập" not in html  # "Kappa thực hiện diễn tập" is not listed at all
    html = get_list(lanhdao, q="kappa thủ").content.decode()
    assert "<mark>thủ</mark>" in html and "<mark>thu</mark>" not in html


def test_too_many_words_are_refused_with_a_message(lanhdao, kappa):
    response = get_list(lanhdao, q=" ".join(["kappa"] * 13))
    assert response.status_code == 200
    assert "Tìm tối đa 12 từ; hãy bỏ bớt." in response.content.decode()


@pytest.mark.parametrize("q", ["%", "_", '"', '""', "   ", "\u0300\u0301", "- ; ."])
def test_wildcards_and_punctuation_are_no_words(lanhdao, kappa, q):
    response = get_list(lanhdao, q=q)
    assert response.context["table"].paginator.count == Task.objects.current().count()  # nothing to search for


def test_like_wildcards_typed_stand_for_nothing(lanhdao, kappa):
    assert found(lanhdao, "kappa_%") == set(CONTENTS.values())  # the word "kappa"; "_" and "%" are punctuation
    assert found(lanhdao, "kap%") == found(lanhdao, "kapp_") == set()


def test_each_row_links_back_to_the_list_with_its_filters(lanhdao, kappa):
    html = get_list(lanhdao, q="kappa thu", page=1).content.decode()
    detail = reverse("tasks:detail", args=[kappa["thủ"].pk])
    assert f'href="{detail}?back=%2Ftasks%2F%3Fq%3Dkappa%2Bthu%26page%3D1"' in html
    page = lanhdao.get(detail, {"back": "/tasks/?q=kappa+thu&page=1"}).content.decode()
    assert by_id(page, "back-to-list").get("href") == "/tasks/?q=kappa+thu&page=1"


@pytest.mark.parametrize(
    "back",
    ["https://example.com/tasks/", "//example.com/tasks/?q=x", "/admin/", "/tasks/5/", "javascript:alert(1)", ""],
)
def test_the_way_back_goes_only_to_the_task_list(lanhdao, kappa, back):
    page = lanhdao.get(reverse("tasks:detail", args=[kappa["thủ"].pk]), {"back": back}).content.decode()
    assert by_id(page, "back-to-list").get("href") == "/tasks/"


def stale_columns():
    """Tasks whose stored search columns differ from what their fields give now."""
    stale = []
    for stored in Task.objects.all():
        fresh = Task(**{field: getattr(stored, field) for field in SEARCHED})
        fresh.index_words()
        if any(getattr(stored, column) != getattr(fresh, column) for column in SEARCHED.values()):
            stale.append(stored)
    return stale


def test_every_writer_keeps_the_search_columns_in_step(lanhdao, tmp_path):
    assert Task.objects.count() > 40 and stale_columns() == []  # the seed, stored in bulk by documents/store.py
    doc = city_doc()  # an amendment: tasks kept and reworded, added, renumbered
    doc.sections[2].tasks[1].content = doc.sections[2].tasks[1].content.rstrip(".") + " trên địa bàn omega."
    path = tmp_path / "04-sua-doi.json"
    path.write_text(json.dumps(doc.to_dict()), encoding="utf-8")
    assert "Đã cập nhật" in run("import_programme", str(path), "--amend")
    assert stale_columns() == []
    assert found(lanhdao, "dia ban omega") == {doc.sections[2].tasks[1].content}


def test_the_search_box_says_how_it_searches(lanhdao):
    box = find(get_list(lanhdao), '//input[@name="q"]')
    assert "gõ không dấu để tìm mọi dấu" in box.get("title")
    assert "ngoặc kép" in box.get("title")
