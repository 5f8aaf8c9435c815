"""Times the periodic progress report (PDF and XLSX) beside a bare WeasyPrint render of its appendix table.

For the seeded city programme 04/CTr-UBND and synthetic programmes of 100, 500 and 2,000 tasks (plus an
XLSX-only one of 10,000), all in one throw-away SQLite database built before any timing, it prints:
- the full PDF report (gather + render_pdf): wall time, peak memory, pages, size;
- a bare render of the same appendix table alone (the same sections, fonts, page size and table CSS, in a
  page holding nothing else), and the ratio report / bare (target: at most 1.2);
- the workbook (gather + render_xlsx): wall time, peak memory, size (target at 10,000 tasks: under 60 MB).

Every measurement runs in a fresh child process (this script re-invoked), so peaks do not mix and caches
start cold: "RSS" is the process's peak RSS after the render (VmHWM, reset just before it: ru_maxrss would
also carry the parent's peak over fork and exec) minus its RSS just before; "tm" is tracemalloc's peak of
Python allocations, measured in a second child since tracing slows the render several times over. Times
are one run, or the median of three when the first run takes under 5 s (the bare render then runs as many
times as the report). The database is built before any timing. Not a test.

    .venv/bin/python bench/reports.py [--pdf-sizes 100 500 2000] [--xlsx-size 10000] [--runs N]

A quick check of the script itself (tests/test_bench_scripts.py): --pdf-sizes 5 --xlsx-size 10 --runs 1 --no-seed.
"""

import argparse
import datetime
import gc
import hashlib
import io
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The parent creates the database; each child is handed its path.
DB = Path(os.environ.get("PTDS_BENCH_DB") or Path(tempfile.mkdtemp(prefix="ptds-bench-")) / "bench.sqlite3")
os.environ["PTDS_BENCH_DB"] = str(DB)
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptds.settings")
# Production-like: DEBUG off, so no query log; the key only signs nothing in this throw-away run.
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-throw-away-key")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

import tinycss2  # noqa: E402
import weasyprint  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from words import (  # noqa: E402
    ACTIONS,
    DELIVERABLES,
    DOCUMENT_KINDS,
    EXTRAS,
    OBJECTS,
    RESULTS,
    SCOPES,
    SECTION_TOPICS,
    roman,
)

from agencies.models import Agency  # noqa: E402
from reports.content import gather  # noqa: E402
from reports.excel import render_xlsx  # noqa: E402
from reports.pdf import FONT_FAMILY, FontsOnly, font_faces, render_pdf, report_html  # noqa: E402
from tasks.models import Assignment, Phase, Programme, ProgressReport, Section, Task  # noqa: E402
from tasks.periods import parse_period  # noqa: E402
from tasks.status import Progress  # noqa: E402

PERIOD = "2025-Q4"
SEEDED = "04/CTr-UBND"
PDF_SIZES = [100, 500, 2000]
XLSX_ONLY_SIZE = 10_000
RATIO_TARGET = 1.2
XLSX_TARGET_MB = 60
REPEAT_UNDER_S = 5.0

# ---------------------------------------------------------------------------------------------------------
# Synthetic programmes: Vietnamese wording in the shape of the seeded one (bench/words.py).

DUE_TEXTS = [  # (as written, due date)
    ("Quý IV năm 2025", datetime.date(2025, 12, 31)),
    ("Quý I năm 2025", datetime.date(2025, 3, 31)),
    ("Quý III năm 2025", datetime.date(2025, 9, 30)),
    ("Tháng 11 năm 2025", datetime.date(2025, 11, 30)),
    ("Năm 2026", datetime.date(2026, 12, 31)),
    ("Quý II năm 2026", datetime.date(2026, 6, 30)),
]


def programme_number(size):
    return f"{size}/KH-BENCH"


