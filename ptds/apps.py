"""The names the admin shows for third-party apps, in Vietnamese: django-axes's and django-tasks-db's labels are
English texts, not translatable ones."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu đăng nhập")


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Hàng đợi việc nền")

    def ready(self):
        super().ready()
        from django_tasks_db.models import DBTaskResult

        # Its model is named in English; the migrations read Meta as written (original_attrs), not these.
        DBTaskResult._meta.verbose_name = _("việc nền")
        DBTaskResult._meta.verbose_name_plural = _("việc nền")
