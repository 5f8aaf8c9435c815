"""A programme as plain data: what readers produce, the importer stores and the exporter prints.

Its dictionary form is the JSON of `import_programme --json` and `export_programme`.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .timeframe import Recurrence, Schedule, ScheduleKind


class ProgrammeFormatError(Exception):
    """A document the importer cannot read; the message names the line when there is one."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(message)

    def located(self, places):
        """The same error naming places in the user's file ("bảng 2, hàng 14") instead of lines of the text form the
        Word, Excel or PDF reader made of it; `places` holds the place of each line."""

        def place(match):
            number = int(match[2])
            if not 0 < number <= len(places):
                return match[0]
            return places[number - 1][:1].upper() + places[number - 1][1:] if match[1] == "D" else places[number - 1]

        return ProgrammeFormatError(re.sub(r"\b([Dd])òng (\d+)\b", place, str(self)), self.line)


@dataclass
class TaskDoc:
    number: str
    content: str
    lead_as_written: str = ""
    support_as_written: str = ""
    timeframe_as_written: list[str] = field(default_factory=list)
    deliverable: str = ""
    extra_cells: list[list[str]] = field(default_factory=list)  # [header, cell] of other columns, as written
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    schedule: Schedule | None = None
    line: int | None = field(default=None, compare=False)

    def to_dict(self):
        return {
            "number": self.number,
            "content": self.content,
            "lead_as_written": self.lead_as_written,
            "support_as_written": self.support_as_written,
            "lead": self.lead,
            "support": self.support,
            "timeframe_as_written": self.timeframe_as_written,
            "schedule": self.schedule.to_dict() if self.schedule else None,
            "deliverable": self.deliverable,
            "extra_cells": self.extra_cells,
        }

    @classmethod
    def from_dict(cls, data):
        number = data["number"]
        schedule = data.get("schedule")
        return cls(
            number=str(number) if isinstance(number, int) and not isinstance(number, bool) else _text(data, "number"),
            content=_text(data, "content"),
            lead_as_written=_text(data, "lead_as_written", ""),
            support_as_written=_text(data, "support_as_written", ""),
            timeframe_as_written=_texts(data, "timeframe_as_written"),
            deliverable=_text(data, "deliverable", ""),
            extra_cells=[_pair(pair) for pair in _list(data, "extra_cells")],
            lead=_texts(data, "lead"),
            support=_texts(data, "support"),
            schedule=_schedule(schedule) if schedule else None,
        )


@dataclass
class SectionDoc:
    numeral: str
    title: str
    tasks: list[TaskDoc] = field(default_factory=list)
    line: int | None = field(default=None, compare=False)

    def to_dict(self):
        return {"numeral": self.numeral, "title": self.title, "tasks": [t.to_dict() for t in self.tasks]}

    @classmethod
    def from_dict(cls, data):
        return cls(_text(data, "numeral"), _text(data, "title"), [TaskDoc.from_dict(t) for t in _list(data, "tasks")])


@dataclass
class PhaseDoc:
    name: str
    label_as_written: str = ""
    start: date | None = None
    end: date | None = None
    objectives: list[str] = field(default_factory=list)

    def to_dict(self):
        return {
            "name": self.name,
            "label_as_written": self.label_as_written,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "objectives": self.objectives,
        }

    @classmethod
    def from_dict(cls, data):
        start, end = _date(data.get("start")), _date(data.get("end"))
        if start and end and end < start:
            raise ShapeError(
                _("giai đoạn kết thúc (%(end)s) trước khi bắt đầu (%(start)s).") % {"start": start, "end": end}
            )
        return cls(_text(data, "name"), _text(data, "label_as_written", ""), start, end, _texts(data, "objectives"))


