"""A task's status as the Government Office counts it: computed from the reported progress, never typed.

Status is judged as of a date (a report's cut-off date), so the same task can be on time in one report
and overdue in the next. The deadline day itself is on time; the day after is overdue.
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields

from django.db.models import TextChoices  # only the enum; nothing here touches the database
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .documents.timeframe import ScheduleKind


class Progress(TextChoices):
    """What an agency reports about its task."""

    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    PAUSED = "paused", _("Tạm dừng")


class Acceptance(TextChoices):
    """Whether the command that assigned the task accepts a report the lead agency sent as finished work: its
    "done" on a task, its period report on a recurring one. Blank: nothing asked (a contribution, a report that is
    not "done", or the command's own report, which needs no one else's acceptance)."""

    AWAITING = "awaiting", _("Chờ xác nhận")
    ACCEPTED = "accepted", _("Đã xác nhận")
    RETURNED = "returned", _("Trả lại")


class Grade(TextChoices):
    """The grade an accepted piece of work may get, used in the annual emulation."""

    EXCELLENT = "excellent", _("Xuất sắc")
    GOOD = "good", _("Tốt")
    PASS = "pass", _("Đạt")
    FAIL = "fail", _("Không đạt")

    @property
    def points(self) -> int:
        """The grade as a number, so grades can be averaged: 4 for Xuất sắc down to 1 for Không đạt."""
        return {Grade.EXCELLENT: 4, Grade.GOOD: 3, Grade.PASS: 2, Grade.FAIL: 1}[self]

    @classmethod
    def nearest(cls, points: float) -> "Grade":
        """The grade an average of points rounds to."""
        return min(cls, key=lambda grade: abs(grade.points - points))


class Status(TextChoices):
    DONE_ON_TIME = "done_on_time", _("Đã hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Đã hoàn thành quá hạn")
    # Reported done, not yet accepted: not done. Overdue only if the work was reported finished after the deadline.
    AWAITING_ON_TIME = "awaiting_on_time", _("Chờ xác nhận hoàn thành (trong hạn)")
    AWAITING_OVERDUE = "awaiting_overdue", _("Chờ xác nhận hoàn thành (quá hạn)")
    IN_PROGRESS_ON_TIME = "in_progress_on_time", _("Đang thực hiện trong hạn")
    IN_PROGRESS_OVERDUE = "in_progress_overdue", _("Đang thực hiện quá hạn")
    NOT_STARTED_ON_TIME = "not_started_on_time", _("Chưa thực hiện (trong hạn)")
    NOT_STARTED_OVERDUE = "not_started_overdue", _("Chưa thực hiện (quá hạn)")
    ONGOING = "ongoing", _("Thường xuyên")

    @property
    def summary(self) -> "Summary":
        if self in _DONE:
            return Summary.DONE
        if self is Status.ONGOING:
            return Summary.ONGOING
        return Summary.NOT_DONE

    @property
    def is_done(self) -> bool:
        return self in _DONE

    @property
    def is_overdue(self) -> bool:
        return self in _OVERDUE


class Summary(TextChoices):
    """The three groups of a report's summary line."""

    DONE = "done", _("Đã hoàn thành")
    NOT_DONE = "not_done", _("Chưa hoàn thành")
    ONGOING = "ongoing", _("Thường xuyên")


_DONE = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE})
# Done late is not "overdue": overdue means still open after the deadline.
_OVERDUE = frozenset({Status.IN_PROGRESS_OVERDUE, Status.NOT_STARTED_OVERDUE, Status.AWAITING_OVERDUE})
AWAITING = frozenset({Status.AWAITING_ON_TIME, Status.AWAITING_OVERDUE})


class StatusGroup(TextChoices):
    """The dashboard's groups of statuses, which its counts and charts link to (the task list filters by them)."""

    DONE = "done", _("Đã hoàn thành (đúng hạn và quá hạn)")
    NOT_DONE_ON_TIME = "not_done_on_time", _("Chưa hoàn thành, trong hạn")
    NOT_DONE_OVERDUE = "not_done_overdue", _("Chưa hoàn thành, quá hạn")
    AWAITING = "awaiting", _("Chờ xác nhận hoàn thành")

    @property
    def statuses(self) -> list[Status]:
        return _GROUPS[self]


