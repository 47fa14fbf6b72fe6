#!/usr/bin/env python
"""Time `rotate_cpr_key` (and `--rehash`) for N citizens (default 100,000) on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<own db> .venv/bin/python bench/cpr_rotation.py [N]

Inserts N citizens under a throw-away old key in one scratch jobcenter, rotates to a new key and a new
hash key, checks a sample, and deletes the scratch rows again. Not part of `make bench` (minutes)."""

import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from cryptography.fernet import Fernet  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402

from citizens import cpr as cprlib  # noqa: E402
from citizens.key_rotation import rotate_cpr_keys  # noqa: E402
from citizens.models import Citizen  # noqa: E402
from portal.core.models import Jobcenter, Role, User  # noqa: E402


def _insert(jobcenter: Jobcenter, user: User, count: int) -> None:
    rng = random.Random(14)
    for start in range(0, count, 5000):
        rows = []
        for i in range(start, min(count, start + 5000)):
            birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i // 9000)
            number = f"{birth:%d%m%y}{i % 9000 + 1000:04d}"
            rows.append(
                Citizen(
                    jobcenter=jobcenter,
                    caseworker=user,
                    cpr_encrypted=cprlib.encrypt(number),
                    cpr_hash=cprlib.lookup_hash(number),
                    birth_date=birth,
                    first_name="Bench",
                    last_name=f"Rotation {rng.randint(1, 10**6)}",
                )
            )
        Citizen.objects.bulk_create(rows, batch_size=5000)


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    jobcenter = Jobcenter.objects.create(name=f"Bench rotation {time.time():.0f}")
    user = User.objects.create_user(
        username=f"bench-rot-{jobcenter.pk}", role=Role.CASEWORKER, jobcenter=jobcenter
    )
    try:
        with override_settings(FIELD_ENCRYPTION_KEYS=[old], CPR_HASH_KEY=""):
            started = time.monotonic()
            _insert(jobcenter, user, count)
            print(f"inserted {count} citizens in {time.monotonic() - started:.1f} s")
        with override_settings(FIELD_ENCRYPTION_KEYS=[new, old], CPR_HASH_KEY=""):
            started = time.monotonic()
            result = rotate_cpr_keys(batch_size=1000)
            print(
                f"rotate_cpr_key: {result.changed} re-encrypted, passes {result.passes}, "
                f"{time.monotonic() - started:.1f} s"
            )
        with override_settings(FIELD_ENCRYPTION_KEYS=[new, old], CPR_HASH_KEY="bench-hash-key-" + "x" * 32):
            started = time.monotonic()
            result = rotate_cpr_keys(rehash=True, batch_size=1000)
            print(
                f"rotate_cpr_key --rehash: {result.changed} rehashed, passes {result.passes}, "
                f"{time.monotonic() - started:.1f} s"
            )
        with override_settings(FIELD_ENCRYPTION_KEYS=[new], CPR_HASH_KEY="bench-hash-key-" + "x" * 32):
            sample = Citizen.objects.filter(jobcenter=jobcenter).order_by("?")[:200]
            for citizen in sample:
                number = cprlib.decrypt(citizen.cpr_encrypted)
                assert (
                    Citizen.objects.filter(jobcenter=jobcenter, cpr_hash=cprlib.lookup_hash(number)).count()
                    == 1
                )
            print(f"checked {len(sample)} random rows with the new key alone: decrypt and search ok")
    finally:
        Citizen.objects.filter(jobcenter=jobcenter).delete()
        user.delete()
        jobcenter.delete()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
