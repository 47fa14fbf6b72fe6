"""Citizen fixtures: Aarhus citizens for the fixture caseworker, and a builder for more."""

import pytest

from citizens import services
from citizens.models import CaseNote, Citizen
from portal.core.models import Postcode
from tests.factories import next_cpr

# Valid-format CPR numbers (real dates); the first passes modulus 11, the second fails it.
CPR_MOD11_OK = "211062-5629"
CPR_MOD11_FAIL = "211062-5620"


@pytest.fixture
def make_citizen(db):
    """Cases made through `citizen_create`, as a caseworker makes them (the ORM factory for other
    apps' tests is tests/factories.py)."""

    def build(*, by, cpr: str | None = None, **fields) -> Citizen:
        fields.setdefault("first_name", "Mette")
        fields.setdefault("last_name", "Jensen")
        fields.setdefault("postcode", Postcode.objects.get(number="8000"))
        return services.citizen_create(by=by, cpr=cpr or next_cpr(), fields=fields)

    return build


@pytest.fixture
def citizen(make_citizen, caseworker) -> Citizen:
    """An Aarhus citizen on the fixture caseworker's caseload, with one note."""
    c = make_citizen(by=caseworker, cpr=CPR_MOD11_OK, first_name="Mette", last_name="Jensen")
    CaseNote.objects.create(citizen=c, author=caseworker, text="Første samtale.")
    return c


def citizen_form_data(**overrides) -> dict:
    data = {
        "cpr": "150385-1234",
        "first_name": "Ali",
        "last_name": "Hansen",
        "phone": "12 34 56 78",
        "email": "",
        "postcode": "8000",
        "target_group": "kontanthjaelp_aktivitetsparat",
        "max_travel_km": "20",
        "hours_per_week": "15",
        "wanted_placement_types": ["virksomhedspraktik"],
        "challenge_areas": ["social_isolation"],
        "competences": "Køkken",
        "considerations": "Korte dage",
        "consent_given": "on",
        "consent_method": "signed",
        "consent_date": "2026-01-05",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
