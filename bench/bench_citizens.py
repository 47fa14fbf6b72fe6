"""Citizens: 100,000 cases across 10 jobcenters; p95 of the list, a name search and an exact CPR search."""

from django.db import connection

from citizens import cpr as cprlib
from citizens.demo import generate_citizens
from citizens.models import Citizen
from portal.core.models import Jobcenter, Municipality, Role, User

JOBCENTERS = 10
PER_JOBCENTER = 10_000
# One municipality per bench jobcenter (big ones, so postcodes are plentiful).
MUNICIPALITIES = ["101", "751", "461", "851", "561", "630", "615", "657", "730", "265"]


def ensure_data() -> list[User]:
    caseworkers = []
    for index in range(JOBCENTERS):
        jobcenter, created = Jobcenter.objects.get_or_create(name=f"Bench-jobcenter {index + 1:02d}")
        if created:
            jobcenter.municipalities.set(Municipality.objects.filter(code=MUNICIPALITIES[index]))
        user, _ = User.objects.get_or_create(
            username=f"bench-sagsbehandler-{index + 1:02d}",
            defaults={
                "role": Role.CASEWORKER,
                "jobcenter": jobcenter,
                "first_name": "Bench",
                "last_name": f"{index + 1:02d}",
            },
        )
        caseworkers.append(user)
        missing = PER_JOBCENTER - Citizen.objects.filter(jobcenter=jobcenter).count()
        if missing > 0:
            print(f"   generating {missing} citizens for {jobcenter}", flush=True)
            generate_citizens(
                jobcenter=jobcenter,
                caseworkers=[(user, 1.0)],
                count=missing,
                seed=9000 + index,
                notes_per_citizen=(0, 2),
                batch_size=2000,
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE citizens_citizen")
    return caseworkers


def run(ctx) -> None:
    caseworkers = ensure_data()
    user = caseworkers[0]
    client = ctx.client_for(user)
    total = Citizen.objects.count()
    ctx.time_request(f"citizens: list, mine ({total:,} in db)", client, "/citizens/")
    ctx.time_request("citizens: list, all in jobcenter, page 200", client, "/citizens/?scope=all&page=200")
    sample = Citizen.objects.filter(jobcenter=user.jobcenter).order_by("pk")[500]
    ctx.time_request("citizens: search by name", client, f"/citizens/?scope=all&q={sample.last_name[:5]}")
    number = cprlib.format_cpr(cprlib.decrypt(sample.cpr_encrypted))

    def cpr_search() -> None:
        response = client.post("/citizens/search/cpr/", {"cpr": number})
        assert response.status_code == 200 and sample.last_name in response.content.decode()

    ctx.time_call("citizens: exact CPR search (POST)", cpr_search, budget_ms=100)
    ctx.time_request("citizens: detail", client, f"/citizens/{sample.pk}/")
