from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self):
        from . import jobs  # noqa: F401  (connects its task_finished receiver in every process, workers too)
