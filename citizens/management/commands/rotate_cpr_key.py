"""`manage.py rotate_cpr_key [--rehash] [--batch-size N]`: online CPR key rotation (citizens/key_rotation.py)."""

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citizens.key_rotation import rotate_cpr_keys

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Krypterer alle CPR-numre igen med den nyeste nøgle i FIELD_ENCRYPTION_KEYS "
        "(eller --rehash: ny søgenøgle fra CPR_HASH_KEY). Kan afbrydes og køres igen."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rehash", action="store_true", help="Beregn CPR-søgenøglen igen med CPR_HASH_KEY."
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rækker pr. transaktion (standard 500)."
        )

    def handle(self, *args, rehash: bool = False, batch_size: int = 500, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size skal være mindst 1.")
        if rehash and not settings.CPR_HASH_KEY:
            raise CommandError("Sæt CPR_HASH_KEY til den nye søgenøgle, før du kører --rehash.")
        if not rehash and len(settings.FIELD_ENCRYPTION_KEYS) < 2:
            self.stdout.write("Kun én nøgle i FIELD_ENCRYPTION_KEYS: alle rækker kontrolleres mod den.")
        started = time.monotonic()
        result = rotate_cpr_keys(rehash=rehash, batch_size=batch_size, progress=self._progress)
        self._last_shown = None
        seconds = time.monotonic() - started
        self.stdout.write("")
        what = "søgenøgle beregnet igen" if rehash else "krypteret igen"
        self.stdout.write(
            f"{result.checked} CPR-numre kontrolleret, {result.changed} {what} på {seconds:.1f} s "
            f"(gennemløb: {', '.join(map(str, result.passes))})."
        )
        if not rehash and not settings.CPR_HASH_KEY and len(settings.FIELD_ENCRYPTION_KEYS) > 1:
            # Unset, the hash key is derived from the oldest key: dropping that key would break every search.
            self.stdout.write(
                "Søgenøglen er stadig afledt af den ældste nøgle. Før den fjernes fra FIELD_ENCRYPTION_KEYS: "
                "sæt CPR_HASH_KEY og kør rotate_cpr_key --rehash."
            )
        if result.passes[-1] != 0:
            raise CommandError("Der kom stadig ændringer til i sidste gennemløb: kør kommandoen igen.")

    _last_shown: tuple[int, int] | None = None

    def _progress(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        shown = (percent, done // max(1, total // 20))
        if shown == self._last_shown:
            return
        self._last_shown = shown
        filled = BAR_WIDTH * percent // 100
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        # A redrawn line on a terminal, one line per step in a log (systemd, cron).
        end = "\r" if sys.stdout.isatty() else "\n"
        self.stdout.write(f"[{bar}] {percent:3d} %  {done}/{total}", ending=end)
