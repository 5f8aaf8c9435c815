from datetime import date

import pytest

from tasks.documents.timeframe import (
    PhaseSpan,
    Recurrence,
    Schedule,
    ScheduleKind,
    read_condition,
    read_phase_span,
    read_timeframe,
)

# The phase column headers of the real task tables.
HEADERS = ("Giai đoạn (đến năm 2025)", "Giai đoạn 2 (2026 - 2030)", "Giai đoạn 3 (sau năm 2030)")
PHASES = tuple(read_phase_span(label, number) for number, label in enumerate(HEADERS, start=1))


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("Giai đoạn (đến năm 2025)", None, date(2025, 12, 31)),
        ("Giai đoạn 2 (2026 - 2030)", date(2026, 1, 1), date(2030, 12, 31)),
        ("Giai đoạn 2026–2030", date(2026, 1, 1), date(2030, 12, 31)),
        ("Từ năm 2026 đến năm 2030 và những năm tiếp theo", date(2026, 1, 1), date(2030, 12, 31)),
        ("Giai đoạn 3 (sau năm 2030)", date(2031, 1, 1), None),
        ("Đến năm 2025, tập trung vào nhiệm vụ chính sau", None, date(2025, 12, 31)),
        ("GIAI ĐOẠN (ĐẾN NĂM 2025)", None, date(2025, 12, 31)),
        ("Giai đoạn", None, None),
        ("Giai đoạn 3 (sau năm 9999)", None, None),
        ("Giai đoạn 2 (2030 - 2026)", None, None),
        ("Từ năm 2030 đến năm 2026", None, None),
        ("", None, None),
    ],
)
def test_read_phase_span(label, start, end):
    assert read_phase_span(label, 7) == PhaseSpan(7, start, end)


def test_real_headers():
    assert PHASES == (
        PhaseSpan(1, None, date(2025, 12, 31)),
        PhaseSpan(2, date(2026, 1, 1), date(2030, 12, 31)),
        PhaseSpan(3, date(2031, 1, 1), None),
    )


@pytest.mark.parametrize(
    ("words", "due"),
    [
        ("Quý I năm 2025", date(2025, 3, 31)),
        ("Quý II năm 2025", date(2025, 6, 30)),
        ("quý III/2025", date(2025, 9, 30)),
        ("Quý IV/2026", date(2026, 12, 31)),
        ("Quý 2 năm 2025", date(2025, 6, 30)),
        ("Quý 4 / 2025", date(2025, 12, 31)),
        ("QUÝ I NĂM 2025", date(2025, 3, 31)),
        ("quy i nam 2025", date(2025, 3, 31)),
        ("  Quý  I   năm 2025 ", date(2025, 3, 31)),
        ("6 tháng đầu năm 2026", date(2026, 6, 30)),
        ("6 tháng cuối năm 2026", date(2026, 12, 31)),
        ("Tháng 6/2025", date(2025, 6, 30)),
        ("Tháng 6 năm 2025", date(2025, 6, 30)),
        ("tháng 02/2025", date(2025, 2, 28)),
        ("Tháng 2/2028", date(2028, 2, 29)),
        ("Năm 2027", date(2027, 12, 31)),
        ("Trước ngày 30/6/2025", date(2025, 6, 30)),
        ("Trước 30/6/2025", date(2025, 6, 30)),
        ("Ngày 30/6/2025", date(2025, 6, 30)),
        ("30/6/2025", date(2025, 6, 30)),
        ("Hoàn thành trước ngày 15/3/2025", date(2025, 3, 15)),
        ("TRƯỚC NGÀY 01/12/2025", date(2025, 12, 1)),
    ],
)
def test_due_date_words(words, due):
    schedule = read_timeframe([words])
    assert schedule == Schedule(ScheduleKind.DUE_DATE, due=due)
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("words", "default_year", "kind", "due"),
    [
        ("6 tháng đầu năm", 2025, ScheduleKind.DUE_DATE, date(2025, 6, 30)),
        ("6 tháng cuối năm", 2025, ScheduleKind.DUE_DATE, date(2025, 12, 31)),
        ("6 tháng đầu năm", None, ScheduleKind.UNREADABLE, None),
        ("6 tháng cuối năm 2026", 2025, ScheduleKind.DUE_DATE, date(2026, 12, 31)),  # the written year wins
    ],
)
def test_half_year_without_year_uses_default_year(words, default_year, kind, due):
    schedule = read_timeframe([words], default_year=default_year)
    assert (schedule.kind, schedule.due) == (kind, due)


