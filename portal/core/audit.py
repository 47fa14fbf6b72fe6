"""Writing the audit log: one function, called by services and views for every audited action.

Each event is sealed into the hash chain (portal/core/audit_chain.py) and indexed by the citizens it
names (`AuditSubject`). The subject rows are derived only from hashed facts (the target, the ids a
list showed, and `detail["subjects"]`), so the chain vouches for them too: `verify_audit` re-derives them.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pgtrigger
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from portal.core.audit_chain import lock_chain, seal
from portal.core.models import AuditAction, AuditChainAnchor, AuditEvent, AuditSubject, Jobcenter, User

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
    ip: str | None = None,
    citizens: Iterable[int] = (),
    security: bool = False,
) -> AuditEvent:
    """Append one audit event and its subject rows. `user` defaults to the context's or request's user;
    jobcenter to the user's, except for `security` events, which no jobcenter owns; the address is `ip`
    if given, else the context's or the request's.

    The event is about a citizen when `target` is one, for each id in `detail["ids"]` (the citizens a
    list page showed) and for each id in `citizens` (kept as `detail["subjects"]`, so it is hashed)."""
    if context is not None:
        user = user or context.user
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if jobcenter is None and user is not None and not security:
        jobcenter = getattr(user, "jobcenter", None)
    detail = dict(detail or {})
    extra = sorted({int(citizen_id) for citizen_id in citizens})
    if extra:
        detail["subjects"] = extra
    event = AuditEvent(
        action=str(action),
        actor=user,
        actor_label=actor_label or (user.username if user else (context.label if context else "")),
        jobcenter=jobcenter,
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
        detail=detail,
        ip=ip or (context.ip if context is not None else client_ip(request)),
    )
    with transaction.atomic():
        lock_chain()
        seal(event)
        event.save(force_insert=True)
        subjects = subject_citizen_ids(event.target_type, event.target_id, event.detail)
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
    """The citizens an event names: its target if that is a citizen, the ids a list page showed, and
    the extra subjects `audit_log(citizens=...)` recorded."""
    ids: set[int] = set()
    if target_type == "citizen" and target_id is not None:
        ids.add(target_id)
    if not isinstance(detail, dict):
        return ids
    for key in ("ids", "subjects"):
        listed = detail.get(key)
        if isinstance(listed, list):
            ids.update(value for value in listed if isinstance(value, int) and not isinstance(value, bool))
    return ids


def expired_prefix(cutoff: datetime.datetime) -> QuerySet[AuditEvent]:
    """The oldest events up to the first one still inside the retention period: always a prefix of the
    hash chain (ids follow commit order), so what is left still verifies from the anchor."""
    first_kept = AuditEvent.objects.filter(at__gte=cutoff).order_by("id").values_list("id", flat=True).first()
    expired = AuditEvent.objects.filter(at__lt=cutoff)
    return expired if first_kept is None else expired.filter(id__lt=first_kept)


def audit_prune(*, cutoff: datetime.datetime, batch_size: int = 2000) -> int:
    """Delete the expired prefix of the log with its subject rows; returns how many events went.

    The one sanctioned deleter of the log. Works in batches of `batch_size` events (oldest id first),
    each its own short transaction that moves the chain's anchor to its last event, so no statement runs
    long, nothing is locked for long, and what is left verifies after every batch."""
    expired = expired_prefix(cutoff)
    deleted = 0
    while True:
        with transaction.atomic(), pgtrigger.ignore(*_PRUNE_TRIGGERS):
            lock_chain()  # no event joins the chain while its start moves
            batch = list(expired.order_by("id").values_list("id", "chain_hash")[:batch_size])
            if not batch:
                return deleted
            ids = [event_id for event_id, _hash in batch]
            AuditChainAnchor.objects.create(pruned_through_id=batch[-1][0], chain_hash=batch[-1][1])
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
