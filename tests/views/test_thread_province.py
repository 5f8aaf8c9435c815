"""Threads in a province: who may write follows the tree of units (tests/province.py) as seeing does."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tasks.models import ThreadEntry

from ..province import Province
from .test_province_access import client_of

Kind = ThreadEntry.Kind
pytestmark = pytest.mark.django_db
DUE = timezone.localdate() + datetime.timedelta(days=5)


@pytest.fixture
def province(db):
    return Province()


def write(world, username, task, kind, **extra):
    client = client_of(world, username)
    return client.post(reverse("tasks:task_thread", args=[task.pk]), {"kind": kind, "text": "Nội dung", **extra})


@pytest.mark.parametrize(
    ("username", "kind", "code"),
    [
        ("tinh_lanhdao", Kind.DIRECTIVE, 302),  # the province's leadership directs a commune's plan
        ("xa1_lanhdao", Kind.DIRECTIVE, 302),
        ("xa2_lanhdao", Kind.DIRECTIVE, 404),  # another commune's plan does not exist for it
        ("xa1_chqs", Kind.EXPLANATION_REQUEST, 302),  # the plan's own command staff
        ("tinh_chqs", Kind.EXPLANATION_REQUEST, 403),  # oversees the commune's plan, does not manage it
        ("tinh_lanhdao", Kind.EXPLANATION_REQUEST, 302),
        ("tinh_chqs", Kind.NOTE, 403),
    ],
)
def test_who_writes_on_a_commune_s_task(province, username, kind, code):
    task = province.tasks["xa1"][0]  # led by Công an xã Một
    assert write(province, username, task, kind, reply_due=DUE).status_code == code


def test_the_lead_agency_answers_and_a_supporting_department_does_not(province):
    task = province.tasks["tinh"][1]  # the province's task led by Công an xã Một, Sở Y tế supporting
    assert write(province, "tinh_chqs", task, Kind.EXPLANATION_REQUEST, reply_due=DUE).status_code == 302
    asked = task.thread_entries.get()
    mine = client_of(province, "xa1_congan").get(reverse("tasks:my")).content.decode()
    assert 'id="explanations-to-answer"' in mine
    assert 'id="explanations-to-answer"' not in client_of(province, "soyte").get(reverse("tasks:my")).content.decode()
    assert write(province, "soyte", task, Kind.REPLY, answers=asked.pk).status_code == 403
    assert write(province, "xa1_congan", task, Kind.REPLY, answers=asked.pk).status_code == 302
    assert asked.replies.get().agency.name == "Công an xã Một"