@pytest.mark.parametrize(
    ("words", "kind", "recurrence"),
    [
        ("Thường xuyên", ScheduleKind.ONGOING, None),
        ("THƯỜNG XUYÊN", ScheduleKind.ONGOING, None),
        ("Hàng năm", ScheduleKind.RECURRING, Recurrence.YEARLY),
        ("Hằng năm", ScheduleKind.RECURRING, Recurrence.YEARLY),
        ("Hàng năm hoặc đột xuất", ScheduleKind.RECURRING, Recurrence.YEARLY_OR_AD_HOC),
        ("Hằng năm hoặc đột xuất", ScheduleKind.RECURRING, Recurrence.YEARLY_OR_AD_HOC),
        ("Định kỳ", ScheduleKind.RECURRING, Recurrence.PERIODIC),
        ("dinh ky", ScheduleKind.RECURRING, Recurrence.PERIODIC),
    ],
)
def test_ongoing_and_recurring_words_have_no_due(words, kind, recurrence):
    assert read_timeframe([words]) == Schedule(kind, recurrence=recurrence)


@pytest.mark.parametrize(
    ("cells", "due", "phases"),
    [
        (["x", "", ""], date(2025, 12, 31), (1,)),
        (["", "x", ""], date(2030, 12, 31), (2,)),
        (["", "X", ""], date(2030, 12, 31), (2,)),
        (["x", "x", ""], date(2030, 12, 31), (1, 2)),
        (["", "", "x"], None, (3,)),
        (["", "x", "x"], None, (2, 3)),
        ([" x ", "", ""], date(2025, 12, 31), (1,)),
    ],
)
def test_phase_marks(cells, due, phases):
    assert read_timeframe(cells, PHASES) == Schedule(ScheduleKind.PHASE, due=due, phases=phases)


def test_mark_under_unreadable_phase_header_has_no_due():
    phases = (read_phase_span("Giai đoạn đầu", 1),)
    assert read_timeframe(["x"], phases) == Schedule(ScheduleKind.PHASE, phases=(1,))


def test_mark_without_phase_columns_is_unreadable():
    assert read_timeframe(["x"]).kind == ScheduleKind.UNREADABLE


def test_mark_when_cells_do_not_line_up_with_phases_is_unreadable():
    assert read_timeframe(["x", ""], PHASES).kind == ScheduleKind.UNREADABLE


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["", "Thường xuyên", ""], Schedule(ScheduleKind.ONGOING, phases=(2,))),
        (["Hằng năm", "", ""], Schedule(ScheduleKind.RECURRING, phases=(1,), recurrence=Recurrence.YEARLY)),
        (["Quý IV/2025", "", ""], Schedule(ScheduleKind.DUE_DATE, due=date(2025, 12, 31), phases=(1,))),
        # precedence: recurring/ongoing over due date over marks
        (["x", "Thường xuyên", ""], Schedule(ScheduleKind.ONGOING, phases=(1, 2))),
        (
            ["Quý I năm 2025", "Hàng năm", ""],
            Schedule(ScheduleKind.RECURRING, phases=(1, 2), recurrence=Recurrence.YEARLY),
        ),
        (["x", "Năm 2027", "x"], Schedule(ScheduleKind.DUE_DATE, due=date(2027, 12, 31), phases=(1, 2, 3))),
        # the latest of several due dates
        (["Năm 2025", "Quý II năm 2028", ""], Schedule(ScheduleKind.DUE_DATE, due=date(2028, 6, 30), phases=(1, 2))),
        (["Năm 2029", "Quý I/2026", ""], Schedule(ScheduleKind.DUE_DATE, due=date(2029, 12, 31), phases=(1, 2))),
    ],
)
def test_combined_cells(cells, expected):
    assert read_timeframe(cells, PHASES) == expected


@pytest.mark.parametrize(
    "words",
    [
        "Sớm nhất có thể",
        "abc",
        "Quý V/2025",
        "Tháng 13/2025",
        "Tháng 0/2025",
        "31/2/2025",
        "32/1/2025",
        "Quý",
        "Quý I",
        "Năm 25",
        "năm 99999",
        "0/0/0000",
        "Năm 0000",
        "x x",
    ],
)
def test_unknown_words_are_flagged(words):
    schedule = read_timeframe([words])
    assert schedule == Schedule(ScheduleKind.UNREADABLE)
    assert schedule.needs_review


