"""Whatever is posted to the thread of a task or a programme (any kind, date, reply target or file), the answer is
never a server error, and a refused entry writes nothing (see conftest.check)."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tasks.models import Programme, ThreadEntry

from .conftest import check, fingerprint, rolled_back
from .strategies import form_data, odd_dates, pks, text, uploads
from .test_forms_never_500 import CITY, PDF, city_task


@given(data=st.data())
def test_the_thread_form_takes_any_post(personas, data):
    task = city_task("V", "5")  # led by Công an, supported by Phòng Y tế through a group
    ThreadEntry.objects.get_or_create(
        task=task,
        kind=ThreadEntry.Kind.EXPLANATION_REQUEST,
        defaults={
            "author": get_user_model().objects.get(username="chqs"),
            "text": "Vì sao chậm?",
            "reply_due": datetime.date.today() + datetime.timedelta(days=7),
        },
    )
    username = data.draw(st.sampled_from(["admin", "chqs", "congan", "lanhdao", "yte"]), label="persona")
    url = data.draw(
        st.sampled_from(
            [
                reverse("tasks:task_thread", args=[task.pk]),
                reverse("tasks:programme_thread", args=[Programme.objects.get(number=CITY).pk]),
            ]
        ),
        label="url",
    )
    fields = dict(
        kind=st.sampled_from(ThreadEntry.Kind.values) | text,
        text=text,
        reply_due=odd_dates,
        answers=pks(ThreadEntry),
        file=uploads(("chi-dao.pdf", PDF)),
    )
    valid = {"kind": ThreadEntry.Kind.NOTE, "text": "Đã nhắc"}
    payload = data.draw(form_data(valid, **fields), label="post")
    with rolled_back():
        before = fingerprint()
        check(personas[username].post(url, payload), before)
