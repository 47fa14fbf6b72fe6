"""Who may still see an archived enterprise, without `enterprises` importing the apps that know.

`matching` registers a provider in its AppConfig.ready(): a caseworker with an open placement at an
archived enterprise keeps a read-only view of it (the placement page links there).
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

# provider(user) -> a queryset of enterprise ids (values("enterprise_id") or similar), or None.
_PROVIDERS: list[Callable] = []


def register_archived_access(provider: Callable[[object], QuerySet | None]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def archived_access(user) -> Q:
    """Q for the archived enterprises this user may still read (matches nothing without providers)."""
    condition = Q(pk__in=[])
    for provider in _PROVIDERS:
        ids = provider(user)
        if ids is not None:
            condition |= Q(pk__in=ids)
    return condition
