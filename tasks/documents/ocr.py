"""Reads a scanned PDF (pages that are only pictures) by OCR, into the text form of documents/text.py, as pdf.py does
for a PDF with a text layer. Only for an upload that lands on the review page: what OCR reads is never saved unseen.

Each page is rasterised in grey (poppler's pdftoppm, DPI), its ruling lines found as long runs of dark pixels
(horizontal ones in the rows of the picture, vertical ones in its columns), painted out, and the rest read by
Tesseract with its Vietnamese model (Debian's tesseract-ocr-vie), word by word with their boxes. The rulings make the
table: a band between two horizontal rulings crossed by two vertical ones or more is a row, cut into cells by them;
a cell with no ruling above it continues the cell above (merged down), a cell wider than the grid's columns is
merged across (an empty cell after the first, as pdf.py writes it). Words outside the tables are lines of text,
joined into paragraphs by pdf.py's rules.

Bounded: at most MAX_OCR_PAGES pages of at most MAX_PIXELS pixels each way, OCR_TIME_LIMIT seconds in all (each
program is stopped when the time is up).
"""

import itertools
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image

from agencies.text import nfc

from .data import ProgrammeFormatError
from .office import row_line

DPI = 200
MAX_OCR_PAGES = 12
OCR_TIME_LIMIT = 90  # seconds, within the reading job's own limit (PTDS_JOB_SECONDS)
MAX_PIXELS = 3400  # a page's picture is cut to this many pixels each way: A3 at 200 dpi is 3307 x 2339
DARK = 140  # grey level under which a pixel is ink
MIN_RULE = DPI // 4  # pixels: a ruling is a run of ink at least a quarter inch long (a one-line header cell); no
# letter of a document is that tall, nor a stroke of one that long
MIN_CONFIDENCE = 10  # Tesseract's confidence under which a "word" is a speck, not a word
JUNK = "|_[]!"  # what Tesseract makes of the ends of a ruling left beside a word


def ocr_available():
    return bool(shutil.which("pdftoppm") and shutil.which("tesseract")) and "vie" in _languages()


def _languages():
    try:
        done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return []
    return done.stdout.split()


def ocr_to_text(raw, name, places):
    """The text form of a scanned PDF; ProgrammeFormatError when it cannot be read in the limits."""
    started = time.monotonic()
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "scan.pdf"
        source.write_bytes(raw)
        pages = ["-l", str(MAX_OCR_PAGES + 1)]  # one more, to know there are more
        area = ["-x", "0", "-y", "0", "-W", str(MAX_PIXELS), "-H", str(MAX_PIXELS)]  # an A3 page at most
        _run(["pdftoppm", "-r", str(DPI), "-gray", "-png", *pages, *area, source, Path(folder) / "p"], started)
        pictures = sorted(Path(folder).glob("p-*.png"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))
        if len(pictures) > MAX_OCR_PAGES:
            message = _("Bản quét có hơn %(limit)d trang, quá giới hạn nhận dạng chữ.") % {"limit": MAX_OCR_PAGES}
            raise ProgrammeFormatError(message)
        for number, picture in enumerate(pictures, 1):
            lines.extend(_page_lines(picture, started))
            places.extend([_("trang %(page)d") % {"page": number}] * (len(lines) - len(places)))
    if not any(line.strip() for line in lines):
        raise ProgrammeFormatError(_("Tệp «%(name)s»: nhận dạng chữ không đọc được chữ nào.") % {"name": name})
    return "\n".join(lines)


def _run(command, started):
    left = OCR_TIME_LIMIT - (time.monotonic() - started)
    try:
        if left <= 0:
            raise subprocess.TimeoutExpired(command, OCR_TIME_LIMIT)
        # one thread each: the machine's other work goes on
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        return subprocess.run([str(part) for part in command], capture_output=True, timeout=left, check=True, env=env)
    except subprocess.TimeoutExpired as error:
        message = _("Nhận dạng chữ quá %(limit)d giây, dừng lại.") % {"limit": OCR_TIME_LIMIT}
        raise ProgrammeFormatError(message) from error
    except (OSError, subprocess.CalledProcessError) as error:
        raise ProgrammeFormatError(_("Nhận dạng chữ không chạy được.")) from error


