"""Whatever is typed, pasted, forged or uploaded into a page that takes input, the answer is never a server error, and
input that is refused writes nothing (see conftest.check).

Each test seeds the two programmes once; every example runs in a savepoint rolled back afterwards. A form's data is
its valid filling with a few fields left out or changed to plausible or junk values, and keys it does not expect, so
that examples land on both sides of every rule: saved, and refused with nothing written.
"""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from agencies.models import AdministrativeUnit, Agency
from reports.models import ProducedReport, ReportSetup
from tasks.documents.columns import ColumnRole
from tasks.documents.text import read_programme_text
from tasks.documents.timeframe import ScheduleKind
from tasks.models import ImportDraft, Notification, Phase, Programme, ProgressReport, Section, Task
from tasks.offline import headers
from tasks.periods import CutoffRule
from tasks.planning import create_child_programme, default_title
from tasks.status import Acceptance, Grade, Progress, Status
from tests.conftest import BAC_GIANG_SEED, CITY_SEED, run_queued_jobs
from tests.documents.test_office_import import build_docx, build_xlsx, seed_lines
from tests.views.conftest import assignment_payload

from .conftest import check, fingerprint, rolled_back
from .strategies import changed, form_data, numbers, odd_dates, pks, several, text, uploads, value, xml_text

# Sorting by any text makes django-tables2 warn about "." in column names; the answer is what is tested here.
pytestmark = pytest.mark.filterwarnings("ignore:Use '__' to separate path components:DeprecationWarning")

CITY = "04/CTr-UBND"
PASSWORD = "ptds-demo"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
PERIODS = st.sampled_from(["2025-Q4", "2026-Q1", "2025-H2", "2025-9M", "2025", "2025-03", "2025-01-01..2025-03-31"])


def city_task(numeral, number):
    return Task.objects.get(section__programme__number=CITY, section__numeral=numeral, number=number)


def attempt(send, success=(302,)):
    """One example: send the request in a savepoint, check it (conftest.check), undo its writes."""
    with rolled_back():
        before = fingerprint()
        response = send()
        event(f"answered {response.status_code}")  # --hypothesis-show-statistics: how many were saved, refused
        check(response, before, success)
    return response


# Lists and their filters


def task_filters():
    return dict(
        q=text,
        programme=pks(Programme),
        section=pks(Section),
        phase=pks(Phase),
        lead=pks(Agency),
        support=pks(Agency),
        status=st.sampled_from(Status.values),
        deadline=st.sampled_from(["overdue", "due_soon"]),
        schedule_kind=st.sampled_from([ScheduleKind.DUE_DATE, ScheduleKind.PHASE, ScheduleKind.ONGOING]),
        sort=st.sampled_from(["ref", "-ref", "content", "-deadline", "status", "percent", "lead", "-", ""]) | text,
        page=numbers,
        per_page=numbers,
    )


@given(data=st.data())
def test_the_task_list_and_its_export_answer_any_query(personas, data):
    username = data.draw(st.sampled_from(["chqs", "congan", "lanhdao", "admin"]), label="persona")
    url = data.draw(st.sampled_from([reverse("tasks:list"), reverse("tasks:export")]), label="url")
    params = data.draw(form_data(**task_filters()), label="query")
    attempt(lambda: personas[username].get(url, params), success=())


@given(data=st.data())
def test_the_dashboard_answers_any_query(personas, data):
    username = data.draw(st.sampled_from(["chqs", "yte", "lanhdao"]), label="persona")
    params = data.draw(form_data(programme=pks(Programme)), label="query")
    attempt(lambda: personas[username].get(reverse("reports:dashboard"), params), success=())


@given(data=st.data())
def test_the_notification_list_answers_any_query(personas, data):
    username = data.draw(st.sampled_from(["chqs", "congan", "lanhdao", "admin"]), label="persona")
    params = data.draw(
        form_data(kind=st.sampled_from(Notification.Kind.values) | text, unread=text, page=numbers), label="query"
    )
    attempt(lambda: personas[username].get(reverse("tasks:notifications"), params), success=())


@given(data=st.data())
def test_the_notification_settings_take_any_post(personas, data):
    username = data.draw(st.sampled_from(["chqs", "congan", "lanhdao"]), label="persona")
    kinds = st.lists(st.sampled_from(Notification.Kind.values) | text, max_size=4)
    post = data.draw(form_data(email_kinds=kinds), label="post")
    attempt(lambda: personas[username].post(reverse("tasks:notification_settings"), post), success=(302,))


