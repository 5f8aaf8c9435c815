"""What the task forms are built from: the version check against lost updates, task choices, one uploaded file."""

from itertools import groupby
from operator import attrgetter

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from ptds.forms import ModelMultipleChoiceField, style_fields

from ..documents import ProgrammeFormatError
from ..documents.office import check_size
from ..models import Task

STALE = gettext_lazy(
    "Nhiệm vụ này vừa được người khác cập nhật sau khi anh/chị mở trang. Thay đổi của anh/chị chưa được lưu; "
    "hãy tải lại trang để xem bản mới nhất rồi sửa lại."
)


class VersionedForm(forms.Form):
    """Refuses a save when the task changed since the form was opened (no lost updates)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, task, **kwargs):
        self.task = task
        kwargs.setdefault("initial", {})["version"] = task.version
        super().__init__(*args, **kwargs)
        style_fields(self)

    def lock_task(self):
        """Inside a transaction: the task, locked, or a ValidationError if it moved on."""
        current = Task.objects.select_for_update().get(pk=self.task.pk)
        if current.version != self.cleaned_data["version"]:
            raise ValidationError(STALE, code="stale")
        current.version += 1
        return current


def task_label(task):
    """A task as a choice reads "I.3 – content…" (its section comes with the queryset)."""
    return f"{task.reference} – {Truncator(task.content).chars(100)}"


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return task_label(obj)


class CheckboxList(forms.CheckboxSelectMultiple):
    """Bootstrap's class on each box; the widget's own class goes on the list around them."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"]["class"] = "form-check-input me-1"
        return option


class TasksBySection(forms.models.ModelChoiceIterator):
    """Task choices grouped under their section's heading (the queryset comes in document order)."""

    def __iter__(self):
        for section, tasks in groupby(self.queryset, key=attrgetter("section")):
            yield str(section), [self.choice(task) for task in tasks]


class TaskMultipleChoiceField(ModelMultipleChoiceField):
    iterator = TasksBySection

    def label_from_instance(self, obj):
        return task_label(obj)


class UploadForm(forms.Form):
    """One uploaded file, refused here only when over the upload limit: a worker reads it (tasks/jobs.py), so that
    no file, however hostile, costs the web process more than receiving it."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, upload.name)
        except ProgrammeFormatError as error:
            raise ValidationError(str(error), code="too_big") from error
        return upload


def save_with_file(record, upload, refused, code):
    """Save a record with its uploaded file (if any) in a savepoint; when a database constraint refuses the record
    (the second of two posts at once), the file is removed again and the user told `refused`."""
    if upload:
        record.file.save(upload.name, upload, save=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as error:
        record.file.delete(save=False)
        raise ValidationError(refused, code=code) from error
    return record