def _page_lines(picture, started):
    """The page's lines in the text form: table rows and paragraphs, in order from the top."""
    from .pdf import _paragraphs, _split_wide_gaps  # the same paragraph rules as a text layer

    image = Image.open(picture).convert("L")
    ink = image.point(lambda level: 255 if level < DARK else 0)
    across = _runs(ink)
    down = _runs(ink.transpose(Image.Transpose.TRANSPOSE))
    for y, x0, x1 in across:  # a ruling is up to about 4 pixels thick at 200 dpi (a 1.5 pt border)
        image.paste(255, (x0, y - 3, x1 + 1, y + 4))
    for x, y0, y1 in down:
        image.paste(255, (x - 3, y0, x + 4, y1 + 1))
    image.save(picture)
    words = _words(picture, started)
    tables = _tables(across, down)
    placed = []
    for table in tables:
        placed.append((table["top"], _table_rows(table, words, image, started)))
    outside = [word for word in words if not any(_in_table(word, table) for table in tables)]
    segments = [part for line in _lines(outside) for part in _split_wide_gaps(_segment(line))]
    if segments:
        left, right = min(s["x0"] for s in segments), max(s["x1"] for s in segments)
        placed += _paragraphs(segments, left, right)
    placed.sort(key=lambda item: item[0])
    return [line for _top, group in placed for line in group]


