"""Extension requests: the lead agency asks, the programme's command staff decide; the deadline moves on a grant."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tasks.models import ExtensionRequest, Task
from tasks.status import Status

from .conftest import CONG_AN, Y_TE, assignment_payload, logged_in, report, synthetic_tasks, user
from .test_task_detail import DETAIL_QUERIES

State = ExtensionRequest.State
today = timezone.localdate()
LATER = today + datetime.timedelta(days=60)
OTHER = today + datetime.timedelta(days=30)


def ask(client, t, due=LATER, reason="Chờ kinh phí bổ sung", **extra):
    return client.post(reverse("tasks:extension", args=[t.pk]), {"requested_due": due, "reason": reason, **extra})


def decide(client, t, request, state, reason="Đồng ý", granted_due=""):
    fields = {"state": state, "reason": reason, "granted_due": granted_due}
    data = {f"ext{request.pk}-{name}": value for name, value in fields.items()}
    return client.post(reverse("tasks:extension_decide", args=[t.pk, request.pk]), data)


def status_of(t):
    return Task.objects.with_status().get(pk=t.pk)


@pytest.fixture
def overdue_task(police_task):
    police_task.due_on, police_task.due_override = today - datetime.timedelta(days=10), None
    police_task.save()
    return police_task


@pytest.fixture
def pending(congan, overdue_task):
    assert ask(congan, overdue_task).status_code == 302
    return overdue_task.extension_requests.get()


def test_the_lead_agency_asks_and_the_deadline_stays(congan, overdue_task):
    assert congan.get(reverse("tasks:extension", args=[overdue_task.pk])).status_code == 200
    upload = SimpleUploadedFile("Công văn.pdf", b"%PDF-1.4 de xuat")
    response = ask(congan, overdue_task, file=upload)
    assert response.status_code == 302
    request = overdue_task.extension_requests.get()
    assert (request.state, request.requested_due, request.previous_due) == (State.PENDING, LATER, overdue_task.due_on)
    assert request.agency.name == "Công an thành phố Thái Nguyên"
    assert request.kind == "pdf" and request.original_name == "Công văn.pdf"
    assert status_of(overdue_task).deadline == overdue_task.due_on
    html = congan.get(overdue_task.get_absolute_url()).content.decode()
    assert "Chờ kinh phí bổ sung" in html and "Chờ quyết định" in html
    assert 'id="ask-extension"' not in html  # one pending at a time: no second form offered
    assert 'id="decide-extension"' not in html
    download = congan.get(reverse("tasks:extension_file", args=[overdue_task.pk, request.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 de xuat"


@pytest.mark.parametrize(("persona", "code"), [("yte", 403), ("lanhdao", 403), ("chqs", 403), ("anonymous", 302)])
def test_only_officers_of_the_lead_agency_ask(request, persona, code, overdue_task):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("tasks:extension", args=[overdue_task.pk])).status_code == code
    assert ask(client, overdue_task).status_code == code
    assert not overdue_task.extension_requests.exists()


def test_another_agency_does_not_see_the_task(congan, bac_giang_task):
    assert ask(congan, bac_giang_task).status_code == 404


@pytest.mark.parametrize(
    ("due", "reason", "message"),
    [
        (today, "Lý do", "Hạn mới phải sau ngày hôm nay."),
        ("ngày mai", "Lý do", "Nhập một ngày hợp lệ."),
        (LATER, "   ", "Cần ghi lý do đề xuất gia hạn."),
    ],
)
def test_bad_requests_are_refused_in_vietnamese(congan, overdue_task, due, reason, message):
    response = ask(congan, overdue_task, due=due, reason=reason)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_deadline_in_force_is_no_new_deadline(congan, overdue_task):
    overdue_task.due_override, overdue_task.due_override_reason = LATER, "Ban CHQS điều chỉnh"
    overdue_task.save()
    response = ask(congan, overdue_task, due=LATER)
    assert response.status_code == 400
    assert f"Hạn mới trùng hạn hiện hành ({LATER:%d/%m/%Y})." in response.content.decode()


def test_a_file_that_is_not_what_it_says_is_refused(congan, overdue_task):
    response = ask(congan, overdue_task, file=SimpleUploadedFile("giả.pdf", b"MZ not a pdf"))
    assert response.status_code == 400
    assert "không phải tệp PDF thật" in response.content.decode()


def test_a_second_pending_request_is_refused(congan, pending, overdue_task):
    response = ask(congan, overdue_task, due=OTHER)
    assert response.status_code == 400
    assert "đã có một đề xuất gia hạn đang chờ Ban CHQS quyết định" in response.content.decode()
    assert overdue_task.extension_requests.count() == 1


def test_approved_as_asked_moves_the_deadline_and_the_status(chqs, pending, overdue_task):
    assert status_of(overdue_task).status == Status.NOT_STARTED_OVERDUE
    html = chqs.get(overdue_task.get_absolute_url()).content.decode()
    assert f'action="/tasks/{overdue_task.pk}/extension/{pending.pk}/decide/"' in html
    response = decide(chqs, overdue_task, pending, State.APPROVED, "Đồng ý, bảo đảm tiến độ")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.granted_due, pending.decided_by) == (State.APPROVED, LATER, user("chqs"))
    task = status_of(overdue_task)
    assert task.deadline == LATER and task.due_override == LATER
    assert task.status == Status.NOT_STARTED_ON_TIME
    assert "Gia hạn theo đề xuất của" in task.due_override_reason
    page = chqs.get(overdue_task.get_absolute_url()).content.decode()
    assert f"Gia hạn đến <strong>{LATER:%d/%m/%Y}</strong>" in page
    # The history records it as it records a direct change of the deadline.
    assert "hạn do Ban CHQS ấn định" in page and f"{LATER:%d/%m/%Y}" in page


def test_approved_with_another_date(chqs, pending, overdue_task):
    assert decide(chqs, overdue_task, pending, State.AMENDED, "Rút ngắn", OTHER).status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.granted_due) == (State.AMENDED, OTHER)
    assert status_of(overdue_task).deadline == OTHER


@pytest.mark.parametrize(
    ("granted", "message"),
    [("", "Cần ghi hạn khác được chấp thuận."), (LATER, "Hạn này trùng hạn đề xuất"), (today, "sau ngày hôm nay")],
)
def test_another_date_is_checked(chqs, pending, overdue_task, granted, message):
    response = decide(chqs, overdue_task, pending, State.AMENDED, "Rút ngắn", granted)
    assert response.status_code == 400
    assert message in response.content.decode()
    pending.refresh_from_db()
    assert pending.is_pending


def test_refused_leaves_the_deadline(chqs, congan, pending, overdue_task):
    assert decide(chqs, overdue_task, pending, State.REFUSED, "Không có căn cứ").status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.granted_due) == (State.REFUSED, None)
    task = status_of(overdue_task)
    assert task.deadline == overdue_task.due_on and task.status == Status.NOT_STARTED_OVERDUE
    # Once decided, the lead agency may ask again.
    assert 'id="ask-extension"' in congan.get(overdue_task.get_absolute_url()).content.decode()
    assert ask(congan, overdue_task, due=OTHER).status_code == 302


def test_a_decision_needs_a_reason(chqs, pending, overdue_task):
    response = decide(chqs, overdue_task, pending, State.REFUSED, " ")
    assert response.status_code == 400
    assert "Cần ghi ý kiến, lý do của quyết định." in response.content.decode()


@pytest.mark.parametrize(("persona", "code"), [("congan", 403), ("yte", 403), ("lanhdao", 403)])
def test_only_command_staff_decide(request, persona, code, pending, overdue_task):
    client = request.getfixturevalue(persona)
    assert decide(client, overdue_task, pending, State.APPROVED).status_code == code
    pending.refresh_from_db()
    assert pending.is_pending


def test_a_request_of_another_task_is_not_found(chqs, pending, group_task):
    assert decide(chqs, group_task, pending, State.APPROVED).status_code == 404
    assert chqs.get(reverse("tasks:extension_file", args=[group_task.pk, pending.pk])).status_code == 404
    pending.refresh_from_db()
    assert pending.is_pending


def test_two_command_staff_deciding_give_one_decision(chqs, pending, overdue_task):
    # The second decided on the page as it was before the first: decide() finds the row decided.
    stale = ExtensionRequest.objects.get(pk=pending.pk)
    assert decide(chqs, overdue_task, pending, State.APPROVED).status_code == 302
    with pytest.raises(ValidationError, match="vừa được người khác quyết định"):
        stale.decide(user("chqs"), State.REFUSED, "Không đồng ý")
    pending.refresh_from_db()
    assert pending.state == State.APPROVED
    # Posted again through the page: told it was decided, nothing changes.
    again = logged_in("chqs").post(
        reverse("tasks:extension_decide", args=[overdue_task.pk, pending.pk]),
        {f"ext{pending.pk}-state": State.REFUSED, f"ext{pending.pk}-reason": "Không"},
        follow=True,
    )
    assert "Đề xuất gia hạn này đã được quyết định trước đó." in again.content.decode()
    pending.refresh_from_db()
    assert pending.state == State.APPROVED


def test_the_task_list_filter_extended(chqs, pending, overdue_task, police_task):
    listed = chqs.get(reverse("tasks:list"), {"deadline": "extended"}).content.decode()
    assert f'href="/tasks/{overdue_task.pk}/' not in listed
    decide(chqs, overdue_task, pending, State.APPROVED)
    listed = chqs.get(reverse("tasks:list"), {"deadline": "extended"}).content.decode()
    assert f'href="/tasks/{overdue_task.pk}/' in listed
    assert set(Task.objects.extended().values_list("pk", flat=True)) == {overdue_task.pk}


@pytest.mark.parametrize("decided", [1, 8])
@pytest.mark.parametrize("persona", ["chqs", "congan", "lanhdao"])
def test_the_task_page_query_count_does_not_grow_with_the_requests(
    request, django_assert_max_num_queries, overdue_task, persona, decided
):
    for n in range(decided):
        ExtensionRequest.objects.create(
            task=overdue_task,
            agency=user("congan").profile.agency,
            asked_by=user("congan"),
            requested_due=LATER + datetime.timedelta(days=n),
            reason=f"Lần {n}",
            state=State.REFUSED,
            decided_by=user("chqs"),
            decision_reason="Không",
        )
    report(overdue_task, "congan")  # the pinned count reads a report's evidence too
    ask(logged_in("congan"), overdue_task)  # and one pending, with its decision form for command staff
    client = request.getfixturevalue(persona)
    with django_assert_max_num_queries(DETAIL_QUERIES[persona]) as queries:
        response = client.get(overdue_task.get_absolute_url())
    assert len(queries.captured_queries) == DETAIL_QUERIES[persona]
    assert response.content.decode().count("Lần ") == decided


def test_my_tasks_lists_the_requests_awaiting_command_staff(chqs, congan, pending, overdue_task):
    mine = chqs.get(reverse("tasks:my")).content.decode()
    assert 'id="extensions-awaiting"' in mine and f'href="/tasks/{overdue_task.pk}/"' in mine
    assert "Chờ kinh phí bổ sung" in mine
    assert 'id="extensions-awaiting"' not in congan.get(reverse("tasks:my")).content.decode()
    decide(chqs, overdue_task, pending, State.REFUSED, "Không")
    assert 'id="extensions-awaiting"' not in chqs.get(reverse("tasks:my")).content.decode()


def test_a_requested_date_gone_by_is_not_approved_as_asked(chqs, pending, overdue_task):
    ExtensionRequest.objects.filter(pk=pending.pk).update(requested_due=today)  # asked long ago, decided late
    response = decide(chqs, overdue_task, pending, State.APPROVED)
    assert response.status_code == 400
    assert "Hạn đề xuất đã qua" in response.content.decode()
    assert decide(chqs, overdue_task, pending, State.AMENDED, "Gia hạn ngắn hơn", OTHER).status_code == 302
    assert status_of(overdue_task).deadline == OTHER


def test_an_assign_form_opened_before_a_grant_does_not_undo_it(chqs, pending, overdue_task):
    before = assignment_payload(overdue_task, due_override="", due_override_reason="Trả về hạn theo văn bản")
    decide(chqs, overdue_task, pending, State.APPROVED)
    response = chqs.post(reverse("tasks:assign", args=[overdue_task.pk]), before)
    assert response.status_code == 400
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert status_of(overdue_task).deadline == LATER
    # Command staff still change the deadline directly, recorded the same way.
    direct = assignment_payload(overdue_task, due_override=OTHER.isoformat(), due_override_reason="Theo chỉ đạo")
    assert chqs.post(reverse("tasks:assign", args=[overdue_task.pk]), direct).status_code == 302
    assert status_of(overdue_task).deadline == OTHER


def test_an_agency_named_directly_as_support_may_not_ask(yte, seeded):
    (supported,) = synthetic_tasks(1, lead=CONG_AN, support=Y_TE)
    assert yte.get(supported.get_absolute_url()).status_code == 200  # it sees the task, and may report its part
    assert 'id="ask-extension"' not in yte.get(supported.get_absolute_url()).content.decode()
    assert ask(yte, supported).status_code == 403
    assert not supported.extension_requests.exists()


@pytest.mark.parametrize("persona", ["chqs", "congan", "lanhdao"])
def test_a_forged_task_or_request_id_is_not_found(request, persona, pending, overdue_task):
    client = request.getfixturevalue(persona)
    missing = Task.objects.order_by("-pk").first().pk + 1000
    assert client.get(reverse("tasks:extension", args=[missing])).status_code == 404
    assert ask(client, Task(pk=missing)).status_code == 404
    assert decide(client, Task(pk=missing), pending, State.APPROVED).status_code == 404
    # A request that does not exist, on a task they see: not found for who may decide, forbidden for the others.
    forged = ExtensionRequest(pk=pending.pk + 1000)
    assert decide(client, overdue_task, forged, State.APPROVED).status_code == (404 if persona == "chqs" else 403)
    assert client.get(reverse("tasks:extension_file", args=[missing, pending.pk])).status_code == 404
    pending.refresh_from_db()
    assert pending.is_pending and status_of(overdue_task).deadline == overdue_task.due_on


def test_command_staff_of_another_programme_do_not_see_its_requests(chqs, bac_giang_task):
    foreign = ExtensionRequest.objects.create(
        task=bac_giang_task,
        agency=bac_giang_task.lead_agencies[0],
        asked_by=user("lanhdao"),
        requested_due=LATER,
        reason="Đề xuất của Bắc Giang",
    )
    assert decide(chqs, bac_giang_task, foreign, State.APPROVED).status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_pending


def test_a_direct_change_is_no_decision_to_post(chqs, pending, overdue_task):
    response = decide(chqs, overdue_task, pending, State.DIRECT, "Tự điều chỉnh", OTHER)
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    pending.refresh_from_db()
    assert pending.is_pending and status_of(overdue_task).deadline == overdue_task.due_on


def test_the_same_decision_posted_twice_moves_the_deadline_once(chqs, pending, overdue_task):
    first = decide(chqs, overdue_task, pending, State.AMENDED, "Rút ngắn", OTHER)
    version = Task.objects.get(pk=overdue_task.pk).version
    again = chqs.post(
        reverse("tasks:extension_decide", args=[overdue_task.pk, pending.pk]),
        {f"ext{pending.pk}-state": State.APPROVED, f"ext{pending.pk}-reason": "Đồng ý"},
        follow=True,
    )
    assert first.status_code == 302 and again.status_code == 200
    assert "Đề xuất gia hạn này đã được quyết định trước đó." in again.content.decode()
    pending.refresh_from_db()
    assert (pending.state, pending.granted_due) == (State.AMENDED, OTHER)
    assert Task.objects.get(pk=overdue_task.pk).version == version and status_of(overdue_task).deadline == OTHER