def build_synthetic(size, agencies, author, coordinator):
    rng = random.Random(size)
    programme = Programme.objects.create(
        kind="Kế hoạch",
        number=programme_number(size),
        year=2024,
        place="TP. Thái Nguyên",
        title=f"Thực hiện nhiệm vụ phòng thủ dân sự (bộ thử {size} nhiệm vụ)",
        issuer="UBND thành phố Thái Nguyên",
        issued_on_as_written="ngày 15 tháng 3 năm 2024",
        coordinating_agency=coordinator,
    )
    phases = Phase.objects.bulk_create(
        [
            Phase(
                programme=programme,
                number=1,
                name="Giai đoạn 1",
                label_as_written="Giai đoạn 1 (đến năm 2025)",
                end=datetime.date(2025, 12, 31),
            ),
            Phase(
                programme=programme,
                number=2,
                name="Giai đoạn 2",
                label_as_written="Giai đoạn 2 (2026 - 2030)",
                start=datetime.date(2026, 1, 1),
                end=datetime.date(2030, 12, 31),
            ),
            Phase(
                programme=programme,
                number=3,
                name="Giai đoạn 3",
                label_as_written="Giai đoạn 3 (sau năm 2030)",
                start=datetime.date(2031, 1, 1),
            ),
        ]
    )
    section_count = min(len(SECTION_TOPICS), 5 + size // 100)
    sections = Section.objects.bulk_create(
        Section(programme=programme, position=i + 1, numeral=roman(i + 1), title=SECTION_TOPICS[i])
        for i in range(section_count)
    )
    weights = [rng.uniform(0.5, 2.0) for _s in sections]  # uneven sections, as in real programmes
    per_section = {s.pk: 0 for s in sections}
    tasks, task_phases, assignment_plan = [], [], []
    for _i in range(size):
        section = rng.choices(sections, weights)[0]
        per_section[section.pk] += 1
        position = per_section[section.pk]
        sentences = [f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)} {rng.choice(SCOPES)}."]
        sentences += rng.sample(EXTRAS, rng.choice([0, 0, 1, 1, 2]))
        leads = rng.sample(agencies, rng.choice([1, 1, 1, 2]))
        supports = rng.sample([a for a in agencies if a not in leads], rng.choice([0, 1, 1, 2]))
        kind = rng.choices(["due_date", "phase", "ongoing", "recurring"], [35, 30, 25, 10])[0]
        due, phase_numbers, recurrence = None, [], ""
        if kind == "due_date":
            text, due = rng.choice(DUE_TEXTS)
            timeframe = [text, "", ""]
            phase_numbers = [1] if due.year <= 2025 else [2]
        elif kind == "phase":
            phase_numbers = rng.choice([[1], [1, 2], [2], [2, 3]])
            timeframe = ["x" if n in phase_numbers else "" for n in (1, 2, 3)]
            due = phases[max(phase_numbers) - 1].end
        elif kind == "ongoing":
            timeframe = ["Thường xuyên", "", ""]
        else:
            timeframe, recurrence = ["Hằng năm", "", ""], "yearly"
        override = rng.random() < 0.03 and due is not None
        task = Task(
            section=section,
            position=position,
            number=str(position),
            content=" ".join(sentences),
            deliverable=rng.choice(DELIVERABLES),
            lead_as_written="; ".join(a.short_name or a.name for a in leads),
            support_as_written="; ".join(a.name for a in supports),
            timeframe_as_written=timeframe,
            schedule_kind=kind,
            due_on=due,
            recurrence=recurrence,
            due_override=due + datetime.timedelta(days=90) if override else None,
            due_override_reason="Chờ bố trí kinh phí năm 2026" if override else "",
            conditional="Khi có chỉ đạo của UBND tỉnh" if rng.random() < 0.03 else "",
        )
        task.index_words()
        tasks.append(task)
        task_phases.append(phase_numbers)
        assignment_plan.append((leads, supports))
    Task.objects.bulk_create(tasks, batch_size=500)
    Task.phases.through.objects.bulk_create(
        [
            Task.phases.through(task=t, phase=phases[n - 1])
            for t, ns in zip(tasks, task_phases, strict=True)
            for n in ns
        ],
        batch_size=1000,
    )
    assignments, reports = [], []
    for task, (leads, supports) in zip(tasks, assignment_plan, strict=True):
        assignments += [Assignment(task=task, agency=a, role="lead", position=i) for i, a in enumerate(leads, 1)]
        assignments += [Assignment(task=task, agency=a, role="support", position=i) for i, a in enumerate(supports, 1)]
        reports += synthetic_reports(rng, task, leads[0], supports, author)
    Assignment.objects.bulk_create(assignments, batch_size=1000)
    ProgressReport.objects.bulk_create(reports, batch_size=1000)
    return programme


