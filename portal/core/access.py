"""Access rules: the one place that decides who may do what (docs/architecture.md).

Views never test roles themselves; they call these predicates, the decorators below, or scope their
querysets with `scope_to_jobcenter` so that a foreign id answers 404, never the record.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from portal.core.models import Role, User


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.role == Role.ADMIN


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
    """Refused access to other jobcenters' cases. System administrators (issue 12) will join here."""
    return user.is_authenticated and user.is_superuser


def can_view_failed_jobs(user: User) -> bool:
    """Failed background jobs (e-mails given up, imports that broke). Register admins and superusers
    until the system-administrator role exists; then only that role."""
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN)


def can_edit_flyer_text(user: User) -> bool:
    return is_admin(user)


def can_edit_flyer_contact(user: User) -> bool:
    return is_team_lead(user)


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


class RequireMixin:
    """Class-based view counterpart of `require`: set `access_predicate`."""

    access_predicate: Callable[[User], bool] | None = None

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        predicate = type(self).access_predicate
        if predicate is None or not predicate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
