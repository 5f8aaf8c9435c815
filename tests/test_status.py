from datetime import date, timedelta

import pytest

from tasks.documents.timeframe import ScheduleKind
from tasks.status import DUE_SOON_LABEL, Progress, Status, StatusCount, Summary, is_recurring
from tests.status_rules import classify, is_due_soon

DUE = date(2025, 6, 30)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("progress", "due", "done_on", "as_of", "expected"),
    [
        # Done: judged by the day it was done; the deadline day itself is on time.
        ("done", DUE, DUE - DAY, date(2025, 12, 31), Status.DONE_ON_TIME),
        ("done", DUE, DUE, date(2025, 12, 31), Status.DONE_ON_TIME),
        ("done", DUE, DUE + DAY, date(2025, 12, 31), Status.DONE_LATE),
        ("done", None, date(2030, 1, 1), date(2030, 1, 1), Status.DONE_ON_TIME),
        # Done without a date: it cannot be shown late (the same as TaskQuerySet.with_status).
        ("done", DUE, None, DUE, Status.DONE_ON_TIME),
        ("done", DUE, None, DUE + 90 * DAY, Status.DONE_ON_TIME),
        # Done after the cut-off: not yet done as of the cut-off.
        ("done", DUE, date(2025, 7, 10), DUE, Status.IN_PROGRESS_ON_TIME),
        ("done", DUE, date(2025, 7, 10), DUE + DAY, Status.IN_PROGRESS_OVERDUE),
        # In progress: overdue only from the day after the deadline.
        ("in_progress", DUE, None, DUE - DAY, Status.IN_PROGRESS_ON_TIME),
        ("in_progress", DUE, None, DUE, Status.IN_PROGRESS_ON_TIME),
        ("in_progress", DUE, None, DUE + DAY, Status.IN_PROGRESS_OVERDUE),
        ("in_progress", None, None, date(2099, 1, 1), Status.IN_PROGRESS_ON_TIME),
        # Paused work counts as in progress.
        ("paused", DUE, None, DUE, Status.IN_PROGRESS_ON_TIME),
        ("paused", DUE, None, DUE + DAY, Status.IN_PROGRESS_OVERDUE),
        ("not_started", DUE, None, DUE, Status.NOT_STARTED_ON_TIME),
        ("not_started", DUE, None, DUE + DAY, Status.NOT_STARTED_OVERDUE),
        ("not_started", None, None, date(2099, 1, 1), Status.NOT_STARTED_ON_TIME),
        # Nothing reported yet: not started.
        (None, DUE, None, DUE, Status.NOT_STARTED_ON_TIME),
        (None, DUE, None, DUE + DAY, Status.NOT_STARTED_OVERDUE),
        # The enum members themselves are accepted too.
        (Progress.DONE, DUE, DUE + DAY, DUE + DAY, Status.DONE_LATE),
    ],
)
def test_classify(progress, due, done_on, as_of, expected):
    assert classify(progress, due, done_on, as_of, recurring=False) is expected


@pytest.mark.parametrize(
    ("acceptance", "done_on", "as_of", "expected"),
    [
        # Waiting for the command: not done; overdue only if finished after the deadline, whatever the cut-off.
        ("awaiting", DUE - DAY, DUE + 90 * DAY, Status.AWAITING_ON_TIME),
        ("awaiting", DUE + DAY, DUE + DAY, Status.AWAITING_OVERDUE),
        # Accepted: done from the day it was finished; nothing asked counts the same.
        ("accepted", DUE + DAY, DUE + 90 * DAY, Status.DONE_LATE),
        ("", DUE - DAY, DUE, Status.DONE_ON_TIME),
        # Returned: in progress again, judged by the deadline.
        ("returned", DUE - DAY, DUE, Status.IN_PROGRESS_ON_TIME),
        ("returned", DUE - DAY, DUE + DAY, Status.IN_PROGRESS_OVERDUE),
    ],
)
def test_classify_with_acceptance(acceptance, done_on, as_of, expected):
    assert classify("done", DUE, done_on, as_of, recurring=False, acceptance=acceptance) is expected


