"""Command staff's direct changes of a deadline (the assign form): recorded beside the extension requests, dated for
the as-of rule, shown in the task's history, and not counted as extensions an agency asked for."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.content import gather
from tasks.models import ExtensionRequest, Task
from tasks.periods import CutoffRule, parse_period, quarter_of
from tasks.status import Status

from .conftest import BAN_CHQS, CITY, CONG_AN, agency, assignment_payload, programme, task, user
from .test_extensions import ask, decide, status_of
from .test_scores import by_agency, scores_page

State = ExtensionRequest.State
today = timezone.localdate()
LATER = today + datetime.timedelta(days=60)
OTHER = today + datetime.timedelta(days=30)
LAST_QUARTER = quarter_of(quarter_of(today).start - datetime.timedelta(days=1))


def change_deadline(client, t, due, reason):
    payload = assignment_payload(t, due_override=due.isoformat() if due else "", due_override_reason=reason)
    return client.post(reverse("tasks:assign", args=[t.pk]), payload)


def report_row(t, period):
    content = gather(Task.objects.all(), programme(CITY), period, period.cutoff(CutoffRule.CALENDAR))
    return next(row for row in content.rows if row.pk == t.pk)


@pytest.fixture
def police_task_due(police_task):
    """V.5 with the document's deadline ten days before the end of the last quarter, and no override."""
    old = LAST_QUARTER.end - datetime.timedelta(days=10)
    Task.objects.filter(pk=police_task.pk).update(due_on=old, due_override=None, due_override_reason="")
    police_task.refresh_from_db()
    return police_task


def test_a_direct_change_and_its_clearing_are_recorded_and_shown(chqs, congan, police_task_due):
    old = police_task_due.due_on
    assert change_deadline(chqs, police_task_due, LATER, "Theo chỉ đạo của Chủ tịch UBND").status_code == 302
    change = police_task_due.extension_requests.get()
    assert (change.state, change.previous_due, change.granted_due) == (State.DIRECT, old, LATER)
    assert (change.decided_by, change.asked_by, change.agency) == (user("chqs"), user("chqs"), agency(BAN_CHQS))
    assert change.decided_at and change.requested_due is None
    assert status_of(police_task_due).deadline == LATER
    # Back to the document's deadline: a change too, with its own reason.
    assert change_deadline(chqs, police_task_due, None, "Trả về hạn theo văn bản").status_code == 302
    cleared = police_task_due.extension_requests.exclude(pk=change.pk).get()
    assert (cleared.state, cleared.previous_due, cleared.granted_due) == (State.DIRECT, LATER, old)
    assert status_of(police_task_due).deadline == old
    # Both in the history every reader of the task sees, newest first; none offers a decision.
    page = congan.get(police_task_due.get_absolute_url()).content.decode()
    history = page[page.index('id="extensions"') :]
    assert history.count("Ban CHQS điều chỉnh hạn trực tiếp") == 2
    assert history.index("Trả về hạn theo văn bản") < history.index("Theo chỉ đạo của Chủ tịch UBND")
    assert f"<strong>{LATER:%d/%m/%Y}</strong> (hạn trước đó: {old:%d/%m/%Y})" in history
    assert 'id="decide-extension"' not in chqs.get(police_task_due.get_absolute_url()).content.decode()
    # A direct change is no request: its decision page only says it was decided.
    response = decide(chqs, police_task_due, change, State.REFUSED, "Không")
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.state == State.DIRECT


def test_saving_the_assign_form_without_changing_the_deadline_records_nothing(chqs, police_task_due):
    payload = assignment_payload(police_task_due, responsible_officer=user("congan").pk)
    assert chqs.post(reverse("tasks:assign", args=[police_task_due.pk]), payload).status_code == 302
    assert not police_task_due.extension_requests.exists()


def test_a_report_of_the_quarter_before_a_direct_change_keeps_the_old_deadline(chqs, police_task_due):
    old = police_task_due.due_on
    assert change_deadline(chqs, police_task_due, LATER, "Bổ sung nhiệm vụ theo chỉ đạo").status_code == 302
    before, after = report_row(police_task_due, LAST_QUARTER), report_row(police_task_due, quarter_of(today))
    assert (before.deadline, before.status) == (old, Status.NOT_STARTED_OVERDUE)
    assert not any("Gia hạn" in note or "điều chỉnh" in note for note in before.notes)
    assert (after.deadline, after.status) == (LATER, Status.NOT_STARTED_ON_TIME)
    assert "Hạn do Ban CHQS điều chỉnh: Bổ sung nhiệm vụ theo chỉ đạo" in after.notes
    assert not any("Gia hạn đến" in note for note in after.notes)


