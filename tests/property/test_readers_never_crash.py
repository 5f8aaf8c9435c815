"""Every reader of what users bring (a programme file, a period key, the timeframe words, a filled progress sheet)
either reads it or refuses it with its own clear error: ProgrammeFormatError, SheetError, PeriodError; the timeframe
reader never refuses (unreadable words are flagged). Any other exception is a bug that would show as a server error.

A programme that reads is stored whole or refused with nothing written, and holds nothing PostgreSQL would refuse.
Inputs that once broke a reader are kept as @example.
"""

import copy
import datetime
import io
import json

from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from tasks.documents import ProgrammeFormatError, read_programme_file
from tasks.documents.store import save_programme
from tasks.documents.text import read_programme_text
from tasks.documents.timeframe import PhaseSpan, Schedule, ScheduleKind, read_phase_span, read_timeframe
from tasks.offline import HEADER_ROW, SheetError, headers, read_filled
from tasks.periods import CutoffRule, PeriodError, parse_period
from tests.conftest import BAC_GIANG_SEED, CITY_SEED
from tests.documents.test_office_import import build_docx, build_xlsx, seed_lines

from .conftest import fingerprint, rolled_back, unstorable
from .strategies import mutated, text, xml_characters, xml_text

SEEDS = {"bac-giang": seed_lines(BAC_GIANG_SEED), "city": seed_lines(CITY_SEED)}
BUILD = {
    "txt": lambda lines: "\n".join(lines).encode(),
    "docx": build_docx,
    "xlsx": build_xlsx,
}
REAL_FILES = [("ke-hoach.docx", build_docx(SEEDS["bac-giang"])), ("ke-hoach.xlsx", build_xlsx(SEEDS["bac-giang"]))]


def words_for(xml_only):
    """What a clerk may type in a cell or a line: junk, or words the readers look for, slightly wrong."""
    junk = xml_text if xml_only else text
    years = st.integers(min_value=0, max_value=9999).map(lambda year: f"{year:04d}")
    return junk | st.one_of(
        st.sampled_from(
            [
                "x",
                "X",
                "Thường xuyên",
                "Hằng năm",
                "Quý V/2025",
                "Tháng 13/2025",
                "31/2/2025",
                "TT",
                "",
                "6 tháng đầu năm",
                "Giai đoạn 1 (2025 - 2020)",
                "sau năm 9999",
                "Nơi nhận:",
                "I",
                "I.",
            ]
        ),
        years.map(lambda year: f"Năm {year}"),
        years.map(lambda year: f"Quý I/{year}"),
        years.map(lambda year: f"Thái Nguyên, ngày 01 tháng 01 năm {year}"),
        years.map(lambda year: f"Thái Nguyên, ngày tháng năm {year}"),
        st.from_regex(r"\d{1,3}(\.\d{1,3}){0,12}\.?", fullmatch=True),  # task numbers, some too long for TT
        st.from_regex(r"[IVXLC]{1,15}\.?", fullmatch=True),  # section numerals, some too long
        st.builds("Số: {}".format, junk),
        st.text(xml_characters, min_size=100, max_size=400),
    )


def damage(lines, edits):
    """The lines with each edit applied: (line, cell, words) replaces a cell of a table row, or a whole line."""
    lines = list(lines)
    for index, column, words in edits:
        index %= len(lines)
        cells = lines[index].split("\t")
        cells[column % len(cells)] = words
        lines[index] = "\t".join(cells)
    return lines


def edits_of(lines, xml_only):
    table_rows = [i for i, line in enumerate(lines) if "\t" in line]
    line = st.sampled_from(table_rows) | st.integers(min_value=0, max_value=len(lines) - 1)
    return st.lists(st.tuples(line, st.integers(min_value=0, max_value=9), words_for(xml_only)), min_size=1, max_size=3)


@st.composite
def damaged_documents(draw):
    """A seed programme as a .txt, .docx or .xlsx file with a few cells or lines changed."""
    fmt = draw(st.sampled_from(["txt", "docx", "xlsx"]))
    seed = "bac-giang" if fmt == "docx" else draw(st.sampled_from(sorted(SEEDS)))  # the city's .docx takes seconds
    lines = damage(SEEDS[seed], draw(edits_of(SEEDS[seed], xml_only=fmt != "txt")))
    return BUILD[fmt](lines), f"chuong-trinh.{fmt}"


