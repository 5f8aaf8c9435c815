"""tasks.documents.amendment: which rows are the same task, and the command line's --amend."""

import json

import pytest

from tasks.documents.amendment import compare
from tasks.models import Programme, ProgressReport, Task
from tests.conftest import run
from tests.views.conftest import CITY, report, task
from tests.views.test_import_amendment import amended_city


def city_doc():
    from tasks.documents.data import ProgrammeDoc

    return ProgrammeDoc.from_dict(json.loads(amended_city()))


def test_a_row_reworded_in_the_same_place_is_a_new_task_not_the_old_one(seeded):
    doc = city_doc()
    doc.sections[2].tasks[0].content = "Tổ chức diễn tập phòng thủ dân sự cấp thành phố năm 2027."
    amendment = compare(Programme.objects.get(number=CITY), doc)
    old = task(CITY, "III", "1")
    assert old in amendment.removed
    assert ("III", doc.sections[2].tasks[0]) in amendment.added


def test_a_row_lightly_edited_in_the_same_place_is_the_same_task(seeded):
    doc = city_doc()
    row = doc.sections[2].tasks[1]
    row.content = row.content.rstrip(".") + " trên địa bàn."
    amendment = compare(Programme.objects.get(number=CITY), doc)
    change = next(c for c in amendment.kept if c.task == task(CITY, "III", "2"))
    assert [cell.label for cell in change.cells] == ["Nội dung nhiệm vụ"]


def test_the_command_shows_the_changes_and_a_dry_run_writes_nothing(seeded, tmp_path):
    path = tmp_path / "04-sua-doi.json"
    path.write_bytes(amended_city())
    report(task(CITY, "I", "2"))
    before = (Task.objects.current().count(), ProgressReport.objects.count())
    output = run("import_programme", str(path), "--amend", "--dry-run")
    assert "Sẽ cập nhật (chạy thử, không ghi gì)" in output
    assert "Lưu trữ (đã có báo cáo) I.2" in output and "Bỏ II.2" in output
    assert "Thêm nhiệm vụ I.6" in output
    assert (Task.objects.current().count(), ProgressReport.objects.count()) == before
    output = run("import_programme", str(path), "--amend")
    assert "Đã cập nhật" in output
    assert Task.objects.current().count() == before[0] - 1  # two dropped (one archived), one added
    assert Task.objects.filter(archived_at__isnull=False).count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_amendment_that_breaks_halfway_leaves_the_programme_as_it_was(seeded, tmp_path):
    doc = city_doc()
    doc.sections[0].tasks[0].schedule = None
    data = doc.to_dict()
    data["sections"][0]["tasks"][0]["schedule"] = {"kind": "phase", "phases": [9]}  # no phase 9
    path = tmp_path / "hong.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = sorted(Task.objects.values_list("pk", "number", "deliverable", "archived_at"))
    with pytest.raises(Exception, match="giai đoạn 9"):
        run("import_programme", str(path), "--amend")
    assert sorted(Task.objects.values_list("pk", "number", "deliverable", "archived_at")) == before
