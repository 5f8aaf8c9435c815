"""Where a comma or "và" in a table cell separates agencies, and where it belongs to one name.

"Sở Tài chính, Sở Xây dựng, các địa phương" names three bodies, but "Sở Văn hóa, Thể thao và Du lịch",
"Bộ Nông nghiệp và Môi trường" and "Các sở, ban, ngành tỉnh" name one each. The cell is cut into pieces at
"," and " và " (never inside brackets); a piece opens a new part only where it starts a body:
- a name the directory knows (the longest run of pieces it knows wins), or
- a kind of body followed by what names one ("Sở Xây dựng", "Công an tỉnh", "UBND cấp xã", "Bộ CHQS tỉnh"), or
- a collective phrase ("các địa phương", "cơ quan, địa phương liên quan"), unless one is already being listed:
  in "Các phòng, ban, cơ quan, đơn vị" every word after "Các phòng" belongs to the same phrase.
Any other piece ("Thể thao", "Du lịch", "Môi trường", "ban", "ngành tỉnh") continues the part before it.
"""

import re

from .text import fold

_PIECE_SEPARATOR = re.compile(r"(\s*,\s*|\s+và\s+)", re.IGNORECASE)
# No known name has more pieces than this ("Các phòng, ban, cơ quan, đơn vị, địa phương" has 5); the bound keeps
# a cell of thousands of commas linear.
_LONGEST_NAME = 12

# Words that open the name of one body, longest first where one begins another ("bo chi huy" before "bo").
_KINDS = (
    "bo chi huy bo doi bien phong",
    "bo chi huy quan su",
    "bo chi huy",
    "bo doi bien phong",
    "ban chi huy",
    "uy ban nhan dan",
    "uy ban",
    "ubnd",
    "cong an",
    "van phong",
    "trung tam",
    "thanh tra",
    "chi cuc",
    "kho bac",
    "bao hiem xa hoi",
    "benh vien",
    "mat tran",
    "lien doan",
    "tinh doan",
    "ngan hang",
    "phong",
    "cuc",
    "vien",
    "truong",
    "dai",
    "bao",
    "hoi",
    "doan",
    "so",
    "ban",
    "bo",
)
# Kinds that name one body on their own.
_WHOLE_NAMES = ("tinh doan", "tinh uy")
# What follows a kind in the name of one body: a proper name (capitalised, "KH&CN") or a level of government.
_LEVELS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran", "dac khu", "cap", "cac")
# Words that open a collective phrase: several bodies named by what they are.
_COLLECTIVES = ("cac", "nhung", "co quan", "don vi", "dia phuong", "doanh nghiep", "to chuc", "luc luong")
# "Văn phòng HĐND và UBND tỉnh" is one office serving both: after "Văn phòng ... và", a council stays in the name.
_OFFICE_OF = ("ubnd", "uy ban nhan dan", "hdnd", "hoi dong nhan dan")


def split_list(part, find):
    """The names in a part of a cell (no ";" left), as written; `find` says whether the directory knows a name."""
    tokens = _tokens(part)  # piece, separator, piece, ...
    pieces = tokens[::2]
    names = []
    start = 0
    while start < len(pieces):
        end = _longest_known(tokens, start, find) or start + 1
        while end < len(pieces) and not _opens_part(tokens, start, end, find):
            end += 1
        names.append("".join(tokens[2 * start : 2 * end - 1]))
        start = end
    return [name for name in names if name.strip()]


def _tokens(part):
    """The part cut at separators outside brackets: piece, separator, piece, ... (separators as written)."""
    tokens, depth, last, scanned = [], 0, 0, 0
    for match in _PIECE_SEPARATOR.finditer(part):
        read = part[scanned : match.start()]
        depth, scanned = depth + read.count("(") - read.count(")"), match.end()
        if depth <= 0:
            tokens += [part[last : match.start()], match.group()]
            last = match.end()
    return [*tokens, part[last:]]


def _run(tokens, start, end):
    return "".join(tokens[2 * start : 2 * end - 1])


def _longest_known(tokens, start, find):
    """The end of the longest run of pieces from `start` that the directory knows, or None."""
    for end in range(min(len(tokens) // 2 + 1, start + _LONGEST_NAME), start, -1):
        if find(_run(tokens, start, end)):
            return end
    return None


def _opens_part(tokens, start, at, find):
    """Whether the piece at `at` starts a new name, after the part that began with the piece at `start`."""
    piece, separator, current = tokens[2 * at], tokens[2 * at - 1], _run(tokens, start, at)
    if _longest_known(tokens, at, find):
        return True
    if fold(separator).strip() == "va" and _starts_with(current, ("van phong",)) and _starts_with(piece, _OFFICE_OF):
        return False
    if _names_one_body(piece):
        return True
    if _starts_with(piece, ("cac", "nhung")):
        return True
    return _starts_with(piece, _COLLECTIVES) and not is_collective(current)


def _starts_with(text, words):
    folded = fold(text)
    return any(folded == word or folded.startswith(word + " ") for word in words)


def _names_one_body(piece):
    """A kind of body and what names it: "Sở Xây dựng", "Công an tỉnh"; not "ban", "ban chuyên môn"."""
    folded = fold(piece)
    if folded in _WHOLE_NAMES:
        return True
    for kind in _KINDS:
        if folded.startswith(kind + " "):
            rest = piece.split()[len(kind.split()) :]
            return bool(rest) and (rest[0][0].isupper() or _starts_with(" ".join(rest), _LEVELS))
    return False


def is_collective(text):
    """A phrase naming several bodies at once: "Các sở, ban", "cơ quan, địa phương liên quan", "UBND các xã"."""
    text = text.replace(",", " ")  # "cơ quan, địa phương": the comma does not end the opening words
    return _starts_with(text, _COLLECTIVES) or " cac " in f" {fold(text)} "
