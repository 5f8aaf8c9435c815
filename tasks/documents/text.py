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

from .data import PhaseDoc, ProgrammeDoc, ProgrammeFormatError, SectionDoc, TaskDoc
from .timeframe import PhaseSpan, read_phase_span, read_timeframe

NUMBER_LINE = re.compile(r"^Số\s*:\s*(?P<number>.*)$", re.IGNORECASE)
PLACE_DATE_LINE = re.compile(r"^(?P<place>[^,]+),\s*(?P<date>ngày\b.*\bnăm\s*\d{4})\s*$", re.IGNORECASE)
DATE_WORDS = re.compile(r"ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})", re.I)
ROMAN = r"[IVXLC]+"
BODY_HEADING = re.compile(rf"^{ROMAN}\.\s+\S")
PHASE_HEADING = re.compile(r"^[A-Z]\.\s*Giai đoạn\s*(?P<number>\d+)\s*[:.\-–]?\s*(?P<rest>.*)$", re.IGNORECASE)
LETTER_HEADING = re.compile(r"^[A-Z]\.\s+\S")
NUMBERED_ITEM = re.compile(r"^\d+\.\s+(?P<text>.+)$")
SECTION_CELL = re.compile(rf"^(?P<numeral>{ROMAN})(?:\.\s*(?P<title>.*))?$")
TASK_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?$")
ISSUER = re.compile(
    r"(?:^|[,;]\s*)(?P<issuer>(?:UBND|Ủy ban nhân dân|Sở|Ban|Bộ|Phòng)\b[^,;]*?)\s+(?:ban hành|xây dựng)\b"
)
NOTE_LINE = re.compile(r"^\[.*\]$")  # "[Handwritten signature]", "[Seal]"
PAGE_NUMBER_LINE = re.compile(r"^\d{1,3}$")

# Header words of the table's columns, folded; the first match names the column.
COLUMN_WORDS = [
    ("number", ("tt", "stt")),
    ("content", ("noi dung",)),
    ("lead", ("chu tri",)),
    ("support", ("phoi hop",)),
    ("time", ("thoi gian", "thoi han")),
    ("deliverable", ("san pham",)),
]
COLUMN_LABELS = {"number": "TT", "content": "Nội dung"}


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


def read_programme_text(text):
    lines = [line.rstrip("\r\n") for line in text.splitlines()]
    number, number_line = _find_number(lines)
    place, date_as_written, issued_on, year, date_line = _find_place_and_date(lines)
    kind, title, title_end = _find_kind_and_title(lines, date_line)
    table_start = _find_table_start(lines)
    closing = _find_line(lines, "noi nhan")
    body_end = min(i for i in (table_start, closing, len(lines)) if i is not None)
    preamble = _paragraphs(lines, title_end, _find_heading(lines, title_end, body_end))
    signer_title, signer_name = _find_signer(lines)

    table = _TableReader(lines, table_start)
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
    )


def _column_name(cell):
    folded = fold(cell)
    return next(
        (name for name, words in COLUMN_WORDS if any(w == folded or (len(w) > 3 and w in folded) for w in words)), None
    )


def _cells(line):
    return [nfc(cell) for cell in line.split("\t")]


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


