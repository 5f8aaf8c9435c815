"""Evidence files on a progress report (tasks.evidence.check_evidence through the progress form), and their
download (tasks.views.evidence_download): content is checked, not names; a refusal stores nothing."""

import re
import zipfile

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from tasks.models import Evidence, ProgressReport
from tasks.status import Progress

from .conftest import (
    EXE,
    JPG,
    PDF,
    PNG,
    assert_refused,
    city_task,
    media_files,
    office_zip,
    page,
    progress_url,
    snapshot,
    upload,
)

MB = 1024 * 1024


def post_report(client, task, *files):
    data = {
        "version": task.version,
        "status": Progress.IN_PROGRESS,
        "percent": 50,
        "result": "Đã tập huấn.",
        "files": list(files),
    }
    if task.is_recurring:
        data["period"] = "2025-Q4"
    return client.post(progress_url(task), data)


def big_pdf(path, megabytes):
    """A file of exactly `megabytes` MB that starts like a PDF (sparse on disk)."""
    with open(path, "wb") as out:
        out.write(PDF)
        out.truncate(megabytes * MB)
    return path


def test_an_exe_renamed_pdf_is_refused(login, v5):
    before = snapshot(v5)
    response = post_report(login("congan"), v5, upload("bien-ban.pdf", EXE, "application/pdf"))
    assert_refused(response, "Nội dung tệp «bien-ban.pdf» không phải tệp PDF thật (có thể đã bị đổi tên).", "files")
    assert snapshot(v5) == before
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    assert media_files() == []


def test_a_50_mb_file_is_refused(login, v5, tmp_path):
    source = big_pdf(tmp_path / "ho-so-lon.pdf", 50)
    before = snapshot(v5)
    with open(source, "rb") as handle:
        response = post_report(login("congan"), v5, handle)
    assert_refused(response, "vượt giới hạn 20 MB.", "files")
    assert re.search(r"Tệp «ho-so-lon.pdf» nặng 50[.,]0 MB, vượt giới hạn 20 MB.", page(response))
    assert snapshot(v5) == before
    assert media_files() == ["ho-so-lon.pdf"]  # only the file we sent from


def test_a_21_mb_file_is_refused_and_20_mb_is_accepted(login, v5, tmp_path):
    officer = login("congan")
    source = big_pdf(tmp_path / "qua-han-muc.pdf", 21)
    before = snapshot(v5)
    with open(source, "rb") as handle:
        response = post_report(officer, v5, handle)
    assert_refused(response, "vượt giới hạn 20 MB.", "files")
    assert re.search(r"Tệp «qua-han-muc.pdf» nặng 21[.,]0 MB", page(response))
    assert snapshot(v5) == before

    with open(big_pdf(tmp_path / "vua-du.pdf", 20), "rb") as handle:
        assert post_report(officer, v5, handle).status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.size, evidence.kind, evidence.original_name) == (20 * MB, "pdf", "vua-du.pdf")


def test_the_limit_is_the_setting(login, v5, settings):
    settings.PTDS_MAX_UPLOAD_MB = 1
    before = snapshot(v5)
    response = post_report(login("congan"), v5, upload("anh.png", PNG + bytes(MB)))
    assert_refused(response, "vượt giới hạn 1 MB.", "files")
    assert re.search(r"Tệp «anh.png» nặng 1[.,]0 MB", page(response))
    assert snapshot(v5) == before


def test_a_docm_renamed_docx_is_refused(login, v5):
    docm = office_zip("word/document.xml", "word/vbaProject.bin")
    before = snapshot(v5)
    response = post_report(login("congan"), v5, upload("ke-hoach.docx", docm))
    assert_refused(response, "Nội dung tệp «ke-hoach.docx» không phải tệp DOCX thật (có thể đã bị đổi tên).", "files")
    assert snapshot(v5) == before


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("so-lieu.xlsx", office_zip("word/document.xml"), "XLSX"),  # a Word file named .xlsx
        ("bao-cao.docx", PDF, "DOCX"),  # not a zip at all
        ("anh.jpg", PNG, "JPG"),
        ("van-ban.doc", PDF, "DOC"),
    ],
)
def test_content_must_match_the_extension(login, v5, name, content, kind):
    before = snapshot(v5)
    response = post_report(login("congan"), v5, upload(name, content))
    assert_refused(response, f"Nội dung tệp «{name}» không phải tệp {kind} thật", "files")
    assert snapshot(v5) == before


def test_an_xlsm_renamed_xlsx_is_refused(login, v5):
    xlsm = office_zip("xl/workbook.xml", "xl/vbaProject.bin")
    before = snapshot(v5)
    response = post_report(login("congan"), v5, upload("so-lieu.xlsx", xlsm))
    assert_refused(response, "Nội dung tệp «so-lieu.xlsx» không phải tệp XLSX thật", "files")
    assert snapshot(v5) == before


