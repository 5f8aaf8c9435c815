"""Search by Vietnamese syllables: whole words, accents optional, every word in one field, "quoted phrases".

Each searched field of a task is stored once more as a line of word codes (Task.index_words()), so that both
SQLite and PostgreSQL answer with a plain LIKE, no extension, no per-database code. A word's code is its letters
without marks, then after ":" one sign per letter for the shape of the letter (â ê ô "c", ă "b", ơ ư "h", đ "d")
and one for the tone, wherever the tone mark sits ("hoà" and "hòa" alike):

    "Phòng thủ dân sự" -> " phong:------f thu:---r dan:-c--- su:-h-j "

Every code is padded by spaces and punctuation is a space, so " thu:___ " (LIKE's "_" is one character) is a
whole syllable: it finds "thu", "thủ" and "thư" but never "thực" or "thuộc". A word typed with any mark asks for
exactly that word ("thủ" finds "thủ" only); typed without marks it stands for any of them. The codes are ASCII in
lower case, so LIKE behaves the same on both databases (SQLite's ignores ASCII case, PostgreSQL's does not).
"""

import re
import unicodedata

from django.db.models import Lookup, Q, TextField
from django.utils.html import escape
from django.utils.safestring import mark_safe

from agencies.text import nfc

# Each searched field and the column holding its codes: every word of a search must appear in the same one.
SEARCHED = {
    "content": "search_content",
    "lead_as_written": "search_lead",
    "support_as_written": "search_support",
    "deliverable": "search_deliverable",
}

_WORD = re.compile(r"[^\W_]+")  # letters and digits; "_" and "%" would be LIKE's wildcards
_QUOTED = re.compile(r"[\"“”]([^\"“”]*)[\"“”]?")
SHAPES = {"\u0302": "c", "\u0306": "b", "\u031b": "h"}  # circumflex, breve, horn
TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}  # as typed in Telex
MAX_WORDS = 12


def code(word):
    """The code of one word (letters or digits only), as described above."""
    letters, shapes, tone = [], [], "-"
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in TONES:
            tone = TONES[char]
        elif char in SHAPES and shapes:
            shapes[-1] = SHAPES[char]
        elif char == "đ":
            letters.append("d")
            shapes.append("d")
        elif not unicodedata.combining(char):
            letters.append(char)
            shapes.append("-")
    return f"{''.join(letters)}:{''.join(shapes)}{tone}"


def words(text):
    return _WORD.findall(nfc(text).lower())


def index(text):
    """The stored line of a field: each word's code, padded by spaces."""
    return " " + "".join(code(word) + " " for word in words(text))


def pattern(word):
    """What a typed word matches in a stored line: its own code if it has marks, else any code of its letters."""
    letters, marks = code(word).split(":")
    return f"{letters}:{marks}" if marks.strip("-") else f"{letters}:{'_' * len(marks)}"


def _fits(pattern, found):
    return len(pattern) == len(found) and all(p in ("_", f) for p, f in zip(pattern, found, strict=True))


def _phrase(typed):
    return " " + " ".join(pattern(word) for word in typed) + " "


class Query:
    """A search as typed: its "quoted phrases" and loose words, each required (TaskFilter allows MAX_WORDS)."""

    def __init__(self, text):
        text = nfc(text)
        quoted = [words(phrase) for phrase in _QUOTED.findall(text)]
        self.phrases = [phrase for phrase in quoted if phrase] + [[word] for word in words(_QUOTED.sub(" ", text))]
        self.all_words = [word for phrase in self.phrases for word in phrase]

    def __bool__(self):
        return bool(self.all_words)

    def matches(self):
        """Every phrase and word within one searched field."""
        return _any_field(self.phrases)

    def whole_phrase(self):
        """The words in the order typed, side by side, in one field: such tasks are listed first."""
        return _any_field([self.all_words])

    def marks(self, text):
        """The text, escaped, with the words of the search in <mark>."""
        wanted = {pattern(word) for word in self.all_words}
        out, end = [], 0
        for found in _WORD.finditer(text):
            if any(_fits(wanted_word, code(found.group())) for wanted_word in wanted):
                out += [escape(text[end : found.start()]), "<mark>", escape(found.group()), "</mark>"]
                end = found.end()
        out.append(escape(text[end:]))
        return mark_safe("".join(out))  # every piece of the task's text went through escape()


def _any_field(phrases):
    condition = Q()
    for column in SEARCHED.values():
        within = Q()
        for typed in phrases:
            within &= Q(**{f"{column}__like": f"%{_phrase(typed)}%"})
        condition |= within
    return condition


@TextField.register_lookup
class Like(Lookup):
    """SQL LIKE with the pattern as given (Django's contains escapes "_"): the codes above need "_"."""

    lookup_name = "like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]
