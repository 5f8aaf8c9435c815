"""Reporting periods ("kỳ báo cáo") and their data cut-off windows.

A period is what a report is about (Quý IV năm 2025); its cut-off window is which data it counts. Decree
09/2019/NĐ-CP counts from the 15th of the month before the period to the 14th of its last month, so that
a report can be written and sent on time; many offices simply use the calendar period. The rule is a
setting, so both are offered.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from agencies.text import fold

MIN_YEAR, MAX_YEAR = 2000, 2100


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    NINE_MONTHS = "nine_months"
    YEAR = "year"
    CUSTOM = "custom"


class CutoffRule:
    CALENDAR = "calendar"
    DECREE_09 = "decree_09"


class PeriodError(ValueError):
    """Text that does not name a reporting period; the message is for the user."""


ROMAN = ("I", "II", "III", "IV")

_KEYS = (
    (re.compile(r"(\d{4})-Q(\d+)"), PeriodKind.QUARTER),
    (re.compile(r"(\d{4})-H(\d+)"), PeriodKind.HALF),
    (re.compile(r"(\d{4})-9M"), PeriodKind.NINE_MONTHS),
    (re.compile(r"(\d{4})-(\d{1,2})"), PeriodKind.MONTH),
    (re.compile(r"(\d{4})"), PeriodKind.YEAR),
    (re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})"), PeriodKind.CUSTOM),
)


@dataclass(frozen=True)
class Period:
    key: str  # "2025-Q4", "2026-H1", "2026-9M", "2025", "2025-03", "2025-01-01..2025-03-31"
    start: date
    end: date  # inclusive
    label: str  # Vietnamese, as a report title writes it

    @classmethod
    def month(cls, year: int, number: int) -> "Period":
        _check_year(year)
        if not 1 <= number <= 12:
            raise PeriodError(_("Tháng phải từ 1 đến 12, không có tháng %(month)d.") % {"month": number})
        label = _("Tháng %(month)d năm %(year)d") % {"month": number, "year": year}
        return cls(f"{year}-{number:02d}", date(year, number, 1), month_end(year, number), label)

    @classmethod
    def quarter(cls, year: int, number: int) -> "Period":
        _check_year(year)
        if not 1 <= number <= 4:
            raise PeriodError(_("Quý phải từ 1 đến 4 (Q1–Q4), không có quý %(quarter)d.") % {"quarter": number})
        label = _("Quý %(roman)s năm %(year)d") % {"roman": ROMAN[number - 1], "year": year}
        first = 3 * number - 2
        return cls(f"{year}-Q{number}", date(year, first, 1), month_end(year, first + 2), label)

    @classmethod
    def half(cls, year: int, number: int) -> "Period":
        _check_year(year)
        if number == 1:
            label = _("6 tháng đầu năm %(year)d") % {"year": year}
            return cls(f"{year}-H1", date(year, 1, 1), date(year, 6, 30), label)
        if number == 2:
            label = _("6 tháng cuối năm %(year)d") % {"year": year}
            return cls(f"{year}-H2", date(year, 7, 1), date(year, 12, 31), label)
        raise PeriodError(
            _("Nửa năm chỉ có H1 (6 tháng đầu năm) và H2 (6 tháng cuối năm), không có H%(half)d.") % {"half": number}
        )

    @classmethod
    def nine_months(cls, year: int) -> "Period":
        _check_year(year)
        return cls(f"{year}-9M", date(year, 1, 1), date(year, 9, 30), _("9 tháng năm %(year)d") % {"year": year})

    @classmethod
    def year(cls, year: int) -> "Period":
        _check_year(year)
        return cls(str(year), date(year, 1, 1), date(year, 12, 31), _("Năm %(year)d") % {"year": year})

    @classmethod
    def custom(cls, start: date, end: date) -> "Period":
        _check_year(start.year)
        _check_year(end.year)
        dates = {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
        if end < start:
            raise PeriodError(_("Ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.") % dates)
        return cls(f"{start.isoformat()}..{end.isoformat()}", start, end, _("Từ %(start)s đến %(end)s") % dates)

    @property
    def kind(self) -> str:
        # The key says the kind; a key of no known form is taken as a custom range.
        return next((kind for pattern, kind in _KEYS if pattern.fullmatch(self.key)), PeriodKind.CUSTOM)

    def cutoff(self, rule: str = CutoffRule.CALENDAR) -> tuple[date, date]:
        """The window of data the period's report counts, both ends included."""
        if rule == CutoffRule.CALENDAR or self.kind == PeriodKind.CUSTOM:
            return self.start, self.end  # a custom range is already the window asked for
        if rule == CutoffRule.DECREE_09:
            before = _month_before(self.start)
            return before.replace(day=15), self.end.replace(day=14)
        raise ValueError(f"Unknown cut-off rule: {rule!r}")

    def __str__(self) -> str:
        return self.label


