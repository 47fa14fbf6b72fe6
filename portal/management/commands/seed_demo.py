"""`manage.py seed_demo`: idempotent demo data. Each app contributes its own `<app>.demo.seed()`."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from portal.demo import DEMO_PASSWORD, USERS
from portal.models import User


class Command(BaseCommand):
    help = "Opretter demodata (jobcentre, demo-brugere og hvad hver app bidrager med). Kan køres flere gange."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Gør intet, hvis der allerede findes brugere."
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if if_empty and User.objects.exists():
            self.stdout.write("Databasen har allerede data; demodata springes over.")
        else:
            # Apps in INSTALLED_APPS order: portal first, matching last (it needs the others' data).
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if not config.path.startswith(str(settings.BASE_DIR)) or find_spec(module_name) is None:
                    continue
                import_module(module_name).seed(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS("Demodata er klar."))
        self.stdout.write(f"Demo-logins (adgangskode: {DEMO_PASSWORD}):")
        for username, _first, _last, role, jobcenter in USERS:
            self.stdout.write(f"  {username:<15} {role.label}{' – ' + jobcenter if jobcenter else ''}")