# A task's forms


@pytest.fixture
def child_task(seeded):
    """V.5 copied into a subordinate plan of the city that Ban CHQS also coordinates: its assignment form has the
    parent task field."""
    city = Programme.objects.get(number=CITY)
    child = create_child_programme(
        city,
        [city_task("V", "5")],
        kind="Kế hoạch",
        number="15/KH-UBND",
        title=default_title(city),
        issuer="UBND",
        year=2025,
        coordinating_agency=city.coordinating_agency,
        user=get_user_model().objects.get(username="chqs"),
    )
    return Task.objects.get(section__programme=child)


@given(data=st.data())
def test_the_assignment_form_takes_any_post(personas, child_task, data):
    username = data.draw(st.sampled_from(["chqs", "admin", "congan", "lanhdao"]), label="persona")
    task = data.draw(st.sampled_from([city_task("V", "5"), child_task]), label="task")
    fields = dict(
        version=st.just(task.version) | numbers,
        lead=several(pks(Agency)),
        support=several(pks(Agency)),
        due_override=odd_dates,
        due_override_reason=text,
        responsible_officer=pks(get_user_model()),
        parent_task=pks(Task),
    )
    valid = assignment_payload(task, due_override="2026-06-30", due_override_reason="Ban CHQS điều chỉnh")
    payload = data.draw(form_data(valid, **fields), label="post")
    attempt(lambda: personas[username].post(reverse("tasks:assign", args=[task.pk]), payload))


@given(data=st.data())
def test_the_progress_form_takes_any_post_and_any_attachment(personas, data):
    # V.5 is led by Công an; Phòng Y tế supports it through a group; VIII.4 is reported on every quarter.
    targets = {
        "chqs": [city_task("V", "5"), city_task("VIII", "4")],
        "congan": [city_task("V", "5")],
        "yte": [city_task("V", "5")],
        "lanhdao": [city_task("V", "5")],
    }
    username = data.draw(st.sampled_from(sorted(targets)), label="persona")
    task = data.draw(st.sampled_from(targets[username]), label="task")
    fields = dict(
        version=st.just(task.version) | numbers,
        status=st.sampled_from(Progress.values),
        percent=numbers,
        result=text,
        completed_on=odd_dates,
        period=PERIODS,
        document_kind=text,
        document_number=text,
        document_date=odd_dates,
        files=several(uploads(("bien-ban.pdf", PDF), ("anh.png", PNG))),
    )
    valid = {"version": task.version, "status": Progress.IN_PROGRESS, "percent": 40, "result": "Đã triển khai"}
    if task.is_recurring:
        valid["period"] = "2025-Q4"
    payload = data.draw(form_data(valid, **fields), label="post")
    attempt(lambda: personas[username].post(reverse("tasks:progress", args=[task.pk]), payload))


@pytest.fixture
def done_report(seeded):
    """Công an's report that V.5 is done, waiting for Ban CHQS to accept or return it."""
    task = city_task("V", "5")
    author = get_user_model().objects.get(username="congan")
    return ProgressReport.objects.create(
        task=task,
        agency=author.profile.agency,
        author=author,
        status=Progress.DONE,
        percent=100,
        result="Xong",
        completed_on=task.section.programme.issued_on,
        sets_status=True,
        acceptance=Acceptance.AWAITING,
    )


@given(data=st.data())
def test_deciding_on_finished_work_takes_any_post(personas, done_report, data):
    task = done_report.task
    username = data.draw(st.sampled_from(["admin", "chqs", "congan", "lanhdao"]), label="persona")
    report = data.draw(st.sampled_from([done_report.pk, 0, 10**19]), label="report")
    fields = dict(decision=st.sampled_from(Acceptance.values) | text, grade=st.sampled_from(Grade.values) | text)
    payload = data.draw(form_data({"decision": Acceptance.ACCEPTED, "note": "Đạt"}, note=text, **fields), label="post")
    prefixed = {f"done{done_report.pk}-{name}": value for name, value in payload.items()}
    url = reverse("tasks:completion_decide", args=[task.pk, report])
    attempt(lambda: personas[username].post(url, prefixed))


@given(data=st.data())
def test_sending_finished_work_takes_any_post_and_any_attachment(personas, data):
    task = city_task("V", "5")
    username = data.draw(st.sampled_from(["admin", "chqs", "congan", "lanhdao", "yte"]), label="persona")
    fields = dict(result=text, completed_on=odd_dates, files=uploads(("bien-ban.pdf", PDF)))
    valid = {"version": task.version, "result": "Đã ban hành kế hoạch.", "completed_on": "2025-12-20"}
    payload = data.draw(form_data(valid, version=numbers, **fields), label="post")
    attempt(lambda: personas[username].post(reverse("tasks:completion", args=[task.pk]), payload))


