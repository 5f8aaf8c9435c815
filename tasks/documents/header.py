"""The header of a signed document in the text form: number and symbol, place and date, kind and title, issuer,
legal bases, signer. Every field may be missing (an appendix sent alone has no number nor date)."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from agencies.text import fold, nfc

from .data import ProgrammeFormatError
from .table import BODY_HEADING

NUMBER_LINE = re.compile(r"^Số\s*:\s*(?P<number>.*)$", re.IGNORECASE)


# "1013/KH-UBND", "04 /CTr-UBND", "/KH-KHCN": what follows it on the same line (a PDF's text layer puts the place and
# date of the right-hand column there) is not part of the number.
SYMBOL = re.compile(r"^(?P<number>\S*\s*/\s*\S+)(?P<rest>.*)$")


# The right-hand column of the header block: the State's name and motto, never the issuer.
MOTTO = re.compile(
    r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.I
)


RULE_LINE = re.compile(r"^[-_–—=.*\s]*$")  # the short rule under the issuer and the motto


# Words a legal basis starts with; "QUYẾT ĐỊNH:", "Điều 1.", the issuing authority's line and the sentence "... ban
# hành Kế hoạch như sau:" are not legal bases.
BASIS_WORDS = ("can cu", "thuc hien", "tiep tuc", "theo de nghi", "xet de nghi", "tren co so")


ENACTING = re.compile(r"^(?:quyet dinh|quyet nghi|chi thi|dieu \d)")


# The line under the title of a decision naming who decides ("THỦ TƯỚNG CHÍNH PHỦ", "BỘ TRƯỞNG BỘ NỘI VỤ").
AUTHORITY = ("thu tuong", "chinh phu", "chu tich", "bo truong", "giam doc", "truong ban", "uy ban nhan dan", "hoi dong")


# A line in or after the table that starts the closing: "Nơi nhận:", the signer's "KT. CHỦ TỊCH", a note.
CLOSING = re.compile(r"^(?:noi nhan|(?:kt|tm|ktl|tl|q|tuq)\s*\.\s|ghi chu\s*:|luu y\s*:|\(\*\))")


JOINED_BASIS = re.compile(r"(?<=;)\s+(?=Căn cứ\b)")


PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")  # a place name follows


PLACE_DATE_LINE = re.compile(r"^(?P<place>[^,]+),\s*(?P<date>ngày\b.*\bnăm\s*\d{4})\s*$", re.IGNORECASE)


DATE_WORDS = re.compile(r"ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})", re.I)
YEAR_AT_END = re.compile(r"năm\s*(?P<year>\d{4})$", re.I)  # the end of every date PLACE_DATE_LINE accepts


ISSUER = re.compile(
    r"(?:^|[,;.]\s*)(?P<issuer>(?:UBND|Ủy ban nhân dân|Sở|Ban|Bộ|Phòng)\b[^,;]*?)\s+(?:ban hành|xây dựng)\b"
)


@dataclass
class Header:
    """What the header of a signed document says, read before its table: every field may be missing (an appendix
    sent alone as a bare sheet has no number nor date), and `missing` names the ones that are."""

    number: str = ""
    place: str = ""
    issued_on: date | None = None
    issued_on_as_written: str = ""
    year: int | None = None
    kind: str = ""
    title: str = ""
    issuer: str = ""
    legal_bases: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    missing: list[str] = field(default_factory=list)
    body_start: int = 0  # the line after the title


def read_header(lines, end=None):
    """The header of the document in `lines` (the text form), up to line `end` (the table, or the end)."""
    lines = [line.rstrip("\r\n") for line in lines]
    end = len(lines) if end is None else end
    header = Header()
    number_line = _find_number(lines[:end])
    if number_line is not None:
        header.number = _number_of(lines[number_line])
    date_line = _find_place_and_date(lines[:end], header)
    after = date_line if date_line is not None else number_line
    header.kind, header.title, header.body_start = _find_kind_and_title(lines, -1 if after is None else after, end)
    closing = find_line(lines, "noi nhan")
    body_end = min(i for i in (end, closing, len(lines)) if i is not None)
    preamble = _preamble(lines, header.body_start, body_end)
    bases = [p for p in preamble if fold(p).startswith(BASIS_WORDS) or preamble.under_heading]
    # A PDF's text layer joins a paragraph to the one before when that one ends flush with the margin.
    header.legal_bases = [part for basis in bases for part in JOINED_BASIS.split(basis)]
    top = next(i for i in (number_line, date_line, 0) if i is not None)
    header.issuer = _issuer(_block_issuer(lines[:top]), _find_issuer(header.legal_bases))
    header.signer_title, header.signer_name = _find_signer(lines)
    if header.year is None:
        header.year = _year_in(lines[:end])
    header.missing = [
        name
        for name, value in (
            ("number", header.number),
            ("place", header.place),
            ("issued_on", header.issued_on_as_written),
            ("kind", header.kind),
            ("title", header.title),
        )
        if not value
    ]
    return header


def _find_number(lines):
    for index, line in enumerate(lines):
        match = NUMBER_LINE.match(_without_motto(line))
        if match and re.sub(r"\s+", "", match["number"]):
            return index
    return None


def _number_of(line):
    text = NUMBER_LINE.match(_without_motto(line))["number"]
    symbol = SYMBOL.match(text)
    return re.sub(r"\s+", "", symbol["number"] if symbol else text)


def _without_motto(line):
    """A header line without the State's name and motto, which a PDF's text layer or an Excel row puts beside the
    issuer, the number or the date."""
    return nfc(MOTTO.sub(" ", line))


def _find_place_and_date(lines, header):
    for index, line in enumerate(lines):
        text = _without_motto(line)
        number = NUMBER_LINE.match(text)
        if number:  # "Số: 1013/KH-UBND   Hải Dương, ngày 07 tháng 3 năm 2025", side by side
            symbol = SYMBOL.match(number["number"])
            text = symbol["rest"].strip() if symbol else ""
        match = PLACE_DATE_LINE.match(text)
        if match:
            # "ngày năm 2024" or "ngày 5/3 năm 2024": no day and month read, the year and the words kept
            parts = DATE_WORDS.search(match["date"]) or YEAR_AT_END.search(match["date"])
            year = int(parts["year"])
            issued_on = None
            try:
                date(year, 1, 1)  # "năm 0000": a year the calendar does not have
                if parts.re is DATE_WORDS and parts["day"] and parts["month"]:
                    issued_on = date(year, int(parts["month"]), int(parts["day"]))
            except ValueError as error:
                raise ProgrammeFormatError(
                    _("Dòng %(line)d: ngày ban hành «%(date)s» không có thật.")
                    % {"line": index + 1, "date": match["date"]},
                    index + 1,
                ) from error
            header.place, header.issued_on_as_written = match["place"].strip(), match["date"].strip()
            header.issued_on, header.year = issued_on, year
            return index
    return None


def _year_in(lines):
    """A document without its date line: the year it names first ("(Kèm theo Kế hoạch số 12/KH-UBND ngày
    05/3/2025)"), else this year."""
    for line in lines:
        found = re.search(r"(?:năm\s*|/)((?:19|20)\d\d)\b", nfc(line))
        if found:
            return int(found[1])
    return date.today().year


