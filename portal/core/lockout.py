"""Login lockout: after N failed attempts an account is locked for a while.

Counted from the append-only audit log, so there is no extra state to keep in step: the failures
since the last successful login inside the lockout window.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from portal.core.models import AuditAction, AuditEvent


def recent_failures(username: str) -> int:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    events = AuditEvent.objects.filter(
        actor_label__iexact=username,
        action__in=[AuditAction.LOGIN, AuditAction.LOGIN_FAILED],
        at__gte=since,
    ).order_by("-at", "-id")
    failures = 0
    for action in events.values_list("action", flat=True)[: settings.LOGIN_FAILURE_LIMIT + 1]:
        if action == AuditAction.LOGIN:
            break
        failures += 1
    return failures


def is_locked_out(username: str) -> bool:
    return bool(username) and recent_failures(username) >= settings.LOGIN_FAILURE_LIMIT
