"""`manage.py seed_demo`: idempotent demo data. Each app contributes its own `<app>.demo.seed()`;
this command, a composing feature, calls them in order."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citizens import demo as citizens_demo
from enterprises import demo as enterprises_demo
from matching import demo as matching_demo
from portal.core import demo as core_demo
from portal.core.demo import DEMO_PASSWORD, USERS
from portal.core.models import User
from portal.flyer import demo as flyer_demo

# Base first, matching last: each step needs the data of the ones before it.
SEEDERS = (core_demo, flyer_demo, enterprises_demo, citizens_demo, matching_demo)


class Command(BaseCommand):
    help = "Opretter demodata (jobcentre, demo-brugere og hvad hver app bidrager med). Kan køres flere gange."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Gør intet, hvis der allerede findes brugere."
        )
        parser.add_argument(
            "--allow-production-demo",
            action="store_true",
            help="Opret demodata (med offentligt kendte adgangskoder) selv med DEBUG slået fra.",
        )

    def handle(self, *args, if_empty: bool = False, allow_production_demo: bool = False, **options) -> None:
        if not settings.DEBUG and not allow_production_demo:
            # The demo logins share one published password: never in a production database by accident.
            raise CommandError(
                "DEBUG er slået fra (produktion): demodata oprettes ikke. "
                "Brug DEBUG=1 til udvikling, eller --allow-production-demo til en offentlig demo."
            )
        if if_empty and User.objects.exists():
            self.stdout.write("Databasen har allerede data; demodata springes over.")
        else:
            for seeder in SEEDERS:
                seeder.seed(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS("Demodata er klar."))
        self.stdout.write(f"Demo-logins (adgangskode: {DEMO_PASSWORD}):")
        for username, _first, _last, role, jobcenter in USERS:
            self.stdout.write(f"  {username:<15} {role.label}{' – ' + jobcenter if jobcenter else ''}")