def check_read(doc):
    """What a read programme must be for the importer to store it: text that is text, a year that exists."""
    strings = [doc.number, doc.kind, doc.title, doc.issuer, doc.place, doc.coordinating_agency, *doc.legal_bases]
    for task in doc.tasks:
        strings += [task.number, task.content, task.lead_as_written, task.support_as_written, task.deliverable]
        strings += [*task.timeframe_as_written, *task.lead, *task.support]
    assert all(isinstance(s, str) for s in strings), [s for s in strings if not isinstance(s, str)]
    assert isinstance(doc.year, int) and 1 <= doc.year <= 9999, doc.year


def import_whole_or_not_at_all(raw, name):
    """Read the file and store it: either all of it is stored, PostgreSQL-safe, or a ProgrammeFormatError says why
    and nothing is written."""
    try:
        doc = read_programme_file(raw, name)
    except ProgrammeFormatError as error:
        assert str(error)
        return
    check_read(doc)
    with rolled_back():
        before = fingerprint()
        try:
            save_programme(doc)
        except ProgrammeFormatError as error:
            assert str(error) and fingerprint() == before
        else:
            assert not unstorable(), unstorable()


@given(raw=st.binary(max_size=4000), name=st.sampled_from(["a.txt", "a.json", "a.docx", "a.xlsx", "a", "a.pdf"]))
@example(raw=b"{" + b'"a":' + b"[" * 100_000, name="a.json")
def test_any_bytes_are_read_or_refused_clearly(raw, name):
    try:
        read_programme_file(raw, name)
    except ProgrammeFormatError as error:
        assert str(error)


@given(upload=st.sampled_from(REAL_FILES).flatmap(lambda real: st.tuples(mutated(real[1]), st.just(real[0]))))
def test_a_damaged_word_or_excel_package_is_read_or_refused_clearly(agency_directory, upload):
    import_whole_or_not_at_all(*upload)


# A task row under two phase columns, continued on the next page under a header with one time column.
CONTINUED_UNDER_ANOTHER_HEADER = (
    "Số: 12/KH-UBND\nHà Nội, ngày 01 tháng 02 năm 2025\n\nKẾ HOẠCH\nThử nghiệm\n\n"
    "TT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\t\n\t\t\tGiai đoạn 1 (2025 - 2026)\tGiai đoạn 2 (2027 - 2030)\n"
    "I\tMục\t\t\t\n1\tViệc\tA\tx\t\nTT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\n\tcòn tiếp\t\t\n"
)


def damaged(fmt, seed, *edits):
    return BUILD[fmt](damage(SEEDS[seed], edits)), f"chuong-trinh.{fmt}"


@given(document=damaged_documents())
@example(document=damaged("txt", "bac-giang", (4, 0, "Bắc Giang, ngày tháng năm 0000")))
@example(document=damaged("docx", "bac-giang", (25, 0, "IIIIIIIIIIIIIII")))
@example(document=damaged("xlsx", "bac-giang", (26, 2, "Thanh tra Sở" + " rất dài" * 40)))
@example(document=damaged("txt", "city", (108, 5, "Giai đoạn 2 (2030 - 2026)")))
@example(document=(CONTINUED_UNDER_ANOTHER_HEADER.encode(), "ke-hoach.txt"))
def test_a_programme_with_odd_cells_is_imported_whole_or_refused(agency_directory, document):
    import_whole_or_not_at_all(*document)


# The JSON that export_programme writes, and import reads back: any value at any place.
EXPORTED = read_programme_text("\n".join(SEEDS["bac-giang"])).to_dict()


def paths(data, prefix=()):
    """Every place in the JSON document: keys of objects, indexes of lists."""
    found = [prefix] if prefix else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, item in items:
        found += paths(item, (*prefix, key))
    return found


def replaced(data, path, new):
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return data


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**20), max_value=10**20) | st.floats() | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=6,
)