def synthetic_reports(rng, task, lead, supports, author):
    """A report in Q3 for some tasks, and one or two in Q4 (the period) for about two thirds of them."""
    reports = []

    def report(agency, sets_status, reported_on, status, percent):
        document = rng.random() < 0.4
        reports.append(
            ProgressReport(
                task=task,
                agency=agency,
                sets_status=sets_status,
                author=author,
                status=status,
                percent=percent,
                result=" ".join(rng.sample(RESULTS, rng.choice([1, 1, 1, 2]))),
                reported_on=reported_on,
                completed_on=reported_on if status == Progress.DONE else None,
                period=PERIOD,
                document_kind=rng.choice(DOCUMENT_KINDS) if document else "",
                document_number=f"{rng.randint(1, 450)}/KH-UBND" if document else "",
                document_date=reported_on - datetime.timedelta(days=rng.randint(1, 20)) if document else None,
            )
        )

    if rng.random() < 0.3:
        report(lead, True, datetime.date(2025, 8, rng.randint(1, 28)), Progress.IN_PROGRESS, rng.choice([20, 40, 60]))
    if rng.random() < 0.65:
        day = datetime.date(2025, rng.choice([10, 11, 12]), rng.randint(1, 28))
        status = rng.choices([Progress.IN_PROGRESS, Progress.DONE, Progress.PAUSED], [60, 35, 5])[0]
        report(lead, True, day, status, 100 if status == Progress.DONE else rng.choice([30, 50, 70, 90]))
        if supports and rng.random() < 0.25:
            report(
                rng.choice(supports),
                False,
                day + datetime.timedelta(days=rng.randint(0, 2)),
                Progress.IN_PROGRESS,
                rng.choice([50, 80]),
            )
    return reports


def build(sizes):
    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0, stdout=open(os.devnull, "w"))
    author = get_user_model().objects.create_user("bench", password=None)
    coordinator = Programme.objects.get(number=SEEDED).coordinating_agency
    agencies = list(Agency.objects.exclude(name__icontains="Bắc Giang").order_by("name"))
    for size in sizes:
        build_synthetic(size, agencies, author, coordinator)


# ---------------------------------------------------------------------------------------------------------
# The renders, as a child process runs them.


def table_css():
    """The rules of report.css that style the appendix table, and the appendix's page box as the only @page."""
    css = render_to_string("reports/pdf/report.css", {"font_family": FONT_FAMILY})
    types = {"html", "body", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "p"}
    classes = {"appendix-table", "section", "c"}
    kept, page = [], None
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        prelude = tinycss2.serialize(rule.prelude).strip()
        if rule.type == "at-rule" and rule.lower_at_keyword == "page" and prelude == "appendix":
            page = f"@page {{{tinycss2.serialize(rule.content)}}}"
        elif rule.type == "qualified-rule":
            for selector in prelude.split(","):
                names = set(re.findall(r"(?:^|\s)([a-z][\w-]*)", selector))
                found = set(re.findall(r"\.([\w-]+)", selector))
                if names <= types and all(c in classes or c.startswith("w-") for c in found):
                    kept.append(rule.serialize())
                    break
    assert page and "landscape" in page, "report.css no longer has an @page appendix rule in landscape"
    return "\n".join([page, *kept])


