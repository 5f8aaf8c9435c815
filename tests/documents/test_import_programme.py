"""The import_programme and export_programme commands against the database."""

import json

import pytest
from django.core.management.base import CommandError

from agencies.models import Agency
from tasks.models import Assignment, Objective, Phase, Programme, Section, Task
from tests.conftest import BAC_GIANG_SEED, CITY_SEED, run

pytestmark = pytest.mark.usefixtures("agency_directory")
MODELS = (Programme, Phase, Objective, Section, Task, Assignment, Agency)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_city_programme_is_stored_as_written():
    output = run("import_programme", str(CITY_SEED))
    assert "37 nhiệm vụ" in output
    programme = Programme.objects.get(number="04/CTr-UBND")
    assert (programme.issuer, programme.year, programme.signer_name) == (
        "UBND thành phố Thái Nguyên",
        2024,
        "Nguyễn Linh",
    )
    assert programme.coordinating_agency.name == "Ban Chỉ huy quân sự thành phố Thái Nguyên"
    assert programme.sections.count() == 10
    assert Task.objects.filter(section__programme=programme).count() == 37
    assert [p.objectives.count() for p in programme.phases.all()] == [9, 9, 0]

    task = Task.objects.get(section__programme=programme, section__numeral="II", number="1")
    assert (
        task.support_as_written == "Ban CHQS thành phố; Công an thành phố; Các phòng, ban, cơ quan, đơn vị, địa phương"
    )
    assert [a.name for a in task.support_agencies] == [
        "Ban Chỉ huy quân sự thành phố Thái Nguyên",
        "Công an thành phố Thái Nguyên",
        "Các phòng, ban, cơ quan, đơn vị, địa phương",
    ]
    fund = Task.objects.get(section__programme=programme, section__numeral="VIII", number="1")
    assert [a.name for a in fund.lead_agencies] == [
        "Ban Chỉ huy quân sự thành phố Thái Nguyên",
        "Công an thành phố Thái Nguyên",
    ]
    phase_two = Task.objects.get(section__programme=programme, section__numeral="II", number="2")
    assert (str(phase_two.due_on), list(phase_two.phases.values_list("number", flat=True))) == ("2030-12-31", [2])


def test_a_task_without_lead_agency_is_flagged_for_review():
    run("import_programme", str(CITY_SEED))
    flagged = Task.objects.needing_review()
    assert [(t.section.numeral, t.number) for t in flagged] == [("X", "2")]
    assert "không ghi cơ quan chủ trì" in flagged[0].review_note


def test_bac_giang_plan_is_stored():
    run("import_programme", str(BAC_GIANG_SEED))
    programme = Programme.objects.get(number="/KH-KHCN")
    assert (programme.sections.count(), Task.objects.filter(section__programme=programme).count()) == (2, 5)
    assert programme.issued_on is None and programme.issued_on_as_written == "ngày tháng 3 năm 2024"
    assert programme.coordinating_agency.name == "Văn phòng Sở Khoa học và Công nghệ tỉnh Bắc Giang"


def test_dry_run_writes_nothing_but_says_what_it_would_create():
    before = counts()
    output = run("import_programme", str(CITY_SEED), "--dry-run")
    assert "chạy thử" in output and "10 mục, 37 nhiệm vụ" in output
    assert counts() == before


def test_json_output_has_the_documented_form():
    data = json.loads(run("import_programme", str(CITY_SEED), "--dry-run", "--json"))
    assert {
        "number",
        "kind",
        "title",
        "issuer",
        "place",
        "issued_on",
        "signer",
        "legal_bases",
        "phases",
        "sections",
    } <= set(data)
    assert set(data["phases"][0]) == {"name", "label_as_written", "start", "end", "objectives"}
    first = data["sections"][0]["tasks"][0]
    assert set(first) == {
        "number",
        "content",
        "lead_as_written",
        "support_as_written",
        "lead",
        "support",
        "timeframe_as_written",
        "schedule",
        "deliverable",
        "extra_cells",
    }
    assert first["schedule"] == {
        "kind": "due_date",
        "due": "2025-03-31",
        "phases": [1],
        "recurrence": None,
        "conditional": None,
    }
    assert data["issued_on"] == "2024-12-31"
    assert Programme.objects.count() == 0


