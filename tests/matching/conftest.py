"""Factories for matching tests: enterprises, offers and citizens made directly with the ORM."""

import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from citizens.models import Citizen
from enterprises.models import Enterprise, Offer
from matching import services
from matching.models import Placement
from portal.core.models import PlacementType

WEIGHTS_CVR = (2, 7, 6, 5, 4, 3, 2, 1)
_serial = itertools.count(1000001)


def next_cvr() -> str:
    """A fresh CVR number that passes modulus 11."""
    while True:
        prefix = f"{next(_serial):07d}"
        total = sum(int(d) * w for d, w in zip(prefix, WEIGHTS_CVR[:7], strict=True))
        check = (-total) % 11
        if check < 10:
            return prefix + str(check)


def make_enterprise(
    *, postcode: str = "8000", offers: dict | None = None, fte: str = "20", **fields
) -> Enterprise:
    """`offers`: {type code: places} or {type code: dict of Offer fields}."""
    challenge_areas = fields.pop("challenge_areas", [])
    target_groups = fields.pop("target_groups", [])
    from portal.core.models import Postcode

    pc = Postcode.objects.get(number=postcode)
    enterprise = Enterprise.objects.create(
        cvr=fields.pop("cvr", None) or next_cvr(),
        name=fields.pop("name", f"Virksomhed {postcode}"),
        postcode=pc,
        municipality_id=pc.municipality_id,
        ordinary_staff_fte=Decimal(fte),
        **fields,
    )
    for code, spec in (offers if offers is not None else {"virksomhedspraktik": 2}).items():
        spec = {"places": spec} if isinstance(spec, int) else spec
        Offer.objects.create(enterprise=enterprise, placement_type_id=code, **spec)
    enterprise.challenge_areas.set(challenge_areas)
    enterprise.target_groups.set(target_groups)
    return enterprise


def make_citizen(*, jobcenter, caseworker, postcode: str = "8000", consent: bool = True, **fields) -> Citizen:
    wanted = fields.pop("wanted", [])
    challenges = fields.pop("challenge_areas", [])
    industries = fields.pop("industries", [])
    citizen = Citizen.objects.create(
        jobcenter=jobcenter,
        caseworker=caseworker,
        first_name=fields.pop("first_name", "Bo"),
        last_name=fields.pop("last_name", "Borger"),
        postcode_id=postcode,
        consent_given=consent,
        **fields,
    )
    citizen.wanted_placement_types.set(wanted)
    citizen.challenge_areas.set(challenges)
    citizen.preferred_industries.set(industries)
    return citizen


def make_placement(*, citizen, enterprise, by, code: str = "virksomhedspraktik", status: str = "proposed"):
    """A placement walked through the real transition service up to `status`."""
    placement = services.placement_propose(
        citizen=citizen,
        enterprise=enterprise,
        placement_type=PlacementType.objects.get(code=code),
        by=by,
        purpose="Afklaring af arbejdsevne",
    )
    path = {
        "proposed": [],
        "contacted": ["contacted"],
        "agreed": ["contacted", "agreed"],
        "active": ["contacted", "agreed", "active"],
        "completed": ["contacted", "agreed", "active", "completed"],
        "cancelled": ["cancelled"],
    }[status]
    for step in path:
        services.placement_transition(
            placement=placement,
            to_status=step,
            by=by,
            reason="other" if step == "cancelled" else None,
            outcome="ordinary_job" if step == "completed" else None,
            ended_on=timezone.localdate() if step == "completed" else None,
        )
    return Placement.objects.get(pk=placement.pk)


@pytest.fixture
def enterprise(db) -> Enterprise:
    return make_enterprise(name="Café Kompasset", offers={"virksomhedspraktik": 2, "fleksjob": 1})


@pytest.fixture
def citizen(jobcenter, caseworker) -> Citizen:
    return make_citizen(jobcenter=jobcenter, caseworker=caseworker, first_name="Mette", last_name="Madsen")


@pytest.fixture
def foreign_citizen(other_jobcenter, outsider) -> Citizen:
    return make_citizen(
        jobcenter=other_jobcenter, caseworker=outsider, postcode="5000", first_name="Ole", last_name="Odense"
    )


@pytest.fixture
def placement(citizen, enterprise, caseworker) -> Placement:
    return make_placement(citizen=citizen, enterprise=enterprise, by=caseworker)