@given(data=st.data())
def test_the_subordinate_plan_form_takes_any_post(personas, data):
    city = Programme.objects.get(number=CITY)
    fields = dict(
        kind=text,
        number=text,
        title=text,
        issuer=text,
        year=numbers,
        coordinating_agency=pks(Agency),
        tasks=several(pks(Task, section__programme=city)),
    )
    valid = {
        "kind": "Kế hoạch",
        "number": "15/KH-UBND",
        "title": default_title(city),
        "issuer": "UBND phường Túc Duyên",
        "year": 2025,
        "coordinating_agency": city.coordinating_agency_id,
        "tasks": [city_task("V", "5").pk],
    }
    username = data.draw(st.sampled_from(["chqs", "admin", "congan"]), label="persona")
    payload = data.draw(form_data(valid, **fields), label="post")
    attempt(lambda: personas[username].post(reverse("tasks:child_programme", args=[city.pk]), payload))


# The import of a programme


def seed_files():
    """The Bắc Giang plan in each format the import reads: real files for the uploads to damage."""
    lines = seed_lines(BAC_GIANG_SEED)
    exported = json.dumps(read_programme_text("\n".join(lines)).to_dict(), ensure_ascii=False)
    return [
        ("ke-hoach.docx", build_docx(lines)),
        ("ke-hoach.xlsx", build_xlsx(lines)),
        ("ke-hoach.txt", BAC_GIANG_SEED.read_bytes()),
        ("ke-hoach.json", exported.encode()),
    ]


SEED_FILES = seed_files()  # read once: the files do not depend on the database


@given(data=st.data())
def test_the_programme_upload_takes_any_file(personas, data):
    username = data.draw(st.sampled_from(["chqs", "admin", "yte"]), label="persona")
    name, content = data.draw(st.sampled_from(SEED_FILES), label="file")
    valid = {"file": SimpleUploadedFile(name, content)}
    payload = data.draw(form_data(valid, file=uploads(*SEED_FILES)), label="post")
    attempt(lambda: personas[username].post(reverse("tasks:import"), payload))
    run_queued_jobs()  # the worker reads what was accepted: read, or refused with the reader's message
    unexpected = DBTaskResult.objects.filter(Q(status="FAILED") | Q(return_value="retried"))
    assert not unexpected.exists(), unexpected.first().traceback


@pytest.fixture
def drafts(personas):
    """Drafts uploaded by Ban CHQS: a new plan naming an agency the directory does not know, and a new version of
    the city programme; each with the digest of the changes its page shows."""

    def upload(lines, name):
        response = personas["chqs"].post(reverse("tasks:import"), {"file": SimpleUploadedFile(name, build_xlsx(lines))})
        assert response.status_code == 302, response.status_code
        run_queued_jobs()
        draft = ImportDraft.objects.latest("pk")
        amendment = personas["chqs"].get(reverse("tasks:import_review", args=[draft.pk])).context["amendment"]
        return draft, amendment.digest() if amendment else ""

    new_plan = [
        line.replace("/KH-KHCN", "15/KH-KHCN").replace("Thanh tra Sở", "Thanh tra Sở KH&CN")
        for line in seed_lines(BAC_GIANG_SEED)
    ]
    amended = [line.replace("Công an thành phố", "Công an TP") for line in seed_lines(CITY_SEED)]
    return [upload(new_plan, "ke-hoach.xlsx"), upload(amended, "chuong-trinh.xlsx")]


@given(data=st.data())
def test_the_import_review_takes_any_post(personas, drafts, data):
    draft, digest = data.draw(st.sampled_from(drafts), label="draft")
    fields = {f"agency_{i}": pks(Agency) | st.just("new") for i in range(3)}
    fields.update({"parent-parent": pks(Programme), "digest": text})
    valid = {"agency_0": "new", "digest": digest}
    payload = data.draw(form_data(valid, **fields), label="post")
    username = data.draw(st.sampled_from(["chqs", "chqs", "admin"]), label="persona")
    attempt(lambda: saved(personas[username], reverse("tasks:import_review", args=[draft.pk]), payload))


