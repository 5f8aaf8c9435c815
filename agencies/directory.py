"""Finding agencies by the names programmes use for them.

A table cell may name several agencies ("Ban CHQS thành phố; Công an thành phố",
"Ban CHQS thành phố - Công an thành phố", "Sở Tài chính, Sở Xây dựng và các địa phương"), while a
hyphen, a comma or "và" can also belong to one name ("Phòng Tài chính - Kế hoạch", "Sở Văn hóa, Thể
thao và Du lịch"; lists.py says where a comma or "và" separates). The directory keeps every known
name and alias in memory, so a whole programme resolves with two queries.
"""

import datetime
import json
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from .lists import split_list
from .models import AdministrativeUnit, Agency, AgencyAlias, Reorganisation
from .text import fold, fold_name, nfc

_LIST_SEPARATOR = re.compile(r"\s*;\s*")
_DASH_SEPARATOR = re.compile(r"(\s+[-–]\s+)")


@dataclass(frozen=True)
class NamedAgency:
    as_written: str
    agency: Agency | None  # None: not in the directory yet


class AgencyDirectory:
    def __init__(self, agencies=(), aliases=(), short_names_of=lambda agency: True):
        self._by_name = {}
        agencies = list(agencies)
        for agency in agencies:  # official names first: no short name or alias takes one
            self._by_name.setdefault(fold_name(agency.name), agency)
        for agency in agencies:
            if agency.short_name and short_names_of(agency):
                self._by_name.setdefault(fold_name(agency.short_name), agency)
        for alias in aliases:
            self._by_name.setdefault(alias.folded_name, alias.agency)

    @classmethod
    def load(cls, unit=None):
        """Every known name, or (given a unit) the short names and aliases meant within the unit and the units above
        it, the nearest first: in a commune's plan "Công an xã" is the commune's police, "Sở Y tế" the province's
        department. Official names are known everywhere (once reviewed), and so are agencies placed in no unit."""
        if unit is None:
            return cls(Agency.objects.all(), AgencyAlias.objects.select_related("agency"))
        lineage = [u.pk for u in unit.lineage()]
        nearest = {pk: depth for depth, pk in enumerate(lineage)}
        within = Q(unit__in=lineage) | Q(unit=None)
        # Another unit's agency made by an import and not yet reviewed is known by no name here: its name is only
        # what that unit's plan wrote ("Tổ bảo vệ dân phố"), which another unit's plan may mean for its own body.
        known = Agency.objects.filter(within | Q(needs_review=False))
        agencies = sorted(known, key=lambda a: nearest.get(a.unit_id, len(lineage) + (a.unit_id is not None)))
        aliases = sorted(
            AgencyAlias.objects.filter(within).select_related("agency"),
            key=lambda a: nearest.get(a.unit_id, len(lineage)),
        )
        return cls(agencies, aliases, short_names_of=lambda a: a.unit_id in nearest or a.unit_id is None)

    def add(self, agency):
        self._by_name[fold_name(agency.name)] = agency
        if agency.short_name:
            self._by_name.setdefault(fold_name(agency.short_name), agency)

    def find(self, name):
        return self._by_name.get(fold_name(name))

    def mentioned_in(self, text):
        """The agency a sentence names first (the longest name where two start together)."""
        folded = fold(text)
        found = [(folded.find(name), -len(name), agency) for name, agency in self._by_name.items() if name in folded]
        return min(found, key=lambda hit: hit[:2])[2] if found else None

    def split(self, cell):
        """The agency names in a cell, as written, in the order written."""
        names = []
        for part in _LIST_SEPARATOR.split(nfc(cell)):
            part = part.strip(" ;,.")
            if not part:
                continue
            for name in [part] if self.find(part) else split_list(part, self.find):
                names.extend(self._split_dashes(name.strip(" ;,.")))
        return names

    def resolve(self, cell):
        return [NamedAgency(name, self.find(name)) for name in self.split(cell)]

    def _split_dashes(self, part):
        if self.find(part):
            return [part]
        tokens = _DASH_SEPARATOR.split(part)  # name, separator, name, ...
        count = len(tokens) // 2 + 1
        # Cut the pieces into names: as few unknown letters as possible, then as few names.
        # A run that is not a known name must at least start like one ("Phòng ...", "Ban ..."),
        # which keeps "Phòng Tài chính - Kế hoạch" whole when the directory does not know it.
        best = {count: ((0, 0), [])}
        for start in range(count - 1, -1, -1):
            for end in range(start + 1, count + 1):
                if end not in best:
                    continue
                run = "".join(tokens[2 * start : 2 * end - 1])
                if not (self.find(run) or _looks_like_agency(run)):
                    continue
                unknown = 0 if self.find(run) else len(run)
                (letters, names), rest = best[end]
                candidate = ((letters + unknown, names + 1), [run, *rest])
                if start not in best or candidate[0] < best[start][0]:
                    best[start] = candidate
        return best[0][1] if 0 in best else [part]


