"""`manage.py send_reminders [--today YYYY-MM-DD]`: the daily reminder e-mail (daily timer).

At most one per user per day (recorded in `ReminderSent`), so running it twice is harmless. Skips users
with nothing due, users who turned reminders off, and deactivated users.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import ngettext

from matching.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Sender dagens påmindelser (antal og links, aldrig navne) til sagsbehandlere med noget, der venter."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="Kør som om det er denne dato (ÅÅÅÅ-MM-DD). Standard: i dag.")

    def handle(self, *args, today: str | None = None, **options) -> None:
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today skal være en dato som 2026-03-01, ikke {today!r}.") from exc
        sent = reminders_send(today=day)
        self.stdout.write(ngettext("%(n)s påmindelse sendt.", "%(n)s påmindelser sendt.", sent) % {"n": sent})
