"""Timeframes as provinces write them, end to end: read from a programme's text, stored beside our reading of
them, shown on the task page and exported back; the words themselves never change on the way."""

import json
from datetime import date

import pytest

from tasks.documents import ProgrammeFormatError, read_programme_file
from tasks.documents.amendment import apply_amendment, compare
from tasks.documents.data import ProgrammeDoc
from tasks.documents.store import programme_to_doc, save_programme
from tasks.documents.timeframe import Recurrence, ScheduleKind
from tasks.models import Task

HEADER = (
    "Số: 31/KH-UBND\nHà Giang, ngày 05 tháng 3 năm 2025\n\nKẾ HOẠCH\nThực hiện công tác phòng thủ dân sự\n\n"
    "TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
    "I\tNhiệm vụ chung\t\t\t\n"
)
# The time column as the documents write it: spacing, dashes, old spellings and all.
WORDS = [
    "2026 - 2030",
    "Quí IV /2025",
    "Quý IV/2025 – Quý II/2026",
    "Từ tháng 3 đến tháng 6/2026",
    "Trước 30/6",
    "Năm 2025 và các năm tiếp theo",
    "Hằng quý",
    "6 tháng/lần",
    "Tháng 12 hằng năm",
    "Sau khi có Quy chế của Trung ương",
    "Theo kế hoạch riêng",
]
# number -> (kind, due, start, recurrence, period_months, conditional) as stored on the task
STORED = {
    "1": (ScheduleKind.DUE_DATE, date(2030, 12, 31), date(2026, 1, 1), "", None, ""),
    "2": (ScheduleKind.DUE_DATE, date(2025, 12, 31), None, "", None, ""),
    "3": (ScheduleKind.DUE_DATE, date(2026, 6, 30), date(2025, 10, 1), "", None, ""),
    "4": (ScheduleKind.DUE_DATE, date(2026, 6, 30), date(2026, 3, 1), "", None, ""),
    "5": (ScheduleKind.DUE_DATE, date(2025, 6, 30), None, "", None, ""),  # the year of the plan
    "6": (ScheduleKind.RECURRING, None, date(2025, 1, 1), Recurrence.YEARLY, 12, ""),
    "7": (ScheduleKind.RECURRING, None, None, Recurrence.QUARTERLY, 3, ""),
    "8": (ScheduleKind.RECURRING, None, None, Recurrence.EVERY_N_MONTHS, 6, ""),
    "9": (ScheduleKind.RECURRING, date(2025, 12, 31), None, Recurrence.YEARLY, 12, ""),
    "10": (ScheduleKind.CONDITIONAL, None, None, "", None, "Sau khi có Quy chế của Trung ương"),
    "11": (ScheduleKind.UNREADABLE, None, None, "", None, ""),
}


def programme_text(words=WORDS):
    rows = [f"{n}\tViệc số {n}\tBan CHQS tỉnh\t\t{cell}\n" for n, cell in enumerate(words, 1)]
    return (HEADER + "".join(rows)).encode()


def test_the_words_are_read_and_stay_as_written():
    doc = read_programme_file(programme_text(), "x.txt")
    assert [t.timeframe_as_written for t in doc.tasks] == [[cell] for cell in WORDS]
    read = {t.number: t.schedule for t in doc.tasks}
    assert {n: (s.kind, s.due, s.start, s.recurrence or "", s.period_months) for n, s in read.items()} == {
        n: stored[:5] for n, stored in STORED.items()
    }
    assert read["10"].conditional == "Sau khi có Quy chế của Trung ương"
    assert [n for n, s in read.items() if s.needs_review] == ["11"]


@pytest.mark.django_db
def test_the_words_are_stored_beside_our_reading_and_exported_unchanged(agency_directory):
    doc = read_programme_file(programme_text(), "x.txt")
    programme, _ = save_programme(doc)
    tasks = {t.number: t for t in Task.objects.filter(section__programme=programme)}
    assert [tasks[str(n)].timeframe_as_written for n in range(1, len(WORDS) + 1)] == [[cell] for cell in WORDS]
    assert {
        n: (t.schedule_kind, t.due_on, t.starts_on, t.recurrence, t.period_months, t.conditional)
        for n, t in tasks.items()
    } == STORED
    assert tasks["11"].needs_review and "Theo kế hoạch riêng" in tasks["11"].review_note
    assert [n for n, t in tasks.items() if t.needs_review] == ["11"]
    # Exported, the reading goes out with the words and comes back as it went.
    exported = programme_to_doc(programme)
    assert [t.schedule for t in exported.tasks] == [t.schedule for t in doc.tasks]
    again = ProgrammeDoc.from_dict(json.loads(json.dumps(exported.to_dict(), ensure_ascii=False)))
    assert [t.schedule for t in again.tasks] == [t.schedule for t in doc.tasks]
    assert [t.timeframe_as_written for t in again.tasks] == [[cell] for cell in WORDS]


@pytest.mark.django_db
def test_an_amendment_that_rewrites_the_words_rereads_them(agency_directory):
    """From "6 tháng/lần" to "Hằng năm": the interval follows the words; "Định kỳ" leaves staff's interval."""
    programme, _ = save_programme(read_programme_file(programme_text(["6 tháng/lần", "Định kỳ"]), "x.txt"))
    periodic = Task.objects.get(section__programme=programme, number="2")
    periodic.period_months = 4  # command staff's setting
    periodic.save()
    amendment = compare(programme, read_programme_file(programme_text(["Hằng năm", "Định kỳ"]), "x.txt"))
    apply_amendment(amendment, reason="Sửa đổi thời gian thực hiện")
    tasks = {t.number: t for t in Task.objects.filter(section__programme=programme)}
    assert (tasks["1"].recurrence, tasks["1"].period_months, tasks["1"].timeframe_as_written) == (
        Recurrence.YEARLY,
        12,
        ["Hằng năm"],
    )
    assert (tasks["2"].recurrence, tasks["2"].period_months) == (Recurrence.PERIODIC, 4)


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({"kind": "due_date", "start": "2025-13-01"}, "«start» phải là một ngày"),
        ({"kind": "due_date", "start": 2025}, "«start» phải là một ngày"),
        ({"kind": "due_date", "due": "cuối năm"}, "«due» phải là một ngày"),
        ({"kind": "recurring", "recurrence": "every_n_months", "every_months": 0}, "«every_months»"),
        ({"kind": "recurring", "recurrence": "every_n_months", "every_months": "6"}, "«every_months»"),
        ({"kind": "recurring", "recurrence": "every_n_months", "every_months": True}, "«every_months»"),
        ({"kind": "recurring", "recurrence": "fortnightly"}, "«recurrence» không đúng dạng"),
    ],
)
def test_json_with_a_schedule_that_cannot_be_is_refused(schedule, message):
    data = read_programme_file(programme_text(WORDS[:1]), "x.txt").to_dict()
    data["sections"][0]["tasks"][0]["schedule"] = schedule
    with pytest.raises(ProgrammeFormatError, match=message):
        read_programme_file(json.dumps(data).encode(), "x.json")


def test_json_with_the_new_parts_is_read():
    data = read_programme_file(programme_text(), "x.txt").to_dict()
    doc = read_programme_file(json.dumps(data, ensure_ascii=False).encode(), "x.json")
    assert doc.tasks[0].schedule.start == date(2026, 1, 1)
    assert doc.tasks[7].schedule.every_months == 6