def saved(client, url, payload):
    """The confirmation, and the worker's saving when the request queued it: it saves, or refuses saying why (the
    draft's page then shows it), and never fails."""
    response = client.post(url, payload)
    if response.status_code == 302:
        run_queued_jobs()
        unexpected = DBTaskResult.objects.filter(Q(status="FAILED") | Q(return_value="retried"))
        assert not unexpected.exists(), unexpected.first().traceback
    return response


@given(data=st.data())
def test_the_column_mapping_step_takes_any_post(personas, drafts, data):
    draft, _digest = data.draw(st.sampled_from(drafts), label="draft")
    roles = st.sampled_from(ColumnRole.values) | text
    valid = {f"column_{i}": role for i, (_header, role) in enumerate(draft.columns)}
    payload = data.draw(form_data(valid, **{key: roles for key in valid}), label="post")
    username = data.draw(st.sampled_from(["chqs", "chqs", "admin"]), label="persona")
    attempt(lambda: personas[username].post(reverse("tasks:import_columns", args=[draft.pk]), payload))


@given(data=st.data())
def test_the_header_correction_takes_any_post(personas, drafts, data):
    draft, _digest = data.draw(st.sampled_from(drafts), label="draft")
    document = draft.document
    valid = {
        "header-number": document["number"],
        "header-kind": document["kind"],
        "header-title": document["title"],
        "header-year": document["year"],
        "header-issued_on": document["issued_on"] or "",
    }
    fields = {
        "header-number": text,
        "header-kind": text,
        "header-title": text,
        "header-issuer": text,
        "header-place": text,
        "header-year": numbers | text,
        "header-issued_on": odd_dates | text,
        "header-signer_name": text,
        "header-coordinating_agency": st.sampled_from(list(Agency.objects.values_list("name", flat=True))) | text,
    }
    payload = data.draw(form_data(valid, **fields), label="post")
    username = data.draw(st.sampled_from(["chqs", "chqs", "admin"]), label="persona")
    attempt(lambda: personas[username].post(reverse("tasks:import_header", args=[draft.pk]), payload))


@given(data=st.data())
def test_the_agency_split_correction_takes_any_post(personas, drafts, data):
    draft, _digest = data.draw(st.sampled_from(drafts), label="draft")
    form = personas["chqs"].get(reverse("tasks:import_review", args=[draft.pk])).context["split_form"]
    valid = {f"split-{name}": form[name].initial for name in form.fields}
    names = st.lists(text, max_size=4).map("\n".join) | st.sampled_from(list(valid.values()) or [""])
    payload = data.draw(form_data(valid, **{key: names for key in valid}), label="post")
    username = data.draw(st.sampled_from(["chqs", "chqs", "admin"]), label="persona")
    attempt(lambda: personas[username].post(reverse("tasks:import_agencies", args=[draft.pk]), payload))


# Progress reported offline: the «my tasks» sheet, filled and uploaded


@pytest.fixture
def template(personas):
    """The sheet of Công an's tasks, as downloaded from «Việc của tôi»."""
    response = personas["congan"].get(reverse("tasks:my_template"))
    assert response.status_code == 200, response.status_code
    return response.content


