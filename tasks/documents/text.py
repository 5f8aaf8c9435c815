"""Reads a programme from UTF-8 text laid out like the signed documents.

The text is what a PDF or Word copy gives: header lines, the body with phases and their
objectives, and an appendix table whose cells are separated by tabs. Page breaks repeat
the header rows and split a task over two rows (a row with an empty TT cell, or a bare
line); signature notes such as "[Handwritten signature]" fall between them.
"""

import re
from datetime import date

from django.utils.translation import gettext as _

from agencies.text import fold, nfc

from .data import PhaseDoc, ProgrammeDoc, ProgrammeFormatError
from .table import BODY_HEADING, TableReader
from .timeframe import PhaseSpan, read_phase_span, read_timeframe

NUMBER_LINE = re.compile(r"^Số\s*:\s*(?P<number>.*)$", re.IGNORECASE)
PLACE_DATE_LINE = re.compile(r"^(?P<place>[^,]+),\s*(?P<date>ngày\b.*\bnăm\s*\d{4})\s*$", re.IGNORECASE)
DATE_WORDS = re.compile(r"ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})", re.I)
PHASE_HEADING = re.compile(r"^[A-Z]\.\s*Giai đoạn\s*(?P<number>\d+)\s*[:.\-–]?\s*(?P<rest>.*)$", re.IGNORECASE)
LETTER_HEADING = re.compile(r"^[A-Z]\.\s+\S")
NUMBERED_ITEM = re.compile(r"^\d+\.\s+(?P<text>.+)$")
ISSUER = re.compile(
    r"(?:^|[,;]\s*)(?P<issuer>(?:UBND|Ủy ban nhân dân|Sở|Ban|Bộ|Phòng)\b[^,;]*?)\s+(?:ban hành|xây dựng)\b"
)


