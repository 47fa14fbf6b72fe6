"""Writing the audit log: one function, called by services and views for every audited action."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from portal.models import AuditEvent, Jobcenter, User


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # Behind a proxy REMOTE_ADDR is the proxy; production sets the proxy to overwrite X-Forwarded-For.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    ip = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
    return ip or None


def audit_log(
    *,
    action: str,
    request: HttpRequest | None = None,
    user: User | None = None,
    target: models.Model | None = None,
    jobcenter: Jobcenter | None = None,
    detail: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one audit event. `user` defaults to the request's user; jobcenter to the user's."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if jobcenter is None and user is not None:
        jobcenter = getattr(user, "jobcenter", None)
    return AuditEvent.objects.create(
        action=str(action),
        actor=user,
        actor_label=actor_label or (user.username if user else ""),
        jobcenter=jobcenter,
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
        detail=detail or {},
        ip=client_ip(request),
    )
