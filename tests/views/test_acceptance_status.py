"""The status rule with completion acceptance, in SQL (TaskQuerySet.with_status) against its oracle
(tests.status_rules.classify), and what the counts and a report make of work that waits or was returned."""

import datetime
import itertools

import pytest

from reports.content import gather
from tasks.models import Task
from tasks.periods import CutoffRule, parse_period
from tasks.status import Acceptance, Progress, Status, StatusCount

from .conftest import CITY, programme, report, status_by_the_rules, task

DAY = datetime.timedelta(days=1)
DUE = datetime.date(2025, 12, 31)
ACCEPTANCES = ["", *Acceptance.values]
FINISHED = [DUE - DAY, DUE + DAY]


@pytest.fixture
def sent(seeded):
    """One city task per (acceptance, day finished): Công an's "done", due 31/12/2025, reported the day it finished."""
    tasks = Task.objects.filter(section__programme__number=CITY).exclude(schedule_kind__in=["ongoing", "recurring"])
    cases = {}
    for t, (acceptance, finished) in zip(tasks, itertools.product(ACCEPTANCES, FINISHED), strict=False):
        t.due_on, t.due_override = DUE, None
        t.save()
        note = "Chưa đạt." if acceptance == Acceptance.RETURNED else ""
        fields = {"completed_on": finished, "reported_on": finished, "acceptance": acceptance, "decision_note": note}
        report(t, "congan", Progress.DONE, **fields)
        cases[(acceptance, finished)] = t
    assert len(cases) == len(ACCEPTANCES) * len(FINISHED)
    return cases


@pytest.mark.parametrize("as_of", [DUE, DUE + DAY, DUE + 10 * DAY])
def test_sql_and_oracle_agree_on_every_acceptance(sent, as_of):
    judged = {t.pk: t.status for t in Task.objects.filter(pk__in=[t.pk for t in sent.values()]).with_status(as_of)}
    for (acceptance, finished), t in sent.items():
        t = Task.objects.prefetch_related("progress_reports").get(pk=t.pk)
        assert judged[t.pk] == status_by_the_rules(t, as_of), (acceptance, finished, as_of)


def test_what_each_acceptance_makes_of_the_same_done(sent):
    as_of = DUE + 10 * DAY
    judged = {t.pk: t.status for t in Task.objects.with_status(as_of)}
    expected = {
        ("", DUE - DAY): Status.DONE_ON_TIME,  # nothing asked: counted as written
        (Acceptance.ACCEPTED, DUE - DAY): Status.DONE_ON_TIME,
        (Acceptance.ACCEPTED, DUE + DAY): Status.DONE_LATE,
        (Acceptance.AWAITING, DUE - DAY): Status.AWAITING_ON_TIME,  # finished in time: not overdue while it waits
        (Acceptance.AWAITING, DUE + DAY): Status.AWAITING_OVERDUE,
        (Acceptance.RETURNED, DUE - DAY): Status.IN_PROGRESS_OVERDUE,  # returned: not done, and past its deadline
    }
    for case, status in expected.items():
        assert judged[sent[case].pk] == status, case


def test_waiting_work_is_not_done_in_the_counts_and_the_summary_line_says_so():
    count = StatusCount.from_statuses(
        [Status.DONE_ON_TIME, Status.AWAITING_ON_TIME, Status.AWAITING_OVERDUE, Status.IN_PROGRESS_ON_TIME]
    )
    assert (count.done, count.not_done, count.awaiting) == (1, 3, 2)
    assert (count.not_done_on_time, count.not_done_overdue, count.overdue) == (2, 1, 1)
    assert count.completion_rate == 25.0
    assert count.summary_line() == (
        "Tổng số 4 nhiệm vụ; đã hoàn thành 1, đạt 25% (đúng hạn: 1, quá hạn: 0); "
        "chưa hoàn thành: 3 (trong hạn: 2, quá hạn: 1; trong đó chờ xác nhận hoàn thành: 2)"
    )


def test_a_report_counts_unaccepted_done_as_not_done_and_notes_it(seeded):
    """A report of a quarter counts V.5 done only once accepted, from the day it was finished."""
    t = task(CITY, "V", "5")
    sent = report(t, "congan", Progress.DONE, completed_on=DUE - DAY, reported_on=DUE - DAY, acceptance="awaiting")
    quarter = parse_period("2025-Q4")
    window = quarter.cutoff(CutoffRule.CALENDAR)

    def row():
        content = gather(Task.objects.all(), programme(CITY), quarter, window)
        return next(r for _section, rows in content.sections for r in rows if r.pk == t.pk), content.total

    waiting, total = row()
    assert waiting.status == Status.AWAITING_ON_TIME
    assert "Báo cáo hoàn thành ngày 30/12/2025, chờ Ban CHQS xác nhận" in waiting.notes
    assert total.awaiting == 1
    sent.decide(sent.author, Acceptance.ACCEPTED)
    accepted, total_after = row()
    assert accepted.status == Status.DONE_ON_TIME and not any("chờ Ban CHQS" in n for n in accepted.notes)
    assert (total_after.done, total_after.awaiting) == (total.done + 1, 0)


def test_returned_work_shows_the_percent_reported_before_it(seeded):
    t = task(CITY, "V", "5")
    report(t, "congan", Progress.IN_PROGRESS, percent=60, reported_on=DUE - 10 * DAY)
    report(t, "congan", Progress.DONE, reported_on=DUE - DAY, acceptance="returned", decision_note="Chưa đạt.")
    judged = Task.objects.with_status(DUE).get(pk=t.pk)
    assert (judged.status, judged.percent) == (Status.IN_PROGRESS_ON_TIME, 60)
