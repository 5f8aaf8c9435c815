"""Directives and conversation on tasks and programmes: who writes each kind, replies to explanation requests,
the files, "Việc của tôi", and pages whose query counts do not grow with the thread."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tasks.forms.thread import ThreadEntryForm
from tasks.models import ThreadEntry

from .conftest import BAC_GIANG, CITY, evidence, logged_in, programme, report, user
from .test_my_tasks import MY_QUERIES
from .test_task_detail import DETAIL_QUERIES

Kind = ThreadEntry.Kind
today = timezone.localdate()
LATER = today + datetime.timedelta(days=7)


def write(client, subject, kind, text="Nội dung", **extra):
    url = (
        reverse("tasks:task_thread", args=[subject.pk])
        if hasattr(subject, "section")
        else reverse("tasks:programme_thread", args=[subject.pk])
    )
    return client.post(url, {"kind": kind, "text": text, **extra})


def ask_explanation(client, t, text="Vì sao chưa triển khai?", due=LATER):
    return write(client, t, Kind.EXPLANATION_REQUEST, text, reply_due=due)


@pytest.fixture
def asked(chqs, police_task):
    assert ask_explanation(chqs, police_task).status_code == 302
    return police_task.thread_entries.get(kind=Kind.EXPLANATION_REQUEST)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_directive_and_an_explanation_request_are_answered(lanhdao, chqs, congan, yte, police_task):
    assert write(lanhdao, police_task, Kind.DIRECTIVE, "Khẩn trương hoàn thành trong quý").status_code == 302
    assert ask_explanation(chqs, police_task).status_code == 302
    request_ = police_task.thread_entries.get(kind=Kind.EXPLANATION_REQUEST)
    assert (request_.reply_due, request_.agency.name) == (LATER, "Ban Chỉ huy quân sự thành phố Thái Nguyên")
    mine = html_of(congan, reverse("tasks:my"))
    assert 'id="explanations-to-answer"' in mine and "Vì sao chưa triển khai?" in mine
    assert 'id="explanations-to-answer"' not in html_of(yte, reverse("tasks:my"))  # support is not asked

    upload = SimpleUploadedFile("Giải trình.pdf", b"%PDF-1.4 giai trinh")
    response = write(congan, police_task, Kind.REPLY, "Đang chờ kinh phí", answers=request_.pk, file=upload)
    assert response.status_code == 302 and response.url.endswith("#thread")
    reply = police_task.thread_entries.get(kind=Kind.REPLY)
    assert (reply.answers, reply.file_kind, reply.original_name) == (request_, "pdf", "Giải trình.pdf")
    assert reply.agency.name == "Công an thành phố Thái Nguyên"
    assert 'id="explanations-to-answer"' not in html_of(congan, reverse("tasks:my"))

    page = html_of(lanhdao, police_task.get_absolute_url())
    for words in ("Ý kiến chỉ đạo", "Khẩn trương hoàn thành trong quý", "Yêu cầu giải trình", "đã trả lời"):
        assert words in page
    assert page.index("Khẩn trương") < page.index("Vì sao chưa") < page.index("Đang chờ kinh phí")  # newest last
    download = yte.get(reverse("tasks:thread_file", args=[reply.pk]))  # the supporting agency sees the task
    assert b"".join(download.streaming_content) == b"%PDF-1.4 giai trinh"


@pytest.mark.parametrize(
    ("persona", "kind", "code"),
    [
        ("lanhdao", Kind.DIRECTIVE, 302),
        ("admin", Kind.DIRECTIVE, 302),
        ("chqs", Kind.DIRECTIVE, 403),
        ("congan", Kind.DIRECTIVE, 403),  # an officer writing a directive
        ("lanhdao", Kind.EXPLANATION_REQUEST, 302),
        ("congan", Kind.EXPLANATION_REQUEST, 403),
        ("yte", Kind.EXPLANATION_REQUEST, 403),
        ("congan", Kind.NOTE, 302),
        ("yte", Kind.NOTE, 302),  # a supporting agency reports on the task, so it may note
        ("chqs", Kind.NOTE, 302),
        ("lanhdao", Kind.NOTE, 403),
        ("anonymous", Kind.NOTE, 302),  # to the login page
    ],
)
def test_who_writes_each_kind_on_a_task(request, police_task, persona, kind, code):
    client = request.getfixturevalue(persona)
    response = write(client, police_task, kind, reply_due=LATER)
    assert response.status_code == code
    assert police_task.thread_entries.exists() == (code == 302 and persona != "anonymous")


@pytest.mark.parametrize(("persona", "code"), [("yte", 403), ("chqs", 403), ("lanhdao", 403), ("admin", 403)])
def test_only_the_lead_agency_replies(request, asked, police_task, persona, code):
    client = request.getfixturevalue(persona)
    assert write(client, police_task, Kind.REPLY, answers=asked.pk).status_code == code
    assert not asked.replies.exists()


def test_strangers_to_the_task_get_404(congan, yte, unnamed_task, bac_giang_task):
    assert write(yte, unnamed_task, Kind.NOTE).status_code == 404  # an unnamed agency
    assert write(congan, bac_giang_task, Kind.NOTE).status_code == 404  # a forged task id
    assert congan.get(reverse("tasks:task_thread", args=[999999])).status_code == 404


def test_a_reply_to_another_tasks_request_is_refused(chqs, congan, asked, group_task):
    assert ask_explanation(chqs, group_task, "Yêu cầu khác").status_code == 302
    other = group_task.thread_entries.get()
    response = write(congan, asked.task, Kind.REPLY, answers=other.pk)
    assert response.status_code == 400
    assert "Yêu cầu giải trình này không còn chờ trả lời." in response.content.decode()
    assert not ThreadEntry.objects.filter(kind=Kind.REPLY).exists()


def test_an_answered_request_takes_no_second_reply(congan, asked, police_task):
    assert write(congan, police_task, Kind.REPLY, answers=asked.pk).status_code == 302
    assert write(congan, police_task, Kind.REPLY, answers=asked.pk).status_code == 400
    assert asked.replies.count() == 1


def test_a_reply_to_a_request_answered_meanwhile_is_refused(congan, asked, police_task):
    officer = user("congan")
    form = ThreadEntryForm(
        {"kind": Kind.REPLY, "text": "Trả lời muộn", "answers": asked.pk},
        subject=police_task,
        user=officer,
        kinds=[Kind.REPLY],
    )
    assert form.is_valid()  # the page was opened while the request was open
    ThreadEntry.objects.create(task=police_task, kind=Kind.REPLY, author=officer, text="Trả lời trước", answers=asked)
    with pytest.raises(ValidationError, match="vừa được trả lời"):
        form.save()
    assert asked.replies.count() == 1


@pytest.mark.parametrize(
    ("persona", "kind", "fields", "message"),
    [
        ("chqs", Kind.EXPLANATION_REQUEST, {}, "Cần ghi hạn trả lời của yêu cầu giải trình."),
        ("chqs", Kind.EXPLANATION_REQUEST, {"reply_due": today}, "Hạn trả lời phải sau ngày hôm nay."),
        ("chqs", Kind.EXPLANATION_REQUEST, {"reply_due": "31/02/2026"}, "Nhập một ngày hợp lệ"),
        ("chqs", Kind.NOTE, {"text": ""}, "Cần ghi nội dung."),
        ("congan", Kind.REPLY, {}, "Cần chọn yêu cầu giải trình được trả lời."),
        ("congan", "bogus", {}, "Hãy chọn một lựa chọn hợp lệ"),
        ("congan", Kind.NOTE, {"file": SimpleUploadedFile("a.pdf", b"MZ not a pdf")}, "không phải tệp PDF thật"),
    ],
)
def test_bad_entries_are_refused_in_vietnamese(request, police_task, persona, kind, fields, message):
    client = request.getfixturevalue(persona)
    response = write(client, police_task, kind, **{"text": "Nội dung", **fields})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not police_task.thread_entries.exists()


def test_the_form_offers_only_the_allowed_kinds(lanhdao, congan, yte, chqs, police_task, asked):
    def offered(client):
        page = html_of(client, police_task.get_absolute_url())
        return {kind for kind in Kind.values if f'value="{kind}"' in page}

    assert offered(lanhdao) == {Kind.DIRECTIVE, Kind.EXPLANATION_REQUEST}
    assert offered(chqs) == {Kind.EXPLANATION_REQUEST, Kind.NOTE}
    assert offered(congan) == {Kind.REPLY, Kind.NOTE}
    assert offered(yte) == {Kind.NOTE}


def test_programme_thread(lanhdao, chqs, congan, yte):
    city = programme(CITY)
    url = reverse("tasks:programme_thread", args=[city.pk])
    assert write(lanhdao, city, Kind.DIRECTIVE, "Tổng kết trước 15/12").status_code == 302
    assert write(chqs, city, Kind.NOTE, "Đã nhắc các cơ quan").status_code == 302
    assert write(lanhdao, city, Kind.EXPLANATION_REQUEST, reply_due=LATER).status_code == 403  # tasks only
    assert write(congan, city, Kind.NOTE).status_code == 403  # officers read the programme's thread
    page = html_of(congan, url)
    assert "Tổng kết trước 15/12" in page and "Đã nhắc các cơ quan" in page and 'id="thread-form"' not in page
    assert write(congan, programme(BAC_GIANG), Kind.NOTE).status_code == 404
    dashboard = html_of(lanhdao, f"{reverse('reports:dashboard')}?programme={city.pk}")
    assert f'href="{url}" id="programme-thread"' in dashboard
    assert [e.kind for e in city.thread_entries.all()] == [Kind.DIRECTIVE, Kind.NOTE]


def test_files_are_served_only_to_who_sees_the_subject(lanhdao, congan, police_task, bac_giang_task):
    upload = SimpleUploadedFile("Chỉ đạo.pdf", b"%PDF-1.4 chi dao")
    assert write(lanhdao, bac_giang_task, Kind.DIRECTIVE, file=upload).status_code == 302
    entry = bac_giang_task.thread_entries.get()
    assert congan.get(reverse("tasks:thread_file", args=[entry.pk])).status_code == 404
    assert lanhdao.get(reverse("tasks:thread_file", args=[entry.pk])).status_code == 200
    assert write(lanhdao, police_task, Kind.DIRECTIVE).status_code == 302
    without_file = police_task.thread_entries.get()
    assert lanhdao.get(reverse("tasks:thread_file", args=[without_file.pk])).status_code == 404


def test_an_overdue_request_is_flagged(congan, police_task):
    ThreadEntry.objects.create(
        task=police_task,
        kind=Kind.EXPLANATION_REQUEST,
        author=user("chqs"),
        text="Quá hạn rồi",
        reply_due=today - datetime.timedelta(days=1),
    )
    mine = html_of(congan, reverse("tasks:my"))
    assert "(quá hạn)" in mine and "text-danger" in mine
    assert "quá hạn, chưa trả lời" in html_of(congan, police_task.get_absolute_url())


def test_an_archived_task_keeps_its_thread_closed(lanhdao, police_task):
    assert write(lanhdao, police_task, Kind.DIRECTIVE, "Trước khi bãi bỏ").status_code == 302
    police_task.archived_at = timezone.now()
    police_task.save()
    page = html_of(lanhdao, police_task.get_absolute_url())
    assert "Trước khi bãi bỏ" in page and 'id="thread-form"' not in page
    assert write(lanhdao, police_task, Kind.DIRECTIVE).status_code == 403


def fill_thread(t, count):
    """`count` rounds of directive, explanation request and reply, each entry with a file-less author and agency."""
    for n in range(count):
        ThreadEntry.objects.create(task=t, kind=Kind.DIRECTIVE, author=user("lanhdao"), text=f"Chỉ đạo {n}")
        asked = ThreadEntry.objects.create(
            task=t,
            kind=Kind.EXPLANATION_REQUEST,
            author=user("chqs"),
            agency=user("chqs").profile.agency,
            text=f"Yêu cầu {n}",
            reply_due=LATER,
        )
        ThreadEntry.objects.create(
            task=t,
            kind=Kind.REPLY,
            author=user("congan"),
            agency=user("congan").profile.agency,
            text="Trả lời",
            answers=asked,
        )
    # and one open, which the officers' reply form lists
    ThreadEntry.objects.create(task=t, kind=Kind.EXPLANATION_REQUEST, author=user("chqs"), text="Mở", reply_due=LATER)


@pytest.mark.parametrize("rounds", [1, 8])
@pytest.mark.parametrize("persona", ["chqs", "congan", "lanhdao"])
def test_the_task_page_query_count_does_not_grow_with_the_thread(
    request, django_assert_max_num_queries, police_task, persona, rounds
):
    fill_thread(police_task, rounds)
    evidence(report(police_task, "congan"))  # the pinned count reads a report's evidence too
    client = request.getfixturevalue(persona)
    expected = DETAIL_QUERIES[persona]
    with django_assert_max_num_queries(expected) as queries:
        response = client.get(police_task.get_absolute_url())
    assert len(queries.captured_queries) == expected
    assert response.content.decode().count("Chỉ đạo ") == rounds


@pytest.mark.parametrize("rounds", [1, 8])
def test_the_programme_thread_query_count_does_not_grow(lanhdao, django_assert_max_num_queries, rounds):
    city = programme(CITY)
    for n in range(rounds):
        ThreadEntry.objects.create(programme=city, kind=Kind.DIRECTIVE, author=user("lanhdao"), text=f"Chỉ đạo {n}")
    with django_assert_max_num_queries(PROGRAMME_THREAD_QUERIES) as queries:
        response = lanhdao.get(reverse("tasks:programme_thread", args=[city.pk]))
    assert len(queries.captured_queries) == PROGRAMME_THREAD_QUERIES
    assert response.content.decode().count("Chỉ đạo ") == rounds


# Session, user, role groups, profile, the programme (visible?), its thread, the bell's unread notifications.
PROGRAMME_THREAD_QUERIES = 7


@pytest.mark.parametrize("rounds", [1, 8])
def test_my_tasks_query_count_does_not_grow_with_the_requests(
    congan, django_assert_max_num_queries, police_task, rounds
):
    for n in range(rounds):
        ThreadEntry.objects.create(
            task=police_task, kind=Kind.EXPLANATION_REQUEST, author=user("chqs"), text=f"Hỏi lần {n}", reply_due=LATER
        )
    with django_assert_max_num_queries(MY_QUERIES) as queries:
        response = congan.get(reverse("tasks:my"))
    assert len(queries.captured_queries) == MY_QUERIES
    assert response.content.decode().count("Hỏi lần ") == rounds


def test_entries_are_append_only_in_the_admin(admin, asked):
    change = admin.get(reverse("admin:tasks_threadentry_change", args=[asked.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert admin.get(reverse("admin:tasks_threadentry_add")).status_code == 403
    assert admin.post(reverse("admin:tasks_threadentry_delete", args=[asked.pk]), {"post": "yes"}).status_code == 403
    assert ThreadEntry.objects.filter(pk=asked.pk).exists()
    assert logged_in("congan").get(reverse("admin:tasks_threadentry_changelist")).status_code == 302