def bare_html(sections):
    faces = "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {face["weight"]}; '
        f'font-style: {face["style"]}; src: url("{face["url"]}"); }}'
        for face in font_faces()
    )
    table = render_to_string("reports/_appendix_table.html", {"sections": sections})
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>{faces}\n{table_css()}</style>'
        f"</head><body>{table}</body></html>"
    )


def gather_case(number):
    programme = Programme.objects.get(number=number)
    period = parse_period(PERIOD)
    window = period.cutoff(settings.PTDS_CUTOFF_RULE)
    return gather(Task.objects.all(), programme, period, window)


def run_pdf(number, steps):
    start = time.perf_counter()
    content = gather_case(number)
    steps["gather"] = time.perf_counter() - start
    start = time.perf_counter()
    html = report_html(content)
    steps["html"] = time.perf_counter() - start
    start = time.perf_counter()
    data = render_pdf(content, html=html)  # what render_pdf(content) does, with the HTML timed apart
    steps["weasyprint"] = time.perf_counter() - start
    return data


def run_bare(sections, steps):
    start = time.perf_counter()
    html = bare_html(sections)
    steps["html"] = time.perf_counter() - start
    start = time.perf_counter()
    data = weasyprint.HTML(string=html, url_fetcher=FontsOnly()).write_pdf()
    steps["weasyprint"] = time.perf_counter() - start
    return data


def run_xlsx(number, steps):
    start = time.perf_counter()
    content = gather_case(number)
    steps["gather"] = time.perf_counter() - start
    start = time.perf_counter()
    data = render_xlsx(content)
    steps["xlsx"] = time.perf_counter() - start
    return data


def _status_mb(field):
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024  # kB