def test_a_direct_change_while_a_request_waits_is_the_deadline_the_grant_replaced(chqs, congan, police_task_due):
    """Asked with the old deadline; changed directly (last quarter, say); granted today. The last quarter's report
    has the direct change's deadline in force, not the one the request was asked from."""
    old, middle = police_task_due.due_on, LAST_QUARTER.end - datetime.timedelta(days=2)
    assert ask(congan, police_task_due, due=LATER).status_code == 302
    assert change_deadline(chqs, police_task_due, middle, "Điều chỉnh theo kế hoạch").status_code == 302
    direct = police_task_due.extension_requests.get(state=State.DIRECT)
    in_last_quarter = timezone.make_aware(
        datetime.datetime.combine(LAST_QUARTER.end - datetime.timedelta(days=20), datetime.time(9))
    )
    ExtensionRequest.objects.filter(pk=direct.pk).update(decided_at=in_last_quarter)
    pending = police_task_due.extension_requests.get(state=State.PENDING)
    assert pending.previous_due == old
    assert decide(chqs, police_task_due, pending, State.APPROVED, "Đồng ý").status_code == 302
    pending.refresh_from_db()
    assert (pending.previous_due, pending.granted_due) == (middle, LATER)
    before, after = report_row(police_task_due, LAST_QUARTER), report_row(police_task_due, quarter_of(today))
    assert before.deadline == middle
    assert "Hạn do Ban CHQS điều chỉnh: Điều chỉnh theo kế hoạch" in before.notes
    assert after.deadline == LATER and f"Gia hạn đến {LATER:%d/%m/%Y}" in after.notes


def test_the_extended_filter_lists_a_grant_in_force_only(chqs, congan, police_task_due):
    def extended():
        return set(Task.objects.extended().values_list("pk", flat=True))

    change_deadline(chqs, police_task_due, OTHER, "Theo chỉ đạo")
    assert extended() == set()  # command staff's own change is no extension granted
    ask(congan, police_task_due, due=LATER)
    decide(chqs, police_task_due, police_task_due.extension_requests.get(state=State.PENDING), State.APPROVED)
    assert extended() == {police_task_due.pk}
    listed = chqs.get(reverse("tasks:list"), {"deadline": "extended"}).content.decode()
    assert f'href="/tasks/{police_task_due.pk}/' in listed
    change_deadline(chqs, police_task_due, None, "Trả về hạn theo văn bản")  # the grant is no longer in force
    assert extended() == set()


def test_scores_count_no_direct_change_as_an_extension(chqs, congan, police_task_due):
    own = task(CITY, "I", "1")  # led by Ban CHQS thành phố itself, whose direct changes these are
    change_deadline(chqs, own, LATER, "Theo chỉ đạo")
    change_deadline(chqs, police_task_due, OTHER, "Theo chỉ đạo")
    ask(congan, police_task_due, due=LATER)
    decide(chqs, police_task_due, police_task_due.extension_requests.get(state=State.PENDING), State.APPROVED)
    rows = by_agency(scores_page(chqs, programme=programme(CITY).pk))
    ban_chqs, police = rows[agency(BAN_CHQS).pk], rows[agency(CONG_AN).pk]
    assert (ban_chqs.extensions_asked, ban_chqs.extensions_granted) == (0, 0)
    assert (police.extensions_asked, police.extensions_granted) == (1, 1)


def test_a_report_of_a_past_period_before_any_change(chqs, police_task_due):
    """A deadline set directly on a task that had none: the days before have no deadline, not the new one."""
    Task.objects.filter(pk=police_task_due.pk).update(due_on=None)
    assert change_deadline(chqs, police_task_due, LATER, "Ấn định hạn").status_code == 302
    assert report_row(police_task_due, LAST_QUARTER).deadline is None
    assert report_row(police_task_due, parse_period(quarter_of(today).key)).deadline == LATER


def test_an_administrator_s_change_names_the_programme_s_coordinating_agency(admin, police_task_due):
    assert change_deadline(admin, police_task_due, LATER, "Quản trị hệ thống sửa theo văn bản").status_code == 302
    change = police_task_due.extension_requests.get()
    assert (change.state, change.agency, change.decided_by) == (State.DIRECT, agency(BAN_CHQS), user("admin"))
