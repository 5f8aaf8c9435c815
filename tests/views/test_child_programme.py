"""Plans that implement plans: a subordinate plan drawn from chosen tasks (/programmes/<id>/child/), and a task's
link to the parent task it carries out (on the assignment page)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tasks.models import Assignment, Phase, Programme, Section, Task
from tasks.planning import create_child_programme
from tests.html import find_all

from .conftest import (
    BAC_GIANG,
    BAN_CHQS,
    CITY,
    PERSONAS,
    agency,
    assignment_payload,
    child_plan,
    programme,
    task,
    user,
)

LOGIN = "302 → /accounts/login/"


def url(target):
    return reverse("tasks:child_programme", args=[target.pk])


def outcome(response):
    if response.status_code == 302:
        return f"302 → {response['Location'].split('?')[0]}"
    return str(response.status_code)


def written():
    """Everything a child plan writes, to show that a refused one wrote nothing."""
    return {
        "programmes": Programme.objects.count(),
        "phases": Phase.objects.count(),
        "sections": Section.objects.count(),
        "tasks": Task.objects.count(),
        "assignments": Assignment.objects.count(),
        "task history": Task.history.count(),
    }


def plan_data(*tasks, **changes):
    """The form as Ban CHQS thành phố would fill it for a ward's plan carrying out `tasks`."""
    data = {
        "kind": "Kế hoạch",
        "number": "15/KH-UBND",
        "title": "Thực hiện Chương trình hành động số 04/CTr-UBND",
        "issuer": "UBND phường Phan Đình Phùng",
        "year": "2025",
        "coordinating_agency": agency(BAN_CHQS).pk,
        "tasks": [t.pk for t in tasks],
    }
    return {**data, **changes}


# Who may draw up a subordinate plan


# Ban CHQS thành phố coordinates the city programme; the officers and leadership see it but do not coordinate it
# (403); nobody but the superuser and leadership sees the Bắc Giang plan, and only the superuser coordinates it.
EXPECTED = {
    "chqs": {CITY: "200", BAC_GIANG: "404"},
    "congan": {CITY: "403", BAC_GIANG: "404"},
    "yte": {CITY: "403", BAC_GIANG: "404"},
    "lanhdao": {CITY: "403", BAC_GIANG: "403"},
    "admin": {CITY: "200", BAC_GIANG: "200"},
    "anonymous": {CITY: LOGIN, BAC_GIANG: LOGIN},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open_the_page(request, persona):
    client = request.getfixturevalue(persona)
    actual = {number: outcome(client.get(url(programme(number)))) for number in (CITY, BAC_GIANG)}
    assert actual == EXPECTED[persona]


@pytest.mark.parametrize(("persona", "status"), [("congan", 403), ("lanhdao", 403), ("anonymous", 302)])
def test_a_refused_post_writes_nothing(request, persona, status):
    client = request.getfixturevalue(persona)
    before = written()
    response = client.post(url(programme(CITY)), plan_data(task(CITY, "I", "1")))
    assert response.status_code == status
    assert written() == before


def test_a_post_without_the_csrf_token_is_refused(seeded):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("chqs"))
    before = written()
    assert client.post(url(programme(CITY)), plan_data(task(CITY, "I", "1"))).status_code == 403
    assert written() == before


def test_the_task_list_offers_the_page_to_those_who_coordinate_the_programme(chqs, lanhdao):
    link = f'href="{url(programme(CITY))}"'
    assert link in chqs.get(reverse("tasks:list"), {"programme": programme(CITY).pk}).content.decode()
    assert link not in chqs.get(reverse("tasks:list")).content.decode()  # not filtered to a programme
    assert link not in lanhdao.get(reverse("tasks:list"), {"programme": programme(CITY).pk}).content.decode()


# The form


def test_the_form_starts_from_the_parent_and_the_user(chqs):
    response = chqs.get(url(programme(CITY)))
    form = response.context["form"]
    assert form["kind"].value() == "Kế hoạch"
    assert form["title"].value() == "Thực hiện chương trình hành động số 04/CTr-UBND của UBND thành phố Thái Nguyên"
    assert form["year"].value() == timezone.localdate().year
    assert form["coordinating_agency"].value() == agency(BAN_CHQS).pk
    html = response.content.decode()
    # Every current task of the programme, none ticked, under its section's heading.
    boxes = find_all(html, '//input[@type="checkbox"][@name="tasks"]')
    assert len(boxes) == 37 and all(box.get("value").isdigit() for box in boxes)
    assert not [box for box in boxes if box.get("checked") is not None]
    assert html.index("I. KIỆN TOÀN") < html.index("I.1 – Tổ chức lại Ban Chỉ huy") < html.index("II. THAM GIA")


