from datetime import date

import pytest

from tasks.periods import (
    CutoffRule,
    Period,
    PeriodError,
    PeriodKind,
    label_of,
    parse_period,
    period_choices,
    quarter_of,
    quarters_between,
)

D = date


@pytest.mark.parametrize(
    ("text", "key", "kind", "start", "end", "label", "decree_window"),
    [
        (
            "2025-Q1",
            "2025-Q1",
            PeriodKind.QUARTER,
            D(2025, 1, 1),
            D(2025, 3, 31),
            "Quý I năm 2025",
            (D(2024, 12, 15), D(2025, 3, 14)),
        ),
        (
            "2025-Q2",
            "2025-Q2",
            PeriodKind.QUARTER,
            D(2025, 4, 1),
            D(2025, 6, 30),
            "Quý II năm 2025",
            (D(2025, 3, 15), D(2025, 6, 14)),
        ),
        (
            "2025-Q3",
            "2025-Q3",
            PeriodKind.QUARTER,
            D(2025, 7, 1),
            D(2025, 9, 30),
            "Quý III năm 2025",
            (D(2025, 6, 15), D(2025, 9, 14)),
        ),
        (
            "2025-Q4",
            "2025-Q4",
            PeriodKind.QUARTER,
            D(2025, 10, 1),
            D(2025, 12, 31),
            "Quý IV năm 2025",
            (D(2025, 9, 15), D(2025, 12, 14)),
        ),
        (
            "2026-H1",
            "2026-H1",
            PeriodKind.HALF,
            D(2026, 1, 1),
            D(2026, 6, 30),
            "6 tháng đầu năm 2026",
            (D(2025, 12, 15), D(2026, 6, 14)),
        ),
        (
            "2026-H2",
            "2026-H2",
            PeriodKind.HALF,
            D(2026, 7, 1),
            D(2026, 12, 31),
            "6 tháng cuối năm 2026",
            (D(2026, 6, 15), D(2026, 12, 14)),
        ),
        (
            "2026-9M",
            "2026-9M",
            PeriodKind.NINE_MONTHS,
            D(2026, 1, 1),
            D(2026, 9, 30),
            "9 tháng năm 2026",
            (D(2025, 12, 15), D(2026, 9, 14)),
        ),
        (
            "2025",
            "2025",
            PeriodKind.YEAR,
            D(2025, 1, 1),
            D(2025, 12, 31),
            "Năm 2025",
            (D(2024, 12, 15), D(2025, 12, 14)),
        ),
        (
            "2025-03",
            "2025-03",
            PeriodKind.MONTH,
            D(2025, 3, 1),
            D(2025, 3, 31),
            "Tháng 3 năm 2025",
            (D(2025, 2, 15), D(2025, 3, 14)),
        ),
        (
            "2025-01",
            "2025-01",
            PeriodKind.MONTH,
            D(2025, 1, 1),
            D(2025, 1, 31),
            "Tháng 1 năm 2025",
            (D(2024, 12, 15), D(2025, 1, 14)),
        ),
        (
            "2024-02",
            "2024-02",
            PeriodKind.MONTH,
            D(2024, 2, 1),
            D(2024, 2, 29),
            "Tháng 2 năm 2024",
            (D(2024, 1, 15), D(2024, 2, 14)),
        ),
        (
            "2025-12",
            "2025-12",
            PeriodKind.MONTH,
            D(2025, 12, 1),
            D(2025, 12, 31),
            "Tháng 12 năm 2025",
            (D(2025, 11, 15), D(2025, 12, 14)),
        ),
        # A custom range is the window asked for, under either rule.
        (
            "2025-01-01..2025-03-31",
            "2025-01-01..2025-03-31",
            PeriodKind.CUSTOM,
            D(2025, 1, 1),
            D(2025, 3, 31),
            "Từ 01/01/2025 đến 31/03/2025",
            (D(2025, 1, 1), D(2025, 3, 31)),
        ),
        (
            "2025-05-05..2025-05-05",
            "2025-05-05..2025-05-05",
            PeriodKind.CUSTOM,
            D(2025, 5, 5),
            D(2025, 5, 5),
            "Từ 05/05/2025 đến 05/05/2025",
            (D(2025, 5, 5), D(2025, 5, 5)),
        ),
        # Typed loosely, read to the same key.
        (
            " 2025-q4 ",
            "2025-Q4",
            PeriodKind.QUARTER,
            D(2025, 10, 1),
            D(2025, 12, 31),
            "Quý IV năm 2025",
            (D(2025, 9, 15), D(2025, 12, 14)),
        ),
        (
            "2025-3",
            "2025-03",
            PeriodKind.MONTH,
            D(2025, 3, 1),
            D(2025, 3, 31),
            "Tháng 3 năm 2025",
            (D(2025, 2, 15), D(2025, 3, 14)),
        ),
        (
            "2026-9m",
            "2026-9M",
            PeriodKind.NINE_MONTHS,
            D(2026, 1, 1),
            D(2026, 9, 30),
            "9 tháng năm 2026",
            (D(2025, 12, 15), D(2026, 9, 14)),
        ),
    ],
)
def test_parse_period(text, key, kind, start, end, label, decree_window):
    period = parse_period(text)
    assert period == Period(key, start, end, label)
    assert period.kind == kind
    assert str(period) == label
    assert period.cutoff() == (start, end)
    assert period.cutoff(CutoffRule.CALENDAR) == (start, end)
    assert period.cutoff(CutoffRule.DECREE_09) == decree_window
    assert parse_period(period.key) == period  # the key reads back to the same period


