"""Fixtures for the enterprise register: a small factory with valid CVR numbers."""

import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from enterprises.demo import cvr_numbers
from enterprises.models import ContactPerson, Enterprise, Offer
from portal.core.models import Postcode

_CVRS = iter(cvr_numbers(__import__("random").Random(7), 5000))
_counter = itertools.count()


def make_enterprise(
    name: str | None = None,
    *,
    postcode: str = "8000",
    offers: dict[str, int] | None = None,
    target_groups: list[str] | None = None,
    challenge_areas: list[str] | None = None,
    contact: str | None = None,
    **fields,
) -> Enterprise:
    pc = Postcode.objects.get(number=postcode)
    fields.setdefault("last_verified_at", timezone.now())
    fields.setdefault("ordinary_staff_fte", Decimal("10"))
    enterprise = Enterprise.objects.create(
        name=name or f"Virksomhed {next(_counter)}",
        cvr=fields.pop("cvr", None) or next(_CVRS),
        postcode=pc,
        municipality_id=fields.pop("municipality_id", pc.municipality_id),
        **fields,
    )
    for code, places in (offers or {}).items():
        Offer.objects.create(enterprise=enterprise, placement_type_id=code, places=places)
    if target_groups:
        enterprise.target_groups.set(target_groups)
    if challenge_areas:
        enterprise.challenge_areas.set(challenge_areas)
    if contact:
        ContactPerson.objects.create(enterprise=enterprise, name=contact, is_primary=True)
    return enterprise


@pytest.fixture
def enterprise(db) -> Enterprise:
    return make_enterprise(
        "Café Bro",
        offers={"virksomhedspraktik": 2, "loentilskud": 1},
        target_groups=["kontanthjaelp_aktivitetsparat"],
        challenge_areas=["psykisk_saarbarhed"],
        contact="Mette Hansen",
        description="Café med frokostordning",
    )


@pytest.fixture
def valid_cvr() -> str:
    return next(_CVRS)
