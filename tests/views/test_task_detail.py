"""The task page (/tasks/<id>/): the task as written and as read, its reports, its audit trail, its query count."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tasks.models import Task
from tasks.status import Acceptance, Progress
from tests.html import Markup, by_id, contains_html, find, find_all, text

from .conftest import ALL_CITY_AGENCIES as ALL
from .conftest import (
    CITY,
    CONG_AN,
    Y_TE,
    agency,
    assignment_payload,
    child_plan,
    evidence,
    logged_in,
    report,
    task,
    user,
)

# Measured; the same with 1 and with 20 reports (each with an evidence file).
# Everyone: session, user, role groups, the task (with section, programme, officer), its assignments, its phases,
# the reports (with agency, author, confirmer), their evidence, the extension requests (with agency, asker,
# decider), the child tasks (none here), the thread of directives and conversation (with author, agency), and the
# profile (the menu asks for the agency). Officers add their agency and its groups (may they report?) and, as the
# lead agency, the open explanation requests their reply form lists; command staff add their agency and the three
# histories of the audit trail. And the bell's unread notifications.
DETAIL_QUERIES = {"chqs": 19, "congan": 17, "lanhdao": 14}
# A task with child tasks adds their assignments (the lead agencies of the roll-up table), however many there are.
NOW = timezone.now()
DETAIL_QUERIES_WITH_CHILDREN = {persona: count + 1 for persona, count in DETAIL_QUERIES.items()}


def page(client, t):
    response = client.get(reverse("tasks:detail", args=[t.pk]))
    assert response.status_code == 200
    return response


def dd(html, label):
    """The <dd> right after the <dt> with this label, as HTML (exact text where it is shown as written)."""
    [dt] = [dt for dt in find_all(html, "//dt") if text(dt) == label] or [None]
    assert dt is not None, f"no {label!r} on the page"
    element = dt.getnext()
    assert element.tag == "dd"
    return Markup(element, exact="as-written" in element.get("class", "").split())


def test_shows_the_task_as_written_and_as_resolved(chqs, police_task):
    html = page(chqs, police_task).content.decode()
    assert contains_html(html, '<h1 class="h4">Nhiệm vụ V.5</h1>')
    content = "Xây dựng kế hoạch sự cố an ninh mạng, bảo vệ an ninh mạng."
    assert [p.text for p in find_all(html, '//p[@class="as-written fs-6"]')] == [content]  # exactly as written
    assert dd(html, "Cơ quan chủ trì (như văn bản)") == "Công an thành phố"
    assert dd(html, "Cơ quan chủ trì (đã xác định)") == "Công an thành phố Thái Nguyên"
    assert dd(html, "Cơ quan phối hợp (như văn bản)") == "Các phòng, ban, cơ quan, đơn vị, địa phương"
    assert dd(html, "Cơ quan phối hợp (đã xác định)") == "Các phòng, ban, cơ quan, đơn vị, địa phương"
    # Written: an "x" in the first phase's column; read: by phase, due at the end of phase 1.
    timeframe = dd(html, "Thời gian thực hiện (như văn bản)")
    assert timeframe.startswith("x ")
    assert "Giai đoạn 1: Giai đoạn (đến năm 2025)" in timeframe
    assert dd(html, "Cách hiểu thời hạn") == "Theo giai đoạn"
    assert dd(html, "Hạn hoàn thành") == "31/12/2025"
    assert dd(html, "Sản phẩm") == "Quyết định của Chủ tịch UBND thành phố"
    assert "Cần rà soát" not in html


def test_a_phrase_naming_two_agencies_resolves_to_both(lanhdao):
    html = page(lanhdao, task(CITY, "VIII", "1")).content.decode()
    assert dd(html, "Cơ quan chủ trì (như văn bản)") == "Ban CHQS thành phố - Công an thành phố"
    assert dd(html, "Cơ quan chủ trì (đã xác định)") == (
        "Ban Chỉ huy quân sự thành phố Thái Nguyên; Công an thành phố Thái Nguyên"
    )


def test_a_group_phrase_is_marked_as_a_group(yte, group_task):
    html = page(yte, group_task).content.decode()
    assert dd(html, "Cơ quan chủ trì (đã xác định)") == (
        'Các phòng, ban, cơ quan, đơn vị, địa phương <span class="badge text-bg-light">nhóm</span>'
    )


def test_abbreviations_as_written_resolve_to_the_official_name(chqs, unnamed_task):
    html = page(chqs, unnamed_task).content.decode()
    assert dd(html, "Cơ quan chủ trì (như văn bản)") == escape("Phòng Tài nguyên & Môi trường")
    assert dd(html, "Cơ quan chủ trì (đã xác định)") == "Phòng Tài nguyên và Môi trường thành phố Thái Nguyên"
    assert dd(html, "Cơ quan phối hợp (như văn bản)") == "—"
    assert dd(html, "Cơ quan phối hợp (đã xác định)") == "—"


def test_the_review_note_of_x2(chqs):
    html = page(chqs, task(CITY, "X", "2")).content.decode()
    assert dd(html, "Cần rà soát") == "Văn bản không ghi cơ quan chủ trì."
    assert dd(html, "Cơ quan chủ trì (như văn bản)") == "—"
    assert dd(html, "Cơ quan chủ trì (đã xác định)") == "—"
    assert dd(html, "Thời gian thực hiện (như văn bản)").startswith("Thường xuyên ")  # in phase 1's column
    assert dd(html, "Cách hiểu thời hạn") == "Thường xuyên"
    assert dd(html, "Hạn hoàn thành") == "—"
    assert dd(html, "Sản phẩm") == "Văn bản tham gia ý kiến"


def test_a_deadline_set_by_command_staff_shows_the_original_too(chqs, police_task):
    police_task.due_override, police_task.due_override_reason = datetime.date(2027, 3, 31), "Chờ hướng dẫn của Bộ"
    police_task.save()
    html = page(chqs, police_task).content.decode()
    assert dd(html, "Hạn hoàn thành") == (
        '31/03/2027 <small class="text-muted">(Ban CHQS điều chỉnh từ 31/12/2025: Chờ hướng dẫn của Bộ)</small>'
    )


def test_status_comes_from_the_latest_lead_report(congan, police_task):
    today = timezone.localdate()
    report(police_task, "congan", Progress.IN_PROGRESS, percent=30, reported_on=today - datetime.timedelta(days=9))
    report(police_task, "yte", Progress.DONE, sets_status=False)  # a supporting agency's word does not count
    html = page(congan, police_task).content.decode()
    status = by_id(html, "task-status")
    badge = status[0]  # a link to the programme's tasks of the same status
    assert (badge.tag, badge.get("class"), text(badge)) == (
        "a",
        "badge status-in_progress_overdue",
        "Đang thực hiện quá hạn",
    )
    assert text(status).endswith("· 30%")
    listed = [row.record for row in congan.get(badge.get("href")).context["table"].paginated_rows]
    assert police_task.pk in {t.pk for t in listed}
    assert {t.status for t in listed} == {"in_progress_overdue"}


# Reports


def report_items(html):
    return [Markup(li) for li in find_all(html, '//li[@class="list-group-item small"]')]


def test_no_reports_yet(congan, police_task):
    assert contains_html(page(congan, police_task), '<li class="list-group-item text-muted">Chưa có báo cáo.</li>')


def test_reports_history_newest_first_with_everything_reported(chqs, police_task):
    today = timezone.localdate()
    report(
        police_task,
        "congan",
        Progress.IN_PROGRESS,
        percent=20,
        reported_on=today - datetime.timedelta(days=30),
        result="Đã giao Đội An ninh mạng xây dựng dự thảo.",
    )
    done = report(
        police_task,
        "congan",
        Progress.DONE,
        reported_on=today - datetime.timedelta(days=2),
        result="Đã ban hành kế hoạch.",
        document_kind="Quyết định",
        document_number="12/QĐ-UBND",
        document_date=datetime.date(2025, 3, 15),
    )
    evidence(done, "Quyết định 12.pdf")
    report(police_task, "yte", Progress.IN_PROGRESS, sets_status=False, percent=10, result="Y tế góp ý dự thảo.")
    items = report_items(page(chqs, police_task).content.decode())
    assert len(items) == 3
    newest, middle, oldest = items
    assert "Phòng Y tế" in newest and "phối hợp" in newest and "Y tế góp ý dự thảo." in newest
    finished = f"Đã hoàn thành {timezone.localdate():%d/%m/%Y} · 100%"  # the factory's completed_on: today
    assert "Công an thành phố" in middle and "chủ trì" in middle and finished in middle
    assert "Văn bản: Quyết định số 12/QĐ-UBND ngày 15/3/2025" in middle
    file = done.evidence.get()
    icon = '<img class="icon" src="/static/img/paperclip.svg" alt="" width="16" height="16">'
    assert f'<a href="/tasks/{police_task.pk}/evidence/{file.pk}/">{icon} Quyết định 12.pdf</a>' in middle
    assert "Đang thực hiện · 20%" in oldest and "Đã giao Đội An ninh mạng xây dựng dự thảo." in oldest
    assert (today - datetime.timedelta(days=30)).strftime("%d/%m/%Y") in oldest


def test_command_staff_decide_on_work_sent_as_done_from_the_page(chqs, congan, lanhdao, police_task):
    done = report(police_task, "congan", Progress.DONE, acceptance=Acceptance.AWAITING)
    decide = f'href="/tasks/{police_task.pk}/reports/{done.pk}/decide/"'
    assert decide in page(chqs, police_task).content.decode()
    for other in (congan, lanhdao):  # the agency that sent it, and leadership, do not accept it
        assert decide not in page(other, police_task).content.decode()
    html = page(congan, police_task).content.decode()
    assert "Chờ xác nhận" in html
    form = chqs.get(reverse("tasks:completion_decide", args=[police_task.pk, done.pk]))
    assert "Đã triển khai theo kế hoạch." in form.content.decode()  # the work itself, beside the decision
    data = {f"done{done.pk}-decision": "accepted", f"done{done.pk}-grade": "excellent", f"done{done.pk}-note": "Tốt."}
    response = chqs.post(reverse("tasks:completion_decide", args=[police_task.pk, done.pk]), data, follow=True)
    html = response.content.decode()
    assert "Đã xác nhận hoàn thành nhiệm vụ." in html
    assert decide not in html
    assert "Xếp loại: Xuất sắc" in html and f"{timezone.localdate():%d/%m/%Y})" in html
    done.refresh_from_db()
    assert done.decided_by == user("chqs")
    # Deciding twice changes nothing and says so.
    decided_at = done.decided_at
    again = chqs.post(reverse("tasks:completion_decide", args=[police_task.pk, done.pk]), data, follow=True)
    assert "Báo cáo này đã được xác nhận hoặc trả lại trước đó." in again.content.decode()
    done.refresh_from_db()
    assert done.decided_at == decided_at


def test_only_work_sent_by_the_lead_is_decided(chqs, police_task):
    working = report(police_task, "congan", Progress.IN_PROGRESS)
    contribution = report(police_task, "yte", Progress.DONE, sets_status=False)
    # A lead's report nobody asked to accept is told so; a contribution is not the lead's work at all.
    for undecidable, status in ((working, 302), (contribution, 404)):
        url = reverse("tasks:completion_decide", args=[police_task.pk, undecidable.pk])
        response = chqs.post(url, {f"done{undecidable.pk}-decision": "accepted"})
        assert response.status_code == status
        undecidable.refresh_from_db()
        assert undecidable.acceptance == "" and undecidable.decided_at is None


def test_evidence_downloads_under_its_original_name(congan, police_task):
    file = evidence(report(police_task, "congan"), "Biên bản họp.pdf", b"%PDF-1.7 noi dung")
    response = congan.get(reverse("tasks:evidence", args=[police_task.pk, file.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 noi dung"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf"


def test_evidence_is_only_reachable_through_its_own_task(congan, police_task, group_task):
    # Both tasks are visible to Công an, but the file belongs to V.5: asking for it under I.5 finds nothing.
    file = evidence(report(police_task, "congan"))
    assert congan.get(reverse("tasks:evidence", args=[group_task.pk, file.pk])).status_code == 404


def test_recurring_tasks_list_each_quarter_with_its_report(chqs):
    recurring = task(CITY, "X", "1")
    report(recurring, status=Progress.IN_PROGRESS, period="2025-Q1", reported_on=datetime.date(2025, 3, 20))
    report(recurring, status=Progress.IN_PROGRESS, period="2025-Q2", reported_on=datetime.date(2025, 7, 10))
    html = page(chqs, recurring).content.decode()
    assert "Báo cáo theo kỳ (nhiệm vụ thường xuyên, định kỳ)" in html
    rows = {
        text(tr[0]): Markup(tr[1])
        for tr in find_all(html, "//tr[count(td) = 2]")
        if re.fullmatch(r"Quý [IV]+ năm \d{4}", text(tr[0]))
    }
    assert next(iter(rows)) == "Quý IV năm 2024"  # the programme was issued on 31/12/2024
    assert rows["Quý I năm 2025"] == '20/03/2025 · <span class="text-success">đúng hạn</span>'
    assert rows["Quý II năm 2025"] == '10/07/2025 · <span class="text-danger">nộp muộn</span>'
    assert rows["Quý III năm 2025"] == '<span class="text-muted">chưa báo cáo</span>'


def test_tasks_with_a_deadline_have_no_quarterly_table(chqs, police_task):
    assert "Báo cáo theo kỳ" not in page(chqs, police_task).content.decode()


# Audit trail


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("chqs", True), ("admin", True), ("congan", False), ("yte", False), ("lanhdao", False)],
)
def test_the_audit_trail_is_for_command_staff_only(request, police_task, persona, shown):
    client = request.getfixturevalue(persona)
    html = page(client, police_task).content.decode()
    assert ("Nhật ký thay đổi" in html) == shown


def assign(client, t, **changes):
    """Send the assignment form as Ban CHQS would: the task as it stands, with these changes."""
    response = client.post(reverse("tasks:assign", args=[t.pk]), assignment_payload(t, **changes))
    assert response.status_code == 302


def trail(client, t):
    """(who, what, detail) rows of the audit trail, newest first."""
    html = page(client, t).content.decode()
    return [
        tuple(text(td) for td in tr[1:])
        for tr in find(html, '//div[@class="card-header"][normalize-space() = "Nhật ký thay đổi"]/..').xpath(".//tr")
        if len(tr) == 4 and all(td.tag == "td" and len(td) == 0 for td in tr)
    ]


CHQS = "Trần Văn Chỉ Huy"  # the demo accounts' full names: the trail names people, not usernames


def test_the_audit_trail_records_who_changed_what(chqs, police_task):
    assign(chqs, police_task, lead=[agency(CONG_AN).pk, agency(Y_TE).pk], support=[])
    assign(chqs, police_task, due_override="2027-03-31", due_override_reason="Chờ hướng dẫn của Bộ")
    rows = trail(chqs, police_task)
    assert rows[0] == (
        CHQS,
        "Nhiệm vụ: Sửa",
        "hạn do Ban CHQS ấn định: — → 31/03/2027; lý do điều chỉnh hạn: — → Chờ hướng dẫn của Bộ",
    )
    assert (CHQS, "Phân công: Thêm", f"Cơ quan chủ trì: {Y_TE}") in rows
    assert (CHQS, "Phân công: Bỏ", f"Cơ quan phối hợp: {ALL}") in rows
    # Công an stays the lead: nothing about it beyond the import that created it.
    assert [row for row in rows if CONG_AN in row[2]] == [("—", "Phân công: Thêm", f"Cơ quan chủ trì: {CONG_AN}")]
    # Every change is chqs's; the rows by nobody are the import that created the task and its assignments.
    assert {who for who, _subject, _detail in rows} == {CHQS, "—"}
    assert {subject for who, subject, _detail in rows if who == "—"} == {"Nhiệm vụ: Tạo mới", "Phân công: Thêm"}


def test_saving_the_form_unchanged_records_nothing(chqs, police_task):
    before = trail(chqs, police_task)
    assign(chqs, police_task)
    assign(chqs, police_task, lead=[a.pk for a in reversed(police_task.lead_agencies)])
    assert trail(chqs, police_task) == before


def test_the_first_change_to_an_imported_task_names_the_officer(chqs, police_task):
    assign(chqs, police_task, responsible_officer=user("congan").pk)
    assert trail(chqs, police_task)[0] == (CHQS, "Nhiệm vụ: Sửa", "cán bộ phụ trách: — → Lê Thị Công An")


def test_the_audit_trail_speaks_vietnamese(chqs, police_task):
    report(police_task, "congan")
    assign(chqs, police_task, lead=[agency(Y_TE).pk])
    subjects = {subject for _who, subject, _detail in trail(chqs, police_task)}
    assert subjects == {"Báo cáo tiến độ: Tạo mới", "Nhiệm vụ: Tạo mới", "Phân công: Thêm", "Phân công: Bỏ"}


def test_the_audit_trail_shows_old_and_new_values(chqs, police_task):
    assign(chqs, police_task, responsible_officer=user("congan").pk)
    assign(chqs, police_task, due_override="2027-03-31", due_override_reason="Chờ hướng dẫn của Bộ")
    assign(
        chqs, police_task, due_override="2027-06-30", due_override_reason="Chờ hướng dẫn của Bộ", responsible_officer=""
    )
    assert (
        trail(chqs, police_task)[0][2]
        == "hạn do Ban CHQS ấn định: 31/03/2027 → 30/06/2027; cán bộ phụ trách: Lê Thị Công An → —"
    )


def test_names_read_family_name_first(chqs, police_task):
    # Vietnamese names read family name first: "Lê Thị Công An", never "An Lê Thị Công".
    report(police_task, "congan")
    html = page(chqs, police_task).content.decode()
    assert contains_html(html, '<div class="text-muted">Lê Thị Công An</div>')
    assert "Trần Văn Chỉ Huy · Ban CHQS thành phố" in html  # the menu bar


# Roll-up: the subordinate levels' tasks that carry this one out


def child_copy(parent_task, number, due_in_days=30):
    """The copy of `parent_task` in a new child plan, its deadline set `due_in_days` from today."""
    child = Task.objects.get(section__programme=child_plan([parent_task], number=number))
    child.due_override = timezone.localdate() + datetime.timedelta(days=due_in_days)
    child.due_override_reason = "Theo kế hoạch của phường"
    child.save()
    return child


def children(html):
    """The roll-up line and the table rows as (programme, TT cell, lead, status) of the "Cấp dưới thực hiện" card."""
    cards = find_all(html, '//div[@id="children"]')
    if not cards:
        return None, []
    [card] = cards
    assert card.get("class") == "card mb-3"
    line = text(find(card, './/div[@id="children-line"]'))
    rows = []
    for tr in card.xpath(".//tbody/tr"):
        programme, number, lead, status = tr[:4]
        assert not len(programme) and not len(lead) and len(status) == 1 and len(status[0]) == 0
        assert status[0].tag == "span" and status[0].get("class").split()[0] == "badge"
        rows.append((text(programme), Markup(number), text(lead), text(status)))
    return line, rows


def test_a_task_without_children_has_no_roll_up(lanhdao, police_task):
    assert children(page(lanhdao, police_task).content.decode()) == (None, [])


def test_the_parent_page_rolls_up_its_children_s_status(lanhdao, police_task):
    on_time = child_copy(police_task, "15/KH-UBND")
    child_copy(police_task, "16/KH-UBND", due_in_days=-5)  # nothing reported, past its deadline
    child_copy(police_task, "17/KH-UBND")
    line, rows = children(page(lanhdao, police_task).content.decode())
    assert line == "3 nhiệm vụ cấp dưới: 0 hoàn thành, 2 đang thực hiện, 1 quá hạn"
    assert rows[0] == (
        "15/KH-UBND · UBND phường Phan Đình Phùng",
        f'<a href="/tasks/{on_time.pk}/">V.5</a>',
        "Công an thành phố",
        "Chưa thực hiện (trong hạn)",
    )
    # A child's report changes the parent's page.
    report(on_time, "congan", Progress.DONE)
    line, rows = children(page(lanhdao, police_task).content.decode())
    assert line == "3 nhiệm vụ cấp dưới: 1 hoàn thành, 1 đang thực hiện, 1 quá hạn"
    assert rows[0][3] == "Đã hoàn thành đúng hạn"


def test_a_child_task_names_the_parent_task_it_carries_out(lanhdao, police_task):
    child = child_copy(police_task, "15/KH-UBND")
    html = page(lanhdao, child).content.decode()
    assert f"V.5 của {police_task.section.programme}:" in html
    assert 'id="parent-task"' not in page(lanhdao, police_task).content.decode()


def test_an_archived_child_is_not_counted(lanhdao, police_task):
    child_copy(police_task, "15/KH-UBND")
    removed = child_copy(police_task, "16/KH-UBND", due_in_days=-5)
    Task.objects.filter(pk=removed.pk).update(archived_at=timezone.now(), archived_reason="Bãi bỏ theo văn bản sửa đổi")
    line, rows = children(page(lanhdao, police_task).content.decode())
    assert line == "1 nhiệm vụ cấp dưới: 0 hoàn thành, 1 đang thực hiện, 0 quá hạn"
    assert [programme for programme, *_rest in rows] == ["15/KH-UBND · UBND phường Phan Đình Phùng"]


@pytest.mark.parametrize(("persona", "linked"), [("chqs", False), ("congan", True), ("lanhdao", True)])
def test_a_child_is_linked_only_for_those_who_may_see_it(request, police_task, persona, linked):
    # The child plan is coordinated by UBND thành phố: Ban CHQS thành phố sees the parent task, not the copy.
    child = child_copy(police_task, "15/KH-UBND")
    _line, [row] = children(page(request.getfixturevalue(persona), police_task).content.decode())
    assert row[1] == (f'<a href="/tasks/{child.pk}/">V.5</a>' if linked else "V.5")


# Query counts


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("persona", ["chqs", "congan", "lanhdao"])
def test_query_count_does_not_grow_with_the_children(
    request, django_assert_max_num_queries, police_task, persona, count
):
    client = request.getfixturevalue(persona)
    evidence(report(police_task, "congan"))  # as in the pins above: one report with its evidence
    city_tasks = Task.objects.filter(section__programme__number=CITY).order_by("section__position", "position")
    plan = child_plan(list(city_tasks[:count]))
    Task.objects.filter(section__programme=plan).update(parent_task=police_task)
    with django_assert_max_num_queries(DETAIL_QUERIES_WITH_CHILDREN[persona]) as queries:
        response = page(client, police_task)
    assert len(queries.captured_queries) == DETAIL_QUERIES_WITH_CHILDREN[persona]
    line, rows = children(response.content.decode())
    assert line.startswith(f"{count} nhiệm vụ cấp dưới:")
    assert len(rows) == count


@pytest.mark.parametrize("reports", [1, 20])
@pytest.mark.parametrize("persona", ["chqs", "congan", "lanhdao"])
def test_query_count_does_not_grow_with_the_reports(
    request, django_assert_max_num_queries, police_task, persona, reports
):
    client = request.getfixturevalue(persona)
    staff = user("chqs")
    for i in range(reports):
        evidence(report(police_task, "congan", result=f"Báo cáo lần {i + 1}"))
        # And work sent as done and decided (by whom, with what grade): named on each, from the same queries.
        decided = {"acceptance": "returned", "decision_note": "Bổ sung.", "decided_by": staff, "decided_at": NOW}
        report(police_task, "congan", Progress.DONE, result=f"Hoàn thành lần {i + 1}", **decided)
    with django_assert_max_num_queries(DETAIL_QUERIES[persona]) as queries:
        response = page(client, police_task)
    assert len(queries.captured_queries) == DETAIL_QUERIES[persona]
    assert len(report_items(response.content.decode())) == 2 * reports
    assert response.content.decode().count("Trần Văn Chỉ Huy, ") >= reports  # who returned each


@pytest.mark.parametrize("reports", [1, 20])
def test_query_count_does_not_grow_with_reports_sent_through_the_form(
    chqs, django_assert_max_num_queries, police_task, reports
):
    # A report through the form also bumps the task's version: that must not add to the audit trail's queries.
    officer = logged_in("congan")
    for i in range(reports):
        police_task.refresh_from_db()
        sent = officer.post(
            reverse("tasks:progress", args=[police_task.pk]),
            {"version": police_task.version, "status": Progress.IN_PROGRESS, "percent": i, "result": f"Lần {i}"},
        )
        assert sent.status_code == 302
    with django_assert_max_num_queries(DETAIL_QUERIES["chqs"]) as queries:
        response = page(chqs, police_task)
    assert len(queries.captured_queries) == DETAIL_QUERIES["chqs"]
    assert len(report_items(response.content.decode())) == reports


def queries_for_page(client, t):
    with CaptureQueriesContext(connection) as queries:
        page(client, t)
    return len(queries.captured_queries)


def test_query_count_does_not_grow_with_the_task_s_changes(chqs, police_task):
    assign(chqs, police_task, responsible_officer=user("congan").pk)
    after_one_change = queries_for_page(chqs, police_task)
    for i in range(9):
        assign(chqs, police_task, responsible_officer=user("yte" if i % 2 == 0 else "congan").pk)
    assert len(trail(chqs, police_task)) >= 10
    assert queries_for_page(chqs, police_task) == after_one_change


@pytest.mark.parametrize(
    ("words", "reading", "deadline"),
    [
        ("2026 - 2030", "Có hạn cụ thể · bắt đầu 01/01/2026", "31/12/2030"),
        ("Từ tháng 3 đến tháng 6/2026", "Có hạn cụ thể · bắt đầu 01/03/2026", "30/06/2026"),
        ("6 tháng/lần", "Định kỳ, hằng năm · Định kỳ theo số tháng · 6 tháng/lần", "—"),
        ("Hằng quý", "Định kỳ, hằng năm · Hằng quý", "—"),
        ("Khi có yêu cầu", "Khi có yêu cầu, điều kiện · điều kiện: «Khi có yêu cầu»", "—"),
    ],
)
def test_the_page_shows_the_words_and_our_reading_of_them(lanhdao, words, reading, deadline):
    from tasks.documents import read_programme_file
    from tasks.documents.store import save_programme

    text = (
        "Số: 31/KH-UBND\nHà Giang, ngày 05 tháng 3 năm 2025\n\nKẾ HOẠCH\nThử nghiệm\n\n"
        "TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
        f"I\tMục một\t\t\t\n1\tViệc\tBan CHQS thành phố\t\t{words}\n"
    )
    programme, _ = save_programme(read_programme_file(text.encode(), "x.txt"))
    html = page(lanhdao, Task.objects.get(section__programme=programme)).content.decode()
    assert dd(html, "Thời gian thực hiện (như văn bản)") == f"{words} "  # each cell as written, then a space
    assert dd(html, "Cách hiểu thời hạn") == reading
    assert dd(html, "Hạn hoàn thành") == deadline
