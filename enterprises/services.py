"""Writes to the register. Every curating action is audited (portal.core.audit)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from enterprises import rules
from enterprises.models import (
    ContactPerson,
    Enterprise,
    EnterpriseStatus,
    Offer,
    VerifiedSource,
)
from portal.core.audit import AuditContext, audit_log
from portal.core.models import AuditAction, User


def _set_status(
    *, enterprise: Enterprise, status: str, by: User, action: str, context: AuditContext | None
) -> Enterprise:
    enterprise.status = status
    enterprise._history_user = by
    enterprise.save(update_fields=["status", "updated_at"])
    audit_log(action=action, context=context, user=by, target=enterprise, detail={"cvr": enterprise.cvr})
    return enterprise


@transaction.atomic
def enterprise_archive(
    *, enterprise: Enterprise, by: User, context: AuditContext | None = None
) -> Enterprise:
    return _set_status(
        enterprise=enterprise,
        status=EnterpriseStatus.ARCHIVED,
        by=by,
        action=AuditAction.ENTERPRISE_ARCHIVE,
        context=context,
    )


@transaction.atomic
def enterprise_restore(
    *, enterprise: Enterprise, by: User, context: AuditContext | None = None
) -> Enterprise:
    return _set_status(
        enterprise=enterprise,
        status=EnterpriseStatus.ACTIVE,
        by=by,
        action=AuditAction.ENTERPRISE_RESTORE,
        context=context,
    )


@transaction.atomic
def enterprise_verify(*, enterprise: Enterprise, by: User, context: AuditContext | None = None) -> Enterprise:
    """ "Mark verified today": an admin has checked the facts with the enterprise, places included.
    Through the one write path, so the history shows it like any other change."""
    context = context or AuditContext(user=by)
    today = timezone.localdate()
    data = EnterpriseData(
        fields={
            "last_verified_at": timezone.now(),
            "verified_by": by,
            "verified_source": VerifiedSource.ADMIN,
        },
        offers=[OfferData(pk=o.pk, values={"places_confirmed_at": today}) for o in enterprise.offers.all()],
    )
    enterprise = enterprise_upsert(enterprise=enterprise, data=data, context=context)
    audit_log(
        action=AuditAction.ENTERPRISE_VERIFY,
        context=context,
        user=by,
        target=enterprise,
        detail={"cvr": enterprise.cvr},
    )
    return enterprise


# --- The one write path for an enterprise with its offers and contacts -----------------------------


@dataclass
class OfferData:
    """One offer in a write. `values`: only the fields given change (placement_type as a code)."""

    values: dict[str, Any]
    pk: int | None = None  # an existing offer; None: the enterprise's offer of that type, or a new one
    delete: bool = False


@dataclass
class ContactData:
    values: dict[str, Any]
    pk: int | None = None
    delete: bool = False


@dataclass
class EnterpriseData:
    """Plain data for `enterprise_upsert`. `fields`: model field names (foreign keys as objects or
    `<name>_id`); None for a relation means "leave it as it is"."""

    fields: dict[str, Any]
    target_groups: list[str] | None = None
    challenge_areas: list[str] | None = None
    offers: list[OfferData] | None = None
    contacts: list[ContactData] | None = None


@dataclass
class _Written:
    enterprise: Enterprise
    created: bool
    changed: list[str] = field(default_factory=list)


@transaction.atomic
def enterprise_upsert(
    *, enterprise: Enterprise | None = None, data: EnterpriseData, context: AuditContext
) -> Enterprise:
    """Create or update one enterprise (by `enterprise`, else by the CVR in `data`) with its offers
    and contacts. Raises ValidationError (Danish) and writes nothing when a rule refuses."""
    if enterprise is None or enterprise.pk is None:
        existing = _locked(Enterprise.objects.filter(cvr=data.fields.get("cvr")))
        enterprise = existing[0] if existing else (enterprise or Enterprise())
    else:
        enterprise = _locked(Enterprise.objects.filter(pk=enterprise.pk))[0]
    written = _write(enterprise, data, context, full=True)
    audit_log(
        action=AuditAction.ENTERPRISE_CREATE if written.created else AuditAction.ENTERPRISE_UPDATE,
        context=context,
        target=written.enterprise,
        detail={"cvr": written.enterprise.cvr, "fields": written.changed},
    )
    return written.enterprise


# How often the bulk write reports its progress (rows).
PROGRESS_EVERY = 1000


@dataclass
class UpsertManyResult:
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class UpsertRowError(Exception):
    def __init__(self, index: int, error: ValidationError) -> None:
        super().__init__(f"row {index}: {error}")
        self.index = index
        self.error = error


@transaction.atomic
def enterprise_upsert_many(
    *,
    rows: list[EnterpriseData],
    context: AuditContext,
    source: str = "",
    progress: Callable[[int], None] | None = None,
) -> UpsertManyResult:
    """The bulk form for imports: each row keyed by its CVR, the same rules as `enterprise_upsert`
    (minus the per-row unique and constraint queries, which the database enforces anyway), all or
    nothing, and one audit event naming the CVRs created and changed. Raises UpsertRowError."""
    result = UpsertManyResult()
    cvrs = [row.fields["cvr"] for row in rows]
    existing: dict[str, Enterprise] = {}
    for start in range(0, len(cvrs), 1000):
        existing.update(
            {e.cvr: e for e in _locked(Enterprise.objects.filter(cvr__in=cvrs[start : start + 1000]))}
        )
    for index, row in enumerate(rows):
        try:
            written = _write(existing.get(row.fields["cvr"]) or Enterprise(), row, context, full=False)
        except ValidationError as exc:
            raise UpsertRowError(index, exc) from exc
        cvr = written.enterprise.cvr
        (
            result.created if written.created else result.changed if written.changed else result.unchanged
        ).append(cvr)
        if progress is not None and (index + 1) % PROGRESS_EVERY == 0:
            progress(index + 1)
    audit_log(
        action=AuditAction.ENTERPRISE_IMPORT,
        context=context,
        detail={"file": source[:200], "created": result.created, "changed": result.changed},
    )
    return result


def _locked(queryset) -> list[Enterprise]:
    # Offers are locked with their enterprise: matching recounts places_taken under the offer's lock.
    enterprises = list(queryset.select_for_update().order_by("pk"))
    offers = (
        Offer.objects.select_for_update().filter(enterprise__in=[e.pk for e in enterprises]).order_by("pk")
    )
    by_enterprise: dict[int, list[Offer]] = {}
    for offer in offers:
        by_enterprise.setdefault(offer.enterprise_id, []).append(offer)
    for enterprise in enterprises:
        enterprise._locked_offers = by_enterprise.get(enterprise.pk, [])
    return enterprises


def _write(enterprise: Enterprise, data: EnterpriseData, context: AuditContext, *, full: bool) -> _Written:
    created = enterprise.pk is None
    since = 0 if created else _last_history_id(enterprise)
    changed = [name for name, value in data.fields.items() if _differs(enterprise, name, value)]
    for name, value in data.fields.items():
        setattr(enterprise, name, value)
    _apply_municipality(enterprise, data)
    _clean(enterprise, full=full, exclude=["target_groups", "challenge_areas"])
    _stamp(enterprise, context)
    if created or changed:
        enterprise.save()
    for name in ("target_groups", "challenge_areas"):
        wanted = getattr(data, name)
        if wanted is not None and (created or set(wanted) != _m2m_codes(enterprise, name)):
            getattr(enterprise, name).set(wanted)
            changed.append(name)
    offers = [] if created else getattr(enterprise, "_locked_offers", None)
    if offers is None:
        offers = list(enterprise.offers.select_for_update())
    if data.offers is not None and _write_offers(enterprise, offers, data.offers, context, full=full):
        changed.append("offers")
    if data.contacts is not None and _write_contacts(enterprise, data.contacts, context, full=full):
        changed.append("contacts")
    _one_history_record(enterprise, since=since, created=created)
    return _Written(enterprise, created, sorted(set(changed)))


def _stamp(instance, context: AuditContext) -> None:
    """Who the history row names: the user, or the context's label (the enterprise via its link)."""
    instance._history_user = context.user
    if context.label:
        instance._change_reason = context.label[:100]


