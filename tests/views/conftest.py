"""Personas and seeded tasks for the view tests, in the manner of the healthchecks project.

Every test here starts from `manage.py seed --demo-users --without-province`: the city programme 04/CTr-UBND (37
tasks, coordinated by Ban CHQS thành phố) and the Bắc Giang plan /KH-KHCN (5 tasks). The personas are logged-in test
clients:

- chqs: command staff of Ban CHQS thành phố, coordinator of the city programme;
- congan, yte: officers of Công an thành phố and Phòng Y tế thành phố Thái Nguyên;
- lanhdao: leadership, reads everything, changes nothing;
- admin: the superuser (no agency);
- anonymous: nobody logged in.
"""

import datetime
import html

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from agencies.models import AdministrativeUnit, Agency
from ptds.jobs import enqueue
from reports.jobs import produce_report
from reports.models import ProducedReport
from tasks.documents.timeframe import ScheduleKind
from tasks.models import Assignment, Evidence, ImportDraft, Programme, ProgressReport, Section, Task
from tasks.periods import parse_period
from tasks.planning import create_child_programme, default_title
from tasks.status import Acceptance, Progress, is_recurring
from tests.conftest import run_queued_jobs
from tests.status_rules import classify, is_due_soon

CITY = "04/CTr-UBND"
BAC_GIANG = "/KH-KHCN"
PASSWORD = "ptds-demo"

BAN_CHQS = "Ban Chỉ huy quân sự thành phố Thái Nguyên"
CONG_AN = "Công an thành phố Thái Nguyên"
Y_TE = "Phòng Y tế thành phố Thái Nguyên"
# The group phrase of the city programme that Công an and Phòng Y tế both belong to.
ALL_CITY_AGENCIES = "Các phòng, ban, cơ quan, đơn vị, địa phương"

PERSONAS = ["chqs", "congan", "yte", "lanhdao", "admin", "anonymous"]


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Evidence files land in a throw-away folder.
    settings.MEDIA_ROOT = tmp_path / "media"


def user(username):
    return get_user_model().objects.get(username=username)


def logged_in(username):
    client = Client()
    client.force_login(user(username))
    return client


@pytest.fixture
def chqs(seeded):
    return logged_in("chqs")


@pytest.fixture
def congan(seeded):
    return logged_in("congan")


@pytest.fixture
def yte(seeded):
    return logged_in("yte")


@pytest.fixture
def lanhdao(seeded):
    return logged_in("lanhdao")


@pytest.fixture
def admin(seeded):
    return logged_in("admin")


@pytest.fixture
def anonymous(seeded):
    return Client()


def agency(name):
    return Agency.objects.get(name=name)


def programme(number):
    return Programme.objects.get(number=number)


def section(number, numeral):
    return Section.objects.get(programme__number=number, numeral=numeral)


def task(number, numeral, position):
    """A seeded task by programme number, section numeral and its number in the section: task(CITY, "V", "5")."""
    return Task.objects.get(section__programme__number=number, section__numeral=numeral, number=position)


@pytest.fixture
def police_task(seeded):
    """V.5, led by Công an thành phố; Phòng Y tế is named only through the support group."""
    return task(CITY, "V", "5")


@pytest.fixture
def group_task(seeded):
    """I.5, led by the group "Các phòng, ban, cơ quan, đơn vị, địa phương": Phòng Y tế is not named directly."""
    return task(CITY, "I", "5")


@pytest.fixture
def unnamed_task(seeded):
    """IX.2, led by Phòng Tài nguyên & Môi trường alone: neither Công an nor Phòng Y tế is named."""
    return task(CITY, "IX", "2")


@pytest.fixture
def bac_giang_task(seeded):
    """I.1 of the Bắc Giang plan, which Ban CHQS thành phố does not coordinate."""
    return task(BAC_GIANG, "I", "1")


def report(task, username="chqs", status=Progress.IN_PROGRESS, **fields):
    """A progress report written straight to the database (the form is tested through the views)."""
    author = user(username)
    agency_ = getattr(getattr(author, "profile", None), "agency", None) or task.section.programme.coordinating_agency
    if status == Progress.DONE:
        fields.setdefault("completed_on", timezone.localdate())
        fields.setdefault("percent", 100)
    fields.setdefault("percent", 50)
    fields.setdefault("sets_status", True)
    fields.setdefault("result", "Đã triển khai theo kế hoạch.")
    return ProgressReport.objects.create(task=task, agency=agency_, author=author, status=status, **fields)


def evidence(report_, name="Biên bản kiểm tra.pdf", content=b"%PDF-1.4 minh chung"):
    return Evidence.objects.create(
        report=report_, file=ContentFile(content, name=name), original_name=name, kind="pdf", size=len(content)
    )


