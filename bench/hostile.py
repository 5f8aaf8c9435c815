"""Times the readers of uploaded files on the hostile files of issue 13 (tests/documents/hostile.py), and on the
largest files the limits of tasks/documents/limits.py still let through.

Each file is read in a fresh child process (this script re-invoked), by read_programme_file() ("programme") or
the offline sheet reader tasks.offline.read_filled() ("offline"). It prints per file: its size, what the reader did
(the start of its message when it refused), the wall time, and the child's peak RSS during the read and its growth
over the RSS before it (VmHWM, reset just before the read: ru_maxrss would carry the parent's peak over fork and
exec). Every read must finish within LIMIT seconds: the script exits 1 otherwise. Not a test.

    .venv/bin/python bench/hostile.py [--only far-rows grid-span] [--timeout 120] [--root DIR]

--root reads with the code of another checkout (e.g. `git archive BASE | tar -x -C DIR`), to measure "before"; a
read over the timeout is stopped and shown as such. A quick check of the script (tests/test_bench_scripts.py):
--only far-rows grid-span.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 5.0  # seconds a read may take, refused or read: far under gunicorn's 120 s worker timeout


def files():
    """{label: (reader, file name, builder)}: the hostile files, then the largest ones within the limits."""
    sys.path.insert(0, str(ROOT))
    from tests.documents import hostile

    return {
        "far-rows": ("programme", "far-rows.xlsx", hostile.far_rows),
        "far-rows-offline": ("offline", "far-rows.xlsx", hostile.far_rows),
        "dimension": ("programme", "dimension.xlsx", hostile.declared_dimension),
        "dimension-offline": ("offline", "dimension.xlsx", hostile.declared_dimension),
        "shared-strings": ("programme", "shared-strings.xlsx", hostile.shared_strings),
        "shared-strings-offline": ("offline", "shared-strings.xlsx", hostile.shared_strings),
        "grid-span": ("programme", "grid-span.docx", hostile.grid_span),
        # within the limits: the most a file may ask
        "blank-rows-10000": ("programme", "blank-rows.xlsx", lambda: hostile.blank_rows(10_000)),
        "blank-rows-1000000": ("programme", "blank-rows.xlsx", lambda: hostile.blank_rows(1_000_000)),
        "paragraphs-20000": ("programme", "paragraphs.docx", lambda: hostile.paragraphs(20_000)),
        "runs-100000": ("programme", "runs.docx", lambda: hostile.runs(100_000)),
        "formats-99000": ("programme", "formats.xlsx", lambda: hostile.cell_formats(99_000)),
        "strings-200000": ("programme", "strings.xlsx", lambda: hostile.shared_strings(200_000, distinct=True)),
        "merge-500-rows": ("programme", "merge.docx", lambda: hostile.tall_merge(501)),
        "table-5000-rows": ("programme", "table.docx", lambda: hostile.long_table(5000)),
    }


def child(reader, path, root):
    """Reads one file, prints: outcome, seconds, peak RSS MB, growth MB."""
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptds.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from tasks.documents import ProgrammeFormatError, read_programme_file
    from tasks.offline import SheetError, read_filled

    raw = Path(path).read_bytes()
    before = reset_peak()
    started = time.monotonic()
    try:
        if reader == "offline":
            read_filled(raw, Path(path).name)
        else:
            read_programme_file(raw, Path(path).name)
        outcome = "read"
    except (ProgrammeFormatError, SheetError) as error:
        outcome = "refused: " + re.sub(r"^Tệp «[^»]*»:? ", "", str(error))
    seconds = time.monotonic() - started
    peak = memory("VmHWM")
    print(f"{seconds:.3f}\t{peak / 1024:.0f}\t{(peak - before) / 1024:.0f}\t{outcome}")


def memory(field):
    """A figure of /proc/self/status in KB (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak():
    """The RSS now, after setting the peak (VmHWM) back to it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass  # the peak then includes what came before the read
    return memory("VmRSS")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="labels of the files to read (all by default)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a read is stopped")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose readers are timed")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        return child(*options.child, options.root)
    chosen = {label: found for label, found in files().items() if not options.only or label in options.only}
    print(f"Hostile files, each read in a child process with the code of {options.root}; limit {LIMIT:g} s")
    print(f"{'file':<24} {'reader':<10} {'KB':>8} {'s':>8} {'peak MB':>8} {'+MB':>6}  outcome")
    over = []
    with tempfile.TemporaryDirectory(prefix="ptds-hostile-") as folder:
        for label, (reader, name, build) in chosen.items():
            path = Path(folder) / name
            path.write_bytes(build())
            command = [sys.executable, __file__, "--root", str(options.root), "--child", reader, str(path)]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=options.timeout)
            except subprocess.TimeoutExpired:
                print(f"{label:<24} {reader:<10} {path.stat().st_size / 1024:>8.1f} {'>' + str(options.timeout):>8}")
                over.append(label)
                continue
            if done.returncode != 0:
                print(f"{label:<24} {reader:<10} failed:\n{done.stderr}")
                over.append(label)
                continue
            seconds, peak, growth, outcome = done.stdout.strip().splitlines()[-1].split("\t")
            size = path.stat().st_size / 1024
            print(f"{label:<24} {reader:<10} {size:>8.1f} {seconds:>8} {peak:>8} {growth:>6}  {outcome[:70]}")
            if float(seconds) > LIMIT:
                over.append(label)
    print(f"Over {LIMIT:g} s: {', '.join(over)}" if over else f"Every read within {LIMIT:g} s.")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
