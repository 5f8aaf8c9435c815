"""A body's name in the report's header (Decree 30/2020): where a line may break, and its symbol after "BC-"."""

import unicodedata

from agencies.text import nfc

NBSP = "\u00a0"
# Words of two syllables a body's name is made of: a line may not end between their syllables ("THÀNH / PHỐ").
COMPOUNDS = {
    ("ủy", "ban"),
    ("uỷ", "ban"),
    ("nhân", "dân"),
    ("chỉ", "huy"),
    ("quân", "sự"),
    ("công", "an"),
    ("khoa", "học"),
    ("công", "nghệ"),
    ("y", "tế"),
    ("tài", "chính"),
    ("kế", "hoạch"),
    ("giáo", "dục"),
    ("đào", "tạo"),
    ("văn", "hóa"),
    ("văn", "hoá"),
    ("thể", "thao"),
    ("du", "lịch"),
    ("nội", "vụ"),
    ("tư", "pháp"),
    ("xây", "dựng"),
    ("môi", "trường"),
    ("nông", "nghiệp"),
    ("phòng", "thủ"),
    ("dân", "sự"),
    ("văn", "phòng"),
    ("thanh", "tra"),
    ("thành", "phố"),
    ("thị", "xã"),
}
# Where the place begins ("THÀNH PHỐ THÁI NGUYÊN"): from there to the end the name is one unit.
PLACE_WORDS = {("thành", "phố"), ("thị", "xã"), ("tỉnh",), ("huyện",), ("quận",), ("xã",), ("phường",)}
# The symbols plans use for the common bodies; any other is the initials of its name before the place.
SYMBOLS = [
    (("ban", "chỉ", "huy"), "BCH"),
    (("ủy", "ban", "nhân", "dân"), "UBND"),
    (("uỷ", "ban", "nhân", "dân"), "UBND"),
    (("công", "an"), "CA"),
    (("văn", "phòng"), "VP"),
]


def _words(name):
    words = nfc(name).split(" ") if nfc(name) else []
    return words, [word.lower() for word in words]


def _place_start(lower):
    for i in range(len(lower)):
        if (lower[i],) in PLACE_WORDS or tuple(lower[i : i + 2]) in PLACE_WORDS:
            return i
    return len(lower)


def unbroken(name):
    """The name with no-break spaces where a line may not end: inside a word, and within the place it ends with."""
    words, lower = _words(name)
    place = _place_start(lower)
    out = words[:1]
    for i in range(1, len(words)):
        joined = i > place or (lower[i - 1], lower[i]) in COMPOUNDS
        out.append((NBSP if joined else " ") + words[i])
    return "".join(out)


def symbol(name):
    """ "BCH" for a Ban Chỉ huy, "UBND", "CA", or the initials of the body's name before its place ("SKHCN")."""
    words, lower = _words(name)
    for start, short in SYMBOLS:
        if tuple(lower[: len(start)]) == start:
            return short
    body = [word for word in words[: _place_start(lower)] if word.lower() != "và"]
    return "".join(unicodedata.normalize("NFD", word)[0].upper() for word in body)
