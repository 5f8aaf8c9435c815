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
    CONDITIONAL = "conditional", _("Khi có yêu cầu, điều kiện")  # "Khi có yêu cầu": no date, a condition
    UNSPECIFIED = "unspecified", _("Không ghi thời gian")  # all time cells empty
    UNREADABLE = "unreadable", _("Chưa đọc được, cần rà soát")  # words we could not read: kept and flagged


class Recurrence(TextChoices):
    YEARLY = "yearly", _("Hằng năm")
    YEARLY_OR_AD_HOC = "yearly_or_ad_hoc", _("Hằng năm hoặc đột xuất")
    PERIODIC = "periodic", _("Định kỳ")  # the interval is a setting of the task
    QUARTERLY = "quarterly", _("Hằng quý")
    MONTHLY = "monthly", _("Hằng tháng")
    EVERY_N_MONTHS = "every_n_months", _("Định kỳ theo số tháng")  # "6 tháng/lần": Schedule.every_months


# Months between two runs of each recurrence whose name says it; "Định kỳ" leaves it to command staff.
_RECURRENCE_MONTHS = {
    Recurrence.YEARLY: 12,
    Recurrence.YEARLY_OR_AD_HOC: 12,
    Recurrence.QUARTERLY: 3,
    Recurrence.MONTHLY: 1,
}


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
    start: date | None = None  # the start the words name: "2026-2030", "Từ tháng 3 đến tháng 6/2026"
    every_months: int | None = None  # "6 tháng/lần": the N of Recurrence.EVERY_N_MONTHS

    @property
    def needs_review(self) -> bool:
        return self.kind == ScheduleKind.UNREADABLE

    @property
    def period_months(self) -> int | None:
        """Months between two runs, as Task.period_months keeps it; None when the words do not say."""
        return _RECURRENCE_MONTHS.get(self.recurrence, self.every_months)

    def to_dict(self) -> dict:
        data = {
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "phases": list(self.phases),
            "recurrence": self.recurrence,
            "conditional": self.conditional,
        }
        # Only when the words name them, so that the JSON of every other schedule keeps its shape.
        if self.start:
            data["start"] = self.start.isoformat()
        if self.every_months:
            data["every_months"] = self.every_months
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Schedule":
        due, start = data.get("due"), data.get("start")
        return cls(
            kind=data["kind"],
            due=date.fromisoformat(due) if due else None,
            phases=tuple(data.get("phases") or ()),
            recurrence=data.get("recurrence"),
            conditional=data.get("conditional"),
            start=date.fromisoformat(start) if start else None,
            every_months=data.get("every_months"),
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
    "hang quy": (ScheduleKind.RECURRING, Recurrence.QUARTERLY),
    "hang thang": (ScheduleKind.RECURRING, Recurrence.MONTHLY),
}
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# "6 tháng/lần" with these N is a recurrence that has its own name.
_NAMED_EVERY = {1: Recurrence.MONTHLY, 3: Recurrence.QUARTERLY, 12: Recurrence.YEARLY}


def _canonical(words):
    """One spelling of folded words: "Quí  IV /2025", "quý IV–2025" and "năm2025" read as documents mean them."""
    words = re.sub(r"[\u2010-\u2015\u2212]", "-", words)  # en and em dashes, minus: a hyphen
    words = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", words)  # "năm2025", "Quý4"
    words = re.sub(r"\s*/\s*", "/", words)
    words = re.sub(r"\s*-\s*", " - ", words)
    words = re.sub(r"\bqui\b", "quy", words)  # "Quí" is an old spelling of "Quý"
    return re.sub(r"\s+", " ", words).strip()


# The periods a cell names, each read as (first day, last day); `year` is the written year or a stand-in.
def _quarter(match, year):
    quarter = _QUARTERS[match[1]]
    return date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)


def _half(match, year):
    return (date(year, 1, 1), date(year, 6, 30)) if match[1] == "dau" else (date(year, 7, 1), date(year, 12, 31))


def _month(match, year):
    month = int(match[1])
    return date(year, month, 1), month_end(year, month)


def _year(match, year):
    return date(year, 1, 1), date(year, 12, 31)


def _day(match, year):
    day = date(year, int(match[2]), int(match[1]))
    return day, day


