"""The standard bodies of a province after the 2025 reorganisation, with the short names plans use for them.

Decree 45/2025/NĐ-CP sets the departments every province has: Nội vụ, Tư pháp, Tài chính, Công Thương,
Nông nghiệp và Môi trường, Xây dựng, Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch, Giáo dục và Đào
tạo, Y tế, the provincial inspectorate and the office of the People's Committee; and the special ones a few
provinces have (Ngoại vụ, Dân tộc và Tôn giáo, Du lịch, and Quy hoạch - Kiến trúc in Hà Nội and Hồ Chí Minh
City). Beside them a civil-defence plan names the People's Committee, the military command, the police, the
border guard in border provinces, and the groups its tables use ("Các sở, ban, ngành tỉnh", "UBND cấp xã").

The bodies belong to the province's administrative unit, and their short names and aliases are meant within it: a
second province loads its own "Sở Y tế". Within the unit (and the units above it, and agencies placed in no unit),
an alias the directory already gives to another agency is left to it and reported.
"""

from dataclasses import dataclass, field

from django.db import transaction

from .directory import AgencyDirectory
from .models import AdministrativeUnit, Agency
from .text import fold_name, nfc

# Centrally-run cities: their bodies are "của thành phố", not "của tỉnh".
CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

# (name, short name, aliases) of each department set up in every province by Decree 45/2025.
DEPARTMENTS = (
    ("Sở Nội vụ", "Sở Nội vụ", ["Sở NV"]),
    ("Sở Tư pháp", "Sở Tư pháp", ["Sở TP"]),
    ("Sở Tài chính", "Sở Tài chính", ["Sở TC"]),
    ("Sở Công Thương", "Sở Công Thương", ["Sở CT"]),
    ("Sở Nông nghiệp và Môi trường", "Sở NN&MT", ["Sở NNMT", "Sở NN và MT"]),
    ("Sở Xây dựng", "Sở Xây dựng", ["Sở XD"]),
    ("Sở Khoa học và Công nghệ", "Sở KH&CN", ["Sở KHCN"]),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", ["Sở VH,TT&DL", "Sở VHTT&DL"]),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", ["Sở GDĐT"]),
    ("Sở Y tế", "Sở Y tế", ["Sở YT"]),
)
# The special departments and the border guard, each chosen by its key.
OPTIONAL = {
    "ngoai-vu": ("Sở Ngoại vụ", "Sở Ngoại vụ", ["Sở NgV"]),
    "dan-toc-ton-giao": ("Sở Dân tộc và Tôn giáo", "Sở DT&TG", ["Sở DTTG"]),
    "du-lich": ("Sở Du lịch", "Sở Du lịch", ["Sở DL"]),
    "quy-hoach-kien-truc": ("Sở Quy hoạch - Kiến trúc", "Sở QH-KT", ["Sở QHKT"]),
    "bien-phong": ("Bộ Chỉ huy Bộ đội Biên phòng", "Bộ CHBĐBP", ["BĐBP {level}", "Bộ đội Biên phòng {level}"]),
}
SOURCE = "Nghị định 45/2025/NĐ-CP về tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh."


@dataclass
class ProvinceResult:
    bodies: int = 0  # entries in the pattern
    created: int = 0
    aliases_created: int = 0
    aliases_left: list = field(default_factory=list)  # (alias, the agency that already answers to it)