def filled(template, rows):
    """The template with {sheet row: {field: value}} written into those rows (the id column is "task")."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.active
    column = {key: index for index, key in enumerate(headers(), 1)}
    for row, values in rows.items():
        for key, cell_value in values.items():
            sheet.cell(row, column[key], cell_value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_cells():
    """What an officer may type into each column of the sheet (dates as Excel can hold them: from 1900)."""
    days = st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 12, 31))
    return dict(
        task=pks(Task) | xml_text,
        result=xml_text,
        document_kind=xml_text,
        document_number=xml_text,
        status=st.sampled_from([str(label) for label in Progress.labels] + Progress.values) | xml_text,
        percent=st.integers(min_value=-5, max_value=150) | st.floats(allow_nan=False, allow_infinity=False) | xml_text,
        completed_on=days | xml_text,
        document_date=days | xml_text,
        period=PERIODS | xml_text,
    )


REPORTED = {"status": "Đang thực hiện", "percent": 50, "result": "Đã triển khai"}  # a row as an officer fills it


@given(data=st.data())
def test_the_progress_sheet_upload_takes_any_file(personas, template, data):
    username = data.draw(st.sampled_from(["congan", "congan", "yte", "chqs"]), label="persona")
    sheet = filled(template, {4: REPORTED})
    valid = {"file": SimpleUploadedFile("bao-cao.xlsx", sheet)}
    payload = data.draw(form_data(valid, file=uploads(("bao-cao.xlsx", sheet))), label="post")
    attempt(lambda: personas[username].post(reverse("tasks:my_upload"), payload))


@given(data=st.data())
def test_a_filled_sheet_is_reviewed_and_saved_whole_or_not_at_all(personas, template, data):
    last = load_workbook(io.BytesIO(template)).active.max_row
    row = changed(REPORTED, sheet_cells(), junk=xml_text)
    rows = data.draw(st.dictionaries(st.integers(min_value=4, max_value=last + 2), row, max_size=4), label="rows")
    upload = SimpleUploadedFile("bao-cao.xlsx", filled(template, rows))
    officer = personas["congan"]
    with rolled_back():
        before = fingerprint()
        response = officer.post(reverse("tasks:my_upload"), {"file": upload})
        event(f"upload answered {response.status_code}")
        check(response, before)
        if response.status_code == 302:  # a draft: reviewed, then confirmed
            review, before = response["Location"], fingerprint()
            check(officer.get(review), before, success=())
            response = officer.post(review)
            event(f"confirmation answered {response.status_code}")
            check(response, before)


# Periodic reports


def report_fields():
    return dict(
        programme=pks(Programme),
        unit=pks(AdministrativeUnit),
        appendix=st.sampled_from(ProducedReport.Appendix.values) | text,
        period=PERIODS | text,
        agency=pks(Agency),
        section=pks(Section),
        cutoff_rule=st.sampled_from([CutoffRule.CALENDAR, CutoffRule.DECREE_09]),
        number=text,
        report_date=odd_dates,
        proposals=text,
        with_scores=st.sampled_from(["on", ""]) | text,
        with_directives=st.sampled_from(["on", ""]) | text,
        format=st.sampled_from(["pdf", "xlsx"]) | text,
    )


def report_choice():
    return {"programme": Programme.objects.get(number=CITY).pk, "period": "2025-Q4", "cutoff_rule": "calendar"}


@given(data=st.data())
def test_the_report_page_answers_any_query(personas, data):
    username = data.draw(st.sampled_from(["chqs", "congan", "lanhdao"]), label="persona")
    params = data.draw(form_data(report_choice(), **report_fields()), label="query")
    attempt(lambda: personas[username].get(reverse("reports:index"), params), success=())


@given(data=st.data())
def test_producing_a_report_takes_any_post_and_never_fails_on_what_was_typed(personas, data, run_jobs):
    username = data.draw(st.sampled_from(["chqs", "congan", "lanhdao"]), label="persona")
    payload = data.draw(form_data({**report_choice(), "format": "xlsx"}, **report_fields()), label="post")

    def send():
        response = personas[username].post(reverse("reports:produce"), payload)
        if response.status_code == 302:  # made by the worker from whatever was typed, never "failed"
            run_jobs()
            report = ProducedReport.objects.latest("pk")
            assert report.state == ProducedReport.State.DONE, report.error
        return response

    attempt(send)


@given(data=st.data())
def test_the_consolidated_pages_answer_any_query(personas, data):
    username = data.draw(st.sampled_from(["chqs", "congan", "lanhdao", "admin"]), label="persona")
    unit = data.draw(pks(AdministrativeUnit), label="unit")
    params = data.draw(form_data({"period": "2025-Q4"}, period=PERIODS | text, unit=pks(AdministrativeUnit) | text))
    attempt(lambda: personas[username].get(reverse("reports:units"), params), success=(302,))
    if unit >= 0:  # no address is routed to a negative one
        attempt(lambda: personas[username].get(reverse("reports:unit", args=[unit]), params), success=())


@given(data=st.data())
def test_the_report_setup_form_takes_any_post(personas, data):
    city = Programme.objects.get(number=CITY)
    setup = ReportSetup.for_programme(city)
    fields = [
        "parent_body",
        "issuing_body",
        "number_suffix",
        "place",
        "signer_authority",
        "signer_title",
        "signer_name",
        "recipients",
    ]
    username = data.draw(st.sampled_from(["chqs", "admin", "lanhdao"]), label="persona")
    payload = data.draw(form_data({name: getattr(setup, name) for name in fields}, **dict.fromkeys(fields, text)))
    attempt(lambda: personas[username].post(reverse("reports:setup", args=[city.pk]), payload))


# Signing in


@given(data=st.data())
def test_the_login_form_takes_any_post(personas, data):
    payload = data.draw(form_data({"username": "chqs", "password": PASSWORD}, next=value), label="post")
    with rolled_back():
        response = personas["anonymous"].post(reverse("login"), payload)
        assert response.status_code < 500
