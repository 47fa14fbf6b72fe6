"""Access rules: the one place that decides who may do what (docs/architecture.md).

Views never test roles themselves; they call these predicates, the decorators below, or scope their
querysets with `scope_to_jobcenter` so that a foreign id answers 404, never the record.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from portal.core.models import JOBCENTER_ROLES, Role, User


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.role == Role.ADMIN


def is_system_admin(user: User) -> bool:
    """Jobcenters, municipalities and every jobcenter's users; never citizens."""
    return user.is_authenticated and user.role == Role.SYSTEM_ADMIN and user.jobcenter_id is None


def is_team_lead(user: User) -> bool:
    return user.is_authenticated and user.role == Role.TEAM_LEAD and user.jobcenter_id is not None


def is_jobcenter_staff(user: User) -> bool:
    """Caseworkers and team leads: they work with citizens of their own jobcenter."""
    return (
        user.is_authenticated
        and user.role in (Role.CASEWORKER, Role.TEAM_LEAD)
        and user.jobcenter_id is not None
    )


def can_browse_register(user: User) -> bool:
    return user.is_authenticated


def can_curate_register(user: User) -> bool:
    return is_admin(user)


def can_suggest_register_correction(user: User) -> bool:
    """Caseworkers and team leads send correction suggestions; admins edit the register directly."""
    return is_jobcenter_staff(user)


def can_access_citizens(user: User) -> bool:
    return is_jobcenter_staff(user)


def can_reassign_citizens(user: User) -> bool:
    return is_team_lead(user)


def can_match(user: User) -> bool:
    return is_jobcenter_staff(user)


def can_view_statistics(user: User) -> bool:
    return user.is_authenticated


def can_view_audit_log(user: User) -> bool:
    return is_team_lead(user)


def can_view_security_log(user: User) -> bool:
    """Refused access to other jobcenters' cases (guessed ids): system administrators and superusers."""
    return is_system_admin(user) or (user.is_authenticated and user.is_superuser)


def can_view_failed_jobs(user: User) -> bool:
    """Failed background jobs (e-mails given up, imports that broke): system administrators."""
    return is_system_admin(user)


def can_edit_flyer_text(user: User) -> bool:
    return is_admin(user)


def can_edit_flyer_contact(user: User) -> bool:
    return is_team_lead(user)


def can_manage_users(user: User) -> bool:
    """System administrators (every jobcenter) and team leads (their own jobcenter's staff)."""
    return is_system_admin(user) or is_team_lead(user)


def can_manage_jobcenters(user: User) -> bool:
    return is_system_admin(user)


def can_view_lockouts(user: User) -> bool:
    return is_system_admin(user)


def assignable_roles(user: User) -> list[str]:
    """The roles a manager may give: team leads only roles within their jobcenter."""
    if is_system_admin(user):
        return list(Role.values)
    if is_team_lead(user):
        return list(JOBCENTER_ROLES)
    return []


def scope_manageable_users(user: User, queryset: QuerySet) -> QuerySet:
    """Users this manager may see and change: a team lead's own jobcenter's staff, or everyone for a
    system administrator. Superusers are managed with `manage.py`, never from these pages."""
    queryset = queryset.filter(is_superuser=False)
    if is_system_admin(user):
        return queryset
    if is_team_lead(user):
        return queryset.filter(jobcenter_id=user.jobcenter_id, role__in=JOBCENTER_ROLES)
    return queryset.none()


def requires_two_factor(user: User, *, signed_in_locally: bool) -> bool:
    """Administrators of every kind need a second factor; other local accounts when
    LOCAL_LOGIN_REQUIRE_MFA is on. Off altogether in development (TWO_FACTOR_ENFORCED)."""
    if not user.is_authenticated or not settings.TWO_FACTOR_ENFORCED:
        return False
    if user.is_superuser or user.role in (Role.ADMIN, Role.SYSTEM_ADMIN):
        return True
    return signed_in_locally and settings.LOCAL_LOGIN_REQUIRE_MFA


def scope_to_jobcenter(user: User, queryset: QuerySet, field: str = "jobcenter") -> QuerySet:
    """Only rows of the user's own jobcenter; nothing at all for users without access to citizens."""
    if not is_jobcenter_staff(user):
        return queryset.none()
    return queryset.filter(**{field: user.jobcenter_id})


def get_scoped_or_404(queryset: QuerySet, **lookup):
    """Fetch from an already scoped queryset: a foreign or unknown id is the same 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def require(predicate: Callable[[User], bool]) -> Callable:
    """View decorator: 403 unless `predicate(request.user)`. Login itself is enforced by middleware."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
