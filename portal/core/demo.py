"""Demo data for the portal: two jobcenters and the four demo logins (docs/architecture.md)."""

from django.db import transaction

from portal.core.models import Jobcenter, Municipality, Postcode, Role, User

DEMO_PASSWORD = "brobygger-demo"

JOBCENTERS = {
    "Jobcenter Aarhus": {
        "municipalities": ["751"],
        "address": "Værkmestergade 25",
        "postcode": "8000",
        "phone": "89 40 20 00",
        "email": "jobcenter@aarhus.dk",
    },
    "Jobcenter Odense": {
        "municipalities": ["461"],
        "address": "Lumbyvej 13",
        "postcode": "5000",
        "phone": "65 51 30 00",
        "email": "jobcenter@odense.dk",
    },
}

USERS = [
    ("sagsbehandler", "Sara", "Holm", Role.CASEWORKER, "Jobcenter Aarhus"),
    ("teamleder", "Thomas", "Lund", Role.TEAM_LEAD, "Jobcenter Aarhus"),
    ("sagsbehandler2", "Sofie", "Bach", Role.CASEWORKER, "Jobcenter Odense"),
    ("admin", "Anders", "Krogh", Role.ADMIN, None),
    ("systemadmin", "Signe", "Dahl", Role.SYSTEM_ADMIN, None),
]


@transaction.atomic
def seed(stdout=None) -> None:
    jobcenters = {}
    for name, facts in JOBCENTERS.items():
        jobcenter, _ = Jobcenter.objects.update_or_create(
            name=name,
            defaults={
                "address": facts["address"],
                "postcode": Postcode.objects.get(number=facts["postcode"]),
                "phone": facts["phone"],
                "email": facts["email"],
            },
        )
        jobcenter.municipalities.set(Municipality.objects.filter(code__in=facts["municipalities"]))
        jobcenters[name] = jobcenter
    for username, first, last, role, jobcenter_name in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "jobcenter": jobcenters.get(jobcenter_name),
                "email": f"{username}@brobygger.local",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    if stdout:
        stdout.write(f"  portal: {len(jobcenters)} jobcentre, {len(USERS)} demo-brugere")
