"""Reads for account administration: always scoped by portal/core/access.py first."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from citizens.models import Citizen
from portal.core import access
from portal.core.models import AuditAction, AuditEvent, Role, User


def users_for(*, by: User, jobcenter_id: int | None = None) -> QuerySet[User]:
    # external_identities: "Logger ind med" per row without a query per row (User.is_managed_by_provider).
    users = access.scope_manageable_users(
        by, User.objects.select_related("jobcenter").prefetch_related("external_identities")
    )
    if jobcenter_id:
        users = users.filter(jobcenter_id=jobcenter_id)
    return users.order_by("-is_active", "jobcenter__name", "first_name", "last_name", "username")


def user_for_manager_or_404(*, by: User, pk: int) -> User:
    """Another jobcenter's staff (or an unknown id) is the same 404."""
    return get_object_or_404(users_for(by=by), pk=pk)


def colleagues_for_cases(*, by: User, user: User) -> QuerySet[User]:
    """Who may take over `user`'s cases: active staff of the same jobcenter, not `user`."""
    return (
        access.scope_manageable_users(by, User.objects.all())
        .filter(is_active=True, jobcenter_id=user.jobcenter_id, role__in=[Role.CASEWORKER, Role.TEAM_LEAD])
        .exclude(pk=user.pk)
        .order_by("first_name", "last_name", "username")
    )


def open_case_count(user: User) -> int:
    if not user.jobcenter_id:
        return 0
    return Citizen.objects.filter(jobcenter_id=user.jobcenter_id, caseworker=user).open().count()


def roles_for_form(by: User) -> list[tuple[str, str]]:
    allowed = set(access.assignable_roles(by))
    return [(value, label) for value, label in Role.choices if value in allowed]


def last_logins(user: User, limit: int = 10) -> QuerySet[AuditEvent]:
    """The person's own recent sign-ins (and refused attempts on their username), newest first."""
    return AuditEvent.objects.filter(
        actor_label__iexact=user.username,
        action__in=[AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOGIN_LOCKED],
    ).order_by("-at", "-id")[:limit]
