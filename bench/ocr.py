"""Reads scans of the corpus plans by OCR (tasks/documents/ocr.py) and counts the cells it reads exactly.

Each plan of tests/documents/test_corpus_tables.py is printed as the PDF tests print it (WeasyPrint), scanned
(tests/documents/builders.py, scan_of: grey pictures at --dpi, no text layer) and read as /import/ reads an upload.
Its tasks are matched to the expected ones by section and number; a cell (content, lead, support, timeframe,
deliverable) counts as exact when it is the expected text to the character, and a section when its title is. Prints
per plan: pages, seconds, tasks found of those expected, cells exact, section titles exact; then the totals. A plan
OCR refuses (over the page or time limit) is shown with its message. Not a test.

    .venv/bin/python bench/ocr.py [--only KH-310-UBND-ha-noi-2025 ...] [--dpi 200] [--show] [--time-limit 600]

--show prints every cell read wrong, with what was expected. A quick check of the script
(tests/test_bench_scripts.py): --only KH-310-UBND-ha-noi-2025 --pages 1.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CELLS = ("content", "lead", "support", "timeframe", "deliverable")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", help="plans to read (names of tests/documents/corpus/*.txt)")
    parser.add_argument("--dpi", type=int, default=200, help="resolution of the scans (default 200)")
    parser.add_argument("--pages", type=int, help="scan only the last PAGES pages (the appendix)")
    parser.add_argument("--show", action="store_true", help="print each cell read wrong")
    parser.add_argument("--time-limit", type=int, help="seconds OCR may take per plan (default: the portal's limit)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptds.settings")
    import django

    django.setup()
    from pypdf import PdfReader, PdfWriter

    from tasks.documents import ProgrammeFormatError, ocr, read_programme_file
    from tests.documents.builders import scan_of
    from tests.documents.test_corpus_tables import BUILD, DOCUMENTS, cells, lines_of

    names = args.only or list(DOCUMENTS)
    if args.time_limit:
        ocr.OCR_TIME_LIMIT = args.time_limit
    print(f"{len(names)} plans, scanned at {args.dpi} dpi, read by OCR (limit {ocr.OCR_TIME_LIMIT} s a plan)")
    print(f"{'plan':36} {'pages':>5} {'seconds':>8} {'tasks':>7} {'cells exact':>13} {'sections exact':>15}")
    totals = {"pages": 0, "seconds": 0.0, "found": 0, "tasks": 0, "exact": 0, "cells": 0, "titles": 0, "sections": 0}
    for name in names:
        printed = BUILD["pdf"](lines_of(name))
        if args.pages:
            printed = _last_pages(printed, args.pages, PdfReader, PdfWriter)
        scan = scan_of(printed, args.dpi)
        pages = len(PdfReader(io.BytesIO(scan)).pages)
        started = time.monotonic()
        try:
            doc = read_programme_file(scan, f"{name}.pdf", ocr=True)
        except ProgrammeFormatError as error:
            print(f"{name:36} {pages:>5} {time.monotonic() - started:>8.1f}  refused: {error}")
            continue
        seconds = time.monotonic() - started
        sections, tasks = cells(doc.to_dict())
        expected = DOCUMENTS[name]
        read = {(task[0], task[1]): task for task in tasks}
        exact = found = 0
        for task in expected["tasks"]:
            got = read.get((task[0], task[1]))
            found += got is not None
            for index, column in enumerate(CELLS, 2):
                right = got is not None and got[index] == task[index]
                exact += right
                if args.show and not right:
                    wrong = got[index] if got else None
                    print(f"    {task[0]}.{task[1]} {column}: read {wrong!r}, not {task[index]!r}")
        titles = len(set(sections) & set(expected["sections"]))
        figures = {
            "pages": pages,
            "seconds": seconds,
            "found": found,
            "tasks": len(expected["tasks"]),
            "exact": exact,
            "cells": len(expected["tasks"]) * len(CELLS),
            "titles": titles,
            "sections": len(expected["sections"]),
        }
        _row(name, figures)
        for key, value in figures.items():
            totals[key] += value
    _row("all", totals)


def _row(label, f):
    share = f"{100 * f['exact'] / f['cells']:.0f}%" if f["cells"] else "-"
    print(
        f"{label:36} {f['pages']:>5} {f['seconds']:>8.1f} {f['found']:>3}/{f['tasks']:<3} "
        f"{f['exact']:>4}/{f['cells']:<4} {share:>4} {f['titles']:>7}/{f['sections']:<3}"
    )


def _last_pages(pdf, count, reader_class, writer_class):
    reader = reader_class(io.BytesIO(pdf))
    writer = writer_class()
    for page in reader.pages[-count:]:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
