"""Where the storage keeps an uploaded or produced file."""

import uuid

from django.utils import timezone


def random_path(folder, suffix=""):
    """folder/YYYY/MM/<random><suffix>: a person's file name is kept in the database only, never trusted as a path,
    and two files never meet under one name."""
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"
