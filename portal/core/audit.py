"""Writing the audit log: one function, called by services and views for every audited action."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from portal.core.models import AuditEvent, Jobcenter, User


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address. X-Forwarded-For is only believed for the proxies we run ourselves
    (`TRUSTED_PROXY_COUNT`): each appends the address it saw, so the client is the N-th from the
    right. Anything further left was sent by the client and can be forged."""
    if request is None:
        return None
    ip = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        ip = forwarded[-proxies]
    return ip or None


@dataclass(frozen=True)
class AuditContext:
    """Who acts and from where: what a service needs for its audit event, instead of a request."""

    user: User | None = None
    ip: str | None = None
    # Who acts when it is nobody with an account (e.g. "virksomheden via link"); shown in audit and history.
    label: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> "AuditContext":
        user = request.user if request.user.is_authenticated else None
        return cls(user=user, ip=client_ip(request))


SYSTEM = AuditContext()


def audit_log(
    *,
    action: str,
    request: HttpRequest | None = None,
    context: AuditContext | None = None,
    user: User | None = None,
    target: models.Model | None = None,
    jobcenter: Jobcenter | None = None,
    detail: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one audit event. `user` defaults to the context's or request's user; jobcenter to the
    user's; the address comes from the context or the request."""
    if context is not None:
        user = user or context.user
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if jobcenter is None and user is not None:
        jobcenter = getattr(user, "jobcenter", None)
    return AuditEvent.objects.create(
        action=str(action),
        actor=user,
        actor_label=actor_label or (user.username if user else (context.label if context else "")),
        jobcenter=jobcenter,
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
        detail=detail or {},
        ip=context.ip if context is not None else client_ip(request),
    )
