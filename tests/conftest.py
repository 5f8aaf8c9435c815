import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from agencies.directory import sync_agencies

FIXTURES = settings.BASE_DIR / "fixtures"
CITY_SEED = FIXTURES / "programmes" / "04-CTr-UBND-thai-nguyen.txt"
BAC_GIANG_SEED = FIXTURES / "programmes" / "KH-KHCN-bac-giang-2024.txt"


@pytest.fixture
def agency_directory(db):
    """The agency directory of fixtures/agencies.json, without any programme."""
    sync_agencies(json.loads((FIXTURES / "agencies.json").read_text(encoding="utf-8")))


@pytest.fixture
def seeded(db):
    """Both seed programmes, the agency directory, role groups and the demo accounts."""
    call_command("seed", "--demo-users", stdout=StringIO())


def run(*args):
    """Run a management command; returns what it printed."""
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()
