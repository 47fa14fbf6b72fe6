"""`manage.py prune_audit [--older-than-days N]`: delete audit events past the retention period."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from portal.core.audit_chain import lock_chain
from portal.core.models import AuditChainAnchor, AuditEvent

MINIMUM_DAYS = 183  # six months: the sikkerhedsbekendtgørelse's baseline, kept by municipal contracts


def expired_prefix(cutoff: datetime.datetime) -> QuerySet[AuditEvent]:
    """The oldest events up to the first one still inside the retention period: always a prefix of the
    hash chain (ids follow commit order), so what is left still verifies from the anchor."""
    first_kept = AuditEvent.objects.filter(at__gte=cutoff).order_by("id").values_list("id", flat=True).first()
    expired = AuditEvent.objects.filter(at__lt=cutoff)
    return expired if first_kept is None else expired.filter(id__lt=first_kept)


def prune_chain_prefix(expired: QuerySet[AuditEvent]) -> int:
    with transaction.atomic():
        lock_chain()  # no event joins the chain while its start moves
        last = expired.order_by("-id").only("id", "chain_hash").first()
        if last is None:
            return 0
        AuditChainAnchor.objects.create(pruned_through_id=last.id, chain_hash=last.chain_hash)
        # A bulk queryset delete: AuditEvent.delete() refuses single rows by design.
        deleted, _ = AuditEvent.objects.filter(id__lte=last.id).delete()
    return deleted


class Command(BaseCommand):
    help = "Sletter loghændelser, der er ældre end opbevaringsperioden (mindst 6 måneder)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help=f"Standard: AUDIT_RETENTION_DAYS ({settings.AUDIT_RETENTION_DAYS}). Mindst {MINIMUM_DAYS}.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Tæl kun, slet intet.")

    def handle(self, *args, older_than_days: int | None = None, dry_run: bool = False, **options) -> None:
        days = settings.AUDIT_RETENTION_DAYS if older_than_days is None else older_than_days
        if days < MINIMUM_DAYS:
            raise CommandError(f"Loggen skal gemmes i mindst {MINIMUM_DAYS} dage (6 måneder), ikke {days}.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        expired = expired_prefix(cutoff)
        if dry_run:
            count = expired.count()
            message = ngettext(
                "%(n)s loghændelse er ældre end %(days)s dage (intet slettet).",
                "%(n)s loghændelser er ældre end %(days)s dage (intet slettet).",
                count,
            )
            self.stdout.write(message % {"n": count, "days": days})
            return
        deleted = prune_chain_prefix(expired)
        message = ngettext(
            "%(n)s loghændelse ældre end %(days)s dage er slettet.",
            "%(n)s loghændelser ældre end %(days)s dage er slettet.",
            deleted,
        )
        self.stdout.write(message % {"n": deleted, "days": days})
