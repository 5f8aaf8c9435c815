"""The names the admin shows for third-party apps: django-axes's label is its package name, not a translatable text."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu đăng nhập")
