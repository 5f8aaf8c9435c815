"""`manage.py db_worker`, django-tasks-db's worker, which also starts the portal's scheduled work (ptds.jobs.tick):
any running worker then takes over the jobs of a worker that died. `--batch` (run what is queued, then stop) starts
no schedule."""

from django_tasks_db.management.commands import db_worker

from ptds import jobs


class Command(db_worker.Command):
    def handle(self, *args, batch, **options):
        if not batch:
            jobs.schedule_tick()
        super().handle(*args, batch=batch, **options)
