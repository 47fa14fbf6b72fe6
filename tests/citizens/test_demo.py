"""The demo seed: about 400 citizens per demo jobcenter, valid-format CPRs, idempotent."""

import datetime
import random
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone

from citizens import cpr as cprlib
from citizens.demo import working_hours_moments
from citizens.models import CaseNote, Citizen

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def in_working_hours(moment: datetime.datetime) -> bool:
    """Monday–Friday, 08:00–16:00 Copenhagen time."""
    local = moment.astimezone(COPENHAGEN)
    return local.weekday() < 5 and datetime.time(8) <= local.time() <= datetime.time(16)


def test_seed_demo_adds_400_citizens_per_jobcenter_once(db):
    call_command("seed_demo", allow_production_demo=True, stdout=StringIO())
    call_command("seed_demo", allow_production_demo=True, stdout=StringIO())
    assert Citizen.objects.filter(jobcenter__name="Jobcenter Aarhus").count() == 400
    assert Citizen.objects.filter(jobcenter__name="Jobcenter Odense").count() == 400
    aarhus = Citizen.objects.filter(jobcenter__name="Jobcenter Aarhus")
    assert aarhus.filter(caseworker__username="sagsbehandler").count() > 250
    assert set(Citizen.objects.values_list("status", flat=True)) == {"active", "paused", "closed"}
    assert CaseNote.objects.exists()
    note_times = list(CaseNote.objects.values_list("created_at", flat=True))
    assert [t for t in note_times if not in_working_hours(t)] == []
    assert all(t < timezone.now() for t in note_times)
    assert Citizen.objects.filter(consent_given=True).count() > 600
    for citizen in Citizen.objects.order_by("?")[:20]:
        number = cprlib.decrypt(citizen.cpr_encrypted)
        assert cprlib.normalise(number) == number
        assert cprlib.birth_date(number) == citizen.birth_date
        assert citizen.cpr_hash == cprlib.lookup_hash(number)
    odense = Citizen.objects.filter(jobcenter__name="Jobcenter Odense").select_related("postcode")
    assert sum(c.postcode.municipality_id == "461" for c in odense) > 300


def test_demo_notes_fall_on_weekdays_in_working_hours_across_the_year():
    today = datetime.date(2026, 3, 30)  # the Monday after the switch to summer time
    moment = working_hours_moments(random.Random(1), today)
    moments = [moment() for _ in range(2000)]
    assert all(in_working_hours(m) for m in moments)
    assert all(today - datetime.timedelta(days=366) < m.date() < today for m in moments)
    local_hours = {m.astimezone(COPENHAGEN).hour for m in moments}
    assert local_hours == set(range(8, 17))  # spread over the day; 16 only as 16:00 sharp
    offsets = {m.utcoffset() for m in moments}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}  # winter and summer
    again = working_hours_moments(random.Random(1), today)
    assert [again() for _ in range(2000)] == moments  # seeded: the same demo every time
