"""The agencies app's models, one module per subject; the rest of the code imports them from here."""

from .agency import Agency, AgencyAlias, AgencyQuerySet, Profile, units_overseen_by
from .reorganisation import Reorganisation
from .units import AdministrativeUnit, UnitQuerySet, units_at_or_below
from .validity import Validity, ValidityQuerySet

__all__ = [
    "AdministrativeUnit",
    "Agency",
    "AgencyAlias",
    "AgencyQuerySet",
    "Profile",
    "Reorganisation",
    "UnitQuerySet",
    "Validity",
    "ValidityQuerySet",
    "units_at_or_below",
    "units_overseen_by",
]
