"""manage.py progress_report: the report for scheduled jobs, with clear errors and a non-zero exit status."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import ProducedReport
from tests.conftest import run
from tests.views.conftest import CITY


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_pdf_of_the_whole_programme_is_written_and_kept(seeded, tmp_path):
    output = tmp_path / "q4.pdf"
    printed = run("progress_report", "--programme", CITY, "--period", "2025-Q4", "--format", "pdf", "--output", output)
    assert "37 nhiệm vụ" in printed and str(output) in printed
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(output).pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "quý IV năm 2025" in text
    kept = ProducedReport.objects.get()
    assert kept.created_by is None and kept.state == "done" and kept.file.read() == output.read_bytes()


def test_one_agency_and_one_section_accent_insensitively(seeded, tmp_path):
    output = tmp_path / "cong-an.xlsx"
    run(
        "progress_report",
        "--programme",
        CITY,
        "--period",
        "2025-H2",
        "--agency",
        "cong an thanh pho",
        "--section",
        "v",
        "--format",
        "xlsx",
        "--output",
        output,
        "--cutoff-rule",
        "decree_09",
    )
    kept = ProducedReport.objects.get()
    assert (kept.agency.name, kept.section.numeral) == ("Công an thành phố Thái Nguyên", "V")
    assert (kept.window_start.isoformat(), kept.window_end.isoformat()) == ("2025-06-15", "2025-12-14")
    detail = load_workbook(output)["Chi tiết"]
    numerals = [row[0] for row in detail.iter_rows(min_row=4, values_only=True) if row[0] and row[0].isalpha()]
    assert numerals == ["V"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--programme", "99/CTr-UBND"], "Không có chương trình số 99/CTr-UBND."),
        (["--period", "2025-Q7"], "không có quý 7"),
        (["--period", "hôm qua"], "Không đọc được kỳ báo cáo"),
        (["--agency", "Bộ Tư lệnh Thủ đô"], "Không có cơ quan “Bộ Tư lệnh Thủ đô” trong danh mục."),
        (["--section", "XV"], "không có mục XV (các mục: I, II, III, IV, V, VI, VII, VIII, IX, X)"),
        (["--number", "15/BC"], "Số báo cáo chỉ gồm chữ số"),
        (["--period", "2099"], "Kỳ Năm 2099 chưa bắt đầu"),
    ],
)
def test_bad_arguments_are_named_and_nothing_is_kept(seeded, tmp_path, args, message):
    options = {"--programme": CITY, "--period": "2025-Q4", "--format": "pdf", "--output": str(tmp_path / "x.pdf")}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        options[flag] = value
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run("progress_report", *[part for pair in options.items() for part in pair])
    assert not ProducedReport.objects.exists()
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_folder_is_named(seeded, tmp_path):
    with pytest.raises(CommandError, match="Không có thư mục"):
        run(
            "progress_report",
            "--programme",
            CITY,
            "--period",
            "2025",
            "--format",
            "xlsx",
            "--output",
            tmp_path / "missing" / "x.xlsx",
        )


def test_the_exit_status_is_not_zero_for_a_scheduler(tmp_path):
    """A real process on an empty database: the scheduler sees the status and the message."""
    database = tmp_path / "empty.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin", "DJANGO_MEDIA_ROOT": str(tmp_path)}
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=tmp_path)
    result = subprocess.run(
        [
            *manage,
            "progress_report",
            "--programme",
            CITY,
            "--period",
            "2025-Q4",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "x.pdf"),
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "Không có chương trình số 04/CTr-UBND." in result.stderr
    assert result.stdout == ""
