from django.apps import AppConfig


class TasksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tasks"

    def ready(self):
        from . import jobs  # noqa: F401  (connects its task_finished receiver in every process, workers too)
