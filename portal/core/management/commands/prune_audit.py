"""`manage.py prune_audit [--older-than-days N]`: delete audit events past the retention period."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import ngettext

from portal.core.audit import audit_prune, expired_prefix

MINIMUM_DAYS = 183  # six months: the sikkerhedsbekendtgørelse's baseline, kept by municipal contracts


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
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Hændelser pr. transaktion (standard 2000)."
        )

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
        deleted = audit_prune(cutoff=cutoff, batch_size=options.get("batch_size") or 2000)
        message = ngettext(
            "%(n)s loghændelse ældre end %(days)s dage er slettet.",
            "%(n)s loghændelser ældre end %(days)s dage er slettet.",
            deleted,
        )
        self.stdout.write(message % {"n": deleted, "days": days})