def test_unknown_word_is_not_dropped_beside_readable_ones():
    schedule = read_timeframe(["x", "Sớm nhất có thể", ""], PHASES)
    assert schedule == Schedule(ScheduleKind.UNREADABLE, phases=(1,))
    assert schedule.needs_review


@pytest.mark.parametrize(
    ("cells", "phases"),
    [([], ()), ([""], ()), (["", "  ", "\n\t"], PHASES), ([None], ())],
)
def test_empty_cells_are_unspecified(cells, phases):
    schedule = read_timeframe(cells, phases)
    assert schedule == Schedule(ScheduleKind.UNSPECIFIED)
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("deliverable", "condition"),
    [
        ("Thực hiện khi có kế hoạch của cấp trên", "khi có kế hoạch của cấp trên"),
        ("Sau khi có văn bản chỉ đạo của cấp trên", "Sau khi có văn bản chỉ đạo của cấp trên"),
        ("Hướng dẫn xây dựng khi có hướng dẫn của cấp trên", "khi có hướng dẫn của cấp trên"),
        ("Kế hoạch thực hiện khi có yêu cầu của cấp trên", "khi có yêu cầu của cấp trên"),
        ("Kế hoạch, hướng dẫn triển khai thực hiện khi có đề án của trên", "khi có đề án của trên"),
        (
            "Văn bản triển khai sau khi các quy chuẩn được cấp trên ban hành",
            "sau khi các quy chuẩn được cấp trên ban hành",
        ),
        ("Kế hoạch  thực hiện KHI CÓ YÊU CẦU CỦA CẤP TRÊN.", "KHI CÓ YÊU CẦU CỦA CẤP TRÊN"),
        ("Báo cáo định kỳ; thực hiện khi có kế hoạch của cấp trên", "khi có kế hoạch của cấp trên"),
        ("Quyết định của Chủ tịch UBND thành phố", None),
        ("Hướng dẫn xây dựng khi có hướng dẫn", None),
        ("Khi có kinh phí. Báo cáo cấp trên", None),  # the condition ends with its sentence
        ("Phương án phòng, chống khí độc, báo cáo cấp trên", None),  # "khí" is not "khi"
        ("Hệ thống điều khiển do cấp trên cấp", None),  # nor is "khiển"
        ("", None),
    ],
)
def test_read_condition(deliverable, condition):
    assert read_condition(deliverable) == condition


@pytest.mark.parametrize(
    "cells",
    [["Quý I năm 2025"], ["Thường xuyên"], [""], ["abc"]],
)
def test_conditional_is_read_in_every_case(cells):
    schedule = read_timeframe(cells, deliverable="Thực hiện khi có kế hoạch của cấp trên")
    assert schedule.conditional == "khi có kế hoạch của cấp trên"


@pytest.mark.parametrize(
    "schedule",
    [
        Schedule(ScheduleKind.DUE_DATE, due=date(2025, 3, 31), phases=(1,), conditional="khi có kế hoạch"),
        Schedule(ScheduleKind.PHASE, due=date(2030, 12, 31), phases=(1, 2)),
        Schedule(ScheduleKind.RECURRING, recurrence=Recurrence.YEARLY_OR_AD_HOC),
        Schedule(ScheduleKind.UNSPECIFIED),
        read_timeframe(["x", "Thường xuyên", ""], PHASES, "Sau khi có văn bản chỉ đạo của cấp trên"),
    ],
)
def test_dict_round_trip(schedule):
    data = schedule.to_dict()
    assert Schedule.from_dict(data) == schedule
    assert data["due"] == (schedule.due.isoformat() if schedule.due else None)
    assert data["phases"] == list(schedule.phases)


def test_to_dict_shape():
    schedule = Schedule(ScheduleKind.DUE_DATE, due=date(2025, 3, 31), phases=(1, 2), conditional="khi có")
    assert schedule.to_dict() == {
        "kind": "due_date",
        "due": "2025-03-31",
        "phases": [1, 2],
        "recurrence": None,
        "conditional": "khi có",
    }