def _last_history_id(enterprise: Enterprise) -> int:
    return enterprise.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def _one_history_record(enterprise: Enterprise, *, since: int, created: bool) -> None:
    """One write, one history record. simple-history adds a record for the save and one more for each
    many-to-many set (target groups, experience); those in-between states never existed for anyone,
    and shown as changes of their own they look like edits nobody made."""
    ids = list(
        enterprise.history.filter(history_id__gt=since)
        .order_by("history_id")
        .values_list("history_id", flat=True)
    )
    if len(ids) < 2:
        return
    enterprise.history.filter(history_id__in=ids[:-1]).delete()
    if created:
        enterprise.history.filter(history_id=ids[-1]).update(history_type="+")


def _differs(instance, name: str, value) -> bool:
    current = getattr(instance, name, None)
    if isinstance(current, Decimal) and value is not None:
        return current != Decimal(str(value))
    return current != value


def _m2m_codes(enterprise: Enterprise, name: str) -> set[str]:
    return {obj.pk for obj in getattr(enterprise, name).all()}


def _apply_municipality(enterprise: Enterprise, data: EnterpriseData) -> None:
    if "postcode" not in data.fields and "postcode_id" not in data.fields:
        return
    postcode = enterprise.postcode
    chosen = data.fields.get("municipality_id") or getattr(data.fields.get("municipality"), "pk", None)
    allowed = [m.pk for m in postcode.municipalities.all()]
    try:
        enterprise.municipality_id = rules.municipality_for_postcode(
            chosen=chosen, main=postcode.municipality_id, allowed=allowed
        )
    except ValueError as exc:
        raise ValidationError({"municipality": str(exc)}) from exc