@pytest.mark.parametrize("progress", [None, *Progress.values])
@pytest.mark.parametrize("done_on", [None, DUE - DAY, DUE + DAY])
def test_recurring_is_always_ongoing(progress, done_on):
    assert classify(progress, DUE, done_on, DUE + 10 * DAY, recurring=True) is Status.ONGOING


@pytest.mark.parametrize("progress", ["finished", "", "DONE"])
def test_unknown_progress_is_refused_not_guessed(progress):
    with pytest.raises(ValueError):
        classify(progress, DUE, None, DUE, recurring=False)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (ScheduleKind.ONGOING, True),
        (ScheduleKind.RECURRING, True),
        (ScheduleKind.DUE_DATE, False),
        (ScheduleKind.PHASE, False),
        (ScheduleKind.UNSPECIFIED, False),
        (ScheduleKind.UNREADABLE, False),
        (None, False),
    ],
)
def test_is_recurring(kind, expected):
    assert is_recurring(kind) is expected


AS_OF = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("progress", "due", "days", "expected"),
    [
        ("in_progress", AS_OF, 30, True),  # due today: still on time, and due soon
        ("in_progress", AS_OF + 30 * DAY, 30, True),
        ("in_progress", AS_OF + 31 * DAY, 30, False),
        ("not_started", AS_OF + 30 * DAY, 30, True),
        ("paused", AS_OF + 10 * DAY, 30, True),
        ("in_progress", AS_OF + 7 * DAY, 7, True),
        ("in_progress", AS_OF + 8 * DAY, 7, False),
        ("in_progress", AS_OF - DAY, 30, False),  # overdue is not "due soon"
        ("not_started", AS_OF - DAY, 30, False),
        ("done", AS_OF + 5 * DAY, 30, False),  # done is not "due soon"
        ("in_progress", None, 30, False),
    ],
)
def test_is_due_soon(progress, due, days, expected):
    done_on = AS_OF if progress == "done" else None
    status = classify(progress, due, done_on, AS_OF, recurring=False)
    assert is_due_soon(status, due, AS_OF, days=days) is expected


def test_ongoing_is_never_due_soon():
    assert is_due_soon(Status.ONGOING, AS_OF + DAY, AS_OF) is False


def test_due_soon_takes_status_values():
    assert is_due_soon("in_progress_on_time", AS_OF + DAY, AS_OF) is True


@pytest.mark.parametrize(
    ("status", "summary"),
    [
        (Status.DONE_ON_TIME, Summary.DONE),
        (Status.DONE_LATE, Summary.DONE),
        (Status.IN_PROGRESS_ON_TIME, Summary.NOT_DONE),
        (Status.IN_PROGRESS_OVERDUE, Summary.NOT_DONE),
        (Status.NOT_STARTED_ON_TIME, Summary.NOT_DONE),
        (Status.NOT_STARTED_OVERDUE, Summary.NOT_DONE),
        (Status.ONGOING, Summary.ONGOING),
    ],
)
def test_summary_group(status, summary):
    assert status.summary is summary
    assert status.is_done is (summary is Summary.DONE)


@pytest.mark.parametrize(
    ("status", "overdue"),
    [
        (Status.DONE_LATE, False),  # late but closed: not counted among the overdue
        (Status.IN_PROGRESS_ON_TIME, False),
        (Status.IN_PROGRESS_OVERDUE, True),
        (Status.NOT_STARTED_OVERDUE, True),
        (Status.ONGOING, False),
    ],
)
def test_is_overdue(status, overdue):
    assert status.is_overdue is overdue


@pytest.mark.parametrize(
    ("choice", "label"),
    [
        (Progress.NOT_STARTED, "Chưa thực hiện"),
        (Progress.PAUSED, "Tạm dừng"),
        (Status.DONE_ON_TIME, "Đã hoàn thành đúng hạn"),
        (Status.DONE_LATE, "Đã hoàn thành quá hạn"),
        (Status.IN_PROGRESS_ON_TIME, "Đang thực hiện trong hạn"),
        (Status.IN_PROGRESS_OVERDUE, "Đang thực hiện quá hạn"),
        (Status.NOT_STARTED_ON_TIME, "Chưa thực hiện (trong hạn)"),
        (Status.NOT_STARTED_OVERDUE, "Chưa thực hiện (quá hạn)"),
        (Status.ONGOING, "Thường xuyên"),
        (Summary.NOT_DONE, "Chưa hoàn thành"),
    ],
)
def test_labels_are_the_offices_words(choice, label):
    assert str(choice.label) == label


