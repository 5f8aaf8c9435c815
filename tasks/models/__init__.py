"""The task app's models, one module per subject; Django and the rest of the code import them from here."""

from .extension import ExtensionRequest
from .handover import Handover, agencies_on
from .logs import ImportDraft, ReminderLog
from .notification import Notification, NotificationSettings
from .programme import LegalBasis, Objective, Phase, Programme, ProgrammeNotFound, ProgrammeQuerySet, Section
from .progress import Evidence, ProgressReport, evidence_path
from .task import Assignment, Task, TaskQuerySet
from .thread import ThreadEntry

__all__ = [
    "Assignment",
    "Evidence",
    "ExtensionRequest",
    "Handover",
    "ImportDraft",
    "LegalBasis",
    "Notification",
    "NotificationSettings",
    "Objective",
    "Phase",
    "Programme",
    "ProgrammeNotFound",
    "ProgrammeQuerySet",
    "ProgressReport",
    "ReminderLog",
    "Section",
    "Task",
    "TaskQuerySet",
    "ThreadEntry",
    "agencies_on",
    "evidence_path",
]
