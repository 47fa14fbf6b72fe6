"""`manage.py import_enterprises FILE [--dry-run]`: the same engine as the web import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from enterprises.csv_io import import_csv
from portal.core.audit import SYSTEM


class Command(BaseCommand):
    help = "Importerer virksomheder fra en CSV-fil (alt eller intet; opdaterer efter CVR-nummer)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="CSV-fil (UTF-8 eller Windows-1252, ; eller ,)")
        parser.add_argument("--dry-run", action="store_true", help="Kontrollér kun; gem intet.")

    def handle(self, *args, file: Path, dry_run: bool = False, **options) -> None:
        if not file.is_file():
            raise CommandError(f"Filen findes ikke: {file}")
        report = import_csv(file.read_bytes(), dry_run=dry_run, context=SYSTEM, filename=file.name)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} fejl i filen. Intet er gemt.")
        if dry_run:
            self.stdout.write(
                f"Filen er i orden: {report.to_create} nye og {report.to_update} opdateres. Intet er gemt (--dry-run)."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Importeret: {report.created} oprettet, {report.updated} opdateret.")
            )