JUNK = [
    "\x00",
    "////",
    "Quý",
    "năm 99999",
    "Quý I năm 99999",
    "Tháng 99/2025",
    "99/99/9999",
    "0/0/0000",
    "Năm 0000",
    "Quý IV/0000",
    "6 tháng đầu năm 0000",
    "sau năm 9999",
    "Giai đoạn (9999 - 0000)",
    "khi",
    "sau khi",
    "cấp trên",
    "khi cấp trên",
    "x\x00",
    "\u0301",
    "̉x",
    "İ",
    "ß",
    "🙂",
    "(",
    "[",
    "\\",
    "*",
    "?",
    "a" * 10_000,
    "1/1/1" * 1000,
    "đ",
    "Đ",
    "\ufeff",
    "\u200b",
    "\r\n",
]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_never_raises(junk):
    phases = tuple(read_phase_span(junk, number) for number in (1, 2, 3))
    assert all(isinstance(span, PhaseSpan) for span in phases)
    assert isinstance(read_condition(junk), str | None)
    for default_year in (None, 0, 2025, 99999):
        for cells, spans in (([junk], ()), ([junk, junk, junk], PHASES), ([junk, "x", ""], phases)):
            schedule = read_timeframe(cells, spans, deliverable=junk, default_year=default_year)
            assert Schedule.from_dict(schedule.to_dict()) == schedule


# Timeframes as ministries and provinces write them (issue 12, point 5). Each row: the words, the programme's
# year, then the kind, due date, start, recurrence and condition we read from them.
D, R, C, U = ScheduleKind.DUE_DATE, ScheduleKind.RECURRING, ScheduleKind.CONDITIONAL, ScheduleKind.UNREADABLE


