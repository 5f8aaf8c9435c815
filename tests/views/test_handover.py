"""Handing over (bàn giao) the city programme's open tasks after the 2025 reorganisation.

The seed records the 2025 events of fixtures/reorganisations.json: the end of the city level (its committee and
departments, no single successor: chosen task by task) and of Ban CHQS thành phố, and the Bắc Giang merger into Bắc
Ninh (one successor, proposed). The province's departments come from load_province.
"""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import Agency, Profile, Reorganisation
from agencies.province import load_province
from reports.content import gather, tasks_in_scope
from tasks.handover import HandoverConflict, hand_over, proposals
from tasks.models import Assignment, Evidence, Handover, Programme, ProgressReport, Task
from tasks.periods import parse_period
from tasks.status import Progress

from ..conftest import run
from .conftest import BAN_CHQS, CITY, CONG_AN, Y_TE, agency, evidence, programme, report, task, user

LIST = reverse("tasks:handover_list")
TN = "tỉnh Thái Nguyên"


def city_level_end():
    return Reorganisation.objects.get(basis__startswith="Luật Tổ chức chính quyền địa phương")


def police_merger():
    """Công an thành phố into Công an tỉnh from 1/7/2025 (a test's event: the seed records none for the police)."""
    load_province("Thái Nguyên")
    event = Reorganisation.objects.create(
        kind=Reorganisation.Kind.MERGED, effective_on=datetime.date(2025, 7, 1), basis="Quyết định thử số 1/QĐ"
    )
    event.former.add(agency(CONG_AN))
    event.successors.add(agency(f"Công an {TN}"))
    return event


def review(client, event):
    return client.get(reverse("tasks:handover", args=[event.pk]))


def test_who_may_open_the_handover_pages(chqs, admin, congan, lanhdao, anonymous):
    assert chqs.get(LIST).status_code == 200 and admin.get(LIST).status_code == 200
    assert congan.get(LIST).status_code == 403 and lanhdao.get(LIST).status_code == 403
    assert anonymous.get(LIST).status_code == 302
    page = chqs.get(LIST).content.decode()
    assert "Quyết định số 2786/QĐ-BQP" in page and "Nghị quyết số 202/2025/QH15" in page
    assert review(congan, city_level_end()).status_code == 403
    assert chqs.get(reverse("tasks:handover", args=[99999])).status_code == 404


def test_the_review_lists_only_open_tasks_of_the_programmes_the_user_manages(chqs, admin):
    event = city_level_end()
    offered = review(chqs, event).context["form"].proposals
    done = next(p.task for p in offered if p.task and not p.task.is_recurring)
    report(done, status=Progress.DONE)
    former = set(event.former.all())
    expected = {
        a.pk
        for a in Assignment.objects.filter(task__section__programme=programme(CITY), agency__in=former)
        if a.task_id != done.pk
    }
    rows = review(chqs, event).context["form"].proposals
    assert {int(p.key.removeprefix("task-")) for p in rows if p.task} == expected
    assert all(p.proposed is None for p in rows)  # no single successor: chosen task by task
    # The Bắc Giang plan is not Ban CHQS thành phố's: nothing of it is offered; the administrator gets it, proposed.
    merger = Reorganisation.objects.get(former_units__name="Tỉnh Bắc Giang")
    assert review(chqs, merger).context["form"].proposals == []
    offered = review(admin, merger).context["form"].proposals
    assert offered and {p.proposed.name for p in offered} == {"Sở Khoa học và Công nghệ tỉnh Bắc Ninh"}


def test_a_handover_to_several_successors_keeps_every_report_and_file(chqs, police_task):
    """The city programme's open tasks of the city's departments go to three province bodies in one confirmation."""
    load_province("Thái Nguyên")
    event = city_level_end()
    kept = report(police_task, "yte", sets_status=False)  # Phòng Y tế's part of V.5, with its evidence
    evidence(kept)
    before = (ProgressReport.objects.count(), Evidence.objects.count(), set(ProgressReport.objects.values_list()))
    rows = review(chqs, event).context["form"].proposals
    successor_of = {
        "Phòng Y tế thành phố Thái Nguyên": f"Sở Y tế {TN}",
        "Phòng Tài nguyên và Môi trường thành phố Thái Nguyên": f"Sở Nông nghiệp và Môi trường {TN}",
    }
    data = {"move_accounts": "on"}
    for proposal in rows:
        data[proposal.key] = agency(successor_of.get(proposal.former.name, f"Ủy ban nhân dân {TN}")).pk
    response = chqs.post(reverse("tasks:handover", args=[event.pk]), data)
    assert response.status_code == 302
    assert Handover.objects.count() == len(rows)
    former = set(event.former.all())
    assert not Assignment.objects.filter(task__section__programme=programme(CITY), agency__in=former).exclude(
        task__in=Task.objects.with_status().filter(status__in=["done_on_time", "done_late"])
    )
    assert (ProgressReport.objects.count(), Evidence.objects.count(), set(ProgressReport.objects.values_list())) == (
        before
    )
    # yte's whole agency went to Sở Y tế: the account followed it, and still reports on the same tasks.
    assert Profile.objects.get(user__username="yte").agency.name == f"Sở Y tế {TN}"
    assert police_task in Task.objects.visible_to(user("yte"))
    page = chqs.get(task(CITY, "VIII", "5").get_absolute_url()).content.decode()  # led by Phòng Y tế
    assert "Chuyển từ Phòng Y tế thành phố Thái Nguyên sang Sở Y tế tỉnh Thái Nguyên" in page
    # Confirmed again, nothing is left to hand over.
    assert review(chqs, event).context["form"].proposals == []


