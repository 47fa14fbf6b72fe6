"""Daily: deactivate users who have not signed in for N days (break-glass accounts excepted)."""

from django.core.management.base import BaseCommand, CommandParser

from portal.signin.services import users_deactivate_inactive


class Command(BaseCommand):
    help = "Deaktiverer brugere, der ikke har logget ind i --days dage (ikke nødadgangskonti)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, days: int, **options) -> None:
        if days < 1:
            self.stderr.write("--days skal være mindst 1.")
            raise SystemExit(2)
        deactivated = users_deactivate_inactive(days=days)
        self.stdout.write(f"{len(deactivated)} brugere deaktiveret (ingen login i {days} dage).")