_AGENCY_WORDS = (
    "phong ",
    "ban ",
    "so ",
    "cong an",
    "uy ban",
    "ubnd",
    "trung tam",
    "van phong",
    "co quan",
    "cac ",
    "doi ",
    "hoi ",
    "bo ",
    "thanh tra",
    "chi cuc",
    "cuc ",
    "vien ",
    "truong ",
    "benh vien",
    "quan doi",
    "doan ",
    "mat tran",
)


def _looks_like_agency(name):
    return fold_name(name).startswith(_AGENCY_WORDS)


@transaction.atomic
def sync_fixtures(folder):
    """Load `folder`/units.json, agencies.json and reorganisations.json; (agency entries, agencies created)."""
    sync_units(json.loads((folder / "units.json").read_text(encoding="utf-8")))
    entries = json.loads((folder / "agencies.json").read_text(encoding="utf-8"))
    created = sync_agencies(entries)
    sync_reorganisations(json.loads((folder / "reorganisations.json").read_text(encoding="utf-8")))
    return len(entries), created


def sync_reorganisations(entries):
    """Record and apply the reorganisations of fixture entries (kind, effective_on, basis, former, successors,
    former_units, successor_unit, note); one already recorded (same kind, date and basis, same former agencies
    and units) is left as it is."""
    agencies = {a.name: a for a in Agency.objects.all()}
    units = {u.name: u for u in AdministrativeUnit.objects.all()}
    for entry in entries:
        former = {agencies[name] for name in entry.get("former", [])}
        former_units = {units[name] for name in entry.get("former_units", [])}
        same = Reorganisation.objects.filter(
            kind=entry["kind"], effective_on=entry["effective_on"], basis=entry["basis"]
        ).prefetch_related("former", "former_units")
        recorded = [r for r in same if set(r.former.all()) == former and set(r.former_units.all()) == former_units]
        if recorded:
            recorded[0].apply()  # the agency entries above may have been loaded again without its end
            continue
        reorganisation = Reorganisation.objects.create(
            kind=entry["kind"],
            effective_on=datetime.date.fromisoformat(entry["effective_on"]),
            basis=entry["basis"],
            successor_unit=units[entry["successor_unit"]] if entry.get("successor_unit") else None,
            note=entry.get("note", ""),
        )
        reorganisation.former.set(former)
        reorganisation.former_units.set(former_units)
        reorganisation.successors.set(agencies[name] for name in entry.get("successors", []))
        reorganisation.apply()


@transaction.atomic
def sync_units(entries):
    """Create or update administrative units from fixture entries (name, place_name, kind, parent, valid_from,
    valid_to, successor); returns the number created."""
    created, by_name = 0, {}
    for entry in entries:
        unit, was_created = AdministrativeUnit.objects.update_or_create(
            name=nfc(entry["name"]),
            defaults={
                "place_name": entry.get("place_name", ""),
                "kind": entry["kind"],
                "valid_from": entry.get("valid_from"),
                "valid_to": entry.get("valid_to"),
                "note": entry.get("note", ""),
            },
        )
        created += was_created
        by_name[unit.name] = unit
    for entry in entries:
        unit = by_name[nfc(entry["name"])]
        unit.parent = by_name[entry["parent"]] if entry.get("parent") else None
        unit.successor = by_name[entry["successor"]] if entry.get("successor") else None
        unit.save(update_fields=["parent", "successor"])
    return created


@transaction.atomic
def sync_agencies(entries):
    """Create or update agencies from fixture entries; returns the number created.

    Each entry: name, short_name, kind, unit, aliases, parent, members, valid_from, valid_to,
    successor, note. Names refer to other entries, so links are set in a second pass.
    """
    created = 0
    by_name = {}
    units = {unit.name: unit for unit in AdministrativeUnit.objects.all()}
    for entry in entries:
        unit = units[entry["unit"]] if entry.get("unit") else None
        agency = Agency.objects.named(entry["name"], unit)
        was_created = agency is None
        agency = agency or Agency(name=nfc(entry["name"]))
        created += was_created
        fields = {
            "short_name": entry.get("short_name", ""),
            "kind": entry.get("kind", Agency.Kind.DEPARTMENT),
            "unit": unit,
            "oversees_unit": entry.get("oversees_unit", False),
            "valid_from": entry.get("valid_from"),
            "valid_to": entry.get("valid_to"),
            "note": entry.get("note", ""),
        }
        changed = [f for f, value in fields.items() if str(getattr(agency, f) or "") != str(value or "")]
        for f in changed:
            setattr(agency, f, fields[f])
        if changed or was_created:
            agency.save()
        by_name[agency.name] = agency
        for alias in entry.get("aliases", []):
            agency.add_alias(alias)

    for entry in entries:
        agency = by_name[nfc(entry["name"])]
        parent = by_name[entry["parent"]] if entry.get("parent") else None
        successor = by_name[entry["successor"]] if entry.get("successor") else None
        if (agency.parent, agency.successor) != (parent, successor):
            agency.parent, agency.successor = parent, successor
            agency.save(update_fields=["parent", "successor"])
        if entry.get("members"):
            agency.members.add(*(by_name[m] for m in entry["members"]))
        if entry.get("area"):
            agency.area.add(*(units[name] for name in entry["area"]))
    return created