_ROMAN = r"(iv|i{1,3}|[1-4])"
_YEAR = r"(?P<year>\d{4})"
_BEFORE_YEAR = r"(?:/| - | nam | )"  # "Quý IV/2025", "Quý IV-2025", "Quý IV năm 2025", "Quý IV 2025"
# Each pattern must match the whole canonical cell; the flag: without a written year the programme's is meant.
_PERIODS = (
    # "Quý I năm 2025", "Quý IV/2026", "quý 4/2025", "QIV/2025", "Quí IV-2025"
    (re.compile(rf"(?:quy|q) ?{_ROMAN}(?:{_BEFORE_YEAR}{_YEAR})?"), _quarter, False),
    # "6 tháng đầu năm 2026"; without a year the programme's own year is meant
    (re.compile(rf"6 thang (dau|cuoi) nam(?: {_YEAR})?"), _half, True),
    # "Tháng 6/2025", "tháng 12 năm 2025", "6/2025"
    (re.compile(rf"thang (\d{{1,2}})(?:{_BEFORE_YEAR}{_YEAR})?"), _month, False),
    (re.compile(rf"(\d{{1,2}})/{_YEAR}"), _month, False),
    # "2025", "Năm 2027", "Trong năm 2025"
    (re.compile(rf"(?:trong )?(?:nam )?{_YEAR}"), _year, False),
    # "Trước ngày 30/6/2025", "Hoàn thành trước ngày 15/3/2025", "30/6/2025"; "Trước 30/6" in the programme's year
    (re.compile(rf"(?:hoan thanh )?(?:truoc )?(?:ngay )?(\d{{1,2}})/(\d{{1,2}})/{_YEAR}"), _day, False),
    (re.compile(r"(?:hoan thanh )?truoc (?:ngay )?(\d{1,2})/(\d{1,2})"), _day, True),
)


def _period(words, default_year, year=None):
    """(first day, last day) of the period the words name, else None; raises ValueError for one that cannot be.

    A year not written is `year` when given (the year the end of a span names), else the programme's year for
    the phrases that mean it ("6 tháng đầu năm", "Trước 30/6"), else none: "Quý I" alone is not read.
    """
    for pattern, reader, takes_default in _PERIODS:
        if match := pattern.fullmatch(words):
            written = match.groupdict().get("year")
            stand_in = year if year is not None else (default_year if takes_default else None)
            if written is None and stand_in is None:
                raise ValueError("no year")
            return reader(match, int(written) if written else stand_in)
    return None


# "Quý IV/2025 - Quý II/2026", "2026-2030", "Từ tháng 3 đến tháng 6/2026", "Từ năm 2026 đến hết năm 2030"
_SPAN_SEPARATOR = re.compile(r" - | den (?:het )?")


def _span(words, default_year):
    """(start, due) of a span whose two ends both read, the first not after the last; else None."""
    words = words.removeprefix("tu ")
    if len(words) > 100:  # no real span is longer; it keeps long junk cells quick
        return None
    for separator in _SPAN_SEPARATOR.finditer(words):
        try:
            last = _period(words[separator.end() :], default_year)
            first = last and _period(words[: separator.start()], default_year, year=last[1].year)
        except ValueError:  # either end cannot be: try the next separator
            continue
        if first and first[0] <= last[1]:
            return first[0], last[1]
    return None


# "6 tháng/lần", "06 tháng 1 lần", "3 tháng một lần", "Định kỳ 6 tháng"
_EVERY = re.compile(r"(?:dinh ky )?(\d{1,3}) thang(?:/| (?:1|mot) )lan|dinh ky (\d{1,3}) thang")
# "Tháng 12 hằng năm", "Quý IV hằng năm": every year, due in that month or quarter
_YEARLY_IN = re.compile(rf"(?:vao )?(?:(?:quy|q) ?{_ROMAN}|thang (\d{{1,2}})) (?:hang|moi) nam")
# "Năm 2025 và các năm tiếp theo": every year from then on
_YEARLY_FROM = re.compile(rf"(?:tu )?(?:nam )?{_YEAR} va (?:cac|nhung) nam (?:tiep theo|sau)")
# A condition written in the time cell: "Khi có yêu cầu", "Sau khi có Quy chế của Trung ương". As in
# read_condition, "khi" is matched on the words as written, for folded "khi" would also match "khí".
_CELL_CONDITION = re.compile(r"(?:sau )?khi\b.*", re.IGNORECASE)
# "Theo yêu cầu của cấp trên", "Theo chỉ đạo của Bộ Quốc phòng" (folded); "Theo kế hoạch riêng" is not one.
_CELL_REQUEST = re.compile(r"theo (?:yeu cau|chi dao)\b.*")