def test_an_empty_selection_is_refused(chqs):
    before = written()
    response = chqs.post(url(programme(CITY)), plan_data())
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một nhiệm vụ của chương trình cấp trên." in response.content.decode()
    assert written() == before


def test_a_task_of_another_programme_is_refused(chqs):
    before = written()
    forged = plan_data(task(CITY, "I", "1"), task(BAC_GIANG, "I", "1"))
    response = chqs.post(url(programme(CITY)), forged)
    assert response.status_code == 400
    assert "Chỉ chọn được nhiệm vụ hiện hành của chương trình cấp trên." in response.content.decode()
    assert written() == before


def test_a_task_id_beyond_any_id_column_is_refused(chqs):
    before = written()
    forged = {**plan_data(task(CITY, "I", "1")), "tasks": [2**63]}
    response = chqs.post(url(programme(CITY)), forged)
    assert response.status_code == 400
    assert "Chỉ chọn được nhiệm vụ hiện hành của chương trình cấp trên." in response.content.decode()
    assert written() == before


def test_a_number_already_used_is_refused_with_a_form_error(chqs):
    city = programme(CITY)
    before = written()
    taken = plan_data(task(CITY, "I", "1"), number=city.number, issuer=city.issuer, year=str(city.year))
    response = chqs.post(url(city), taken)
    assert response.status_code == 400
    assert response.context["form"].errors["number"] == [
        "Đã có văn bản số 04/CTr-UBND của UBND thành phố Thái Nguyên năm 2024; hãy kiểm tra lại số, ký hiệu."
    ]
    assert written() == before


# What is created


def test_the_chosen_tasks_are_copied_and_linked_to_their_originals(chqs):
    city = programme(CITY)
    chosen = [task(CITY, "V", "5"), task(CITY, "I", "3"), task(CITY, "I", "1")]  # in any order
    response = chqs.post(url(city), plan_data(*chosen, number="15 / KH-UBND"), follow=True)
    plan = Programme.objects.get(parent=city)
    assert response.redirect_chain == [(f"{reverse('tasks:list')}?programme={plan.pk}", 302)]
    assert "Đã tạo Kế hoạch số 15/KH-UBND gồm 3 nhiệm vụ thực hiện" in response.content.decode()
    assert (plan.kind, plan.number, plan.year) == ("Kế hoạch", "15/KH-UBND", 2025)  # the number without spaces
    assert (plan.issuer, plan.coordinating_agency) == ("UBND phường Phan Đình Phùng", agency(BAN_CHQS))
    # The parent's phases, the chosen tasks' sections in the parent's order, the tasks in order.
    fields = ("number", "name", "label_as_written", "start", "end")
    assert list(plan.phases.values_list(*fields)) == list(city.phases.values_list(*fields))
    assert list(plan.sections.values_list("position", "numeral", "title")) == [
        (1, "I", city.sections.get(numeral="I").title),
        (2, "V", city.sections.get(numeral="V").title),
    ]
    copies = list(Task.objects.filter(section__programme=plan).order_by("section__position", "position"))
    assert [(c.section.numeral, c.number) for c in copies] == [("I", "1"), ("I", "3"), ("V", "5")]
    assert [c.parent_task for c in copies] == sorted(chosen, key=lambda t: (t.section.position, t.position))
    for copy in copies:
        original = copy.parent_task
        for name in (
            "content",
            "deliverable",
            "lead_as_written",
            "support_as_written",
            "timeframe_as_written",
            "schedule_kind",
            "due_on",
            "recurrence",
            "period_months",
            "conditional",
        ):
            assert getattr(copy, name) == getattr(original, name), name
        assert [p.number for p in copy.phases.all()] == [p.number for p in original.phases.all()]
        assert {p.programme_id for p in copy.phases.all()} <= {plan.pk}
        assert list(copy.assignments.values_list("agency", "role", "position")) == list(
            original.assignments.values_list("agency", "role", "position")
        )
        assert copy.history.get().history_user == user("chqs")
    # The copies are on the list the redirect shows (Ban CHQS coordinates the new plan too).
    assert response.context["table"].paginator.count == 3