def _is_upper(text):
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _find_kind_and_title(lines, after, end):
    """The kind ("KẾ HOẠCH", "QUYẾT ĐỊNH") under the date, and the title under it, up to the authority's line,
    the first legal basis or heading, or an empty line; ("", "", after + 1) when there is none before `end`."""
    index = after + 1
    while index < end and (not nfc(lines[index]) or RULE_LINE.match(lines[index])):
        index += 1
    if index >= end or not _is_upper(nfc(lines[index])) or "\t" in lines[index]:
        return "", "", after + 1
    heading = nfc(lines[index])
    kind = heading[0] + heading[1:].lower()
    index += 1
    while index < end and not nfc(lines[index]):
        index += 1
    title_lines = []
    while index < end and nfc(lines[index]) and "\t" not in lines[index]:
        text = nfc(lines[index])
        if title_lines and _ends_title(text, upper=_is_upper(title_lines[0])):
            break
        title_lines.append(text)
        index += 1
    return kind, " ".join(title_lines), index


def _ends_title(text, upper):
    """A line that is not the title's: in a Word file whose paragraphs are spaced rather than separated by empty
    ones, the title runs straight into the authority's line, the legal bases or the first heading."""
    folded = fold(text)
    if folded.startswith(BASIS_WORDS) or BODY_HEADING.match(text) or ENACTING.match(folded):
        return True
    if _is_upper(text) and folded.startswith(AUTHORITY):
        return True
    return upper and not _is_upper(text)  # an upper-case title ends where the sentences begin