@given(changes=st.lists(st.tuples(st.sampled_from(paths(EXPORTED)), json_values), min_size=1, max_size=3))
@example(changes=[(("year",), float("inf"))])
@example(changes=[(("year",), -5)])
@example(changes=[(("year",), 0)])
@example(changes=[(("sections", 0, "tasks", 0, "content"), 5)])
@example(changes=[(("sections", 0, "tasks", 0, "schedule"), {"kind": "phase", "phases": ["a"]})])
@example(changes=[(("number",), "04/CTr\x00")])
@example(changes=[(("number",), "9" * 65)])
def test_exported_json_with_any_value_anywhere_is_imported_whole_or_refused(agency_directory, changes):
    data = EXPORTED
    for path, new in changes:
        if path in paths(data):
            data = replaced(data, path, new)
    import_whole_or_not_at_all(json.dumps(data, ensure_ascii=False).encode(), "chuong-trinh.json")


# Periods


period_like = st.from_regex(
    r"-?\d{1,6}(-([QqHh]\d{1,3}|9[Mm]|\d{1,3}))?|\d{1,5}-\d{1,2}-\d{1,2}\.\.\d{1,5}-\d{1,2}-\d{1,2}", fullmatch=True
)


@given(words=text | period_like | st.builds("{}{}{}".format, text, period_like, text))
def test_any_text_is_a_period_or_refused_clearly(words):
    try:
        period = parse_period(words)
    except PeriodError as error:
        assert str(error)
        return
    assert period.start <= period.end
    assert parse_period(period.key) == period
    for rule in (CutoffRule.CALENDAR, CutoffRule.DECREE_09):
        start, end = period.cutoff(rule)
        assert start <= end


# Timeframes


dates = st.dates(min_value=datetime.date(1, 1, 1))
spans = st.builds(PhaseSpan, st.integers(min_value=1, max_value=5), st.none() | dates, st.none() | dates)
timeframe_words = text | words_for(xml_only=False) | st.from_regex(r"(Quý|Tháng|Năm|ngày)? ?\d{1,5}[/ ]\d{0,5}")


@given(
    cells=st.lists(timeframe_words, max_size=4),
    phases=st.lists(spans, max_size=4),
    deliverable=text | words_for(xml_only=False),
    default_year=st.none() | st.integers(min_value=-10, max_value=100_000),
)
def test_any_timeframe_words_are_read_or_flagged_never_raised(cells, phases, deliverable, default_year):
    schedule = read_timeframe(cells, phases=phases, deliverable=deliverable, default_year=default_year)
    assert schedule.kind in vars(ScheduleKind).values()
    assert Schedule.from_dict(json.loads(json.dumps(schedule.to_dict()))) == schedule


@given(label=timeframe_words, number=st.integers(min_value=1, max_value=9))
def test_any_phase_heading_is_read_or_left_open(label, number):
    span = read_phase_span(label, number)
    assert span.number == number
    assert all(day is None or isinstance(day, datetime.date) for day in (span.start, span.end))


# The filled progress sheet


cell_values = st.one_of(
    st.none(),
    xml_text,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "Đang thực hiện",
            "Đã hoàn thành",
            "done",
            "50%",
            "=1/0",
            "31/02/2025",
            "15/03/2025",
            "2025-3-15",
            "2025-Q4",
            "1e400",
            "12/QĐ-UBND",
        ]
    ),
)


def sheet(rows):
    """A workbook laid out as the «my tasks» template: title, guide, the header row, then `rows`."""
    workbook = Workbook()
    page = workbook.active
    page.append(["Báo cáo tiến độ"])
    page.append(["Hướng dẫn"])
    page.append(list(headers().values()))
    for row in rows:
        page.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@given(rows=st.lists(st.lists(cell_values, max_size=len(headers()) + 2), max_size=6))
def test_any_filled_sheet_is_read_into_rows_the_draft_can_hold(rows):
    rows_read = read_filled(sheet(rows), "bao-cao.xlsx")
    stored = json.loads(json.dumps(rows_read))  # the draft keeps them as JSON
    assert stored == rows_read
    assert not any("\x00" in json.dumps(value) for value in rows_read)
    assert all(row["row"] > HEADER_ROW for row in rows_read)


@given(raw=st.binary(max_size=3000) | mutated(sheet([[1, "x"]])), name=st.sampled_from(["a.xlsx", "a.xls", "a"]))
def test_any_file_given_as_a_filled_sheet_is_read_or_refused_clearly(raw, name):
    try:
        read_filled(raw, name)
    except SheetError as error:
        assert str(error)