def test_the_parent_decisions_are_not_copied(seeded):
    original = task(CITY, "V", "5")
    original.due_override, original.due_override_reason = timezone.localdate(), "Theo chỉ đạo của UBND thành phố"
    original.responsible_officer = user("congan")
    original.save()
    copy = Task.objects.get(section__programme=child_plan([original]))
    assert (copy.due_override, copy.due_override_reason, copy.responsible_officer) == (None, "", None)


def test_the_planning_module_checks_the_tasks_itself(seeded):
    """Callers other than the form (a command, the shell) get the same refusals, and nothing is written."""
    city, before = programme(CITY), written()
    archived = task(CITY, "I", "2")
    Task.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    for tasks, message in [
        ([], "Hãy chọn ít nhất một nhiệm vụ của chương trình cấp trên."),
        ([task(BAC_GIANG, "I", "1")], "Chỉ chọn được nhiệm vụ hiện hành của"),
        ([archived], "Chỉ chọn được nhiệm vụ hiện hành của"),
    ]:
        with pytest.raises(ValidationError) as refused:
            create_child_programme(
                city,
                tasks,
                kind="Kế hoạch",
                number="15/KH-UBND",
                title="Thực hiện",
                issuer="UBND phường",
                year=2025,
                coordinating_agency=None,
                user=user("chqs"),
            )
        assert refused.value.message_dict["tasks"][0].startswith(message)
    assert written() == before


# The link to the parent task, on the assignment page


@pytest.fixture
def child(seeded):
    """The copy of V.5 in a ward plan that Ban CHQS thành phố coordinates."""
    return Task.objects.get(section__programme=child_plan([task(CITY, "V", "5")], coordinator=BAN_CHQS))


def assign(client, t, **changes):
    return client.post(reverse("tasks:assign", args=[t.pk]), assignment_payload(t, **changes))


def test_the_assignment_page_offers_the_parent_programme_s_tasks(chqs, child):
    form = chqs.get(reverse("tasks:assign", args=[child.pk])).context["form"]
    field = form["parent_task"]
    assert field.label == "Thực hiện nhiệm vụ cấp trên"
    assert field.value() == task(CITY, "V", "5").pk
    choices = [label for _value, label in field.field.choices][1:]  # after the empty choice
    assert len(choices) == 37
    assert choices[0].startswith("I.1 – Tổ chức lại Ban Chỉ huy phòng thủ dân sự")


def test_a_task_whose_programme_has_no_parent_is_not_offered_the_link(chqs, police_task):
    assert "parent_task" not in chqs.get(reverse("tasks:assign", args=[police_task.pk])).context["form"].fields


def test_the_link_is_saved(chqs, child):
    other = task(CITY, "I", "1")
    assert assign(chqs, child, parent_task=other.pk).status_code == 302
    child.refresh_from_db()
    assert child.parent_task == other
    assert assign(chqs, child, parent_task="").status_code == 302  # and can be removed
    child.refresh_from_db()
    assert child.parent_task is None


def test_a_forged_parent_task_is_refused(chqs, child):
    version = Task.objects.get(pk=child.pk).version
    response = assign(chqs, child, parent_task=task(BAC_GIANG, "I", "1").pk)
    assert response.status_code == 400
    assert response.context["form"].errors["parent_task"] == ["Nhiệm vụ cấp trên phải thuộc chương trình cấp trên."]
    child.refresh_from_db()
    assert (child.parent_task, child.version) == (task(CITY, "V", "5"), version)


def test_the_parent_programme_a_plan_implements_is_read_not_managed(chqs, child):
    """A subordinate level reads the parent programme it carries out (here linked by an administrator to the Bắc
    Giang plan, which Ban CHQS thành phố neither coordinates nor oversees): its tasks are offered as parents and
    their pages open, but changing them stays with their own command staff."""
    parent = task(BAC_GIANG, "I", "1")
    assert chqs.get(reverse("tasks:detail", args=[parent.pk])).status_code == 404
    Programme.objects.filter(pk=child.section.programme_id).update(parent=parent.section.programme)
    assert "parent_task" in chqs.get(reverse("tasks:assign", args=[child.pk])).context["form"].fields
    assert chqs.get(reverse("tasks:detail", args=[parent.pk])).status_code == 200
    assert chqs.get(reverse("tasks:assign", args=[parent.pk])).status_code == 403
    assert assign(chqs, child, parent_task=parent.pk).status_code == 302
    child.refresh_from_db()
    assert child.parent_task == parent
