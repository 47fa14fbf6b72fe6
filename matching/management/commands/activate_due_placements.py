"""`manage.py activate_due_placements [--today YYYY-MM-DD]`: start agreed placements on their date.

Run daily (deploy/ timer). `--today` runs it for a given day (catching up, tests) without touching
the clock; the events name the system as the actor.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import ngettext

from matching.loop_services import activate_due_placements


class Command(BaseCommand):
    help = "Starter aftalte forløb, hvis aftalte startdato er kommet."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="Kør som om det er denne dato (ÅÅÅÅ-MM-DD). Standard: i dag.")

    def handle(self, *args, today: str | None = None, **options) -> None:
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today skal være en dato som 2026-03-01, ikke {today!r}.") from exc
        started = activate_due_placements(today=day)
        message = ngettext("%(n)s forløb startet (%(day)s).", "%(n)s forløb startet (%(day)s).", len(started))
        self.stdout.write(message % {"n": len(started), "day": day.isoformat()})
