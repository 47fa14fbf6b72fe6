"""Matching fixtures (factories: tests/factories.py)."""

from functools import partial

import pytest
from django.utils import timezone

from citizens.models import Citizen
from enterprises.models import Enterprise
from matching import services
from matching.models import Placement
from portal.core.models import PlacementType
from tests import factories

# Matching tests start from an enterprise with 20 ordinary employees and two praktik places.
make_enterprise = partial(factories.make_enterprise, fte="20", offers={"virksomhedspraktik": 2})
make_citizen = factories.make_citizen


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
