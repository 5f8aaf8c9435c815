"""A believable past for the demo accounts (`seed --demo-history`), so a first look shows work under way: reports
over the past quarters with evidence, a task done on time and graded, one done late, tasks overdue and in
progress, a supporting agency's contribution, recurring tasks with a quarter missed and quarters accepted, finished
work waiting for acceptance and work returned, the report's signer.

Dates count back from today (so the same day always writes the same), and a programme that already has reports
is left as it is (so a second run writes nothing).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from agencies.models import Profile

from . import access, roles
from .models import Evidence, Programme, ProgressReport, Task
from .periods import quarter_of
from .status import Acceptance, Grade, Progress

PROGRAMME = "04/CTr-UBND"
DEMO_PASSWORD = "ptds-demo"
IN_PROGRESS, DONE = Progress.IN_PROGRESS, Progress.DONE
# (task, who reports, days before today, status, percent, result, evidence file or "")
REPORTS = [
    ("I.1", "chqs", 200, IN_PROGRESS, 40, "Đã trình UBND thành phố dự thảo quyết định kiện toàn Ban Chỉ huy.", ""),
    ("I.1", "chqs", 45, IN_PROGRESS, 70, "Đang lấy ý kiến các thành viên; chờ UBND thành phố ký.", "Du-thao-QD.pdf"),
    ("V.5", "congan", 250, IN_PROGRESS, 30, "Đã giao Đội An ninh mạng xây dựng dự thảo kế hoạch.", ""),
    ("V.5", "yte", 180, IN_PROGRESS, 10, "Phòng Y tế góp ý phần bảo đảm y tế của dự thảo.", ""),
    ("V.5", "congan", 120, IN_PROGRESS, 60, "Đã lấy ý kiến các đơn vị; đang hoàn thiện dự thảo.", "Bien-ban-hop.pdf"),
    ("V.2", "chqs", 100, IN_PROGRESS, 25, "Đã thu thập số liệu, khảo sát địa bàn các phường.", ""),
    ("V.2", "chqs", 20, IN_PROGRESS, 50, "Đã xây dựng đề cương kế hoạch phòng thủ dân sự thành phố.", ""),
    ("VI.2", "congan", 60, IN_PROGRESS, 20, "Đang rà soát cơ sở dữ liệu dân cư phục vụ phòng thủ dân sự.", ""),
    ("VII.1", "chqs", 75, IN_PROGRESS, 40, "Đã trình dự thảo quy chế quản lý Quỹ phòng thủ dân sự.", ""),
    ("VI.2", "congan", 12, IN_PROGRESS, 90, "Đang bổ sung biên bản nghiệm thu theo ý kiến Ban CHQS.", ""),
]
# (task, who, status, how the completion falls against the deadline, result, evidence, document)
DONE_REPORTS = [
    ("V.6", "chqs", "on time", "Đã ban hành kế hoạch phòng thủ các cấp.", "Ke-hoach-phong-thu.pdf", "125/KH-BCH"),
    (
        "V.1",
        "chqs",
        "late",
        "Đã ban hành hướng dẫn xây dựng kế hoạch cho các xã, phường.",
        "Huong-dan.pdf",
        "46/HD-BCH",
    ),
]
# Finished work sent for acceptance: (task, who, days before today, result, evidence, command staff's reason for
# returning it, or "" while it waits). The returned one is then reported on again (REPORTS).
COMPLETIONS = [
    (
        "V.4",
        "congan",
        10,
        "Đã ban hành Kế hoạch bảo đảm an ninh, trật tự trong phòng thủ dân sự trên địa bàn thành phố.",
        "Ke-hoach-ANTT.pdf",
        "",
    ),
    (
        "VI.2",
        "congan",
        30,
        "Đã hoàn thành cơ sở dữ liệu dân cư phục vụ phòng thủ dân sự.",
        "",
        "Chưa kèm biên bản nghiệm thu cơ sở dữ liệu; đề nghị bổ sung minh chứng.",
    ),
]
# Recurring tasks reported quarter by quarter, back from the last full quarter; False: the quarter was missed.
QUARTERS = {
    "VIII.5": ("yte", [True, False, True, True]),
    "VIII.4": ("congan", [True, True]),
    "X.1": ("chqs", [False, True]),
}


@transaction.atomic
def write_history(today=None):
    """Write the demo history once; the number of reports written (0 when the programme already has some)."""
    today = today or timezone.localdate()
    programme = Programme.objects.filter(number=PROGRAMME).first()
    if programme is None or ProgressReport.objects.filter(task__section__programme=programme).exists():
        return 0
    tasks = {t.reference: t for t in Task.objects.current().filter(section__programme=programme).with_status()}
    people = {u.username: u for u in get_user_model().objects.filter(username__in=["chqs", "congan", "yte"])}
    written = [
        write_report(
            tasks[ref],
            people[who],
            today - datetime.timedelta(days=days),
            file,
            status=status,
            percent=percent,
            result=result,
        )
        for ref, who, days, status, percent, result, file in REPORTS
    ]
    for ref, who, timing, result, file, number in DONE_REPORTS:
        task = tasks[ref]
        shift = -15 if timing == "on time" else 40
        done_on = min(task.deadline + datetime.timedelta(days=shift), today - datetime.timedelta(days=5))
        report = write_report(
            task,
            people[who],
            done_on + datetime.timedelta(days=2),
            file,
            status=DONE,
            percent=100,
            result=result,
            completed_on=done_on,
            document_kind="Kế hoạch",
            document_number=number,
            document_date=done_on,
        )
        if timing == "on time":  # graded, as command staff do for the annual emulation
            report.grade = Grade.GOOD
            report.save(update_fields=["grade"])
        written.append(report)
    written += _quarterly_reports(tasks, people, today)
    written += _completions(tasks, people, today)
    return len(written)


def _quarterly_reports(tasks, people, today):
    """Recurring tasks' period reports; command staff accepted every quarter but the last, which waits."""
    written = []
    last_quarter = quarter_of(quarter_of(today).start - datetime.timedelta(days=1))
    for ref, (who, reported) in QUARTERS.items():
        period = last_quarter
        for done in reported:
            if done:
                result = f"Kết quả {period.label}: đã tổ chức thực hiện theo kế hoạch."
                day = period.end - datetime.timedelta(days=3)
                report = write_report(
                    tasks[ref], people[who], day, "", status=IN_PROGRESS, percent=100, result=result, period=period.key
                )
                if report.is_awaiting and period != last_quarter:
                    _decide(report, people["chqs"], day + datetime.timedelta(days=7), Acceptance.ACCEPTED, Grade.PASS)
                written.append(report)
            period = quarter_of(period.start - datetime.timedelta(days=1))
    return written


