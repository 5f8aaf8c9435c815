"""Columns are found by their meaning, whatever words and order a plan uses; every other column is kept as written."""

import pytest

from tasks.documents.text import read_programme_text
from tests.conftest import BAC_GIANG_SEED

HEADER = "TT\tNội dung nhiệm vụ\tPhòng, đơn vị chủ trì\tPhòng, đơn vị phối hợp\tThời gian thực hiện"


def seed_text():
    text = BAC_GIANG_SEED.read_text(encoding="utf-8")
    assert HEADER in text
    return text


def with_columns(header_cells, extra_header=(), extra_values=None):
    """The Bắc Giang seed with its header written as `header_cells` and more columns on the right; task row I.1
    gets `extra_values` in them."""
    lines = seed_text().split("\n")
    start = next(i for i, line in enumerate(lines) if line == HEADER)
    width = 5 + len(extra_header)
    out = []
    for index, line in enumerate(lines):
        if index == start:
            line = "\t".join(["TT", *header_cells, *extra_header])
        elif index > start and "\t" in line:
            cells = line.split("\t")
            cells += [""] * (5 - len(cells))
            if cells[0] == "1" and extra_values:
                cells += list(extra_values)
                extra_values = None
            line = "\t".join(cells + [""] * (width - len(cells)))
        out.append(line)
    return "\n".join(out)


def rows(doc):
    return [
        (s.numeral, t.number, t.content, t.lead_as_written, t.support_as_written, t.timeframe_as_written)
        for s in doc.sections
        for t in s.tasks
    ]


@pytest.mark.parametrize(
    "header",
    [
        ("Tên nhiệm vụ", "Chủ trì", "Phối hợp", "Tiến độ"),
        ("Nhiệm vụ, giải pháp", "Cơ quan thực hiện", "Cơ quan phối hợp", "Thời hạn hoàn thành"),
        ("Nội dung công việc", "Đơn vị thực hiện", "Đơn vị phối hợp", "Năm hoàn thành"),
        ("Nội dung thực hiện", "Cơ quan chủ trì", "Phối hợp", "Thời gian triển khai"),
        ("Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"),
        ("Tên nhiệm vụ/dự án", "Cơ quan chủ trì thực hiện nhiệm vụ", "Phối hợp", "Thời hạn"),
    ],
)
def test_header_variants_read_the_same_cells(header):
    expected = rows(read_programme_text(seed_text()))
    assert rows(read_programme_text(with_columns(header))) == expected


@pytest.mark.parametrize("deliverable", ["Sản phẩm", "Sản phẩm dự kiến", "Kết quả dự kiến", "Hình thức văn bản"])
def test_deliverable_variants_and_other_columns_kept_as_written(deliverable):
    text = with_columns(
        ("Nội dung nhiệm vụ", "Phòng, đơn vị chủ trì", "Phòng, đơn vị phối hợp", "Thời gian thực hiện"),
        extra_header=(deliverable, "Kinh phí", "Ghi chú"),
        extra_values=("Báo cáo rà soát", "50 triệu đồng", "Ngân sách tỉnh"),
    )
    doc = read_programme_text(text)
    first = doc.sections[0].tasks[0]
    assert first.deliverable == "Báo cáo rà soát"
    assert first.extra_cells == [["Kinh phí", "50 triệu đồng"], ["Ghi chú", "Ngân sách tỉnh"]]
    assert all(t.extra_cells == [] for s in doc.sections for t in s.tasks if t is not first)
    # Nothing else moved.
    assert rows(doc) == rows(read_programme_text(seed_text()))


def test_other_columns_survive_the_json_form_and_storing_and_are_shown(db, agency_directory, admin_client):
    from tasks.documents.data import ProgrammeDoc
    from tasks.documents.store import programme_to_doc, save_programme

    text = with_columns(
        ("Nội dung nhiệm vụ", "Phòng, đơn vị chủ trì", "Phòng, đơn vị phối hợp", "Thời gian thực hiện"),
        extra_header=("Ghi chú",),
        extra_values=("Ưu tiên",),
    )
    doc = ProgrammeDoc.from_dict(read_programme_text(text).to_dict())
    programme, _new = save_programme(doc)
    task = programme.sections.get(numeral="I").tasks.get(number="1")
    assert task.extra_cells == [["Ghi chú", "Ưu tiên"]]
    assert programme_to_doc(programme).sections[0].tasks[0].extra_cells == [["Ghi chú", "Ưu tiên"]]
    page = admin_client.get(task.get_absolute_url()).content.decode()
    assert '<dt class="col-sm-4">Ghi chú</dt>' in " ".join(page.split())
    assert "Ưu tiên" in page