class _TableReader:
    def __init__(self, lines, start):
        self.lines = lines
        self.start = start
        self.columns = {}
        self.time_columns = []
        self.phase_labels = []
        self.sections = []
        self.section_lines = {}
        self.task_lines = {}
        self.current = None  # the task or section the next continuation belongs to

    def read(self):
        in_table = False
        index = self.start
        while index < len(self.lines):
            line = self.lines[index]
            cells = _cells(line)
            lineno = index + 1
            if "\t" in line and cells[0] and fold(cells[0]) in ("tt", "stt"):
                self._read_header(cells, lineno)
                in_table = True
                index = self._skip_sub_header(index + 1)
                continue
            index += 1
            if not in_table or not any(cells):
                continue
            if "\t" not in line:
                in_table = self._read_bare_line(cells[0])
            elif cells[0]:
                self._read_numbered_row(cells, lineno)
            else:
                self._continue(cells, lineno)
        if not any(section.tasks for section in self.sections):
            raise ProgrammeFormatError(_("Bảng nhiệm vụ không có nhiệm vụ nào."), self.start + 1)

    def _read_header(self, cells, lineno):
        columns, time_columns, last = {}, [], None
        for position, cell in enumerate(cells):
            name = _column_name(cell)
            if name:
                columns.setdefault(name, position)
                last = name
                if name == "time":
                    time_columns = [position]
            elif not cell and last == "time":
                time_columns.append(position)  # "Thời gian thực hiện" merged over the phase columns
        for required in ("number", "content"):
            if required not in columns:
                raise ProgrammeFormatError(
                    _("Dòng %(line)d: bảng thiếu cột «%(column)s».")
                    % {"line": lineno, "column": COLUMN_LABELS[required]},
                    lineno,
                )
        self.columns, self.time_columns = columns, time_columns

    def _skip_sub_header(self, index):
        """Skip the second header row (phase columns), remembering its labels the first time."""
        if index < len(self.lines) and len(self.time_columns) > 1:
            cells = _cells(self.lines[index])
            labels = [cells[i] if i < len(cells) else "" for i in self.time_columns]
            if not cells[0] and any("giai doan" in fold(label) for label in labels):
                if not self.phase_labels:
                    self.phase_labels = labels
                return index + 1
        del self.time_columns[1:]  # no phase row: empty header cells after the time column are not columns
        return index

    def _cell(self, cells, name):
        position = self.columns.get(name)
        return cells[position] if position is not None and position < len(cells) else ""

    def _read_bare_line(self, text):
        """A line without tabs: a note to skip, the end of the table, or a task continued."""
        if NOTE_LINE.match(text) or PAGE_NUMBER_LINE.match(text):
            return True
        if BODY_HEADING.match(text) or fold(text).startswith("noi nhan") or not isinstance(self.current, TaskDoc):
            self.current = None
            return False
        self.current.content = _join(self.current.content, text)
        return True

    def _read_numbered_row(self, cells, lineno):
        first = cells[0]
        section = SECTION_CELL.match(first)
        task = TASK_NUMBER.match(first)
        if task and self._is_arabic_section(cells):
            section, task = {"numeral": first.rstrip("."), "title": ""}, None
        if section:
            numeral = section["numeral"]
            if numeral in self.section_lines:
                raise ProgrammeFormatError(
                    _("Dòng %(line)d: mục %(numeral)s xuất hiện lần thứ hai (lần đầu ở dòng %(first)d).")
                    % {"line": lineno, "numeral": numeral, "first": self.section_lines[numeral]},
                    lineno,
                )
            self.section_lines[numeral] = lineno
            title = _join(section["title"] or "", " ".join(c for c in cells[1:] if c))
            self.current = SectionDoc(numeral=numeral, title=title, line=lineno)
            self.sections.append(self.current)
        elif task:
            if not self.sections:
                raise ProgrammeFormatError(
                    _("Dòng %(line)d: nhiệm vụ số %(number)s đứng trước mục La Mã đầu tiên của bảng.")
                    % {"line": lineno, "number": task["number"]},
                    lineno,
                )
            section = self.sections[-1]
            key = (section.numeral, task["number"])
            if key in self.task_lines:
                raise ProgrammeFormatError(
                    _("Dòng %(line)d: mục %(numeral)s có hai nhiệm vụ số %(number)s (lần đầu ở dòng %(first)d).")
                    % {"line": lineno, "numeral": key[0], "number": key[1], "first": self.task_lines[key]},
                    lineno,
                )
            self.task_lines[key] = lineno
            self.current = TaskDoc(
                number=task["number"],
                content=self._cell(cells, "content"),
                lead_as_written=self._cell(cells, "lead"),
                support_as_written=self._cell(cells, "support"),
                timeframe_as_written=[cells[i] if i < len(cells) else "" for i in self.time_columns],
                deliverable=self._cell(cells, "deliverable"),
                line=lineno,
            )
            section.tasks.append(self.current)
        else:
            raise ProgrammeFormatError(
                _("Dòng %(line)d: ô TT «%(value)s» không phải số La Mã của mục hay số thứ tự của nhiệm vụ.")
                % {"line": lineno, "value": first},
                lineno,
            )

    def _is_arabic_section(self, cells):
        """ "1" with a title and nothing else, in a table numbered 1, 1.1, 1.2 instead of I, 1, 2."""
        if "." in cells[0].rstrip(".") or any(SECTION_CELL.match(s.numeral) for s in self.sections):
            return False
        others = [self._cell(cells, name) for name in ("lead", "support", "deliverable")]
        others += [cells[i] if i < len(cells) else "" for i in self.time_columns]
        return bool(self._cell(cells, "content")) and not any(others)

    def _continue(self, cells, lineno):
        """A row with an empty TT cell: the cells of the row above, continued after a page break."""
        if isinstance(self.current, SectionDoc):
            self.current.title = _join(self.current.title, " ".join(c for c in cells if c))
        elif isinstance(self.current, TaskDoc):
            task = self.current
            if len(task.timeframe_as_written) != len(self.time_columns):  # the header repeated differently
                message = _(
                    "Dòng %(line)d: dòng tiếp nối nhiệm vụ %(number)s nằm dưới tiêu đề bảng có %(now)d cột thời gian, "
                    "còn dòng đầu của nhiệm vụ có %(before)d; tiêu đề bảng lặp lại ở trang sau phải như trang trước."
                )
                counts = {"now": len(self.time_columns), "before": len(task.timeframe_as_written)}
                raise ProgrammeFormatError(message % {"line": lineno, "number": task.number, **counts}, lineno)
            task.content = _join(task.content, self._cell(cells, "content"))
            task.lead_as_written = _join(task.lead_as_written, self._cell(cells, "lead"))
            task.support_as_written = _join(task.support_as_written, self._cell(cells, "support"))
            task.deliverable = _join(task.deliverable, self._cell(cells, "deliverable"))
            task.timeframe_as_written = [
                _join(old, cells[i] if i < len(cells) else "")
                for old, i in zip(task.timeframe_as_written, self.time_columns, strict=True)
            ]
        else:
            raise ProgrammeFormatError(
                _("Dòng %(line)d: dòng tiếp nối (ô TT trống) không thuộc nhiệm vụ nào.") % {"line": lineno}, lineno
            )


def _join(before, after):
    return f"{before} {after}".strip() if after else before