def assignment_payload(t, **changes):
    """The assignment form as Ban CHQS would send it: the task as it stands, with these changes."""
    t.refresh_from_db()
    data = {
        "version": t.version,
        "lead": [a.pk for a in t.lead_agencies],
        "support": [a.pk for a in t.support_agencies],
        "due_override": t.due_override.isoformat() if t.due_override else "",
        "due_override_reason": t.due_override_reason,
        "responsible_officer": t.responsible_officer_id or "",
        "parent_task": t.parent_task_id or "",  # offered only when the task's programme has a parent
    }
    return {**data, **changes}


UBND = "Ủy ban nhân dân thành phố Thái Nguyên"  # coordinates the child plans below unless told otherwise


def child_plan(parent_tasks, number="15/KH-UBND", coordinator=UBND):
    """A subordinate plan carrying out `parent_tasks` (copied and linked by tasks.planning), drawn up by chqs.

    Issued by phường Phan Đình Phùng, a ward under the province since 2025 (not under the city Ban CHQS thành phố
    oversees), and coordinated by UBND thành phố by default, so Ban CHQS thành phố does not see its tasks; the
    copies keep the parent's agencies, so Công an and Phòng Y tế see the copies of V.5.
    """
    parent = parent_tasks[0].section.programme
    AdministrativeUnit.objects.get_or_create(
        name="Phường Phan Đình Phùng",
        defaults={
            "place_name": "Phan Đình Phùng",
            "kind": AdministrativeUnit.Kind.COMMUNE,
            "parent": AdministrativeUnit.objects.get(name="Tỉnh Thái Nguyên"),
        },
    )
    return create_child_programme(
        parent,
        parent_tasks,
        kind="Kế hoạch",
        number=number,
        title=default_title(parent),
        issuer="UBND phường Phan Đình Phùng",
        year=2025,
        coordinating_agency=agency(coordinator),
        user=user("chqs"),
    )


def synthetic_tasks(count, numeral="XI", lead=CONG_AN, support=ALL_CITY_AGENCIES, **fields):
    """`count` tasks in a new section of the city programme, each with a lead and a support assignment."""
    city = programme(CITY)
    position = city.sections.count() + 1
    new_section = Section.objects.create(programme=city, position=position, numeral=numeral, title="Nhiệm vụ thử")
    lead_agency, support_agency = agency(lead), agency(support)
    fields.setdefault("schedule_kind", ScheduleKind.DUE_DATE)
    fields.setdefault("due_on", datetime.date(2030, 12, 31))
    tasks = []
    for i in range(1, count + 1):
        new = Task(
            section=new_section,
            position=i,
            number=str(i),
            content=f"Nhiệm vụ thử số {i} về phòng thủ dân sự",
            lead_as_written=lead_agency.short_name or lead_agency.name,
            support_as_written=support,
            timeframe_as_written=["Năm 2030"],
            deliverable="Báo cáo",
            **fields,
        )
        new.index_words()
        tasks.append(new)
    tasks = Task.objects.bulk_create(tasks)
    if not all(t.pk for t in tasks):  # databases that do not return ids from bulk inserts
        tasks = list(new_section.tasks.order_by("position"))
    Assignment.objects.bulk_create(
        [Assignment(task=t, agency=lead_agency, role=Assignment.Role.LEAD, position=1) for t in tasks]
        + [Assignment(task=t, agency=support_agency, role=Assignment.Role.SUPPORT, position=1) for t in tasks]
    )
    return tasks


def listed(response):
    """The tasks on the current page of the task list, in the order shown."""
    assert response.status_code == 200
    return [row.record for row in response.context["table"].page.object_list]


def listed_pks(response):
    return [t.pk for t in listed(response)]