def _completions(tasks, people, today):
    """Finished work an agency sent for acceptance: one waits for command staff, one they returned."""
    written = []
    for ref, who, days, result, file, returned in COMPLETIONS:
        day = today - datetime.timedelta(days=days)
        report = write_report(
            tasks[ref], people[who], day, file, status=DONE, percent=100, result=result, completed_on=day
        )
        if returned:
            _decide(report, people["chqs"], day + datetime.timedelta(days=3), Acceptance.RETURNED, note=returned)
        written.append(report)
    return written


def _decide(report, user, day, acceptance, grade="", note=""):
    """Command staff's decision on a report, dated as it was made."""
    report.acceptance, report.grade, report.decision_note = acceptance, grade, note
    report.decided_by = user
    report.decided_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))
    report.save(update_fields=["acceptance", "grade", "decision_note", "decided_by", "decided_at"])


def demo_account(username, group, agency, full_name, password=DEMO_PASSWORD):
    """The demo account: made with its role, agency and name the first time; then left as it is, since a handover
    may have moved it to its agency's successor. Without a password it cannot log in (it only signs reports)."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.first_name = full_name  # Vietnamese names read family name first: keep them whole
        user.is_active = bool(password)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    user.groups.add(group)
    Profile.objects.get_or_create(user=user, defaults={"agency": agency})
    return user


def write_report(task, user, day, file, **fields):
    """One report as the user's form would write it (their agency, whether it sets the status), dated `day`."""
    report = ProgressReport(
        task=task,
        author=user,
        agency=roles.agency_of(user),
        reported_on=day,
        sets_status=access.reporting_role(user, task).sets_status,
        **fields,
    )
    report._history_user = user
    report._history_date = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    report.settle_acceptance(user if access.may_decide_completion(user, task) else None, report._history_date)
    report.save()
    if file:
        content = _pdf(fields["result"])
        Evidence.objects.create(
            report=report, file=ContentFile(content, name=file), original_name=file, kind="pdf", size=len(content)
        )
    return report


def _pdf(text):
    """A one-page PDF saying what it proves (the demo's evidence: small, made here, the same every run)."""
    words = text.encode("ascii", "ignore").decode() or "Minh chung"
    stream = f"BT /F1 12 Tf 72 760 Td (PTDS - minh chung mau: {words}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
