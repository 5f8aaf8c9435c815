"""Whatever is posted to ask for an extension or to decide on one (any date, state, reason or file), the answer is
never a server error, and a refused request or decision writes nothing (see conftest.check)."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tasks.models import ExtensionRequest

from .conftest import check, fingerprint, rolled_back
from .strategies import form_data, odd_dates, text, uploads
from .test_forms_never_500 import PDF, city_task

LATER = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()


@given(data=st.data())
def test_asking_for_an_extension_takes_any_post(personas, data):
    task = city_task("V", "5")  # led by Công an, supported by Phòng Y tế through a group
    username = data.draw(st.sampled_from(["admin", "chqs", "congan", "lanhdao", "yte"]), label="persona")
    fields = dict(requested_due=odd_dates, reason=text, file=uploads(("cong-van.pdf", PDF)))
    payload = data.draw(form_data({"requested_due": LATER, "reason": "Chờ kinh phí"}, **fields), label="post")
    with rolled_back():
        before = fingerprint()
        check(personas[username].post(reverse("tasks:extension", args=[task.pk]), payload), before)


@given(data=st.data())
def test_deciding_on_an_extension_takes_any_post(personas, data):
    task = city_task("V", "5")
    pending, _created = ExtensionRequest.objects.get_or_create(
        task=task,
        state=ExtensionRequest.State.PENDING,
        defaults={
            "agency": task.lead_agencies[0],
            "asked_by": get_user_model().objects.get(username="congan"),
            "previous_due": task.effective_due,
            "requested_due": LATER,
            "reason": "Chờ kinh phí",
        },
    )
    username = data.draw(st.sampled_from(["admin", "chqs", "congan", "lanhdao"]), label="persona")
    fields = dict(state=st.sampled_from(ExtensionRequest.State.values) | text, granted_due=odd_dates, reason=text)
    valid = {"state": ExtensionRequest.State.APPROVED, "reason": "Đồng ý"}
    payload = data.draw(form_data(valid, **fields), label="post")
    prefixed = {f"ext{pending.pk}-{name}": value for name, value in payload.items()}
    url = reverse("tasks:extension_decide", args=[task.pk, pending.pk])
    with rolled_back():
        before = fingerprint()
        check(personas[username].post(url, prefixed), before)
