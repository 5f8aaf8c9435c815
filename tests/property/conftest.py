"""Ground for the property-based tests: the hypothesis profile, signed-in personas, and the proof that a refused
input wrote nothing.

The database is seeded once per test function (the `seeded` fixture); every hypothesis example runs inside a
savepoint that is rolled back afterwards (`rolled_back`), so examples never see each other's writes. That is why
the profile lets function-scoped fixtures be shared by the examples of a test.

HYPOTHESIS_PROFILE=thorough runs many more examples (locally, when hunting); "ci" is the default.
"""

import os
import traceback
from contextlib import contextmanager

import hypothesis
import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck

from agencies.models import Agency, AgencyAlias
from reports.models import ProducedReport, ReportSetup
from tasks.models import (
    Assignment,
    Evidence,
    ExtensionRequest,
    ImportDraft,
    LegalBasis,
    Objective,
    Phase,
    Programme,
    ProgressReport,
    Section,
    Task,
    ThreadEntry,
)

SHARED_FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
# "ci" skips the explain phase: on a failure it reruns a slow example hundreds of times to say which lines ran.
hypothesis.settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=SHARED_FIXTURES,
    phases=[phase for phase in hypothesis.Phase if phase != hypothesis.Phase.explain],
)
hypothesis.settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=SHARED_FIXTURES)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Every table a form, an import or a report may write, with the audit trail of those that keep one.
TABLES = [
    Programme,
    Section,
    Phase,
    Objective,
    LegalBasis,
    Task,
    Assignment,
    ProgressReport,
    Evidence,
    ImportDraft,
    Agency,
    AgencyAlias,
    ProducedReport,
    ReportSetup,
    ThreadEntry,
    ExtensionRequest,
    Task.history.model,
    Assignment.history.model,
    ProgressReport.history.model,
]


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Evidence and report files land in a throw-away folder.
    settings.MEDIA_ROOT = tmp_path / "media"


def persona(username):
    """A client signed in as the demo user; a view's exception comes back as a 500 response, not raised."""
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def personas(seeded):
    """{username: signed-in client} for the demo users, and "anonymous"."""
    clients = {name: persona(name) for name in ("chqs", "congan", "yte", "lanhdao", "admin")}
    clients["anonymous"] = Client(raise_request_exception=False)
    return clients


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Run the block in a savepoint and undo whatever it wrote."""
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


def fingerprint():
    """Row counts of every table above, each task's version and each report setup: what a refused input must not
    change."""
    counts = {model._meta.label: model.objects.count() for model in TABLES}
    versions = dict(Task.objects.values_list("pk", "version"))
    setups = list(ReportSetup.objects.order_by("pk").values())
    return counts, versions, setups


def unstorable():
    """What PostgreSQL would refuse and SQLite keeps: U+0000 in text or jsonb, text longer than its column. [where]"""
    found = []
    for model in TABLES:
        fields = [f for f in model._meta.concrete_fields if f.get_internal_type() in ("CharField", "TextField")]
        for pk, *texts in model.objects.values_list("pk", *(f.name for f in fields)):
            for field, text in zip(fields, texts, strict=True):
                if text and ("\x00" in text or (field.max_length and len(text) > field.max_length)):
                    found.append(f"{model._meta.label} {pk}: {field.name} = {text[:80]!r}…")
    for pk, document in ImportDraft.objects.values_list("pk", "document"):
        if any("\x00" in text for text in _strings(document)):
            found.append(f"{ImportDraft._meta.label} {pk}: document")
    return found


def _strings(data):
    """Every key and string value of decoded JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, item in data.items():
            yield key
            yield from _strings(item)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def explain(response):
    """The status, and the traceback of the exception behind a 500."""
    if getattr(response, "exc_info", None):
        return f"{response.status_code}\n{''.join(traceback.format_exception(*response.exc_info))}"
    return str(response.status_code)


def check(response, before, success=(302,)):
    """No 500; a response that is not a success wrote nothing; what was written PostgreSQL would store too."""
    assert response.status_code < 500, explain(response)
    location = response.get("Location", "")
    assert not location.startswith("/accounts/login/"), "the persona was signed out"
    if response.status_code not in success:
        assert fingerprint() == before, f"{response.status_code} but something was written"
    assert not unstorable(), unstorable()