def decode(raw):
    """UTF-8 text from uploaded or read bytes, refusing anything binary."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ProgrammeFormatError(
            _("Tệp có dữ liệu nhị phân (dòng %(line)d), không phải văn bản UTF-8.") % {"line": line}, line
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProgrammeFormatError(
            _("Tệp không phải văn bản UTF-8: byte không hợp lệ ở dòng %(line)d.") % {"line": line}, line
        ) from error
    if not text.strip():
        raise ProgrammeFormatError(_("Tệp rỗng: không có nội dung để nhập."))
    return text


def read_programme_text(text, columns=None):
    """The programme in the text form; `columns`, a role per table column, overrides the header words."""
    lines = [line.rstrip("\r\n") for line in text.splitlines()]
    number, number_line = _find_number(lines)
    place, date_as_written, issued_on, year, date_line = _find_place_and_date(lines)
    kind, title, title_end = _find_kind_and_title(lines, date_line)
    table_start = _find_table_start(lines)
    closing = _find_line(lines, "noi nhan")
    body_end = min(i for i in (table_start, closing, len(lines)) if i is not None)
    preamble = _paragraphs(lines, title_end, _find_heading(lines, title_end, body_end))
    signer_title, signer_name = _find_signer(lines)

    table = TableReader(lines, table_start, roles=columns)
    table.read()
    phases = _phases(lines, body_end, table.phase_labels)
    # Phase columns give each time cell its phase; a single time column stands for no phase.
    spans = [PhaseSpan(n, p.start, p.end) for n, p in phases][: len(table.time_columns)]
    if len(table.time_columns) < 2:
        spans = []
    for task in (task for section in table.sections for task in section.tasks):
        task.schedule = read_timeframe(
            task.timeframe_as_written, phases=spans, deliverable=task.deliverable, default_year=year
        )
    return ProgrammeDoc(
        number=number,
        kind=kind,
        title=title,
        year=year,
        issuer=_find_issuer(preamble),
        place=place,
        issued_on=issued_on,
        issued_on_as_written=date_as_written,
        signer_name=signer_name,
        signer_title=signer_title,
        legal_bases=preamble,
        phases=[phase for _number, phase in phases],
        sections=table.sections,
        coordination_text=_coordination_paragraph(lines[:closing]),
        columns=[[header, str(role)] for header, role in zip(table.header, table.roles, strict=True)],
        columns_guessed=table.guessed,
        source_text=text,
    )


def _find_number(lines):
    for index, line in enumerate(lines):
        match = NUMBER_LINE.match(nfc(line))
        if match:
            number = re.sub(r"\s+", "", match["number"])
            if number:
                return number, index
    raise ProgrammeFormatError(_("Không tìm thấy số, ký hiệu văn bản (dòng «Số: ...»)."))


def _find_place_and_date(lines):
    for index, line in enumerate(lines):
        match = PLACE_DATE_LINE.match(nfc(line))
        if match:
            parts = DATE_WORDS.search(match["date"])
            year = int(parts["year"])
            issued_on = None
            try:
                date(year, 1, 1)  # "năm 0000": a year the calendar does not have
                if parts["day"] and parts["month"]:
                    issued_on = date(year, int(parts["month"]), int(parts["day"]))
            except ValueError as error:
                raise ProgrammeFormatError(
                    _("Dòng %(line)d: ngày ban hành «%(date)s» không có thật.")
                    % {"line": index + 1, "date": match["date"]},
                    index + 1,
                ) from error
            return match["place"].strip(), match["date"].strip(), issued_on, year, index
    raise ProgrammeFormatError(_("Không tìm thấy địa danh và ngày ban hành (dòng «..., ngày ... tháng ... năm ...»)."))


def _is_upper(text):
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _find_kind_and_title(lines, after):
    index = after + 1
    while index < len(lines) and not nfc(lines[index]):
        index += 1
    if index >= len(lines) or not _is_upper(nfc(lines[index])) or "\t" in lines[index]:
        raise ProgrammeFormatError(
            _("Dòng %(line)d: cần tên loại văn bản viết hoa (ví dụ «KẾ HOẠCH»).") % {"line": index + 1},
            index + 1,
        )
    heading = nfc(lines[index])
    kind = heading[0] + heading[1:].lower()
    index += 1
    while index < len(lines) and not nfc(lines[index]):
        index += 1
    title_lines = []
    while index < len(lines) and nfc(lines[index]) and "\t" not in lines[index]:
        title_lines.append(nfc(lines[index]))
        index += 1
    if not title_lines:
        raise ProgrammeFormatError(_("Dòng %(line)d: thiếu trích yếu văn bản.") % {"line": index + 1}, index + 1)
    return kind, " ".join(title_lines), index


def _find_table_start(lines):
    for index, line in enumerate(lines):
        if "\t" in line and fold(line.split("\t")[0]) in ("tt", "stt"):
            return index
    raise ProgrammeFormatError(_("Không tìm thấy bảng nhiệm vụ: không có dòng tiêu đề bắt đầu bằng «TT»."))


def _find_line(lines, folded_start):
    return next((i for i, line in enumerate(lines) if fold(line).startswith(folded_start)), None)


def _find_heading(lines, start, end):
    return next((i for i in range(start, end) if BODY_HEADING.match(nfc(lines[i]))), end)


def _paragraphs(lines, start, end):
    return [nfc(line) for line in lines[start:end] if nfc(line)]


def _find_issuer(preamble):
    issuer = ""
    for paragraph in preamble:
        for match in ISSUER.finditer(paragraph):
            issuer = match["issuer"].strip()
    return issuer


def _find_signer(lines):
    start = _find_line(lines, "noi nhan")
    if start is None:
        return "", ""
    title = []
    for line in lines[start + 1 :]:
        text = nfc(line).strip("* ")
        if not text or text.startswith("-"):
            continue
        if "\t" in line or fold(text).startswith("phu luc"):
            break
        if _is_upper(text):
            title.append(text)
        elif title:
            return "\n".join(title), text
    return "\n".join(title), ""


def _coordination_paragraph(lines):
    """The body paragraph saying who follows up the programme ("... theo dõi, đôn đốc ...")."""
    return next((nfc(line) for line in lines if "\t" not in line and "theo doi" in fold(line)), "")


def _phases(lines, body_end, labels):
    """Phases numbered from 1: the table's phase columns, else the body's "A. Giai đoạn 1" headings."""
    phases = {
        number: PhaseDoc(name=f"Giai đoạn {number}", label_as_written=label)
        for number, label in enumerate(labels, start=1)
    }
    current = None
    for line in lines[:body_end]:
        text = nfc(line)
        heading = PHASE_HEADING.match(text)
        if heading:
            number = int(heading["number"])
            current = phases.setdefault(number, PhaseDoc(name=f"Giai đoạn {number}", label_as_written=text))
        elif LETTER_HEADING.match(text) or BODY_HEADING.match(text):
            current = None
        elif current is not None and NUMBERED_ITEM.match(text):
            current.objectives.append(NUMBERED_ITEM.match(text)["text"])
    for number, phase in phases.items():
        span = read_phase_span(phase.label_as_written, number)
        phase.start, phase.end = span.start, span.end
    return sorted(phases.items())
