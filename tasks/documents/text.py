"""Reads a programme from UTF-8 text laid out like the signed documents.

The text is what a PDF or Word copy gives: header lines, the body with phases and their
objectives, and an appendix table whose cells are separated by tabs. Page breaks repeat
the header rows and split a task over two rows (a row with an empty TT cell, or a bare
line); signature notes such as "[Handwritten signature]" fall between them.
"""

import re

from django.utils.translation import gettext as _

from agencies.text import fold, nfc

from .data import PhaseDoc, ProgrammeDoc, ProgrammeFormatError
from .header import CLOSING, find_line, read_header
from .table import BODY_HEADING, TableReader
from .timeframe import PhaseSpan, read_phase_span, read_timeframe

PHASE_HEADING = re.compile(r"^[A-Z]\.\s*Giai đoạn\s*(?P<number>\d+)\s*[:.\-–]?\s*(?P<rest>.*)$", re.IGNORECASE)


LETTER_HEADING = re.compile(r"^[A-Z]\.\s+\S")


NUMBERED_ITEM = re.compile(r"^\d+\.\s+(?P<text>.+)$")


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
    header = read_header(lines, _find_table_start(lines, required=False))
    table_start = _find_table_start(lines)
    closing = find_line(lines, "noi nhan")
    body_end = min(i for i in (table_start, closing, len(lines)) if i is not None)
    table = TableReader(lines[: _table_end(lines, table_start)], table_start, roles=columns)
    table.read()
    phases = _phases(lines, body_end, table.phase_labels)
    # Phase columns give each time cell its phase; a single time column stands for no phase.
    spans = [PhaseSpan(n, p.start, p.end) for n, p in phases][: len(table.time_columns)]
    if len(table.time_columns) < 2:
        spans = []
    for task in (task for section in table.sections for task in section.tasks):
        task.schedule = read_timeframe(
            task.timeframe_as_written, phases=spans, deliverable=task.deliverable, default_year=header.year
        )
    return ProgrammeDoc(
        number=header.number,
        kind=header.kind,
        title=header.title,
        year=header.year,
        issuer=header.issuer,
        place=header.place,
        issued_on=header.issued_on,
        issued_on_as_written=header.issued_on_as_written,
        signer_name=header.signer_name,
        signer_title=header.signer_title,
        legal_bases=header.legal_bases,
        phases=[phase for _number, phase in phases],
        sections=table.sections,
        coordination_text=_coordination_paragraph(lines[:closing]),
        columns=[[cell, str(role)] for cell, role in zip(table.header, table.roles, strict=True)],
        columns_guessed=table.guessed,
        source_text=text,
        missing=header.missing,
    )


def _find_table_start(lines, required=True):
    for index, line in enumerate(lines):
        if "\t" in line and fold(line.split("\t")[0]) in ("tt", "stt"):
            return index
    if not required:
        return None
    raise ProgrammeFormatError(_("Không tìm thấy bảng nhiệm vụ: không có dòng tiêu đề bắt đầu bằng «TT»."))


def is_closing(cells):
    """A row or line that starts the closing below the table: "Nơi nhận:", "KT. CHỦ TỊCH", "Ghi chú: ..."."""
    filled = [nfc(cell) for cell in cells if nfc(cell)]
    return bool(filled) and bool(CLOSING.match(fold(filled[0]) + " "))


def _table_end(lines, start):
    """The table ends at the closing below it, so that a note, "Nơi nhận" or the signer never joins the last task."""
    return next((i for i in range(start + 1, len(lines)) if is_closing(lines[i].split("\t"))), len(lines))


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