def reset_peak_rss():
    """Restart the peak (VmHWM) from the current RSS; returns False where the kernel does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:
        return False


def child(kind, number, mode, runs="auto"):
    """One measurement in this fresh process; prints a JSON line for the parent."""
    Programme.objects.get(number=number)  # open the connection before measuring
    prepared = gather_case(number).sections if kind == "bare" else None  # the bare render's data, untimed

    def once(steps):
        if kind == "pdf":
            return run_pdf(number, steps)
        if kind == "bare":
            return run_bare(prepared, steps)
        return run_xlsx(number, steps)

    gc.collect()
    result = {}
    if mode == "trace":
        tracemalloc.start()
        once({})
        result["tracemalloc_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    else:
        # The process's own peak RSS (VmHWM, what ru_maxrss reports for it): ru_maxrss itself would also carry
        # the parent's peak across fork and exec, so the render's growth could hide under it.
        reset = reset_peak_rss()
        rss_before, peak_before = _status_mb("VmRSS"), _status_mb("VmHWM")
        start = time.perf_counter()
        steps = {}
        data = once(steps)
        seconds = [time.perf_counter() - start]
        peak_after = _status_mb("VmHWM")
        result["rss_growth_mb"] = peak_after - rss_before
        # Without the reset, a render that stays under the startup peak shows that peak: an upper bound.
        result["raised_peak"] = reset or peak_after > peak_before
        all_steps = [steps]
        repeats = (3 if seconds[0] < REPEAT_UNDER_S else 1) if runs == "auto" else int(runs)
        if repeats > 1:
            for _run in range(repeats - 1):
                steps = {}
                start = time.perf_counter()
                once(steps)
                seconds.append(time.perf_counter() - start)
                all_steps.append(steps)
        result["seconds"] = statistics.median(seconds)
        result["runs"] = len(seconds)
        result["steps"] = {key: statistics.median(s[key] for s in all_steps) for key in all_steps[0]}
        result["bytes"] = len(data)
        if kind in ("pdf", "bare"):
            result["pages"] = len(PdfReader(io.BytesIO(data)).pages)
    print(json.dumps(result))


# ---------------------------------------------------------------------------------------------------------
# The parent: build the database once, run each measurement in a child, print the tables.


def code_fingerprint():
    """What the figures measure; compared at the end, so an edit made during the run does not go unnoticed."""
    digest = hashlib.sha1()
    for pattern in ("reports/[cepm]*.py", "tasks/[mpst]*.py", "templates/reports/_*.html", "templates/reports/pdf/*"):
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def run_child(kind, number, mode, runs="auto"):
    completed = subprocess.run(
        [sys.executable, __file__, "--child", kind, number, mode, str(runs)],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    if completed.returncode:
        sys.exit(f"{kind} {number} {mode} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def measure(number, kinds, runs="auto"):
    """Timed children one at a time, alone on the machine; the traced ones (no timing) side by side.

    The bare render runs as many times as the report did, so the ratio compares like with like.
    """
    figures = {}
    for kind in kinds:
        figures[kind] = run_child(kind, number, "time", figures["pdf"]["runs"] if kind == "bare" else runs)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        traced = {kind: pool.submit(run_child, kind, number, "trace") for kind in kinds}
    for kind in kinds:
        figures[kind].update(traced[kind].result())
    return [figures[kind] for kind in kinds]


def timed(figures):
    return f"{figures['seconds']:.2f}" + ("" if figures["runs"] == 1 else "*")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=4, metavar=("KIND", "PROGRAMME", "MODE", "RUNS"), help=argparse.SUPPRESS)
    parser.add_argument("--pdf-sizes", type=int, nargs="+", default=PDF_SIZES, help="synthetic PDF cases (tasks)")
    parser.add_argument("--xlsx-size", type=int, default=XLSX_ONLY_SIZE, help="the XLSX-only case (tasks)")
    parser.add_argument("--runs", default="auto", help="timed runs per figure (default: 3 under 5 s, else 1)")
    parser.add_argument("--no-seed", action="store_true", help=f"leave out the seeded {SEEDED}")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    started, fingerprint = time.perf_counter(), code_fingerprint()
    try:
        build_start = time.perf_counter()
        build([*args.pdf_sizes, args.xlsx_size])
        build_seconds = time.perf_counter() - build_start
        print_tables(args.pdf_sizes, args.xlsx_size, args.runs, seeded=not args.no_seed)
    finally:
        shutil.rmtree(DB.parent, ignore_errors=True)
    print(
        f"\nWhole run: {time.perf_counter() - started:.0f} s (database build {build_seconds:.0f} s); "
        f"load average now {os.getloadavg()[0]:.2f}."
    )
    if code_fingerprint() != fingerprint:
        print("WARNING: the report code or templates changed during the run: the figures mix two versions.")


def print_tables(pdf_sizes, xlsx_size, runs, seeded=True):
    cases = [(f"{SEEDED} (seed)", SEEDED)] if seeded else []
    cases += [(f"synthetic {n:,}", programme_number(n)) for n in pdf_sizes]
    rows = [Task.objects.filter(section__programme__number=number).count() for _label, number in cases]
    window = parse_period(PERIOD).cutoff(settings.PTDS_CUTOFF_RULE)
    print("Periodic progress report: full PDF and XLSX beside a bare WeasyPrint render of the appendix table")
    print(
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {os.cpu_count()} CPUs ({platform.machine()}), "
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, Django {django.get_version()}, "
        f"SQLite; load average {os.getloadavg()[0]:.2f}; code {code_fingerprint()}; period {PERIOD}, "
        f"window {window[0]:%d/%m/%Y}-{window[1]:%d/%m/%Y}"
    )
    print(
        "Each figure from a fresh process. s: wall seconds (* median of 3 runs in one process, else 1 cold run);\n"
        "RSS: peak RSS growth during the render (MB); tm: tracemalloc peak of Python allocations (MB).\n"
        "PDF = gather + render_pdf; bare = the same appendix table alone through WeasyPrint; "
        "XLSX = gather + render_xlsx."
    )
    results = []
    for (label, number), count in zip(cases, rows, strict=True):
        results.append((label, count, *measure(number, ["pdf", "bare", "xlsx"], runs)))

    print()
    head = (
        f"{'case':22} {'tasks':>6} | {'PDF s':>7} {'RSS':>6} {'tm':>6} {'pages':>5} {'KB':>6} | "
        f"{'bare s':>7} {'RSS':>6} {'tm':>6} {'pages':>5} {'KB':>6} | {'ratio s':>7} {'ratio RSS':>9}"
    )
    print(head)
    print("-" * len(head))
    for label, count, pdf, bare, _xlsx in results:
        print(
            f"{label:22} {count:>6,} | {timed(pdf):>7} {pdf['rss_growth_mb']:>6.1f} {pdf['tracemalloc_mb']:>6.1f} "
            f"{pdf['pages']:>5} {pdf['bytes'] / 1024:>6.0f} | {timed(bare):>7} {bare['rss_growth_mb']:>6.1f} "
            f"{bare['tracemalloc_mb']:>6.1f} {bare['pages']:>5} {bare['bytes'] / 1024:>6.0f} | "
            f"{pdf['seconds'] / bare['seconds']:>7.2f} {pdf['rss_growth_mb'] / bare['rss_growth_mb']:>9.2f}"
        )

    print("\nWhere the PDF time goes (seconds; median runs as above)")
    head = f"{'case':22} | {'gather':>7} {'HTML':>7} {'WeasyPrint':>10} | {'bare HTML':>9} {'WeasyPrint':>10}"
    print(head)
    print("-" * len(head))
    for label, _count, pdf, bare, _xlsx in results:
        steps, bare_steps = pdf["steps"], bare["steps"]
        print(
            f"{label:22} | {steps['gather']:>7.2f} {steps['html']:>7.2f} {steps['weasyprint']:>10.2f} | "
            f"{bare_steps['html']:>9.2f} {bare_steps['weasyprint']:>10.2f}"
        )

    big = Task.objects.filter(section__programme__number=programme_number(xlsx_size)).count()
    results.append((f"synthetic {xlsx_size:,}", big, None, None, *measure(programme_number(xlsx_size), ["xlsx"], runs)))
    print("\nXLSX")
    head = f"{'case':22} {'tasks':>6} | {'s':>7} {'gather s':>8} {'RSS':>6} {'tm':>6} {'KB':>6}"
    print(head)
    print("-" * len(head))
    for label, count, _pdf, _bare, xlsx in results:
        print(
            f"{label:22} {count:>6,} | {timed(xlsx):>7} {xlsx['steps']['gather']:>8.2f} {xlsx['rss_growth_mb']:>6.1f} "
            f"{xlsx['tracemalloc_mb']:>6.1f} {xlsx['bytes'] / 1024:>6.0f}"
        )

    print("\nTargets")
    for label, _count, pdf, bare, _xlsx in results[:-1]:
        ratio = pdf["seconds"] / bare["seconds"]
        verdict = "met" if ratio <= RATIO_TARGET else "MISSED"
        print(f"  {label}: report/bare time {ratio:.2f} (target <= {RATIO_TARGET}): {verdict}")
    xlsx = results[-1][4]
    verdict = "met" if xlsx["rss_growth_mb"] < XLSX_TARGET_MB else "MISSED"
    print(
        f"  XLSX {xlsx_size:,} tasks: peak RSS growth {xlsx['rss_growth_mb']:.1f} MB, tracemalloc "
        f"{xlsx['tracemalloc_mb']:.1f} MB (target < {XLSX_TARGET_MB} MB): {verdict}"
    )
    if not all(r["raised_peak"] for res in results for r in res[2:] if r):
        print("  note: some render stayed below its process's startup peak: its RSS figure is an upper bound")


if __name__ == "__main__":
    main()