def _month_before(day: date) -> date:
    return date(day.year - 1, 12, 1) if day.month == 1 else date(day.year, day.month - 1, 1)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            _("Năm %(year)d nằm ngoài khoảng %(min)d–%(max)d.") % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
        )


_BUILDERS = {
    PeriodKind.MONTH: Period.month,
    PeriodKind.QUARTER: Period.quarter,
    PeriodKind.HALF: Period.half,
    PeriodKind.NINE_MONTHS: Period.nine_months,
    PeriodKind.YEAR: Period.year,
}


# A period in words, as people write it (folded: no accents, lower case): "Quý IV/2026", "quý 4 năm 2026",
# "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026", "tháng 3/2026". Each becomes its key.
_WORDS = (
    (re.compile(r"quy\s*(iv|i{1,3}|\d+)\s*(?:/|-|nam)\s*(\d{4})"), lambda q, y: f"{y}-Q{_number(q)}"),
    (re.compile(r"(?:6|sau) thang dau nam\s*(\d{4})"), lambda y: f"{y}-H1"),
    (re.compile(r"(?:6|sau) thang cuoi nam\s*(\d{4})"), lambda y: f"{y}-H2"),
    (re.compile(r"(?:9|chin) thang(?: dau)? nam\s*(\d{4})"), lambda y: f"{y}-9M"),
    (re.compile(r"thang\s*(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})"), lambda m, y: f"{y}-{m}"),
    (re.compile(r"(?:ca )?nam\s*(\d{4})"), lambda y: y),
)


def _number(roman_or_digits: str) -> int:
    return ROMAN.index(roman_or_digits.upper()) + 1 if roman_or_digits.upper() in ROMAN else int(roman_or_digits)


def _key_from_words(text: str) -> str:
    folded = " ".join(fold(text).split())
    for pattern, key in _WORDS:
        if found := pattern.fullmatch(folded):
            return key(*found.groups())
    return text


def parse_period(text: str) -> Period:
    """Read a period key ("2025-Q4", "2026-H1", "2026-9M", "2025", "2025-03", "2025-01-01..2025-03-31"), or the
    same in words ("Quý IV/2025", "Quý IV năm 2025", "6 tháng đầu năm 2026")."""
    cleaned = _key_from_words(text.strip()).upper() if isinstance(text, str) else ""
    for pattern, kind in _KEYS:
        found = pattern.fullmatch(cleaned)
        if not found:
            continue
        if kind == PeriodKind.CUSTOM:
            try:
                start, end = (date.fromisoformat(part) for part in found.groups())
            except ValueError:
                break  # "2025-02-30": not a date
            return Period.custom(start, end)
        return _BUILDERS[kind](*(int(group) for group in found.groups()))
    raise PeriodError(
        _(
            "Không đọc được kỳ báo cáo “%(text)s”. Hãy ghi theo mẫu: Quý IV/2025 hoặc 2025-Q4 (quý), 2026-H1 (6 tháng "
            "đầu năm), 2026-9M (9 tháng), 2025 (năm), 2025-03 (tháng) hoặc 2025-01-01..2025-03-31 (khoảng ngày)."
        )
        % {"text": text}
    )


def period_choices(today: date, years: int = 3) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods a report may be about, grouped by year, newest first: each quarter, the first half, nine months,
    the second half and the year, as far as they have begun by `today` (a period not begun cannot be reported)."""
    groups = []
    for year in range(today.year, today.year - years, -1):
        periods = [Period.quarter(year, n) for n in range(1, 5)]
        periods[2:2] = [Period.half(year, 1)]
        periods[4:4] = [Period.nine_months(year)]
        periods += [Period.half(year, 2), Period.year(year)]
        groups.append((str(year), [(p.key, p.label) for p in periods if p.start <= today]))
    return groups


def label_of(key: str) -> str:
    """A stored period key in words ("2025-Q4" is "Quý IV năm 2025"); a key no longer read is shown as it is."""
    try:
        return parse_period(key).label
    except PeriodError:
        return key


def quarter_of(day: date) -> Period:
    return Period.quarter(day.year, (day.month - 1) // 3 + 1)


def quarters_between(start: date, end: date) -> list[Period]:
    """Every quarter touching [start, end], in order; none when end is before start."""
    if end < start:
        return []
    periods = []
    current = quarter_of(start)
    while current.start <= end:
        periods.append(current)
        current = quarter_of(current.end + timedelta(days=1))
    return periods
