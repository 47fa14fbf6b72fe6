"""Run against a RESTORED database (tests/deploy/test_restore_drill.py): print what the drill checks as JSON.

Row counts, one CPR revealed through the service with the kept key, `verify_audit`, and a real login
through the login page."""

import json
import os
import sys
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from citizens.models import CaseNote, Citizen  # noqa: E402
from citizens.services import citizen_reveal_cpr  # noqa: E402
from portal.core.models import AuditEvent, User  # noqa: E402


def main(username: str, password: str, citizen_id: int) -> None:
    counts = {
        "users": User.objects.count(),
        "citizens": Citizen.objects.count(),
        "notes": CaseNote.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
    user = User.objects.get(username=username)
    revealed = citizen_reveal_cpr(citizen=Citizen.objects.get(pk=citizen_id), by=user)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    home = client.get("/")
    print(
        json.dumps(
            {
                "counts": counts,
                "revealed": revealed,
                "verify_audit": out.getvalue().strip(),
                "login_status": response.status_code,
                "home_status": home.status_code,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