def _clean(instance, *, full: bool, exclude: list[str] | None = None) -> None:
    # The bulk form skips the per-row unique and constraint checks (one query each): the import has
    # checked CVRs within the file and the database refuses the rest.
    instance.full_clean(exclude=exclude, validate_unique=full, validate_constraints=full)


def _write_offers(
    enterprise: Enterprise, current: list[Offer], wanted: list[OfferData], context, *, full: bool
) -> bool:
    by_pk = {offer.pk: offer for offer in current}
    by_type = {offer.placement_type_id: offer for offer in current}
    errors: list[str] = []
    changed = False
    for item in wanted:
        offer = by_pk.get(item.pk) if item.pk else by_type.get(item.values.get("placement_type"))
        if item.delete:
            if offer is not None:
                if reason := rules.delete_offer_reason(taken=offer.places_taken):
                    errors.append(reason)
                    continue
                _stamp(offer, context)
                offer.delete()
                changed = True
            continue
        offer = offer or Offer(enterprise=enterprise)
        values = dict(item.values)
        code = values.pop("placement_type", None)
        differs = offer.pk is None or any(_differs(offer, n, v) for n, v in values.items())
        if code is not None and code != offer.placement_type_id:
            if offer.pk and (reason := rules.type_change_reason(taken=offer.places_taken)):
                errors.append(reason)
                continue
            offer.placement_type_id = code
            differs = True
        for name, value in values.items():
            setattr(offer, name, value)
        if reason := rules.places_reason(places=offer.places, taken=offer.places_taken):
            errors.append(f"{offer.placement_type_id}: {reason}")
            continue
        if differs:
            _clean(offer, full=full, exclude=["enterprise"])
            _stamp(offer, context)
            offer.save()
            changed = True
    if errors:
        raise ValidationError(errors)
    return changed


def _write_contacts(enterprise: Enterprise, wanted: list[ContactData], context, *, full: bool) -> bool:
    current = {contact.pk: contact for contact in enterprise.contacts.all()}
    kept = [item for item in wanted if not item.delete]
    primary = rules.one_primary([bool(item.values.get("is_primary")) for item in kept])
    changed = False
    for item in wanted:
        contact = current.pop(item.pk, None) if item.pk else None
        if item.delete:
            if contact is not None:
                _stamp(contact, context)
                contact.delete()
                changed = True
            continue
        contact = contact or ContactPerson(enterprise=enterprise)
        values = {**item.values, "is_primary": primary[kept.index(item)]}
        if contact.pk is None or any(_differs(contact, n, v) for n, v in values.items()):
            for name, value in values.items():
                setattr(contact, name, value)
            _clean(contact, full=full, exclude=["enterprise"])
            _stamp(contact, context)
            contact.save()
            changed = True
    if any(primary):  # the primary named in this write wins over one already there
        for contact in current.values():
            if contact.is_primary:
                contact.is_primary = False
                _stamp(contact, context)
                contact.save(update_fields=["is_primary"])
                changed = True
    return changed
