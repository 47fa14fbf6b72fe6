"""A tamper-evident audit log: every event carries SHA-256(previous hash + its canonical form).

- Canonical form: sorted-key compact JSON of the event's facts (time in UTC to the microsecond, actor,
  action, jobcenter, subject, detail, IP); a change to any of them, or a deleted or inserted row,
  breaks the chain from that row on.
- Written at insert under one PostgreSQL advisory lock held to commit, so the chain follows commit
  order and ids (taken under the lock) follow it too: `verify` walks by id.
- `prune_audit` deletes a prefix of the chain and keeps the last pruned hash as the anchor
  (`AuditChainAnchor`), so what remains still verifies.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC

from django.db import connection

from portal.core.models import AuditChainAnchor, AuditEvent

GENESIS = "0" * 64
# One constant key for pg_advisory_xact_lock: every audit insert in the portal serialises on it.
ADVISORY_LOCK_KEY = 0x6272_6F62_7967_67  # "brobygg"
CANONICAL_FIELDS = (
    "at",
    "actor_id",
    "actor_label",
    "action",
    "jobcenter_id",
    "target_type",
    "target_id",
    "detail",
    "ip",
)


def canonical(event: AuditEvent) -> bytes:
    facts = {name: getattr(event, name) for name in CANONICAL_FIELDS}
    facts["at"] = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    facts["v"] = 1
    return json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def link_hash(previous: str, event: AuditEvent) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(event)).hexdigest()


def lock_chain() -> None:
    """Serialise chain writers until the surrounding transaction ends (SQLite serialises writers itself)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def _anchor() -> AuditChainAnchor | None:
    return AuditChainAnchor.objects.order_by("-pruned_through_id").first()


def chain_head() -> str:
    """The hash the next event links to. Call under `lock_chain()`."""
    last = AuditEvent.objects.order_by("-id").values_list("chain_hash", flat=True).first()
    if last is not None:
        return last
    anchor = _anchor()
    return anchor.chain_hash if anchor else GENESIS


def seal(event: AuditEvent) -> None:
    """Normalise the fields the database would change (so the stored row hashes the same) and set the hash."""
    ip_field = AuditEvent._meta.get_field("ip")
    event.ip = ip_field.get_prep_value(event.ip)
    event.detail = json.loads(json.dumps(event.detail or {}))
    event.chain_hash = link_hash(chain_head(), event)


@dataclass(frozen=True)
class Verdict:
    checked: int
    broken_id: int | None = None
    broken_at: object = None


def _events_after(after_id: int, chunk: int = 2000) -> Iterator[AuditEvent]:
    fields = ("id", "chain_hash", *CANONICAL_FIELDS)
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=after_id).order_by("id").only(*fields)[:chunk])
        yield from rows
        if len(rows) < chunk:
            return
        after_id = rows[-1].id


def verify() -> Verdict:
    """Walk the chain from the anchor; the first event whose hash does not follow is the broken link."""
    anchor = _anchor()
    previous, start = (anchor.chain_hash, anchor.pruned_through_id) if anchor else (GENESIS, 0)
    checked = 0
    for event in _events_after(start):
        expected = link_hash(previous, event)
        if event.chain_hash != expected:
            return Verdict(checked=checked, broken_id=event.id, broken_at=event.at)
        previous = event.chain_hash
        checked += 1
    return Verdict(checked=checked)
