"""A programme as plain data: what readers produce, the importer stores and the exporter prints.

Its dictionary form is the JSON of `import_programme --json` and `export_programme`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .timeframe import Schedule


class ProgrammeFormatError(Exception):
    """A document the importer cannot read; the message names the line when there is one."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(message)


@dataclass
class TaskDoc:
    number: str
    content: str
    lead_as_written: str = ""
    support_as_written: str = ""
    timeframe_as_written: list[str] = field(default_factory=list)
    deliverable: str = ""
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
        }

    @classmethod
    def from_dict(cls, data):
        schedule = data.get("schedule")
        return cls(
            number=str(data["number"]),
            content=data["content"],
            lead_as_written=data.get("lead_as_written", ""),
            support_as_written=data.get("support_as_written", ""),
            timeframe_as_written=list(data.get("timeframe_as_written", [])),
            deliverable=data.get("deliverable", ""),
            lead=list(data.get("lead", [])),
            support=list(data.get("support", [])),
            schedule=Schedule.from_dict(schedule) if schedule else None,
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
        return cls(data["numeral"], data["title"], [TaskDoc.from_dict(t) for t in data.get("tasks", [])])


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
        return cls(
            data["name"],
            data.get("label_as_written", ""),
            _date(data.get("start")),
            _date(data.get("end")),
            list(data.get("objectives", [])),
        )


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
        }

    @classmethod
    def from_dict(cls, data):
        try:
            issued_on = _date(data.get("issued_on"))
            signer = data.get("signer") or {}
            return cls(
                number=data["number"],
                kind=data["kind"],
                title=data["title"],
                year=int(data.get("year") or issued_on.year),
                issuer=data.get("issuer", ""),
                place=data.get("place", ""),
                issued_on=issued_on,
                issued_on_as_written=data.get("issued_on_as_written", ""),
                signer_name=signer.get("name", ""),
                signer_title=signer.get("title", ""),
                coordinating_agency=data.get("coordinating_agency", ""),
                legal_bases=list(data.get("legal_bases", [])),
                phases=[PhaseDoc.from_dict(p) for p in data.get("phases", [])],
                sections=[SectionDoc.from_dict(s) for s in data.get("sections", [])],
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ProgrammeFormatError(
                _("JSON không đúng dạng chương trình: %(error)s") % {"error": repr(error)}
            ) from error


def _iso(value):
    return value.isoformat() if value else None


def _date(value):
    return date.fromisoformat(value) if value else None