def test_a_handover_is_one_transaction(seeded, police_task):
    """A part that changed hands after the page was shown refuses the whole confirmation: nothing is saved."""
    event = police_merger()
    found = proposals(event, Programme.objects.all())
    assert len(found) >= 2
    successor = agency(f"Công an {TN}")
    last = found[-1]
    Assignment.objects.filter(pk=int(last.key.removeprefix("task-"))).update(agency=agency(Y_TE))
    assignments = list(Assignment.objects.order_by("pk").values_list("pk", "agency"))
    with pytest.raises(HandoverConflict):
        hand_over(event, [(proposal, successor) for proposal in found])
    assert list(Assignment.objects.order_by("pk").values_list("pk", "agency")) == assignments
    assert not Handover.objects.exists()


def test_reports_count_the_task_under_the_agency_in_force_at_their_cut_off(seeded, police_task):
    """V.5, led by Công an thành phố, handed over to Công an tỉnh from 1/7/2025: the Q2 2025 report counts it under
    the former, the Q4 2025 report under the successor, for the whole programme and for an agency's report."""
    event = police_merger()
    hand_over(event, [(p, p.proposed) for p in proposals(event, Programme.objects.all())])

    def content(key, **scope):
        period = parse_period(key)
        return gather(Task.objects.current(), programme(CITY), period, period.cutoff("calendar"), **scope)

    def leads(key):
        return next(row for row in content(key).rows if row.pk == police_task.pk).lead_agencies

    former, successor = agency(CONG_AN), agency(f"Công an {TN}")
    assert leads("2025-Q2") == [former.short_name]
    assert leads("2025-Q4") == [successor.short_name]
    assert former.short_name in dict(content("2025-Q2").by_lead)
    assert former.short_name not in dict(content("2025-Q4").by_lead)
    # An agency's own report: the tasks it led then. (Named through a group phrase, a task stays in both agencies'
    # reports: the successor joins the groups of its former agency, and the membership has no date.)
    q2, q4 = datetime.date(2025, 6, 30), datetime.date(2025, 12, 31)
    led = Task.objects.current().filter(section__programme=programme(CITY))
    lead = Assignment.Role.LEAD
    assert police_task in led.assigned_to(former, lead, directly=True, as_of=q2)
    assert police_task not in led.assigned_to(former, lead, directly=True, as_of=q4)
    assert police_task in led.assigned_to(successor, lead, directly=True, as_of=q4)
    assert police_task not in led.assigned_to(successor, lead, directly=True, as_of=q2)
    assert police_task in tasks_in_scope(led, programme(CITY), former, as_of=q2)


def test_the_command_proposes_dry_runs_and_hands_over(seeded):
    event = police_merger()
    named = Assignment.objects.filter(agency=agency(CONG_AN)).count()
    output = run("handover", "--reorganisation", str(event.pk), "--dry-run")
    assert "chạy thử" in output and f"→ Công an {TN}" in output
    assert not Handover.objects.exists() and Assignment.objects.filter(agency=agency(CONG_AN)).count() == named
    output = run("handover", "--reorganisation", str(event.pk))
    assert Handover.objects.exists() and "Đã bàn giao" in output
    # Open tasks moved; a done one keeps its agency as it was.
    assert Handover.objects.count() == named - Assignment.objects.filter(agency=agency(CONG_AN)).count()
    assert "Không có lần sắp xếp" in run_refused("handover", "--reorganisation", "99999")
    assert str(event.pk) in run("handover")


def run_refused(*args):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as refused:
        call_command(*args)
    return str(refused.value)


def test_a_forged_successor_or_a_banned_agency_is_refused_and_nothing_changes(chqs):
    event = city_level_end()
    rows = review(chqs, event).context["form"].proposals
    group = Agency.objects.filter(kind=Agency.Kind.GROUP).first()
    for forged in ("99999999999999999999", str(group.pk), "x", str(rows[0].former.pk)):
        response = chqs.post(reverse("tasks:handover", args=[event.pk]), {rows[0].key: forged})
        assert response.status_code == 400
        assert "Hãy chọn" in response.content.decode() or "không hợp lệ" in response.content.decode().lower()
    assert not Handover.objects.exists()
    response = chqs.post(reverse("tasks:handover", args=[event.pk]), {rows[0].key: ""})
    assert response.status_code == 400 and "Chưa chọn cơ quan nhận" in response.content.decode()


def test_the_coordination_moves_and_the_command_staff_account_with_it(chqs):
    """Ban CHQS thành phố ended: its programme and its account go to the regional defence command."""
    load_province("Thái Nguyên")
    regional = Agency.objects.create(
        name="Ban Chỉ huy Phòng thủ khu vực 1", kind=Agency.Kind.MILITARY, unit=agency(BAN_CHQS).unit.parent
    )
    event = Reorganisation.objects.get(basis__startswith="Quyết định số 2786")
    rows = review(chqs, event).context["form"].proposals
    assert any(p.task is None for p in rows)  # the coordination of 04/CTr-UBND
    data = {p.key: regional.pk for p in rows} | {"move_accounts": "on"}
    assert chqs.post(reverse("tasks:handover", args=[event.pk]), data).status_code == 302
    assert programme(CITY).coordinating_agency == regional
    assert Profile.objects.get(user__username="chqs").agency == regional
    assert all(t.pk for t in Task.objects.visible_to(user("chqs")).filter(section__programme=programme(CITY)))
    assert Task.objects.visible_to(user("chqs")).filter(section__programme=programme(CITY)).count() == 37