def _recurring(words, default_year):
    """Our reading of recurring words beyond the plain ones of _WORDS, else None; ValueError when they cannot be."""
    if match := _EVERY.fullmatch(words):
        months = int(match[1] or match[2])
        if not 1 <= months <= 60:
            raise ValueError("no such interval")
        if months in _NAMED_EVERY:
            return Schedule(ScheduleKind.RECURRING, recurrence=_NAMED_EVERY[months])
        return Schedule(ScheduleKind.RECURRING, recurrence=Recurrence.EVERY_N_MONTHS, every_months=months)
    if match := _YEARLY_IN.fullmatch(words):
        month = 3 * _QUARTERS[match[1]] if match[1] else int(match[2])
        if not 1 <= month <= 12:
            raise ValueError("no such month")
        try:  # the first time it falls due: in the programme's year
            due = month_end(default_year, month) if default_year else None
        except ValueError:
            due = None
        return Schedule(ScheduleKind.RECURRING, due=due, recurrence=Recurrence.YEARLY)
    if match := _YEARLY_FROM.fullmatch(words):
        start = date(int(match["year"]), 1, 1)
        return Schedule(ScheduleKind.RECURRING, recurrence=Recurrence.YEARLY, start=start)
    return None


def _read_cell(text, words, span, default_year):
    """Our reading of one non-empty cell (as written, and folded); span is its phase column, None for a lone cell."""
    if words == "x":
        if span is None:
            return Schedule(ScheduleKind.UNREADABLE)
        return Schedule(ScheduleKind.PHASE, due=span.end)
    as_written = nfc(text).strip(" .;,")
    if _CELL_CONDITION.fullmatch(as_written) or _CELL_REQUEST.fullmatch(words):
        return Schedule(ScheduleKind.CONDITIONAL, conditional=as_written)
    words = _canonical(words)
    # "Thường xuyên, hằng năm": ongoing work reported each period; the period is what tracking needs.
    if (rest := re.sub(r"^thuong xuyen\s*[,;]?\s*(?:va\s+)?", "", words)) in _WORDS:
        words = rest
    if words in _WORDS or words.removeprefix("dinh ky ") in _WORDS:  # "Định kỳ hằng năm" is "Hằng năm"
        kind, recurrence = _WORDS.get(words) or _WORDS[words.removeprefix("dinh ky ")]
        return Schedule(kind, recurrence=recurrence)
    try:
        if recurring := _recurring(words, default_year):
            return recurring
        if period := _period(words, default_year):
            return Schedule(ScheduleKind.DUE_DATE, due=period[1])
        if span := _span(words, default_year):
            return Schedule(ScheduleKind.DUE_DATE, due=span[1], start=span[0])
    except ValueError:  # "Tháng 13/2025", "31/2/2025", "6 tháng đầu năm" with no year known
        pass
    return Schedule(ScheduleKind.UNREADABLE)


# When cells disagree, the first kind in this order wins.
_PRECEDENCE = (
    ScheduleKind.RECURRING,
    ScheduleKind.ONGOING,
    ScheduleKind.DUE_DATE,
    ScheduleKind.PHASE,
    ScheduleKind.CONDITIONAL,
)


def read_timeframe(
    cells: Sequence[str],
    phases: Sequence[PhaseSpan] = (),
    deliverable: str = "",
    default_year: int | None = None,
) -> Schedule:
    """Read one task row's time cells: one per phase column, or a single cell when there are no phases."""
    spans = phases if len(phases) == len(cells) else [None] * len(cells)
    readings = []  # (span, reading) of each non-empty cell, in column order
    for text, span in zip(cells, spans, strict=True):
        if words := fold(text).strip(" .;,"):  # "Thường xuyên." reads as "Thường xuyên"
            readings.append((span, _read_cell(text, words, span, default_year)))
    # A condition in the time cell is the task's condition; else the deliverable's, if it names one.
    in_cells = [reading.conditional for _, reading in readings if reading.conditional]
    conditional = in_cells[0] if in_cells else read_condition(deliverable)
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
    starts = [reading.start for reading in chosen if reading.start]
    return Schedule(
        kind,
        due,
        numbers,
        chosen[0].recurrence,
        conditional,
        start=min(starts) if starts else None,
        every_months=chosen[0].every_months,
    )