def province_entries(province, extras=()):
    """The pattern for one province as entries in the form of fixtures/agencies.json."""
    province = nfc(province)
    level = "thành phố" if province in CITIES else "tỉnh"
    of_province = f"{level} {province}"
    committee = f"Ủy ban nhân dân {of_province}"

    def entry(name, short, aliases, kind=Agency.Kind.DEPARTMENT, parent=committee, bare=True):
        """bare: the name without the province still names one body ("Sở Tài chính"; not "Công an")."""
        written = [f"{name} {level}", f"{short} {level}", f"{name} {province}", f"{short} {province}"]
        return {
            "name": f"{name} {of_province}",
            "short_name": short if bare else f"{short} {level}",
            "kind": kind,
            "parent": parent,
            "aliases": [*written, *([name, short] if bare else []), *(a.format(level=level) for a in aliases)],
            "note": SOURCE if kind == Agency.Kind.DEPARTMENT else "",
        }

    departments = [*DEPARTMENTS, *(OPTIONAL[key] for key in extras if key != "bien-phong")]
    if "du-lich" in extras:  # where tourism has its own department, culture and sport keep the rest
        departments[7] = ("Sở Văn hóa và Thể thao", "Sở VH&TT", ["Sở VHTT"])
    entries = [
        {
            "name": committee,
            "short_name": f"UBND {level}",
            "kind": Agency.Kind.COMMITTEE,
            "oversees_unit": True,
            "aliases": [f"UBND {of_province}", f"UBND {province}", f"Ủy ban nhân dân {level}"],
        },
        *(entry(name, short, aliases) for name, short, aliases in departments),
        entry("Thanh tra", "Thanh tra", [], bare=False),
        entry("Văn phòng Ủy ban nhân dân", "Văn phòng UBND", ["VP UBND {level}"], bare=False),
        entry(
            "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
            "Văn phòng Đoàn ĐBQH và HĐND",
            ["VP Đoàn ĐBQH và HĐND {level}"],
            parent=None,
            bare=False,
        ),
        {
            **entry("Bộ Chỉ huy quân sự", "Bộ CHQS", [], kind=Agency.Kind.MILITARY, parent=None, bare=False),
            "oversees_unit": True,
        },
        entry("Công an", "Công an", [], kind=Agency.Kind.POLICE, parent=None, bare=False),
    ]
    if "bien-phong" in extras:
        name, short, aliases = OPTIONAL["bien-phong"]
        entries.append(entry(name, short, aliases, kind=Agency.Kind.MILITARY, parent=None, bare=False))
    bodies = [e["name"] for e in entries if e["kind"] != Agency.Kind.COMMITTEE]
    military = f"Bộ Chỉ huy quân sự {of_province}"
    entries += [
        _group(
            f"Các sở, ban, ngành {of_province}",
            [f"Các sở, ban, ngành {level}", "Các sở, ban, ngành", "Các sở, ngành", "Các sở, ngành liên quan"]
            + ["Các sở, ban, ngành liên quan", f"Các cơ quan chuyên môn thuộc UBND {level}"],
            members=bodies,
        ),
        _group(f"Ủy ban nhân dân cấp xã {of_province}", ["UBND cấp xã", "Ủy ban nhân dân cấp xã"]),
        _group(f"Ban Chỉ huy quân sự cấp xã {of_province}", ["Ban CHQS cấp xã", "Ban Chỉ huy quân sự cấp xã"]),
        _group(f"Công an cấp xã {of_province}", ["Công an cấp xã", "Công an các xã, phường"]),
        _group(
            f"Các Ban Chỉ huy Phòng thủ khu vực {of_province}",
            ["Ban Chỉ huy Phòng thủ khu vực", "Các Ban Chỉ huy Phòng thủ khu vực", "Ban CHPTKV"],
            parent=military,
            note="Thành lập thay Ban CHQS cấp huyện (QĐ 2786/QĐ-BQP), thuộc Bộ CHQS tỉnh.",
        ),
    ]
    return entries


def _group(name, aliases, members=(), parent=None, note=""):
    return {
        "name": name,
        "kind": Agency.Kind.GROUP,
        "aliases": aliases,
        "members": list(members),
        "parent": parent,
        "note": note,
    }


def load_province(province, extras=(), dry_run=False):
    """Create the province's standard bodies and aliases; a second run changes nothing.

    Only creates: an agency already of that name keeps its fields, dates and parent as they are."""
    province = nfc(province)
    with transaction.atomic():
        unit = province_unit(province)
        entries = province_entries(province, extras)
        result = ProvinceResult(bodies=len(entries))
        directory, claimed, by_name = AgencyDirectory.load(unit), {}, {}
        for item in entries:
            holder = directory.find(item["short_name"]) if item.get("short_name") else None
            if holder and holder.name != item["name"]:  # another agency answers to it: say which province
                result.aliases_left.append((item["short_name"], holder.name))
                item["short_name"] = f"{item['short_name']} {province}"
            agency = Agency.objects.named(item["name"], unit)
            created = agency is None
            if created:
                agency = Agency.objects.create(
                    name=item["name"],
                    unit=unit,
                    short_name=item.get("short_name", ""),
                    kind=item["kind"],
                    oversees_unit=item.get("oversees_unit", False),
                    note=item.get("note", ""),
                )
            result.created += created
            by_name[agency.name] = (agency, created)
            for alias in _free_aliases(agency, item, directory, claimed, result.aliases_left):
                result.aliases_created += agency.add_alias(alias)[1]
        for item in entries:
            agency, created = by_name[item["name"]]
            if created and item.get("parent"):
                agency.parent = by_name[item["parent"]][0]
                agency.save(update_fields=["parent"])
            if item.get("members"):
                agency.members.add(*(by_name[name][0] for name in item["members"]))
        if dry_run:
            transaction.set_rollback(True)
    return result


def province_unit(province):
    """The province's administrative unit ("Tỉnh Thái Nguyên", "Thành phố Hà Nội"), created when new."""
    level = "Thành phố" if province in CITIES else "Tỉnh"
    unit, _created = AdministrativeUnit.objects.get_or_create(
        name=f"{level} {province}",
        defaults={"place_name": province, "kind": AdministrativeUnit.Kind.PROVINCE},
    )
    return unit


def _free_aliases(agency, item, directory, claimed, left):
    """The entry's aliases that name no other agency yet, each once, and none that repeats the agency's names.

    `claimed` holds the aliases earlier entries of the pattern took (folded name: agency name)."""
    own, free = {fold_name(agency.name), fold_name(agency.short_name)}, []
    if item.get("short_name"):  # an agency that was already there keeps its short name: this one becomes an alias
        item["aliases"].insert(0, item["short_name"])
    for alias in item["aliases"]:
        folded = fold_name(alias)
        if folded in own:
            continue
        own.add(folded)
        holder = directory.find(alias)
        holder = holder.name if holder else claimed.get(folded, item["name"])
        if holder == item["name"]:
            free.append(alias)
            claimed[folded] = item["name"]
        elif (alias, holder) not in left:
            left.append((alias, holder))
    return free
