"""Demo data for the flyer: the published default text and contact blocks for the demo jobcenters."""

from django.db import transaction

from portal.core.models import Jobcenter
from portal.flyer.models import FlyerContact
from portal.flyer.services import flyer_text_ensure

CONTACTS = {
    "Jobcenter Aarhus": {
        "name": "Jobcenter Aarhus, Virksomhedsservice",
        "contact_person": "Thomas Lund, teamleder",
        "phone": "89 40 20 00",
        "email": "virksomhedsservice@aarhus.dk",
        "website": "https://www.aarhus.dk/jobcenter",
    },
    "Jobcenter Odense": {
        "name": "Jobcenter Odense, Virksomhedsservice",
        "contact_person": "Sofie Bach, virksomhedskonsulent",
        "phone": "65 51 30 00",
        "email": "jobcenter@odense.dk",
        "website": "https://www.odense.dk/jobcenter",
    },
}


@transaction.atomic
def seed(stdout=None) -> None:
    flyer_text_ensure()
    count = 0
    for jobcenter in Jobcenter.objects.filter(name__in=CONTACTS):
        # Only create: a block a team lead has since changed is left alone.
        FlyerContact.objects.get_or_create(jobcenter=jobcenter, defaults=CONTACTS[jobcenter.name])
        count += 1
    if stdout:
        stdout.write(f"  flyer: standardtekst udgivet, {count} kontaktblokke")
