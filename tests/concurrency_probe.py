"""Twenty people save a progress report on the same task at the same moment (run by tests/test_concurrent_saves.py
in a process of its own, on a file database named by DATABASE_URL): prints how many were saved, told that the task
changed meanwhile (the version check), or answered otherwise, as JSON.

Not a pytest module: the suite's SQLite database lives in memory with a shared cache, whose table locks are not what
a deployed portal's file database does, so the race is run where it is real.
"""

import io
import json
import os
import sys
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptds.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from agencies.models import Profile  # noqa: E402
from tasks.models import ProgressReport, Task  # noqa: E402

SAVERS = 20


def main():
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    call_command("seed", demo_users=True, without_province=True, verbosity=0, stdout=io.StringIO())
    task = Task.objects.get(section__programme__number="04/CTr-UBND", section__numeral="V", number="5")
    police = Profile.objects.get(agency__name__startswith="Công an thành phố").user
    url = reverse("tasks:progress", args=[task.pk])
    data = {"version": task.version, "status": "in_progress", "percent": 30, "result": "Đã triển khai"}
    clients = []
    for _number in range(SAVERS):
        client = Client(raise_request_exception=False, HTTP_HOST="localhost")
        client.force_login(police)
        clients.append(client)
    connection.close()
    start = threading.Barrier(SAVERS)
    answers = []

    def save(client):
        start.wait()
        try:
            response = client.post(url, data)
            stale = response.status_code == 400 and "vừa được người khác cập nhật" in response.content.decode()
            answers.append("saved" if response.status_code == 302 else "stale" if stale else str(response.status_code))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = {answer: answers.count(answer) for answer in set(answers)}
    counts["reports"] = ProgressReport.objects.filter(task=task).count()
    json.dump(counts, sys.stdout)


if __name__ == "__main__":
    main()