def test_unknown_cutoff_rule():
    with pytest.raises(ValueError, match="weekly"):
        parse_period("2025-Q1").cutoff("weekly")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-Q5", "Quý phải từ 1 đến 4"),
        ("2025-Q0", "Quý phải từ 1 đến 4"),
        ("2025-H3", "Nửa năm chỉ có H1"),
        ("2025-H0", "Nửa năm chỉ có H1"),
        ("2025-13", "Tháng phải từ 1 đến 12"),
        ("2025-00", "Tháng phải từ 1 đến 12"),
        ("abc", "Không đọc được kỳ báo cáo “abc”"),
        ("", "Không đọc được kỳ báo cáo"),
        ("Quý V năm 2025", "Không đọc được kỳ báo cáo"),
        ("quý 4", "Không đọc được kỳ báo cáo"),  # no year
        ("2025-6M", "Không đọc được kỳ báo cáo"),
        ("2025-01-01..", "Không đọc được kỳ báo cáo"),
        ("2025-02-30..2025-03-31", "Không đọc được kỳ báo cáo"),  # no 30 February
        ("2025-03-31..2025-01-01", "Ngày kết thúc 01/01/2025 trước ngày bắt đầu 31/03/2025"),
        ("1999", "Năm 1999 nằm ngoài khoảng 2000–2100"),
        ("2101-Q1", "Năm 2101 nằm ngoài khoảng 2000–2100"),
        ("1999-12", "Năm 1999 nằm ngoài khoảng"),
        ("1999-12-01..2000-01-31", "Năm 1999 nằm ngoài khoảng"),
    ],
)
def test_bad_period_is_refused_in_vietnamese(text, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


@pytest.mark.parametrize(
    ("words", "key"),
    [
        ("Quý IV/2025", "2025-Q4"),
        ("Quý IV năm 2025", "2025-Q4"),
        ("quy 4 nam 2025", "2025-Q4"),
        ("6 tháng đầu năm 2026", "2026-H1"),
        ("Sáu tháng cuối năm 2026", "2026-H2"),
        ("9 tháng năm 2026", "2026-9M"),
        ("Năm 2025", "2025"),
        ("tháng 3/2026", "2026-03"),
    ],
)
def test_a_period_in_words_is_read_as_its_key(words, key):
    assert parse_period(words).key == key
    assert parse_period(parse_period(words).label).key == key  # the words the portal shows read back the same


def test_the_choices_are_the_periods_begun_newest_year_first():
    choices = period_choices(date(2026, 5, 10))
    assert [year for year, _periods in choices] == ["2026", "2025", "2024"]
    assert [key for key, _label in choices[0][1]] == ["2026-Q1", "2026-Q2", "2026-H1", "2026-9M", "2026"]
    assert choices[0][1][0] == ("2026-Q1", "Quý I năm 2026")
    assert [key for key, _label in choices[1][1]] == [
        "2025-Q1", "2025-Q2", "2025-H1", "2025-Q3", "2025-9M", "2025-Q4", "2025-H2", "2025"
    ]  # fmt: skip
    assert label_of("2025-Q4") == "Quý IV năm 2025" and label_of("kỳ cũ") == "kỳ cũ"


def test_period_error_is_a_value_error():
    assert issubclass(PeriodError, ValueError)
    with pytest.raises(ValueError):
        parse_period(None)


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2000, "2000"), (2100, "2100")],
)
def test_year_bounds_are_inclusive(year, expected):
    assert parse_period(str(year)).key == expected


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (D(2025, 1, 1), "2025-Q1"),
        (D(2025, 3, 31), "2025-Q1"),
        (D(2025, 4, 1), "2025-Q2"),
        (D(2025, 9, 30), "2025-Q3"),
        (D(2025, 10, 1), "2025-Q4"),
        (D(2025, 12, 31), "2025-Q4"),
    ],
)
def test_quarter_of(day, key):
    assert quarter_of(day) == parse_period(key)


@pytest.mark.parametrize(
    ("start", "end", "keys"),
    [
        (D(2025, 11, 15), D(2026, 2, 1), ["2025-Q4", "2026-Q1"]),  # across the year boundary
        (D(2024, 12, 31), D(2026, 1, 1), ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]),
        (D(2025, 10, 1), D(2025, 12, 31), ["2025-Q4"]),  # exactly one quarter
        (D(2025, 9, 30), D(2025, 10, 1), ["2025-Q3", "2025-Q4"]),  # one day in each
        (D(2025, 5, 5), D(2025, 5, 5), ["2025-Q2"]),
        (D(2025, 5, 5), D(2025, 5, 4), []),  # end before start
    ],
)
def test_quarters_between(start, end, keys):
    assert [period.key for period in quarters_between(start, end)] == keys


def test_quarters_between_gives_full_periods():
    first, second = quarters_between(D(2025, 11, 15), D(2026, 2, 1))
    assert (first.start, first.end, first.label) == (D(2025, 10, 1), D(2025, 12, 31), "Quý IV năm 2025")
    assert (second.start, second.end, second.label) == (D(2026, 1, 1), D(2026, 3, 31), "Quý I năm 2026")
