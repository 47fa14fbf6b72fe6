"""The demo seed: about 400 citizens per demo jobcenter, valid-format CPRs, idempotent."""

from io import StringIO

from django.core.management import call_command

from citizens import cpr as cprlib
from citizens.models import CaseNote, Citizen


def test_seed_demo_adds_400_citizens_per_jobcenter_once(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert Citizen.objects.filter(jobcenter__name="Jobcenter Aarhus").count() == 400
    assert Citizen.objects.filter(jobcenter__name="Jobcenter Odense").count() == 400
    aarhus = Citizen.objects.filter(jobcenter__name="Jobcenter Aarhus")
    assert aarhus.filter(caseworker__username="sagsbehandler").count() > 250
    assert set(Citizen.objects.values_list("status", flat=True)) == {"active", "paused", "closed"}
    assert CaseNote.objects.exists()
    assert Citizen.objects.filter(consent_given=True).count() > 600
    for citizen in Citizen.objects.order_by("?")[:20]:
        number = cprlib.decrypt(citizen.cpr_encrypted)
        assert cprlib.normalise(number) == number
        assert cprlib.birth_date(number) == citizen.birth_date
        assert citizen.cpr_hash == cprlib.lookup_hash(number)
    odense = Citizen.objects.filter(jobcenter__name="Jobcenter Odense").select_related("postcode")
    assert sum(c.postcode.municipality_id == "461" for c in odense) > 300
