"""Which column of a task table holds what: guessed from the header words, or as the user maps them.

The guess knows the words real plans use; a column it cannot name is kept as written ("Kinh phí", "Ghi chú"),
never dropped. When no column reads as the task's content, the first such column is taken for it and the mapping
is marked as guessed: the review page then asks the user (the column-mapping step), the command line takes
`--columns`.
"""

from django.db.models import TextChoices  # only the enum; nothing here touches the database
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.text import fold

from .data import ProgrammeFormatError


class ColumnRole(TextChoices):
    NUMBER = "number", _("Số thứ tự (TT)")
    CONTENT = "content", _("Nội dung nhiệm vụ")
    LEAD = "lead", _("Cơ quan chủ trì")
    SUPPORT = "support", _("Cơ quan phối hợp")
    TIME = "time", _("Thời gian thực hiện")
    DELIVERABLE = "deliverable", _("Sản phẩm")
    GROUP = "group", _("Số nhóm nhiệm vụ (Chi tiết)")
    EXTRA = "extra", _("Giữ nguyên làm cột khác")
    IGNORE = "ignore", _("Bỏ qua")


# Header words, folded, with the variants real plans use; the first match names the column, so the agencies, time
# and deliverable come before the content ("Cơ quan chủ trì thực hiện nhiệm vụ" is the lead).
COLUMN_WORDS = [
    (ColumnRole.NUMBER, ("tt", "stt", "so tt")),
    (ColumnRole.LEAD, ("chu tri", "co quan thuc hien", "don vi thuc hien")),
    (ColumnRole.SUPPORT, ("phoi hop",)),
    (ColumnRole.TIME, ("thoi gian", "thoi han", "tien do", "nam hoan thanh", "so ngay")),  # "Số ngày dự kiến"
    (ColumnRole.DELIVERABLE, ("san pham", "ket qua", "hinh thuc van ban")),
    (ColumnRole.CONTENT, ("noi dung", "nhiem vu", "giai phap", "cong viec")),
]
# Roles a table has at most one column of; time may span several (phase columns), extra and ignore any number.
SINGLE_ROLES = (
    ColumnRole.NUMBER,
    ColumnRole.GROUP,
    ColumnRole.CONTENT,
    ColumnRole.LEAD,
    ColumnRole.SUPPORT,
    ColumnRole.DELIVERABLE,
)


def column_role(cell):
    folded = fold(cell)
    return next(
        (role for role, words in COLUMN_WORDS if any(w == folded or (len(w) > 3 and w in folded) for w in words)),
        None,
    )


def guess_roles(cells):
    """(a role per header cell, whether the content column was guessed)."""
    roles, last = [], None
    for cell in cells:
        role = column_role(cell)
        if role and role not in roles:
            last = role
        elif cell.strip():
            role = last = ColumnRole.EXTRA  # "Kinh phí", "Ghi chú", a second "Nội dung"...
        else:
            # An empty header cell after "Thời gian thực hiện" is one of the phase columns it is merged over.
            role = ColumnRole.TIME if last == ColumnRole.TIME else ColumnRole.IGNORE
        roles.append(role)
    guessed = ColumnRole.CONTENT not in roles
    if guessed and ColumnRole.EXTRA in roles:
        roles[roles.index(ColumnRole.EXTRA)] = ColumnRole.CONTENT
    return roles, guessed


def parse_roles(text):
    """The roles of `--columns number,content,lead,...` (one per column, left to right), checked."""
    roles = [part.strip().lower() for part in text.split(",")]
    unknown = [role for role in roles if role not in ColumnRole.values]
    if unknown:
        raise ProgrammeFormatError(
            gettext("Không hiểu vai trò cột %(roles)s; dùng: %(known)s.")
            % {"roles": ", ".join(f"«{role}»" for role in unknown), "known": ", ".join(ColumnRole.values)}
        )
    check_roles(roles)
    return roles


def check_roles(roles):
    """A mapping names one number column, one content column and at most one of each single role."""
    for role in SINGLE_ROLES:
        if roles.count(role) > 1:
            raise ProgrammeFormatError(gettext("Chỉ chọn một cột «%(role)s».") % {"role": ColumnRole(role).label})
    for role in (ColumnRole.NUMBER, ColumnRole.CONTENT):
        if role not in roles:
            raise ProgrammeFormatError(gettext("Cần chọn cột «%(role)s».") % {"role": ColumnRole(role).label})
