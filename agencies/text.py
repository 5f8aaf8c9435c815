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