@pytest.mark.parametrize(
    ("words", "year", "kind", "due", "start", "recurrence", "condition"),
    [
        # a bare year; a year range, due at its end with its start kept
        ("2025", None, D, date(2025, 12, 31), None, None, None),
        ("2026-2030", None, D, date(2030, 12, 31), date(2026, 1, 1), None, None),
        ("2026 - 2027", None, D, date(2027, 12, 31), date(2026, 1, 1), None, None),
        ("2026–2030", None, D, date(2030, 12, 31), date(2026, 1, 1), None, None),
        ("Từ năm 2026 đến năm 2030", None, D, date(2030, 12, 31), date(2026, 1, 1), None, None),
        ("Từ năm 2026 đến hết năm 2027", None, D, date(2027, 12, 31), date(2026, 1, 1), None, None),
        # quarters
        ("Quý IV-2025", None, D, date(2025, 12, 31), None, None, None),
        ("Quí IV/2025", None, D, date(2025, 12, 31), None, None, None),
        ("quý 4/2025", None, D, date(2025, 12, 31), None, None, None),
        ("QIV/2025", None, D, date(2025, 12, 31), None, None, None),
        ("Q3/2026", None, D, date(2026, 9, 30), None, None, None),
        ("Quý  IV /2025", None, D, date(2025, 12, 31), None, None, None),
        ("Quý IV – 2025", None, D, date(2025, 12, 31), None, None, None),
        ("quí II năm2026", None, D, date(2026, 6, 30), None, None, None),
        # months
        ("6/2025", None, D, date(2025, 6, 30), None, None, None),
        ("Tháng 12/2025", None, D, date(2025, 12, 31), None, None, None),
        ("tháng 12 năm 2025", None, D, date(2025, 12, 31), None, None, None),
        ("Tháng12/2025", None, D, date(2025, 12, 31), None, None, None),
        ("tháng 9 - 2025", None, D, date(2025, 9, 30), None, None, None),
        # spans: due at the end, start kept; an end's year stands for a start that writes none
        ("Quý IV/2025 - Quý II/2026", None, D, date(2026, 6, 30), date(2025, 10, 1), None, None),
        ("Quý IV/2025 – Quý II/2026", None, D, date(2026, 6, 30), date(2025, 10, 1), None, None),
        ("Từ tháng 3 đến tháng 6/2026", None, D, date(2026, 6, 30), date(2026, 3, 1), None, None),
        ("Từ tháng 3/2025 đến tháng 6/2026", None, D, date(2026, 6, 30), date(2025, 3, 1), None, None),
        ("Từ quý I đến quý III/2026", None, D, date(2026, 9, 30), date(2026, 1, 1), None, None),
        ("Từ ngày 01/3/2025 đến ngày 30/6/2025", None, D, date(2025, 6, 30), date(2025, 3, 1), None, None),
        # before a date; without a year, the programme's year
        ("Trước ngày 30/11/2025", None, D, date(2025, 11, 30), None, None, None),
        ("Trước 30/6", 2025, D, date(2025, 6, 30), None, None, None),
        ("Trước ngày 15/10", 2026, D, date(2026, 10, 15), None, None, None),
        ("Trước 30/6/2026", 2025, D, date(2026, 6, 30), None, None, None),  # the written year wins
        # within a year; a year and every year after it
        ("Trong năm 2025", None, D, date(2025, 12, 31), None, None, None),
        ("trong năm2025", None, D, date(2025, 12, 31), None, None, None),
        ("Năm 2025 và các năm tiếp theo", None, R, None, date(2025, 1, 1), Recurrence.YEARLY, None),
        ("Năm 2026 và những năm tiếp theo", None, R, None, date(2026, 1, 1), Recurrence.YEARLY, None),
        # recurring
        ("Hằng năm", None, R, None, None, Recurrence.YEARLY, None),
        # ongoing and yearly (issue 12): reported every year
        ("Thường xuyên, hằng năm", 2025, R, None, None, Recurrence.YEARLY, None),
        ("Thường xuyên và hằng quý", 2025, R, None, None, Recurrence.QUARTERLY, None),
        ("Hàng năm", None, R, None, None, Recurrence.YEARLY, None),
        ("Định kỳ hằng năm", None, R, None, None, Recurrence.YEARLY, None),
        ("Hằng quý", None, R, None, None, Recurrence.QUARTERLY, None),
        ("Hàng quý", None, R, None, None, Recurrence.QUARTERLY, None),
        ("Hằng tháng", None, R, None, None, Recurrence.MONTHLY, None),
        ("Định kỳ hàng tháng", None, R, None, None, Recurrence.MONTHLY, None),
        ("6 tháng/lần", None, R, None, None, Recurrence.EVERY_N_MONTHS, None),
        ("06 tháng/lần", None, R, None, None, Recurrence.EVERY_N_MONTHS, None),
        ("6 tháng 1 lần", None, R, None, None, Recurrence.EVERY_N_MONTHS, None),
        ("Định kỳ 6 tháng", None, R, None, None, Recurrence.EVERY_N_MONTHS, None),
        ("3 tháng/lần", None, R, None, None, Recurrence.QUARTERLY, None),
        ("12 tháng/lần", None, R, None, None, Recurrence.YEARLY, None),
        # every year, due in a given month: the first time falls in the programme's year
        ("Tháng 12 hằng năm", 2025, R, date(2025, 12, 31), None, Recurrence.YEARLY, None),
        ("Tháng 6 hàng năm", 2026, R, date(2026, 6, 30), None, Recurrence.YEARLY, None),
        ("Quý IV hằng năm", 2025, R, date(2025, 12, 31), None, Recurrence.YEARLY, None),
        ("Tháng 12 hằng năm", None, R, None, None, Recurrence.YEARLY, None),
        # conditions written in the time cell, kept as written
        (
            "Sau khi có Quy chế của Trung ương",
            None,
            C,
            None,
            None,
            None,
            "Sau khi có Quy chế của Trung ương",
        ),
        ("Khi có yêu cầu", None, C, None, None, None, "Khi có yêu cầu"),
        ("Khi có yêu cầu.", None, C, None, None, None, "Khi có yêu cầu"),
        ("Theo yêu cầu của cấp trên", None, C, None, None, None, "Theo yêu cầu của cấp trên"),
        ("THEO YÊU CẦU CỦA CẤP TRÊN", None, C, None, None, None, "THEO YÊU CẦU CỦA CẤP TRÊN"),
        ("Theo chỉ đạo của Bộ Quốc phòng", None, C, None, None, None, "Theo chỉ đạo của Bộ Quốc phòng"),
        # still flagged for review: a plan of its own, a span that ends before it starts, what cannot be
        ("Theo kế hoạch riêng", 2025, U, None, None, None, None),
        ("Quý II/2026 - Quý IV/2025", None, U, None, None, None, None),
        ("2030 - 2026", None, U, None, None, None, None),
        ("Từ tháng 3 đến tháng 6", None, U, None, None, None, None),
        ("Trước 30/6", None, U, None, None, None, None),
        ("Trước 31/2", 2025, U, None, None, None, None),
        ("30/6", 2025, U, None, None, None, None),
        ("Quý I", 2025, U, None, None, None, None),
        ("Tháng 13 hằng năm", 2025, U, None, None, None, None),
        ("0 tháng/lần", None, U, None, None, None, None),
        ("Khí độc", None, U, None, None, None, None),  # "khí" is not "khi"
    ],
)
def test_timeframes_as_provinces_write_them(words, year, kind, due, start, recurrence, condition):
    schedule = read_timeframe([words], default_year=year)
    assert (schedule.kind, schedule.due, schedule.start) == (kind, due, start)
    assert (schedule.recurrence, schedule.conditional) == (recurrence, condition)
    assert schedule.needs_review == (kind == U)