@dataclass
class ProgrammeDoc:
    number: str
    kind: str
    title: str
    year: int
    issuer: str = ""
    place: str = ""
    issued_on: date | None = None
    issued_on_as_written: str = ""
    signer_name: str = ""
    signer_title: str = ""
    coordinating_agency: str = ""
    legal_bases: list[str] = field(default_factory=list)
    phases: list[PhaseDoc] = field(default_factory=list)
    sections: list[SectionDoc] = field(default_factory=list)
    # The paragraph that names who follows the programme up; read against the agency directory.
    coordination_text: str = field(default="", compare=False)
    # How the file was read, not part of the programme (nor of its JSON form): the task table's first header row as
    # written with the role read for each column ([header, role]), guessed when no column read as the content (the
    # user is then asked, columns.py).
    columns: list[list[str]] = field(default_factory=list, compare=False)
    columns_guessed: bool = field(default=False, compare=False)
    # The text form the readers made of the file, kept to read it again with the user's column mapping.
    source_text: str = field(default="", compare=False, repr=False)
    # Header fields the document does not give ("number", "place", "issued_on", "kind", "title"): left empty and
    # shown for review instead of refusing the file (an appendix sent alone as a bare sheet).
    missing: list[str] = field(default_factory=list)
    # Read by OCR from a scanned PDF (documents/ocr.py): the review page asks for every cell to be checked.
    read_by_ocr: bool = field(default=False, compare=False)

    @property
    def tasks(self):
        return [task for section in self.sections for task in section.tasks]

    def to_dict(self):
        return {
            "number": self.number,
            "kind": self.kind,
            "title": self.title,
            "issuer": self.issuer,
            "place": self.place,
            "issued_on": _iso(self.issued_on),
            "issued_on_as_written": self.issued_on_as_written,
            "year": self.year,
            "signer": {"name": self.signer_name, "title": self.signer_title},
            "coordinating_agency": self.coordinating_agency,
            "legal_bases": self.legal_bases,
            "phases": [p.to_dict() for p in self.phases],
            "sections": [s.to_dict() for s in self.sections],
            "missing": self.missing,
        } | ({"read_by_ocr": True} if self.read_by_ocr else {})

    @classmethod
    def from_dict(cls, data):
        try:
            issued_on = _date(data.get("issued_on"))
            signer = data.get("signer") or {}
            return cls(
                number=_text(data, "number"),
                kind=_text(data, "kind"),
                title=_text(data, "title"),
                year=_year(issued_on.year if data.get("year") is None and issued_on else data.get("year")),
                issuer=_text(data, "issuer", ""),
                place=_text(data, "place", ""),
                issued_on=issued_on,
                issued_on_as_written=_text(data, "issued_on_as_written", ""),
                signer_name=_text(signer, "name", ""),
                signer_title=_text(signer, "title", ""),
                coordinating_agency=_text(data, "coordinating_agency", ""),
                legal_bases=_texts(data, "legal_bases"),
                phases=[PhaseDoc.from_dict(p) for p in _list(data, "phases")],
                sections=[SectionDoc.from_dict(s) for s in _list(data, "sections")],
                missing=_texts(data, "missing"),
                read_by_ocr=data.get("read_by_ocr") is True,
            )
        except ShapeError as error:
            raise ProgrammeFormatError(_("JSON không đúng dạng chương trình: %(error)s") % {"error": error}) from error
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ProgrammeFormatError(
                _("JSON không đúng dạng chương trình: %(error)s") % {"error": repr(error)}
            ) from error


class ShapeError(ValueError):
    """A value of the JSON form that is not of the kind the form says; the message names it."""


def _shown(value):
    return json.dumps(value, ensure_ascii=False)[:40]


def _text(data, key, default=None):
    """data[key] as text (absent: `default`; None: required). No column of the database holds U+0000."""
    value = data[key] if default is None else data.get(key, default)
    if not isinstance(value, str):
        raise ShapeError(
            _("«%(key)s» phải là chuỗi văn bản, không phải %(value)s.") % {"key": key, "value": _shown(value)}
        )
    if "\x00" in value:
        raise ShapeError(_("«%(key)s» có ký tự NUL (\\u0000), không lưu được.") % {"key": key})
    return value


def _list(data, key):
    values = data.get(key) or []
    if not isinstance(values, list):
        raise ShapeError(
            _("«%(key)s» phải là một danh sách, không phải %(value)s.") % {"key": key, "value": _shown(values)}
        )
    return values


def _texts(data, key):
    return [_text({key: value}, key) for value in _list(data, key)]


def _pair(value):
    """One [header, cell] of a column kept as written."""
    if not isinstance(value, list) or len(value) != 2:
        raise ShapeError(
            _("«extra_cells» phải gồm các cặp [tên cột, nội dung], không phải %(value)s.") % {"value": _shown(value)}
        )
    return _texts({"pair": value}, "pair")


def _year(value):
    """A year date() can hold: a PositiveSmallIntegerField, and the first day of the year is a date."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9999:
        raise ShapeError(_("«year» phải là năm ban hành (1–9999), không phải %(value)s.") % {"value": _shown(value)})
    return value


def _schedule(data):
    """Our reading of a task's timeframe, as export_programme writes it."""
    if not isinstance(data, dict) or _text(data, "kind") not in ScheduleKind.values:
        raise ShapeError(_("«schedule» không đúng dạng: %(value)s.") % {"value": _shown(data)})
    phases = _list(data, "phases")
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in phases):
        raise ShapeError(_("«phases» phải là các số giai đoạn, không phải %(value)s.") % {"value": _shown(phases)})
    for key, known in (("recurrence", Recurrence.values), ("conditional", None)):
        if data.get(key) is not None and _text(data, key) not in (known or {data[key]}):
            raise ShapeError(_("«%(key)s» không đúng dạng: %(value)s.") % {"key": key, "value": _shown(data[key])})
    for key in ("due", "start"):
        if data.get(key):  # absent, None or "": no date
            try:
                date.fromisoformat(_text(data, key))
            except ValueError:
                raise ShapeError(
                    _("«%(key)s» phải là một ngày (YYYY-MM-DD), không phải %(value)s.")
                    % {"key": key, "value": _shown(data[key])}
                ) from None
    every = data.get("every_months")
    if every is not None and (isinstance(every, bool) or not isinstance(every, int) or not 1 <= every <= 60):
        raise ShapeError(
            _("«every_months» phải là số tháng giữa hai lần (1–60), không phải %(value)s.") % {"value": _shown(every)}
        )
    return Schedule.from_dict(data)


def _iso(value):
    return value.isoformat() if value else None


def _date(value):
    return date.fromisoformat(value) if value else None
