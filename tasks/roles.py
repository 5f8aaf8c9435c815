"""The portal's roles as Django groups, and what each may do."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from agencies.models import AdministrativeUnit, units_overseen_by

ADMIN = "admin"
COMMAND_STAFF = "Ban CHQS"
OFFICER = "Cán bộ cơ quan"
LEADERSHIP = "Lãnh đạo"

# (app_label, codename) of each role's model permissions.
ROLE_PERMISSIONS = {
    COMMAND_STAFF: [
        ("tasks", f"{action}_{model}")
        for model in ("programme", "section", "task", "assignment", "phase")
        for action in ("view", "change")
    ]
    + [("tasks", "add_assignment"), ("tasks", "delete_assignment"), ("agencies", "view_agency")],
    OFFICER: [("tasks", "view_task"), ("tasks", "view_programme"), ("agencies", "view_agency")],
    LEADERSHIP: [
        ("tasks", "view_programme"),
        ("tasks", "view_section"),
        ("tasks", "view_task"),
        ("tasks", "view_assignment"),
        ("agencies", "view_agency"),
    ],
}


def ensure_role_groups():
    """Create the role groups with exactly their permissions; safe to run again."""
    groups = {}
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label__in={app for app, _codename in wanted},
            codename__in={codename for _app, codename in wanted},
        )
        group.permissions.set([p for p in permissions if (p.content_type.app_label, p.codename) in wanted])
        groups[name] = group
    return groups


def role_of(user):
    """The user's role, the strongest first; None for anonymous users and users without a role."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return ADMIN
    groups = cached_on(user, "groups", lambda: set(user.groups.values_list("name", flat=True)))
    return next((role for role in (COMMAND_STAFF, LEADERSHIP, OFFICER) if role in groups), None)


def cached_on(user, key, compute):
    """compute() once per request for this user (the request's user object lives as long as the request):
    a page asks for the role in every row, a sheet asks for the officer's agencies in every row."""
    cache = user.__dict__.setdefault("_ptds_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def members(role):
    """Active users in the role's group who belong to an agency, with their agency at hand (one query)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=role, profile__agency__isnull=False)
        .select_related("profile__agency")
        .order_by("profile__agency__name", "username")
    )


def agency_of(user):
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.agency if profile else None


def scoped(queryset, user, *, overseen, own):
    """What the user may see; every visible_to() goes through here.

    - administrators: everything; leadership of no agency, or of one placed in no unit: the whole install;
    - leadership and command staff: `overseen(agency, units)`, the programmes their agency coordinates and those of
      the units it oversees (agencies.models.units_overseen_by), with the parent programmes these implement;
    - officers: `own(agency)`; anyone else: nothing.
    """
    role = role_of(user)
    agency = agency_of(user)
    if role == ADMIN or (role == LEADERSHIP and (agency is None or agency.unit_id is None)):
        return queryset.all()
    if agency is None:
        return queryset.none()
    if role in (LEADERSHIP, COMMAND_STAFF):
        return overseen(agency, cached_on(user, ("units", agency.pk), lambda: units_overseen_by(agency)))
    if role == OFFICER:
        return own(agency)
    return queryset.none()


def units_overseen(user):
    """The administrative units whose programmes the user follows as a whole (their consolidated figures): those
    scoped() gives leadership and command staff, every unit where it gives the whole install, none to officers."""
    units = AdministrativeUnit.objects
    return scoped(units, user, overseen=lambda agency, ids: units.filter(pk__in=ids), own=lambda agency: units.none())


class _Whole:
    """What scoped() is given to say whether it would scope to something: all() for the whole install, none() for
    nothing."""

    def all(self):
        return True

    def none(self):
        return False


def oversees_units(user):
    """Whether the user follows some unit as a whole (the menu's entry to the consolidated pages), by scoped()'s rule
    and without a query of its own: the units overseen are those every visible_to() of the request reads."""
    return scoped(_Whole(), user, overseen=lambda agency, ids: bool(ids), own=lambda agency: False)
