"""`manage.py purge_closed_cases [--older-than-days N] [--dry-run]`: anonymise expired closed cases."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from citizens.services import citizens_purge_closed


class Command(BaseCommand):
    help = (
        "Anonymiserer afsluttede sager, der er lukket for mere end opbevaringsperioden siden: CPR, navne, "
        "kontaktdata og notattekster fjernes; statistikfelter bevares."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help=f"Standard: CITIZEN_RETENTION_DAYS ({settings.CITIZEN_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Vis kun antallet; ændr intet.")

    def handle(self, *args, older_than_days: int | None = None, dry_run: bool = False, **options) -> None:
        days = settings.CITIZEN_RETENTION_DAYS if older_than_days is None else older_than_days
        if days < 0:
            raise CommandError("--older-than-days kan ikke være negativ.")
        ids = citizens_purge_closed(older_than_days=days, dry_run=dry_run)
        count = len(ids)
        if dry_run:
            message = ngettext(
                "%(n)s afsluttet sag ville blive anonymiseret (intet ændret).",
                "%(n)s afsluttede sager ville blive anonymiseret (intet ændret).",
                count,
            )
        else:
            message = ngettext(
                "%(n)s afsluttet sag er anonymiseret.", "%(n)s afsluttede sager er anonymiseret.", count
            )
        self.stdout.write(message % {"n": count})
