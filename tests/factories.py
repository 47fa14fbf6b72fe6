"""The one set of test factories: enterprises (with offers, groups, experience, a contact), citizens
and valid CVR / CPR numbers. Made directly with the ORM, so a test sets up exactly the state it needs;
the services under test are called by the tests themselves."""

import datetime
import itertools
import random
from decimal import Decimal

from django.utils import timezone

from citizens import cpr as cprlib
from citizens.models import Citizen
from enterprises.demo import cvr_numbers
from enterprises.models import ContactPerson, Enterprise, Offer
from portal.core.models import Postcode

# Spread over the whole range, so no two share a prefix a search test might type.
_cvrs = iter(cvr_numbers(random.Random(7), 20_000))
_cpr_serial = itertools.count(1000)
_names = itertools.count()


def next_cvr() -> str:
    """A fresh CVR number that passes the modulus-11 check."""
    return next(_cvrs)


def next_cpr() -> str:
    """A fresh valid-format CPR number (1 January 1990 + serial)."""
    return f"010190-{next(_cpr_serial):04d}"


def make_enterprise(
    name: str | None = None,
    *,
    postcode: str = "8000",
    offers: dict[str, int | dict] | None = None,
    fte: str | Decimal = "10",
    target_groups: list[str] | None = None,
    challenge_areas: list[str] | None = None,
    contact: str | None = None,
    **fields,
) -> Enterprise:
    """`offers`: {type code: places} or {type code: dict of Offer fields, e.g. places_taken}."""
    pc = Postcode.objects.get(number=postcode)
    fields.setdefault("last_verified_at", timezone.now())
    enterprise = Enterprise.objects.create(
        name=name or f"Virksomhed {next(_names)}",
        cvr=fields.pop("cvr", None) or next_cvr(),
        postcode=pc,
        municipality_id=fields.pop("municipality_id", pc.municipality_id),
        ordinary_staff_fte=Decimal(fields.pop("ordinary_staff_fte", fte)),
        **fields,
    )
    for code, spec in (offers or {}).items():
        spec = {"places": spec} if isinstance(spec, int) else spec
        Offer.objects.create(enterprise=enterprise, placement_type_id=code, **spec)
    enterprise.target_groups.set(target_groups or [])
    enterprise.challenge_areas.set(challenge_areas or [])
    if contact:
        ContactPerson.objects.create(enterprise=enterprise, name=contact, is_primary=True)
    return enterprise


def make_citizen(
    *,
    caseworker,
    jobcenter=None,
    postcode: str = "8000",
    consent: bool = True,
    cpr: str | None = None,
    wanted: list[str] = (),
    challenge_areas: list[str] = (),
    industries: list[str] = (),
    **fields,
) -> Citizen:
    """A case on `caseworker`'s caseload (in `jobcenter`, by default the caseworker's own)."""
    number = cprlib.normalise(cpr or next_cpr())
    citizen = Citizen.objects.create(
        jobcenter=jobcenter or caseworker.jobcenter,
        caseworker=caseworker,
        cpr_encrypted=cprlib.encrypt(number),
        cpr_hash=cprlib.lookup_hash(number),
        birth_date=cprlib.birth_date(number),
        first_name=fields.pop("first_name", "Bo"),
        last_name=fields.pop("last_name", "Borger"),
        postcode_id=postcode,
        consent_given=consent,
        consent_method="signed" if consent else "",
        consent_date=datetime.date(2026, 1, 5) if consent else None,
        **fields,
    )
    citizen.wanted_placement_types.set(wanted)
    citizen.challenge_areas.set(challenge_areas)
    citizen.preferred_industries.set(industries)
    return citizen