@pytest.mark.parametrize(
    ("words", "every_months", "period_months"),
    [
        ("6 tháng/lần", 6, 6),
        ("2 tháng một lần", 2, 2),
        ("Định kỳ 6 tháng", 6, 6),
        ("3 tháng/lần", None, 3),
        ("Hằng quý", None, 3),
        ("Hằng tháng", None, 1),
        ("Hằng năm", None, 12),
        ("Tháng 12 hằng năm", None, 12),
        ("Hằng năm hoặc đột xuất", None, 12),
        ("Định kỳ", None, None),  # command staff set the interval
        ("Thường xuyên", None, None),
        ("Quý IV/2025", None, None),
    ],
)
def test_months_between_two_runs(words, every_months, period_months):
    schedule = read_timeframe([words], default_year=2025)
    assert (schedule.every_months, schedule.period_months) == (every_months, period_months)


def test_a_condition_in_the_time_cell_wins_over_the_deliverable():
    schedule = read_timeframe(["Khi có yêu cầu"], deliverable="Thực hiện khi có kế hoạch của cấp trên")
    assert (schedule.kind, schedule.conditional) == (ScheduleKind.CONDITIONAL, "Khi có yêu cầu")
    # a dated cell keeps the deliverable's condition, as before
    schedule = read_timeframe(["Quý IV/2025"], deliverable="Thực hiện khi có kế hoạch của cấp trên")
    assert (schedule.kind, schedule.conditional) == (ScheduleKind.DUE_DATE, "khi có kế hoạch của cấp trên")


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # a dated cell beside a condition: the date is the schedule, the condition is kept
        (
            ["Quý IV/2025", "Khi có yêu cầu", ""],
            Schedule(ScheduleKind.DUE_DATE, date(2025, 12, 31), (1, 2), conditional="Khi có yêu cầu"),
        ),
        # spans beside dates: the latest end, the earliest written start
        (
            ["2025", "2026 - 2030", ""],
            Schedule(ScheduleKind.DUE_DATE, date(2030, 12, 31), (1, 2), start=date(2026, 1, 1)),
        ),
        (
            ["", "6 tháng/lần", ""],
            Schedule(ScheduleKind.RECURRING, phases=(2,), recurrence=Recurrence.EVERY_N_MONTHS, every_months=6),
        ),
    ],
)
def test_new_readings_combine_across_phase_columns(cells, expected):
    assert read_timeframe(cells, PHASES) == expected


@pytest.mark.parametrize(
    "schedule",
    [
        Schedule(ScheduleKind.DUE_DATE, due=date(2030, 12, 31), start=date(2026, 1, 1)),
        Schedule(ScheduleKind.RECURRING, recurrence=Recurrence.EVERY_N_MONTHS, every_months=6),
        Schedule(ScheduleKind.CONDITIONAL, conditional="Khi có yêu cầu"),
        read_timeframe(["Năm 2025 và các năm tiếp theo"]),
    ],
)
def test_new_parts_round_trip(schedule):
    assert Schedule.from_dict(schedule.to_dict()) == schedule


def test_new_parts_are_in_the_json_only_when_the_words_name_them():
    assert read_timeframe(["Quý IV/2025 - Quý II/2026"]).to_dict() == {
        "kind": "due_date",
        "due": "2026-06-30",
        "phases": [],
        "recurrence": None,
        "conditional": None,
        "start": "2025-10-01",
    }
    assert read_timeframe(["6 tháng/lần"]).to_dict()["every_months"] == 6
    assert set(read_timeframe(["Quý IV/2025"]).to_dict()) == {"kind", "due", "phases", "recurrence", "conditional"}