@pytest.fixture
def varied_progress(seeded):
    """Reports on city tasks so that every status occurs, with the traps the status rules must get right.

    Deadlines are set relative to today (as Ban CHQS would, with a reason), so the statuses do not drift with time.
    Returns the tasks by the status they should have.
    """
    today = timezone.localdate()
    days = datetime.timedelta

    def due(numeral, number, delta):
        t = task(CITY, numeral, number)
        t.due_override, t.due_override_reason = today + days(delta), "Ban CHQS điều chỉnh hạn"
        t.save()
        return t

    done_on_time = due("V", "5", -10)
    report(done_on_time, "congan", Progress.DONE, completed_on=today - days(20), reported_on=today - days(20))
    done_late = due("V", "4", -30)
    report(done_late, "congan", Progress.DONE, completed_on=today - days(5), reported_on=today - days(5))
    in_progress_overdue = due("V", "6", -1)  # the day after the deadline is overdue
    report(in_progress_overdue, status=Progress.IN_PROGRESS, reported_on=today - days(3))
    paused_on_deadline_day = due("V", "2", 0)  # the deadline day itself is still on time; paused counts as started
    report(paused_on_deadline_day, status=Progress.PAUSED)
    due_soon = due("I", "1", 10)
    # A supporting agency's report never sets the status, however recent.
    supported = task(CITY, "I", "2")
    report(supported, status=Progress.IN_PROGRESS, reported_on=today - days(40))
    report(supported, "yte", Progress.DONE, sets_status=False)
    # A report dated after today does not count yet.
    future = task(CITY, "I", "3")
    report(future, status=Progress.DONE, reported_on=today + days(1), completed_on=today)
    # Two reports on the same day: the one written last wins.
    same_day = task(CITY, "I", "4")
    report(same_day, status=Progress.DONE, reported_on=today)
    report(same_day, status=Progress.IN_PROGRESS, reported_on=today)
    # Recurring work stays "ongoing" whatever is reported.
    ongoing = task(CITY, "VIII", "4")
    report(ongoing, "congan", Progress.IN_PROGRESS, period="2026-Q1")
    # "Done" waiting for command staff is not done: in time if finished by the deadline (VI.1, due 2030), overdue if
    # finished after it (VII.1, due 31/12/2025).
    awaiting_on_time, awaiting_overdue = task(CITY, "VI", "1"), task(CITY, "VII", "1")
    report(awaiting_on_time, "admin", Progress.DONE, acceptance=Acceptance.AWAITING)
    report(awaiting_overdue, "admin", Progress.DONE, acceptance=Acceptance.AWAITING)
    return {
        "done_on_time": done_on_time,
        "done_late": done_late,
        "in_progress_overdue": in_progress_overdue,
        "in_progress_on_time": paused_on_deadline_day,
        "due_soon": due_soon,
        "supported": supported,
        "future": future,
        "same_day": same_day,
        "ongoing": ongoing,
        "awaiting_on_time": awaiting_on_time,
        "awaiting_overdue": awaiting_overdue,
    }


def status_by_the_rules(t, as_of=None):
    """tests.status_rules.classify on the task's effective deadline and its latest status-setting report, in Python."""
    as_of = as_of or timezone.localdate()
    counted = [r for r in t.progress_reports.all() if r.sets_status and r.reported_on <= as_of]
    latest = max(counted, key=lambda r: (r.reported_on, r.created_at, r.pk), default=None)
    return classify(
        latest.status if latest else None,
        t.effective_due,
        latest.completed_on if latest else None,
        as_of,
        is_recurring(t.schedule_kind),
        latest.acceptance if latest else "",
    )


def due_soon_by_the_rules(t, as_of=None):
    as_of = as_of or timezone.localdate()
    return is_due_soon(status_by_the_rules(t, as_of), t.effective_due, as_of, django_settings.PTDS_DUE_SOON_DAYS)


def names_agency(t, agency_, role=None):
    """Whether the task names the agency, directly or through a group phrase it belongs to (in Python)."""
    return any(
        (role is None or a.role == role)
        and (a.agency == agency_ or (a.agency.kind == Agency.Kind.GROUP and agency_ in a.agency.members.all()))
        for a in t.assignments.all()
    )


def visible_by_the_rules(username):
    """The tasks the user may see, worked out in Python from the roles' rules, in document order."""
    tasks = (
        Task.objects.select_related("section__programme")
        .prefetch_related("assignments__agency__members", "progress_reports")
        .order_by("section__programme", "section__position", "position")
    )
    if username in ("lanhdao", "admin"):
        return list(tasks)
    if username == "chqs":  # command staff: the programmes their agency coordinates
        return [t for t in tasks if t.section.programme.coordinating_agency == agency(BAN_CHQS)]
    mine = agency({"congan": CONG_AN, "yte": Y_TE}[username])
    return [t for t in tasks if names_agency(t, mine)]


def confirm(client, url, data=None):
    """Confirm a reviewed draft as its page does. A confirmation the request accepts is queued and its page waits;
    the worker then saves it, and the answer is the waiting page's next one: off to what was saved, or back to the
    review saying why nothing was. A confirmation the request refuses is its own answer."""
    response = client.post(url, data or {})
    if response.status_code == 302 and response["Location"] == url:
        run_queued_jobs()
        return client.get(url)
    return response


def refusal_of(client, response):
    """The message the page of a refused upload shows once the worker has read the file. Nothing is kept of the
    file but the refused draft, which says why (and expires like any draft)."""
    assert response.status_code == 302, response.status_code
    page = client.get(response["Location"])
    draft = ImportDraft.objects.get()
    assert (draft.state, draft.upload.name) == (ImportDraft.State.FAILED, "")
    assert page.status_code == 200 and page.context["draft"] == draft
    assert draft.error and html.escape(draft.error) in page.content.decode()
    return draft.error


def queued_report(report_format="pdf", username="lanhdao"):
    """The city programme's 2025-Q4 report, asked for and queued as the report page does (ptds.jobs.enqueue)."""
    asker = user(username)
    report = ProducedReport.begin(
        programme(CITY),
        parse_period("2025-Q4"),
        "calendar",
        report_format,
        created_by=asker,
        report_date=timezone.localdate(),
    )
    report.save()
    enqueue(produce_report, report.pk, owner=asker)
    return report
