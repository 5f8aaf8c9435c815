"""Read the timeframe words of a programme's task table into a schedule.

The words themselves are always kept by the caller; a schedule is only our reading of them. Words we
cannot read give an UNREADABLE schedule, flagged for review, never an exception and never a guess.
Phrases are matched on folded text (see agencies.text.fold), so accents and case do not matter.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import TextChoices  # only the enum; nothing here touches the database
from django.utils.translation import gettext_lazy as _

from agencies.text import fold, nfc

from ..periods import month_end


class ScheduleKind(TextChoices):
    """How a task's timeframe reads; the model, the list filter and the JSON form all take these."""

    DUE_DATE = "due_date", _("Có hạn cụ thể")  # a date read from words: "Quý I năm 2025"
    PHASE = "phase", _("Theo giai đoạn")  # "x" under phase column(s)
    ONGOING = "ongoing", _("Thường xuyên")  # "Thường xuyên"
    RECURRING = "recurring", _("Định kỳ, hằng năm")  # "Hằng năm", "Định kỳ", ...
    UNSPECIFIED = "unspecified", _("Không ghi thời gian")  # all time cells empty
    UNREADABLE = "unreadable", _("Chưa đọc được, cần rà soát")  # words we could not read: kept and flagged


class Recurrence(TextChoices):
    YEARLY = "yearly", _("Hằng năm")
    YEARLY_OR_AD_HOC = "yearly_or_ad_hoc", _("Hằng năm hoặc đột xuất")
    PERIODIC = "periodic", _("Định kỳ")


@dataclass(frozen=True)
class PhaseSpan:
    number: int  # 1-based
    start: date | None  # None: open start
    end: date | None  # None: open-ended


@dataclass(frozen=True)
class Schedule:
    kind: str
    due: date | None = None
    phases: tuple[int, ...] = ()
    recurrence: str | None = None
    conditional: str | None = None  # the condition clause as written

    @property
    def needs_review(self) -> bool:
        return self.kind == ScheduleKind.UNREADABLE

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "phases": list(self.phases),
            "recurrence": self.recurrence,
            "conditional": self.conditional,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Schedule":
        due = data.get("due")
        return cls(
            kind=data["kind"],
            due=date.fromisoformat(due) if due else None,
            phases=tuple(data.get("phases") or ()),
            recurrence=data.get("recurrence"),
            conditional=data.get("conditional"),
        )


# Phase headers: "(2026 - 2030)" or "Từ năm 2026 đến năm 2030 và những năm tiếp theo".
_PHASE_RANGE = re.compile(r"\b(\d{4}) ?(?:[-–—]|\bden(?: nam)?) ?(\d{4})\b")
# "(sau năm 2030)": the phase starts the year after.
_PHASE_AFTER = re.compile(r"\bsau nam (\d{4})\b")
# "(đến năm 2025)", "Đến năm 2025, tập trung vào ...": open start.
_PHASE_UNTIL = re.compile(r"\bden nam (\d{4})\b")


def read_phase_span(label: str, number: int) -> PhaseSpan:
    """The years a phase column header or body heading names; unreadable gives an open span."""
    words = fold(label)
    try:
        if match := _PHASE_RANGE.search(words):
            start, end = date(int(match[1]), 1, 1), date(int(match[2]), 12, 31)
            # "(2030 - 2026)" is a typo we cannot read, not a phase that ends before it starts.
            return PhaseSpan(number, start, end) if start <= end else PhaseSpan(number, None, None)
        if match := _PHASE_AFTER.search(words):
            return PhaseSpan(number, date(int(match[1]) + 1, 1, 1), None)
        if match := _PHASE_UNTIL.search(words):
            return PhaseSpan(number, None, date(int(match[1]), 12, 31))
    except ValueError:  # a year date() cannot hold, e.g. "sau năm 9999"
        pass
    return PhaseSpan(number, None, None)


# "khi" and "sau" carry no accents, so they are matched on the text as written (ignoring case): on folded
# text "khi" would also match "khí" (gas). The clause runs to the end of its sentence.
_CONDITION = re.compile(r"\b(?:sau\s+)?khi\b[^.;]*", re.IGNORECASE)
# The level above: "cấp trên", or "của trên" as one document shortens it.
_HIGHER_LEVEL = re.compile(r"\b(?:cap|cua) tren\b")


def read_condition(deliverable: str) -> str | None:
    """The "(sau) khi ... cấp trên ..." clause of a deliverable note, as written, else None."""
    for match in _CONDITION.finditer(nfc(deliverable)):
        clause = match.group().rstrip(" ,")
        if _HIGHER_LEVEL.search(fold(clause)):
            return clause
    return None