def test_due_soon_label():
    assert str(DUE_SOON_LABEL) == "Sắp đến hạn"


# 8 tasks: 3 done on time, 1 done late, 1 in progress on time, 1 not started overdue, 2 ongoing.
MIXED = [
    Status.DONE_ON_TIME,
    Status.ONGOING,
    Status.DONE_ON_TIME,
    Status.NOT_STARTED_OVERDUE,
    Status.DONE_LATE,
    "in_progress_on_time",
    Status.DONE_ON_TIME,
    Status.ONGOING,
]


def test_status_count_arithmetic():
    count = StatusCount.from_statuses(MIXED)
    assert count == StatusCount(
        total=8, done_on_time=3, done_late=1, in_progress_on_time=1, not_started_overdue=1, ongoing=2
    )
    assert (count.done, count.not_done, count.not_done_on_time, count.not_done_overdue, count.overdue) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert count.total == count.done + count.not_done + count.ongoing
    assert count.completion_rate == 66.7  # 4 of the 6 that can be done; ongoing left out


def test_summary_line_of_mixed_example():
    assert StatusCount.from_statuses(MIXED).summary_line() == (
        "Tổng số 8 nhiệm vụ; đã hoàn thành 4, đạt 66,7% (đúng hạn: 3, quá hạn: 1); "
        "chưa hoàn thành: 2 (trong hạn: 1, quá hạn: 1); thường xuyên: 2"
    )


def test_summary_line_without_ongoing_and_whole_percent():
    count = StatusCount.from_statuses(
        [Status.DONE_ON_TIME, Status.DONE_LATE, Status.IN_PROGRESS_OVERDUE, Status.NOT_STARTED_ON_TIME]
    )
    assert count.summary_line() == (
        "Tổng số 4 nhiệm vụ; đã hoàn thành 2, đạt 50% (đúng hạn: 1, quá hạn: 1); "
        "chưa hoàn thành: 2 (trong hạn: 1, quá hạn: 1)"
    )


@pytest.mark.parametrize(
    ("statuses", "rate"),
    [
        ([], 0.0),
        ([Status.ONGOING, Status.ONGOING], 0.0),  # nothing that can be done
        ([Status.DONE_LATE, Status.ONGOING], 100.0),  # not 50: ongoing is left out
        ([Status.DONE_ON_TIME, Status.IN_PROGRESS_ON_TIME, Status.NOT_STARTED_ON_TIME], 33.3),
        ([Status.DONE_ON_TIME, Status.DONE_ON_TIME, Status.NOT_STARTED_ON_TIME], 66.7),
        ([Status.NOT_STARTED_OVERDUE], 0.0),
    ],
)
def test_completion_rate(statuses, rate):
    assert StatusCount.from_statuses(statuses).completion_rate == rate


def test_empty_summary_line():
    assert StatusCount().summary_line() == (
        "Tổng số 0 nhiệm vụ; đã hoàn thành 0, đạt 0% (đúng hạn: 0, quá hạn: 0); "
        "chưa hoàn thành: 0 (trong hạn: 0, quá hạn: 0)"
    )


def test_counts_add_up():
    first = StatusCount.from_statuses([Status.DONE_ON_TIME, Status.ONGOING])
    second = StatusCount.from_statuses([Status.DONE_LATE, Status.IN_PROGRESS_OVERDUE])
    assert first + second == StatusCount.from_statuses(
        [Status.DONE_ON_TIME, Status.ONGOING, Status.DONE_LATE, Status.IN_PROGRESS_OVERDUE]
    )
    assert sum([first, second], StatusCount()).total == 4


def test_add_refuses_unknown_status():
    count = StatusCount()
    with pytest.raises(ValueError):
        count.add("total")  # a field name, but not a status
    assert count == StatusCount()
