"""Daily (systemd timer): verification links to entries not verified for N months, one reminder after
14 days, then "ring op". Idempotent: running it twice a day sends nothing twice."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from enterprises.verify.services import send_due
from portal.core.audit import SYSTEM


class Command(BaseCommand):
    help = "Send verification links to enterprises not verified for N months, remind, and mark 'ring op'."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--older-than-months", type=int, default=12)
        parser.add_argument("--cvr", help="only this enterprise")

    def handle(self, *args, older_than_months: int, cvr: str | None, **options) -> None:
        if older_than_months < 0:
            raise CommandError("--older-than-months must be 0 or more")
        # A month as 30 days: the register's own "stale" mark uses 365 days for 12 months.
        older_than = (
            timedelta(days=365) if older_than_months == 12 else timedelta(days=30 * older_than_months)
        )
        result = send_due(older_than=older_than, cvr=cvr, context=SYSTEM)
        self.stdout.write(f"sent={result.sent} reminded={result.reminded} to_call={result.to_call}")
