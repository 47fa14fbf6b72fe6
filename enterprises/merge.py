"""Duplicates in the register: likely pairs, and merging one into the other.

Everything that points at the duplicate moves to the survivor, found by walking
`Enterprise._meta.related_objects` (so placements move without this app knowing `matching`); offers of
the same type add their places under the row locks; the change history (simple-history rows, hidden
relations) and the audit events stay with the archived duplicate, which points to the survivor."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from enterprises.models import ContactPerson, Enterprise, EnterpriseStatus, Offer, VerificationRequest
from portal.core.audit import AuditContext, audit_log
from portal.core.models import AuditAction

# Trigram similarity (PostgreSQL's pg_trgm, created in migration 0003) above which two names at the same
# postcode count as a likely duplicate.
SIMILARITY = 0.6


@dataclass
class Pair:
    first: Enterprise
    second: Enterprise
    reason: str


def duplicate_pairs(limit: int = 100) -> list[Pair]:
    """Likely duplicates among entries not archived: the same P-number, or a similar name at the same
    postcode (trigram similarity on PostgreSQL, the same name ignoring case elsewhere)."""
    live = Enterprise.objects.exclude(status=EnterpriseStatus.ARCHIVED)
    found: list[tuple[int, int, str]] = []
    shared = live.exclude(p_number="").values("p_number").annotate(n=Count("id")).filter(n__gt=1)[:limit]
    for item in shared:
        pks = sorted(live.filter(p_number=item["p_number"]).values_list("pk", flat=True))
        found += [(pks[0], pk, _("Samme P-nummer")) for pk in pks[1:]]
    found += [(a, b, _("Lignende navn, samme postnummer")) for a, b in _similar_names(limit)]
    rows = Enterprise.objects.select_related("postcode").in_bulk({pk for pair in found for pk in pair[:2]})
    seen, pairs = set(), []
    for a, b, reason in found:
        if (a, b) not in seen:
            seen.add((a, b))
            pairs.append(Pair(rows[a], rows[b], reason))
    return pairs[:limit]


def _similar_names(limit: int) -> list[tuple[int, int]]:
    table = Enterprise._meta.db_table
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT a.id, b.id FROM {table} a JOIN {table} b ON a.postcode_id = b.postcode_id AND a.id < b.id "  # noqa: S608
            "WHERE a.status <> 'archived' AND b.status <> 'archived' AND similarity(a.name, b.name) > %s "
            "ORDER BY a.id, b.id LIMIT %s"
        )
        params = [SIMILARITY, limit]
    else:
        sql = (
            f"SELECT a.id, b.id FROM {table} a JOIN {table} b ON a.postcode_id = b.postcode_id AND a.id < b.id "  # noqa: S608
            "WHERE a.status <> 'archived' AND b.status <> 'archived' AND lower(a.name) = lower(b.name) "
            "ORDER BY a.id, b.id LIMIT %s"
        )
        params = [limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


@transaction.atomic
def enterprise_merge(*, survivor: Enterprise, duplicate: Enterprise, context: AuditContext) -> Enterprise:
    if survivor.pk == duplicate.pk:
        raise ValidationError(_("En virksomhed kan ikke flettes med sig selv."))
    locked = {
        e.pk: e
        for e in Enterprise.objects.select_for_update()
        .filter(pk__in=[survivor.pk, duplicate.pk])
        .order_by("pk")
    }
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    if duplicate.merged_into_id or survivor.merged_into_id:
        raise ValidationError(_("Virksomheden er allerede flettet ind i en anden."))
    _merge_offers(survivor, duplicate, context)
    _merge_contacts(survivor, duplicate)
    survivor.target_groups.add(*duplicate.target_groups.all())
    survivor.challenge_areas.add(*duplicate.challenge_areas.all())
    VerificationRequest.objects.filter(enterprise=duplicate).update(is_current=False)
    for relation in Enterprise._meta.related_objects:
        if relation.many_to_many or relation.related_model in (Offer, ContactPerson):
            continue
        name = relation.field.name
        relation.related_model._base_manager.filter(**{name: duplicate}).update(**{name: survivor})
    duplicate.status = EnterpriseStatus.ARCHIVED
    duplicate.merged_into = survivor
    duplicate._history_user = context.user
    duplicate.save(update_fields=["status", "merged_into", "updated_at"])
    for target, role in ((survivor, "survivor"), (duplicate, "duplicate")):
        audit_log(
            action=AuditAction.ENTERPRISE_MERGE,
            context=context,
            target=target,
            detail={"role": role, "survivor": survivor.cvr, "duplicate": duplicate.cvr},
        )
    return survivor


def _merge_offers(survivor: Enterprise, duplicate: Enterprise, context: AuditContext) -> None:
    offers = list(
        Offer.objects.select_for_update().filter(enterprise__in=[survivor, duplicate]).order_by("pk")
    )
    kept = {o.placement_type_id: o for o in offers if o.enterprise_id == survivor.pk}
    for offer in (o for o in offers if o.enterprise_id == duplicate.pk):
        target = kept.get(offer.placement_type_id)
        if target is None:
            offer.enterprise = survivor
            offer._history_user = context.user
            offer.save(update_fields=["enterprise"])
            continue
        target.places += offer.places
        target.places_taken += offer.places_taken
        target._history_user = context.user
        target.save(update_fields=["places", "places_taken", "updated_at"])
        offer._history_user = context.user
        offer.delete()


def _merge_contacts(survivor: Enterprise, duplicate: Enterprise) -> None:
    moved = ContactPerson.objects.filter(enterprise=duplicate)
    if ContactPerson.objects.filter(enterprise=survivor, is_primary=True).exists():
        moved.update(is_primary=False)
    moved.update(enterprise=survivor)
