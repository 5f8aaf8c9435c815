"""Load test of the portal: agency officers reading and reporting, command staff browsing, leadership reading.

bench/load.py runs it headless against gunicorn; by hand: `locust -f bench/locustfile.py --host http://127.0.0.1:8011`.
Every simulated user logs in once through the login form (with its CSRF token), as its own account where there are
enough: the usernames come from PTDS_LOAD_OFFICERS, PTDS_LOAD_STAFF and PTDS_LOAD_LEADERS (comma-separated; load.py
reads them from the database), the password from PTDS_LOAD_PASSWORD; by default the seed's demo accounts.
Requests are named by page, not by id ("/tasks/[id]/"), so the figures add up per endpoint.
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("PTDS_LOAD_PASSWORD", "ptds-demo")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TASK_LINK = re.compile(r'href="/tasks/(\d+)/"')
STALE = "vừa được người khác cập nhật"  # tasks/forms/base.py STALE, the version check's message
SEARCHES = ["phong thu", "dien tap", "so tan", "thien tai", "tuyen truyen", "cuu nan", "ke hoach"]
STATUSES = ["done_on_time", "in_progress_overdue", "not_started_overdue", "in_progress_on_time", "ongoing"]
RESULTS = [
    "Đã tổ chức họp triển khai, phân công cán bộ theo dõi.",
    "Đã hoàn thành dự thảo, đang lấy ý kiến các cơ quan phối hợp.",
    "Đã tập huấn cho lực lượng tại chỗ; tiếp tục rà soát phương án.",
]


def accounts(variable, default):
    """The next account of a role, in turn."""
    return itertools.cycle([name for name in os.environ.get(variable, default).split(",") if name])


def options(html, name):
    """The non-empty values of a select named so."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="([^"]+)"', select.group(1)) if select else []


def selected(html, name):
    """The chosen value of a select named so, or None."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    chosen = select and re.search(r'<option value="([^"]+)"[^>]*\bselected\b', select.group(1))
    return chosen.group(1) if chosen else None


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)  # a person reading the page before the next click
    accounts = None

    def on_start(self):
        self.username = next(self.accounts)
        token = TOKEN.search(self.client.get("/accounts/login/").text).group(1)
        with self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="/accounts/login/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:  # the form again: refused or throttled
                response.failure(f"{self.username} could not log in ({response.status_code})")
                raise RuntimeError(f"{self.username} could not log in")


class Officer(PortalUser):
    """An agency officer: their tasks, a task's page, and now and then a progress report on one of them."""

    weight = 6
    accounts = accounts("PTDS_LOAD_OFFICERS", "congan,yte")

    def on_start(self):
        super().on_start()
        self.task_ids = []
        self.my_tasks()

    @task(3)
    def my_tasks(self):
        self.task_ids = TASK_LINK.findall(self.client.get("/my/").text) or self.task_ids

    @task(4)
    def task_page(self):
        if self.task_ids:
            self.client.get(f"/tasks/{random.choice(self.task_ids)}/", name="/tasks/[id]/")

    @task(1)
    def report(self):
        if not self.task_ids:
            return
        url = f"/tasks/{random.choice(self.task_ids)}/progress/"
        form = self.client.get(url, name="/tasks/[id]/progress/").text
        data = {
            "csrfmiddlewaretoken": TOKEN.search(form).group(1),
            "version": re.search(r'name="version" value="(\d+)"', form).group(1),
            "status": "in_progress",
            "percent": random.choice([20, 40, 60, 80]),
            "result": random.choice(RESULTS),
        }
        period = selected(form, "period")
        if period:  # ongoing and recurring tasks are reported per period (the current quarter offered first)
            data["period"] = period
        with self.client.post(
            url, data, name="/tasks/[id]/progress/ (POST)", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 400 and STALE in response.text:
                # Another officer of the agency saved the task since this one opened the form: the version check
                # refuses the second save and says so, the portal working as meant. Counted on a line of its own.
                response.success()
                self.environment.events.request.fire(
                    request_type="POST",
                    name="/tasks/[id]/progress/ (POST): refused, saved by another meanwhile",
                    response_time=response.elapsed.total_seconds() * 1000,
                    response_length=0,
                    exception=None,
                    context={},
                )
            elif response.status_code != 302:  # 400: any other form error is a failure
                response.failure(f"report not saved ({response.status_code})")


class CommandStaff(PortalUser):
    """Ban CHQS: the task list page after page and filtered, task pages, the dashboard."""

    weight = 3
    accounts = accounts("PTDS_LOAD_STAFF", "chqs")

    def on_start(self):
        super().on_start()
        html = self.client.get("/tasks/").text
        self.programmes, self.agencies = options(html, "programme"), options(html, "lead")
        self.task_ids = TASK_LINK.findall(html)

    @task(3)
    def list_page(self):
        html = self.client.get(f"/tasks/?page={random.randint(1, 10)}", name="/tasks/?page=[n]").text
        self.task_ids = TASK_LINK.findall(html) or self.task_ids

    @task(3)
    def filtered_list(self):
        query = random.choice(
            [
                f"programme={random.choice(self.programmes)}",
                f"lead={random.choice(self.agencies)}",
                f"status={random.choice(STATUSES)}",
                "deadline=overdue",
                "deadline=due_soon&sort=deadline",
                f"q={random.choice(SEARCHES).replace(' ', '+')}",
            ]
        )
        html = self.client.get(f"/tasks/?{query}", name="/tasks/?[filter]").text
        self.task_ids = TASK_LINK.findall(html) or self.task_ids

    @task(3)
    def task_page(self):
        if self.task_ids:
            self.client.get(f"/tasks/{random.choice(self.task_ids)}/", name="/tasks/[id]/")

    @task(1)
    def dashboard(self):
        self.client.get("/")


class Leadership(PortalUser):
    """Lãnh đạo: the dashboard of one programme or another, the reports page and a report's preview."""

    weight = 1
    accounts = accounts("PTDS_LOAD_LEADERS", "lanhdao")

    def on_start(self):
        super().on_start()
        self.programmes = options(self.client.get("/").text, "programme")

    @task(3)
    def dashboard(self):
        self.client.get(f"/?programme={random.choice(self.programmes)}", name="/?programme=[id]")

    @task(1)
    def reports(self):
        self.client.get("/reports/")

    @task(2)
    def own_unit(self):
        """The consolidated page of the leader's unit, and a unit below it (leadership of no unit: none)."""
        page = self.client.get("/units/", name="/units/ → /units/[id]/")
        units = re.findall(r'href="/units/(\d+)/', page.text)
        if units:
            self.client.get(f"/units/{random.choice(units)}/", name="/units/[id]/")

    @task(1)
    def report_file(self):
        """Ask for a report file; the worker makes it while the page waits (a refusal when the person already has
        PTDS_JOBS_PER_USER reports waiting is the portal working as meant, not an error)."""
        token = TOKEN.search(self.client.get("/reports/").text).group(1)
        data = {
            "csrfmiddlewaretoken": token,
            "programme": random.choice(self.programmes),
            "period": "2026-Q3",
            "cutoff_rule": "calendar",
            "format": random.choice(["xlsx", "pdf"]),
        }
        with self.client.post(
            "/reports/produce/", data, name="/reports/produce/ (POST)", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                self.client.get(response.headers["Location"], name="/reports/[id]/")
            elif response.status_code == 429:
                response.success()
            else:
                response.failure(f"report not queued ({response.status_code})")

    @task(1)
    def report_preview(self):
        query = f"programme={random.choice(self.programmes)}&period=2026-Q3&cutoff_rule=calendar"
        self.client.get(f"/reports/?{query}", name="/reports/?[preview]")
