"""Data for the stack test (run by bench/stack/stack.py with the stack's environment): one jobcenter,
30 case workers (load01..load30) and 200 citizens shared between them. Idempotent."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from citizens import services  # noqa: E402
from citizens.models import Citizen  # noqa: E402
from portal.core.models import Jobcenter, Municipality, Postcode, Role, User  # noqa: E402

PASSWORD = "stack-load-password-1"
USERS = 30
CITIZENS = 200


def main() -> None:
    jobcenter, _ = Jobcenter.objects.get_or_create(name="Jobcenter Stak")
    jobcenter.municipalities.set(Municipality.objects.filter(code="751"))
    users = []
    for n in range(1, USERS + 1):
        user, created = User.objects.get_or_create(
            username=f"load{n:02d}", defaults={"role": Role.CASEWORKER, "jobcenter": jobcenter}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        users.append(user)
    postcode = Postcode.objects.get(number="8000")
    have = Citizen.objects.filter(jobcenter=jobcenter).count()
    for i in range(have, CITIZENS):
        services.citizen_create(
            by=users[i % USERS],
            cpr=f"0101{80 + i // 100:02d}-{1000 + i % 100:04d}",
            fields={"first_name": "Stak", "last_name": f"Borger {i:03d}", "postcode": postcode},
        )
    print(f"seed: {USERS} case workers, {Citizen.objects.filter(jobcenter=jobcenter).count()} citizens")


if __name__ == "__main__":
    main()
