"""`manage.py verify_audit`: check the audit log's hash chain; name the first broken link, exit 1."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.core.audit_chain import verify


class Command(BaseCommand):
    help = "Kontrollerer loggens hashkæde og navngiver det første brudte led."

    def handle(self, *args, **options) -> None:
        verdict = verify()
        if verdict.broken_id is not None:
            at = timezone.localtime(verdict.broken_at).strftime("%d.%m.%Y %H:%M:%S")
            raise CommandError(
                f"Loggens hashkæde er brudt ved hændelse #{verdict.broken_id} ({at}): "
                f"hændelsen eller en før den er ændret, slettet eller indsat bagefter. "
                f"{verdict.checked} hændelser før den er i orden."
            )
        self.stdout.write(f"Loggens hashkæde er intakt: {verdict.checked} hændelser kontrolleret.")
