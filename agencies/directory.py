"""Finding agencies by the names programmes use for them.

A table cell may name several agencies ("Ban CHQS thành phố; Công an thành phố",
"Ban CHQS thành phố - Công an thành phố", "Sở Tài chính, Sở Xây dựng và các địa phương"), while a
hyphen, a comma or "và" can also belong to one name ("Phòng Tài chính - Kế hoạch", "Sở Văn hóa, Thể
thao và Du lịch"; lists.py says where a comma or "và" separates). The directory keeps every known
name and alias in memory, so a whole programme resolves with two queries.
"""

import re
from dataclasses import dataclass

from django.db import transaction

from .lists import split_list
from .models import Agency, AgencyAlias
from .text import fold, fold_name, nfc

_LIST_SEPARATOR = re.compile(r"\s*;\s*")
_DASH_SEPARATOR = re.compile(r"(\s+[-–]\s+)")


@dataclass(frozen=True)
class NamedAgency:
    as_written: str
    agency: Agency | None  # None: not in the directory yet


class AgencyDirectory:
    def __init__(self, agencies=(), aliases=()):
        self._by_name = {}
        for agency in agencies:
            self.add(agency)
        for alias in aliases:
            self._by_name.setdefault(alias.folded_name, alias.agency)

    @classmethod
    def load(cls):
        return cls(Agency.objects.all(), AgencyAlias.objects.select_related("agency"))

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
def sync_agencies(entries):
    """Create or update agencies from fixture entries; returns the number created.

    Each entry: name, short_name, kind, aliases, parent, members, valid_from, valid_to,
    successor, note. Names refer to other entries, so links are set in a second pass.
    """
    created = 0
    by_name = {}
    for entry in entries:
        agency, was_created = Agency.objects.get_or_create(name=nfc(entry["name"]))
        created += was_created
        fields = {
            "short_name": entry.get("short_name", ""),
            "kind": entry.get("kind", Agency.Kind.DEPARTMENT),
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
            AgencyAlias.objects.get_or_create(folded_name=fold_name(alias), defaults={"agency": agency, "name": alias})

    for entry in entries:
        agency = by_name[nfc(entry["name"])]
        parent = by_name[entry["parent"]] if entry.get("parent") else None
        successor = by_name[entry["successor"]] if entry.get("successor") else None
        if (agency.parent, agency.successor) != (parent, successor):
            agency.parent, agency.successor = parent, successor
            agency.save(update_fields=["parent", "successor"])
        if entry.get("members"):
            agency.members.add(*(by_name[m] for m in entry["members"]))
    return created
