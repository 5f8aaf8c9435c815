"""Settings for the PTDS portal, driven by environment variables.

Local use needs none of them: SQLite in the project folder and DEBUG on.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL; with debug off the
security settings below are on (HTTPS only, secure cookies, HSTS) and `manage.py check --deploy` is clean.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off: the portal's host names, comma-separated "
            "(e.g. ptds.example.vn)."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ptds.apps.AxesConfig",  # django-axes, with its name in Vietnamese in the admin
    "csp",
    "django_filters",
    "django_tables2",
    "simple_history",
    # Before django_tasks_db: its db_worker command is ptds's, which also starts the scheduled work.
    "ptds",
    "django_tasks",
    "ptds.apps.TasksDatabaseConfig",  # django-tasks-db, named in Vietnamese in the admin
    "agencies",
    "tasks",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files keep their caching; every other response is no-store.
    "ptds.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login except those marked @login_not_required (login page, health check).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication: superusers keep Django's debug pages with DEBUG on, everyone else sees the portal's.
    "ptds.middleware.ErrorPagesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ptds.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tasks.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "ptds.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # A transaction that will write takes the write lock when it begins, and a second writer waits for it (up
        # to the timeout) instead of failing halfway with "database is locked": concurrent saves of one task then
        # meet the version check, as on PostgreSQL.
        transaction_mode="IMMEDIATE",
        timeout=int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "20")),
        # The test database is in memory with a shared cache, where a page reading a table would make a background
        # report's write fail at once ("table is locked"); in the usual file mode this pragma has no effect.
        init_command="PRAGMA read_uncommitted = 1",
    )

# django-axes first: it refuses a locked-out username+address before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# Vietnamese for the third-party texts the admin shows (django-axes); compiled by `make messages`.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Texts go through gettext, so an English locale only needs a translation file and ("en", "English") here.
LANGUAGES = [("vi", "Tiếng Việt")]
# The empty choice of every filter of a list: "Tất cả", not django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Tất cả")
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# Bootstrap comes from the npm registry at install time (make), never copied into the repository.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
# Every file (evidence, produced reports) goes through Django's storage API, never a path joined onto MEDIA_ROOT, so
# web and worker processes on several machines can share one storage: by default the folder MEDIA_ROOT (a shared
# mount will do), or e.g. S3-compatible object storage: DJANGO_STORAGE_BACKEND=storages.backends.s3.S3Storage and
# DJANGO_STORAGE_OPTIONS='{"bucket_name": "ptds", "endpoint_url": "https://s3.example.vn", "access_key": "…",
# "secret_key": "…"}' (django-storages; README: Deployment).
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("DJANGO_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

DJANGO_TABLES2_TEMPLATE = "tables/bootstrap5-vi.html"
FILE_UPLOAD_PERMISSIONS = 0o640

# Sessions last a working day and end with the browser: a shared office computer left on is not left logged in.
SESSION_COOKIE_AGE = int(float(os.environ.get("DJANGO_SESSION_HOURS", "9")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Login throttling (django-axes): 5 wrong passwords for one username from one address lock that pair out for
# 15 minutes, then it may try again; a right password clears the count. Never a permanent lockout.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The 15 minutes count from the lockout: trying again meanwhile does not start them over.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "ptds.views.locked_out"

# Behind nginx (deploy/nginx.conf.example) the proxy says whether the request came over HTTPS and who sent it;
# trusted only when DJANGO_BEHIND_PROXY is set, since a client reaching gunicorn directly could forge both.
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_CLIENT_IP_CALLABLE = "ptds.views.client_address"

# HTTPS only when debug is off; each can be turned off by its variable (e.g. a first test without a certificate).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading binds the whole domain to HTTPS in browsers for months and is asked for by hand: the domain's
    # owner decides, so check --deploy is not to nag about it (security.W021).
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Only for an origin other than the host itself (e.g. https://ptds.example.vn:8443).
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "ptds.views.csrf_failure"

# Content Security Policy (django-csp), in development too so that a violation shows at once: everything from
# the portal itself, no inline script or style (templates use classes and static/js/ptds.js; charts use SVG
# presentation attributes). Bootstrap's CSS draws its icons (menu, select arrow) as data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Portal rules
PTDS_DUE_SOON_DAYS = int(os.environ.get("PTDS_DUE_SOON_DAYS", "30"))
PTDS_MAX_UPLOAD_MB = int(os.environ.get("PTDS_MAX_UPLOAD_MB", "20"))
# An upload waiting for review (ImportDraft) is gone after this long: 404 on its pages, deleted by clean_drafts.
PTDS_DRAFT_HOURS = int(os.environ.get("PTDS_DRAFT_HOURS", "48"))

# Periodic reports: which data a period counts ("calendar" or "decree_09": 15th of the month before to the
# 14th), and the font embedded in PDFs (Debian's fonts-liberation2; version 1 lacks Vietnamese).
PTDS_CUTOFF_RULE = os.environ.get("PTDS_CUTOFF_RULE", "calendar")
PTDS_PDF_FONT_DIR = os.environ.get("PTDS_PDF_FONT_DIR", "/usr/share/fonts/truetype/liberation2")

# Jobs (ptds/jobs.py): rows in the database, taken by `manage.py db_worker` processes. Each job is stopped after
# PTDS_JOB_SECONDS; an unexpected error is tried again up to PTDS_JOB_ATTEMPTS times in all; a job whose worker
# stopped answering is taken again PTDS_JOB_GRACE_SECONDS after its time limit. One person may have
# PTDS_JOBS_PER_USER jobs waiting or running, everyone together PTDS_QUEUE_LIMIT.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PTDS_JOB_SECONDS = int(os.environ.get("PTDS_JOB_SECONDS", "600"))
PTDS_JOB_ATTEMPTS = int(os.environ.get("PTDS_JOB_ATTEMPTS", "3"))
PTDS_JOB_RETRY_SECONDS = int(os.environ.get("PTDS_JOB_RETRY_SECONDS", "60"))
PTDS_JOB_GRACE_SECONDS = int(os.environ.get("PTDS_JOB_GRACE_SECONDS", "60"))
PTDS_JOBS_PER_USER = int(os.environ.get("PTDS_JOBS_PER_USER", "5"))
PTDS_QUEUE_LIMIT = int(os.environ.get("PTDS_QUEUE_LIMIT", "500"))
# Scheduled work, run by the workers: (command, every so many seconds, not before this hour of the day). Each
# command is safe to run again: clean_drafts deletes expired uploads, prune_reports the files of old reports,
# send_reminders sends each day's reminders once.
PTDS_TICK_SECONDS = int(os.environ.get("PTDS_TICK_SECONDS", "60"))
PTDS_SCHEDULE = [
    ("clean_drafts", 3600, 0),
    ("prune_reports", 3600, 0),
    ("send_reminders", 3600, int(os.environ.get("PTDS_REMINDER_HOUR", "7"))),
]
# A produced report's file is deleted after this many days; the record stays and says so.
PTDS_REPORT_RETENTION_DAYS = int(os.environ.get("PTDS_REPORT_RETENTION_DAYS", "365"))

# E-mail (the daily reminders of send_reminders): printed on the console unless an SMTP server is named.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
    # A server that does not answer fails the one message (retried on the next run) instead of hanging the job.
    EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "PTDS <no-reply@localhost>")

# Reminders name the tasks due within this many days: a week, not the dashboard's 30-day "due soon", because they
# go out every day and should name what needs doing now. Links in e-mails start with the portal's address.
PTDS_REMINDER_DAYS = int(os.environ.get("PTDS_REMINDER_DAYS", "7"))
PTDS_SITE_URL = os.environ.get("PTDS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