_GROUPS = {
    StatusGroup.DONE: [Status.DONE_ON_TIME, Status.DONE_LATE],
    StatusGroup.NOT_DONE_ON_TIME: [Status.IN_PROGRESS_ON_TIME, Status.NOT_STARTED_ON_TIME, Status.AWAITING_ON_TIME],
    StatusGroup.NOT_DONE_OVERDUE: [Status.IN_PROGRESS_OVERDUE, Status.NOT_STARTED_OVERDUE, Status.AWAITING_OVERDUE],
    StatusGroup.AWAITING: [Status.AWAITING_ON_TIME, Status.AWAITING_OVERDUE],
}


def statuses_of(value: str) -> list[Status]:
    """The statuses a status or a group of them stands for; none for a value that is neither."""
    if value in StatusGroup.values:
        return StatusGroup(value).statuses
    return [Status(value)] if value in Status.values else []


# Not a status of its own: a flag shown beside an open task whose deadline is near.
DUE_SOON_LABEL = _("Sắp đến hạn")


RECURRING_KINDS = (ScheduleKind.ONGOING, ScheduleKind.RECURRING)


def is_recurring(schedule_kind: str | None) -> bool:
    """Ongoing and recurring tasks are reported every period and never become simply "done"."""
    return schedule_kind in RECURRING_KINDS


def percent_text(value: float) -> str:
    # Vietnamese writes a decimal comma, and a whole number without decimals: "66,7%", "100%".
    text = f"{value:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text}%"


@dataclass
class StatusCount:
    """Counts of a group of tasks (a section, a lead agency, a programme) by status."""

    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    awaiting_on_time: int = 0
    awaiting_overdue: int = 0
    in_progress_on_time: int = 0
    in_progress_overdue: int = 0
    not_started_on_time: int = 0
    not_started_overdue: int = 0
    ongoing: int = 0

    def add(self, status: str) -> None:
        status = Status(status)  # field names are the status values
        setattr(self, status.value, getattr(self, status.value) + 1)
        self.total += 1

    @classmethod
    def from_statuses(cls, statuses: Iterable[str]) -> "StatusCount":
        count = cls()
        for status in statuses:
            count.add(status)
        return count

    def __add__(self, other: "StatusCount") -> "StatusCount":
        """Sections add up to a programme, agencies to a total."""
        if not isinstance(other, StatusCount):
            return NotImplemented
        return StatusCount(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def awaiting(self) -> int:
        return self.awaiting_on_time + self.awaiting_overdue

    @property
    def not_done_on_time(self) -> int:
        return self.in_progress_on_time + self.not_started_on_time + self.awaiting_on_time

    @property
    def not_done_overdue(self) -> int:
        return self.in_progress_overdue + self.not_started_overdue + self.awaiting_overdue

    @property
    def not_done(self) -> int:
        return self.not_done_on_time + self.not_done_overdue

    @property
    def overdue(self) -> int:
        return self.not_done_overdue

    @property
    def completion_rate(self) -> float:
        """Percent done among tasks that can be done: ongoing tasks never are, so they are left out."""
        doable = self.total - self.ongoing
        return round(self.done * 100 / doable, 1) if doable else 0.0

    def summary_line(self) -> str:
        line = gettext(
            "Tổng số %(total)d nhiệm vụ; đã hoàn thành %(done)d, đạt %(rate)s "
            "(đúng hạn: %(done_on_time)d, quá hạn: %(done_late)d); "
            "chưa hoàn thành: %(not_done)d (trong hạn: %(on_time)d, quá hạn: %(overdue)d%(awaiting)s)"
        ) % {
            "total": self.total,
            "done": self.done,
            "rate": percent_text(self.completion_rate),
            "done_on_time": self.done_on_time,
            "done_late": self.done_late,
            "not_done": self.not_done,
            "on_time": self.not_done_on_time,
            "overdue": self.not_done_overdue,
            "awaiting": gettext("; trong đó chờ xác nhận hoàn thành: %(n)d") % {"n": self.awaiting}
            if self.awaiting
            else "",
        }
        if self.ongoing:
            line += gettext("; thường xuyên: %(ongoing)d") % {"ongoing": self.ongoing}
        return line
