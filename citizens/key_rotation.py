"""CPR key rotation (docs/operations.md, "Nøgler"): re-encrypt every stored CPR number under the newest
of FIELD_ENCRYPTION_KEYS, or (`rehash`) recompute its search hash under CPR_HASH_KEY.

Online: batches of rows in id order, each locked (SELECT ... FOR UPDATE) and rewritten in its own short
transaction, so case workers keep creating, editing and revealing meanwhile (every key still decrypts
and searches match the old and the new hash). Resumable: a row is done when the newest key alone
decrypts it (or its hash is the current one), so a rerun skips what an interrupted run finished.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from citizens import cpr as cprlib
from citizens.models import Citizen
from portal.core.audit import audit_log
from portal.core.models import AuditAction

ProgressCallback = Callable[[int, int], None]


@dataclass
class RotationResult:
    rehash: bool
    checked: int = 0
    changed: int = 0
    passes: list[int] = field(default_factory=list)  # rows changed per pass; the last is 0 when all held


def _rotate_row(row: Citizen, *, rehash: bool) -> bool:
    if rehash:
        digest = cprlib.lookup_hash(cprlib.decrypt(row.cpr_encrypted))
        if digest == row.cpr_hash:
            return False
        row.cpr_hash = digest
        return True
    if cprlib.is_current(row.cpr_encrypted):
        return False
    row.cpr_encrypted = cprlib.reencrypt(row.cpr_encrypted)
    return True


def rotate_batch(*, after_id: int, batch_size: int, rehash: bool) -> tuple[int | None, int, int]:
    """One locked batch after `after_id`: (last id or None when done, rows checked, rows changed)."""
    column = "cpr_hash" if rehash else "cpr_encrypted"
    with transaction.atomic():
        rows = list(
            Citizen.objects.select_for_update()
            .filter(id__gt=after_id)
            .exclude(cpr_encrypted="")
            .order_by("id")
            .only("id", "cpr_encrypted", "cpr_hash")[:batch_size]
        )
        changed = [row for row in rows if _rotate_row(row, rehash=rehash)]
        # bulk_update, not save(): a key change is no change of the case (no updated_at, no history row).
        Citizen.objects.bulk_update(changed, [column])
    return (rows[-1].id if rows else None), len(rows), len(changed)


def rotate_cpr_keys(
    *,
    rehash: bool = False,
    batch_size: int = 500,
    progress: ProgressCallback | None = None,
    max_passes: int = 3,
) -> RotationResult:
    """Rotate every row; repeat until a pass changes nothing, so an edit that wrote an old value back
    while a pass ran is caught too. Audited at the start and the end."""
    result = RotationResult(rehash=rehash)
    mode = "rehash" if rehash else "encrypt"
    total = Citizen.objects.exclude(cpr_encrypted="").count()
    audit_log(action=AuditAction.CPR_KEY_ROTATION, actor_label="rotate_cpr_key", detail={"mode": mode})
    for _ in range(max_passes):
        after_id, done, changed_in_pass = 0, 0, 0
        while after_id is not None:
            after_id, checked, changed = rotate_batch(after_id=after_id, batch_size=batch_size, rehash=rehash)
            done += checked
            changed_in_pass += changed
            if progress:
                progress(done, max(total, done))
        result.checked = max(result.checked, done)
        result.changed += changed_in_pass
        result.passes.append(changed_in_pass)
        if changed_in_pass == 0:
            break
    audit_log(
        action=AuditAction.CPR_KEY_ROTATION,
        actor_label="rotate_cpr_key",
        detail={
            "mode": mode,
            "checked": result.checked,
            "changed": result.changed,
            "done": result.passes[-1] == 0,
        },
    )
    return result
