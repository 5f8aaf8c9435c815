"""Every spreadsheet the portal writes keeps what users typed as text: a task, a deliverable, an agency or a progress
result beginning with "=", "+", "-", "@", a tab or a carriage return (or the fullwidth "＝") is never a formula
when the file is opened, and reads back as written.

The files: the task list export (/tasks/export.xlsx), an officer's offline template (/my/template.xlsx) and the
periodic reports in Excel (/reports/produce/, format xlsx: a programme's, and a unit's consolidated one).
tasks.spreadsheet.cell writes every text cell: a text that Excel would take for a formula is stored as text with a
quote prefix.
"""

import io

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from reports.models import ProducedReport
from tasks.models import Programme, ProgressReport, Task
from tasks.periods import quarter_of
from tasks.spreadsheet import FORMULA_TRIGGERS
from tasks.status import Progress

from .conftest import rolled_back
from .strategies import formula_text

CITY = "04/CTr-UBND"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cells(content):
    """Every cell of every sheet of the workbook, as Excel would open it."""
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def downloaded(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    return b"".join(response.streaming_content) if response.streaming else response.content


def spreadsheets(personas, run_jobs):
    """{name: bytes} of each spreadsheet, as Ban CHQS and Công an download them."""
    files = {
        "export": downloaded(personas["chqs"].get(reverse("tasks:export"))),
        "template": downloaded(personas["congan"].get(reverse("tasks:my_template"))),
    }
    choice = {
        "programme": Programme.objects.get(number=CITY).pk,
        "period": quarter_of(timezone.localdate()).key,
        "cutoff_rule": "calendar",
        "format": "xlsx",
    }
    city = Programme.objects.get(number=CITY)
    consolidated = {**choice, "programme": "", "unit": city.unit_id}  # the city's, with a sheet for the city
    for name, asked in (("report", choice), ("unit report", consolidated)):
        response = personas["chqs"].post(reverse("reports:produce"), asked)
        assert response.status_code == 302, response.status_code
        run_jobs()
        report = ProducedReport.objects.latest("pk")
        assert report.state == ProducedReport.State.DONE, report.error
        files[name] = downloaded(personas["chqs"].get(reverse("reports:download", args=[report.pk])))
    return files


def written(value):
    """What the sheet can hold of a text: XML has no place for most control characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


# Stored through the ORM, so without NUL: every form refuses it (Django's ProhibitNullCharactersValidator) and
# PostgreSQL cannot hold it in text.
stored_text = formula_text().map(lambda value: value.replace("\x00", ""))


@given(texts=st.fixed_dictionaries({key: stored_text for key in ("content", "deliverable", "agency", "result")}))
@example(texts=dict.fromkeys(("content", "deliverable", "agency", "result"), '=HYPERLINK("http://evil.invalid","bấm")'))
@example(texts={"content": "\t=1+1", "deliverable": "\r@SUM(A1:A9)", "agency": "+Công an", "result": "-2+3"})
@example(texts={"content": "=\x01\x1b", "deliverable": "+\x0b", "agency": "@\x08", "result": "-\x1f"})
def test_text_that_looks_like_a_formula_stays_text_in_every_spreadsheet(personas, texts, run_jobs):
    with rolled_back():
        task = Task.objects.get(section__programme__number=CITY, section__numeral="V", number="5")  # Công an leads
        task.content, task.deliverable = texts["content"], texts["deliverable"]
        task.save()
        police = task.assignments.get(role="lead").agency
        police.name = police.short_name = texts["agency"]  # the report names agencies by their short name
        police.save()
        officer = get_user_model().objects.get(username="congan")
        ProgressReport.objects.create(
            task=task,
            agency=police,
            author=officer,
            status=Progress.IN_PROGRESS,
            percent=30,
            result=texts["result"],
            sets_status=True,
        )

        for name, content in spreadsheets(personas, run_jobs).items():
            found = cells(content)
            formulas = [
                f"{cell.parent.title}!{cell.coordinate}: {cell.value!r}" for cell in found if cell.data_type == "f"
            ]
            assert not formulas, f"{name}: {formulas}"
            values = [cell.value for cell in found if isinstance(cell.value, str)]
            assert written(texts["content"]) in values, name
            for cell in found:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    assert cell.quotePrefix, f"{name}!{cell.coordinate}: {cell.value!r} without its quote prefix"
            if name in ("export", "report", "unit report"):
                assert written(texts["deliverable"]) in values, name
            if name == "report":  # agencies are counted in the programme's report only, the others show the words
                assert written(texts["agency"]) in values
            if name in ("report", "unit report"):  # results are in the reports only
                assert any(written(texts["result"]).strip() in value for value in values)  # as the report trims it