def test_importing_the_same_number_again_is_refused_unless_amending():
    run("import_programme", str(CITY_SEED))
    before = counts()
    with pytest.raises(CommandError, match="đã có trong hệ thống; .*--amend"):
        run("import_programme", str(CITY_SEED))
    assert counts() == before
    output = run("import_programme", str(CITY_SEED), "--amend")
    assert "Đã cập nhật" in output and "Không có gì thay đổi." in output
    assert counts() == before
    assert Programme.objects.count() == 1


def test_unknown_agencies_are_created_flagged_for_review(tmp_path):
    text = CITY_SEED.read_text(encoding="utf-8").replace(
        "Thành lập Quỹ phòng thủ dân sự\tPhòng Tài chính - Kế hoạch",
        "Thành lập Quỹ phòng thủ dân sự\tPhòng Nội vụ thành phố - Công an thành phố",
    )
    source = tmp_path / "amended.txt"
    source.write_text(text, encoding="utf-8")
    output = run("import_programme", str(source))
    assert "Cơ quan mới, cần rà soát: Phòng Nội vụ thành phố" in output
    created = Agency.objects.get(name="Phòng Nội vụ thành phố")
    assert created.needs_review
    task = Task.objects.get(section__numeral="VII", number="1")
    assert [a.name for a in task.lead_agencies] == ["Phòng Nội vụ thành phố", "Công an thành phố Thái Nguyên"]


def test_export_then_import_gives_the_same_json_back(tmp_path):
    run("import_programme", str(CITY_SEED))
    exported = run("export_programme", "04/CTr-UBND")
    assert json.loads(exported) == json.loads(run("import_programme", str(CITY_SEED), "--dry-run", "--json", "--amend"))
    dump = tmp_path / "04.json"
    dump.write_text(exported, encoding="utf-8")
    Programme.objects.all().delete()
    run("import_programme", str(dump))
    assert json.loads(run("export_programme", "04/CTr-UBND")) == json.loads(exported)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x01\x02binary", "nhị phân"),
        (b"", "Tệp rỗng"),
        ("Số: 1/KH\nHà Nội, ngày 01 tháng 02 năm 2025\n\nKẾ HOẠCH\nX\n\nkhông có bảng".encode(), "«TT»"),
        (b'{"number": "1/KH"', "JSON không hợp lệ"),
        (b'{"number": ' + b"[" * 100_000, "JSON lồng nhau quá nhiều tầng"),
        (b'{"number": "1/KH", "kind": "K", "title": "T", "year": 1e999}', "«year» phải là năm ban hành"),
        (b'{"number": "1/KH", "kind": "K", "title": "T", "year": -5}', "«year» phải là năm ban hành"),
        (b'{"number": "1/KH\\u0000", "kind": "K", "title": "T", "year": 2025}', "«number» có ký tự NUL"),
        (
            b'{"number": "1/KH", "kind": "K", "title": "T", "year": 2025, "sections": [{"numeral": "I", "title": "M", '
            b'"tasks": [{"number": "1", "content": 5}]}]}',
            "«content» phải là chuỗi văn bản",
        ),
        (
            b'{"number": "1/KH", "kind": "K", "title": "T", "year": 2025, "sections": [{"numeral": "I", "title": "M", '
            b'"tasks": [{"number": "1", "content": "C", "schedule": {"kind": "phase", "phases": ["a"]}}]}]}',
            "«phases»",
        ),
        (
            b'{"number": "1/KH", "kind": "K", "title": "T", "year": 2025, "phases": [{"name": "P1", '
            b'"start": "2030-01-01", "end": "2025-12-31"}]}',
            "kết thúc .* trước khi bắt đầu",
        ),
        (b'{"number": "1/KH"}', "JSON không đúng dạng"),
    ],
)
def test_malformed_files_give_one_clear_message_and_write_nothing(tmp_path, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    before = counts()
    with pytest.raises(CommandError, match=message):
        run("import_programme", str(source))
    assert counts() == before


def test_a_failure_half_way_leaves_nothing_behind(tmp_path):
    data = json.loads(run("import_programme", str(CITY_SEED), "--dry-run", "--json"))
    data["sections"][9]["tasks"][0]["schedule"]["phases"] = [7]  # a phase the programme does not have
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match="giai đoạn 7"):
        run("import_programme", str(source))
    assert counts() == before


def test_missing_file_and_unknown_number():
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run("import_programme", "/nonexistent/file.txt")
    with pytest.raises(CommandError, match="Không có chương trình số 99/KH"):
        run("export_programme", "99/KH")
