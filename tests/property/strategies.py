"""What a careless, hurried or hostile user may type or upload: the hypothesis strategies of the property tests."""

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

VIETNAMESE = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĂÂĐÊÔƠƯ"
# NUL (PostgreSQL refuses it in text), other control characters (XML and so .xlsx refuse them), separators,
# direction marks, a byte-order mark, a decomposed "ệ", the fullwidth "＝".
AWKWARD = "\x00\x01\x08\x0b\x0c\x1b\x1f\x7f\t\r\n\u2028\u202e\ufeff\u00a0e\u0323\u0302＝"
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "＝"]

characters = st.characters(codec="utf-8") | st.sampled_from(VIETNAMESE + AWKWARD)
text = st.text(characters, max_size=40)
long_text = st.text(characters, min_size=200, max_size=2000)
numbers = st.integers(min_value=-(10**30), max_value=10**30) | st.integers(min_value=-2, max_value=110)
floats = st.floats(allow_nan=True, allow_infinity=True).map(repr) | st.decimals(allow_nan=False).map(str)
odd_dates = (
    st.sampled_from(
        [
            "2025-02-30",
            "2025-13-01",
            "0000-00-00",
            "9999-12-31",
            "10000-01-01",
            "0001-01-01",
            "-2025-01-01",
            "31/12/2025",
            "1.1.2025",
            "2025-1-1",
            " 2025-01-01 ",
            "2025-01-01T25:00",
            "２０２５-０１-０１",
            "2100-01-01",
            "1999-12-31",
        ]
    )
    | st.dates().map(lambda day: day.isoformat())
    | st.dates().map(lambda day: day.strftime("%d/%m/%Y"))
)
# What Word and Excel files can hold: XML 1.0 characters (no NUL, no other C0 controls but tab and line ends).
xml_characters = st.characters(codec="utf-8", exclude_characters="".join(map(chr, [*range(9), 11, 12, *range(14, 32)])))
xml_text = st.text(xml_characters | st.sampled_from(VIETNAMESE + "\u2028\u202e\ufeff＝"), max_size=60)
scalar = text | numbers | floats | odd_dates | long_text
value = scalar | st.lists(scalar, max_size=4)


def pks(model, **filters):
    """The ids of existing rows, and ids that never were: what a select may be sent."""
    known = list(model.objects.filter(**filters).values_list("pk", flat=True))
    return (st.sampled_from(known) if known else st.nothing()) | st.integers(min_value=-1, max_value=10**20)


def several(strategy):
    return st.lists(strategy, max_size=4)


DROP = object()  # a field left out of the form's data


def changed(valid, plausible, junk=value):
    """The valid filling with up to three fields left out or changed to a plausible or junk value."""
    valid = dict(valid)
    names = sorted(set(valid) | set(plausible))
    if not names:
        return st.just({})
    changes = st.lists(st.sampled_from(names), max_size=3, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {name: st.just(DROP) | plausible.get(name, st.nothing()) | junk for name in chosen}
        )
    )
    return changes.map(lambda change: {k: v for k, v in {**valid, **change}.items() if v is not DROP})


def form_data(valid=(), **plausible):
    """A form's data: changed(valid, plausible), and up to three keys the form does not expect."""
    extra = st.dictionaries(st.text(characters, min_size=1, max_size=12), value, max_size=3)
    return st.tuples(extra, changed(valid, plausible)).map(lambda pair: {**pair[0], **pair[1]})


file_names = (
    st.tuples(
        # The browser sends the name without its folders; "", "." and ".." are no file at all.
        text.filter(lambda name: "/" not in name and "\\" not in name) | st.sampled_from(["a" * 300, "con", "báo cáo"]),
        st.sampled_from(
            [
                "",
                ".docx",
                ".xlsx",
                ".txt",
                ".json",
                ".pdf",
                ".png",
                ".jpg",
                ".doc",
                ".xls",
                ".DOCX",
                ".exe",
                ".tar.gz",
                ".",
            ]
        ),
    )
    .map("".join)
    .filter(lambda name: name not in ("", ".", ".."))
)


def mutated(original: bytes):
    """The bytes of a real file with a few bytes overwritten, cut short or left alone."""

    def apply(change):
        start, patch, cut = change
        start %= len(original)
        data = original[:start] + patch + original[start + len(patch) :]
        return data[: cut % (len(original) + 1)] if cut is not None else data

    # Places are drawn in a fixed range, not up to the file's length: a workbook saved in another second is a few
    # bytes longer or shorter, and hypothesis needs the same draws to mean the same thing when it replays them.
    return st.tuples(
        st.integers(min_value=0, max_value=2**20),
        st.binary(max_size=8),
        st.none() | st.integers(min_value=0, max_value=2**20),
    ).map(apply)


def uploads(*originals):
    """A file as a browser would send it: a real file (name, bytes) more or less damaged, or any bytes by any name."""
    junk = st.binary(max_size=3000) | st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
    real = [
        st.builds(SimpleUploadedFile, st.just(name) | file_names, st.just(data) | mutated(data))
        for name, data in originals
    ]
    return st.one_of(*real, st.builds(SimpleUploadedFile, file_names, junk))


def formula_text():
    """Text a spreadsheet would take for a formula or a command: "=HYPERLINK(...)", "+1", "@SUM(A1)", "\\t=1"."""
    return st.tuples(st.sampled_from(FORMULA_STARTS), st.text(characters, max_size=30)).map("".join)
