"""Text helpers shared by every app: Unicode NFC and accent-insensitive folding."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text):
    """The text in Unicode NFC with runs of white space folded to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def fold(text):
    """Lower-case, accent-free form for matching: "Phòng Thủ" and "phong thu" fold alike."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_name(text):
    """Folded agency name: also drops the list punctuation a table cell may end with."""
    return fold(text).strip(" ;,.")


# Short forms plans write for the words of a body's name, folded; "UBND thành phố" is "Ủy ban nhân dân thành phố".
SHORT_FORMS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "chqs": "chi huy quan su",
    "bchqs": "ban chi huy quan su",
    "tp": "thanh pho",
    "tx": "thi xa",
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "nn&mt": "nong nghiep va moi truong",
    "vhttdl": "van hoa the thao va du lich",
    "gd&dt": "giao duc va dao tao",
    "&": "va",
}
_WORD_MARKS = re.compile(r"[.,;:()\-–]+(?=\s|$)|\s[-–]\s")


def fold_long(text):
    """The folded name with its short forms written out and its punctuation dropped: two names are the same body
    when these are equal ("UBND TP. Thái Nguyên" and "Ủy ban nhân dân thành phố Thái Nguyên")."""
    words = _WORD_MARKS.sub(" ", fold_name(text).replace(",", ", ")).split()
    return " ".join(SHORT_FORMS.get(word, word) for word in words)