def test_a_docx_too_big_to_stay_in_memory_is_still_read(login, v5, tmp_path):
    """Over 2.5 MB Django spools the upload to a temporary file; the zip check must read that too."""
    source = tmp_path / "ho-so.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/image1.png", PNG + bytes(3 * MB))
    with open(source, "rb") as handle:
        assert post_report(login("congan"), v5, handle).status_code == 302
    assert Evidence.objects.get().kind == "docx"

    macro = tmp_path / "ho-so-macro.docx"
    with zipfile.ZipFile(macro, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", bytes(3 * MB))
    with open(macro, "rb") as handle:
        response = post_report(login("congan"), v5, handle)
    assert_refused(response, "«ho-so-macro.docx» không phải tệp DOCX thật", "files")
    assert Evidence.objects.count() == 1


def test_an_unlisted_extension_is_refused(login, v5):
    before = snapshot(v5)
    response = post_report(login("congan"), v5, upload("cai-dat.exe", EXE))
    assert_refused(
        response, "Tệp «cai-dat.exe» không thuộc loại được nhận (PDF, DOC/DOCX, XLS/XLSX, JPG/PNG).", "files"
    )
    assert snapshot(v5) == before


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("ke-hoach.docx", office_zip("word/document.xml"), "docx"),
        ("so-lieu.xlsx", office_zip("xl/workbook.xml", "xl/worksheets/sheet1.xml"), "xlsx"),
        ("anh-tap-huan.png", PNG, "png"),
        ("hien-truong.jpg", JPG, "jpg"),
        ("hien-truong.JPEG", JPG, "jpg"),
        ("quyet-dinh.pdf", PDF, "pdf"),
    ],
)
def test_real_files_are_accepted_and_stored_under_a_random_name(login, v5, name, content, kind):
    response = post_report(login("congan"), v5, upload(name, content))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.kind, evidence.size) == (name, kind, len(content))
    assert evidence.report == ProgressReport.objects.get(task=v5)
    stored = media_files()
    assert stored == [evidence.file.name]
    assert stored[0].startswith("evidence/") and stored[0].endswith(f".{kind}") and name not in stored[0]
    with evidence.file.open("rb") as handle:
        assert handle.read() == content


def test_one_bad_file_among_good_ones_stores_none(login, v5):
    before = snapshot(v5)
    response = post_report(
        login("congan"), v5, upload("anh.png", PNG), upload("bien-ban.pdf", EXE), upload("qd.pdf", PDF)
    )
    assert_refused(response, "«bien-ban.pdf» không phải tệp PDF thật", "files")
    assert snapshot(v5) == before
    assert media_files() == []


def test_a_storage_failure_on_the_second_file_leaves_no_report(login, v5, monkeypatch):
    """The report, its evidence rows and the version bump go in one transaction."""
    real_save = FileSystemStorage._save
    calls = []

    def failing_save(storage, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", failing_save)
    before = snapshot(v5)
    with pytest.raises(OSError, match="No space left"):
        post_report(login("congan"), v5, upload("anh.png", PNG), upload("qd.pdf", PDF))
    assert len(calls) == 2
    after = snapshot(v5)
    assert {k: v for k, v in after.items() if k != "media"} == {k: v for k, v in before.items() if k != "media"}


def test_several_good_files_are_all_stored(login, v5):
    files = [upload("anh.png", PNG), upload("qd.pdf", PDF), upload("ke-hoach.docx", office_zip("word/document.xml"))]
    assert post_report(login("congan"), v5, *files).status_code == 302
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == ["anh.png", "ke-hoach.docx", "qd.pdf"]
    assert len(media_files()) == 3


# Download. IX.2 names only Phòng Tài nguyên và Môi trường: neither Công an nor Y tế sees it.


@pytest.fixture
def ix2_evidence(login):
    task = city_task("IX", "2")
    assert post_report(login("chqs"), task, upload("Biên bản kiểm tra.pdf", PDF)).status_code == 302
    return Evidence.objects.get(report__task=task)


def download_url(evidence, task_pk=None):
    return reverse("tasks:evidence", args=[task_pk or evidence.report.task_id, evidence.pk])


@pytest.mark.parametrize("username", ["congan", "yte"])
def test_another_agency_officer_gets_404(login, ix2_evidence, username):
    response = login(username).get(download_url(ix2_evidence))
    assert response.status_code == 404
    assert PDF not in response.content


def test_evidence_is_not_reachable_through_a_task_one_may_see(login, ix2_evidence, v5):
    response = login("congan").get(download_url(ix2_evidence, task_pk=v5.pk))
    assert response.status_code == 404


@pytest.mark.parametrize("username", ["lanhdao", "chqs", "admin"])
def test_leadership_and_staff_may_download(login, ix2_evidence, username):
    response = login(username).get(download_url(ix2_evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "Bi%C3%AAn%20b%E1%BA%A3n%20ki%E1%BB%83m%20tra.pdf" in disposition


def test_the_task_page_links_the_evidence(login, ix2_evidence):
    html = page(login("lanhdao").get(reverse("tasks:detail", args=[ix2_evidence.report.task_id])))
    assert download_url(ix2_evidence) in html and "Biên bản kiểm tra.pdf" in html