_WORDS = {
    "thuong xuyen": (ScheduleKind.ONGOING, None),
    "hang nam": (ScheduleKind.RECURRING, Recurrence.YEARLY),  # "Hàng năm" and "Hằng năm" fold alike
    "hang nam hoac dot xuat": (ScheduleKind.RECURRING, Recurrence.YEARLY_OR_AD_HOC),
    "dinh ky": (ScheduleKind.RECURRING, Recurrence.PERIODIC),
}
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter(match, default_year):
    return month_end(int(match[2]), 3 * _QUARTERS[match[1]])


def _half(match, default_year):
    year = int(match[2]) if match[2] else default_year
    if year is None:
        raise ValueError("no year")
    return date(year, 6, 30) if match[1] == "dau" else date(year, 12, 31)


def _month(match, default_year):
    return month_end(int(match[2]), int(match[1]))


def _year(match, default_year):
    return date(int(match[1]), 12, 31)


def _day(match, default_year):
    return date(int(match[3]), int(match[2]), int(match[1]))


# Each pattern must match the whole folded cell; its reader raises ValueError on a date that cannot be.
_DUE_PATTERNS = (
    # "Quý I năm 2025", "Quý IV/2026", "Quý 2 năm 2025"
    (re.compile(r"quy (iv|i{1,3}|[1-4]) ?(?:/|nam) ?(\d{4})"), _quarter),
    # "6 tháng đầu năm 2026"; without a year the programme's own year is meant
    (re.compile(r"6 thang (dau|cuoi) nam(?: (\d{4}))?"), _half),
    # "Tháng 6/2025", "Tháng 6 năm 2025"
    (re.compile(r"thang (\d{1,2}) ?(?:/|nam) ?(\d{4})"), _month),
    # "Năm 2027"
    (re.compile(r"nam (\d{4})"), _year),
    # "Trước ngày 30/6/2025", "Hoàn thành trước ngày 15/3/2025", "30/6/2025"
    (re.compile(r"(?:hoan thanh )?(?:truoc )?(?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4})"), _day),
)


def _read_cell(words, span, default_year):
    """Our reading of one non-empty folded cell; span is its phase column, None for a lone cell."""
    if words == "x":
        if span is None:
            return Schedule(ScheduleKind.UNREADABLE)
        return Schedule(ScheduleKind.PHASE, due=span.end)
    if words in _WORDS:
        kind, recurrence = _WORDS[words]
        return Schedule(kind, recurrence=recurrence)
    for pattern, reader in _DUE_PATTERNS:
        if match := pattern.fullmatch(words):
            try:
                return Schedule(ScheduleKind.DUE_DATE, due=reader(match, default_year))
            except ValueError:  # "Tháng 13/2025", "31/2/2025", "6 tháng đầu năm" with no year known
                return Schedule(ScheduleKind.UNREADABLE)
    return Schedule(ScheduleKind.UNREADABLE)


# When cells disagree, the first kind in this order wins.
_PRECEDENCE = (ScheduleKind.RECURRING, ScheduleKind.ONGOING, ScheduleKind.DUE_DATE, ScheduleKind.PHASE)


def read_timeframe(
    cells: Sequence[str],
    phases: Sequence[PhaseSpan] = (),
    deliverable: str = "",
    default_year: int | None = None,
) -> Schedule:
    """Read one task row's time cells: one per phase column, or a single cell when there are no phases."""
    conditional = read_condition(deliverable)
    spans = phases if len(phases) == len(cells) else [None] * len(cells)
    readings = []  # (span, reading) of each non-empty cell, in column order
    for text, span in zip(cells, spans, strict=True):
        if words := fold(text).strip(" .;,"):  # "Thường xuyên." reads as "Thường xuyên"
            readings.append((span, _read_cell(words, span, default_year)))
    numbers = tuple(span.number for span, reading in readings if span and not reading.needs_review)
    if any(reading.needs_review for _, reading in readings):
        return Schedule(ScheduleKind.UNREADABLE, phases=numbers, conditional=conditional)
    if not readings:
        return Schedule(ScheduleKind.UNSPECIFIED, conditional=conditional)
    kind = next(kind for kind in _PRECEDENCE if any(reading.kind == kind for _, reading in readings))
    chosen = [reading for _, reading in readings if reading.kind == kind]
    if kind == ScheduleKind.DUE_DATE:
        due = max(reading.due for reading in chosen)
    else:  # marks: the end of the last marked phase; recurring and ongoing work have no due date
        due = chosen[-1].due
    return Schedule(kind, due, numbers, chosen[0].recurrence, conditional)
