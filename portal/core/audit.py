"""Writing the audit log: one function, called by services and views for every audited action."""

import datetime
from collections.abc import Iterable
from typing import Any

import pgtrigger
from django.conf import settings
from django.db import connection, models, transaction
from django.http import HttpRequest

from portal.core.models import AuditAction, AuditEvent, AuditSubject, Jobcenter, User

# The only code allowed past the append-only triggers on the log (portal/core/models.py).
_PRUNE_TRIGGERS = (
    "portal.AuditEvent:audit_event_append_only",
    "portal.AuditSubject:audit_subject_append_only",
)


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


def audit_log(
    *,
    action: str,
    request: HttpRequest | None = None,
    user: User | None = None,
    target: models.Model | None = None,
    jobcenter: Jobcenter | None = None,
    detail: dict[str, Any] | None = None,
    actor_label: str = "",
    citizens: Iterable[int] = (),
    security: bool = False,
) -> AuditEvent:
    """Append one audit event and its subject rows. `user` defaults to the request's user; jobcenter
    to the user's, except for `security` events, which no jobcenter owns (see AuditEvent.jobcenter).

    The event is about a citizen when `target` is one, for each id in `detail["ids"]` (the citizens a
    list page showed) and for each id in `citizens`."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if jobcenter is None and user is not None and not security:
        jobcenter = getattr(user, "jobcenter", None)
    with transaction.atomic():
        event = _create_event(action, request, user, target, jobcenter, detail, actor_label)
        subjects = subject_citizen_ids(event.target_type, event.target_id, event.detail) | set(citizens)
        AuditSubject.objects.bulk_create(
            [AuditSubject(event=event, citizen_id=citizen_id) for citizen_id in sorted(subjects)]
        )
    return event


def audit_if_foreign(request: HttpRequest, *, queryset: models.QuerySet, owner: str, kind: str, pk) -> None:
    """Call after a scoped lookup answered 404: if the record exists in another jobcenter (`owner` is
    the lookup to its jobcenter id), the request was a refused access to another jobcenter's data,
    e.g. a guessed case id. Logged as a security event: no jobcenter owns it, and it names no citizen
    as read (nothing was shown)."""
    owner_id = queryset.filter(pk=pk).values_list(owner, flat=True).first()
    user_jobcenter_id = getattr(request.user, "jobcenter_id", None)
    if owner_id is None or owner_id == user_jobcenter_id:
        return
    audit_log(
        action=AuditAction.ACCESS_REFUSED,
        request=request,
        security=True,
        detail={"kind": kind, "id": pk, "owner_jobcenter_id": owner_id, "path": request.path[:200]},
    )


def subject_citizen_ids(target_type: str, target_id: int | None, detail: dict[str, Any]) -> set[int]:
    """The citizens an event names: its target if that is a citizen, and the ids a list page showed."""
    ids: set[int] = set()
    if target_type == "citizen" and target_id is not None:
        ids.add(target_id)
    listed = detail.get("ids") if isinstance(detail, dict) else None
    if isinstance(listed, list):
        ids.update(value for value in listed if isinstance(value, int) and not isinstance(value, bool))
    return ids


def _create_event(action, request, user, target, jobcenter, detail, actor_label) -> AuditEvent:
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


def audit_prune(*, cutoff: datetime.datetime, batch_size: int = 2000) -> int:
    """Delete events older than `cutoff` with their subject rows; returns how many events went.

    The one sanctioned deleter of the log. Works in batches of `batch_size` events (oldest first),
    each its own short transaction, so no statement runs long and nothing is locked for long."""
    deleted = 0
    while True:
        with transaction.atomic(), pgtrigger.ignore(*_PRUNE_TRIGGERS):
            # Oldest first along the `at` index; each batch is three short statements.
            expired = AuditEvent.objects.filter(at__lt=cutoff).order_by("at")
            ids = list(expired.values_list("id", flat=True)[:batch_size])
            if not ids:
                return deleted
            AuditSubject.objects.filter(event_id__in=ids).delete()  # a plain DELETE: nothing refers to it
            _delete_events(ids)
        deleted += len(ids)


def _delete_events(ids: list[int]) -> None:
    """One DELETE statement. (A queryset delete would first load every event to check the PROTECT
    from the subject rows, which are already gone.)"""
    placeholders = ", ".join(["%s"] * len(ids))
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({placeholders})", ids)  # noqa: S608 (ids only)