def find_line(lines, folded_start):
    return next((i for i, line in enumerate(lines) if fold(line).startswith(folded_start)), None)


class Paragraphs(list):
    under_heading = False  # under a "CĂN CỨ PHÁP LÝ" heading: every paragraph is a legal basis


def _preamble(lines, start, end):
    """The paragraphs between the title and the first heading (or "QUYẾT ĐỊNH:"); when that heading is "I. CĂN CỨ
    PHÁP LÝ" (or "CĂN CỨ XÂY DỰNG KẾ HOẠCH"), the paragraphs under it: the legal bases, as written there."""
    paragraphs, index = Paragraphs(), start
    while index < end:
        text = nfc(lines[index])
        if BODY_HEADING.match(text):
            if paragraphs or "can cu" not in fold(text):
                break
            paragraphs.extend(_section_paragraphs(lines, index + 1, end))
            paragraphs.under_heading = True
            break
        if ENACTING.match(fold(text)) and _is_upper(text.split(".")[0]):
            break
        if text and not RULE_LINE.match(text):
            paragraphs.append(text)
        index += 1
    return paragraphs


def _section_paragraphs(lines, start, end):
    paragraphs = []
    for line in lines[start:end]:
        text = nfc(line)
        if BODY_HEADING.match(text):
            break
        if text:
            paragraphs.append(text)
    return paragraphs


def _find_issuer(preamble):
    issuer = ""
    for paragraph in preamble:
        for match in ISSUER.finditer(paragraph):
            issuer = match["issuer"].strip()
    return issuer


def _block_issuer(lines):
    """The issuer's lines of the header block above the number ("ỦY BAN NHÂN DÂN" / "TỈNH HẢI DƯƠNG"; "UBND TỈNH
    BẮC GIANG" / "SỞ KHOA HỌC VÀ CÔNG NGHỆ", whose issuer is the second), as a name."""
    block = []
    for line in lines:
        for cell in line.split("\t"):
            text = _without_motto(cell)
            if text and not RULE_LINE.match(text) and _is_upper(text):
                block.append(text.strip(" -"))
    if not block:
        return ""
    first, rest = block[0], block[1:]
    continued = rest and (rest[0].lower().startswith(PLACE_WORDS) or first.endswith(","))
    if rest and not continued and len(first.split()) > 3:
        block = rest  # the parent authority above the issuing department
    return _name_case(" ".join(block))


def _issuer(from_block, from_preamble):
    """The header block names the issuer best, unless it only says "ỦY BAN NHÂN DÂN" (a copy that lost the line with
    the province); then the preamble's "..., Sở Khoa học và Công nghệ xây dựng kế hoạch như sau"."""
    generic = fold(from_block) in ("uy ban nhan dan", "ubnd", "hoi dong nhan dan")
    if from_block and not (generic and from_preamble):
        return from_block
    return from_preamble


def _name_case(text):
    """ "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG" -> "Ủy ban nhân dân tỉnh Hải Dương"; "BỘ NỘI VỤ" -> "Bộ Nội vụ"; "SỞ KHOA HỌC
    VÀ CÔNG NGHỆ" -> "Sở Khoa học và Công nghệ"."""
    words = text.lower().split()
    ministry = fold(words[0]) in ("bo", "so")  # each field of a ministry's or department's name is capitalised
    capital = {0, 1} if ministry else {0}
    for index in range(1, len(words)):
        two = " ".join(words[index : index + 2])
        before = words[index - 1]
        field_start = ministry and (before in ("và", "-") or before.endswith(","))
        if field_start or fold(two) in ("chinh phu", "chi dao", "chi huy"):
            capital.add(index)
        place = next((w for w in PLACE_WORDS if two == w or words[index] == w), None)
        if place:
            capital |= set(range(index + len(place.split()), len(words)))
            break
    return " ".join(w[:1].upper() + w[1:] if i in capital else w for i, w in enumerate(words))


def _find_signer(lines):
    start = find_line(lines, "noi nhan")
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
