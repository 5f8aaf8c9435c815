"""seed --demo-history: a believable past so every page has something to show; deterministic and written once."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tasks.models import Evidence, ProgressReport, Task
from tasks.periods import quarter_of
from tasks.status import Status
from tests.html import find_all, text

from .conftest import CITY, status_by_the_rules, task


def seed_history():
    out = StringIO()
    call_command("seed", "--demo-history", "--without-province", stdout=out)
    return out.getvalue()


def snapshot():
    return sorted(ProgressReport.objects.values_list("task", "agency", "status", "percent", "reported_on", "period"))


def test_the_history_has_every_kind_of_case(seeded):
    assert "Quá trình báo cáo mẫu: 20 báo cáo." in seed_history()
    today = timezone.localdate()
    tasks = Task.objects.with_status().prefetch_related("progress_reports")
    statuses = {t.reference: t.status for t in tasks.filter(section__programme__number=CITY)}
    for t in tasks.filter(progress_reports__isnull=False).distinct():
        assert t.status == status_by_the_rules(t)  # the SQL rule and its oracle agree on the demo too
    assert statuses["V.6"] == Status.DONE_ON_TIME and statuses["V.1"] == Status.DONE_LATE
    assert statuses["V.5"] == Status.IN_PROGRESS_OVERDUE and statuses["V.2"] == Status.IN_PROGRESS_ON_TIME
    accepted = task(CITY, "V", "6").progress_reports.get()
    assert (accepted.acceptance, accepted.decided_by.username, accepted.grade) == ("accepted", "chqs", "good")
    # Finished work waits for command staff; work they returned is in progress again, reported on since.
    assert statuses["V.4"] in (Status.AWAITING_ON_TIME, Status.AWAITING_OVERDUE)
    returned = task(CITY, "VI", "2").progress_reports.get(acceptance="returned")
    assert returned.decision_note and statuses["VI.2"] == Status.IN_PROGRESS_ON_TIME
    contribution = task(CITY, "V", "5").progress_reports.get(sets_status=False)
    assert contribution.agency.short_name == "Phòng Y tế"
    # Reports spread over the past quarters, none in the future.
    days = ProgressReport.objects.values_list("reported_on", flat=True)
    assert max(days) <= today and len({quarter_of(day).key for day in days}) >= 3
    # Evidence that opens as a PDF.
    files = list(Evidence.objects.all())
    assert len(files) == 5 and all(f.file.open("rb").read(5) == b"%PDF-" for f in files)


def test_a_recurring_task_shows_a_missed_quarter(seeded, chqs):
    seed_history()
    t = task(CITY, "VIII", "5")
    rows = {
        text(tr[0]): text(tr[1])
        for tr in find_all(chqs.get(t.get_absolute_url()), '//table[thead/tr/th[.="Kỳ"]]/tbody/tr')
    }
    last = quarter_of(quarter_of(timezone.localdate()).start - datetime.timedelta(days=1))
    before = quarter_of(last.start - datetime.timedelta(days=1))
    assert rows[last.label].endswith("đúng hạn · Chờ xác nhận")  # the last quarter waits for command staff
    assert "Đã xác nhận" in rows[quarter_of(before.start - datetime.timedelta(days=1)).label]
    assert rows[before.label] == "chưa báo cáo"


def test_a_second_run_writes_nothing(seeded):
    seed_history()
    before = snapshot()
    assert "Quá trình báo cáo mẫu đã có, giữ nguyên." in seed_history()
    assert snapshot() == before


def test_the_officer_s_pages_have_something_to_show(seeded, congan):
    seed_history()
    response = congan.get(reverse("tasks:my"))
    groups = {key: tasks for key, _label, tasks in response.context["sections"]}
    assert task(CITY, "V", "5") in groups["overdue"]  # in progress at 60%, past its deadline
    assert task(CITY, "VI", "2") in groups["in_progress"]  # Công an leads it with Ban CHQS: 20%, due 2030