def _runs(ink):
    """(row, first, last) of every run of ink at least MIN_RULE long, one per ruling (its rows of pixels merged)."""
    width, height = ink.size
    data = ink.tobytes()
    found = []
    for row in range(height):
        for match in re.finditer(rb"\xff{%d,}" % MIN_RULE, data[row * width : (row + 1) * width]):
            found.append((row, match.start(), match.end() - 1))
    merged = []
    for row, first, last in found:  # a ruling is a few pixels thick: the runs right below it are the same
        near = next((m for m in merged if 0 < row - m[3] <= 2 and first < m[2] and last > m[1]), None)
        if near:
            near[1], near[2], near[3] = min(near[1], first), max(near[2], last), row
        else:
            merged.append([row, first, last, row])
    return [((m[0] + m[3]) // 2, m[1], m[2]) for m in merged]


def _tables(across, down):
    """Tables as bands between horizontal rulings, each with the vertical rulings that cross it."""
    tables, table = [], None
    # the ends of the vertical rulings too: a row cut by the page end has no ruling under it (nor above it on the
    # next page when the header is not repeated)
    levels = _cluster(sorted({y for y, _x0, _x1 in across} | {y for _x, y0, y1 in down for y in (y0, y1)}), 3)
    for top, bottom in itertools.pairwise(levels):
        middle = (top + bottom) / 2
        edges = sorted({x for x, y0, y1 in down if y0 <= middle <= y1})
        if len(edges) < 2 or bottom - top < 8:
            table = None
            continue
        if table is None:
            table = {"top": top, "bands": []}
            tables.append(table)
        table["bands"].append((top, bottom, edges))
    for table in tables:
        table["columns"] = _cluster(sorted(x for _t, _b, edges in table["bands"] for x in edges))
        table["bottom"] = table["bands"][-1][1]
        table["left"], table["right"] = table["columns"][0], table["columns"][-1]
    tables = [t for t in tables if len(t["columns"]) > 2 or len(t["bands"]) > 1]
    for table in tables:
        table["ruled"] = [(y, x0, x1) for y, x0, x1 in across if table["top"] <= y <= table["bottom"]]
    return tables


def _cluster(values, tolerance=6):
    """Values that lie within `tolerance` of the one before, as their mean."""
    groups = []
    for value in values:
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) // len(group) for group in groups]


def _table_rows(table, words, image, started):
    """The table's rows as tab-separated lines: each cell's words, a cell merged down joined to the one above."""
    columns = table["columns"]
    rows = []
    for top, bottom, edges in table["bands"]:
        cells = [""] * (len(columns) - 1)
        for x0, x1 in itertools.pairwise(edges):
            column = _nearest(columns, x0)
            text = _cell_text([w for w in words if x0 < w["x"] < x1 and top < w["y"] < bottom])
            if not text:  # Tesseract passes over a lone number in a narrow cell when it reads the whole page
                text = _read_alone(image, (x0 + 3, top + 3, x1 - 2, bottom - 2), started)
            ruled_above = not rows or any(abs(y - top) <= 3 and a <= (x0 + x1) / 2 <= b for y, a, b in table["ruled"])
            if not ruled_above and text:  # merged down: the text belongs to the cell above
                rows[-1][column] = f"{rows[-1][column]} {text}".strip()
            elif ruled_above:
                cells[column] = text
        rows.append(cells)
    return [row_line(cells) for cells in rows if any(cells)]


def _read_alone(image, box, started):
    """The text of one cell read on its own, when it has ink."""
    if box[2] - box[0] < 8 or box[3] - box[1] < 8:
        return ""
    crop = image.crop(box)
    if crop.getextrema()[0] >= DARK:
        return ""
    with tempfile.NamedTemporaryFile(suffix=".png") as picture:
        framed = Image.new("L", (crop.width + 40, crop.height + 40), 255)
        framed.paste(crop, (20, 20))
        framed.save(picture.name)
        done = _run(["tesseract", picture.name, "-", "-l", "vie", "--psm", "6"], started)
    lines = [nfc(line) for line in done.stdout.decode("utf-8", "replace").splitlines() if line.strip()]
    return _cell_text_of(lines)


def _nearest(columns, x):
    return min(range(len(columns) - 1), key=lambda i: abs(columns[i] - x))


def _cell_text(words):
    return _cell_text_of([" ".join(word["text"] for word in line) for line in _lines(words)])


def _cell_text_of(lines):
    from .pdf import _join_wrapped

    joined = ""
    for line in lines:
        text = line.strip(JUNK + " ")
        if text:
            joined = _join_wrapped(joined, text) if joined else text
    return joined


def _in_table(word, table):
    return table["left"] < word["x"] < table["right"] and table["top"] < word["y"] < table["bottom"]


def _lines(words):
    """Words grouped in lines by where they stand (Tesseract cuts a line with wide gaps into blocks), top down."""
    lines = []
    for word in sorted(words, key=lambda w: w["y"]):
        line = lines[-1] if lines else None
        if line and abs(word["y"] - sum(w["y"] for w in line) / len(line)) < word["height"] / 2:
            line.append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["left"]) for line in lines]


def _segment(line):
    """A line of words as pdf.py's line segments: its text and box, each word standing for a character."""
    chars = [{"text": w["text"], "x0": w["left"], "x1": w["left"] + w["width"]} for w in line]
    return {
        "text": " ".join(w["text"] for w in line),
        "x0": chars[0]["x0"],
        "x1": chars[-1]["x1"],
        "top": min(w["top"] for w in line),
        "bottom": max(w["top"] + w["height"] for w in line),
        "chars": chars,
    }


def _words(picture, started):
    """Tesseract's words with their boxes and centres."""
    done = _run(["tesseract", picture, "-", "-l", "vie", "--psm", "3", "tsv"], started)
    words = []
    for row in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip() or float(fields[10]) < MIN_CONFIDENCE:
            continue
        left, top, width, height = (int(value) for value in fields[6:10])
        text = nfc(fields[11])
        if not text.strip(JUNK):  # what is left of a ruling
            continue
        words.append(
            {
                "text": text,
                "left": left,
                "top": top,
                "width": width,
                "height": height,
                "x": left + width / 2,
                "y": top + height / 2,
            }
        )
    return words
